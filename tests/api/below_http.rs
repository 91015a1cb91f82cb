//! The use cases called as the pages, the command line and the mail worker
//! call them: straight through `kefu::app`, no HTTP in between, on the test's
//! own database (SQLite, or PostgreSQL with `TEST_DATABASE_URL`). The
//! contract and its figures are written over the API first, as a user would.

use std::sync::Arc;
use std::time::Duration;

use kefu::app::billing::{close, input};
use kefu::app::{App, AppError, Caller, documents, invoices, month, reports};
use kefu::auth::{JwtKeys, LoginThrottle};
use kefu::domain::audit::Actor;
use kefu::domain::billing::{Basis, MetricInput};
use kefu::domain::{ContractId, InvoiceId, Period, Scope, TenantId};

use crate::helpers::{JWT_SECRET, Plan, TestApp};
use crate::invoices::Billing;

/// The application over the test server's database, as a second process would have it.
fn app_beside(server: &TestApp) -> App {
    App {
        pool: kefu::store::connect(&server.database_url).expect("the database opens"),
        keys: JwtKeys::new(JWT_SECRET.as_bytes(), None).expect("the test key is long enough"),
        throttle: LoginThrottle::default(),
        token_ttl: Duration::from_secs(3600),
        sessions: Default::default(),
        public_url: "http://127.0.0.1".into(),
        spool_dir: std::env::temp_dir(),
        mail_wake: Arc::new(tokio::sync::Notify::new()),
        uploads: Default::default(),
    }
}

fn signed_in(app: &App, token: &str) -> Caller {
    Caller::Token(app.keys.verify(token).expect("the server's token"))
}

/// Each metric the contract's last month bills on, as the month's view
/// chooses it beside the invoice's input: both gathered through `kefu::app`.
fn side_by_side(app: &App, b: &Billing) -> Vec<(month::Chosen, MetricInput)> {
    let tenant = TenantId::new(b.s.owner.tenant_id);
    let scope = Scope {
        tenant,
        vendor: None,
    };
    let mut conn = app.pool.get().unwrap();
    let id = ContractId::new(b.s.ids.contract);
    let contract = kefu::store::contracts::get(&mut conn, scope, id).unwrap();
    let view = month::load_for(&mut conn, tenant, contract.clone(), last_month()).unwrap();
    let billed = input::gather(&mut conn, tenant, contract, last_month()).unwrap();
    billed
        .figures
        .into_iter()
        .map(|figure| {
            let shown = view
                .figures
                .iter()
                .find(|f| f.metric.code == figure.metric)
                .unwrap_or_else(|| panic!("the view shows {}", figure.metric));
            (view.chosen(shown), figure)
        })
        .collect()
}

fn last_month() -> Period {
    Period::of(Plan::now().second)
}

#[tokio::test]
async fn the_month_s_view_and_its_invoice_stand_on_the_same_figures() {
    let b = Billing::new().await;
    let app = app_beside(&b.s.app);
    let pairs = side_by_side(&app, &b);

    assert!(
        pairs.len() >= 5,
        "the terms bill on consultations, sales and three clause metrics: {:?}",
        pairs.iter().map(|(_, f)| &f.metric).collect::<Vec<_>>()
    );
    for (chosen, figure) in &pairs {
        assert_eq!(chosen.basis, figure.basis, "{}", figure.metric);
        assert_eq!(chosen.basis, Basis::Feed, "{}", figure.metric);
        let (numerator, denominator) = figure.buckets.iter().fold((0, 0), |(n, d), b| {
            (n + b.for_billing.numerator, d + b.for_billing.denominator)
        });
        let shown = chosen.for_billing.expect("a fed metric has figures");
        assert_eq!(
            (numerator, denominator),
            (shown.numerator, shown.denominator),
            "{}: the invoice bills on what the month's view shows",
            figure.metric
        );
    }
}

