-- Migration 8: the store a customer was created for. A new address of the customer takes its
-- default country from that store's primary address, as the first one did (DOMAIN.md 2);
-- without it the legal entity's country was used. Existing customers have none (NULL) and keep
-- the legal entity's country. The channel twin carries it too (job 1010).
ALTER TABLE customers ADD COLUMN store TEXT;
ALTER TABLE ch_customers ADD COLUMN store TEXT;
