//! SQL for customer groups and customers.

use super::Reader;
use super::error::{from_json, parsed, to_json};
use crate::domain::customer::{
    ADDRESS_COLUMNS, CUSTOMER_COLUMNS, CUSTOMER_EXTRA_COLUMNS, PRIMARY_COLUMNS,
};
use crate::domain::model::Described;

use super::sql::{Arg, Row, Val, ValRef};

use super::WriteTx;
use crate::domain::customer::{
    AttributeValue, Contact, ContactKind, Customer, CustomerAddress, CustomerGroup, Purpose,
};

/// What the rest of hq gets from here: hq's error, whatever the engine said.
type Res<T> = crate::error::Result<T>;

type R<T> = crate::error::Result<T>;

// ---- groups ----

/// The columns [`group_from`] reads, in its order.
const GROUP_COLUMNS: &str = "id, legal_entity, description, payment_terms, dimensions";

fn group_from(r: &super::sql::Row) -> Res<CustomerGroup> {
    let id: String = r.get(0)?;
    let dims: String = r.get(4)?;
    Ok(CustomerGroup {
        dimensions: from_json(("customer_groups", &id, "dimensions"), &dims)?,
        legal_entity: r.get(1)?,
        description: r.get(2)?,
        payment_terms: r.get(3)?,
        id,
    })
}

/// The group `id` of a legal entity.
pub(crate) fn group(c: &Reader, legal_entity: &str, id: &str) -> Res<Option<CustomerGroup>> {
    c.conn().row(
        &format!("SELECT {GROUP_COLUMNS} FROM customer_groups WHERE legal_entity = ?1 AND id = ?2"),
        &[&legal_entity, &id],
        group_from,
    )
}

/// The groups with this id, one a legal entity.
pub(crate) fn groups_with_id(c: &Reader, id: &str) -> Res<Vec<CustomerGroup>> {
    c.conn().rows(
        &format!("SELECT {GROUP_COLUMNS} FROM customer_groups WHERE id = ?1 ORDER BY legal_entity"),
        &[&id],
        group_from,
    )
}

/// Every group, by legal entity and id.
pub(crate) fn groups(c: &Reader) -> Res<Vec<CustomerGroup>> {
    c.conn().rows(
        &format!("SELECT {GROUP_COLUMNS} FROM customer_groups ORDER BY legal_entity, id"),
        &[],
        group_from,
    )
}

pub(crate) fn upsert_group(tx: &WriteTx, g: &CustomerGroup) -> Res<()> {
    let dims = to_json(&g.dimensions)?;
    tx.conn().exec(
        "INSERT INTO customer_groups
             (legal_entity, id, description, payment_terms, dimensions, change_version)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (legal_entity, id) DO UPDATE SET description = ?3, payment_terms = ?4,
             dimensions = ?5, change_version = ?6",
        &[
            &g.legal_entity,
            &g.id,
            &g.description,
            &g.payment_terms,
            &dims,
            &tx.version(),
        ],
    )?;
    Ok(())
}

pub(crate) fn delete_group(tx: &WriteTx, legal_entity: &str, id: &str) -> Res<()> {
    tx.conn().exec(
        "DELETE FROM customer_groups WHERE legal_entity = ?1 AND id = ?2",
        &[&legal_entity, &id],
    )?;
    Ok(())
}

/// Up to `limit` customers of a legal entity's group (to name them when refusing its
/// removal), and the count.
pub(crate) fn customers_in_group(
    c: &Reader,
    legal_entity: &str,
    id: &str,
    limit: u32,
) -> Res<(Vec<String>, i64)> {
    let n: i64 = c
        .conn()
        .row(
            "SELECT count(*) FROM customers WHERE group_id = ?1 AND legal_entity = ?2",
            &[&id, &legal_entity],
            |r| r.get(0),
        )?
        .unwrap_or(0);
    let some = c.conn().texts(
        "SELECT account FROM customers WHERE group_id = ?1 AND legal_entity = ?2
         ORDER BY account LIMIT ?3",
        &[&id, &legal_entity, &limit],
    )?;
    Ok((some, n))
}

// ---- customers ----

/// Where a column is in [`CUSTOMER_COLUMNS`] (found when compiling: a name that is not there
/// does not build).
const fn column(name: &str) -> usize {
    let mut i = 0;
    while i < CUSTOMER_COLUMNS.len() {
        let (a, b) = (CUSTOMER_COLUMNS[i].as_bytes(), name.as_bytes());
        if a.len() == b.len() {
            let mut j = 0;
            while j < a.len() && a[j] == b[j] {
                j += 1;
            }
            if j == a.len() {
                return i;
            }
        }
        i += 1;
    }
    panic!("not a column of customers")
}

/// The customers table's columns for a `SELECT` from `customers c`, in [`CUSTOMER_COLUMNS`]
/// order, so that a row is read by position.
static SELECT: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    let cols: Vec<String> = CUSTOMER_COLUMNS.iter().map(|c| format!("c.{c}")).collect();
    format!("SELECT {}", cols.join(", "))
});

/// A customer's own row as read: the customer (its lists empty) and what of its lists the row
/// holds (migration 13: its primary email, phone and address), each with its place in its list.
struct Head {
    cu: Customer,
    contacts: Vec<(i64, Contact)>,
    address: Option<(i64, CustomerAddress)>,
}

impl Head {
    /// The customer with its lists: the row's primaries put back among the other rows, each
    /// list in the order of its positions.
    fn with(
        mut self,
        contacts: Vec<(i64, Contact)>,
        addresses: Vec<(i64, CustomerAddress)>,
    ) -> Customer {
        self.cu.contacts = in_place(contacts, self.contacts);
        self.cu.addresses = in_place(addresses, self.address);
        self.cu
    }
}

/// A list's own rows (in position order) with the items its owner's row holds, by position.
fn in_place<T>(mut rows: Vec<(i64, T)>, held: impl IntoIterator<Item = (i64, T)>) -> Vec<T> {
    let n = rows.len();
    rows.extend(held);
    if rows.len() > n {
        rows.sort_by_key(|(at, _)| *at);
    }
    rows.into_iter().map(|(_, t)| t).collect()
}

/// A customer's own row, read from [`SELECT`]'s columns (a type or receipt option that is not
/// one of its choices is exit 7 naming the row and column); its other rows are read by
/// [`fill_from`] or beside it by [`each`].
fn customer_from(r: &Row) -> R<Head> {
    let mut cu = super::record::read_either::<Customer>("customers", r)?;
    let dims: String = r.get(column("financial_dimensions"))?;
    cu.financial_dimensions = from_json(("customers", &cu.account, "financial_dimensions"), &dims)?;
    let mut contacts = Vec::new();
    for (kind, at) in [
        (ContactKind::Email, column("email")),
        (ContactKind::Phone, column("phone")),
    ] {
        // value, search key, consent, position
        if let Some(value) = r.get::<Option<String>>(at)? {
            let contact = Contact {
                kind,
                value,
                primary: true,
                marketing_opt_in: r.get(at + 2)?,
            };
            contacts.push((r.get(at + 3)?, contact));
        }
    }
    let address = match r.get::<Option<i64>>(column("address_at"))? {
        Some(at) => {
            let mut ad = address_from(r, column("address_purpose"), &cu.account, false)?;
            ad.primary = true;
            Some((at, ad))
        }
        None => None,
    };
    Ok(Head {
        cu,
        contacts,
        address,
    })
}

/// Where a customer's row holds its primary email, phone and address: their index in its
/// lists (the first primary of each; a customer has one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Held {
    email: Option<usize>,
    phone: Option<usize>,
    address: Option<usize>,
}

impl Held {
    fn of(cu: &Customer) -> Held {
        let primary = |kind| cu.contacts.iter().position(|c| c.kind == kind && c.primary);
        Held {
            email: primary(ContactKind::Email),
            phone: primary(ContactKind::Phone),
            address: cu.addresses.iter().position(|a| a.primary),
        }
    }
    fn contact(&self, i: usize) -> bool {
        self.email == Some(i) || self.phone == Some(i)
    }
    /// The customer's contacts its row does not hold, with their index.
    fn other_contacts(self, cu: &Customer) -> impl Iterator<Item = (usize, &Contact)> {
        cu.contacts
            .iter()
            .enumerate()
            .filter(move |(i, _)| !self.contact(*i))
    }
    /// The customer's addresses its row does not hold, with their index.
    fn other_addresses(self, cu: &Customer) -> impl Iterator<Item = (usize, &CustomerAddress)> {
        cu.addresses
            .iter()
            .enumerate()
            .filter(move |(i, _)| self.address != Some(*i))
    }
}

/// Where a customer is read from: HQ, or a channel database's copy (the `ch_` tables that job
/// 1010 fills, with the same columns).
#[derive(Debug, Clone, Copy)]
pub(crate) enum Side<'a> {
    Hq,
    Channel(&'a str),
}

