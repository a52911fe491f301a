-- Migration 7: what clienteling writes live in HQ (DOMAIN.md 7 and 10): client books and
-- their customers, activities, notes, and Customer Insights measure values. None of it is
-- distributed: stores read and write it through the real-time service.

CREATE TABLE client_books (
    id             TEXT PRIMARY KEY COLLATE NOCASE,   -- from the client_book_id sequence
    worker         TEXT NOT NULL REFERENCES workers (personnel_number),
    legal_entity   TEXT NOT NULL REFERENCES legal_entities (id),
    created_at     TEXT NOT NULL,
    change_version INTEGER NOT NULL,
    UNIQUE (worker, legal_entity)                    -- one per worker per legal entity
);
CREATE INDEX client_books_by_version ON client_books (change_version);

-- A customer is in at most one client book: the account is the key.
CREATE TABLE client_book_customers (
    account        TEXT PRIMARY KEY COLLATE NOCASE REFERENCES customers (account),
    book_id        TEXT NOT NULL REFERENCES client_books (id),
    added_at       TEXT NOT NULL,
    added_by       TEXT NOT NULL,
    change_version INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX client_book_customers_by_book ON client_book_customers (book_id, account);
CREATE INDEX client_book_customers_by_version ON client_book_customers (change_version);

CREATE TABLE customer_activities (
    id             INTEGER PRIMARY KEY,
    account        TEXT NOT NULL REFERENCES customers (account),
    type           TEXT NOT NULL,                     -- an activity type id, as it was
    worker         TEXT NOT NULL,
    at             TEXT NOT NULL,
    text           TEXT NOT NULL,
    change_version INTEGER NOT NULL
);
CREATE INDEX customer_activities_by_account ON customer_activities (account, at);

CREATE TABLE customer_notes (
    id             INTEGER PRIMARY KEY,
    account        TEXT NOT NULL REFERENCES customers (account),
    worker         TEXT NOT NULL,
    at             TEXT NOT NULL,
    text           TEXT NOT NULL,
    change_version INTEGER NOT NULL
);
CREATE INDEX customer_notes_by_account ON customer_notes (account, at);

-- Customer Insights measure values, loaded by `hq insights measure import`.
CREATE TABLE customer_measures (
    account        TEXT NOT NULL REFERENCES customers (account),
    measure        TEXT NOT NULL COLLATE NOCASE,
    value          TEXT NOT NULL,
    change_version INTEGER NOT NULL,
    PRIMARY KEY (account, measure)
) WITHOUT ROWID;

CREATE TRIGGER client_books_tombstone AFTER DELETE ON client_books BEGIN
    INSERT INTO tombstones (table_name, row_key, change_version)
    VALUES ('client_books', json_array(OLD.id), (SELECT change_version FROM hq_meta));
END;
CREATE TRIGGER client_book_customers_tombstone AFTER DELETE ON client_book_customers BEGIN
    INSERT INTO tombstones (table_name, row_key, change_version)
    VALUES ('client_book_customers', json_array(OLD.account), (SELECT change_version FROM hq_meta));
END;
CREATE TRIGGER customer_activities_tombstone AFTER DELETE ON customer_activities BEGIN
    INSERT INTO tombstones (table_name, row_key, change_version)
    VALUES ('customer_activities', json_array(OLD.id), (SELECT change_version FROM hq_meta));
END;
CREATE TRIGGER customer_notes_tombstone AFTER DELETE ON customer_notes BEGIN
    INSERT INTO tombstones (table_name, row_key, change_version)
    VALUES ('customer_notes', json_array(OLD.id), (SELECT change_version FROM hq_meta));
END;
CREATE TRIGGER customer_measures_tombstone AFTER DELETE ON customer_measures BEGIN
    INSERT INTO tombstones (table_name, row_key, change_version)
    VALUES ('customer_measures', json_array(OLD.account, OLD.measure), (SELECT change_version FROM hq_meta));
END;
