import { describe, expect, it } from "vitest";

import { isDatabaseUnavailable } from "./errors";

describe("isDatabaseUnavailable", () => {
  it("recognises connection failures through the cause chain and Prisma's adapter errors", () => {
    expect(isDatabaseUnavailable(Object.assign(new Error("x"), { code: "ECONNREFUSED" }))).toBe(
      true,
    );
    expect(isDatabaseUnavailable(new Error("Server has closed the connection."))).toBe(true);
    const adapterError = Object.assign(new Error("DriverAdapterError: ConnectionClosed"), {
      cause: { kind: "ConnectionClosed" },
    });
    expect(
      isDatabaseUnavailable(
        Object.assign(new Error("Raw query failed"), {
          code: "P2010",
          meta: { driverAdapterError: adapterError },
        }),
      ),
    ).toBe(true);
    expect(
      isDatabaseUnavailable(
        new Error("outer", { cause: Object.assign(new Error("inner"), { code: "57P01" }) }),
      ),
    ).toBe(true);
  });

  it("counts a transaction rolled back by a deadlock or serialization conflict as retryable", () => {
    for (const code of ["40P01", "40001", "55P03"]) {
      expect(isDatabaseUnavailable(Object.assign(new Error("rolled back"), { code }))).toBe(true);
    }
  });

  it("counts a transaction that found no free connection in time as retryable", () => {
    const error = Object.assign(
      new Error("Transaction API error: Unable to start a transaction in the given time."),
      { code: "P2028" },
    );
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it("leaves real bugs alone", () => {
    expect(isDatabaseUnavailable(new Error("column x does not exist"))).toBe(false);
    expect(isDatabaseUnavailable(Object.assign(new Error("dup"), { code: "P2002" }))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
  });
});
