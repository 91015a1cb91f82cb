//! Daily KPI rows and their revisions.
//!
//! An import stages the request's rows in a temporary table of the
//! connection, then merges them in two set-based statements: the values about
//! to be replaced are copied to `kpi_revisions`, and the rows are upserted,
//! touching only those whose values differ. The same row sent again changes
//! nothing; the whole import is one transaction.

use std::collections::{BTreeSet, HashMap};

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use diesel::connection::DefaultLoadingMode;
use diesel::deserialize::FromSql;
use diesel::dsl::sql;
use diesel::pg::{Pg, PgValue};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Integer, Nullable, Text, Timestamp};
use diesel::sqlite::{Sqlite, SqliteValue};
use smallvec::SmallVec;

use super::schema::{kpi_revisions, kpi_rows, kpi_staging};
use super::time::utc;
use super::{DbConnection, StoreError};
use crate::domain::audit::Actor;
use crate::domain::kpi::{DailyRow, Revision, Sums};
use crate::domain::message::msg;
use crate::domain::terms::KpiSource;
use crate::domain::{ApiKeyId, ContractId, Period, TenantId, UserId};

/// One checked row of a request, waiting to be merged.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = kpi_staging, treat_none_as_default_value = false)]
pub struct StagedRow {
    /// Where it was in the request: the CSV line, or the JSON row's index.
    pub line: i64,
    /// The day's month, as `kpi_rows` is keyed: see [`month_of`].
    month: i32,
    pub contract_id: i64,
    pub day: NaiveDate,
    pub metric: String,
    pub numerator: i64,
    pub denominator: i64,
}

impl StagedRow {
    pub fn new(
        line: i64,
        contract_id: i64,
        day: NaiveDate,
        metric: String,
        numerator: i64,
        denominator: i64,
    ) -> Self {
        StagedRow {
            line,
            month: month_of(day),
            contract_id,
            day,
            metric,
            numerator,
            denominator,
        }
    }
}

/// A day's month as `kpi_rows` is keyed after the tenant: yyyymm (202611 for
/// any day of November 2026). A month's rows lie together in the table, so a
/// new day touches the current month's part of it only, however many years
/// lie before it.
pub fn month_of(day: NaiveDate) -> i32 {
    day.year() * 100 + i32::try_from(day.month()).unwrap_or_default()
}

