//! What the terms pages share: reading a posted form field by field with the
//! same readers the API uses (decimals by `domain::decimal::parse`, never a
//! float), and showing a use case's refusal beside the field it names, in
//! the visitor's language — or, for a signed contract with no amendment
//! open, as a sentence that links to where one is opened.

use std::collections::BTreeMap;
use std::str::FromStr;

use actix_web::http::StatusCode;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::app::AppError;
use crate::catalogue::Language;
use crate::domain::decimal::{self, MAX_SCALE};
use crate::domain::message::msg;
use crate::domain::violation::Violations;

/// A posted form as pairs: a field may come more than once (checkboxes).
#[derive(Debug, Default, Clone)]
pub struct Posted(pub Vec<(String, String)>);

impl Posted {
    /// The field's first value as typed, or empty.
    pub fn raw(&self, name: &str) -> &str {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    }

    /// The field's first value, trimmed.
    pub fn text(&self, name: &str) -> &str {
        self.raw(name).trim()
    }

    /// Every value of the field (ticked checkboxes).
    pub fn values(&self, name: &str) -> Vec<&str> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    pub fn csrf(&self) -> &str {
        self.raw("csrf")
    }

    /// A required decimal, read as the API reads one.
    pub fn decimal(&self, name: &str, v: &mut Violations) -> Option<Decimal> {
        let raw = self.text(name);
        if raw.is_empty() {
            v.add(name, msg!("terms-error-required"));
            return None;
        }
        v.check(name, decimal::parse(raw, MAX_SCALE))
    }

    /// A decimal that may be left blank.
    pub fn optional_decimal(&self, name: &str, v: &mut Violations) -> Option<Option<Decimal>> {
        let raw = self.text(name);
        if raw.is_empty() {
            return Some(None);
        }
        v.check(name, decimal::parse(raw, MAX_SCALE)).map(Some)
    }

    /// A required whole number, not negative.
    pub fn whole(&self, name: &str, v: &mut Violations) -> Option<u32> {
        match self.optional_whole(name, v) {
            Some(Some(n)) => Some(n),
            Some(None) => {
                v.add(name, msg!("terms-error-required"));
                None
            }
            None => None,
        }
    }

    /// A whole number that may be left blank.
    pub fn optional_whole(&self, name: &str, v: &mut Violations) -> Option<Option<u32>> {
        let raw = self.text(name);
        if raw.is_empty() {
            return Some(None);
        }
        match raw.parse::<u32>() {
            Ok(n) => Some(Some(n)),
            Err(_) => {
                v.add(name, msg!("whole-number-wanted"));
                None
            }
        }
    }

    /// A required date, `2026-10-31` as a date field sends it.
    pub fn date(&self, name: &str, v: &mut Violations) -> Option<NaiveDate> {
        let raw = self.text(name);
        if raw.is_empty() {
            v.add(name, msg!("terms-error-required"));
            return None;
        }
        match NaiveDate::parse_from_str(raw, "%Y-%m-%d") {
            Ok(d) => Some(d),
            Err(_) => {
                v.add(name, msg!("error-date-wanted"));
                None
            }
        }
    }

    /// A required choice among a named list's values.
    pub fn choice<T: FromStr>(&self, name: &str, v: &mut Violations) -> Option<T> {
        let raw = self.text(name);
        match raw.parse::<T>() {
            Ok(t) => Some(t),
            Err(_) => {
                v.add(name, msg!("terms-error-choose"));
                None
            }
        }
    }

    /// The ticked values of a list of choices; unknown ones are refused.
    pub fn ticked<T: FromStr>(&self, name: &str, v: &mut Violations) -> Option<Vec<T>> {
        let mut out = Vec::new();
        for raw in self.values(name) {
            match raw.parse::<T>() {
                Ok(t) => out.push(t),
                Err(_) => {
                    v.add(name, msg!("terms-error-choose"));
                    return None;
                }
            }
        }
        Some(out)
    }
}

