import { describe, expect, it } from "vitest";

import { catalogEntries } from "./entries";
import { queryTokens } from "./repository";
import { buildLogPatterns, buildSearchText, normalizeForSearch } from "./search-text";
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

  it("folds every way of typing a spelling to one, and leaves names and Chinese alone", () => {
    const spellings: [string[], string][] = [
      [["Wi-Fi", "WiFi", "wifi", "ＷｉＦｉ", "Wi\u2010Fi"], "wifi"],
      [["5GHz", "5 GHz", "5-GHz", "5_GHz", "5ghz", "５ＧＨｚ"], "5ghz"],
      [["2.4 GHz", "2.4GHz", "2.4-GHz"], "2.4ghz"],
      [["5 G", "5G"], "5g"],
      [["wifi密码", "WiFi 密码", "Wi-Fi  密码"], "wifi 密码"],
      [["5GHz-only", "5 GHz-only"], "5ghzonly"],
      [["unable\tto\n resolve"], "unable to resolve"],
      [["javax.net.ssl.SSLHandshakeException"], "javax.net.ssl.sslhandshakeexception"],
      [["okhttp3.internal.http2"], "okhttp3.internal.http2"],
      [["%{time_appconnect}"], "%{time_appconnect}"],
      [["a_b"], "a_b"],
      [["50502"], "50502"],
      [["5 gateways"], "5 gateways"],
      [["手机时钟不对 https 证书过期"], "手机时钟不对 https 证书过期"],
    ];
    for (const [inputs, folded] of spellings) {
      for (const input of inputs) expect.soft(normalizeForSearch(input), input).toBe(folded);
    }
  });

  it("cuts a query around Chinese synonyms and before a number, never anywhere else", () => {
    expect(queryTokens("Wi-Fi password")).toEqual(["wifi", "password"]);
    expect(queryTokens("5 GHz")).toEqual(["5ghz"]);
    expect(queryTokens("WiFi密码")).toEqual(["wifi", "密码"]);
    expect(queryTokens("无线网密码")).toEqual(["无线网", "密码"]);
    expect(queryTokens("配对超时")).toEqual(["配对", "超时"]);
    expect(queryTokens("Android7")).toEqual(["android", "7"]);
    expect(queryTokens("证书过期")).toEqual(["证书过期"]);
    expect(queryTokens("50502")).toEqual(["50502"]);
  });

  it("stores its own text and seed text first, then every field, then synonyms", () => {
    const lines = buildSearchText({
      ...entry,
      code: 1006,
      seedText: "配网超时",
      title: { zh: "配网超时", en: "Pairing timed out" },
      summary: { zh: "Wi-Fi 密码输错，或选了 5 GHz 网络", en: "A wrong Wi-Fi password" },
      exceptions: [],
    }).split("\n");
    expect(lines[0]).toBe("1006 配网超时 配网超时 pairing timed out 配对");
    expect(lines[1]).toBe("配网超时");
    expect(lines).toContain("wifi 密码输错,或选了 5ghz 网络");
    expect(lines.at(-1)).toBe("wlan 无线 无线网 无线网络");
  });

  it("still finds a Chinese seed text by any two characters of it", () => {
    for (const e of catalogEntries) {
      const text = buildSearchText(e);
      const chars = [...e.seedText];
      for (let i = 0; i + 2 <= chars.length; i++) {
        const piece = chars.slice(i, i + 2).join("");
        for (const token of queryTokens(piece)) {
          expect.soft(text.includes(token), `${e.code}: ${piece}`).toBe(true);
        }
      }
    }
  });

  it("splits a query into at most eight lower-case words", () => {
    expect(queryTokens("  Unable to  RESOLVE host ")).toEqual(["unable", "to", "resolve", "host"]);
    expect(queryTokens("a b c d e f g h i j")).toHaveLength(8);
    expect(queryTokens(undefined)).toEqual([]);
  });
});

describe("log patterns", () => {
  it("are still found in a pasted line of every exception shape once it is folded", () => {
    const values: Record<string, string> = { host: "a1.example.com", ip: "10.0.0.1", port: "443" };
    for (const e of catalogEntries) {
      for (const shape of e.exceptions ?? []) {
        const message = shape.message.replace(
          /<([^>]*)>/g,
          (_, name: string) => values[name] ?? "5",
        );
        const line = normalizeForSearch(`${shape.className}: ${message}`);
        for (const pattern of buildLogPatterns({ ...e, exceptions: [shape] })) {
          expect.soft(line, `${e.code}: ${pattern}`).toContain(pattern);
        }
      }
    }
  });

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
