//! The tenant's dashboard: each running contract's month so far (on track,
//! at risk, breached), penalties and bonuses by vendor and month over the
//! last twelve months, and the late escalations among them.
//!
//! Cost: the month so far is one month's read per running contract (as the
//! home page always did); the invoices, the incidents, the vendors and the
//! contracts are one read each, whatever their number; the terms are read
//! once per contract that had an incident.

use std::collections::BTreeMap;

use chrono::Utc;

use super::{LateEscalation, MoneySource, MonthMoney, duties_on, last_months, late};
use crate::app::standing::{ContractMonth, of_contract};
use crate::app::{App, AppResult, Caller};
use crate::domain::{
    Contract, ContractId, ContractStatus, Currency, Period, Permission, TimeZone, VendorId,
};
use crate::store::{self, Page, contracts::ContractFilter};

#[derive(Debug)]
pub struct TenantDashboard {
    /// The months shown, oldest first.
    pub periods: Vec<Period>,
    /// Each running contract's month so far.
    pub months: Vec<ContractMonth>,
    /// Penalties and bonuses by vendor, month by month.
    pub vendors: Vec<VendorMoney>,
    /// Late and overdue escalations of the months shown, latest first.
    pub late: Vec<(Contract, LateEscalation)>,
    /// Last month of each contract that has an invoice for it: whether a
    /// clause was breached, as the invoice says.
    pub last_month: BTreeMap<ContractId, (Period, bool)>,
}

#[derive(Debug)]
pub struct VendorMoney {
    pub vendor: VendorId,
    pub name: String,
    /// The currency of these months' invoices (a vendor billed in two has two tables).
    pub currency: Currency,
    /// Each month with an invoice, summed over the vendor's contracts (the month so far
    /// is each contract's own line above, not money yet).
    pub months: Vec<MonthMoney>,
}

/// A vendor's money in one currency, month by month.
type Months = BTreeMap<Period, MonthMoney>;

/// The dashboard of the caller's tenant (a vendor's user: its own contracts).
pub async fn dashboard(app: &App, caller: Caller) -> AppResult<TenantDashboard> {
    app.read(caller, Permission::ReadContracts, |conn, auth| {
        let now = Utc::now();
        let everything = Page {
            after: None,
            limit: Page::MAX_LIMIT,
        };
        let all = ContractFilter {
            status: None,
            vendor: None,
        };
        let contracts = store::contracts::list(conn, auth.scope, all, everything)?;
        let months = contracts
            .iter()
            .filter(|c| c.status == ContractStatus::Active)
            .map(|c| of_contract(conn, auth.tenant(), c.clone()))
            .collect::<AppResult<Vec<_>>>()?;
        let this_month = Period::of(
            contracts
                .first()
                .map_or(TimeZone::SHANGHAI, |c| c.time_zone)
                .today(now),
        );
        let periods = last_months(this_month);
        let first = periods[0];
        let invoices = store::invoices::money_since(conn, auth.scope, first, None)?;
        let vendors = store::vendors::list(conn, auth.scope, None, everything)?;
        // Money in different currencies is never added up: a vendor has a table per currency.
        let mut by_vendor: BTreeMap<(VendorId, &str), (Currency, Months)> = BTreeMap::new();
        let mut add = |vendor: VendorId, currency: Currency, money: MonthMoney| {
            let entry = by_vendor
                .entry((vendor, currency.code()))
                .or_insert_with(|| (currency, BTreeMap::new()))
                .1
                .entry(money.period)
                .or_insert(MonthMoney {
                    penalties: rust_decimal::Decimal::ZERO,
                    bonuses: rust_decimal::Decimal::ZERO,
                    ..money.clone()
                });
            entry.penalties += money.penalties;
            entry.bonuses += money.bonuses;
            // A month an invoice stands for reads as invoiced, though another contract's is so far.
            if matches!(money.source, MoneySource::Invoice(_)) {
                entry.source = money.source;
            }
        };
        for invoice in &invoices {
            add(
                invoice.vendor_id,
                invoice.currency,
                MonthMoney::of_invoice(invoice),
            );
        }
        let vendors = by_vendor
            .into_iter()
            .map(|((vendor, _), (currency, months))| VendorMoney {
                vendor,
                name: vendors
                    .iter()
                    .find(|v| v.id == vendor)
                    .map_or_else(String::new, |v| v.legal_name.clone()),
                currency,
                months: months.into_values().collect(),
            })
            .collect();
        let previous = this_month.previous();
        let last_month = invoices
            .iter()
            .filter(|i| i.period == previous)
            .map(|i| (i.contract_id, (i.period, i.breached)))
            .collect();
        let late = late_escalations(conn, auth.tenant(), &contracts, first, now)?;
        Ok(TenantDashboard {
            periods,
            months,
            vendors,
            late,
            last_month,
        })
    })
    .await
}

fn late_escalations(
    conn: &mut crate::store::DbConnection,
    tenant: crate::domain::TenantId,
    contracts: &[Contract],
    first: Period,
    now: chrono::DateTime<Utc>,
) -> AppResult<Vec<(Contract, LateEscalation)>> {
    let zone = contracts
        .first()
        .map_or(TimeZone::SHANGHAI, |c| c.time_zone);
    let (from, _) = zone.span(first.first_day(), first.first_day());
    let incidents = store::incidents::since(conn, tenant, from)?;
    let mut versions: BTreeMap<ContractId, Vec<crate::domain::versions::TermsVersion>> =
        BTreeMap::new();
    let mut late_ones = Vec::new();
    for incident in incidents {
        // Only contracts in the caller's scope.
        let Some(contract) = contracts.iter().find(|c| c.id == incident.contract_id) else {
            continue;
        };
        let history = match versions.entry(contract.id) {
            std::collections::btree_map::Entry::Occupied(known) => known.into_mut(),
            std::collections::btree_map::Entry::Vacant(new) => {
                new.insert(store::terms::history(conn, tenant, contract.id)?)
            }
        };
        let day = contract.time_zone.today(incident.occurred_at);
        let duties = duties_on(history, day);
        if let Some(found) = late(&incident, &duties, now) {
            late_ones.push((contract.clone(), found));
        }
    }
    late_ones.reverse();
    Ok(late_ones)
}
