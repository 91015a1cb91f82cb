//! A billing period: one calendar month, local to the contract's time zone.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use thiserror::Error;

use super::message::{Arg, Explain, Message, msg};

/// A calendar month, written `2026-10`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    /// The first day of the month.
    first: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("must be a month written YYYY-MM, e.g. 2026-10")]
pub struct BadPeriod;

impl Explain for BadPeriod {
    fn message(&self) -> Message {
        msg!("error-period-format")
    }
}

/// A month as it is written, `2026-10`, in both languages.
impl From<Period> for Arg {
    fn from(period: Period) -> Self {
        Arg::Text(period.to_string())
    }
}

impl Period {
    /// The month `date` falls in.
    pub fn of(date: NaiveDate) -> Self {
        Period {
            first: date.with_day(1).unwrap_or(date),
        }
    }

    pub fn first_day(self) -> NaiveDate {
        self.first
    }

    pub fn last_day(self) -> NaiveDate {
        self.next().first - chrono::Days::new(1)
    }

    pub fn days_in_month(self) -> u32 {
        self.last_day().day()
    }

    pub fn next(self) -> Self {
        Period {
            first: self.first + Months::new(1),
        }
    }

    pub fn previous(self) -> Self {
        Period {
            first: self.first - Months::new(1),
        }
    }

    /// The month `months` before this one.
    pub fn months_before(self, months: u32) -> Self {
        Period {
            first: self.first - Months::new(months),
        }
    }

    /// The days of the month that also lie in `from..=to`, if any.
    pub fn clip(self, from: NaiveDate, to: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
        let start = self.first.max(from);
        let end = self.last_day().min(to);
        (start <= end).then_some((start, end))
    }

    /// Months from `self` to `last`, both included.
    pub fn through(self, last: Period) -> impl Iterator<Item = Period> {
        std::iter::successors(Some(self), move |p| {
            let next = p.next();
            (next <= last).then_some(next)
        })
        .take_while(move |p| *p <= last)
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.first.year(), self.first.month())
    }
}

impl FromStr for Period {
    type Err = BadPeriod;

    fn from_str(text: &str) -> Result<Self, BadPeriod> {
        let (year, month) = text.split_once('-').ok_or(BadPeriod)?;
        if year.len() != 4 || month.len() != 2 {
            return Err(BadPeriod);
        }
        let year: i32 = year.parse().map_err(|_| BadPeriod)?;
        let month: u32 = month.parse().map_err(|_| BadPeriod)?;
        NaiveDate::from_ymd_opt(year, month, 1)
            .map(|first| Period { first })
            .ok_or(BadPeriod)
    }
}

impl Serialize for Period {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Period {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

impl utoipa::PartialSchema for Period {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .pattern(Some(r"^\d{4}-\d{2}$"))
            .examples([serde_json::json!("2026-10")])
            .into()
    }
}

impl utoipa::ToSchema for Period {}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[test]
    fn parses_months_and_nothing_else() {
        let october: Period = "2026-10".parse().unwrap_or(Period::of(day(2000, 1, 1)));
        assert_eq!(october.first_day(), day(2026, 10, 1));
        assert_eq!(october.last_day(), day(2026, 10, 31));
        assert_eq!(october.to_string(), "2026-10");
        for bad in ["2026-13", "2026-1", "26-10", "2026/10", "2026-10-01", ""] {
            assert_eq!(bad.parse::<Period>(), Err(BadPeriod), "{bad}");
        }
    }

    #[test]
    fn knows_month_lengths_and_clips_to_a_contract() {
        let february: Period = "2028-02".parse().unwrap_or(Period::of(day(2000, 1, 1)));
        assert_eq!(february.days_in_month(), 29, "2028 is a leap year");
        assert_eq!(
            february.clip(day(2028, 2, 10), day(2029, 1, 1)),
            Some((day(2028, 2, 10), day(2028, 2, 29)))
        );
        assert_eq!(february.clip(day(2028, 3, 1), day(2029, 1, 1)), None);
        let months: Vec<String> = Period::of(day(2026, 11, 5))
            .through(Period::of(day(2027, 2, 1)))
            .map(|p| p.to_string())
            .collect();
        assert_eq!(months, ["2026-11", "2026-12", "2027-01", "2027-02"]);
    }
}
