import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import { Sparkline } from "./sparkline";

describe("Sparkline", () => {
  it("is an image named in words, with its line, spike dots and last point", () => {
    const html = renderToStaticMarkup(
      <Sparkline
        label="50502: 1,234 events"
        width={54}
        height={14}
        points={[
          { count: 0, spike: false },
          { count: 10, spike: true },
          { count: 5, spike: false },
        ]}
      />,
    );
    expect(html).toContain('role="img"');
    expect(html).toContain('aria-label="50502: 1,234 events"');
    expect(html).toContain('d="M2,12L27,2L52,7"');
    expect(html).toContain('fill="var(--chart-spike-text)"');
    expect(html.match(/<circle/g)).toHaveLength(2);
  });
});
