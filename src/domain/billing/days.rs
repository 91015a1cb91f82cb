//! Which days of the period each rule covers: phase segments, the days a
//! clause applies on, target segments, and the figures summed over them.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use smallvec::SmallVec;

use super::{Bucket, MetricInput, TermsPart};
use crate::domain::kpi::Sums;
use crate::domain::terms::{Phase, SlaClauseSpec};

/// Days from `from` to `to`, both included.
pub fn count(from: NaiveDate, to: NaiveDate) -> u32 {
    use chrono::Datelike;
    u32::try_from(to.num_days_from_ce() - from.num_days_from_ce() + 1).unwrap_or(0)
}

/// A part's share of the month, as days ÷ days in the month.
pub fn share(days: u32, days_in_month: u32) -> Decimal {
    Decimal::from(days) / Decimal::from(days_in_month)
}

/// The phases in force over a part, each with the days of the part it covers.
pub fn phase_segments(part: &TermsPart) -> Vec<(NaiveDate, NaiveDate, &Phase)> {
    part.terms
        .phases_in_order()
        .into_iter()
        .filter_map(|phase| {
            let last = phase.spec.end.pred_opt()?;
            let from = phase.spec.start.max(part.from);
            let to = last.min(part.to);
            (from <= to).then_some((from, to, phase))
        })
        .collect()
}

/// Days from the first to the last, both included.
pub type Span = (NaiveDate, NaiveDate);

/// Spans in date order, not overlapping. A clause's days are one span or a
/// few (grace days and overrides cut them), so they are kept in place rather
/// than allocated for each clause of each invoice.
pub type Spans = SmallVec<[Span; 4]>;

/// Days in some spans.
pub fn days_in(spans: &[Span]) -> u32 {
    spans.iter().map(|(from, to)| count(*from, *to)).sum()
}

/// `spans` without the days of `cut`.
fn subtract(spans: Spans, cut: Span) -> Spans {
    if spans.iter().all(|(from, to)| cut.1 < *from || cut.0 > *to) {
        return spans;
    }
    let mut left = Spans::new();
    for (from, to) in spans {
        if cut.1 < from || cut.0 > to {
            left.push((from, to));
            continue;
        }
        if let Some(before) = cut.0.pred_opt().filter(|b| *b >= from) {
            left.push((from, before));
        }
        if let Some(after) = cut.1.succ_opt().filter(|a| *a <= to) {
            left.push((after, to));
        }
    }
    left
}

/// The days of `spans` that are also in `window`.
fn intersect(spans: &[Span], window: Span) -> Spans {
    spans
        .iter()
        .filter_map(|(from, to)| {
            let (a, b) = ((*from).max(window.0), (*to).min(window.1));
            (a <= b).then_some((a, b))
        })
        .collect()
}

/// The days of a part on which a clause applies: not before the phase it
/// applies from, and not in the grace days after any phase starts.
pub fn applicable(clause: &SlaClauseSpec, part: &TermsPart) -> Spans {
    let from_phase = clause
        .applies_from_phase
        .and_then(|id| part.terms.phases.iter().find(|p| p.id == id))
        .map(|p| p.spec.start);
    let start = from_phase.map_or(part.from, |s| s.max(part.from));
    if start > part.to {
        return Spans::new();
    }
    let mut spans: Spans = smallvec::smallvec![(start, part.to)];
    if clause.grace_days > 0 {
        let grace = chrono::Days::new(u64::from(clause.grace_days - 1));
        for phase in &part.terms.phases {
            if let Some(last) = phase.spec.start.checked_add_days(grace) {
                spans = subtract(spans, (phase.spec.start, last));
            }
        }
    }
    spans
}

/// Days evaluated against one target.
pub struct TargetSegment<'a> {
    pub target: Decimal,
    /// The override's label, for days under an override.
    pub label: Option<&'a str>,
    pub spans: Spans,
}

/// Splits the days by the target in force on each: the clause's own, or an
/// override's; in the order of their first days.
pub fn by_target<'a>(clause: &'a SlaClauseSpec, spans: Spans) -> SmallVec<[TargetSegment<'a>; 2]> {
    let mut segments = SmallVec::new();
    if clause.overrides.is_empty() {
        if !spans.is_empty() {
            segments.push(TargetSegment {
                target: clause.target,
                label: None,
                spans,
            });
        }
        return segments;
    }
    let mut own = spans.clone();
    for window in &clause.overrides {
        let under = intersect(&spans, (window.from, window.to));
        own = subtract(own, (window.from, window.to));
        if !under.is_empty() {
            segments.push(TargetSegment {
                target: window.target,
                label: Some(window.label.as_str()),
                spans: under,
            });
        }
    }
    if !own.is_empty() {
        segments.push(TargetSegment {
            target: clause.target,
            label: None,
            spans: own,
        });
    }
    segments.sort_by_key(|s| s.spans.first().map(|(from, _)| *from));
    segments
}

