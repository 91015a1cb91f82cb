//! Daily KPI feeds: taken in as JSON for one contract or as CSV for many,
//! all or nothing and idempotently; read back as a month's figures, a trend,
//! the days, and the revisions.

use crate::domain::violation::Violations;
use std::collections::HashMap;
use std::io::Read;

use actix_web::http::StatusCode;
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::error::{ApiError, Problem};
use super::extract::{AuthUser, Caller};
use super::idempotency::{self, Begun, BodyHash, Claimed};
use super::json;
use super::state::AppState;
use super::upload;
use crate::app::incidents::IncidentView;
use crate::app::month::{self as figures, Basis, Month};
use crate::domain::kpi::{self, MetricFigures, Sums};
use crate::domain::metric::{Direction, Metric, Unit};
use crate::domain::terms::KpiSource;
use crate::domain::{Contract, ContractId, ContractStatus, Period, Permission, Role, decimal};
use crate::store::kpi::{Merged, STAGE_BATCH, StagedRow};
use crate::store::{self, DbConnection, StoreError};

/// Bad rows listed one by one; beyond this many, the answer says how many more.
const ERRORS_LISTED: usize = 1000;
/// Largest CSV upload.
const CSV_LIMIT: usize = 512 * 1024 * 1024;
/// How long an upload may send nothing before it is given up.
const UPLOAD_IDLE: std::time::Duration = std::time::Duration::from_secs(30);

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

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SourceQuery {
    /// Whose figures the file holds; by default `vendor` for vendors, `merchant` for others.
    pub source: Option<KpiSource>,
}

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

fn summary(source: KpiSource, rows: usize, merged: Merged) -> IngestSummary {
    IngestSummary {
        source,
        rows,
        inserted: merged.inserted,
        replaced: merged.replaced,
        unchanged: merged.unchanged,
    }
}

/// The source a caller sends as: vendors as `vendor`, the merchant's people as
/// `merchant` or `system`.
fn source_for(auth: &AuthUser, asked: Option<KpiSource>) -> Result<KpiSource, ApiError> {
    let vendor = auth.role == Role::Vendor;
    match (vendor, asked) {
        (true, None | Some(KpiSource::Vendor)) => Ok(KpiSource::Vendor),
        (true, Some(_)) => Err(ApiError::invalid(
            "source",
            "a vendor sends its own figures only: source 'vendor'",
        )),
        (false, None) => Ok(KpiSource::Merchant),
        (false, Some(KpiSource::Vendor)) => Err(ApiError::invalid(
            "source",
            "only the vendor sends source 'vendor'",
        )),
        (false, Some(other)) => Ok(other),
    }
}

/// What a row is checked against: the contract's dates and today where it is.
struct Target {
    id: i64,
    start: NaiveDate,
    end: NaiveDate,
    today: NaiveDate,
}

impl Target {
    fn of(contract: &Contract) -> Result<Target, String> {
        if contract.status == ContractStatus::Draft {
            return Err(format!(
                "contract {} is a draft: figures are taken once it is signed",
                contract.number
            ));
        }
        Ok(Target {
            id: contract.id.get(),
            start: contract.start,
            end: contract.end,
            today: contract.time_zone.today(chrono::Utc::now()),
        })
    }
}

