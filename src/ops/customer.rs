//! Customer groups and customers (DOMAIN.md 2): creation with the store's default customer,
//! contacts and addresses, customer attributes, and the default customer of a store.

use std::collections::HashMap;

use crate::db::Reader;

pub(crate) use super::load::customer as get;
use super::record::Kept;
use super::{
    Applied, Mode, OpEnv, address_book, attribute, feature, in_use, legal_entity, mutate, numseq,
    params, save_changed,
};
use crate::db::audit as audit_db;
use crate::db::customer::{self as db, Filter};
use crate::db::{Db, WriteTx};
use crate::domain::customer::{
    self as rules, AttributeValue, Contact, ContactKind, Customer, CustomerAddress, CustomerDraft,
    CustomerGroup, ENHANCED_ASYNC, MULTIPLE_CONTACTS,
};
use crate::domain::numseq::Reference;
use crate::domain::org::Store;
use crate::domain::record::Draft;
use crate::domain::refuse;
use crate::domain::{Change, validate};
use crate::domain::{Cmd, Hint};
use crate::error::{HqError, Result};

// ---- customer groups ----

pub(crate) fn groups(c: &Reader) -> Result<Vec<CustomerGroup>> {
    db::groups(c)
}

/// A group by its key: `ID/LEGAL_ENTITY`, or `ID` when only one legal entity has a group with
/// that id (exit 3 naming them when several do; exit 4 with close matches when none does).
pub(crate) fn find_group(c: &Reader, field: &str, key: &str) -> Result<CustomerGroup> {
    super::record::get(c, field, key)
}

/// The group `id` of a legal entity, for a customer of that legal entity: exit 4 with the
/// legal entity's groups (and where else a group with that id is) when it has none.
pub(crate) fn get_group(
    c: &Reader,
    field: &str,
    legal_entity: &str,
    id: &str,
) -> Result<CustomerGroup> {
    if let Some(g) = db::group(c, legal_entity, id)? {
        return Ok(g);
    }
    let known: Vec<String> = db::groups(c)?
        .into_iter()
        .filter(|g| g.legal_entity.eq_ignore_ascii_case(legal_entity))
        .map(|g| g.id)
        .collect();
    let elsewhere: Vec<String> = db::groups_with_id(c, id)?
        .into_iter()
        .map(|g| g.legal_entity)
        .collect();
    Err(rules::group_not_in(field, id, legal_entity, &known, &elsewhere).into())
}

impl Kept for CustomerGroup {
    const NOUN: &'static str = "customer-group";
    const WHAT: &'static str = "customer group";
    const CHANGE: &'static str = "customer_group";
    const SCOPE: Option<&'static str> = Some("legal_entity");
    fn find(c: &Reader, key: &str) -> Result<Option<Self>> {
        match rules::split_group_key(key) {
            (id, Some(le)) => match db::group(c, le, id)? {
                Some(g) => Ok(Some(g)),
                // A legal entity that does not exist is said as that, by what named it (a
                // group's key, given to `--group` or as an argument, not `--legal-entity`).
                None => legal_entity::get(c, &format!("the group key {key:?}"), le).map(|_| None),
            },
            (id, None) => {
                let mut all = db::groups_with_id(c, id)?;
                if all.len() > 1 {
                    let les: Vec<String> = all.into_iter().map(|g| g.legal_entity).collect();
                    return Err(rules::group_in_several(id, &les).into());
                }
                Ok(all.pop())
            }
        }
    }
    fn keys(c: &Reader) -> Result<Vec<String>> {
        Ok(db::groups(c)?.iter().map(Kept::key).collect())
    }
    fn key(&self) -> String {
        rules::group_key(&self.id, &self.legal_entity)
    }
    fn default_scope(c: &Reader) -> Result<Option<String>> {
        let all = legal_entity::ids(c)?;
        Ok(rules::group_legal_entity(&all)?)
    }
    fn save(tx: &WriteTx, r: &Self) -> Result<()> {
        db::upsert_group(tx, r)
    }
    /// Its legal entity: as given (looked up, kept as spelled there), or the only one.
    fn settle(c: &Reader, new: &mut Self, old: Option<&Self>, _d: &Draft<Self>) -> Result<()> {
        if old.is_some() {
            return Ok(());
        }
        if new.legal_entity.is_empty() {
            let all = legal_entity::ids(c)?;
            new.legal_entity = rules::group_legal_entity(&all)?
                .ok_or_else(|| rules::group_legal_entity_missing(&all))?;
        }
        new.legal_entity = legal_entity::get(c, "legal_entity", &new.legal_entity)?.id;
        Ok(())
    }
}

pub(crate) fn remove_group(
    db_: &mut Db,
    env: &OpEnv,
    mode: Mode,
    key: &str,
) -> Result<Applied<CustomerGroup>> {
    mutate(db_, env, mode, |tx| {
        let g = find_group(tx, "ID", key)?;
        let (some, n) = db::customers_in_group(tx, &g.legal_entity, &g.id, 5)?;
        if let Some(refused) = rules::group_in_use(&g.key(), &some, n) {
            return Err(refused.into());
        }
        db::delete_group(tx, &g.legal_entity, &g.id)?;
        let change = Change::delete("customer_group", &g.key(), &g);
        Ok((g, vec![change]))
    })
}

// ---- customers ----

/// A customer as it stands, to edit: in HQ by its account, or an async customer waiting at a
/// store by its temporary id (exit 4 with close matches when neither).
pub(crate) fn current(c: &Reader, account: &str) -> Result<Customer> {
    if let Some(p) = pending_by_id(c, account)?
        && p.account.is_none()
    {
        return Ok(p.customer);
    }
    get(c, "ACCOUNT", account)
}

/// A store (by its number, in any case) and its default customer: what a customer made for
/// it inherits (exit 3 when it has none).
pub(crate) fn store_default(c: &Reader, store: &str) -> Result<(String, Customer)> {
    let st = super::load::store(c, "store", store)?;
    let account = rules::default_customer_of(&st)?;
    let default = get(c, "the store's default customer", account)?;
    Ok((st.number, default))
}

/// A new customer as a face gives it; parsed and checked by [`add`].
#[derive(Debug, Clone, Default)]
pub(crate) struct NewCustomer {
    pub store: Option<String>,
    pub account: Option<String>,
    /// The customer's own fields given (its definition's: type, names, legal entity, group,
    /// receipt option and email, currency, language, affiliations, address books).
    pub fields: CustomerDraft,
    pub emails: Vec<String>,
    pub phones: Vec<String>,
    /// Consent to marketing on the contacts given: all, or those named.
    pub marketing_opt_in: rules::OptIn,
    pub address: Option<AddressInput>,
    /// Create it asynchronously even if the store's profile does not say so.
    pub force_async: bool,
    /// Attribute values, `NAME=VALUE` each (of the attribute groups the parameters name; at a
    /// store, of the client book attribute group as distributed).
    pub attributes: Vec<String>,
    /// Addresses and contacts added after the rest, in order, each as `customer address add`
    /// and `customer contact add` check them (an environment file's customer: made whole in
    /// one use case, not one for each of its addresses and contacts).
    pub declared: Declared,
}

