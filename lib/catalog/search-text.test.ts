import { describe, expect, it } from "vitest";

import { queryTokens } from "./repository";
import { buildSearchText, normalizeForSearch } from "./search-text";
import type { CatalogEntry } from "./types";

const entry: CatalogEntry = {
  code: 50502,
  family: "network",
  seedText: "javax.net.ssl.sslhandshakeexception",
  title: { zh: "SSL 握手失败", en: "SSL handshake failed" },
  summary: { zh: "证书校验失败", en: "Certificate check failed" },
  causes: [{ title: { zh: "证书过期", en: "Expired" }, detail: { zh: "x", en: "y" } }],
  supportAdvice: { zh: "a", en: "b" },
  opsChecks: [{ zh: "c", en: "d" }],
  relatedCodes: [],
  exceptions: [
    { className: "javax.net.ssl.SSLHandshakeException", message: "Chain validation failed" },
  ],
};

describe("catalogue search text", () => {
  it("holds the number, both languages and the exception class in lower case", () => {
    const text = buildSearchText(entry);
    expect(text).toContain("50502");
    expect(text).toContain("证书");
    expect(text).toContain("ssl handshake failed");
    expect(text).toContain("sslhandshakeexception");
    expect(text).toContain("chain validation failed");
  });

  it("folds full-width letters typed on a Chinese keyboard", () => {
    expect(normalizeForSearch("ＳＳＬ")).toBe("ssl");
  });

  it("splits a query into at most eight lower-case words", () => {
    expect(queryTokens("  Unable to  RESOLVE host ")).toEqual(["unable", "to", "resolve", "host"]);
    expect(queryTokens("a b c d e f g h i j")).toHaveLength(8);
    expect(queryTokens(undefined)).toEqual([]);
  });
});

describe("log patterns", () => {
  it("keep exception classes and the literal start of each message, up to its placeholder", async () => {
    const { buildLogPatterns } = await import("./search-text");
    const patterns = buildLogPatterns({
      ...entry,
      exceptions: [
        {
          className: "java.net.UnknownHostException",
          message: 'Unable to resolve host "<host>": x',
        },
        { className: "java.io.IOException", message: "Canceled" },
      ],
    });
    expect(patterns).toEqual([
      "canceled",
      "ioexception",
      "java.io.ioexception",
      "java.net.unknownhostexception",
      "unable to resolve host",
      "unknownhostexception",
    ]);
  });
});
