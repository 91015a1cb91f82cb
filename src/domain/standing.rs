//! How a clause stands in a month not yet over: its figure so far against
//! its target — on track, at risk (met, but by less than the metric's risk
//! margin), or breached — so that a vendor sees trouble before the month
//! closes on it.

use rust_decimal::Decimal;
use serde::Serialize;
use utoipa::ToSchema;

use super::metric::{Direction, Metric, Unit};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    /// Met with room to spare.
    OnTrack,
    /// Met, by less than the risk margin.
    AtRisk,
    /// Missed, as the figures stand.
    Breached,
    /// No figures yet.
    NoFigures,
}

/// How close to its target a met figure is still at risk:
/// 1 percentage point for a share, 2% of the target for a score (DSR 4.8 →
/// 0.096), 10% of the target for seconds, counts and money.
pub fn risk_margin(metric: &Metric, target: Decimal) -> Decimal {
    match metric.unit {
        Unit::Percent => Decimal::ONE,
        Unit::Score => target.abs() * Decimal::new(2, 2),
        Unit::Seconds | Unit::Count | Unit::Money => target.abs() * Decimal::new(10, 2),
    }
}

/// Where `value` stands against `target` in the metric's direction. A
/// value exactly on the target meets it, as the billing engine judges.
pub fn standing(metric: &Metric, target: Decimal, value: Option<Decimal>) -> Standing {
    let Some(value) = value else {
        return Standing::NoFigures;
    };
    let room = match metric.direction {
        Direction::HigherIsBetter => value - target,
        Direction::LowerIsBetter => target - value,
    };
    if room < Decimal::ZERO {
        Standing::Breached
    } else if room < risk_margin(metric, target) {
        Standing::AtRisk
    } else {
        Standing::OnTrack
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(text: &str) -> Decimal {
        Decimal::from_str(text).unwrap_or_default()
    }

    fn metric(code: &str) -> &'static Metric {
        Metric::find(code).unwrap_or_else(|| panic!("{code} is in the catalogue"))
    }

    #[test]
    fn a_response_time_stands_by_seconds_below_its_target() {
        // First response time: lower is better; target 30 s, margin 10% = 3 s.
        let frt = metric("first_response_time");
        assert_eq!(standing(frt, d("30"), Some(d("25.5"))), Standing::OnTrack);
        assert_eq!(standing(frt, d("30"), Some(d("27.01"))), Standing::AtRisk);
        assert_eq!(
            standing(frt, d("30"), Some(d("30"))),
            Standing::AtRisk,
            "on the target meets it"
        );
        assert_eq!(standing(frt, d("30"), Some(d("30.01"))), Standing::Breached);
        assert_eq!(standing(frt, d("30"), None), Standing::NoFigures);
    }

    #[test]
    fn a_share_stands_by_percentage_points_above_its_target() {
        // Inquiry conversion: higher is better; target 35%, margin 1 point.
        let conversion = metric("conversion_rate");
        assert_eq!(
            standing(conversion, d("35"), Some(d("36"))),
            Standing::OnTrack
        );
        assert_eq!(
            standing(conversion, d("35"), Some(d("35.99"))),
            Standing::AtRisk
        );
        assert_eq!(
            standing(conversion, d("35"), Some(d("34.99"))),
            Standing::Breached
        );
    }

    #[test]
    fn a_score_stands_by_two_percent_of_its_target() {
        // DSR 4.8: margin 0.096.
        let dsr = metric("dsr_service");
        assert_eq!(standing(dsr, d("4.8"), Some(d("4.9"))), Standing::OnTrack);
        assert_eq!(standing(dsr, d("4.8"), Some(d("4.85"))), Standing::AtRisk);
        assert_eq!(standing(dsr, d("4.8"), Some(d("4.79"))), Standing::Breached);
    }
}
