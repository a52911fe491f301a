-- Migration 13: one row a customer (issue 19). The customers row holds the customer's primary
-- email, primary phone and primary address; customer_contacts and customer_addresses keep only
-- the others. The channel's copies (ch_customers, ch_customer_contacts, ch_customer_addresses)
-- change alike, so that nothing needs distributing again.
--
-- Why: a customer with an email, a phone and an address was five rows in five tables (and five
-- index entries by change version); an import of 1,000,000 such customers waited on SQLite
-- writing them (docs/performance.md). Now it is two rows (the customer and its address book).
-- The email and phone searches read two indexes on the customers row; the other contacts keep
-- theirs.
--
-- Each inlined contact or address keeps its place in its list (`email_at`, `phone_at`,
-- `address_at`: its position), so a customer reads back exactly as it was. No tombstone is
-- written: HQ and each channel database are converted the same way. A customer's row takes the
-- latest change version of the rows it now holds (below).

ALTER TABLE customers ADD COLUMN email TEXT;
ALTER TABLE customers ADD COLUMN email_search TEXT;    -- lower case, for prefix search
ALTER TABLE customers ADD COLUMN email_opt_in INTEGER;
ALTER TABLE customers ADD COLUMN email_at INTEGER;     -- its position among the contacts
ALTER TABLE customers ADD COLUMN phone TEXT;
ALTER TABLE customers ADD COLUMN phone_search TEXT;    -- its digits, for prefix search
ALTER TABLE customers ADD COLUMN phone_opt_in INTEGER;
ALTER TABLE customers ADD COLUMN phone_at INTEGER;
ALTER TABLE customers ADD COLUMN address_at INTEGER;   -- its position among the addresses
ALTER TABLE customers ADD COLUMN address_purpose TEXT;
ALTER TABLE customers ADD COLUMN address_street TEXT;
ALTER TABLE customers ADD COLUMN address_city TEXT;
ALTER TABLE customers ADD COLUMN address_state TEXT;
ALTER TABLE customers ADD COLUMN address_postal_code TEXT;
ALTER TABLE customers ADD COLUMN address_country TEXT;
ALTER TABLE customers ADD COLUMN address_name TEXT;
ALTER TABLE customers ADD COLUMN address_phone TEXT;

ALTER TABLE ch_customers ADD COLUMN email TEXT;
ALTER TABLE ch_customers ADD COLUMN email_search TEXT;
ALTER TABLE ch_customers ADD COLUMN email_opt_in INTEGER;
ALTER TABLE ch_customers ADD COLUMN email_at INTEGER;
ALTER TABLE ch_customers ADD COLUMN phone TEXT;
ALTER TABLE ch_customers ADD COLUMN phone_search TEXT;
ALTER TABLE ch_customers ADD COLUMN phone_opt_in INTEGER;
ALTER TABLE ch_customers ADD COLUMN phone_at INTEGER;
ALTER TABLE ch_customers ADD COLUMN address_at INTEGER;
ALTER TABLE ch_customers ADD COLUMN address_purpose TEXT;
ALTER TABLE ch_customers ADD COLUMN address_street TEXT;
ALTER TABLE ch_customers ADD COLUMN address_city TEXT;
ALTER TABLE ch_customers ADD COLUMN address_state TEXT;
ALTER TABLE ch_customers ADD COLUMN address_postal_code TEXT;
ALTER TABLE ch_customers ADD COLUMN address_country TEXT;
ALTER TABLE ch_customers ADD COLUMN address_name TEXT;
ALTER TABLE ch_customers ADD COLUMN address_phone TEXT;

-- The first primary of each kind (a customer has one; hq never wrote two).
UPDATE customers SET
    (email, email_search, email_opt_in, email_at) = (
        SELECT value, search_value, marketing_opt_in, position FROM customer_contacts k
        WHERE k.account = customers.account AND k.kind = 'email' AND k.is_primary
        ORDER BY position LIMIT 1),
    (phone, phone_search, phone_opt_in, phone_at) = (
        SELECT value, search_value, marketing_opt_in, position FROM customer_contacts k
        WHERE k.account = customers.account AND k.kind = 'phone' AND k.is_primary
        ORDER BY position LIMIT 1),
    (address_at, address_purpose, address_street, address_city, address_state,
     address_postal_code, address_country, address_name, address_phone) = (
        SELECT position, purpose, street, city, state, postal_code, country, name, phone
        FROM customer_addresses a
        WHERE a.account = customers.account AND a.is_primary
        ORDER BY position LIMIT 1);

