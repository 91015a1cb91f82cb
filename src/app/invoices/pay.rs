//! Records a payment received; payments add up, refused above what is
//! outstanding after credit notes, and the invoice is paid once they cover it.

use chrono::{NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::Deserialize;
use utoipa::ToSchema;

use super::record;
use super::views::{self, InvoiceView};
use crate::app::{App, AppError, AppResult, Caller};
use crate::domain::invoice::LifecycleError;
use crate::domain::invoice::Payment;
use crate::domain::message::msg;
use crate::domain::text::parse_text;
use crate::domain::violation::Violations;
use crate::domain::{InvoiceId, PaymentId};
use crate::domain::{Permission, decimal};
use crate::store::invoices as stored;

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

pub async fn pay(
    app: &App,
    caller: Caller,
    id: InvoiceId,
    body: PaymentBody,
) -> AppResult<InvoiceView> {
    let mut errors = Violations::default();
    if body.amount <= Decimal::ZERO {
        errors.add("amount", msg!("error-more-than-zero"));
    }
    let reference = errors.check("reference", parse_text(&body.reference, 200));
    let reference = errors.finish(|| reference)?;
    app.write(caller, Permission::IssueInvoices, move |conn, auth| {
        let invoice = stored::get(conn, auth.scope, id)?;
        let digits = invoice.currency.minor_digits();
        if body.amount.scale() > digits {
            return Err(AppError::invalid(
                "amount",
                msg!("error-minor-unit-places", places = digits),
            ));
        }
        if body.paid_on > Utc::now().date_naive() + chrono::Days::new(1) {
            return Err(AppError::invalid("paid_on", msg!("error-not-in-future")));
        }
        let status = invoice.check_payment(body.amount).map_err(|e| match e {
            LifecycleError::Overpaid(_) => AppError::invalid("amount", e),
            other => other.into(),
        })?;
        let payment = Payment {
            id: PaymentId::new(0),
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
        views::view(conn, auth.tenant(), invoice, None)
    })
    .await
}
