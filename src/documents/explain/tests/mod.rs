//! Hand-worked examples: small contracts billed by the engine, and each line
//! of the result as it reads in Chinese and in English, written out in full.

use super::*;
use crate::domain::billing::tests::{charge, clause, date, dec, feed, fixed, october, sla};
use crate::domain::billing::{BillingInput, compute};
use crate::domain::terms::Terms;

mod caps;
mod charges;
mod clauses;

/// Each line of `input`'s invoice in words: (Chinese, English).
fn said(input: &BillingInput) -> Vec<(Explained, Explained)> {
    said_as(input, false)
}

fn said_as(input: &BillingInput, credit_note: bool) -> Vec<(Explained, Explained)> {
    let draft = compute(input);
    let terms = BilledTerms::of_input(input);
    let explainer = |language| Explainer {
        language,
        currency: "CNY",
        minor_digits: 2,
        period: input.period,
        terms: &terms,
        credit_note,
    };
    let (zh, en) = (explainer(Language::Zh), explainer(Language::En));
    draft
        .lines
        .iter()
        .map(|line| (zh.explain(line), en.explain(line)))
        .collect()
}

fn words(label: &str, detail: &[&str]) -> Explained {
    Explained {
        label: label.to_owned(),
        detail: detail.iter().map(|s| (*s).to_owned()).collect(),
    }
}

/// Asserts how line `i` reads in both languages, and that the Chinese has
/// no English in it.
#[track_caller]
fn assert_says(said: &[(Explained, Explained)], i: usize, zh: Explained, en: Explained) {
    let (got_zh, got_en) = &said[i];
    assert_eq!(got_zh, &zh, "line {i} in Chinese");
    assert_eq!(got_en, &en, "line {i} in English");
    for sentence in std::iter::once(&zh.label).chain(&zh.detail) {
        assert_eq!(english_words(sentence), Vec::<&str>::new(), "{sentence}");
    }
}

/// The words of Latin letters in `text` that are not codes a Chinese
/// invoice prints as they are (currencies, metric abbreviations).
pub(crate) fn english_words(text: &str) -> Vec<&str> {
    const CODES: &[&str] = &[
        "CNY", "KPI", "SLA", "DSR", "CSAT", "DSAT", "NPS", "FCR", "QA", "Excel", "PDF", "CSV",
        "kefu",
    ];
    text.split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| !w.is_empty() && !CODES.contains(w))
        .collect()
}

/// Ten seats at 6,000.00 for all of October (60,000.00): phase 1, charge 2.
fn ten_seats() -> Terms {
    use crate::domain::billing::tests::{phase, seats, terms};
    let mut t = terms();
    phase(&mut t, "全量", date(10, 1), date(11, 1), 10);
    charge(&mut t, seats("6000.00"));
    t
}

/// A management fee of `amount` a month: charge 1.
fn fee(amount: &str) -> Terms {
    let mut t = crate::domain::billing::tests::terms();
    charge(&mut t, fixed("管理费", amount));
    t
}

/// The same first response time, in whole seconds, every day of October.
fn response_of(seconds: i64) -> crate::domain::billing::MetricInput {
    feed(
        "first_response_time",
        date(10, 1),
        date(10, 31),
        seconds * 1000,
        1,
    )
}

#[test]
fn chinese_sets_no_space_between_two_han_characters() {
    assert_eq!(tighten("30 秒 以上扣"), "30 秒以上扣");
    assert_eq!(tighten("低于 99.0% 扣"), "低于 99.0% 扣");
    assert_eq!(
        tighten("座席 16 个 × 6,000.00 元/座席·月"),
        "座席 16 个 × 6,000.00 元/座席·月"
    );
    assert_eq!(
        english_words("DSR服务评分 4.85 分，CNY"),
        Vec::<&str>::new()
    );
    assert_eq!(english_words("no figures"), vec!["no", "figures"]);
}

#[test]
fn english_says_one_in_the_singular() {
    let terms = BilledTerms::default();
    let x = Explainer {
        language: Language::En,
        currency: "USD",
        minor_digits: 2,
        period: crate::domain::Period::of(date(10, 1)),
        terms: &terms,
        credit_note: false,
    };
    let count = |id: &str, name: &str, value: &str| {
        x.t(
            id,
            &[(name, value.to_owned()), ("plural", plural(dec(value)))],
        )
    };
    assert_eq!(count("line-seat-count", "seats", "1"), "1 seat");
    assert_eq!(count("line-seat-count", "seats", "16"), "16 seats");
    assert_eq!(count("line-step-count", "steps", "1"), "1 step");
    assert_eq!(count("line-step-count", "steps", "2.5"), "2.5 steps");
    // Another currency than the yuan goes by its code.
    assert_eq!(x.money(dec("1234.5")), "USD 1,234.50");
}
