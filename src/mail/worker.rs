//! The outbox worker: claims due mails under a lease, sends each, records the
//! attempt. Any number of servers may run one against the same database.

use std::sync::Arc;

use chrono::Utc;
use tokio::sync::Notify;

use super::account::{self, AccountMail};
use super::{Envelope, SendError, Transport, compose};
use crate::app::documents::Printable;
use crate::config::MailSettings;
use crate::documents::Language;
use crate::domain::Scope;
use crate::domain::invoice::InvoiceStatus;
use crate::domain::mail::{Mail, Outcome, Subject, after_failure};
use crate::store::outbox::{self, Ended};
use crate::store::{self, Pool};

/// Mails claimed at a time: few, so a claim never outlives its lease.
const BATCH: i64 = 10;

pub struct Worker {
    pool: Pool,
    transport: Transport,
    settings: MailSettings,
    /// Names this worker in claims and attempts.
    name: String,
    wake: Arc<Notify>,
}

impl Worker {
    pub fn new(
        pool: Pool,
        transport: Transport,
        settings: MailSettings,
        wake: Arc<Notify>,
    ) -> Self {
        let name = format!(
            "{}-{}-{}",
            hostname(),
            std::process::id(),
            hex::encode(crate::auth::random_bytes::<4>())
        );
        Self {
            pool,
            transport,
            settings,
            name,
            wake,
        }
    }

    /// Sends due mails until the runtime stops; woken early when a mail is queued.
    pub async fn run(self) {
        tracing::info!(worker = %self.name, "outbox worker started");
        loop {
            match self.round().await {
                Ok(claimed) if claimed == BATCH as usize => continue,
                Ok(_) => {}
                Err(error) => tracing::warn!(error = %format!("{error:#}"), "outbox round failed"),
            }
            tokio::select! {
                () = self.wake.notified() => {}
                () = tokio::time::sleep(self.settings.poll) => {}
            }
        }
    }

    /// Claims a batch and sends it; answers how many were claimed.
    async fn round(&self) -> anyhow::Result<usize> {
        let pool = self.pool.clone();
        let name = self.name.clone();
        let lease = chrono::Duration::from_std(self.settings.lease)?;
        // No later than the claim's own expiry, which is taken after this.
        let deadline = Utc::now() + lease;
        let claimed = blocking(move || {
            let mut conn = pool.get()?;
            let now = Utc::now();
            Ok(outbox::claim(&mut conn, &name, now, now + lease, BATCH)?)
        })
        .await?;
        let count = claimed.len();
        let longest_send = chrono::Duration::from_std(self.settings.smtp_timeout * 2)?;
        for mail in claimed {
            // A slow server can eat a batch's lease: a mail whose claim may run out while
            // it is being sent is left for the next claim rather than risk going twice.
            if Utc::now() + longest_send > deadline {
                tracing::info!(
                    mail = mail.id.get(),
                    "left for the next round: the claim is running out"
                );
                continue;
            }
            if let Err(error) = self.deliver(mail).await {
                tracing::warn!(error = %format!("{error:#}"), "recording a mail attempt failed");
            }
        }
        Ok(count)
    }

    async fn deliver(&self, mail: Mail) -> anyhow::Result<()> {
        let prepared = {
            let pool = self.pool.clone();
            let mail = mail.clone();
            let from = self.settings.from.clone();
            blocking(move || prepare(&pool, &mail, &from)).await
        };
        let attempts = mail.attempts + 1;
        let (outcome, response, wait, message_id) = match prepared {
            Ok((message, message_id)) => match self.transport.send(message).await {
                Ok(answer) => (Outcome::Sent, answer, None, Some(message_id)),
                Err(SendError { permanent, message }) => {
                    let (outcome, wait) = after_failure(
                        attempts,
                        self.settings.max_attempts,
                        permanent,
                        self.settings.retry_base,
                    );
                    (outcome, message, wait, None)
                }
            },
            // A voided invoice is not mailed; anything else that kept the mail from being
            // written (the database busy, say) is tried again like a failed send.
            Err(error) => {
                let permanent = error.is::<Withdrawn>() || error.is::<LinkGone>();
                let (outcome, wait) = after_failure(
                    attempts,
                    self.settings.max_attempts,
                    permanent,
                    self.settings.retry_base,
                );
                (outcome, format!("{error:#}"), wait, None)
            }
        };
        tracing::info!(mail = mail.id.get(), tenant = mail.tenant_id.get(), attempts, outcome = outcome.as_str(), %response, "mail attempt");
        let next_attempt_at = wait
            .map(chrono::Duration::from_std)
            .transpose()?
            .map(|wait| Utc::now() + wait);
        let pool = self.pool.clone();
        let worker = self.name.clone();
        blocking(move || {
            let mut conn = pool.get()?;
            let ended = Ended {
                worker: &worker,
                outcome,
                response: &response,
                next_attempt_at,
                message_id: message_id.as_deref(),
            };
            if !outbox::finish(&mut conn, &mail, ended)? {
                tracing::warn!(
                    mail = mail.id.get(),
                    "the claim ran out before the attempt was recorded"
                );
            }
            Ok(())
        })
        .await
    }
}

/// The invoice was voided after its mail was queued.
#[derive(Debug, thiserror::Error)]
#[error("the invoice was voided after the mail was queued: not sent")]
struct Withdrawn;

/// A mail about an account lost its link (sent or given up already).
#[derive(Debug, thiserror::Error)]
#[error("the mail's link is gone: not sent")]
struct LinkGone;

/// Reads what the mail is about, renders it and writes the message.
fn prepare(pool: &Pool, mail: &Mail, from: &str) -> anyhow::Result<(lettre::Message, String)> {
    let domain = from
        .parse::<lettre::message::Mailbox>()
        .map(|m| m.email.domain().to_owned())
        .unwrap_or_else(|_| "kefu.localhost".into());
    let message_id = format!("<kefu.{}.{}@{domain}>", mail.tenant_id.get(), mail.id);
    let envelope = Envelope {
        from,
        to: &mail.to,
        cc: &mail.cc,
        message_id: &message_id,
    };
    let language = Language::parse(&mail.language).unwrap_or_default();
    let mut conn = pool.get()?;
    let message = match &mail.subject {
        Subject::Invoice(invoice) => {
            let scope = Scope {
                tenant: mail.tenant_id,
                vendor: None,
            };
            let printable = Printable::load(&mut conn, scope, *invoice)?;
            drop(conn);
            if printable.invoice.status == InvoiceStatus::Void {
                return Err(Withdrawn.into());
            }
            compose(&printable.document(language), &envelope)?
        }
        Subject::Account {
            user,
            purpose,
            link,
        } => {
            let link = link.as_deref().ok_or(LinkGone)?;
            let user = store::users::get(&mut conn, mail.tenant_id, *user)?;
            let tenant = store::tenants::get(&mut conn, mail.tenant_id)?;
            drop(conn);
            let account = AccountMail {
                purpose: *purpose,
                name: &user.display_name,
                tenant: &tenant.name,
                link,
            };
            account::compose(&account, language, &envelope)?
        }
    };
    Ok((message, message_id))
}

async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> anyhow::Result<T> + Send + 'static,
) -> anyhow::Result<T> {
    tokio::task::spawn_blocking(work).await?
}

fn hostname() -> String {
    std::fs::read_to_string("/etc/hostname")
        .map(|h| h.trim().to_owned())
        .ok()
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "kefu".into())
}
