//! Each metric's value month by month: what a chart draws.

use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::app::month::{self, Basis};
use crate::app::{App, AppError, AppResult, Caller};
use crate::domain::kpi::Sums;
use crate::domain::message::msg;
use crate::domain::metric::Metric;
use crate::domain::{ContractId, Period, Permission, decimal};
use crate::store;

/// The most months a trend spans.
const TREND_MONTHS: usize = 24;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RangeQuery {
    /// First month, `YYYY-MM`.
    #[param(value_type = String, example = "2026-08")]
    pub from: Period,
    /// Last month, `YYYY-MM`; at most 24 months after `from`.
    #[param(value_type = String, example = "2026-10")]
    pub to: Period,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TrendPoint {
    pub metric: &'static str,
    pub basis: Basis,
    #[serde(with = "decimal::option")]
    #[schema(value_type = Option<crate::domain::decimal::Text>)]
    pub for_sla: Option<rust_decimal::Decimal>,
    #[serde(with = "decimal::option")]
    #[schema(value_type = Option<crate::domain::decimal::Text>)]
    pub for_billing: Option<rust_decimal::Decimal>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TrendMonth {
    #[schema(value_type = String)]
    pub period: Period,
    pub metrics: Vec<TrendPoint>,
}

/// The months from `from` to `to` that the contract runs in, each metric's
/// value as the month stands (the accepted report, else the prevailing feed).
pub async fn trend(
    app: &App,
    caller: Caller,
    id: ContractId,
    RangeQuery { from, to }: RangeQuery,
) -> AppResult<Vec<TrendMonth>> {
    if to < from {
        return Err(AppError::invalid("to", msg!("error-not-before-from")));
    }
    if from.through(to).count() > TREND_MONTHS {
        return Err(AppError::invalid(
            "to",
            msg!("error-trend-months", max = TREND_MONTHS),
        ));
    }
    app.read(caller, Permission::ReadContracts, move |conn, auth| {
        let contract = store::contracts::get(conn, auth.scope, id)?;
        let mut months = Vec::new();
        for period in from.through(to) {
            if period.clip(contract.start, contract.end).is_none() {
                continue;
            }
            let month = month::load_for(conn, auth.tenant(), contract.clone(), period)?;
            let digits = month.minor_digits();
            let value = |s: Option<Sums>, m: &Metric| s.and_then(|s| s.value(m, digits));
            let metrics = month
                .figures
                .iter()
                .map(|f| {
                    let chosen = month.chosen(f);
                    TrendPoint {
                        metric: f.metric.code,
                        basis: chosen.basis,
                        for_sla: value(chosen.for_sla, f.metric),
                        for_billing: value(chosen.for_billing, f.metric),
                    }
                })
                .collect();
            months.push(TrendMonth { period, metrics });
        }
        Ok(months)
    })
    .await
}
