import { describe, expect, it } from "vitest";

import { releaseMarkers } from "./releases";

const at = (iso: string) => Date.parse(iso);
const domain = { from: at("2026-11-20T00:00:00Z"), to: at("2026-11-27T00:00:00Z") };
const release = (appVersion: string, day: string) => ({
  appVersion,
  firstSeen: `2026-11-${day}Z`,
});

describe("release markers", () => {
  it("are none for no releases", () => {
    expect(releaseMarkers([], domain)).toEqual([]);
  });

  it("stand at each release within the domain, labelled with its version, in time order", () => {
    const markers = releaseMarkers(
      [
        release("5.3.0", "24T09:00:00"),
        release("5.2.1", "21T03:15:00"),
        release("5.1.0", "19T23:59:00"),
        release("5.4.0", "27T00:00:00"),
      ],
      domain,
    );
    expect(markers).toEqual([
      {
        x: at("2026-11-21T03:15:00Z"),
        versions: [{ appVersion: "5.2.1", firstSeen: at("2026-11-21T03:15:00Z") }],
        label: "5.2.1",
      },
      {
        x: at("2026-11-24T09:00:00Z"),
        versions: [{ appVersion: "5.3.0", firstSeen: at("2026-11-24T09:00:00Z") }],
        label: "5.3.0",
      },
    ]);
  });

  it("share one marker when releases are closer than the gap, keeping every version", () => {
    const markers = releaseMarkers(
      [
        release("5.3.0", "24T09:00:00"),
        release("5.3.1", "24T09:20:00"),
        release("5.3.2", "24T11:00:00"),
        release("5.3.3", "24T12:30:00"),
      ],
      domain,
      { minGapMs: 3 * 3_600_000 },
    );
    expect(markers).toHaveLength(2);
    expect(markers[0]).toMatchObject({ x: at("2026-11-24T09:00:00Z"), label: "5.3.0 +2" });
    expect(markers[0]!.versions.map((v) => v.appVersion)).toEqual(["5.3.0", "5.3.1", "5.3.2"]);
    expect(markers[1]).toMatchObject({ x: at("2026-11-24T12:30:00Z"), label: "5.3.3" });
  });

  it("keep the lines apart by at least the gap, however dense the releases", () => {
    const dense = Array.from({ length: 300 }, (_, i) => ({
      appVersion: `6.0.${i}`,
      firstSeen: new Date(domain.from + i * 1_800_000).toISOString(),
    }));
    const gap = 12 * 3_600_000;
    const markers = releaseMarkers(dense, domain, { minGapMs: gap });
    markers.slice(1).forEach((marker, i) => {
      expect(marker.x - markers[i]!.x).toBeGreaterThanOrEqual(gap);
    });
    expect(markers.flatMap((m) => m.versions)).toHaveLength(300);
  });

  it("count a version listed twice once, at its first appearance, and skip unreadable times", () => {
    const markers = releaseMarkers(
      [
        release("5.3.0", "24T09:00:00"),
        release("5.3.0", "22T09:00:00"),
        { appVersion: "x", firstSeen: "yesterday" },
      ],
      domain,
    );
    expect(markers.map((m) => [m.label, m.x])).toEqual([["5.3.0", at("2026-11-22T09:00:00Z")]]);
  });
});
