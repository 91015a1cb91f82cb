//! The invoices: a list narrowed by period, status and vendor, with its
//! totals per currency and a link to each; and the period's export for
//! finance (CSV or Excel, in either language).

use std::collections::BTreeMap;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, web};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::error::WebError;
use super::shown::{self, Choice, download, money, word};
use super::signed_in::SignedIn;
use crate::app::contracts::{self, ContractQuery};
use crate::app::documents::{self as files, ExportQuery};
use crate::app::invoices::{self, InvoiceQuery, InvoiceSummary};
use crate::app::vendors::{self, VendorQuery};
use crate::app::{AppError, AppResult, session};
use crate::domain::invoice::InvoiceStatus;
use crate::domain::{Period, Permission, TimeZone};
use crate::store::Page;

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct ListQuery {
    #[serde(default)]
    period: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    vendor: String,
    #[serde(default, skip_serializing)]
    after: Option<i64>,
}

#[derive(Debug, Default, Deserialize, Serialize)]
pub struct ExportForm {
    #[serde(default)]
    period: String,
    #[serde(default)]
    format: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    language: String,
}

#[derive(Serialize)]
struct InvoicesPage {
    filter: ListQuery,
    statuses: Vec<Choice>,
    vendors: Vec<Choice>,
    rows: Vec<Row>,
    totals: Vec<Total>,
    /// The next page's address, when there is more.
    next: Option<String>,
    errors: Vec<String>,
    export: ExportForm,
    /// The months of the filter and of the export.
    months: Vec<Choice>,
    export_months: Vec<Choice>,
    formats: Vec<Choice>,
    languages: Vec<Choice>,
    export_errors: Vec<String>,
    may_close: bool,
}

#[derive(Serialize)]
struct Row {
    id: i64,
    number: String,
    period: String,
    contract: String,
    vendor: String,
    status: &'static str,
    status_text: String,
    currency: String,
    total: String,
    paid: String,
    credited: String,
    balance: String,
    warnings: usize,
    due_on: String,
}

#[derive(Serialize)]
struct Total {
    currency: String,
    count: usize,
    total: String,
    credited: String,
    paid: String,
    balance: String,
}

