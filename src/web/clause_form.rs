//! The form of an SLA clause: what it posts, read into the clause the API
//! takes (blank rows left out), and drawn again with each refusal beside the
//! field it concerns. Inputs are named by the API's own paths
//! (`penalty.bands[1].threshold`), so a refusal finds its field by name.
//!
//! Nested lists are a fixed number of rows. The rows kept are numbered as
//! the API numbers them, so a form drawn again after a refusal shows them
//! first, in order, and the blank ones after.

use std::collections::HashMap;
use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::catalogue::Language;
use crate::domain::message::msg;
use crate::domain::metric::{CATALOGUE, Direction, Metric, Unit};
use crate::domain::terms::{
    Band, BandsSchedule, Bonus, ChargeKindName, Condition, FeeBase, FixedSchedule, MissingData,
    PenaltyCategory, PerStepSchedule, Phase, Schedule, SlaClauseSpec, StepCounting, TargetOverride,
    Terms,
};
use crate::domain::violation::Violations;

/// The form as posted: every field by name.
pub type Fields = HashMap<String, String>;

/// Rows of bands in each schedule.
pub const BAND_ROWS: usize = 6;
/// Rows of a bonus's further conditions.
pub const CONDITION_ROWS: usize = 3;
/// Rows of target windows (双11, 618 …).
pub const OVERRIDE_ROWS: usize = 3;

const SHAPES: [&str; 3] = ["bands", "per_step", "fixed"];

/// A clause as the form holds it: text as typed, the rows kept in order.
#[derive(Debug, Clone, Default)]
pub struct Draft {
    name: String,
    metric: String,
    target: String,
    applies_from_phase: String,
    grace_days: String,
    min_sample: String,
    missing_data: String,
    category: String,
    penalty: ScheduleDraft,
    bonus: ScheduleDraft,
    conditions: Vec<[String; 2]>,
    overrides: Vec<[String; 4]>,
}

#[derive(Debug, Clone, Default)]
struct ScheduleDraft {
    /// `none`, `bands`, `per_step` or `fixed`.
    shape: String,
    kinds: Vec<String>,
    bands: Vec<BandDraft>,
    step: String,
    step_amount: String,
    counting: String,
    max: String,
    fixed_amount: String,
}

#[derive(Debug, Clone, Default)]
struct BandDraft {
    threshold: String,
    inclusive: bool,
    amount: String,
    percent: String,
}

fn text(fields: &Fields, name: &str) -> String {
    fields
        .get(name)
        .map_or_else(String::new, |v| v.trim().to_owned())
}

fn blank(values: &[&String]) -> bool {
    values.iter().all(|v| v.is_empty())
}

impl ScheduleDraft {
    fn read(fields: &Fields, prefix: &str) -> Self {
        let bands = (0..BAND_ROWS)
            .map(|i| BandDraft {
                threshold: text(fields, &format!("{prefix}bands[{i}].threshold")),
                inclusive: fields.contains_key(&format!("{prefix}bands[{i}].inclusive")),
                amount: text(fields, &format!("{prefix}bands[{i}].amount")),
                percent: text(fields, &format!("{prefix}bands[{i}].percent")),
            })
            .filter(|b| !blank(&[&b.threshold, &b.amount, &b.percent]))
            .collect();
        let kinds = ChargeKindName::ALL
            .iter()
            .map(|k| k.as_str().to_owned())
            .filter(|k| fields.contains_key(&format!("{prefix}fee_base.charge_kinds.{k}")))
            .collect();
        let shape = text(fields, &format!("{prefix}type"));
        ScheduleDraft {
            shape: if SHAPES.contains(&shape.as_str()) {
                shape
            } else {
                "none".to_owned()
            },
            kinds,
            bands,
            step: text(fields, &format!("{prefix}step")),
            step_amount: text(fields, &format!("{prefix}amount")),
            counting: text(fields, &format!("{prefix}counting")),
            max: text(fields, &format!("{prefix}max")),
            fixed_amount: text(fields, &format!("{prefix}fixed_amount")),
        }
    }