/// Checks one row; every broken rule goes to `bad` as (field, message).
fn check_row(
    target: &Target,
    line: i64,
    metric: &str,
    day: Option<NaiveDate>,
    numerator: Option<i64>,
    denominator: Option<i64>,
    bad: &mut Vec<(&'static str, String)>,
) -> Option<StagedRow> {
    let Some(found) = Metric::find(metric) else {
        bad.push(("metric", kpi::RowError::UnknownMetric.to_string()));
        return None;
    };
    if let Some(day) = day
        && let Err(error) = kpi::check_day(day, target.start, target.end, target.today)
    {
        bad.push(("day", error.to_string()));
    }
    let denominator = match denominator {
        Some(d) => Some(d),
        None if found.is_total => Some(1),
        None => {
            bad.push((
                "denominator",
                kpi::RowError::DenominatorRequired.to_string(),
            ));
            None
        }
    };
    if let (Some(n), Some(d)) = (numerator, denominator)
        && let Err((field, error)) = kpi::check_components(found, n, d)
    {
        bad.push((field, error.to_string()));
    }
    if !bad.is_empty() {
        return None;
    }
    Some(StagedRow {
        line,
        contract_id: target.id,
        day: day?,
        metric: found.code.to_owned(),
        numerator: numerator?,
        denominator: denominator?,
    })
}

/// Adds the staged rows that repeat an earlier row's key to `errors`; fails if there are any errors.
fn check_repeats(
    conn: &mut DbConnection,
    mut errors: Violations,
    mut place: impl FnMut(&mut Violations, i64, i64),
) -> Result<(), ApiError> {
    for repeat in store::kpi::repeats(conn, ERRORS_LISTED as i64)? {
        place(&mut errors, repeat.line, repeat.first_line);
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ApiError::Invalid(errors))
    }
}

/// A request's rows, checked and staged, waiting to be merged.
struct Staged {
    source: KpiSource,
    rows: usize,
}

/// Merges staged rows; answers with what changed.
fn merge(
    conn: &mut DbConnection,
    auth: &AuthUser,
    staged: &Staged,
) -> Result<IngestSummary, ApiError> {
    let merged = store::kpi::merge(
        conn,
        auth.tenant(),
        staged.source,
        auth.actor(),
        staged.rows,
    )?;
    Ok(summary(staged.source, staged.rows, merged))
}

/// Takes in a contract's daily figures: all rows or none. The same row again
/// changes nothing; new values replace old ones, which are kept as revisions.
#[utoipa::path(post, path = "/api/v1/contracts/{id}/kpi", tag = "kpi", security(("bearer" = [])),
    request_body = FeedBody,
    params(("Idempotency-Key" = Option<String>, Header, description = "Replays the first answer to the same request")),
    responses((status = 201, body = IngestSummary), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
#[post("/contracts/{id}/kpi")]
pub async fn ingest(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<i64>,
    body: Bytes,
) -> Result<HttpResponse, ApiError> {
    json::require_json(&req)?;
    let id = ContractId::new(id.into_inner());
    let parsed: FeedBody = json::parse(&body)?;
    let mut hash = BodyHash::default();
    hash.update(&body);
    let run = move |conn: &mut DbConnection, auth: &AuthUser| -> Result<IngestSummary, ApiError> {
        let source = source_for(auth, parsed.source)?;
        let contract = store::contracts::get(conn, auth.scope, id)?;
        let target = Target::of(&contract).map_err(ApiError::conflict)?;
        let mut errors = Violations::default();
        let mut rows = Vec::with_capacity(parsed.rows.len());
        for (i, row) in parsed.rows.iter().enumerate() {
            let mut bad = Vec::new();
            let staged = check_row(
                &target,
                i as i64,
                &row.metric,
                Some(row.day),
                Some(row.numerator),
                row.denominator,
                &mut bad,
            );
            for (field, message) in bad {
                errors.add(format!("rows[{i}].{field}"), message);
            }
            rows.extend(staged);
        }
        if parsed.rows.is_empty() {
            errors.add("rows", "send at least one row");
        }
        store::kpi::begin_staging(conn)?;
        store::kpi::stage(conn, &rows)?;
        check_repeats(conn, errors, |e, line, first| {
            e.add(
                format!("rows[{line}].day"),
                format!("repeats the day and metric of rows[{first}]"),
            )
        })?;
        merge(
            conn,
            auth,
            &Staged {
                source,
                rows: rows.len(),
            },
        )
    };
    idempotency::respond(
        &state,
        caller,
        Permission::WriteKpi,
        &req,
        hash,
        StatusCode::CREATED,
        run,
    )
    .await
}

/// Takes in a CSV file of daily figures for any of the caller's contracts:
/// columns `contract,metric,day,numerator,denominator` (the contract by its
/// number). All rows or none; every bad row is listed with its line. The file
/// is received whole before any of it is staged; a tenant sends at most
/// [`upload::PER_TENANT`] at once (429 beyond).
#[utoipa::path(post, path = "/api/v1/kpi/imports", tag = "kpi", security(("bearer" = [])),
    params(SourceQuery, ("Idempotency-Key" = Option<String>, Header, description = "Replays the first answer to the same upload")),
    request_body(content = String, content_type = "text/csv"),
    responses((status = 201, body = IngestSummary), (status = 400, body = Problem), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 409, body = Problem), (status = 413, body = Problem), (status = 415, body = Problem), (status = 422, body = Problem),
        (status = 429, description = "The tenant has the most uploads running at once", body = Problem)))]
