//! Enums that travel as lower-case names: in JSON, in storage, in URLs.

use super::message::{Explain, Message, msg};

/// A name that is not one of an enum's.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{found}' is not one of: {expected}")]
pub struct UnknownName {
    pub found: String,
    pub expected: &'static str,
}

impl Explain for UnknownName {
    fn message(&self) -> Message {
        msg!(
            "error-unknown-name",
            found = &self.found,
            expected = self.expected
        )
    }
}

/// Declares an enum whose variants are known by fixed names, with `as_str`,
/// `Display`, `FromStr`, serde and an OpenAPI schema that all agree.
///
/// The schema is written by hand from `ALL`: utoipa's derive does not see a
/// `#[serde(rename = …)]` whose name arrives through a macro, and documented
/// the Rust variant names (`Tmall`) where the wire speaks `tmall`.
macro_rules! named_enum {
    ($(#[doc = $doc:literal])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
        pub enum $name {
            $($(#[$vdoc])* #[serde(rename = $text)] $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            const NAMES: &'static str = concat!($($text, " "),+);

            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                $crate::domain::names::schema(&[$($doc),*], Self::ALL.iter().map(|v| v.as_str()))
            }
        }

        impl utoipa::ToSchema for $name {}

        impl std::str::FromStr for $name {
            type Err = $crate::domain::names::UnknownName;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::ALL.iter().copied().find(|v| v.as_str() == s).ok_or_else(|| {
                    $crate::domain::names::UnknownName {
                        found: s.to_owned(),
                        expected: Self::NAMES.trim_end(),
                    }
                })
            }
        }
    };
}

pub(crate) use named_enum;

/// The OpenAPI schema of a named enum: a string, one of `names`.
pub fn schema<'a>(
    doc: &[&str],
    names: impl IntoIterator<Item = &'a str>,
) -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
    let description = doc
        .iter()
        .map(|line| line.trim())
        .collect::<Vec<_>>()
        .join("\n");
    utoipa::openapi::ObjectBuilder::new()
        .schema_type(utoipa::openapi::schema::Type::String)
        .description((!description.is_empty()).then_some(description))
        .enum_values(Some(names))
        .into()
}
