//! `hq seed`: what was added.

use super::Ui;
use crate::error::Result;
use crate::ops::seed::SeedReport;

pub(crate) fn print_seeded(ui: &Ui, r: &SeedReport) -> Result<()> {
    let mut fields = vec![
        ("Seed", r.seed.to_string()),
        ("Customers", r.customers.to_string()),
        (
            "Accounts",
            format!(
                "{} to {}",
                r.first_account.as_deref().unwrap_or("-"),
                r.last_account.as_deref().unwrap_or("-")
            ),
        ),
        ("Stores", r.stores.join(", ")),
    ];
    if !r.client_books.is_empty() {
        let books: Vec<String> = r
            .client_books
            .iter()
            .map(|b| {
                format!(
                    "{} ({}, {})",
                    b.book,
                    b.worker,
                    crate::domain::fix::count(b.customers, "customers")
                )
            })
            .collect();
        fields.push(("Client books", books.join(", ")));
        fields.push(("Activities", r.activities.to_string()));
    }
    ui.print_fields(&fields)
}
