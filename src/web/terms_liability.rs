//! The liability terms of a contract: the monthly cap on penalties (an
//! amount or a share of the month's fees), the yearly cap, the penalties no
//! cap limits, the incident duties and the right to terminate.

use std::collections::HashMap;

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use serde::Serialize;

use super::contracts::{Head, contract_id, read};
use super::error::WebError;
use super::signed_in::SignedIn;
use super::terms_form::{
    Choice, Field, Posted, Refusal, choices, filled_rows, refused, to_form_rows, without_part,
};
use crate::app::AppError;
use crate::app::contracts::terms_parts::replace_single;
use crate::domain::message::msg;
use crate::domain::terms::{Cap, IncidentDuty, Liability, PenaltyCategory, Severity};
use crate::domain::violation::Violations;
use crate::domain::{ContractId, Permission};

/// Rows of incident duties the form offers: one a severity.
const DUTY_ROWS: usize = 4;

#[derive(Serialize)]
struct LiabilityPage {
    #[serde(flatten)]
    head: Head,
    saved: bool,
    refusal: Refusal,
    currency: String,
    cap_error: Option<String>,
    cap_kinds: Vec<Choice>,
    cap_amount: Field,
    cap_percent: Field,
    annual_cap: Field,
    uncapped: Field,
    categories: Vec<Choice>,
    duties_error: Option<String>,
    duties: Vec<DutyRow>,
    termination: Field,
}

#[derive(Serialize)]
struct DutyRow {
    index: usize,
    severity: Field,
    severities: Vec<Choice>,
    minutes: Field,
    amount: Field,
}

#[get("/contracts/{id}/terms/liability")]
pub async fn show(
    signed: SignedIn,
    req: HttpRequest,
    path: web::Path<String>,
    query: web::Query<HashMap<String, String>>,
) -> Result<HttpResponse, WebError> {
    let Some(id) = contract_id(&path) else {
        return Ok(super::error::not_found_page(&req));
    };
    let saved = query.contains_key("saved");
    page(&signed, id, None, Refusal::default(), StatusCode::OK, saved).await
}

