//! The pages: server-rendered HTML for the people who use kefu in a browser,
//! in Chinese or English. Each page reads its input, calls the same `app::`
//! use case the JSON API calls, and shapes the answer; sessions and CSRF
//! checks live here, every rule below.

mod account;
mod api_keys;
pub mod assets;
mod close;
mod csrf;
mod downloads;
pub mod error;
mod format;
mod home;
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
mod render;
mod report;
mod shown;
mod sign_in;
mod signed_in;
mod statements;
mod upload;
mod users;
pub mod visitor;
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
