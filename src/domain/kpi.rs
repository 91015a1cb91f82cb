//! KPI arithmetic (DESIGN §2): daily components in, exact period figures out.
//!
//! A day's measurement is a numerator and a denominator in the metric's stored
//! unit (counts, milliseconds, minor units). A period's value is the ratio of
//! the sums — never an average of daily ratios — compared with targets exactly.

mod checks;
mod figures;
mod gap;
mod gate;
mod revision;
mod sums;

pub use checks::{
    Bound, DAY_NUMERATOR_MAX, DAY_OBSERVATIONS_MAX, RowError, check_components, check_day,
    check_totals,
};
pub use figures::{
    DailyRow, Discrepancy, MetricFigures, SourceFigures, SourceRules, Window, figures, prevailing,
};
pub use gap::{Gap, gap};
pub use gate::{CriterionResult, evaluate_gate};
pub use revision::Revision;
pub use sums::{Ratio, Steps, Sums, VALUE_PLACES};

#[cfg(test)]
mod tests;
