//! The JSON API over actix-web: one file per resource, one route table.

pub mod api_keys;
pub mod billing;
pub mod contract_life;
pub mod contracts;
pub mod documents;
pub mod error;
pub mod exclusions;
pub mod extract;
pub mod health;
pub mod idempotency;
pub mod incidents;
pub mod invoices;
pub mod json;
pub mod kpi;
pub mod language;
pub mod mail;
pub mod metrics;
pub mod openapi;
pub mod page;
pub mod reports;
pub mod serde_words;
pub mod session;
pub mod shops;
pub mod state;
pub mod statements;
pub mod tenant;
pub mod terms_parts;
pub mod upload;
pub mod users;
pub mod vendors;

use actix_web::web;

pub use error::ApiError;
pub use state::AppState;

/// Every route kefu serves.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(health::healthz)
        .service(health::readyz)
        .service(openapi::document)
        .service(
            web::scope("/api/v1")
                .service(session::signup)
                .service(session::login)
                .service(session::me)
                .service(tenant::set_profile)
                .service(users::list)
                .service(users::create)
                .service(users::show)
                .service(users::update)
                .service(users::deactivate)
                .service(shops::list)
                .service(shops::create)
                .service(shops::show)
                .service(shops::update)
                .service(shops::remove)
                .service(vendors::list)
                .service(vendors::create)
                .service(vendors::show)
                .service(statements::show)
                .service(statements::document)
                .service(vendors::update)
                .service(vendors::remove)
                .service(vendors::fill_in)
                .service(vendors::submit)
                .service(vendors::send_back)
                .service(api_keys::list)
                .service(api_keys::create)
                .service(api_keys::revoke)
                .service(metrics::catalogue)
                .service(contracts::list)
                .service(contracts::create)
                .service(contracts::show)
                .service(contracts::update)
                .service(contracts::terms_as_of)
                .service(contracts::versions)
                .service(contracts::audit_log)
                .service(contract_life::activate)
                .service(contract_life::suspend)
                .service(contract_life::resume)
                .service(contract_life::terminate)
                .service(contract_life::open_amendment)
                .service(contract_life::apply_amendment)
                .service(contract_life::discard_amendment)
                .service(contract_life::start_phase)
                .service(contract_life::complete_phase)
                .service(contract_life::roll_back_phase)
                .service(terms_parts::show_commercial)
                .service(terms_parts::replace_commercial)
                .service(terms_parts::show_liability)
                .service(terms_parts::replace_liability)
                .service(terms_parts::list_charges)
                .service(terms_parts::add_charge)
                .service(terms_parts::show_charge)
                .service(terms_parts::replace_charge)
                .service(terms_parts::remove_charge)
                .service(terms_parts::list_sla_clauses)
                .service(terms_parts::add_sla_clause)
                .service(terms_parts::show_sla_clause)
                .service(terms_parts::replace_sla_clause)
                .service(terms_parts::remove_sla_clause)
                .service(terms_parts::list_phases)
                .service(terms_parts::add_phase)
                .service(terms_parts::show_phase)
                .service(terms_parts::replace_phase)
                .service(terms_parts::remove_phase)
                .service(exclusions::list)
                .service(exclusions::create)
                .service(exclusions::remove)
                .service(contract_life::phase_gate)
                .service(contract_life::would_have_billed)
                .service(kpi::ingest)
                .service(kpi::import)
                .service(kpi::figures_of_month)
                .service(kpi::trend)
                .service(kpi::days)
                .service(kpi::revisions)
                .service(incidents::list)
                .service(incidents::create)
                .service(incidents::show)
                .service(incidents::escalate)
                .service(reports::list)
                .service(reports::show)
                .service(reports::write)
                .service(reports::submit)
                .service(reports::accept)
                .service(reports::dispute)
                .service(invoices::create)
                .service(invoices::list)
                // Before `/invoices/{id}`, which would take `export` and `5.pdf` for ids.
                .service(documents::export)
                .service(mail::email_period)
                .service(mail::email_invoice)
                .service(mail::list)
                .service(mail::show)
                .service(mail::retry)
                .service(documents::invoice_document)
                .service(documents::credit_note_document)
                .service(invoices::show)
                .service(invoices::recompute)
                .service(invoices::issue)
                .service(invoices::void)
                .service(invoices::pay)
                .service(invoices::credit)
                .service(invoices::credit_note)
                .service(invoices::show_restatement)
                .service(invoices::restate)
                .service(billing::close_month)
                .service(billing::simulate),
        );
}

/// Extractor settings, so that malformed paths and queries answer as problems too.
pub fn extractor_config(cfg: &mut web::ServiceConfig) {
    cfg.app_data(web::PayloadConfig::new(json::BODY_LIMIT))
        .app_data(web::PathConfig::default().error_handler(|_, _| ApiError::not_found().into()))
        .app_data(web::QueryConfig::default().error_handler(|error, _| {
            ApiError::invalid(
                "query",
                serde_words::explain(&strip_prefix(&error.to_string())),
            )
            .into()
        }));
}

fn strip_prefix(message: &str) -> String {
    message
        .trim_start_matches("Query deserialize error: ")
        .to_owned()
}
