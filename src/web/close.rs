//! The monthly close: choose a month, close it, and read what it did — the
//! drafts made and their totals per currency, each contract that failed and
//! why, and the month's drafts with their warnings, ready to check and issue.
//!
//! The close runs within the request. With htmx the form shows that it is
//! working while the request is in flight; without, the browser's own
//! loading indicator does. A second close adds nothing, so posting again
//! (or reloading the summary) is harmless.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use serde::{Deserialize, Serialize};

use super::error::WebError;
use super::invoices::last_month;
use super::shown::{self, money};
use super::signed_in::SignedIn;
use crate::app::billing::close::{CloseSummary, close_month};
use crate::app::contracts::{self, ContractQuery};
use crate::app::invoices::{self, InvoiceQuery};
use crate::app::{AppError, AppResult, session};
use crate::domain::{Period, Permission};
use crate::store::Page;

#[derive(Debug, Default, Deserialize)]
pub struct CloseForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    period: String,
}

#[derive(Serialize)]
struct ClosePage {
    period: String,
    months: Vec<shown::Choice>,
    errors: Vec<String>,
    summary: Option<Summary>,
}

#[derive(Serialize)]
struct Summary {
    period: String,
    contracts: usize,
    created: usize,
    already_invoiced: usize,
    failures: usize,
    failed: Vec<Failed>,
    totals: Vec<Total>,
    drafts: Vec<Draft>,
    /// The month's drafts in the list of invoices.
    drafts_href: String,
}

#[derive(Serialize)]
struct Failed {
    contract: String,
    problem: String,
}

#[derive(Serialize)]
struct Total {
    currency: String,
    total: String,
}

#[derive(Serialize)]
struct Draft {
    id: i64,
    contract: String,
    total: String,
    currency: String,
    warnings: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct CloseQuery {
    period: Option<String>,
}

#[get("/close")]
pub async fn show(
    signed: SignedIn,
    query: web::Query<CloseQuery>,
) -> Result<HttpResponse, WebError> {
    let me = session::me(signed.app(), signed.caller())
        .await
        .map_err(|e| signed.fail(e))?;
    if !me.role.may(Permission::DraftInvoices) {
        return Err(signed.fail(AppError::Forbidden));
    }
    let period = query.into_inner().period.unwrap_or_else(last_month);
    let page = ClosePage {
        months: shown::months(signed.visitor.language, &period),
        period,
        errors: Vec::new(),
        summary: None,
    };
    signed
        .render(StatusCode::OK, "close", "close-title", &page)
        .await
}

/// Closes the month and shows what the close did.
#[post("/close")]
pub async fn close(
    signed: SignedIn,
    req: HttpRequest,
    form: web::Form<CloseForm>,
) -> Result<HttpResponse, WebError> {
    signed.check_form(&req, &form.csrf)?;
    let typed = form.period.trim().to_owned();
    let closed = async {
        let period = typed
            .parse::<Period>()
            .map_err(|e| AppError::invalid("period", e))?;
        let summary = close_month(signed.app(), signed.caller(), period).await?;
        summary_of(&signed, summary).await
    };
    let (status, page) = match closed.await {
        Ok(summary) => (
            StatusCode::OK,
            ClosePage {
                months: shown::months(signed.visitor.language, &typed),
                period: typed,
                errors: Vec::new(),
                summary: Some(summary),
            },
        ),
        Err(error) => {
            let (status, errors) =
                shown::refused(signed.visitor.language, error).map_err(|e| signed.fail(e))?;
            let page = ClosePage {
                months: shown::months(signed.visitor.language, &typed),
                period: typed,
                errors,
                summary: None,
            };
            (status, page)
        }
    };
    signed.render(status, "close", "close-title", &page).await
}

async fn summary_of(signed: &SignedIn, summary: CloseSummary) -> AppResult<Summary> {
    let (app, language) = (signed.app(), signed.visitor.language);
    let period = summary.period.to_string();
    let drafts = InvoiceQuery {
        period: Some(period.clone()),
        status: Some("draft".into()),
        vendor: None,
        shop: None,
        contract: None,
    };
    let page = Page {
        after: None,
        limit: Page::MAX_LIMIT,
    };
    let every_contract = ContractQuery {
        status: None,
        vendor_id: None,
    };
    let (drafts, contracts) = tokio::try_join!(
        invoices::list(app, signed.caller(), drafts, page),
        contracts::list(app, signed.caller(), every_contract, page),
    )?;
    let contract_of = |id: i64| {
        contracts
            .iter()
            .find(|c| c.id == id)
            .map_or_else(|| format!("#{id}"), |c| c.number.clone())
    };
    Ok(Summary {
        drafts_href: format!("/invoices?period={period}&status=draft"),
        period,
        contracts: summary.contracts,
        created: summary.created,
        already_invoiced: summary.already_invoiced,
        failures: summary.failed.len(),
        failed: summary
            .failed
            .into_iter()
            .map(|f| Failed {
                contract: f.contract_number,
                // Ours: the page says so in its own words; a refusal is
                // given as the use case words it.
                problem: match f.internal {
                    true => language.text("close-internal-failure", &[]),
                    false => language.message(&f.problem),
                },
            })
            .collect(),
        totals: summary
            .totals
            .into_iter()
            .map(|t| Total {
                total: money(t.total, &t.currency),
                currency: t.currency,
            })
            .collect(),
        drafts: drafts
            .into_iter()
            .take(Page::MAX_LIMIT as usize)
            .map(|d| Draft {
                id: d.id,
                contract: contract_of(d.contract_id),
                total: money(d.total, &d.currency),
                currency: d.currency,
                warnings: d
                    .warning_codes
                    .into_iter()
                    .map(|c| shown::warning(language, c))
                    .collect(),
            })
            .collect(),
    })
}