#[get("/invoices")]
pub async fn list(
    signed: SignedIn,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, WebError> {
    let query = query.into_inner();
    let typed = query.clone();
    let (status, page) = match invoices_page(&signed, query, ExportForm::default()).await {
        Ok(page) => (StatusCode::OK, page),
        // A filter that is no period or status: the list unfiltered, and why.
        Err(AppError::Invalid(errors)) => {
            let error = AppError::Invalid(errors);
            let (status, messages) =
                shown::refused(signed.visitor.language, error).map_err(|e| signed.fail(e))?;
            let mut page = invoices_page(&signed, ListQuery::default(), ExportForm::default())
                .await
                .map_err(|e| signed.fail(e))?;
            page.errors = messages;
            page.filter = typed;
            (status, page)
        }
        Err(error) => return Err(signed.fail(error)),
    };
    signed
        .render(status, "invoices", "invoices-title", &page)
        .await
}

/// A period's invoices as CSV or Excel, for finance.
#[get("/invoices/export")]
pub async fn export(
    signed: SignedIn,
    form: web::Query<ExportForm>,
) -> Result<HttpResponse, WebError> {
    let form = form.into_inner();
    let query = ExportQuery {
        period: form.period.trim().to_owned(),
        format: form.format.clone(),
        status: shown_filter(&form.status),
        language: shown_filter(&form.language),
    };
    match files::export(signed.app(), signed.caller(), query).await {
        Ok(rendered) => Ok(download(rendered)),
        Err(error) => {
            let (status, messages) =
                shown::refused(signed.visitor.language, error).map_err(|e| signed.fail(e))?;
            let mut page = invoices_page(&signed, ListQuery::default(), form)
                .await
                .map_err(|e| signed.fail(e))?;
            page.export_errors = messages;
            signed
                .render(status, "invoices", "invoices-title", &page)
                .await
        }
    }
}

/// A form's field left empty means "any".
fn shown_filter(raw: &str) -> Option<String> {
    let raw = raw.trim();
    (!raw.is_empty()).then(|| raw.to_owned())
}

async fn invoices_page(
    signed: &SignedIn,
    filter: ListQuery,
    mut exporting: ExportForm,
) -> AppResult<InvoicesPage> {
    let (app, language) = (signed.app(), signed.visitor.language);
    let query = InvoiceQuery {
        period: shown_filter(&filter.period),
        status: shown_filter(&filter.status),
        vendor: filter.vendor.trim().parse().ok(),
        shop: None,
        contract: None,
    };
    let page = Page {
        after: filter.after,
        limit: Page::MAX_LIMIT,
    };
    let everything = Page {
        after: None,
        limit: Page::MAX_LIMIT,
    };
    let all_contracts = ContractQuery {
        status: None,
        vendor_id: None,
    };
    let (me, mut found, contracts, vendors) = tokio::try_join!(
        session::me(app, signed.caller()),
        invoices::list(app, signed.caller(), query, page),
        contracts::list(app, signed.caller(), all_contracts, everything),
        vendors::list(
            app,
            signed.caller(),
            VendorQuery { status: None },
            everything
        ),
    )?;
    let next = (found.len() > Page::MAX_LIMIT as usize).then(|| {
        found.truncate(Page::MAX_LIMIT as usize);
        let last = found.last().map_or(0, |i| i.id);
        let rest = serde_urlencoded::to_string(&filter).unwrap_or_default();
        format!("/invoices?{rest}&after={last}")
    });
    let contract_of = |id: i64| {
        contracts
            .iter()
            .find(|c| c.id == id)
            .map_or_else(|| format!("#{id}"), |c| c.number.clone())
    };
    let vendor_of = |id: i64| {
        vendors
            .iter()
            .find(|v| v.id == id)
            .map_or_else(|| format!("#{id}"), |v| v.legal_name.clone())
    };
    if exporting.period.is_empty() {
        exporting.period = match shown_filter(&filter.period) {
            Some(period) => period,
            None => last_month(),
        };
    }
    Ok(InvoicesPage {
        statuses: InvoiceStatus::ALL
            .iter()
            .map(|s| Choice {
                value: s.as_str().to_owned(),
                text: word(language, "invoice-badge", s.as_str()),
                selected: filter.status == s.as_str(),
            })
            .collect(),
        vendors: vendors
            .iter()
            .map(|v| Choice {
                value: v.id.to_string(),
                text: v.legal_name.clone(),
                selected: filter.vendor.trim() == v.id.to_string(),
            })
            .collect(),
        totals: totals(&found),
        rows: found
            .iter()
            .map(|i| Row {
                id: i.id,
                number: i
                    .number
                    .clone()
                    .unwrap_or_else(|| word(language, "invoice-badge", "draft")),
                period: i.period.to_string(),
                contract: contract_of(i.contract_id),
                vendor: vendor_of(i.vendor_id),
                status: i.status.as_str(),
                status_text: word(language, "invoice-badge", i.status.as_str()),
                currency: i.currency.clone(),
                total: money(i.total, &i.currency),
                paid: money(i.paid, &i.currency),
                credited: money(i.credited, &i.currency),
                balance: money(i.balance, &i.currency),
                warnings: i.warnings,
                due_on: i.due_on.map(|d| d.to_string()).unwrap_or_default(),
            })
            .collect(),
        next,
        errors: Vec::new(),
        formats: ["csv", "xlsx"]
            .into_iter()
            .map(|f| Choice {
                value: f.to_owned(),
                text: if f == "csv" { "CSV" } else { "Excel" }.to_owned(),
                selected: exporting.format == f,
            })
            .collect(),
        months: shown::months(language, filter.period.trim()),
        export_months: shown::months(language, &exporting.period),
        languages: shown::languages(language, &exporting.language),
        export: exporting,
        export_errors: Vec::new(),
        may_close: me.role.may(Permission::DraftInvoices),
        filter,
    })
}

/// The listed invoices' sums, per currency (void ones count for nothing).
fn totals(found: &[InvoiceSummary]) -> Vec<Total> {
    let mut sums: BTreeMap<&str, (usize, [Decimal; 4])> = BTreeMap::new();
    for i in found.iter().filter(|i| i.status != InvoiceStatus::Void) {
        let (count, sum) = sums.entry(i.currency.as_str()).or_default();
        *count += 1;
        for (s, v) in sum.iter_mut().zip([i.total, i.credited, i.paid, i.balance]) {
            *s += v;
        }
    }
    sums.into_iter()
        .map(
            |(currency, (count, [total, credited, paid, balance]))| Total {
                currency: currency.to_owned(),
                count,
                total: money(total, currency),
                credited: money(credited, currency),
                paid: money(paid, currency),
                balance: money(balance, currency),
            },
        )
        .collect()
}

/// The month before this one, in China: the one finance closes.
pub fn last_month() -> String {
    let today = TimeZone::SHANGHAI.today(chrono::Utc::now());
    Period::of(today).previous().to_string()
}
