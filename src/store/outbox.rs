//! The mail outbox: rows written with the request that asks for a mail,
//! claimed by a worker under a lease, and closed with every attempt recorded.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;

use super::documents::{json, text};
use super::schema::{invoices, outbox, outbox_attempts};
use super::time::{stored, utc};
use super::{DbConnection, Page, StoreError};
use crate::domain::account::LinkPurpose;
use crate::domain::invoice::InvoiceStatus;
use crate::domain::mail::{Attempt, Mail, MailStatus, Outcome, Subject};
use crate::domain::message::msg;
use crate::domain::{InvoiceId, MailId, TenantId, UserId};

#[derive(Queryable, Selectable)]
#[diesel(table_name = outbox)]
struct MailRow {
    id: i64,
    tenant_id: i64,
    invoice_id: Option<i64>,
    kind: String,
    user_id: Option<i64>,
    link: Option<String>,
    mail_to: String,
    mail_cc: String,
    language: String,
    status: String,
    attempts: i32,
    next_attempt_at: NaiveDateTime,
    last_error: Option<String>,
    message_id: Option<String>,
    requested_by: Option<i64>,
    created_at: NaiveDateTime,
    sent_at: Option<NaiveDateTime>,
    updated_at: NaiveDateTime,
}

impl TryFrom<MailRow> for Mail {
    type Error = StoreError;

    fn try_from(row: MailRow) -> Result<Self, StoreError> {
        let subject = match (row.kind.as_str(), row.invoice_id, row.user_id) {
            ("invoice", Some(invoice), None) => Subject::Invoice(InvoiceId::new(invoice)),
            (kind, None, Some(user)) => Subject::Account {
                user: UserId::new(user),
                purpose: LinkPurpose::parse(kind)
                    .ok_or_else(|| StoreError::corrupt(format!("mail kind '{kind}'")))?,
                link: row.link,
            },
            (kind, ..) => return Err(StoreError::corrupt(format!("a mail of kind '{kind}'"))),
        };
        Ok(Mail {
            id: MailId::new(row.id),
            tenant_id: TenantId::new(row.tenant_id),
            subject,
            to: json(&row.mail_to)?,
            cc: json(&row.mail_cc)?,
            language: row.language,
            status: MailStatus::parse(&row.status)
                .ok_or_else(|| StoreError::corrupt(format!("mail status '{}'", row.status)))?,
            attempts: u32::try_from(row.attempts).unwrap_or_default(),
            next_attempt_at: utc(row.next_attempt_at),
            last_error: row.last_error,
            message_id: row.message_id,
            requested_by: row.requested_by.map(UserId::new),
            created_at: utc(row.created_at),
            sent_at: row.sent_at.map(utc),
            updated_at: utc(row.updated_at),
        })
    }
}

/// A mail to queue.
pub struct NewMail<'a> {
    pub subject: &'a Subject,
    /// Unique per tenant: one request queues an invoice to the same recipients once.
    pub request_key: &'a str,
    pub to: &'a [String],
    pub cc: &'a [String],
    pub language: &'a str,
    pub requested_by: Option<UserId>,
}

/// Queues a mail, due at once; a mail already queued under the same key is
/// answered instead. The caller holds the request's transaction.
pub fn enqueue(
    conn: &mut DbConnection,
    tenant: TenantId,
    mail: NewMail<'_>,
) -> Result<Mail, StoreError> {
    let existing = outbox::table
        .filter(outbox::tenant_id.eq(tenant.get()))
        .filter(outbox::request_key.eq(mail.request_key))
        .select(MailRow::as_select())
        .first(conn)
        .optional()?;
    if let Some(row) = existing {
        return row.try_into();
    }
    let now = super::now();
    let (kind, invoice, user, link) = match mail.subject {
        Subject::Invoice(id) => ("invoice", Some(id.get()), None, None),
        Subject::Account {
            user,
            purpose,
            link,
        } => (purpose.as_str(), None, Some(user.get()), link.as_deref()),
    };
    let id = diesel::insert_into(outbox::table)
        .values((
            outbox::tenant_id.eq(tenant.get()),
            outbox::kind.eq(kind),
            outbox::invoice_id.eq(invoice),
            outbox::user_id.eq(user),
            outbox::link.eq(link),
            outbox::request_key.eq(mail.request_key),
            outbox::mail_to.eq(text(&mail.to)?),
            outbox::mail_cc.eq(text(&mail.cc)?),
            outbox::language.eq(mail.language),
            outbox::status.eq(MailStatus::Pending.as_str()),
            outbox::attempts.eq(0),
            outbox::next_attempt_at.eq(now),
            outbox::requested_by.eq(mail.requested_by.map(UserId::get)),
            outbox::created_at.eq(now),
            outbox::updated_at.eq(now),
        ))
        .returning(outbox::id)
        .get_result::<i64>(conn)?;
    get(conn, tenant, MailId::new(id))
}

