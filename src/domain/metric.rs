//! The metric catalogue (DESIGN §2): every KPI kefu knows, stored as additive
//! components so that any period's value is Σnumerator / Σdenominator.
//! One place: contracts, feeds and billing all read it from here.

use std::cmp::Ordering;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;

/// Which way is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    HigherIsBetter,
    LowerIsBetter,
}

/// What the value is, as people read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// A number of things (consultations, tickets): the denominator is 1 a day.
    Count,
    /// A share, shown as a percentage 0–100.
    Percent,
    /// Seconds; the numerator is stored in milliseconds.
    Seconds,
    /// Money in the contract's currency; the numerator is stored in minor units (fen).
    Money,
    /// A score on the metric's own scale (DSR 1–5, QA 0–100, NPS −100–100).
    Score,
}

/// How many decimal places a value of a metric is shown with: at least
/// `min` (99.0 %), at most `max` (a measured 98.756 % reads 98.76 %).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Places {
    pub min: u32,
    pub max: u32,
}

impl Unit {
    /// The places people expect of a value in this unit: whole counts,
    /// seconds to the tenth, percentages to one or two places, scores and
    /// money to two.
    pub const fn places(self) -> Places {
        let (min, max) = match self {
            Unit::Count => (0, 0),
            Unit::Seconds => (0, 1),
            Unit::Percent => (1, 2),
            Unit::Score | Unit::Money => (2, 2),
        };
        Places { min, max }
    }
}

/// One metric of the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Metric {
    pub code: &'static str,
    pub name_zh: &'static str,
    pub name_en: &'static str,
    pub unit: Unit,
    /// The places its values are shown with.
    pub places: Places,
    pub direction: Direction,
    /// What the numerator counts.
    pub numerator: &'static str,
    /// What the denominator counts.
    pub denominator: &'static str,
    /// Whether the numerator can never exceed the denominator (a share).
    pub is_share: bool,
    /// Whether the metric counts volume, so that a per-unit charge can bill it.
    pub is_volume: bool,
    /// Whether the period's value is the total of the numerator (the denominator is 1 a day).
    pub is_total: bool,
    /// Whether the numerator may be below zero (NPS: more detractors than promoters).
    pub is_signed: bool,
}

const fn metric(
    code: &'static str,
    name_zh: &'static str,
    name_en: &'static str,
    unit: Unit,
    direction: Direction,
    numerator: &'static str,
    denominator: &'static str,
) -> Metric {
    Metric {
        code,
        name_zh,
        name_en,
        unit,
        places: unit.places(),
        direction,
        numerator,
        denominator,
        is_share: matches!(unit, Unit::Percent),
        is_volume: matches!(unit, Unit::Count),
        is_total: matches!(denominator.as_bytes(), b"1"),
        is_signed: false,
    }
}

const fn signed(metric: Metric) -> Metric {
    Metric {
        is_signed: true,
        ..metric
    }
}

use Direction::{HigherIsBetter as Higher, LowerIsBetter as Lower};

/// The catalogue.
pub const CATALOGUE: &[Metric] = &[
    metric(
        "consultations",
        "咨询量",
        "Consultations",
        Unit::Count,
        Higher,
        "consultations",
        "1",
    ),
    metric(
        "tickets",
        "工单量",
        "Tickets",
        Unit::Count,
        Higher,
        "tickets",
        "1",
    ),
    metric(
        "call_minutes",
        "通话分钟数",
        "Call minutes",
        Unit::Count,
        Higher,
        "minutes",
        "1",
    ),
    metric(
        "complaints",
        "投诉量",
        "Complaints",
        Unit::Count,
        Lower,
        "complaints",
        "1",
    ),
    metric(
        "first_response_time",
        "首次响应时间",
        "First response time",
        Unit::Seconds,
        Lower,
        "milliseconds to first reply",
        "replied sessions",
    ),
    metric(
        "average_handle_time",
        "平均处理时长",
        "Average handle time",
        Unit::Seconds,
        Lower,
        "handle milliseconds",
        "handled contacts",
    ),
    metric(
        "conversion_rate",
        "询单转化率",
        "Inquiry conversion rate",
        Unit::Percent,
        Higher,
        "buyers who ordered",
        "buyers who inquired",
    ),
    metric(
        "average_order_value",
        "客单价",
        "Average order value",
        Unit::Money,
        Higher,
        "CS-assisted sales, minor units",
        "orders",
    ),
    metric(
        "cs_sales",
        "客服销售额",
        "CS-assisted sales",
        Unit::Money,
        Higher,
        "CS-assisted sales, minor units",
        "1",
    ),
    metric(
        "dsr_service",
        "DSR服务评分",
        "DSR service score",
        Unit::Score,
        Higher,
        "sum of ratings",
        "ratings",
    ),
    metric(
        "csat",
        "满意度",
        "CSAT",
        Unit::Percent,
        Higher,
        "satisfied",
        "surveyed",
    ),
    metric(
        "dsat",
        "不满意度",
        "DSAT",
        Unit::Percent,
        Lower,
        "dissatisfied",
        "surveyed",
    ),
    metric(
        "fcr",
        "首次解决率",
        "First contact resolution",
        Unit::Percent,
        Higher,
        "resolved at first contact",
        "contacts",
    ),
    metric(
        "service_level",
        "服务水平",
        "Service level",
        Unit::Percent,
        Higher,
        "answered within threshold",
        "offered",
    ),
    metric(
        "abandonment_rate",
        "放弃率",
        "Abandonment rate",
        Unit::Percent,
        Lower,
        "abandoned",
        "offered",
    ),
    metric(
        "qa_score",
        "质检分",
        "QA score",
        Unit::Score,
        Higher,
        "sum of scores",
        "inspected",
    ),
    signed(metric(
        "nps",
        "净推荐值",
        "NPS",
        Unit::Score,
        Higher,
        "promoters minus detractors, times 100",
        "respondents",
    )),
    metric(
        "occupancy",
        "工时利用率",
        "Occupancy",
        Unit::Percent,
        Higher,
        "handling seconds",
        "paid seconds",
    ),
];

