//! Exact decimals at the JSON edge: amounts, rates and percentages travel as
//! strings (`"6000.00"`, `"0.35"`); a JSON number is refused, because a float
//! cannot carry a cent exactly.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::de::{self, Visitor};
use serde::{Deserializer, Serializer};

use super::message::{Explain, Message, msg};

/// Most decimal places kept for a rate, a unit price or a percentage.
pub const MAX_SCALE: u32 = 6;

/// Serializes as a string, keeping the scale it was written with ("6000.00" stays "6000.00").
pub fn serialize<S: Serializer>(value: &Decimal, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_str(value)
}

/// Deserializes from a string only.
pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Decimal, D::Error> {
    deserializer.deserialize_any(DecimalString {
        max_scale: MAX_SCALE,
    })
}

/// Reads a decimal written as the API takes it, whether it came in JSON or in
/// a page's form: digits with an optional minus sign and decimal point (no
/// exponent, no thousands separators), at most `max_scale` places.
pub fn parse(raw: &str, max_scale: u32) -> Result<Decimal, DecimalError> {
    let text = raw.trim();
    let digits = text.strip_prefix('-').unwrap_or(text);
    let plain = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit() || b == b'.');
    let value = plain
        .then(|| Decimal::from_str(text).ok())
        .flatten()
        .ok_or_else(|| DecimalError::Malformed(raw.to_owned()))?;
    if value.scale() > max_scale {
        return Err(DecimalError::TooManyPlaces(max_scale));
    }
    Ok(value)
}

/// Why a decimal in a body was refused. It reaches the API as serde's error
/// text, which carries only words: [`DecimalError::read_back`] finds the
/// refusal again in them.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecimalError {
    #[error("'{0}' is not a decimal number such as \"6000.00\"")]
    Malformed(String),
    #[error("at most {0} decimal places")]
    TooManyPlaces(u32),
    #[error("send decimals as strings, such as \"6000.00\", not as JSON numbers")]
    Number,
}

impl DecimalError {
    /// The refusal whose `Display` is `text`, if it is one.
    pub fn read_back(text: &str) -> Option<Self> {
        if text == Self::Number.to_string() {
            return Some(Self::Number);
        }
        if let Some(places) = text
            .strip_prefix("at most ")
            .and_then(|rest| rest.strip_suffix(" decimal places"))
        {
            return places.parse().ok().map(Self::TooManyPlaces);
        }
        text.strip_prefix('\'')
            .and_then(|rest| rest.strip_suffix("' is not a decimal number such as \"6000.00\""))
            .map(|raw| Self::Malformed(raw.to_owned()))
    }
}

impl Explain for DecimalError {
    fn message(&self) -> Message {
        match self {
            Self::Malformed(raw) => msg!("error-decimal-malformed", raw = raw),
            Self::TooManyPlaces(max) => msg!("error-decimal-places", max = *max),
            Self::Number => msg!("error-decimal-number"),
        }
    }
}

/// A decimal string with at most `max_scale` places.
struct DecimalString {
    max_scale: u32,
}

impl Visitor<'_> for DecimalString {
    type Value = Decimal;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a decimal string such as \"6000.00\"")
    }

    fn visit_str<E: de::Error>(self, raw: &str) -> Result<Decimal, E> {
        parse(raw, self.max_scale).map_err(E::custom)
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Decimal, E> {
        Err(E::custom(DecimalError::Number))
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Decimal, E> {
        self.visit_f64(0.0)
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Decimal, E> {
        self.visit_f64(0.0)
    }
}

/// The same, for optional fields: `#[serde(default, with = "decimal::option")]`.
pub mod option {
    use super::*;

    pub fn serialize<S: Serializer>(
        value: &Option<Decimal>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(value) => serializer.collect_str(value),
            None => serializer.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Decimal>, D::Error> {
        deserialize_with(deserializer, MAX_SCALE)
    }

    pub(super) fn deserialize_with<'de, D: Deserializer<'de>>(
        deserializer: D,
        max_scale: u32,
    ) -> Result<Option<Decimal>, D::Error> {
        struct Maybe(u32);
        impl<'de> Visitor<'de> for Maybe {
            type Value = Option<Decimal>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a decimal string or null")
            }
            fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
                d.deserialize_any(DecimalString { max_scale: self.0 })
                    .map(Some)
            }
        }
        deserializer.deserialize_option(Maybe(max_scale))
    }
}

/// Computed values at full precision: the exact amount of a line before
/// rounding (`286000/31` is `9225.8064516129032258064516`), a base pro rata
/// to days. Written by kefu, never taken from a user, and read back exactly.
pub mod exact {
    use super::*;

    /// The same, for optional fields: `#[serde(default, with = "decimal::exact::option")]`.
    pub mod option {
        use super::*;

        pub use crate::domain::decimal::option::serialize;

        pub fn deserialize<'de, D: Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Option<Decimal>, D::Error> {
            super::super::option::deserialize_with(deserializer, Decimal::MAX_SCALE)
        }
    }
}