/// A metric's figures for SLA over some days. `whole_buckets` says that a
/// bucket reaching beyond the days (a month's report) was counted whole.
pub struct Summed {
    pub for_sla: Sums,
    pub whole_buckets: bool,
}

pub fn sum(figures: Option<&MetricInput>, spans: &[Span]) -> Summed {
    let mut summed = Summed {
        for_sla: Sums::default(),
        whole_buckets: false,
    };
    for bucket in figures.iter().flat_map(|f| &f.buckets) {
        // Most buckets (a day of a feed, or days between breakpoints) lie
        // inside one span: counted whole without counting days, which costs
        // more than the rest of the sum. The spans do not overlap, so no other
        // span reaches into that bucket.
        if spans
            .iter()
            .any(|(from, to)| *from <= bucket.from && bucket.from <= bucket.to && bucket.to <= *to)
        {
            summed.for_sla.merge(bucket.for_sla);
            continue;
        }
        let overlap: u32 = spans
            .iter()
            .map(|(from, to)| {
                let (a, b) = ((*from).max(bucket.from), (*to).min(bucket.to));
                if a <= b { count(a, b) } else { 0 }
            })
            .sum();
        if overlap == 0 {
            continue;
        }
        if overlap != count(bucket.from, bucket.to) {
            summed.whole_buckets = true;
        }
        summed.for_sla.merge(bucket.for_sla);
    }
    summed
}

/// A metric's figures for billing over a part's days.
pub fn billing_sum(figures: Option<&MetricInput>, from: NaiveDate, to: NaiveDate) -> Sums {
    let mut sums = Sums::default();
    for bucket in figures.iter().flat_map(|f| &f.buckets) {
        if bucket.to < from || bucket.from > to {
            continue;
        }
        sums.merge(bucket.for_billing);
    }
    sums
}

/// The days on which a rule of the terms can change what a figure counts
/// toward: a version or a phase begins or ends, grace days end, an override
/// begins or ends. Between two of them every day counts the same way, so a
/// feed summed between them bills exactly as its days would one by one.
pub fn breakpoints(parts: &[TermsPart]) -> BTreeSet<NaiveDate> {
    let mut days = BTreeSet::new();
    for part in parts {
        days.insert(part.from);
        days.extend(part.to.succ_opt());
        for phase in &part.terms.phases {
            days.insert(phase.spec.start);
            days.insert(phase.spec.end);
            for clause in &part.terms.sla_clauses {
                let grace = chrono::Days::new(u64::from(clause.spec.grace_days));
                days.extend(phase.spec.start.checked_add_days(grace));
            }
        }
        for clause in &part.terms.sla_clauses {
            for window in &clause.spec.overrides {
                days.insert(window.from);
                days.extend(window.to.succ_opt());
            }
        }
    }
    days
}

/// A feed's days summed into buckets that begin at the breakpoints; days in
/// `excluded` count for billing only. Ranges without a day of data have no bucket.
pub fn bucketed(
    days: &[(NaiveDate, i64, i64)],
    excluded: &BTreeSet<NaiveDate>,
    from: NaiveDate,
    to: NaiveDate,
    breaks: &BTreeSet<NaiveDate>,
) -> Vec<Bucket> {
    let mut buckets: Vec<Bucket> = Vec::new();
    let mut sorted: Vec<&(NaiveDate, i64, i64)> = days.iter().collect();
    sorted.sort_by_key(|d| d.0);
    for &&(day, n, d) in &sorted {
        if day < from || day > to {
            continue;
        }
        let start = breaks
            .range(..=day)
            .next_back()
            .copied()
            .unwrap_or(from)
            .max(from);
        let end = breaks
            .range(day.succ_opt().unwrap_or(day)..)
            .next()
            .and_then(|b| b.pred_opt())
            .unwrap_or(to)
            .min(to);
        if buckets.last().is_none_or(|b| b.from != start) {
            buckets.push(Bucket {
                from: start,
                to: end,
                for_sla: Sums::default(),
                for_billing: Sums::default(),
            });
        }
        if let Some(bucket) = buckets.last_mut() {
            bucket.for_billing.add(n, d);
            if !excluded.contains(&day) {
                bucket.for_sla.add(n, d);
            }
        }
    }
    buckets
}
