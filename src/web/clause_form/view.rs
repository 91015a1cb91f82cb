//! The clause form as the template draws it: each input named by the API's
//! path with what it holds and the refusals beside it, the lists to choose
//! from, and the words of a schedule that differ for a penalty and a bonus.

use std::str::FromStr;

use serde::Serialize;

use super::{BAND_ROWS, CONDITION_ROWS, Draft, OVERRIDE_ROWS, ScheduleDraft};
use crate::catalogue::Language;
use crate::domain::metric::{CATALOGUE, Direction, Metric, Unit};
use crate::domain::terms::{
    ChargeKindName, MissingData, PenaltyCategory, Phase, StepCounting, Terms,
};
use crate::domain::violation::Violations;

/// One input: its name (the API's path), what it holds and the refusals beside it.
#[derive(Debug, Serialize)]
pub struct Field {
    /// The input's id, for its label: the name without brackets and dots.
    pub id: String,
    pub name: String,
    pub value: String,
    pub errors: Vec<String>,
}

/// One option of a list to choose from.
#[derive(Debug, Serialize)]
pub struct Choice {
    pub value: String,
    pub text: String,
    pub selected: bool,
}

/// The form as the template draws it.
#[derive(Debug, Serialize)]
pub struct FormView {
    pub name: Field,
    pub metric: Field,
    pub metrics: Vec<Choice>,
    pub target: Field,
    pub applies_from_phase: Field,
    pub phases: Vec<Choice>,
    pub grace_days: Field,
    pub min_sample: Field,
    pub missing_data: Field,
    pub missing_choices: Vec<Choice>,
    pub category: Field,
    pub categories: Vec<Choice>,
    pub penalty: ScheduleView,
    pub bonus: ScheduleView,
    pub conditions: Vec<ConditionRow>,
    pub conditions_errors: Vec<String>,
    pub overrides: Vec<OverrideRow>,
    pub overrides_errors: Vec<String>,
    /// Refusals no field of the form shows.
    pub other_errors: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct ScheduleView {
    /// `penalty` or `bonus`: the ids of its inputs.
    pub side: &'static str,
    /// What its parts are called and mean, for this side.
    pub words: ShapeWords,
    /// `penalty.` or `bonus.schedule.`: the names of its inputs.
    pub prefix: &'static str,
    pub shapes: Vec<Choice>,
    pub errors: Vec<String>,
    pub bands: BandsView,
    pub per_step: bool,
    pub step: Field,
    pub step_amount: Field,
    pub counting: Field,
    pub countings: Vec<Choice>,
    pub max: Field,
    pub fixed: bool,
    pub fixed_amount: Field,
}

/// The words of a schedule that differ between a penalty and a bonus.
#[derive(Debug, Serialize)]
pub struct ShapeWords {
    pub legend: String,
    pub bands: String,
    pub per_step: String,
    pub fixed: String,
    pub amount: String,
    pub step_amount: String,
    pub fixed_amount: String,
}

impl ShapeWords {
    fn of(language: Language, side: &str) -> Self {
        let t = |key: &str| language.text(&format!("clause-{side}-{key}"), &[]);
        ShapeWords {
            legend: t("legend"),
            bands: t("bands-explained"),
            per_step: t("per-step-explained"),
            fixed: t("fixed-explained"),
            amount: t("amount"),
            step_amount: t("step-amount"),
            fixed_amount: t("fixed-amount"),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct BandsView {
    pub chosen: bool,
    pub kinds: Vec<Choice>,
    pub kinds_errors: Vec<String>,
    pub rows: Vec<BandRow>,
    pub errors: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct BandRow {
    pub number: usize,
    pub threshold: Field,
    pub inclusive: bool,
    pub inclusive_name: String,
    pub amount: Field,
    pub percent: Field,
    /// Refusals of the band as a whole (it pays less than the one before).
    pub errors: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct ConditionRow {
    pub metric: Field,
    pub metrics: Vec<Choice>,
    pub threshold: Field,
}

#[derive(Debug, Serialize)]
pub struct OverrideRow {
    pub label: Field,
    pub from: Field,
    pub to: Field,
    pub target: Field,
}

/// `penalty.bands[1].threshold` as an id: `penalty-bands-1-threshold`.
fn field_id(name: &str) -> String {
    name.chars()
        .filter(|c| *c != ']')
        .map(|c| if c == '.' || c == '[' { '-' } else { c })
        .collect()
}

/// Refusals by the path of their field, taken as the form finds their place.
pub struct Errors(Vec<(String, String)>);

impl Errors {
    pub fn new(language: Language, violations: &Violations) -> Self {
        Self(
            violations
                .iter()
                .map(|v| (v.field.clone(), language.message(&v.message)))
                .collect(),
        )
    }

    pub fn none() -> Self {
        Self(Vec::new())
    }

    /// The refusals of exactly `path`.
    fn take(&mut self, path: &str) -> Vec<String> {
        self.take_where(|field| field == path)
    }

    /// The refusals of `path` and of everything under it.
    fn take_under(&mut self, path: &str) -> Vec<String> {
        self.take_where(|field| {
            field == path
                || field
                    .strip_prefix(path)
                    .is_some_and(|rest| rest.starts_with(['.', '[']))
        })
    }

    fn take_where(&mut self, matches: impl Fn(&str) -> bool) -> Vec<String> {
        let (taken, kept) = std::mem::take(&mut self.0)
            .into_iter()
            .partition(|(f, _)| matches(f));
        self.0 = kept;
        taken.into_iter().map(|(_, m)| m).collect()
    }

    fn field(&mut self, name: &str, value: &str) -> Field {
        Field {
            id: field_id(name),
            name: name.to_owned(),
            value: value.to_owned(),
            errors: self.take(name),
        }
    }

    /// The refusals no field took.
    pub fn rest(self) -> Vec<String> {
        self.0.into_iter().map(|(_, m)| m).collect()
    }
}

/// A metric in the list: its name, unit and which way is better.
fn metric_choices(language: Language, chosen: &str, empty: bool) -> Vec<Choice> {
    let mut choices = Vec::new();
    if empty {
        choices.push(Choice {
            value: String::new(),
            text: "—".to_owned(),
            selected: chosen.is_empty(),
        });
    }
    choices.extend(CATALOGUE.iter().map(|m| Choice {
        value: m.code.to_owned(),
        text: metric_text(language, m),
        selected: m.code == chosen,
    }));
    choices
}

fn metric_text(language: Language, metric: &Metric) -> String {
    let unit = match metric.unit {
        Unit::Count => "count",
        Unit::Percent => "percent",
        Unit::Seconds => "seconds",
        Unit::Money => "money",
        Unit::Score => "score",
    };
    let better = match metric.direction {
        Direction::HigherIsBetter => "higher",
        Direction::LowerIsBetter => "lower",
    };
    language.text(
        "clause-metric-option",
        &[
            ("metric", language.metric_name(metric).to_owned()),
            ("unit", language.text(&format!("clause-unit-{unit}"), &[])),
            ("better", better.to_owned()),
        ],
    )
}

fn choices<'a>(
    names: impl IntoIterator<Item = &'a str>,
    word: impl Fn(&str) -> String,
    chosen: &str,
) -> Vec<Choice> {
    names
        .into_iter()
        .map(|name| Choice {
            value: name.to_owned(),
            text: word(name),
            selected: name == chosen,
        })
        .collect()
}

impl Draft {
    /// The form to draw: the draft's values, each refusal beside its field,
    /// blank rows after the ones kept.
    pub fn view(&self, language: Language, terms: &Terms, mut errors: Errors) -> FormView {
        let e = &mut errors;
        let name = e.field("name", &self.name);
        let metric = e.field("metric", &self.metric);
        let target = e.field("target", &self.target);
        let applies_from_phase = e.field("applies_from_phase", &self.applies_from_phase);
        let mut phases = vec![Choice {
            value: String::new(),
            text: language.text("clause-all-phases", &[]),
            selected: self.applies_from_phase.is_empty(),
        }];
        phases.extend(terms.phases_in_order().into_iter().map(|p: &Phase| Choice {
            value: p.id.to_string(),
            text: p.spec.name.clone(),
            selected: p.id.to_string() == self.applies_from_phase,
        }));
        let grace_days = e.field("grace_days", &self.grace_days);
        let min_sample = e.field("min_sample", &self.min_sample);
        let missing_data = e.field("missing_data", &self.missing_data);
        let category = e.field("category", &self.category);
        let penalty = self.penalty.view(language, terms, "penalty", "penalty.", e);
        let bonus = self
            .bonus
            .view(language, terms, "bonus", "bonus.schedule.", e);
        let conditions = (0..CONDITION_ROWS)
            .map(|i| {
                let row = self.conditions.get(i).cloned().unwrap_or_default();
                let field = format!("bonus.also_requires[{i}]");
                ConditionRow {
                    metric: e.field(&format!("{field}.metric"), &row[0]),
                    metrics: metric_choices(language, &row[0], true),
                    threshold: e.field(&format!("{field}.threshold"), &row[1]),
                }
            })
            .collect();
        let conditions_errors = e.take_under("bonus");
        let overrides = (0..OVERRIDE_ROWS)
            .map(|i| {
                let row = self.overrides.get(i).cloned().unwrap_or_default();
                let field = format!("overrides[{i}]");
                OverrideRow {
                    label: e.field(&format!("{field}.label"), &row[0]),
                    from: e.field(&format!("{field}.from"), &row[1]),
                    to: e.field(&format!("{field}.to"), &row[2]),
                    target: e.field(&format!("{field}.target"), &row[3]),
                }
            })
            .collect();
        let overrides_errors = e.take_under("overrides");
        FormView {
            metrics: metric_choices(language, &self.metric, true),
            phases,
            missing_choices: choices(
                MissingData::ALL.iter().map(|m| m.as_str()),
                |m| language.text(&format!("clause-missing-{m}"), &[]),
                &self.missing_data,
            ),
            categories: choices(
                PenaltyCategory::ALL.iter().map(|c| c.as_str()),
                |c| language.text(&format!("category-{}", c.replace('_', "-")), &[]),
                &self.category,
            ),
            name,
            metric,
            target,
            applies_from_phase,
            grace_days,
            min_sample,
            missing_data,
            category,
            penalty,
            bonus,
            conditions,
            conditions_errors,
            overrides,
            overrides_errors,
            other_errors: errors.rest(),
        }
    }
}

impl ScheduleDraft {
    fn view(
        &self,
        language: Language,
        terms: &Terms,
        side: &'static str,
        prefix: &'static str,
        e: &mut Errors,
    ) -> ScheduleView {
        let shape = self.shape.as_str();
        let rows = (0..BAND_ROWS)
            .map(|i| {
                let band = self.bands.get(i).cloned().unwrap_or_default();
                let field = format!("{prefix}bands[{i}]");
                BandRow {
                    number: i + 1,
                    threshold: e.field(&format!("{field}.threshold"), &band.threshold),
                    inclusive: band.inclusive,
                    inclusive_name: format!("{field}.inclusive"),
                    amount: e.field(&format!("{field}.amount"), &band.amount),
                    percent: e.field(&format!("{field}.percent"), &band.percent),
                    errors: e.take_under(&field),
                }
            })
            .collect();
        // The kinds of charges the contract has, and any the clause names.
        let mut kinds: Vec<ChargeKindName> = terms.charges.iter().map(|c| c.spec.kind()).collect();
        kinds.extend(
            self.kinds
                .iter()
                .filter_map(|k| ChargeKindName::from_str(k).ok()),
        );
        kinds.sort();
        kinds.dedup();
        let bands = BandsView {
            chosen: shape == "bands",
            kinds: kinds
                .into_iter()
                .map(|k| Choice {
                    value: format!("{prefix}fee_base.charge_kinds.{}", k.as_str()),
                    text: language.text(
                        &format!("charge-kind-{}", k.as_str().replace('_', "-")),
                        &[],
                    ),
                    selected: self.kinds.iter().any(|c| c == k.as_str()),
                })
                .collect(),
            kinds_errors: e.take_under(&format!("{prefix}fee_base")),
            rows,
            errors: e.take(&format!("{prefix}bands")),
        };
        let (step_amount, fixed_amount) = match shape {
            "fixed" => (
                Field {
                    id: field_id(&format!("{prefix}amount")),
                    name: format!("{prefix}amount"),
                    value: self.step_amount.clone(),
                    errors: Vec::new(),
                },
                Field {
                    id: field_id(&format!("{prefix}fixed_amount")),
                    name: format!("{prefix}fixed_amount"),
                    value: self.fixed_amount.clone(),
                    errors: e.take(&format!("{prefix}amount")),
                },
            ),
            _ => (
                e.field(&format!("{prefix}amount"), &self.step_amount),
                Field {
                    id: field_id(&format!("{prefix}fixed_amount")),
                    name: format!("{prefix}fixed_amount"),
                    value: self.fixed_amount.clone(),
                    errors: Vec::new(),
                },
            ),
        };
        let counting = if self.counting.is_empty() {
            StepCounting::Whole.as_str().to_owned()
        } else {
            self.counting.clone()
        };
        ScheduleView {
            side,
            words: ShapeWords::of(language, side),
            prefix,
            shapes: ["none", "bands", "per_step", "fixed"]
                .into_iter()
                .map(|s| Choice {
                    value: s.to_owned(),
                    text: language.text(&format!("clause-shape-{}", s.replace('_', "-")), &[]),
                    selected: s == shape,
                })
                .collect(),
            bands,
            per_step: shape == "per_step",
            step: e.field(&format!("{prefix}step"), &self.step),
            step_amount,
            countings: choices(
                StepCounting::ALL.iter().map(|c| c.as_str()),
                |c| language.text(&format!("line-counting-{}", c.replace('_', "-")), &[]),
                &counting,
            ),
            counting: e.field(&format!("{prefix}counting"), &counting),
            max: e.field(&format!("{prefix}max"), &self.max),
            fixed: shape == "fixed",
            fixed_amount,
            errors: e.take(prefix.trim_end_matches('.')),
        }
    }
}