/// The months of the days `from..=to`, as `kpi_rows` is keyed: every read of
/// the table names them, so that it seeks each month's part of the key.
fn months(from: NaiveDate, to: NaiveDate) -> Vec<i32> {
    Period::of(from)
        .through(Period::of(to))
        .map(|month| month_of(month.first_day()))
        .collect()
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
             month INTEGER NOT NULL, contract_id BIGINT NOT NULL, day DATE NOT NULL, \
             metric TEXT NOT NULL, numerator BIGINT NOT NULL, denominator BIGINT NOT NULL, \
             PRIMARY KEY (month, contract_id, day, metric, line)) WITHOUT ROWID"
        }
        DbConnection::Pg(_) => {
            "CREATE TEMPORARY TABLE IF NOT EXISTS kpi_staging (line BIGINT PRIMARY KEY, \
             month INTEGER NOT NULL, contract_id BIGINT NOT NULL, day DATE NOT NULL, \
             metric TEXT NOT NULL, numerator BIGINT NOT NULL, denominator BIGINT NOT NULL)"
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
            // Whole batches as arrays of one size: one statement, prepared
            // once and kept, serves them all; the rest is one statement more.
            let (whole, rest) = rows.as_chunks::<STAGE_BATCH>();
            for batch in whole {
                diesel::insert_into(kpi_staging::table)
                    .values(batch)
                    .execute(conn)?;
            }
            if !rest.is_empty() {
                diesel::insert_into(kpi_staging::table)
                    .values(rest)
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
         GROUP BY month, contract_id, day, metric HAVING COUNT(*) > 1 ORDER BY 2 LIMIT ?",
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
    // The staged rows drive the join, each looked up by `kpi_rows`' key. On
    // SQLite `CROSS JOIN` fixes that order: keyed alike, the staging table
    // could otherwise be probed for every row of the tenant's whole history.
    let join = match conn {
        DbConnection::Sqlite(_) => "CROSS JOIN",
        DbConnection::Pg(_) => "JOIN",
    };
    let keep = placeholders(
        conn,
        &format!(
            "INSERT INTO kpi_revisions (tenant_id, contract_id, day, metric, source, revision, \
             numerator, denominator, recorded_by, recorded_by_key, recorded_at, replaced_by, \
             replaced_by_key, replaced_at) \
             SELECT k.tenant_id, k.contract_id, k.day, k.metric, k.source, k.revision, \
             k.numerator, k.denominator, k.recorded_by, k.recorded_by_key, k.recorded_at, ?, ?, ? \
             FROM kpi_staging s {join} kpi_rows k ON k.tenant_id = ? AND k.month = s.month \
             AND k.contract_id = s.contract_id AND k.day = s.day AND k.metric = s.metric \
             AND k.source = ? \
             WHERE k.numerator <> s.numerator OR k.denominator <> s.denominator"
        ),
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
        "INSERT INTO kpi_rows (tenant_id, month, contract_id, day, metric, source, numerator, \
         denominator, revision, recorded_by, recorded_by_key, recorded_at) \
         SELECT ?, s.month, s.contract_id, s.day, s.metric, ?, s.numerator, s.denominator, 1, \
         ?, ?, ? FROM kpi_staging s WHERE true \
         ON CONFLICT (tenant_id, month, contract_id, day, metric, source) DO UPDATE SET \
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
    // The months the rows fall in have changed: sums kept of them no longer hold.
    let (first, last): (Option<NaiveDate>, Option<NaiveDate>) = kpi_staging::table
        .select((
            diesel::dsl::min(kpi_staging::day),
            diesel::dsl::max(kpi_staging::day),
        ))
        .first(conn)?;
    if let (Some(first), Some(last)) = (first, last) {
        super::month_sums::changed(conn, tenant, first, last)?;
    }
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
    Ok(daily_of(conn, tenant, &[contract], from, to)?
        .remove(&contract)
        .unwrap_or_default())
}

/// The rows of each of `contracts` for the days `from..=to`, of every source, in one statement.
pub fn daily_of(
    conn: &mut DbConnection,
    tenant: TenantId,
    contracts: &[ContractId],
    from: NaiveDate,
    to: NaiveDate,
) -> Result<HashMap<ContractId, Vec<DailyRow>>, StoreError> {
    let mut by_contract: HashMap<ContractId, Vec<DailyRow>> = HashMap::new();
    for (contract, r) in kpi_rows::table
        .filter(kpi_rows::tenant_id.eq(tenant.get()))
        .filter(kpi_rows::month.eq_any(months(from, to)))
        .filter(kpi_rows::contract_id.eq_any(contracts.iter().map(|c| c.get())))
        .filter(kpi_rows::day.between(from, to))
        .select((kpi_rows::contract_id, Row::as_select()))
        .load::<(i64, Row)>(conn)?
    {
        by_contract
            .entry(ContractId::new(contract))
            .or_default()
            .push(DailyRow {
                day: r.day,
                metric: r.metric,
                source: r.source.parse().map_err(StoreError::corrupt)?,
                numerator: r.numerator,
                denominator: r.denominator,
            });
    }
    Ok(by_contract)
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

/// What to sum for one contract: its days `from..=to`, the first day of each
/// bucket (`starts[0]` is `from`), and the days that count for billing
/// only; both in order.
#[derive(Debug, Clone, Copy)]
pub struct SumsOf<'a> {
    pub contract: ContractId,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub starts: &'a [NaiveDate],
    pub excluded: &'a [NaiveDate],
}

/// A row's values, as the sums of a part are made of them.
#[derive(Queryable)]
struct DayValues {
    contract_id: i64,
    metric: Name,
    source: Name,
    numerator: i64,
    denominator: i64,
}

/// A metric's or a source's name as a row has it. The close reads millions
/// of them, nearly all the same few: a short one is kept without allocating.
#[derive(diesel::deserialize::FromSqlRow)]
struct Name(SmallVec<[u8; 32]>);

impl Name {
    fn is(&self, name: &str) -> bool {
        self.0.as_slice() == name.as_bytes()
    }

    fn into_string(self) -> String {
        // SQLite hands text over as UTF-8, made so if it was not.
        String::from_utf8_lossy(&self.0).into_owned()
    }

    fn as_str(&self) -> Result<&str, StoreError> {
        std::str::from_utf8(&self.0).map_err(StoreError::corrupt)
    }
}

impl FromSql<Text, Sqlite> for Name {
    fn from_sql(mut value: SqliteValue<'_, '_, '_>) -> diesel::deserialize::Result<Self> {
        Ok(Name(SmallVec::from_slice(value.read_text().as_bytes())))
    }
}

impl FromSql<Text, Pg> for Name {
    fn from_sql(value: PgValue<'_>) -> diesel::deserialize::Result<Self> {
        Ok(Name(SmallVec::from_slice(value.as_bytes())))
    }
}

/// Rows coming each contract's together, added up per contract, metric and
/// source. A day's metrics and sources come in the same order every day, so
/// a row's sums are looked for first just after the last row's.
fn added_in_order(
    rows: impl Iterator<Item = QueryResult<DayValues>>,
) -> Result<Vec<PartRow>, StoreError> {
    let mut part: Vec<PartRow> = Vec::new();
    // Where the current contract's sums begin in `part`, and where the next row's are likely.
    let (mut since, mut next) = (0, 0);
    for row in rows {
        let row = row?;
        if part
            .get(since)
            .is_some_and(|p| p.contract_id != row.contract_id)
        {
            (since, next) = (part.len(), 0);
        }
        let of = |p: &PartRow| row.metric.is(&p.metric) && row.source.is(&p.source);
        let found = match part.get(since + next) {
            Some(p) if of(p) => Some(since + next),
            _ => part[since..].iter().position(of).map(|i| since + i),
        };
        let at = match found.and_then(|i| part.get_mut(i).map(|p| (i, p))) {
            Some((i, summed)) => {
                summed.sums.add(row.numerator, row.denominator);
                i
            }
            None => {
                let mut sums = Sums::default();
                sums.add(row.numerator, row.denominator);
                part.push(PartRow {
                    contract_id: row.contract_id,
                    metric: row.metric.into_string(),
                    source: row.source.into_string(),
                    sums,
                });
                part.len() - 1
            }
        };
        // After the day's last, its first again.
        next = if at + 1 < part.len() {
            at + 1 - since
        } else {
            0
        };
    }
    Ok(part)
}

/// Parts' sums added up into each contract's buckets, for billing and for
/// SLA. A batch's rows name a few metrics, each kept once and a row's found
/// along them; a contract has a few dozen (metric, source and bucket), found
/// by looking along them as numbers. No key is made for a row.
struct Summed<'a> {
    asks: &'a [SumsOf<'a>],
    /// Each contract asked for, by its place in `asks`.
    places: HashMap<ContractId, usize>,
    /// The metrics' names seen.
    names: Vec<String>,
    /// Each contract's sums, in the order of `asks`.
    sums: Vec<Vec<Added>>,
}

