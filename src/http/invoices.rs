//! Invoices: drafts from the engine, issue with a gap-free number, void,
//! payments, credit notes and restatements.

use actix_web::http::StatusCode;
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::billing_input::gather;
use super::error::{ApiError, FieldErrors, Problem};
use super::extract::{AuthUser, Caller};
use super::idempotency::{self, BodyHash};
use super::json::{self, Json};
use super::page::{PageQuery, Paged};
use super::state::AppState;
use crate::domain::billing::{BillingInput, InvoiceDraft, Line, LineKind, compute};
use crate::domain::invoice::{
    self, Correction, Invoice, InvoiceKind, InvoiceStatus, LifecycleError, PaymentState, Series,
    fingerprint,
};
use crate::domain::text::parse_text;
use crate::domain::{
    Contract, ContractId, ContractStatus, Period, Permission, ShopId, TenantId, VendorId, decimal,
};
use crate::store::invoices::{self as stored, Computed, CreditNote, NewInvoice, Payment};
use crate::store::{self, DbConnection, audit};

const REASON_MAX: usize = 1000;

#[derive(Debug, Serialize, ToSchema)]
pub struct PaymentView {
    pub id: i64,
    pub paid_on: NaiveDate,
    #[serde(with = "decimal")]
    #[schema(value_type = crate::domain::decimal::Text)]
    pub amount: Decimal,
    pub reference: String,
    pub recorded_at: DateTime<Utc>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CreditNoteView {
    pub id: i64,
    pub invoice_id: i64,
    /// `CN-2026-000001`
    pub number: String,
    pub reason: String,
    /// The numbers (序号, from 1, as the invoice prints them) of the lines it
    /// credits; empty for a restatement's difference.
    pub credited_line_numbers: Vec<usize>,
    pub lines: Vec<Line>,
    #[serde(with = "decimal")]
    #[schema(value_type = crate::domain::decimal::Text)]
    pub subtotal: Decimal,
    #[serde(with = "decimal")]
    #[schema(value_type = crate::domain::decimal::Text)]
    pub tax: Decimal,
    #[serde(with = "decimal")]
    #[schema(value_type = crate::domain::decimal::Text)]
    pub total: Decimal,
    pub issued_on: NaiveDate,
    pub issued_at: DateTime<Utc>,
}

/// An invoice in full: every line with its explanation.
#[derive(Debug, Serialize, ToSchema)]
pub struct InvoiceView {
    pub id: i64,
    pub contract_id: i64,
    pub vendor_id: i64,
    #[schema(value_type = String, example = "2026-10")]
    pub period: Period,
    pub kind: InvoiceKind,
    /// For an adjustment: the invoice it restates.
    pub adjusts: Option<i64>,
    pub status: InvoiceStatus,
    /// `INV-2026-000001`, from issue on.
    pub number: Option<String>,
    pub currency: String,
    #[serde(flatten)]
    pub computed: InvoiceDraft,
    /// What its credit notes took off, as a positive amount.
    #[serde(with = "decimal")]
    #[schema(value_type = String)]
    pub credited: Decimal,
    #[serde(with = "decimal")]
    #[schema(value_type = crate::domain::decimal::Text)]
    pub paid: Decimal,
    /// Total less credited less paid, never below zero: what is left to pay.
    #[serde(with = "decimal")]
    #[schema(value_type = crate::domain::decimal::Text)]
    pub outstanding: Decimal,
    /// Total less credited less paid: below zero when a credit note came
    /// after payment and the vendor owes the difference back.
    #[serde(with = "decimal")]
    #[schema(value_type = String)]
    pub balance: Decimal,
    /// How far it is settled; absent for a draft or a void invoice.
    pub payment_state: Option<PaymentState>,
    /// Whether the figures, terms or incidents behind it changed since it was
    /// computed: a draft to recompute, or an issued invoice to restate.
    pub inputs_changed: Option<bool>,
    pub computed_at: DateTime<Utc>,
    pub issued_on: Option<NaiveDate>,
    pub due_on: Option<NaiveDate>,
    pub issued_at: Option<DateTime<Utc>>,
    pub dispute_override: Option<String>,
    pub void_reason: Option<String>,
    pub voided_at: Option<DateTime<Utc>>,
    pub payments: Vec<PaymentView>,
    pub credit_notes: Vec<CreditNoteView>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// An invoice in a list: its totals, not its lines.
#[derive(Debug, Serialize, ToSchema)]
pub struct InvoiceSummary {
    pub id: i64,
    pub contract_id: i64,
    pub vendor_id: i64,
    #[schema(value_type = String)]
    pub period: Period,
    pub kind: InvoiceKind,
    pub status: InvoiceStatus,
    pub number: Option<String>,
    pub currency: String,
    #[serde(with = "decimal")]
    #[schema(value_type = crate::domain::decimal::Text)]
    pub subtotal: Decimal,
    #[serde(with = "decimal")]
    #[schema(value_type = crate::domain::decimal::Text)]
    pub tax: Decimal,
    #[serde(with = "decimal")]
    #[schema(value_type = crate::domain::decimal::Text)]
    pub total: Decimal,
    #[serde(with = "decimal")]
    #[schema(value_type = crate::domain::decimal::Text)]
    pub credited: Decimal,
    #[serde(with = "decimal")]
    #[schema(value_type = crate::domain::decimal::Text)]
    pub paid: Decimal,
    /// Total less credited less paid; below zero when a refund is due.
    #[serde(with = "decimal")]
    #[schema(value_type = String)]
    pub balance: Decimal,
    pub payment_state: Option<PaymentState>,
    pub warnings: usize,
    pub issued_on: Option<NaiveDate>,
    pub due_on: Option<NaiveDate>,
}

fn summary(invoice: &Invoice) -> InvoiceSummary {
    InvoiceSummary {
        id: invoice.id,
        contract_id: invoice.contract_id.get(),
        vendor_id: invoice.vendor_id.get(),
        period: invoice.period,
        kind: invoice.kind,
        status: invoice.status,
        number: invoice.number.clone(),
        currency: invoice.currency.code().to_owned(),
        subtotal: invoice.draft.subtotal,
        tax: invoice.draft.tax,
        total: invoice.draft.total,
        credited: invoice.credited,
        paid: invoice.paid,
        balance: invoice.balance(),
        payment_state: invoice.payment_state(),
        warnings: invoice.draft.warnings.len(),
        issued_on: invoice.issued_on,
        due_on: invoice.due_on,
    }
}

fn note_view(note: CreditNote) -> CreditNoteView {
    CreditNoteView {
        id: note.id,
        invoice_id: note.invoice_id,
        number: note.number,
        reason: note.reason,
        credited_line_numbers: note.credited_lines.iter().map(|i| i + 1).collect(),
        lines: note.correction.lines,
        subtotal: note.correction.subtotal,
        tax: note.correction.tax,
        total: note.correction.total,
        issued_on: note.issued_on,
        issued_at: note.issued_at,
    }
}

/// The full view; `inputs_changed` when known.
fn view(
    conn: &mut DbConnection,
    tenant: TenantId,
    invoice: Invoice,
    inputs_changed: Option<bool>,
) -> Result<InvoiceView, ApiError> {
    let payments = stored::payments(conn, tenant, &invoice)?
        .into_iter()
        .map(|p| PaymentView {
            id: p.id,
            paid_on: p.paid_on,
            amount: p.amount,
            reference: p.reference,
            recorded_at: p.recorded_at,
        })
        .collect();
    let credit_notes = stored::credit_notes_of(conn, tenant, &invoice)?
        .into_iter()
        .map(note_view)
        .collect();
    Ok(InvoiceView {
        id: invoice.id,
        contract_id: invoice.contract_id.get(),
        vendor_id: invoice.vendor_id.get(),
        period: invoice.period,
        kind: invoice.kind,
        adjusts: invoice.adjusts,
        status: invoice.status,
        outstanding: invoice.outstanding(),
        balance: invoice.balance(),
        payment_state: invoice.payment_state(),
        credited: invoice.credited,
        number: invoice.number,
        currency: invoice.currency.code().to_owned(),
        computed: invoice.draft,
        paid: invoice.paid,
        inputs_changed,
        computed_at: invoice.computed_at,
        issued_on: invoice.issued_on,
        due_on: invoice.due_on,
        issued_at: invoice.issued_at,
        dispute_override: invoice.dispute_override,
        void_reason: invoice.void_reason,
        voided_at: invoice.voided_at,
        payments,
        credit_notes,
        created_at: invoice.created_at,
        updated_at: invoice.updated_at,
    })
}

/// The engine's answer for a contract's month, with its input and fingerprint.
pub struct Outcome {
    pub input: BillingInput,
    pub draft: InvoiceDraft,
    pub hash: String,
}

impl Outcome {
    pub fn computed(&self) -> Computed<'_> {
        Computed {
            draft: &self.draft,
            inputs_hash: &self.hash,
        }
    }
}

pub fn outcome(
    conn: &mut DbConnection,
    tenant: TenantId,
    contract: Contract,
    period: Period,
) -> Result<Outcome, ApiError> {
    let input = gather(conn, tenant, contract, period)?;
    let draft = compute(&input);
    let hash = fingerprint(&input);
    Ok(Outcome { input, draft, hash })
}

/// Draft contracts are not billed.
fn billable(contract: &Contract) -> Result<(), ApiError> {
    if contract.status == ContractStatus::Draft {
        return Err(ApiError::conflict(
            "the contract is a draft: it bills once it is signed",
        ));
    }
    Ok(())
}

/// Stores a month's draft for a contract; the caller holds the transaction.
pub fn draft_invoice(
    conn: &mut DbConnection,
    tenant: TenantId,
    actor: audit::Actor,
    contract: Contract,
    period: Period,
) -> Result<(i64, Outcome), ApiError> {
    billable(&contract)?;
    let (id_of, vendor, currency) = (contract.id, contract.vendor_id, contract.currency);
    let outcome = outcome(conn, tenant, contract, period)?;
    let id = stored::insert(
        conn,
        tenant,
        NewInvoice {
            contract: id_of,
            vendor,
            period,
            kind: InvoiceKind::Invoice,
            adjusts: None,
            currency,
            computed: outcome.computed(),
        },
    )?;
    record(
        conn,
        tenant,
        actor,
        id,
        "invoice.drafted",
        None,
        Some(brief(&outcome.draft)),
    )?;
    Ok((id, outcome))
}

fn brief(draft: &InvoiceDraft) -> serde_json::Value {
    serde_json::json!({
        "subtotal": draft.subtotal,
        "tax": draft.tax,
        "total": draft.total,
        "lines": draft.lines.len(),
    })
}

fn record(
    conn: &mut DbConnection,
    tenant: TenantId,
    actor: audit::Actor,
    id: i64,
    action: &str,
    before: Option<serde_json::Value>,
    after: Option<serde_json::Value>,
) -> Result<(), ApiError> {
    let change = audit::Change {
        entity: "invoice",
        entity_id: id,
        action,
        before: before.as_ref(),
        after: after.as_ref(),
    };
    Ok(audit::record(conn, tenant, actor, change)?)
}

/// A reason given for a step: required, plain text, at most [`REASON_MAX`] characters.
fn reason(raw: &str) -> Result<String, ApiError> {
    parse_text(raw, REASON_MAX).map_err(|e| ApiError::invalid("reason", e))
}

fn refused(error: LifecycleError) -> ApiError {
    ApiError::Conflict {
        field: Some("status".into()),
        message: error.to_string(),
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PeriodBody {
    #[schema(value_type = String, example = "2026-10")]
    pub period: Period,
}

/// Makes the draft invoice of a contract's month from the figures as they stand.
#[utoipa::path(post, path = "/api/v1/contracts/{id}/invoices", tag = "invoices", security(("bearer" = [])),
    request_body = PeriodBody,
    responses((status = 201, body = InvoiceView), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
#[post("/contracts/{id}/invoices")]
pub async fn create(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<i64>,
    Json(body): Json<PeriodBody>,
) -> Result<HttpResponse, ApiError> {
    let id = ContractId::new(id.into_inner());
    let view = state
        .write(caller, Permission::DraftInvoices, move |conn, auth| {
            let contract = store::contracts::get(conn, auth.scope, id)?;
            let (invoice_id, _) =
                draft_invoice(conn, auth.tenant(), auth.actor(), contract, body.period)?;
            let invoice = stored::get(conn, auth.scope, invoice_id)?;
            view(conn, auth.tenant(), invoice, Some(false))
        })
        .await?;
    Ok(HttpResponse::Created().json(view))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct InvoiceQuery {
    /// `2026-10`
    pub period: Option<String>,
    pub status: Option<String>,
    pub vendor: Option<i64>,
    pub shop: Option<i64>,
    pub contract: Option<i64>,
}

/// Invoices, oldest first, narrowed by period, status, vendor, shop or contract.
#[utoipa::path(get, path = "/api/v1/invoices", tag = "invoices", security(("bearer" = [])),
    params(InvoiceQuery, PageQuery),
    responses((status = 200, body = Paged<InvoiceSummary>), (status = 401, body = Problem), (status = 422, body = Problem)))]
#[get("/invoices")]
pub async fn list(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<InvoiceQuery>,
    paging: web::Query<PageQuery>,
) -> Result<web::Json<Paged<InvoiceSummary>>, ApiError> {
    let page = paging.page()?;
    let mut errors = FieldErrors::default();
    let filter = stored::Filter {
        period: query
            .period
            .as_deref()
            .and_then(|p| errors.check("period", p.parse::<Period>())),
        status: query
            .status
            .as_deref()
            .and_then(|s| errors.check("status", s.parse::<InvoiceStatus>())),
        vendor: query.vendor.map(VendorId::new),
        shop: query.shop.map(ShopId::new),
        contract: query.contract.map(ContractId::new),
    };
    let filter = errors.finish(|| Some(filter))?;
    let items = state
        .read(caller, Permission::ReadInvoices, move |conn, auth| {
            Ok(stored::list(conn, auth.scope, &filter, page)?
                .iter()
                .map(summary)
                .collect())
        })
        .await?;
    Ok(web::Json(Paged::new(items, page, |i: &InvoiceSummary| {
        i.id
    })))
}

/// Whether the inputs behind an invoice changed since it was computed (for
/// an issued one: since it was issued or last restated).
fn inputs_changed(
    conn: &mut DbConnection,
    auth: &AuthUser,
    invoice: &Invoice,
) -> Result<Option<bool>, ApiError> {
    if invoice.status == InvoiceStatus::Void {
        return Ok(None);
    }
    let contract = store::contracts::get(conn, auth.scope, invoice.contract_id)?;
    let now = outcome(conn, auth.tenant(), contract, invoice.period)?;
    let (_, hash) = invoice.baseline();
    Ok(Some(now.hash != hash))
}

/// One invoice with every line and its explanation.
#[utoipa::path(get, path = "/api/v1/invoices/{id}", tag = "invoices", security(("bearer" = [])),
    responses((status = 200, body = InvoiceView), (status = 401, body = Problem), (status = 404, body = Problem)))]
#[get("/invoices/{id}")]
pub async fn show(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<i64>,
) -> Result<web::Json<InvoiceView>, ApiError> {
    let id = id.into_inner();
    let view = state
        .read(caller, Permission::ReadInvoices, move |conn, auth| {
            let invoice = stored::get(conn, auth.scope, id)?;
            let changed = inputs_changed(conn, auth, &invoice)?;
            view(conn, auth.tenant(), invoice, changed)
        })
        .await?;
    Ok(web::Json(view))
}

/// Refreshes a draft from the current figures, terms and incidents.
#[utoipa::path(post, path = "/api/v1/invoices/{id}/recompute", tag = "invoices", security(("bearer" = [])),
    responses((status = 200, body = InvoiceView), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem)))]
