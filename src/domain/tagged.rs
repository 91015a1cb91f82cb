//! Internally tagged enums (`{"kind": "fixed", …}`) whose bad fields keep their
//! names. serde reads such a body whole before choosing the variant, which loses
//! the path of a field that fails. Here, when the tag comes first the variant is
//! read from the rest of the body as it comes, its fields' paths those of the
//! input; when it comes later the body is read as a value first, and a failure
//! carries its path as `field `path`: message`, which the HTTP layer joins to
//! the path of the enum itself.

use std::fmt;
use std::marker::PhantomData;

use serde::Deserializer;
use serde::de::value::MapAccessDeserializer;
use serde::de::{DeserializeSeed, Error as _, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};
use utoipa::openapi::RefOr;
use utoipa::openapi::schema::{ObjectBuilder, OneOfBuilder, Schema, Type};

use super::message::{Explain, Message, msg};

/// The prefix a failure inside a tagged body starts with.
pub const FIELD_PREFIX: &str = "field `";

/// Why a tagged body was refused before its variant was read. It reaches the
/// API as serde's error text, which carries only words:
/// [`TagError::read_back`] finds the refusal again in them.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TagError {
    #[error("expected an object")]
    NotObject,
    #[error("must be a string")]
    NotString,
    #[error("missing; one of {0}")]
    Missing(String),
    #[error("unknown variant `{found}`, expected one of {expected}")]
    Unknown { found: String, expected: String },
}

impl TagError {
    /// The refusal whose `Display` is `text`, if it is one.
    pub fn read_back(text: &str) -> Option<Self> {
        match text {
            "expected an object" => return Some(Self::NotObject),
            "must be a string" => return Some(Self::NotString),
            _ => {}
        }
        if let Some(variants) = text.strip_prefix("missing; one of ") {
            return Some(Self::Missing(variants.to_owned()));
        }
        let (found, expected) = text
            .strip_prefix("unknown variant `")?
            .split_once("`, expected one of ")?;
        Some(Self::Unknown {
            found: found.to_owned(),
            expected: expected.to_owned(),
        })
    }
}

impl Explain for TagError {
    fn message(&self) -> Message {
        match self {
            Self::NotObject => msg!("error-tag-not-object"),
            Self::NotString => msg!("error-tag-not-string"),
            Self::Missing(variants) => msg!("error-tag-missing", variants = variants),
            Self::Unknown { found, expected } => {
                msg!("error-tag-unknown", found = found, expected = expected)
            }
        }
    }
}

/// An enum read from a tagged body: the tag's field, the variants' names, and
/// each variant's fields read from the rest of the body.
pub trait Tagged: Sized {
    /// The field that names the variant.
    const TAG: &'static str;
    /// The variants' names, as a refusal lists them.
    const VARIANTS: &'static [&'static str];

    /// The variant called `kind`, its fields read from `body`; `None` if no
    /// variant has that name.
    fn variant<'de, B: Deserializer<'de>>(kind: &str, body: B) -> Option<Result<Self, B::Error>>;
}

/// Reads a tagged body. When the tag comes first, as kefu writes it, the
/// rest of the body is read as the variant straight from the input (a close
/// reads ten thousand contracts' charges and schedules this way); else the
/// body is read whole as a value first, and a failing field of the variant
/// carries its path in the message.
pub fn deserialize<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Tagged,
{
    deserializer.deserialize_any(Body(PhantomData))
}

struct Body<T>(PhantomData<T>);

impl<T: Tagged> Body<T> {
    fn refused<E: serde::de::Error>(error: TagError) -> E {
        E::custom(format!("{FIELD_PREFIX}{}`: {error}", T::TAG))
    }

    fn unknown<E: serde::de::Error>(kind: String) -> E {
        Self::refused(TagError::Unknown {
            found: kind,
            expected: T::VARIANTS.join(", "),
        })
    }

    fn kind<E: serde::de::Error>(value: Value) -> Result<String, E> {
        match value {
            Value::String(kind) => Ok(kind),
            _ => Err(Self::refused(TagError::NotString)),
        }
    }

    fn not_object<R, E: serde::de::Error>() -> Result<R, E> {
        Err(E::custom(TagError::NotObject))
    }
}

