//! The checks of what a report's writer and its reviewer send: the body of a
//! report, and the comments of a dispute.

use chrono::NaiveDate;
use serde::Deserialize;
use utoipa::ToSchema;

use super::views::split_of;
use crate::app::entered::{EnteredFigure, check_totals};
use crate::app::month::Month;
use crate::domain::decimal;
use crate::domain::message::{Message, listed, msg};
use crate::domain::report::{
    DisputeComment, FigureOrigin, MonthlyReport, Narrative, ReportFigure, Staffing, TEXT_MAX,
    segments,
};
use crate::domain::terms::KpiSource;
use crate::domain::text::parse_text;
use crate::domain::violation::Violations;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReportBody {
    pub staffing: Staffing,
    #[serde(default)]
    pub narrative: Narrative,
    /// Figures for metrics without a daily feed; the rest are summed from the feed.
    #[serde(default)]
    pub figures: Vec<EnteredFigure>,
    /// Answers to the merchant's comments, for a disputed report: one per
    /// contested figure at most.
    #[serde(default)]
    pub answers: Vec<DisputeAnswer>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DisputeBody {
    /// One comment per contested figure.
    pub comments: Vec<ContestedFigure>,
}

/// The merchant's objection to one figure of a report.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ContestedFigure {
    pub metric: String,
    pub comment: String,
}

/// The vendor's answer to the merchant's comment on a disputed figure.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DisputeAnswer {
    pub metric: String,
    pub answer: String,
}

/// The report's figures (the feed's, then those entered) and its narrative,
/// once every rule holds.
pub(super) fn check_body(
    body: &ReportBody,
    month: &Month,
) -> Result<(Vec<ReportFigure>, Narrative), Violations> {
    let mut errors = Violations::default();
    if body.staffing.attrition_percent < rust_decimal::Decimal::ZERO
        || body.staffing.attrition_percent > rust_decimal::Decimal::ONE_HUNDRED
    {
        errors.add("staffing.attrition_percent", msg!("error-attrition-range"));
    }
    if body.staffing.attrition_percent.scale() > decimal::MAX_SCALE {
        errors.add(
            "staffing.attrition_percent",
            msg!("error-too-many-places", max = decimal::MAX_SCALE),
        );
    }
    let text = |errors: &mut Violations, field: &str, value: &str| {
        if value.is_empty() {
            return String::new();
        }
        errors
            .check(field.to_owned(), parse_text(value, TEXT_MAX))
            .unwrap_or_default()
    };
    let narrative = Narrative {
        problems: text(&mut errors, "narrative.problems", &body.narrative.problems),
        actions: text(&mut errors, "narrative.actions", &body.narrative.actions),
        requests: text(&mut errors, "narrative.requests", &body.narrative.requests),
    };
    let month_days = (month.window.from, month.window.to);
    let checked = check_totals(&body.figures, month_days, &mut errors, |metric| {
        vendor_feeds(month, metric.code).then(|| msg!("error-figure-from-feed"))
    });
    let mut entered = Vec::with_capacity(checked.len());
    for figure in checked {
        let wanted = split_of(month, figure.metric.code);
        let given: Vec<(NaiveDate, NaiveDate)> =
            figure.segments.iter().map(|s| (s.from, s.to)).collect();
        if given != wanted {
            errors.add(
                format!("figures[{}].segments", figure.index),
                parts_wanted(&wanted),
            );
            continue;
        }
        entered.push(ReportFigure {
            metric: figure.metric.code.to_owned(),
            origin: FigureOrigin::Entered,
            for_billing: figure.sums,
            for_sla: figure.sums,
            segments: figure.segments,
        });
    }
    errors.finish(|| Some((figures_of(month, &entered), narrative)))
}

