CREATE TABLE ch_address_books (
    ch_db TEXT NOT NULL COLLATE NOCASE,
    id TEXT COLLATE NOCASE,
    name TEXT,
    kind TEXT,
    PRIMARY KEY (ch_db, id)
) WITHOUT ROWID;
CREATE TABLE ch_attribute_group_members (
    ch_db TEXT NOT NULL COLLATE NOCASE,
    group_name TEXT,
    attribute TEXT,
    display_order INTEGER,
    refinable INTEGER,
    PRIMARY KEY (ch_db, group_name, attribute)
) WITHOUT ROWID;
CREATE TABLE ch_attribute_groups (
    ch_db TEXT NOT NULL COLLATE NOCASE,
    name TEXT COLLATE NOCASE,
    description TEXT,
    PRIMARY KEY (ch_db, name)
) WITHOUT ROWID;
CREATE TABLE ch_attribute_types (
    ch_db TEXT NOT NULL COLLATE NOCASE,
    name TEXT COLLATE NOCASE,
    kind TEXT,
    allowed_values TEXT,
    min_value REAL,
    max_value REAL,
    unit TEXT,
    PRIMARY KEY (ch_db, name)
) WITHOUT ROWID;
CREATE TABLE ch_attributes (
    ch_db TEXT NOT NULL COLLATE NOCASE,
    name TEXT COLLATE NOCASE,
    type_name TEXT,
    friendly_name TEXT,
    description TEXT,
    default_value TEXT,
    PRIMARY KEY (ch_db, name)
) WITHOUT ROWID;
CREATE TABLE ch_customer_address_books (
    ch_db TEXT NOT NULL COLLATE NOCASE,
    account TEXT,
    address_book TEXT,
    PRIMARY KEY (ch_db, account, address_book)
) WITHOUT ROWID;
CREATE TABLE ch_customer_addresses (
    ch_db TEXT NOT NULL COLLATE NOCASE,
    account TEXT,
    position INTEGER,
    purpose TEXT,
    street TEXT,
    city TEXT,
    state TEXT,
    postal_code TEXT,
    country TEXT,
    is_primary INTEGER, name TEXT, phone TEXT,
    PRIMARY KEY (ch_db, account, position)
) WITHOUT ROWID;
CREATE TABLE ch_customer_affiliations (
    ch_db TEXT NOT NULL COLLATE NOCASE,
    account TEXT,
    name TEXT COLLATE NOCASE,
    PRIMARY KEY (ch_db, account, name)
) WITHOUT ROWID;
CREATE TABLE ch_customer_attribute_values (
    ch_db TEXT NOT NULL COLLATE NOCASE,
    account TEXT,
    attribute TEXT COLLATE NOCASE,
    value TEXT,
    PRIMARY KEY (ch_db, account, attribute)
) WITHOUT ROWID;
CREATE TABLE ch_customer_contacts (
    ch_db TEXT NOT NULL COLLATE NOCASE,
    account TEXT,
    position INTEGER,
    kind TEXT,
    value TEXT,
    search_value TEXT,
    is_primary INTEGER,
    marketing_opt_in INTEGER,
    PRIMARY KEY (ch_db, account, position)
) WITHOUT ROWID;
CREATE TABLE "ch_customer_groups" (
    ch_db TEXT NOT NULL COLLATE NOCASE,
    legal_entity TEXT COLLATE NOCASE,
    id TEXT COLLATE NOCASE,
    description TEXT,
    payment_terms TEXT,
    dimensions TEXT,
    PRIMARY KEY (ch_db, legal_entity, id)
) WITHOUT ROWID;
CREATE TABLE ch_customers (
    ch_db TEXT NOT NULL COLLATE NOCASE,
    account TEXT COLLATE NOCASE,
    legal_entity TEXT,
    type TEXT,
    first_name TEXT,
    middle_name TEXT,
    last_name TEXT,
    organization_name TEXT,
    search_name TEXT,
    search_last TEXT,
    group_id TEXT,
    receipt_option TEXT,
    receipt_email TEXT,
    currency TEXT,
    language TEXT,
    financial_dimensions TEXT,
    status TEXT, store TEXT, email TEXT, email_search TEXT, email_opt_in INTEGER, email_at INTEGER, phone TEXT, phone_search TEXT, phone_opt_in INTEGER, phone_at INTEGER, address_at INTEGER, address_purpose TEXT, address_street TEXT, address_city TEXT, address_state TEXT, address_postal_code TEXT, address_country TEXT, address_name TEXT, address_phone TEXT,
    PRIMARY KEY (ch_db, account)
) WITHOUT ROWID;
CREATE TABLE ch_features (
    ch_db TEXT NOT NULL COLLATE NOCASE,
    key TEXT,
    enabled INTEGER,
    enable_date TEXT,
    scheduled_date TEXT,
    PRIMARY KEY (ch_db, key)
) WITHOUT ROWID;
CREATE TABLE ch_keyvault_secrets (
    ch_db TEXT NOT NULL COLLATE NOCASE,
    name TEXT COLLATE NOCASE,
    description TEXT,
    PRIMARY KEY (ch_db, name)
) WITHOUT ROWID;
CREATE TABLE ch_layout_buttons (
    ch_db TEXT NOT NULL COLLATE NOCASE,
    layout TEXT,
    grid TEXT COLLATE NOCASE,
    row_number INTEGER,
    column_number INTEGER,
    operation INTEGER,
    text TEXT,
    PRIMARY KEY (ch_db, layout, grid, row_number, column_number)
) WITHOUT ROWID;
CREATE TABLE ch_number_sequence_refs (
    ch_db TEXT NOT NULL COLLATE NOCASE,
    reference TEXT,
    legal_entity TEXT,
    number_sequence TEXT,
    PRIMARY KEY (ch_db, reference, legal_entity)
) WITHOUT ROWID;
CREATE TABLE ch_params (
    ch_db TEXT NOT NULL COLLATE NOCASE,
    key TEXT,
    value TEXT,
    PRIMARY KEY (ch_db, key)
) WITHOUT ROWID;
CREATE TABLE ch_permission_group_operations (
    ch_db TEXT NOT NULL COLLATE NOCASE,
    group_id TEXT,
    operation INTEGER,
    PRIMARY KEY (ch_db, group_id, operation)
) WITHOUT ROWID;
CREATE TABLE ch_permission_groups (
    ch_db TEXT NOT NULL COLLATE NOCASE,
    id TEXT COLLATE NOCASE,
    description TEXT,
    PRIMARY KEY (ch_db, id)
) WITHOUT ROWID;
CREATE TABLE ch_registers (
    ch_db TEXT NOT NULL COLLATE NOCASE,
    id TEXT COLLATE NOCASE,
    store TEXT,
    layout TEXT,
    PRIMARY KEY (ch_db, id)
) WITHOUT ROWID;
CREATE TABLE ch_screen_layouts (
    ch_db TEXT NOT NULL COLLATE NOCASE,
    id TEXT COLLATE NOCASE,
    name TEXT,
    PRIMARY KEY (ch_db, id)
) WITHOUT ROWID;
CREATE TABLE ch_store_address_books (
    ch_db TEXT NOT NULL COLLATE NOCASE,
    store TEXT,
    address_book TEXT,
    position INTEGER,
    PRIMARY KEY (ch_db, store, address_book)
) WITHOUT ROWID;
CREATE TABLE ch_stores (
    ch_db TEXT NOT NULL COLLATE NOCASE,
    number TEXT COLLATE NOCASE,
    name TEXT,
    legal_entity TEXT,
    currency TEXT,
    time_zone TEXT,
    street TEXT,
    city TEXT,
    state TEXT,
    postal_code TEXT,
    country TEXT,
    channel_db TEXT,
    default_customer TEXT,
    async_customer_creation INTEGER,
    offline_customer_creation INTEGER,
    screen_layout TEXT,
    PRIMARY KEY (ch_db, number)
) WITHOUT ROWID;
CREATE TABLE ch_worker_address_books (
    ch_db TEXT NOT NULL COLLATE NOCASE,
    worker TEXT,
    address_book TEXT,
    position INTEGER,
    PRIMARY KEY (ch_db, worker, address_book)
) WITHOUT ROWID;
CREATE TABLE ch_workers (
    ch_db TEXT NOT NULL COLLATE NOCASE,
    personnel_number TEXT COLLATE NOCASE,
    name TEXT,
    permission_group TEXT,
    layout TEXT,
    PRIMARY KEY (ch_db, personnel_number)
) WITHOUT ROWID;
