"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

import { useI18n } from "@/components/providers";
import type { Role } from "@/lib/auth/constants";

/** The main navigation; Settings (projects, keys, users) is shown to admins only. */
export function NavLinks({ role }: { role: Role }) {
  const { t } = useI18n();
  const pathname = usePathname();
  const links = [
    { href: "/", label: t.nav.overview },
    { href: "/codes", label: t.nav.codes },
    { href: "/incidents", label: t.nav.incidents },
    ...(role === "admin" ? [{ href: "/settings", label: t.nav.settings }] : []),
  ];
  const isCurrent = (href: string) =>
    href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
  return (
    <nav aria-label={t.nav.label}>
      <ul className="nav-list">
        {links.map((link) => (
          <li key={link.href}>
            <Link href={link.href} aria-current={isCurrent(link.href) ? "page" : undefined}>
              {link.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
