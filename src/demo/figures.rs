//! Three months of daily KPI figures for the demo contract, made up but shaped
//! like a real shop's: busier weekends, the run-up to 双11 and its peak on
//! 11 November, a platform outage, and an October in which the vendor's first
//! response and conversion slip below the contract's targets.

use chrono::{Datelike, NaiveDate, Weekday};
use serde::Serialize;

/// The demo's months: September to November of the last year whose November is over,
/// so that 双11 is always among them and every month can be closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Calendar {
    pub year: i32,
}

impl Calendar {
    pub fn for_today(today: NaiveDate) -> Self {
        let year = if today.month() == 12 {
            today.year()
        } else {
            today.year() - 1
        };
        Self { year }
    }

    fn date(&self, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, month, day).unwrap_or_default()
    }

    /// First days of the three months, and of the month after.
    pub fn months(&self) -> [NaiveDate; 4] {
        [
            self.date(9, 1),
            self.date(10, 1),
            self.date(11, 1),
            self.date(12, 1),
        ]
    }

    /// `2026-09`, `2026-10`, `2026-11`.
    pub fn periods(&self) -> [String; 3] {
        [9, 10, 11].map(|m| format!("{}-{m:02}", self.year))
    }

    /// The contract runs a year from the first month.
    pub fn contract_end(&self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year + 1, 8, 31).unwrap_or_default()
    }

    /// The platform outage excluded from the SLA: two days in October.
    pub fn outage(&self) -> (NaiveDate, NaiveDate) {
        (self.date(10, 14), self.date(10, 15))
    }

    /// The 双11 run-up, 1 to 11 November (inclusive), with its own response target.
    pub fn double_eleven(&self) -> (NaiveDate, NaiveDate) {
        (self.date(11, 1), self.date(11, 11))
    }
}

/// One day of one metric, as the feed takes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Row {
    pub metric: &'static str,
    pub day: NaiveDate,
    pub numerator: i64,
    pub denominator: Option<i64>,
}

/// The share of inquiries the vendor handles on `day`, in percent: the handover's phases.
pub fn share(calendar: &Calendar, day: NaiveDate) -> i64 {
    let [_, october, november, _] = calendar.months();
    if day < october {
        30
    } else if day < november {
        60
    } else {
        100
    }
}

/// A steady wobble of ±6 %, the same every run: real days are never alike.
fn wobble(day: NaiveDate, salt: i64) -> i64 {
    let n = i64::from(day.num_days_from_ce()) * 7919 + salt * 104_729;
    94 + n.rem_euclid(13)
}

/// Consultations the whole shop gets on `day`, before the vendor's share.
fn shop_consultations(calendar: &Calendar, day: NaiveDate) -> i64 {
    let base = match day.weekday() {
        Weekday::Sat => 2_800,
        Weekday::Sun => 2_600,
        _ => 2_000,
    };
    let (run_up, peak) = calendar.double_eleven();
    // Percent of a usual day: climbing through the run-up, five and a half times on
    // 11 November itself, then tailing off.
    let season = if day == peak {
        550
    } else if day >= run_up && day < peak {
        150 + (day - run_up).num_days() * 25
    } else if day > peak && (day - peak).num_days() <= 3 {
        180
    } else {
        100
    };
    base * season / 100 * wobble(day, 1) / 100
}

/// Every metric of `day`.
pub fn day(calendar: &Calendar, day: NaiveDate) -> Vec<Row> {
    let consultations = shop_consultations(calendar, day) * share(calendar, day) / 100;
    let [_, october, november, _] = calendar.months();
    let slipping = day >= october && day < november;
    let (outage_from, outage_to) = calendar.outage();
    let outage = day >= outage_from && day <= outage_to;
    let (run_up, peak) = calendar.double_eleven();
    let rush = day >= run_up && day <= peak;

    // First response, seconds: 24 usually; 36–40 in October; 28 in the 双11 rush (more
    // seats); 95 in the outage. An accepted report bills the month's whole figure.
    let response_seconds = match (outage, slipping, rush) {
        (true, _, _) => 95,
        (_, true, _) if matches!(day.weekday(), Weekday::Sat | Weekday::Sun) => 40,
        (_, true, _) => 36,
        (_, _, true) => 28,
        _ => 24,
    };
    let replied = consultations * 97 / 100;
    // Conversion, percent of inquiring buyers: 43 usually, 37 in October, 48 in the rush.
    let conversion = match (slipping, rush) {
        (true, _) => 37,
        (_, true) => 48,
        _ => 43,
    };
    let inquiring = consultations * 80 / 100;
    let ordered = inquiring * conversion * wobble(day, 2) / 100 / 100;
    // Average order of ¥168, in fen.
    let sales = ordered * 16_800;
    let ratings = (consultations / 10).max(1);
    // DSR ×100: 4.86 usually, 4.72 in October.
    let dsr = if slipping { 472 } else { 486 };
    let surveyed = (consultations * 15 / 100).max(1);
    let satisfied = surveyed * if slipping { 88 } else { 93 } / 100;
    vec![
        row("consultations", day, consultations, None),
        row("cs_sales", day, sales, None),
        row(
            "first_response_time",
            day,
            replied * response_seconds * 1000 * wobble(day, 3) / 100,
            Some(replied),
        ),
        row("conversion_rate", day, ordered, Some(inquiring)),
        row("dsr_service", day, ratings * dsr / 100, Some(ratings)),
        row("csat", day, satisfied, Some(surveyed)),
    ]
}

