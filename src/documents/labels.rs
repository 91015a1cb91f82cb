//! The fixed words of a document, read from the catalogue
//! (`locales/*/documents.ftl`) once per language: the renderings print many
//! of them on every page, so they are looked up once rather than each time.

use std::sync::LazyLock;

use serde::Serialize;

use crate::domain::billing::{LineKind, Rule};
use crate::domain::invoice::InvoiceStatus;

pub use crate::catalogue::Language;

impl Language {
    /// The fixed words of a document in this language.
    pub fn labels(self) -> &'static Labels {
        match self {
            Self::Zh => &ZH,
            Self::En => &EN,
        }
    }
}

static ZH: LazyLock<Labels> = LazyLock::new(|| Labels::load(Language::Zh));
static EN: LazyLock<Labels> = LazyLock::new(|| Labels::load(Language::En));

/// Declares `Labels` with one field per text and its loader, so that a
/// field and its id are written once, side by side.
macro_rules! labels {
    ($($field:ident = $id:literal,)*) => {
        /// Every fixed word a document or its exports print.
        #[derive(Debug, Serialize)]
        pub struct Labels {
            $(pub $field: String,)*
        }

        impl Labels {
            fn load(language: Language) -> Self {
                Self {
                    $($field: language.text($id, &[]),)*
                }
            }
        }
    };
}

labels! {
    invoice_title = "doc-invoice-title",
    adjustment_title = "doc-adjustment-title",
    credit_note_title = "doc-credit-note-title",
    draft = "doc-draft",
    void = "doc-void",
    number = "doc-number",
    period = "doc-period",
    issued_on = "doc-issued-on",
    due_on = "doc-due-on",
    currency = "doc-currency",
    contract = "doc-contract",
    refers_to = "doc-refers-to",
    reason = "doc-reason",
    seller = "doc-seller",
    buyer = "doc-buyer",
    credit_code = "doc-credit-code",
    address = "doc-address",
    bank = "doc-bank",
    account_name = "doc-account-name",
    account_number = "doc-account-number",
    position = "doc-position",
    item = "doc-item",
    kind = "doc-kind",
    quantity = "doc-quantity",
    unit_price = "doc-unit-price",
    amount = "doc-amount",
    detail = "doc-detail",
    subtotal = "doc-subtotal",
    tax = "doc-tax",
    total = "doc-total",
    total_in_words = "doc-total-in-words",
    warnings = "doc-warnings",
    notes = "doc-notes",
    status = "doc-status",
    vendor = "doc-vendor",
    lines = "doc-lines",
    invoices = "doc-invoices",
    paid = "doc-paid",
    credited = "doc-credited",
    balance = "doc-balance",
    charge = "line-kind-charge",
    penalty = "line-kind-penalty",
    bonus = "line-kind-bonus",
    cap = "line-kind-cap",
    not_deducted = "line-kind-not-deducted",
    clause_maximum = "line-clause-maximum",
    monthly_cap = "line-monthly-cap",
    annual_cap = "line-annual-cap",
    amount_due = "line-amount-due",
    late_escalation = "line-late-escalation",
    status_draft = "invoice-badge-draft",
    status_issued = "invoice-badge-issued",
    status_sent = "invoice-badge-sent",
    status_paid = "invoice-badge-paid",
    status_void = "invoice-badge-void",
}

impl Labels {
    /// What the kind column says of a line.
    pub fn line_kind(&self, kind: LineKind) -> &str {
        match kind {
            LineKind::Charge => &self.charge,
            LineKind::Penalty => &self.penalty,
            LineKind::Bonus => &self.bonus,
            LineKind::Cap => &self.cap,
            LineKind::NotDeducted => &self.not_deducted,
        }
    }

    /// The name of a cap or floor line.
    pub fn rule(&self, rule: Rule) -> &str {
        match rule {
            Rule::ClauseMaximum => &self.clause_maximum,
            Rule::MonthlyCap => &self.monthly_cap,
            Rule::AnnualCap => &self.annual_cap,
            Rule::AmountDue => &self.amount_due,
            Rule::Charge => &self.charge,
            Rule::Clause | Rule::Incident => &self.penalty,
            Rule::Bonus => &self.bonus,
        }
    }

    /// An invoice's status as the document's language says it.
    pub fn status(&self, status: InvoiceStatus) -> &str {
        match status {
            InvoiceStatus::Draft => &self.status_draft,
            InvoiceStatus::Issued => &self.status_issued,
            InvoiceStatus::Sent => &self.status_sent,
            InvoiceStatus::Paid => &self.status_paid,
            InvoiceStatus::Void => &self.status_void,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_label_is_in_the_catalogue_in_both_languages() {
        for language in Language::ALL {
            let labels = serde_json::to_value(language.labels()).unwrap_or_default();
            let fields = labels.as_object().map(|o| o.len()).unwrap_or_default();
            assert!(fields > 50, "{fields}");
            for (field, text) in labels.as_object().into_iter().flatten() {
                let text = text.as_str().unwrap_or_default();
                // A missing text prints as its id.
                let id_like = ["doc-", "line-", "invoice-badge-"]
                    .iter()
                    .any(|prefix| text.starts_with(prefix));
                assert!(
                    !text.is_empty() && !id_like,
                    "{field} in {language:?}: {text}"
                );
            }
        }
        assert_eq!(Language::Zh.labels().status(InvoiceStatus::Sent), "已发送");
        assert_eq!(Language::En.labels().status(InvoiceStatus::Sent), "Sent");
    }
}