impl Side<'_> {
    /// HQ's SQL, or the same on the channel tables of one channel database.
    fn sql(self, hq: &str) -> String {
        match self {
            Side::Hq => hq.to_string(),
            Side::Channel(_) => hq
                .replace(" FROM customer", " FROM ch_customer")
                .replace("WHERE account = ?1", "WHERE account = ?1 AND ch_db = ?2"),
        }
    }
    fn args<'b>(self, key: &'b str) -> Vec<&'b str>
    where
        Self: 'b,
    {
        match self {
            Side::Hq => vec![key],
            Side::Channel(cdb) => vec![key, cdb],
        }
    }
}

fn strings(c: &Reader, side: Side, sql: &str, account: &str) -> R<Vec<String>> {
    let args = side.args(account);
    c.conn().texts(&side.sql(sql), &super::sql::args(&args))
}

/// A customer as a channel database holds it, with its lists.
pub(crate) fn channel_customer(c: &Reader, cdb: &str, account: &str) -> Res<Option<Customer>> {
    let side = Side::Channel(cdb);
    let args = side.args(account);
    let found = c.conn().row(
        &side.sql(&format!("{} FROM customers c WHERE account = ?1", *SELECT)),
        &super::sql::args(&args),
        customer_from,
    )?;
    match found {
        Some(head) => Ok(Some(fill_from(c, side, head)?)),
        None => Ok(None),
    }
}

/// Customer search in a channel database (the store working alone): customers of `books`
/// whose account, last or organization name, full name, or an email or phone number starts
/// with `text` (a phone by its digits), in that order of kinds, then by account; a page, and
/// whether more follow.
pub(crate) fn channel_search(
    c: &Reader,
    cdb: &str,
    books: &[String],
    text: &str,
    (limit, offset): (u32, u32),
) -> Res<(Vec<Customer>, bool)> {
    let lower = text.trim().to_lowercase();
    let digits: String = lower.chars().filter(char::is_ascii_digit).collect();
    let phone = if digits.len() >= 3 || (!digits.is_empty() && digits == lower) {
        digits
    } else {
        lower.clone()
    };
    let range = |col: &str, lo: &str, hi: &str| format!("({col} >= {lo} AND {col} < {hi})");
    let marks: Vec<String> = (0..books.len()).map(|i| format!("?{}", i + 6)).collect();
    let sql = format!(
        "SELECT account FROM (
           SELECT c.account AS account,
                  CASE WHEN {account} THEN 0 WHEN {last} THEN 1 WHEN {name} THEN 2
                       WHEN EXISTS (SELECT 1 FROM ch_customer_contacts k
                                     WHERE k.ch_db = c.ch_db AND k.account = c.account
                                       AND ({contact} OR {phone})) THEN 3
                  END AS kind
             FROM ch_customers c
            WHERE c.ch_db = ?1
              AND EXISTS (SELECT 1 FROM ch_customer_address_books b
                           WHERE b.ch_db = c.ch_db AND b.account = c.account
                             AND b.address_book IN ({books}))) AS found
          WHERE kind IS NOT NULL ORDER BY kind, account LIMIT {page} OFFSET {offset}",
        account = range("c.account", "?2", "?3"),
        last = range("c.search_last", "?2", "?3"),
        name = range("c.search_name", "?2", "?3"),
        contact = range("k.search_value", "?2", "?3"),
        phone = range("k.search_value", "?4", "?5"),
        books = marks.join(", "),
        page = u64::from(limit) + 1,
    );
    let hi = format!("{lower}\u{10ffff}");
    let phone_hi = format!("{phone}\u{10ffff}");
    let mut args: Vec<&dyn Arg> = vec![&cdb, &lower, &hi, &phone, &phone_hi];
    for b in books {
        args.push(b);
    }
    let mut accounts = c.conn().texts(&sql, &args)?;
    let more = accounts.len() > limit as usize;
    accounts.truncate(limit as usize);
    let mut found = Vec::new();
    for a in accounts {
        if let Some(cu) = channel_customer(c, cdb, &a)? {
            found.push(cu);
        }
    }
    Ok((found, more))
}

/// Every customer group a channel database holds.
pub(crate) fn channel_groups(c: &Reader, cdb: &str) -> Res<Vec<CustomerGroup>> {
    c.conn().rows(
        &format!(
            "SELECT {GROUP_COLUMNS} FROM ch_customer_groups WHERE ch_db = ?1
             ORDER BY legal_entity, id"
        ),
        &[&cdb],
        group_from,
    )
}

/// A legal entity's customer group as a channel database holds it.
pub(crate) fn channel_group(
    c: &Reader,
    cdb: &str,
    legal_entity: &str,
    id: &str,
) -> Res<Option<CustomerGroup>> {
    c.conn().row(
        &format!(
            "SELECT {GROUP_COLUMNS} FROM ch_customer_groups
             WHERE ch_db = ?1 AND legal_entity = ?2 AND id = ?3"
        ),
        &[&cdb, &legal_entity, &id],
        group_from,
    )
}

fn fill(c: &Reader, head: Head) -> R<Customer> {
    fill_from(c, Side::Hq, head)
}

/// The customer with its lists, read from their tables.
fn fill_from(c: &Reader, side: Side, head: Head) -> R<Customer> {
    let a = head.cu.account.clone();
    let mut cu = head.cu;
    cu.affiliations = strings(
        c,
        side,
        "SELECT name FROM customer_affiliations WHERE account = ?1 ORDER BY name",
        &a,
    )?;
    cu.address_books = strings(
        c,
        side,
        "SELECT address_book FROM customer_address_books WHERE account = ?1 ORDER BY address_book",
        &a,
    )?;
    // The address's columns from its definition: position, purpose, its text fields,
    // is_primary.
    let args = side.args(&a);
    let args = super::sql::args(&args);
    let addresses = c.conn().rows(
        &side.sql(&format!(
            "SELECT {} FROM customer_addresses WHERE account = ?1 ORDER BY position",
            ADDRESS_COLUMNS[1..].join(", ")
        )),
        &args,
        |r| Ok((r.get(0)?, address_from(r, 1, &a, true)?)),
    )?;
    let contacts = c.conn().rows(
        &side.sql(&format!(
            "SELECT position, {CONTACT_COLUMNS} FROM customer_contacts WHERE account = ?1 ORDER BY position"
        )),
        &args,
        |r| Ok((r.get(0)?, contact_from(r, 1, &a)?)),
    )?;
    cu.attributes = c.conn().rows(
        &side.sql(
            "SELECT attribute, value FROM customer_attribute_values WHERE account = ?1 ORDER BY attribute",
        ),
        &args,
        |r| {
            Ok(AttributeValue {
                name: r.get(0)?,
                value: r.get(1)?,
            })
        },
    )?;
    Ok(Head {
        cu,
        contacts: head.contacts,
        address: head.address,
    }
    .with(contacts, addresses))
}

const CONTACT_COLUMNS: &str = "kind, value, is_primary, marketing_opt_in";

/// An address from its columns (`ADDRESS_COLUMNS` from `purpose` on, or the customers row's
/// `address_purpose` and its text fields without `is_primary`), the first at `at`.
fn address_from(r: &Row, at: usize, account: &str, with_primary: bool) -> R<CustomerAddress> {
    let text = CustomerAddress::TEXT;
    let p: String = r.get(at)?;
    let (table, column) = if with_primary {
        ("customer_addresses", "purpose")
    } else {
        ("customers", "address_purpose")
    };
    let mut ad = CustomerAddress {
        purpose: Some(parsed(
            Purpose::parse(&p),
            (table, account, column),
            &p,
            "an address purpose",
        )?),
        primary: with_primary && r.get(at + text.len() + 1)?,
        ..Default::default()
    };
    for (i, f) in text.iter().enumerate() {
        ad.set_text(f.name, r.get(at + i + 1)?);
    }
    Ok(ad)
}

/// A contact from its columns ([`CONTACT_COLUMNS`]), the first at `at`.
fn contact_from(r: &Row, at: usize, account: &str) -> R<Contact> {
    let k: String = r.get(at)?;
    Ok(Contact {
        kind: parsed(
            ContactKind::parse(&k),
            ("customer_contacts", account, "kind"),
            &k,
            "a kind of contact",
        )?,
        value: r.get(at + 1)?,
        primary: r.get(at + 2)?,
        marketing_opt_in: r.get(at + 3)?,
    })
}

/// One of a customer's lists read in account order beside the customers (see [`each`]): the
/// row read ahead, with its account.
struct Beside<'s, T> {
    rows: rusqlite::Rows<'s>,
    ahead: Option<(String, T)>,
    read: fn(&Row) -> R<(String, T)>,
}

impl<'s, T> Beside<'s, T> {
    fn new(st: &'s mut rusqlite::Statement<'_>, read: fn(&Row) -> R<(String, T)>) -> R<Self> {
        let mut rows = st.query([])?;
        let ahead = match rows.next()? {
            Some(r) => Some(read(&Row::Lite(r))?),
            None => None,
        };
        Ok(Beside { rows, ahead, read })
    }

    /// The rows of `account` (and past any before it, which a foreign key forbids).
    fn take(&mut self, account: &str) -> R<Vec<T>> {
        let mut out = Vec::new();
        while let Some((a, _)) = &self.ahead {
            match cmp_nocase(a, account) {
                std::cmp::Ordering::Greater => break,
                order => {
                    let (_, v) = self.ahead.take().expect("looked at above");
                    if order == std::cmp::Ordering::Equal {
                        out.push(v);
                    }
                    self.ahead = match self.rows.next()? {
                        Some(r) => Some((self.read)(&Row::Lite(r))?),
                        None => None,
                    };
                }
            }
        }
        Ok(out)
    }
}