/// A contract's sums of one metric (its place in `Summed::names`), source and bucket.
struct Added {
    name: usize,
    source: KpiSource,
    bucket: usize,
    for_sla: Sums,
    for_billing: Sums,
}

impl<'a> Summed<'a> {
    fn new(asks: &'a [SumsOf<'a>]) -> Self {
        Summed {
            asks,
            places: asks
                .iter()
                .enumerate()
                .map(|(at, ask)| (ask.contract, at))
                .collect(),
            names: Vec::new(),
            sums: asks.iter().map(|_| Vec::new()).collect(),
        }
    }

    /// Adds a part's sums (the part beginning on `first`) to the bucket of
    /// `contract` it lies in, unless it lies outside the contract's days;
    /// to its sums for SLA too unless the part is an excluded day.
    fn add(
        &mut self,
        first: NaiveDate,
        contract: i64,
        metric: &str,
        source: &str,
        part: Sums,
    ) -> Result<(), StoreError> {
        let Some((at, ask)) = self
            .places
            .get(&ContractId::new(contract))
            .map(|at| (*at, &self.asks[*at]))
            .filter(|(_, a)| a.from <= first && first <= a.to)
        else {
            return Ok(());
        };
        let bucket = ask
            .starts
            .partition_point(|d| *d <= first)
            .saturating_sub(1);
        let source: KpiSource = source.parse().map_err(StoreError::corrupt)?;
        let name = match self.names.iter().position(|n| n == metric) {
            Some(name) => name,
            None => {
                self.names.push(metric.to_owned());
                self.names.len() - 1
            }
        };
        let sums = &mut self.sums[at];
        let found = sums
            .iter()
            .position(|s| s.bucket == bucket && s.name == name && s.source == source);
        let added = match found {
            Some(i) => &mut sums[i],
            None => {
                if sums.is_empty() {
                    // A month's dozen metrics in a few buckets, without growing.
                    sums.reserve(64);
                }
                sums.push(Added {
                    name,
                    source,
                    bucket,
                    for_sla: Sums::default(),
                    for_billing: Sums::default(),
                });
                let last = sums.len() - 1;
                &mut sums[last]
            }
        };
        added.for_billing.merge(part);
        if ask.excluded.binary_search(&first).is_err() {
            added.for_sla.merge(part);
        }
        Ok(())
    }

    /// Each contract's sums in the order of metric, source and bucket; a
    /// contract without any is left out.
    fn by_contract(self) -> HashMap<ContractId, Vec<BucketSums>> {
        let Summed {
            asks, names, sums, ..
        } = self;
        // The names' places in their order, so that contracts sort by numbers.
        let mut order: Vec<usize> = (0..names.len()).collect();
        order.sort_by(|a, b| names[*a].cmp(&names[*b]));
        let mut rank = vec![0; names.len()];
        for (r, name) in order.into_iter().enumerate() {
            rank[name] = r;
        }
        asks.iter()
            .zip(sums)
            .filter(|(_, sums)| !sums.is_empty())
            .map(|(ask, mut sums)| {
                sums.sort_unstable_by_key(|s| (rank[s.name], s.source, s.bucket));
                let sums = sums
                    .into_iter()
                    .map(|s| BucketSums {
                        metric: names[s.name].clone(),
                        source: s.source,
                        bucket: s.bucket,
                        for_sla: s.for_sla,
                        for_billing: s.for_billing,
                    })
                    .collect();
                (ask.contract, sums)
            })
            .collect()
    }
}