#[tokio::test]
async fn once_the_report_is_accepted_the_view_and_the_invoice_both_stand_on_it() {
    let b = Billing::new().await;
    let app = app_beside(&b.s.app);
    let id = ContractId::new(b.s.ids.contract);
    let vendor = Caller::ApiKey(b.s.vendor_key.clone());
    let body = serde_json::from_value(crate::routes::report()).expect("a report body");
    reports::write::write(&app, vendor.clone(), id, last_month(), body)
        .await
        .unwrap();
    reports::steps::submit(&app, vendor.clone(), id, last_month())
        .await
        .unwrap();
    let refused = reports::steps::accept(&app, vendor, id, last_month()).await;
    assert!(
        matches!(refused, Err(AppError::Forbidden | AppError::OutOfKeyScope)),
        "a vendor does not accept its own report: {refused:?}"
    );
    let owner = signed_in(&app, &b.s.owner.token);
    let accepted = reports::steps::accept(&app, owner, id, last_month())
        .await
        .unwrap();
    assert_eq!(
        accepted.status,
        kefu::domain::report::ReportStatus::Accepted
    );

    for (chosen, figure) in side_by_side(&app, &b) {
        assert_eq!(
            (chosen.basis, figure.basis),
            (Basis::Report, Basis::Report),
            "{}: the accepted report's figures, in the view and on the invoice",
            figure.metric
        );
    }
}

#[tokio::test]
async fn the_close_answers_to_the_caller_s_role_and_a_second_close_adds_nothing() {
    let b = Billing::new().await;
    let app = app_beside(&b.s.app);
    let vendor = Caller::ApiKey(b.s.vendor_key.clone());

    let refused = close::close_month(&app, vendor.clone(), last_month()).await;
    assert!(
        matches!(refused, Err(AppError::Forbidden | AppError::OutOfKeyScope)),
        "a vendor's key does not close a month: {refused:?}"
    );
    let nothing = invoices::list(
        &app,
        signed_in(&app, &b.finance.token),
        query(),
        first_page(),
    )
    .await
    .unwrap();
    assert!(nothing.is_empty(), "the refused close drafted nothing");

    let finance = signed_in(&app, &b.finance.token);
    let first = close::close_month(&app, finance.clone(), last_month())
        .await
        .unwrap();
    assert_eq!((first.contracts, first.created), (1, 1), "{first:?}");
    let again = close::close_month(&app, finance, last_month())
        .await
        .unwrap();
    assert_eq!((again.created, again.already_invoiced), (0, 1), "{again:?}");

    // The vendor reads its invoice, and its PDF, as the mail worker prints it.
    let seen = invoices::list(&app, vendor.clone(), query(), first_page())
        .await
        .unwrap();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].total, first.totals[0].total);
    let pdf = documents::invoice(&app, vendor, InvoiceId::new(seen[0].id), "pdf", None)
        .await
        .unwrap();
    assert!(pdf.bytes.starts_with(b"%PDF"), "a PDF");
    assert_eq!(pdf.name, format!("draft-{}", seen[0].id));
}

#[tokio::test]
async fn the_command_line_close_runs_as_kefu_itself_and_reports_its_progress() {
    let b = Billing::new().await;
    let app = app_beside(&b.s.app);
    let tenant = TenantId::new(b.s.owner.tenant_id);
    let [mut conn, mut second, mut writer] = [(); 3].map(|_| app.pool.get().unwrap());
    let mut heard = Vec::new();
    let summary = close::close(
        &mut conn,
        vec![&mut second, &mut writer],
        tenant,
        Actor::SYSTEM,
        last_month(),
        |done, of| heard.push((done, of)),
    )
    .unwrap();
    assert_eq!(summary.created, 1);
    assert_eq!(heard.last(), Some(&(1, 1)), "progress ends at one of one");
    // Another tenant's close finds nothing of this one's.
    let other = close::close(
        &mut conn,
        Vec::new(),
        TenantId::new(tenant.get() + 1000),
        Actor::SYSTEM,
        last_month(),
        |_, _| {},
    )
    .unwrap();
    assert_eq!((other.contracts, other.created), (0, 0));
}

