//! An environment file's customers, read apart from the rest of it.
//!
//! A file with a million customers is hundreds of megabytes of TOML: parsed whole, it would
//! be held several times over. So [`read`] goes through the file once, a line at a time: what
//! is not a customer is kept (and parsed as one document, a customer's lines left blank so
//! that lines and columns stay the file's), and each `[[customers]]` table is parsed on its
//! own, checked, and remembered by its account and where it is in the file. As it is checked,
//! each customer is written as JSON to an anonymous temporary file: [`Customers`] gives them
//! back in account order from there (reading JSON is several times cheaper than parsing the
//! TOML again: a plan of 200,000 customers spent over half its time parsing each twice), and
//! what was checked is what is used, whatever happens to the file meanwhile. What is held in
//! memory grows by a few dozen bytes a customer.

use std::collections::BTreeMap;
use std::io::{BufRead, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc::SyncSender;

use super::Source;
use crate::domain::envfile::{Customer, EnvFile, needs_legal_entity_country, normalize_customer};
use crate::domain::record::Flat;
use crate::error::{ErrorKind, HqError, Result};

/// The customers of an environment file, by account.
pub(crate) struct Customers {
    name: String,
    path: PathBuf,
    /// Where each customer is, by key; made when first needed for a file whose customer tables
    /// come in key order (as `export` writes them), which `iter` reads back in sequence.
    index: std::cell::OnceCell<Index>,
    /// The file's customer tables came in strictly increasing key order (and none inline):
    /// the checked file holds them in key order.
    in_order: bool,
    /// Customers written inline (`customers = [...]`), parsed with the rest of the file.
    inline: Vec<Customer>,
    /// Each legal entity's country in the file, for what a customer's address leaves out.
    le_country: BTreeMap<String, String>,
    /// Each customer table as checked, as JSON (the environment file's shape), one after the
    /// other; an anonymous file, gone when it is closed.
    checked: std::fs::File,
    /// Where [`get`](Customers::get) in key order has read the checked file to.
    ahead: std::cell::RefCell<Ahead>,
}

/// How far the checked file has been read by asking for customers in key order: the next
/// record at `pos` (what of it is read already in `buf` from `start`), every key before it up
/// to `last`.
#[derive(Default)]
struct Ahead {
    pos: u64,
    buf: Vec<u8>,
    start: usize,
    last: Option<String>,
}

/// The customers by key.
struct Index {
    /// In key order (the account in ASCII lower case, as the data file orders accounts).
    entries: Vec<Entry>,
    /// Every key, one after the other: an entry names its key by where it is in here (a
    /// string of its own would cost its allocation, twice the key).
    keys: String,
}

impl Index {
    fn key_of(&self, e: &Entry) -> &str {
        &self.keys[e.key_at as usize..e.key_at as usize + e.key_len as usize]
    }
}

/// Each record of the checked file: a header (the table's offset and length in the file, its
/// first line, the JSON's length, the key's length, whether the customer is normalized
/// already), the key, the customer as JSON.
const RECORD_HEAD: usize = 8 + 4 + 4 + 4 + 2 + 1;

/// Reads the records of the checked file up to `end` into entries (in the file's order).
fn scan_checked(file: &std::fs::File, end: u64) -> std::io::Result<Index> {
    let mut reader = At0 {
        file,
        pos: 0,
        buf: Vec::new(),
        start: 0,
    };
    let (mut entries, mut keys) = (Vec::new(), String::new());
    while reader.pos < end {
        let mut head = [0u8; RECORD_HEAD];
        reader.read_exact(&mut head)?;
        let (offset, len, line, json_len, key_len, normalized) = record_head(&head);
        let mut key = vec![0u8; key_len as usize];
        reader.read_exact(&mut key)?;
        let json_at = reader.pos;
        reader.skip(u64::from(json_len))?;
        let key = String::from_utf8(key).map_err(std::io::Error::other)?;
        let (key_at, key_len) = (keys.len() as u32, key.len() as u16);
        keys.push_str(&key);
        entries.push(Entry {
            offset,
            json_at,
            len,
            json_len,
            line,
            key_at,
            key_len,
            normalized,
        });
    }
    Ok(Index { entries, keys })
}

fn record_head(h: &[u8; RECORD_HEAD]) -> (u64, u32, u32, u32, u16, bool) {
    let u32_at = |i: usize| u32::from_le_bytes(h[i..i + 4].try_into().expect("4 bytes"));
    (
        u64::from_le_bytes(h[0..8].try_into().expect("8 bytes")),
        u32_at(8),
        u32_at(12),
        u32_at(16),
        u16::from_le_bytes(h[20..22].try_into().expect("2 bytes")),
        h[22] == 1,
    )
}

/// A buffered reader of a file by position (`pread`), so that it shares no file offset with
/// anyone (the checked file is written through another handle while it is scanned).
struct At0<'f> {
    file: &'f std::fs::File,
    /// Where the next byte read comes from.
    pos: u64,
    buf: Vec<u8>,
    /// How much of `buf` is read already.
    start: usize,
}

impl At0<'_> {
    fn fill(&mut self) -> std::io::Result<()> {
        if self.start < self.buf.len() {
            return Ok(());
        }
        self.buf.resize(1 << 16, 0);
        let n = read_at(self.file, &mut self.buf, self.pos)?;
        self.buf.truncate(n);
        self.start = 0;
        if n == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        Ok(())
    }
    fn read_exact(&mut self, out: &mut [u8]) -> std::io::Result<()> {
        let mut done = 0;
        while done < out.len() {
            self.fill()?;
            let n = (out.len() - done).min(self.buf.len() - self.start);
            out[done..done + n].copy_from_slice(&self.buf[self.start..self.start + n]);
            self.start += n;
            self.pos += n as u64;
            done += n;
        }
        Ok(())
    }
    fn skip(&mut self, mut n: u64) -> std::io::Result<()> {
        let here = ((self.buf.len() - self.start) as u64).min(n);
        self.start += here as usize;
        self.pos += here;
        n -= here;
        if n > 0 {
            self.pos += n;
            self.buf.clear();
            self.start = 0;
        }
        Ok(())
    }
}

/// Where a customer is, in 40 bytes: its `[[customers]]` table from `offset`, `len` bytes,
/// starting at line `line`, and its JSON in the checked file from `json_at`, `json_len` bytes;
/// or, with `len` [`INLINE`], the `offset`-th inline customer. `normalized`: its JSON is of
/// the customer normalized already.
struct Entry {
    offset: u64,
    json_at: u64,
    len: u32,
    json_len: u32,
    line: u32,
    key_at: u32,
    key_len: u16,
    normalized: bool,
}

const INLINE: u32 = u32::MAX;

enum At {
    Inline(usize),
    Table { offset: u64, len: u32, line: u32 },
}

impl Entry {
    fn at(&self) -> At {
        if self.len == INLINE {
            At::Inline(self.offset as usize)
        } else {
            At::Table {
                offset: self.offset,
                len: self.len,
                line: self.line,
            }
        }
    }
}

/// How a customer's account is ordered and matched: without regard to ASCII case, as the data
/// file's `COLLATE NOCASE` orders and compares accounts.
pub(crate) fn key(account: &str) -> String {
    account.to_ascii_lowercase()
}

