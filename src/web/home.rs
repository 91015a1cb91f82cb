//! The home page: each running contract's month so far — how every SLA
//! clause stands, what the invoice would come to if the month ended today,
//! the report due — and every contract the person works on.

use actix_web::{HttpResponse, get};
use serde::Serialize;

use super::contract_row::{ContractRow, contract_row, standing_id};
use super::error::WebError;
use super::format::{measured, money, term};
use super::signed_in::SignedIn;
use crate::app::contracts::{self, ContractQuery};
use crate::app::standing::{self, ContractMonth};
use crate::catalogue::Language;
use crate::store::Page;

#[derive(Serialize)]
struct HomePage {
    months: Vec<MonthCard>,
    contracts: Vec<ContractRow>,
}

#[derive(Serialize)]
struct MonthCard {
    id: i64,
    number: String,
    title: String,
    period: String,
    through: Option<String>,
    clauses: Vec<ClauseRow>,
    charges: String,
    penalties: String,
    bonuses: String,
    total: String,
    report_due: Option<String>,
    report_period: String,
}

#[derive(Serialize)]
struct ClauseRow {
    name: String,
    metric: &'static str,
    target: String,
    value: String,
    standing: &'static str,
    standing_text: String,
}

#[get("/home")]
pub async fn show(signed: SignedIn) -> Result<HttpResponse, WebError> {
    // The merchant's people see the tenant's dashboard; a vendor's its months.
    let me = signed.me().await.map_err(|e| signed.fail(e))?;
    if me.vendor_id.is_none() {
        return super::dashboards::tenant(&signed, &me).await;
    }
    let language = signed.visitor.language;
    let everything = ContractQuery {
        status: None,
        vendor_id: None,
    };
    let page = Page {
        after: None,
        limit: Page::MAX_LIMIT,
    };
    let data = async {
        let (months, contracts) = tokio::try_join!(
            standing::month_so_far(signed.app(), signed.caller()),
            contracts::list(signed.app(), signed.caller(), everything, page),
        )?;
        Ok(HomePage {
            months: months
                .into_iter()
                .map(|m| month_card(m, language))
                .collect(),
            contracts: contracts
                .into_iter()
                .map(|c| contract_row(c, language))
                .collect(),
        })
    };
    signed.show("home", "home-title", data).await
}

fn month_card(month: ContractMonth, language: Language) -> MonthCard {
    let currency = month.contract.currency.code();
    let digits = month.contract.currency.minor_digits();
    let draft = &month.draft;
    MonthCard {
        id: month.contract.id.get(),
        number: month.contract.number.clone(),
        title: month.contract.title.clone(),
        period: month.period.to_string(),
        through: month.through.map(|d| d.to_string()),
        clauses: month
            .clauses
            .iter()
            .map(|c| ClauseRow {
                name: c.clause.spec.name.clone(),
                metric: language.metric_name(c.metric),
                target: term(c.target, c.metric, language),
                value: c.value.map_or_else(String::new, |v| {
                    measured(v, c.metric, &[c.target], language)
                }),
                standing: standing_id(c.standing),
                standing_text: language.text(&format!("standing-{}", standing_id(c.standing)), &[]),
            })
            .collect(),
        charges: money(draft.charges, currency, digits),
        penalties: money(draft.penalties, currency, digits),
        bonuses: money(draft.bonuses, currency, digits),
        total: money(draft.total, currency, digits),
        report_due: month.report_due.as_ref().map(|due| {
            let status = due.status.map_or("not-started", |s| s.as_str());
            language.text(
                &format!("report-due-{status}"),
                &[("period", due.period.to_string())],
            )
        }),
        report_period: month
            .report_due
            .as_ref()
            .map_or_else(String::new, |due| due.period.to_string()),
    }
}
