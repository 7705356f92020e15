-- The spike detector's memory (lib/detection), so charts and alerts read verdicts instead of
-- re-running the detector over weeks of minutes on every request.
-- Hand-written like the event tables: listed in EXTERNAL_TABLES (lib/db/migrations.ts).

-- Where the detector of each project and code has got to: the first minute not judged yet and
-- the detector's whole state at that minute (SpikeDetector.snapshot() as JSON text: stored and
-- read whole, never queried into, so TEXT spares the JSONB conversions). `settings` names the
-- detector settings it ran with: when they change, the code is replayed from its first minute.
-- `generation` grows whenever a replay rewrites the code's stored hours, so readers that keep
-- earlier hours in memory know they are stale.
CREATE TABLE detector_state (
    project_id  UUID        NOT NULL,
    code        INTEGER     NOT NULL,
    settings    TEXT        NOT NULL,
    start_minute TIMESTAMPTZ NOT NULL,
    next_minute TIMESTAMPTZ NOT NULL,
    snapshot    TEXT        NOT NULL,
    generation  INTEGER     NOT NULL DEFAULT 0,
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (project_id, code)
);

-- The state at each UTC midnight of the last weeks: a minute chart replays from the one before
-- its range, and late events rewind the detector to the one before them.
CREATE TABLE detector_checkpoint (
    project_id UUID        NOT NULL,
    code       INTEGER     NOT NULL,
    minute     TIMESTAMPTZ NOT NULL,
    snapshot   TEXT        NOT NULL,
    PRIMARY KEY (project_id, code, minute)
);

-- Verdicts summed per hour: count, expected, the sum of the minutes' upper bounds (NULL while any
-- minute had no verdict), how many minutes were spikes, and the highest spike minute with its
-- expected count. Hourly and daily charts read only this.
CREATE TABLE detector_hour (
    project_id    UUID             NOT NULL,
    code          INTEGER          NOT NULL,
    hour          TIMESTAMPTZ      NOT NULL,
    count         INTEGER          NOT NULL,
    expected      DOUBLE PRECISION NOT NULL,
    upper         DOUBLE PRECISION,
    spike_minutes INTEGER          NOT NULL,
    peak          INTEGER          NOT NULL,
    peak_expected DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (project_id, code, hour)
);

-- Minutes that received events after the detector may have judged them (late or backfilled
-- telemetry). Append-only so concurrent ingest transactions never wait on each other here.
-- The detector rewinds to the checkpoint before the earliest and consumes the rows.
CREATE TABLE detector_late (
    project_id UUID        NOT NULL,
    code       INTEGER     NOT NULL,
    minute     TIMESTAMPTZ NOT NULL
);

CREATE INDEX detector_late_project_code ON detector_late (project_id, code);
