-- Migration 2: feature states, number sequences and their references, Commerce parameters,
-- Key Vault secret references (DOMAIN.md 3, 4, 5).
-- The feature catalogue itself is data in the code (src/domain/feature.rs); a row here records
-- what an administrator did to a feature. No row means "as the catalogue says for this
-- environment version". Parameters are one row per field (a dotted key, a JSON value), so
-- that distribution sends exactly the parameters that changed.

CREATE TABLE features (
    key            TEXT PRIMARY KEY,
    enabled        INTEGER NOT NULL,
    enable_date    TEXT,
    scheduled_date TEXT,
    change_version INTEGER NOT NULL
);
CREATE INDEX features_by_version ON features (change_version);

CREATE TABLE number_sequences (
    code           TEXT PRIMARY KEY COLLATE NOCASE,
    name           TEXT NOT NULL,
    scope          TEXT NOT NULL CHECK (scope IN ('shared', 'legal-entity')),
    legal_entity   TEXT REFERENCES legal_entities (id),
    format         TEXT NOT NULL,
    smallest       INTEGER NOT NULL,
    largest        INTEGER NOT NULL,
    next           INTEGER NOT NULL,
    manual         INTEGER NOT NULL,
    continuous     INTEGER NOT NULL,
    stopped        INTEGER NOT NULL,
    change_version INTEGER NOT NULL
);
CREATE INDEX number_sequences_by_version ON number_sequences (change_version);
CREATE INDEX number_sequences_by_legal_entity ON number_sequences (legal_entity);

CREATE TABLE number_sequence_refs (
    reference       TEXT NOT NULL,
    legal_entity    TEXT NOT NULL REFERENCES legal_entities (id),
    number_sequence TEXT NOT NULL REFERENCES number_sequences (code),
    change_version  INTEGER NOT NULL,
    PRIMARY KEY (reference, legal_entity)
);
CREATE INDEX number_sequence_refs_by_version ON number_sequence_refs (change_version);
CREATE INDEX number_sequence_refs_by_sequence ON number_sequence_refs (number_sequence);

CREATE TABLE params (
    key            TEXT PRIMARY KEY,
    value          TEXT NOT NULL,     -- JSON
    change_version INTEGER NOT NULL
);
CREATE INDEX params_by_version ON params (change_version);

CREATE TABLE keyvault_secrets (
    name           TEXT PRIMARY KEY COLLATE NOCASE,
    reference      TEXT NOT NULL,     -- vault://<vault>/<secret>, never a secret value
    description    TEXT NOT NULL DEFAULT '',
    change_version INTEGER NOT NULL
);
CREATE INDEX keyvault_secrets_by_version ON keyvault_secrets (change_version);

CREATE TRIGGER features_tombstone AFTER DELETE ON features BEGIN
    INSERT INTO tombstones (table_name, row_key, change_version)
    VALUES ('features', json_array(OLD.key), (SELECT change_version FROM hq_meta));
END;
CREATE TRIGGER number_sequences_tombstone AFTER DELETE ON number_sequences BEGIN
    INSERT INTO tombstones (table_name, row_key, change_version)
    VALUES ('number_sequences', json_array(OLD.code), (SELECT change_version FROM hq_meta));
END;
CREATE TRIGGER number_sequence_refs_tombstone AFTER DELETE ON number_sequence_refs BEGIN
    INSERT INTO tombstones (table_name, row_key, change_version)
    VALUES ('number_sequence_refs', json_array(OLD.reference, OLD.legal_entity),
            (SELECT change_version FROM hq_meta));
END;
CREATE TRIGGER params_tombstone AFTER DELETE ON params BEGIN
    INSERT INTO tombstones (table_name, row_key, change_version)
    VALUES ('params', json_array(OLD.key), (SELECT change_version FROM hq_meta));
END;
CREATE TRIGGER keyvault_secrets_tombstone AFTER DELETE ON keyvault_secrets BEGIN
    INSERT INTO tombstones (table_name, row_key, change_version)
    VALUES ('keyvault_secrets', json_array(OLD.name), (SELECT change_version FROM hq_meta));
END;