/// A new customer's addresses and contacts as a file declares them (see
/// [`NewCustomer::declared`]).
#[derive(Debug, Clone, Default)]
pub(crate) struct Declared {
    pub addresses: Vec<AddressInput>,
    pub contacts: Vec<ContactInput>,
    /// `NAME=VALUE`, of the attribute groups the parameters name (as `customer attribute
    /// set` takes them).
    pub attributes: Vec<String>,
}

/// Adds what a file declares to a new customer, in order, as [`add_address`] and
/// [`add_contact`] do, then checks its contacts as a whole (the contact rules of HQ), then its
/// attribute values as [`set_declared_attributes`] does.
fn add_declared(tx: &WriteTx, env: &OpEnv, cu: &mut Customer, d: &Declared) -> Result<()> {
    if !d.addresses.is_empty() {
        let country = home_country(tx, cu)?;
        for a in &d.addresses {
            let addr = address(a, cu, &country, false).map_err(|e| e.with_field("addresses"))?;
            rules::add_address(&mut cu.addresses, addr, a.primary);
        }
    }
    for ct in &d.contacts {
        let value = contact_value(tx, cu, ct.kind, ct.kind.as_str(), &ct.value)
            .map_err(|e| e.with_field("contacts"))?;
        let contact = Contact {
            kind: ct.kind,
            value,
            primary: false,
            marketing_opt_in: ct.marketing_opt_in,
        };
        rules::add_contact(&mut cu.contacts, contact, ct.primary)
            .map_err(|e| HqError::from(e).with_field("contacts"))?;
    }
    if !d.contacts.is_empty() {
        check_contacts_at(tx, env, At::Hq, cu).map_err(|e| e.with_field("contacts"))?;
    }
    if !d.attributes.is_empty() {
        let put = |cu: &mut Customer| -> Result<()> {
            let pairs = attribute_pairs("NAME=VALUE", &d.attributes)?;
            put_attributes(tx, cu, &pairs, &declared_groups(tx)?)
        };
        put(cu).map_err(|e| e.with_field("attributes"))?;
    }
    Ok(())
}

/// An address as a face gives it (checked by `domain::customer::check_address`).
pub(crate) use crate::domain::customer::AddressDraft as AddressInput;