/// A contract's sums of one metric and source in a part.
struct PartRow {
    contract_id: i64,
    metric: String,
    source: String,
    sums: Sums,
}

/// Lets the rest of the transaction group many contracts' sums in memory,
/// on PostgreSQL, without compiling them first. The planner sizes a batch's
/// groups at fifteen times their number (a part of 500 contracts' month:
/// 6,000 groups, planned as 93,000) and, within the default 4 MB, sorts them
/// on disk: a third of the close's reading. The same estimate passes the
/// cost above which each statement is compiled to machine code (`jit`):
/// 6–8 ms a statement that runs in about 100 ms once and is never run again.
/// Settings of the transaction only; SQLite has nothing to set.
pub fn room_to_group(conn: &mut DbConnection) -> Result<(), StoreError> {
    if let DbConnection::Pg(conn) = conn {
        // `SET LOCAL` twice, in one statement.
        diesel::sql_query(
            "SELECT set_config('work_mem', '64MB', true), set_config('jit', 'off', true)",
        )
        .execute(conn)?;
    }
    Ok(())
}

/// The rows of many contracts summed per contract, metric, source and
/// bucket: bucket `i` of a contract runs from `starts[i]` to the day before
/// `starts[i + 1]` (the last to its `to`); its excluded days count for
/// billing only.
///
/// The days are cut into parts at every day where any contract's days or
/// buckets begin or end or an excluded day begins or ends, so that each
/// contract's buckets and excluded days are whole parts; each part is summed
/// for all the contracts whose days it lies in (on SQLite one statement a
/// part, on PostgreSQL one statement for all), and each contract's parts are
/// added up into its buckets. A month has at most 31 parts, whatever the
/// number of contracts.
pub fn bucket_sums(
    conn: &mut DbConnection,
    tenant: TenantId,
    asks: &[SumsOf<'_>],
) -> Result<HashMap<ContractId, Vec<BucketSums>>, StoreError> {
    let (Some(lo), Some(hi)) = (
        asks.iter().map(|a| a.from).min(),
        asks.iter().map(|a| a.to).max(),
    ) else {
        return Ok(HashMap::new());
    };
    let cuts: Vec<NaiveDate> = asks
        .iter()
        .flat_map(|a| {
            let ends = [Some(a.from), a.to.succ_opt()];
            let excluded = a.excluded.iter().flat_map(|d| [Some(*d), d.succ_opt()]);
            ends.into_iter()
                .chain(a.starts.iter().map(|d| Some(*d)))
                .chain(excluded)
                .flatten()
        })
        .filter(|d| *d > lo && *d <= hi)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let firsts: Vec<NaiveDate> = std::iter::once(lo).chain(cuts.iter().copied()).collect();
    let mut summed = Summed::new(asks);
    match conn {
        // SQLite groups by sorting: one statement a part, for the contracts
        // whose days it lies in. The rows come in key order, each contract's
        // together, so they are added up here without a sort. Columns are
        // read by their place in the row, not looked up by name.
        DbConnection::Sqlite(conn) => {
            for (i, first) in firsts.iter().enumerate() {
                let last = firsts
                    .get(i + 1)
                    .and_then(|next| next.pred_opt())
                    .unwrap_or(hi);
                let ids: Vec<i64> = asks
                    .iter()
                    .filter(|a| a.from <= *first && *first <= a.to)
                    .map(|a| a.contract.get())
                    .collect();
                if ids.is_empty() {
                    continue;
                }
                let part = kpi_rows::table
                    .filter(kpi_rows::tenant_id.eq(tenant.get()))
                    .filter(kpi_rows::month.eq_any(months(*first, last)))
                    .filter(kpi_rows::contract_id.eq_any(&ids))
                    .filter(kpi_rows::day.between(*first, last))
                    .select((
                        kpi_rows::contract_id,
                        kpi_rows::metric,
                        kpi_rows::source,
                        kpi_rows::numerator,
                        kpi_rows::denominator,
                    ))
                    .load_iter::<DayValues, DefaultLoadingMode>(conn)?;
                for row in added_in_order(part)? {
                    summed.add(*first, row.contract_id, &row.metric, &row.source, row.sums)?;
                }
            }
        }
        // PostgreSQL groups with a hash: one statement for all the parts,
        // each row's part told by its day (a sixth less work than one
        // statement a part, when the groups have room in memory: see
        // `room_to_group`). A contract's rows in parts outside its days are
        // left below. The parts' days are written into the statement: typed
        // values, never text. Components are summed as BIGINT throughout
        // (`sum_exact`: no NUMERIC state per group). Columns are read by
        // their place, the names without allocating: a close reads about
        // sixty rows a contract.
        DbConnection::Pg(conn) => {
            let ids: Vec<i64> = asks.iter().map(|a| a.contract.get()).collect();
            // The part a row's day lies in, and the grouping with it (a
            // month of one part has nothing to group by but the rest: a bare
            // number in a grouping would name a column).
            let (part, by) = if cuts.is_empty() {
                ("0".to_owned(), "contract_id, metric, source".to_owned())
            } else {
                let whens: String = cuts
                    .iter()
                    .enumerate()
                    .map(|(i, cut)| format!("WHEN day < DATE '{cut}' THEN {i} "))
                    .collect();
                let part = format!("CAST(CASE {whens}ELSE {} END AS INTEGER)", cuts.len());
                let by = format!("{part}, contract_id, metric, source");
                (part, by)
            };
            let parts = kpi_rows::table
                .filter(kpi_rows::tenant_id.eq(tenant.get()))
                .filter(kpi_rows::month.eq_any(months(lo, hi)))
                .filter(kpi_rows::contract_id.eq_any(&ids))
                .filter(kpi_rows::day.between(lo, hi))
                // Literals: diesel checks a grouping of columns alone.
                .group_by(sql::<Integer>(&by))
                .select(
                    sql::<(Integer, BigInt, Text, Text, BigInt, BigInt, BigInt)>(&format!(
                        "{part}, contract_id, metric, source, sum_exact(numerator), \
                         sum_exact(denominator), COUNT(*)"
                    )),
                )
                .load_iter::<(i32, i64, Name, Name, i64, i64, i64), DefaultLoadingMode>(conn)?;
            for row in parts {
                let (part, contract, metric, source, numerator, denominator, days) = row?;
                let first = usize::try_from(part)
                    .ok()
                    .and_then(|part| firsts.get(part))
                    .ok_or_else(|| StoreError::corrupt(format!("no part {part}")))?;
                let sums = Sums {
                    numerator,
                    denominator,
                    days: u32::try_from(days).map_err(StoreError::corrupt)?,
                };
                summed.add(*first, contract, metric.as_str()?, source.as_str()?, sums)?;
            }
        }
    }
    Ok(summed.by_contract())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[test]
    fn a_day_is_keyed_by_its_month_as_yyyymm() {
        assert_eq!(month_of(day(2026, 11, 1)), 202611);
        assert_eq!(month_of(day(2026, 1, 31)), 202601);
        assert_eq!(month_of(day(2025, 12, 31)), 202512);
    }

    #[test]
    fn a_span_of_days_names_each_month_it_touches_once() {
        assert_eq!(months(day(2026, 11, 3), day(2026, 11, 30)), vec![202611]);
        assert_eq!(months(day(2026, 11, 30), day(2026, 11, 30)), vec![202611]);
        assert_eq!(
            months(day(2025, 12, 31), day(2026, 2, 1)),
            vec![202512, 202601, 202602]
        );
        assert_eq!(months(day(2026, 1, 1), day(2026, 12, 31)).len(), 12);
        assert!(months(day(2026, 2, 1), day(2026, 1, 31)).is_empty());
    }
}
