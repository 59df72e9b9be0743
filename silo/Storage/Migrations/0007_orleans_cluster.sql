-- Orleans 10.4.2 ADO.NET clustering (membership) and reminders on PostgreSQL.
-- Orleans reads its SQL from orleansquery at start ("SELECT QueryKey, QueryText FROM OrleansQuery",
-- unquoted, so the lower-case names below) and refuses to start unless every key its provider
-- needs is present. It binds parameters by name (@DeploymentId, ...) and reads result columns by
-- name, case-insensitively, so the SELECTs alias our snake_case columns to the names it reads.
-- All of Orleans' DateTime parameters are UTC; every timestamp column is timestamptz.
-- Silo status codes (Orleans.Runtime.SiloStatus): 3 = Active, 6 = Dead.

CREATE TABLE orleansquery (
    querykey  varchar(64) PRIMARY KEY,
    querytext text        NOT NULL
);

-- One row per cluster (ClusterOptions.ClusterId, called DeploymentId by the provider): the
-- version is the membership table's etag; every membership write bumps it or fails.
CREATE TABLE orleans_membership_version (
    deployment_id varchar(150) PRIMARY KEY,
    changed_at    timestamptz  NOT NULL DEFAULT now(),
    version       integer      NOT NULL DEFAULT 0
);

-- One row per silo incarnation (address, port, generation).
CREATE TABLE orleans_membership (
    deployment_id   varchar(150) NOT NULL REFERENCES orleans_membership_version (deployment_id) ON DELETE CASCADE,
    address         varchar(45)  NOT NULL,
    port            integer      NOT NULL,
    generation      integer      NOT NULL,
    silo_name       varchar(150) NOT NULL,
    host_name       varchar(150) NOT NULL,
    status          integer      NOT NULL,
    proxy_port      integer,
    suspect_times   text,
    start_time      timestamptz  NOT NULL,
    i_am_alive_time timestamptz  NOT NULL,
    PRIMARY KEY (deployment_id, address, port, generation)
);

-- Reminders of one service (ClusterOptions.ServiceId); grain_hash is the grain's uniform hash as
-- a signed int, which the range queries compare against the silo's ring range.
CREATE TABLE orleans_reminders (
    service_id    varchar(150) NOT NULL,
    grain_id      text         NOT NULL,
    reminder_name text         NOT NULL,
    start_time    timestamptz  NOT NULL,
    period        bigint       NOT NULL,
    grain_hash    integer      NOT NULL,
    version       integer      NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
);
CREATE INDEX orleans_reminders_hash ON orleans_reminders (service_id, grain_hash);

INSERT INTO orleansquery (querykey, querytext) VALUES

-- Clustering. Writes that return a row return one int column: > 0 is success, 0 is failure.
('InsertMembershipVersionKey', $q$
WITH created AS (
    INSERT INTO orleans_membership_version (deployment_id) VALUES (@DeploymentId)
    ON CONFLICT (deployment_id) DO NOTHING
    RETURNING 1)
SELECT count(*)::int FROM created
$q$),

-- Insert a silo row only if the caller's etag is current and the row is new; the version update
-- locks the version row, so concurrent writers with the same etag cannot both succeed.
('InsertMembershipKey', $q$
WITH bumped AS (
    UPDATE orleans_membership_version v SET version = v.version + 1, changed_at = now()
    WHERE v.deployment_id = @DeploymentId AND v.version = @Version
      AND NOT EXISTS (SELECT 1 FROM orleans_membership m
                      WHERE m.deployment_id = @DeploymentId AND m.address = @Address
                        AND m.port = @Port AND m.generation = @Generation)
    RETURNING v.deployment_id),
inserted AS (
    INSERT INTO orleans_membership (deployment_id, address, port, generation, silo_name, host_name,
                                    status, proxy_port, start_time, i_am_alive_time)
    SELECT b.deployment_id, @Address, @Port, @Generation, @SiloName, @HostName,
           @Status, @ProxyPort, @StartTime, @IAmAliveTime
    FROM bumped b
    ON CONFLICT DO NOTHING
    RETURNING 1)
SELECT count(*)::int FROM inserted
$q$),

('UpdateMembershipKey', $q$
WITH bumped AS (
    UPDATE orleans_membership_version v SET version = v.version + 1, changed_at = now()
    WHERE v.deployment_id = @DeploymentId AND v.version = @Version
      AND EXISTS (SELECT 1 FROM orleans_membership m
                  WHERE m.deployment_id = @DeploymentId AND m.address = @Address
                    AND m.port = @Port AND m.generation = @Generation)
    RETURNING v.deployment_id),
updated AS (
    UPDATE orleans_membership m
    SET status = @Status, suspect_times = @SuspectTimes,
        i_am_alive_time = GREATEST(m.i_am_alive_time, @IAmAliveTime)
    FROM bumped b
    WHERE m.deployment_id = b.deployment_id AND m.address = @Address
      AND m.port = @Port AND m.generation = @Generation
    RETURNING 1)
SELECT count(*)::int FROM updated
$q$),

