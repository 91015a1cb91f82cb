//! Cost as history grows: the same tenant, contracts and terms with one
//! month of daily figures and with twelve (10,000 contracts × 12 metrics ×
//! 365 days ≈ 44 M KPI rows, every earlier month closed and issued), on
//! embedded SQLite. The same operations are measured on both, alternately:
//! the database's size, the close of the last month, one day's feed for every
//! contract as one upload, a contract's twelve-month dashboard and the
//! invoice list.
//!
//! `cargo bench --bench history` — `CONTRACTS=1000` for a smaller run;
//! `KEEP=dir` keeps the two databases in `dir` (and reuses them when they are
//! there, seeded for the same number of contracts). `DASHBOARD=month` (or
//! `year`) only shows the busy contract's dashboard from that file, `VIEWS`
//! times (1,000 unless set), to profile it; `UPLOAD=month` (or `year`) only
//! takes in the new day's figures of every contract from that file, `RUNS`
//! times (5 unless set), the day's rows taken away after each; `CLOSE=month`
//! (or `year`) only closes the last month, `RUNS` times, its drafts taken
//! away after each.

#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use diesel::RunQueryDsl;
use kefu::app::{App, AuthUser, Caller, Principal};
use kefu::domain::terms::{KpiSource, Terms};
use kefu::domain::{
    Assignment, ContractId, EmailAddress, InvoiceId, Period, Role, Scope, TenantId, UserId,
};
use kefu::store::{self, DbConnection, Page, Pool};

#[path = "support/seed.rs"]
mod seed;
use seed::median;

#[path = "support/fixture.rs"]
#[allow(dead_code, reason = "the history bench takes the terms only")]
mod fixture;

/// The contracts run from here for two years; the year of history is December 2025 to November 2026.
const FIRST_DAY: (i32, u32, u32) = (2025, 12, 1);
const LAST_DAY: (i32, u32, u32) = (2027, 11, 30);
/// The month closed in the measurements: the last month of history in both databases.
const CLOSED: &str = "2026-11";
/// The day fed for every contract in the measurements: the day after the history.
const FED: (i32, u32, u32) = (2026, 12, 1);
/// The metrics of the fixture's terms, in the order of the key (by name).
const METRICS: [&str; 12] = [
    "abandonment_rate",
    "average_handle_time",
    "consultations",
    "conversion_rate",
    "cs_sales",
    "csat",
    "dsat",
    "dsr_service",
    "fcr",
    "first_response_time",
    "qa_score",
    "service_level",
];

fn date((y, m, d): (i32, u32, u32)) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a day")
}

/// One database, seeded, with what the measurements need to call its use cases.
struct Db {
    name: &'static str,
    path: PathBuf,
    pool: Pool,
    app: App,
    tenant: TenantId,
    owner: UserId,
    /// A second tenant, the same in both databases: one contract with a year
    /// of figures, every month closed and issued.
    steady: (TenantId, UserId),
}

impl Db {
    fn auth(&self) -> AuthUser {
        owner_of(self.tenant, self.owner)
    }

    /// The tenant's owner, as a signed-in caller of the use cases.
    fn caller(&self) -> Caller {
        caller_of(self.tenant, self.owner)
    }
}

fn owner_of(tenant: TenantId, owner: UserId) -> AuthUser {
    AuthUser {
        scope: Scope {
            tenant,
            vendor: None,
        },
        role: Role::Owner,
        principal: Principal::User(owner),
    }
}

/// First views of each dashboard, each with its contract's kept sums taken
/// away before it, and views after them reading what was kept.
const FIRST_VIEWS: usize = 15;
const KEPT_VIEWS: usize = 101;

/// A tenant's owner, as a signed-in caller of the use cases.
fn caller_of(tenant: TenantId, owner: UserId) -> Caller {
    Caller::Token(kefu::auth::Claims {
        sub: owner.get().to_string(),
        tid: tenant.get(),
        iss: String::new(),
        aud: String::new(),
        iat: 0,
        nbf: 0,
        exp: i64::MAX,
    })
}

