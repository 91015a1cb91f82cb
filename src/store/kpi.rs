//! Daily KPI rows and their revisions.
//!
//! An import stages the request's rows in a temporary table of the
//! connection, then merges them in two set-based statements: the values about
//! to be replaced are copied to `kpi_revisions`, and the rows are upserted,
//! touching only those whose values differ. The same row sent again changes
//! nothing; the whole import is one transaction.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Integer, Nullable, Text, Timestamp};

use super::schema::{kpi_revisions, kpi_rows, kpi_staging};
use super::time::utc;
use super::{DbConnection, StoreError};
use crate::domain::audit::Actor;
use crate::domain::kpi::{DailyRow, Revision, Sums};
use crate::domain::message::msg;
use crate::domain::terms::KpiSource;
use crate::domain::{ApiKeyId, ContractId, TenantId, UserId};

/// One checked row of a request, waiting to be merged.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = kpi_staging, treat_none_as_default_value = false)]
pub struct StagedRow {
    /// Where it was in the request: the CSV line, or the JSON row's index.
    pub line: i64,
    pub contract_id: i64,
    pub day: NaiveDate,
    pub metric: String,
    pub numerator: i64,
    pub denominator: i64,
}

/// Rows staged per statement: well under both backends' limits on bound values.
pub const STAGE_BATCH: usize = 1000;

/// Makes the connection's staging table, empty.
///
/// On SQLite the table is kept in the order of `kpi_rows`' key (one b-tree,
/// no second index on the line): repeated keys are found without sorting a
/// million rows, and the merge writes `kpi_rows` in its key's order.
pub fn begin_staging(conn: &mut DbConnection) -> Result<(), StoreError> {
    let create = match conn {
        DbConnection::Sqlite(_) => {
            "CREATE TEMPORARY TABLE IF NOT EXISTS kpi_staging (line BIGINT NOT NULL, \
             contract_id BIGINT NOT NULL, day DATE NOT NULL, metric TEXT NOT NULL, \
             numerator BIGINT NOT NULL, denominator BIGINT NOT NULL, \
             PRIMARY KEY (contract_id, day, metric, line)) WITHOUT ROWID"
        }
        DbConnection::Pg(_) => {
            "CREATE TEMPORARY TABLE IF NOT EXISTS kpi_staging (line BIGINT PRIMARY KEY, \
             contract_id BIGINT NOT NULL, day DATE NOT NULL, metric TEXT NOT NULL, \
             numerator BIGINT NOT NULL, denominator BIGINT NOT NULL)"
        }
    };
    diesel::sql_query(create).execute(conn)?;
    diesel::delete(kpi_staging::table).execute(conn)?;
    Ok(())
}

/// Adds rows to the staging table: multi-row inserts on SQLite, COPY on PostgreSQL.
pub fn stage(conn: &mut DbConnection, rows: &[StagedRow]) -> Result<(), StoreError> {
    match conn {
        DbConnection::Sqlite(conn) => {
            for batch in rows.chunks(STAGE_BATCH) {
                diesel::insert_into(kpi_staging::table)
                    .values(batch)
                    .execute(conn)?;
            }
        }
        DbConnection::Pg(conn) => {
            diesel::copy_from(kpi_staging::table)
                .from_insertable(rows)
                .execute(conn)?;
        }
    }
    Ok(())
}

/// A row whose key (contract, day, metric) an earlier row of the same request has.
#[derive(Debug, Clone, PartialEq, Eq, QueryableByName)]
pub struct Repeat {
    #[diesel(sql_type = BigInt)]
    pub first_line: i64,
    #[diesel(sql_type = BigInt)]
    pub line: i64,
}

/// Rows of the staged request that repeat a key, at most `limit`.
pub fn repeats(conn: &mut DbConnection, limit: i64) -> Result<Vec<Repeat>, StoreError> {
    let sql = placeholders(
        conn,
        "SELECT MIN(line) AS first_line, MAX(line) AS line FROM kpi_staging \
         GROUP BY contract_id, day, metric HAVING COUNT(*) > 1 ORDER BY 2 LIMIT ?",
    );
    Ok(diesel::sql_query(sql).bind::<BigInt, _>(limit).load(conn)?)
}

/// What a merge did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Merged {
    pub inserted: usize,
    pub replaced: usize,
    pub unchanged: usize,
}

