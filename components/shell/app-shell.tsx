import Link from "next/link";
import type { ReactNode } from "react";

import type { Role } from "@/lib/auth/constants";
import type { Messages, Theme } from "@/lib/i18n/messages";

import { LocaleSwitch } from "./locale-switch";
import { NavLinks } from "./nav-links";
import { ShellMenu } from "./shell-menu";
import { SignOutButton } from "./sign-out-button";
import { ThemeSwitch } from "./theme-switch";

export function AppShell(props: {
  t: Messages;
  theme: Theme;
  user: { email: string; role: Role };
  /** `npm run demo`: the demo inbox is in the navigation. */
  demoInbox?: boolean;
  children: ReactNode;
}) {
  const { email, role } = props.user;
  return (
    <>
      <a className="skip-link" href="#main">
        {props.t.skipToContent}
      </a>
      <header className="shell-header">
        <Link className="brand" href="/">
          {props.t.appName}
        </Link>
        <ShellMenu>
          <NavLinks role={role} demoInbox={props.demoInbox} />
          <div className="shell-controls">
            <LocaleSwitch />
            <ThemeSwitch initial={props.theme} />
            <span className="signed-in-as">
              {/* A long address is cut short on one row; the whole of it is in the tooltip. */}
              <span className="signed-in-email" title={email}>
                {email}
              </span>
              <span className="badge">{props.t.roles[role]}</span>
            </span>
            <SignOutButton />
          </div>
        </ShellMenu>
      </header>
      <main id="main" tabIndex={-1}>
        {props.children}
      </main>
    </>
  );
}
