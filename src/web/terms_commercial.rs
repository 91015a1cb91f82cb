//! The commercial terms of a contract: payment, tax, rounding, the service
//! scope and hours, whose KPI figures prevail and by how much they may
//! differ, when an unanswered report is deemed accepted.

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
use crate::domain::terms::{
    Channel, Commercial, KpiSource, PaymentMethod, PaymentTerms, RoundingMode, ServiceHours,
    ServiceLine, ServiceScope, Weekday,
};
use crate::domain::violation::Violations;
use crate::domain::{ContractId, Permission};

/// Rows of service hours the form offers: one a weekday.
const HOURS_ROWS: usize = 7;

#[derive(Serialize)]
struct CommercialPage {
    #[serde(flatten)]
    head: Head,
    saved: bool,
    refusal: Refusal,
    currency: String,
    time_zone: String,
    net_days: Field,
    method: Field,
    methods: Vec<Choice>,
    tax_rate: Field,
    rounding: Field,
    roundings: Vec<Choice>,
    kpi_source: Field,
    sources: Vec<Choice>,
    tolerance: Field,
    deemed: Field,
    channels: Field,
    channel_choices: Vec<Choice>,
    lines: Field,
    line_choices: Vec<Choice>,
    hours_error: Option<String>,
    hours: Vec<HoursRow>,
}

#[derive(Serialize)]
struct HoursRow {
    index: usize,
    weekdays: Vec<Choice>,
    from: Field,
    to: Field,
    error: Option<String>,
}

#[get("/contracts/{id}/terms/commercial")]
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

#[post("/contracts/{id}/terms/commercial")]
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
    let rows = filled_rows(&posted, "scope.hours", HOURS_ROWS, &["from", "to"]);
    let outcome = match commercial(&posted, &rows) {
        Ok(value) => replace_single(signed.app(), signed.caller(), id, value)
            .await
            .map(|_| ())
            // The use case names the rows of hours it was given; the form's may differ.
            .map_err(|error| match error {
                AppError::Invalid(v) => AppError::Invalid(to_form_rows(
                    without_part("commercial.", v),
                    "scope.hours",
                    &rows,
                )),
                other => other,
            }),
        Err(v) => Err(AppError::Invalid(v)),
    };
    match outcome {
        Ok(()) => Ok(super::sign_in::see_other(&format!(
            "/contracts/{}/terms/commercial?saved=1",
            id.get()
        ))),
        Err(error) => {
            let (status, refusal) =
                refused(signed.visitor.language, error, &[]).map_err(|e| signed.fail(e))?;
            page(&signed, id, Some(posted), refusal, status, false).await
        }
    }
}

fn commercial(posted: &Posted, rows: &[usize]) -> Result<Commercial, Violations> {
    let mut v = Violations::default();
    let net_days = posted.whole("payment.net_days", &mut v);
    let method = posted.choice::<PaymentMethod>("payment.method", &mut v);
    let tax_rate = posted.decimal("tax_rate", &mut v);
    let rounding = posted.choice::<RoundingMode>("rounding", &mut v);
    let kpi_source = posted.choice::<KpiSource>("kpi_source", &mut v);
    let tolerance = posted.decimal("discrepancy_tolerance", &mut v);
    let deemed = posted.optional_whole("report_deemed_accepted_after_days", &mut v);
    let channels = posted.ticked::<Channel>("scope.channels", &mut v);
    let lines = posted.ticked::<ServiceLine>("scope.lines", &mut v);
    let mut hours = Vec::new();
    for i in rows {
        let name = format!("scope.hours[{i}].weekday");
        if let Some(weekday) = posted.choice::<Weekday>(&name, &mut v) {
            hours.push(ServiceHours {
                weekday,
                from: posted.text(&format!("scope.hours[{i}].from")).to_owned(),
                to: posted.text(&format!("scope.hours[{i}].to")).to_owned(),
            });
        }
    }
    v.finish(|| {
        Some(Commercial {
            payment: PaymentTerms {
                net_days: net_days?,
                method: method?,
            },
            tax_rate: tax_rate?,
            rounding: rounding?,
            scope: ServiceScope {
                channels: channels?,
                lines: lines?,
                hours,
            },
            kpi_source: kpi_source?,
            discrepancy_tolerance: tolerance?,
            report_deemed_accepted_after_days: deemed?,
        })
    })
}

