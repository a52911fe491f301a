-- Migration 5: async customers (DOMAIN.md 2). A store whose functionality profile creates
-- customers asynchronously writes them to its channel database with a temporary id (a UUID)
-- and status pending-sync; `hq customer sync` uploads them, allocates real accounts and marks
-- them synced. These rows are channel-side, so they carry no HQ change version.

CREATE TABLE channel_pending_customers (
    id         TEXT PRIMARY KEY,                 -- the temporary id, a UUID
    channel_db TEXT NOT NULL REFERENCES channel_dbs (id),
    store      TEXT NOT NULL REFERENCES stores (number),
    created_at TEXT NOT NULL,
    status     TEXT NOT NULL CHECK (status IN ('pending-sync', 'synced')),
    account    TEXT,                             -- the HQ account, once synced
    synced_at  TEXT,
    data       TEXT NOT NULL                     -- the customer as JSON
);
CREATE INDEX channel_pending_customers_by_status ON channel_pending_customers (status, created_at);
