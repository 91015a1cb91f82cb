//! The steps finance takes on an invoice from its page: recompute a draft,
//! issue it (with the override where its figures are disputed), void it,
//! record a payment, credit lines, email it, settle a restatement. Each form
//! calls its use case; on success the browser is sent back to the invoice,
//! on a refusal the page is drawn again with the form filled in and why.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, post, web};
use chrono::NaiveDate;

use super::error::WebError;
use super::invoice::invoice_page;
use super::invoice_forms::{Bare, CreditForm, EmailForm, Forms, IssueForm, PayForm, ReasonForm};
use super::shown;
use super::sign_in::see_other;
use super::signed_in::SignedIn;
use crate::app::invoices;
use crate::app::invoices::credit::CreditBody;
use crate::app::invoices::issue::IssueBody;
use crate::app::invoices::pay::PaymentBody;
use crate::app::invoices::restate::RestateBody;
use crate::app::invoices::void::VoidBody;
use crate::app::outbox;
use crate::app::{AppError, AppResult};
use crate::domain::InvoiceId;
use crate::domain::decimal;
use crate::domain::message::msg;
use crate::domain::violation::Violations;

/// Back to the invoice, saying what was done.
fn done(id: InvoiceId, what: &str) -> HttpResponse {
    see_other(&format!("/invoices/{id}?done={what}"))
}

/// The invoice's page again, the refused form filled in by `fill` with why.
async fn again(
    signed: &SignedIn,
    id: InvoiceId,
    error: AppError,
    fill: impl FnOnce(&mut Forms, Vec<String>),
) -> Result<HttpResponse, WebError> {
    let (status, messages) =
        shown::refused(signed.visitor.language, error).map_err(|e| signed.fail(e))?;
    let mut forms = Forms::default();
    fill(&mut forms, messages);
    let page = invoice_page(signed, id, forms)
        .await
        .map_err(|e| signed.fail(e))?;
    signed
        .render(status, "invoice", "invoice-title", &page)
        .await
}