/// How a decimal travels, for the OpenAPI document: a string of digits with an
/// optional sign and fraction. (Input takes at most [`MAX_SCALE`] places, and
/// surrounding spaces; answers never carry either.)
pub struct Text;

impl utoipa::PartialSchema for Text {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .pattern(Some(r"^-?[0-9]+(\.[0-9]+)?$"))
            .examples([serde_json::json!("6000.00")])
            .description(Some(
                "An exact decimal as a string, e.g. \"6000.00\"; at most 6 decimal places are taken.",
            ))
            .into()
    }
}

impl utoipa::ToSchema for Text {
    fn name() -> std::borrow::Cow<'static, str> {
        "Decimal".into()
    }
}

/// Whether `value` is a percentage: 0 to 100 inclusive.
pub fn is_percent(value: Decimal) -> bool {
    value >= Decimal::ZERO && value <= Decimal::ONE_HUNDRED
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use serde::{Deserialize, Serialize};

    use super::*;

    #[derive(Debug, Deserialize, Serialize)]
    struct Price {
        #[serde(with = "super")]
        amount: Decimal,
    }

    proptest! {
        /// Any amount kefu accepts comes back as the very string it was sent as.
        #[test]
        fn decimals_round_trip_exactly(mantissa in -1_000_000_000_000_000i64..1_000_000_000_000_000, scale in 0u32..=MAX_SCALE) {
            let amount = Decimal::new(mantissa, scale);
            let json = serde_json::to_string(&Price { amount }).unwrap();
            let back: Price = serde_json::from_str(&json).unwrap();
            prop_assert_eq!(back.amount, amount);
            prop_assert_eq!(back.amount.to_string(), amount.to_string());
            prop_assert_eq!(back.amount.scale(), scale);
        }
    }

    fn parse(json: &str) -> Result<Decimal, String> {
        serde_json::from_str::<Price>(json)
            .map(|p| p.amount)
            .map_err(|e| e.to_string())
    }

    #[test]
    fn strings_keep_their_scale_and_numbers_are_refused() {
        assert_eq!(
            parse(r#"{"amount": "6000.00"}"#)
                .map(|d| d.to_string())
                .as_deref(),
            Ok("6000.00")
        );
        assert!(
            parse(r#"{"amount": 6000.5}"#)
                .unwrap_err()
                .contains("as strings")
        );
        assert!(
            parse(r#"{"amount": 6000}"#)
                .unwrap_err()
                .contains("as strings")
        );
        assert!(parse(r#"{"amount": "1e3"}"#).is_err());
        assert!(
            parse(r#"{"amount": "0.1234567"}"#)
                .unwrap_err()
                .contains("decimal places")
        );
    }

    #[test]
    fn each_refusal_is_found_again_in_its_words() {
        for refusal in [
            DecimalError::Malformed("1e3".into()),
            DecimalError::Malformed("it's 'x'".into()),
            DecimalError::TooManyPlaces(MAX_SCALE),
            DecimalError::Number,
        ] {
            assert_eq!(
                DecimalError::read_back(&refusal.to_string()),
                Some(refusal.clone()),
                "{refusal}"
            );
        }
        assert_eq!(DecimalError::read_back("must not be negative"), None);
    }
}
