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
    serializer.collect_str(&Plain(*value))
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
            Some(value) => serializer.collect_str(&Plain(*value)),
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

/// A decimal as its `Display` writes it — every place of its scale, a minus
/// sign when negative (`-0.00` too), no exponent — without going through
/// `rust_decimal`'s general formatter, which divides the 96-bit mantissa once
/// per digit and pads the result: the engine writes a dozen decimals into the
/// formulas of every invoice.
#[derive(Debug, Clone, Copy)]
pub struct Plain(pub Decimal);

impl fmt::Display for Plain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut buffer = [0u8; PLAIN_MAX];
        f.write_str(plain(self.0, &mut buffer))
    }
}

/// Sign, 29 digits of mantissa, the point, and a leading zero; with room to spare.
const PLAIN_MAX: usize = 48;

/// Writes `value` right to left into the end of `buffer`; returns what was written.
fn plain(value: Decimal, buffer: &mut [u8; PLAIN_MAX]) -> &str {
    let (mut rest, mut places) = (value.mantissa().unsigned_abs(), value.scale() as usize);
    let mut at = buffer.len();
    // Most mantissas fit in 64 bits, whose division by ten is a
    // multiplication; a larger one's last digits are written until the rest fits.
    let high = loop {
        if let Ok(high) = u64::try_from(rest) {
            break high;
        }
        at -= 1;
        buffer[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if places == 1 {
            at -= 1;
            buffer[at] = b'.';
        }
        places = places.saturating_sub(1);
    };
    at = digits(high, places, buffer, at);
    if value.is_sign_negative() {
        at -= 1;
        buffer[at] = b'-';
    }
    // Only ASCII digits, a point and a sign were written.
    std::str::from_utf8(&buffer[at..]).unwrap_or_default()
}

/// Writes `value` with `scale` places (and a point before them), ending
/// before `end`; at least one digit before the point. Returns where it begins.
fn digits(mut value: u64, scale: usize, buffer: &mut [u8; PLAIN_MAX], end: usize) -> usize {
    let mut at = end;
    for _ in 0..scale {
        at -= 1;
        buffer[at] = b'0' + (value % 10) as u8;
        value /= 10;
    }
    if scale > 0 {
        at -= 1;
        buffer[at] = b'.';
    }
    loop {
        at -= 1;
        buffer[at] = b'0' + (value % 10) as u8;
        value /= 10;
        if value == 0 {
            return at;
        }
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
    fn plain_writes_what_display_writes() {
        let mut negative_zero = Decimal::new(0, 2);
        negative_zero.set_sign_negative(true);
        let cases = [
            (Decimal::new(600_000, 2), "6000.00"),
            (Decimal::new(5, 1), "0.5"),
            (Decimal::new(1, 6), "0.000001"),
            (Decimal::new(-125_000, 2), "-1250.00"),
            (Decimal::new(-5, 3), "-0.005"),
            (Decimal::new(0, 0), "0"),
            (Decimal::new(0, 2), "0.00"),
            // A negative zero keeps its sign, as `Display` writes it.
            (negative_zero, "-0.00"),
            (Decimal::new(1_234_567, 0), "1234567"),
            (Decimal::from(u64::MAX), "18446744073709551615"),
            // Above 64 bits: 286000/31 at 28 digits.
            (
                Decimal::from(286_000) / Decimal::from(31),
                "9225.806451612903225806451613",
            ),
            (Decimal::MAX, "79228162514264337593543950335"),
            (Decimal::MIN, "-79228162514264337593543950335"),
            (
                Decimal::from_i128_with_scale(1, 28),
                "0.0000000000000000000000000001",
            ),
            (
                Decimal::from_i128_with_scale(-79_228_162_514_264_337_593_543_950_335, 28),
                "-7.9228162514264337593543950335",
            ),
        ];
        for (value, written) in cases {
            assert_eq!(value.to_string(), written, "the example itself");
            assert_eq!(Plain(value).to_string(), written);
        }
    }

    proptest! {
        /// Any decimal, of any scale, reads the same either way.
        #[test]
        fn plain_is_display(low in any::<u32>(), mid in any::<u32>(), high in any::<u32>(), negative in any::<bool>(), scale in 0u32..=28) {
            let value = Decimal::from_parts(low, mid, high, negative, scale);
            prop_assert_eq!(Plain(value).to_string(), value.to_string());
        }
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
