import { describe, expect, it } from "vitest";

import { countBatch } from "./batch-counts";
import type { NormalizedEvent } from "./event";

const RECEIVED = Date.parse("2026-11-26T10:30:20Z");

function event(fields: Partial<NormalizedEvent>): NormalizedEvent {
  const nulls = Object.fromEntries(
    ["host", "remoteIp", "httpProtocol", "exception", "message", "cause", "app", "appVersion"]
      .concat(["sdkVersion", "platform", "osVersion", "apiLevel", "deviceModel", "deviceHash"])
      .concat(["network", "carrier", "region", "locale", "attributes", "eventId", "clockDriftMs"])
      .map((field) => [field, null]),
  );
  return {
    ...(nulls as unknown as NormalizedEvent),
    index: 0,
    code: 50502,
    occurredAt: new Date(RECEIVED),
    receivedAt: new Date(RECEIVED),
    ...fields,
  };
}

/** The counts as rows, sorted, so the test does not depend on Map order. */
function rows(counts: ReturnType<typeof countBatch>) {
  return {
    minutes: counts.minuteCodes
      .map((code, i) => [code, counts.minuteStarts[i], counts.minuteCounts[i]])
      .sort(),
    dimensions: counts.dimensionCodes
      .map((code, i) => [
        code,
        counts.dimensionHours[i],
        counts.dimensionNames[i],
        counts.dimensionValues[i],
        counts.dimensionCounts[i],
      ])
      .sort(),
    late: counts.lateCodes.map((code, i) => [code, counts.lateMinutes[i]]).sort(),
    releases: counts.releaseVersions.map((v, i) => [v, counts.releaseMinutes[i]]).sort(),
  };
}

describe("countBatch", () => {
  it("counts by code and UTC minute, and by code, hour and each non-null dimension value", () => {
    const minute = Math.floor(RECEIVED / 60_000);
    const hour = Math.floor(RECEIVED / 3_600_000);
    const counted = rows(
      countBatch(
        [
          event({ region: "cn-east", apiLevel: 24 }),
          event({ region: "cn-east", apiLevel: 24, occurredAt: new Date(RECEIVED - 30_000) }),
          event({ region: "cn-north", code: 10202 }),
        ],
        RECEIVED,
      ),
    );
    expect(counted.minutes).toEqual(
      [
        [10202, minute, 1],
        [50502, minute, 1],
        [50502, minute - 1, 1],
      ].sort(),
    );
    // apiLevel is counted as text, as the aggregate's value column holds it.
    expect(counted.dimensions).toEqual(
      [
        [10202, hour, "region", "cn-north", 1],
        [50502, hour, "apiLevel", "24", 2],
        [50502, hour, "region", "cn-east", 2],
      ].sort(),
    );
    expect(counted.late).toEqual([]);
  });

  it("marks, per code, the earliest minute older than the late threshold", () => {
    const minute = Math.floor(RECEIVED / 60_000);
    const counted = rows(
      countBatch(
        [
          event({ occurredAt: new Date(RECEIVED - 2 * 60_000) }), // in minute − 2: on time
          event({ occurredAt: new Date(RECEIVED - 3 * 60_000) }),
          event({ occurredAt: new Date(RECEIVED - 50 * 60_000) }),
          event({ code: 1006, occurredAt: new Date(RECEIVED - 4 * 60_000) }),
        ],
        RECEIVED,
      ),
    );
    expect(counted.late).toEqual(
      [
        [1006, minute - 4],
        [50502, minute - 50],
      ].sort(),
    );
  });

  it("keeps each app version's earliest minute in the batch, for release markers", () => {
    const minute = Math.floor(RECEIVED / 60_000);
    const counted = rows(
      countBatch(
        [
          event({ appVersion: "5.3.0" }),
          event({ appVersion: "5.3.0", occurredAt: new Date(RECEIVED - 5 * 60_000) }),
          event({ appVersion: "5.2.1", code: 1006, occurredAt: new Date(RECEIVED - 60_000) }),
          event({}),
        ],
        RECEIVED,
      ),
    );
    expect(counted.releases).toEqual(
      [
        ["5.2.1", minute - 1],
        ["5.3.0", minute - 5],
      ].sort(),
    );
  });
});
