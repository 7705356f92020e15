import { describe, expect, it } from "vitest";

import { parseSeedTable } from "./seed-table";

describe("parseSeedTable", () => {
  it("reads two-column and three-column rows, trimming cells and keeping inner text as is", () => {
    const rows = parseSeedTable(
      [
        "| 错误码 | 描述 |",
        "|----| --- |",
        "|  104   | 手机时钟不对 https 证书过期 |",
        "| 错误码 | 错误信息 | 错误原因分析|",
        "| 50502 | javax.net.ssl.sslhandshakeexception |(1)a <br>(2)b|",
        "| 50506 | no route to host | |",
      ].join("\n"),
    );
    expect(rows).toEqual([
      { code: 104, text: "手机时钟不对 https 证书过期" },
      { code: 50502, text: "javax.net.ssl.sslhandshakeexception", analysis: "(1)a <br>(2)b" },
      { code: 50506, text: "no route to host" },
    ]);
  });

  it("ignores header, separator and prose lines", () => {
    expect(parseSeedTable("# 错误码\n\n| 错误码 | 描述 |\n|---|---|\ntext")).toEqual([]);
  });
});