/// Reads an environment file: everything but its customers parsed as one document (its
/// `customers` left empty), the text of that part to place errors, and its customers indexed.
/// Every customer is parsed and checked here, so an invalid one is found before anything is
/// done; two with the same account are refused.
///
/// The file is read a line at a time on this thread; each `[[customers]]` table is parsed and
/// checked on one of a few checking threads (a batch of tables at a time), and written to the
/// checked file by another in the file's order, so what is found and refused is what reading
/// the file in order would find first.
pub(crate) fn read(path: &Path) -> Result<(EnvFile, Source, Customers)> {
    let name = path.display().to_string();
    let cannot = |e: std::io::Error| {
        HqError::new(ErrorKind::Io, format!("cannot read {name}: {e}"))
            .hinted("check the path and that you may read the file")
    };
    let file = std::fs::File::open(path).map_err(cannot)?;
    let reader = std::io::BufReader::with_capacity(1 << 16, file);
    let checked = tempfile::tempfile().map_err(|e| cannot_keep(&name, e))?;
    let workers = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .clamp(1, 4);
    // A thread the system refuses is an I/O fault (exit 74), never a panic.
    let no_thread = |e: std::io::Error| {
        HqError::new(
            ErrorKind::Io,
            format!("cannot start a thread to check {name}'s customers: {e}"),
        )
        .hinted("the system refused a new thread; check its limits (ulimit -u) and run the command again")
    };
    let nothing = || Scanned {
        rest: String::new(),
        runs: Vec::new(),
    };
    let (scanned, spill) = std::thread::scope(|scope| {
        let (jobs, to_check) = std::sync::mpsc::sync_channel::<(u64, Tables)>(workers * 2);
        // Shared by the checking threads only: once they have all stopped, sending fails.
        let to_check = std::sync::Arc::new(std::sync::Mutex::new(to_check));
        let (done, checked_batches) = std::sync::mpsc::channel::<(u64, CheckedBatch)>();
        let mut started = 0;
        let mut refused = None;
        for _ in 0..workers {
            let (to_check, done, name) = (to_check.clone(), done.clone(), &name);
            let spawned = std::thread::Builder::new().spawn_scoped(scope, move || {
                loop {
                    let Ok(Ok((seq, tables))) = to_check.lock().map(|r| r.recv()) else {
                        break;
                    };
                    if done.send((seq, check_batch(name, &tables))).is_err() {
                        break;
                    }
                }
            });
            match spawned {
                Ok(_) => started += 1,
                Err(e) => {
                    refused = Some(e);
                    break;
                }
            }
        }
        drop((to_check, done));
        if started == 0 {
            let e = refused.unwrap_or_else(|| std::io::Error::other("no thread"));
            return (Ok(nothing()), Err(no_thread(e)));
        }
        let name = &name;
        let collector =
            std::thread::Builder::new().spawn_scoped(scope, move || -> Result<Spill> {
                let mut spill = Spill::new(name, checked);
                let (mut waiting, mut next) = (BTreeMap::new(), 0u64);
                for (seq, batch) in checked_batches {
                    waiting.insert(seq, batch);
                    while let Some(batch) = waiting.remove(&next) {
                        next += 1;
                        let CheckedBatch { keys, json, items } = batch;
                        for c in items {
                            spill.put(&c?, &keys, &json)?;
                        }
                    }
                }
                Ok(spill)
            });
        let collector = match collector {
            Ok(c) => c,
            // The checking threads stop when `jobs` goes.
            Err(e) => return (Ok(nothing()), Err(no_thread(e))),
        };
        let scanned = scan(name, reader, jobs);
        let spill = collector.join().unwrap_or_else(|_| {
            Err(HqError::internal(anyhow::anyhow!(
                "a checking thread stopped"
            )))
        });
        (scanned, spill)
    });
    // A customer refused comes before whatever stopped the reading (it is earlier in the file).
    let spill = spill?;
    let Scanned { rest, runs } = scanned?;
    let lines = super::Lines(runs);
    let mut file: EnvFile = super::parse_mapped(&name, &rest, &|l| lines.file_line(l))?;
    let source = Source::of_part(name.clone(), rest, lines);
    let inline = std::mem::take(&mut file.customers);
    if !inline.is_empty() && spill.spilled > 0 {
        let place = source.place("customers", None, None, None);
        return Err(crate::domain::refuse::customers_written_twice(&place).into());
    }
    let Spill {
        checked,
        in_order,
        mut entries,
        mut keys,
        ..
    } = spill;
    for (i, c) in inline.iter().enumerate() {
        let (key_at, key_len) = push_key(&mut keys, &c.account);
        entries.push(Entry {
            offset: i as u64,
            json_at: 0,
            len: INLINE,
            json_len: 0,
            line: 0,
            key_at,
            key_len,
            normalized: false,
        });
    }
    let checked = checked
        .into_inner()
        .map_err(|e| cannot_keep(&name, e.into_error()))?;
    let in_order = in_order && inline.is_empty();
    let index = std::cell::OnceCell::new();
    let mut twice = None;
    if !in_order {
        let key_of = |e: &Entry| &keys[e.key_at as usize..e.key_at as usize + e.key_len as usize];
        // By key, and the same key by its place in the file (the second is the one refused).
        entries.sort_unstable_by(|a, b| key_of(a).cmp(key_of(b)).then(a.offset.cmp(&b.offset)));
        twice = entries
            .windows(2)
            .position(|w| key_of(&w[0]) == key_of(&w[1]))
            .map(|i| i + 1);
        entries.shrink_to_fit();
        keys.shrink_to_fit();
        let _ = index.set(Index { entries, keys });
    }
    let customers = Customers {
        name,
        path: path.to_path_buf(),
        index,
        in_order,
        inline,
        le_country: file.legal_entity_countries(),
        checked,
        ahead: std::cell::RefCell::default(),
    };
    if let Some(twice) = twice.and_then(|i| customers.index.get()?.entries.get(i)) {
        let account = customers.get_at(twice)?.account;
        let place = customers.place(twice, Some("account"), &source);
        return Err(crate::domain::refuse::declared_twice(&place, "customers", &account).into());
    }
    Ok((file, source, customers))
}

fn cannot_keep(name: &str, e: std::io::Error) -> HqError {
    HqError::new(
        ErrorKind::Io,
        format!("cannot keep {name}'s customers in a temporary file: {e}"),
    )
    .hinted(
        "check that the temporary folder (TMPDIR, else /tmp) exists, may be written and has space",
    )
}

/// `[[customers]]` tables as read, a batch at a time: their text one after the other (one
/// allocation a batch: what one thread allocates and another frees takes the allocator's lock),
/// and where each starts in the file (offset and line) and in that text.
#[derive(Default)]
struct Tables {
    text: String,
    tables: Vec<TableAt>,
}

struct TableAt {
    at: u64,
    line: u32,
    text: std::ops::Range<usize>,
}

/// A batch of tables checked: their keys and their JSON one after the other, and each one's
/// parts (up to the first refused, the last).
#[derive(Default)]
struct CheckedBatch {
    keys: String,
    json: Vec<u8>,
    items: Vec<Result<Checked>>,
}

/// A customer table parsed and checked: where it was, its length, its key and its JSON (in
/// its batch's), and whether that is of the customer normalized already.
struct Checked {
    at: u64,
    line: u32,
    len: u32,
    key: std::ops::Range<usize>,
    json: std::ops::Range<usize>,
    normalized: bool,
}

/// How many customer tables a checking thread is given at a time.
const BATCH: usize = 64;