/// What a batch of new customers shares, each read once: groups, address books, legal
/// entities, stores with their default customers, feature flags.
#[derive(Default)]
pub(crate) struct Cache {
    groups: HashMap<String, CustomerGroup>,
    books: HashMap<String, crate::domain::org::AddressBook>,
    legal_entities: HashMap<String, crate::domain::org::LegalEntity>,
    stores: HashMap<String, (Store, Customer, CustomerGroup)>,
    multiple_contacts: Option<bool>,
    enhanced_async: Option<bool>,
    /// The attribute groups a new customer's values are checked against, when the caller
    /// knows them (a store: its client book attribute group as distributed).
    attribute_groups: Option<Vec<(crate::domain::attribute::AttributeGroup, &'static str)>>,
    only_legal_entity: Option<String>,
    /// Everything there is to know is in the cache (a store working on its channel database
    /// file alone): what it lacks does not exist there, and is never read elsewhere.
    closed: bool,
}

impl Cache {
    /// A cache that knows a store's default customer and its group already.
    pub(crate) fn with_store(store: Store, default: Customer, group: CustomerGroup) -> Cache {
        let mut c = Cache::default();
        c.stores
            .insert(store.number.to_lowercase(), (store, default, group));
        c
    }
    /// The attribute groups a new customer's values must belong to (a store's, as delivered).
    pub(crate) fn with_attribute_groups(
        mut self,
        groups: Vec<(crate::domain::attribute::AttributeGroup, &'static str)>,
    ) -> Cache {
        self.attribute_groups = Some(groups);
        self
    }
    /// What a store working on its channel database file alone knows of its legal entity and
    /// address books (the file's).
    /// The cache is then closed: a group or book it lacks is not found, never read elsewhere.
    pub(crate) fn with_org(
        mut self,
        legal_entity: crate::domain::org::LegalEntity,
        books: Vec<crate::domain::org::AddressBook>,
        groups: Vec<CustomerGroup>,
    ) -> Cache {
        self.legal_entities
            .insert(legal_entity.id.to_lowercase(), legal_entity);
        for b in books {
            self.books.insert(b.id.to_lowercase(), b);
        }
        for g in groups {
            self.groups
                .insert(rules::group_key(&g.id, &g.legal_entity).to_lowercase(), g);
        }
        self.closed = true;
        self
    }
    /// What a closed cache says of something it lacks: not found, among what it has (`noun`
    /// as the command that lists them says it).
    fn missing(&self, noun: &str, field: &str, id: &str, known: Vec<String>) -> HqError {
        let mut known = known;
        known.sort();
        known.dedup();
        super::not_found(noun, field, id, &known)
    }
    /// The features a new customer's rules depend on, as the store has them (delivered to its
    /// channel database) rather than as set in HQ.
    pub(crate) fn with_features(mut self, multiple_contacts: bool, enhanced_async: bool) -> Cache {
        self.multiple_contacts = Some(multiple_contacts);
        self.enhanced_async = Some(enhanced_async);
        self
    }
    fn group(
        &mut self,
        c: &Reader,
        field: &str,
        legal_entity: &str,
        id: &str,
    ) -> Result<CustomerGroup> {
        let key = rules::group_key(id, legal_entity).to_lowercase();
        if let Some(g) = self.groups.get(&key) {
            return Ok(g.clone());
        }
        if self.closed {
            let mut known: Vec<String> = self
                .groups
                .values()
                .filter(|g| g.legal_entity.eq_ignore_ascii_case(legal_entity))
                .map(|g| g.id.clone())
                .collect();
            known.sort();
            return Err(rules::group_not_in(field, id, legal_entity, &known, &[]).into());
        }
        let g = get_group(c, field, legal_entity, id)?;
        self.groups.insert(key, g.clone());
        Ok(g)
    }
    fn book(
        &mut self,
        c: &Reader,
        field: &str,
        id: &str,
    ) -> Result<crate::domain::org::AddressBook> {
        let key = id.to_lowercase();
        if let Some(b) = self.books.get(&key) {
            return Ok(b.clone());
        }
        if self.closed {
            let known = self.books.values().map(|b| b.id.clone()).collect();
            return Err(self.missing("address-book", field, id, known));
        }
        let b = address_book::get(c, field, id)?;
        self.books.insert(key, b.clone());
        Ok(b)
    }
    fn legal_entity(&mut self, c: &Reader, id: &str) -> Result<crate::domain::org::LegalEntity> {
        let key = id.to_lowercase();
        if let Some(l) = self.legal_entities.get(&key) {
            return Ok(l.clone());
        }
        if self.closed {
            let known = self.legal_entities.values().map(|l| l.id.clone()).collect();
            return Err(self.missing("legal-entity", "legal_entity", id, known));
        }
        let l = legal_entity::get(c, "legal_entity", id)?;
        self.legal_entities.insert(key, l.clone());
        Ok(l)
    }
    /// The store with its default customer and that customer's group (exit 3 without one).
    fn store(&mut self, c: &Reader, number: &str) -> Result<(Store, Customer, CustomerGroup)> {
        let key = number.to_lowercase();
        if let Some(s) = self.stores.get(&key) {
            return Ok(s.clone());
        }
        if self.closed {
            let known = self.stores.values().map(|s| s.0.number.clone()).collect();
            return Err(self.missing("store", "store", number, known));
        }
        let st = super::load::store(c, "store", number)?;
        let default_account = rules::default_customer_of(&st)?;
        let default = get(c, "the store's default customer", default_account)?;
        let group = get_group(
            c,
            "the default customer's group",
            &default.legal_entity,
            &default.group,
        )?;
        self.stores
            .insert(key, (st.clone(), default.clone(), group.clone()));
        Ok((st, default, group))
    }
    fn multiple_contacts(&mut self, c: &Reader, env: &OpEnv) -> Result<bool> {
        if self.multiple_contacts.is_none() && !self.closed {
            self.multiple_contacts = Some(feature::is_enabled(c, env.now, MULTIPLE_CONTACTS)?);
        }
        Ok(self.multiple_contacts.unwrap_or(false))
    }
    fn enhanced_async(&mut self, c: &Reader, env: &OpEnv) -> Result<bool> {
        if self.enhanced_async.is_none() && !self.closed {
            self.enhanced_async = Some(feature::is_enabled(c, env.now, ENHANCED_ASYNC)?);
        }
        Ok(self.enhanced_async.unwrap_or(false))
    }
}

/// A new customer checked against every rule, before it gets its account.
pub(crate) struct Prepared {
    pub customer: Customer,
    /// Set when it is created asynchronously at this store.
    pub async_store: Option<Store>,
    pub warnings: Vec<Hint>,
    /// Where each value came from (given, or inherited).
    pub origins: Vec<rules::FieldOrigin>,
}

/// A new customer, and where its values came from.
#[derive(Debug, Clone, serde::Serialize)]
pub(crate) struct Made {
    #[serde(flatten)]
    pub customer: Customer,
    pub origins: Vec<rules::FieldOrigin>,
}

/// Checks a new customer and applies the store's default customer (DOMAIN.md 2). `allow_async`
/// is false for imports, which always write to HQ.
pub(crate) fn prepare(
    c: &Reader,
    env: &OpEnv,
    cache: &mut Cache,
    mut n: NewCustomer,
    allow_async: bool,
) -> Result<Prepared> {
    let given = std::mem::take(&mut n.fields).checked()?;
    let mut origins = rules::given_origins(&given);
    let affiliations = match given.get("affiliations") {
        Some(crate::domain::record::Value::List(l)) => l.clone(),
        _ => Vec::new(),
    };
    let legal_entity: Option<String> = given
        .get("legal_entity")
        .and_then(crate::domain::record::Value::text)
        .map(str::to_string);
    let legal_entity = legal_entity.as_deref();
    let mut warnings = Vec::new();
    let mut async_store = None;
    let (d, le, dims, store) = match &n.store {
        Some(s) => {
            let (st, default, default_group) = cache.store(c, s)?;
            let is_async = allow_async && (st.async_customer_creation || n.force_async);
            let enhanced = cache.enhanced_async(c, env)?;
            rules::check_at_store(&rules::AtStore {
                store: &st,
                is_async,
                enhanced,
                account_given: n.account.is_some(),
                affiliations: &affiliations,
                legal_entity,
            })?;
            if is_async {
                async_store = Some(st.clone());
            }
            let le = st.legal_entity.clone();
            let got = rules::inherit(&default, &default_group, &st, given, is_async, enhanced);
            warnings.extend(got.warnings.into_iter().map(Hint::from));
            origins.extend(got.origins);
            (got.draft, le, Some(got.financial_dimensions), Some(st))
        }
        None => {
            let le = match (legal_entity, &cache.only_legal_entity) {
                (Some(l), _) => l.to_string(),
                (None, Some(l)) => l.clone(),
                (None, None) => {
                    let l = numseq::resolve_legal_entity(c, None)?;
                    cache.only_legal_entity = Some(l.clone());
                    l
                }
            };
            (given, le, None, None)
        }
    };
    let le_rec = cache.legal_entity(c, &le)?;
    rules::required(&d)?;
    let language_given = d.has("language");
    let mut cu = Customer::default();
    d.into_new(&mut cu);
    let group = cache.group(c, "group", &le_rec.id, &cu.group)?;
    if !language_given {
        cu.language = le_rec.language.clone();
        origins.push(rules::FieldOrigin::new(
            "language",
            "legal_entity",
            Some(&le_rec.id),
        ));
    }
    if store.is_none() {
        if legal_entity.is_none() {
            origins.push(rules::FieldOrigin::new(
                "legal_entity",
                "legal_entity",
                Some(&le_rec.id),
            ));
        }
        origins.push(rules::FieldOrigin::new(
            "financial_dimensions",
            "customer_group",
            Some(&group.id),
        ));
    }
    let mut books = Vec::new();
    for b in &cu.address_books {
        let book = cache.book(c, "address_book", b)?;
        rules::check_customer_book("address_book", &book)?;
        if !books.contains(&book.id) {
            books.push(book.id);
        }
    }
    let country = store
        .as_ref()
        .map_or(le_rec.country.clone(), |s: &Store| s.country.clone());
    cu.legal_entity = le_rec.id.clone();
    cu.group = group.id.clone();
    cu.financial_dimensions = dims.unwrap_or_else(|| group.dimensions.clone());
    cu.address_books = books;
    cu.store = store.as_ref().map(|s: &Store| s.number.clone());
    cu.status = "active".into();
    cu.check_names()?;
    for e in &n.emails {
        let value = rules::email("email", e)?;
        rules::add_contact(
            &mut cu.contacts,
            Contact {
                kind: ContactKind::Email,
                value,
                primary: false,
                marketing_opt_in: false,
            },
            false,
        )?;
    }
    for p in &n.phones {
        let value = rules::phone("phone", p, &country)?;
        rules::add_contact(
            &mut cu.contacts,
            Contact {
                kind: ContactKind::Phone,
                value,
                primary: false,
                marketing_opt_in: false,
            },
            false,
        )?;
    }
    rules::give_consent(&mut cu.contacts, &n.marketing_opt_in, &country)?;
    rules::check_contacts(
        &cu.contacts,
        cache.multiple_contacts(c, env)?,
        async_store.is_some(),
    )?;
    if let Some(a) = &n.address {
        // Given beside the customer's own fields (flags of `customer add`, a CSV row).
        let addr = address(a, &cu, &country, true)?;
        rules::add_address(&mut cu.addresses, addr, a.primary);
    }
    if let Some(a) = &n.account {
        cu.account = validate::id("account", a)?;
    }
    // In the order of the customer's fields.
    let order = |name: &str| {
        <Customer as crate::domain::record::Record>::FIELDS
            .iter()
            .position(|f| f.name == name)
    };
    origins.sort_by_key(|o| order(o.field));
    Ok(Prepared {
        customer: cu,
        async_store,
        warnings,
        origins,
    })
}

/// Creates a customer. With a store, it inherits from the store's default customer; without
/// one, the type, group and currency must be given. The account comes from the
/// `customer_account` sequence of the legal entity unless given. A store that creates
/// customers asynchronously (or `--async`) gets a pending customer in its channel database.
pub(crate) fn add(db_: &mut Db, env: &OpEnv, mode: Mode, n: NewCustomer) -> Result<Applied<Made>> {
    add_with(db_, env, mode, n, &mut Cache::default())
}

/// [`add`], with what is already known about the store (`hq pos`: its default customer as
/// distributed to the store's channel database).
pub(crate) fn add_with(
    db_: &mut Db,
    env: &OpEnv,
    mode: Mode,
    n: NewCustomer,
    cache: &mut Cache,
) -> Result<Applied<Made>> {
    rules::check_async_has_store(n.force_async, n.store.is_some())?;
    let attributes = attribute_pairs("attribute", &n.attributes)?;
    let mut warnings = Vec::new();
    let mut applied = mutate(db_, env, mode, |tx| {
        let p = prepare(tx, env, cache, n.clone(), true)?;
        warnings = p.warnings;
        let mut origins = p.origins;
        let mut cu = p.customer;
        if !attributes.is_empty() {
            let groups = match cache.attribute_groups.take() {
                Some(g) => g,
                None => declared_groups(tx)?,
            };
            put_attributes(tx, &mut cu, &attributes, &groups)?;
        }
        add_declared(tx, env, &mut cu, &n.declared)?;
        if let Some(w) = rules::many_addresses(&cu.account, cu.addresses.len()) {
            warnings.push(w);
        }
        if let Some(st) = p.async_store {
            let pending = waiting(&mut cu, &st, env);
            // Where the product keeps it: in the store's channel database, a file of its own
            // when it has one (written there in the file's own transaction; headquarters keeps
            // the audit entry).
            let cdb = super::channel_db::get_db(tx, "channel_db", &st.channel_db)?;
            match super::channel_db::own_file(tx, &cdb)? {
                Some(f) if mode == Mode::Commit => {
                    crate::db::channel::write(&f, |conn| db::insert_pending_on(conn, &pending))?
                }
                Some(_) => {}
                None => db::insert_pending(tx, &pending)?,
            }
            let change = Change::create("pending_customer", &cu.account, &cu);
            return Ok((
                Made {
                    customer: cu,
                    origins,
                },
                vec![change],
            ));
        }
        let mut changes = Vec::new();
        if cu.account.is_empty() {
            let (value, change) = allocate_account(tx, &cu.legal_entity)?;
            origins.insert(
                0,
                rules::FieldOrigin::new("account", "number_sequence", Some(&change.key)),
            );
            changes.push(change);
            cu.account = value;
        } else if db::exists(tx, &cu.account)? {
            return Err(refuse::exists("customer", "customer", &cu.account).into());
        } else {
            origins.insert(0, rules::FieldOrigin::new("account", "given", None));
        }
        db::save(tx, None, &cu)?;
        changes.insert(0, Change::create("customer", &cu.account, &cu));
        Ok((
            Made {
                customer: cu,
                origins,
            },
            changes,
        ))
    })?;
    applied.warnings = warnings;
    Ok(applied)
}

/// `cu` as an async customer waiting at store `st`: its temporary id (time-ordered, version 7:
/// a server lists pending customers of one second in the order they were made, as SQLite does
/// by rowid), and the record that waits.
fn waiting(cu: &mut Customer, st: &Store, env: &OpEnv) -> db::Pending {
    cu.account = uuid::Uuid::now_v7().to_string();
    cu.status = PENDING_SYNC.into();
    db::Pending {
        id: cu.account.clone(),
        channel_database: st.channel_db.clone(),
        store: st.number.clone(),
        created_at: env.now_text(),
        status: PENDING_SYNC.into(),
        account: None,
        synced_at: None,
        customer: cu.clone(),
    }
}

/// [`add_with`] at a store working on its channel database file alone (`hq pos
/// --channel-db`): an async customer only, checked by the same rules and written to the file
/// in one transaction of its own (headquarters audits it when `customer sync` uploads it).
/// The cache knows what the file holds: the store, its default customer and group, the legal
/// entity as far as the store knows it, the address books. A store that creates customers in
/// headquarters is refused: that is a real-time call.
pub(crate) fn add_alone(
    file: &crate::db::channel::ChannelFile,
    env: &OpEnv,
    mode: Mode,
    n: NewCustomer,
    cache: &mut Cache,
) -> Result<Applied<Made>> {
    let c = file.reader();
    let p = prepare(c, env, cache, n, true)?;
    let mut warnings = p.warnings;
    let mut cu = p.customer;
    let Some(st) = p.async_store else {
        let store = cu.store.clone().unwrap_or_default();
        return Err(crate::domain::pos::creates_in_headquarters(&store).into());
    };
    if let Some(w) = rules::many_addresses(&cu.account, cu.addresses.len()) {
        warnings.push(w);
    }
    let pending = waiting(&mut cu, &st, env);
    if mode == Mode::Commit {
        crate::db::channel::write(file, |conn| db::insert_pending_on(conn, &pending))?;
    }
    let change = Change::create("pending_customer", &cu.account, &cu);
    Ok(Applied {
        value: Made {
            customer: cu,
            origins: p.origins,
        },
        changes: vec![change],
        mode,
        warnings,
    })
}

/// The status of an async customer waiting in a channel database.
pub(crate) const PENDING_SYNC: &str = "pending-sync";

/// The next account of the legal entity's `customer_account` sequence, refused (exit 5) when a
/// customer already has it.
fn allocate_account(tx: &WriteTx, le: &str) -> Result<(String, Change)> {
    numseq::allocate_for(tx, Reference::CustomerAccount, le)
}

/// A customer by account, or an async customer by its temporary id (synced or not).
pub(crate) fn show(c: &Reader, id: &str) -> Result<Customer> {
    match pending_by_id(c, id)? {
        Some(p) if p.account.is_none() => Ok(p.customer),
        _ => get(c, "ACCOUNT", id),
    }
}

/// The async customers waiting in channel databases: those inside the data file, then those
/// in each channel database of its own that headquarters has not uploaded yet; and the
/// channel databases that could not be read (their customers are not in the list).
pub(crate) fn pending(
    c: &Reader,
) -> Result<(Vec<db::Pending>, Vec<super::channel_db::Unreachable>)> {
    let mut all = db::pending(c)?;
    let (files, away) = super::channel_db::reachable_files(c)?;
    for (_, f) in files {
        for p in db::pending(f.reader())? {
            if db::pending_by_id(c, &p.id)?.is_none() {
                all.push(p);
            }
        }
    }
    Ok((all, away))
}

pub(crate) use super::load::pending_by_id;

/// The file an async customer waits in, when it waits in a channel database file (not yet
/// uploaded): the file of its channel database.
fn pending_file(c: &Reader, p: &db::Pending) -> Result<Option<crate::db::channel::ChannelFile>> {
    if db::pending_by_id(c, &p.id)?.is_some() {
        return Ok(None);
    }
    let cdb = super::channel_db::get_db(c, "channel_db", &p.channel_database)?;
    super::channel_db::own_file(c, &cdb)
}

/// What `customer sync` did for one async customer.
#[derive(Debug, Clone, serde::Serialize)]
pub(crate) struct Synced {
    pub id: String,
    pub account: String,
    pub store: String,
}

/// Converts every pending async customer, in one transaction: uploads it, allocates its
/// account from the legal entity's sequence, writes it to HQ, and marks it synced. (Job 1010
/// then brings it back to the channel databases.)
///
/// Async customers waiting in a channel database file are uploaded exactly once: headquarters
/// writes the customer and its own record of the upload (the temporary id, synced, with its
/// account) in its transaction, then the file marks it synced in its own. Cut off between
/// the two, the next sync finds headquarters' record and only marks the file.
///
/// A channel database of its own that cannot be read now is left for the next sync: the
/// others' customers are uploaded, and it is returned with why.
pub(crate) fn sync(
    db_: &mut Db,
    env: &OpEnv,
    mode: Mode,
) -> Result<(Applied<Vec<Synced>>, Vec<super::channel_db::Unreachable>)> {
    let (files, away) = super::channel_db::reachable_files(db_.read())?;
    let mut waiting = Vec::new();
    for (i, (_, f)) in files.iter().enumerate() {
        for p in db::pending(f.reader())? {
            waiting.push((i, p));
        }
    }
    let mut to_mark: Vec<(usize, String, String, String)> = Vec::new();
    let applied = mutate(db_, env, mode, |tx| {
        let mut done = Vec::new();
        let mut changes = Vec::new();
        to_mark.clear();
        for (i, p) in &waiting {
            if let Some(up) = db::pending_by_id(tx, &p.id)?
                && let Some(account) = up.account
            {
                // Uploaded before; the file was not told.
                to_mark.push((*i, p.id.clone(), account, up.synced_at.unwrap_or_default()));
                continue;
            }
            let (account, change) = allocate_account(tx, &p.customer.legal_entity)?;
            let mut cu = p.customer.clone();
            cu.account = account.clone();
            cu.status = "active".into();
            db::save(tx, None, &cu)?;
            db::insert_pending(tx, p)?;
            let at = env.now_text();
            db::mark_synced(tx, &p.id, &account, &at)?;
            changes.push(Change::create("customer", &cu.account, &cu));
            changes.push(change);
            to_mark.push((*i, p.id.clone(), account.clone(), at));
            done.push(Synced {
                id: p.id.clone(),
                account,
                store: p.store.clone(),
            });
        }
        for p in db::pending(tx)? {
            let (account, change) = allocate_account(tx, &p.customer.legal_entity)?;
            let mut cu = p.customer.clone();
            cu.account = account.clone();
            cu.status = "active".into();
            db::save(tx, None, &cu)?;
            db::mark_synced(tx, &p.id, &account, &env.now_text())?;
            changes.push(Change::create("customer", &cu.account, &cu));
            changes.push(change);
            done.push(Synced {
                id: p.id,
                account,
                store: p.store,
            });
        }
        Ok((done, changes))
    })?;
    if mode == Mode::Commit {
        for (i, (_, f)) in files.iter().enumerate() {
            let marks: Vec<_> = to_mark.iter().filter(|m| m.0 == i).collect();
            if marks.is_empty() {
                continue;
            }
            crate::db::channel::write(f, |conn| {
                for (_, id, account, at) in &marks {
                    db::mark_synced_on(conn, id, account, at)?;
                }
                Ok(())
            })?;
        }
    }
    Ok((applied, away))
}

/// An address checked for `cu` (its defaults: `country`, the store's or the legal entity's);
/// `beside` when it was given beside the customer's own fields (`customer add`, a CSV row).
fn address(
    a: &AddressInput,
    cu: &Customer,
    country: &str,
    beside: bool,
) -> Result<CustomerAddress> {
    let defaults = rules::AddressDefaults::of(cu, country);
    Ok(rules::check_address(a, cu.kind, &defaults, beside)?)
}

/// Where a customer is changed from: HQ (the features as set there), or a store (the features
/// as delivered to it; an async customer waiting there is changed by its temporary id, when the
/// store may edit them).
#[derive(Debug, Clone, Copy)]
pub(crate) enum At<'a> {
    Hq,
    Store {
        store: &'a str,
        /// "Capture multiple emails and phone numbers ..." as delivered.
        multiple_contacts: bool,
        /// "Enable async customer editing" as delivered.
        pending_editable: bool,
    },
}

impl At<'_> {
    /// Whether a customer may have several emails and phones here.
    fn multiple_contacts(&self, c: &Reader, env: &OpEnv) -> Result<bool> {
        match self {
            At::Hq => feature::is_enabled(c, env.now, MULTIPLE_CONTACTS),
            At::Store {
                multiple_contacts, ..
            } => Ok(*multiple_contacts),
        }
    }
}

