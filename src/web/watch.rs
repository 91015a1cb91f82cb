//! What the merchant's watch pages share: the contract they are about (its
//! head and the links between them), a refusal's messages beside the fields
//! they concern, and instants typed in a form.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use serde::Serialize;

use crate::app::contracts::ContractView;
use crate::catalogue::Language;
use crate::domain::Contract;
use crate::domain::violation::Violations;

/// The contract a page is about, with the links to its other pages.
#[derive(Serialize)]
pub struct ContractHead {
    pub id: i64,
    pub number: String,
    pub title: String,
    /// Which of the watch pages this is: `reports`, `incidents`, `exclusions`, `dashboard`.
    pub current: &'static str,
}

impl ContractHead {
    pub fn of(contract: &ContractView, current: &'static str) -> Self {
        Self {
            id: contract.id,
            number: contract.number.clone(),
            title: contract.title.clone(),
            current,
        }
    }

    pub fn of_contract(contract: &Contract, current: &'static str) -> Self {
        Self {
            id: contract.id.get(),
            number: contract.number.clone(),
            title: contract.title.clone(),
            current,
        }
    }
}

/// A refusal's messages by the field they concern (`comments[2].comment`
/// stays whole), in the visitor's language.
pub fn by_field(language: Language, violations: &Violations) -> BTreeMap<String, String> {
    let mut fields: BTreeMap<String, String> = BTreeMap::new();
    for v in violations.iter() {
        let text = language.message(&v.message);
        fields
            .entry(v.field.clone())
            .and_modify(|t| {
                t.push('；');
                t.push_str(&text);
            })
            .or_insert(text);
    }
    fields
}

/// A day typed in a form (`2026-10-31`).
pub fn day(raw: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").ok()
}

/// An instant typed in a form as China reads it (`2026-10-31T09:30`, from a
/// `datetime-local` field), or `None`.
pub fn instant(raw: &str) -> Option<DateTime<Utc>> {
    let raw = raw.trim();
    let local = NaiveDateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M:%S"))
        .or_else(|_| NaiveDateTime::parse_from_str(raw, "%Y-%m-%d %H:%M"))
        .ok()?;
    local
        .and_local_timezone(chrono_tz::Asia::Shanghai)
        .single()
        .map(|t| t.with_timezone(&Utc))
}

/// An instant as a `datetime-local` field shows it, in China's time.
pub fn instant_field(at: DateTime<Utc>) -> String {
    at.with_timezone(&chrono_tz::Asia::Shanghai)
        .format("%Y-%m-%dT%H:%M")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_instant_typed_in_china_s_time_is_read_as_such() {
        let at = instant("2026-10-05T10:30").unwrap();
        assert_eq!(at.to_rfc3339(), "2026-10-05T02:30:00+00:00");
        assert_eq!(instant_field(at), "2026-10-05T10:30");
        assert_eq!(instant("yesterday"), None);
        assert_eq!(day("2026-10-31"), NaiveDate::from_ymd_opt(2026, 10, 31));
        assert_eq!(day("31/10/2026"), None);
    }
}
