/**
 * The type of a message table made from its English `as const` literal: every string becomes
 * `string` and every function returns `string`, so the Chinese table must have the same keys and
 * parameters but may say anything.
 */
export type Widen<T> = T extends (...args: infer A) => string
  ? (...args: A) => string
  : T extends string
    ? string
    : { [K in keyof T]: Widen<T[K]> };
