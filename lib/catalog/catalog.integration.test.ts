import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createPrismaClient, type Db } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrations";
import { createScratchDatabase, type ScratchDatabase } from "@/test/support/database";

import { getCode, listCodes, seedCatalog, type CodeQuery } from "./repository";
import { readSeedTable } from "./seed-table";

const seed = readSeedTable();

describe("the catalogue in the database", () => {
  let database: ScratchDatabase;
  let db: Db;

  beforeAll(async () => {
    database = await createScratchDatabase();
    await applyMigrations(database.url);
    db = createPrismaClient(database.url, 2);
    await seedCatalog(db);
  });
  afterAll(async () => {
    await db?.$disconnect();
    await database?.drop();
  });

  it("serves every seed code with the seed's Chinese text unchanged", async () => {
    expect(await db.catalogCode.count()).toBe(45);
    for (const row of seed) {
      const entry = await getCode(db, row.code);
      expect(entry?.seedText, `code ${row.code}`).toBe(row.text);
      expect(entry?.seedAnalysis ?? undefined, `code ${row.code}`).toBe(row.analysis);
      expect(entry?.known).toBe(true);
    }
  });

  it("changes nothing when seeded a second time, not even updatedAt", async () => {
    const before = await db.catalogCode.findMany({ orderBy: { code: "asc" } });
    expect(await seedCatalog(db)).toEqual({ inserted: 0, updated: 0, unchanged: 45 });
    const after = await db.catalogCode.findMany({ orderBy: { code: "asc" } });
    expect(after).toEqual(before);
  });

  it("repairs an entry that was changed by hand on the next seed", async () => {
    await db.catalogCode.update({ where: { code: 104 }, data: { seedText: "tampered" } });
    expect(await seedCatalog(db)).toEqual({ inserted: 0, updated: 1, unchanged: 44 });
    expect((await getCode(db, 104))?.seedText).toBe("手机时钟不对 https 证书过期");
  });

  const codesFor = async (q: string, family?: CodeQuery["family"]) =>
    (await listCodes(db, { q, family })).codes.map((c) => c.code);

  it("finds 104 and 50502 for 证书", async () => {
    const codes = await codesFor("证书");
    expect(codes).toContain(104);
    expect(codes).toContain(50502);
  });

  it("finds 50502 for the exception class SSLHandshakeException", async () => {
    expect(await codesFor("SSLHandshakeException")).toContain(50502);
    expect(await codesFor("javax.net.ssl.SSLHandshakeException")).toContain(50502);
  });

  it("finds 50504 for the log text 'unable to resolve host'", async () => {
    expect(await codesFor("unable to resolve host")).toContain(50504);
  });

  it("finds the code for a log line pasted whole", async () => {
    const dns = await codesFor(
      'java.net.UnknownHostException: Unable to resolve host "a1.example.com": No address',
    );
    expect(dns[0]).toBe(50504);
    const expired = await codesFor(
      "javax.net.ssl.SSLHandshakeException: java.security.cert.CertPathValidatorException: " +
        "Trust anchor for certification path not found.",
    );
    expect(expired[0]).toBe(50502);
  });

  it("finds every pairing code for 配网", async () => {
    const codes = await codesFor("配网");
    for (const code of [1001, 1002, 1004, 1005, 1006, 1007]) expect(codes).toContain(code);
  });

  it("puts the exact number first", async () => {
    expect((await codesFor("50502"))[0]).toBe(50502);
    expect((await codesFor("1006"))[0]).toBe(1006);
  });

  it("filters by family, alone and with a query", async () => {
    const network = (await listCodes(db, { family: "network" })).codes;
    expect(network).toHaveLength(18);
    expect(network.every((c) => c.family === "network")).toBe(true);
    expect(await codesFor("证书", "pairing")).toEqual([]);
  });

  it("treats % and _ in a query as plain characters", async () => {
    expect(await codesFor("%{time_appconnect}")).toEqual([50508]);
    expect(await codesFor("%%")).toEqual([]);
    expect(await codesFor("a_b")).toEqual([]);
  });

  // What a support agent types, and what it must find (first, where that matters).
  const SEARCHES: { q: string; finds: number[]; first?: number }[] = [
    { q: "wifi", finds: [1001, 1006, 50501] },
    { q: "WiFi", finds: [1001, 1006, 50501] },
    { q: "Wi-Fi", finds: [1001, 1006, 50501] },
    { q: "ＷｉＦｉ", finds: [1001, 1006, 50501] },
    { q: "WLAN", finds: [1001, 1006, 50501] },
    { q: "无线", finds: [1001, 1006, 50501] },
    { q: "无线网", finds: [1006] },
    { q: "wifi password", finds: [1006], first: 1006 },
    { q: "Wi-Fi password", finds: [1006], first: 1006 },
    { q: "WiFi密码", finds: [1006], first: 1006 },
    { q: "无线密码", finds: [1006], first: 1006 },
    { q: "5GHz", finds: [1005, 1006] },
    { q: "5 GHz", finds: [1005, 1006] },
    { q: "5ghz", finds: [1005, 1006] },
    { q: "5-GHz", finds: [1005, 1006] },
    { q: "2.4GHz", finds: [1005, 1006, 1007] },
    { q: "wifi 5G", finds: [1005, 1006] },
    { q: "配对", finds: [1001, 1002, 1004, 1005, 1006, 1007] },
    { q: "Android7", finds: [50502] },
    // What worked before the folding must still work.
    { q: "50502", finds: [50502], first: 50502 },
    { q: "505", finds: [50500, 50516], first: 50500 },
    { q: "1006 password", finds: [1006], first: 1006 },
    { q: "SSLHandshakeException", finds: [50502] },
    { q: "javax.net.ssl.SSLHandshakeException", finds: [50502] },
    { q: "证书", finds: [104, 50502] },
    { q: "配网", finds: [1001, 1002, 1004, 1005, 1006, 1007] },
    { q: "配网超时", finds: [1006], first: 1006 },
    {
      q: 'java.net.UnknownHostException: Unable to resolve host "a1.example.com": No address associated with hostname',
      finds: [50504],
      first: 50504,
    },
  ];

  it("finds what a support agent types, however it is spelled", async () => {
    for (const { q, finds, first } of SEARCHES) {
      const codes = await codesFor(q);
      expect.soft(codes, q).toEqual(expect.arrayContaining(finds));
      if (first !== undefined) expect.soft(codes[0], q).toBe(first);
    }
  });

  it("finds the same codes for every spelling of one thing", async () => {
    const spellings = [
      ["Wi-Fi", "wifi", "WiFi", "ＷｉＦｉ", "WLAN", "无线", "无线网络"],
      ["Wi-Fi password", "wifi password", "WiFi密码", "ｗｉｆｉ　ｐａｓｓｗｏｒｄ"],
      ["5 GHz", "5GHz", "5ghz", "5-GHz"],
      ["配网", "配对", "pairing"],
    ];
    for (const [spelling, ...others] of spellings) {
      const expected = await codesFor(spelling!);
      for (const other of others) expect.soft(await codesFor(other), other).toEqual(expected);
    }
  });

  it("refreshes the search text of a database seeded before the folding", async () => {
    await db.catalogCode.update({
      where: { code: 1006 },
      data: { searchText: "1006\n配网超时\nwi-fi password" },
    });
    expect(await seedCatalog(db)).toEqual({ inserted: 0, updated: 1, unchanged: 44 });
    expect(await codesFor("wifi password")).toContain(1006);
  });

  it("answers undefined for a code that was never seen", async () => {
    expect(await getCode(db, 99999)).toBeUndefined();
  });
});
