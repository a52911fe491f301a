-- Migration 12: the tables that hold a customer's rows compare its account as the customers
-- table does, without regard to case (COLLATE NOCASE).
--
-- Why: a foreign key's lookup in the child table can only use an index whose collation is the
-- parent key's. customers.account is NOCASE and these tables' account columns were BINARY, so
-- removing one customer read every row of all eight tables to check that none still referred
-- to it: removing a fifth of 10,000 customers took 15 s, and the time grew with the product
-- of the customers removed and the rows kept. With NOCASE, each check is a lookup in the
-- table's primary key (or its index by account).
--
-- Each table is rebuilt (SQLite's twelve steps: hq runs this with foreign keys off and checks
-- them all before it commits), its rows, columns, indexes and triggers as they were. No
-- trigger fires: no row is counted, tombstoned or marked changed again.

CREATE TABLE new_customer_affiliations (
    account        TEXT NOT NULL COLLATE NOCASE REFERENCES customers (account),
    name           TEXT NOT NULL COLLATE NOCASE,
    change_version INTEGER NOT NULL,
    PRIMARY KEY (account, name)
) WITHOUT ROWID;
INSERT INTO new_customer_affiliations SELECT account, name, change_version
    FROM customer_affiliations;
DROP TABLE customer_affiliations;
ALTER TABLE new_customer_affiliations RENAME TO customer_affiliations;
CREATE INDEX customer_affiliations_by_name ON customer_affiliations (name, account);
CREATE INDEX customer_affiliations_by_version ON customer_affiliations (change_version);
CREATE TRIGGER customer_affiliations_tombstone AFTER DELETE ON customer_affiliations BEGIN
    INSERT INTO tombstones (table_name, row_key, change_version)
    VALUES ('customer_affiliations', json_array(OLD.account, OLD.name), (SELECT change_version FROM hq_meta));
END;

CREATE TABLE new_customer_address_books (
    account        TEXT NOT NULL COLLATE NOCASE REFERENCES customers (account),
    address_book   TEXT NOT NULL REFERENCES address_books (id),
    change_version INTEGER NOT NULL,
    PRIMARY KEY (account, address_book)
) WITHOUT ROWID;
INSERT INTO new_customer_address_books SELECT account, address_book, change_version
    FROM customer_address_books;
DROP TABLE customer_address_books;
ALTER TABLE new_customer_address_books RENAME TO customer_address_books;
CREATE INDEX customer_address_books_by_book ON customer_address_books (address_book, account);
CREATE INDEX customer_address_books_by_version ON customer_address_books (change_version);
CREATE TRIGGER customer_address_books_tombstone AFTER DELETE ON customer_address_books BEGIN
    INSERT INTO tombstones (table_name, row_key, change_version)
    VALUES ('customer_address_books', json_array(OLD.account, OLD.address_book), (SELECT change_version FROM hq_meta));
END;

CREATE TABLE new_customer_addresses (
    account        TEXT NOT NULL COLLATE NOCASE REFERENCES customers (account),
    position       INTEGER NOT NULL,
    purpose        TEXT NOT NULL,
    street         TEXT NOT NULL,
    city           TEXT NOT NULL,
    state          TEXT,
    postal_code    TEXT,
    country        TEXT NOT NULL,
    is_primary     INTEGER NOT NULL,
    change_version INTEGER NOT NULL,
    name           TEXT,
    phone          TEXT,
    PRIMARY KEY (account, position)
) WITHOUT ROWID;
INSERT INTO new_customer_addresses
    SELECT account, position, purpose, street, city, state, postal_code, country, is_primary,
           change_version, name, phone
    FROM customer_addresses;
DROP TABLE customer_addresses;
ALTER TABLE new_customer_addresses RENAME TO customer_addresses;
CREATE INDEX customer_addresses_by_version ON customer_addresses (change_version);
CREATE TRIGGER customer_addresses_tombstone AFTER DELETE ON customer_addresses BEGIN
    INSERT INTO tombstones (table_name, row_key, change_version)
    VALUES ('customer_addresses', json_array(OLD.account, OLD.position), (SELECT change_version FROM hq_meta));
END;

CREATE TABLE new_customer_contacts (
    account          TEXT NOT NULL COLLATE NOCASE REFERENCES customers (account),
    position         INTEGER NOT NULL,
    kind             TEXT NOT NULL CHECK (kind IN ('email', 'phone')),
    value            TEXT NOT NULL,
    search_value     TEXT NOT NULL,              -- lower-case email, or phone digits
    is_primary       INTEGER NOT NULL,
    marketing_opt_in INTEGER NOT NULL,
    change_version   INTEGER NOT NULL,
    PRIMARY KEY (account, position)
) WITHOUT ROWID;
INSERT INTO new_customer_contacts
    SELECT account, position, kind, value, search_value, is_primary, marketing_opt_in,
           change_version
    FROM customer_contacts;
