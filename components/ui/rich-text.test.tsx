import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import { plainText, RichText } from "./rich-text";

describe("RichText", () => {
  it("shows `backticked` text as code", () => {
    expect(renderToStaticMarkup(<RichText text="run `openssl s_client` now" />)).toBe(
      "run <code>openssl s_client</code> now",
    );
  });

  it("escapes HTML and leaves an unpaired backtick as written", () => {
    expect(renderToStaticMarkup(<RichText text="a ` <b>x</b>" />)).toBe("a ` &lt;b&gt;x&lt;/b&gt;");
  });

  it("escapes HTML inside and around `backticks` too", () => {
    expect(
      renderToStaticMarkup(<RichText text={"<i>a</i> `<img src=x onerror=alert(1)>`"} />),
    ).toBe("&lt;i&gt;a&lt;/i&gt; <code>&lt;img src=x onerror=alert(1)&gt;</code>");
  });
});

describe("plainText", () => {
  it("drops paired backticks and keeps an unpaired one, as RichText shows them", () => {
    expect(plainText("run `openssl s_client` now")).toBe("run openssl s_client now");
    expect(plainText("a ` b")).toBe("a ` b");
  });
});
