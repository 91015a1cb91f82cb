//! Signing up, logging in, and who am I. Each handler reads its input and
//! calls its use case in `app::session`.

use actix_web::{HttpRequest, HttpResponse, get, post, web};

use super::error::{ApiError, Problem};
use super::extract::Caller;
use super::json::Json;
use super::state::AppState;
use crate::app::session::{self, LoginBody, MeView, SignupBody, SignupView, TokenView};

/// Creates a tenant and its owner, and signs the owner in.
#[utoipa::path(post, path = "/api/v1/signup", tag = "session", request_body = SignupBody,
    responses((status = 201, body = SignupView), (status = 409, description = "The email is taken", body = Problem),
        (status = 422, body = Problem)))]
#[post("/signup")]
pub async fn signup(
    state: web::Data<AppState>,
    Json(body): Json<SignupBody>,
) -> Result<HttpResponse, ApiError> {
    let signed_up = session::signup(&state, body).await?;
    Ok(HttpResponse::Created().json(signed_up))
}

/// Exchanges an email and password for a token. Wrong email and wrong password
/// answer alike. Repeated failures from one address at one account, or from one
/// address at many, answer 429; an account's failures from everywhere are
/// answered ever more slowly, but its right password is never refused for them. The
/// user of an offboarded vendor is told so (403), once its password is right.
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "session", request_body = LoginBody,
    responses((status = 200, body = TokenView), (status = 401, body = Problem),
        (status = 403, description = "The user's vendor was offboarded", body = Problem), (status = 429, body = Problem)))]
#[post("/auth/login")]
pub async fn login(
    state: web::Data<AppState>,
    req: HttpRequest,
    Json(body): Json<LoginBody>,
) -> Result<web::Json<TokenView>, ApiError> {
    let address = req.peer_addr().map(|a| a.ip());
    Ok(web::Json(session::login(&state, body, address).await?))
}

/// Who the caller is: tenant, user (for a person), role and vendor.
#[utoipa::path(get, path = "/api/v1/me", tag = "session", security(("bearer" = [])),
    responses((status = 200, body = MeView), (status = 401, body = Problem)))]
#[get("/me")]
pub async fn me(state: web::Data<AppState>, caller: Caller) -> Result<web::Json<MeView>, ApiError> {
    Ok(web::Json(session::me(&state, caller).await?))
}