fn main() -> anyhow::Result<()> {
    let count: i64 = std::env::var("CONTRACTS").map_or(Ok(10_000), |n| n.parse())?;
    let temp = tempfile::tempdir()?;
    let dir = match std::env::var("KEEP") {
        Ok(dir) => PathBuf::from(dir),
        Err(_) => temp.path().to_path_buf(),
    };
    std::fs::create_dir_all(&dir)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let month = prepare(&dir, "month", count, 1)?;
    let year = prepare(&dir, "year", count, 12)?;
    let dbs = [month, year];
    if let Some(db) = chosen(&dbs, "DASHBOARD")? {
        let views: usize = std::env::var("VIEWS").map_or(Ok(1000), |n| n.parse())?;
        let busy = ContractId::new(first_contract(db, db.tenant)?.get() + count / 2);
        let mut times = Vec::with_capacity(views);
        for _ in 0..views {
            let started = Instant::now();
            runtime
                .block_on(kefu::app::dashboards::contract::dashboard(
                    &db.app,
                    db.caller(),
                    busy,
                ))
                .map_err(|e| anyhow::anyhow!("{e:?}"))?;
            times.push(started.elapsed().as_secs_f64());
        }
        println!(
            "{}: {views} views of a contract's dashboard, median {:.3} ms",
            db.name,
            median(&times) * 1000.0
        );
        return Ok(());
    }
    if let Some(db) = chosen(&dbs, "UPLOAD")? {
        let runs: usize = std::env::var("RUNS").map_or(Ok(5), |n| n.parse())?;
        let csv = dir.join("feed.csv");
        write_feed(&csv, count)?;
        let mut conn = db.pool.get()?;
        let (took, cpu) = medians(runs, || {
            let (started, cpu) = (Instant::now(), cpu_seconds());
            let summary = upload(&mut conn, db, &csv)?;
            let spent = (started.elapsed().as_secs_f64(), cpu_seconds() - cpu);
            assert_eq!(summary.inserted as i64, count * 12, "{summary:?}");
            forget_fed_day(&mut conn, db.tenant)?;
            Ok(spent)
        })?;
        println!(
            "{}: {runs} uploads of a new day, median {took:.2} s, {cpu:.2} s of CPU",
            db.name
        );
        return Ok(());
    }
    if let Some(db) = chosen(&dbs, "CLOSE")? {
        let runs: usize = std::env::var("RUNS").map_or(Ok(5), |n| n.parse())?;
        let period: Period = CLOSED.parse().unwrap();
        undo_close(&mut *db.pool.get()?, db.tenant, period)?;
        let (took, cpu) = medians(runs, || close_once(db, period, count, true))?;
        println!(
            "{}: {runs} closes of {period}, median {took:.2} s, {cpu:.2} s of CPU",
            db.name
        );
        return Ok(());
    }
    // Per operation: both databases' figures, their ratio, and the ratio of
    // the CPU time it took (less swayed than the wall clock by other work on
    // the machine; time waiting on the disk is not in it).
    let mut table: Vec<(String, String, String, f64, Option<f64>)> = Vec::new();
    let mut row =
        |what: &str, a: f64, b: f64, cpu: Option<[f64; 2]>, unit: &dyn Fn(f64) -> String| {
            table.push((
                what.to_owned(),
                unit(a),
                unit(b),
                b / a,
                cpu.map(|[a, b]| b / a),
            ));
        };
    let secs = |s: f64| format!("{s:.2} s");
    let ms = |s: f64| format!("{:.2} ms", s * 1000.0);
    let mib = |b: f64| format!("{:.0} MiB", b / 1024.0 / 1024.0);

    // 1. Size: the file after a checkpoint, and the pages of the figures and of the invoices.
    let mut sizes = Vec::new();
    for db in &dbs {
        let mut conn = db.pool.get()?;
        diesel::sql_query("PRAGMA wal_checkpoint(TRUNCATE)").execute(&mut *conn)?;
        let bytes = std::fs::metadata(&db.path)?.len() as f64;
        let rows = scalar(&mut conn, "SELECT count(*) AS n FROM kpi_rows")? as f64;
        let invoices = scalar(&mut conn, "SELECT count(*) AS n FROM invoices")? as f64;
        let pages = |conn: &mut DbConnection, table: &str| {
            scalar(
                conn,
                &format!("SELECT sum(pgsize) AS n FROM dbstat WHERE name = '{table}'"),
            )
            .map(|n| n as f64)
        };
        let kpi = pages(&mut conn, "kpi_rows")?;
        let billed = pages(&mut conn, "invoices")?;
        println!(
            "{}: {:.0} MiB; {rows} KPI rows in {:.0} MiB ({:.0} bytes a row); {invoices} invoices in {:.0} MiB ({:.0} bytes an invoice)",
            db.name,
            bytes / 1048576.0,
            kpi / 1048576.0,
            kpi / rows,
            billed / 1048576.0,
            billed / invoices,
        );
        sizes.push([bytes, rows, kpi, kpi / rows, invoices, billed]);
    }
    let [a, b] = [sizes[0], sizes[1]];
    let count_of = |n: f64| format!("{n:.0}");
    row("database file", a[0], b[0], None, &mib);
    row("KPI rows", a[1], b[1], None, &count_of);
    row("KPI rows' pages", a[2], b[2], None, &mib);
    row("bytes per KPI row", a[3], b[3], None, &count_of);
    row("invoices", a[4], b[4], None, &count_of);
    row("invoices' pages", a[5], b[5], None, &mib);

    // 2. The close of the last month, three times each, alternately; its
    // drafts are taken away between runs and left after the last.
    let period: Period = CLOSED.parse().unwrap();
    for db in &dbs {
        // A kept database may hold the month's invoices from a run before.
        undo_close(&mut *db.pool.get()?, db.tenant, period)?;
    }
    let (mut closes, mut close_cpu) = ([Vec::new(), Vec::new()], [Vec::new(), Vec::new()]);
    for run in 1..=3 {
        for (i, db) in dbs.iter().enumerate() {
            let (took, cpu) = close_once(db, period, count, run < 3)?;
            println!(
                "{}: close {period} ({run}): {took:.2} s, {cpu:.2} s of CPU",
                db.name
            );
            closes[i].push(took);
            close_cpu[i].push(cpu);
        }
    }
    row(
        "close of the last month",
        median(&closes[0]),
        median(&closes[1]),
        Some([median(&close_cpu[0]), median(&close_cpu[1])]),
        &secs,
    );
    // The month's invoices issued, as a clerk would after the close.
    let (mut issues, mut issue_cpu) = (Vec::new(), Vec::new());
    for db in &dbs {
        let started = Instant::now();
        let cpu = cpu_seconds();
        issue_drafts(&mut *db.pool.get()?, &db.auth(), period)?;
        let took = started.elapsed().as_secs_f64();
        let cpu = cpu_seconds() - cpu;
        println!(
            "{}: issued the {count} invoices of {period} in {took:.2} s, {cpu:.2} s of CPU",
            db.name
        );
        issues.push(took);
        issue_cpu.push(cpu);
    }
    row(
        "issuing the last month's invoices (once)",
        issues[0],
        issues[1],
        Some([issue_cpu[0], issue_cpu[1]]),
        &secs,
    );

    // 3. One day's figures of every contract as one upload, then the same file again.
    let csv = dir.join("feed.csv");
    write_feed(&csv, count)?;
    let (mut new, mut again) = ([Vec::new(), Vec::new()], [Vec::new(), Vec::new()]);
    let (mut new_cpu, mut again_cpu) = ([Vec::new(), Vec::new()], [Vec::new(), Vec::new()]);
    for run in 1..=5 {
        for (i, db) in dbs.iter().enumerate() {
            let mut conn = db.pool.get()?;
            for (first, times, cpus) in [
                (true, &mut new[i], &mut new_cpu[i]),
                (false, &mut again[i], &mut again_cpu[i]),
            ] {
                let started = Instant::now();
                let cpu = cpu_seconds();
                let summary = upload(&mut conn, db, &csv)?;
                let took = started.elapsed().as_secs_f64();
                let cpu = cpu_seconds() - cpu;
                cpus.push(cpu);
                if first {
                    assert_eq!(summary.inserted as i64, count * 12, "{summary:?}");
                } else {
                    assert_eq!(summary.unchanged as i64, count * 12, "{summary:?}");
                }
                println!(
                    "{}: upload ({run}) {} rows: {} new, {} unchanged in {took:.2} s, {cpu:.2} s of CPU",
                    db.name, summary.rows, summary.inserted, summary.unchanged
                );
                times.push(took);
            }
            forget_fed_day(&mut conn, db.tenant)?;
        }
    }
    row(
        "one day's feed of every contract, new",
        median(&new[0]),
        median(&new[1]),
        Some([median(&new_cpu[0]), median(&new_cpu[1])]),
        &secs,
    );
    row(
        "the same upload again, unchanged",
        median(&again[0]),
        median(&again[1]),
        Some([median(&again_cpu[0]), median(&again_cpu[1])]),
        &secs,
    );

    // 4. A contract's dashboard (twelve months of trends): one of the
    // tenant's, and the steady tenant's year-old one (the same in both).
    // A first view sums the months that are over and keeps their sums; the
    // views after it read what was kept. Each first view is timed with its
    // contract's kept sums taken away before it, several times (one view of
    // a few milliseconds is at the mercy of the machine); nothing is kept
    // from a run before.
    for db in &dbs {
        diesel::sql_query("DELETE FROM kept_month_sums").execute(&mut *db.pool.get()?)?;
    }
    let busy = ContractId::new(first_contract(&dbs[0], dbs[0].tenant)?.get() + count / 2);
    let old = first_contract(&dbs[0], dbs[0].steady.0)?;
    for (label, steady) in [
        ("a contract's dashboard (12 months)", false),
        ("a year-old contract's dashboard, the same in both", true),
    ] {
        let (mut firsts, mut first_cpus) = ([Vec::new(), Vec::new()], [Vec::new(), Vec::new()]);
        let (mut views, mut cpus) = ([Vec::new(), Vec::new()], [Vec::new(), Vec::new()]);
        let mut shown = [(0, 0), (0, 0)];
        for round in 0..(FIRST_VIEWS + KEPT_VIEWS) {
            let first = round < FIRST_VIEWS;
            for (i, db) in dbs.iter().enumerate() {
                let (tenant, caller, contract) = if steady {
                    (db.steady.0, caller_of(db.steady.0, db.steady.1), old)
                } else {
                    (db.tenant, db.caller(), busy)
                };
                if first {
                    diesel::sql_query(format!(
                        "DELETE FROM kept_month_sums WHERE tenant_id = {} AND contract_id = {}",
                        tenant.get(),
                        contract.get()
                    ))
                    .execute(&mut *db.pool.get()?)?;
                }
                let started = Instant::now();
                let cpu = cpu_seconds();
                let dashboard = runtime
                    .block_on(kefu::app::dashboards::contract::dashboard(
                        &db.app, caller, contract,
                    ))
                    .map_err(|e| anyhow::anyhow!("{e:?}"))?;
                let (took, cpu) = (started.elapsed().as_secs_f64(), cpu_seconds() - cpu);
                let (times, spent) = if first {
                    (&mut firsts[i], &mut first_cpus[i])
                } else {
                    (&mut views[i], &mut cpus[i])
                };
                times.push(took);
                spent.push(cpu);
                let with_figures = dashboard.trends[0]
                    .points
                    .iter()
                    .filter(|p| p.value.is_some())
                    .count();
                shown[i] = (dashboard.periods.len(), with_figures);
            }
        }
        for (i, db) in dbs.iter().enumerate() {
            println!(
                "{}: {label}: {} months shown, {} with figures, first view median {:.2} ms, \
                 then median {:.2} ms",
                db.name,
                shown[i].0,
                shown[i].1,
                median(&firsts[i]) * 1000.0,
                median(&views[i]) * 1000.0
            );
        }
        row(
            &format!("{label}, first view (months summed and kept)"),
            median(&firsts[0]),
            median(&firsts[1]),
            Some([median(&first_cpus[0]), median(&first_cpus[1])]),
            &ms,
        );
        row(
            label,
            median(&views[0]),
            median(&views[1]),
            Some([median(&cpus[0]), median(&cpus[1])]),
            &ms,
        );
    }

    // 5. The invoice list: its first page, and a page deep in it (the list
    // is paged by the last id seen, not by an offset).
    let default_page = 50;
    for (label, deep) in [
        ("invoice list, first page", false),
        ("invoice list, a page near its end", true),
    ] {
        let (mut times, mut cpus) = ([Vec::new(), Vec::new()], [Vec::new(), Vec::new()]);
        let afters: Vec<Option<i64>> = dbs
            .iter()
            .map(|db| {
                deep.then(|| {
                    let mut conn = db.pool.get().unwrap();
                    scalar(&mut conn, "SELECT max(id) - 100 AS n FROM invoices").unwrap()
                })
            })
            .collect();
        for _ in 0..200 {
            for (i, db) in dbs.iter().enumerate() {
                let started = Instant::now();
                let cpu = cpu_seconds();
                let page = runtime
                    .block_on(kefu::app::invoices::list(
                        &db.app,
                        db.caller(),
                        kefu::app::invoices::InvoiceQuery {
                            period: None,
                            status: None,
                            vendor: None,
                            shop: None,
                            contract: None,
                        },
                        Page {
                            after: afters[i],
                            limit: default_page,
                        },
                    ))
                    .map_err(|e| anyhow::anyhow!("{e:?}"))?;
                times[i].push(started.elapsed().as_secs_f64());
                cpus[i].push(cpu_seconds() - cpu);
                assert_eq!(page.len() as i64, default_page + 1);
            }
        }
        row(
            label,
            median(&times[0]),
            median(&times[1]),
            Some([median(&cpus[0]), median(&cpus[1])]),
            &ms,
        );
    }

    println!();
    println!("| operation | one month | twelve months | ratio | ratio of CPU time |");
    println!("|---|---|---|---|---|");
    for (what, a, b, ratio, cpu) in &table {
        let cpu = cpu.map_or("".to_owned(), |r| format!("{r:.2}×"));
        println!("| {what} | {a} | {b} | {ratio:.2}× | {cpu} |");
    }
    drop(dbs);
    drop(temp);
    Ok(())
}