-- A primary changed since it was last distributed (its row's change version past what a
-- channel database has) is now a change of its customer's row, so that job 1010 still carries it.
UPDATE customers SET change_version = max(change_version,
    coalesce((SELECT k.change_version FROM customer_contacts k
              WHERE k.account = customers.account AND k.position = customers.email_at), 0),
    coalesce((SELECT k.change_version FROM customer_contacts k
              WHERE k.account = customers.account AND k.position = customers.phone_at), 0),
    coalesce((SELECT a.change_version FROM customer_addresses a
              WHERE a.account = customers.account AND a.position = customers.address_at), 0))
WHERE email_at IS NOT NULL OR phone_at IS NOT NULL OR address_at IS NOT NULL;

UPDATE ch_customers SET
    (email, email_search, email_opt_in, email_at) = (
        SELECT value, search_value, marketing_opt_in, position FROM ch_customer_contacts k
        WHERE k.ch_db = ch_customers.ch_db AND k.account = ch_customers.account
          AND k.kind = 'email' AND k.is_primary
        ORDER BY position LIMIT 1),
    (phone, phone_search, phone_opt_in, phone_at) = (
        SELECT value, search_value, marketing_opt_in, position FROM ch_customer_contacts k
        WHERE k.ch_db = ch_customers.ch_db AND k.account = ch_customers.account
          AND k.kind = 'phone' AND k.is_primary
        ORDER BY position LIMIT 1),
    (address_at, address_purpose, address_street, address_city, address_state,
     address_postal_code, address_country, address_name, address_phone) = (
        SELECT position, purpose, street, city, state, postal_code, country, name, phone
        FROM ch_customer_addresses a
        WHERE a.ch_db = ch_customers.ch_db AND a.account = ch_customers.account
          AND a.is_primary
        ORDER BY position LIMIT 1);

-- The inlined rows leave their tables without a tombstone (the channel's copies lose the same
-- rows just below).
DROP TRIGGER customer_contacts_tombstone;
DROP TRIGGER customer_addresses_tombstone;
DELETE FROM customer_contacts WHERE EXISTS (
    SELECT 1 FROM customers c WHERE c.account = customer_contacts.account
      AND customer_contacts.position IN (c.email_at, c.phone_at));
DELETE FROM customer_addresses WHERE EXISTS (
    SELECT 1 FROM customers c WHERE c.account = customer_addresses.account
      AND c.address_at = customer_addresses.position);
DELETE FROM ch_customer_contacts WHERE EXISTS (
    SELECT 1 FROM ch_customers c
    WHERE c.ch_db = ch_customer_contacts.ch_db AND c.account = ch_customer_contacts.account
      AND ch_customer_contacts.position IN (c.email_at, c.phone_at));
DELETE FROM ch_customer_addresses WHERE EXISTS (
    SELECT 1 FROM ch_customers c
    WHERE c.ch_db = ch_customer_addresses.ch_db AND c.account = ch_customer_addresses.account
      AND c.address_at = ch_customer_addresses.position);
CREATE TRIGGER customer_contacts_tombstone AFTER DELETE ON customer_contacts BEGIN
    INSERT INTO tombstones (table_name, row_key, change_version)
    VALUES ('customer_contacts', json_array(OLD.account, OLD.position), (SELECT change_version FROM hq_meta));
END;
CREATE TRIGGER customer_addresses_tombstone AFTER DELETE ON customer_addresses BEGIN
    INSERT INTO tombstones (table_name, row_key, change_version)
    VALUES ('customer_addresses', json_array(OLD.account, OLD.position), (SELECT change_version FROM hq_meta));
END;

-- The searches by email and phone prefix: the primary ones here, the others in
-- customer_contacts_by_value as before.
CREATE INDEX customers_by_email ON customers (email_search);
CREATE INDEX customers_by_phone ON customers (phone_search);