fn check_batch(name: &str, tables: &Tables) -> CheckedBatch {
    let mut out = CheckedBatch {
        keys: String::with_capacity(tables.tables.len() * 16),
        json: Vec::with_capacity(tables.text.len()),
        items: Vec::with_capacity(tables.tables.len()),
    };
    for t in &tables.tables {
        let c = check_table(name, &tables.text[t.text.clone()], t, &mut out);
        let bad = c.is_err();
        out.items.push(c);
        if bad {
            break;
        }
    }
    out
}

fn check_table(name: &str, text: &str, t: &TableAt, out: &mut CheckedBatch) -> Result<Checked> {
    let mut cu = parse_customer(name, text, t.line)?;
    // Normalized here, on a checking thread, unless it needs what the rest of the file says.
    let normalized = !needs_legal_entity_country(&cu);
    if normalized {
        normalize_customer(&mut cu, &BTreeMap::new());
    }
    let k = key(&cu.account);
    let mut end = k.len().min(u16::MAX as usize);
    while !k.is_char_boundary(end) {
        end -= 1;
    }
    let key_at = out.keys.len();
    out.keys.push_str(&k[..end]);
    let json_at = out.json.len();
    if !write_json(&cu, &mut out.json) {
        out.json.truncate(json_at);
        serde_json::to_writer(&mut out.json, &Flat(&cu)).map_err(|e| {
            HqError::internal(anyhow::anyhow!("{name}:{}: customer as JSON: {e}", t.line))
        })?;
    }
    #[cfg(debug_assertions)]
    {
        let by_serde = serde_json::to_vec(&Flat(&cu)).expect("a customer serializes");
        assert_eq!(
            String::from_utf8_lossy(&out.json[json_at..]),
            String::from_utf8_lossy(&by_serde),
            "{name}:{}: the customer's JSON written directly differs from the serializer's",
            t.line
        );
    }
    Ok(Checked {
        at: t.at,
        line: t.line,
        len: u32::try_from(text.len()).unwrap_or(INLINE - 1),
        key: key_at..out.keys.len(),
        json: json_at..out.json.len(),
        normalized,
    })
}

/// A customer as `Flat` writes it in JSON (by its fields' names, in their order, what is
/// empty left out), written directly: the addresses and contacts from their own types, not
/// made into JSON values first (through `Flat`, a fifth of the checking threads' time). False
/// for a field of a kind it does not write (then the caller uses `Flat`). Debug builds check
/// every customer against `Flat`.
fn write_json(cu: &Customer, out: &mut Vec<u8>) -> bool {
    use crate::domain::model::Described;
    use crate::domain::record::{Record, Value};
    fn string(out: &mut Vec<u8>, s: &str) {
        // serde_json's own escaping; writing to a Vec cannot fail.
        let _ = serde_json::to_writer(&mut *out, s);
    }
    fn key(out: &mut Vec<u8>, first: &mut bool, k: &str) {
        if !std::mem::take(first) {
            out.push(b',');
        }
        string(out, k);
        out.push(b':');
    }
    /// A JSON array of objects, each written by `each` (given whether its first key is next).
    fn objects<T>(out: &mut Vec<u8>, items: &[T], each: impl Fn(&mut Vec<u8>, &mut bool, &T)) {
        out.push(b'[');
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            out.push(b'{');
            each(out, &mut true, item);
            out.push(b'}');
        }
        out.push(b']');
    }
    /// The flags that are on, as `"name":true` (what is off is left out, as `Flat` does).
    fn flags(out: &mut Vec<u8>, first: &mut bool, all: &[(&str, bool)]) {
        for (k, on) in all {
            if *on {
                key(out, first, k);
                out.extend_from_slice(b"true");
            }
        }
    }
    out.push(b'{');
    let mut first = true;
    for f in Customer::FIELDS.iter().filter(|f| !f.kept) {
        match f.name {
            "addresses" => {
                if cu.addresses.is_empty() && !(f.required && f.many) {
                    continue;
                }
                key(out, &mut first, f.name);
                objects(out, &cu.addresses, |out, first, a| {
                    if let Some(p) = a.purpose {
                        key(out, first, "purpose");
                        string(out, p.as_str());
                    }
                    for t in crate::domain::customer::CustomerAddress::TEXT {
                        let v = a.text(t.name).unwrap_or_default();
                        if !v.is_empty() {
                            key(out, first, t.name);
                            string(out, v);
                        }
                    }
                    flags(out, first, &[("primary", a.primary)]);
                });
            }
            "contacts" => {
                if cu.contacts.is_empty() && !(f.required && f.many) {
                    continue;
                }
                key(out, &mut first, f.name);
                objects(out, &cu.contacts, |out, first, c| {
                    key(out, first, "kind");
                    string(out, c.kind.as_str());
                    if !c.value.is_empty() {
                        key(out, first, "value");
                        string(out, &c.value);
                    }
                    let on = [
                        ("primary", c.primary),
                        ("marketing_opt_in", c.marketing_opt_in),
                    ];
                    flags(out, first, &on);
                });
            }
            _ => {
                let Some(v) = cu.get(f.name) else { continue };
                if v.is_empty() && !(f.required && f.many) {
                    continue;
                }
                key(out, &mut first, f.name);
                match v {
                    Value::Text(Some(t)) => string(out, &t),
                    Value::Flag(b) => out.extend_from_slice(if b { b"true" } else { b"false" }),
                    Value::List(items) => {
                        out.push(b'[');
                        for (i, item) in items.iter().enumerate() {
                            if i > 0 {
                                out.push(b',');
                            }
                            string(out, item);
                        }
                        out.push(b']');
                    }
                    Value::Pairs(mut pairs) => {
                        // By name, as `Flat` writes them: a name given twice keeps its first
                        // place and its last value, as a JSON map made from them does.
                        pairs.sort();
                        pairs.dedup_by(|later, kept| {
                            let same = later.0 == kept.0;
                            if same {
                                std::mem::swap(&mut kept.1, &mut later.1);
                            }
                            same
                        });
                        out.push(b'{');
                        let mut first_pair = true;
                        for (n, v) in &pairs {
                            key(out, &mut first_pair, n);
                            string(out, v);
                        }
                        out.push(b'}');
                    }
                    _ => return false,
                }
            }
        }
    }
    out.push(b'}');
    true
}

/// The checked file as it is written, in the file's order.
struct Spill<'n> {
    name: &'n str,
    checked: std::io::BufWriter<std::fs::File>,
    /// What has been written to the checked file.
    spilled: u64,
    /// The last key while keys come in order (none before the first).
    last_key: Option<String>,
    in_order: bool,
    entries: Vec<Entry>,
    keys: String,
}

