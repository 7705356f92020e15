"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

import { useI18n } from "@/components/providers";
import type { Role } from "@/lib/auth/constants";

import { canAdminister } from "./roles";

/**
 * The alerting pages under one entry of the main navigation: incidents, rules, silences and
 * (admins only) channels. Each link keeps the project in view.
 */
export function AlertingTabs({ role, project }: { role: Role; project?: string }) {
  const { t } = useI18n();
  const pathname = usePathname();
  const suffix = project ? `?project=${encodeURIComponent(project)}` : "";
  const tabs = [
    { href: "/incidents", label: t.nav.incidents },
    { href: "/alerting/rules", label: t.alerts.rules },
    { href: "/alerting/silences", label: t.alerts.silences },
    ...(canAdminister(role) ? [{ href: "/alerting/channels", label: t.alerts.channels }] : []),
  ];
  return (
    <nav className="alerting-tabs" aria-label={t.alerts.section}>
      <ul>
        {tabs.map((tab) => (
          <li key={tab.href}>
            <Link
              href={`${tab.href}${suffix}`}
              prefetch={false}
              aria-current={pathname === tab.href ? "page" : undefined}
            >
              {tab.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
