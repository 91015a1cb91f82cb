//! A vendor's statement of account (对账单): JSON, CSV and Excel.

use actix_web::{HttpResponse, get, web};

use super::documents::{LanguageQuery, file};
use super::error::{ApiError, Problem};
use super::extract::Caller;
use super::language::QueryLanguage;
use super::state::AppState;
use crate::app::statements::{self, StatementQuery, StatementView};
use crate::domain::VendorId;

/// A vendor's statement of account: the balance before `from`, every issued
/// invoice (+), credit note (−) and payment (−) up to `to` in date order with
/// the running balance, the closing balance, and the aging of what is open as
/// of `as_of` by due date (not yet due, 1–30, 31–60, 61–90, over 90 days past
/// due; a credit after payment as a refund due). Drafts and void invoices are
/// not on it. A vendor's users see their own vendor's only.
#[utoipa::path(get, path = "/api/v1/vendors/{id}/statement", tag = "invoices", security(("bearer" = [])),
    params(("id" = i64, Path), StatementQuery),
    responses((status = 200, body = StatementView), (status = 401, body = Problem), (status = 404, body = Problem),
        (status = 422, body = Problem)))]
#[get("/vendors/{id}/statement")]
pub async fn show(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<VendorId>,
    query: web::Query<StatementQuery>,
) -> Result<web::Json<StatementView>, ApiError> {
    Ok(web::Json(
        statements::show(&state, caller, id.into_inner(), &query).await?,
    ))
}

/// The statement as CSV (UTF-8 with BOM: movements, then the aging lines) or
/// Excel (a sheet of movements, a sheet of aging); zh-CN labels unless `en`.
#[utoipa::path(get, path = "/api/v1/vendors/{id}/statement.{format}", tag = "invoices", security(("bearer" = [])),
    params(("id" = i64, Path), ("format" = String, Path, description = "csv or xlsx"), StatementQuery, LanguageQuery),
    responses((status = 200, description = "CSV or Excel", content_type = "text/csv"),
        (status = 401, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
#[get("/vendors/{id}/statement.{format}")]
pub async fn document(
    _: QueryLanguage,
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(VendorId, String)>,
    query: web::Query<StatementQuery>,
    language: web::Query<LanguageQuery>,
) -> Result<HttpResponse, ApiError> {
    let (id, format) = path.into_inner();
    let language = language.language.as_deref();
    Ok(file(
        statements::document(&state, caller, id, &format, &query, language).await?,
    ))
}
