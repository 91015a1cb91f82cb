//! How far a vendor's reported figure lies from the merchant's own: the
//! difference, in percent of the merchant's figure, against the contract's
//! tolerance — what a reviewer weighs before accepting or disputing.

use rust_decimal::{Decimal, RoundingStrategy};

/// The gap between a reported figure and the merchant's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Gap {
    /// Reported − merchant's, in the metric's unit.
    pub difference: Decimal,
    /// |difference| ÷ |merchant's| in percent, to two places; `None` when
    /// the merchant's figure is 0.
    pub percent: Option<Decimal>,
    /// Within the contract's tolerance: the percent at most the tolerance
    /// (against a merchant figure of 0, only no difference is).
    pub within_tolerance: bool,
}

/// The gap of `reported` from the merchant's `merchant`, weighed against
/// `tolerance` percent.
pub fn gap(reported: Decimal, merchant: Decimal, tolerance: Decimal) -> Gap {
    let difference = reported - merchant;
    if merchant.is_zero() {
        return Gap {
            difference,
            percent: None,
            within_tolerance: difference.is_zero(),
        };
    }
    let percent = (difference.abs() / merchant.abs() * Decimal::ONE_HUNDRED)
        .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    Gap {
        difference,
        percent: Some(percent),
        within_tolerance: percent <= tolerance,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn a_gap_is_measured_in_percent_of_the_merchant_s_figure() {
        // 4.8 reported, 4.6 on the platform: 0.2 ÷ 4.6 = 4.3478…% → 4.35%, beyond 2%.
        let g = gap(dec("4.8"), dec("4.6"), dec("2"));
        assert_eq!(g.difference, dec("0.2"));
        assert_eq!(g.percent, Some(dec("4.35")));
        assert!(!g.within_tolerance);
        // 1010 against 1000: 1%, within 2%; exactly at the tolerance is within.
        assert!(gap(dec("1010"), dec("1000"), dec("2")).within_tolerance);
        assert!(gap(dec("980"), dec("1000"), dec("2")).within_tolerance);
        assert!(!gap(dec("979"), dec("1000"), dec("2")).within_tolerance);
    }

    #[test]
    fn against_a_merchant_figure_of_zero_only_zero_is_within() {
        assert_eq!(gap(dec("0"), dec("0"), dec("2")).percent, None);
        assert!(gap(dec("0"), dec("0"), dec("2")).within_tolerance);
        assert!(!gap(dec("1"), dec("0"), dec("2")).within_tolerance);
    }
}