/// The CPU time of this process so far, user and system, its threads that
/// have ended included (the close's reading threads end with it; the use
/// cases run on the runtime's blocking threads).
fn cpu_seconds() -> f64 {
    // SAFETY: `getrusage` fills the struct it is given, which lives on this stack.
    let usage = unsafe {
        let mut usage = std::mem::zeroed::<libc::rusage>();
        libc::getrusage(libc::RUSAGE_SELF, &mut usage);
        usage
    };
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    secs(usage.ru_utime) + secs(usage.ru_stime)
}

#[derive(diesel::QueryableByName)]
struct Scalar {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

fn scalar(conn: &mut DbConnection, sql: &str) -> anyhow::Result<i64> {
    Ok(diesel::sql_query(sql).get_result::<Scalar>(conn)?.n)
}

/// The database `name` in `dir` with `months` months of history up to
/// November 2026, seeded unless it is there already (kept from a run before).
fn prepare(dir: &Path, name: &'static str, count: i64, months: u32) -> anyhow::Result<Db> {
    let path = dir.join(format!("{name}-{count}.db"));
    let fresh = !path.exists();
    let pool = store::connect(&path.to_string_lossy())?;
    store::migrate(&pool)?;
    let mut conn = pool.get()?;
    let ((tenant, owner), steady) = if fresh {
        let started = Instant::now();
        let seeded = (
            seed_contracts(&mut conn, "压测商家", count)?,
            seed_contracts(&mut conn, "老商家", 1)?,
        );
        println!(
            "{name}: {count} contracts and terms in {:.1} s",
            started.elapsed().as_secs_f64()
        );
        seeded
    } else {
        let owner_of = |conn: &mut DbConnection, t: i64| {
            scalar(
                conn,
                &format!("SELECT min(id) AS n FROM users WHERE tenant_id = {t}"),
            )
        };
        let (a, b) = (
            scalar(&mut conn, "SELECT min(id) AS n FROM tenants")?,
            scalar(&mut conn, "SELECT max(id) AS n FROM tenants")?,
        );
        (
            (TenantId::new(a), UserId::new(owner_of(&mut conn, a)?)),
            (TenantId::new(b), UserId::new(owner_of(&mut conn, b)?)),
        )
    };
    let spool_dir = dir.join(format!("{name}-uploads"));
    let app = App {
        pool: pool.clone(),
        keys: kefu::auth::JwtKeys::new(&[7; 32], None)?,
        throttle: Default::default(),
        token_ttl: Duration::from_secs(3600),
        sessions: Default::default(),
        public_url: "http://127.0.0.1".into(),
        mail_wake: Default::default(),
        uploads: Default::default(),
        spool_dir,
    };
    drop(conn);
    let db = Db {
        name,
        path,
        pool,
        app,
        tenant,
        owner,
        steady,
    };
    if fresh {
        seed_history(&db, (tenant, owner), months, false)?;
        seed_history(&db, steady, 12, true)?;
    }
    Ok(db)
}

/// The fixture's terms with the handover plan moved to the contracts' dates:
/// a trial month, a ramp-up to mid-October 2026 (a phase starts inside a
/// month), full service to the end.
fn terms() -> anyhow::Result<Terms> {
    let mut document = serde_json::to_value(fixture::terms())?;
    let phases = document["phases"].as_array_mut().expect("phases");
    let bounds = [
        ("2025-12-01", "2026-01-01"),
        ("2026-01-01", "2026-10-16"),
        ("2026-10-16", "2027-12-01"),
    ];
    for (phase, (start, end)) in phases.iter_mut().zip(bounds) {
        phase["start"] = start.into();
        phase["end"] = end.into();
    }
    Ok(serde_json::from_value(document)?)
}

/// A tenant, its owner, a vendor and `count` active contracts on [`terms`].
fn seed_contracts(
    conn: &mut DbConnection,
    name: &str,
    count: i64,
) -> anyhow::Result<(TenantId, UserId)> {
    let tenant = store::tenants::create(conn, name)?;
    let owner = store::users::create(
        conn,
        tenant.id,
        store::users::NewUser {
            email: &EmailAddress::parse(&format!("owner{}@merchant.cn", tenant.id.get())).unwrap(),
            display_name: "店主",
            password_hash: "not a hash: nobody signs in",
            assignment: Assignment::new(Role::Owner, None)?,
        },
    )?;
    let count = u64::try_from(count)?;
    seed::active_contracts(
        conn,
        tenant.id,
        count,
        (date(FIRST_DAY), date(LAST_DAY)),
        &terms()?,
    )?;
    Ok((tenant.id, owner.id))
}

/// The median time and CPU time of `runs` runs of `once`.
fn medians(
    runs: usize,
    mut once: impl FnMut() -> anyhow::Result<(f64, f64)>,
) -> anyhow::Result<(f64, f64)> {
    let (mut times, mut cpus) = (Vec::with_capacity(runs), Vec::with_capacity(runs));
    for _ in 0..runs {
        let (took, cpu) = once()?;
        times.push(took);
        cpus.push(cpu);
    }
    Ok((median(&times), median(&cpus)))
}

/// The database an environment variable names (`month` or `year`), if it is set.
fn chosen<'a>(dbs: &'a [Db], var: &str) -> anyhow::Result<Option<&'a Db>> {
    let Ok(which) = std::env::var(var) else {
        return Ok(None);
    };
    dbs.iter()
        .find(|db| db.name == which)
        .map(Some)
        .ok_or_else(|| anyhow::anyhow!("{var} is month or year"))
}

