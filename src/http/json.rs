//! A strict JSON body extractor: the body must be JSON, no larger than the
//! limit, and every problem is reported with the path of the field it is in.

use std::future::Future;
use std::pin::Pin;

use actix_web::http::header;
use actix_web::web::Bytes;
use actix_web::{FromRequest, HttpRequest, dev::Payload};
use serde::de::DeserializeOwned;

use super::error::ApiError;
use super::serde_words;
use crate::domain::message::msg;

/// Largest JSON body the resource routes accept.
pub const BODY_LIMIT: usize = 256 * 1024;

/// A request body deserialized into `T`, which should `deny_unknown_fields`.
pub struct Json<T>(pub T);

impl<T: DeserializeOwned + 'static> FromRequest for Json<T> {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let is_json = require_json(req);
        let body = Bytes::from_request(req, payload);
        Box::pin(async move {
            is_json?;
            let bytes = body
                .await
                .map_err(|_| ApiError::PayloadTooLarge(BODY_LIMIT))?;
            parse(&bytes).map(Json)
        })
    }
}

/// 415 unless the request says its body is JSON.
pub fn require_json(req: &HttpRequest) -> Result<(), ApiError> {
    let is_json = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|mime| {
            let mime = mime.trim();
            mime.eq_ignore_ascii_case("application/json") || mime.ends_with("+json")
        });
    if is_json {
        Ok(())
    } else {
        Err(ApiError::UnsupportedMediaType("application/json"))
    }
}

/// A body that may be left out: empty is the default, anything else must be JSON.
pub fn parse_optional<T: DeserializeOwned + Default>(
    req: &HttpRequest,
    bytes: &[u8],
) -> Result<T, ApiError> {
    if bytes.is_empty() {
        return Ok(T::default());
    }
    require_json(req)?;
    parse(bytes)
}

/// Deserializes a body, naming the field of the first problem.
pub fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let path = error.path().to_string();
        let inner = error.into_inner();
        if inner.is_syntax() || inner.is_eof() || inner.is_io() {
            return ApiError::BadRequest(msg!(
                "error-json-syntax",
                detail = inner.to_string(),
                line = inner.line(),
                column = inner.column()
            ));
        }
        // The path ends at the offending field, an unknown one included; inside a
        // tagged body the message carries the rest of the path.
        let message = strip_position(&inner.to_string());
        let (inner_path, message) = split_tagged(&message);
        let field = match (path.as_str(), inner_path) {
            (".", None) => "body".to_owned(),
            (".", Some(inner)) => inner.to_owned(),
            (outer, None) => outer.to_owned(),
            (outer, Some(inner)) => format!("{outer}.{inner}"),
        };
        ApiError::invalid(field, serde_words::explain(&message))
    })?;
    deserializer
        .end()
        .map_err(|_| ApiError::BadRequest(msg!("error-json-trailing")))?;
    Ok(value)
}

/// serde_json appends " at line 1 column 42"; the field path says more.
fn strip_position(message: &str) -> String {
    message
        .split(" at line ")
        .next()
        .unwrap_or(message)
        .to_owned()
}

/// Splits "field `rate`: message" (see [`crate::domain::tagged`]) into its path and message.
fn split_tagged(message: &str) -> (Option<&str>, String) {
    let Some(rest) = message.strip_prefix(crate::domain::tagged::FIELD_PREFIX) else {
        return (None, message.to_owned());
    };
    match rest.split_once("`: ") {
        Some((path, message)) => (Some(path), message.to_owned()),
        None => (None, message.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[expect(dead_code, reason = "only deserialized")]
    struct Body {
        name: String,
        bank: Option<Bank>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[expect(dead_code, reason = "only deserialized")]
    struct Bank {
        account_number: String,
    }

    fn field_of(body: &str) -> Option<String> {
        match parse::<Body>(body.as_bytes()) {
            Err(ApiError::App(crate::app::AppError::Invalid(errors))) => {
                Some(format!("{errors:?}"))
            }
            _ => None,
        }
    }

    #[test]
    fn names_the_unknown_field() {
        let errors = field_of(r#"{"name": "x", "tenant_id": 2}"#).unwrap_or_default();
        assert!(errors.contains("field: \"tenant_id\""), "{errors}");
        let nested = field_of(r#"{"name": "x", "bank": {"account_number": "1", "iban": "x"}}"#)
            .unwrap_or_default();
        assert!(nested.contains("field: \"bank.iban\""), "{nested}");
    }

    #[test]
    fn names_the_field_of_the_wrong_type() {
        let errors = field_of(r#"{"name": 5}"#).unwrap_or_default();
        assert!(errors.contains("field: \"name\""), "{errors}");
    }

    #[test]
    fn broken_json_is_a_bad_request() {
        assert!(matches!(
            parse::<Body>(b"{\"name\": "),
            Err(ApiError::BadRequest(_))
        ));
    }
}
