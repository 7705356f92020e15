"use client";

import { usePathname } from "next/navigation";
import { useEffect, useRef, useState, type ReactNode } from "react";

import { useI18n } from "@/components/providers";

/**
 * The header's navigation and controls. On a wide screen they stand in one row and the toggle is
 * hidden (globals.css); on a narrow one they fold behind this disclosure button, so the header
 * stays one line high and nothing runs off the side of a phone.
 */
export function ShellMenu({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const [openedOn, setOpenedOn] = useState(pathname);
  const toggle = useRef<HTMLButtonElement>(null);

  // A followed link (or the back button) closes the menu: the new page is what was asked for.
  if (openedOn !== pathname) {
    setOpenedOn(pathname);
    setOpen(false);
  }

  useEffect(() => {
    if (!open) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setOpen(false);
      toggle.current?.focus();
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [open]);

  return (
    <>
      <button
        ref={toggle}
        type="button"
        className="shell-menu-toggle"
        aria-expanded={open}
        aria-controls="shell-menu"
        onClick={() => setOpen(!open)}
      >
        <svg aria-hidden="true" width="18" height="18" viewBox="0 0 18 18">
          <path
            d={open ? "M4 4l10 10M14 4L4 14" : "M2 4.5h14M2 9h14M2 13.5h14"}
            stroke="currentColor"
            strokeWidth="2"
            strokeLinecap="round"
          />
        </svg>
        {t.shell.menu}
      </button>
      <div id="shell-menu" className="shell-menu" data-open={open || undefined}>
        {children}
      </div>
    </>
  );
}
