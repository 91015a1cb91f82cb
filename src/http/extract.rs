//! The auth extractor: a handler that takes a [`Caller`] cannot forget to
//! authenticate. The bearer credential's form, signature and expiry are
//! checked here; who it stands for is looked up by the use case
//! (`app::access`), with its own database work.

use std::future::{Ready, ready};

use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, dev::Payload, web};

use super::error::ApiError;
use super::state::AppState;
use crate::auth::api_key;

pub use crate::app::access::{AuthUser, Caller, Principal};

impl FromRequest for Caller {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(caller(req))
    }
}

fn caller(req: &HttpRequest) -> Result<Caller, ApiError> {
    let credential = bearer(req).ok_or(ApiError::Unauthorized)?;
    if api_key::looks_like_api_key(&credential) {
        return Ok(Caller::ApiKey(credential));
    }
    let state = req
        .app_data::<web::Data<AppState>>()
        .ok_or_else(|| ApiError::internal(anyhow::anyhow!("no app state")))?;
    let claims = state.keys.verify(&credential).map_err(|error| {
        tracing::info!(%error, "token refused");
        ApiError::Unauthorized
    })?;
    Ok(Caller::Token(claims))
}

fn bearer(req: &HttpRequest) -> Option<String> {
    let value = req.headers().get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, credential) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| credential.trim().to_owned())
}
