//! Documents kept as JSON text in a column (terms, report figures, invoice
//! drafts and snapshots): written and read back in one way.

use super::StoreError;

/// Reads a stored document; one that does not parse is corrupt data.
pub(crate) fn json<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, StoreError> {
    serde_json::from_str(text).map_err(StoreError::corrupt)
}

pub(crate) fn text<T: serde::Serialize>(value: &T) -> Result<String, StoreError> {
    serde_json::to_string(value).map_err(StoreError::corrupt)
}