/// The contact rules for `cu` changed from `at` (an async customer keeps the async limits).
fn check_contacts_at(c: &Reader, env: &OpEnv, at: At, cu: &Customer) -> Result<()> {
    rules::check_contacts(
        &cu.contacts,
        at.multiple_contacts(c, env)?,
        cu.status == PENDING_SYNC,
    )?;
    Ok(())
}

/// Reads an account (at a store, or an async customer's temporary id), changes it with `f`,
/// checks it, and saves what changed.
fn edit(
    db_: &mut Db,
    env: &OpEnv,
    mode: Mode,
    (account, at): (&str, At),
    f: impl FnOnce(&WriteTx, &mut Customer) -> Result<()>,
) -> Result<Applied<Customer>> {
    if let At::Store {
        store,
        pending_editable,
        ..
    } = at
        && let Some(p) = pending_by_id(db_.read(), account)?
        && p.account.is_none()
        && p.store.eq_ignore_ascii_case(store)
    {
        if !pending_editable {
            return Err(rules::pending_not_editable(account, store).into());
        }
        let file = pending_file(db_.read(), &p)?;
        return mutate(db_, env, mode, |tx| {
            let old = p.customer.clone();
            let mut new = old.clone();
            f(tx, &mut new)?;
            new.check_names()?;
            let changes = save_changed("pending_customer", &p.id, &old, &new, || match &file {
                Some(f) if mode == Mode::Commit => {
                    crate::db::channel::write(f, |conn| db::update_pending_on(conn, &p.id, &new))
                }
                Some(_) => Ok(()),
                None => db::update_pending(tx, &p.id, &new),
            })?;
            Ok((new, changes))
        });
    }
    mutate(db_, env, mode, |tx| {
        let old = get(tx, "ACCOUNT", account)?;
        let mut new = old.clone();
        f(tx, &mut new)?;
        new.check_names()?;
        let changes = save_changed("customer", &old.account, &old, &new, || {
            db::save(tx, Some(&old), &new)
        })?;
        Ok((new, changes))
    })
}

