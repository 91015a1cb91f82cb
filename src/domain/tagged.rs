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

/// The prefix a failure inside a tagged body starts with.
pub const FIELD_PREFIX: &str = "field `";

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
        .ok_or_else(|| D::Error::custom("expected an object"))?;
    let kind = match object.remove(tag) {
        Some(Value::String(kind)) => kind,
        Some(_) => {
            return Err(D::Error::custom(format!(
                "{FIELD_PREFIX}{tag}`: must be a string"
            )));
        }
        None => {
            return Err(D::Error::custom(format!(
                "{FIELD_PREFIX}{tag}`: missing; one of {}",
                variants.join(", ")
            )));
        }
    };
    match read(&kind, body) {
        Some(result) => result.map_err(D::Error::custom),
        None => Err(D::Error::custom(format!(
            "{FIELD_PREFIX}{tag}`: unknown variant `{kind}`, expected one of {}",
            variants.join(", ")
        ))),
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