/// Accounts compared as `COLLATE NOCASE` compares them (ASCII letters without case).
fn cmp_nocase(a: &str, b: &str) -> std::cmp::Ordering {
    a.bytes()
        .map(|c| c.to_ascii_lowercase())
        .cmp(b.bytes().map(|c| c.to_ascii_lowercase()))
}

pub(crate) fn customer(c: &Reader, account: &str) -> Res<Option<Customer>> {
    let found = c.conn().row(
        &format!("{} FROM customers c WHERE account = ?1", *SELECT),
        &[&account],
        customer_from,
    )?;
    match found {
        Some(head) => Ok(Some(fill(c, head)?)),
        None => Ok(None),
    }
}

/// Every customer with its lists, in account order (as [`list`] orders them), given to `f`
/// one at a time: what is held does not grow with the customers.
///
/// Each list is read beside the customers, in the same order (every table that holds a
/// customer's rows is keyed by its account first, compared as the customers' is): one pass
/// over each table, not a few lookups a customer.
pub(crate) fn each(c: &Reader, f: impl FnMut(Customer) -> Res<()>) -> Res<()> {
    if c.conn().is_pg() {
        return each_by_pages(c, f);
    }
    each_beside(c, f)
}

/// [`each`] on SQLite: each list read beside the customers, one pass over each table.
fn each_beside(c: &Reader, mut f: impl FnMut(Customer) -> Res<()>) -> Res<()> {
    let sql = c.sql();
    let mut customers = sql.prepare(&format!("{} FROM customers c ORDER BY account", *SELECT))?;
    let mut affiliations =
        sql.prepare("SELECT account, name FROM customer_affiliations ORDER BY account, name")?;
    let mut books = sql.prepare(
        "SELECT account, address_book FROM customer_address_books ORDER BY account, address_book",
    )?;
    let mut addresses = sql.prepare(&format!(
        "SELECT {} FROM customer_addresses ORDER BY account, position",
        ADDRESS_COLUMNS.join(", ")
    ))?;
    let mut contacts = sql.prepare(&format!(
        "SELECT account, position, {CONTACT_COLUMNS} FROM customer_contacts ORDER BY account, position"
    ))?;
    let mut attributes = sql.prepare(
        "SELECT account, attribute, value FROM customer_attribute_values
         ORDER BY account, attribute",
    )?;
    let text = |r: &Row| -> R<(String, String)> { Ok((r.get(0)?, r.get(1)?)) };
    let mut affiliations = Beside::new(&mut affiliations, text)?;
    let mut books = Beside::new(&mut books, text)?;
    let mut addresses = Beside::new(&mut addresses, |r| {
        let a: String = r.get(0)?;
        let ad = address_from(r, 2, &a, true)?;
        Ok((a, (r.get(1)?, ad)))
    })?;
    let mut contacts = Beside::new(&mut contacts, |r| {
        let a: String = r.get(0)?;
        let ct = contact_from(r, 2, &a)?;
        Ok((a, (r.get(1)?, ct)))
    })?;
    let mut attributes = Beside::new(&mut attributes, |r| {
        Ok((
            r.get(0)?,
            AttributeValue {
                name: r.get(1)?,
                value: r.get(2)?,
            },
        ))
    })?;
    let mut rows = customers.query([])?;
    while let Some(r) = rows.next()? {
        let mut head = customer_from(&Row::Lite(r))?;
        let a = head.cu.account.clone();
        head.cu.affiliations = affiliations.take(&a)?;
        head.cu.address_books = books.take(&a)?;
        head.cu.attributes = attributes.take(&a)?;
        let cu = head.with(contacts.take(&a)?, addresses.take(&a)?);
        f(cu)?;
    }
    Ok(())
}

/// [`each`] on a server: the customers a page at a time in account order, each page's lists
/// read for its range of accounts (one statement a table a page, no cursor held open).
fn each_by_pages(c: &Reader, mut f: impl FnMut(Customer) -> Res<()>) -> Res<()> {
    const PAGE: i64 = 1_000;
    let mut after: Option<String> = None;
    loop {
        let heads = c.conn().rows(
            &format!(
                "{} FROM customers c WHERE ?1 IS NULL OR c.account > ?1 ORDER BY c.account LIMIT ?2",
                *SELECT
            ),
            &[&after, &PAGE],
            customer_from,
        )?;
        let (Some(first), Some(last)) = (heads.first(), heads.last()) else {
            return Ok(());
        };
        let range = [first.cu.account.clone(), last.cu.account.clone()];
        after = Some(last.cu.account.clone());
        let within = "WHERE account >= ?1 AND account <= ?2";
        for cu in with_lists(c, heads, within, &super::sql::args(&range))? {
            f(cu)?;
        }
    }
}

/// Customers' own rows with their lists, each list read in one statement for all of them
/// (`within` selects their rows: a range of accounts, or a list), not five a customer: on a
/// server each statement is a round trip.
fn with_lists(c: &Reader, heads: Vec<Head>, within: &str, args: &[&dyn Arg]) -> R<Vec<Customer>> {
    let within = format!("{within} ORDER BY account");
    let mut lists: std::collections::HashMap<String, Customer> = Default::default();
    fn of(lists: &mut std::collections::HashMap<String, Customer>, a: String) -> &mut Customer {
        lists.entry(a.to_lowercase()).or_default()
    }
    for (a, n) in c.conn().rows(
        &format!("SELECT account, name FROM customer_affiliations {within}, name"),
        args,
        |r| Ok((r.get::<String>(0)?, r.get(1)?)),
    )? {
        of(&mut lists, a).affiliations.push(n);
    }
    for (a, b) in c.conn().rows(
        &format!("SELECT account, address_book FROM customer_address_books {within}, address_book"),
        args,
        |r| Ok((r.get::<String>(0)?, r.get(1)?)),
    )? {
        of(&mut lists, a).address_books.push(b);
    }
    for (a, v) in c.conn().rows(
        &format!(
            "SELECT account, attribute, value FROM customer_attribute_values {within}, attribute"
        ),
        args,
        |r| {
            Ok((
                r.get::<String>(0)?,
                AttributeValue {
                    name: r.get(1)?,
                    value: r.get(2)?,
                },
            ))
        },
    )? {
        of(&mut lists, a).attributes.push(v);
    }
    let mut addresses: std::collections::HashMap<String, Vec<(i64, CustomerAddress)>> =
        Default::default();
    for (a, at, ad) in c.conn().rows(
        &format!(
            "SELECT {} FROM customer_addresses {within}, position",
            ADDRESS_COLUMNS.join(", ")
        ),
        args,
        |r| {
            let a: String = r.get(0)?;
            let ad = address_from(r, 2, &a, true)?;
            Ok((a, r.get::<i64>(1)?, ad))
        },
    )? {
        addresses
            .entry(a.to_lowercase())
            .or_default()
            .push((at, ad));
    }
    let mut contacts: std::collections::HashMap<String, Vec<(i64, Contact)>> = Default::default();
    for (a, at, ct) in c.conn().rows(
        &format!(
            "SELECT account, position, {CONTACT_COLUMNS} FROM customer_contacts {within}, position"
        ),
        args,
        |r| {
            let a: String = r.get(0)?;
            let ct = contact_from(r, 2, &a)?;
            Ok((a, r.get::<i64>(1)?, ct))
        },
    )? {
        contacts.entry(a.to_lowercase()).or_default().push((at, ct));
    }
    Ok(heads
        .into_iter()
        .map(|mut head| {
            let key = head.cu.account.to_lowercase();
            if let Some(l) = lists.remove(&key) {
                head.cu.affiliations = l.affiliations;
                head.cu.address_books = l.address_books;
                head.cu.attributes = l.attributes;
            }
            head.with(
                contacts.remove(&key).unwrap_or_default(),
                addresses.remove(&key).unwrap_or_default(),
            )
        })
        .collect())
}

/// A page of customers with their lists (in the order of `heads`): on a server, each list
/// read once for the page ([`with_lists`]); on SQLite a customer at a time (a lookup in the
/// file costs no round trip).
fn page(c: &Reader, heads: Vec<Head>) -> R<Vec<Customer>> {
    if !c.conn().is_pg() || heads.is_empty() {
        return heads.into_iter().map(|h| fill(c, h)).collect();
    }
    let accounts: Vec<String> = heads.iter().map(|h| h.cu.account.clone()).collect();
    let marks: Vec<String> = (1..=accounts.len()).map(|i| format!("?{i}")).collect();
    let within = format!("WHERE account IN ({})", marks.join(", "));
    with_lists(c, heads, &within, &super::sql::args(&accounts))
}

/// How many customers there are (on SQLite kept by triggers: no count of the table).
pub(crate) fn how_many(c: &Reader) -> Res<u64> {
    Ok(c.conn()
        .row(count_sql(c.conn().is_pg()), &[], |r| r.get::<i64>(0))?
        .map_or(0, |n| n.max(0) as u64))
}

