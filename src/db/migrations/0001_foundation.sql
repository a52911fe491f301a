-- Migration 1: the foundation.
-- hq_meta holds the one row of facts about the environment and the change-version counter
-- that every HQ row is stamped with; tombstones record deletions so that distribution can
-- send them (DESIGN.md 3). The organisation tables follow DOMAIN.md 1. Ids compare without
-- case, as they do in HQ, but keep the case they were given.

CREATE TABLE hq_meta (
    id             INTEGER PRIMARY KEY CHECK (id = 1),
    env_version    TEXT    NOT NULL,
    created_at     TEXT    NOT NULL,
    change_version INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE tombstones (
    id             INTEGER PRIMARY KEY,
    table_name     TEXT    NOT NULL,
    row_key        TEXT    NOT NULL,   -- JSON array of the deleted row's key columns
    change_version INTEGER NOT NULL
);
CREATE INDEX tombstones_by_version ON tombstones (table_name, change_version);

CREATE TABLE audit_log (
    id       INTEGER PRIMARY KEY,
    at       TEXT NOT NULL,
    actor    TEXT NOT NULL,
    command  TEXT NOT NULL,
    summary  TEXT NOT NULL,
    changes  TEXT NOT NULL            -- JSON array of changes (src/domain/change.rs)
);

CREATE TABLE legal_entities (
    id             TEXT PRIMARY KEY COLLATE NOCASE,
    name           TEXT NOT NULL,
    country        TEXT NOT NULL,
    language       TEXT NOT NULL,
    change_version INTEGER NOT NULL
);
CREATE INDEX legal_entities_by_version ON legal_entities (change_version);

CREATE TABLE address_books (
    id             TEXT PRIMARY KEY COLLATE NOCASE,
    name           TEXT NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('customer', 'employee')),
    change_version INTEGER NOT NULL
);
CREATE INDEX address_books_by_version ON address_books (change_version);

CREATE TABLE channel_db_groups (
    id             TEXT PRIMARY KEY COLLATE NOCASE,
    description    TEXT NOT NULL DEFAULT '',
    change_version INTEGER NOT NULL
);
CREATE INDEX channel_db_groups_by_version ON channel_db_groups (change_version);

CREATE TABLE channel_dbs (
    id             TEXT PRIMARY KEY COLLATE NOCASE,
    group_id       TEXT NOT NULL REFERENCES channel_db_groups (id),
    description    TEXT NOT NULL DEFAULT '',
    change_version INTEGER NOT NULL
);
CREATE INDEX channel_dbs_by_version ON channel_dbs (change_version);
CREATE INDEX channel_dbs_by_group ON channel_dbs (group_id);

CREATE TABLE stores (
    number                    TEXT PRIMARY KEY COLLATE NOCASE,
    name                      TEXT NOT NULL,
    legal_entity              TEXT NOT NULL REFERENCES legal_entities (id),
    currency                  TEXT NOT NULL,
    time_zone                 TEXT NOT NULL,
    street                    TEXT NOT NULL,
    city                      TEXT NOT NULL,
    state                     TEXT,
    postal_code               TEXT,
    country                   TEXT NOT NULL,
    channel_db                TEXT NOT NULL REFERENCES channel_dbs (id),
    default_customer          TEXT,
    async_customer_creation   INTEGER NOT NULL DEFAULT 0,
    offline_customer_creation INTEGER NOT NULL DEFAULT 0,
    change_version            INTEGER NOT NULL
);
CREATE INDEX stores_by_version ON stores (change_version);
CREATE INDEX stores_by_legal_entity ON stores (legal_entity);
CREATE INDEX stores_by_channel_db ON stores (channel_db);

CREATE TABLE store_address_books (
    store          TEXT NOT NULL REFERENCES stores (number),
    address_book   TEXT NOT NULL REFERENCES address_books (id),
    position       INTEGER NOT NULL,
    change_version INTEGER NOT NULL,
    PRIMARY KEY (store, address_book)
);
CREATE INDEX store_address_books_by_version ON store_address_books (change_version);
CREATE INDEX store_address_books_by_book ON store_address_books (address_book);

-- Deletions leave tombstones stamped with the deleting transaction's change version.
CREATE TRIGGER legal_entities_tombstone AFTER DELETE ON legal_entities BEGIN
    INSERT INTO tombstones (table_name, row_key, change_version)
    VALUES ('legal_entities', json_array(OLD.id), (SELECT change_version FROM hq_meta));
END;
CREATE TRIGGER address_books_tombstone AFTER DELETE ON address_books BEGIN
    INSERT INTO tombstones (table_name, row_key, change_version)
    VALUES ('address_books', json_array(OLD.id), (SELECT change_version FROM hq_meta));
END;
CREATE TRIGGER channel_db_groups_tombstone AFTER DELETE ON channel_db_groups BEGIN
    INSERT INTO tombstones (table_name, row_key, change_version)
    VALUES ('channel_db_groups', json_array(OLD.id), (SELECT change_version FROM hq_meta));
END;
CREATE TRIGGER channel_dbs_tombstone AFTER DELETE ON channel_dbs BEGIN
    INSERT INTO tombstones (table_name, row_key, change_version)
    VALUES ('channel_dbs', json_array(OLD.id), (SELECT change_version FROM hq_meta));
END;
CREATE TRIGGER stores_tombstone AFTER DELETE ON stores BEGIN
    INSERT INTO tombstones (table_name, row_key, change_version)
    VALUES ('stores', json_array(OLD.number), (SELECT change_version FROM hq_meta));
END;
CREATE TRIGGER store_address_books_tombstone AFTER DELETE ON store_address_books BEGIN
    INSERT INTO tombstones (table_name, row_key, change_version)
    VALUES ('store_address_books', json_array(OLD.store, OLD.address_book),
            (SELECT change_version FROM hq_meta));
END;
