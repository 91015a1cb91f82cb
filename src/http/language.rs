//! The language of the API's words: a problem's title, detail and the message
//! of each field error. A route that takes `?language=` (the documents)
//! answers its errors in that language too, once it has read one of ours;
//! otherwise the `Accept-Language` header decides, and Chinese where it names
//! neither of ours or is left out.

use std::convert::Infallible;
use std::future::{Ready, ready};

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::http::header;
use actix_web::middleware::Next;
use actix_web::{FromRequest, HttpMessage, HttpRequest};
use serde::Deserialize;

use super::error::ApiError;
use crate::catalogue::Language;

/// The language `req` is to be answered in.
pub fn asked(req: &HttpRequest) -> Language {
    if let Some(chosen) = req.extensions().get::<Language>() {
        return *chosen;
    }
    req.headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|value| value.to_str().ok())
        .map_or_else(Language::default, Language::negotiate)
}

/// For a route that takes `?language=`: remembers the language it names,
/// when it is one of ours, for the answer's errors (an unknown one is the
/// route's own 422). Taken as the request is read, before the caller is
/// checked, so that a 401 or a 404 is written in it too.
pub struct QueryLanguage;

impl FromRequest for QueryLanguage {
    type Error = Infallible;
    type Future = Ready<Result<Self, Infallible>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        #[derive(Deserialize)]
        struct Asked {
            language: Option<String>,
        }
        // A query that does not read is the route's own 422, in `Accept-Language`.
        let asked = serde_urlencoded::from_str::<Asked>(req.query_string()).ok();
        if let Some(language) = asked
            .and_then(|a| a.language)
            .and_then(|raw| Language::parse(&raw))
        {
            req.extensions_mut().insert(language);
        }
        ready(Ok(QueryLanguage))
    }
}

/// Writes every problem answer again in the caller's language. A problem is
/// first written where it is raised, before the request's language is known
/// to it (actix asks an error for its answer without the request); here the
/// error is still beside its answer, and only the body and its
/// `Content-Language` change: the status, the other headers and the error
/// the request log reads stay as they were.
pub async fn answer_in(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let response = next.call(req).await?.map_into_boxed_body();
    let language = asked(response.request());
    let problem = response
        .response()
        .error()
        .and_then(|error| error.as_error::<ApiError>())
        .map(|error| error.problem(language));
    let Some(problem) = problem else {
        return Ok(response);
    };
    let body = serde_json::to_vec(&problem).map_err(actix_web::error::ErrorInternalServerError)?;
    Ok(response.map_body(|head, _| {
        head.headers_mut().insert(
            header::CONTENT_LANGUAGE,
            header::HeaderValue::from_static(language.tag()),
        );
        BoxBody::new(body)
    }))
}
