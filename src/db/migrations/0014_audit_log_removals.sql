-- Migration 14: the records a removal of many names, a row each (issue 19).
--
-- Why: `hq customer remove --group`, `--from` and `hq apply --prune` remove any number of
-- customers in one transaction, and the audit entry names every one. Kept as one JSON text in
-- `audit_log.changes`, that text (and two copies SQLite makes of it to insert it) grew with the
-- customers removed: 200,000 held about 50 MB at once. Here each removed record is a row,
-- written by one INSERT ... SELECT from the staged accounts, so nothing grows in memory.
--
-- `hq log` shows such an entry as before: its `changes` are the entry's own JSON list followed
-- by `{"action": "delete", "entity": ENTITY, "key": KEY, "fields": []}` for each row here, in
-- key order. `--entity KIND:KEY` finds an entry by these rows too.

CREATE TABLE audit_log_removals (
    entry   INTEGER NOT NULL REFERENCES audit_log (id),
    entity  TEXT    NOT NULL,
    key     TEXT    NOT NULL COLLATE NOCASE,
    PRIMARY KEY (entry, entity, key)
) WITHOUT ROWID;