fn filled(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

#[post("/invoices/{id:\\d+}/recompute")]
pub async fn recompute(
    signed: SignedIn,
    req: HttpRequest,
    id: web::Path<InvoiceId>,
    form: web::Form<Bare>,
) -> Result<HttpResponse, WebError> {
    signed.check_form(&req, &form.csrf)?;
    let id = id.into_inner();
    match invoices::recompute::recompute(signed.app(), signed.caller(), id).await {
        Ok(_) => Ok(done(id, "recomputed")),
        Err(error) => again(&signed, id, error, |f, errors| f.recompute.errors = errors).await,
    }
}

#[post("/invoices/{id:\\d+}/issue")]
pub async fn issue(
    signed: SignedIn,
    req: HttpRequest,
    id: web::Path<InvoiceId>,
    form: web::Form<IssueForm>,
) -> Result<HttpResponse, WebError> {
    signed.check_form(&req, &form.csrf)?;
    let (id, form) = (id.into_inner(), form.into_inner());
    let body = IssueBody {
        dispute_override: filled(&form.dispute_override),
    };
    let issued = async {
        let dispute_override = invoices::issue::check(body)?;
        signed
            .app()
            .write(
                signed.caller(),
                invoices::issue::PERMISSION,
                move |conn, auth| invoices::issue::issue(conn, auth, id, dispute_override),
            )
            .await
    };
    match issued.await {
        Ok(_) => Ok(done(id, "issued")),
        Err(error) => {
            let (status, errors) =
                shown::refused(signed.visitor.language, error).map_err(|e| signed.fail(e))?;
            let without_override = filled(&form.dispute_override).is_none();
            let forms = Forms {
                issue: IssueForm { errors, ..form },
                ..Forms::default()
            };
            let mut page = invoice_page(&signed, id, forms)
                .await
                .map_err(|e| signed.fail(e))?;
            if without_override && status == StatusCode::CONFLICT {
                page.wants_override(signed.visitor.language);
            }
            signed
                .render(status, "invoice", "invoice-title", &page)
                .await
        }
    }
}

#[post("/invoices/{id:\\d+}/void")]
pub async fn void(
    signed: SignedIn,
    req: HttpRequest,
    id: web::Path<InvoiceId>,
    form: web::Form<ReasonForm>,
) -> Result<HttpResponse, WebError> {
    signed.check_form(&req, &form.csrf)?;
    let (id, form) = (id.into_inner(), form.into_inner());
    let body = VoidBody {
        reason: form.reason.clone(),
    };
    match invoices::void::void(signed.app(), signed.caller(), id, body).await {
        Ok(_) => Ok(done(id, "voided")),
        Err(error) => {
            again(&signed, id, error, |f, errors| {
                f.void = ReasonForm { errors, ..form };
            })
            .await
        }
    }
}

/// The payment as the use case takes it: the amount read by the API's rules
/// for decimals, the date as `2026-10-31`.
fn payment(form: &PayForm) -> AppResult<PaymentBody> {
    let mut errors = Violations::default();
    let amount = errors.check("amount", decimal::parse(&form.amount, decimal::MAX_SCALE));
    let paid_on = errors.check(
        "paid_on",
        NaiveDate::parse_from_str(form.paid_on.trim(), "%Y-%m-%d")
            .map_err(|_| msg!("error-date-wanted")),
    );
    Ok(errors.finish(|| {
        Some(PaymentBody {
            paid_on: paid_on?,
            amount: amount?,
            reference: form.reference.clone(),
        })
    })?)
}

#[post("/invoices/{id:\\d+}/payments")]
pub async fn pay(
    signed: SignedIn,
    req: HttpRequest,
    id: web::Path<InvoiceId>,
    form: web::Form<PayForm>,
) -> Result<HttpResponse, WebError> {
    signed.check_form(&req, &form.csrf)?;
    let (id, form) = (id.into_inner(), form.into_inner());
    let paid = async {
        let body = payment(&form)?;
        invoices::pay::pay(signed.app(), signed.caller(), id, body).await
    };
    match paid.await {
        Ok(_) => Ok(done(id, "paid")),
        Err(error) => {
            again(&signed, id, error, |f, errors| {
                f.pay = PayForm { errors, ..form };
            })
            .await
        }
    }
}

/// Credits the lines ticked (each `line` field a printed number, 序号).
#[post("/invoices/{id:\\d+}/credit-notes")]
pub async fn credit(
    signed: SignedIn,
    req: HttpRequest,
    id: web::Path<InvoiceId>,
    form: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, WebError> {
    let field = |name: &str| {
        form.iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    };
    signed.check_form(&req, field("csrf"))?;
    let id = id.into_inner();
    let mut errors = Violations::default();
    let lines: Vec<usize> = form
        .iter()
        .filter(|(k, _)| k == "line")
        .filter_map(|(_, v)| {
            errors.check(
                "line_numbers",
                v.trim()
                    .parse::<usize>()
                    .map_err(|_| msg!("error-line-numbers")),
            )
        })
        .collect();
    let reason = field("reason").to_owned();
    let credited = async {
        errors.finish(|| Some(()))?;
        let body = CreditBody {
            reason: reason.clone(),
            line_numbers: Some(lines.clone()),
        };
        invoices::credit::credit(signed.app(), signed.caller(), id, body).await
    };
    match credited.await {
        Ok(_) => Ok(done(id, "credited")),
        Err(error) => {
            again(&signed, id, error, |f, errors| {
                f.credit = CreditForm {
                    reason,
                    lines,
                    errors,
                };
            })
            .await
        }
    }
}

/// Addresses as typed: separated by commas, semicolons or spaces.
fn addresses(typed: &str) -> Vec<String> {
    typed
        .split(|c: char| c == ',' || c == ';' || c == '，' || c == '；' || c.is_whitespace())
        .filter(|a| !a.is_empty())
        .map(str::to_owned)
        .collect()
}

#[post("/invoices/{id:\\d+}/email")]
pub async fn email(
    signed: SignedIn,
    req: HttpRequest,
    id: web::Path<InvoiceId>,
    form: web::Form<EmailForm>,
) -> Result<HttpResponse, WebError> {
    signed.check_form(&req, &form.csrf)?;
    let (id, form) = (id.into_inner(), form.into_inner());
    let request = match form.request.trim() {
        "" => hex::encode(crate::auth::random_bytes::<16>()),
        drawn => format!("page:{drawn}"),
    };
    let queued = async {
        let addressing = outbox::addressing(
            &addresses(&form.to),
            &addresses(&form.cc),
            filled(&form.language).as_deref(),
        )?;
        signed
            .app()
            .write(signed.caller(), outbox::PERMISSION, move |conn, auth| {
                outbox::email_invoice(conn, auth, id, &addressing, &request)
            })
            .await
    };
    let queued = queued.await;
    if queued.is_ok() {
        outbox::wake(signed.app());
    }
    match queued {
        Ok(_) => Ok(done(id, "emailed")),
        Err(error) => {
            again(&signed, id, error, |f, errors| {
                f.email = EmailForm { errors, ..form };
            })
            .await
        }
    }
}

/// Settles the restatement on offer: a credit note for less, an adjustment
/// invoice (a draft, shown next) for more.
#[post("/invoices/{id:\\d+}/restatement")]
pub async fn restate(
    signed: SignedIn,
    req: HttpRequest,
    id: web::Path<InvoiceId>,
    form: web::Form<ReasonForm>,
) -> Result<HttpResponse, WebError> {
    signed.check_form(&req, &form.csrf)?;
    let (id, form) = (id.into_inner(), form.into_inner());
    let body = RestateBody {
        reason: form.reason.clone(),
    };
    match invoices::restate::restate(signed.app(), signed.caller(), id, body).await {
        Ok(done_) => match done_.adjustment {
            Some(adjustment) => Ok(see_other(&format!(
                "/invoices/{}?done=adjustment",
                adjustment.id
            ))),
            None => Ok(done(id, "restated")),
        },
        Err(error) => {
            again(&signed, id, error, |f, errors| {
                f.restate = ReasonForm { errors, ..form };
            })
            .await
        }
    }
}