#[post("/kpi/imports")]
pub async fn import(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    query: web::Query<SourceQuery>,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    // Who calls is known before a byte of the body is taken: a stranger fills no disk.
    let auth = state
        .read(caller.clone(), Permission::WriteKpi, |_, auth| Ok(*auth))
        .await?;
    if !is_csv(&req) {
        return Err(ApiError::UnsupportedMediaType("text/csv"));
    }
    let source = source_for(&auth, query.source)?;
    let _permit = state.uploads.enter(auth.tenant())?;
    let receive = |payload| upload::spool(payload, &state.spool_dir, CSV_LIMIT, UPLOAD_IDLE);
    let claimed =
        match idempotency::begin(&state, caller.clone(), Permission::WriteKpi, &req).await? {
            None => None,
            Some(Begun::Run(claimed)) => Some(claimed),
            Some(Begun::Replay(stored)) => {
                // Only a body received whole is known to be the same request.
                let spooled = receive(payload).await?;
                let hash = spooled.hash;
                return idempotency::replay_for(
                    &state,
                    caller,
                    Permission::WriteKpi,
                    &req,
                    hash,
                    &stored,
                )
                .await;
            }
        };
    let spooled = match receive(payload).await {
        Ok(spooled) => spooled,
        Err(error) => {
            // A body that never arrived whole is no answer to replay: a retry runs afresh.
            if let Some(claimed) = claimed {
                claimed.release(&state, caller).await;
            }
            return Err(error.into());
        }
    };
    let guard = claimed.clone();
    let file = spooled.file;
    let outcome = state
        .read(caller.clone(), Permission::WriteKpi, move |conn, auth| {
            // Staged outside the write transaction, so that SQLite's one write
            // lock is held only for the short merge.
            let staged = store::deferred(conn, |conn| import_csv(conn, auth, source, file))?;
            store::write(conn, |conn| {
                let summary = merge(conn, auth, &staged)?;
                let body = serde_json::to_value(&summary).map_err(ApiError::internal)?;
                if let Some(claimed) = &guard {
                    claimed.complete(conn, auth, spooled.hash, StatusCode::CREATED, &body)?;
                }
                Ok(body)
            })
        })
        .await;
    settle(&state, caller, claimed, outcome).await
}

fn is_csv(req: &HttpRequest) -> bool {
    req.headers()
        .get(actix_web::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|m| m.trim().eq_ignore_ascii_case("text/csv"))
}

const COLUMNS: [&str; 5] = ["contract", "metric", "day", "numerator", "denominator"];

fn import_csv(
    conn: &mut DbConnection,
    auth: &AuthUser,
    source: KpiSource,
    reader: impl Read,
) -> Result<Staged, ApiError> {
    let mut csv = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        // Records end at LF alone, and the CR before it (CR LF, as Excel
        // writes) is trimmed with the field's other spaces. With the default
        // terminator a CR ends the record and its LF is counted with the next
        // one, so every error would name the line before its own.
        .terminator(csv::Terminator::Any(b'\n'))
        .trim(csv::Trim::All)
        .buffer_capacity(256 * 1024)
        .from_reader(reader);
    read_csv(conn, auth, source, &mut csv)
}

