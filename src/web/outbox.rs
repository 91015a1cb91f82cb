//! The outbox: the invoices' mails, newest first — sent, waiting, or failed
//! with the mail server's answer; one mail with every attempt; a failed mail
//! queued again.

use std::collections::HashMap;

use actix_web::{HttpRequest, HttpResponse, get, post, web};
use serde::{Deserialize, Serialize};

use super::error::WebError;
use super::invoice_rows::{MailRow, mail_rows};
use super::shown::{self, Choice, local_time, word};
use super::sign_in::see_other;
use super::signed_in::SignedIn;
use crate::app::outbox::{self, MailView, OutboxQuery};
use crate::app::{AppResult, invoices, session};
use crate::domain::mail::MailStatus;
use crate::domain::{InvoiceId, MailId, Permission};
use crate::store::Page;

#[derive(Debug, Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    status: String,
    after: Option<i64>,
}

#[derive(Serialize)]
struct OutboxPage {
    may_retry: bool,
    tabs: Vec<Choice>,
    mails: Vec<Listed>,
    next: Option<String>,
}

#[derive(Serialize)]
struct Listed {
    invoice_id: i64,
    invoice: String,
    #[serde(flatten)]
    mail: MailRow,
}

/// The states a list can be narrowed to; anything else lists them all.
const STATES: [&str; 3] = ["failed", "pending", "sent"];

#[get("/outbox")]
pub async fn list(
    signed: SignedIn,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, WebError> {
    let query = query.into_inner();
    let language = signed.visitor.language;
    let status = STATES.into_iter().find(|s| *s == query.status);
    let data = async {
        let page = Page {
            after: query.after,
            limit: Page::MAX_LIMIT,
        };
        let asked = OutboxQuery {
            status: status.map(str::to_owned),
            invoice: None,
        };
        let (me, mut mails) = tokio::try_join!(
            session::me(signed.app(), signed.caller()),
            outbox::list(signed.app(), signed.caller(), asked, page),
        )?;
        let next = (mails.len() > Page::MAX_LIMIT as usize).then(|| {
            mails.truncate(Page::MAX_LIMIT as usize);
            let last = mails.last().map_or(0, |m| m.id);
            format!("/outbox?status={}&after={last}", status.unwrap_or_default())
        });
        let numbers = numbers(&signed, &mails).await?;
        let ids: Vec<i64> = mails.iter().map(|m| m.invoice_id).collect();
        let rows = mail_rows(language, mails);
        let mut tabs = vec![Choice {
            value: String::new(),
            text: language.text("outbox-all", &[]),
            selected: status.is_none(),
        }];
        tabs.extend(STATES.into_iter().map(|s| Choice {
            value: s.to_owned(),
            text: word(language, "mail-badge", s),
            selected: status == Some(s),
        }));
        Ok(OutboxPage {
            may_retry: me.role.may(Permission::SendMail),
            tabs,
            mails: ids
                .into_iter()
                .zip(rows)
                .map(|(id, mail)| Listed {
                    invoice_id: id,
                    invoice: numbers
                        .get(&id)
                        .cloned()
                        .unwrap_or_else(|| format!("#{id}")),
                    mail,
                })
                .collect(),
            next,
        })
    };
    signed.show("outbox", "outbox-title", data).await
}

/// The numbers of the mails' invoices.
async fn numbers(signed: &SignedIn, mails: &[MailView]) -> AppResult<HashMap<i64, String>> {
    let mut ids: Vec<InvoiceId> = mails.iter().map(|m| InvoiceId::new(m.invoice_id)).collect();
    ids.sort_by_key(|id| id.get());
    ids.dedup();
    let found = invoices::numbers(signed.app(), signed.caller(), ids).await?;
    Ok(found
        .into_iter()
        .filter_map(|(id, number)| Some((id.get(), number?)))
        .collect())
}

#[derive(Serialize)]
struct MailPage {
    invoice_id: i64,
    invoice: String,
    mail: MailRow,
    failed: bool,
    may_retry: bool,
    attempts: Vec<AttemptRow>,
    notice: Option<String>,
}

#[derive(Serialize)]
struct AttemptRow {
    at: String,
    worker: String,
    outcome: &'static str,
    outcome_text: String,
    response: String,
}

#[derive(Debug, Deserialize)]
pub struct MailQuery {
    done: Option<String>,
}

/// One mail with every attempt and what the server answered.
#[get("/outbox/{id:\\d+}")]
pub async fn show(
    signed: SignedIn,
    id: web::Path<MailId>,
    query: web::Query<MailQuery>,
) -> Result<HttpResponse, WebError> {
    let language = signed.visitor.language;
    let id = id.into_inner();
    let data = async {
        let (me, mut mail) = tokio::try_join!(
            session::me(signed.app(), signed.caller()),
            outbox::show(signed.app(), signed.caller(), id),
        )?;
        let numbers = numbers(&signed, std::slice::from_ref(&mail)).await?;
        let history = mail.history.take().unwrap_or_default();
        let invoice_id = mail.invoice_id;
        let failed = mail.status == MailStatus::Failed;
        Ok(MailPage {
            invoice: numbers
                .get(&invoice_id)
                .cloned()
                .unwrap_or_else(|| format!("#{invoice_id}")),
            invoice_id,
            failed,
            may_retry: failed && me.role.may(Permission::SendMail),
            mail: mail_rows(language, vec![mail]).remove(0),
            attempts: history
                .into_iter()
                .map(|a| AttemptRow {
                    at: local_time(a.attempted_at),
                    worker: a.worker,
                    outcome: a.outcome.as_str(),
                    outcome_text: word(language, "attempt", a.outcome.as_str()),
                    response: a.response,
                })
                .collect(),
            notice: shown::notice(language, query.done.as_deref(), &["retried"]),
        })
    };
    signed.show("mail", "mail-title", data).await
}

#[derive(Debug, Deserialize)]
pub struct RetryForm {
    #[serde(default)]
    csrf: String,
}

/// Queues a failed mail again.
#[post("/outbox/{id:\\d+}/retry")]
pub async fn retry(
    signed: SignedIn,
    req: HttpRequest,
    id: web::Path<MailId>,
    form: web::Form<RetryForm>,
) -> Result<HttpResponse, WebError> {
    signed.check_form(&req, &form.csrf)?;
    let id = id.into_inner();
    match outbox::retry(signed.app(), signed.caller(), id).await {
        Ok(_) => Ok(see_other(&format!("/outbox/{id}?done=retried"))),
        Err(error) => {
            let (status, messages) =
                shown::refused(signed.visitor.language, error).map_err(|e| signed.fail(e))?;
            let page = RefusedPage {
                back: format!("/outbox/{id}"),
                errors: messages,
            };
            signed
                .render(status, "refused", "refused-title", &page)
                .await
        }
    }
}

/// A step refused for what is stored: why, and the way back.
#[derive(Serialize)]
pub struct RefusedPage {
    pub back: String,
    pub errors: Vec<String>,
}