#[tokio::test]
async fn a_close_on_one_two_or_three_connections_drafts_the_same() {
    let mut totals = Vec::new();
    for spares in 0..=2 {
        let b = Billing::new().await;
        let app = app_beside(&b.s.app);
        let mut conns: Vec<_> = (0..=spares).map(|_| app.pool.get().unwrap()).collect();
        let (conn, spares) = conns.split_first_mut().unwrap();
        let summary = close::close(
            conn,
            spares.iter_mut().map(|c| &mut **c).collect(),
            TenantId::new(b.s.owner.tenant_id),
            Actor::SYSTEM,
            last_month(),
            |_, _| {},
        )
        .unwrap();
        assert_eq!((summary.created, summary.failed.len()), (1, 0));
        totals.push(summary.totals[0].total);
    }
    assert_eq!(
        totals[0], totals[1],
        "one connection or two: the same total"
    );
    assert_eq!(
        totals[0], totals[2],
        "one connection or three: the same total"
    );
}

fn query() -> invoices::InvoiceQuery {
    invoices::InvoiceQuery {
        period: None,
        status: None,
        vendor: None,
        shop: None,
        contract: None,
    }
}

fn first_page() -> kefu::store::Page {
    kefu::store::Page {
        after: None,
        limit: 50,
    }
}

/// The dashboard's trend for each month that is over — summed by the
/// database, a year of them at once — against each month's own page, which
/// reads its days one by one: the merchant's export beside the vendor's feed,
/// an exclusion window, and a month with no figures.
#[tokio::test]
async fn the_dashboard_s_trend_is_each_month_as_its_page_shows_it() {
    use kefu::app::dashboards::contract::dashboard;
    let b = Billing::new().await;
    let plan = Plan::now();
    // The merchant's export: conversion 30 %, 31 %, … 39 % on the first ten days of last month.
    let rows: Vec<serde_json::Value> = (0..10)
        .map(|n| {
            serde_json::json!({ "metric": "conversion_rate", "day": plan.second + chrono::Days::new(n),
                                "numerator": 30 + n, "denominator": 100 })
        })
        .collect();
    let fed =
        b.s.feed(&b.s.owner.token, serde_json::json!({ "rows": rows }))
            .await;
    assert_eq!(fed.status, 201, "{:?}", fed.body);
    exclude(
        &b,
        plan.second + chrono::Days::new(3),
        plan.second + chrono::Days::new(5),
    )
    .await;

    let app = app_beside(&b.s.app);
    let id = ContractId::new(b.s.ids.contract);
    let shown = dashboard(&app, signed_in(&app, &b.s.owner.token), id)
        .await
        .unwrap();
    let tenant = TenantId::new(b.s.owner.tenant_id);
    let mut conn = app.pool.get().unwrap();
    let over: Vec<Period> = shown
        .periods
        .iter()
        .copied()
        .filter(|p| *p < Period::of(chrono::Utc::now().date_naive()))
        .collect();
    assert!(
        over.contains(&last_month()),
        "last month is over and shown: {:?}",
        shown.periods
    );
    let mut with_figures = 0;
    for period in over {
        let points = points_as_on_the_page(&mut conn, tenant, &shown, period);
        with_figures += points.iter().filter(|v| v.is_some()).count();
    }
    assert!(with_figures >= 3, "last month's clauses have figures");
    // The days the sources differ: those of the merchant's export but the one at 38 %.
    assert_eq!(
        shown
            .differences
            .iter()
            .filter(|d| d.metric.code == "conversion_rate")
            .count(),
        9,
        "{:?}",
        shown.differences
    );
}