fn read_csv<R: Read>(
    conn: &mut DbConnection,
    auth: &AuthUser,
    source: KpiSource,
    csv: &mut csv::Reader<R>,
) -> Result<Staged, ApiError> {
    let mut errors = Violations::default();
    let mut more = 0u64;
    let mut record = csv::ByteRecord::new();
    let broken = |e: csv::Error| match e.kind() {
        csv::ErrorKind::Io(_) => ApiError::BadRequest("the upload broke off".into()),
        _ => ApiError::invalid("file", e.to_string()),
    };
    if !csv.read_byte_record(&mut record).map_err(broken)? {
        return Err(ApiError::invalid(
            "file",
            "is empty: send a header line and rows",
        ));
    }
    let header: Vec<String> = record
        .iter()
        .map(|f| {
            String::from_utf8_lossy(f)
                .trim_start_matches('\u{feff}')
                .to_owned()
        })
        .collect();
    let position = |name: &str| header.iter().position(|h| h == name);
    let columns: Vec<Option<usize>> = COLUMNS.iter().map(|c| position(c)).collect();
    for (name, at) in COLUMNS.iter().zip(&columns) {
        if at.is_none() {
            errors.add_on_line(1, *name, "column is missing from the header");
        }
    }
    for name in header.iter().filter(|h| !COLUMNS.contains(&h.as_str())) {
        errors.add_on_line(1, name.clone(), "is not a column kefu takes");
    }
    if !errors.is_empty() {
        return Err(ApiError::Invalid(errors));
    }
    let at: Vec<usize> = columns.into_iter().flatten().collect();
    let (c_contract, c_metric, c_day, c_num, c_den) = (at[0], at[1], at[2], at[3], at[4]);
    let width = header.len();
    store::kpi::begin_staging(conn)?;
    let mut targets: HashMap<Vec<u8>, Result<Target, String>> = HashMap::new();
    let mut batch = Vec::with_capacity(STAGE_BATCH);
    let mut rows = 0usize;
    let mut bad = Vec::new();
    let mut report = |errors: &mut Violations, line: u64, field: &str, message: String| {
        if errors.len() < ERRORS_LISTED {
            errors.add_on_line(line, field, message);
        } else {
            more += 1;
        }
    };
    while csv.read_byte_record(&mut record).map_err(broken)? {
        let line = record.position().map_or(0, |p| p.line());
        rows += 1;
        if record.len() != width {
            report(
                &mut errors,
                line,
                "row",
                format!("has {} columns; the header has {width}", record.len()),
            );
            continue;
        }
        let contract = &record[c_contract];
        if !targets.contains_key(contract) {
            let number = String::from_utf8_lossy(contract);
            let found = match store::contracts::by_number(conn, auth.scope, &number) {
                Ok(c) => Target::of(&c),
                Err(StoreError::NotFound) => Err(format!("no contract numbered '{number}'")),
                Err(other) => return Err(other.into()),
            };
            targets.insert(contract.to_vec(), found);
        }
        let target = match targets.get(contract) {
            Some(Ok(target)) => target,
            Some(Err(message)) => {
                report(&mut errors, line, "contract", message.clone());
                continue;
            }
            None => continue,
        };
        bad.clear();
        let text = |i: usize| std::str::from_utf8(&record[i]).unwrap_or("\u{fffd}");
        let day = text(c_day).parse::<NaiveDate>().ok();
        if day.is_none() {
            bad.push(("day", "must be a date written YYYY-MM-DD".to_owned()));
        }
        let number = |i: usize, bad: &mut Vec<(&'static str, String)>, name: &'static str| {
            let raw = text(i);
            match raw.parse::<i64>() {
                Ok(n) => Some(n),
                Err(_) if raw.is_empty() && name == "denominator" => None,
                Err(_) => {
                    bad.push((name, format!("'{raw}' is not a whole number")));
                    None
                }
            }
        };
        let numerator = number(c_num, &mut bad, "numerator");
        let denominator = number(c_den, &mut bad, "denominator");
        let malformed = !bad.is_empty();
        let staged = check_row(
            target,
            line as i64,
            text(c_metric),
            day,
            numerator,
            denominator,
            &mut bad,
        );
        for (field, message) in bad.drain(..) {
            report(&mut errors, line, field, message);
        }
        if let (Some(row), false) = (staged, malformed) {
            batch.push(row);
            if batch.len() == STAGE_BATCH {
                store::kpi::stage(conn, &batch)?;
                batch.clear();
            }
        }
    }
    store::kpi::stage(conn, &batch)?;
    if rows == 0 {
        errors.add("file", "has no rows below the header");
    }
    let mut checked = check_repeats(conn, errors, |e, line, first| {
        e.add_on_line(
            line as u64,
            "day",
            format!("repeats the contract, day and metric of line {first}"),
        )
    });
    if more > 0
        && let Err(ApiError::Invalid(errors)) = &mut checked
    {
        errors.add("file", format!("… and {more} more bad rows"));
    }
    checked.map(|()| Staged { source, rows })
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PeriodQuery {
    /// The month, `YYYY-MM`.
    #[param(value_type = String, example = "2026-10")]
    pub period: Period,
}

/// A figure: the exact components and the value they give.
#[derive(Debug, Serialize, ToSchema)]
pub struct FigureView {
    /// Σnumerator ÷ Σdenominator in the metric's unit, to six places; absent without a sample.
    #[serde(with = "decimal::option")]
    #[schema(value_type = Option<crate::domain::decimal::Text>)]
    pub value: Option<rust_decimal::Decimal>,
    pub numerator: i64,
    pub denominator: i64,
    /// Observations behind the value: the denominator, or days for a metric counted per day.
    pub sample: i64,
    pub days: u32,
}

impl FigureView {
    pub fn of(sums: Sums, metric: &Metric, minor_digits: u32) -> Self {
        FigureView {
            value: sums.value(metric, minor_digits),
            numerator: sums.numerator,
            denominator: sums.denominator,
            sample: sums.sample(metric),
            days: sums.days,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SourceView {
    pub source: KpiSource,
    /// Exclusion days removed.
    pub for_sla: FigureView,
    /// Every day.
    pub for_billing: FigureView,
    /// Days that are over and have no row from this source.
    pub days_missing: Vec<NaiveDate>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DiscrepancyView {
    /// The source compared with the prevailing one.
    pub source: KpiSource,
    /// Days both sent, over which they are compared.
    pub days_compared: u32,
    #[serde(with = "decimal::option")]
    #[schema(value_type = Option<crate::domain::decimal::Text>)]
    pub prevailing_value: Option<rust_decimal::Decimal>,
    #[serde(with = "decimal::option")]
    #[schema(value_type = Option<crate::domain::decimal::Text>)]
    pub other_value: Option<rust_decimal::Decimal>,
    /// The difference in percent of the prevailing value.
    #[serde(with = "decimal::option")]
    #[schema(value_type = Option<crate::domain::decimal::Text>)]
    pub percent: Option<rust_decimal::Decimal>,
    pub exceeds_tolerance: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MetricView {
    pub metric: &'static str,
    pub unit: Unit,
    pub direction: Direction,
    /// What the month stands on: the accepted report, the prevailing feed, or nothing.
    pub basis: Basis,
    /// The figure SLA clauses are measured on.
    pub for_sla: Option<FigureView>,
    /// The figure volume is billed on.
    pub for_billing: Option<FigureView>,
    /// Whose feed prevails for this metric.
    pub prevailing_source: Option<KpiSource>,
    pub sources: Vec<SourceView>,
    pub discrepancies: Vec<DiscrepancyView>,
    /// The merchant contests this figure in the month's report.
    pub disputed: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ReportStanding {
    pub status: crate::domain::report::ReportStatus,
    /// Accepted because the merchant did not answer in time.
    pub deemed: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PeriodView {
    pub contract_id: i64,
    #[schema(value_type = String)]
    pub period: Period,
    /// The month's days within the contract.
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The contract's prevailing source.
    pub kpi_source: KpiSource,
    /// Percent beyond which sources' figures are flagged.
    #[serde(with = "decimal")]
    #[schema(value_type = crate::domain::decimal::Text)]
    pub discrepancy_tolerance: rust_decimal::Decimal,
    /// Days of exclusion windows: out of SLA figures, in billing figures.
    pub excluded_days: Vec<NaiveDate>,
    pub report: Option<ReportStanding>,
    pub metrics: Vec<MetricView>,
    pub incidents: Vec<IncidentView>,
}

fn metric_view(month: &Month, figures: &MetricFigures) -> MetricView {
    let metric = figures.metric;
    let digits = month.minor_digits();
    let chosen = month.chosen(figures);
    let disputed = month.report.as_ref().is_some_and(|(r, s)| {
        s.status == crate::domain::report::ReportStatus::Disputed
            && r.disputes.iter().any(|d| d.metric == metric.code)
    });
    MetricView {
        metric: metric.code,
        unit: metric.unit,
        direction: metric.direction,
        basis: chosen.basis,
        for_sla: chosen.for_sla.map(|s| FigureView::of(s, metric, digits)),
        for_billing: chosen
            .for_billing
            .map(|s| FigureView::of(s, metric, digits)),
        prevailing_source: figures.prevailing,
        sources: figures
            .sources
            .iter()
            .map(|s| SourceView {
                source: s.source,
                for_sla: FigureView::of(s.for_sla, metric, digits),
                for_billing: FigureView::of(s.for_billing, metric, digits),
                days_missing: s.days_missing.clone(),
            })
            .collect(),
        discrepancies: figures
            .discrepancies
            .iter()
            .map(|d| DiscrepancyView {
                source: d.source,
                days_compared: d.days_compared,
                prevailing_value: d.prevailing_value,
                other_value: d.other_value,
                percent: d.percent,
                exceeds_tolerance: d.exceeds_tolerance,
            })
            .collect(),
        disputed,
    }
}

pub(super) fn period_view(month: &Month) -> PeriodView {
    PeriodView {
        contract_id: month.contract.id.get(),
        period: month.period,
        from: month.window.from,
        to: month.window.to,
        kpi_source: month.terms.commercial.kpi_source,
        discrepancy_tolerance: month.terms.commercial.discrepancy_tolerance,
        excluded_days: month.window.excluded.iter().copied().collect(),
        report: month.report.as_ref().map(|(_, s)| ReportStanding {
            status: s.status,
            deemed: s.deemed,
        }),
        metrics: month
            .figures
            .iter()
            .map(|f| metric_view(month, f))
            .collect(),
        incidents: month
            .incidents
            .iter()
            .map(|(incident, duties)| IncidentView::of(incident, duties, month.now))
            .collect(),
    }
}

/// A month's figures: per metric, per source, for SLA and for billing, what
/// prevails and why, discrepancies, missing days, and the month's incidents.
#[utoipa::path(get, path = "/api/v1/contracts/{id}/kpi", tag = "kpi", security(("bearer" = [])),
    params(PeriodQuery),
    responses((status = 200, body = PeriodView), (status = 401, body = Problem), (status = 404, body = Problem),
        (status = 422, body = Problem)))]
#[get("/contracts/{id}/kpi")]
pub async fn figures_of_month(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<i64>,
    query: web::Query<PeriodQuery>,
) -> Result<web::Json<PeriodView>, ApiError> {
    let id = ContractId::new(id.into_inner());
    let period = query.period;
    let view = state
        .read(caller, Permission::ReadContracts, move |conn, auth| {
            Ok(period_view(&figures::load(conn, auth, id, period)?))
        })
        .await?;
    Ok(web::Json(view))
}

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

const TREND_MONTHS: usize = 24;

/// Each metric's value month by month: what a chart draws.
#[utoipa::path(get, path = "/api/v1/contracts/{id}/kpi/trend", tag = "kpi", security(("bearer" = [])),
    params(RangeQuery),
    responses((status = 200, body = Vec<TrendMonth>), (status = 401, body = Problem), (status = 404, body = Problem),
        (status = 422, body = Problem)))]
#[get("/contracts/{id}/kpi/trend")]
pub async fn trend(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<i64>,
    query: web::Query<RangeQuery>,
) -> Result<web::Json<Vec<TrendMonth>>, ApiError> {
    let id = ContractId::new(id.into_inner());
    let (from, to) = (query.from, query.to);
    if to < from {
        return Err(ApiError::invalid("to", "must not be before 'from'"));
    }
    if from.through(to).count() > TREND_MONTHS {
        return Err(ApiError::invalid(
            "to",
            format!("a trend spans at most {TREND_MONTHS} months"),
        ));
    }
    let months = state
        .read(caller, Permission::ReadContracts, move |conn, auth| {
            let contract = store::contracts::get(conn, auth.scope, id)?;
            let mut months = Vec::new();
            for period in from.through(to) {
                if period.clip(contract.start, contract.end).is_none() {
                    continue;
                }
                let month = figures::load_for(conn, auth.tenant(), contract.clone(), period)?;
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
        .await?;
    Ok(web::Json(months))
}

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

/// A month day by day, every metric and source: what a daily chart draws.
#[utoipa::path(get, path = "/api/v1/contracts/{id}/kpi/days", tag = "kpi", security(("bearer" = [])),
    params(PeriodQuery),
    responses((status = 200, body = Vec<DayView>), (status = 401, body = Problem), (status = 404, body = Problem),
        (status = 422, body = Problem)))]
#[get("/contracts/{id}/kpi/days")]
pub async fn days(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<i64>,
    query: web::Query<PeriodQuery>,
) -> Result<web::Json<Vec<DayView>>, ApiError> {
    let id = ContractId::new(id.into_inner());
    let period = query.period;
    let days = state
        .read(caller, Permission::ReadContracts, move |conn, auth| {
            let mut month = figures::load(conn, auth, id, period)?;
            let digits = month.minor_digits();
            let mut rows = std::mem::take(&mut month.rows);
            rows.sort_by(|a, b| (a.day, &a.metric, a.source).cmp(&(b.day, &b.metric, b.source)));
            Ok(rows
                .into_iter()
                .filter_map(|r| {
                    let metric = Metric::find(&r.metric)?;
                    let mut sums = Sums::default();
                    sums.add(r.numerator, r.denominator);
                    Some(DayView {
                        value: sums.value(metric, digits),
                        excluded: month.window.excluded.contains(&r.day),
                        day: r.day,
                        metric: r.metric,
                        source: r.source,
                        numerator: r.numerator,
                        denominator: r.denominator,
                    })
                })
                .collect())
        })
        .await?;
    Ok(web::Json(days))
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
    pub recorded_at: chrono::DateTime<chrono::Utc>,
    pub replaced_by: Option<i64>,
    pub replaced_by_key: Option<i64>,
    pub replaced_at: chrono::DateTime<chrono::Utc>,
}

/// Values that later rows replaced, with who sent and who replaced them.
#[utoipa::path(get, path = "/api/v1/contracts/{id}/kpi/revisions", tag = "kpi", security(("bearer" = [])),
    params(PeriodQuery),
    responses((status = 200, body = Vec<RevisionView>), (status = 401, body = Problem), (status = 404, body = Problem),
        (status = 422, body = Problem)))]
#[get("/contracts/{id}/kpi/revisions")]
pub async fn revisions(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<i64>,
    query: web::Query<PeriodQuery>,
) -> Result<web::Json<Vec<RevisionView>>, ApiError> {
    let id = ContractId::new(id.into_inner());
    let period = query.period;
    let revisions = state
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
    let id = |a: Option<crate::domain::UserId>| a.map(crate::domain::UserId::get);
    let key = |a: Option<crate::domain::ApiKeyId>| a.map(crate::domain::ApiKeyId::get);
    Ok(web::Json(
        revisions
            .into_iter()
            .map(|r| RevisionView {
                day: r.day,
                metric: r.metric,
                source: r.source,
                revision: r.revision,
                numerator: r.numerator,
                denominator: r.denominator,
                recorded_by: id(r.recorded.user),
                recorded_by_key: key(r.recorded.api_key),
                recorded_at: r.recorded_at,
                replaced_by: id(r.replaced.user),
                replaced_by_key: key(r.replaced.api_key),
                replaced_at: r.replaced_at,
            })
            .collect(),
    ))
}
async fn settle(
    state: &AppState,
    caller: Caller,
    claimed: Option<Claimed>,
    outcome: Result<serde_json::Value, ApiError>,
) -> Result<HttpResponse, ApiError> {
    match outcome {
        Ok(body) => Ok(HttpResponse::Created().json(body)),
        Err(error) => {
            if let Some(claimed) = claimed {
                claimed.release(state, caller).await;
            }
            Err(error)
        }
    }
}
