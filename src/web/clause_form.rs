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

use crate::domain::decimal::{self, MAX_SCALE};
use crate::domain::message::msg;
use crate::domain::terms::{
    Band, BandsSchedule, Bonus, ChargeKindName, Condition, FeeBase, FixedSchedule, MissingData,
    PenaltyCategory, PerStepSchedule, Schedule, SlaClauseSpec, StepCounting, TargetOverride,
};
use crate::domain::violation::Violations;
use chrono::NaiveDate;
use rust_decimal::Decimal;

mod view;
pub use view::{Errors, FormView};

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
                counting: StepCounting::from_str(&self.counting).unwrap_or_else(|_| {
                    v.add(format!("{prefix}counting"), msg!("terms-error-choose"));
                    StepCounting::Whole
                }),
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
    // Read as the API and the other terms' forms read it.
    v.check(field, decimal::parse(raw, MAX_SCALE))
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
            ("penalty.bands[1].amount", "1000.00"),
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