#[post("/invoices/{id}/recompute")]
pub async fn recompute(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<i64>,
) -> Result<web::Json<InvoiceView>, ApiError> {
    let id = id.into_inner();
    let view = state
        .write(caller, Permission::DraftInvoices, move |conn, auth| {
            let invoice = stored::get(conn, auth.scope, id)?;
            invoice.check_recompute().map_err(refused)?;
            if invoice.kind == InvoiceKind::Adjustment {
                return Err(ApiError::conflict(
                    "an adjustment is a difference, not recomputed: void it and restate the invoice again",
                ));
            }
            let contract = store::contracts::get(conn, auth.scope, invoice.contract_id)?;
            let fresh = outcome(conn, auth.tenant(), contract, invoice.period)?;
            stored::recompute(conn, auth.tenant(), &invoice, fresh.computed())?;
            record(
                conn,
                auth.tenant(),
                auth.actor(),
                id,
                "invoice.recomputed",
                Some(brief(&invoice.draft)),
                Some(brief(&fresh.draft)),
            )?;
            let invoice = stored::get(conn, auth.scope, id)?;
            view(conn, auth.tenant(), invoice, Some(false))
        })
        .await?;
    Ok(web::Json(view))
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct IssueBody {
    /// Needed when the figures are under dispute: why the invoice goes out anyway.
    #[serde(default)]
    pub dispute_override: Option<String>,
}

/// Issues a draft: the next number of the tenant's series for the year, the
/// inputs and lines frozen from then on. Refused when the figures changed
/// since the draft was computed (recompute and check it first).
#[utoipa::path(post, path = "/api/v1/invoices/{id}/issue", tag = "invoices", security(("bearer" = [])),
    request_body = IssueBody,
    params(("Idempotency-Key" = Option<String>, Header, description = "Replays the first answer to the same request")),
    responses((status = 200, body = InvoiceView), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
#[post("/invoices/{id}/issue")]
pub async fn issue(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<i64>,
    body: Bytes,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let parsed: IssueBody = json::parse_optional(&req, &body)?;
    let reason = match parsed.dispute_override.as_deref() {
        Some(text) => Some(
            parse_text(text, REASON_MAX).map_err(|e| ApiError::invalid("dispute_override", e))?,
        ),
        None => None,
    };
    let mut hash = BodyHash::default();
    hash.update(&body);
    let run = move |conn: &mut DbConnection, auth: &AuthUser| {
        // First: claim the draft, so that a second issue waits here and then finds none.
        stored::claim_draft(conn, auth.tenant(), id).map_err(|e| match e {
            store::StoreError::Conflict { .. } => match stored::get(conn, auth.scope, id) {
                Ok(invoice) => refused(LifecycleError::NotDraft("issued", invoice.status)),
                Err(e) => e.into(),
            },
            other => other.into(),
        })?;
        let invoice = stored::get(conn, auth.scope, id)?;
        invoice.check_issue(reason.as_deref()).map_err(refused)?;
        let contract = store::contracts::get(conn, auth.scope, invoice.contract_id)?;
        let parties = stored::current_parties(conn, auth.scope, &contract)?;
        let zone = contract.time_zone;
        let fresh = outcome(conn, auth.tenant(), contract, invoice.period)?;
        if fresh.hash != invoice.inputs_hash {
            return Err(ApiError::Conflict {
                field: Some("inputs".into()),
                message: "the figures, terms or incidents changed since the draft was computed: recompute it and check it again".into(),
            });
        }
        let today = zone.today(Utc::now());
        let year = chrono::Datelike::year(&today);
        let seq = stored::next_number(conn, auth.tenant(), Series::Invoice, year)?;
        let number = invoice::number(Series::Invoice, year, seq);
        let net_days = fresh
            .input
            .parts
            .last()
            .map_or(30, |p| p.terms.commercial.payment.net_days);
        let due_on = today + chrono::Days::new(u64::from(net_days));
        stored::issue(
            conn,
            auth.tenant(),
            id,
            stored::Issue {
                number: &number,
                inputs: &fresh.input,
                issued_on: today,
                due_on,
                by: auth.user_id(),
                dispute_override: reason.as_deref(),
                parties: &parties,
            },
        )?;
        record(
            conn,
            auth.tenant(),
            auth.actor(),
            id,
            "invoice.issued",
            None,
            Some(
                serde_json::json!({ "number": number, "total": invoice.draft.total, "dispute_override": reason }),
            ),
        )?;
        let invoice = stored::get(conn, auth.scope, id)?;
        view(conn, auth.tenant(), invoice, Some(false))
    };
    idempotency::respond(
        &state,
        caller,
        Permission::IssueInvoices,
        &req,
        hash,
        StatusCode::OK,
        run,
    )
    .await
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VoidBody {
    pub reason: String,
}

/// Withdraws an invoice that has no payments, with a reason. Its number stays used.
#[utoipa::path(post, path = "/api/v1/invoices/{id}/void", tag = "invoices", security(("bearer" = [])),
    request_body = VoidBody,
    responses((status = 200, body = InvoiceView), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
#[post("/invoices/{id}/void")]
pub async fn void(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<i64>,
    Json(body): Json<VoidBody>,
) -> Result<web::Json<InvoiceView>, ApiError> {
    let id = id.into_inner();
    let reason = reason(&body.reason)?;
    let view = state
        .write(caller, Permission::IssueInvoices, move |conn, auth| {
            let invoice = stored::get(conn, auth.scope, id)?;
            invoice.check_void().map_err(refused)?;
            stored::void(conn, auth.tenant(), &invoice, &reason)?;
            record(
                conn,
                auth.tenant(),
                auth.actor(),
                id,
                "invoice.voided",
                Some(serde_json::json!({ "status": invoice.status })),
                Some(serde_json::json!({ "status": InvoiceStatus::Void, "reason": reason })),
            )?;
            let invoice = stored::get(conn, auth.scope, id)?;
            view(conn, auth.tenant(), invoice, None)
        })
        .await?;
    Ok(web::Json(view))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PaymentBody {
    pub paid_on: NaiveDate,
    #[serde(with = "decimal")]
    #[schema(value_type = crate::domain::decimal::Text, example = "1060.00")]
    pub amount: Decimal,
    /// The bank's or payment platform's reference.
    pub reference: String,
}

/// Records a payment received; payments add up, refused above what is
/// outstanding after credit notes, and the invoice is paid once they cover it.
#[utoipa::path(post, path = "/api/v1/invoices/{id}/payments", tag = "invoices", security(("bearer" = [])),
    request_body = PaymentBody,
    responses((status = 201, body = InvoiceView), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
#[post("/invoices/{id}/payments")]
pub async fn pay(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<i64>,
    Json(body): Json<PaymentBody>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let mut errors = FieldErrors::default();
    if body.amount <= Decimal::ZERO {
        errors.add("amount", "must be more than 0");
    }
    let reference = errors.check("reference", parse_text(&body.reference, 200));
    let reference = errors.finish(|| reference)?;
    let view = state
        .write(caller, Permission::IssueInvoices, move |conn, auth| {
            let invoice = stored::get(conn, auth.scope, id)?;
            let digits = invoice.currency.minor_digits();
            if body.amount.scale() > digits {
                return Err(ApiError::invalid(
                    "amount",
                    format!("must have at most {digits} decimal places (the currency's minor unit)"),
                ));
            }
            if body.paid_on > Utc::now().date_naive() + chrono::Days::new(1) {
                return Err(ApiError::invalid("paid_on", "must not be in the future"));
            }
            let status = invoice.check_payment(body.amount).map_err(|e| match e {
                LifecycleError::Overpaid(_) => ApiError::invalid("amount", e),
                other => refused(other),
            })?;
            let payment = Payment {
                id: 0,
                paid_on: body.paid_on,
                amount: body.amount,
                reference,
                recorded_by: auth.user_id(),
                recorded_at: Utc::now(),
            };
            stored::add_payment(conn, auth.tenant(), &invoice, &payment, status)?;
            record(
                conn,
                auth.tenant(),
                auth.actor(),
                id,
                "invoice.payment",
                None,
                Some(serde_json::json!({ "amount": payment.amount, "paid_on": payment.paid_on, "reference": payment.reference, "status": status })),
            )?;
            let invoice = stored::get(conn, auth.scope, id)?;
            view(conn, auth.tenant(), invoice, None)
        })
        .await?;
    Ok(HttpResponse::Created().json(view))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreditBody {
    pub reason: String,
    /// The numbers of the lines to credit as the invoice prints them (序号,
    /// from 1); every line not yet credited when left out.
    #[serde(default)]
    pub line_numbers: Option<Vec<usize>>,
}

/// Issues a credit note for some or all lines of an issued invoice, numbered in
/// its own series. It lowers what is owed: one that leaves nothing outstanding
/// settles the invoice (`paid`); on a paid invoice it leaves a refund due
/// (a negative `balance`).
#[utoipa::path(post, path = "/api/v1/invoices/{id}/credit-notes", tag = "invoices", security(("bearer" = [])),
    request_body = CreditBody,
    responses((status = 201, body = CreditNoteView), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
#[post("/invoices/{id}/credit-notes")]
pub async fn credit(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<i64>,
    Json(body): Json<CreditBody>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let reason = reason(&body.reason)?;
    let note = state
        .write(caller, Permission::IssueInvoices, move |conn, auth| {
            let invoice = stored::get(conn, auth.scope, id)?;
            invoice.check_credit().map_err(refused)?;
            let earlier = stored::credit_notes_of(conn, auth.tenant(), &invoice)?;
            let indexes = credit_lines(&invoice, &earlier, body.line_numbers)?;
            let mode = invoice
                .inputs
                .as_ref()
                .and_then(|i| i.parts.last())
                .map_or(crate::domain::terms::RoundingMode::HalfUp, |p| {
                    p.terms.commercial.rounding
                });
            let correction = invoice::credit(
                &invoice.draft,
                &indexes,
                mode,
                invoice.currency.minor_digits(),
            );
            // Crediting a penalty alone gives it back: that raises what is owed,
            // which is an adjustment (a restatement), not a credit note.
            if correction.total >= Decimal::ZERO {
                return Err(ApiError::invalid(
                    "line_numbers",
                    format!(
                        "would not lower what is owed (it comes to {}): crediting a penalty gives it back; restate the invoice for an adjustment instead",
                        -correction.total
                    ),
                ));
            }
            let credited_before = invoice.credited;
            if credited_before - correction.total > invoice.draft.total {
                return Err(ApiError::invalid(
                    "line_numbers",
                    format!(
                        "would credit {} in all, more than the invoice's total {}",
                        credited_before - correction.total,
                        invoice.draft.total
                    ),
                ));
            }
            let note = issue_credit_note(conn, auth, &invoice, &reason, &indexes, &correction)?;
            Ok(note_view(note))
        })
        .await?;
    Ok(HttpResponse::Created().json(note))
}

/// The lines to credit, by the numbers the invoice prints (from 1): each a
/// line of the invoice, none credited before, none twice. Returns their indexes.
fn credit_lines(
    invoice: &Invoice,
    earlier: &[CreditNote],
    asked: Option<Vec<usize>>,
) -> Result<Vec<usize>, ApiError> {
    let credited: Vec<usize> = earlier
        .iter()
        .flat_map(|n| n.credited_lines.clone())
        .collect();
    let count = invoice.draft.lines.len();
    let numbers = asked.unwrap_or_else(|| {
        (1..=count)
            .filter(|n| !credited.contains(&(n - 1)))
            .collect()
    });
    let indexes: Vec<usize> = numbers.iter().map(|n| n.wrapping_sub(1)).collect();
    let mut errors = FieldErrors::default();
    if indexes.is_empty() {
        errors.add(
            "line_numbers",
            "name at least one line that is not credited yet",
        );
    }
    for (n, i) in indexes.iter().enumerate() {
        let field = format!("line_numbers[{n}]");
        if *i >= count {
            errors.add(field, format!("lines are numbered 1 to {count}"));
        } else if credited.contains(i) {
            errors.add(field, "is credited already");
        } else if indexes[..n].contains(i) {
            errors.add(field, "is named twice");
        }
    }
    errors.finish(|| Some(indexes))
}

fn issue_credit_note(
    conn: &mut DbConnection,
    auth: &AuthUser,
    invoice: &Invoice,
    reason: &str,
    indexes: &[usize],
    correction: &Correction,
) -> Result<CreditNote, ApiError> {
    let contract = store::contracts::get(conn, auth.scope, invoice.contract_id)?;
    let today = contract.time_zone.today(Utc::now());
    let year = chrono::Datelike::year(&today);
    let seq = stored::next_number(conn, auth.tenant(), Series::CreditNote, year)?;
    let number = invoice::number(Series::CreditNote, year, seq);
    let note_id = stored::add_credit_note(
        conn,
        auth.tenant(),
        invoice,
        stored::NewCreditNote {
            number: &number,
            reason,
            credited_lines: indexes,
            correction,
            issued_on: today,
            by: auth.user_id(),
            status: invoice.status_after_credit(correction.total),
        },
    )?;
    record(
        conn,
        auth.tenant(),
        auth.actor(),
        invoice.id,
        "invoice.credited",
        None,
        Some(
            serde_json::json!({ "credit_note": number, "total": correction.total, "reason": reason, "status": invoice.status_after_credit(correction.total) }),
        ),
    )?;
    let (note, _) = stored::credit_note(conn, auth.scope, note_id)?;
    Ok(note)
}

/// One credit note.
#[utoipa::path(get, path = "/api/v1/credit-notes/{id}", tag = "invoices", security(("bearer" = [])),
    responses((status = 200, body = CreditNoteView), (status = 401, body = Problem), (status = 404, body = Problem)))]
#[get("/credit-notes/{id}")]
pub async fn credit_note(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<i64>,
) -> Result<web::Json<CreditNoteView>, ApiError> {
    let id = id.into_inner();
    let note = state
        .read(caller, Permission::ReadInvoices, move |conn, auth| {
            let (note, _) = stored::credit_note(conn, auth.scope, id)?;
            Ok(note_view(note))
        })
        .await?;
    Ok(web::Json(note))
}

/// How a restatement's difference would be settled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Settlement {
    /// The recomputation is lower: a credit note for the difference.
    CreditNote,
    /// The recomputation is higher: an adjustment invoice for the difference.
    AdjustmentInvoice,
    /// Nothing to settle.
    None,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RestatementView {
    pub invoice_id: i64,
    pub inputs_changed: bool,
    /// What the invoice (with earlier restatements) stands at.
    #[serde(with = "decimal")]
    #[schema(value_type = crate::domain::decimal::Text)]
    pub billed_total: Decimal,
    /// The invoice computed afresh from today's figures.
    pub recomputed: InvoiceDraft,
    /// Recomputed against billed, line by line.
    pub difference: Correction,
    pub settlement: Settlement,
}

/// The restatement on offer, computed and not stored.
fn restatement(
    conn: &mut DbConnection,
    auth: &AuthUser,
    invoice: &Invoice,
) -> Result<(RestatementView, Outcome), ApiError> {
    if !matches!(
        invoice.status,
        InvoiceStatus::Issued | InvoiceStatus::Sent | InvoiceStatus::Paid
    ) || invoice.kind != InvoiceKind::Invoice
    {
        return Err(ApiError::conflict(
            "only an issued invoice is restated; a draft is recomputed",
        ));
    }
    let contract = store::contracts::get(conn, auth.scope, invoice.contract_id)?;
    let fresh = outcome(conn, auth.tenant(), contract, invoice.period)?;
    let (baseline, hash) = invoice.baseline();
    let difference = invoice::difference(baseline, &fresh.draft);
    let settlement = if difference.total < Decimal::ZERO {
        Settlement::CreditNote
    } else if difference.total > Decimal::ZERO {
        Settlement::AdjustmentInvoice
    } else {
        Settlement::None
    };
    let view = RestatementView {
        invoice_id: invoice.id,
        inputs_changed: fresh.hash != hash,
        billed_total: baseline.total,
        recomputed: fresh.draft.clone(),
        difference,
        settlement,
    };
    Ok((view, fresh))
}

/// What restating an issued invoice would come to: the invoice recomputed from
/// today's figures against what was billed.
#[utoipa::path(get, path = "/api/v1/invoices/{id}/restatement", tag = "invoices", security(("bearer" = [])),
    responses((status = 200, body = RestatementView), (status = 401, body = Problem), (status = 404, body = Problem),
        (status = 409, body = Problem)))]
#[get("/invoices/{id}/restatement")]
pub async fn show_restatement(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<i64>,
) -> Result<web::Json<RestatementView>, ApiError> {
    let id = id.into_inner();
    let view = state
        .read(caller, Permission::ReadInvoices, move |conn, auth| {
            let invoice = stored::get(conn, auth.scope, id)?;
            Ok(restatement(conn, auth, &invoice)?.0)
        })
        .await?;
    Ok(web::Json(view))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RestateBody {
    pub reason: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RestatedView {
    pub settlement: Settlement,
    /// The credit note issued, when the recomputation is lower.
    pub credit_note: Option<CreditNoteView>,
    /// The adjustment invoice drafted (to be issued), when it is higher.
    pub adjustment: Option<InvoiceView>,
}

/// Settles a restatement: a credit note for a lower recomputation, an
/// adjustment invoice (a draft, issued like any other) for a higher one.
#[utoipa::path(post, path = "/api/v1/invoices/{id}/restatement", tag = "invoices", security(("bearer" = [])),
    request_body = RestateBody,
    responses((status = 201, body = RestatedView), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
#[post("/invoices/{id}/restatement")]
pub async fn restate(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<i64>,
    Json(body): Json<RestateBody>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let reason = reason(&body.reason)?;
    let done = state
        .write(caller, Permission::IssueInvoices, move |conn, auth| {
            let invoice = stored::get(conn, auth.scope, id)?;
            let (offer, fresh) = restatement(conn, auth, &invoice)?;
            let mut done = RestatedView {
                settlement: offer.settlement,
                credit_note: None,
                adjustment: None,
            };
            match offer.settlement {
                Settlement::None => {
                    return Err(ApiError::conflict(
                        "the recomputed invoice comes to what was billed: nothing to restate",
                    ));
                }
                Settlement::CreditNote => {
                    let note = issue_credit_note(conn, auth, &invoice, &reason, &[], &offer.difference)?;
                    done.credit_note = Some(note_view(note));
                }
                Settlement::AdjustmentInvoice => {
                    let draft = adjustment_draft(&invoice, &offer, &reason);
                    let adjustment = stored::insert(
                        conn,
                        auth.tenant(),
                        NewInvoice {
                            contract: invoice.contract_id,
                            vendor: invoice.vendor_id,
                            period: invoice.period,
                            kind: InvoiceKind::Adjustment,
                            adjusts: Some(invoice.id),
                            currency: invoice.currency,
                            computed: Computed {
                                draft: &draft,
                                inputs_hash: &fresh.hash,
                            },
                        },
                    )?;
                    record(conn, auth.tenant(), auth.actor(), adjustment, "invoice.drafted", None, Some(brief(&draft)))?;
                    let stored_adjustment = stored::get(conn, auth.scope, adjustment)?;
                    done.adjustment = Some(view(conn, auth.tenant(), stored_adjustment, Some(false))?);
                }
            }
            stored::set_baseline(conn, auth.tenant(), invoice.id, &(fresh.draft.clone(), fresh.hash.clone()))?;
            record(
                conn,
                auth.tenant(),
                auth.actor(),
                invoice.id,
                "invoice.restated",
                Some(serde_json::json!({ "total": offer.billed_total })),
                Some(serde_json::json!({ "total": fresh.draft.total, "difference": offer.difference.total, "reason": reason })),
            )?;
            Ok(done)
        })
        .await?;
    Ok(HttpResponse::Created().json(done))
}

/// An adjustment invoice's draft: the difference's lines and totals.
fn adjustment_draft(invoice: &Invoice, offer: &RestatementView, reason: &str) -> InvoiceDraft {
    let diff = &offer.difference;
    let by_kind = |kinds: &[LineKind]| -> Decimal {
        diff.lines
            .iter()
            .filter(|l| kinds.contains(&l.kind))
            .map(|l| l.amount)
            .sum()
    };
    let (baseline, _) = invoice.baseline();
    InvoiceDraft {
        lines: diff.lines.clone(),
        charges: by_kind(&[LineKind::Charge]),
        penalties: by_kind(&[LineKind::Penalty, LineKind::Cap, LineKind::NotDeducted]),
        bonuses: by_kind(&[LineKind::Bonus]),
        subtotal: diff.subtotal,
        tax_rate: offer.recomputed.tax_rate,
        tax: diff.tax,
        total: diff.total,
        capped_penalties: offer.recomputed.capped_penalties - baseline.capped_penalties,
        breached: false,
        under_dispute: offer.recomputed.under_dispute,
        warnings: offer.recomputed.warnings.clone(),
        notes: vec![format!(
            "Adjusts invoice {} ({}): {reason}",
            invoice.number.as_deref().unwrap_or("-"),
            invoice.period
        )],
    }
}
