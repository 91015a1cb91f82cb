//! The number series: invoice and credit-note numbers, counted per tenant and year.

use diesel::prelude::*;

use crate::domain::TenantId;
use crate::domain::invoice::Series;
use crate::store::schema::number_series;
use crate::store::{DbConnection, StoreError};

/// The next number of a series for the year, taken inside the caller's transaction.
pub fn next_number(
    conn: &mut DbConnection,
    tenant: TenantId,
    series: Series,
    year: i32,
) -> Result<i32, StoreError> {
    let query = diesel::insert_into(number_series::table)
        .values((
            number_series::tenant_id.eq(tenant.get()),
            number_series::series.eq(series.as_str()),
            number_series::year.eq(year),
            number_series::last_number.eq(1),
        ))
        .on_conflict((
            number_series::tenant_id,
            number_series::series,
            number_series::year,
        ))
        .do_update()
        .set(number_series::last_number.eq(number_series::last_number + 1))
        .returning(number_series::last_number);
    // Upserts are not part of diesel's multi-backend connection: run it on each.
    let next = match conn {
        DbConnection::Sqlite(c) => query.get_result(c),
        DbConnection::Pg(c) => query.get_result(c),
    };
    next.map_err(StoreError::from)
}
