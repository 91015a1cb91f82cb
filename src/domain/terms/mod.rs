//! A contract's terms: the commercial conditions, the fee schedule, the SLA
//! clauses, the liability terms and the handover plan. One version of them is
//! one `Terms` value; amendments make new versions.
//!
//! These types are the document as it is stored and as it travels; `check`
//! holds every rule, naming each broken one by its path in the document.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::decimal;
use super::names::named_enum;
use super::violation::Violations;

mod check;
#[cfg(test)]
mod tests;

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

named_enum!(
    /// What kind of liability a penalty is, so that the liability terms can
    /// leave some kinds outside every cap.
    PenaltyCategory {
        Sla = "sla",
        Incident = "incident",
        DataBreach = "data_breach",
        GrossNegligence = "gross_negligence",
    }
);

named_enum!(
    ChargeKindName {
        SeatMonthly = "seat_monthly",
        PerUnit = "per_unit",
        Commission = "commission",
        Fixed = "fixed",
        OneTime = "one_time",
        MinimumCommitment = "minimum_commitment",
    }
);

named_enum!(
    TierPricing {
        /// Each unit at the rate of its own tier.
        Graduated = "graduated",
        /// Every unit at the rate of the tier the total reaches.
        Volume = "volume",
    }
);

named_enum!(
    MissingData {
        /// No figures: the worst band (or the maximum) applies.
        Breach = "breach",
        /// No figures: no line, a note.
        Waive = "waive",
    }
);

named_enum!(
    Severity {
        Critical = "critical",
        High = "high",
        Medium = "medium",
        Low = "low",
    }
);

/// Conditions of the contract as a whole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Commercial {
    pub payment: PaymentTerms,
    /// VAT in percent, e.g. "6".
    #[serde(with = "decimal")]
    #[schema(value_type = String, example = "6")]
    pub tax_rate: Decimal,
    #[serde(default = "default_rounding")]
    pub rounding: RoundingMode,
    pub scope: ServiceScope,
    #[serde(default = "default_kpi_source")]
    pub kpi_source: KpiSource,
    /// Largest difference between vendor and merchant figures, in percent of
    /// the prevailing figure, before kefu flags it.
    #[serde(with = "decimal", default = "default_tolerance")]
    #[schema(value_type = String, example = "2")]
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

/// One line of the fee schedule, as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ChargeSpec {
    /// Seats × rate per seat-month, the seats from the handover phase in force, prorated by day.
    SeatMonthly(SeatMonthlyCharge),
    /// Per unit of a volume metric (consultations, tickets, call minutes), in tiers.
    PerUnit(PerUnitCharge),
    /// A percentage of CS-assisted sales: flat, or tiered by sales or by a KPI.
    Commission(CommissionCharge),
    /// A fixed amount each month (a management fee).
    Fixed(FixedCharge),
    /// Once, in the month of `date` (setup, training).
    OneTime(OneTimeCharge),
    /// A monthly floor under the charges it names: a top-up when they fall short.
    MinimumCommitment(MinimumCommitmentCharge),
}

/// Seats × rate per seat-month, the seats from the handover phase in force, prorated by day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SeatMonthlyCharge {
    pub name: String,
    #[serde(with = "decimal")]
    #[schema(value_type = String, example = "6000.00")]
    pub rate: Decimal,
}

/// Per unit of a volume metric (consultations, tickets, call minutes), in tiers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PerUnitCharge {
    pub name: String,
    pub metric: String,
    pub pricing: TierPricing,
    /// Units each month that are free.
    #[serde(with = "decimal", default)]
    #[schema(value_type = String, example = "0")]
    pub included: Decimal,
    /// From zero, each tier starting where the one before ends.
    pub tiers: Vec<PriceTier>,
}