-- The heartbeat; does not touch the version. Never moves the time backwards.
('UpdateIAmAlivetimeKey', $q$
UPDATE orleans_membership
SET i_am_alive_time = GREATEST(i_am_alive_time, @IAmAliveTime)
WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation
$q$),

-- Reads return the version row even without silo rows (silo columns are then NULL).
('MembershipReadRowKey', $q$
SELECT v.deployment_id AS deploymentid, m.address, m.port, m.generation, m.silo_name AS siloname,
       m.host_name AS hostname, m.status, m.proxy_port AS proxyport, m.suspect_times AS suspecttimes,
       m.start_time AS starttime, m.i_am_alive_time AS iamalivetime, v.version
FROM orleans_membership_version v
LEFT JOIN orleans_membership m
       ON m.deployment_id = v.deployment_id AND m.address = @Address
      AND m.port = @Port AND m.generation = @Generation
WHERE v.deployment_id = @DeploymentId
$q$),

('MembershipReadAllKey', $q$
SELECT v.deployment_id AS deploymentid, m.address, m.port, m.generation, m.silo_name AS siloname,
       m.host_name AS hostname, m.status, m.proxy_port AS proxyport, m.suspect_times AS suspecttimes,
       m.start_time AS starttime, m.i_am_alive_time AS iamalivetime, v.version
FROM orleans_membership_version v
LEFT JOIN orleans_membership m ON m.deployment_id = v.deployment_id
WHERE v.deployment_id = @DeploymentId
$q$),

-- Silo rows go with the version row (ON DELETE CASCADE).
('DeleteMembershipTableEntriesKey', $q$
DELETE FROM orleans_membership_version WHERE deployment_id = @DeploymentId
$q$),

-- Gateways for clients: @Status is Active (3).
('GatewaysQueryKey', $q$
SELECT address, proxy_port AS proxyport, generation
FROM orleans_membership
WHERE deployment_id = @DeploymentId AND status = @Status AND proxy_port > 0
$q$),

-- Pruning of dead silos (ClusterMembershipOptions.DefunctSiloCleanupPeriod/DefunctSiloExpiration).
-- 10.4.2 uses CleanupDefunctSiloEntryKey when present (one row, only if it is unchanged since the
-- provider read it); CleanupDefunctSiloEntriesKey must still exist, as the provider requires it.
('CleanupDefunctSiloEntriesKey', $q$
DELETE FROM orleans_membership
WHERE deployment_id = @DeploymentId AND status = 6
  AND i_am_alive_time < @IAmAliveTime AND start_time < @IAmAliveTime
  AND COALESCE(suspect_times, '') = ''
$q$),

('CleanupDefunctSiloEntryKey', $q$
DELETE FROM orleans_membership
WHERE deployment_id = @DeploymentId AND status = 6
  AND address = @Address AND port = @Port AND generation = @Generation
  AND start_time = @StartTime AND i_am_alive_time = @IAmAliveTime
  AND COALESCE(suspect_times, '') = COALESCE(@SuspectTimes, '')
$q$),

-- Reminders. @Period is in milliseconds (int, or bigint above int range); the upsert returns the
-- new version, which is the reminder's etag.
('UpsertReminderRowKey', $q$
INSERT INTO orleans_reminders (service_id, grain_id, reminder_name, start_time, period, grain_hash, version)
VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
SET start_time = excluded.start_time, period = excluded.period, grain_hash = excluded.grain_hash,
    version = orleans_reminders.version + 1
RETURNING version
$q$),

('ReadReminderRowsKey', $q$
SELECT grain_id AS grainid, reminder_name AS remindername, start_time AS starttime, period, version
FROM orleans_reminders
WHERE service_id = @ServiceId AND grain_id = @GrainId
$q$),

('ReadReminderRowKey', $q$
SELECT grain_id AS grainid, reminder_name AS remindername, start_time AS starttime, period, version
FROM orleans_reminders
WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName
$q$),

-- The ring range (@BeginHash, @EndHash]; Rows1 when begin < end as signed ints, Rows2 when it wraps.
('ReadRangeRows1Key', $q$
SELECT grain_id AS grainid, reminder_name AS remindername, start_time AS starttime, period, version
FROM orleans_reminders
WHERE service_id = @ServiceId AND grain_hash > @BeginHash AND grain_hash <= @EndHash
$q$),

('ReadRangeRows2Key', $q$
SELECT grain_id AS grainid, reminder_name AS remindername, start_time AS starttime, period, version
FROM orleans_reminders
WHERE service_id = @ServiceId AND (grain_hash > @BeginHash OR grain_hash <= @EndHash)
$q$),

('DeleteReminderRowKey', $q$
WITH deleted AS (
    DELETE FROM orleans_reminders
    WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName
      AND version = @Version
    RETURNING 1)
SELECT count(*)::int FROM deleted
$q$),

('DeleteReminderRowsKey', $q$
DELETE FROM orleans_reminders WHERE service_id = @ServiceId
$q$);
