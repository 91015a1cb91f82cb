//! A report's figures day range by day range, where the terms judge a metric
//! against more than one target in the month (a 双11 override): the month's
//! totals would blur the days of each target, so a report gives each part's.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::billing::Bucket;
use crate::domain::kpi::{DailyRow, Sums};
use crate::domain::terms::{KpiSource, Terms};

/// The figures of a part of the month, first and last day included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SegmentFigure {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub for_billing: Sums,
    pub for_sla: Sums,
}

/// The parts a month of `metric` is judged in, from `from` to `to`: cut
/// where an override of a clause on the metric begins or ends. Empty when
/// nothing cuts the month, and its totals are enough.
pub fn split(
    terms: &Terms,
    metric: &str,
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<(NaiveDate, NaiveDate)> {
    let mut cuts = BTreeSet::new();
    for clause in terms.sla_clauses.iter().filter(|c| c.spec.metric == metric) {
        for window in &clause.spec.overrides {
            cuts.insert(window.from);
            cuts.extend(window.to.succ_opt());
        }
    }
    let starts: Vec<NaiveDate> = std::iter::once(from)
        .chain(cuts.into_iter().filter(|d| *d > from && *d <= to))
        .collect();
    if starts.len() < 2 {
        return Vec::new();
    }
    starts
        .iter()
        .enumerate()
        .map(|(i, start)| {
            let end = starts
                .get(i + 1)
                .and_then(|next| next.pred_opt())
                .unwrap_or(to);
            (*start, end)
        })
        .collect()
}

/// One source's days of `metric` summed into `spans`; days in `excluded`
/// count for billing only.
pub fn summed(
    rows: &[DailyRow],
    metric: &str,
    source: KpiSource,
    excluded: &BTreeSet<NaiveDate>,
    spans: &[(NaiveDate, NaiveDate)],
) -> Vec<SegmentFigure> {
    spans
        .iter()
        .map(|&(from, to)| {
            let mut figure = SegmentFigure {
                from,
                to,
                for_billing: Sums::default(),
                for_sla: Sums::default(),
            };
            let days = rows.iter().filter(|r| {
                r.metric == metric && r.source == source && r.day >= from && r.day <= to
            });
            for row in days {
                figure.for_billing.add(row.numerator, row.denominator);
                if !excluded.contains(&row.day) {
                    figure.for_sla.add(row.numerator, row.denominator);
                }
            }
            figure
        })
        .collect()
}

/// A month's figures as the engine's buckets: one for the month, or one a
/// part where they are given part by part.
pub fn buckets(
    (from, to): (NaiveDate, NaiveDate),
    (for_billing, for_sla): (Sums, Sums),
    parts: &[SegmentFigure],
) -> Vec<Bucket> {
    if parts.is_empty() {
        return vec![Bucket {
            from,
            to,
            for_sla,
            for_billing,
        }];
    }
    parts
        .iter()
        .map(|p| Bucket {
            from: p.from,
            to: p.to,
            for_sla: p.for_sla,
            for_billing: p.for_billing,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::billing::tests::{clause, date, dec, fixed_penalty, sla, terms};
    use crate::domain::terms::TargetOverride;

    #[test]
    fn a_month_is_cut_where_an_override_of_the_metric_begins_and_ends() {
        let mut t = terms();
        let mut spec = sla("first_response_time", "30", fixed_penalty("500.00"));
        spec.overrides.push(TargetOverride {
            label: "双11".into(),
            from: date(11, 1),
            to: date(11, 11),
            target: dec("45"),
        });
        clause(&mut t, spec);
        clause(&mut t, sla("csat", "90", fixed_penalty("500.00")));
        // November: 1–11 under 双11, 12–30 under the clause's own target.
        assert_eq!(
            split(&t, "first_response_time", date(11, 1), date(11, 30)),
            vec![(date(11, 1), date(11, 11)), (date(11, 12), date(11, 30))]
        );
        // October ends the day before the override: nothing cuts it.
        assert_eq!(
            split(&t, "first_response_time", date(10, 1), date(10, 31)),
            vec![]
        );
        // Other metrics are not cut.
        assert_eq!(split(&t, "csat", date(11, 1), date(11, 30)), vec![]);
    }

    #[test]
    fn a_feed_is_summed_part_by_part_with_excluded_days_left_out_of_sla() {
        let row = |d: u32, source: KpiSource, n: i64| DailyRow {
            day: date(11, d),
            metric: "first_response_time".into(),
            source,
            numerator: n,
            denominator: 10,
        };
        let rows = vec![
            row(10, KpiSource::Vendor, 300_000),
            row(11, KpiSource::Vendor, 500_000),
            row(11, KpiSource::Merchant, 900_000),
            row(12, KpiSource::Vendor, 250_000),
            row(13, KpiSource::Vendor, 350_000),
        ];
        // The 13th is an excluded day (a platform outage).
        let excluded = BTreeSet::from([date(11, 13)]);
        let spans = [(date(11, 1), date(11, 11)), (date(11, 12), date(11, 30))];
        let parts = summed(
            &rows,
            "first_response_time",
            KpiSource::Vendor,
            &excluded,
            &spans,
        );
        // 1–11: the vendor's 10th and 11th, 800,000 ms over 20 (the merchant's row is not the vendor's).
        assert_eq!(
            (parts[0].for_sla.numerator, parts[0].for_sla.denominator),
            (800_000, 20)
        );
        // 12–30: both days billed, the 12th alone judged.
        assert_eq!(parts[1].for_billing.numerator, 600_000);
        assert_eq!(
            (parts[1].for_sla.numerator, parts[1].for_sla.days),
            (250_000, 1)
        );
    }
}
