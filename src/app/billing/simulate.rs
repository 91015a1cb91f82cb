//! What-if: the month's invoice with other figures or other terms. Stores nothing.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::input::{self, gather};
use crate::app::entered::{Checked, EnteredFigure, check_totals};
use crate::app::{App, AppResult, AuthUser, Caller, month};
use crate::documents::explain::BilledTerms;
use crate::domain::Contract;
use crate::domain::billing::{Basis, BillingInput, InvoiceDraft, MetricInput, TermsPart, compute};
use crate::domain::kpi::Sums;
use crate::domain::metric::Metric;
use crate::domain::report::segments;
use crate::domain::terms::{Frame, Terms};
use crate::domain::violation::Violations;
use crate::domain::{ContractId, Period, Permission};
use crate::store::{self, DbConnection};

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SimulateBody {
    #[schema(value_type = String, example = "2026-10")]
    pub period: Period,
    /// Figures to use instead of the month's own, as the month's totals.
    #[serde(default)]
    pub figures: Vec<EnteredFigure>,
    /// Terms to use instead of those in force (a negotiation's proposal).
    #[serde(default)]
    pub terms: Option<Terms>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SimulationView {
    #[schema(value_type = String)]
    pub period: Period,
    /// The metrics whose figures were replaced.
    pub hypothetical: Vec<String>,
    pub terms_replaced: bool,
    /// The invoice that would result; nothing is stored.
    pub draft: InvoiceDraft,
}

/// What the month's invoice would come to with other figures or terms: a
/// merchant weighing a proposal, a vendor seeing what a figure would cost.
/// Stores nothing.
pub async fn simulate(
    app: &App,
    caller: Caller,
    id: ContractId,
    body: SimulateBody,
) -> AppResult<SimulationView> {
    app.read(caller, Permission::ReadContracts, move |conn, auth| {
        Ok(simulated(conn, auth, id, body)?.0)
    })
    .await
}

/// The month's invoice as it stands beside the one with other figures, with
/// what their lines are explained from: what the what-if page shows.
pub struct WhatIf {
    pub contract: Contract,
    pub baseline: InvoiceDraft,
    pub simulation: SimulationView,
    /// The terms the month is billed on, to explain its lines.
    pub terms: BilledTerms,
    /// The month's figures as they stand, metric by metric (for billing).
    pub figures: Vec<(&'static Metric, Option<Sums>)>,
}

/// What the month's invoice comes to with `figures` instead of its own, beside
/// what it comes to now. Stores nothing.
pub async fn what_if(
    app: &App,
    caller: Caller,
    id: ContractId,
    period: Period,
    figures: Vec<EnteredFigure>,
) -> AppResult<WhatIf> {
    app.read(caller, Permission::ReadContracts, move |conn, auth| {
        let contract = store::contracts::get(conn, auth.scope, id)?;
        let month = month::load_for(conn, auth.tenant(), contract.clone(), period)?;
        let current = month
            .figures
            .iter()
            .map(|f| (f.metric, month.chosen(f).for_billing))
            .collect();
        let input = input::input(conn, auth.tenant(), month.gathered)?;
        let baseline = compute(&input);
        let terms = BilledTerms::of_input(&input);
        let body = SimulateBody {
            period,
            figures,
            terms: None,
        };
        let (simulation, _) = simulated(conn, auth, id, body)?;
        Ok(WhatIf {
            contract,
            baseline,
            simulation,
            terms,
            figures: current,
        })
    })
    .await
}

/// Puts figures entered as the month's totals (checked, over the days
/// `from..=to`) in place of the month's own; gives the metrics replaced.
pub(super) fn replace_figures(
    input: &mut BillingInput,
    totals: Vec<Checked>,
    (from, to): (NaiveDate, NaiveDate),
) -> Vec<String> {
    let mut hypothetical = Vec::new();
    for figure in totals {
        let metric = figure.metric;
        let replacement = MetricInput {
            metric: metric.code.to_owned(),
            basis: Basis::Hypothetical,
            buckets: segments::buckets((from, to), (figure.sums, figure.sums), &figure.segments),
        };
        input.figures.retain(|f| f.metric != metric.code);
        input.figures.push(replacement);
        hypothetical.push(metric.code.to_owned());
    }
    hypothetical
}

fn simulated(
    conn: &mut DbConnection,
    auth: &AuthUser,
    id: ContractId,
    body: SimulateBody,
) -> AppResult<(SimulationView, BillingInput)> {
    {
        let contract = store::contracts::get(conn, auth.scope, id)?;
        let mut errors = Violations::default();
        if let Some(terms) = &body.terms {
            errors.nest("terms", terms.check(&Frame::of(&contract)));
        }
        let (from, to) = month::days_of(&contract, body.period)?;
        let totals = check_totals(&body.figures, (from, to), &mut errors, |_| None);
        errors.finish(|| Some(()))?;
        let mut input = gather(conn, auth.tenant(), contract, body.period)?;
        let hypothetical = replace_figures(&mut input, totals, (from, to));
        let terms_replaced = body.terms.is_some();
        if let Some(terms) = body.terms {
            input.parts = vec![TermsPart {
                version: 0,
                from: input.from,
                to: input.to,
                terms,
            }];
        }
        let view = SimulationView {
            period: body.period,
            hypothetical,
            terms_replaced,
            draft: compute(&input),
        };
        Ok((view, input))
    }
}