fn first_contract(db: &Db, tenant: TenantId) -> anyhow::Result<ContractId> {
    let mut conn = db.pool.get()?;
    Ok(ContractId::new(scalar(
        &mut conn,
        &format!(
            "SELECT min(id) AS n FROM contracts WHERE tenant_id = {}",
            tenant.get()
        ),
    )?))
}

/// The last `months` months of daily figures up to November 2026 for the
/// contracts of `tenant`, every month before November (or every month,
/// `through_last`) closed and its invoices issued.
fn seed_history(
    db: &Db,
    (tenant, owner): (TenantId, UserId),
    months: u32,
    through_last: bool,
) -> anyhow::Result<()> {
    let last: Period = CLOSED.parse().unwrap();
    let mut first = last;
    for _ in 1..months {
        first = first.previous();
    }
    let mut conn = db.pool.get()?;
    let started = Instant::now();
    let rows = seed_figures(&mut conn, tenant, first.first_day(), last.last_day())?;
    let took = started.elapsed().as_secs_f64();
    println!(
        "{}: {rows} KPI rows ({first} to {last}) in {took:.1} s ({:.0} rows/s)",
        db.name,
        rows as f64 / took
    );
    let started = Instant::now();
    let auth = owner_of(tenant, owner);
    let mut closed = 0;
    let closing = if through_last { last } else { last.previous() };
    for period in first.through(closing) {
        let summary = kefu::app::billing::close::close(
            &mut conn,
            Vec::new(),
            tenant,
            auth.actor(),
            period,
            |_, _| {},
        )
        .map_err(|e| anyhow::anyhow!("{e}"))?;
        assert!(summary.failed.is_empty(), "{:?}", summary.failed.first());
        closed += summary.created;
        issue_drafts(&mut conn, &auth, period)?;
    }
    if closed > 0 {
        println!(
            "{}: {closed} invoices closed and issued in {:.1} s",
            db.name,
            started.elapsed().as_secs_f64()
        );
    }
    Ok(())
}