/// The merchant records a platform outage from `from` to `to`: days left out of the SLA.
async fn exclude(b: &Billing, from: chrono::NaiveDate, to: chrono::NaiveDate) {
    let window = serde_json::json!({
        "from": from, "to": to, "category": "platform_outage", "note": "平台宕机"
    });
    let excluded =
        b.s.app
            .post(&b.s.path("/exclusions"), &b.s.owner.token, window)
            .await;
    assert_eq!(excluded.status, 201, "{:?}", excluded.body);
}

/// A month's point of each of the dashboard's trends, each held to what the
/// month's own page shows.
fn points_as_on_the_page(
    conn: &mut kefu::store::DbConnection,
    tenant: TenantId,
    shown: &kefu::app::dashboards::contract::ContractDashboard,
    period: Period,
) -> Vec<Option<rust_decimal::Decimal>> {
    let page = month::load_for(conn, tenant, shown.contract.clone(), period).unwrap();
    let sums = page.sla_sums();
    shown
        .trends
        .iter()
        .map(|trend| {
            let point = trend.points.iter().find(|p| p.period == period).unwrap();
            let on_page = sums
                .get(trend.metric.code)
                .and_then(|s| s.value(trend.metric, page.minor_digits()));
            assert_eq!(
                point.value, on_page,
                "{period} {}: the dashboard shows what the month's page shows",
                trend.metric.code
            );
            point.value
        })
        .collect()
}

/// Last month's point of each trend (each as the month's page shows it), and
/// the number of months whose sums the database keeps for the contract.
async fn last_month_as_shown(app: &App, b: &Billing) -> (Vec<Option<rust_decimal::Decimal>>, i64) {
    use diesel::prelude::*;
    use kefu::app::dashboards::contract::dashboard;
    use kefu::store::schema::kept_month_sums;
    let id = ContractId::new(b.s.ids.contract);
    let shown = dashboard(app, signed_in(app, &b.s.owner.token), id)
        .await
        .unwrap();
    let tenant = TenantId::new(b.s.owner.tenant_id);
    let mut conn = app.pool.get().unwrap();
    let points = points_as_on_the_page(&mut conn, tenant, &shown, last_month());
    let kept: i64 = kept_month_sums::table
        .filter(kept_month_sums::tenant_id.eq(tenant.get()))
        .filter(kept_month_sums::contract_id.eq(id.get()))
        .count()
        .get_result(&mut *conn)
        .unwrap();
    (points, kept)
}

#[tokio::test]
async fn a_month_over_is_summed_once_until_a_row_or_a_window_changes_it() {
    let b = Billing::new().await;
    let plan = Plan::now();
    let app = app_beside(&b.s.app);
    let (first, kept) = last_month_as_shown(&app, &b).await;
    assert!(
        first.iter().filter(|v| v.is_some()).count() >= 3,
        "{first:?}"
    );
    assert!(kept >= 1, "last month's sums are kept");
    // Shown again from what was kept: the same.
    assert_eq!(last_month_as_shown(&app, &b).await, (first.clone(), kept));

    // The vendor corrects last month's first day: every conversion, not 38 %.
    let corrected = serde_json::json!({ "rows": [
        { "metric": "conversion_rate", "day": plan.second, "numerator": 100, "denominator": 100 }
    ] });
    let fed = b.s.feed(&b.s.vendor_key, corrected).await;
    assert_eq!(fed.status, 201, "{:?}", fed.body);
    let (after_row, kept_after) = last_month_as_shown(&app, &b).await;
    assert_ne!(after_row, first, "the late row is in the trend");
    assert_eq!(kept_after, kept, "kept again, in place");

    // That day left out of the SLA: its buckets change, and so does the month.
    exclude(&b, plan.second, plan.second).await;
    let (after_window, _) = last_month_as_shown(&app, &b).await;
    assert_ne!(
        after_window, after_row,
        "the excluded day is out of the trend"
    );
}
