//! Invoices and credit notes as documents (PDF, HTML, CSV, Excel), and a
//! period's invoices as one export for finance.

use actix_web::{HttpResponse, get, web};
use serde::Deserialize;
use utoipa::IntoParams;

use super::error::{ApiError, Problem};
use super::extract::Caller;
use super::language::QueryLanguage;
use super::state::AppState;
use crate::app::documents::{self, ExportQuery, Rendered};
use crate::domain::{CreditNoteId, InvoiceId};

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LanguageQuery {
    /// `zh-CN` (the default) or `en`.
    pub language: Option<String>,
}

/// A rendered file as the answer: HTML shown in place, the others downloaded.
pub fn file(rendered: Rendered) -> HttpResponse {
    let Rendered {
        bytes,
        format,
        name,
    } = rendered;
    let disposition = match format {
        documents::Format::Html => "inline",
        _ => "attachment",
    };
    HttpResponse::Ok()
        .content_type(format.content_type())
        .insert_header((
            "Content-Disposition",
            format!("{disposition}; filename=\"{name}.{}\"", format.extension()),
        ))
        .body(bytes)
}

/// One invoice as PDF, HTML, CSV (its lines, UTF-8 with BOM) or Excel. An issued
/// invoice prints as it was issued: its lines and parties are kept from then.
#[utoipa::path(get, path = "/api/v1/invoices/{id}.{format}", tag = "invoices", security(("bearer" = [])),
    params(("id" = i64, Path), ("format" = String, Path, description = "pdf, html, csv or xlsx"), LanguageQuery),
    responses((status = 200, description = "The document", content(
            (Vec<u8> = "application/pdf"), (String = "text/html"), (String = "text/csv"),
            (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))),
        (status = 401, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
// A format is letters, so that `/invoices/0.5` is no invoice (404), not invoice 0 in format `5`.
#[get("/invoices/{id:\\d+}.{format:[a-z]+}")]
pub async fn invoice_document(
    _: QueryLanguage,
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(InvoiceId, String)>,
    query: web::Query<LanguageQuery>,
) -> Result<HttpResponse, ApiError> {
    let (id, format) = path.into_inner();
    let language = query.language.as_deref();
    Ok(file(
        documents::invoice(&state, caller, id, &format, language).await?,
    ))
}

/// A credit note as PDF, HTML, CSV or Excel.
#[utoipa::path(get, path = "/api/v1/credit-notes/{id}.{format}", tag = "invoices", security(("bearer" = [])),
    params(("id" = i64, Path), ("format" = String, Path, description = "pdf, html, csv or xlsx"), LanguageQuery),
    responses((status = 200, description = "The document", content(
            (Vec<u8> = "application/pdf"), (String = "text/html"), (String = "text/csv"),
            (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))),
        (status = 401, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
#[get("/credit-notes/{id:\\d+}.{format:[a-z]+}")]
pub async fn credit_note_document(
    _: QueryLanguage,
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(CreditNoteId, String)>,
    query: web::Query<LanguageQuery>,
) -> Result<HttpResponse, ApiError> {
    let (id, format) = path.into_inner();
    let language = query.language.as_deref();
    Ok(file(
        documents::credit_note(&state, caller, id, &format, language).await?,
    ))
}

/// A period's invoices for finance: one row per invoice, and (in Excel) a
/// second sheet with every line. Amounts are exact decimals.
#[utoipa::path(get, path = "/api/v1/invoices/export", tag = "invoices", security(("bearer" = [])),
    params(ExportQuery),
    responses((status = 200, description = "CSV or Excel", content(
            (String = "text/csv"), (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))),
        (status = 401, body = Problem), (status = 422, body = Problem)))]
#[get("/invoices/export")]
pub async fn export(
    _: QueryLanguage,
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<ExportQuery>,
) -> Result<HttpResponse, ApiError> {
    Ok(file(
        documents::export(&state, caller, query.into_inner()).await?,
    ))
}
