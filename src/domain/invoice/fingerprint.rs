//! A fingerprint of the engine's inputs, stored with every draft and
//! compared at issue with the inputs as they stand then.
//!
//! The fingerprint is the SHA-256 of the inputs printed as JSON, and a
//! stored fingerprint must keep matching from one release to the next: the
//! JSON is fixed, byte for byte, as `serde_json` prints a struct of the
//! inputs' fields (`Printed`, kept in the tests to compare with). A
//! month's figures are most of it (a dozen metrics, each in a few buckets of
//! two dates and six numbers); they are written here directly, the same
//! bytes without going through a serializer for every key, date and number
//! (a close prints ten thousand of them), and the rest by `serde_json`.

use std::cell::RefCell;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::domain::billing::{BillingInput, Bucket, MetricInput};
use crate::domain::kpi::Sums;

/// A fingerprint of the inputs: equal inputs, equal fingerprint. A version
/// of the terms in force never changes, so it stands for its terms by its
/// number (hashing the terms' text would cost more than computing the invoice).
pub fn fingerprint(input: &BillingInput) -> String {
    // The JSON is written whole, then hashed at once: a hasher fed many
    // small pieces spends more on the feeding than on the hashing. A
    // thread's buffer is kept for its next contract.
    thread_local! {
        static PRINTED: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    }
    PRINTED.with_borrow_mut(|json| {
        json.clear();
        print(input, json);
        hex::encode(Sha256::digest(json.as_slice()))
    })
}

/// The inputs as JSON: byte for byte what serde_json prints of `Printed`
/// (in the tests), the fingerprint's text since the first release.
fn print(input: &BillingInput, out: &mut Vec<u8>) {
    out.extend_from_slice(b"{\"period\":");
    json(out, &input.period);
    out.extend_from_slice(b",\"days\":[");
    date(out, input.from);
    out.push(b',');
    date(out, input.to);
    out.extend_from_slice(b"],\"minor_digits\":");
    number(out, input.minor_digits);
    out.extend_from_slice(b",\"versions\":");
    list(out, &input.parts, |out, part| {
        out.push(b'[');
        number(out, part.version);
        out.push(b',');
        date(out, part.from);
        out.push(b',');
        date(out, part.to);
        out.push(b']');
    });
    out.extend_from_slice(b",\"excluded\":");
    list(out, &input.excluded, |out, day| date(out, *day));
    out.extend_from_slice(b",\"figures\":");
    list(out, &input.figures, metric);
    out.extend_from_slice(b",\"incidents\":");
    json(out, &input.incidents);
    out.extend_from_slice(b",\"report\":");
    json(out, &input.report);
    out.extend_from_slice(b",\"discrepancies\":");
    json(out, &input.discrepancies);
    out.extend_from_slice(b",\"contract_year\":[");
    date(out, input.contract_year.0);
    out.push(b',');
    date(out, input.contract_year.1);
    out.extend_from_slice(b"],\"penalties_earlier_in_year\":");
    json(out, &input.penalties_earlier_in_year);
    out.extend_from_slice(b",\"breached_months_before\":");
    number(out, input.breached_months_before);
    out.push(b'}');
}

/// `{"metric":…,"basis":…,"buckets":[…]}`.
fn metric(out: &mut Vec<u8>, figure: &MetricInput) {
    out.extend_from_slice(b"{\"metric\":");
    json(out, &figure.metric);
    out.extend_from_slice(b",\"basis\":");
    json(out, &figure.basis);
    out.extend_from_slice(b",\"buckets\":");
    list(out, &figure.buckets, |out, bucket| {
        let Bucket {
            from,
            to,
            for_sla,
            for_billing,
        } = bucket;
        out.extend_from_slice(b"{\"from\":");
        date(out, *from);
        out.extend_from_slice(b",\"to\":");
        date(out, *to);
        out.extend_from_slice(b",\"for_sla\":");
        sums(out, for_sla);
        out.extend_from_slice(b",\"for_billing\":");
        sums(out, for_billing);
        out.push(b'}');
    });
    out.push(b'}');
}

/// `[…,…]`, each item written by `each`.
fn list<T>(out: &mut Vec<u8>, items: &[T], each: impl Fn(&mut Vec<u8>, &T)) {
    out.push(b'[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        each(out, item);
    }
    out.push(b']');
}

/// `{"numerator":…,"denominator":…,"days":…}`.
fn sums(out: &mut Vec<u8>, sums: &Sums) {
    out.extend_from_slice(b"{\"numerator\":");
    number(out, sums.numerator);
    out.extend_from_slice(b",\"denominator\":");
    number(out, sums.denominator);
    out.extend_from_slice(b",\"days\":");
    number(out, sums.days);
    out.push(b'}');
}

/// A date as chrono prints it, `"2026-10-01"`: written directly for the
/// years of four digits, by serde beyond them.
fn date(out: &mut Vec<u8>, day: NaiveDate) {
    let Ok(year) = u32::try_from(day.year()) else {
        return json(out, &day);
    };
    if year > 9999 {
        return json(out, &day);
    }
    let digit = |n: u32| b'0' + (n % 10) as u8;
    let (month, dom) = (day.month(), day.day());
    out.extend_from_slice(&[
        b'"',
        digit(year / 1000),
        digit(year / 100),
        digit(year / 10),
        digit(year),
        b'-',
        digit(month / 10),
        digit(month),
        b'-',
        digit(dom / 10),
        digit(dom),
        b'"',
    ]);
}

