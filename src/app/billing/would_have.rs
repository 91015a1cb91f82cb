//! What would this contract have billed? The terms being written — a draft
//! contract's terms, or an open amendment — run on months that are over
//! (their figures, or figures typed in), month by month beside what the
//! terms in force bill for the same figures. The negotiation tool: it stores
//! nothing, and it is the billing engine that computes both sides.

use chrono::{NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::input;
use super::simulate::replace_figures;
use crate::app::entered::{Checked, EnteredFigure, check_totals};
use crate::app::{App, AppError, AppResult, AuthUser, Caller, month};
use crate::domain::billing::{Basis, BillingInput, InvoiceDraft, TermsPart, compute};
use crate::domain::kpi::Sums;
use crate::domain::message::msg;
use crate::domain::metric::Metric;
use crate::domain::versions::{TermsState, TermsVersion};
use crate::domain::violation::Violations;
use crate::domain::{Contract, ContractId, ContractStatus, Period, Permission};
use crate::store::contracts::ContractFilter;
use crate::store::{self, DbConnection, Page, StoreError};

/// Months run by default, and at most.
pub const DEFAULT_MONTHS: u32 = 3;
pub const MAX_MONTHS: u32 = 6;

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = WouldHaveBilledBody)]
pub struct WouldHaveBilledBody {
    /// How many of the last months that are over to run: 1 to 6, 3 by default.
    #[serde(default)]
    pub last: Option<u32>,
    /// Whose months' figures: by default this contract's; a draft's are its
    /// vendor's latest signed contract's (or its own, when there is none).
    #[serde(default)]
    pub figures_from: Option<i64>,
    /// Figures typed in as months' totals, in place of those months' own.
    #[serde(default)]
    pub figures: Vec<MonthFigures>,
}

/// Figures typed in for one month.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = WouldHaveBilledMonthFigures)]
pub struct MonthFigures {
    #[schema(value_type = String, example = "2026-10")]
    pub period: Period,
    pub figures: Vec<EnteredFigure>,
}

/// What a month came to, in short.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = WouldHaveBilledAmounts)]
pub struct Billed {
    #[schema(value_type = String)]
    pub charges: Decimal,
    /// Zero or below: penalties after the caps.
    #[schema(value_type = String)]
    pub penalties: Decimal,
    #[schema(value_type = String)]
    pub bonuses: Decimal,
    #[schema(value_type = String)]
    pub tax: Decimal,
    /// With tax.
    #[schema(value_type = String)]
    pub total: Decimal,
    /// An SLA clause was breached.
    pub breached: bool,
}

