/** What a colour stands for in a legend or tooltip: a series, a dashed line, a shaded area. */
export type SwatchKind = "series" | "area" | "dashed" | "line";

/** A small sample of a chart colour, hidden from screen readers (the text next to it says it). */
export function Swatch({ color, kind = "series" }: { color: string; kind?: SwatchKind }) {
  const lined = kind === "dashed" || kind === "line";
  return (
    <span
      className={kind === "series" ? "chart-swatch" : `chart-swatch chart-swatch-${kind}`}
      style={lined ? { borderColor: color } : { background: color }}
      aria-hidden="true"
    />
  );
}
