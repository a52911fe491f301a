-- Migration 15: where a channel database lives (issue 21).
--
-- Empty: inside the headquarters data file, as before (its channel tables, keyed by its id).
-- Otherwise the path of a channel database file of its own, made by `hq channel-db init`,
-- which distribution jobs deliver download sessions to. A relative path is read from the
-- folder that holds the headquarters data file.

ALTER TABLE channel_dbs ADD COLUMN location TEXT NOT NULL DEFAULT '';
