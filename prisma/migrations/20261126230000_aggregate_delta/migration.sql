-- Aggregate counts of stored batches not yet added to event_minute and event_dimension_hour.
-- Hand-written like the event tables: listed in EXTERNAL_TABLES (lib/db/migrations.ts).
--
-- Each ingest statement appends one row: its batch counted by code and minute, and by code, hour,
-- dimension and value, as parallel arrays, with times as whole minutes and hours since the epoch,
-- and its late-minute marks for the spike detector (per code, the earliest minute it may already
-- have judged). The marks travel with the counts so the detector sees both or neither: a mark
-- seen before its counts were merged would replay the minute without them, and be used up. Adding ~500 grouped counts into the indexed aggregate
-- tables on every request was half of PostgreSQL's work per batch. Merging these rows a second
-- later, many batches at once, touches each aggregate row once per merge instead of once per
-- batch (lib/ingest/aggregate-deltas.ts). Readers of the aggregates merge first, so a chart
-- still counts every event that got a 2xx. No index: the merge takes every row.
CREATE TABLE aggregate_delta (
    project_id        UUID          NOT NULL,
    minute_codes      INTEGER[]     NOT NULL,
    minute_starts     INTEGER[]     NOT NULL,
    minute_counts     INTEGER[]     NOT NULL,
    dimension_codes   INTEGER[]     NOT NULL,
    dimension_hours   INTEGER[]     NOT NULL,
    dimension_names   TEXT[]        NOT NULL,
    dimension_values  TEXT[]        NOT NULL,
    dimension_counts  INTEGER[]     NOT NULL,
    late_codes        INTEGER[]     NOT NULL,
    late_minutes      INTEGER[]     NOT NULL
);