fn row(metric: &'static str, day: NaiveDate, numerator: i64, denominator: Option<i64>) -> Row {
    Row {
        metric,
        day,
        numerator,
        denominator,
    }
}

/// Every day of the month that begins on `first`.
pub fn month(calendar: &Calendar, first: NaiveDate) -> Vec<Row> {
    first
        .iter_days()
        .take_while(|d| d.month() == first.month())
        .flat_map(|d| day(calendar, d))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn calendar() -> Calendar {
        Calendar::for_today(NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default())
    }

    fn total(rows: &[Row], metric: &str) -> (i64, i64) {
        rows.iter()
            .filter(|r| r.metric == metric)
            .fold((0, 0), |(n, d), r| {
                (n + r.numerator, d + r.denominator.unwrap_or(1))
            })
    }

    #[test]
    fn the_months_are_the_last_autumn_whose_november_is_over() {
        let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
        assert_eq!(Calendar::for_today(date(2026, 11, 23)).year, 2025);
        assert_eq!(Calendar::for_today(date(2026, 12, 1)).year, 2026);
        assert_eq!(
            calendar().periods(),
            ["2025-09", "2025-10", "2025-11"].map(String::from)
        );
    }

    #[test]
    fn the_peak_is_on_double_eleven_and_weekends_are_busier() {
        let c = calendar();
        let november = month(&c, c.months()[2]);
        let busiest = november
            .iter()
            .filter(|r| r.metric == "consultations")
            .max_by_key(|r| r.numerator)
            .map(|r| r.day);
        assert_eq!(busiest, Some(c.double_eleven().1));
        let september = month(&c, c.months()[0]);
        let average = |weekend: bool| {
            let days: Vec<i64> = september
                .iter()
                .filter(|r| r.metric == "consultations")
                .filter(|r| matches!(r.day.weekday(), Weekday::Sat | Weekday::Sun) == weekend)
                .map(|r| r.numerator)
                .collect();
            days.iter().sum::<i64>() / days.len() as i64
        };
        assert!(average(true) > average(false) * 12 / 10);
    }

    #[test]
    fn october_misses_the_response_and_conversion_targets_and_the_others_meet_them() {
        let c = calendar();
        let [september, october, november, _] = c.months();
        let (rush_from, rush_to) = c.double_eleven();
        let in_rush = |r: &Row| r.day >= rush_from && r.day <= rush_to;
        for (first, breaches) in [(september, false), (october, true), (november, false)] {
            let rows = month(&c, first);
            // Outside the rush the target is 30 s; in it, 45 s.
            let (usual, rush): (Vec<Row>, Vec<Row>) =
                rows.iter().cloned().partition(|r| !in_rush(r));
            let seconds = |rows: &[Row]| {
                let (ms, replied) = total(rows, "first_response_time");
                ms / 1000 / replied.max(1)
            };
            let (ordered, inquiring) = total(&rows, "conversion_rate");
            let conversion = ordered * 100 / inquiring;
            let missed = seconds(&usual) > 30 || seconds(&rush) > 45 || conversion < 40;
            assert_eq!(
                missed,
                breaches,
                "{first}: {} s, {} s in the rush, {conversion} %",
                seconds(&usual),
                seconds(&rush)
            );
        }
    }

    #[test]
    fn every_share_stays_within_its_whole() {
        let c = calendar();
        for first in &c.months()[..3] {
            for r in month(&c, *first) {
                if let Some(d) = r.denominator
                    && matches!(r.metric, "conversion_rate" | "csat")
                {
                    assert!(r.numerator <= d && d > 0, "{r:?}");
                }
            }
        }
    }
}
