//! The merchant's answer to a submitted report, posted from the report's page:
//! accept it, or dispute it figure by figure with a comment on each.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, post, web};

use super::error::WebError;
use super::month::contract_month;
use super::report::{Fields, page_with};
use super::report_review::Posted;
use super::signed_in::SignedIn;
use crate::app::AppError;
use crate::app::reports::check::{ContestedFigure, DisputeBody};
use crate::app::reports::steps;

/// Accepts a submitted report: the month is billed on its figures.
#[post("/contracts/{id}/reports/{period}/accept")]
pub async fn accept_report(
    signed: SignedIn,
    req: HttpRequest,
    path: web::Path<(String, String)>,
    form: web::Form<Fields>,
) -> Result<HttpResponse, WebError> {
    let Some((id, period)) = contract_month(&path) else {
        return Ok(super::error::not_found_page(&req));
    };
    signed.check_form(&req, form.get("csrf").map_or("", String::as_str))?;
    match steps::accept(signed.app(), signed.caller(), id, period).await {
        Ok(_) => Ok(super::sign_in::see_other(&format!(
            "/contracts/{}/reports/{period}?done=accepted",
            id.get()
        ))),
        Err(AppError::Conflict { message, .. }) => {
            let posted = Posted {
                general: vec![signed.visitor.language.message(&message)],
                status: Some(StatusCode::CONFLICT),
                ..Posted::default()
            };
            page_with(&signed, id, period, None, Vec::new(), false, posted).await
        }
        Err(error) => Err(signed.fail(error)),
    }
}

/// Disputes figures of a submitted report: a comment on each contested one
/// (`comment.<metric>`); figures left blank are not contested.
#[post("/contracts/{id}/reports/{period}/dispute")]
pub async fn dispute_report(
    signed: SignedIn,
    req: HttpRequest,
    path: web::Path<(String, String)>,
    form: web::Form<Fields>,
) -> Result<HttpResponse, WebError> {
    let Some((id, period)) = contract_month(&path) else {
        return Ok(super::error::not_found_page(&req));
    };
    let fields = form.into_inner();
    signed.check_form(&req, fields.get("csrf").map_or("", String::as_str))?;
    let mut typed: Vec<(String, String)> = fields
        .iter()
        .filter_map(|(name, value)| {
            let metric = name.strip_prefix("comment.")?;
            Some((metric.to_owned(), value.clone()))
        })
        .collect();
    typed.sort();
    let contested: Vec<&(String, String)> =
        typed.iter().filter(|(_, c)| !c.trim().is_empty()).collect();
    let body = DisputeBody {
        comments: contested
            .iter()
            .map(|(metric, comment)| ContestedFigure {
                metric: metric.clone(),
                comment: comment.clone(),
            })
            .collect(),
    };
    let language = signed.visitor.language;
    let outcome = steps::dispute(signed.app(), signed.caller(), id, period, body).await;
    let mut posted = Posted {
        comments: typed.iter().cloned().collect(),
        ..Posted::default()
    };
    match outcome {
        Ok(_) => {
            return Ok(super::sign_in::see_other(&format!(
                "/contracts/{}/reports/{period}?done=disputed",
                id.get()
            )));
        }
        Err(AppError::Invalid(violations)) => {
            for v in violations.iter() {
                let text = language.message(&v.message);
                // `comments[2].comment` is the third contested figure's.
                let metric = v
                    .field
                    .strip_prefix("comments[")
                    .and_then(|rest| rest.split(']').next())
                    .and_then(|i| i.parse::<usize>().ok())
                    .and_then(|i| contested.get(i));
                match metric {
                    Some((metric, _)) => {
                        posted.errors.insert(metric.clone(), text);
                    }
                    None => posted.general.push(text),
                }
            }
            posted.status = Some(StatusCode::UNPROCESSABLE_ENTITY);
        }
        Err(AppError::Conflict { message, .. }) => {
            posted.general.push(language.message(&message));
            posted.status = Some(StatusCode::CONFLICT);
        }
        Err(error) => return Err(signed.fail(error)),
    }
    page_with(&signed, id, period, None, Vec::new(), false, posted).await
}
