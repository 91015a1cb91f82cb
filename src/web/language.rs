//! Choosing the language of the pages: remembered in a cookie for a year.
//! It changes nothing stored, so it needs no CSRF token.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, web};
use serde::Deserialize;

use super::visitor::Visitor;
use crate::catalogue::Language;

#[derive(Debug, Deserialize)]
pub struct Choice {
    #[serde(default)]
    to: String,
}

/// `GET /language/{tag}`: switches to `zh-CN` or `en` and goes back to the
/// page the link was on (when it was on this site).
#[get("/language/{tag}")]
pub async fn choose(
    req: HttpRequest,
    visitor: Visitor,
    tag: web::Path<String>,
    choice: web::Query<Choice>,
) -> HttpResponse {
    let Some(language) = Language::parse(&tag) else {
        return super::error::not_found_page(&req);
    };
    let back = match super::sign_in::safe_next(&choice.to) {
        "" => "/",
        local => local,
    };
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, back.to_owned()))
        .cookie(visitor.language_cookie(language))
        .finish()
}
