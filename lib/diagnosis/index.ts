export { buildEvidence, DIMENSIONS, SIGNALS } from "./evidence";
export type {
  DiagnosticEvent,
  Dimension,
  Evidence,
  MinuteSeries,
  Onset,
  Signal,
  ValueEvidence,
} from "./evidence";
export { diagnose, FEW_DEVICES } from "./hypotheses";
export type { EvidenceLine, Hypothesis, HypothesisId } from "./hypotheses";
export { classifyOnset, STEP_MINUTES } from "./onset";
export type { OnsetReading, OnsetShape } from "./onset";