/// Changes a customer as given: a value replaces, `''` clears an optional one, lists are
/// replaced or edited item by item, financial dimensions set by name. A group or address book
/// given must exist (and a book be a customer one).
pub(crate) fn set(
    db_: &mut Db,
    env: &OpEnv,
    mode: Mode,
    (account, at): (&str, At),
    d: CustomerDraft,
) -> Result<Applied<Customer>> {
    let d = d.checked()?;
    edit(db_, env, mode, (account, at), |tx, cu| {
        let before = cu.address_books.clone();
        d.apply(cu);
        if d.has("group") {
            cu.group = get_group(tx, "group", &cu.legal_entity, &cu.group)?.id;
        }
        let word = if d.has("address_books") {
            "address_book"
        } else {
            "add_address_book"
        };
        let mut books: Vec<String> = Vec::new();
        for b in &cu.address_books {
            let id = if before.iter().any(|x| x.eq_ignore_ascii_case(b)) {
                b.clone()
            } else {
                let book = address_book::get(tx, word, b)?;
                rules::check_customer_book(word, &book)?;
                book.id
            };
            if !books.iter().any(|x| x.eq_ignore_ascii_case(&id)) {
                books.push(id);
            }
        }
        cu.address_books = books;
        cu.address_books.sort_by_key(|a| a.to_lowercase());
        cu.affiliations.dedup_by(|a, b| a.eq_ignore_ascii_case(b));
        cu.affiliations.sort_by_key(|a| a.to_lowercase());
        Ok(())
    })
}

