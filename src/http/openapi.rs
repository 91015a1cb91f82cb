//! The OpenAPI 3 document, generated from the handlers' annotations.

use actix_web::{HttpResponse, get};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use super::{
    api_keys, billing, contract_life, contracts, documents, error, exclusions, health, incidents,
    invoices, kpi, mail, metrics, reports, session, shops, statements, tenant, terms_parts, users,
    vendors,
};

#[derive(OpenApi)]
#[openapi(
    info(title = "kefu", description = "Contracts, KPI feeds and performance-based invoices for customer-service outsourcing."),
    paths(
        health::healthz, health::readyz,
        session::signup, session::login, session::me, tenant::set_profile,
        users::list, users::create, users::show, users::update, users::deactivate,
        shops::list, shops::create, shops::show, shops::update, shops::remove,
        vendors::list, vendors::create, vendors::show, vendors::update, vendors::remove,
        vendors::fill_in, vendors::submit, vendors::send_back,
        api_keys::list, api_keys::create, api_keys::revoke,
        metrics::catalogue,
        contracts::list, contracts::create, contracts::show, contracts::update,
        contracts::terms_as_of, contracts::versions, contracts::audit_log,
        contract_life::activate, contract_life::suspend, contract_life::resume, contract_life::terminate,
        contract_life::open_amendment, contract_life::apply_amendment, contract_life::discard_amendment,
        contract_life::start_phase, contract_life::complete_phase, contract_life::roll_back_phase,
        terms_parts::show_commercial, terms_parts::replace_commercial,
        terms_parts::show_liability, terms_parts::replace_liability,
        terms_parts::list_charges, terms_parts::add_charge, terms_parts::show_charge,
        terms_parts::replace_charge, terms_parts::remove_charge,
        terms_parts::list_sla_clauses, terms_parts::add_sla_clause, terms_parts::show_sla_clause,
        terms_parts::replace_sla_clause, terms_parts::remove_sla_clause,
        terms_parts::list_phases, terms_parts::add_phase, terms_parts::show_phase,
        terms_parts::replace_phase, terms_parts::remove_phase,
        exclusions::list, exclusions::create, exclusions::remove,
        contract_life::phase_gate, contract_life::would_have_billed,
        kpi::ingest, kpi::import, kpi::figures_of_month, kpi::trend, kpi::days, kpi::revisions,
        incidents::list, incidents::create, incidents::show, incidents::escalate,
        reports::list, reports::show, reports::write, reports::submit, reports::accept, reports::dispute,
        invoices::create, invoices::list, invoices::show, invoices::recompute, invoices::issue,
        invoices::void, invoices::pay, invoices::credit, invoices::credit_note,
        invoices::show_restatement, invoices::restate, documents::invoice_document, documents::credit_note_document,
        documents::export, statements::show, statements::document, mail::email_invoice, mail::email_period, mail::list, mail::show,
        mail::retry, billing::close_month, billing::simulate,
    ),
    components(schemas(error::Problem, error::FieldError)),
    modifiers(&BearerAuth, &Problems),
)]
pub struct ApiDoc;

mod problems;

struct BearerAuth;

struct Problems;

impl Modify for Problems {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        problems::declare(openapi);
    }
}

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
