//! Daily KPI figures: taken in as a JSON feed for one contract ([`feed`]) or
//! as a CSV file for many ([`import`]), all or nothing; read back as a
//! month's figures ([`views`]), a trend ([`trend`]), the days and the
//! revisions ([`days`]).

pub mod days;
pub mod feed;
pub mod import;
pub mod in_full;
mod staging;
pub mod trend;
pub mod views;

use serde::Deserialize;
use utoipa::IntoParams;

pub use staging::IngestSummary;
pub use views::FigureView;

use crate::domain::{Period, Permission};

/// Who may send figures, as a feed or a file.
pub const PERMISSION: Permission = Permission::WriteKpi;

/// Largest CSV upload, from the API or the upload page.
pub const CSV_LIMIT: usize = 512 * 1024 * 1024;
/// How long an upload may send nothing before it is given up.
pub const UPLOAD_IDLE: std::time::Duration = std::time::Duration::from_secs(30);

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PeriodQuery {
    /// The month, `YYYY-MM`.
    #[param(value_type = String, example = "2026-10")]
    pub period: Period,
}