impl<'n> Spill<'n> {
    fn new(name: &'n str, file: std::fs::File) -> Spill<'n> {
        Spill {
            name,
            checked: std::io::BufWriter::with_capacity(1 << 16, file),
            spilled: 0,
            last_key: None,
            in_order: true,
            entries: Vec::new(),
            keys: String::new(),
        }
    }

    fn put(&mut self, c: &Checked, keys: &str, json: &[u8]) -> Result<()> {
        let cannot_keep = |e| cannot_keep(self.name, e);
        let k = &keys[c.key.clone()];
        let json = &json[c.json.clone()];
        let json_len = u32::try_from(json.len()).unwrap_or(u32::MAX);
        if self.in_order && self.last_key.as_deref().is_some_and(|last| k <= last) {
            // Out of key order (or a key again): from here every customer has an entry,
            // those before too.
            self.in_order = false;
            self.checked.flush().map_err(cannot_keep)?;
            let before = scan_checked(self.checked.get_ref(), self.spilled).map_err(cannot_keep)?;
            self.entries = before.entries;
            self.keys = before.keys;
        }
        let mut head = [0u8; RECORD_HEAD];
        head[0..8].copy_from_slice(&c.at.to_le_bytes());
        head[8..12].copy_from_slice(&c.len.to_le_bytes());
        head[12..16].copy_from_slice(&c.line.to_le_bytes());
        head[16..20].copy_from_slice(&json_len.to_le_bytes());
        head[20..22].copy_from_slice(&(k.len() as u16).to_le_bytes());
        head[22] = u8::from(c.normalized);
        self.checked.write_all(&head).map_err(cannot_keep)?;
        self.checked.write_all(k.as_bytes()).map_err(cannot_keep)?;
        self.checked.write_all(json).map_err(cannot_keep)?;
        let json_at = self.spilled + (RECORD_HEAD + k.len()) as u64;
        self.spilled = json_at + json.len() as u64;
        if self.in_order {
            let last = self.last_key.get_or_insert_with(String::new);
            last.clear();
            last.push_str(k);
        } else {
            let (key_at, key_len) = push_key(&mut self.keys, k);
            self.entries.push(Entry {
                offset: c.at,
                json_at,
                len: c.len,
                json_len,
                line: c.line,
                key_at,
                key_len,
                normalized: c.normalized,
            });
        }
        Ok(())
    }
}

/// What reading the file's lines gives besides its customers: the rest of the file, its lines
/// placed by runs.
struct Scanned {
    rest: String,
    runs: Vec<(usize, usize)>,
}

/// Reads the file a line at a time: its customer tables go to the checking threads through
/// `jobs` (numbered batches, in order); the rest is kept without the customers' lines (a
/// million customers' blank lines would be a million tokens to parse). Stops early when the
/// checking has stopped (a customer was refused: that is the error to report).
fn scan(name: &str, mut reader: impl BufRead, jobs: SyncSender<(u64, Tables)>) -> Result<Scanned> {
    let cannot = |e: std::io::Error| {
        HqError::new(ErrorKind::Io, format!("cannot read {name}: {e}"))
            .hinted("check the path and that you may read the file")
    };
    let mut rest = String::new();
    // The customer table being read: its offset and first line in the file, and where its
    // text starts in the batch's.
    let mut open: Option<(u64, u32, usize)> = None;
    let mut lex = Lex::Outside;
    let (mut line_no, mut offset) = (0u32, 0u64);
    let mut buf = Vec::new();
    let (mut runs, mut rest_lines, mut in_rest) = (Vec::new(), 0usize, false);
    let (mut batch, mut seq) = (Tables::default(), 0u64);
    // Sends the batch when it is full (or `last`); false once the checking has stopped.
    let mut send = |batch: &mut Tables, last: bool| -> bool {
        if batch.tables.is_empty() || (batch.tables.len() < BATCH && !last) {
            return true;
        }
        let full = std::mem::replace(
            batch,
            Tables {
                text: String::with_capacity(batch.text.capacity()),
                tables: Vec::with_capacity(BATCH),
            },
        );
        seq += 1;
        jobs.send((seq - 1, full)).is_ok()
    };
    let finish = |open: &mut Option<(u64, u32, usize)>, batch: &mut Tables| {
        if let Some((at, line, start)) = open.take() {
            let end = batch.text.len();
            batch.tables.push(TableAt {
                at,
                line,
                text: start..end,
            });
        }
    };
    loop {
        buf.clear();
        let n = match reader.read_until(b'\n', &mut buf) {
            Ok(n) => n,
            Err(e) => {
                send(&mut batch, true);
                return Err(cannot(e));
            }
        };
        if n == 0 {
            break;
        }
        line_no += 1;
        let line = match std::str::from_utf8(&buf) {
            Ok(line) => line,
            Err(e) => {
                send(&mut batch, true);
                let good = String::from_utf8_lossy(&buf[..e.valid_up_to()]);
                return Err(HqError::invalid(format!(
                    "{name}:{line_no}:{}: not UTF-8 text (byte 0x{:02x}); an environment file is UTF-8",
                    good.chars().count() + 1,
                    buf[e.valid_up_to()]
                ))
                .hinted("save the file as UTF-8"));
            }
        };
        if lex == Lex::Outside
            && let Some(header) = Header::of(line)
        {
            if header.top != "customers" {
                finish(&mut open, &mut batch);
            } else if header.array && header.depth == 1 {
                finish(&mut open, &mut batch);
                if !send(&mut batch, false) {
                    // The checking stopped at a customer refused: that is the error.
                    return Ok(Scanned { rest, runs });
                }
                open = Some((offset, line_no, batch.text.len()));
            }
            // A customer's own table (`[customers.financial_dimensions]`) goes on with it.
        }
        if open.is_some() {
            batch.text.push_str(line);
        } else {
            if !in_rest {
                // A run of the file's lines starts here.
                runs.push((rest_lines + 1, line_no as usize));
                in_rest = true;
            }
            rest.push_str(line);
            rest_lines += 1;
        }
        in_rest &= open.is_none();
        lex = lex.after(line);
        offset += n as u64;
    }
    finish(&mut open, &mut batch);
    send(&mut batch, true);
    Ok(Scanned { rest, runs })
}

/// A reader of a file from its start by position (`pread`): several at once share no file
/// offset.
pub(crate) struct ReadAt<'f> {
    file: &'f std::fs::File,
    pos: u64,
}

impl<'f> ReadAt<'f> {
    pub(crate) fn new(file: &'f std::fs::File) -> ReadAt<'f> {
        ReadAt { file, pos: 0 }
    }
}

impl std::io::Read for ReadAt<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = read_at(self.file, buf, self.pos)?;
        self.pos += n as u64;
        Ok(n)
    }
}

/// Reads what there is of `file` from `at`, up to `buf.len()` bytes (0 at its end), leaving
/// its position alone.
fn read_at(file: &std::fs::File, buf: &mut [u8], at: u64) -> std::io::Result<usize> {
    #[cfg(unix)]
    {
        std::os::unix::fs::FileExt::read_at(file, buf, at)
    }
    #[cfg(windows)]
    {
        std::os::windows::fs::FileExt::seek_read(file, buf, at)
    }
}

/// Reads `buf.len()` bytes of `file` from `at`, leaving its position alone (several readers of
/// the checked file need no `&mut`).
fn read_exact_at(file: &std::fs::File, buf: &mut [u8], at: u64) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        std::os::unix::fs::FileExt::read_exact_at(file, buf, at)
    }
    #[cfg(windows)]
    {
        let mut done = 0;
        while done < buf.len() {
            let n =
                std::os::windows::fs::FileExt::seek_read(file, &mut buf[done..], at + done as u64)?;
            if n == 0 {
                return Err(std::io::ErrorKind::UnexpectedEof.into());
            }
            done += n;
        }
        Ok(())
    }
}

/// Adds a customer's key to `keys`: where it starts, and its length.
fn push_key(keys: &mut String, account: &str) -> (u32, u16) {
    let at = keys.len() as u32;
    let k = key(account);
    let len = k.len().min(u16::MAX as usize);
    keys.push_str(&k[..len]);
    (at, len as u16)
}