/// Merges the staged rows as `source`, by `actor`, keeping replaced values as revisions.
pub fn merge(
    conn: &mut DbConnection,
    tenant: TenantId,
    source: KpiSource,
    actor: Actor,
    staged: usize,
) -> Result<Merged, StoreError> {
    let now = super::now();
    let user = actor.user.map(UserId::get);
    let key = actor.api_key.map(ApiKeyId::get);
    let keep = placeholders(
        conn,
        "INSERT INTO kpi_revisions (tenant_id, contract_id, day, metric, source, revision, \
         numerator, denominator, recorded_by, recorded_by_key, recorded_at, replaced_by, \
         replaced_by_key, replaced_at) \
         SELECT k.tenant_id, k.contract_id, k.day, k.metric, k.source, k.revision, k.numerator, \
         k.denominator, k.recorded_by, k.recorded_by_key, k.recorded_at, ?, ?, ? \
         FROM kpi_staging s JOIN kpi_rows k ON k.tenant_id = ? AND k.contract_id = s.contract_id \
         AND k.day = s.day AND k.metric = s.metric AND k.source = ? \
         WHERE k.numerator <> s.numerator OR k.denominator <> s.denominator",
    );
    let replaced = diesel::sql_query(keep)
        .bind::<Nullable<BigInt>, _>(user)
        .bind::<Nullable<BigInt>, _>(key)
        .bind::<Timestamp, _>(now)
        .bind::<BigInt, _>(tenant.get())
        .bind::<Text, _>(source.as_str())
        .execute(conn)
        .map_err(StoreError::unique("rows", msg!("error-kpi-rows-busy")))?;
    // `WHERE true` lets SQLite tell the upsert clause from a join.
    let upsert = placeholders(
        conn,
        "INSERT INTO kpi_rows (tenant_id, contract_id, day, metric, source, numerator, \
         denominator, revision, recorded_by, recorded_by_key, recorded_at) \
         SELECT ?, s.contract_id, s.day, s.metric, ?, s.numerator, s.denominator, 1, ?, ?, ? \
         FROM kpi_staging s WHERE true \
         ON CONFLICT (tenant_id, contract_id, day, metric, source) DO UPDATE SET \
         numerator = excluded.numerator, denominator = excluded.denominator, \
         revision = kpi_rows.revision + 1, recorded_by = excluded.recorded_by, \
         recorded_by_key = excluded.recorded_by_key, recorded_at = excluded.recorded_at \
         WHERE kpi_rows.numerator <> excluded.numerator \
         OR kpi_rows.denominator <> excluded.denominator",
    );
    let written = diesel::sql_query(upsert)
        .bind::<BigInt, _>(tenant.get())
        .bind::<Text, _>(source.as_str())
        .bind::<Nullable<BigInt>, _>(user)
        .bind::<Nullable<BigInt>, _>(key)
        .bind::<Timestamp, _>(now)
        .execute(conn)?;
    diesel::delete(kpi_staging::table).execute(conn)?;
    Ok(Merged {
        inserted: written - replaced,
        replaced,
        unchanged: staged - written,
    })
}

/// Writes `?` placeholders the way the connection's backend wants them.
fn placeholders(conn: &DbConnection, sql: &str) -> String {
    match conn {
        DbConnection::Sqlite(_) => sql.to_owned(),
        DbConnection::Pg(_) => {
            let mut out = String::with_capacity(sql.len() + 16);
            let mut n = 0;
            for c in sql.chars() {
                if c == '?' {
                    n += 1;
                    out.push_str(&format!("${n}"));
                } else {
                    out.push(c);
                }
            }
            out
        }
    }
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = kpi_rows)]
struct Row {
    day: NaiveDate,
    metric: String,
    source: String,
    numerator: i64,
    denominator: i64,
}

/// A contract's rows for the days `from..=to`, of every source.
pub fn daily(
    conn: &mut DbConnection,
    tenant: TenantId,
    contract: ContractId,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<DailyRow>, StoreError> {
    kpi_rows::table
        .filter(kpi_rows::tenant_id.eq(tenant.get()))
        .filter(kpi_rows::contract_id.eq(contract.get()))
        .filter(kpi_rows::day.between(from, to))
        .select(Row::as_select())
        .load(conn)?
        .into_iter()
        .map(|r| {
            Ok(DailyRow {
                day: r.day,
                metric: r.metric,
                source: r.source.parse().map_err(StoreError::corrupt)?,
                numerator: r.numerator,
                denominator: r.denominator,
            })
        })
        .collect()
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = kpi_revisions)]
struct RevisionRow {
    day: NaiveDate,
    metric: String,
    source: String,
    revision: i32,
    numerator: i64,
    denominator: i64,
    recorded_by: Option<i64>,
    recorded_by_key: Option<i64>,
    recorded_at: NaiveDateTime,
    replaced_by: Option<i64>,
    replaced_by_key: Option<i64>,
    replaced_at: NaiveDateTime,
}

fn actor(user: Option<i64>, key: Option<i64>) -> Actor {
    Actor {
        user: user.map(UserId::new),
        api_key: key.map(ApiKeyId::new),
    }
}

