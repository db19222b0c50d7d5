-- The person stage's visit fields (issue 30, contract `visits`): `face_s`, the seconds the face was
-- seen, and `looked`, whether the device judged the visitor a watcher; both null for visits from
-- devices that do not send them (and for every visit stored before this migration: the collector
-- did not keep them). `watcher` stays what the summary counts: `looked` where sent, else attention.
ALTER TABLE visits ADD COLUMN face_s double precision;
ALTER TABLE visits ADD COLUMN looked smallint;
-- Per device and hour: the visits that sent `face_s` and its sum (its mean is over those visits
-- only: a visit without it is unknown, not 0 s). Its histogram is metric 2 of hourly_histograms.
ALTER TABLE hourly ADD COLUMN face_visits bigint NOT NULL DEFAULT 0;
ALTER TABLE hourly ADD COLUMN face_sum double precision NOT NULL DEFAULT 0;