/// A percentage of CS-assisted sales: flat, or tiered by sales or by a KPI.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CommissionCharge {
    pub name: String,
    /// A flat percentage; or leave out and give `tiers`.
    #[serde(with = "decimal::option", default)]
    #[schema(value_type = Option<String>, example = "2")]
    pub percent: Option<Decimal>,
    /// What the tiers are of: `sales` (the month's CS-assisted sales) or `kpi`.
    #[serde(default)]
    pub tier_by: Option<TierBy>,
    /// The metric of `kpi` tiers, e.g. conversion_rate.
    #[serde(default)]
    pub kpi_metric: Option<String>,
    #[serde(default)]
    pub tiers: Vec<PercentTier>,
}

/// A fixed amount each month (a management fee).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FixedCharge {
    pub name: String,
    #[serde(with = "decimal")]
    #[schema(value_type = String)]
    pub amount: Decimal,
}

/// Once, in the month of `date` (setup, training).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OneTimeCharge {
    pub name: String,
    #[serde(with = "decimal")]
    #[schema(value_type = String)]
    pub amount: Decimal,
    pub date: NaiveDate,
}

/// A monthly floor under the charges it names: a top-up when they fall short.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MinimumCommitmentCharge {
    pub name: String,
    #[serde(with = "decimal")]
    #[schema(value_type = String)]
    pub amount: Decimal,
    /// Ids of the charges the floor is under.
    pub covers: Vec<u32>,
}

named_enum!(
    TierBy {
        Sales = "sales",
        Kpi = "kpi",
    }
);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PriceTier {
    /// Where the tier starts, in units; the first starts at "0".
    #[serde(with = "decimal")]
    #[schema(value_type = String, example = "0")]
    pub from: Decimal,
    #[serde(with = "decimal")]
    #[schema(value_type = String, example = "1.20")]
    pub unit_price: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PercentTier {
    /// Where the tier starts: sales in the currency, or the KPI's value; the first starts at "0".
    #[serde(with = "decimal")]
    #[schema(value_type = String, example = "0")]
    pub from: Decimal,
    #[serde(with = "decimal")]
    #[schema(value_type = String, example = "2")]
    pub percent: Decimal,
}

/// A charge as stored: its id within the contract and what it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Charge {
    pub id: u32,
    #[serde(flatten)]
    pub spec: ChargeSpec,
}

impl ChargeSpec {
    pub fn kind(&self) -> ChargeKindName {
        match self {
            ChargeSpec::SeatMonthly(_) => ChargeKindName::SeatMonthly,
            ChargeSpec::PerUnit(_) => ChargeKindName::PerUnit,
            ChargeSpec::Commission(_) => ChargeKindName::Commission,
            ChargeSpec::Fixed(_) => ChargeKindName::Fixed,
            ChargeSpec::OneTime(_) => ChargeKindName::OneTime,
            ChargeSpec::MinimumCommitment(_) => ChargeKindName::MinimumCommitment,
        }
    }

    pub fn name(&self) -> &str {
        match self {
            ChargeSpec::SeatMonthly(SeatMonthlyCharge { name, .. })
            | ChargeSpec::PerUnit(PerUnitCharge { name, .. })
            | ChargeSpec::Commission(CommissionCharge { name, .. })
            | ChargeSpec::Fixed(FixedCharge { name, .. })
            | ChargeSpec::OneTime(OneTimeCharge { name, .. })
            | ChargeSpec::MinimumCommitment(MinimumCommitmentCharge { name, .. }) => name,
        }
    }
}

