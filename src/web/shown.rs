//! How the finance pages write what they show: money to the currency's minor
//! unit, instants in China's time, states in words, a use case's refusal as
//! sentences above the form it refused, and a rendered file as a download.

use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use actix_web::http::header::{self, CacheControl, CacheDirective};
use chrono::{DateTime, Datelike, Utc};
use rust_decimal::Decimal;
use serde::Serialize;

use crate::app::AppError;
use crate::app::documents::{Format, Rendered};
use crate::catalogue::Language;
use crate::domain::billing::WarningCode;
use crate::domain::message::Message;
use crate::domain::{Currency, Period, TimeZone};

/// Money as the documents print it: thousands separated, to the minor unit.
pub fn money(value: Decimal, currency: &str) -> String {
    let digits = Currency::parse(currency).map_or(2, Currency::minor_digits);
    crate::documents::amount(value, digits)
}

/// An instant as people in China read it: `2026-10-05 14:03`.
pub fn local_time(instant: DateTime<Utc>) -> String {
    instant
        .with_timezone(&chrono_tz::Asia::Shanghai)
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

/// The catalogue's word for a state: `word(language, "invoice-badge", "paid")`.
pub fn word(language: Language, prefix: &str, name: &str) -> String {
    language.text(&format!("{prefix}-{name}"), &[])
}

/// One option of a `<select>`.
#[derive(Debug, Serialize)]
pub struct Choice {
    pub value: String,
    pub text: String,
    pub selected: bool,
}

/// Each language of the documents and mails, named in the page's language.
pub fn languages(language: Language, chosen: &str) -> Vec<Choice> {
    Language::ALL
        .into_iter()
        .map(|l| Choice {
            value: l.tag().to_owned(),
            text: language.text(&format!("document-language-{}", l.tag()), &[]),
            selected: chosen == l.tag(),
        })
        .collect()
}

/// A use case's refusal of a form: the status the page answers with and the
/// sentences shown above the form. Any other error is not the form's to show.
pub fn refused(language: Language, error: AppError) -> Result<(StatusCode, Vec<String>), AppError> {
    match error {
        AppError::Invalid(violations) => Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            violations
                .iter()
                .map(|v| field_message(language, &v.field, &v.message))
                .collect(),
        )),
        AppError::Conflict { message, .. } => Ok((
            StatusCode::CONFLICT,
            vec![conflict_message(language, &message)],
        )),
        other => Err(other),
    }
}

/// The fields the finance forms post, by the name the use cases give them.
const FIELDS: &[&str] = &[
    "amount",
    "paid_on",
    "reference",
    "reason",
    "dispute_override",
    "line_numbers",
    "to",
    "cc",
    "language",
    "period",
    "status",
    "format",
    "from",
    "as_of",
];

/// A broken rule beside its field: in English the use case's own words; in
/// Chinese the rule of that field from the catalogue (the use cases speak
/// English only).
fn field_message(language: Language, field: &str, message: &Message) -> String {
    // `line_numbers[2]` and `to[0]` are the field's own rule.
    let field = field.split('[').next().unwrap_or(field);
    let rule = language.message(message);
    let Some(known) = FIELDS.iter().find(|f| **f == field) else {
        return rule;
    };
    let label = language.text(&format!("field-{known}"), &[]);
    language.text("field-rule", &[("field", label), ("rule", rule)])
}

/// A refusal because of what is stored, in words.
fn conflict_message(language: Language, message: &Message) -> String {
    let words = language.message(message);
    let mut sentence: String = words.chars().take(1).flat_map(char::to_uppercase).collect();
    sentence.extend(words.chars().skip(1));
    sentence
}

/// A rendered document as the answer: HTML shown in place, the others downloaded.
pub fn download(rendered: Rendered) -> HttpResponse {
    let Rendered {
        bytes,
        format,
        name,
    } = rendered;
    let disposition = match format {
        Format::Html => "inline",
        _ => "attachment",
    };
    HttpResponse::Ok()
        .content_type(format.content_type())
        .insert_header(CacheControl(vec![CacheDirective::NoStore]))
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("{disposition}; filename=\"{name}.{}\"", format.extension()),
        ))
        .body(bytes)
}

/// A link to a file in each format, for one language.
#[derive(Debug, Serialize)]
pub struct Downloads {
    pub language: String,
    pub links: Vec<Link>,
}

#[derive(Debug, Serialize)]
pub struct Link {
    pub href: String,
    pub text: String,
}

/// Links to `base.{format}?language=…` (with `query` before the language) in
/// each of `formats`, for each language.
pub fn downloads(
    language: Language,
    base: &str,
    query: &str,
    formats: &[Format],
) -> Vec<Downloads> {
    Language::ALL
        .into_iter()
        .map(|l| Downloads {
            language: language.text(&format!("document-language-{}", l.tag()), &[]),
            links: formats
                .iter()
                .map(|f| Link {
                    href: format!("{base}.{}?{query}language={}", f.extension(), l.tag()),
                    text: format_name(*f).to_owned(),
                })
                .collect(),
        })
        .collect()
}

/// How people call a format.
pub fn format_name(format: Format) -> &'static str {
    match format {
        Format::Pdf => "PDF",
        Format::Html => "HTML",
        Format::Csv => "CSV",
        Format::Xlsx => "Excel",
    }
}

/// `?done=…` after a form succeeded: the notice it shows, for the steps a
/// page knows; anything else shows nothing.
pub fn notice(language: Language, done: Option<&str>, known: &[&str]) -> Option<String> {
    let done = done?;
    known
        .contains(&done)
        .then(|| language.text(&format!("done-{done}"), &[]))
}

/// A warning of an invoice in words, by its code.
pub fn warning(language: Language, code: WarningCode) -> String {
    let name = serde_json::to_value(code)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default();
    word(language, "warning", &name)
}

/// The months to choose from, newest first: this month in China and the 23
/// before it, and `chosen` too when it is another (an older month asked for
/// by address). A month reads `2026年10月` in Chinese.
pub fn months(language: Language, chosen: &str) -> Vec<Choice> {
    let this = Period::of(TimeZone::SHANGHAI.today(Utc::now()));
    let mut periods: Vec<Period> = std::iter::successors(Some(this), |p| Some(p.previous()))
        .take(24)
        .collect();
    if let Ok(asked) = chosen.parse::<Period>()
        && !periods.contains(&asked)
    {
        periods.push(asked);
        periods.sort_by(|a, b| b.cmp(a));
    }
    periods
        .into_iter()
        .map(|p| {
            let first = p.first_day();
            Choice {
                value: p.to_string(),
                text: language.text(
                    "month-name",
                    &[
                        ("year", first.year().to_string()),
                        ("month", first.month().to_string()),
                        ("padded", format!("{:02}", first.month())),
                    ],
                ),
                selected: p.to_string() == chosen,
            }
        })
        .collect()
}