/// Issues the drafts of `period`, 500 to a transaction, as the API's issue does each.
fn issue_drafts(conn: &mut DbConnection, auth: &AuthUser, period: Period) -> anyhow::Result<()> {
    let drafts: Vec<i64> = {
        use diesel::prelude::*;
        use kefu::store::schema::invoices;
        invoices::table
            .filter(invoices::tenant_id.eq(auth.tenant().get()))
            .filter(invoices::period.eq(period.to_string()))
            .filter(invoices::status.eq("draft"))
            .select(invoices::id)
            .order(invoices::id)
            .load(conn)?
    };
    for batch in drafts.chunks(500) {
        store::write(conn, |conn| {
            for id in batch {
                kefu::app::invoices::issue::issue(conn, auth, InvoiceId::new(*id), None)
                    .map_err(|e| anyhow::anyhow!("issuing {id}: {e:?}"))?;
            }
            Ok::<_, anyhow::Error>(())
        })?;
    }
    Ok(())
}

/// Every contract's figures from `from` to `to`, written in the order of the
/// table's key (contract, day, metric) by one `INSERT … SELECT` per 100
/// contracts, each its own transaction. The figures follow the fixture's
/// patterns (weekday and weekend volumes, some days worse than others).
fn seed_figures(
    conn: &mut DbConnection,
    tenant: TenantId,
    from: NaiveDate,
    to: NaiveDate,
) -> anyhow::Result<usize> {
    let ids: Vec<i64> = {
        use diesel::prelude::*;
        use kefu::store::schema::contracts;
        contracts::table
            .filter(contracts::tenant_id.eq(tenant.get()))
            .select(contracts::id)
            .order(contracts::id)
            .load(conn)?
    };
    let metrics = METRICS
        .iter()
        .map(|m| format!("('{m}')"))
        .collect::<Vec<_>>()
        .join(", ");
    // n counts days from the contracts' first, so a day has the same figures in both databases.
    let n0 = (from - date(FIRST_DAY)).num_days();
    let mut rows = 0;
    for batch in ids.chunks(100) {
        let (lo, hi) = (batch[0], batch[batch.len() - 1]);
        let sql = format!(
            "WITH RECURSIVE days(n, day) AS (
                 SELECT {n0}, '{from}' UNION ALL SELECT n + 1, date(day, '+1 day') FROM days WHERE day < '{to}'
             ),
             metrics(code) AS (VALUES {metrics}),
             cd AS (
                 SELECT c.id AS id, d.day AS day, (c.id * 7 + d.n * 13) % 11 AS w,
                        CASE WHEN d.n % 7 >= 5 THEN 900 ELSE 650 END + ((c.id * 7 + d.n * 13) % 11) * 10 AS v
                 FROM contracts c CROSS JOIN days d
                 WHERE c.tenant_id = {t} AND c.id BETWEEN {lo} AND {hi}
             )
             INSERT INTO kpi_rows (tenant_id, month, contract_id, day, metric, source, numerator, denominator, revision, recorded_at)
             SELECT {t}, CAST(strftime('%Y%m', cd.day) AS INTEGER), cd.id, cd.day, m.code, 'merchant',
                 CASE m.code
                     WHEN 'consultations' THEN v
                     WHEN 'cs_sales' THEN 800000 + w * 10000
                     WHEN 'first_response_time' THEN (24 + w) * 1000 * v
                     WHEN 'conversion_rate' THEN 36 + w / 2
                     WHEN 'dsr_service' THEN 47 + w / 5
                     WHEN 'csat' THEN 88 + w / 2
                     WHEN 'fcr' THEN 75 + w
                     WHEN 'service_level' THEN 85 + w
                     WHEN 'abandonment_rate' THEN 3 + w / 3
                     WHEN 'qa_score' THEN 8000 + w * 100
                     WHEN 'average_handle_time' THEN (280 + w * 5) * 1000 * v
                     WHEN 'dsat' THEN 2 + w / 4
                 END,
                 CASE m.code
                     WHEN 'consultations' THEN 1
                     WHEN 'cs_sales' THEN 1
                     WHEN 'first_response_time' THEN v
                     WHEN 'average_handle_time' THEN v
                     WHEN 'dsr_service' THEN 10
                     ELSE 100
                 END,
                 1, '2026-12-01 00:00:00'
             FROM cd CROSS JOIN metrics m",
            t = tenant.get(),
        );
        rows += store::write(conn, |conn| diesel::sql_query(sql).execute(conn))?;
    }
    Ok(rows)
}