pub(crate) fn remove(
    db_: &mut Db,
    env: &OpEnv,
    mode: Mode,
    account: &str,
) -> Result<Applied<Customer>> {
    mutate(db_, env, mode, |tx| {
        let cu = get(tx, "ACCOUNT", account)?;
        let stores = db::stores_defaulting_to(tx, &cu.account)?;
        if let Some(err) = in_use(
            "customer",
            &cu.account,
            &[("stores as their default customer", stores)],
        ) {
            return Err(err.hinted(
                Hint::from("give those stores another default customer first (")
                    .run(
                        Cmd::new("store set")
                            .ph("STORE")
                            .set_ph("default_customer", "ACCOUNT"),
                    )
                    .then(")"),
            ));
        }
        // Its client book membership, activities, notes and measure values go with it.
        let book = crate::db::clienteling::book_of_customer(tx, &cu.account)?;
        db::delete(tx, &cu.account)?;
        let mut changes = vec![Change::delete("customer", &cu.account, &cu)];
        if let Some(book) = book {
            changes.push(Change::delete(
                "client_book_customer",
                &cu.account,
                &serde_json::json!({"account": cu.account, "client_book": book}),
            ));
        }
        Ok((cu, changes))
    })
}

/// Which customers a removal of many takes: accounts given, and every customer of a group.
#[derive(Debug, Clone, Default)]
pub(crate) struct Selection {
    pub accounts: Vec<String>,
    /// A group's key (`ID` or `ID/LEGAL_ENTITY`).
    pub group: Option<String>,
}

/// What a removal of many did (or would do).
#[derive(Debug, Clone, serde::Serialize)]
pub(crate) struct Removal {
    /// The group whose customers were taken, by its key.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    #[serde(flatten)]
    pub counts: db::RemovalCounts,
    /// The accounts removed, in order.
    pub accounts: Vec<String>,
}

/// What removing the customers of `sel` would take with it, without removing anything: for
/// the question asked before [`remove_many`].
pub(crate) fn removal_preview(db_: &mut Db, sel: &Selection) -> Result<db::RemovalCounts> {
    let tx = db_.write()?;
    let accounts = sel.accounts.iter().map(|a| Ok(a.clone()));
    stage(&tx, accounts, sel.group.as_deref())?;
    db::staged_counts(&tx)
}

fn stage(
    tx: &WriteTx,
    accounts: impl Iterator<Item = Result<String>>,
    group: Option<&str>,
) -> Result<Option<String>> {
    db::stage_removal(tx)?;
    db::stage_accounts(tx, accounts)?;
    let (some, n) = db::staged_unknown(tx, 5)?;
    if n > 0 {
        return Err(rules::unknown_accounts(&some, n).into());
    }
    let group = match group {
        Some(key) => {
            let g = find_group(tx, "group", key)?;
            db::stage_group(tx, &g.legal_entity, &g.id)?;
            Some(g.key())
        }
        None => None,
    };
    let defaults = db::staged_defaults(tx)?;
    if !defaults.is_empty() {
        return Err(rules::default_of_stores(&defaults).into());
    }
    Ok(group)
}

/// Many new customers at once, in a transaction already begun (an apply that makes
/// thousands): when they are at least `threshold` (default `BULK_NEW`) and at least half as
/// many as there are already, the
/// customer tables' secondary indexes are dropped until [`end_many_new`] rebuilds them, as an
/// import does (building an index once over sorted keys beats keeping it row by row). `None`:
/// nothing was dropped.
pub(crate) fn begin_many_new(
    db_: &mut Db,
    new: u64,
    threshold: Option<u64>,
) -> Result<Option<Vec<String>>> {
    const BULK_NEW: u64 = 10_000;
    if new < threshold.unwrap_or(BULK_NEW) || new.saturating_mul(2) < db::how_many(db_.read())? {
        return Ok(None);
    }
    let tx = db_.write()?;
    let dropped = db::drop_indexes(&tx)?;
    tx.commit()?;
    Ok(Some(dropped))
}

/// Rebuilds what [`begin_many_new`] dropped, counting the `added` customers.
pub(crate) fn end_many_new(db_: &mut Db, dropped: &[String], added: u64) -> Result<()> {
    let tx = db_.write()?;
    db::recreate_indexes(&tx, dropped, added)?;
    tx.commit()?;
    Ok(())
}

/// Removes many customers at once, in one transaction: every account of `sel` (all must be
/// customers'), with their contacts, addresses, attribute values, client book memberships,
/// activities, notes and measure values, each removal leaving its tombstone for distribution.
/// Refused while a store names one of them as its default customer. The audit entry names
/// each customer removed (not its last values, as a single removal keeps: export first to
/// keep those). Statements run a table at a time over the staged accounts, so the time grows
/// with the rows removed, not with their product.
pub(crate) fn remove_many(
    db_: &mut Db,
    env: &OpEnv,
    mode: Mode,
    sel: &Selection,
) -> Result<Applied<Removal>> {
    let accounts = sel.accounts.iter().map(|a| Ok(a.clone()));
    remove_staged(db_, env, mode, accounts, sel.group.as_deref(), true)
}

/// [`remove_many`] of accounts read as they are staged (`hq apply --prune`: a plan's
/// removals, which may be hundreds of thousands), the removal's accounts not listed back.
pub(crate) fn remove_listed(
    db_: &mut Db,
    env: &OpEnv,
    mode: Mode,
    accounts: impl Iterator<Item = Result<String>>,
) -> Result<Applied<Removal>> {
    remove_staged(db_, env, mode, accounts, None, false)
}

