//! A contract's month in full, as its page draws it: the figures (for SLA
//! and for billing, per source, discrepancies), the days one by one, and the
//! targets each metric is held to — read in one trip.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::days::{DayView, day_views};
use super::views::{PeriodView, period_view};
use crate::app::contracts::ContractView;
use crate::app::{App, AppResult, Caller, month};
use crate::domain::{ContractId, Period, Permission};

#[derive(Debug)]
pub struct MonthInFull {
    pub contract: ContractView,
    pub figures: PeriodView,
    pub days: Vec<DayView>,
    pub targets: Vec<Target>,
}

/// A clause's target on a metric, and the windows where another holds.
#[derive(Debug)]
pub struct Target {
    pub metric: String,
    pub clause: String,
    pub target: Decimal,
    /// (label, first day, last day, target), such as 双11.
    pub overrides: Vec<(String, NaiveDate, NaiveDate, Decimal)>,
}

pub async fn month_in_full(
    app: &App,
    caller: Caller,
    id: ContractId,
    period: Period,
) -> AppResult<MonthInFull> {
    app.read(caller, Permission::ReadContracts, move |conn, auth| {
        let month = month::load(conn, auth, id, period)?;
        let targets = month
            .terms()
            .sla_clauses
            .iter()
            .map(|c| Target {
                metric: c.spec.metric.clone(),
                clause: c.spec.name.clone(),
                target: c.spec.target,
                overrides: c
                    .spec
                    .overrides
                    .iter()
                    .filter(|o| o.to >= month.window.from && o.from <= month.window.to)
                    .map(|o| (o.label.clone(), o.from, o.to, o.target))
                    .collect(),
            })
            .collect();
        Ok(MonthInFull {
            contract: month.contract.clone().into(),
            figures: period_view(&month),
            days: day_views(&month),
            targets,
        })
    })
    .await
}
