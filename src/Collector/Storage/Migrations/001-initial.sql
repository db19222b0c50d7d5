-- The collector's schema, the same text for SQLite and PostgreSQL (SQLite reads bigint,
-- double precision and smallint by their affinity). Times are Unix milliseconds (UTC).
CREATE TABLE devices (
    device text PRIMARY KEY,
    site text,
    first_ms bigint,
    last_ms bigint,
    window_ms bigint,
    status text,
    status_ms bigint
);

-- Per device and stream: the seq range seen and what happened to its messages.
CREATE TABLE streams (
    device text NOT NULL,
    stream text NOT NULL,
    first_seq bigint,
    last_seq bigint,
    stored bigint NOT NULL DEFAULT 0,
    duplicates bigint NOT NULL DEFAULT 0,
    last_stored_ms bigint,
    last_lag_ms bigint,
    PRIMARY KEY (device, stream)
);

-- Seq numbers inside the seen range that never arrived (shrunk when a late one does).
CREATE TABLE gaps (
    device text NOT NULL,
    stream text NOT NULL,
    from_seq bigint NOT NULL,
    to_seq bigint NOT NULL,
    PRIMARY KEY (device, stream, from_seq)
);

-- Seq ranges a device declared it will never send (stats seq_skipped, visits_seq_skipped).
CREATE TABLE skips (
    device text NOT NULL,
    stream text NOT NULL,
    from_seq bigint NOT NULL,
    to_seq bigint NOT NULL,
    PRIMARY KEY (device, stream, from_seq, to_seq)
);

CREATE TABLE windows (
    device text NOT NULL,
    seq bigint NOT NULL,
    site text,
    start_ms bigint NOT NULL,
    end_ms bigint NOT NULL,
    frames integer NOT NULL,
    faces integer NOT NULL,
    ff_angry integer NOT NULL,
    ff_disgust integer NOT NULL,
    ff_fear integer NOT NULL,
    ff_happy integer NOT NULL,
    ff_sad integer NOT NULL,
    ff_surprise integer NOT NULL,
    ff_neutral integer NOT NULL,
    present integer NOT NULL,
    new_visitors integer NOT NULL,
    looking integer NOT NULL,
    dwell_s double precision NOT NULL,
    attention_s double precision NOT NULL,
    PRIMARY KEY (device, seq)
);
CREATE INDEX windows_start ON windows (start_ms);

CREATE TABLE visits (
    device text NOT NULL,
    seq bigint NOT NULL,
    site text,
    start_ms bigint NOT NULL,
    end_ms bigint NOT NULL,
    dwell_s double precision NOT NULL,
    attention_s double precision NOT NULL,
    watcher smallint NOT NULL,
    frames integer NOT NULL,
    emotion smallint,
    es_angry double precision NOT NULL,
    es_disgust double precision NOT NULL,
    es_fear double precision NOT NULL,
    es_happy double precision NOT NULL,
    es_sad double precision NOT NULL,
    es_surprise double precision NOT NULL,
    es_neutral double precision NOT NULL,
    PRIMARY KEY (device, seq)
);
CREATE INDEX visits_start ON visits (start_ms);

-- Rollups per device and UTC hour, kept forever: windows by their start, visits by theirs.
CREATE TABLE hourly (
    device text NOT NULL,
    hour_ms bigint NOT NULL,
    site text,
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
    PRIMARY KEY (device, hour_ms)
);
CREATE INDEX hourly_hour ON hourly (hour_ms);

-- Visits' dwell (metric 0) and attention (metric 1) per device and hour in logarithmic bins
-- (DurationHistogram): summed over any period they give medians within a few per cent.
CREATE TABLE hourly_histograms (
    device text NOT NULL,
    hour_ms bigint NOT NULL,
    metric smallint NOT NULL,
    bin smallint NOT NULL,
    count bigint NOT NULL,
    PRIMARY KEY (device, hour_ms, metric, bin)
);
CREATE INDEX hourly_histograms_hour ON hourly_histograms (hour_ms);
