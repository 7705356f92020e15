import { describe, expect, it } from "vitest";

import { spikeAreas } from "./spikes";
import type { SpikeInput } from "./types";

const at = (iso: string) => Date.parse(iso);
const domain = { from: at("2026-11-26T00:00:00Z"), to: at("2026-11-27T00:00:00Z") };
const spike = (code: number, start: string, end: string, extra: Partial<SpikeInput> = {}) => ({
  code,
  start: `2026-11-26T${start}:00Z`,
  end: `2026-11-26T${end}:00Z`,
  ...extra,
});

describe("spike areas", () => {
  it("are none for no spikes", () => {
    expect(spikeAreas([], domain)).toEqual([]);
  });

  it("shade one spike over its span, labelled with its code", () => {
    expect(spikeAreas([spike(50502, "14:01", "14:20")], domain)).toEqual([
      {
        x1: at("2026-11-26T14:01:00Z"),
        x2: at("2026-11-26T14:20:00Z"),
        codes: [50502],
        label: "50502",
        spikes: [
          {
            code: 50502,
            start: at("2026-11-26T14:01:00Z"),
            end: at("2026-11-26T14:20:00Z"),
            provisional: false,
            ongoing: false,
          },
        ],
        provisional: false,
        ongoing: false,
        clippedStart: false,
        clippedEnd: false,
      },
    ]);
  });

  it("clip spikes partly outside the domain and leave out those wholly outside", () => {
    const areas = spikeAreas(
      [
        { code: 1, start: "2026-11-25T23:00:00Z", end: "2026-11-26T01:00:00Z" },
        { code: 2, start: "2026-11-26T23:30:00Z", end: "2026-11-27T02:00:00Z", ongoing: true },
        { code: 3, start: "2026-11-25T10:00:00Z", end: "2026-11-26T00:00:00Z" },
        { code: 4, start: "2026-11-27T00:00:00Z", end: "2026-11-27T01:00:00Z" },
      ],
      domain,
    );
    expect(areas.map((a) => [a.codes, a.x1, a.x2, a.clippedStart, a.clippedEnd])).toEqual([
      [[1], domain.from, at("2026-11-26T01:00:00Z"), true, false],
      [[2], at("2026-11-26T23:30:00Z"), domain.to, false, true],
    ]);
    expect(areas[1]!.ongoing).toBe(true);
    expect(areas[1]!.spikes[0]!.end).toBe(at("2026-11-27T02:00:00Z"));
  });

  it("merge overlapping spikes of several codes into one area naming them in order of onset", () => {
    const areas = spikeAreas(
      [
        spike(50503, "14:03", "14:30"),
        spike(50502, "14:01", "14:20"),
        spike(12003, "14:30", "14:40", { verdict: "provisional" }),
        spike(104, "18:00", "18:05"),
      ],
      domain,
    );
    expect(areas).toHaveLength(2);
    expect(areas[0]).toMatchObject({
      x1: at("2026-11-26T14:01:00Z"),
      x2: at("2026-11-26T14:40:00Z"),
      codes: [50502, 50503, 12003],
      label: "50502, 50503, 12003",
      provisional: true,
    });
    expect(areas[0]!.spikes.map((s) => s.code)).toEqual([50502, 50503, 12003]);
    expect(areas[1]).toMatchObject({ codes: [104], provisional: false });
  });

  it("name at most three codes and count the rest, a code spiking twice once", () => {
    const [area] = spikeAreas(
      [
        spike(1, "10:00", "11:00"),
        spike(2, "10:05", "11:00"),
        spike(3, "10:10", "11:00"),
        spike(4, "10:15", "11:00"),
        spike(5, "10:20", "11:00"),
        spike(1, "10:50", "11:10"),
      ],
      domain,
    );
    expect(area!.label).toBe("1, 2, 3 +2");
    expect(area!.codes).toEqual([1, 2, 3, 4, 5]);
    expect(area!.spikes).toHaveLength(6);
    expect(
      spikeAreas([spike(1, "10:00", "11:00"), spike(2, "10:05", "11:00")], domain, {
        maxLabelCodes: 1,
      })[0]!.label,
    ).toBe("1 +1");
  });

  it("widen a short spike to the narrowest visible width, within the domain", () => {
    const tenMinutes = 600_000;
    const [middle] = spikeAreas([spike(1, "12:00", "12:01")], domain, { minWidthMs: tenMinutes });
    expect(middle!.x2 - middle!.x1).toBe(tenMinutes);
    expect((middle!.x1 + middle!.x2) / 2).toBe(at("2026-11-26T12:00:30Z"));
    const [edge] = spikeAreas([spike(1, "00:00", "00:01")], domain, { minWidthMs: tenMinutes });
    expect([edge!.x1, edge!.x2]).toEqual([domain.from, domain.from + tenMinutes]);
  });

  it("merge spikes that widening makes touch", () => {
    const areas = spikeAreas([spike(1, "12:00", "12:01"), spike(2, "12:05", "12:06")], domain, {
      minWidthMs: 600_000,
    });
    expect(areas).toHaveLength(1);
    expect(areas[0]!.codes).toEqual([1, 2]);
  });

  it("keep only the codes on the chart, and read a spike with no length as one minute", () => {
    const areas = spikeAreas([spike(1, "12:00", "12:00"), spike(2, "13:00", "13:10")], domain, {
      codes: [1],
    });
    expect(areas.map((a) => [a.codes, a.x2 - a.x1])).toEqual([[[1], 60_000]]);
  });
});
