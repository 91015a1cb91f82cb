//! The OpenAPI 3 document, generated from the handlers' annotations.

use actix_web::{HttpResponse, get};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use super::{api_keys, error, health, session, shops, users, vendors};

#[derive(OpenApi)]
#[openapi(
    info(title = "kefu", description = "Contracts, KPI feeds and performance-based invoices for customer-service outsourcing."),
    paths(
        health::healthz, health::readyz,
        session::signup, session::login, session::me,
        users::list, users::create, users::show, users::update, users::deactivate,
        shops::list, shops::create, shops::show, shops::update, shops::remove,
        vendors::list, vendors::create, vendors::show, vendors::update, vendors::remove,
        api_keys::list, api_keys::create, api_keys::revoke,
    ),
    components(schemas(error::Problem, error::FieldError)),
    modifiers(&BearerAuth),
)]
pub struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some("A login token (JWT) or a vendor API key (kefu_…)"))
                    .build(),
            ),
        );
    }
}

/// The OpenAPI document.
#[get("/api/openapi.json")]
pub async fn document() -> HttpResponse {
    HttpResponse::Ok().json(ApiDoc::openapi())
}