/// The replaced values of a contract's rows for the days `from..=to`, oldest first.
pub fn revisions(
    conn: &mut DbConnection,
    tenant: TenantId,
    contract: ContractId,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<Revision>, StoreError> {
    kpi_revisions::table
        .filter(kpi_revisions::tenant_id.eq(tenant.get()))
        .filter(kpi_revisions::contract_id.eq(contract.get()))
        .filter(kpi_revisions::day.between(from, to))
        .order((
            kpi_revisions::day,
            kpi_revisions::metric,
            kpi_revisions::source,
            kpi_revisions::revision,
        ))
        .select(RevisionRow::as_select())
        .load(conn)?
        .into_iter()
        .map(|r| {
            Ok(Revision {
                day: r.day,
                metric: r.metric,
                source: r.source.parse().map_err(StoreError::corrupt)?,
                revision: r.revision,
                numerator: r.numerator,
                denominator: r.denominator,
                recorded: actor(r.recorded_by, r.recorded_by_key),
                recorded_at: utc(r.recorded_at),
                replaced: actor(r.replaced_by, r.replaced_by_key),
                replaced_at: utc(r.replaced_at),
            })
        })
        .collect()
}

/// One metric and source's components summed over a bucket of days.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BucketSums {
    pub metric: String,
    pub source: KpiSource,
    /// Which bucket: the index of its first day in `starts`.
    pub bucket: usize,
    /// Excluded days left out.
    pub for_sla: Sums,
    pub for_billing: Sums,
}

#[derive(QueryableByName)]
struct SumRow {
    #[diesel(sql_type = Text)]
    metric: String,
    #[diesel(sql_type = Text)]
    source: String,
    #[diesel(sql_type = Integer)]
    bucket: i32,
    #[diesel(sql_type = BigInt)]
    numerator: i64,
    #[diesel(sql_type = BigInt)]
    denominator: i64,
    #[diesel(sql_type = BigInt)]
    days: i64,
    #[diesel(sql_type = BigInt)]
    sla_numerator: i64,
    #[diesel(sql_type = BigInt)]
    sla_denominator: i64,
    #[diesel(sql_type = BigInt)]
    sla_days: i64,
}

/// A contract's rows for `from..=to` summed in the database, per metric,
/// source and bucket: bucket `i` runs from `starts[i]` to the day before
/// `starts[i + 1]`. Days in `excluded` count for billing only.
pub fn bucket_sums(
    conn: &mut DbConnection,
    tenant: TenantId,
    contract: ContractId,
    (from, to): (NaiveDate, NaiveDate),
    starts: &[NaiveDate],
    excluded: &[NaiveDate],
) -> Result<Vec<BucketSums>, StoreError> {
    // Dates are written into the statement as ISO literals: they are typed
    // values, and the buckets differ per contract, so nothing is cached anyway.
    let bucket = if starts.len() <= 1 {
        "0".to_owned()
    } else {
        let arms: String = starts[1..]
            .iter()
            .enumerate()
            .map(|(i, day)| format!(" WHEN day < '{day}' THEN {i}"))
            .collect();
        format!("CASE{arms} ELSE {} END", starts.len() - 1)
    };
    // One bucket: nothing to group by beyond metric and source.
    let group_bucket = if starts.len() <= 1 { "" } else { ", 3" };
    // Without excluded days the figures for SLA are those for billing: summed once.
    let for_sla = if excluded.is_empty() {
        "CAST(SUM(numerator) AS BIGINT) AS sla_numerator, \
         CAST(SUM(denominator) AS BIGINT) AS sla_denominator, \
         CAST(COUNT(*) AS BIGINT) AS sla_days"
            .to_owned()
    } else {
        let days: Vec<String> = excluded.iter().map(|d| format!("'{d}'")).collect();
        let counted = format!("CASE WHEN day IN ({}) THEN 0 ELSE 1 END", days.join(", "));
        format!(
            "CAST(SUM({counted} * numerator) AS BIGINT) AS sla_numerator, \
             CAST(SUM({counted} * denominator) AS BIGINT) AS sla_denominator, \
             CAST(SUM({counted}) AS BIGINT) AS sla_days"
        )
    };
    let sql = placeholders(
        conn,
        &format!(
            "SELECT metric, source, CAST({bucket} AS INTEGER) AS bucket, \
             CAST(SUM(numerator) AS BIGINT) AS numerator, \
             CAST(SUM(denominator) AS BIGINT) AS denominator, \
             CAST(COUNT(*) AS BIGINT) AS days, {for_sla} \
             FROM kpi_rows WHERE tenant_id = ? AND contract_id = ? AND day >= ? AND day <= ? \
             GROUP BY metric, source{group_bucket}"
        ),
    );
    let rows: Vec<SumRow> = diesel::sql_query(sql)
        .bind::<BigInt, _>(tenant.get())
        .bind::<BigInt, _>(contract.get())
        .bind::<diesel::sql_types::Date, _>(from)
        .bind::<diesel::sql_types::Date, _>(to)
        .load(conn)?;
    rows.into_iter()
        .map(|r| {
            let sums = |n: i64, d: i64, days: i64| -> Result<Sums, StoreError> {
                Ok(Sums {
                    numerator: n,
                    denominator: d,
                    days: u32::try_from(days).map_err(StoreError::corrupt)?,
                })
            };
            Ok(BucketSums {
                source: r.source.parse().map_err(StoreError::corrupt)?,
                metric: r.metric,
                bucket: usize::try_from(r.bucket).map_err(StoreError::corrupt)?,
                for_sla: sums(r.sla_numerator, r.sla_denominator, r.sla_days)?,
                for_billing: sums(r.numerator, r.denominator, r.days)?,
            })
        })
        .collect()
}
