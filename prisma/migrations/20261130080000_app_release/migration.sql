-- Release markers: the first minute each app version appeared in a project's telemetry, so
-- charts can draw "5.3.0 arrived here" without anyone recording deploys. Written by the
-- aggregate merge (lib/telemetry/aggregates.ts) from the batches' own first minutes, which the
-- ingest statement queues in aggregate_delta beside the counts. Hand-written like the other
-- telemetry tables (EXTERNAL_TABLES in lib/db/migrations.ts). (No semicolons in comments.)
CREATE TABLE app_release (
    project_id  UUID        NOT NULL,
    app_version TEXT        NOT NULL,
    first_seen  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (project_id, app_version)
);

CREATE INDEX app_release_project_first_seen_idx ON app_release (project_id, first_seen);

ALTER TABLE aggregate_delta
    ADD COLUMN release_versions TEXT[]    NOT NULL DEFAULT '{}',
    ADD COLUMN release_minutes  INTEGER[] NOT NULL DEFAULT '{}';

-- What the stored telemetry already says: to the minute from the raw events that are kept,
-- to the hour from the per-dimension aggregates for versions older than that.
INSERT INTO app_release (project_id, app_version, first_seen)
SELECT project_id, app_version, min(first_seen) FROM (
    SELECT project_id, app_version, date_trunc('minute', min(occurred_at)) AS first_seen
    FROM event WHERE app_version IS NOT NULL GROUP BY project_id, app_version
    UNION ALL
    SELECT project_id, value, min(hour) FROM event_dimension_hour
    WHERE dimension = 'appVersion' GROUP BY project_id, value
) AS seen
GROUP BY project_id, app_version;
