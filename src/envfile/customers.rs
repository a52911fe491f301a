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

use super::Source;
use crate::domain::envfile::{Customer, EnvFile, normalize_customer};
use crate::domain::record::Flat;
use crate::error::{ErrorKind, HqError, Result};

/// The customers of an environment file, by account.
pub(crate) struct Customers {
    name: String,
    path: PathBuf,
    /// In key order (the account in ASCII lower case, as the data file orders accounts).
    entries: Vec<Entry>,
    /// Every key, one after the other: an entry names its key by where it is in here (a
    /// string of its own would cost its allocation, twice the key).
    keys: String,
    /// Customers written inline (`customers = [...]`), parsed with the rest of the file.
    inline: Vec<Customer>,
    /// Each legal entity's country in the file, for what a customer's address leaves out.
    le_country: BTreeMap<String, String>,
    /// Each customer table as checked, as JSON (the environment file's shape), one after the
    /// other; an anonymous file, gone when it is closed.
    checked: std::fs::File,
}

/// Where a customer is, in 40 bytes: its `[[customers]]` table from `offset`, `len` bytes,
/// starting at line `line`, and its JSON in the checked file from `json_at`, `json_len` bytes;
/// or, with `len` [`INLINE`], the `offset`-th inline customer.
struct Entry {
    offset: u64,
    json_at: u64,
    len: u32,
    json_len: u32,
    line: u32,
    key_at: u32,
    key_len: u16,
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
pub(crate) fn read(path: &Path) -> Result<(EnvFile, Source, Customers)> {
    let name = path.display().to_string();
    let cannot = |e: std::io::Error| {
        HqError::new(ErrorKind::Io, format!("cannot read {name}: {e}"))
            .hinted("check the path and that you may read the file")
    };
    let file = std::fs::File::open(path).map_err(cannot)?;
    let mut reader = std::io::BufReader::with_capacity(1 << 16, file);
    let cannot_keep = |e: std::io::Error| {
        HqError::new(
            ErrorKind::Io,
            format!("cannot keep {name}'s customers in a temporary file: {e}"),
        )
        .hinted("check that the temporary folder (TMPDIR, else /tmp) exists, may be written and has space")
    };
    let mut checked =
        std::io::BufWriter::with_capacity(1 << 16, tempfile::tempfile().map_err(cannot_keep)?);
    let mut json_at = 0u64;
    let mut rest = String::new();
    let mut table = String::new();
    // The customer table being read: its offset and first line.
    let mut open: Option<(u64, u32)> = None;
    let mut entries: Vec<Entry> = Vec::new();
    let mut keys = String::new();
    let mut lex = Lex::Outside;
    let (mut line_no, mut offset) = (0u32, 0u64);
    let mut buf = Vec::new();
    // The rest of the file is kept without the customers' lines (a million customers' blank
    // lines would be a million tokens to parse), its lines placed by runs.
    let (mut runs, mut rest_lines, mut in_rest) = (Vec::new(), 0usize, false);
    let mut finish = |table: &mut String, open: &mut Option<(u64, u32)>| -> Result<()> {
        if let Some((at, line)) = open.take() {
            let cu = parse_customer(&name, table, line)?;
            let (key_at, key_len) = push_key(&mut keys, &cu.account);
            let json = serde_json::to_vec(&Flat(&cu)).map_err(|e| {
                HqError::internal(anyhow::anyhow!("{name}:{line}: customer as JSON: {e}"))
            })?;
            checked.write_all(&json).map_err(cannot_keep)?;
            entries.push(Entry {
                offset: at,
                json_at,
                len: u32::try_from(table.len()).unwrap_or(INLINE - 1),
                json_len: u32::try_from(json.len()).unwrap_or(u32::MAX),
                line,
                key_at,
                key_len,
            });
            json_at += json.len() as u64;
            table.clear();
        }
        Ok(())
    };
    loop {
        buf.clear();
        let n = reader.read_until(b'\n', &mut buf).map_err(cannot)?;
        if n == 0 {
            break;
        }
        line_no += 1;
        let line = std::str::from_utf8(&buf).map_err(|e| {
            let good = String::from_utf8_lossy(&buf[..e.valid_up_to()]);
            HqError::invalid(format!(
                "{name}:{line_no}:{}: not UTF-8 text (byte 0x{:02x}); an environment file is UTF-8",
                good.chars().count() + 1,
                buf[e.valid_up_to()]
            ))
            .hinted("save the file as UTF-8")
        })?;
        if lex == Lex::Outside
            && let Some(header) = Header::of(line)
        {
            if header.top != "customers" {
                finish(&mut table, &mut open)?;
            } else if header.array && header.depth == 1 {
                finish(&mut table, &mut open)?;
                open = Some((offset, line_no));
            }
            // A customer's own table (`[customers.financial_dimensions]`) goes on with it.
        }
        if open.is_some() {
            table.push_str(line);
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
    finish(&mut table, &mut open)?;
    let lines = super::Lines(runs);
    let mut file: EnvFile = super::parse_mapped(&name, &rest, &|l| lines.file_line(l))?;
    let source = Source::of_part(name.clone(), rest, lines);
    let inline = std::mem::take(&mut file.customers);
    if !inline.is_empty() && !entries.is_empty() {
        let place = source.place("customers", None, None, None);
        return Err(crate::domain::refuse::customers_written_twice(&place).into());
    }
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
        });
    }
    let checked = checked
        .into_inner()
        .map_err(|e| cannot_keep(e.into_error()))?;
    let key_of = |e: &Entry| &keys[e.key_at as usize..e.key_at as usize + e.key_len as usize];
    // By key, and the same key by its place in the file (the second is the one refused).
    entries.sort_unstable_by(|a, b| key_of(a).cmp(key_of(b)).then(a.offset.cmp(&b.offset)));
    let twice = entries
        .windows(2)
        .position(|w| key_of(&w[0]) == key_of(&w[1]))
        .map(|i| i + 1);
    entries.shrink_to_fit();
    keys.shrink_to_fit();
    let customers = Customers {
        name,
        path: path.to_path_buf(),
        entries,
        keys,
        inline,
        le_country: file.legal_entity_countries(),
        checked,
    };
    if let Some(twice) = twice.map(|i| &customers.entries[i]) {
        let account = customers.get_at(twice)?.account;
        let place = customers.place(twice, Some("account"), &source);
        return Err(crate::domain::refuse::declared_twice(&place, "customers", &account).into());
    }
    Ok((file, source, customers))
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
    fn key_of(&self, e: &Entry) -> &str {
        &self.keys[e.key_at as usize..e.key_at as usize + e.key_len as usize]
    }

