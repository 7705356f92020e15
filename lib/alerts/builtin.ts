/**
 * The rules every project has from its creation (product.md: "a built-in 50502 surge rule,
 * enabled from the first start"; issue 13: a built-in "new code" rule, on by default). The
 * migration that added rules created them for the projects that existed then, with these values.
 * Imports nothing, so lib/projects can create them with the project.
 */
export const BUILTIN_RULES = [
  {
    builtin: "50502-surge",
    name: "50502 surge (SSLHandshakeException)",
    kind: "anomaly",
    code: 50502,
    minEvents: 10,
    minDevices: 10,
  },
  {
    // A code the project never had, arriving at a clearly abnormal rate from many devices
    // (lib/detection/new-codes.ts gives such a code a prior, so the detector judges it at once).
    builtin: "new-code",
    name: "New code at a high rate",
    kind: "new-code",
    code: null,
    minEvents: 30,
    minDevices: 10,
  },
] as const;