#[post("/contracts/{id}/terms/liability")]
pub async fn save(
    signed: SignedIn,
    req: HttpRequest,
    path: web::Path<String>,
    form: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, WebError> {
    let Some(id) = contract_id(&path) else {
        return Ok(super::error::not_found_page(&req));
    };
    let posted = Posted(form.into_inner());
    signed.check_form(&req, posted.csrf())?;
    let rows = filled_rows(
        &posted,
        "incident_duties",
        DUTY_ROWS,
        &["escalate_within_minutes", "amount"],
    );
    let outcome = match liability(&posted, &rows) {
        Ok(value) => replace_single(signed.app(), signed.caller(), id, value)
            .await
            .map(|_| ())
            // The use case names the duties it was given; the form's rows may differ.
            .map_err(|error| match error {
                AppError::Invalid(v) => AppError::Invalid(to_form_rows(
                    without_part("liability.", v),
                    "incident_duties",
                    &rows,
                )),
                other => other,
            }),
        Err(v) => Err(AppError::Invalid(v)),
    };
    match outcome {
        Ok(()) => Ok(super::sign_in::see_other(&format!(
            "/contracts/{}/terms/liability?saved=1",
            id.get()
        ))),
        Err(error) => {
            let (status, refusal) =
                refused(signed.visitor.language, error, &[]).map_err(|e| signed.fail(e))?;
            page(&signed, id, Some(posted), refusal, status, false).await
        }
    }
}

fn liability(posted: &Posted, rows: &[usize]) -> Result<Liability, Violations> {
    let mut v = Violations::default();
    let monthly_cap = match posted.text("monthly_cap.kind") {
        "" => Some(None),
        "amount" => posted.decimal("monthly_cap.amount", &mut v).map(|amount| {
            Some(Cap {
                amount: Some(amount),
                percent_of_fees: None,
            })
        }),
        "percent" => posted
            .decimal("monthly_cap.percent_of_fees", &mut v)
            .map(|percent| {
                Some(Cap {
                    amount: None,
                    percent_of_fees: Some(percent),
                })
            }),
        _ => {
            v.add("monthly_cap", msg!("terms-error-choose"));
            None
        }
    };
    let annual_cap = posted.optional_decimal("annual_cap", &mut v);
    let uncapped = posted.ticked::<PenaltyCategory>("uncapped", &mut v);
    let termination = posted.optional_whole("termination_after_breached_months", &mut v);
    let mut duties = Vec::new();
    for i in rows {
        let severity = posted.choice::<Severity>(&format!("incident_duties[{i}].severity"), &mut v);
        let minutes = posted.whole(
            &format!("incident_duties[{i}].escalate_within_minutes"),
            &mut v,
        );
        let amount = posted.decimal(&format!("incident_duties[{i}].amount"), &mut v);
        if let (Some(severity), Some(escalate_within_minutes), Some(amount)) =
            (severity, minutes, amount)
        {
            duties.push(IncidentDuty {
                severity,
                escalate_within_minutes,
                amount,
            });
        }
    }
    v.finish(|| {
        Some(Liability {
            monthly_cap: monthly_cap?,
            annual_cap: annual_cap?,
            incident_duties: duties,
            uncapped: uncapped?,
            termination_after_breached_months: termination?,
        })
    })
}

/// The stored terms as the form would post them.
fn as_posted(l: &Liability) -> Posted {
    let mut pairs: Vec<(String, String)> = Vec::new();
    match &l.monthly_cap {
        Some(Cap {
            amount: Some(a), ..
        }) => {
            pairs.push(("monthly_cap.kind".into(), "amount".into()));
            pairs.push(("monthly_cap.amount".into(), a.to_string()));
        }
        Some(Cap {
            percent_of_fees: Some(p),
            ..
        }) => {
            pairs.push(("monthly_cap.kind".into(), "percent".into()));
            pairs.push(("monthly_cap.percent_of_fees".into(), p.to_string()));
        }
        _ => {}
    }
    if let Some(a) = l.annual_cap {
        pairs.push(("annual_cap".into(), a.to_string()));
    }
    for c in &l.uncapped {
        pairs.push(("uncapped".into(), c.as_str().into()));
    }
    for (i, d) in l.incident_duties.iter().enumerate() {
        pairs.push((
            format!("incident_duties[{i}].severity"),
            d.severity.as_str().into(),
        ));
        pairs.push((
            format!("incident_duties[{i}].escalate_within_minutes"),
            d.escalate_within_minutes.to_string(),
        ));
        pairs.push((format!("incident_duties[{i}].amount"), d.amount.to_string()));
    }
    if let Some(m) = l.termination_after_breached_months {
        pairs.push(("termination_after_breached_months".into(), m.to_string()));
    }
    Posted(pairs)
}

async fn page(
    signed: &SignedIn,
    id: ContractId,
    posted: Option<Posted>,
    mut refusal: Refusal,
    status: StatusCode,
    saved: bool,
) -> Result<HttpResponse, WebError> {
    let language = signed.visitor.language;
    let (me, seen) = read(signed, id).await.map_err(|e| signed.fail(e))?;
    let posted = posted.unwrap_or_else(|| {
        seen.terms
            .as_ref()
            .map_or_else(Posted::default, |t| as_posted(&t.liability))
    });
    let mut field = |name: &str| Field::new(name, posted.raw(name), &mut refusal);
    let cap_amount = field("monthly_cap.amount");
    let cap_percent = field("monthly_cap.percent_of_fees");
    let annual_cap = field("annual_cap");
    let uncapped = field("uncapped");
    let termination = field("termination_after_breached_months");
    let cap_error = refusal.take("monthly_cap");
    let duties_error = refusal.take("incident_duties");
    let duties = (0..DUTY_ROWS)
        .map(|i| {
            let name = |c: &str| format!("incident_duties[{i}].{c}");
            DutyRow {
                index: i,
                severities: choices(
                    language,
                    "severity",
                    Severity::ALL.iter().map(|s| s.as_str()),
                    // A blank row offers the next severity.
                    &[match posted.text(&name("severity")) {
                        "" => Severity::ALL[i % Severity::ALL.len()].as_str(),
                        chosen => chosen,
                    }],
                ),
                severity: Field::new(
                    name("severity"),
                    posted.raw(&name("severity")),
                    &mut refusal,
                ),
                minutes: Field::new(
                    name("escalate_within_minutes"),
                    posted.raw(&name("escalate_within_minutes")),
                    &mut refusal,
                ),
                amount: Field::new(name("amount"), posted.raw(&name("amount")), &mut refusal),
            }
        })
        .collect();
    refusal.settle();
    let kind = posted.text("monthly_cap.kind");
    let data = LiabilityPage {
        head: Head::of(
            &seen,
            language,
            me.role.may(Permission::WriteContracts),
            "liability",
        ),
        saved,
        refusal,
        currency: seen.contract.currency.clone(),
        cap_error,
        cap_kinds: ["", "amount", "percent"]
            .into_iter()
            .map(|k| Choice {
                value: k.to_owned(),
                text: language.text(
                    match k {
                        "amount" => "terms-cap-kind-amount",
                        "percent" => "terms-cap-kind-percent",
                        _ => "terms-cap-kind-none",
                    },
                    &[],
                ),
                selected: k == kind,
            })
            .collect(),
        cap_amount,
        cap_percent,
        annual_cap,
        uncapped,
        categories: choices(
            language,
            "terms-category",
            PenaltyCategory::ALL.iter().map(|c| c.as_str()),
            &posted.values("uncapped"),
        ),
        duties_error,
        duties,
        termination,
    };
    signed.render_for(
        &me,
        status,
        "terms_liability",
        "terms-liability-title",
        &data,
    )
}
