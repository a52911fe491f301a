//! Tables for people: no borders, bold headers on a terminal, no trailing blanks.

use comfy_table::{Cell, ContentArrangement};

pub(crate) struct Table {
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
}

/// The gap between columns.
const GAP: usize = 2;

impl Table {
    /// The width each column is cut to (none: as wide as its content) for the table to fit in
    /// `width`: the widest column but the first gives way first. A table that cannot fit is
    /// cut as far as the floors allow.
    fn caps(&self, width: usize) -> Vec<Option<usize>> {
        let n = self.headers.len();
        let natural: Vec<usize> = (0..n)
            .map(|i| {
                self.rows
                    .iter()
                    .filter_map(|r| r.get(i))
                    .chain(std::iter::once(&self.headers[i]))
                    .map(|c| console::measure_text_width(c))
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        // A column is never cut below its heading, nor below 10 characters (a date, a code).
        let floor: Vec<usize> = self
            .headers
            .iter()
            .zip(&natural)
            .map(|(h, nat)| console::measure_text_width(h).max((*nat).min(10)))
            .collect();
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
    /// first (the row's key) are cut with `…`, none below its heading or 8 characters.
    pub(crate) fn render(&self, color: bool, width: Option<usize>) -> String {
        // One column short of the terminal, so that a full line does not wrap.
        let caps = width
            .map(|w| self.caps(w.saturating_sub(1)))
            .unwrap_or_default();
        let cut = |i: usize, c: &str| -> String {
            match caps.get(i).copied().flatten() {
                Some(cap) => console::truncate_str(c, cap, "…").into_owned(),
                None => c.to_string(),
            }
        };
        let mut t = comfy_table::Table::new();
        t.load_style(comfy_table::presets::NOTHING)
            .set_content_arrangement(ContentArrangement::Disabled)
            .force_no_tty();
        t.set_header(self.headers.iter().map(Cell::new));
        for r in &self.rows {
            t.add_row(r.iter().enumerate().map(|(i, c)| cut(i, c)));
        }
        for col in t.column_iter_mut() {
            col.set_padding((0, 2));
        }
        let mut out = String::new();
        for (n, line) in t.to_string().lines().enumerate() {
            let line = line.trim_end();
            if n == 0 && color {
                // Each heading bold, the spaces between them plain (no padding inside the
                // escape codes).
                out.push_str(&self.bold_headings(line));
            } else {
                out.push_str(line);
            }
            out.push('\n');
        }
        out
    }

    /// The heading line with each heading in bold, in order.
    fn bold_headings(&self, line: &str) -> String {
        let bold = console::Style::new().bold().force_styling(true);
        let mut out = String::new();
        let mut rest = line;
        for h in &self.headers {
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
        let wide = sample().render(false, None);
        assert!(wide.lines().any(|l| l.chars().count() > 80), "{wide}");
        let fit = sample().render(false, Some(60));
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
        let t = sample().render(true, None);
        let first = t.lines().next().unwrap();
        assert!(first.contains("\u{1b}[1mACCOUNT\u{1b}[0m  "), "{first:?}");
        assert!(!first.contains("  \u{1b}[0m"), "{first:?}");
    }

    #[test]
    fn a_table_that_cannot_fit_is_cut_as_far_as_it_can_and_never_panics() {
        for w in [0, 1, 5, 20, 30] {
            let t = sample().render(false, Some(w));
            assert!(t.contains("100001"));
        }
    }
}
