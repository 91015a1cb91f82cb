//! Hand-worked examples of the KPI arithmetic.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use proptest::prelude::*;
use rust_decimal::Decimal;

use super::*;
use crate::domain::metric::Metric;
use crate::domain::terms::{Condition, KpiSource};

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 10, d).unwrap()
}

fn metric(code: &str) -> &'static Metric {
    Metric::find(code).unwrap()
}

fn dec(text: &str) -> Decimal {
    text.parse().unwrap()
}

fn row(d: u32, metric: &str, source: KpiSource, n: i64, den: i64) -> DailyRow {
    DailyRow {
        day: day(d),
        metric: metric.into(),
        source,
        numerator: n,
        denominator: den,
    }
}

fn october(excluded: &[u32]) -> Window {
    Window {
        from: day(1),
        to: day(31),
        excluded: excluded.iter().map(|d| day(*d)).collect(),
        last_complete_day: day(31),
    }
}

const RULES: SourceRules = SourceRules {
    prevailing: KpiSource::Merchant,
    tolerance: Decimal::TWO,
    minor_digits: 2,
};

#[test]
fn a_period_is_the_ratio_of_sums_not_the_average_of_daily_ratios() {
    // Day 1: 10 of 10 buyers ordered (100 %); day 2: 10 of 90 (11.1 %).
    // Average of the daily ratios: (100 + 11.11) / 2 = 55.56 %.
    // Ratio of sums: (10 + 10) / (10 + 90) = 20 / 100 = 20 %.
    let rows = [
        row(1, "conversion_rate", KpiSource::Merchant, 10, 10),
        row(2, "conversion_rate", KpiSource::Merchant, 10, 90),
    ];
    let figures = figures(&rows, &october(&[]), RULES, &[]);
    let merchant = figures[0].prevailing_figures().unwrap();
    let ratio = merchant.for_billing.ratio(figures[0].metric, 2).unwrap();
    assert_eq!(ratio.value(), dec("20"));
    assert_eq!(merchant.for_billing.sample(figures[0].metric), 100);
}

#[test]
fn units_read_as_people_read_them() {
    // First response: 90,000 ms over 4 sessions = 22.5 s.
    let response = Sums {
        numerator: 90_000,
        denominator: 4,
        days: 1,
    };
    assert_eq!(
        response
            .ratio(metric("first_response_time"), 2)
            .unwrap()
            .value(),
        dec("22.5")
    );
    // CS-assisted sales are a total: 1,234,550 fen over two days = ¥12,345.50.
    let sales = Sums {
        numerator: 1_234_550,
        denominator: 2,
        days: 2,
    };
    assert_eq!(
        sales.ratio(metric("cs_sales"), 2).unwrap().value(),
        dec("12345.5")
    );
    // Consultations are a total too: 3,000 over 2 days is 3,000, not 1,500 a day.
    let consultations = Sums {
        numerator: 3000,
        denominator: 2,
        days: 2,
    };
    assert_eq!(
        consultations
            .ratio(metric("consultations"), 2)
            .unwrap()
            .value(),
        dec("3000")
    );
    assert_eq!(
        consultations.sample(metric("consultations")),
        2,
        "two days behind it"
    );
    // One third of a percent is shown to six places, but compared exactly.
    let third = Sums {
        numerator: 1,
        denominator: 3,
        days: 1,
    };
    let ratio = third.ratio(metric("csat"), 2).unwrap();
    assert_eq!(ratio.value(), dec("33.333333"));
    assert!(ratio.falls_short(metric("csat"), dec("33.333334")));
    assert!(
        !ratio.falls_short(metric("csat"), dec("33.333333")),
        "100/3 is above 33.333333"
    );
    // No sample, no value.
    let empty = Sums {
        numerator: 0,
        denominator: 0,
        days: 3,
    };
    assert_eq!(empty.ratio(metric("csat"), 2), None);
}

