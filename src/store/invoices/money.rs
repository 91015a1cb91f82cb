//! Amounts to and from minor units (fen), exactly.

use rust_decimal::Decimal;

use crate::store::StoreError;

/// An amount with at most `digits` places as minor units; anything finer is refused.
pub fn to_minor(amount: Decimal, digits: u32) -> Result<i64, StoreError> {
    let scaled = amount * Decimal::from(10i64.pow(digits));
    if !scaled.fract().is_zero() {
        return Err(StoreError::corrupt(format!(
            "{amount} has more places than the currency's minor unit"
        )));
    }
    i64::try_from(scaled).map_err(StoreError::corrupt)
}

pub fn from_minor(minor: i64, digits: u32) -> Decimal {
    Decimal::new(minor, digits)
}
