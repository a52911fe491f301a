-- Migration 4: customer groups and customers (DOMAIN.md 2).
-- A customer's lists (affiliations, address books, addresses, contacts, attribute values) are
-- child tables, so that filters over many customers are index lookups: by store (through
-- its customer address books), group, affiliation, attribute value, and name, email or phone
-- prefix (lower-case search columns). They are WITHOUT ROWID tables keyed by account, so that a
-- row costs one b-tree insert, not two, and a customer's rows sit together.

CREATE TABLE customer_groups (
    id             TEXT PRIMARY KEY COLLATE NOCASE,
    description    TEXT NOT NULL,
    payment_terms  TEXT,
    dimensions     TEXT NOT NULL DEFAULT '[]',   -- JSON [{name, value}]
    change_version INTEGER NOT NULL
);
CREATE INDEX customer_groups_by_version ON customer_groups (change_version);

CREATE TABLE customers (
    account              TEXT PRIMARY KEY COLLATE NOCASE,
    legal_entity         TEXT NOT NULL REFERENCES legal_entities (id),
    type                 TEXT NOT NULL CHECK (type IN ('person', 'organization')),
    first_name           TEXT,
    middle_name          TEXT,
    last_name            TEXT,
    organization_name    TEXT,
    search_name          TEXT NOT NULL,          -- lower-case display name, for prefix search
    search_last          TEXT NOT NULL,          -- lower-case last or organization name, likewise
    group_id             TEXT NOT NULL REFERENCES customer_groups (id),
    receipt_option       TEXT,
    receipt_email        TEXT,
    currency             TEXT NOT NULL,
    language             TEXT NOT NULL,
    financial_dimensions TEXT NOT NULL DEFAULT '[]',
    status               TEXT NOT NULL DEFAULT 'active',
    change_version       INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX customers_by_version ON customers (change_version);
CREATE INDEX customers_by_group ON customers (group_id, account);
CREATE INDEX customers_by_name ON customers (search_name);
CREATE INDEX customers_by_last_name ON customers (search_last);
CREATE INDEX customers_by_legal_entity ON customers (legal_entity, account);

CREATE TABLE customer_affiliations (
    account        TEXT NOT NULL REFERENCES customers (account),
    name           TEXT NOT NULL COLLATE NOCASE,
    change_version INTEGER NOT NULL,
    PRIMARY KEY (account, name)
) WITHOUT ROWID;
CREATE INDEX customer_affiliations_by_name ON customer_affiliations (name, account);
CREATE INDEX customer_affiliations_by_version ON customer_affiliations (change_version);

CREATE TABLE customer_address_books (
    account        TEXT NOT NULL REFERENCES customers (account),
    address_book   TEXT NOT NULL REFERENCES address_books (id),
    change_version INTEGER NOT NULL,
    PRIMARY KEY (account, address_book)
) WITHOUT ROWID;
CREATE INDEX customer_address_books_by_book ON customer_address_books (address_book, account);
CREATE INDEX customer_address_books_by_version ON customer_address_books (change_version);

CREATE TABLE customer_addresses (
    account        TEXT NOT NULL REFERENCES customers (account),
    position       INTEGER NOT NULL,
    purpose        TEXT NOT NULL,
    street         TEXT NOT NULL,
    city           TEXT NOT NULL,
    state          TEXT,
    postal_code    TEXT,
    country        TEXT NOT NULL,
    is_primary     INTEGER NOT NULL,
    change_version INTEGER NOT NULL,
    PRIMARY KEY (account, position)
) WITHOUT ROWID;
CREATE INDEX customer_addresses_by_version ON customer_addresses (change_version);

CREATE TABLE customer_contacts (
    account          TEXT NOT NULL REFERENCES customers (account),
    position         INTEGER NOT NULL,
    kind             TEXT NOT NULL CHECK (kind IN ('email', 'phone')),
    value            TEXT NOT NULL,
    search_value     TEXT NOT NULL,              -- lower-case email, or phone digits
    is_primary       INTEGER NOT NULL,
    marketing_opt_in INTEGER NOT NULL,
    change_version   INTEGER NOT NULL,
    PRIMARY KEY (account, position)
) WITHOUT ROWID;
CREATE INDEX customer_contacts_by_value ON customer_contacts (search_value);
CREATE INDEX customer_contacts_by_version ON customer_contacts (change_version);

CREATE TABLE customer_attribute_values (
    account        TEXT NOT NULL REFERENCES customers (account),
    attribute      TEXT NOT NULL COLLATE NOCASE,
    value          TEXT NOT NULL,
    change_version INTEGER NOT NULL,
    PRIMARY KEY (account, attribute)
) WITHOUT ROWID;
CREATE INDEX customer_attribute_values_by_value ON customer_attribute_values (attribute, value, account);
CREATE INDEX customer_attribute_values_by_version ON customer_attribute_values (change_version);

CREATE TRIGGER customer_groups_tombstone AFTER DELETE ON customer_groups BEGIN
    INSERT INTO tombstones (table_name, row_key, change_version)
    VALUES ('customer_groups', json_array(OLD.id), (SELECT change_version FROM hq_meta));
END;
CREATE TRIGGER customers_tombstone AFTER DELETE ON customers BEGIN
    INSERT INTO tombstones (table_name, row_key, change_version)
    VALUES ('customers', json_array(OLD.account), (SELECT change_version FROM hq_meta));
END;
CREATE TRIGGER customer_affiliations_tombstone AFTER DELETE ON customer_affiliations BEGIN
    INSERT INTO tombstones (table_name, row_key, change_version)
    VALUES ('customer_affiliations', json_array(OLD.account, OLD.name), (SELECT change_version FROM hq_meta));
END;
CREATE TRIGGER customer_address_books_tombstone AFTER DELETE ON customer_address_books BEGIN
    INSERT INTO tombstones (table_name, row_key, change_version)
    VALUES ('customer_address_books', json_array(OLD.account, OLD.address_book), (SELECT change_version FROM hq_meta));
END;
CREATE TRIGGER customer_addresses_tombstone AFTER DELETE ON customer_addresses BEGIN
    INSERT INTO tombstones (table_name, row_key, change_version)
    VALUES ('customer_addresses', json_array(OLD.account, OLD.position), (SELECT change_version FROM hq_meta));
END;
CREATE TRIGGER customer_contacts_tombstone AFTER DELETE ON customer_contacts BEGIN
    INSERT INTO tombstones (table_name, row_key, change_version)
    VALUES ('customer_contacts', json_array(OLD.account, OLD.position), (SELECT change_version FROM hq_meta));
END;
CREATE TRIGGER customer_attribute_values_tombstone AFTER DELETE ON customer_attribute_values BEGIN
    INSERT INTO tombstones (table_name, row_key, change_version)
    VALUES ('customer_attribute_values', json_array(OLD.account, OLD.attribute), (SELECT change_version FROM hq_meta));
END;

-- The number of customers, kept by triggers, so that `hq status` does not count a million
-- rows (DESIGN.md 8: small commands under 10 ms). An upsert that updates fires no insert
-- trigger, so the count stays exact.
CREATE TABLE row_counts (
    table_name TEXT PRIMARY KEY,
    n          INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO row_counts (table_name, n) VALUES ('customers', 0);
CREATE TRIGGER customers_count_insert AFTER INSERT ON customers BEGIN
    UPDATE row_counts SET n = n + 1 WHERE table_name = 'customers';
END;
CREATE TRIGGER customers_count_delete AFTER DELETE ON customers BEGIN
    UPDATE row_counts SET n = n - 1 WHERE table_name = 'customers';
END;
