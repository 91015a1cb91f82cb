//! A contract's terms: the commercial conditions, the fee schedule, the SLA
//! clauses, the liability terms and the handover plan. One version of them is
//! one `Terms` value; amendments make new versions.
//!
//! These types are the document as it is stored and as it travels; each
//! part's rules sit beside its type (`check` holds the rules they share),
//! naming each broken one by its path in the document.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::decimal;
use super::message::msg;
use super::names::named_enum;
use super::violation::Violations;
use check::*;

mod charges;
mod check;
mod handover;
mod liability;
mod schedule;
mod schemas;
mod sla;
#[cfg(test)]
mod tests;

pub use charges::*;
pub use handover::*;
pub use liability::*;
pub use schedule::*;
pub use sla::*;

named_enum!(
    /// How amounts are rounded to the minor unit.
    RoundingMode {
        /// 四舍五入, as Chinese invoices do.
        HalfUp = "half_up",
        /// Banker's rounding.
        HalfEven = "half_even",
    }
);

named_enum!(
    /// Whose KPI figures prevail when both send them.
    KpiSource {
        Merchant = "merchant",
        Vendor = "vendor",
        System = "system",
    }
);

named_enum!(
    Channel {
        OnlineChat = "online_chat",
        Phone = "phone",
        Wechat = "wechat",
        Email = "email",
        Tickets = "tickets",
    }
);

named_enum!(
    ServiceLine {
        /// 售前
        PreSale = "pre_sale",
        /// 售后
        AfterSale = "after_sale",
        /// 投诉
        Complaints = "complaints",
    }
);

named_enum!(
    Weekday {
        Mon = "mon",
        Tue = "tue",
        Wed = "wed",
        Thu = "thu",
        Fri = "fri",
        Sat = "sat",
        Sun = "sun",
    }
);

named_enum!(
    PaymentMethod {
        BankTransfer = "bank_transfer",
        Alipay = "alipay",
        WechatPay = "wechat_pay",
        Other = "other",
    }
);

/// Conditions of the contract as a whole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Commercial {
    pub payment: PaymentTerms,
    /// VAT in percent, e.g. "6".
    #[serde(with = "decimal")]
    #[schema(value_type = crate::domain::decimal::Text, example = "6")]
    pub tax_rate: Decimal,
    #[serde(default = "default_rounding")]
    pub rounding: RoundingMode,
    pub scope: ServiceScope,
    #[serde(default = "default_kpi_source")]
    pub kpi_source: KpiSource,
    /// Largest difference between vendor and merchant figures, in percent of
    /// the prevailing figure, before kefu flags it.
    #[serde(with = "decimal", default = "default_tolerance")]
    #[schema(value_type = crate::domain::decimal::Text, example = "2")]
    pub discrepancy_tolerance: Decimal,
    /// A submitted monthly report the merchant has not answered is deemed accepted after this many days.
    #[serde(default)]
    pub report_deemed_accepted_after_days: Option<u32>,
}

fn default_rounding() -> RoundingMode {
    RoundingMode::HalfUp
}

fn default_kpi_source() -> KpiSource {
    KpiSource::Merchant
}

