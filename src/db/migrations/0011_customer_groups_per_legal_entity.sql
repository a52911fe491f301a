-- Migration 11: customer groups belong to a legal entity (DOMAIN.md 2), as in the product: the
-- same group id may exist in two legal entities with different financial dimensions. A
-- customer's group is one of its own legal entity's, which a foreign key on both columns says.
--
-- The customers table is rebuilt for that key (SQLite's twelve steps: hq runs this migration
-- with foreign keys off and checks them all before it commits). Its rows keep their order and
-- values; no trigger fires, so no row is counted, tombstoned or marked changed again.
--
-- Where each existing group goes: to every legal entity whose customers are in it, and a group
-- no customer is in to every legal entity, so that each id that named a group before still
-- names one. A channel database's copy follows the same way (what it was sent, under each
-- legal entity the group is now in), so the next incremental job sends only real changes.

CREATE TABLE new_customer_groups (
    legal_entity   TEXT NOT NULL COLLATE NOCASE REFERENCES legal_entities (id),
    id             TEXT NOT NULL COLLATE NOCASE,
    description    TEXT NOT NULL,
    payment_terms  TEXT,
    dimensions     TEXT NOT NULL DEFAULT '[]',   -- JSON [{name, value}]
    change_version INTEGER NOT NULL,
    PRIMARY KEY (legal_entity, id)
) WITHOUT ROWID;
INSERT INTO new_customer_groups
    SELECT l.id, g.id, g.description, g.payment_terms, g.dimensions, g.change_version
    FROM customer_groups g, legal_entities l
    WHERE EXISTS (SELECT 1 FROM customers c
                  WHERE c.group_id = g.id AND c.legal_entity = l.id COLLATE NOCASE)
       OR NOT EXISTS (SELECT 1 FROM customers c WHERE c.group_id = g.id);
DROP TABLE customer_groups;
ALTER TABLE new_customer_groups RENAME TO customer_groups;
CREATE INDEX customer_groups_by_version ON customer_groups (change_version);
CREATE TRIGGER customer_groups_tombstone AFTER DELETE ON customer_groups BEGIN
    INSERT INTO tombstones (table_name, row_key, change_version)
    VALUES ('customer_groups', json_array(OLD.legal_entity, OLD.id),
            (SELECT change_version FROM hq_meta));
END;
-- Deletions recorded under the old key (the id alone) can no longer be matched; what they
-- deleted is not copied to the channel below.
DELETE FROM tombstones WHERE table_name = 'customer_groups';

CREATE TABLE new_ch_customer_groups (
    ch_db TEXT NOT NULL COLLATE NOCASE,
    legal_entity TEXT COLLATE NOCASE,
    id TEXT COLLATE NOCASE,
    description TEXT,
    payment_terms TEXT,
    dimensions TEXT,
    PRIMARY KEY (ch_db, legal_entity, id)
) WITHOUT ROWID;
INSERT INTO new_ch_customer_groups
    SELECT ch.ch_db, g.legal_entity, ch.id, ch.description, ch.payment_terms, ch.dimensions
    FROM ch_customer_groups ch JOIN customer_groups g ON g.id = ch.id;
DROP TABLE ch_customer_groups;
ALTER TABLE new_ch_customer_groups RENAME TO ch_customer_groups;

CREATE TABLE new_customers (
    account              TEXT PRIMARY KEY COLLATE NOCASE,
    legal_entity         TEXT NOT NULL REFERENCES legal_entities (id),
    type                 TEXT NOT NULL CHECK (type IN ('person', 'organization')),
    first_name           TEXT,
    middle_name          TEXT,
    last_name            TEXT,
    organization_name    TEXT,
    search_name          TEXT NOT NULL,          -- lower-case display name, for prefix search
    search_last          TEXT NOT NULL,          -- lower-case last or organization name, likewise
    group_id             TEXT NOT NULL,
    receipt_option       TEXT,
    receipt_email        TEXT,
    currency             TEXT NOT NULL,
    language             TEXT NOT NULL,
    financial_dimensions TEXT NOT NULL DEFAULT '[]',
    status               TEXT NOT NULL DEFAULT 'active',
    change_version       INTEGER NOT NULL,
    store                TEXT,
    FOREIGN KEY (legal_entity, group_id) REFERENCES customer_groups (legal_entity, id)
) WITHOUT ROWID;
INSERT INTO new_customers
    SELECT account, legal_entity, type, first_name, middle_name, last_name, organization_name,
           search_name, search_last, group_id, receipt_option, receipt_email, currency,
           language, financial_dimensions, status, change_version, store
    FROM customers;
DROP TABLE customers;
ALTER TABLE new_customers RENAME TO customers;
CREATE INDEX customers_by_version ON customers (change_version);
-- By group id (a filter over every legal entity), and by group within a legal entity (the
-- foreign key's lookup when a group is removed).
CREATE INDEX customers_by_group ON customers (group_id, legal_entity, account);
CREATE INDEX customers_by_name ON customers (search_name);
CREATE INDEX customers_by_last_name ON customers (search_last);
CREATE INDEX customers_by_legal_entity ON customers (legal_entity, account);
CREATE TRIGGER customers_tombstone AFTER DELETE ON customers BEGIN
    INSERT INTO tombstones (table_name, row_key, change_version)
    VALUES ('customers', json_array(OLD.account), (SELECT change_version FROM hq_meta));
END;
CREATE TRIGGER customers_count_insert AFTER INSERT ON customers BEGIN
    UPDATE row_counts SET n = n + 1 WHERE table_name = 'customers';
END;
CREATE TRIGGER customers_count_delete AFTER DELETE ON customers BEGIN
    UPDATE row_counts SET n = n - 1 WHERE table_name = 'customers';
END;
