//! What-if: the month's invoice with other figures or other terms. Stores nothing.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::input::gather;
use crate::app::entered::{EnteredFigure, check_totals};
use crate::app::{App, AppResult, Caller, month};
use crate::domain::billing::{Basis, InvoiceDraft, MetricInput, TermsPart, compute};
use crate::domain::report::segments;
use crate::domain::terms::{Frame, Terms};
use crate::domain::violation::Violations;
use crate::domain::{ContractId, Period, Permission};
use crate::store;

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
        let contract = store::contracts::get(conn, auth.scope, id)?;
        let mut errors = Violations::default();
        if let Some(terms) = &body.terms {
            errors.nest("terms", terms.check(&Frame::of(&contract)));
        }
        let (from, to) = month::days_of(&contract, body.period)?;
        let totals = check_totals(&body.figures, (from, to), &mut errors, |_| None);
        errors.finish(|| Some(()))?;
        let mut input = gather(conn, auth.tenant(), contract, body.period)?;
        let mut hypothetical = Vec::new();
        for figure in totals {
            let metric = figure.metric;
            let replacement = MetricInput {
                metric: metric.code.to_owned(),
                basis: Basis::Hypothetical,
                buckets: segments::buckets(
                    (from, to),
                    (figure.sums, figure.sums),
                    &figure.segments,
                ),
            };
            input.figures.retain(|f| f.metric != metric.code);
            input.figures.push(replacement);
            hypothetical.push(metric.code.to_owned());
        }
        let terms_replaced = body.terms.is_some();
        if let Some(terms) = body.terms {
            input.parts = vec![TermsPart {
                version: 0,
                from: input.from,
                to: input.to,
                terms,
            }];
        }
        Ok(SimulationView {
            period: body.period,
            hypothetical,
            terms_replaced,
            draft: compute(&input),
        })
    })
    .await
}