impl From<&InvoiceDraft> for Billed {
    fn from(draft: &InvoiceDraft) -> Self {
        Self {
            charges: draft.charges,
            penalties: draft.penalties,
            bonuses: draft.bonuses,
            tax: draft.tax,
            total: draft.total,
            breached: draft.breached,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = WouldHaveBilledMonth)]
pub struct MonthBilled {
    #[schema(value_type = String)]
    pub period: Period,
    /// The metrics whose figures were typed in.
    pub typed: Vec<String>,
    /// The month's figures the terms being written ran on (typed or its own), for billing.
    pub figures: Vec<UsedFigure>,
    /// On the terms being written.
    pub proposed: Billed,
    /// On the terms in force that month, where there are any.
    pub current: Option<Billed>,
    /// Proposed minus current total.
    #[schema(value_type = Option<String>)]
    pub difference: Option<Decimal>,
}

/// A metric's month totals as the engine took them.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = WouldHaveBilledFigure)]
pub struct UsedFigure {
    pub metric: String,
    pub numerator: i64,
    pub denominator: i64,
    /// The month's value; absent without figures.
    #[schema(value_type = Option<String>)]
    pub value: Option<Decimal>,
    pub typed: bool,
}

/// The totals of each metric of the engine's input, for billing.
fn used(input: &BillingInput) -> Vec<UsedFigure> {
    let mut figures: Vec<UsedFigure> = input
        .figures
        .iter()
        .map(|f| {
            let mut sums = Sums::default();
            for bucket in &f.buckets {
                sums.numerator = sums.numerator.saturating_add(bucket.for_billing.numerator);
                sums.denominator = sums
                    .denominator
                    .saturating_add(bucket.for_billing.denominator);
                sums.days = sums.days.saturating_add(bucket.for_billing.days);
            }
            let value = Metric::find(&f.metric)
                .and_then(|m| (sums.days > 0).then(|| sums.value(m, input.minor_digits)))
                .flatten();
            UsedFigure {
                metric: f.metric.clone(),
                numerator: sums.numerator,
                denominator: sums.denominator,
                value,
                typed: f.basis == Basis::Hypothetical,
            }
        })
        .collect();
    figures.sort_by(|a, b| a.metric.cmp(&b.metric));
    figures
}

/// The contract whose months' figures were used.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = WouldHaveBilledSource)]
pub struct FiguresSource {
    pub contract_id: i64,
    pub number: String,
    pub title: String,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(as = WouldHaveBilled)]
pub struct WouldHaveBilledView {
    pub contract_id: i64,
    /// The version of the terms being written: the draft, or the open
    /// amendment; with neither, the version in force (state `in_force`).
    pub proposed_version: u32,
    pub proposed_state: TermsState,
    pub figures_from: FiguresSource,
    pub currency: String,
    /// Oldest first. Each month is judged on its own: the contract year's cap
    /// used by earlier invoices and breached months before it are not counted.
    pub months: Vec<MonthBilled>,
    #[schema(value_type = String)]
    pub total_proposed: Decimal,
    /// Over the months the terms in force bill.
    #[schema(value_type = Option<String>)]
    pub total_current: Option<Decimal>,
    #[schema(value_type = Option<String>)]
    pub total_difference: Option<Decimal>,
}

/// What the terms being written would have billed, month by month, beside
/// the terms in force. Stores nothing.
pub async fn would_have_billed(
    app: &App,
    caller: Caller,
    id: ContractId,
    body: WouldHaveBilledBody,
) -> AppResult<WouldHaveBilledView> {
    app.read(caller, Permission::ReadContracts, move |conn, auth| {
        run(conn, auth, id, body)
    })
    .await
}

/// The contracts of the same vendor whose figures can be used, newest first.
pub async fn sources(app: &App, caller: Caller, id: ContractId) -> AppResult<Vec<FiguresSource>> {
    app.read(caller, Permission::ReadContracts, move |conn, auth| {
        let contract = store::contracts::get(conn, auth.scope, id)?;
        Ok(siblings(conn, auth, &contract)?
            .into_iter()
            .map(|c| source_of(&c))
            .collect())
    })
    .await
}

fn source_of(contract: &Contract) -> FiguresSource {
    FiguresSource {
        contract_id: contract.id.get(),
        number: contract.number.clone(),
        title: contract.title.clone(),
    }
}

/// The vendor's other signed contracts, latest start first.
fn siblings(
    conn: &mut DbConnection,
    auth: &AuthUser,
    contract: &Contract,
) -> AppResult<Vec<Contract>> {
    let filter = ContractFilter {
        status: None,
        vendor: Some(contract.vendor_id),
    };
    let page = Page {
        after: None,
        limit: Page::MAX_LIMIT,
    };
    let mut others: Vec<Contract> = store::contracts::list(conn, auth.scope, filter, page)?
        .into_iter()
        .filter(|c| c.id != contract.id && c.status != ContractStatus::Draft)
        .collect();
    others.sort_by_key(|c| std::cmp::Reverse((c.start, c.id)));
    Ok(others)
}

fn run(
    conn: &mut DbConnection,
    auth: &AuthUser,
    id: ContractId,
    body: WouldHaveBilledBody,
) -> AppResult<WouldHaveBilledView> {
    let contract = store::contracts::get(conn, auth.scope, id)?;
    // Nothing being written: the terms in force, beside themselves (figures typed in still tell).
    let proposed = match store::terms::editable(conn, auth.tenant(), id)? {
        Some(writing) => writing,
        None => {
            let today = contract.time_zone.today(Utc::now());
            let day = today.clamp(contract.start, contract.end);
            store::terms::in_force(conn, auth.tenant(), id, day)?
                .ok_or_else(|| AppError::conflict(msg!("life-error-nothing-proposed")))?
        }
    };
    let mut errors = Violations::default();
    let source = figures_source(conn, auth, &contract, body.figures_from, &mut errors)?;
    let last = body.last.unwrap_or(DEFAULT_MONTHS);
    if !(1..=MAX_MONTHS).contains(&last) {
        errors.add("last", msg!("life-error-months", max = MAX_MONTHS));
    }
    let periods = months_run(&contract, source.as_ref(), last.clamp(1, MAX_MONTHS));
    for (i, typed) in body.figures.iter().enumerate() {
        if !periods.contains(&typed.period) {
            errors.add(
                format!("figures[{i}].period"),
                msg!("life-error-month-not-run", period = typed.period),
            );
        } else if body.figures[..i].iter().any(|f| f.period == typed.period) {
            errors.add(format!("figures[{i}].period"), msg!("error-named-twice"));
        }
    }
    // Every typed figure checked before anything runs: every rule broken at once.
    for (i, typed) in body.figures.iter().enumerate() {
        let mut broken = Violations::default();
        let days = source
            .as_ref()
            .and_then(|s| month::days_of(&framed(s, typed.period), typed.period).ok())
            .unwrap_or_else(|| whole(typed.period));
        check_totals(&typed.figures, days, &mut broken, |_| None);
        errors.nest(&format!("figures[{i}]"), broken);
    }
    errors.into_result()?;
    let source = source.ok_or(AppError::NotFound)?;
    let compares = source.id == contract.id && contract.status != ContractStatus::Draft;
    let mut months = Vec::with_capacity(periods.len());
    for period in periods {
        let typed = body
            .figures
            .iter()
            .find(|f| f.period == period)
            .map_or(&[][..], |f| &f.figures[..]);
        let frame = framed(&source, period);
        let (from, to) = month::days_of(&frame, period)?;
        let checked = || {
            let mut ignored = Violations::default();
            check_totals(typed, (from, to), &mut ignored, |_| None)
        };
        let parts = vec![TermsPart {
            version: proposed.version,
            from,
            to,
            terms: proposed.terms.clone(),
        }];
        let mut gathered = month::gather_on(conn, auth.tenant(), frame, period, parts)?;
        // Late escalations cost what the terms being written say.
        for (_, duties) in &mut gathered.incidents {
            duties.clone_from(&proposed.terms.liability.incident_duties);
        }
        let mut on_proposal = input::input(conn, auth.tenant(), gathered)?;
        let typed_metrics = on_its_own(&mut on_proposal, checked(), (from, to));
        let proposal = compute(&on_proposal);
        let current = if compares {
            current_terms(conn, auth, &contract, period, checked())?
        } else {
            None
        };
        months.push(MonthBilled {
            period,
            typed: typed_metrics,
            figures: used(&on_proposal),
            difference: current.as_ref().map(|c| proposal.total - c.total),
            proposed: Billed::from(&proposal),
            current: current.as_ref().map(Billed::from),
        });
    }
    Ok(view(&contract, &proposed, &source, months))
}

fn view(
    contract: &Contract,
    proposed: &TermsVersion,
    source: &Contract,
    months: Vec<MonthBilled>,
) -> WouldHaveBilledView {
    let total_proposed = months.iter().map(|m| m.proposed.total).sum();
    let currents: Vec<Decimal> = months
        .iter()
        .filter_map(|m| m.current.as_ref().map(|c| c.total))
        .collect();
    let total_current = (!currents.is_empty()).then(|| currents.iter().copied().sum());
    let total_difference =
        (!currents.is_empty()).then(|| months.iter().filter_map(|m| m.difference).sum::<Decimal>());
    WouldHaveBilledView {
        contract_id: contract.id.get(),
        proposed_version: proposed.version,
        proposed_state: proposed.state,
        figures_from: source_of(source),
        currency: contract.currency.code().to_owned(),
        months,
        total_proposed,
        total_current,
        total_difference,
    }
}

/// The last `count` months that are over, oldest first — of those the
/// figures' contract ran in, when it ran in any (else the calendar's, for
/// figures typed in).
fn months_run(contract: &Contract, source: Option<&Contract>, count: u32) -> Vec<Period> {
    let this_month = Period::of(contract.time_zone.today(Utc::now()));
    let over = std::iter::successors(Some(this_month.previous()), |p| Some(p.previous()));
    let mut periods: Vec<Period> = match source {
        Some(s) if s.start < this_month.first_day() => over
            .take_while(|p| p.last_day() >= s.start)
            .filter(|p| p.clip(s.start, s.end).is_some())
            .take(count as usize)
            .collect(),
        _ => over.take(count as usize).collect(),
    };
    periods.reverse();
    periods
}

/// The month's whole days: typed figures are checked against them.
fn whole(period: Period) -> (NaiveDate, NaiveDate) {
    (period.first_day(), period.last_day())
}

/// The contract whose figures are run: the one asked for (the same vendor's),
/// else this one when signed, else the vendor's latest signed one, else this draft.
fn figures_source(
    conn: &mut DbConnection,
    auth: &AuthUser,
    contract: &Contract,
    asked: Option<i64>,
    errors: &mut Violations,
) -> AppResult<Option<Contract>> {
    match asked {
        Some(other) if other == contract.id.get() => Ok(Some(contract.clone())),
        Some(other) => match store::contracts::get(conn, auth.scope, ContractId::new(other)) {
            Ok(found) if found.vendor_id == contract.vendor_id => Ok(Some(found)),
            Ok(_) | Err(StoreError::NotFound) => {
                errors.add("figures_from", msg!("life-error-figures-from"));
                Ok(None)
            }
            Err(other) => Err(other.into()),
        },
        None if contract.status != ContractStatus::Draft => Ok(Some(contract.clone())),
        None => Ok(Some(
            siblings(conn, auth, contract)?
                .into_iter()
                .next()
                .unwrap_or_else(|| contract.clone()),
        )),
    }
}

/// The contract as the frame of `period`: itself where it runs in the month,
/// else stretched over the whole month (a month before it began, or after
/// it ended, with whatever figures it has there — typically those typed in).
fn framed(contract: &Contract, period: Period) -> Contract {
    if period.clip(contract.start, contract.end).is_some() {
        return contract.clone();
    }
    let mut frame = contract.clone();
    frame.start = frame.start.min(period.first_day());
    frame.end = frame.end.max(period.last_day());
    frame
}

/// Judges a month on its own — the contract year's cap used by earlier
/// invoices and the breached months before it left out, whichever figures
/// it stands on — and puts the typed figures in; gives the metrics typed.
fn on_its_own(
    input: &mut BillingInput,
    typed: Vec<Checked>,
    days: (NaiveDate, NaiveDate),
) -> Vec<String> {
    input.penalties_earlier_in_year = Decimal::ZERO;
    input.breached_months_before = 0;
    replace_figures(input, typed, days)
}

/// What the terms in force bill for the month with the same figures; none
/// where no terms were in force in it.
fn current_terms(
    conn: &mut DbConnection,
    auth: &AuthUser,
    contract: &Contract,
    period: Period,
    typed: Vec<Checked>,
) -> AppResult<Option<InvoiceDraft>> {
    let Some((from, to)) = period.clip(contract.start, contract.end) else {
        return Ok(None);
    };
    let gathered = match month::gather(conn, auth.tenant(), contract.clone(), period) {
        Ok(gathered) => gathered,
        Err(AppError::Conflict { .. }) => return Ok(None),
        Err(other) => return Err(other),
    };
    let mut on_current = input::input(conn, auth.tenant(), gathered)?;
    on_its_own(&mut on_current, typed, (from, to));
    Ok(Some(compute(&on_current)))
}

#[cfg(test)]
mod tests {
    use chrono::Months;

