export { buildEvidence, DIMENSIONS, SIGNALS } from "./evidence";
export type { DiagnosticEvent, Dimension, Evidence, Signal, ValueEvidence } from "./evidence";
export { diagnose, FEW_DEVICES } from "./hypotheses";
export type { EvidenceLine, Hypothesis, HypothesisId } from "./hypotheses";