/// One `[[customers]]` table's text, starting at line `line` of the file.
fn parse_customer(name: &str, text: &str, line: u32) -> Result<Customer> {
    // The shape export writes, read quickly; anything else, or a customer its values refuse,
    // through the TOML parser, which says where.
    if let Some(value) = super::quick::customer(text)
        && let Ok(cu) = <Customer as serde::Deserialize>::deserialize(value)
    {
        #[cfg(debug_assertions)]
        {
            let slow = parse_customer_toml(name, text, line);
            assert!(
                slow.as_ref().is_ok_and(|slow| *slow == cu),
                "{name}:{line}: read quickly as {cu:?}, by the TOML parser as {slow:?}"
            );
        }
        return Ok(cu);
    }
    parse_customer_toml(name, text, line)
}

fn parse_customer_toml(name: &str, text: &str, line: u32) -> Result<Customer> {
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct One {
        customers: Vec<Customer>,
    }
    let one: One = super::parse_at(name, text, line as usize)?;
    one.customers.into_iter().next().ok_or_else(|| {
        HqError::internal(anyhow::anyhow!(
            "{name}:{line}: a customer table with no customer"
        ))
    })
}

impl Customers {
    /// The index by key, made from the checked file the first time it is needed.
    fn index(&self) -> Result<&Index> {
        if let Some(index) = self.index.get() {
            return Ok(index);
        }
        let end = self.checked.metadata().map(|m| m.len());
        let built = end
            .and_then(|end| scan_checked(&self.checked, end))
            .map_err(|e| self.cannot_read_back(e))?;
        Ok(self.index.get_or_init(|| built))
    }

    fn cannot_read_back(&self, e: std::io::Error) -> HqError {
        self.back().cannot_read_back(e)
    }

    /// The customer whose account is `account` (any case), normalized as the file's values
    /// are compared.
    ///
    /// In a file whose customers came in key order, asking in key order (as `apply` does)
    /// reads the checked file forward from where the last one was found, with no index; a
    /// customer asked for out of that order makes the index.
    pub(crate) fn get(&self, account: &str) -> Result<Option<Customer>> {
        let k = key(account);
        if self.in_order && self.index.get().is_none() {
            let mut ahead = self.ahead.borrow_mut();
            if ahead.last.as_deref().is_none_or(|last| k.as_str() > last) {
                return self.read_ahead(&mut ahead, &k);
            }
        }
        let index = self.index()?;
        match index
            .entries
            .binary_search_by(|e| index.key_of(e).cmp(k.as_str()))
        {
            Ok(i) => Ok(Some(self.get_at(&index.entries[i])?)),
            Err(_) => Ok(None),
        }
    }

    /// The file's customers in key order as [`iter`](Self::iter) gives them, each read from
    /// the checked file but not made into a [`Customer`] until asked ([`Wanted::customer`]):
    /// one the data file has unchanged is known by its JSON alone ([`Wanted::same_as`]).
    pub(crate) fn wanted(&self) -> Box<dyn Iterator<Item = Result<Wanted<'_>>> + '_> {
        let back = self.back();
        if self.in_order && self.index.get().is_none() {
            let end = match self.checked.metadata() {
                Ok(m) => m.len(),
                Err(e) => return Box::new(std::iter::once(Err(self.cannot_read_back(e)))),
            };
            let mut reader = At0 {
                file: &self.checked,
                pos: 0,
                buf: Vec::new(),
                start: 0,
            };
            return Box::new(std::iter::from_fn(move || {
                (reader.pos < end).then(|| {
                    let mut head = [0u8; RECORD_HEAD];
                    let read = (|| -> std::io::Result<Wanted<'_>> {
                        reader.read_exact(&mut head)?;
                        let (_, _, line, json_len, key_len, normalized) = record_head(&head);
                        let mut key = vec![0; usize::from(key_len)];
                        reader.read_exact(&mut key)?;
                        let mut json = vec![0; json_len as usize];
                        reader.read_exact(&mut json)?;
                        let key = String::from_utf8(key).map_err(std::io::Error::other)?;
                        Ok(Wanted {
                            key,
                            line,
                            normalized,
                            json,
                            inline: None,
                            back,
                        })
                    })();
                    read.map_err(|e| back.cannot_read_back(e))
                })
            }));
        }
        let index = match self.index() {
            Ok(index) => index,
            Err(e) => return Box::new(std::iter::once(Err(e))),
        };
        Box::new(index.entries.iter().map(move |e| {
            let key = index.keys[e.key_at as usize..e.key_at as usize + usize::from(e.key_len)]
                .to_string();
            let (json, inline) = match e.at() {
                At::Inline(i) => (Vec::new(), Some(&self.inline[i])),
                At::Table { .. } => {
                    let mut json = vec![0; e.json_len as usize];
                    read_exact_at(&self.checked, &mut json, e.json_at)
                        .map_err(|e| self.cannot_read_back(e))?;
                    (json, None)
                }
            };
            Ok(Wanted {
                key,
                line: e.line,
                normalized: e.normalized,
                json,
                inline,
                back,
            })
        }))
    }

    /// Every customer in account order (as [`get`](Self::get) gives them): read back in
    /// sequence when the file gave them in that order, else by the index.
    ///
    /// (Made into customers on a thread of their own, ahead of the caller, a plan of 1,000,000
    /// took a sixth less time but held 100 MB more, growing as it went: the allocator kept what
    /// one thread allocated and the other freed, however it was given back.)
    #[cfg(test)]
    pub(crate) fn iter(&self) -> impl Iterator<Item = Result<Customer>> + '_ {
        self.wanted().map(|w| w?.customer())
    }

    /// [`get`](Self::get) of a key after every key read so far: the checked file is read on
    /// from there, each record's key in its header, until the key or one after it.
    fn read_ahead(&self, ahead: &mut Ahead, k: &str) -> Result<Option<Customer>> {
        let end = self
            .checked
            .metadata()
            .map_err(|e| self.cannot_read_back(e))?
            .len();
        let mut reader = At0 {
            file: &self.checked,
            pos: ahead.pos,
            buf: std::mem::take(&mut ahead.buf),
            start: ahead.start,
        };
        let back = self.back();
        let found = (|| -> std::io::Result<Option<(u32, bool, Vec<u8>)>> {
            let mut key = Vec::new();
            while reader.pos < end {
                let at = reader.pos;
                let mut head = [0u8; RECORD_HEAD];
                reader.read_exact(&mut head)?;
                let (_, _, line, json_len, key_len, normalized) = record_head(&head);
                key.resize(usize::from(key_len), 0);
                reader.read_exact(&mut key)?;
                match key.as_slice().cmp(k.as_bytes()) {
                    std::cmp::Ordering::Less => reader.skip(u64::from(json_len))?,
                    std::cmp::Ordering::Equal => {
                        let mut json = vec![0; json_len as usize];
                        reader.read_exact(&mut json)?;
                        return Ok(Some((line, normalized, json)));
                    }
                    std::cmp::Ordering::Greater => {
                        // Not in the file: the next one asked for may be this one, read
                        // again from its start.
                        reader.pos = at;
                        reader.buf.clear();
                        reader.start = 0;
                        return Ok(None);
                    }
                }
            }
            Ok(None)
        })();
        ahead.pos = reader.pos;
        ahead.start = reader.start;
        ahead.buf = reader.buf;
        ahead.last = Some(k.to_string());
        match found.map_err(|e| self.cannot_read_back(e))? {
            Some((line, normalized, json)) => Ok(Some(back.customer_of(line, normalized, &json)?)),
            None => Ok(None),
        }
    }

    fn get_at(&self, e: &Entry) -> Result<Customer> {
        self.read_at(e, &mut Vec::new())
    }

    /// A customer as it was checked (from the checked file's JSON), normalized.
    fn read_at(&self, e: &Entry, buf: &mut Vec<u8>) -> Result<Customer> {
        match e.at() {
            At::Inline(i) => {
                let mut cu = self.inline[i].clone();
                normalize_customer(&mut cu, &self.le_country);
                Ok(cu)
            }
            At::Table { .. } => {
                buf.resize(e.json_len as usize, 0);
                read_exact_at(&self.checked, buf, e.json_at)
                    .map_err(|e| self.cannot_read_back(e))?;
                self.customer_of(e, buf)
            }
        }
    }

    /// The customer of a table from its checked JSON, normalized.
    fn customer_of(&self, e: &Entry, json: &[u8]) -> Result<Customer> {
        self.back().customer_of(e.line, e.normalized, json)
    }

    fn back(&self) -> Back<'_> {
        Back {
            name: &self.name,
            le_country: &self.le_country,
        }
    }

    /// A customer table's text, read again from the file (opened once per pass).
    fn text(&self, offset: u64, len: u32, file: &mut Option<std::fs::File>) -> Result<String> {
        let cannot = |e: std::io::Error| {
            HqError::new(
                ErrorKind::Io,
                format!("cannot read {} again: {e}", self.name),
            )
            .hinted("the file changed or went away while hq read it; run the command again")
        };
        if file.is_none() {
            *file = Some(std::fs::File::open(&self.path).map_err(cannot)?);
        }
        let f = file.as_mut().expect("opened above");
        f.seek(SeekFrom::Start(offset)).map_err(cannot)?;
        let mut bytes = vec![0; len as usize];
        f.read_exact(&mut bytes).map_err(cannot)?;
        String::from_utf8(bytes).map_err(|e| cannot(std::io::Error::other(e)))
    }

    /// `file:line:column` of the customer `account` (or of its `field` where it gives it).
    pub(crate) fn place_of(&self, account: &str, field: Option<&str>, source: &Source) -> String {
        let k = key(account);
        let Ok(index) = self.index() else {
            return self.name.clone();
        };
        match index.entries.iter().find(|e| index.key_of(e) == k) {
            Some(e) => self.place(e, field, source),
            None => self.name.clone(),
        }
    }

    fn place(&self, e: &Entry, field: Option<&str>, source: &Source) -> String {
        match e.at() {
            At::Inline(i) => source.place("customers", Some(i), None, field),
            At::Table { offset, len, line } => {
                let Ok(text) = self.text(offset, len, &mut None) else {
                    return format!("{}:{line}", self.name);
                };
                let mut at = Source::new(self.name.clone(), text).place_in(
                    "customers",
                    Some(0),
                    None,
                    field,
                );
                at.0 += line as usize - 1;
                format!("{}:{}:{}", self.name, at.0, at.1)
            }
        }
    }
}

