//! The metric catalogue (DESIGN §2): every KPI kefu knows, stored as additive
//! components so that any period's value is Σnumerator / Σdenominator.
//! One place: contracts, feeds and billing all read it from here.

use rust_decimal::Decimal;
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

/// One metric of the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Metric {
    pub code: &'static str,
    pub name_zh: &'static str,
    pub name_en: &'static str,
    pub unit: Unit,
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
