//! Tables for people: no borders, bold headers on a terminal, no trailing blanks.

use comfy_table::{Attribute, Cell, ContentArrangement};

pub(crate) struct Table {
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
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

    pub(crate) fn render(&self, color: bool) -> String {
        let mut t = comfy_table::Table::new();
        t.load_style(comfy_table::presets::NOTHING)
            .set_content_arrangement(ContentArrangement::Disabled);
        if color {
            // comfy-table styles only on a terminal unless told; `--color always` tells it.
            t.enforce_styling();
        } else {
            t.force_no_tty();
        }
        t.set_header(self.headers.iter().map(|h| {
            let cell = Cell::new(h);
            if color {
                cell.add_attribute(Attribute::Bold)
            } else {
                cell
            }
        }));
        for r in &self.rows {
            t.add_row(r.clone());
        }
        for col in t.column_iter_mut() {
            col.set_padding((0, 2));
        }
        let mut out = String::new();
        for line in t.to_string().lines() {
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }
}