/// What reading checked customers back needs: the file's name (for errors) and its legal
/// entities' countries (to normalize).
#[derive(Clone, Copy)]
struct Back<'a> {
    name: &'a str,
    le_country: &'a BTreeMap<String, String>,
}

impl Back<'_> {
    fn cannot_read_back(&self, e: std::io::Error) -> HqError {
        HqError::new(
            ErrorKind::Io,
            format!(
                "cannot read {}'s customers back from a temporary file: {e}",
                self.name
            ),
        )
        .hinted(
            "run the command again; check the temporary folder (TMPDIR, else /tmp) and its disk",
        )
    }

    /// The customer of a table from its checked JSON, normalized.
    fn customer_of(&self, line: u32, normalized: bool, json: &[u8]) -> Result<Customer> {
        // What hq wrote itself and cannot read back: the temporary file was damaged under it
        // (exit 74, as any other I/O fault), not a rule of the file.
        let mut cu = serde_json::from_slice::<Customer>(json).map_err(|err| {
            self.cannot_read_back(std::io::Error::other(format!(
                "the customer of line {line} does not read back ({err})"
            )))
        })?;
        if !normalized {
            normalize_customer(&mut cu, self.le_country);
        }
        Ok(cu)
    }
}

/// A customer of the file as [`Customers::wanted`] reads it: its key and checked JSON.
pub(crate) struct Wanted<'a> {
    key: String,
    line: u32,
    normalized: bool,
    json: Vec<u8>,
    /// A customer of an inline array (`customers = [...]`), kept as parsed.
    inline: Option<&'a Customer>,
    back: Back<'a>,
}

impl Wanted<'_> {
    /// Its key: the account in ASCII lower case ([`key`]).
    pub(crate) fn key(&self) -> &str {
        &self.key
    }

    /// Whether it is `have` exactly as a plan compares customers (their JSON as `Flat` writes
    /// it, which leaves out what hq keeps): its checked JSON, when that is of the customer as
    /// compared (normalized), against `have`'s written into `scratch`. False means only "not
    /// known from the JSON": compare the customers.
    pub(crate) fn same_as(&self, have: &Customer, scratch: &mut Vec<u8>) -> bool {
        if !self.normalized || self.inline.is_some() {
            return false;
        }
        scratch.clear();
        write_json(have, scratch) && *scratch == self.json
    }

    /// The customer, normalized as the file's values are compared.
    pub(crate) fn customer(self) -> Result<Customer> {
        match self.inline {
            Some(cu) => {
                let mut cu = cu.clone();
                normalize_customer(&mut cu, self.back.le_country);
                Ok(cu)
            }
            None => self
                .back
                .customer_of(self.line, self.normalized, &self.json),
        }
    }
}

/// A table header line (`[name]` or `[[name]]`): the first key of its name, how many keys it
/// has, and whether it is an array's.
struct Header<'a> {
    top: &'a str,
    depth: usize,
    array: bool,
}

impl<'a> Header<'a> {
    fn of(line: &'a str) -> Option<Header<'a>> {
        let t = line.trim_start();
        let (array, inner) = if let Some(r) = t.strip_prefix("[[") {
            (true, r.split("]]").next()?)
        } else {
            (false, t.strip_prefix('[')?.split(']').next()?)
        };
        let parts: Vec<&str> = inner
            .split('.')
            .map(|p| p.trim().trim_matches('"'))
            .collect();
        Some(Header {
            top: parts.first().copied()?,
            depth: parts.len(),
            array,
        })
    }
}

/// Where a line ends, as TOML reads it: outside any string, or inside a multi-line one (where
/// a line that looks like a table header is text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lex {
    Outside,
    /// Inside `"""`.
    MultiBasic,
    /// Inside `'''`.
    MultiLiteral,
}

impl Lex {
    fn after(self, line: &str) -> Lex {
        let b = line.as_bytes();
        let mut i = 0;
        let mut state = self;
        while i < b.len() {
            match state {
                Lex::MultiBasic => {
                    if b[i] == b'\\' {
                        i += 2;
                        continue;
                    }
                    if b[i..].starts_with(b"\"\"\"") {
                        state = Lex::Outside;
                        i += 3;
                        // A closing delimiter may have up to two more quotes before it.
                        while i < b.len() && b[i] == b'"' {
                            i += 1;
                        }
                        continue;
                    }
                    i += 1;
                }
                Lex::MultiLiteral => {
                    if b[i..].starts_with(b"'''") {
                        state = Lex::Outside;
                        i += 3;
                        while i < b.len() && b[i] == b'\'' {
                            i += 1;
                        }
                        continue;
                    }
                    i += 1;
                }
                Lex::Outside => match b[i] {
                    b'#' => return Lex::Outside,
                    b'"' if b[i..].starts_with(b"\"\"\"") => {
                        state = Lex::MultiBasic;
                        i += 3;
                    }
                    b'\'' if b[i..].starts_with(b"'''") => {
                        state = Lex::MultiLiteral;
                        i += 3;
                    }
                    b'"' => {
                        // A basic string ends on its line, at a quote not escaped.
                        i += 1;
                        while i < b.len() && b[i] != b'"' {
                            i += if b[i] == b'\\' { 2 } else { 1 };
                        }
                        i += 1;
                    }
                    b'\'' => {
                        i += 1;
                        while i < b.len() && b[i] != b'\'' {
                            i += 1;
                        }
                        i += 1;
                    }
                    _ => i += 1,
                },
            }
        }
        state
    }
}