/// What [`mutate`] does for one removal of many, but the audit entry's records are written
/// from the staged accounts by the database ([`audit_db::insert_removals`]), never held here.
fn remove_staged(
    db_: &mut Db,
    env: &OpEnv,
    mode: Mode,
    accounts: impl Iterator<Item = Result<String>>,
    group: Option<&str>,
    list: bool,
) -> Result<Applied<Removal>> {
    let tx = db_.write()?;
    let group = stage(&tx, accounts, group)?;
    let counts = db::staged_counts(&tx)?;
    let accounts = if list {
        db::staged(&tx, None)?
    } else {
        Vec::new()
    };
    if counts.customers > 0 {
        let first = db::staged(&tx, Some(5))?;
        let summary =
            crate::domain::change::summarize_removals("customer", counts.customers, &first);
        let entry = audit_db::insert(
            &tx,
            &env.now_text(),
            &env.actor,
            &env.command_line,
            &summary,
            "[]",
        )?;
        audit_db::insert_removals(&tx, entry, db::STAGED_FOR_AUDIT)?;
        db::delete_staged(&tx)?;
    }
    match mode {
        Mode::Commit if counts.customers > 0 => tx.commit()?,
        _ => drop(tx),
    }
    Ok(Applied {
        value: Removal {
            group,
            counts,
            accounts,
        },
        changes: Vec::new(),
        mode,
        warnings: Vec::new(),
    })
}

/// An email or phone number to add, as given.
#[derive(Debug, Clone)]
pub(crate) struct ContactInput {
    pub kind: ContactKind,
    pub value: String,
    pub primary: bool,
    pub marketing_opt_in: bool,
}

/// A contact's value checked for its kind (`field` names it in a refusal): an email as one,
/// a phone number read for the customer's primary address country, else its legal entity's.
fn contact_value(
    c: &Reader,
    cu: &Customer,
    kind: ContactKind,
    field: &str,
    value: &str,
) -> Result<String> {
    Ok(match kind {
        ContactKind::Email => rules::email(field, value)?,
        ContactKind::Phone => {
            let primary = cu
                .addresses
                .iter()
                .find(|a| a.primary)
                .and_then(|a| a.country.clone());
            let country = match primary {
                Some(country) => country,
                None => legal_entity::get(c, "legal entity", &cu.legal_entity)?.country,
            };
            rules::phone(field, value, &country)?
        }
    })
}

/// The country a new address of the customer takes when it gives none: the store's it was
/// made for, else its legal entity's.
fn home_country(c: &Reader, cu: &Customer) -> Result<String> {
    let store = match &cu.store {
        Some(s) => crate::db::org::store(c, s)?,
        None => None,
    };
    Ok(match store {
        Some(s) => s.country,
        None => legal_entity::get(c, "legal entity", &cu.legal_entity)?.country,
    })
}

/// Adds an email or a phone number.
pub(crate) fn add_contact(
    db_: &mut Db,
    env: &OpEnv,
    mode: Mode,
    (account, at): (&str, At),
    new: ContactInput,
) -> Result<Applied<Customer>> {
    let ContactInput {
        kind,
        value,
        primary,
        marketing_opt_in,
    } = new;
    let value = value.as_str();
    edit(db_, env, mode, (account, at), |tx, cu| {
        let value = contact_value(tx, cu, kind, kind.as_str(), value)?;
        rules::add_contact(
            &mut cu.contacts,
            Contact {
                kind,
                value,
                primary: false,
                marketing_opt_in,
            },
            primary,
        )?;
        check_contacts_at(tx, env, at, cu)
    })
}

/// What `customer contact set` changes.
pub(crate) struct ContactChange {
    pub value: Option<String>,
    pub primary: bool,
    pub marketing_opt_in: Option<bool>,
}

/// Changes a contact (by its value or its number in `contact list`): its value, whether it
/// is the primary of its kind, the consent to marketing on it.
pub(crate) fn set_contact(
    db_: &mut Db,
    env: &OpEnv,
    mode: Mode,
    (account, at): (&str, At),
    contact: &str,
    change: ContactChange,
) -> Result<Applied<Customer>> {
    let ContactChange {
        value,
        primary,
        marketing_opt_in,
    } = change;
    edit(db_, env, mode, (account, at), |tx, cu| {
        let i = rules::contact_ref(cu, contact)?;
        let value = value
            .as_deref()
            .map(|v| contact_value(tx, cu, cu.contacts[i].kind, "value", v))
            .transpose()?;
        rules::set_contact(&mut cu.contacts, i, value, primary, marketing_opt_in)?;
        check_contacts_at(tx, env, at, cu)
    })
}

/// Removes a contact by its value; the next one of its kind becomes primary.
pub(crate) fn remove_contact(
    db_: &mut Db,
    env: &OpEnv,
    mode: Mode,
    account: &str,
    value: &str,
) -> Result<Applied<Customer>> {
    edit(db_, env, mode, (account, At::Hq), |_, cu| {
        let pos = rules::contact_at(cu, value)?;
        let gone = cu.contacts.remove(pos);
        if gone.primary
            && let Some(next) = cu.contacts.iter_mut().find(|c| c.kind == gone.kind)
        {
            next.primary = true;
        }
        Ok(())
    })
}

pub(crate) fn add_address(
    db_: &mut Db,
    env: &OpEnv,
    mode: Mode,
    (account, at): (&str, At),
    a: AddressInput,
) -> Result<Applied<Customer>> {
    edit(db_, env, mode, (account, at), |tx, cu| {
        // As the first address: the country of the store the customer was made for, else the
        // legal entity's.
        let country = home_country(tx, cu)?;
        let addr = address(&a, cu, &country, false)?;
        rules::add_address(&mut cu.addresses, addr, a.primary);
        Ok(())
    })
    .map(|mut applied| {
        let v = &applied.value;
        applied
            .warnings
            .extend(rules::many_addresses(&v.account, v.addresses.len()));
        applied
    })
}

/// Changes the address at `position` (from 1, as `customer address list` shows): the text
/// fields given (`''` clears an optional one, and a defaulted one goes back to its default),
/// its purpose, and `primary` makes it the primary address. The result is checked as a new
/// address is.
pub(crate) fn set_address(
    db_: &mut Db,
    env: &OpEnv,
    mode: Mode,
    (account, at): (&str, At),
    position: usize,
    given: AddressInput,
) -> Result<Applied<Customer>> {
    use crate::domain::model::Described;
    edit(db_, env, mode, (account, at), |tx, cu| {
        let at = rules::address_at(cu, position)?;
        let old = cu.addresses[at].clone();
        let mut d = old.draft();
        for f in AddressInput::TEXT {
            if let Some(v) = given.text(f.name) {
                d.set_text(f.name, (!v.trim().is_empty()).then(|| v.to_string()));
            }
        }
        if let Some(p) = &given.purpose {
            d.purpose = Some(p.clone());
        }
        let country = home_country(tx, cu)?;
        let mut new = address(&d, cu, &country, false)?;
        new.primary = old.primary;
        cu.addresses[at] = new;
        if given.primary {
            for (i, a) in cu.addresses.iter_mut().enumerate() {
                a.primary = i == at;
            }
        }
        Ok(())
    })
}