/// The stored terms as the form would post them.
fn as_posted(c: &Commercial) -> Posted {
    let mut pairs: Vec<(String, String)> = vec![
        ("payment.net_days".into(), c.payment.net_days.to_string()),
        ("payment.method".into(), c.payment.method.as_str().into()),
        ("tax_rate".into(), c.tax_rate.to_string()),
        ("rounding".into(), c.rounding.as_str().into()),
        ("kpi_source".into(), c.kpi_source.as_str().into()),
        (
            "discrepancy_tolerance".into(),
            c.discrepancy_tolerance.to_string(),
        ),
        (
            "report_deemed_accepted_after_days".into(),
            c.report_deemed_accepted_after_days
                .map_or_else(String::new, |d| d.to_string()),
        ),
    ];
    for ch in &c.scope.channels {
        pairs.push(("scope.channels".into(), ch.as_str().into()));
    }
    for line in &c.scope.lines {
        pairs.push(("scope.lines".into(), line.as_str().into()));
    }
    for (i, h) in c.scope.hours.iter().enumerate() {
        pairs.push((
            format!("scope.hours[{i}].weekday"),
            h.weekday.as_str().into(),
        ));
        pairs.push((format!("scope.hours[{i}].from"), h.from.clone()));
        pairs.push((format!("scope.hours[{i}].to"), h.to.clone()));
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
            .map_or_else(Posted::default, |t| as_posted(&t.commercial))
    });
    let may_write = me.role.may(Permission::WriteContracts);
    let mut field = |name: &str| Field::new(name, posted.raw(name), &mut refusal);
    let net_days = field("payment.net_days");
    let method = field("payment.method");
    let tax_rate = field("tax_rate");
    let rounding = field("rounding");
    let kpi_source = field("kpi_source");
    let tolerance = field("discrepancy_tolerance");
    let deemed = field("report_deemed_accepted_after_days");
    let channels = field("scope.channels");
    let lines = field("scope.lines");
    let hours_error = refusal.take("scope.hours");
    let hours = (0..HOURS_ROWS)
        .map(|i| {
            // A blank row offers the next weekday.
            let weekday = match posted.text(&format!("scope.hours[{i}].weekday")) {
                "" => Weekday::ALL[i % Weekday::ALL.len()].as_str(),
                chosen => chosen,
            };
            HoursRow {
                index: i,
                weekdays: choices(
                    language,
                    "terms-weekday",
                    Weekday::ALL.iter().map(|w| w.as_str()),
                    &[weekday],
                ),
                error: refusal
                    .take(&format!("scope.hours[{i}]"))
                    .or_else(|| refusal.take(&format!("scope.hours[{i}].weekday"))),
                from: Field::new(
                    format!("scope.hours[{i}].from"),
                    posted.raw(&format!("scope.hours[{i}].from")),
                    &mut refusal,
                ),
                to: Field::new(
                    format!("scope.hours[{i}].to"),
                    posted.raw(&format!("scope.hours[{i}].to")),
                    &mut refusal,
                ),
            }
        })
        .collect();
    refusal.settle();
    let data = CommercialPage {
        head: Head::of(&seen, language, may_write, "commercial"),
        saved,
        currency: seen.contract.currency.clone(),
        time_zone: seen.contract.time_zone.clone(),
        methods: choices(
            language,
            "terms-method",
            PaymentMethod::ALL.iter().map(|m| m.as_str()),
            &[posted.text("payment.method")],
        ),
        roundings: choices(
            language,
            "terms-rounding",
            RoundingMode::ALL.iter().map(|m| m.as_str()),
            &[posted.text("rounding")],
        ),
        sources: choices(
            language,
            "terms-source",
            KpiSource::ALL.iter().map(|m| m.as_str()),
            &[posted.text("kpi_source")],
        ),
        channel_choices: choices(
            language,
            "terms-channel",
            Channel::ALL.iter().map(|m| m.as_str()),
            &posted.values("scope.channels"),
        ),
        line_choices: choices(
            language,
            "terms-line",
            ServiceLine::ALL.iter().map(|m| m.as_str()),
            &posted.values("scope.lines"),
        ),
        net_days,
        method,
        tax_rate,
        rounding,
        kpi_source,
        tolerance,
        deemed,
        channels,
        lines,
        hours_error,
        hours,
        refusal,
    };
    signed.render_for(
        &me,
        status,
        "terms_commercial",
        "terms-commercial-title",
        &data,
    )
}
