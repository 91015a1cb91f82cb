//! PATCH bodies: a field left out changes nothing, a field set to `null` clears it.

use serde::{Deserialize, Deserializer};

/// Tells a field left out (`None`, with `#[serde(default)]`) from one set to
/// null (`Some(None)`).
pub fn double_option<'de, T, D>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    T: Deserialize<'de>,
    D: Deserializer<'de>,
{
    Option::<T>::deserialize(deserializer).map(Some)
}
