//! Incidents of a contract, logged by either side. Only the view lives here
//! so far: a month's figures list the month's incidents with it.

pub mod views;

pub use views::IncidentView;