fn number(out: &mut Vec<u8>, n: impl itoa::Integer) {
    out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

/// Anything else, as serde_json prints it. Printing these types into memory
/// cannot fail.
fn json(out: &mut Vec<u8>, value: &impl Serialize) {
    let _ = serde_json::to_writer(&mut *out, value);
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::domain::billing::Basis;

    /// What is printed of the inputs, in this order: the JSON of this struct
    /// was the fingerprint's text, and `print` must write the same bytes.
    #[derive(Serialize)]
    struct Printed<'a> {
        period: crate::domain::Period,
        days: (NaiveDate, NaiveDate),
        minor_digits: u32,
        versions: Vec<(u32, NaiveDate, NaiveDate)>,
        excluded: &'a [NaiveDate],
        figures: &'a [MetricInput],
        incidents: &'a [crate::domain::billing::IncidentInput],
        report: crate::domain::billing::ReportState,
        discrepancies: &'a [crate::domain::billing::DiscrepancyInput],
        contract_year: (NaiveDate, NaiveDate),
        penalties_earlier_in_year: rust_decimal::Decimal,
        breached_months_before: u32,
    }

    impl<'a> Printed<'a> {
        fn of(input: &'a BillingInput) -> Self {
            Printed {
                period: input.period,
                days: (input.from, input.to),
                minor_digits: input.minor_digits,
                versions: input
                    .parts
                    .iter()
                    .map(|p| (p.version, p.from, p.to))
                    .collect(),
                excluded: &input.excluded,
                figures: &input.figures,
                incidents: &input.incidents,
                report: input.report,
                discrepancies: &input.discrepancies,
                contract_year: input.contract_year,
                penalties_earlier_in_year: input.penalties_earlier_in_year,
                breached_months_before: input.breached_months_before,
            }
        }
    }

    fn day(year: i32, month: u32, dom: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, dom).expect("a day")
    }

    fn printed_by_serde(input: &BillingInput) -> String {
        serde_json::to_string(&Printed::of(input)).expect("printed")
    }

    fn printed_here(input: &BillingInput) -> String {
        let mut out = Vec::new();
        print(input, &mut out);
        String::from_utf8(out).expect("UTF-8")
    }

    fn sums() -> impl Strategy<Value = Sums> {
        (any::<i64>(), any::<i64>(), any::<u32>()).prop_map(|(numerator, denominator, days)| Sums {
            numerator,
            denominator,
            days,
        })
    }

    fn date_any() -> impl Strategy<Value = NaiveDate> {
        (-20000i32..20000, 1u32..=12, 1u32..=28).prop_map(|(y, m, d)| day(y, m, d))
    }

    proptest! {
        /// Whatever the figures, the dates (years of any length, before
        /// year 0 included) and the names (quotes, Chinese, control
        /// characters), the JSON written here is serde_json's to the byte.
        #[test]
        fn the_printed_inputs_are_serde_jsons_to_the_byte(
            from in date_any(),
            to in date_any(),
            excluded in proptest::collection::vec(date_any(), 0..4),
            figures in proptest::collection::vec(
                (
                    "[a-z_\"\\\\\u{1}é首次响应]{0,12}",
                    prop_oneof![Just(Basis::Feed), Just(Basis::Report), Just(Basis::None)],
                    proptest::collection::vec((date_any(), date_any(), sums(), sums()), 0..5),
                ),
                0..5,
            ),
            digits in 0u32..4,
            breached in any::<u32>(),
        ) {
            let mut t = crate::domain::billing::tests::terms();
            crate::domain::billing::tests::clause(
                &mut t,
                crate::domain::billing::tests::sla("csat", "90", crate::domain::billing::tests::fixed_penalty("1500.00")),
            );
            let mut input = crate::domain::billing::tests::october(t);
            input.from = from;
            input.to = to;
            input.excluded = excluded;
            input.minor_digits = digits;
            input.breached_months_before = breached;
            input.figures = figures
                .into_iter()
                .map(|(metric, basis, buckets)| MetricInput {
                    metric,
                    basis,
                    buckets: buckets
                        .into_iter()
                        .map(|(from, to, for_sla, for_billing)| Bucket { from, to, for_sla, for_billing })
                        .collect(),
                })
                .collect();
            prop_assert_eq!(printed_here(&input), printed_by_serde(&input));
        }
    }

    #[test]
    fn a_month_of_two_versions_and_excluded_days_prints_as_serde_does() {
        let mut t = crate::domain::billing::tests::terms();
        crate::domain::billing::tests::clause(
            &mut t,
            crate::domain::billing::tests::sla(
                "csat",
                "90",
                crate::domain::billing::tests::fixed_penalty("1500.00"),
            ),
        );
        let mut input = crate::domain::billing::tests::october(t);
        let mut second = input.parts[0].clone();
        second.version = 2;
        second.from = day(2026, 10, 16);
        input.parts[0].to = day(2026, 10, 15);
        input.parts.push(second);
        input.excluded = vec![day(2026, 10, 3), day(2026, 10, 4)];
        input.penalties_earlier_in_year = "1234.50".parse().expect("a decimal");
        input.figures.push(MetricInput {
            metric: "首次响应率".into(),
            basis: Basis::Report,
            buckets: vec![Bucket {
                from: day(2026, 10, 1),
                to: day(2026, 10, 31),
                for_sla: Sums {
                    numerator: -5,
                    denominator: 0,
                    days: 0,
                },
                for_billing: Sums::default(),
            }],
        });
        assert_eq!(printed_here(&input), printed_by_serde(&input));
    }
}
