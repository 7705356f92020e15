import Link from "next/link";
import type { ReactNode } from "react";

import type { Messages, Theme } from "@/lib/i18n/messages";

import { LocaleSwitch } from "./locale-switch";
import { NavLinks } from "./nav-links";
import { ThemeSwitch } from "./theme-switch";

export function AppShell(props: { t: Messages; theme: Theme; children: ReactNode }) {
  return (
    <>
      <a className="skip-link" href="#main">
        {props.t.skipToContent}
      </a>
      <header className="shell-header">
        <Link className="brand" href="/">
          {props.t.appName}
        </Link>
        <NavLinks />
        <div className="shell-controls">
          <LocaleSwitch />
          <ThemeSwitch initial={props.theme} />
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {props.children}
      </main>
    </>
  );
}
