-- The fleet's hourly rollup: per UTC hour, the per-device rollups' figures that a summary sums,
-- added as they are stored (the same upserts that add, in the same transaction), so a fleet
-- summary reads one row per hour instead of summing every device's (30 days of 50 devices:
-- 720 rows against 36,000). Kept forever like the device rollups; a summary for a device or a
-- site still sums `hourly`.
CREATE TABLE hourly_fleet (
    hour_ms bigint PRIMARY KEY,
    windows bigint NOT NULL DEFAULT 0,
    frames bigint NOT NULL DEFAULT 0,
    faces bigint NOT NULL DEFAULT 0,
    ff_angry bigint NOT NULL DEFAULT 0,
    ff_disgust bigint NOT NULL DEFAULT 0,
    ff_fear bigint NOT NULL DEFAULT 0,
    ff_happy bigint NOT NULL DEFAULT 0,
    ff_sad bigint NOT NULL DEFAULT 0,
    ff_surprise bigint NOT NULL DEFAULT 0,
    ff_neutral bigint NOT NULL DEFAULT 0,
    visits bigint NOT NULL DEFAULT 0,
    watchers bigint NOT NULL DEFAULT 0,
    dwell_sum double precision NOT NULL DEFAULT 0,
    attention_sum double precision NOT NULL DEFAULT 0,
    ve_angry bigint NOT NULL DEFAULT 0,
    ve_disgust bigint NOT NULL DEFAULT 0,
    ve_fear bigint NOT NULL DEFAULT 0,
    ve_happy bigint NOT NULL DEFAULT 0,
    ve_sad bigint NOT NULL DEFAULT 0,
    ve_surprise bigint NOT NULL DEFAULT 0,
    ve_neutral bigint NOT NULL DEFAULT 0,
    es_angry double precision NOT NULL DEFAULT 0,
    es_disgust double precision NOT NULL DEFAULT 0,
    es_fear double precision NOT NULL DEFAULT 0,
    es_happy double precision NOT NULL DEFAULT 0,
    es_sad double precision NOT NULL DEFAULT 0,
    es_surprise double precision NOT NULL DEFAULT 0,
    es_neutral double precision NOT NULL DEFAULT 0,
    face_visits bigint NOT NULL DEFAULT 0,
    face_sum double precision NOT NULL DEFAULT 0
);

INSERT INTO hourly_fleet (hour_ms, windows, frames, faces,
    ff_angry, ff_disgust, ff_fear, ff_happy, ff_sad, ff_surprise, ff_neutral, visits, watchers, dwell_sum, attention_sum,
    ve_angry, ve_disgust, ve_fear, ve_happy, ve_sad, ve_surprise, ve_neutral,
    es_angry, es_disgust, es_fear, es_happy, es_sad, es_surprise, es_neutral, face_visits, face_sum)
SELECT hour_ms, SUM(windows), SUM(frames), SUM(faces),
    SUM(ff_angry), SUM(ff_disgust), SUM(ff_fear), SUM(ff_happy), SUM(ff_sad), SUM(ff_surprise), SUM(ff_neutral),
    SUM(visits), SUM(watchers), SUM(dwell_sum), SUM(attention_sum),
    SUM(ve_angry), SUM(ve_disgust), SUM(ve_fear), SUM(ve_happy), SUM(ve_sad), SUM(ve_surprise), SUM(ve_neutral),
    SUM(es_angry), SUM(es_disgust), SUM(es_fear), SUM(es_happy), SUM(es_sad), SUM(es_surprise), SUM(es_neutral),
    SUM(face_visits), SUM(face_sum)
FROM hourly GROUP BY hour_ms;

-- The fleet's histogram rows with their count in the index a summary's range reads: SQLite
-- answers from the index alone instead of looking each of some 100,000 rows up in the table.
CREATE INDEX hourly_fleet_histograms_read ON hourly_fleet_histograms (hour_ms, metric, bin, count);

-- The devices' histograms by hour alone served the fleet's summaries, which read the fleet's own
-- rows now; a device's or a site's read goes by the primary key (device, hour_ms, …), and the
-- index only cost every histogram upsert a second index to keep.
DROP INDEX IF EXISTS hourly_histograms_hour;
