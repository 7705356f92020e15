/**
 * Fitting text into a channel's size limit without breaking it: whole lines are dropped before
 * any line is cut (a cut markdown link would show as raw brackets), and a cut never splits a
 * character (a UTF-8 sequence, a surrogate pair, an emoji with its modifiers).
 */

/** Bytes of `text` in UTF-8, the unit WeCom and Feishu count their limits in. */
export const utf8Bytes = (text: string): number => Buffer.byteLength(text, "utf8");

/** Characters as Slack counts them (UTF-16 code units, JavaScript's `length`). */
export const chars = (text: string): number => text.length;

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/**
 * `text` cut to at most `max` (measured by `measure`) on a grapheme boundary, ending in
 * `ellipsis` when cut. Returns `text` unchanged when it fits.
 */
export function truncate(
  text: string,
  max: number,
  measure: (s: string) => number = utf8Bytes,
  ellipsis = "…",
): string {
  if (measure(text) <= max) return text;
  const budget = max - measure(ellipsis);
  let kept = "";
  let size = 0;
  for (const { segment } of graphemes.segment(text)) {
    const next = measure(segment);
    if (size + next > budget) break;
    kept += segment;
    size += next;
  }
  return budget >= 0 ? kept + ellipsis : "";
}

/**
 * `lines` joined by `separator`, at most `max` long: the first line and the last `keepLast`
 * lines stay, lines before those are dropped from the end and replaced by `more(count)`. When
 * even that does not fit, the joined text is cut by `truncate`.
 */
export function fitLines(
  lines: string[],
  max: number,
  options: {
    separator?: string;
    measure?: (s: string) => number;
    keepLast?: number;
    more: (dropped: number) => string;
  },
): string {
  const { separator = "\n", measure = utf8Bytes, keepLast = 0, more } = options;
  const whole = lines.join(separator);
  if (measure(whole) <= max) return whole;
  const tailStart = Math.max(1, lines.length - keepLast);
  const head = lines.slice(0, tailStart);
  const tail = lines.slice(tailStart);
  for (let kept = head.length - 1; kept >= 1; kept--) {
    const candidate = [...head.slice(0, kept), more(head.length - kept), ...tail].join(separator);
    if (measure(candidate) <= max) return candidate;
  }
  return truncate(whole, max, measure);
}