pub fn get(conn: &mut DbConnection, tenant: TenantId, id: MailId) -> Result<Mail, StoreError> {
    outbox::table
        .filter(outbox::tenant_id.eq(tenant.get()))
        .filter(outbox::id.eq(id.get()))
        .select(MailRow::as_select())
        .get_result(conn)?
        .try_into()
}

/// The tenant's invoice mails, newest first, optionally in one status or of
/// one invoice. (Mails about accounts are nobody's list to read.)
pub fn list(
    conn: &mut DbConnection,
    tenant: TenantId,
    status: Option<MailStatus>,
    invoice: Option<i64>,
    page: Page,
) -> Result<Vec<Mail>, StoreError> {
    let mut query = outbox::table
        .filter(outbox::tenant_id.eq(tenant.get()))
        .filter(outbox::kind.eq("invoice"))
        .select(MailRow::as_select())
        .order(outbox::id.desc())
        .limit(page.limit)
        .into_boxed();
    if let Some(status) = status {
        query = query.filter(outbox::status.eq(status.as_str()));
    }
    if let Some(invoice) = invoice {
        query = query.filter(outbox::invoice_id.eq(invoice));
    }
    if let Some(after) = page.after {
        query = query.filter(outbox::id.lt(after));
    }
    query.load(conn)?.into_iter().map(Mail::try_from).collect()
}

pub fn attempts(
    conn: &mut DbConnection,
    tenant: TenantId,
    id: MailId,
) -> Result<Vec<Attempt>, StoreError> {
    let rows: Vec<(NaiveDateTime, String, String, String)> = outbox_attempts::table
        .filter(outbox_attempts::tenant_id.eq(tenant.get()))
        .filter(outbox_attempts::outbox_id.eq(id.get()))
        .order(outbox_attempts::id)
        .select((
            outbox_attempts::attempted_at,
            outbox_attempts::worker,
            outbox_attempts::outcome,
            outbox_attempts::response,
        ))
        .load(conn)?;
    rows.into_iter()
        .map(|(at, worker, outcome, response)| {
            Ok(Attempt {
                attempted_at: utc(at),
                worker,
                outcome: Outcome::parse(&outcome)
                    .ok_or_else(|| StoreError::corrupt(format!("attempt outcome '{outcome}'")))?,
                response,
            })
        })
        .collect()
}

/// Claims up to `limit` due mails of any tenant for `worker` until `until`.
/// On PostgreSQL rows another worker is claiming are skipped, not waited for;
/// SQLite runs one writer at a time. A claim whose lease ran out (a worker that
/// died mid-send) is claimed again.
pub fn claim(
    conn: &mut DbConnection,
    worker: &str,
    now: DateTime<Utc>,
    until: DateTime<Utc>,
    limit: i64,
) -> Result<Vec<Mail>, StoreError> {
    let now = stored(now);
    super::write(conn, |conn| {
        let due = outbox::table
            .filter(outbox::status.eq(MailStatus::Pending.as_str()))
            .filter(outbox::next_attempt_at.le(now))
            .filter(
                outbox::claimed_until
                    .is_null()
                    .or(outbox::claimed_until.lt(now)),
            )
            .order(outbox::next_attempt_at)
            .limit(limit)
            .select(outbox::id);
        let ids: Vec<i64> = match conn {
            DbConnection::Pg(c) => due.for_update().skip_locked().load(c)?,
            DbConnection::Sqlite(c) => due.load(c)?,
        };
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        diesel::update(outbox::table.filter(outbox::id.eq_any(&ids)))
            .set((
                outbox::claimed_by.eq(worker),
                outbox::claimed_until.eq(stored(until)),
            ))
            .execute(conn)?;
        outbox::table
            .filter(outbox::id.eq_any(&ids))
            .select(MailRow::as_select())
            .load(conn)?
            .into_iter()
            .map(Mail::try_from)
            .collect()
    })
}

