//! kefu: contracts, KPI feeds and performance-based invoices for
//! customer-service outsourcing.

pub mod auth;
pub mod config;
pub mod domain;
pub mod http;
pub mod startup;
pub mod store;
pub mod telemetry;

/// An invoice is many small strings (labels, formulas, amounts): mimalloc
/// allocates and frees them at about half glibc's cost (see docs/benchmarks.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
