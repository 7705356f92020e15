import { describe, expect, it } from "vitest";

import { buildSlackRequest, readSlackOutcome } from "./slack";
import { groupedMessage, incident, message, NOW_MS } from "./test-fixtures";

const target = {
  type: "slack" as const,
  url: "https://hooks.slack.com/services/T0/B0/x",
  secret: null,
};
const INCIDENT_URL = "https://codewatch.example.com/incidents/7f3c2a10-0000-4000-8000-000000000001";

describe("buildSlackRequest", () => {
  it("posts text and blocks: a mrkdwn section, then a context with the link", () => {
    const request = buildSlackRequest(message(), target, NOW_MS);
    expect(request).toMatchObject({ method: "POST", url: target.url });
    expect(request.headers).toEqual({ "content-type": "application/json" });
    const body = JSON.parse(request.body);
    expect(Object.keys(body)).toEqual(["text", "blocks"]);
    expect(body.text).toMatch(
      /^\[codewatch\] 50502 surge in smartlife-android: Server certificate/,
    );
    expect(body.blocks).toEqual([
      {
        type: "section",
        text: {
          type: "mrkdwn",
          text: [
            "*[codewatch] 50502 surge in smartlife-android: Server certificate probably expired*",
            "• Peak 120/min vs baseline 4/min (×30)",
            "• 3,400 events, 1,200 devices",
            "• Since 2026-05-01 10:02 UTC",
            '• Project SmartLife Android, rule "Surge", code 50502 (SSL certificate verification failed)',
          ].join("\n"),
        },
      },
      { type: "context", elements: [{ type: "mrkdwn", text: `<${INCIDENT_URL}|Incident>` }] },
    ]);
  });

  it("escapes &, < and > so names cannot become links or mentions", () => {
    const m = message({ incidents: [incident({ ruleName: "<!channel> & <http://x|y>" })] });
    const body = JSON.parse(buildSlackRequest(m, target, NOW_MS).body);
    const section: string = body.blocks[0].text.text;
    expect(section).toContain('rule "&lt;!channel&gt; &amp; &lt;http://x|y&gt;"');
    expect(body.text).not.toContain("<!channel>");
  });

  it("links each project's incident in a grouped message", () => {
    const body = JSON.parse(buildSlackRequest(groupedMessage(), target, NOW_MS).body);
    const section: string = body.blocks[0].text.text;
    expect(section.split("\n")).toHaveLength(4);
    expect(section).toContain(`• *smartlife-android*: 50502 Server`);
    expect(section).toContain(`<${INCIDENT_URL}|open>`);
    expect(body.blocks[1].elements[0].text).toBe(
      "<https://codewatch.example.com/incidents|All incidents>",
    );
  });

  it("keeps the section within Slack's 3000 characters", () => {
    const many = groupedMessage();
    const incidents = Array.from({ length: 200 }, (_, i) =>
      incident({ projectSlug: `project-${i}`, id: `id-${i}` }),
    );
    const body = JSON.parse(buildSlackRequest({ ...many, incidents }, target, NOW_MS).body);
    const section: string = body.blocks[0].text.text;
    expect(section.length).toBeLessThanOrEqual(3000);
    expect(section).toMatch(/… \(\d+ more lines\)$/);
    expect(body.text.length).toBeLessThanOrEqual(3000);
  });
});

describe("readSlackOutcome", () => {
  it("reads 200 ok as delivered", () => {
    expect(readSlackOutcome(200, "ok")).toEqual({ ok: true });
  });

  it("refuses for good a bad payload or a removed hook; retries a rate limit", () => {
    expect(readSlackOutcome(400, "invalid_payload")).toEqual({
      ok: false,
      error: "HTTP 400: invalid_payload",
      retryable: false,
    });
    expect(readSlackOutcome(404, "no_service")).toMatchObject({ retryable: false });
    expect(readSlackOutcome(410, "channel_is_archived")).toMatchObject({ retryable: false });
    expect(readSlackOutcome(429, "rate_limited")).toMatchObject({ ok: false, retryable: true });
    expect(readSlackOutcome(500, "rollup_error")).toMatchObject({ ok: false, retryable: true });
  });
});
