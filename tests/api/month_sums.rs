//! The close reads the month of many contracts in one statement, the days cut
//! into parts at every contract's breakpoints and excluded days. Whatever the
//! contracts' windows, buckets and excluded days, each contract's sums must be
//! those of its own days added one by one — checked here on the test's
//! database (SQLite, or PostgreSQL with `TEST_DATABASE_URL`) for random feeds.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use diesel::RunQueryDsl;
use kefu::domain::kpi::Sums;
use kefu::domain::terms::KpiSource;
use kefu::domain::{ContractId, TenantId};
use kefu::store::kpi::{BucketSums, SumsOf};
use kefu::store::{self, DbConnection};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

use crate::helpers::spawn_app;

#[path = "../../benches/support/seed.rs"]
#[allow(dead_code, reason = "the test makes contracts without terms")]
mod seed;

const CONTRACTS: usize = 4;
const METRICS: [&str; 2] = ["consultations", "first_response_time"];
const SOURCES: [&str; 2] = ["merchant", "vendor"];

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 10, d).unwrap()
}

/// One contract's ask: its window, the first days of its later buckets, its
/// excluded days; and its rows (day, metric, source, numerator, denominator),
/// some lying outside the window.
#[derive(Debug, Clone)]
struct Case {
    from: u32,
    to: u32,
    breaks: Vec<u32>,
    excluded: Vec<u32>,
    rows: Vec<(u32, usize, usize, i64, i64)>,
}

fn case() -> impl Strategy<Value = Case> {
    (1u32..=31, 1u32..=31)
        .prop_map(|(a, b)| (a.min(b), a.max(b)))
        .prop_flat_map(|(from, to)| {
            (
                Just(from),
                Just(to),
                proptest::collection::btree_set(from..=to, 0..4),
                proptest::collection::btree_set(from..=to, 0..5),
                proptest::collection::btree_map(
                    (1u32..=31, 0..METRICS.len(), 0..SOURCES.len()),
                    (0i64..5_000, 0i64..2_000),
                    0..60,
                ),
            )
        })
        .prop_map(|(from, to, breaks, excluded, rows)| Case {
            from,
            to,
            breaks: breaks.into_iter().filter(|d| *d > from).collect(),
            excluded: excluded.into_iter().collect(),
            rows: rows
                .into_iter()
                .map(|((d, m, s), (n, den))| (d, m, s, n, den))
                .collect(),
        })
}

/// The sums of a contract's own days, one day at a time.
fn by_hand(case: &Case) -> Vec<BucketSums> {
    let starts: Vec<u32> = std::iter::once(case.from)
        .chain(case.breaks.iter().copied())
        .collect();
    let mut sums: BTreeMap<(String, KpiSource, usize), (Sums, Sums)> = BTreeMap::new();
    for &(d, m, s, n, den) in &case.rows {
        if d < case.from || d > case.to {
            continue;
        }
        let bucket = starts.iter().rposition(|first| *first <= d).unwrap();
        let source: KpiSource = SOURCES[s].parse().unwrap();
        let (billing, sla) = sums
            .entry((METRICS[m].to_owned(), source, bucket))
            .or_default();
        billing.add(n, den);
        if !case.excluded.contains(&d) {
            sla.add(n, den);
        }
    }
    sums.into_iter()
        .map(
            |((metric, source, bucket), (for_billing, for_sla))| BucketSums {
                metric,
                source,
                bucket,
                for_sla,
                for_billing,
            },
        )
        .collect()
}

fn contracts(conn: &mut DbConnection, tenant: TenantId) -> Vec<ContractId> {
    let vendor = seed::vendor(conn, tenant).unwrap();
    let days = (day(1), NaiveDate::from_ymd_opt(2027, 9, 30).unwrap());
    (0..CONTRACTS)
        .map(|i| seed::contract(conn, tenant, &vendor, format!("S-{i}"), days).unwrap())
        .collect()
}

#[tokio::test]
async fn many_contracts_summed_at_once_are_each_summed_as_its_own_days() {
    let server = spawn_app().await;
    let pool = store::connect(&server.database_url).unwrap();
    let conn = std::cell::RefCell::new(pool.get().unwrap());
    let round = std::cell::Cell::new(0);
    let mut runner = TestRunner::new(Config {
        cases: 40,
        ..Config::default()
    });
    let strategy = proptest::collection::vec(case(), CONTRACTS);
    runner
        .run(&strategy, |cases| {
            let mut conn = conn.borrow_mut();
            round.set(round.get() + 1);
            // A tenant each round: its rows are the round's alone.
            let tenant = store::tenants::create(&mut conn, &format!("商家{}", round.get()))
                .unwrap()
                .id;
            let ids = contracts(&mut conn, tenant);
            for (id, case) in ids.iter().zip(&cases) {
                for &(d, m, s, n, den) in &case.rows {
                    diesel::sql_query(format!(
                        "INSERT INTO kpi_rows (tenant_id, month, contract_id, day, metric, \
                         source, numerator, denominator, revision, recorded_at) VALUES \
                         ({}, {}, {}, '{}', '{}', '{}', {n}, {den}, 1, '2026-11-01 00:00:00')",
                        tenant.get(),
                        store::kpi::month_of(day(d)),
                        id.get(),
                        day(d),
                        METRICS[m],
                        SOURCES[s]
                    ))
                    .execute(&mut *conn)
                    .unwrap();
                }
            }
            let days: Vec<(Vec<NaiveDate>, Vec<NaiveDate>)> = cases
                .iter()
                .map(|c| {
                    let starts = std::iter::once(c.from)
                        .chain(c.breaks.iter().copied())
                        .map(day)
                        .collect();
                    (starts, c.excluded.iter().copied().map(day).collect())
                })
                .collect();
            let asks: Vec<SumsOf<'_>> = ids
                .iter()
                .zip(&cases)
                .zip(&days)
                .map(|((id, c), (starts, excluded))| SumsOf {
                    contract: *id,
                    from: day(c.from),
                    to: day(c.to),
                    starts,
                    excluded,
                })
                .collect();
            let mut summed = store::kpi::bucket_sums(&mut conn, tenant, &asks).unwrap();
            for (id, case) in ids.iter().zip(&cases) {
                let got = summed.remove(id).unwrap_or_default();
                prop_assert_eq!(got, by_hand(case), "contract {:?}", case);
            }
            Ok(())
        })
        .unwrap();
}
