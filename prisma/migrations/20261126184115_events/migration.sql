-- Telemetry storage, written by hand: Prisma's schema language cannot describe partitioned
-- tables, so these tables are managed in SQL (lib/ingest/store.ts, lib/ingest/partitions.ts)
-- and declared external to Prisma (EXTERNAL_TABLES in lib/db/migrations.ts). docs/ingest.md
-- explains the layout. (No semicolons in comments: the migration runner splits on them.)

-- Raw events, one partition per UTC day of occurred_at, expired by dropping partitions.
CREATE TABLE event (
    project_id      UUID        NOT NULL,
    event_id        TEXT,
    code            INTEGER     NOT NULL,
    occurred_at     TIMESTAMPTZ NOT NULL,
    received_at     TIMESTAMPTZ NOT NULL,
    clock_drift_ms  BIGINT,
    host            TEXT,
    remote_ip       TEXT,
    http_protocol   TEXT,
    exception       TEXT,
    message         TEXT,
    cause           TEXT,
    app             TEXT,
    app_version     TEXT,
    sdk_version     TEXT,
    platform        TEXT,
    os_version      TEXT,
    api_level       INTEGER,
    device_model    TEXT,
    device_hash     TEXT,
    network         TEXT,
    carrier         TEXT,
    region          TEXT,
    locale          TEXT,
    attributes      JSONB
) PARTITION BY RANGE (occurred_at);

CREATE INDEX event_project_code_time_idx ON event (project_id, code, occurred_at);

-- Catches events whose day has no partition yet, so an insert never fails for that reason.
CREATE TABLE event_default PARTITION OF event DEFAULT;

-- Client eventIds seen per project, one partition per UTC day of receipt: an eventId is
-- recognised as a duplicate when it was first received the same or the previous day.
CREATE TABLE event_receipt (
    project_id  UUID NOT NULL,
    event_id    TEXT NOT NULL,
    received_on DATE NOT NULL,
    PRIMARY KEY (project_id, event_id, received_on)
) PARTITION BY RANGE (received_on);

CREATE TABLE event_receipt_default PARTITION OF event_receipt DEFAULT;

-- Events per project, code and minute: what charts and top lists read. Monthly partitions.
CREATE TABLE event_minute (
    project_id UUID        NOT NULL,
    code       INTEGER     NOT NULL,
    minute     TIMESTAMPTZ NOT NULL,
    count      INTEGER     NOT NULL,
    PRIMARY KEY (project_id, code, minute)
) PARTITION BY RANGE (minute);

CREATE TABLE event_minute_default PARTITION OF event_minute DEFAULT;

-- Events per project, code, hour and value of one dimension (app version, Android level,
-- network, region, host...): what breakdowns read. Monthly partitions.
CREATE TABLE event_dimension_hour (
    project_id UUID        NOT NULL,
    code       INTEGER     NOT NULL,
    hour       TIMESTAMPTZ NOT NULL,
    dimension  TEXT        NOT NULL,
    value      TEXT        NOT NULL,
    count      INTEGER     NOT NULL,
    PRIMARY KEY (project_id, code, dimension, hour, value)
) PARTITION BY RANGE (hour);

CREATE TABLE event_dimension_hour_default PARTITION OF event_dimension_hour DEFAULT;
