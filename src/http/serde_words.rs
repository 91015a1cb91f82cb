//! serde's refusals of a body or a query, as messages. serde hands over its
//! reasons as English text only; its own shapes (`missing field `x``,
//! `unknown variant …`, `invalid type: …`) are read here, and ours (a decimal,
//! a month, a tagged body's tag) are found again by the types that wrote them.
//! The English texts in the catalogue are serde's own words, so the English
//! API reads as it always did; what no shape here knows is passed on as it is.

use crate::domain::decimal::DecimalError;
use crate::domain::message::{Explain, Message, listed, msg};
use crate::domain::period::BadPeriod;
use crate::domain::tagged::TagError;

/// The message for serde's `text` about one field.
pub fn explain(text: &str) -> Message {
    ours(text)
        .or_else(|| shaped(text))
        .or_else(|| numbers_and_dates(text))
        .unwrap_or_else(|| msg!("error-json-other", detail = text))
}

fn ours(text: &str) -> Option<Message> {
    if text == BadPeriod.to_string() {
        return Some(BadPeriod.message());
    }
    DecimalError::read_back(text)
        .map(|e| e.message())
        .or_else(|| TagError::read_back(text).map(|e| e.message()))
}

/// The shapes of `serde::de::Error`'s own messages.
fn shaped(text: &str) -> Option<Message> {
    if let Some(field) = quoted_whole(text, "missing field ") {
        return Some(msg!("error-json-missing-field", field = field));
    }
    if let Some(field) = quoted_whole(text, "duplicate field ") {
        return Some(msg!("error-json-duplicate-field", field = field));
    }
    if let Some((field, expected)) = quoted_then(text, "unknown field ") {
        return Some(match one_of(expected) {
            Some(names) => msg!(
                "error-json-unknown-field",
                field = field,
                expected = expected,
                names = names
            ),
            None => msg!("error-json-no-fields", field = field),
        });
    }
    if let Some((found, expected)) = quoted_then(text, "unknown variant ") {
        let names = one_of(expected)?;
        return Some(msg!(
            "error-json-unknown-variant",
            found = found,
            expected = expected,
            names = names
        ));
    }
    if let Some((found, expected)) = text
        .strip_prefix("invalid type: ")
        .and_then(|rest| rest.split_once(", expected "))
    {
        return Some(msg!(
            "error-json-invalid-type",
            found = unexpected(found),
            expected = expected_word(expected)
        ));
    }
    if let Some((found, expected)) = text
        .strip_prefix("invalid value: ")
        .and_then(|rest| rest.split_once(", expected "))
    {
        return Some(msg!(
            "error-json-invalid-value",
            found = unexpected(found),
            expected = expected_word(expected)
        ));
    }
    let (length, expected) = text
        .strip_prefix("invalid length ")?
        .split_once(", expected ")?;
    Some(msg!(
        "error-json-invalid-length",
        length = length,
        expected = expected_word(expected)
    ))
}

/// `prefix` then a `quoted` name and nothing more.
fn quoted_whole<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    text.strip_prefix(prefix)?
        .strip_prefix('`')?
        .strip_suffix('`')
        .filter(|name| !name.contains('`'))
}

/// `prefix` then a `quoted` name, then `, ` and the rest.
fn quoted_then<'a>(text: &'a str, prefix: &str) -> Option<(&'a str, &'a str)> {
    text.strip_prefix(prefix)?
        .strip_prefix('`')?
        .split_once("`, ")
}

/// serde's list of names (`` `a` ``, `` `a` or `b` ``, `` one of `a`, `b` ``),
/// as the reader lists things; `None` for "there are no …".
fn one_of(expected: &str) -> Option<Message> {
    let list = expected
        .strip_prefix("expected ")?
        .trim_start_matches("one of ");
    let names = list
        .split(['`'])
        .enumerate()
        .filter(|(i, _)| i % 2 == 1)
        .map(|(_, name)| msg!("word-as-is", text = name));
    listed(names)
}

