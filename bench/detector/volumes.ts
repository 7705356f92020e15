/** The volumes the synthetic harness scores at, each with the scenarios it carries. */
import type { Volume } from "./evaluate";
import type { ScenarioName } from "./traffic";

const COMMON: ScenarioName[] = [
  "clean",
  "cert-expiry",
  "regional",
  "slow-rise",
  "benign-x2",
  "burst",
];

export const VOLUMES: Volume[] = [
  { name: "high (peak 50/min)", peak: 50, scenarios: COMMON },
  { name: "medium (peak 5/min)", peak: 5, scenarios: COMMON },
  { name: "low (peak 0.3/min)", peak: 0.3, scenarios: COMMON },
  { name: "rare code (0-3/min)", peak: 2, scenarios: [...COMMON, "rare-surge"] },
];
