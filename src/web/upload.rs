//! Sending a CSV file of daily figures from the browser: a file picker (and
//! a place to drop the file, where JavaScript runs). A file with a bad row
//! writes nothing and comes back with every bad row named — line, field,
//! rule; a corrected file goes in whole.

use actix_multipart::{Field, Multipart};
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use futures_util::StreamExt;
use serde::{Deserialize, Serialize};

use super::error::WebError;
use super::signed_in::SignedIn;
use crate::app::kpi::import::{import, uploader};
use crate::app::kpi::{CSV_LIMIT, IngestSummary, PERMISSION, UPLOAD_IDLE};
use crate::app::uploads::{SpoolError, spool};
use crate::app::{AppError, AppResult};
use crate::domain::message::msg;

#[derive(Debug, Deserialize)]
pub struct UploadQuery {
    /// The contract and month whose page the visitor came from, to go back to.
    contract: Option<i64>,
    period: Option<String>,
}

#[derive(Serialize, Default)]
struct UploadPage {
    /// The month page to go back to.
    back: Option<String>,
    /// The query the form posts with, to keep the way back.
    query: String,
    done: Option<Summary>,
    problems: Vec<Problem>,
    error: Option<String>,
}

#[derive(Serialize)]
struct Summary {
    rows: usize,
    inserted: usize,
    replaced: usize,
    unchanged: usize,
}

#[derive(Serialize)]
struct Problem {
    line: String,
    field: String,
    rule: String,
}

#[get("/kpi/upload")]
pub async fn show(
    signed: SignedIn,
    query: web::Query<UploadQuery>,
) -> Result<HttpResponse, WebError> {
    let page = UploadPage {
        back: back(&query),
        query: kept_query(&query),
        ..UploadPage::default()
    };
    signed
        .render(StatusCode::OK, "upload", "upload-title", &page)
        .await
}

/// Takes a file in. The form's fields come in the page's order: its token
/// first, so that nothing of the file is read for a forged form.
#[post("/kpi/upload")]
pub async fn upload(
    signed: SignedIn,
    req: HttpRequest,
    query: web::Query<UploadQuery>,
    mut form: Multipart,
) -> Result<HttpResponse, WebError> {
    let token = match form.next().await {
        Some(Ok(field)) if field.name() == Some("csrf") => small_text(field).await,
        _ => String::new(),
    };
    signed.check_form(&req, &token)?;
    let language = signed.visitor.language;
    let mut page = UploadPage {
        back: back(&query),
        query: kept_query(&query),
        ..UploadPage::default()
    };
    let outcome = match form.next().await {
        Some(Ok(field)) if field.name() == Some("file") => take_in(&signed, field).await,
        _ => Err(AppError::invalid("file", msg!("upload-choose-a-file"))),
    };
    let status = match outcome {
        Ok(summary) => {
            page.done = Some(Summary {
                rows: summary.rows,
                inserted: summary.inserted,
                replaced: summary.replaced,
                unchanged: summary.unchanged,
            });
            StatusCode::OK
        }
        Err(AppError::Invalid(errors)) => {
            for violation in errors.iter() {
                page.problems.push(Problem {
                    line: violation.line.map_or_else(String::new, |l| l.to_string()),
                    field: violation.field.clone(),
                    rule: language.message(&violation.message),
                });
            }
            StatusCode::UNPROCESSABLE_ENTITY
        }
        Err(AppError::TooManyRequests { .. }) => {
            page.error = Some(language.text("upload-busy", &[]));
            StatusCode::TOO_MANY_REQUESTS
        }
        Err(error) => return Err(signed.fail(error)),
    };
    signed.render(status, "upload", "upload-title", &page).await
}

/// Lets the upload in, spools the file, then checks and merges it: all rows or none.
async fn take_in(signed: &SignedIn, file: Field) -> AppResult<IngestSummary> {
    let app = signed.app();
    let admitted = uploader(app, signed.caller()).await?.admit(app, None)?;
    let file = spool(file, &app.spool_dir, CSV_LIMIT, UPLOAD_IDLE, |_| {})
        .await
        .map_err(|error| match error {
            SpoolError::Disk(error) => AppError::internal(error),
            SpoolError::TooLarge(limit) => {
                AppError::invalid("file", msg!("upload-too-large", megabytes = limit >> 20))
            }
            SpoolError::Idle(_) | SpoolError::BrokenOff => {
                AppError::invalid("file", msg!("upload-broke-off"))
            }
        })?;
    let source = admitted.source;
    let result = app
        .read(signed.caller(), PERMISSION, move |conn, auth| {
            import(conn, auth, source, file, |_, summary| {
                Ok::<_, AppError>(summary)
            })
        })
        .await;
    drop(admitted);
    result
}

/// The month page the visitor came from, checked to be one.
fn back(query: &UploadQuery) -> Option<String> {
    let path = (query.contract?.to_string(), query.period.clone()?);
    let (id, period) = super::month::contract_month(&path)?;
    Some(format!("/contracts/{}/months/{period}", id.get()))
}

fn kept_query(query: &UploadQuery) -> String {
    match (query.contract, &query.period) {
        (Some(contract), Some(period)) => serde_urlencoded::to_string([
            ("contract", contract.to_string()),
            ("period", period.clone()),
        ])
        .unwrap_or_default(),
        _ => String::new(),
    }
}

/// A short form field, read whole (at most a few hundred bytes).
async fn small_text(mut field: Field) -> String {
    let mut bytes = Vec::new();
    while let Some(Ok(chunk)) = field.next().await {
        bytes.extend_from_slice(&chunk);
        if bytes.len() > 256 {
            return String::new();
        }
    }
    String::from_utf8(bytes).unwrap_or_default()
}
