//! A monthly close from the database: 10,000 contracts with ten SLA clauses
//! each and a month of daily figures (12 metrics), on embedded SQLite.
//! October is the hard month — a phase starts, a 双11 override begins and
//! grace days end inside it, so each metric is summed in four buckets;
//! December is a month like most, one bucket.
//!
//! Beside each of a month's five closes, right after it, the yardstick: the
//! floor of reading that month, the same month's KPI rows summed per
//! contract, metric and source by one SQL statement in the database's own
//! shell (`sqlite3`, or `psql`) over the same database. For October also a
//! second: the same statement summing each of the month's four buckets, as
//! the close must.
//!
//! `cargo bench --bench close` — `CONTRACTS=1000` for a smaller run; set
//! `DATABASE_URL=postgres://…` (an empty database) to close on PostgreSQL.

#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::process::{Command, Stdio};
use std::time::Instant;

use diesel::RunQueryDsl;
use kefu::domain::Period;
use kefu::domain::audit;
use kefu::store::{self, DbConnection};

#[path = "support/fixture.rs"]
#[allow(
    dead_code,
    reason = "the close seeds rows; the engine benchmark builds inputs"
)]
mod fixture;
#[path = "support/seed.rs"]
mod seed;
use seed::median;

/// Closes of each month, each followed by its floors: a single run's
/// ratio swings by a tenth or more on this kind of machine.
const RUNS: usize = 5;

fn main() -> anyhow::Result<()> {
    let count: u64 = std::env::var("CONTRACTS").map_or(Ok(10_000), |n| n.parse())?;
    let dir = tempfile::tempdir()?;
    let url = std::env::var("DATABASE_URL")
        .unwrap_or_else(|_| dir.path().join("close.db").to_string_lossy().into_owned());
    let pool = store::connect(&url)?;
    store::migrate(&pool)?;
    let (mut conn, mut second, mut writer) = (pool.get()?, pool.get()?, pool.get()?);
    let started = Instant::now();
    let tenant = store::tenants::create(&mut conn, "压测商家")?;
    seed_tenant(&mut conn, tenant.id, count)?;
    if url.starts_with("postgres") {
        // What autovacuum does after a load this size: the planner's statistics.
        diesel::sql_query("ANALYZE").execute(&mut *conn)?;
    }
    println!(
        "seeded {count} contracts in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let actor = audit::Actor {
        user: None,
        api_key: None,
    };
    let mut report = Vec::new();
    // Where the fixture's October breaks: phase 3 starts on the 16th, the
    // 双11 override on the 20th, a clause's grace days end on the 30th.
    for (period, cuts) in [
        ("2026-10", &["2026-10-16", "2026-10-20", "2026-10-30"][..]),
        ("2026-12", &[][..]),
    ] {
        let period: Period = period.parse()?;
        // The month read once, untimed, before either is measured: on
        // PostgreSQL the first reading of freshly loaded rows marks each as
        // committed (its hint bits) and writes its page again, a cost the
        // first close alone would pay — every floor runs after a close.
        floor(&url, tenant.id.get(), period, &[])?;
        // Each close beside its floors, run after run: the machine's drift
        // over the minutes falls on both alike.
        let (mut closes, mut floors, mut buckets) = (Vec::new(), Vec::new(), Vec::new());
        for run in 1..=RUNS {
            let started = Instant::now();
            let summary = kefu::app::billing::close::close(
                &mut conn,
                vec![&mut second, &mut writer],
                tenant.id,
                actor,
                period,
                |_, _| {},
            )
            .map_err(|e| anyhow::anyhow!("{e}"))?;
            let took = started.elapsed().as_secs_f64();
            assert_eq!(
                summary.created as u64,
                count,
                "{:?}",
                summary.failed.first()
            );
            // Start the next run from no invoices.
            diesel::sql_query("DELETE FROM invoices").execute(&mut *conn)?;
            diesel::sql_query("DELETE FROM audit_log").execute(&mut *conn)?;
            if url.starts_with("postgres") {
                // As the first run found them, untimed: without the deleted
                // drafts, whose index entries each new draft's uniqueness
                // would be checked against (a month is closed once), and
                // with no checkpoint or vacuum of them left to fall on the
                // next measurement.
                diesel::sql_query("VACUUM invoices, audit_log").execute(&mut *conn)?;
                // A role without the right to checkpoint goes on without.
                diesel::sql_query("CHECKPOINT").execute(&mut *conn).ok();
            }
            let floor_took = floor(&url, tenant.id.get(), period, &[])?;
            let bucket_took = if cuts.is_empty() {
                None
            } else {
                Some(floor(&url, tenant.id.get(), period, cuts)?)
            };
            println!(
                "close {period} ({run}): {} drafts in {took:.2} s ({:.0} contracts/s), totals {:?}; \
                 floor {floor_took:.2} s{}",
                summary.created,
                count as f64 / took,
                summary
                    .totals
                    .iter()
                    .map(|t| t.total.to_string())
                    .collect::<Vec<_>>(),
                bucket_took.map_or(String::new(), |b| format!(", by bucket {b:.2} s")),
            );
            closes.push(took);
            floors.push(floor_took);
            buckets.extend(bucket_took);
        }
        let buckets = (!buckets.is_empty()).then_some(buckets);
        report.push((period, closes, floors, buckets));
    }
    println!(
        "\n| month | close of {count} contracts | floor: one GROUP BY in the shell | close / floor (medians) | the same by bucket | close / that |"
    );
    println!("|---|---|---|---|---|---|");
    for (period, closes, floors, buckets) in report {
        let by_bucket = match buckets {
            Some(b) => format!("{} | {:.2}", seconds(&b), median(&closes) / median(&b)),
            None => "one bucket: the floor | —".to_owned(),
        };
        println!(
            "| {period} | {} | {} | {:.2} | {by_bucket} |",
            seconds(&closes),
            seconds(&floors),
            median(&closes) / median(&floors)
        );
    }
    Ok(())
}