/// The close of `period` on three connections, as `close_month` takes them;
/// its time and CPU time. With `undo`, its drafts are taken away after.
fn close_once(db: &Db, period: Period, count: i64, undo: bool) -> anyhow::Result<(f64, f64)> {
    let (mut conn, mut second, mut writer) = (db.pool.get()?, db.pool.get()?, db.pool.get()?);
    let started = Instant::now();
    let cpu = cpu_seconds();
    let summary = kefu::app::billing::close::close(
        &mut conn,
        vec![&mut second, &mut writer],
        db.tenant,
        db.auth().actor(),
        period,
        |_, _| {},
    )
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    let took = started.elapsed().as_secs_f64();
    let cpu = cpu_seconds() - cpu;
    assert_eq!(
        summary.created as i64,
        count,
        "{:?}",
        summary.failed.first()
    );
    if undo {
        undo_close(&mut conn, db.tenant, period)?;
    }
    Ok((took, cpu))
}

/// Takes the close of `period` back: its invoices (drafts, or issued in a
/// run before), their parties and their audit entries.
fn undo_close(conn: &mut DbConnection, tenant: TenantId, period: Period) -> anyhow::Result<()> {
    let t = tenant.get();
    store::write(conn, |conn| {
        diesel::sql_query(format!(
            "DELETE FROM invoice_parties WHERE tenant_id = {t} AND invoice_id IN
                 (SELECT id FROM invoices WHERE tenant_id = {t} AND period = '{period}')"
        ))
        .execute(conn)?;
        diesel::sql_query(format!(
            "DELETE FROM audit_log WHERE tenant_id = {t} AND entity = 'invoice' AND entity_id IN
                 (SELECT id FROM invoices WHERE tenant_id = {t} AND period = '{period}')"
        ))
        .execute(conn)?;
        diesel::sql_query(format!(
            "DELETE FROM invoices WHERE tenant_id = {t} AND period = '{period}'"
        ))
        .execute(conn)?;
        Ok::<_, diesel::result::Error>(())
    })?;
    Ok(())
}