#[test]
fn exclusion_days_leave_the_sla_figure_but_stay_in_the_billing_figure() {
    // Three days of first response; day 2 is in a platform outage window.
    //   day 1: 40 s × 10 = 400,000 ms; day 2: 300 s × 10 = 3,000,000 ms; day 3: 20 s × 10.
    // For SLA: (400,000 + 200,000) / 20 / 1000 = 30 s.
    // For billing: 3,600,000 / 30 / 1000 = 120 s.
    let rows = [
        row(1, "first_response_time", KpiSource::Merchant, 400_000, 10),
        row(2, "first_response_time", KpiSource::Merchant, 3_000_000, 10),
        row(3, "first_response_time", KpiSource::Merchant, 200_000, 10),
        row(1, "consultations", KpiSource::Merchant, 500, 1),
        row(2, "consultations", KpiSource::Merchant, 700, 1),
    ];
    let figures = figures(&rows, &october(&[2]), RULES, &[]);
    let by = |code: &str| figures.iter().find(|f| f.metric.code == code).unwrap();
    let response = by("first_response_time").prevailing_figures().unwrap();
    let m = metric("first_response_time");
    assert_eq!(response.for_sla.ratio(m, 2).unwrap().value(), dec("30"));
    assert_eq!(
        response.for_billing.ratio(m, 2).unwrap().value(),
        dec("120")
    );
    let volume = by("consultations").prevailing_figures().unwrap();
    assert_eq!(
        volume.for_billing.numerator, 1200,
        "volume on excluded days still bills"
    );
    assert_eq!(volume.for_sla.numerator, 500);
}

#[test]
fn missing_days_are_the_days_over_without_a_row() {
    let rows = [
        row(1, "csat", KpiSource::Vendor, 9, 10),
        row(3, "csat", KpiSource::Vendor, 8, 10),
    ];
    let mut window = october(&[]);
    window.last_complete_day = day(4);
    let figures = figures(&rows, &window, RULES, &[metric("dsat")]);
    let csat = figures.iter().find(|f| f.metric.code == "csat").unwrap();
    assert_eq!(csat.sources[0].days_missing, vec![day(2), day(4)]);
    assert_eq!(
        csat.prevailing,
        Some(KpiSource::Vendor),
        "the merchant sent nothing: the vendor's feed stands in"
    );
    let dsat = figures.iter().find(|f| f.metric.code == "dsat").unwrap();
    assert!(
        dsat.sources.is_empty() && dsat.prevailing.is_none(),
        "wanted but never sent"
    );
}

#[test]
fn sources_are_compared_on_the_days_both_reported() {
    // Merchant (prevailing): day 1 9,000 of 10,000 within 20 s; day 2 8,000 of 10,000.
    // Vendor: day 1 9,500 of 10,000; day 2 nothing; day 3 9,900 of 10,000 (merchant has no day 3).
    // Compared on day 1 only: merchant 90 %, vendor 95 %: |95 − 90| / 90 = 5.56 % > 2 % tolerance.
    let rows = [
        row(1, "service_level", KpiSource::Merchant, 9000, 10_000),
        row(2, "service_level", KpiSource::Merchant, 8000, 10_000),
        row(1, "service_level", KpiSource::Vendor, 9500, 10_000),
        row(3, "service_level", KpiSource::Vendor, 9900, 10_000),
    ];
    let figures = figures(&rows, &october(&[]), RULES, &[]);
    let d = &figures[0].discrepancies;
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].source, KpiSource::Vendor);
    assert_eq!(d[0].days_compared, 1);
    assert_eq!(
        (d[0].prevailing_value, d[0].other_value),
        (Some(dec("90")), Some(dec("95")))
    );
    assert_eq!(d[0].percent, Some(dec("5.56")));
    assert!(d[0].exceeds_tolerance);
    // Within tolerance: 1 % apart.
    let close = [
        row(1, "service_level", KpiSource::Merchant, 9000, 10_000),
        row(1, "service_level", KpiSource::Vendor, 9090, 10_000),
    ];
    let figures = super::figures(&close, &october(&[]), RULES, &[]);
    assert_eq!(figures[0].discrepancies[0].percent, Some(dec("1")));
    assert!(!figures[0].discrepancies[0].exceeds_tolerance);
}