/// How the customers are counted: SQLite's triggers keep the count in `row_counts`; a server
/// counts them (no trigger updates one row a customer there: see its schema file).
pub(crate) fn count_sql(pg: bool) -> &'static str {
    if pg {
        "SELECT count(*) FROM customers"
    } else {
        "SELECT n FROM row_counts WHERE table_name = 'customers'"
    }
}

pub(crate) fn exists(c: &Reader, account: &str) -> Res<bool> {
    Ok(c.conn()
        .row(
            "SELECT 1 FROM customers WHERE account = ?1",
            &[&account],
            |_| Ok(()),
        )?
        .is_some())
}

/// Filters for listing customers; all given ones must hold.
#[derive(Debug, Clone, Default)]
pub(crate) struct Filter {
    /// Customers in any of these address books (a store's customer address books).
    pub address_books: Option<Vec<String>>,
    /// A group id, in one legal entity or in any.
    pub group: Option<(String, Option<String>)>,
    pub affiliation: Option<String>,
    /// Attribute filters, all of which must pass.
    pub attributes: Vec<crate::domain::filter::Filter>,
    /// Prefix of the name, email, phone (digits) or account.
    pub search: Option<String>,
    pub limit: u32,
    pub offset: u32,
}

/// Below this many members, an attribute value, address book or affiliation drives a search.
const SMALL_SET: i64 = 5_000;

/// A page of customers by account, with their lists.
///
/// The query is driven by the most selective membership index there is (attribute value,
/// a single address book, or an affiliation): each is keyed (key, account), so its rows come
/// out already in account order and the first page is read without sorting every match. The
/// other filters are point lookups per candidate.
pub(crate) fn list(c: &Reader, f: &Filter) -> Res<Vec<Customer>> {
    Ok(select(c, f, false)?.0)
}

/// How many customers the filter's page would hold (`limit` and `offset` as in [`list`]),
/// counted without reading them: with `offset` past a page and `limit` a cap, how many more
/// there are.
pub(crate) fn count(c: &Reader, f: &Filter) -> Res<usize> {
    Ok(select(c, f, true)?.1)
}

/// [`list`], or with `count_only` [`count`].
fn select(c: &Reader, f: &Filter, count_only: bool) -> Res<(Vec<Customer>, usize)> {
    let pg = c.conn().is_pg();
    let mut args: Vec<Val> = Vec::new();
    let arg = |v: Val, args: &mut Vec<Val>| {
        args.push(v);
        format!("?{}", args.len())
    };
    let text = |s: &str| Val::Text(s.to_string());
    let mut from = String::from("customers c");
    let mut order = "c.account";
    let mut conds: Vec<String> = Vec::new();
    let single_book = f
        .address_books
        .as_ref()
        .filter(|b| b.len() == 1)
        .map(|b| b[0].clone());
    let mut driven_by = "";
    // A search drives its own queries (see [`search`]); every other filter is then a check
    // per candidate.
    // A small membership (under SMALL_SET customers with the attribute value, in the address
    // book, or with the affiliation) still drives a search: sorting its few rows beats checking
    // every name that matches.
    let small = |sql: &str, p: &[&str]| -> R<bool> {
        let n: i64 = c
            .conn()
            .row(
                &format!("SELECT count(*) FROM ({sql} LIMIT {SMALL_SET}) m"),
                &super::sql::args(p),
                |r| r.get(0),
            )?
            .unwrap_or(0);
        Ok(n < SMALL_SET)
    };
    // The first attribute filter asking one value spelled as stored can drive a query from
    // the attribute values' index.
    let driver = f.attributes.iter().position(|a| a.stored_equal().is_some());
    let equal = driver.and_then(|i| {
        let a = &f.attributes[i];
        a.stored_equal()
            .map(|v| (a.attribute.clone(), v.to_string()))
    });
    let searching = f.search.is_some()
        && !(match (&equal, &single_book, &f.affiliation) {
            (Some((n, v)), _, _) => small(
                "SELECT 1 FROM customer_attribute_values WHERE attribute = ?1 AND value = ?2",
                &[n, v],
            )?,
            (None, Some(b), _) => small(
                "SELECT 1 FROM customer_address_books WHERE address_book = ?1",
                &[b],
            )?,
            (None, None, Some(a)) => {
                small("SELECT 1 FROM customer_affiliations WHERE name = ?1", &[a])?
            }
            _ => false,
        });
    if searching {
        // The search ranges drive; see below.
    } else if let Some((n, v)) = &equal {
        let (mn, mv) = (arg(text(n), &mut args), arg(text(v), &mut args));
        from = "customer_attribute_values d JOIN customers c ON c.account = d.account".into();
        conds.push(format!("d.attribute = {mn} AND d.value = {mv}"));
        order = "d.account";
        driven_by = "attribute";
    } else if let Some(b) = &single_book {
        let m = arg(text(b), &mut args);
        from = "customer_address_books d JOIN customers c ON c.account = d.account".into();
        conds.push(format!("d.address_book = {m}"));
        order = "d.account";
        driven_by = "book";
    } else if let Some(a) = &f.affiliation {
        let m = arg(text(a), &mut args);
        from = "customer_affiliations d JOIN customers c ON c.account = d.account".into();
        conds.push(format!("d.name = {m}"));
        order = "d.account";
        driven_by = "affiliation";
    }
    if let Some(books) = &f.address_books
        && driven_by != "book"
    {
        let marks: Vec<String> = books.iter().map(|b| arg(text(b), &mut args)).collect();
        conds.push(format!(
            "EXISTS (SELECT 1 FROM customer_address_books b WHERE b.account = c.account AND b.address_book IN ({}))",
            marks.join(", ")
        ));
    }
    for (i, a) in f.attributes.iter().enumerate() {
        if driven_by == "attribute" && Some(i) == driver {
            continue;
        }
        conds.push(super::filter::exists(a, "c.account", &mut args, pg));
    }
    if let Some(a) = &f.affiliation
        && driven_by != "affiliation"
    {
        let m = arg(text(a), &mut args);
        conds.push(format!("EXISTS (SELECT 1 FROM customer_affiliations a WHERE a.account = c.account AND a.name = {m})"));
    }
    // A group asked for in every legal entity that has it in one: its legal entity too, so
    // that the group's index returns its customers in account order (sorting a large group's
    // customers to show a page took 0.6 s at 1,000,000).
    let only_one = match &f.group {
        Some((g, None)) => match groups_with_id(c, g)?.as_slice() {
            [one] => Some((g.clone(), Some(one.legal_entity.clone()))),
            _ => None,
        },
        _ => None,
    };
    if let Some((g, le)) = only_one.as_ref().or(f.group.as_ref()) {
        let m = arg(text(g), &mut args);
        // Unary + keeps a search on its own index rather than the group's (SQLite's planner;
        // PostgreSQL has no + for text and weighs the indexes by its statistics).
        let plus = if searching && !pg { "+" } else { "" };
        conds.push(format!("{plus}c.group_id = {m}"));
        if let Some(le) = le {
            let m = arg(text(le), &mut args);
            conds.push(format!("{plus}c.legal_entity = {m}"));
        }
    }
    if let Some(s) = &f.search {
        let found = search(c, s, &from, &conds, &args, f)?;
        if count_only {
            return Ok((Vec::new(), found.len()));
        }
        if !c.conn().is_pg() || found.is_empty() {
            let mut out = Vec::new();
            for account in &found {
                if let Some(cu) = customer(c, account)? {
                    out.push(cu);
                }
            }
            return Ok((out, 0));
        }
        // On a server, the page's rows in one statement (in the order found), then its lists.
        let marks: Vec<String> = (1..=found.len()).map(|i| format!("?{i}")).collect();
        let mut heads = c.conn().rows(
            &format!(
                "{} FROM customers c WHERE c.account IN ({})",
                *SELECT,
                marks.join(", ")
            ),
            &super::sql::args(&found),
            customer_from,
        )?;
        let at: std::collections::HashMap<String, usize> = found
            .iter()
            .enumerate()
            .map(|(i, a)| (a.to_lowercase(), i))
            .collect();
        heads.sort_by_key(|h| at.get(&h.cu.account.to_lowercase()).copied());
        return Ok((page(c, heads)?, 0));
    }
    let lim = arg(Val::Int(i64::from(f.limit)), &mut args);
    let off = arg(Val::Int(i64::from(f.offset)), &mut args);
    let filter = if conds.is_empty() {
        String::new()
    } else {
        format!(" WHERE {}", conds.join(" AND "))
    };
    let refs = super::sql::args(&args);
    if count_only {
        let sql = format!(
            "SELECT count(*) FROM (SELECT 1 FROM {from}{filter} LIMIT {lim} OFFSET {off}) m"
        );
        let n: i64 = c.conn().row(&sql, &refs, |r| r.get(0))?.unwrap_or(0);
        return Ok((Vec::new(), n as usize));
    }
    let sql = format!(
        "{} FROM {from}{filter} ORDER BY {order} LIMIT {lim} OFFSET {off}",
        *SELECT
    );
    let heads: Vec<Head> = c.conn().rows(&sql, &refs, customer_from)?;
    Ok((page(c, heads)?, 0))
}