fn default_tolerance() -> Decimal {
    Decimal::from(2)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PaymentTerms {
    /// Days after the invoice date.
    pub net_days: u32,
    pub method: PaymentMethod,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ServiceScope {
    pub channels: Vec<Channel>,
    pub lines: Vec<ServiceLine>,
    /// Service hours per weekday; a day not listed is not served.
    #[serde(default)]
    pub hours: Vec<ServiceHours>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ServiceHours {
    pub weekday: Weekday,
    /// "09:00"
    pub from: String,
    /// "24:00" for midnight at the end of the day.
    pub to: String,
}

/// One version of a contract's terms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Terms {
    pub commercial: Commercial,
    #[serde(default)]
    pub charges: Vec<Charge>,
    #[serde(default)]
    pub sla_clauses: Vec<SlaClause>,
    #[serde(default)]
    pub liability: Liability,
    #[serde(default)]
    pub phases: Vec<Phase>,
    /// The next id to give a charge, clause or phase: ids are never reused.
    pub next_id: u32,
}

/// What the rules need to know of the contract around the terms.
#[derive(Debug, Clone, Copy)]
pub struct Frame {
    pub start: NaiveDate,
    /// Last day, inclusive.
    pub end: NaiveDate,
    /// Decimal places of the currency's minor unit.
    pub minor_digits: u32,
}

impl Frame {
    /// The frame of a contract's terms: its dates and its currency's minor unit.
    pub fn of(contract: &crate::domain::Contract) -> Self {
        Frame {
            start: contract.start,
            end: contract.end,
            minor_digits: contract.currency.minor_digits(),
        }
    }
}

impl Default for Commercial {
    fn default() -> Self {
        Commercial {
            payment: PaymentTerms {
                net_days: 30,
                method: PaymentMethod::BankTransfer,
            },
            tax_rate: Decimal::from(6),
            rounding: RoundingMode::HalfUp,
            scope: ServiceScope {
                channels: vec![Channel::OnlineChat],
                lines: vec![ServiceLine::PreSale, ServiceLine::AfterSale],
                hours: Vec::new(),
            },
            kpi_source: KpiSource::Merchant,
            discrepancy_tolerance: default_tolerance(),
            report_deemed_accepted_after_days: None,
        }
    }
}

impl Terms {
    /// Fresh terms for a new contract.
    pub fn new(commercial: Commercial) -> Self {
        Terms {
            commercial,
            charges: Vec::new(),
            sla_clauses: Vec::new(),
            liability: Liability::default(),
            phases: Vec::new(),
            next_id: 1,
        }
    }

    /// Takes the next id for a new charge, clause or phase.
    pub fn take_id(&mut self) -> u32 {
        let id = self.next_id;
        self.next_id += 1;
        id
    }

    /// The phases in date order.
    pub fn phases_in_order(&self) -> Vec<&Phase> {
        let mut phases: Vec<&Phase> = self.phases.iter().collect();
        phases.sort_by_key(|p| p.spec.start);
        phases
    }

    /// Every rule of every part, with paths from the terms' root.
    pub fn check(&self, frame: &Frame) -> Violations {
        let mut v = Violations::default();
        self.commercial.check("commercial.", &mut v);
        for (i, charge) in self.charges.iter().enumerate() {
            charge
                .spec
                .check(&format!("charges[{i}]."), self, frame, &mut v);
        }
        for (i, clause) in self.sla_clauses.iter().enumerate() {
            clause
                .spec
                .check(&format!("sla_clauses[{i}]."), self, frame, &mut v);
        }
        self.liability.check("liability.", frame, &mut v);
        for (i, phase) in self.phases.iter().enumerate() {
            phase.spec.check(&format!("phases[{i}]."), frame, &mut v);
        }
        handover::check_phase_plan(&self.phases, "phases", &mut v);
        v
    }

    /// What activating (or applying an amendment) needs beyond the rules of each write.
    pub fn completeness(&self, frame: &Frame) -> Violations {
        let mut v = self.check(frame);
        v.rule(
            self.charges.is_empty(),
            "charges",
            msg!("error-charges-none"),
        );
        let has_seats = self
            .charges
            .iter()
            .any(|c| c.spec.kind() == ChargeKindName::SeatMonthly);
        v.rule(
            has_seats && self.phases.is_empty(),
            "phases",
            msg!("error-seats-without-plan"),
        );
        // A plan with a gap leaves days with no seats and no phase for the clauses.
        let ordered = self.phases_in_order();
        for pair in ordered.windows(2) {
            if pair[1].spec.start > pair[0].spec.end {
                let index = self
                    .phases
                    .iter()
                    .position(|p| p.id == pair[1].id)
                    .unwrap_or_default();
                let message = msg!(
                    "error-phase-gap",
                    phase = &pair[0].spec.name,
                    end = pair[0].spec.end
                );
                v.add(format!("phases[{index}].start"), message);
            }
        }
        v
    }
}

impl Commercial {
    pub(super) fn check(&self, prefix: &str, v: &mut Violations) {
        check_percent(self.tax_rate, &format!("{prefix}tax_rate"), v);
        check_percent(
            self.discrepancy_tolerance,
            &format!("{prefix}discrepancy_tolerance"),
            v,
        );
        v.rule(
            self.payment.net_days > 365,
            format!("{prefix}payment.net_days"),
            msg!("error-at-most", max = 365u32),
        );
        v.rule(
            self.scope.channels.is_empty(),
            format!("{prefix}scope.channels"),
            msg!("error-channels-none"),
        );
        v.rule(
            self.scope.lines.is_empty(),
            format!("{prefix}scope.lines"),
            msg!("error-lines-none"),
        );
        for (i, hours) in self.scope.hours.iter().enumerate() {
            let field = format!("{prefix}scope.hours[{i}]");
            match (minutes_of(&hours.from), minutes_of(&hours.to)) {
                (Some(from), Some(to)) if from < to => {}
                (Some(_), Some(_)) => v.add(field, msg!("error-hours-order")),
                _ => v.add(field, msg!("error-hours-format")),
            }
        }
    }
}

fn minutes_of(time: &str) -> Option<u32> {
    if time.len() != 5 {
        return None;
    }
    let (h, m) = time.split_once(':')?;
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    (m < 60 && (h < 24 || (h == 24 && m == 0))).then_some(h * 60 + m)
}