/// The CSV a vendor's job would send: every contract's 12 figures of the fed day.
fn write_feed(path: &Path, count: i64) -> anyhow::Result<()> {
    use std::io::Write;
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    writeln!(out, "contract,metric,day,numerator,denominator")?;
    let day = date(FED);
    let n = (day - date(FIRST_DAY)).num_days() as u32;
    for i in 0..count {
        for (metric, numerator, denominator) in fixture::figures_of(i as u64, n) {
            writeln!(
                out,
                "KF-2026-{i:05},{metric},{day},{numerator},{denominator}"
            )?;
        }
    }
    out.flush()?;
    Ok(())
}

/// The file taken in as the API's upload takes it, as the merchant's figures.
fn upload(
    conn: &mut DbConnection,
    db: &Db,
    csv: &Path,
) -> anyhow::Result<kefu::app::kpi::IngestSummary> {
    let file = std::fs::File::open(csv)?;
    kefu::app::kpi::import::import(conn, &db.auth(), KpiSource::Merchant, file, |_, summary| {
        Ok::<_, kefu::app::AppError>(summary)
    })
    .map_err(|e| anyhow::anyhow!("{e:?}"))
}

/// Removes the fed day's figures again, contract by contract (each a seek on the key).
fn forget_fed_day(conn: &mut DbConnection, tenant: TenantId) -> anyhow::Result<()> {
    let t = tenant.get();
    diesel::sql_query(format!(
        "DELETE FROM kpi_rows WHERE tenant_id = {t} AND day = '{}'
             AND contract_id IN (SELECT id FROM contracts WHERE tenant_id = {t})",
        date(FED)
    ))
    .execute(conn)?;
    Ok(())
}