    /// The customer whose account is `account` (any case), normalized as the file's values
    /// are compared.
    pub(crate) fn get(&self, account: &str) -> Result<Option<Customer>> {
        let k = key(account);
        match self
            .entries
            .binary_search_by(|e| self.key_of(e).cmp(k.as_str()))
        {
            Ok(i) => Ok(Some(self.get_at(&self.entries[i])?)),
            Err(_) => Ok(None),
        }
    }

    /// Every customer in account order (as [`get`](Self::get) gives them).
    pub(crate) fn iter(&self) -> impl Iterator<Item = Result<Customer>> + '_ {
        let mut buf = Vec::new();
        self.entries.iter().map(move |e| self.read_at(e, &mut buf))
    }

    fn get_at(&self, e: &Entry) -> Result<Customer> {
        self.read_at(e, &mut Vec::new())
    }

    /// A customer as it was checked (from the checked file's JSON), normalized.
    fn read_at(&self, e: &Entry, buf: &mut Vec<u8>) -> Result<Customer> {
        let mut cu = match e.at() {
            At::Inline(i) => self.inline[i].clone(),
            At::Table { line, .. } => {
                buf.resize(e.json_len as usize, 0);
                read_exact_at(&self.checked, buf, e.json_at).map_err(|e| {
                    HqError::new(
                        ErrorKind::Io,
                        format!(
                            "cannot read {}'s customers back from a temporary file: {e}",
                            self.name
                        ),
                    )
                })?;
                serde_json::from_slice::<Customer>(buf).map_err(|err| {
                    HqError::internal(anyhow::anyhow!(
                        "{}:{line}: the customer checked there does not read back: {err}",
                        self.name
                    ))
                })?
            }
        };
        normalize_customer(&mut cu, &self.le_country);
        Ok(cu)
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
        match self.entries.iter().find(|e| self.key_of(e) == k) {
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