/// `--search`: one query per kind of match, each read in the order of its own index (account;
/// last or organization name; full name; primary email; primary phone; the other contacts), so
/// the first page never sorts every match. Results come in that order of kinds, each customer
/// once; the other filters are checked per candidate.
fn search(
    c: &Reader,
    text: &str,
    from: &str,
    conds: &[String],
    args: &[Val],
    f: &Filter,
) -> R<Vec<String>> {
    let pg = c.conn().is_pg();
    let lower = text.trim().to_lowercase();
    let digits: String = lower.chars().filter(char::is_ascii_digit).collect();
    let n = args.len();
    let (lo, hi) = (format!("?{}", n + 1), format!("?{}", n + 2));
    let mut args = args.to_vec();
    // Each branch's column (its range is the prefix), whether it is the other contacts' (a
    // join), and the text it looks for when not the one typed (a phone's digits).
    let mut branches: Vec<(&str, bool, Option<String>)> = vec![
        ("c.account", false, None),
        ("c.search_last", false, None),
        ("c.search_name", false, None),
        // The primary email and phone are on the customer's row (migration 13).
        ("c.email_search", false, None),
    ];
    let phone_digits = digits.len() >= 3 && digits != lower;
    if phone_digits || (!digits.is_empty() && digits == lower) {
        branches.push(("c.phone_search", false, Some(digits.clone())));
    }
    branches.push(("k.search_value", true, None));
    if phone_digits {
        branches.push(("k.search_value", true, Some(digits)));
    }
    args.push(Val::Text(lower.clone()));
    args.push(Val::Text(format!("{lower}\u{10ffff}")));
    // The driver of the other filters (an attribute, address book or affiliation join) stays;
    // the search range is one more condition on it, read in the branch's key order.
    let need = (f.offset as usize).saturating_add(f.limit as usize);
    let mut seen = std::collections::HashSet::new();
    let mut found: Vec<String> = Vec::new();
    for (column, contacts, value) in branches {
        if found.len() >= need {
            break;
        }
        let range = format!("{column} >= {lo} AND {column} < {hi}");
        let account = if contacts { "k.account" } else { "c.account" };
        let key = if column == "c.account" {
            column.to_string()
        } else {
            format!("{column}, {account}")
        };
        let mut a = args.clone();
        if let Some(v) = &value {
            a[n] = Val::Text(v.clone());
            a[n + 1] = Val::Text(format!("{v}\u{10ffff}"));
        }
        let from = if contacts {
            if from == "customers c" && !pg {
                // CROSS JOIN keeps the contacts index outermost, in its order (SQLite's
                // planner; PostgreSQL has no CROSS JOIN ... ON).
                "customer_contacts k CROSS JOIN customers c ON c.account = k.account".to_string()
            } else {
                format!("{from} JOIN customer_contacts k ON k.account = c.account")
            }
        } else {
            from.to_string()
        };
        let mut all = conds.to_vec();
        all.push(range);
        // When a small membership drives, its rows are sorted by the branch's key.
        // Read a page at a time: enough rows for the page asked for, past those found
        // already (a customer found by an earlier branch, or twice by its contacts, is
        // skipped).
        let refs = super::sql::args(&a);
        let mut skip = 0usize;
        while found.len() < need {
            let page = need.saturating_add(found.len()).clamp(1, i64::MAX as usize);
            let sql = format!(
                "SELECT c.account FROM {from} WHERE {} ORDER BY {key} LIMIT {page} OFFSET {skip}",
                all.join(" AND ")
            );
            let rows = c.conn().texts(&sql, &refs)?;
            let more = rows.len() == page;
            for account in rows {
                if seen.insert(account.to_lowercase()) {
                    found.push(account);
                    if found.len() >= need {
                        break;
                    }
                }
            }
            if !more {
                break;
            }
            skip += page;
        }
    }
    Ok(found.into_iter().skip(f.offset as usize).collect())
}

fn search_name(cu: &Customer) -> String {
    cu.display_name().to_lowercase()
}

fn contact_search(c: &Contact) -> String {
    match c.kind {
        ContactKind::Email => c.value.to_lowercase(),
        ContactKind::Phone => c.value.chars().filter(char::is_ascii_digit).collect(),
    }
}

/// The value of one of [`PRIMARY_COLUMNS`] for a customer whose row holds `held`; `search`
/// holds its primary email's and phone's search keys.
fn primary_value<'a>(
    cu: &'a Customer,
    held: &Held,
    column: &str,
    search: &'a [Option<String>; 2],
) -> ValRef<'a> {
    if let Some(part) = column.strip_prefix("address_") {
        let Some(i) = held.address else {
            return ValRef::Null;
        };
        let ad = &cu.addresses[i];
        return match part {
            "at" => ValRef::Int(i as i64 + 1),
            "purpose" => ValRef::Text(ad.purpose_name()),
            field => ad.text(field).map_or(ValRef::Null, ValRef::Text),
        };
    }
    let (kind, part) = column.split_once('_').unwrap_or((column, ""));
    let (at, key) = if kind == "email" {
        (held.email, &search[0])
    } else {
        (held.phone, &search[1])
    };
    let Some(i) = at else { return ValRef::Null };
    let ct = &cu.contacts[i];
    match part {
        "" => ValRef::Text(&ct.value),
        "search" => key.as_deref().map_or(ValRef::Null, ValRef::Text),
        "opt_in" => ValRef::Int(i64::from(ct.marketing_opt_in)),
        _ => ValRef::Int(i as i64 + 1),
    }
}

/// The statements that write a customer's own row: `INSERT` for a new one, the upsert for one
/// that changed; their columns are [`CUSTOMER_COLUMNS`] and the change version.
static CUSTOMER_SQL: std::sync::LazyLock<(String, String, String, String)> =
    std::sync::LazyLock::new(|| {
        let cols: Vec<&str> = CUSTOMER_COLUMNS
            .iter()
            .copied()
            .chain(["change_version"])
            .collect();
        let marks: Vec<String> = (1..=cols.len()).map(|i| format!("?{i}")).collect();
        let insert = format!(
            "INSERT INTO customers ({}) VALUES ({})",
            cols.join(", "),
            marks.join(", ")
        );
        let updates: Vec<String> = cols[1..]
            .iter()
            .map(|c| format!("{c} = excluded.{c}"))
            .collect();
        let upsert = format!(
            "{insert} ON CONFLICT (account) DO UPDATE SET {}",
            updates.join(", ")
        );
        let new_on_a_server = format!("{insert} ON CONFLICT (account) DO NOTHING");
        let head = format!("INSERT INTO customers ({})", cols.join(", "));
        (insert, upsert, new_on_a_server, head)
    });

/// What [`is_duplicate`] finds behind a save refused because the account is taken, on a
/// server (where a failed statement would end the transaction, the insert does nothing).
#[derive(Debug, thiserror::Error)]
#[error("the account is taken")]
struct AccountTaken;

/// Whether an error is the customers primary key refusing an account already taken.
/// Whether a save failed because the customer's account is taken (the primary key).
pub(crate) fn is_duplicate(e: &crate::error::HqError) -> bool {
    let Some(source) = e.source.as_ref() else {
        return false;
    };
    if source.downcast_ref::<AccountTaken>().is_some() {
        return true;
    }
    let lite = source.downcast_ref::<rusqlite::Error>().is_some_and(|e| {
        matches!(e, rusqlite::Error::SqliteFailure(f, _)
            if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY)
    });
    let pg = source
        .downcast_ref::<postgres::Error>()
        .and_then(postgres::Error::as_db_error)
        .is_some_and(|d| {
            *d.code() == postgres::error::SqlState::UNIQUE_VIOLATION
                && d.constraint() == Some("customers_pkey")
        });
    lite || pg
}

/// The customer tables' secondary indexes, dropped for a bulk load and rebuilt after it in the
/// same transaction ([`recreate_indexes`]): building an index once over sorted keys is several
/// times faster than keeping it up to date row by row.
pub(crate) fn drop_indexes(tx: &WriteTx) -> Res<Vec<String>> {
    if tx.conn().is_pg() {
        // A server keeps its indexes through a load (issue 20 measures what that costs).
        return Ok(Vec::new());
    }
    // The customer-count trigger goes too: the count is raised once at the end.
    let mut st = tx.sql().prepare(
        "SELECT type, name, sql FROM sqlite_schema WHERE sql IS NOT NULL
           AND ((type = 'index'
                 AND tbl_name IN ('customers', 'customer_affiliations', 'customer_address_books',
                                  'customer_addresses', 'customer_contacts',
                                  'customer_attribute_values'))
             OR (type = 'trigger' AND name = 'customers_count_insert'))",
    )?;
    let found: Vec<(String, String, String)> = st
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (kind, name, _) in &found {
        let kind = if kind == "trigger" {
            "TRIGGER"
        } else {
            "INDEX"
        };
        // Names come from sqlite_schema, quoted.
        tx.sql()
            .execute_batch(&format!("DROP {kind} \"{}\"", name.replace('"', "\"\"")))?;
    }
    Ok(found.into_iter().map(|(_, _, sql)| sql).collect())
}

