//! Tables for people: no borders, bold headers on a terminal, no trailing blanks.

use comfy_table::{Cell, ContentArrangement};

pub(crate) struct Table {
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
}

/// The gap between columns.
const GAP: usize = 2;

/// A table rendered: its text, and the headings of the columns left out to fit.
pub(crate) struct Rendered {
    pub text: String,
    pub hidden: Vec<String>,
}

impl Table {
    /// Each column's natural width (its widest cell or heading).
    fn natural(&self) -> Vec<usize> {
        (0..self.headers.len())
            .map(|i| {
                self.rows
                    .iter()
                    .filter_map(|r| r.get(i))
                    .chain(std::iter::once(&self.headers[i]))
                    .map(|c| console::measure_text_width(c))
                    .max()
                    .unwrap_or(0)
            })
            .collect()
    }

    /// A column is never cut below its heading, nor below 10 characters (a date, a code).
    fn floor(&self, natural: &[usize]) -> Vec<usize> {
        self.headers
            .iter()
            .zip(natural)
            .map(|(h, nat)| console::measure_text_width(h).max((*nat).min(10)))
            .collect()
    }

    /// The columns shown in `width`: all when their floors fit, else the first (the key) and
    /// as many after it, left to right, as fit (the columns that matter come first).
    fn shown(&self, width: usize) -> Vec<usize> {
        let natural = self.natural();
        let mut floor = self.floor(&natural);
        // The first column (the key) is never cut.
        if let (Some(f), Some(n)) = (floor.first_mut(), natural.first()) {
            *f = *n;
        }
        let mut keep: Vec<usize> = (0..self.headers.len()).collect();
        let total = |k: &[usize]| {
            k.iter().map(|i| floor[*i]).sum::<usize>() + GAP * k.len().saturating_sub(1)
        };
        while keep.len() > 1 && total(&keep) > width {
            keep.pop();
        }
        keep
    }

    /// The width each shown column (`keep`) is cut to (none: as wide as its content) for the
    /// table to fit in `width`: the widest column but the first gives way first. A table that
    /// cannot fit is cut as far as the floors allow.
    fn caps(&self, width: usize, keep: &[usize]) -> Vec<Option<usize>> {
        let all_natural = self.natural();
        let all_floor = self.floor(&all_natural);
        let natural: Vec<usize> = keep.iter().map(|i| all_natural[*i]).collect();
        let floor: Vec<usize> = keep.iter().map(|i| all_floor[*i]).collect();
        let n = keep.len();
        let mut widths = natural.clone();
        let total = |w: &[usize]| w.iter().sum::<usize>() + GAP * n.saturating_sub(1);
        while total(&widths) > width {
            let Some(i) = (1..n)
                .filter(|i| widths[*i] > floor[*i])
                .max_by_key(|i| widths[*i])
            else {
                break;
            };
            let over = total(&widths) - width;
            // Down to the next widest column's width, or as far as needed, or the floor.
            let next = (1..n)
                .filter(|j| *j != i)
                .map(|j| widths[j])
                .filter(|w| *w < widths[i])
                .max()
                .unwrap_or(0);
            let target = widths[i].saturating_sub(over).max(next).max(floor[i]);
            widths[i] = target.min(widths[i] - 1);
        }
        widths
            .iter()
            .zip(&natural)
            .map(|(w, nat)| (w < nat).then_some(*w))
            .collect()
    }

    pub(crate) fn new(headers: &[&str]) -> Table {
        Table {
            headers: headers.iter().map(|h| h.to_string()).collect(),
            rows: Vec::new(),
        }
    }

    /// A row; control, bidi and invisible characters in a cell are shown escaped.
    pub(crate) fn row(&mut self, cells: Vec<String>) {
        self.rows.push(
            cells
                .into_iter()
                .map(|c| crate::domain::validate::visible(&c))
                .collect(),
        );
    }

