/**
 * Where to go after signing in. Only a path on this site is followed, resolved the way a
 * browser would resolve it, so "//evil.example", "/\\evil.example" or "/\t/evil.example"
 * cannot send someone elsewhere.
 */
const BASE = "http://codewatch.invalid";

export function safeNextPath(next: string | undefined | null): string {
  if (!next || !next.startsWith("/")) return "/";
  try {
    const url = new URL(next, BASE);
    if (url.origin !== BASE) return "/";
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return "/";
  }
}