impl<'de, T: Tagged> Visitor<'de> for Body<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let first = match map.next_key_seed(IsTag(T::TAG))? {
            Some(Ok(())) => {
                let kind = Self::kind(map.next_value()?)?;
                return match T::variant(&kind, MapAccessDeserializer::new(map)) {
                    Some(read) => read,
                    None => Err(Self::unknown(kind)),
                };
            }
            Some(Err(first)) => Some(first),
            None => None,
        };
        // The tag comes later, or not at all: the body read whole.
        let mut body = Map::new();
        if let Some(first) = first {
            body.insert(first, map.next_value()?);
        }
        while let Some((key, value)) = map.next_entry::<String, Value>()? {
            body.insert(key, value);
        }
        let kind = match body.remove(T::TAG) {
            Some(kind) => Self::kind(kind)?,
            None => return Err(Self::refused(TagError::Missing(T::VARIANTS.join(", ")))),
        };
        let mut track = serde_path_to_error::Track::new();
        let read = T::variant(
            &kind,
            serde_path_to_error::Deserializer::new(Value::Object(body), &mut track),
        );
        match read {
            Some(Ok(read)) => Ok(read),
            Some(Err(error)) => {
                let path = track.path().to_string();
                Err(A::Error::custom(if path == "." {
                    error.to_string()
                } else {
                    format!("{FIELD_PREFIX}{path}`: {error}")
                }))
            }
            None => Err(Self::unknown(kind)),
        }
    }

    fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<T, E> {
        Self::not_object()
    }

    fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<T, E> {
        Self::not_object()
    }

    fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<T, E> {
        Self::not_object()
    }

    fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<T, E> {
        Self::not_object()
    }

    fn visit_str<E: serde::de::Error>(self, _: &str) -> Result<T, E> {
        Self::not_object()
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<T, E> {
        Self::not_object()
    }

    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<T, A::Error> {
        Self::not_object()
    }
}

