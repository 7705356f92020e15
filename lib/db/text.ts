/**
 * Text PostgreSQL can store and compare. It refuses the NUL character in `text` (SQLSTATE 22021,
 * "invalid byte sequence for encoding UTF8: 0x00"), and a lone UTF-16 surrogate, which JSON can
 * carry as "\ud800", is not Unicode at all: either, sent as a parameter, fails the whole
 * statement. Every piece of request text that may reach a query is checked (or cleaned) with
 * these first, so the client hears which field was wrong instead of a 500.
 */

/** Why `value` cannot be stored as text, or undefined when it can. */
export function unstorableTextReason(value: string): string | undefined {
  if (value.includes("\u0000")) return "must not contain NUL characters";
  if (!value.isWellFormed()) return "must be valid Unicode (no lone surrogates)";
  return undefined;
}

/** `value` without NUL characters, with each lone surrogate replaced by U+FFFD. */
export function cleanText(value: string): string {
  const withoutNul = value.includes("\u0000") ? value.replaceAll("\u0000", "") : value;
  return withoutNul.toWellFormed();
}

/**
 * Every string inside `value` (a parsed query, path or JSON body) that cannot be stored, as
 * `[path, reason]`, paths joined with dots from `at` ("body.name", "query.q"). Object keys are
 * checked too: they become column values as often as values do.
 */
export function unstorableStrings(value: unknown, at: string): [string, string][] {
  const found: [string, string][] = [];
  const visit = (node: unknown, path: string, depth: number) => {
    if (typeof node === "string") {
      const reason = unstorableTextReason(node);
      if (reason) found.push([path, reason]);
    } else if (Array.isArray(node)) {
      if (depth < 32) node.forEach((item, i) => visit(item, `${path}[${i}]`, depth + 1));
    } else if (node !== null && typeof node === "object" && depth < 32) {
      for (const [key, item] of Object.entries(node)) {
        const keyReason = unstorableTextReason(key);
        if (keyReason) found.push([path, `a key ${keyReason}`]);
        else visit(item, `${path}.${key}`, depth + 1);
      }
    }
  };
  visit(value, at, 0);
  return found;
}