/// Rebuilds what [`drop_indexes`] dropped, and counts the `added` customers.
pub(crate) fn recreate_indexes(tx: &WriteTx, sql: &[String], added: u64) -> Res<()> {
    for s in sql {
        tx.sql().execute_batch(s)?;
    }
    if !sql.is_empty() {
        tx.sql().execute(
            "UPDATE row_counts SET n = n + ?1 WHERE table_name = 'customers'",
            [added as i64],
        )?;
    }
    Ok(())
}

/// Writes a customer. `old` is what is stored (None for a new one): only the lists that
/// changed are rewritten, so unchanged rows keep their change version.
pub(crate) fn save(tx: &WriteTx, old: Option<&Customer>, cu: &Customer) -> Res<()> {
    let v = tx.version();
    let held = Held::of(cu);
    write_row(tx, old.is_none(), cu, &held, v)?;
    let a = &cu.account;
    let sql = tx.conn();
    // Each list is rewritten when it changed (an unchanged one keeps its rows' change version):
    // an import writes most customers with nothing in most lists.
    if old.is_none_or(|o| o.affiliations != cu.affiliations) {
        if old.is_some() {
            sql.exec("DELETE FROM customer_affiliations WHERE account = ?1", &[a])?;
        }
        for n in &cu.affiliations {
            sql.exec(
                "INSERT INTO customer_affiliations (account, name, change_version) VALUES (?1, ?2, ?3)",
                &[a, n, &v],
            )?;
        }
    }
    if old.is_none_or(|o| o.address_books != cu.address_books) {
        if old.is_some() {
            sql.exec(
                "DELETE FROM customer_address_books WHERE account = ?1",
                &[a],
            )?;
        }
        for b in &cu.address_books {
            sql.exec(
                "INSERT INTO customer_address_books (account, address_book, change_version)
                 VALUES (?1, ?2, ?3)",
                &[a, b, &v],
            )?;
        }
    }
    // The lists' own rows: each item but those the customer's row holds.
    let was = old.map(|o| (o, Held::of(o)));
    let addresses = |cu, held: Held| held.other_addresses(cu);
    if was.is_none_or(|(o, h)| !addresses(o, h).eq(addresses(cu, held))) {
        if old.is_some() {
            sql.exec("DELETE FROM customer_addresses WHERE account = ?1", &[a])?;
        }
        for (i, ad) in addresses(cu, held) {
            let mut values: Vec<ValRef> = Vec::with_capacity(ADDRESS_COLUMNS.len() + 1);
            address_values(&mut values, a, i, ad, v);
            let args = super::sql::args(&values);
            sql.exec(&ADDRESS_INSERT, &args)?;
        }
    }
    let contacts = |cu, held: Held| held.other_contacts(cu);
    if was.is_none_or(|(o, h)| !contacts(o, h).eq(contacts(cu, held))) {
        if old.is_some() {
            sql.exec("DELETE FROM customer_contacts WHERE account = ?1", &[a])?;
        }
        for (i, ct) in contacts(cu, held) {
            let search = contact_search(ct);
            let mut values: Vec<ValRef> = Vec::with_capacity(8);
            contact_values(&mut values, a, i, ct, &search, v);
            sql.exec(
                &format!("{CONTACT_INSERT} VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"),
                &super::sql::args(&values),
            )?;
        }
    }
    if old.is_none_or(|o| o.attributes != cu.attributes) {
        if old.is_some() {
            sql.exec(
                "DELETE FROM customer_attribute_values WHERE account = ?1",
                &[a],
            )?;
        }
        for at in &cu.attributes {
            sql.exec(
                "INSERT INTO customer_attribute_values (account, attribute, value, change_version)
                 VALUES (?1, ?2, ?3, ?4)",
                &[a, &at.name, &at.value, &v],
            )?;
        }
    }
    Ok(())
}

/// The statement that writes an address's own row ([`ADDRESS_COLUMNS`] and its change version).
static ADDRESS_INSERT: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    let marks: Vec<String> = (1..=ADDRESS_COLUMNS.len() + 1)
        .map(|i| format!("?{i}"))
        .collect();
    format!("{} VALUES ({})", *ADDRESS_INSERT_HEAD, marks.join(", "))
});

/// [`ADDRESS_INSERT`] up to its values.
static ADDRESS_INSERT_HEAD: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    format!(
        "INSERT INTO customer_addresses ({}, change_version)",
        ADDRESS_COLUMNS.join(", ")
    )
});

/// An address's own row: [`ADDRESS_COLUMNS`] and the change version, appended to `out`.
fn address_values<'a>(
    out: &mut Vec<ValRef<'a>>,
    account: &'a str,
    i: usize,
    ad: &'a CustomerAddress,
    v: i64,
) {
    out.push(ValRef::Text(account));
    out.push(ValRef::Int(i as i64 + 1));
    out.push(ValRef::Text(ad.purpose_name()));
    out.extend(
        CustomerAddress::TEXT
            .iter()
            .map(|f| ad.text(f.name).map_or(ValRef::Null, ValRef::Text)),
    );
    out.push(ValRef::Int(i64::from(ad.primary)));
    out.push(ValRef::Int(v));
}

/// The start of the statement that writes a contact's own row; [`contact_values`] are its
/// values.
const CONTACT_INSERT: &str = "INSERT INTO customer_contacts (account, position, kind, value,
     search_value, is_primary, marketing_opt_in, change_version)";

/// A contact's own row, appended to `out`; `search` is its [`contact_search`] key.
fn contact_values<'a>(
    out: &mut Vec<ValRef<'a>>,
    account: &'a str,
    i: usize,
    ct: &'a Contact,
    search: &'a str,
    v: i64,
) {
    out.extend([
        ValRef::Text(account),
        ValRef::Int(i as i64 + 1),
        ValRef::Text(ct.kind.as_str()),
        ValRef::Text(&ct.value),
        ValRef::Text(search),
        ValRef::Int(i64::from(ct.primary)),
        ValRef::Int(i64::from(ct.marketing_opt_in)),
        ValRef::Int(v),
    ]);
}

/// New customers, many at once (an import): each one's [`save`], in order. A customer whose
/// account is taken ([`is_duplicate`]) has nothing written. SQLite writes them one at a time
/// (a prepared statement there costs nothing per row); a server takes 500 to a statement for
/// the rows and for each list, as each statement is a round trip (an import of 100,000
/// customers: 32 s one at a time).
pub(crate) fn save_new(tx: &WriteTx, customers: &[&Customer]) -> Res<Vec<Res<()>>> {
    if !tx.conn().is_pg() {
        return Ok(customers.iter().map(|cu| save(tx, None, cu)).collect());
    }
    let v = tx.version();
    let helds: Vec<Held> = customers.iter().map(|cu| Held::of(cu)).collect();
    // The customers' own rows; the server returns the accounts it wrote.
    let texts = customers
        .iter()
        .zip(&helds)
        .map(|(cu, held)| RowText::of(cu, held))
        .collect::<Res<Vec<_>>>()?;
    let mut values = Vec::with_capacity(customers.len() * (CUSTOMER_COLUMNS.len() + 1));
    for ((cu, held), t) in customers.iter().zip(&helds).zip(&texts) {
        t.values(&mut values, cu, held, v);
    }
    let mut written: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let returned = insert_many(
        tx,
        &CUSTOMER_SQL.3,
        CUSTOMER_COLUMNS.len() + 1,
        &values,
        " ON CONFLICT (account) DO NOTHING RETURNING account",
    )?;
    for account in &returned {
        *written.entry(account.as_str()).or_default() += 1;
    }
    // The first customer given an account is the one written (a statement writes its rows
    // in order); any other with it, and any the server did not return, was taken.
    let mut taken = Vec::with_capacity(customers.len());
    for cu in customers {
        let left = written.get_mut(cu.account.as_str());
        taken.push(match left {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        });
    }
    // Their lists, a statement a list for each 500 customers or so.
    let kept: Vec<(&Customer, &Held)> = customers
        .iter()
        .zip(&helds)
        .zip(&taken)
        .filter(|(_, t)| !**t)
        .map(|((cu, h), _)| (*cu, h))
        .collect();
    let mut rows: Vec<ValRef> = Vec::new();
    for (cu, _) in &kept {
        for n in &cu.affiliations {
            rows.extend([ValRef::Text(&cu.account), ValRef::Text(n), ValRef::Int(v)]);
        }
    }
    insert_many(
        tx,
        "INSERT INTO customer_affiliations (account, name, change_version)",
        3,
        &rows,
        "",
    )?;
    rows.clear();
    for (cu, _) in &kept {
        for b in &cu.address_books {
            rows.extend([ValRef::Text(&cu.account), ValRef::Text(b), ValRef::Int(v)]);
        }
    }
    insert_many(
        tx,
        "INSERT INTO customer_address_books (account, address_book, change_version)",
        3,
        &rows,
        "",
    )?;
    rows.clear();
    for (cu, held) in &kept {
        for (i, ad) in held.other_addresses(cu) {
            address_values(&mut rows, &cu.account, i, ad, v);
        }
    }
    insert_many(
        tx,
        &ADDRESS_INSERT_HEAD,
        ADDRESS_COLUMNS.len() + 1,
        &rows,
        "",
    )?;
    rows.clear();
    let searches: Vec<Vec<String>> = kept
        .iter()
        .map(|(cu, held)| {
            held.other_contacts(cu)
                .map(|(_, ct)| contact_search(ct))
                .collect()
        })
        .collect();
    for ((cu, held), search) in kept.iter().zip(&searches) {
        for ((i, ct), key) in held.other_contacts(cu).zip(search) {
            contact_values(&mut rows, &cu.account, i, ct, key, v);
        }
    }
    insert_many(tx, CONTACT_INSERT, 8, &rows, "")?;
    rows.clear();
    for (cu, _) in &kept {
        for at in &cu.attributes {
            rows.extend([
                ValRef::Text(&cu.account),
                ValRef::Text(&at.name),
                ValRef::Text(&at.value),
                ValRef::Int(v),
            ]);
        }
    }
    insert_many(
        tx,
        "INSERT INTO customer_attribute_values (account, attribute, value, change_version)",
        4,
        &rows,
        "",
    )?;
    Ok(customers
        .iter()
        .zip(taken)
        .map(|(cu, taken)| {
            if taken {
                Err(account_taken(&cu.account))
            } else {
                Ok(())
            }
        })
        .collect())
}