    /// The table as text; with a `width` (a terminal's) no wider: the widest columns but the
    /// first (the row's key) are cut with `…`, none below its heading or 10 characters; when
    /// even that is too wide, the last columns are left out (and named in `hidden`).
    /// `headings`: false leaves the heading line out (`--no-headers`, for scripts).
    pub(crate) fn render(&self, color: bool, width: Option<usize>, headings: bool) -> Rendered {
        // One column short of the terminal, so that a full line does not wrap.
        let keep: Vec<usize> = match width {
            Some(w) => self.shown(w.saturating_sub(1)),
            None => (0..self.headers.len()).collect(),
        };
        let caps = width
            .map(|w| self.caps(w.saturating_sub(1), &keep))
            .unwrap_or_default();
        let cut = |k: usize, c: &str| -> String {
            match caps.get(k).copied().flatten() {
                Some(cap) => console::truncate_str(c, cap, "…").into_owned(),
                None => c.to_string(),
            }
        };
        let mut t = comfy_table::Table::new();
        t.load_style(comfy_table::presets::NOTHING)
            .set_content_arrangement(ContentArrangement::Disabled)
            .force_no_tty();
        let headers: Vec<&String> = keep.iter().map(|i| &self.headers[*i]).collect();
        if headings {
            t.set_header(headers.iter().map(Cell::new));
        }
        for r in &self.rows {
            t.add_row(
                keep.iter()
                    .enumerate()
                    .map(|(k, i)| cut(k, r.get(*i).map_or("", String::as_str))),
            );
        }
        for col in t.column_iter_mut() {
            col.set_padding((0, 2));
        }
        let mut out = String::new();
        for (n, line) in t.to_string().lines().enumerate() {
            let line = line.trim_end();
            if n == 0 && headings && color {
                // Each heading bold, the spaces between them plain (no padding inside the
                // escape codes).
                out.push_str(&self.bold_headings(line, &headers));
            } else {
                out.push_str(line);
            }
            out.push('\n');
        }
        let hidden = (0..self.headers.len())
            .filter(|i| !keep.contains(i))
            .map(|i| self.headers[i].clone())
            .collect();
        Rendered { text: out, hidden }
    }

    /// The heading line with each heading in bold, in order.
    fn bold_headings(&self, line: &str, headers: &[&String]) -> String {
        let bold = console::Style::new().bold().force_styling(true);
        let mut out = String::new();
        let mut rest = line;
        for h in headers {
            match rest.find(h.as_str()) {
                Some(at) => {
                    out.push_str(&rest[..at]);
                    out.push_str(&bold.apply_to(h).to_string());
                    rest = &rest[at + h.len()..];
                }
                None => break,
            }
        }
        out.push_str(rest);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::Table;

    fn sample() -> Table {
        let mut t = Table::new(&["ACCOUNT", "NAME", "EMAIL", "SINCE"]);
        t.row(vec![
            "100001".into(),
            "Augusta Ada King, Countess of Lovelace".into(),
            "ada.king.countess.of.lovelace@example.com".into(),
            "2026-11-30".into(),
        ]);
        t.row(vec![
            "100002".into(),
            "Grace Hopper".into(),
            "grace@example.com".into(),
            "2026-11-30".into(),
        ]);
        t
    }

    #[test]
    fn a_table_at_a_terminal_fits_cutting_its_widest_columns_but_the_first() {
        let wide = sample().render(false, None, true).text;
        assert!(wide.lines().any(|l| l.chars().count() > 80), "{wide}");
        let fit = sample().render(false, Some(60), true).text;
        for line in fit.lines() {
            assert!(line.chars().count() < 60, "{line:?} in\n{fit}");
        }
        // The key and the date are whole; the long values are cut with an ellipsis.
        assert!(fit.contains("100001"), "{fit}");
        assert!(fit.contains("2026-11-30"), "{fit}");
        assert!(fit.contains('…'), "{fit}");
        // Headings are never cut.
        assert!(fit.lines().next().unwrap().contains("EMAIL"), "{fit}");
    }

    #[test]
    fn headings_are_bold_without_the_spaces_between_them() {
        let t = sample().render(true, None, true).text;
        let first = t.lines().next().unwrap();
        assert!(first.contains("\u{1b}[1mACCOUNT\u{1b}[0m  "), "{first:?}");
        assert!(!first.contains("  \u{1b}[0m"), "{first:?}");
    }

    #[test]
    fn a_table_too_wide_for_its_floors_leaves_out_its_last_columns_and_says_which() {
        let r = sample().render(false, Some(40), true);
        for line in r.text.lines() {
            assert!(line.chars().count() < 40, "{line:?} in\n{}", r.text);
        }
        assert!(r.text.contains("100001"), "{}", r.text);
        assert_eq!(r.hidden, ["SINCE"]);
        // Whole at its width: nothing left out.
        assert!(sample().render(false, Some(200), true).hidden.is_empty());
    }

    #[test]
    fn without_headings_only_the_rows_are_printed() {
        let t = sample().render(false, None, false).text;
        assert!(!t.contains("ACCOUNT"), "{t}");
        assert_eq!(t.lines().count(), 2, "{t}");
        assert!(t.starts_with("100001"), "{t}");
    }

    #[test]
    fn a_table_that_cannot_fit_is_cut_as_far_as_it_can_and_never_panics() {
        for w in [0, 1, 5, 20, 30] {
            let t = sample().render(false, Some(w), true).text;
            assert!(t.contains("100001"));
        }
    }
}
