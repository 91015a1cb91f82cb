//! Contracts between a tenant (for some of its shops) and one vendor: the
//! header and its status. The versioned terms are in [`super::terms`].

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, NaiveDate, Utc};
use thiserror::Error;

use super::ids::{ShopId, TenantId, VendorId};
use super::message::{Explain, Message, msg};
use super::names::named_enum;

named_enum!(
    /// Where a contract stands.
    ContractStatus {
        /// Being written; edits change it freely.
        Draft = "draft",
        /// In force; changes are amendments.
        Active = "active",
        /// Paused; may be resumed.
        Suspended = "suspended",
        /// Ended early; final.
        Terminated = "terminated",
        /// Past its end date (computed when read).
        Expired = "expired",
    }
);

/// A status change the contract's life does not allow.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("a contract cannot go from {from} to {to}")]
pub struct StatusChangeRefused {
    pub from: ContractStatus,
    pub to: ContractStatus,
}

impl Explain for StatusChangeRefused {
    fn message(&self) -> Message {
        msg!(
            "error-contract-status-change",
            from = self.from.word(),
            to = self.to.word()
        )
    }
}

impl ContractStatus {
    /// The status in words, for a person.
    pub fn word(self) -> Message {
        match self {
            Self::Draft => msg!("contract-status-draft"),
            Self::Active => msg!("contract-status-active"),
            Self::Suspended => msg!("contract-status-suspended"),
            Self::Terminated => msg!("contract-status-terminated"),
            Self::Expired => msg!("contract-status-expired"),
        }
    }

    /// `draft` → `active` → `suspended` ↔ `active` → `terminated`.
    pub fn change_to(self, to: ContractStatus) -> Result<ContractStatus, StatusChangeRefused> {
        use ContractStatus::*;
        match (self, to) {
            (Draft, Active)
            | (Active, Suspended)
            | (Suspended, Active)
            | (Active | Suspended, Terminated) => Ok(to),
            (from, to) => Err(StatusChangeRefused { from, to }),
        }
    }

    /// The status as seen on `today` in the contract's zone: a running
    /// contract past its last day has expired.
    pub fn as_of(self, today: NaiveDate, end: NaiveDate) -> ContractStatus {
        match self {
            ContractStatus::Active | ContractStatus::Suspended if today > end => {
                ContractStatus::Expired
            }
            other => other,
        }
    }
}

/// An ISO 4217 currency, with the number of its minor-unit digits (CNY: 2, JPY: 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Currency(iso_currency::Currency);

#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("'{0}' is not an ISO 4217 currency code")]
pub struct UnknownCurrency(pub String);

impl Explain for UnknownCurrency {
    fn message(&self) -> Message {
        msg!("error-unknown-currency", code = &self.0)
    }
}

impl Currency {
    pub const CNY: Currency = Currency(iso_currency::Currency::CNY);

    pub fn parse(code: &str) -> Result<Self, UnknownCurrency> {
        let currency = iso_currency::Currency::from_code(code.trim())
            .ok_or_else(|| UnknownCurrency(code.to_owned()))?;
        // Funds and metals (XAU, XDR …) have no minor unit: they are not for invoices.
        currency
            .exponent()
            .map(|_| Currency(currency))
            .ok_or_else(|| UnknownCurrency(code.to_owned()))
    }