/// A key: `Ok` if it is the tag, else the key itself.
struct IsTag(&'static str);

impl<'de> DeserializeSeed<'de> for IsTag {
    type Value = Result<(), String>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for IsTag {
    type Value = Result<(), String>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: serde::de::Error>(self, key: &str) -> Result<Self::Value, E> {
        Ok(if key == self.0 {
            Ok(())
        } else {
            Err(key.to_owned())
        })
    }
}

/// The OpenAPI schema of a tagged body: a `oneOf` with one choice per variant,
/// each the variant's own object with the tag added as a required one-value
/// enum. No body can match two choices, and a choice keeps the variant's
/// `additionalProperties: false`, as [`variant`] refuses unknown fields.
pub fn schema(description: &str, tag: &str, variants: Vec<(&str, RefOr<Schema>)>) -> RefOr<Schema> {
    variants
        .into_iter()
        .fold(OneOfBuilder::new(), |one_of, (name, variant)| {
            let tag_schema = ObjectBuilder::new()
                .schema_type(Type::String)
                .enum_values(Some([name]));
            one_of.item(with_property(variant, tag, tag_schema.into()))
        })
        .description(Some(description))
        .into()
}

/// `schema` with a required property added: to an object, or to each choice of a `oneOf`.
pub fn with_property(schema: RefOr<Schema>, name: &str, property: RefOr<Schema>) -> RefOr<Schema> {
    match schema {
        RefOr::T(Schema::Object(mut object)) => {
            object.properties.insert(name.to_owned(), property);
            object.required.insert(0, name.to_owned());
            RefOr::T(Schema::Object(object))
        }
        RefOr::T(Schema::OneOf(mut one_of)) => {
            one_of.items = one_of
                .items
                .into_iter()
                .map(|choice| with_property(choice, name, property.clone()))
                .collect();
            RefOr::T(Schema::OneOf(one_of))
        }
        // Every caller passes an inline object or a oneOf of them; anything else
        // is kept as it is and the document test names it.
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_refusal_is_found_again_in_its_words() {
        for refusal in [
            TagError::NotObject,
            TagError::NotString,
            TagError::Missing("bands, per_step, fixed".into()),
            TagError::Unknown {
                found: "stepped".into(),
                expected: "bands, per_step, fixed".into(),
            },
        ] {
            assert_eq!(
                TagError::read_back(&refusal.to_string()),
                Some(refusal.clone()),
                "{refusal}"
            );
        }
        assert_eq!(TagError::read_back("missing field `name`"), None);
    }

    #[derive(Debug, PartialEq, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Fixed {
        amount: u32,
    }

    #[derive(Debug, PartialEq, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Steps {
        step: u32,
        #[serde(default)]
        max: Option<u32>,
    }

    #[derive(Debug, PartialEq)]
    enum Schedule {
        Fixed(Fixed),
        Steps(Steps),
    }

    impl Tagged for Schedule {
        const TAG: &'static str = "type";
        const VARIANTS: &'static [&'static str] = &["fixed", "steps"];

        fn variant<'de, B: Deserializer<'de>>(
            kind: &str,
            body: B,
        ) -> Option<Result<Self, B::Error>> {
            Some(match kind {
                "fixed" => serde::Deserialize::deserialize(body).map(Schedule::Fixed),
                "steps" => serde::Deserialize::deserialize(body).map(Schedule::Steps),
                _ => return None,
            })
        }
    }

    impl<'de> serde::Deserialize<'de> for Schedule {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            super::deserialize(deserializer)
        }
    }

    /// Reads a body as the API does: the path of the failing field, and the message.
    fn read(json: &str) -> Result<Schedule, (String, String)> {
        let mut de = serde_json::Deserializer::from_str(json);
        serde_path_to_error::deserialize(&mut de).map_err(|e| {
            let path = e.path().to_string();
            let message = e.into_inner().to_string();
            let message = message.split(" at line ").next().unwrap_or("").to_owned();
            (path, message)
        })
    }

    /// The field a failure names, whichever way the body was read: the path
    /// of the input, or the message's `field `…`` prefix.
    fn field(failure: &(String, String)) -> String {
        let (path, message) = failure;
        match message
            .strip_prefix(FIELD_PREFIX)
            .and_then(|rest| rest.split_once("`: "))
        {
            Some((inner, _)) if path == "." => inner.to_owned(),
            Some((inner, _)) => format!("{path}.{inner}"),
            None => path.clone(),
        }
    }

    #[test]
    fn the_tag_first_or_later_reads_the_same_variant() {
        let steps = Schedule::Steps(Steps {
            step: 2,
            max: Some(9),
        });
        assert_eq!(read(r#"{"type": "steps", "step": 2, "max": 9}"#), Ok(steps));
        let steps = Schedule::Steps(Steps {
            step: 2,
            max: Some(9),
        });
        assert_eq!(read(r#"{"step": 2, "type": "steps", "max": 9}"#), Ok(steps));
        assert_eq!(
            read(r#"{"amount": 5, "type": "fixed"}"#),
            Ok(Schedule::Fixed(Fixed { amount: 5 }))
        );
        // From a value, as a body is read once it has been parsed.
        let value = serde_json::json!({"type": "fixed", "amount": 7});
        assert_eq!(
            serde_json::from_value::<Schedule>(value).expect("read"),
            Schedule::Fixed(Fixed { amount: 7 })
        );
    }

    #[test]
    fn a_failing_field_is_named_whether_the_tag_comes_first_or_later() {
        for body in [
            r#"{"type": "steps", "step": "two"}"#,
            r#"{"step": "two", "type": "steps"}"#,
        ] {
            let failure = read(body).expect_err(body);
            assert_eq!(field(&failure), "step", "{body}: {failure:?}");
            assert!(failure.1.contains("invalid type"), "{body}: {failure:?}");
        }
        for body in [
            r#"{"type": "fixed", "amount": 1, "colour": "red"}"#,
            r#"{"amount": 1, "colour": "red", "type": "fixed"}"#,
        ] {
            let failure = read(body).expect_err(body);
            assert_eq!(field(&failure), "colour", "{body}: {failure:?}");
            assert!(failure.1.contains("unknown field"), "{body}: {failure:?}");
        }
        for body in [r#"{"type": "steps"}"#, r#"{"max": 1, "type": "steps"}"#] {
            let failure = read(body).expect_err(body);
            assert!(
                failure.1.contains("missing field `step`"),
                "{body}: {failure:?}"
            );
        }
    }

    #[test]
    fn the_tag_is_refused_in_words_the_api_finds_again() {
        let refusal = |body: &str| {
            let (_, message) = read(body).expect_err(body);
            let words = message
                .strip_prefix("field `type`: ")
                .unwrap_or(&message)
                .to_owned();
            TagError::read_back(&words)
        };
        for body in [r#""fixed""#, "[1]", "3", "null", "true"] {
            assert_eq!(refusal(body), Some(TagError::NotObject), "{body}");
        }
        for body in [r#"{"type": 3, "amount": 1}"#, r#"{"amount": 1, "type": 3}"#] {
            assert_eq!(refusal(body), Some(TagError::NotString), "{body}");
        }
        for body in [r#"{"amount": 1}"#, "{}"] {
            assert_eq!(
                refusal(body),
                Some(TagError::Missing("fixed, steps".into())),
                "{body}"
            );
        }
        for body in [r#"{"type": "bands"}"#, r#"{"amount": 1, "type": "bands"}"#] {
            assert_eq!(
                refusal(body),
                Some(TagError::Unknown {
                    found: "bands".into(),
                    expected: "fixed, steps".into(),
                }),
                "{body}"
            );
        }
    }
}
