//! The forms of an invoice's page, empty or as posted and refused: drawn by
//! the page, read by the steps.

use serde::{Deserialize, Serialize};

/// Every form of the invoice page: empty, or as posted and refused.
#[derive(Debug, Default, Serialize)]
pub struct Forms {
    pub recompute: Bare,
    pub issue: IssueForm,
    pub void: ReasonForm,
    pub pay: PayForm,
    pub credit: CreditForm,
    pub email: EmailForm,
    pub restate: ReasonForm,
}

/// A form with nothing to fill in but its token.
#[derive(Debug, Default, Deserialize, Serialize)]
pub struct Bare {
    #[serde(default, skip_serializing)]
    pub(super) csrf: String,
    #[serde(skip_deserializing)]
    pub errors: Vec<String>,
}

#[derive(Debug, Default, Deserialize, Serialize)]
pub struct IssueForm {
    #[serde(default, skip_serializing)]
    pub(super) csrf: String,
    /// Why the invoice goes out although its figures are disputed.
    #[serde(default)]
    pub dispute_override: String,
    #[serde(skip_deserializing)]
    pub errors: Vec<String>,
}

#[derive(Debug, Default, Deserialize, Serialize)]
pub struct ReasonForm {
    #[serde(default, skip_serializing)]
    pub(super) csrf: String,
    #[serde(default)]
    pub reason: String,
    #[serde(skip_deserializing)]
    pub errors: Vec<String>,
}

#[derive(Debug, Default, Deserialize, Serialize)]
pub struct PayForm {
    #[serde(default, skip_serializing)]
    pub(super) csrf: String,
    #[serde(default)]
    pub paid_on: String,
    /// As typed: `1060.00`.
    #[serde(default)]
    pub amount: String,
    #[serde(default)]
    pub reference: String,
    #[serde(skip_deserializing)]
    pub errors: Vec<String>,
}

/// The lines chosen by the numbers the document prints, and why.
#[derive(Debug, Default, Serialize)]
pub struct CreditForm {
    pub reason: String,
    pub lines: Vec<usize>,
    pub errors: Vec<String>,
}

#[derive(Debug, Default, Deserialize, Serialize)]
pub struct EmailForm {
    #[serde(default, skip_serializing)]
    pub(super) csrf: String,
    /// Addresses separated by commas; the vendor's billing address when empty.
    #[serde(default)]
    pub to: String,
    #[serde(default)]
    pub cc: String,
    #[serde(default)]
    pub language: String,
    /// Names this form as drawn: posting it twice queues one mail.
    #[serde(default)]
    pub request: String,
    #[serde(skip_deserializing)]
    pub errors: Vec<String>,
}
