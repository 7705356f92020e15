import type { ReactNode } from "react";

/**
 * A table wider than a phone scrolls sideways in this box, not the whole page. The box takes
 * focus so the keyboard can scroll it too, even when no cell holds a control.
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
