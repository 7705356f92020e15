"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

import { useI18n } from "@/components/providers";
import type { Role } from "@/lib/auth/constants";

/**
 * The main navigation; Settings (projects, keys, users) is shown to admins only. Incidents is
 * the way into alerting: its rules, silences and channels are tabs of that section
 * (components/alerts/alerting-tabs.tsx), so the entry stays current on their pages too. The
 * demo inbox is there only in `npm run demo`.
 */
export function NavLinks({ role, demoInbox }: { role: Role; demoInbox?: boolean }) {
  const { t } = useI18n();
  const pathname = usePathname();
  const links = [
    { href: "/", label: t.nav.overview },
    { href: "/codes", label: t.nav.codes },
    { href: "/incidents", label: t.nav.incidents, section: ["/alerting"] },
    ...(demoInbox ? [{ href: "/demo/inbox", label: t.nav.demoInbox }] : []),
    ...(role === "admin" ? [{ href: "/settings", label: t.nav.settings }] : []),
  ];
  const within = (href: string) => pathname === href || pathname.startsWith(`${href}/`);
  const isCurrent = (link: { href: string; section?: string[] }) =>
    link.href === "/" ? pathname === "/" : within(link.href) || (link.section ?? []).some(within);
  return (
    <nav aria-label={t.nav.label}>
      <ul className="nav-list">
        {links.map((link) => (
          <li key={link.href}>
            <Link href={link.href} aria-current={isCurrent(link) ? "page" : undefined}>
              {link.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
