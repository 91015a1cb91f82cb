//! Internally tagged enums (`{"kind": "fixed", …}`) whose bad fields keep their
//! names. serde reads such a body whole before choosing the variant, which loses
//! the path of a field that fails; here the variant is read from the body as a
//! value, and a failure carries its path as `field `path`: message`, which the
//! HTTP layer joins to the path of the enum itself.

use serde::de::{DeserializeOwned, Error as _};
use serde::{Deserialize, Deserializer};
use serde_json::Value;
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

/// Reads the tag, then the variant `read` picks for it, from the rest of the body.
pub fn deserialize<'de, D, T>(
    deserializer: D,
    tag: &'static str,
    variants: &'static [&'static str],
    read: impl FnOnce(&str, Value) -> Option<Result<T, String>>,
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
{
    let mut body = Value::deserialize(deserializer)?;
    let object = body
        .as_object_mut()
        .ok_or_else(|| D::Error::custom(TagError::NotObject))?;
    let refused = |error: TagError| D::Error::custom(format!("{FIELD_PREFIX}{tag}`: {error}"));
    let kind = match object.remove(tag) {
        Some(Value::String(kind)) => kind,
        Some(_) => return Err(refused(TagError::NotString)),
        None => return Err(refused(TagError::Missing(variants.join(", ")))),
    };
    match read(&kind, body) {
        Some(result) => result.map_err(D::Error::custom),
        None => Err(refused(TagError::Unknown {
            found: kind,
            expected: variants.join(", "),
        })),
    }
}

/// Reads one variant's fields, keeping the path of the first that fails.
pub fn variant<T: DeserializeOwned>(body: Value) -> Result<T, String> {
    serde_path_to_error::deserialize::<_, T>(body).map_err(|error| {
        let path = error.path().to_string();
        let message = error.into_inner().to_string();
        if path == "." {
            message
        } else {
            format!("{FIELD_PREFIX}{path}`: {message}")
        }
    })
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
}