#[cfg(test)]
mod tests {

    /// A customer's JSON written directly is `Flat`'s, byte for byte, whatever it holds: text
    /// that needs escaping, every list, addresses and contacts with and without their flags.
    #[test]
    fn a_customer_is_written_as_json_as_the_serializer_writes_it() {
        let table = r#"[[customers]]
account = "Z\"1"
type = "organization"
organization_name = "Caf\u00e9 \\ <b>\t</b> é"
legal_entity = "USRT"
group = "30"
currency = "USD"
language = "en-US"
affiliations = ["b", "a"]
address_books = ["X"]
receipt_option = "email"
receipt_email = "r@example.com"

[customers.financial_dimensions]
Zone = "1"
BusinessUnit = "002"

[customers.attributes]
shoe = "42"

[[customers.addresses]]
purpose = "post-box"
street = "1 \"A\" St"
city = "H"
country = "US"
primary = true

[[customers.addresses]]
street = "2 B St"
city = "H"

[[customers.contacts]]
kind = "email"
value = "a@example.com"
primary = true
marketing_opt_in = true

[[customers.contacts]]
kind = "phone"
value = "+17135550100"
"#;
        let written_as_flat = |cu: &Customer| {
            let mut direct = Vec::new();
            assert!(write_json(cu, &mut direct));
            let by_serde = serde_json::to_vec(&Flat(cu)).unwrap();
            assert_eq!(
                String::from_utf8(direct).unwrap(),
                String::from_utf8(by_serde).unwrap()
            );
        };
        let mut cu = parse_customer_toml("env.toml", table, 1).unwrap();
        assert_eq!((cu.addresses.len(), cu.attributes.len()), (2, 1));
        written_as_flat(&cu);
        // Pairs out of order, a name twice: by name, the name once with its last value.
        cu.financial_dimensions = [("Zone", "2"), ("BusinessUnit", "002"), ("Zone", "1")]
            .into_iter()
            .map(|(n, v)| (n.to_string(), v.to_string()).into())
            .collect();
        written_as_flat(&cu);
    }

    /// Every customer of the example file is in the shape the quick reading takes (as
    /// `export` writes them), and reads as the TOML parser reads it.
    #[test]
    fn the_example_customers_read_quickly_as_the_toml_parser_reads_them() {
        let text = include_str!("../../fixtures/contoso.toml");
        let start = text.find("[[customers]]").unwrap();
        let end = text.find("[distribution]").unwrap();
        let tables: Vec<String> = text[start..end]
            .split("[[customers]]")
            .skip(1)
            .map(|t| format!("[[customers]]{t}"))
            .collect();
        assert_eq!(tables.len(), 5);
        for t in &tables {
            let quick = super::super::quick::customer(t).expect("read quickly");
            let quick = <Customer as serde::Deserialize>::deserialize(quick).unwrap();
            assert_eq!(
                quick,
                parse_customer_toml("contoso.toml", t, 1).unwrap(),
                "{t}"
            );
        }
    }
    use super::*;

    #[test]
    fn headers_and_strings_are_told_apart() {
        let h = Header::of("[[customers]]\n").unwrap();
        assert_eq!((h.top, h.depth, h.array), ("customers", 1, true));
        let h = Header::of("  [ customers.financial_dimensions ]\n").unwrap();
        assert_eq!((h.top, h.depth, h.array), ("customers", 2, false));
        let h = Header::of("[[\"stores\"]]").unwrap();
        assert_eq!((h.top, h.array), ("stores", true));
        assert!(Header::of("name = \"[x]\"").is_none());
        // A multi-line string holds what would otherwise be a header.
        let s = Lex::Outside.after("text = \"\"\"\n");
        assert_eq!(s, Lex::MultiBasic);
        assert_eq!(s.after("[[customers]]\n"), Lex::MultiBasic);
        assert_eq!(s.after("end \\\"\"\" still\n"), Lex::MultiBasic);
        assert_eq!(s.after("end\"\"\"\n"), Lex::Outside);
        assert_eq!(Lex::Outside.after("a = '''x'''\n"), Lex::Outside);
        assert_eq!(Lex::Outside.after("a = \"\\\"\" # \"\"\"\n"), Lex::Outside);
        assert_eq!(Lex::Outside.after("a = 'x' # '''\n"), Lex::Outside);
        assert_eq!(Lex::Outside.after("a = '''\n"), Lex::MultiLiteral);
    }

    fn customer(account: &str) -> String {
        format!(
            "[[customers]]\naccount = \"{account}\"\ntype = \"person\"\nlast_name = \"L\"\n\
             legal_entity = \"USRT\"\ngroup = \"30\"\ncurrency = \"USD\"\nlanguage = \"en-US\"\n\n"
        )
    }

