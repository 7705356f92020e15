/**
 * The ingest side of keeping stored verdicts true: events for a minute the detector may already
 * have judged leave a mark in `detector_late`, written by the ingest statement itself
 * (lib/ingest/store.ts), so the next advance replays that code from the checkpoint before them
 * (lib/detection/advance.ts).
 */
import { SETTLE_MINUTES } from "./advance";

/**
 * Events older than this, relative to the minute the batch was received in, are late. Three
 * minutes less than SETTLE_MINUTES: the margin covers a transaction that commits after the
 * detector ran.
 */
export const LATE_AFTER_MINUTES = SETTLE_MINUTES - 3;
