-- Where the rollups' hours start: minutes past every UTC hour (HourGrid). 0 gives UTC hours, the
-- local hours of zones whose offset is whole hours; 30 or 15 those of the zones that are not
-- (Asia/Kolkata 30, Asia/Kathmandu 15). One row, written when a collector first opens a database
-- without one, from Reports:TimeZone, and never changed: an hour once summed cannot be cut again.
-- A database that already has rollups keeps the UTC hours they were summed in.
CREATE TABLE hour_grid (
    id integer PRIMARY KEY CHECK (id = 1),
    minutes integer NOT NULL CHECK (minutes IN (0, 15, 30, 45))
);

INSERT INTO hour_grid (id, minutes) SELECT 1, 0 WHERE EXISTS (SELECT 1 FROM hourly);