/// What serde found, from its `Unexpected` text.
fn unexpected(found: &str) -> Message {
    let between_ticks = |prefix: &str| {
        found
            .strip_prefix(prefix)
            .and_then(|rest| rest.strip_prefix('`'))
            .and_then(|rest| rest.strip_suffix('`'))
    };
    if let Some(value) = found.strip_prefix("string ") {
        return msg!("json-found-string", value = value);
    }
    if let Some(value) = between_ticks("integer ") {
        return msg!("json-found-integer", value = value);
    }
    if let Some(value) = between_ticks("floating point ") {
        return msg!("json-found-float", value = value);
    }
    if let Some(value) = between_ticks("boolean ") {
        return msg!("json-found-boolean", value = value);
    }
    match found {
        "null" => msg!("json-found-null"),
        "unit value" => msg!("json-found-unit"),
        "sequence" => msg!("json-found-sequence"),
        "map" => msg!("json-found-map"),
        other => msg!("word-as-is", text = other),
    }
}

/// What serde expected, from a type's `expecting` text.
fn expected_word(expected: &str) -> Message {
    match expected {
        "a string" => msg!("json-expected-string"),
        "a boolean" => msg!("json-expected-boolean"),
        "a sequence" => msg!("json-expected-sequence"),
        "u8" | "u16" | "u32" | "u64" | "usize" => msg!("json-expected-unsigned", name = expected),
        "i8" | "i16" | "i32" | "i64" | "isize" => msg!("json-expected-integer", name = expected),
        "a decimal string such as \"6000.00\"" => msg!("json-expected-decimal"),
        "a decimal string or null" => msg!("json-expected-decimal-or-null"),
        "a formatted date string" => msg!("json-expected-date"),
        other if other.starts_with("struct ") || other == "a map" => {
            msg!("json-expected-object", name = other)
        }
        other => msg!("word-as-is", text = other),
    }
}

/// What a number or a date that would not parse says (chrono, `str::parse`).
fn numbers_and_dates(text: &str) -> Option<Message> {
    match text {
        "invalid digit found in string"
        | "cannot parse integer from empty string"
        | "number too large to fit in target type"
        | "number too small to fit in target type" => {
            Some(msg!("error-json-integer", detail = text))
        }
        "provided string was not `true` or `false`" => {
            Some(msg!("error-json-boolean", detail = text))
        }
        "input contains invalid characters"
        | "premature end of input"
        | "input is out of range"
        | "trailing input"
        | "input is not enough for unique date and time"
        | "no possible date and time matching input"
        | "bad or unsupported format string" => Some(msg!("error-json-date", detail = text)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::Language;

    /// serde's words for each shape, from the types kefu reads.
    fn refusal_of<T: serde::de::DeserializeOwned>(json: &str) -> String {
        let error = serde_json::from_str::<T>(json).err().map(|e| e.to_string());
        let text = error.unwrap_or_default();
        text.split(" at line ")
            .next()
            .unwrap_or_default()
            .to_owned()
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[expect(dead_code, reason = "only deserialized")]
    struct Body {
        name: String,
        seats: u32,
        day: Option<chrono::NaiveDate>,
        role: Option<crate::domain::Role>,
    }

    #[test]
    fn english_reads_as_serde_wrote_it_and_chinese_is_chinese() {
        for json in [
            r#"{"seats": 1}"#,
            r#"{"name": "a", "seats": 1, "tenant_id": 2}"#,
            r#"{"name": "a", "seats": -1}"#,
            r#"{"name": 5, "seats": 1}"#,
            r#"{"name": "a", "seats": 1, "role": "king"}"#,
            r#"{"name": "a", "seats": 1, "day": "31.10.2026"}"#,
            r#"{"name": "a", "name": "b", "seats": 1}"#,
        ] {
            let text = refusal_of::<Body>(json);
            let message = explain(&text);
            assert_ne!(message.id(), "error-json-other", "{json}: {text}");
            assert_eq!(Language::En.message(&message), text, "{json}");
            let chinese = Language::Zh.message(&message);
            assert!(
                chinese
                    .chars()
                    .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{json}: {chinese}"
            );
        }
    }

    #[test]
    fn our_own_refusals_are_found_again() {
        assert_eq!(explain(&BadPeriod.to_string()), BadPeriod.message());
        let places = DecimalError::TooManyPlaces(6);
        assert_eq!(explain(&places.to_string()), places.message());
        assert_eq!(
            explain(&TagError::NotString.to_string()).id(),
            "error-tag-not-string"
        );
    }

    #[test]
    fn what_no_shape_knows_is_passed_on() {
        let message = explain("something new");
        assert_eq!(Language::En.message(&message), "something new");
    }
}