/// The rows of a fixed-size table that were filled in: the form's row index
/// of each, in order. A row is blank when every one of `columns` is.
pub fn filled_rows(posted: &Posted, list: &str, rows: usize, columns: &[&str]) -> Vec<usize> {
    (0..rows)
        .filter(|i| {
            columns
                .iter()
                .any(|c| !posted.text(&format!("{list}[{i}].{c}")).is_empty())
        })
        .collect()
}

/// Renames the rows of `list` in the use case's field paths (`tiers[1].from`,
/// the second row it was given) back to the form's rows (`tiers[3].from`,
/// when rows 1 and 2 were left blank).
pub fn to_form_rows(violations: Violations, list: &str, rows: &[usize]) -> Violations {
    let mut out = Violations::default();
    for v in violations {
        let field = remap(&v.field, list, rows);
        out.add(field, v.message);
    }
    out
}

fn remap(field: &str, list: &str, rows: &[usize]) -> String {
    let open = format!("{list}[");
    let Some(rest) = field.strip_prefix(&open) else {
        return field.to_owned();
    };
    let Some((index, tail)) = rest.split_once(']') else {
        return field.to_owned();
    };
    match index.parse::<usize>().ok().and_then(|i| rows.get(i)) {
        Some(row) => format!("{list}[{row}]{tail}"),
        None => field.to_owned(),
    }
}

/// Why a form was refused, as the page shows it.
#[derive(Debug, Default, Serialize)]
pub struct Refusal {
    /// Each broken rule by the form field it concerns.
    #[serde(skip)]
    pub fields: BTreeMap<String, String>,
    /// Rules no field of the form shows, and conflicts, as sentences.
    pub general: Vec<String>,
    /// The contract is signed and no amendment is open: the sentence with its link.
    pub signed: bool,
}

impl Refusal {
    /// The refusal beside `field`, taken so that it shows once.
    pub fn take(&mut self, field: &str) -> Option<String> {
        self.fields.remove(field)
    }

    /// What no field took, moved to the sentences above the form.
    pub fn settle(&mut self) {
        let rest = std::mem::take(&mut self.fields);
        self.general.extend(rest.into_values());
    }

    /// `violations` in `language`, each by its field with `strip` taken off
    /// the front (`commercial.` for the whole terms' paths).
    pub fn of(language: Language, violations: &Violations, strip: &[&str]) -> Self {
        let mut refusal = Refusal::default();
        for v in violations.iter() {
            let mut field = v.field.as_str();
            for prefix in strip {
                field = field.strip_prefix(prefix).unwrap_or(field);
            }
            let text = words(language, &v.message);
            refusal
                .fields
                .entry(field.to_owned())
                .and_modify(|t| {
                    t.push_str("; ");
                    t.push_str(&text);
                })
                .or_insert(text);
        }
        refusal
    }
}

/// A rule in words; some of the API's words name its body's fields, which a
/// page says in its own.
fn words(language: Language, message: &crate::domain::message::Message) -> String {
    match message.id() {
        "error-cap-amount-or-percent" => language.text("terms-error-cap-amount-or-percent", &[]),
        "error-phase-end" => language.text("terms-error-phase-end", &[]),
        "error-hours-order" => language.text("terms-error-hours-order", &[]),
        "error-commission-neither" => language.text("terms-error-commission-neither", &[]),
        "error-not-before-start" => language.text("terms-error-not-before-start", &[]),
        "error-terms-signed" => language.text("terms-signed-no-amendment-short", &[]),
        _ => language.message(message),
    }
}

