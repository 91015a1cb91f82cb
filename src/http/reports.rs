//! The vendor's monthly report and the merchant's review of it. Each handler
//! reads its input and calls its use case in `app::reports`.

use actix_web::{get, post, put, web};

use super::error::{ApiError, Problem};
use super::extract::Caller;
use super::json::Json;
use super::state::AppState;
use crate::app::reports::{self, DisputeBody, ReportBody, ReportView, steps};
use crate::domain::{ContractId, Period};

/// The contract and the month a path names; a month that is no `YYYY-MM`
/// names no report.
fn month_of(path: web::Path<(ContractId, String)>) -> Result<(ContractId, Period), ApiError> {
    let (id, period) = path.into_inner();
    let period = period.parse().map_err(|_| ApiError::not_found())?;
    Ok((id, period))
}

/// A contract's reports, latest month first.
#[utoipa::path(get, path = "/api/v1/contracts/{id}/reports", tag = "reports", security(("bearer" = [])),
    params(("id" = i64, Path, description = "The contract")),
    responses((status = 200, body = Vec<ReportView>), (status = 401, body = Problem), (status = 404, body = Problem)))]
#[get("/contracts/{id}/reports")]
pub async fn list(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<ContractId>,
) -> Result<web::Json<Vec<ReportView>>, ApiError> {
    Ok(web::Json(
        reports::list(&state, caller, id.into_inner()).await?,
    ))
}

/// The report for a month.
#[utoipa::path(get, path = "/api/v1/contracts/{id}/reports/{period}", tag = "reports",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The contract"), ("period" = String, Path, description = "The month, `YYYY-MM`")),
    responses((status = 200, body = ReportView), (status = 401, body = Problem), (status = 404, body = Problem)))]
#[get("/contracts/{id}/reports/{period}")]
pub async fn show(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(ContractId, String)>,
) -> Result<web::Json<ReportView>, ApiError> {
    let (id, period) = month_of(path)?;
    Ok(web::Json(reports::show(&state, caller, id, period).await?))
}

/// Writes the vendor's report for a month: a new draft, or changes to a draft
/// or disputed one. Figures of metrics the vendor feeds daily are summed from
/// the feed; others are entered here.
#[utoipa::path(put, path = "/api/v1/contracts/{id}/reports/{period}", tag = "reports",
    security(("bearer" = [])), request_body = ReportBody,
    params(("id" = i64, Path, description = "The contract"), ("period" = String, Path, description = "The month, `YYYY-MM`")),
    responses((status = 200, body = ReportView), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
#[put("/contracts/{id}/reports/{period}")]
pub async fn write(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(ContractId, String)>,
    Json(body): Json<ReportBody>,
) -> Result<web::Json<ReportView>, ApiError> {
    let (id, period) = month_of(path)?;
    Ok(web::Json(
        reports::write::write(&state, caller, id, period, body).await?,
    ))
}

macro_rules! report_step {
    ($name:ident, $path:literal, $doc_path:literal, $doc:literal) => {
        #[doc = $doc]
        #[utoipa::path(post, path = $doc_path, tag = "reports", security(("bearer" = [])),
            params(("id" = i64, Path, description = "The contract"), ("period" = String, Path, description = "The month, `YYYY-MM`")),
            responses((status = 200, body = ReportView), (status = 401, body = Problem), (status = 403, body = Problem),
                (status = 404, body = Problem), (status = 409, body = Problem)))]
        #[post($path)]
        pub async fn $name(
            state: web::Data<AppState>,
            caller: Caller,
            path: web::Path<(ContractId, String)>,
        ) -> Result<web::Json<ReportView>, ApiError> {
            let (id, period) = month_of(path)?;
            Ok(web::Json(steps::$name(&state, caller, id, period).await?))
        }
    };
}

report_step!(
    submit,
    "/contracts/{id}/reports/{period}/submit",
    "/api/v1/contracts/{id}/reports/{period}/submit",
    "Sends the report to the merchant, once the month is over; feed figures are summed afresh."
);

report_step!(
    accept,
    "/contracts/{id}/reports/{period}/accept",
    "/api/v1/contracts/{id}/reports/{period}/accept",
    "Accepts a submitted report: the month is billed on its figures."
);

/// Contests figures of a submitted report, with a comment on each; the vendor
/// answers by editing and resubmitting.
#[utoipa::path(post, path = "/api/v1/contracts/{id}/reports/{period}/dispute", tag = "reports",
    security(("bearer" = [])), request_body = DisputeBody,
    params(("id" = i64, Path, description = "The contract"), ("period" = String, Path, description = "The month, `YYYY-MM`")),
    responses((status = 200, body = ReportView), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
#[post("/contracts/{id}/reports/{period}/dispute")]
pub async fn dispute(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(ContractId, String)>,
    Json(body): Json<DisputeBody>,
) -> Result<web::Json<ReportView>, ApiError> {
    let (id, period) = month_of(path)?;
    Ok(web::Json(
        steps::dispute(&state, caller, id, period, body).await?,
    ))
}