#[test]
fn rows_are_checked_against_the_metric() {
    let csat = metric("csat");
    assert_eq!(
        check_components(csat, 11, 10),
        Err(("numerator", RowError::AboveDenominator))
    );
    assert_eq!(
        check_components(csat, -1, 10),
        Err(("numerator", RowError::Negative))
    );
    assert_eq!(
        check_components(csat, 1, 0),
        Err(("numerator", RowError::WithoutDenominator))
    );
    assert_eq!(
        check_components(csat, 0, 0),
        Ok(()),
        "a day without surveys"
    );
    assert_eq!(
        check_components(metric("consultations"), 10, 3),
        Err(("denominator", RowError::NotOnePerDay))
    );
    assert_eq!(
        check_components(metric("nps"), -2500, 100),
        Ok(()),
        "more detractors than promoters"
    );
    assert_eq!(
        check_components(metric("first_response_time"), 45_000, 2),
        Ok(()),
        "seconds are not a share"
    );
    assert_eq!(
        check_components(metric("consultations"), i64::MAX, 1),
        Err((
            "numerator",
            RowError::TooLarge {
                max: 1_000_000_000,
                why: Bound::CountPerDay
            }
        ))
    );
    // A month's totals may hold 31 days' worth, and no more.
    assert_eq!(
        check_totals(metric("consultations"), 31_000_000_000, 1, 31),
        Ok(())
    );
    assert!(check_totals(metric("consultations"), 31_000_000_001, 1, 31).is_err());
    // 100 sessions answered after a day each at most: 8,640,000,000 ms.
    assert_eq!(
        check_components(metric("first_response_time"), 8_640_000_000, 100),
        Ok(())
    );
    assert!(matches!(
        check_components(metric("first_response_time"), 8_640_000_001, 100),
        Err(("numerator", RowError::TooLarge { .. }))
    ));
    assert!(matches!(
        check_components(metric("nps"), -10_001, 100),
        Err(("numerator", RowError::TooLarge { max: 10_000, .. }))
    ));
    assert!(matches!(
        check_components(metric("csat"), 0, 1_000_000_001),
        Err(("denominator", RowError::TooLarge { .. }))
    ));
    assert!(matches!(
        check_components(metric("cs_sales"), 100_000_000_000_001, 1),
        Err(("numerator", RowError::TooLarge { .. }))
    ));
    assert_eq!(
        check_day(day(5), day(10), day(31), day(20)),
        Err(RowError::OutsideContract {
            start: day(10),
            end: day(31)
        })
    );
    assert_eq!(
        check_day(day(21), day(1), day(31), day(20)),
        Err(RowError::Future)
    );
    assert_eq!(check_day(day(20), day(1), day(31), day(20)), Ok(()));
}

#[test]
fn a_gate_passes_only_when_every_criterion_holds() {
    // Exit criteria: response at most 30 s, conversion at least 40 %.
    let criteria = vec![
        Condition {
            metric: "first_response_time".into(),
            threshold: dec("30"),
        },
        Condition {
            metric: "conversion_rate".into(),
            threshold: dec("40"),
        },
        Condition {
            metric: "csat".into(),
            threshold: dec("90"),
        },
    ];
    // Response 29.5 s (59,000 ms / 2), conversion 39.99 % (3,999 / 10,000), no CSAT at all.
    let sums = BTreeMap::from([
        (
            "first_response_time".to_owned(),
            Sums {
                numerator: 59_000,
                denominator: 2,
                days: 1,
            },
        ),
        (
            "conversion_rate".to_owned(),
            Sums {
                numerator: 3999,
                denominator: 10_000,
                days: 1,
            },
        ),
    ]);
    let results = evaluate_gate(&criteria, &sums, 2);
    let passed: Vec<bool> = results.iter().map(|r| r.passed).collect();
    assert_eq!(passed, [true, false, false]);
    assert_eq!(results[1].actual, Some(dec("39.99")));
    assert_eq!(
        results[2].note.as_deref(),
        Some("no figures for the period")
    );
}

proptest! {
    /// Whatever the days, the period value is Σnumerator / Σdenominator, and adding
    /// an excluded day never changes the SLA figure.
    #[test]
    fn period_value_is_the_ratio_of_sums(days in proptest::collection::vec((0i64..10_000, 1i64..10_000), 1..28), excluded in 0u32..28) {
        let rows: Vec<DailyRow> = days.iter().enumerate().map(|(i, (n, d))| {
            row(i as u32 + 1, "fcr", KpiSource::Merchant, (*n).min(*d), *d)
        }).collect();
        let sum_n: i64 = rows.iter().map(|r| r.numerator).sum();
        let sum_d: i64 = rows.iter().map(|r| r.denominator).sum();
        let window = october(&[excluded + 1]);
        let figures = figures(&rows, &window, RULES, &[]);
        let main = figures[0].prevailing_figures().unwrap();
        prop_assert_eq!((main.for_billing.numerator, main.for_billing.denominator), (sum_n, sum_d));
        let expected = Decimal::from(sum_n) * Decimal::ONE_HUNDRED / Decimal::from(sum_d);
        let ratio = main.for_billing.ratio(metric("fcr"), 2).unwrap();
        prop_assert_eq!(
            ratio.value(),
            expected
                .round_dp_with_strategy(VALUE_PLACES, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
                .normalize()
        );
        let excluded_row = rows.iter().find(|r| r.day == day(excluded + 1));
        let (en, ed) = excluded_row.map_or((0, 0), |r| (r.numerator, r.denominator));
        prop_assert_eq!((main.for_sla.numerator, main.for_sla.denominator), (sum_n - en, sum_d - ed));
    }
}