/// How an attempt ended, to record.
pub struct Ended<'a> {
    pub worker: &'a str,
    pub outcome: Outcome,
    pub response: &'a str,
    /// For a retry: when.
    pub next_attempt_at: Option<DateTime<Utc>>,
    pub message_id: Option<&'a str>,
}

/// Records an attempt and moves the mail on; a sent mail marks its invoice
/// `sent` (when it was `issued`). Only the worker holding the claim may.
pub fn finish(conn: &mut DbConnection, mail: &Mail, ended: Ended<'_>) -> Result<bool, StoreError> {
    let tenant = mail.tenant_id.get();
    super::write(conn, |conn| {
        let now = super::now();
        let status = match ended.outcome {
            Outcome::Sent => MailStatus::Sent,
            Outcome::Retry => MailStatus::Pending,
            Outcome::Failed => MailStatus::Failed,
        };
        let changed = diesel::update(
            outbox::table
                .filter(outbox::tenant_id.eq(tenant))
                .filter(outbox::id.eq(mail.id.get()))
                .filter(outbox::claimed_by.eq(ended.worker))
                .filter(outbox::status.eq(MailStatus::Pending.as_str())),
        )
        .set((
            outbox::status.eq(status.as_str()),
            outbox::attempts.eq(outbox::attempts + 1),
            outbox::next_attempt_at.eq(ended.next_attempt_at.map_or(now, stored)),
            outbox::claimed_by.eq(None::<String>),
            outbox::claimed_until.eq(None::<NaiveDateTime>),
            outbox::last_error.eq((ended.outcome != Outcome::Sent).then_some(ended.response)),
            outbox::message_id.eq(ended.message_id),
            outbox::sent_at.eq((ended.outcome == Outcome::Sent).then_some(now)),
            outbox::updated_at.eq(now),
        ))
        .execute(conn)?;
        if changed == 0 {
            // The lease ran out and another worker has it: its record stands.
            return Ok(false);
        }
        diesel::insert_into(outbox_attempts::table)
            .values((
                outbox_attempts::tenant_id.eq(tenant),
                outbox_attempts::outbox_id.eq(mail.id.get()),
                outbox_attempts::attempted_at.eq(now),
                outbox_attempts::worker.eq(ended.worker),
                outbox_attempts::outcome.eq(ended.outcome.as_str()),
                outbox_attempts::response.eq(ended.response),
            ))
            .execute(conn)?;
        if let Subject::Account { .. } = mail.subject
            && ended.outcome != Outcome::Retry
        {
            // The link goes with the mail: sent or given up, the outbox keeps no key to an account.
            diesel::update(
                outbox::table
                    .filter(outbox::tenant_id.eq(tenant))
                    .filter(outbox::id.eq(mail.id.get())),
            )
            .set(outbox::link.eq(None::<String>))
            .execute(conn)?;
        }
        if let (Outcome::Sent, Some(invoice)) = (ended.outcome, mail.invoice()) {
            diesel::update(
                invoices::table
                    .filter(invoices::tenant_id.eq(tenant))
                    .filter(invoices::id.eq(invoice.get()))
                    .filter(invoices::status.eq(InvoiceStatus::Issued.as_str())),
            )
            .set((
                invoices::status.eq(InvoiceStatus::Sent.as_str()),
                invoices::updated_at.eq(now),
            ))
            .execute(conn)?;
        }
        Ok(true)
    })
}

/// Puts a failed mail back in the queue with a fresh set of attempts; its
/// history stays. Refused (`Conflict`) for a mail that has not failed.
pub fn retry(conn: &mut DbConnection, tenant: TenantId, id: MailId) -> Result<Mail, StoreError> {
    let now = super::now();
    let changed = diesel::update(
        outbox::table
            .filter(outbox::tenant_id.eq(tenant.get()))
            .filter(outbox::id.eq(id.get()))
            .filter(outbox::kind.eq("invoice"))
            .filter(outbox::status.eq(MailStatus::Failed.as_str())),
    )
    .set((
        outbox::status.eq(MailStatus::Pending.as_str()),
        outbox::attempts.eq(0),
        outbox::next_attempt_at.eq(now),
        outbox::updated_at.eq(now),
    ))
    .execute(conn)?;
    let mail = get(conn, tenant, id)?;
    if changed == 0 {
        return Err(StoreError::Conflict {
            field: "status",
            message: msg!("error-mail-retry-not-failed", status = mail.status.word()),
        });
    }
    Ok(mail)
}
