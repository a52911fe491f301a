-- Migration 9: each address carries a name and a phone ("the customer's name and phone number
-- are inherited from the contact information that is associated with each address"), which
-- default to the customer's name and primary phone. Existing addresses take those defaults, at
-- a new change version, so that job 1010 carries them to the channel's copy.
ALTER TABLE customer_addresses ADD COLUMN name TEXT;
ALTER TABLE customer_addresses ADD COLUMN phone TEXT;
ALTER TABLE ch_customer_addresses ADD COLUMN name TEXT;
ALTER TABLE ch_customer_addresses ADD COLUMN phone TEXT;
UPDATE hq_meta SET change_version = change_version + 1
    WHERE EXISTS (SELECT 1 FROM customer_addresses);
UPDATE customer_addresses SET
    name = (
        SELECT NULLIF(CASE c.type
            WHEN 'organization' THEN TRIM(COALESCE(c.organization_name, ''))
            ELSE TRIM(REPLACE(COALESCE(c.first_name, '') || ' ' || COALESCE(c.middle_name, '')
                || ' ' || COALESCE(c.last_name, ''), '  ', ' '))
            END, '')
        FROM customers c WHERE c.account = customer_addresses.account
    ),
    phone = (
        SELECT k.value FROM customer_contacts k
        WHERE k.account = customer_addresses.account AND k.kind = 'phone' AND k.is_primary
    ),
    change_version = (SELECT change_version FROM hq_meta);
