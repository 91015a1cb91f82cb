//! Documents as files for the session's browser: an invoice or a credit
//! note as PDF, HTML, CSV or Excel, in either language. (The API's documents
//! want a bearer token, which a browser does not send.)

use actix_web::{HttpResponse, get, web};
use serde::Deserialize;

use super::error::WebError;
use super::shown::download;
use super::signed_in::SignedIn;
use crate::app::documents as files;
use crate::catalogue::Language;
use crate::domain::{CreditNoteId, InvoiceId};

#[derive(Debug, Deserialize)]
pub struct DocumentQuery {
    language: Option<String>,
}

/// One invoice as a file, for the session's browser (the API's documents
/// want a bearer token, which a browser does not send).
#[get("/invoices/{id:\\d+}.{format:(pdf|html|csv|xlsx)}")]
pub async fn invoice(
    signed: SignedIn,
    path: web::Path<(InvoiceId, String)>,
    query: web::Query<DocumentQuery>,
) -> Result<HttpResponse, WebError> {
    let (id, format) = path.into_inner();
    let language = document_language(&signed, query.language.as_deref())?;
    let rendered = files::invoice(signed.app(), signed.caller(), id, &format, Some(language))
        .await
        .map_err(|e| signed.fail(e))?;
    Ok(download(rendered))
}

/// A credit note as a file.
#[get("/credit-notes/{id:\\d+}.{format:(pdf|html|csv|xlsx)}")]
pub async fn credit_note(
    signed: SignedIn,
    path: web::Path<(CreditNoteId, String)>,
    query: web::Query<DocumentQuery>,
) -> Result<HttpResponse, WebError> {
    let (id, format) = path.into_inner();
    let language = document_language(&signed, query.language.as_deref())?;
    let rendered = files::credit_note(signed.app(), signed.caller(), id, &format, Some(language))
        .await
        .map_err(|e| signed.fail(e))?;
    Ok(download(rendered))
}

/// The language a document is asked in: the page's when left out; an
/// unknown one is no document (404).
pub fn document_language(signed: &SignedIn, raw: Option<&str>) -> Result<&'static str, WebError> {
    match raw {
        None | Some("") => Ok(signed.visitor.language.tag()),
        Some(raw) => Language::parse(raw)
            .map(Language::tag)
            .ok_or_else(|| signed.fail(crate::app::AppError::NotFound)),
    }
}
