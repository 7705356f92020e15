/**
 * The ingest side of keeping stored verdicts true: events for a minute the detector may already
 * have judged leave a mark in `detector_late`, so the next advance replays that code from the
 * checkpoint before them (lib/detection/advance.ts). The ingest statement queues the mark with
 * the batch's counts, and the merge writes both at once (lib/ingest/aggregate-deltas.ts).
 */
import { SETTLE_MINUTES } from "./advance";

/**
 * Events older than this, relative to the minute the batch was received in, are late. Three
 * minutes less than SETTLE_MINUTES: the margin covers a transaction that commits after the
 * detector ran.
 */
export const LATE_AFTER_MINUTES = SETTLE_MINUTES - 3;
