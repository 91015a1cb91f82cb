//! Invoices, payments, credit notes and the number series.
//!
//! Money is stored as minor units beside the currency; this module and
//! [`money`] are where amounts cross between `Decimal` and the database.
//! Each job has its own file; everything is re-exported here, so callers
//! name it as `store::invoices::…` whichever file holds it.

mod credit_notes;
mod lifecycle;
pub mod money;
mod numbers;
mod parties;
mod payments;
mod read;

pub use credit_notes::*;
pub use lifecycle::*;
pub use numbers::*;
pub use parties::*;
pub use payments::*;
pub use read::*;

use super::StoreError;
use crate::domain::message::msg;

/// The invoice was changed by someone else between reading and writing it.
fn changed_meanwhile(changed: usize) -> Result<(), StoreError> {
    if changed == 0 {
        return Err(StoreError::Conflict {
            field: "status",
            message: msg!("error-invoice-changed"),
        });
    }
    Ok(())
}