    fn of(schedule: Option<&Schedule>) -> Self {
        let mut draft = ScheduleDraft {
            shape: "none".to_owned(),
            counting: StepCounting::Whole.as_str().to_owned(),
            ..Self::default()
        };
        match schedule {
            None => {}
            Some(Schedule::Bands(BandsSchedule { fee_base, bands })) => {
                draft.shape = "bands".to_owned();
                draft.kinds = fee_base
                    .iter()
                    .flat_map(|b| &b.charge_kinds)
                    .map(|k| k.as_str().to_owned())
                    .collect();
                draft.bands = bands
                    .iter()
                    .map(|b| BandDraft {
                        threshold: plain(b.threshold),
                        inclusive: b.inclusive,
                        amount: b.amount.map(plain).unwrap_or_default(),
                        percent: b.percent.map(plain).unwrap_or_default(),
                    })
                    .collect();
            }
            Some(Schedule::PerStep(s)) => {
                draft.shape = "per_step".to_owned();
                draft.step = plain(s.step);
                draft.step_amount = plain(s.amount);
                draft.counting = s.counting.as_str().to_owned();
                draft.max = s.max.map(plain).unwrap_or_default();
            }
            Some(Schedule::Fixed(f)) => {
                draft.shape = "fixed".to_owned();
                draft.fixed_amount = plain(f.amount);
            }
        }
        draft
    }

    /// The schedule, or the fields that could not be read (paths under `prefix`).
    fn schedule(&self, prefix: &str, v: &mut Violations) -> Option<Schedule> {
        match self.shape.as_str() {
            "bands" => {
                let bands = self
                    .bands
                    .iter()
                    .enumerate()
                    .map(|(i, b)| {
                        let field = format!("{prefix}bands[{i}]");
                        Band {
                            threshold: number(&b.threshold, &format!("{field}.threshold"), v),
                            inclusive: b.inclusive,
                            amount: optional(&b.amount, &format!("{field}.amount"), v),
                            percent: optional(&b.percent, &format!("{field}.percent"), v),
                        }
                    })
                    .collect();
                let fee_base = (!self.kinds.is_empty()).then(|| FeeBase {
                    charge_kinds: self
                        .kinds
                        .iter()
                        .filter_map(|k| ChargeKindName::from_str(k).ok())
                        .collect(),
                });
                Some(Schedule::Bands(BandsSchedule { fee_base, bands }))
            }
            "per_step" => Some(Schedule::PerStep(PerStepSchedule {
                step: number(&self.step, &format!("{prefix}step"), v),
                amount: number(&self.step_amount, &format!("{prefix}amount"), v),
                counting: StepCounting::from_str(&self.counting).unwrap_or(StepCounting::Whole),
                max: optional(&self.max, &format!("{prefix}max"), v),
            })),
            "fixed" => Some(Schedule::Fixed(FixedSchedule {
                amount: number(&self.fixed_amount, &format!("{prefix}amount"), v),
            })),
            _ => None,
        }
    }
}

/// A figure as the terms wrote it, without trailing zeros beyond them.
fn plain(value: Decimal) -> String {
    value.to_string()
}

/// The number typed in `field`; a blank or unreadable one is a broken rule.
fn number(raw: &str, field: &str, v: &mut Violations) -> Decimal {
    optional(raw, field, v).unwrap_or_else(|| {
        if raw.is_empty() {
            v.add(field, msg!("number-wanted"));
        }
        Decimal::ZERO
    })
}

/// The number typed in `field`, `None` when blank; an unreadable one is a broken rule.
fn optional(raw: &str, field: &str, v: &mut Violations) -> Option<Decimal> {
    if raw.is_empty() {
        return None;
    }
    // 5,000.00 as people write it.
    let cleaned: String = raw.chars().filter(|c| *c != ',' && *c != '，').collect();
    match Decimal::from_str_exact(&cleaned) {
        Ok(value) => Some(value),
        Err(_) => {
            v.add(field, msg!("number-wanted"));
            None
        }
    }
}

fn whole<T: FromStr + Default>(raw: &str, field: &str, v: &mut Violations) -> T {
    if raw.is_empty() {
        return T::default();
    }
    raw.parse().unwrap_or_else(|_| {
        v.add(field, msg!("whole-number-wanted"));
        T::default()
    })
}