/// Removes the address at `position` (from 1, as `customer address list` shows).
pub(crate) fn remove_address(
    db_: &mut Db,
    env: &OpEnv,
    mode: Mode,
    account: &str,
    position: usize,
) -> Result<Applied<Customer>> {
    edit(db_, env, mode, (account, At::Hq), |_, cu| {
        let at = rules::address_at(cu, position)?;
        let gone = cu.addresses.remove(at);
        if gone.primary
            && let Some(first) = cu.addresses.first_mut()
        {
            first.primary = true;
        }
        Ok(())
    })
}

/// Sets attribute values from HQ (`customer attribute set`, an environment file): each
/// attribute may be in the customer attribute group or the client book attribute group of the
/// Commerce parameters (values set at the store come from the latter), checked against its
/// type. With neither group set, there is nothing to set.
pub(crate) fn set_declared_attributes(
    db_: &mut Db,
    env: &OpEnv,
    mode: Mode,
    account: &str,
    pairs: &[String],
) -> Result<Applied<Customer>> {
    set_attributes_in(db_, env, mode, account, pairs, |tx| declared_groups(tx))
}

/// Sets attribute values of a customer, each checked to be in the attribute group `group`
/// returns (with a label for messages) and against its attribute type. An empty value removes
/// the attribute's value.
pub(crate) fn set_attributes_in(
    db_: &mut Db,
    env: &OpEnv,
    mode: Mode,
    account: &str,
    pairs: &[String],
    groups: impl FnOnce(
        &WriteTx,
    ) -> Result<Vec<(crate::domain::attribute::AttributeGroup, &'static str)>>,
) -> Result<Applied<Customer>> {
    let parsed = attribute_pairs("NAME=VALUE", pairs)?;
    edit(db_, env, mode, (account, At::Hq), |tx, cu| {
        let groups = groups(tx)?;
        put_attributes(tx, cu, &parsed, &groups)
    })
}

/// `NAME=VALUE` pairs, each split (exit 3 naming the one that is not, as `field`).
fn attribute_pairs(field: &str, pairs: &[String]) -> Result<Vec<(String, String)>> {
    pairs
        .iter()
        .map(|p| rules::name_value(field, p).map_err(HqError::from))
        .collect()
}

/// The attributes a customer may be given values of (`customer attribute set`): those of the
/// attribute groups the Commerce parameters name, with the group's label.
pub(crate) fn declared_attributes(c: &Reader) -> Result<Vec<(String, &'static str)>> {
    Ok(declared_groups(c)?
        .into_iter()
        .flat_map(|(g, label)| g.attributes.into_iter().map(move |m| (m.attribute, label)))
        .collect())
}

/// The attribute groups the Commerce parameters name (customer, then client book); none set
/// is refused.
fn declared_groups(
    c: &Reader,
) -> Result<Vec<(crate::domain::attribute::AttributeGroup, &'static str)>> {
    let p = params::load(c)?;
    let mut out = Vec::new();
    for (group, label) in [
        (p.customer_attribute_group, "customer attribute group"),
        (p.client_book_attribute_group, "client book attribute group"),
    ] {
        if let Some(g) = group {
            out.push((attribute::get_group(c, label, &g)?, label));
        }
    }
    if out.is_empty() {
        return Err(rules::no_customer_attribute_group().into());
    }
    Ok(out)
}

/// Puts attribute values on a customer: each attribute in one of `groups`, each value checked
/// against its type; an empty value removes the attribute's value.
fn put_attributes(
    c: &Reader,
    cu: &mut Customer,
    parsed: &[(String, String)],
    groups: &[(crate::domain::attribute::AttributeGroup, &'static str)],
) -> Result<()> {
    for (name, value) in parsed {
        let Some(m) = groups.iter().find_map(|(g, _)| {
            g.attributes
                .iter()
                .find(|m| m.attribute.eq_ignore_ascii_case(name))
        }) else {
            let of: Vec<(String, Vec<String>)> = groups
                .iter()
                .map(|(g, label)| {
                    (
                        format!("{label} {}", g.name),
                        g.attributes.iter().map(|m| m.attribute.clone()).collect(),
                    )
                })
                .collect();
            return Err(rules::not_an_attribute_of(name, &of).into());
        };
        let at = attribute::get(c, "attribute", &m.attribute)?;
        let ty = attribute::get_type(c, "type", &at.type_name)?;
        cu.attributes
            .retain(|a| !a.name.eq_ignore_ascii_case(&at.name));
        if !value.is_empty() {
            let v = ty.check_value(&format!("{}=", at.name), value)?;
            cu.attributes.push(AttributeValue {
                name: at.name.clone(),
                value: v,
            });
        }
    }
    cu.attributes.sort_by_key(|a| a.name.to_lowercase());
    Ok(())
}

/// Filters as typed: store number, group, affiliation, `NAME=VALUE`, search text.
#[derive(Debug, Clone, Default)]
pub(crate) struct ListInput {
    pub store: Option<String>,
    /// Customers in any of these address books (the store's, as its channel database has
    /// them); beats `store`.
    pub address_books: Option<Vec<String>>,
    pub group: Option<String>,
    pub affiliation: Option<String>,
    /// Attribute filters as typed (`NAME<op>VALUE`, all must pass).
    pub attributes: Vec<String>,
    pub search: Option<String>,
    pub limit: u32,
    pub offset: u32,
}

/// A page of customers, and how many more the filter finds after it.
pub(crate) fn list(c: &Reader, i: ListInput) -> Result<(Vec<Customer>, Option<super::More>)> {
    let address_books = match (&i.address_books, &i.store) {
        (Some(books), _) => Some(books.clone()),
        (None, Some(s)) => Some(super::load::store(c, "store", s)?.customer_address_books),
        (None, None) => None,
    };
    // A group id alone is that group in every legal entity that has it.
    let group = match i.group.as_deref() {
        None => None,
        Some(key) => match rules::split_group_key(key) {
            (_, Some(_)) => {
                let g = find_group(c, "group", key)?;
                Some((g.id, Some(g.legal_entity)))
            }
            (id, None) => match db::groups_with_id(c, id)?.into_iter().next() {
                Some(g) => Some((g.id, None)),
                None => {
                    return Err(super::record::get::<CustomerGroup>(c, "group", id).unwrap_err());
                }
            },
        },
    };
    let attributes = if i.attributes.is_empty() {
        Vec::new()
    } else {
        let candidates = super::attribute::all_candidates(c)?;
        super::attribute::read_filters(&candidates, &i.attributes, None, "attribute")?.0
    };
    let mut f = Filter {
        address_books,
        group,
        affiliation: i.affiliation,
        attributes,
        search: i.search,
        limit: i.limit,
        offset: i.offset,
    };
    let page = db::list(c, &f)?;
    let mut more = None;
    if page.len() as u32 >= i.limit && i.limit > 0 {
        let next = i.offset.saturating_add(i.limit);
        f.offset = next;
        // Counting what follows reads every candidate when an attribute filter has no index
        // to find its values by (a range, a comparison): then one more is enough to say so.
        let counted = f.attributes.iter().all(|a| a.stored_equal().is_some());
        f.limit = if counted { super::More::CAP } else { 1 };
        more = super::More::after(db::count(c, &f)? as u64, Some(u64::from(next)));
        if !counted && let Some(m) = &mut more {
            m.at_least = true;
        }
    }
    Ok((page, more))
}
