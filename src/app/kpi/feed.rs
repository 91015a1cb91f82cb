//! A contract's daily figures sent as JSON: all rows or none. The same row
//! again changes nothing; new values replace old ones, which are kept as
//! revisions.

use chrono::NaiveDate;
use serde::Deserialize;
use utoipa::ToSchema;

use super::PERMISSION;
use super::staging::{self, IngestSummary, Row, Staged, Target};
use crate::app::{AppError, AppResult, AuthUser};
use crate::domain::ContractId;
use crate::domain::message::msg;
use crate::domain::terms::KpiSource;
use crate::domain::violation::Violations;
use crate::store::{self, DbConnection};

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FeedBody {
    /// Whose figures these are. Vendors send `vendor` only; merchant users
    /// `merchant` (the default for them) or `system`.
    #[serde(default)]
    pub source: Option<KpiSource>,
    pub rows: Vec<FeedRow>,
}

/// One day of one metric, in the metric's stored unit (see `GET /metrics`).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FeedRow {
    pub metric: String,
    /// The local day in the contract's time zone.
    pub day: NaiveDate,
    /// An integer: a count, milliseconds, or minor units.
    pub numerator: i64,
    /// An integer; may be left out (it is then 1) for a metric counted per day.
    #[serde(default)]
    pub denominator: Option<i64>,
}

/// Takes in contract `id`'s rows, inside the caller's write transaction.
pub fn ingest(
    conn: &mut DbConnection,
    auth: &AuthUser,
    id: ContractId,
    body: FeedBody,
) -> AppResult<IngestSummary> {
    auth.require(PERMISSION)?;
    let source = staging::source_for(auth, body.source)?;
    let contract = store::contracts::get(conn, auth.scope, id)?;
    let target = Target::of(&contract).map_err(AppError::conflict)?;
    let mut errors = Violations::default();
    let mut rows = Vec::with_capacity(body.rows.len());
    for (i, row) in body.rows.iter().enumerate() {
        let mut bad = Vec::new();
        let sent = Row {
            line: i as i64,
            metric: &row.metric,
            day: Some(row.day),
            numerator: Some(row.numerator),
            denominator: row.denominator,
        };
        let staged = staging::check_row(&target, sent, &mut bad);
        for (field, message) in bad {
            errors.add(format!("rows[{i}].{field}"), message);
        }
        rows.extend(staged);
    }
    if body.rows.is_empty() {
        errors.add("rows", msg!("error-kpi-rows-none"));
    }
    store::kpi::begin_staging(conn)?;
    store::kpi::stage(conn, &rows)?;
    staging::check_repeats(conn, errors, |e, line, first| {
        e.add(
            format!("rows[{line}].day"),
            msg!("error-kpi-row-repeats", first = first),
        )
    })?;
    staging::merge(
        conn,
        auth,
        &Staged {
            source,
            rows: rows.len(),
        },
    )
}