fn date(raw: &str, field: &str, v: &mut Violations) -> NaiveDate {
    NaiveDate::parse_from_str(raw, "%Y-%m-%d").unwrap_or_else(|_| {
        v.add(field, msg!("clause-date-wanted"));
        NaiveDate::MIN
    })
}

impl Draft {
    /// What the form posted.
    pub fn read(fields: &Fields) -> Self {
        let conditions = (0..CONDITION_ROWS)
            .map(|i| {
                let field = format!("bonus.also_requires[{i}]");
                [
                    text(fields, &format!("{field}.metric")),
                    text(fields, &format!("{field}.threshold")),
                ]
            })
            .filter(|row| !blank(&[&row[0], &row[1]]))
            .collect();
        let overrides = (0..OVERRIDE_ROWS)
            .map(|i| {
                let field = format!("overrides[{i}]");
                ["label", "from", "to", "target"]
                    .map(|part| text(fields, &format!("{field}.{part}")))
            })
            .filter(|row| !blank(&row.iter().collect::<Vec<_>>()))
            .collect();
        Draft {
            name: text(fields, "name"),
            metric: text(fields, "metric"),
            target: text(fields, "target"),
            applies_from_phase: text(fields, "applies_from_phase"),
            grace_days: text(fields, "grace_days"),
            min_sample: text(fields, "min_sample"),
            missing_data: text(fields, "missing_data"),
            category: text(fields, "category"),
            penalty: ScheduleDraft::read(fields, "penalty."),
            bonus: ScheduleDraft::read(fields, "bonus.schedule."),
            conditions,
            overrides,
        }
    }

    /// An empty form: a penalty in bands offered first.
    pub fn blank() -> Self {
        let mut draft = Self::of(None);
        draft.penalty.shape = "bands".to_owned();
        draft
    }

    /// The form of a stored clause (or of none).
    pub fn of(spec: Option<&SlaClauseSpec>) -> Self {
        let Some(spec) = spec else {
            return Draft {
                missing_data: MissingData::Breach.as_str().to_owned(),
                category: PenaltyCategory::Sla.as_str().to_owned(),
                penalty: ScheduleDraft::of(None),
                bonus: ScheduleDraft::of(None),
                ..Self::default()
            };
        };
        let bonus = spec.bonus.as_ref();
        Draft {
            name: spec.name.clone(),
            metric: spec.metric.clone(),
            target: plain(spec.target),
            applies_from_phase: spec
                .applies_from_phase
                .map(|p| p.to_string())
                .unwrap_or_default(),
            grace_days: spec.grace_days.to_string(),
            min_sample: spec.min_sample.to_string(),
            missing_data: spec.missing_data.as_str().to_owned(),
            category: spec.category.as_str().to_owned(),
            penalty: ScheduleDraft::of(spec.penalty.as_ref()),
            bonus: ScheduleDraft::of(bonus.map(|b| &b.schedule)),
            conditions: bonus
                .iter()
                .flat_map(|b| &b.also_requires)
                .map(|c| [c.metric.clone(), plain(c.threshold)])
                .collect(),
            overrides: spec
                .overrides
                .iter()
                .map(|o| {
                    [
                        o.label.clone(),
                        o.from.to_string(),
                        o.to.to_string(),
                        plain(o.target),
                    ]
                })
                .collect(),
        }
    }

