//! Tables for client books, the customer card, timelines and notes.

use super::{Table, Ui};
use crate::domain::clienteling::{ClientBook, Note};
use crate::error::Result;
use crate::ops::clienteling::{BookDetail, Timeline};
use crate::pos::{BookView, Card};

fn dash(v: &Option<String>) -> String {
    v.clone().unwrap_or_else(|| "-".into())
}

pub(crate) fn print_book_view(ui: &Ui, v: &BookView) -> Result<()> {
    if v.books.is_empty() {
        ui.status("No client book yet: adding a customer creates one.");
        return Ok(());
    }
    // With dates coming up, in how many days comes first.
    let upcoming = v.customers.iter().any(|c| c.days_until.is_some());
    let mut heads = vec![
        "ACCOUNT",
        "NAME",
        "CLIENT BOOK",
        "EMAIL",
        "PHONE",
        "ATTRIBUTES",
    ];
    if upcoming {
        heads.insert(0, "IN DAYS");
    }
    let mut t = Table::new(&heads);
    for c in &v.customers {
        let attrs: Vec<String> = c
            .attributes
            .iter()
            .map(|a| format!("{}={}", a.name, a.value))
            .collect();
        let mut row = vec![
            c.account.clone(),
            c.name.clone(),
            dash(&c.client_book),
            dash(&c.email),
            dash(&c.phone),
            if attrs.is_empty() {
                "-".into()
            } else {
                attrs.join(", ")
            },
        ];
        if upcoming {
            row.insert(
                0,
                match c.days_until {
                    Some(0) => "today".to_string(),
                    Some(n) => n.to_string(),
                    None => "-".to_string(),
                },
            );
        }
        t.row(row);
    }
    ui.print_table(t)
}

pub(crate) fn print_card(ui: &Ui, c: &Card) -> Result<()> {
    let mut fields = vec![
        ("Account", c.account.clone()),
        ("Name", c.name.clone()),
        ("Email", dash(&c.email)),
        ("Phone", dash(&c.phone)),
        ("Address", dash(&c.address)),
    ];
    // Alone, the client book is headquarters' to say: not shown as "none".
    if c.without_headquarters.is_empty() {
        fields.push(("Client book", dash(&c.client_book)));
    } else {
        fields.push((
            "Client book",
            "(not known without headquarters)".to_string(),
        ));
    }
    let props: Vec<(String, String)> = c
        .properties
        .iter()
        .map(|p| (p.label.clone(), dash(&p.value)))
        .collect();
    for (n, v) in &props {
        fields.push((n.as_str(), v.clone()));
    }
    ui.print_fields(&fields)
}

pub(crate) fn print_timeline(ui: &Ui, t: &Timeline) -> Result<()> {
    let mut table = Table::new(&["WHEN", "KIND", "TYPE", "WORKER", "TEXT"]);
    for e in &t.entries {
        table.row(vec![
            e.at.clone(),
            e.kind.to_string(),
            e.activity_type.clone().unwrap_or_else(|| "-".into()),
            e.worker.clone(),
            e.text.clone(),
        ]);
    }
    ui.print_table(table)
}

pub(crate) fn print_notes(ui: &Ui, notes: &[Note]) -> Result<()> {
    let mut table = Table::new(&["WHEN", "WORKER", "NOTE"]);
    for n in notes {
        table.row(vec![n.at.clone(), n.worker.clone(), n.text.clone()]);
    }
    ui.print_table(table)
}

pub(crate) fn print_books(ui: &Ui, books: &[ClientBook]) -> Result<()> {
    let mut t = Table::new(&[
        "CLIENT BOOK",
        "WORKER",
        "LEGAL ENTITY",
        "CUSTOMERS",
        "CREATED",
    ]);
    for b in books {
        t.row(vec![
            b.id.clone(),
            b.worker.clone(),
            b.legal_entity.clone(),
            b.customer_count.to_string(),
            b.created_at.clone(),
        ]);
    }
    ui.print_table(t)
}

pub(crate) fn print_book(ui: &Ui, d: &BookDetail) -> Result<()> {
    let b = &d.book;
    ui.print_fields(&[
        ("Client book", b.id.clone()),
        ("Worker", b.worker.clone()),
        ("Legal entity", b.legal_entity.clone()),
        ("Created", b.created_at.clone()),
        ("Customers", b.customer_count.to_string()),
        (
            "Accounts",
            if d.customers.is_empty() {
                "-".into()
            } else {
                d.customers.join(", ")
            },
        ),
    ])
}