/// A service-level clause, as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SlaClauseSpec {
    pub name: String,
    /// A metric of the catalogue; its direction says which way is better.
    pub metric: String,
    #[serde(with = "decimal")]
    #[schema(value_type = String, example = "30")]
    pub target: Decimal,
    /// The id of the phase from which the clause applies; absent for all phases.
    #[serde(default)]
    pub applies_from_phase: Option<u32>,
    /// Days after a phase starts during which the clause is not evaluated.
    #[serde(default)]
    pub grace_days: u32,
    /// Other targets for date windows, such as 双11.
    #[serde(default)]
    pub overrides: Vec<TargetOverride>,
    /// Below this sample (the metric's denominator) the clause is not evaluated that month.
    #[serde(default)]
    pub min_sample: u64,
    #[serde(default = "default_missing_data")]
    pub missing_data: MissingData,
    #[serde(default = "default_category")]
    pub category: PenaltyCategory,
    pub penalty: Schedule,
    #[serde(default)]
    pub bonus: Option<Bonus>,
}

fn default_missing_data() -> MissingData {
    MissingData::Breach
}

fn default_category() -> PenaltyCategory {
    PenaltyCategory::Sla
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TargetOverride {
    /// e.g. 双11
    pub label: String,
    /// First day, inclusive.
    pub from: NaiveDate,
    /// Last day, inclusive.
    pub to: NaiveDate,
    #[serde(with = "decimal")]
    #[schema(value_type = String)]
    pub target: Decimal,
}

/// What falling short (or doing better) costs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Schedule {
    /// Thresholds, each with an amount or a percentage of the fee base; the worst band reached applies.
    Bands(BandsSchedule),
    /// An amount per step beyond the target, up to a maximum.
    PerStep(PerStepSchedule),
    /// One amount whenever the target is missed.
    Fixed(FixedSchedule),
}

/// Thresholds, each with an amount or a percentage of the fee base; the worst band reached applies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BandsSchedule {
    #[serde(default)]
    pub fee_base: Option<FeeBase>,
    pub bands: Vec<Band>,
}

/// An amount per step beyond the target, up to a maximum.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PerStepSchedule {
    #[serde(with = "decimal")]
    #[schema(value_type = String, example = "0.1")]
    pub step: Decimal,
    #[serde(with = "decimal")]
    #[schema(value_type = String, example = "50.00")]
    pub amount: Decimal,
    /// Whether a part of a step counts pro rata (otherwise only whole steps).
    #[serde(default)]
    pub partial_steps: bool,
    #[serde(with = "decimal::option", default)]
    #[schema(value_type = Option<String>)]
    pub max: Option<Decimal>,
}

/// One amount whenever the target is missed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FixedSchedule {
    #[serde(with = "decimal")]
    #[schema(value_type = String)]
    pub amount: Decimal,
}

impl<'de> Deserialize<'de> for ChargeSpec {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use super::tagged::variant;
        let kinds = &[
            "seat_monthly",
            "per_unit",
            "commission",
            "fixed",
            "one_time",
            "minimum_commitment",
        ];
        super::tagged::deserialize(deserializer, "kind", kinds, |kind, body| {
            Some(match kind {
                "seat_monthly" => variant(body).map(ChargeSpec::SeatMonthly),
                "per_unit" => variant(body).map(ChargeSpec::PerUnit),
                "commission" => variant(body).map(ChargeSpec::Commission),
                "fixed" => variant(body).map(ChargeSpec::Fixed),
                "one_time" => variant(body).map(ChargeSpec::OneTime),
                "minimum_commitment" => variant(body).map(ChargeSpec::MinimumCommitment),
                _ => return None,
            })
        })
    }
}

impl<'de> Deserialize<'de> for Schedule {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use super::tagged::variant;
        super::tagged::deserialize(
            deserializer,
            "type",
            &["bands", "per_step", "fixed"],
            |kind, body| {
                Some(match kind {
                    "bands" => variant(body).map(Schedule::Bands),
                    "per_step" => variant(body).map(Schedule::PerStep),
                    "fixed" => variant(body).map(Schedule::Fixed),
                    _ => return None,
                })
            },
        )
    }
}