    /// The clause the form says, or the fields it could not read. The rules
    /// of a clause are the use case's; this reads numbers, dates and choices.
    pub fn spec(&self) -> Result<SlaClauseSpec, Violations> {
        let mut v = Violations::default();
        let target = number(&self.target, "target", &mut v);
        let applies_from_phase = (!self.applies_from_phase.is_empty())
            .then(|| whole::<u32>(&self.applies_from_phase, "applies_from_phase", &mut v));
        let grace_days = whole(&self.grace_days, "grace_days", &mut v);
        let min_sample = whole(&self.min_sample, "min_sample", &mut v);
        let overrides = self
            .overrides
            .iter()
            .enumerate()
            .map(|(i, [label, from, to, target])| {
                let field = format!("overrides[{i}]");
                TargetOverride {
                    label: label.clone(),
                    from: date(from, &format!("{field}.from"), &mut v),
                    to: date(to, &format!("{field}.to"), &mut v),
                    target: number(target, &format!("{field}.target"), &mut v),
                }
            })
            .collect();
        let penalty = self.penalty.schedule("penalty.", &mut v);
        let bonus_schedule = self.bonus.schedule("bonus.schedule.", &mut v);
        let also_requires: Vec<Condition> = self
            .conditions
            .iter()
            .enumerate()
            .map(|(i, [metric, threshold])| Condition {
                metric: metric.clone(),
                threshold: number(
                    threshold,
                    &format!("bonus.also_requires[{i}].threshold"),
                    &mut v,
                ),
            })
            .collect();
        if bonus_schedule.is_none() && !also_requires.is_empty() {
            v.add(
                "bonus.also_requires[0].metric",
                msg!("clause-conditions-without-bonus"),
            );
        }
        let spec = SlaClauseSpec {
            name: self.name.clone(),
            metric: self.metric.clone(),
            target,
            applies_from_phase,
            grace_days,
            overrides,
            min_sample,
            missing_data: MissingData::from_str(&self.missing_data).unwrap_or(MissingData::Breach),
            category: PenaltyCategory::from_str(&self.category).unwrap_or(PenaltyCategory::Sla),
            penalty,
            bonus: bonus_schedule.map(|schedule| Bonus {
                schedule,
                also_requires,
            }),
        };
        v.into_result().map(|()| spec)
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(pairs: &[(&str, &str)]) -> Fields {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn blank_band_rows_are_left_out_and_the_rest_numbered_as_the_api_does() {
        let draft = Draft::read(&fields(&[
            ("name", "首次响应"),
            ("metric", "first_response_time"),
            ("target", "30"),
            ("penalty.type", "bands"),
            ("penalty.bands[1].threshold", "40"),
            ("penalty.bands[1].amount", "1,000.00"),
            ("penalty.bands[4].threshold", "x"),
            ("penalty.bands[4].amount", "2000"),
        ]));
        let error = draft.spec().unwrap_err();
        let fields: Vec<&str> = error.iter().map(|v| v.field.as_str()).collect();
        assert_eq!(fields, ["penalty.bands[1].threshold"]);
        let mut draft = draft;
        draft.penalty.bands[1].threshold = "50".into();
        let spec = draft.spec().unwrap();
        let Some(Schedule::Bands(bands)) = spec.penalty else {
            panic!("bands")
        };
        assert_eq!(bands.bands.len(), 2);
        assert_eq!(bands.bands[0].amount, Some(Decimal::new(100000, 2)));
    }

    #[test]
    fn a_stored_clause_reads_back_into_the_same_clause() {
        let spec: SlaClauseSpec = serde_json::from_value(serde_json::json!({
            "name": "DSR", "metric": "dsr_service", "target": "4.7", "applies_from_phase": 2, "grace_days": 14,
            "min_sample": 30, "missing_data": "waive",
            "overrides": [{ "label": "双11", "from": "2026-11-01", "to": "2026-11-12", "target": "4.6" }],
            "penalty": { "type": "per_step", "step": "0.1", "amount": "50.00", "counting": "started", "max": "2000.00" },
            "bonus": { "schedule": { "type": "fixed", "amount": "800.00" },
                       "also_requires": [{ "metric": "csat", "threshold": "90" }] }
        }))
        .unwrap();
        assert_eq!(Draft::of(Some(&spec)).spec().unwrap(), spec);
    }

    #[test]
    fn conditions_without_a_bonus_are_refused_rather_than_dropped() {
        let draft = Draft::read(&fields(&[
            ("name", "x"),
            ("metric", "csat"),
            ("target", "90"),
            ("penalty.type", "fixed"),
            ("penalty.fixed_amount", "100"),
            ("bonus.schedule.type", "none"),
            ("bonus.also_requires[0].metric", "dsr_service"),
            ("bonus.also_requires[0].threshold", "4.8"),
        ]));
        let error = draft.spec().unwrap_err();
        assert_eq!(
            error.iter().next().unwrap().field,
            "bonus.also_requires[0].metric"
        );
    }
}