DROP TABLE customer_contacts;
ALTER TABLE new_customer_contacts RENAME TO customer_contacts;
CREATE INDEX customer_contacts_by_value ON customer_contacts (search_value);
CREATE INDEX customer_contacts_by_version ON customer_contacts (change_version);
CREATE TRIGGER customer_contacts_tombstone AFTER DELETE ON customer_contacts BEGIN
    INSERT INTO tombstones (table_name, row_key, change_version)
    VALUES ('customer_contacts', json_array(OLD.account, OLD.position), (SELECT change_version FROM hq_meta));
END;

CREATE TABLE new_customer_attribute_values (
    account        TEXT NOT NULL COLLATE NOCASE REFERENCES customers (account),
    attribute      TEXT NOT NULL COLLATE NOCASE,
    value          TEXT NOT NULL,
    change_version INTEGER NOT NULL,
    PRIMARY KEY (account, attribute)
) WITHOUT ROWID;
INSERT INTO new_customer_attribute_values SELECT account, attribute, value, change_version
    FROM customer_attribute_values;
DROP TABLE customer_attribute_values;
ALTER TABLE new_customer_attribute_values RENAME TO customer_attribute_values;
CREATE INDEX customer_attribute_values_by_value ON customer_attribute_values (attribute, value, account);
CREATE INDEX customer_attribute_values_by_version ON customer_attribute_values (change_version);
CREATE INDEX customer_attribute_values_by_day ON customer_attribute_values
    (attribute, substr(value, 6, 5), account)
    WHERE value GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*';
CREATE TRIGGER customer_attribute_values_tombstone AFTER DELETE ON customer_attribute_values BEGIN
    INSERT INTO tombstones (table_name, row_key, change_version)
    VALUES ('customer_attribute_values', json_array(OLD.account, OLD.attribute), (SELECT change_version FROM hq_meta));
END;

CREATE TABLE new_customer_activities (
    id             INTEGER PRIMARY KEY,
    account        TEXT NOT NULL COLLATE NOCASE REFERENCES customers (account),
    type           TEXT NOT NULL,                     -- an activity type id, as it was
    worker         TEXT NOT NULL,
    at             TEXT NOT NULL,
    text           TEXT NOT NULL,
    change_version INTEGER NOT NULL
);
INSERT INTO new_customer_activities SELECT id, account, type, worker, at, text, change_version
    FROM customer_activities;
DROP TABLE customer_activities;
ALTER TABLE new_customer_activities RENAME TO customer_activities;
CREATE INDEX customer_activities_by_account ON customer_activities (account, at);
CREATE TRIGGER customer_activities_tombstone AFTER DELETE ON customer_activities BEGIN
    INSERT INTO tombstones (table_name, row_key, change_version)
    VALUES ('customer_activities', json_array(OLD.id), (SELECT change_version FROM hq_meta));
END;

CREATE TABLE new_customer_notes (
    id             INTEGER PRIMARY KEY,
    account        TEXT NOT NULL COLLATE NOCASE REFERENCES customers (account),
    worker         TEXT NOT NULL,
    at             TEXT NOT NULL,
    text           TEXT NOT NULL,
    change_version INTEGER NOT NULL
);
INSERT INTO new_customer_notes SELECT id, account, worker, at, text, change_version
    FROM customer_notes;
DROP TABLE customer_notes;
ALTER TABLE new_customer_notes RENAME TO customer_notes;
CREATE INDEX customer_notes_by_account ON customer_notes (account, at);
CREATE TRIGGER customer_notes_tombstone AFTER DELETE ON customer_notes BEGIN
    INSERT INTO tombstones (table_name, row_key, change_version)
    VALUES ('customer_notes', json_array(OLD.id), (SELECT change_version FROM hq_meta));
END;

CREATE TABLE new_customer_measures (
    account        TEXT NOT NULL COLLATE NOCASE REFERENCES customers (account),
    measure        TEXT NOT NULL COLLATE NOCASE,
    value          TEXT NOT NULL,
    change_version INTEGER NOT NULL,
    PRIMARY KEY (account, measure)
) WITHOUT ROWID;
INSERT INTO new_customer_measures SELECT account, measure, value, change_version
    FROM customer_measures;
DROP TABLE customer_measures;
ALTER TABLE new_customer_measures RENAME TO customer_measures;
CREATE TRIGGER customer_measures_tombstone AFTER DELETE ON customer_measures BEGIN
    INSERT INTO tombstones (table_name, row_key, change_version)
    VALUES ('customer_measures', json_array(OLD.account, OLD.measure), (SELECT change_version FROM hq_meta));
END;