/// The shell's time for the month's rows summed per contract, metric and
/// source in one statement, its rows written to nowhere: the floor of what
/// the close reads. On SQLite the faster of two ways to write it (the
/// month's days of the tenant; the tenant's contracts joined to their days).
/// With `cuts`, each bucket they make summed on its own.
fn floor(url: &str, tenant: i64, period: Period, cuts: &[&str]) -> anyhow::Result<f64> {
    let (first, last) = (period.first_day(), period.last_day());
    let bucket = if cuts.is_empty() {
        String::new()
    } else {
        let whens: String = cuts
            .iter()
            .enumerate()
            .map(|(i, cut)| format!("WHEN k.day < '{cut}' THEN {i} "))
            .collect();
        format!("CASE {whens}ELSE {} END, ", cuts.len())
    };
    let sums = "SUM(k.numerator), SUM(k.denominator), COUNT(*)";
    let by_day = format!(
        "SELECT {bucket}k.contract_id, k.metric, k.source, {sums} FROM kpi_rows k \
         WHERE k.tenant_id = {tenant} AND k.day BETWEEN '{first}' AND '{last}' \
         GROUP BY {bucket}k.contract_id, k.metric, k.source;"
    );
    let by_contract = format!(
        "SELECT {bucket}k.contract_id, k.metric, k.source, {sums} FROM contracts c \
         JOIN kpi_rows k ON k.tenant_id = c.tenant_id AND k.contract_id = c.id \
         AND k.day BETWEEN '{first}' AND '{last}' WHERE c.tenant_id = {tenant} \
         GROUP BY {bucket}k.contract_id, k.metric, k.source;"
    );
    let mut best = f64::MAX;
    for sql in [by_day, by_contract] {
        let mut shell = if url.starts_with("postgres") {
            let mut psql = Command::new("psql");
            psql.args([url, "-q", "-X", "-o", "/dev/null", "-c", &sql]);
            psql
        } else {
            let mut sqlite = Command::new("sqlite3");
            sqlite.args([url, ".output /dev/null", &sql]);
            sqlite
        };
        let started = Instant::now();
        let status = shell.stdout(Stdio::null()).status()?;
        let took = started.elapsed().as_secs_f64();
        anyhow::ensure!(status.success(), "the shell failed: {status}");
        best = best.min(took);
    }
    Ok(best)
}

/// Figures as "min–max s (median m)".
fn seconds(figures: &[f64]) -> String {
    let min = figures.iter().copied().fold(f64::MAX, f64::min);
    let max = figures.iter().copied().fold(f64::MIN, f64::max);
    format!("{min:.2}–{max:.2} s (median {:.2})", median(figures))
}

/// A vendor, `count` active contracts on the fixture's terms, and October's and December's daily figures.
fn seed_tenant(
    conn: &mut DbConnection,
    tenant: kefu::domain::TenantId,
    count: u64,
) -> anyhow::Result<()> {
    seed::active_contracts(
        conn,
        tenant,
        count,
        (
            fixture::day(8, 1),
            chrono::NaiveDate::from_ymd_opt(2027, 7, 31).unwrap(),
        ),
        &fixture::terms(),
    )?;
    let ids: Vec<i64> = {
        use diesel::prelude::*;
        use kefu::store::schema::contracts;
        contracts::table
            .select(contracts::id)
            .order(contracts::id)
            .load(conn)?
    };
    store::write(conn, |conn| {
        let mut values = Vec::with_capacity(500);
        // In the order of the table's key: month, then contract, then day.
        for month in [10, 12] {
            for (seed, id) in ids.iter().enumerate() {
                for n in 0..31 {
                    let day = fixture::day(month, n + 1);
                    for (metric, numerator, denominator) in fixture::figures_of(seed as u64, n) {
                        values.push(format!(
                            "({}, {}, {id}, '{day}', '{metric}', 'merchant', {numerator}, {denominator}, 1, '2026-11-01 00:00:00')",
                            tenant.get(),
                            store::kpi::month_of(day)
                        ));
                    }
                }
                if values.len() >= 3000 {
                    insert_rows(conn, &mut values)?;
                }
            }
        }
        insert_rows(conn, &mut values)
    })?;
    Ok(())
}

fn insert_rows(conn: &mut DbConnection, values: &mut Vec<String>) -> anyhow::Result<()> {
    if values.is_empty() {
        return Ok(());
    }
    diesel::sql_query(format!(
        "INSERT INTO kpi_rows (tenant_id, month, contract_id, day, metric, source, numerator, denominator, revision, recorded_at) VALUES {}",
        values.join(", ")
    ))
    .execute(conn)?;
    values.clear();
    Ok(())
}
