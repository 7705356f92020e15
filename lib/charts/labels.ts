/**
 * Words and numbers of a chart in the reader's language and zone: tick labels, bucket spans,
 * counts, expected values and changes. Intl does the work; formatters are built once per
 * language, zone and kind, since building one costs far more than using it.
 */
import type { Locale } from "../i18n/messages";
import type { BucketSpan } from "./buckets";
import type { TickKind, TimeTick } from "./ticks";
import type { Change, Interval } from "./types";

/** The BCP 47 language Intl formats with: Chinese as written in mainland China, US English. */
export function intlLocale(locale: Locale): string {
  return locale === "zh" ? "zh-CN" : "en-US";
}

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => T): T {
  let formatter = cache.get(key);
  if (!formatter) {
    formatter = make();
    cache.set(key, formatter);
  }
  return formatter as T;
}

const CLOCK = { hour: "2-digit", minute: "2-digit", hourCycle: "h23" } as const;

const DATE_OPTIONS: Record<TickKind | "bucket" | "day" | "instant", Intl.DateTimeFormatOptions> = {
  time: CLOCK,
  day: { month: "short", day: "numeric" },
  month: { year: "numeric", month: "short" },
  bucket: { month: "short", day: "numeric", ...CLOCK },
  instant: { year: "numeric", month: "short", day: "numeric", ...CLOCK },
};

function dateFormat(kind: keyof typeof DATE_OPTIONS, timeZone: string, locale: Locale) {
  return cached(
    `d|${kind}|${timeZone}|${locale}`,
    () => new Intl.DateTimeFormat(intlLocale(locale), { ...DATE_OPTIONS[kind], timeZone }),
  );
}

/** The label of an axis tick: "14:00", "Nov 26" / "11月26日", "Nov 2026" / "2026年11月". */
export function tickLabel(tick: TimeTick, timeZone: string, locale: Locale): string {
  return dateFormat(tick.kind, timeZone, locale).format(tick.t);
}

/**
 * A bucket as a reader names it, for the tooltip and the data table: "Thu, Nov 26, 2026" /
 * "2026年11月26日周四" for a day, "Nov 26, 14:00 – 14:05" / "11/26 14:00–14:05" otherwise.
 */
export function bucketLabel(
  span: BucketSpan,
  interval: Interval,
  timeZone: string,
  locale: Locale,
): string {
  if (interval === "1d") {
    const options = { weekday: "short", year: "numeric", month: "short", day: "numeric" } as const;
    return cached(
      `d|weekday|${timeZone}|${locale}`,
      () => new Intl.DateTimeFormat(intlLocale(locale), { ...options, timeZone }),
    ).format(span.t);
  }
  return dateFormat("bucket", timeZone, locale).formatRange(span.t, span.end);
}

/** An instant with its date, for spikes and releases: "Nov 26, 2026, 14:01". */
export function instantLabel(ms: number, timeZone: string, locale: Locale): string {
  return dateFormat("instant", timeZone, locale).format(ms);
}

function numberFormat(kind: string, locale: Locale, options: Intl.NumberFormatOptions) {
  return cached(`n|${kind}|${locale}`, () => new Intl.NumberFormat(intlLocale(locale), options));
}

/** A count in full: "12,345". */
export function countLabel(n: number, locale: Locale): string {
  return numberFormat("count", locale, {}).format(n);
}

/** A count for an axis: "12K" / "1.2万". */
export function compactCountLabel(n: number, locale: Locale): string {
  return numberFormat("compact", locale, { notation: "compact" }).format(n);
}

/** An expected value (a mean), to one decimal: "4.2". */
export function expectedLabel(n: number, locale: Locale): string {
  return numberFormat("expected", locale, { maximumFractionDigits: 1 }).format(n);
}

/** "+12 (+40%)", "−3 (−20%)", "+5" when the base was 0, "±0". */
export function changeLabel(change: Change, locale: Locale): string {
  const delta = numberFormat("delta", locale, {
    signDisplay: "exceptZero",
    maximumFractionDigits: 1,
  }).format(change.delta);
  if (change.delta === 0) return "±0";
  if (change.ratio === null) return delta;
  const percent = numberFormat("percent", locale, {
    style: "percent",
    signDisplay: "exceptZero",
    maximumFractionDigits: 0,
  }).format(change.ratio);
  return `${delta} (${percent})`;
}

/** A share (0–1) as a percentage with at most one decimal: 0.1234 → "12.3%". */
export function shareLabel(share: number): string {
  return `${Math.round(share * 1000) / 10}%`;
}
