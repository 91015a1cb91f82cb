//! The pages: server-rendered HTML for the people who use kefu in a browser,
//! in Chinese or English. Each page reads its input, calls the same `app::`
//! use case the JSON API calls, and shapes the answer; sessions and CSRF
//! checks live here, every rule below.

mod account;
mod api_keys;
pub mod assets;
mod clause_form;
mod clauses;
mod close;
mod contract_row;
mod contracts;
mod csrf;
mod dashboards;
mod downloads;
pub mod error;
mod exclusions;
mod format;
mod home;
mod incidents;
mod invoice;
mod invoice_actions;
mod invoice_forms;
mod invoice_rows;
mod invoices;
mod language;
mod life;
mod life_billed;
mod life_handover;
mod life_signing;
mod life_versions;
mod month;
mod outbox;
mod particulars;
mod render;
mod report;
mod report_review;
mod report_steps;
mod reports;
mod shown;
mod sign_in;
mod signed_in;
mod statements;
mod tenant;
mod terms_charges;
mod terms_commercial;
mod terms_form;
mod terms_liability;
mod terms_phases;
mod upload;
mod users;
mod vendor_form;
mod vendors;
pub mod visitor;
mod watch;
mod what_if;

use actix_web::web;

/// The largest form a page posts (sign-in, a reason, an answer …).
pub const FORM_LIMIT: usize = 64 * 1024;

/// Every page kefu serves.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.app_data(
        web::FormConfig::default()
            .limit(FORM_LIMIT)
            .error_handler(|error, req| {
                let visitor = visitor::Visitor::read(req);
                error::WebError::bad_form(&visitor, error.to_string()).into()
            }),
    )
    .service(assets::serve)
    .service(sign_in::show)
    .service(sign_in::sign_in)
    .service(sign_in::sign_out)
    .service(home::show)
    .service(month::show)
    .service(what_if::show)
    .service(report::show)
    .service(report::save)
    .service(report::submit)
    .service(upload::show)
    .service(upload::upload)
    .service(language::choose)
    .service(account::forgot)
    .service(account::send_reset)
    // Before `/account/{kind}/{key}`.
    .service(account::password)
    .service(account::change_password)
    .service(account::open_link)
    .service(account::choose_password)
    .service(api_keys::list)
    .service(api_keys::create)
    .service(api_keys::revoke)
    .service(users::list)
    .service(users::invite)
    // Before `/invoices/{id}`.
    .service(invoices::export)
    .service(invoices::list)
    .service(invoice::show)
    .service(downloads::invoice)
    .service(downloads::credit_note)
    .service(invoice_actions::recompute)
    .service(invoice_actions::issue)
    .service(invoice_actions::void)
    .service(invoice_actions::pay)
    .service(invoice_actions::credit)
    .service(invoice_actions::email)
    .service(invoice_actions::restate)
    .service(close::show)
    .service(close::close)
    .service(outbox::list)
    .service(outbox::show)
    .service(outbox::retry)
    .service(statements::vendors)
    .service(statements::show)
    .service(statements::document)
    // Vendors: onboarding, the vendor's own particulars, users' roles, the tenant's particulars.
    // `/vendors/new` before `/vendors/{id}`.
    .service(vendors::new)
    .service(vendors::list)
    .service(vendors::create)
    .service(vendors::show)
    .service(vendors::invite)
    .service(vendors::approve)
    .service(vendors::send_back)
    .service(vendors::confirm_offboard)
    .service(vendors::offboard)
    .service(particulars::show)
    .service(particulars::save)
    .service(particulars::submit)
    .service(users::change_role)
    .service(users::confirm_deactivate)
    .service(users::deactivate)
    .service(tenant::show)
    .service(tenant::save)
    // clauses: a contract's SLA clauses (`/new` before `/{clause}`).
    .service(clauses::list)
    .service(clauses::new)
    .service(clauses::show)
    .service(clauses::add)
    .service(clauses::replace)
    .service(clauses::remove)
    // watch: exclusions, incidents, reports and their review, dashboards.
    .service(exclusions::list)
    .service(exclusions::create)
    .service(exclusions::remove)
    .service(incidents::list)
    .service(incidents::create)
    .service(incidents::escalate)
    .service(reports::list)
    .service(report_steps::accept_report)
    .service(report_steps::dispute_report)
    .service(dashboards::contract_dashboard)
    // terms: the contracts, each one's overview and the parts of its terms.
    .service(contracts::list)
    .service(contracts::create)
    .service(contracts::show)
    .service(terms_commercial::show)
    .service(terms_commercial::save)
    .service(terms_charges::list)
    .service(terms_charges::add)
    // Before `/contracts/{id}/terms/charges/{part}`.
    .service(terms_charges::new)
    .service(terms_charges::edit)
    .service(terms_charges::replace)
    .service(terms_charges::remove)
    .service(terms_liability::show)
    .service(terms_liability::save)
    .service(terms_phases::list)
    .service(terms_phases::add)
    .service(terms_phases::edit)
    .service(terms_phases::replace)
    .service(terms_phases::remove)
    // The contract's life (area "life"): signing and amendments, what it
    // would have billed, its versions and audit trail, the handover.
    .service(life_signing::show)
    .service(life_signing::activate)
    .service(life_signing::open_amendment)
    .service(life_signing::settle_amendment)
    .service(life_signing::change_status)
    .service(life_billed::show)
    .service(life_versions::versions)
    .service(life_versions::audit)
    .service(life_handover::show)
    .service(life_handover::start)
    .service(life_handover::step);
}
