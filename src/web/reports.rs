//! A contract's monthly reports, latest month first, each with where it
//! stands (deemed acceptance included) and the way to the month's report.

use actix_web::{HttpRequest, HttpResponse, get, web};
use chrono::Utc;
use serde::Serialize;

use super::error::WebError;
use super::shown::local_time;
use super::signed_in::SignedIn;
use super::watch::ContractHead;
use crate::app::{contracts, reports};
use crate::domain::{ContractId, Period};

#[derive(Serialize)]
struct ReportsPage {
    contract: ContractHead,
    reports: Vec<ReportRow>,
    /// Last month, whose report is the one due.
    last_month: Option<String>,
}

#[derive(Serialize)]
struct ReportRow {
    period: String,
    status: &'static str,
    status_text: String,
    deemed: bool,
    submissions: u32,
    submitted_at: String,
    deemed_at: String,
    disputed_figures: usize,
}

#[get("/contracts/{id}/reports")]
pub async fn list(
    signed: SignedIn,
    req: HttpRequest,
    path: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    let Some(id) = path
        .parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .map(ContractId::new)
    else {
        return Ok(super::error::not_found_page(&req));
    };
    let language = signed.visitor.language;
    let data = async {
        let (contract, list) = tokio::try_join!(
            contracts::show(signed.app(), signed.caller(), id),
            reports::list(signed.app(), signed.caller(), id),
        )?;
        let today = Utc::now()
            .with_timezone(&chrono_tz::Asia::Shanghai)
            .date_naive();
        let last = Period::of(today).previous();
        let last_month = last
            .clip(contract.start, contract.end)
            .map(|_| last.to_string());
        Ok(ReportsPage {
            contract: ContractHead::of(&contract, "reports"),
            reports: list
                .into_iter()
                .map(|r| {
                    let status = r.status.as_str();
                    ReportRow {
                        period: r.period.to_string(),
                        status,
                        status_text: language.text(&format!("report-badge-{status}"), &[]),
                        deemed: r.deemed,
                        submissions: r.submissions,
                        submitted_at: r.submitted_at.map(local_time).unwrap_or_default(),
                        deemed_at: r.deemed_at.map(local_time).unwrap_or_default(),
                        disputed_figures: r.disputes.len(),
                    }
                })
                .collect(),
            last_month,
        })
    };
    signed.show("reports", "watch-reports-title", data).await
}
