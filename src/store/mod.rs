//! Storage with diesel, on embedded SQLite or PostgreSQL from one code base.
//!
//! Queries live here, one file per aggregate, as functions that take a
//! connection and the tenant; they return rows converted to domain types.
//!
//! Single rows are read with `get_result`, not `first`: `first` adds a bound
//! `LIMIT ?`, and SQLite re-prepares a statement whose plan used a bound value
//! each time that value is bound again — a parse per query, 40 % of a read's time.

pub mod account_tokens;
pub mod api_keys;
pub mod audit;
pub mod contracts;
pub mod directory;
pub(crate) mod documents;
mod error;
pub mod exclusions;
pub mod idempotency;
pub mod incidents;
pub mod invoices;
pub mod kpi;
pub mod month_sums;
pub mod outbox;
pub mod pool;
pub mod reports;
pub mod schema;
pub mod shops;
pub mod statements;
pub mod tenants;
pub mod terms;
mod time;
pub mod users;
pub mod vendors;
pub mod web_sessions;

pub use error::StoreError;
pub use pool::{Backend, DbConnection, Pool, connect, deferred, migrate, savepoint, write};
pub use time::now;

/// A page of a list: at most `limit` rows with ids above `after`, in id order.
#[derive(Debug, Clone, Copy)]
pub struct Page {
    pub after: Option<i64>,
    pub limit: i64,
}

impl Page {
    /// The largest page a caller can ask for.
    pub const MAX_LIMIT: i64 = 100;

    /// Rows to fetch: one more than the page holds, to tell whether another page follows.
    pub fn fetch(&self) -> i64 {
        self.limit + 1
    }
}
