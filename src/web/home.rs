//! The home page: the contracts the signed-in person works on.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, web};
use serde::Serialize;

use super::error::WebError;
use super::render::{Who, html, page};
use super::visitor::Visitor;
use crate::app::{App, AppError, overview};
use crate::catalogue::Language;

#[derive(Serialize)]
struct HomePage {
    contracts: Vec<ContractRow>,
}

#[derive(Serialize)]
struct ContractRow {
    id: i64,
    number: String,
    title: String,
    term: String,
    currency: String,
    status: &'static str,
    status_text: String,
}

#[get("/home")]
pub async fn show(app: web::Data<App>, visitor: Visitor) -> Result<HttpResponse, WebError> {
    let caller = visitor
        .caller(&app)
        .ok_or_else(|| WebError::app(&visitor, AppError::Unauthorized))?;
    let home = overview::home(&app, caller)
        .await
        .map_err(|e| WebError::app(&visitor, e))?;
    let language = visitor.language;
    let data = HomePage {
        contracts: home
            .contracts
            .into_iter()
            .map(|c| ContractRow {
                id: c.id,
                term: language.text(
                    "term-range",
                    &[("start", c.start.to_string()), ("end", c.end.to_string())],
                ),
                number: c.number,
                title: c.title,
                currency: c.currency,
                status: c.status.as_str(),
                status_text: status_text(language, c.status.as_str()),
            })
            .collect(),
    };
    let who = Who::of(&home.me, language);
    let body = page(&visitor, Some(&who), "home", "home-title", &data)
        .map_err(|e| WebError::render(&visitor, e))?;
    Ok(html(StatusCode::OK, body))
}

fn status_text(language: Language, status: &str) -> String {
    language.text(&format!("status-{status}"), &[])
}
