-- Numbered 003: 002 is the fleet histograms (the storage performance work, issue 26).
-- Per-visit sums of squares in the hourly rollups, for the comparison's intervals (issue 27):
-- Welch's for the means of dwell and attention (dwell_sq, attention_sq), and the delta method's
-- for face-time shares (per emotion Σ seconds², Σ seconds × the visit's emotion seconds, and
-- Σ (the visit's emotion seconds)²). moment_visits counts the visits these sums hold: an hour
-- whose raw visits retention had already deleted has fewer than its visits, and the comparison
-- says "not computable" for a period that includes it instead of using a wrong variance.
ALTER TABLE hourly ADD COLUMN moment_visits bigint NOT NULL DEFAULT 0;
ALTER TABLE hourly ADD COLUMN dwell_sq double precision NOT NULL DEFAULT 0;
ALTER TABLE hourly ADD COLUMN attention_sq double precision NOT NULL DEFAULT 0;
ALTER TABLE hourly ADD COLUMN es_sq_angry double precision NOT NULL DEFAULT 0;
ALTER TABLE hourly ADD COLUMN es_sq_disgust double precision NOT NULL DEFAULT 0;
ALTER TABLE hourly ADD COLUMN es_sq_fear double precision NOT NULL DEFAULT 0;
ALTER TABLE hourly ADD COLUMN es_sq_happy double precision NOT NULL DEFAULT 0;
ALTER TABLE hourly ADD COLUMN es_sq_sad double precision NOT NULL DEFAULT 0;
ALTER TABLE hourly ADD COLUMN es_sq_surprise double precision NOT NULL DEFAULT 0;
ALTER TABLE hourly ADD COLUMN es_sq_neutral double precision NOT NULL DEFAULT 0;
ALTER TABLE hourly ADD COLUMN es_x_angry double precision NOT NULL DEFAULT 0;
ALTER TABLE hourly ADD COLUMN es_x_disgust double precision NOT NULL DEFAULT 0;
ALTER TABLE hourly ADD COLUMN es_x_fear double precision NOT NULL DEFAULT 0;
ALTER TABLE hourly ADD COLUMN es_x_happy double precision NOT NULL DEFAULT 0;
ALTER TABLE hourly ADD COLUMN es_x_sad double precision NOT NULL DEFAULT 0;
ALTER TABLE hourly ADD COLUMN es_x_surprise double precision NOT NULL DEFAULT 0;
ALTER TABLE hourly ADD COLUMN es_x_neutral double precision NOT NULL DEFAULT 0;
ALTER TABLE hourly ADD COLUMN es_total_sq double precision NOT NULL DEFAULT 0;

-- The hours whose raw visits are still kept, from those visits (an hour is a visit's start rounded down, as the rollup does).
CREATE TABLE migration_003_moments AS
SELECT device,
    start_ms - (start_ms % 3600000) AS hour_ms,
    COUNT(*) AS n,
    SUM(dwell_s * dwell_s) AS dwell_sq,
    SUM(attention_s * attention_s) AS attention_sq,
    SUM(es_angry * es_angry) AS es_sq_angry,
    SUM(es_disgust * es_disgust) AS es_sq_disgust,
    SUM(es_fear * es_fear) AS es_sq_fear,
    SUM(es_happy * es_happy) AS es_sq_happy,
    SUM(es_sad * es_sad) AS es_sq_sad,
    SUM(es_surprise * es_surprise) AS es_sq_surprise,
    SUM(es_neutral * es_neutral) AS es_sq_neutral,
    SUM(es_angry * (es_angry + es_disgust + es_fear + es_happy + es_sad + es_surprise + es_neutral)) AS es_x_angry,
    SUM(es_disgust * (es_angry + es_disgust + es_fear + es_happy + es_sad + es_surprise + es_neutral)) AS es_x_disgust,
    SUM(es_fear * (es_angry + es_disgust + es_fear + es_happy + es_sad + es_surprise + es_neutral)) AS es_x_fear,
    SUM(es_happy * (es_angry + es_disgust + es_fear + es_happy + es_sad + es_surprise + es_neutral)) AS es_x_happy,
    SUM(es_sad * (es_angry + es_disgust + es_fear + es_happy + es_sad + es_surprise + es_neutral)) AS es_x_sad,
    SUM(es_surprise * (es_angry + es_disgust + es_fear + es_happy + es_sad + es_surprise + es_neutral)) AS es_x_surprise,
    SUM(es_neutral * (es_angry + es_disgust + es_fear + es_happy + es_sad + es_surprise + es_neutral)) AS es_x_neutral,
    SUM((es_angry + es_disgust + es_fear + es_happy + es_sad + es_surprise + es_neutral) * (es_angry + es_disgust + es_fear + es_happy + es_sad + es_surprise + es_neutral)) AS es_total_sq
FROM visits GROUP BY device, start_ms - (start_ms % 3600000);
UPDATE hourly SET moment_visits = m.n,
    dwell_sq = m.dwell_sq,
    attention_sq = m.attention_sq,
    es_sq_angry = m.es_sq_angry,
    es_sq_disgust = m.es_sq_disgust,
    es_sq_fear = m.es_sq_fear,
    es_sq_happy = m.es_sq_happy,
    es_sq_sad = m.es_sq_sad,
    es_sq_surprise = m.es_sq_surprise,
    es_sq_neutral = m.es_sq_neutral,
    es_x_angry = m.es_x_angry,
    es_x_disgust = m.es_x_disgust,
    es_x_fear = m.es_x_fear,
    es_x_happy = m.es_x_happy,
    es_x_sad = m.es_x_sad,
    es_x_surprise = m.es_x_surprise,
    es_x_neutral = m.es_x_neutral,
    es_total_sq = m.es_total_sq
FROM migration_003_moments m WHERE m.device = hourly.device AND m.hour_ms = hourly.hour_ms;
DROP TABLE migration_003_moments;