/// Writes `values`, rows of `width`, through `head VALUES (...), (...) tail`: as many rows
/// to a statement as 500, or as the server's 65,535 parameters allow. What the statements
/// return (`tail` may say `RETURNING` one text column), in order.
fn insert_many(
    tx: &WriteTx,
    head: &str,
    width: usize,
    values: &[ValRef],
    tail: &str,
) -> Res<Vec<String>> {
    let mut out = Vec::new();
    if values.is_empty() || width == 0 {
        return Ok(out);
    }
    let per = (65_535 / width).min(500);
    for chunk in values.chunks(per * width) {
        let rows = chunk.len() / width;
        let mut sql = String::with_capacity(head.len() + tail.len() + rows * width * 7);
        sql.push_str(head);
        sql.push_str(" VALUES ");
        for r in 0..rows {
            sql.push_str(if r == 0 { "(" } else { ", (" });
            for c in 0..width {
                if c > 0 {
                    sql.push_str(", ");
                }
                sql.push('?');
                sql.push_str(&(r * width + c + 1).to_string());
            }
            sql.push(')');
        }
        sql.push_str(tail);
        let args = super::sql::args(chunk);
        if tail.contains("RETURNING") {
            out.extend(tx.conn().rows(&sql, &args, |r| r.get::<String>(0))?);
        } else {
            tx.conn().exec(&sql, &args)?;
        }
    }
    Ok(out)
}

/// The customer's fields that are columns of its row, in order (found once, not per row).
static ROW_FIELDS: std::sync::LazyLock<Vec<&'static crate::domain::model::Field>> =
    std::sync::LazyLock::new(<Customer as crate::domain::record::Record>::columns);

/// Writes a customer's own row ([`CUSTOMER_COLUMNS`]): `INSERT` for a new one (the primary key
/// refuses an account already taken, see [`is_duplicate`], and no statement journal is needed
/// as for an upsert), the upsert otherwise.
fn write_row(tx: &WriteTx, new: bool, cu: &Customer, held: &Held, v: i64) -> Res<()> {
    let pg = tx.conn().is_pg();
    let sql = match (new, pg) {
        (true, false) => &CUSTOMER_SQL.0,
        (true, true) => &CUSTOMER_SQL.2,
        (false, _) => &CUSTOMER_SQL.1,
    };
    let text = RowText::of(cu, held)?;
    let mut values: Vec<ValRef> = Vec::with_capacity(CUSTOMER_COLUMNS.len() + 1);
    text.values(&mut values, cu, held, v);
    let args = super::sql::args(&values);
    if tx.conn().exec(sql, &args)? == 0 && new {
        return Err(account_taken(&cu.account));
    }
    Ok(())
}

/// A new customer's save refused on a server, where the insert did nothing for an account
/// already taken ([`is_duplicate`] finds it).
fn account_taken(account: &str) -> crate::error::HqError {
    crate::error::HqError::from(crate::domain::refuse::exists(
        "customer", "customer", account,
    ))
    .with_source(AccountTaken)
}

/// What a customer's own row is written from besides the customer: its fields' text
/// (borrowed, not copied: this runs for every row of an import) and the keys made for it.
struct RowText<'a> {
    texts: Vec<Option<std::borrow::Cow<'a, str>>>,
    extra: Vec<String>,
    search: [Option<String>; 2],
}

impl<'a> RowText<'a> {
    fn of(cu: &'a Customer, held: &Held) -> Res<Self> {
        use crate::domain::record::Record;
        let texts = ROW_FIELDS.iter().map(|f| cu.text_of(f.name)).collect();
        let mut extra: Vec<String> = Vec::with_capacity(CUSTOMER_EXTRA_COLUMNS.len());
        for column in CUSTOMER_EXTRA_COLUMNS {
            extra.push(match column {
                "search_name" => search_name(cu),
                "search_last" => cu
                    .last_name
                    .as_deref()
                    .or(cu.organization_name.as_deref())
                    .unwrap_or("")
                    .to_lowercase(),
                _ => to_json(&cu.financial_dimensions)?,
            });
        }
        let search = [held.email, held.phone].map(|at| at.map(|i| contact_search(&cu.contacts[i])));
        Ok(RowText {
            texts,
            extra,
            search,
        })
    }

    /// The row's values ([`CUSTOMER_COLUMNS`] and the change version), appended to `out`.
    fn values(&'a self, out: &mut Vec<ValRef<'a>>, cu: &'a Customer, held: &Held, v: i64) {
        out.extend(
            self.texts
                .iter()
                .map(|t| t.as_deref().map_or(ValRef::Null, ValRef::Text)),
        );
        out.extend(self.extra.iter().map(|t| ValRef::Text(t)));
        for column in PRIMARY_COLUMNS {
            out.push(primary_value(cu, held, column, &self.search));
        }
        out.push(ValRef::Int(v));
    }
}

/// Removes one customer and everything that is its: [`stage_removal`] of one account, then
/// [`delete_staged`].
pub(crate) fn delete(tx: &WriteTx, account: &str) -> Res<()> {
    stage_removal(tx)?;
    stage_accounts(tx, std::iter::once(Ok(account.to_string())))?;
    delete_staged(tx)?;
    Ok(())
}

// ---- removal of many customers, a statement a table ----
//
// The accounts to remove are staged in a temporary table (`temp.hq_removal`, the
// connection's own, gone with it), so that checking and removing 200,000 customers is a few
// statements over an index rather than a few statements a customer.

/// The tables that hold a customer's rows besides its own, each keyed by `account` first:
/// they go with it. The first five are its lists (distributed by 1010); the rest its
/// clienteling: client book membership, activities, notes, measure values.
const CUSTOMER_CHILD_TABLES: [&str; 9] = [
    "customer_affiliations",
    "customer_address_books",
    "customer_addresses",
    "customer_contacts",
    "customer_attribute_values",
    "client_book_customers",
    "customer_activities",
    "customer_notes",
    "customer_measures",
];

/// Starts a removal: an empty `hq_removal` (and `hq_removal_given`), tables of the
/// connection's own (SQLite's `temp` schema, PostgreSQL's `pg_temp`), found before any other
/// of the name.
pub(crate) fn stage_removal(tx: &WriteTx) -> Res<()> {
    let key = if tx.conn().is_pg() {
        "account citext PRIMARY KEY"
    } else {
        "account TEXT PRIMARY KEY COLLATE NOCASE"
    };
    let rowid = if tx.conn().is_pg() {
        ""
    } else {
        " WITHOUT ROWID"
    };
    tx.conn().batch(&format!(
        "CREATE TEMP TABLE IF NOT EXISTS hq_removal_given ({key}){rowid};
         CREATE TEMP TABLE IF NOT EXISTS hq_removal ({key}){rowid};
         DELETE FROM hq_removal_given;
         DELETE FROM hq_removal;"
    ))?;
    Ok(())
}

/// Stages accounts as given (any case, repeats once): those that are customers are staged
/// for removal under their own spelling; the others are [`staged_unknown`].
pub(crate) fn stage_accounts(tx: &WriteTx, accounts: impl Iterator<Item = Res<String>>) -> Res<()> {
    for a in accounts {
        tx.conn().exec(
            "INSERT INTO hq_removal_given (account) VALUES (?1) ON CONFLICT DO NOTHING",
            &[&a?],
        )?;
    }
    // `WHERE TRUE` tells SQLite's parser that `ON CONFLICT` is not the join's.
    tx.conn().exec(
        "INSERT INTO hq_removal (account)
         SELECT c.account FROM hq_removal_given g JOIN customers c ON c.account = g.account
         WHERE TRUE ON CONFLICT DO NOTHING",
        &[],
    )?;
    Ok(())
}

/// Stages every customer of a legal entity's group.
pub(crate) fn stage_group(tx: &WriteTx, legal_entity: &str, id: &str) -> Res<()> {
    tx.conn().exec(
        "INSERT INTO hq_removal (account)
         SELECT account FROM customers WHERE group_id = ?1 AND legal_entity = ?2
         ON CONFLICT DO NOTHING",
        &[&id, &legal_entity],
    )?;
    Ok(())
}

