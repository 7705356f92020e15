/**
 * The origins a browser request may legitimately come from: this site as the request reached it
 * (Host / X-Forwarded-Host and protocol), the configured public URL, and configured extra
 * origins. A cross-site page cannot make its Origin header match the Host it sends to us.
 */
import { getEnv } from "../env";

export function allowedOrigins(request: Request): string[] {
  const env = getEnv();
  const url = new URL(request.url);
  const origins = new Set([url.origin, ...env.CW_TRUSTED_ORIGINS]);
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (host) {
    const proto =
      request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() ?? url.protocol.slice(0, -1);
    origins.add(`${proto}://${host}`);
  }
  if (env.CW_PUBLIC_URL) origins.add(new URL(env.CW_PUBLIC_URL).origin);
  return [...origins];
}