    use super::*;
    use crate::domain::{Currency, TenantId, TimeZone, VendorId};

    fn contract(start: NaiveDate, end: NaiveDate) -> Contract {
        Contract {
            id: ContractId::new(1),
            tenant_id: TenantId::new(1),
            vendor_id: VendorId::new(1),
            shop_ids: Vec::new(),
            number: "KF-1".into(),
            title: "合同".into(),
            start,
            end,
            currency: Currency::parse("CNY").unwrap(),
            time_zone: TimeZone::SHANGHAI,
            status: ContractStatus::Active,
            created_at: Utc::now(),
            updated_at: Utc::now(),
        }
    }

    fn this_month() -> Period {
        Period::of(TimeZone::SHANGHAI.today(Utc::now()))
    }

    #[test]
    fn the_months_run_are_the_last_that_are_over_that_the_figures_contract_ran_in() {
        let this = this_month();
        let (one, two, three) = (
            this.previous(),
            this.previous().previous(),
            this.previous().previous().previous(),
        );
        // Begun two months ago: its two months that are over, though three were asked for.
        let begun = contract(two.first_day(), two.first_day() + Months::new(12));
        assert_eq!(months_run(&begun, Some(&begun), 3), vec![two, one]);
        assert_eq!(months_run(&begun, Some(&begun), 1), vec![one]);
        // Beginning next month: no months of its own, the calendar's (for figures typed in).
        let later = contract(this.next().first_day(), this.next().last_day());
        assert_eq!(months_run(&later, Some(&later), 3), vec![three, two, one]);
        // Ended three months ago: its own last months, not the empty ones since.
        let ended = contract(this.first_day() - Months::new(12), three.last_day());
        let four = three.previous();
        let five = four.previous();
        assert_eq!(months_run(&later, Some(&ended), 3), vec![five, four, three]);
    }

    #[test]
    fn a_month_the_contract_did_not_run_in_is_run_whole() {
        let this = this_month();
        let later = contract(this.next().first_day(), this.next().last_day());
        let last = this.previous();
        let frame = framed(&later, last);
        assert_eq!(
            month::days_of(&frame, last).unwrap(),
            (last.first_day(), last.last_day())
        );
        assert_eq!(framed(&later, this.next()).start, later.start);
    }
}
