//! What a feed and a file share: whose figures they are, the checks of one
//! row, the staging of checked rows and their merge.

use chrono::NaiveDate;
use serde::Serialize;
use utoipa::ToSchema;

use crate::app::{AppError, AppResult, AuthUser};
use crate::domain::kpi;
use crate::domain::message::{Explain, Message, msg};
use crate::domain::metric::Metric;
use crate::domain::terms::KpiSource;
use crate::domain::violation::Violations;
use crate::domain::{Contract, ContractStatus, Role};
use crate::store::kpi::StagedRow;
use crate::store::{self, DbConnection};

/// Bad rows listed one by one; beyond this many, the answer says how many more.
pub(super) const ERRORS_LISTED: usize = 1000;

/// What an ingestion did.
#[derive(Debug, Serialize, ToSchema)]
pub struct IngestSummary {
    pub source: KpiSource,
    /// Rows in the request.
    pub rows: usize,
    /// New rows.
    pub inserted: usize,
    /// Rows that replaced earlier values (kept as revisions).
    pub replaced: usize,
    /// Rows identical to what was stored: nothing changed.
    pub unchanged: usize,
}

/// The source a caller sends as: vendors as `vendor`, the merchant's people as
/// `merchant` or `system`.
pub(super) fn source_for(auth: &AuthUser, asked: Option<KpiSource>) -> AppResult<KpiSource> {
    let vendor = auth.role == Role::Vendor;
    match (vendor, asked) {
        (true, None | Some(KpiSource::Vendor)) => Ok(KpiSource::Vendor),
        (true, Some(_)) => Err(AppError::invalid(
            "source",
            msg!("error-kpi-source-vendor-only"),
        )),
        (false, None) => Ok(KpiSource::Merchant),
        (false, Some(KpiSource::Vendor)) => Err(AppError::invalid(
            "source",
            msg!("error-kpi-source-not-vendor"),
        )),
        (false, Some(other)) => Ok(other),
    }
}

/// What a row is checked against: the contract's dates and today where it is.
pub(super) struct Target {
    id: i64,
    start: NaiveDate,
    end: NaiveDate,
    today: NaiveDate,
}

impl Target {
    /// The contract a row is for; refused (with why) while it is a draft.
    pub(super) fn of(contract: &Contract) -> Result<Target, Message> {
        if contract.status == ContractStatus::Draft {
            return Err(msg!("error-kpi-contract-draft", number = &contract.number));
        }
        Ok(Target {
            id: contract.id.get(),
            start: contract.start,
            end: contract.end,
            today: contract.time_zone.today(chrono::Utc::now()),
        })
    }
}

/// One row as sent; a part that could not be read is `None`.
pub(super) struct Row<'a> {
    pub line: i64,
    pub metric: &'a str,
    pub day: Option<NaiveDate>,
    pub numerator: Option<i64>,
    pub denominator: Option<i64>,
}

/// Checks one row; every broken rule goes to `bad` as (field, message).
pub(super) fn check_row(
    target: &Target,
    row: Row<'_>,
    bad: &mut Vec<(&'static str, Message)>,
) -> Option<StagedRow> {
    let Some(found) = Metric::find(row.metric) else {
        bad.push(("metric", kpi::RowError::UnknownMetric.message()));
        return None;
    };
    if let Some(day) = row.day
        && let Err(error) = kpi::check_day(day, target.start, target.end, target.today)
    {
        bad.push(("day", error.message()));
    }
    let denominator = match row.denominator {
        Some(d) => Some(d),
        None if found.is_total => Some(1),
        None => {
            bad.push(("denominator", kpi::RowError::DenominatorRequired.message()));
            None
        }
    };
    if let (Some(n), Some(d)) = (row.numerator, denominator)
        && let Err((field, error)) = kpi::check_components(found, n, d)
    {
        bad.push((field, error.message()));
    }
    if !bad.is_empty() {
        return None;
    }
    Some(StagedRow::new(
        row.line,
        target.id,
        row.day?,
        found.code.to_owned(),
        row.numerator?,
        denominator?,
    ))
}

/// Adds the staged rows that repeat an earlier row's key to `errors`; fails if there are any errors.
pub(super) fn check_repeats(
    conn: &mut DbConnection,
    mut errors: Violations,
    mut place: impl FnMut(&mut Violations, i64, i64),
) -> AppResult<()> {
    for repeat in store::kpi::repeats(conn, ERRORS_LISTED as i64)? {
        place(&mut errors, repeat.line, repeat.first_line);
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(AppError::Invalid(errors))
    }
}

/// A request's rows, checked and staged, waiting to be merged.
pub(super) struct Staged {
    pub source: KpiSource,
    pub rows: usize,
}

/// Merges staged rows; answers with what changed.
pub(super) fn merge(
    conn: &mut DbConnection,
    auth: &AuthUser,
    staged: &Staged,
) -> AppResult<IngestSummary> {
    let merged = store::kpi::merge(
        conn,
        auth.tenant(),
        staged.source,
        auth.actor(),
        staged.rows,
    )?;
    Ok(IngestSummary {
        source: staged.source,
        rows: staged.rows,
        inserted: merged.inserted,
        replaced: merged.replaced,
        unchanged: merged.unchanged,
    })
}