/// A count of rows.
fn count_of(c: &Reader, sql: &str, args: &[&dyn Arg]) -> Res<u64> {
    Ok(c.conn()
        .row(sql, args, |r| r.get::<i64>(0))?
        .map_or(0, |n| n.max(0) as u64))
}

/// Up to `limit` of the accounts given to [`stage_accounts`] that are no customer's, and how
/// many there are.
pub(crate) fn staged_unknown(c: &Reader, limit: u32) -> Res<(Vec<String>, u64)> {
    let from = "FROM hq_removal_given g
                WHERE NOT EXISTS (SELECT 1 FROM customers c WHERE c.account = g.account)";
    let n = count_of(c, &format!("SELECT count(*) {from}"), &[])?;
    let some = c.conn().texts(
        &format!("SELECT g.account {from} ORDER BY g.account LIMIT ?1"),
        &[&limit],
    )?;
    Ok((some, n))
}

/// The staged accounts in order, all or the first `limit`.
pub(crate) fn staged(c: &Reader, limit: Option<u32>) -> Res<Vec<String>> {
    match limit {
        Some(n) => c.conn().texts(
            "SELECT account FROM hq_removal ORDER BY account LIMIT ?1",
            &[&n],
        ),
        None => c
            .conn()
            .texts("SELECT account FROM hq_removal ORDER BY account", &[]),
    }
}

/// The staged customers as the audit log's removals name them (`entity`, `key`): a query for
/// [`crate::db::audit::insert_removals`].
pub(crate) const STAGED_FOR_AUDIT: &str =
    "SELECT 'customer' AS entity, account AS key FROM hq_removal";

/// Stores whose default customer is staged: (store, account).
pub(crate) fn staged_defaults(c: &Reader) -> Res<Vec<(String, String)>> {
    c.conn().rows(
        "SELECT s.number, s.default_customer FROM stores s
         JOIN hq_removal r ON r.account = s.default_customer ORDER BY s.number",
        &[],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

/// What a removal of the staged customers takes with it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub(crate) struct RemovalCounts {
    pub customers: u64,
    pub client_book_memberships: u64,
    pub activities: u64,
    pub notes: u64,
    pub measure_values: u64,
}

pub(crate) fn staged_counts(c: &Reader) -> Res<RemovalCounts> {
    let count = |table: &str| -> Res<u64> {
        // Table names come from this function, never from input.
        count_of(
            c,
            &format!(
                "SELECT count(*) FROM {table} WHERE account IN (SELECT account FROM hq_removal)"
            ),
            &[],
        )
    };
    Ok(RemovalCounts {
        customers: count_of(c, "SELECT count(*) FROM hq_removal", &[])?,
        client_book_memberships: count("client_book_customers")?,
        activities: count("customer_activities")?,
        notes: count("customer_notes")?,
        measure_values: count("customer_measures")?,
    })
}

/// Removes the staged customers and every row that is theirs (each removal leaves its
/// tombstone for distribution, by the tables' triggers); returns how many customers.
pub(crate) fn delete_staged(tx: &WriteTx) -> Res<u64> {
    for t in CUSTOMER_CHILD_TABLES {
        // Table names come from the list above, never from input.
        tx.conn().exec(
            &format!("DELETE FROM {t} WHERE account IN (SELECT account FROM hq_removal)"),
            &[],
        )?;
    }
    tx.conn().exec(
        "DELETE FROM customers WHERE account IN (SELECT account FROM hq_removal)",
        &[],
    )
}

/// The stores whose default customer this is.
pub(crate) fn stores_defaulting_to(c: &Reader, account: &str) -> Res<Vec<String>> {
    c.conn().texts(
        "SELECT number FROM stores WHERE default_customer = ?1 ORDER BY number",
        &[&account],
    )
}

/// How many customers hold more than one email or more than one phone number: a contact of
/// their own table besides the primary of its kind on their row, or two there.
pub(crate) fn customers_with_several_contacts(c: &Reader) -> Res<i64> {
    Ok(c.conn()
        .row(
            "SELECT count(DISTINCT k.account) FROM customer_contacts k
             JOIN customers c ON c.account = k.account
             WHERE (k.kind = 'email' AND c.email IS NOT NULL)
                OR (k.kind = 'phone' AND c.phone IS NOT NULL)
                OR (SELECT count(*) FROM customer_contacts o
                    WHERE o.account = k.account AND o.kind = k.kind) > 1",
            &[],
            |r| r.get(0),
        )?
        .unwrap_or(0))
}

/// Customers in an address book (to refuse its removal), up to `limit`.
pub(crate) fn customers_in_address_book(c: &Reader, book: &str, limit: u32) -> Res<Vec<String>> {
    c.conn().texts(
        "SELECT account FROM customer_address_books WHERE address_book = ?1 ORDER BY account LIMIT ?2",
        &[&book, &limit],
    )
}

// ---- async customers pending in a channel database ----

/// A customer created asynchronously at a store, waiting in its channel database.
#[derive(Debug, Clone, serde::Serialize)]
pub(crate) struct Pending {
    pub id: String,
    pub channel_database: String,
    pub store: String,
    pub created_at: String,
    pub status: String,
    pub account: Option<String>,
    pub synced_at: Option<String>,
    pub customer: Customer,
}

/// The columns [`pending_from`] reads, in its order.
const PENDING_COLUMNS: &str = "id, channel_db, store, created_at, status, account, synced_at, data";

fn pending_from(r: &Row) -> R<Pending> {
    let id: String = r.get(0)?;
    let data: String = r.get(7)?;
    let bad = |e: serde_json::Error| {
        super::error::unreadable(
            "channel_pending_customers",
            &id,
            "data",
            &data,
            &e.to_string(),
        )
    };
    // The customer as its JSON has it; its store and status are kept by hq, not read as the
    // environment file's keys.
    let mut json: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(&data).map_err(bad)?;
    let kept = |json: &mut serde_json::Map<String, serde_json::Value>, k: &str| {
        json.remove(k).and_then(|v| v.as_str().map(str::to_string))
    };
    let (store, status) = (kept(&mut json, "store"), kept(&mut json, "status"));
    let mut customer: Customer = serde_json::from_value(json.into()).map_err(bad)?;
    customer.store = store;
    customer.status = status.unwrap_or_default();
    Ok(Pending {
        channel_database: r.get(1)?,
        store: r.get(2)?,
        created_at: r.get(3)?,
        status: r.get(4)?,
        account: r.get(5)?,
        synced_at: r.get(6)?,
        customer,
        id,
    })
}

pub(crate) fn insert_pending(tx: &WriteTx, p: &Pending) -> Res<()> {
    insert_pending_on(tx.conn(), p)
}

/// [`insert_pending`] through `conn` (a channel database file's, in its own transaction).
pub(crate) fn insert_pending_on(conn: &super::sql::Conn, p: &Pending) -> Res<()> {
    let data = to_json(&p.customer)?;
    conn.exec(
        "INSERT INTO channel_pending_customers (id, channel_db, store, created_at, status, data)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        &[
            &p.id,
            &p.channel_database,
            &p.store,
            &p.created_at,
            &p.status,
            &data,
        ],
    )?;
    Ok(())
}

/// Pending customers (status pending-sync), oldest first (then as created: SQLite's rowid, a
/// server's temporary id).
pub(crate) fn pending(c: &Reader) -> Res<Vec<Pending>> {
    let then = if c.conn().is_pg() { "id" } else { "rowid" };
    c.conn().rows(
        &format!(
            "SELECT {PENDING_COLUMNS} FROM channel_pending_customers
             WHERE status = 'pending-sync' ORDER BY created_at, {then}"
        ),
        &[],
        pending_from,
    )
}

pub(crate) fn pending_by_id(c: &Reader, id: &str) -> Res<Option<Pending>> {
    c.conn().row(
        &format!("SELECT {PENDING_COLUMNS} FROM channel_pending_customers WHERE id = ?1"),
        &[&id],
        pending_from,
    )
}

/// Writes an async customer's changed values (edited at its store before it syncs).
pub(crate) fn update_pending(tx: &WriteTx, id: &str, customer: &Customer) -> Res<()> {
    update_pending_on(tx.conn(), id, customer)
}

/// [`update_pending`] through `conn` (a channel database file's, in its own transaction).
pub(crate) fn update_pending_on(conn: &super::sql::Conn, id: &str, customer: &Customer) -> Res<()> {
    let data = to_json(customer)?;
    conn.exec(
        "UPDATE channel_pending_customers SET data = ?2 WHERE id = ?1",
        &[&id, &data],
    )?;
    Ok(())
}

pub(crate) fn mark_synced(tx: &WriteTx, id: &str, account: &str, at: &str) -> Res<()> {
    mark_synced_on(tx.conn(), id, account, at)
}

/// [`mark_synced`] through `conn` (a channel database file's, in its own transaction).
pub(crate) fn mark_synced_on(
    conn: &super::sql::Conn,
    id: &str,
    account: &str,
    at: &str,
) -> Res<()> {
    conn.exec(
        "UPDATE channel_pending_customers SET status = 'synced', account = ?2, synced_at = ?3 WHERE id = ?1",
        &[&id, &account, &at],
    )?;
    Ok(())
}
