//! A month day by day, and the values later rows replaced: what a daily
//! chart draws, and who changed what.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use crate::app::month;
use crate::app::{App, AppResult, Caller};
use crate::domain::kpi::Sums;
use crate::domain::metric::Metric;
use crate::domain::terms::KpiSource;
use crate::domain::{ApiKeyId, ContractId, Period, Permission, UserId, decimal};
use crate::store;

#[derive(Debug, Serialize, ToSchema)]
pub struct DayView {
    pub day: NaiveDate,
    pub metric: String,
    pub source: KpiSource,
    pub numerator: i64,
    pub denominator: i64,
    #[serde(with = "decimal::option")]
    #[schema(value_type = Option<crate::domain::decimal::Text>)]
    pub value: Option<rust_decimal::Decimal>,
    /// In an exclusion window: left out of SLA figures.
    pub excluded: bool,
}

/// A month day by day, every metric and source, in order of day, metric and source.
pub async fn days(
    app: &App,
    caller: Caller,
    id: ContractId,
    period: Period,
) -> AppResult<Vec<DayView>> {
    app.read(caller, Permission::ReadContracts, move |conn, auth| {
        Ok(day_views(&month::load(conn, auth, id, period)?))
    })
    .await
}

/// The month's rows, day by day, in order of day, metric and source.
pub fn day_views(month: &month::Month) -> Vec<DayView> {
    let digits = month.minor_digits();
    let mut rows: Vec<_> = month.rows.iter().collect();
    rows.sort_by(|a, b| (a.day, &a.metric, a.source).cmp(&(b.day, &b.metric, b.source)));
    rows.into_iter()
        .filter_map(|r| {
            let metric = Metric::find(&r.metric)?;
            let mut sums = Sums::default();
            sums.add(r.numerator, r.denominator);
            Some(DayView {
                value: sums.value(metric, digits),
                excluded: month.window.excluded.contains(&r.day),
                day: r.day,
                metric: r.metric.clone(),
                source: r.source,
                numerator: r.numerator,
                denominator: r.denominator,
            })
        })
        .collect()
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RevisionView {
    pub day: NaiveDate,
    pub metric: String,
    pub source: KpiSource,
    /// 1 for the first values sent, and so on.
    pub revision: i32,
    pub numerator: i64,
    pub denominator: i64,
    pub recorded_by: Option<i64>,
    pub recorded_by_key: Option<i64>,
    pub recorded_at: DateTime<Utc>,
    pub replaced_by: Option<i64>,
    pub replaced_by_key: Option<i64>,
    pub replaced_at: DateTime<Utc>,
}

/// Values of the month that later rows replaced, with who sent and who replaced them.
pub async fn revisions(
    app: &App,
    caller: Caller,
    id: ContractId,
    period: Period,
) -> AppResult<Vec<RevisionView>> {
    let revisions = app
        .read(caller, Permission::ReadContracts, move |conn, auth| {
            store::contracts::get(conn, auth.scope, id)?;
            Ok(store::kpi::revisions(
                conn,
                auth.tenant(),
                id,
                period.first_day(),
                period.last_day(),
            )?)
        })
        .await?;
    let user = |a: Option<UserId>| a.map(UserId::get);
    let key = |a: Option<ApiKeyId>| a.map(ApiKeyId::get);
    Ok(revisions
        .into_iter()
        .map(|r| RevisionView {
            day: r.day,
            metric: r.metric,
            source: r.source,
            revision: r.revision,
            numerator: r.numerator,
            denominator: r.denominator,
            recorded_by: user(r.recorded.user),
            recorded_by_key: key(r.recorded.api_key),
            recorded_at: r.recorded_at,
            replaced_by: user(r.replaced.user),
            replaced_by_key: key(r.replaced.api_key),
            replaced_at: r.replaced_at,
        })
        .collect())
}
