-- Migration 3: what the clienteling setup defines in HQ besides features and number sequences
-- (DOMAIN.md 6, 7, 8): attribute types, attributes, attribute groups with display order and
-- refinable flags, activity types, POS permission groups, workers, screen layouts with their
-- buttons, registers, and the layout a store uses. The POS operation catalogue is data in the
-- code (src/domain/pos.rs).

CREATE TABLE attribute_types (
    name           TEXT PRIMARY KEY COLLATE NOCASE,
    kind           TEXT NOT NULL,
    allowed_values TEXT NOT NULL DEFAULT '[]',   -- JSON array (text types only)
    min_value      REAL,
    max_value      REAL,
    unit           TEXT,
    change_version INTEGER NOT NULL
);
CREATE INDEX attribute_types_by_version ON attribute_types (change_version);

CREATE TABLE attributes (
    name           TEXT PRIMARY KEY COLLATE NOCASE,
    type_name      TEXT NOT NULL REFERENCES attribute_types (name),
    friendly_name  TEXT,
    description    TEXT,
    default_value  TEXT,
    change_version INTEGER NOT NULL
);
CREATE INDEX attributes_by_version ON attributes (change_version);
CREATE INDEX attributes_by_type ON attributes (type_name);

CREATE TABLE attribute_groups (
    name           TEXT PRIMARY KEY COLLATE NOCASE,
    description    TEXT NOT NULL DEFAULT '',
    change_version INTEGER NOT NULL
);
CREATE INDEX attribute_groups_by_version ON attribute_groups (change_version);

CREATE TABLE attribute_group_members (
    group_name     TEXT NOT NULL REFERENCES attribute_groups (name),
    attribute      TEXT NOT NULL REFERENCES attributes (name),
    display_order  INTEGER NOT NULL,
    refinable      INTEGER NOT NULL,
    change_version INTEGER NOT NULL,
    PRIMARY KEY (group_name, attribute)
);
CREATE INDEX attribute_group_members_by_version ON attribute_group_members (change_version);
CREATE INDEX attribute_group_members_by_attribute ON attribute_group_members (attribute);

CREATE TABLE activity_types (
    id             TEXT PRIMARY KEY COLLATE NOCASE,
    description    TEXT NOT NULL,
    change_version INTEGER NOT NULL
);
CREATE INDEX activity_types_by_version ON activity_types (change_version);

CREATE TABLE permission_groups (
    id             TEXT PRIMARY KEY COLLATE NOCASE,
    description    TEXT NOT NULL,
    change_version INTEGER NOT NULL
);
CREATE INDEX permission_groups_by_version ON permission_groups (change_version);

CREATE TABLE permission_group_operations (
    group_id       TEXT NOT NULL REFERENCES permission_groups (id),
    operation      INTEGER NOT NULL,
    change_version INTEGER NOT NULL,
    PRIMARY KEY (group_id, operation)
);
CREATE INDEX permission_group_operations_by_version ON permission_group_operations (change_version);

CREATE TABLE screen_layouts (
    id             TEXT PRIMARY KEY COLLATE NOCASE,
    name           TEXT NOT NULL,
    change_version INTEGER NOT NULL
);
CREATE INDEX screen_layouts_by_version ON screen_layouts (change_version);

CREATE TABLE layout_buttons (
    layout         TEXT NOT NULL REFERENCES screen_layouts (id),
    grid           TEXT NOT NULL COLLATE NOCASE,
    row_number     INTEGER NOT NULL,
    column_number  INTEGER NOT NULL,
    operation      INTEGER NOT NULL,
    text           TEXT NOT NULL,
    change_version INTEGER NOT NULL,
    PRIMARY KEY (layout, grid, row_number, column_number)
);
CREATE INDEX layout_buttons_by_version ON layout_buttons (change_version);

CREATE TABLE workers (
    personnel_number TEXT PRIMARY KEY COLLATE NOCASE,
    name             TEXT NOT NULL,
    permission_group TEXT NOT NULL REFERENCES permission_groups (id),
    layout           TEXT REFERENCES screen_layouts (id),
    change_version   INTEGER NOT NULL
);
CREATE INDEX workers_by_version ON workers (change_version);
CREATE INDEX workers_by_permission_group ON workers (permission_group);
CREATE INDEX workers_by_layout ON workers (layout);