/// The comments of a dispute of `report`: at least one, each on a figure of
/// the report, no figure twice.
pub(super) fn check_comments(
    body: &DisputeBody,
    report: &MonthlyReport,
) -> Result<Vec<DisputeComment>, Violations> {
    let mut errors = Violations::default();
    if body.comments.is_empty() {
        errors.add("comments", msg!("error-dispute-no-comments"));
    }
    let mut comments = Vec::new();
    for (i, c) in body.comments.iter().enumerate() {
        if !report.figures.iter().any(|f| f.metric == c.metric) {
            errors.add(
                format!("comments[{i}].metric"),
                msg!("error-dispute-not-a-figure"),
            );
        } else if body.comments[..i].iter().any(|o| o.metric == c.metric) {
            errors.add(format!("comments[{i}].metric"), msg!("error-named-twice"));
        }
        let comment = errors.check(
            format!("comments[{i}].comment"),
            parse_text(&c.comment, TEXT_MAX),
        );
        comments.extend(comment.map(|comment| DisputeComment {
            metric: c.metric.clone(),
            comment,
            answer: None,
        }));
    }
    errors.finish(|| Some(comments))
}

/// The merchant's comments with the vendor's `answers` set on them: each on
/// a contested figure, none twice; a report not under dispute takes none.
pub(super) fn answered(
    answers: &[DisputeAnswer],
    disputed: bool,
    comments: &[DisputeComment],
) -> Result<Vec<DisputeComment>, Violations> {
    let mut errors = Violations::default();
    let mut comments = comments.to_vec();
    if !answers.is_empty() && !disputed {
        errors.add("answers", msg!("error-answers-not-disputed"));
        return Err(errors);
    }
    for (i, a) in answers.iter().enumerate() {
        let Some(index) = comments.iter().position(|c| c.metric == a.metric) else {
            errors.add(
                format!("answers[{i}].metric"),
                msg!("error-answer-not-contested"),
            );
            continue;
        };
        if answers[..i].iter().any(|o| o.metric == a.metric) {
            errors.add(format!("answers[{i}].metric"), msg!("error-named-twice"));
            continue;
        }
        if a.answer.trim().is_empty() {
            comments[index].answer = None;
            continue;
        }
        let answer = errors.check(
            format!("answers[{i}].answer"),
            parse_text(&a.answer, TEXT_MAX),
        );
        comments[index].answer = answer;
    }
    errors.finish(|| Some(comments))
}

/// The vendor's feed, summed for the report (part by part where the terms
/// cut the month); then the entered figures.
pub(super) fn figures_of(month: &Month, entered: &[ReportFigure]) -> Vec<ReportFigure> {
    let fed = month.figures.iter().filter_map(|f| {
        let vendor = f.sources.iter().find(|s| s.source == KpiSource::Vendor)?;
        let code = f.metric.code;
        Some(ReportFigure {
            metric: code.to_owned(),
            origin: FigureOrigin::Feed,
            for_billing: vendor.for_billing,
            for_sla: vendor.for_sla,
            segments: segments::summed(
                &month.rows,
                code,
                KpiSource::Vendor,
                &month.window.excluded,
                &split_of(month, code),
            ),
        })
    });
    let mut figures: Vec<ReportFigure> = fed.collect();
    figures.extend(
        entered
            .iter()
            .filter(|e| e.origin == FigureOrigin::Entered)
            .filter(|e| figures.iter().all(|f| f.metric != e.metric))
            .cloned()
            .collect::<Vec<_>>(),
    );
    figures
}

fn vendor_feeds(month: &Month, metric: &str) -> bool {
    month
        .figures
        .iter()
        .any(|f| f.metric.code == metric && f.sources.iter().any(|s| s.source == KpiSource::Vendor))
}

/// What a report must say of a metric's parts.
fn parts_wanted(wanted: &[(NaiveDate, NaiveDate)]) -> Message {
    let parts = listed(
        wanted
            .iter()
            .map(|&(from, to)| msg!("date-range", from = from, to = to)),
    );
    match parts {
        None => msg!("error-parts-whole-month"),
        Some(parts) => msg!("error-parts-wanted", parts = parts),
    }
}
