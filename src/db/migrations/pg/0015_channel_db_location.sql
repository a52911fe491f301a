-- Migration 15 on PostgreSQL: where a channel database lives (see ../0015_channel_db_location.sql).

ALTER TABLE channel_dbs ADD COLUMN location TEXT NOT NULL DEFAULT '';
