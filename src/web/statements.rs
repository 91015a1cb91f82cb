//! Statements of account (对账单): the vendors to choose from, and one
//! vendor's statement — per currency the opening balance, every invoice,
//! credit note and payment with the running balance, the closing balance and
//! the aging of what is open — with its CSV and Excel in either language.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, web};
use serde::{Deserialize, Serialize};

use super::downloads::document_language;
use super::error::WebError;
use super::shown::{self, Downloads, download, money, word};
use super::signed_in::SignedIn;
use crate::app::AppError;
use crate::app::documents::Format;
use crate::app::statements::{self, StatementQuery};
use crate::app::vendors::VendorQuery;
use crate::domain::VendorId;
use crate::domain::statement::Statement;
use crate::store::Page;

#[derive(Serialize)]
struct VendorsPage {
    vendors: Vec<VendorRow>,
}

#[derive(Serialize)]
struct VendorRow {
    id: i64,
    name: String,
    credit_code: String,
    status: String,
}

#[get("/statements")]
pub async fn vendors(signed: SignedIn) -> Result<HttpResponse, WebError> {
    let language = signed.visitor.language;
    let data = async {
        let page = Page {
            after: None,
            limit: Page::MAX_LIMIT,
        };
        let found = crate::app::vendors::list(
            signed.app(),
            signed.caller(),
            VendorQuery { status: None },
            page,
        )
        .await?;
        Ok(VendorsPage {
            vendors: found
                .into_iter()
                .map(|v| VendorRow {
                    id: v.id,
                    name: v.legal_name,
                    credit_code: v.credit_code,
                    status: word(language, "vendor-badge", v.status.as_str()),
                })
                .collect(),
        })
    };
    signed.show("statements", "statements-title", data).await
}

/// The dates asked for, as the form sends them (empty: left out).
#[derive(Debug, Default, Deserialize, Serialize)]
pub struct Window {
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    #[serde(default)]
    as_of: String,
    #[serde(default, skip_serializing)]
    language: String,
}

impl Window {
    fn query(&self) -> StatementQuery {
        let given = |raw: &str| {
            let raw = raw.trim();
            (!raw.is_empty()).then(|| raw.to_owned())
        };
        StatementQuery {
            from: given(&self.from),
            to: given(&self.to),
            as_of: given(&self.as_of),
        }
    }
}

#[derive(Serialize)]
struct StatementPage {
    vendor_id: i64,
    vendor_name: String,
    window: Window,
    errors: Vec<String>,
    to: String,
    as_of: String,
    currencies: Vec<Currency>,
    downloads: Vec<Downloads>,
}

#[derive(Serialize)]
struct Currency {
    currency: String,
    opening: String,
    closing: String,
    entries: Vec<Entry>,
    aging: Vec<Bucket>,
}

#[derive(Serialize)]
struct Entry {
    date: String,
    kind: String,
    document: String,
    invoice_id: i64,
    invoice_number: String,
    due_on: String,
    amount: String,
    balance: String,
}

#[derive(Serialize)]
struct Bucket {
    label: String,
    amount: String,
}

#[get("/statements/{vendor:\\d+}")]
pub async fn show(
    signed: SignedIn,
    vendor: web::Path<VendorId>,
    window: web::Query<Window>,
) -> Result<HttpResponse, WebError> {
    let (vendor, window) = (vendor.into_inner(), window.into_inner());
    let language = signed.visitor.language;
    let (status, errors, view) =
        match statements::show(signed.app(), signed.caller(), vendor, &window.query()).await {
            Ok(view) => (StatusCode::OK, Vec::new(), view),
            // Dates that are no dates: the whole statement, and why.
            Err(error) => {
                let (status, errors) =
                    shown::refused(language, error).map_err(|e| signed.fail(e))?;
                let all = StatementQuery {
                    from: None,
                    to: None,
                    as_of: None,
                };
                let view = statements::show(signed.app(), signed.caller(), vendor, &all)
                    .await
                    .map_err(|e| signed.fail(e))?;
                (status, errors, view)
            }
        };
    // Links for the dates shown: those asked for, unless they were refused.
    let query = match errors.is_empty() {
        true => format!(
            "{}&",
            serde_urlencoded::to_string(&window).unwrap_or_default()
        ),
        false => String::new(),
    };
    let page = StatementPage {
        vendor_id: view.vendor_id,
        vendor_name: view.vendor_name,
        downloads: shown::downloads(
            language,
            &format!("/statements/{vendor}"),
            &query,
            &[Format::Csv, Format::Xlsx],
        ),
        window,
        errors,
        to: view.to.to_string(),
        as_of: view.as_of.to_string(),
        currencies: view
            .currencies
            .iter()
            .map(|s| currency(language, s))
            .collect(),
    };
    signed
        .render(status, "statement", "statement-title", &page)
        .await
}

fn currency(language: crate::catalogue::Language, s: &Statement) -> Currency {
    let m = |d| money(d, &s.currency);
    let a = &s.aging;
    Currency {
        currency: s.currency.clone(),
        opening: m(s.opening),
        closing: m(s.closing),
        entries: s
            .entries
            .iter()
            .map(|e| Entry {
                date: e.date.to_string(),
                kind: word(language, "entry", e.kind.as_str()),
                document: e.document.clone(),
                invoice_id: e.invoice_id,
                invoice_number: e.invoice_number.clone(),
                due_on: e.due_on.map(|d| d.to_string()).unwrap_or_default(),
                amount: m(e.amount),
                balance: m(e.balance),
            })
            .collect(),
        aging: [
            ("current", a.current),
            ("days-1-30", a.days_1_30),
            ("days-31-60", a.days_31_60),
            ("days-61-90", a.days_61_90),
            ("over-90", a.over_90),
            ("refund-due", a.refund_due),
            ("total", a.total),
        ]
        .into_iter()
        .map(|(name, amount)| Bucket {
            label: word(language, "aging", name),
            amount: m(amount),
        })
        .collect(),
    }
}

/// The statement as CSV or Excel.
#[get("/statements/{vendor:\\d+}.{format:(csv|xlsx)}")]
pub async fn document(
    signed: SignedIn,
    path: web::Path<(VendorId, String)>,
    window: web::Query<Window>,
) -> Result<HttpResponse, WebError> {
    let (vendor, format) = path.into_inner();
    let language = document_language(&signed, Some(&window.language))?;
    let rendered = statements::document(
        signed.app(),
        signed.caller(),
        vendor,
        &format,
        &window.query(),
        Some(language),
    )
    .await
    // Dates that are no dates, in an address typed by hand: no such file.
    .map_err(|e| match e {
        AppError::Invalid(_) => signed.fail(AppError::NotFound),
        other => signed.fail(other),
    })?;
    Ok(download(rendered))
}
