-- Events per project, code and UTC hour: the per-minute aggregate rolled up, so a ranking over a
-- month reads 720 rows a code instead of 43,200 (lib/telemetry/reads.ts codeTotals). Written by
-- the aggregate merge beside event_minute, from the same deltas in the same statement, so the
-- two always agree (lib/telemetry/aggregates.ts). Monthly partitions like event_minute, created
-- and dropped by lib/telemetry/partitions.ts and retention.ts. (No semicolons in comments.)
CREATE TABLE event_hour (
    project_id UUID        NOT NULL,
    code       INTEGER     NOT NULL,
    hour       TIMESTAMPTZ NOT NULL,
    count      BIGINT      NOT NULL,
    PRIMARY KEY (project_id, code, hour)
) PARTITION BY RANGE (hour);

CREATE TABLE event_hour_default PARTITION OF event_hour DEFAULT;

-- What event_minute already holds. The rows land in the default partition, and the next
-- partition check (ensurePartitions) moves every month of them into a partition of its own.
-- Hours are counted from the epoch, not with date_trunc, which follows the session's time zone.
INSERT INTO event_hour (project_id, code, hour, count)
SELECT project_id, code, to_timestamp(floor(extract(epoch FROM minute) / 3600) * 3600), sum(count)
FROM event_minute
GROUP BY 1, 2, 3;