CREATE TABLE worker_address_books (
    worker         TEXT NOT NULL REFERENCES workers (personnel_number),
    address_book   TEXT NOT NULL REFERENCES address_books (id),
    position       INTEGER NOT NULL,
    change_version INTEGER NOT NULL,
    PRIMARY KEY (worker, address_book)
);
CREATE INDEX worker_address_books_by_version ON worker_address_books (change_version);
CREATE INDEX worker_address_books_by_book ON worker_address_books (address_book);

CREATE TABLE registers (
    id             TEXT PRIMARY KEY COLLATE NOCASE,
    store          TEXT NOT NULL REFERENCES stores (number),
    layout         TEXT REFERENCES screen_layouts (id),
    change_version INTEGER NOT NULL
);
CREATE INDEX registers_by_version ON registers (change_version);
CREATE INDEX registers_by_store ON registers (store);
CREATE INDEX registers_by_layout ON registers (layout);

-- The store's default screen layout (DOMAIN.md 1).
ALTER TABLE stores ADD COLUMN screen_layout TEXT REFERENCES screen_layouts (id);
CREATE INDEX stores_by_layout ON stores (screen_layout);

CREATE TRIGGER attribute_types_tombstone AFTER DELETE ON attribute_types BEGIN
    INSERT INTO tombstones (table_name, row_key, change_version)
    VALUES ('attribute_types', json_array(OLD.name), (SELECT change_version FROM hq_meta));
END;
CREATE TRIGGER attributes_tombstone AFTER DELETE ON attributes BEGIN
    INSERT INTO tombstones (table_name, row_key, change_version)
    VALUES ('attributes', json_array(OLD.name), (SELECT change_version FROM hq_meta));
END;
CREATE TRIGGER attribute_groups_tombstone AFTER DELETE ON attribute_groups BEGIN
    INSERT INTO tombstones (table_name, row_key, change_version)
    VALUES ('attribute_groups', json_array(OLD.name), (SELECT change_version FROM hq_meta));
END;
CREATE TRIGGER attribute_group_members_tombstone AFTER DELETE ON attribute_group_members BEGIN
    INSERT INTO tombstones (table_name, row_key, change_version)
    VALUES ('attribute_group_members', json_array(OLD.group_name, OLD.attribute),
            (SELECT change_version FROM hq_meta));
END;
CREATE TRIGGER activity_types_tombstone AFTER DELETE ON activity_types BEGIN
    INSERT INTO tombstones (table_name, row_key, change_version)
    VALUES ('activity_types', json_array(OLD.id), (SELECT change_version FROM hq_meta));
END;
CREATE TRIGGER permission_groups_tombstone AFTER DELETE ON permission_groups BEGIN
    INSERT INTO tombstones (table_name, row_key, change_version)
    VALUES ('permission_groups', json_array(OLD.id), (SELECT change_version FROM hq_meta));
END;
CREATE TRIGGER permission_group_operations_tombstone AFTER DELETE ON permission_group_operations BEGIN
    INSERT INTO tombstones (table_name, row_key, change_version)
    VALUES ('permission_group_operations', json_array(OLD.group_id, OLD.operation),
            (SELECT change_version FROM hq_meta));
END;
CREATE TRIGGER screen_layouts_tombstone AFTER DELETE ON screen_layouts BEGIN
    INSERT INTO tombstones (table_name, row_key, change_version)
    VALUES ('screen_layouts', json_array(OLD.id), (SELECT change_version FROM hq_meta));
END;
CREATE TRIGGER layout_buttons_tombstone AFTER DELETE ON layout_buttons BEGIN
    INSERT INTO tombstones (table_name, row_key, change_version)
    VALUES ('layout_buttons', json_array(OLD.layout, OLD.grid, OLD.row_number, OLD.column_number),
            (SELECT change_version FROM hq_meta));
END;
CREATE TRIGGER workers_tombstone AFTER DELETE ON workers BEGIN
    INSERT INTO tombstones (table_name, row_key, change_version)
    VALUES ('workers', json_array(OLD.personnel_number), (SELECT change_version FROM hq_meta));
END;
CREATE TRIGGER worker_address_books_tombstone AFTER DELETE ON worker_address_books BEGIN
    INSERT INTO tombstones (table_name, row_key, change_version)
    VALUES ('worker_address_books', json_array(OLD.worker, OLD.address_book),
            (SELECT change_version FROM hq_meta));
END;
CREATE TRIGGER registers_tombstone AFTER DELETE ON registers BEGIN
    INSERT INTO tombstones (table_name, row_key, change_version)
    VALUES ('registers', json_array(OLD.id), (SELECT change_version FROM hq_meta));
END;