/// A use case's refusal of a terms form: its status and what the page shows;
/// any other error is not the form's to show.
pub fn refused(
    language: Language,
    error: AppError,
    strip: &[&str],
) -> Result<(StatusCode, Refusal), AppError> {
    match error {
        AppError::Invalid(violations) => Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            Refusal::of(language, &violations, strip),
        )),
        AppError::Conflict { message, field } => {
            let mut refusal = Refusal::default();
            if message.id() == "error-terms-signed" {
                refusal.signed = true;
            } else if let Some(field) = field {
                refusal.fields.insert(field, language.message(&message));
            } else {
                refusal.general.push(language.message(&message));
            }
            Ok((StatusCode::CONFLICT, refusal))
        }
        other => Err(other),
    }
}

/// One field of a form: what it shows and the rule it broke.
#[derive(Debug, Serialize)]
pub struct Field {
    pub name: String,
    /// The name as an element id: `tiers[1].from` is `tiers-1-from`.
    pub id: String,
    pub value: String,
    pub error: Option<String>,
}

impl Field {
    pub fn new(name: impl Into<String>, value: impl Into<String>, refusal: &mut Refusal) -> Self {
        let name = name.into();
        Field {
            error: refusal.take(&name),
            id: element_id(&name),
            value: value.into(),
            name,
        }
    }
}

/// A field's name as an element id: `tiers[1].from` is `tiers-1-from`.
pub fn element_id(name: &str) -> String {
    name.replace(['[', '.'], "-").replace(']', "")
}

/// One option of a select or a checkbox list.
#[derive(Debug, Serialize)]
pub struct Choice {
    pub value: String,
    pub text: String,
    pub selected: bool,
}

/// The choices of a named list, each in words from the catalogue as
/// `{prefix}-{value}` (with `_` written `-`).
pub fn choices<'a>(
    language: Language,
    prefix: &str,
    values: impl IntoIterator<Item = &'a str>,
    chosen: &[&str],
) -> Vec<Choice> {
    values
        .into_iter()
        .map(|value| Choice {
            text: language.text(&format!("{prefix}-{}", value.replace('_', "-")), &[]),
            selected: chosen.contains(&value),
            value: value.to_owned(),
        })
        .collect()
}

/// The whole terms' paths (`commercial.tax_rate`) as a part's form names them
/// (`tax_rate`): what a use case refuses, beside the form's own field.
pub fn without_part(part: &str, v: Violations) -> Violations {
    let mut out = Violations::default();
    for x in v {
        let field = x.field.strip_prefix(part).unwrap_or(&x.field).to_owned();
        out.add(field, x.message);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_use_case_s_row_is_named_by_the_form_s_row() {
        assert_eq!(remap("tiers[1].from", "tiers", &[0, 3]), "tiers[3].from");
        assert_eq!(
            remap("tiers[0].unit_price", "tiers", &[2]),
            "tiers[2].unit_price"
        );
        assert_eq!(remap("tiers", "tiers", &[2]), "tiers");
        assert_eq!(remap("name", "tiers", &[2]), "name");
    }

    #[test]
    fn blank_rows_are_left_out() {
        let posted = Posted(vec![
            ("tiers[0].from".into(), "0".into()),
            ("tiers[1].from".into(), " ".into()),
            ("tiers[2].unit_price".into(), "1.00".into()),
        ]);
        assert_eq!(
            filled_rows(&posted, "tiers", 4, &["from", "unit_price"]),
            [0, 2]
        );
    }

    #[test]
    fn decimals_are_read_as_the_api_reads_them() {
        let posted = Posted(vec![
            ("a".into(), "6000.00".into()),
            ("b".into(), "6,000".into()),
            ("c".into(), "1e3".into()),
        ]);
        let mut v = Violations::default();
        assert_eq!(
            posted
                .decimal("a", &mut v)
                .map(|d| d.to_string())
                .as_deref(),
            Some("6000.00")
        );
        assert_eq!(posted.decimal("b", &mut v), None);
        assert_eq!(posted.decimal("c", &mut v), None);
        assert_eq!(posted.decimal("missing", &mut v), None);
        let fields: Vec<&str> = v.iter().map(|x| x.field.as_str()).collect();
        assert_eq!(fields, ["b", "c", "missing"]);
    }
}