    pub fn code(self) -> &'static str {
        self.0.code()
    }

    /// Decimal places of the minor unit: amounts are rounded to these.
    pub fn minor_digits(self) -> u32 {
        u32::from(self.0.exponent().unwrap_or(2))
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// An IANA time zone: periods and days of a contract are local to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeZone(chrono_tz::Tz);

#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("'{0}' is not an IANA time zone such as Asia/Shanghai")]
pub struct UnknownTimeZone(pub String);

impl Explain for UnknownTimeZone {
    fn message(&self) -> Message {
        msg!("error-unknown-time-zone", name = &self.0)
    }
}

impl TimeZone {
    pub const SHANGHAI: TimeZone = TimeZone(chrono_tz::Asia::Shanghai);

    pub fn parse(name: &str) -> Result<Self, UnknownTimeZone> {
        chrono_tz::Tz::from_str(name.trim())
            .map(TimeZone)
            .map_err(|_| UnknownTimeZone(name.to_owned()))
    }

    pub fn name(self) -> &'static str {
        self.0.name()
    }

    /// The local date at `instant`.
    pub fn today(self, instant: DateTime<Utc>) -> NaiveDate {
        instant.with_timezone(&self.0).date_naive()
    }

    /// The instants local days `first..=last` span: from the start of the first to the start of the day after the last.
    pub fn span(self, first: NaiveDate, last: NaiveDate) -> (DateTime<Utc>, DateTime<Utc>) {
        (
            self.start_of(first),
            self.start_of(last.succ_opt().unwrap_or(last)),
        )
    }

    /// The instant a local day begins.
    pub fn start_of(self, day: NaiveDate) -> DateTime<Utc> {
        use chrono::TimeZone as _;
        let midnight = day.and_time(chrono::NaiveTime::MIN);
        self.0
            .from_local_datetime(&midnight)
            .earliest()
            .map_or_else(|| midnight.and_utc(), |t| t.with_timezone(&Utc))
    }
}

pub const NUMBER_MAX: usize = 64;
pub const TITLE_MAX: usize = 200;

/// A contract's header: who, for which shops, for when, in what money and zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contract {
    pub id: super::ContractId,
    pub tenant_id: TenantId,
    pub vendor_id: VendorId,
    pub shop_ids: Vec<ShopId>,
    pub number: String,
    pub title: String,
    /// First day, inclusive.
    pub start: NaiveDate,
    /// Last day, inclusive.
    pub end: NaiveDate,
    pub currency: Currency,
    pub time_zone: TimeZone,
    /// As stored; see [`ContractStatus::as_of`] for what it is today.
    pub status: ContractStatus,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Contract {
    pub fn status_today(&self, now: DateTime<Utc>) -> ContractStatus {
        self.status.as_of(self.time_zone.today(now), self.end)
    }

    /// Whether `date` lies within the contract.
    pub fn covers(&self, date: NaiveDate) -> bool {
        self.start <= date && date <= self.end
    }
}

/// A contract to create; it starts as a draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewContract {
    pub vendor_id: VendorId,
    pub shop_ids: Vec<ShopId>,
    pub number: String,
    pub title: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub currency: Currency,
    pub time_zone: TimeZone,
}

#[cfg(test)]
mod tests {
    use super::*;
    use ContractStatus::*;

    #[test]
    fn a_contract_lives_draft_active_suspended_terminated() {
        assert_eq!(Draft.change_to(Active), Ok(Active));
        assert_eq!(Active.change_to(Suspended), Ok(Suspended));
        assert_eq!(Suspended.change_to(Active), Ok(Active));
        assert_eq!(Suspended.change_to(Terminated), Ok(Terminated));
        assert!(Draft.change_to(Terminated).is_err());
        assert!(Terminated.change_to(Active).is_err());
        assert!(Active.change_to(Draft).is_err());
    }

    #[test]
    fn a_running_contract_expires_after_its_last_day() {
        let end = NaiveDate::from_ymd_opt(2026, 12, 31).unwrap_or_default();
        let last_day = end;
        let next_day = end.succ_opt().unwrap_or_default();
        assert_eq!(Active.as_of(last_day, end), Active);
        assert_eq!(Active.as_of(next_day, end), Expired);
        assert_eq!(
            Draft.as_of(next_day, end),
            Draft,
            "a draft never ran, so it does not expire"
        );
    }

    #[test]
    fn currencies_and_zones_are_real() {
        assert_eq!(Currency::parse("CNY").map(Currency::minor_digits), Ok(2));
        assert_eq!(Currency::parse("JPY").map(Currency::minor_digits), Ok(0));
        assert!(Currency::parse("RMB").is_err());
        assert!(Currency::parse("XAU").is_err());
        assert_eq!(
            TimeZone::parse("Asia/Shanghai").map(TimeZone::name),
            Ok("Asia/Shanghai")
        );
        assert!(TimeZone::parse("China/Beijing").is_err());
    }
}
