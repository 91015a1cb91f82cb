//! Billing a month: the engine's input gathered from the month, a contract's
//! draft, the monthly close of every contract, and what-if simulations.

pub mod close;
pub mod draft;
pub mod input;
pub mod simulate;
pub mod would_have;