    /// A customer with every kind of value comes back from the checked file as the file's
    /// TOML gives it.
    #[test]
    fn a_customer_reads_back_from_json_as_from_its_toml() {
        let table = "[[customers]]
account = \"Z1\"
type = \"person\"
first_name = \"Ada\"
middle_name = \"K\"
last_name = \"Lovelace\"
legal_entity = \"USRT\"
group = \"30\"
receipt_option = \"print-and-email\"
receipt_email = \"r@example.com\"
currency = \"usd\"
language = \"en-US\"
affiliations = [\"Retail\", \"VIP\"]
address_books = [\"HOUSTON-CUST\"]

[customers.financial_dimensions]
BusinessUnit = \"002\"

[customers.attributes]
Birthday = \"1990-05-01\"

[[customers.addresses]]
purpose = \"delivery\"
street = \"9 Dock St\"
city = \"Houston\"
phone = \"(713) 555-0101\"

[[customers.addresses]]
street = \"1 Main St\"
city = \"Houston\"
state = \"TX\"
postal_code = \"77002\"
country = \"us\"
name = \"A. Lovelace\"
primary = true

[[customers.contacts]]
kind = \"email\"
value = \"ada@example.com\"
marketing_opt_in = true

[[customers.contacts]]
kind = \"phone\"
value = \"713 555 0100\"
primary = true

[[customers.contacts]]
kind = \"email\"
value = \"ada2@example.com\"
primary = true
";
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("env.toml");
        let head = "version = \"10.0.40\"\n\n[[legal_entities]]\nid = \"USRT\"\nname = \"C\"\n\
                    country = \"US\"\nlanguage = \"en-US\"\n\n";
        std::fs::write(&path, format!("{head}{table}")).unwrap();
        let (file, _, customers) = read(&path).unwrap();
        let mut want = parse_customer("env.toml", table, 1).unwrap();
        normalize_customer(&mut want, &file.legal_entity_countries());
        let got = customers.get("z1").unwrap().unwrap();
        assert_eq!(got, want);
        assert_eq!(
            got.contacts[1].value, "+17135550100",
            "normalized after reading back"
        );
    }

    /// Customers in key order are read back in sequence with no index until one is asked for
    /// by account; a file that leaves key order half way is indexed from there, those before
    /// included; a key again is refused at its second place, in either case.
    #[test]
    fn customers_in_key_order_need_no_index_and_a_file_out_of_order_gets_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("env.toml");
        let head = "version = \"10.0.40\"\n\n";
        let write = |accounts: &[&str]| {
            let body: String = accounts.iter().map(|a| customer(a)).collect();
            std::fs::write(&path, format!("{head}{body}")).unwrap();
        };
        write(&["a1", "B2", "c3"]);
        let (_, _, customers) = read(&path).unwrap();
        assert!(customers.in_order && customers.index.get().is_none());
        let order: Vec<String> = customers.iter().map(|c| c.unwrap().account).collect();
        assert_eq!(order, ["a1", "B2", "c3"]);
        assert!(customers.index.get().is_none(), "read in sequence");
        // Asked for in key order, read forward: one not in the file, then the one after it.
        assert_eq!(customers.get("b2").unwrap().unwrap().account, "B2");
        assert!(customers.get("bb").unwrap().is_none());
        assert_eq!(customers.get("C3").unwrap().unwrap().account, "c3");
        assert!(customers.get("d4").unwrap().is_none());
        assert!(customers.index.get().is_none(), "asked in key order");
        // Asked for out of order: the index.
        assert_eq!(customers.get("A1").unwrap().unwrap().account, "a1");
        assert_eq!(customers.index.get().unwrap().entries.len(), 3);
        let again: Vec<String> = customers.iter().map(|c| c.unwrap().account).collect();
        assert_eq!(again, order);

        write(&["a1", "b2", "c3", "B0", "d4"]);
        let (_, _, customers) = read(&path).unwrap();
        assert!(!customers.in_order);
        let order: Vec<String> = customers.iter().map(|c| c.unwrap().account).collect();
        assert_eq!(order, ["a1", "B0", "b2", "c3", "d4"]);
        assert_eq!(customers.get("A1").unwrap().unwrap().account, "a1");

        for (accounts, line) in [(&["a1", "b2", "B2"][..], 22), (&["b2", "a1", "A1"], 22)] {
            write(accounts);
            let e = read(&path).err().unwrap();
            assert!(
                e.message.contains("declared twice")
                    && e.message.contains(&format!("env.toml:{line}:")),
                "{accounts:?}: {}",
                e.message
            );
        }
    }

    /// Customers are checked a batch at a time on several threads: the error is still the
    /// first refusal in the file's order, before a fault further on (bytes that are not
    /// UTF-8), and every customer of a good file comes back once, in order.
    #[test]
    fn the_first_customer_refused_in_the_file_is_the_error_whichever_thread_checked_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("env.toml");
        let head = "version = \"10.0.40\"\n\n";
        // Each table is 9 lines: customer `i` starts at line 3 + 9 i, its currency 6 lines on.
        let bad = |i: usize| customer(&format!("A{i:04}")).replace("currency", "curency");
        let write = |bad_at: &[usize], not_utf8_at: Option<usize>| {
            let mut body = Vec::from(head.as_bytes());
            for i in 0..(BATCH * 6) {
                let mut table = if bad_at.contains(&i) {
                    bad(i)
                } else {
                    customer(&format!("A{i:04}"))
                }
                .into_bytes();
                if not_utf8_at == Some(i) {
                    table.splice(0..0, b"# \xff\n".iter().copied());
                }
                body.extend(table);
            }
            std::fs::write(&path, body).unwrap();
        };
        let currency_line = |i: usize| 3 + 9 * i + 6;
        write(&[BATCH * 5 + 3, BATCH + 7], None);
        let e = read(&path).err().unwrap();
        assert!(
            e.message
                .contains(&format!("env.toml:{}:", currency_line(BATCH + 7)))
                && e.message.contains("unknown field `curency`"),
            "{}",
            e.message
        );
        write(&[BATCH + 7], Some(BATCH * 4));
        let e = read(&path).err().unwrap();
        assert!(e.message.contains("curency"), "{}", e.message);
        write(&[], Some(BATCH * 4));
        let e = read(&path).err().unwrap();
        assert!(
            e.message
                .contains(&format!("env.toml:{}:3: not UTF-8", 3 + 9 * BATCH * 4)),
            "{}",
            e.message
        );
        write(&[], None);
        let (_, _, customers) = read(&path).unwrap();
        let got: Vec<String> = customers.iter().map(|c| c.unwrap().account).collect();
        let want: Vec<String> = (0..BATCH * 6).map(|i| format!("A{i:04}")).collect();
        assert_eq!(got, want);
        // Asked for in key order, across the reader's buffers, with no index.
        for i in (0..BATCH * 6).step_by(7) {
            let c = customers.get(&format!("a{i:04}")).unwrap().unwrap();
            assert_eq!(c.account, format!("A{i:04}"));
            assert!(customers.get(&format!("a{i:04}x")).unwrap().is_none());
        }
        assert!(customers.index.get().is_none());
    }

    /// A temporary file damaged under hq is an I/O fault (exit 74), never an internal error.
    #[cfg(unix)]
    #[test]
    fn a_damaged_temporary_file_is_an_io_error() {
        use std::os::unix::fs::FileExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("env.toml");
        std::fs::write(
            &path,
            format!(
                "version = \"10.0.40\"\n\n{}{}",
                customer("a1"),
                customer("b2")
            ),
        )
        .unwrap();
        let (_, _, customers) = read(&path).unwrap();
        let len = customers.checked.metadata().unwrap().len();
        customers.checked.write_at(b"}}}}", len - 4).unwrap();
        let e = customers.iter().find_map(Result::err).unwrap();
        assert_eq!(e.kind, ErrorKind::Io);
        assert!(e.message.contains("does not read back"), "{}", e.message);
        let e = customers.get("b2").unwrap_err();
        assert_eq!(e.kind, ErrorKind::Io);
    }

    #[test]
    fn customers_come_back_in_key_order_as_checked_whatever_the_file_becomes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("env.toml");
        let head = "version = \"10.0.40\"\n\n";
        std::fs::write(
            &path,
            format!(
                "{head}{}{}{}",
                customer("c2"),
                customer("B1"),
                customer("a3")
            ),
        )
        .unwrap();
        let (file, _, customers) = read(&path).unwrap();
        assert!(file.customers.is_empty());
        let order: Vec<String> = customers.iter().map(|c| c.unwrap().account).collect();
        assert_eq!(order, ["a3", "B1", "c2"]);
        assert_eq!(customers.get("b1").unwrap().unwrap().account, "B1");
        assert!(customers.get("d4").unwrap().is_none());
        // Another customer where one was, then the file gone: what was checked is what is
        // read back (it was read once, as it was).
        std::fs::write(
            &path,
            format!(
                "{head}{}{}{}",
                customer("c2"),
                customer("a3"),
                customer("X9")
            ),
        )
        .unwrap();
        std::fs::remove_file(&path).unwrap();
        let again: Vec<String> = customers.iter().map(|c| c.unwrap().account).collect();
        assert_eq!(again, order);
        // Each as the file gave it, normalized as before.
        let b1 = customers.get("B1").unwrap().unwrap();
        assert_eq!(
            (b1.last_name.as_deref(), b1.group.as_str()),
            (Some("L"), "30")
        );
    }
}