impl Metric {
    /// Looks a metric up by its code.
    pub fn find(code: &str) -> Option<&'static Metric> {
        CATALOGUE.iter().find(|m| m.code == code)
    }

    /// A figure of the terms (a target, a threshold, a step) as shown: every
    /// place it was written with, and at least the metric's least.
    pub fn shown_term(&self, value: Decimal) -> Decimal {
        let mut shown = value.normalize();
        if shown.scale() < self.places.min {
            shown.rescale(self.places.min);
        }
        shown
    }

    /// A measured figure as shown: rounded (half up) to the metric's places,
    /// and to more where fewer would misstate how it stands against one of
    /// `against` (a target or threshold): 98.996 % against 99 % reads
    /// 98.996 %, not 99.00 %.
    pub fn shown_measure(&self, value: Decimal, against: &[Decimal]) -> Decimal {
        let honest = |shown: Decimal| {
            against.iter().all(|mark| {
                shown.cmp(mark) == value.cmp(mark) || value.cmp(mark) == Ordering::Equal
            })
        };
        let mut places = self.places.max;
        loop {
            let mut shown =
                value.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero);
            if honest(shown) || places >= value.scale() {
                shown = shown.normalize();
                if shown.scale() < self.places.min {
                    shown.rescale(self.places.min);
                }
                return shown;
            }
            places += 1;
        }
    }

    /// Whether `actual` is worse than `target` for this metric.
    pub fn falls_short(&self, actual: Decimal, target: Decimal) -> bool {
        match self.direction {
            Direction::HigherIsBetter => actual < target,
            Direction::LowerIsBetter => actual > target,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique() {
        for (i, m) in CATALOGUE.iter().enumerate() {
            assert!(
                CATALOGUE[i + 1..].iter().all(|n| n.code != m.code),
                "{} twice",
                m.code
            );
        }
    }

    #[test]
    fn figures_are_shown_to_the_metric_places_but_never_misstated() {
        let conversion = Metric::find("conversion_rate").unwrap();
        let response = Metric::find("first_response_time").unwrap();
        let dsr = Metric::find("dsr_service").unwrap();
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        for (metric, value, against, shown) in [
            // Rounded to at most two places, at least one.
            (conversion, "98.756432", vec![], "98.76"),
            (conversion, "99", vec![], "99.0"),
            (conversion, "97.5", vec![d("99")], "97.5"),
            // 98.996 rounds to 99.00, which would read as meeting 99: more places.
            (conversion, "98.996", vec![d("99")], "98.996"),
            (conversion, "98.999999", vec![d("99")], "98.999999"),
            // Seconds to the tenth; a whole second has no places.
            (response, "41.548387", vec![d("30")], "41.5"),
            (response, "30.04", vec![d("30")], "30.04"),
            (response, "32", vec![], "32"),
            // Scores to two places.
            (dsr, "4.8", vec![d("4.7")], "4.80"),
            (dsr, "4.79996", vec![d("4.8")], "4.79996"),
        ] {
            assert_eq!(
                metric.shown_measure(d(value), &against).to_string(),
                shown,
                "{} {value}",
                metric.code
            );
        }
        assert_eq!(conversion.shown_term(d("99")).to_string(), "99.0");
        assert_eq!(conversion.shown_term(d("99.95")).to_string(), "99.95");
        assert_eq!(dsr.shown_term(d("4.7")).to_string(), "4.70");
        assert_eq!(response.shown_term(d("30.000")).to_string(), "30");
    }

    #[test]
    fn direction_decides_what_falls_short() {
        let response = Metric::find("first_response_time")
            .map(|m| m.falls_short(Decimal::from(31), Decimal::from(30)));
        assert_eq!(response, Some(true), "31 s against a 30 s target is short");
        let dsr = Metric::find("dsr_service")
            .map(|m| m.falls_short(Decimal::new(47, 1), Decimal::new(48, 1)));
        assert_eq!(dsr, Some(true), "4.7 against 4.8 is short");
        assert!(Metric::find("no_such_metric").is_none());
    }
}