/// The charges whose period total a percentage is of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FeeBase {
    pub charge_kinds: Vec<ChargeKindName>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Band {
    /// The value at which the band begins (for a penalty: at or worse than it).
    #[serde(with = "decimal")]
    #[schema(value_type = String, example = "99")]
    pub threshold: Decimal,
    #[serde(with = "decimal::option", default)]
    #[schema(value_type = Option<String>)]
    pub amount: Option<Decimal>,
    /// Percent of the fee base.
    #[serde(with = "decimal::option", default)]
    #[schema(value_type = Option<String>)]
    pub percent: Option<Decimal>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Bonus {
    pub schedule: Schedule,
    /// Further conditions that must all hold too (DSR ≥ 4.8 and CSAT ≥ 90%).
    #[serde(default)]
    pub also_requires: Vec<Condition>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    pub metric: String,
    /// Met when the value is this or better, in the metric's direction.
    #[serde(with = "decimal")]
    #[schema(value_type = String)]
    pub threshold: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SlaClause {
    pub id: u32,
    #[serde(flatten)]
    pub spec: SlaClauseSpec,
}

/// The limits on penalties and the duties around incidents.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Liability {
    #[serde(default)]
    pub monthly_cap: Option<Cap>,
    /// Most penalties may add up to in one contract year.
    #[serde(with = "decimal::option", default)]
    #[schema(value_type = Option<String>)]
    pub annual_cap: Option<Decimal>,
    #[serde(default)]
    pub incident_duties: Vec<IncidentDuty>,
    /// Penalty categories no cap limits.
    #[serde(default)]
    pub uncapped: Vec<PenaltyCategory>,
    /// After this many breached months in a row the merchant may terminate; kefu flags it.
    #[serde(default)]
    pub termination_after_breached_months: Option<u32>,
}

/// A monthly cap: an amount, or a percentage of the period's fees.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Cap {
    #[serde(with = "decimal::option", default)]
    #[schema(value_type = Option<String>)]
    pub amount: Option<Decimal>,
    #[serde(with = "decimal::option", default)]
    #[schema(value_type = Option<String>, example = "20")]
    pub percent_of_fees: Option<Decimal>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct IncidentDuty {
    pub severity: Severity,
    /// Minutes from occurrence within which the merchant must be told.
    pub escalate_within_minutes: u32,
    /// What each late escalation costs.
    #[serde(with = "decimal")]
    #[schema(value_type = String)]
    pub amount: Decimal,
}

/// One phase of the handover plan, as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PhaseSpec {
    pub name: String,
    /// First day, inclusive.
    pub start: NaiveDate,
    /// The day after the last (half-open).
    pub end: NaiveDate,
    pub channels: Vec<Channel>,
    /// Share of inquiries the vendor takes, in percent.
    #[serde(with = "decimal")]
    #[schema(value_type = String, example = "30")]
    pub inquiry_share: Decimal,
    #[serde(default)]
    pub shifts: Vec<String>,
    pub seats: u32,
    /// KPI gates that must hold before the next phase starts.
    #[serde(default)]
    pub exit_criteria: Vec<Condition>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Phase {
    pub id: u32,
    #[serde(flatten)]
    pub spec: PhaseSpec,
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
        check::check_phase_plan(&self.phases, "phases", &mut v);
        v
    }

    /// What activating (or applying an amendment) needs beyond the rules of each write.
    pub fn completeness(&self, frame: &Frame) -> Violations {
        let mut v = self.check(frame);
        v.rule(
            self.charges.is_empty(),
            "charges",
            "a contract needs at least one charge",
        );
        let has_seats = self
            .charges
            .iter()
            .any(|c| c.spec.kind() == ChargeKindName::SeatMonthly);
        v.rule(
            has_seats && self.phases.is_empty(),
            "phases",
            "seat charges need a handover plan to take seats from",
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
                let message = format!(
                    "leaves a gap after phase '{}', which ends (exclusive) {}",
                    pair[0].spec.name, pair[0].spec.end
                );
                v.add(format!("phases[{index}].start"), message);
            }
        }
        v
    }
}
