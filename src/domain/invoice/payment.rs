//! A payment received against an invoice.

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;

use crate::domain::ids::{PaymentId, UserId};

/// A payment received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payment {
    pub id: PaymentId,
    pub paid_on: NaiveDate,
    pub amount: Decimal,
    pub reference: String,
    pub recorded_by: Option<UserId>,
    pub recorded_at: DateTime<Utc>,
}
