//! A vendor's statement of account (对账单) over HTTP: movements in date order
//! with a running balance, aging by due date, as JSON, CSV and Excel, and
//! only for who may see the vendor.

use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;
use serde_json::{Value, json};

use crate::documents::{csv_rows, sheet_xml};
use crate::helpers::{Plan, TestApp};
use crate::invoices::{Billing, dec};

/// Today where the contracts are: the day invoices and credit notes are dated.
fn today() -> NaiveDate {
    chrono::Utc::now()
        .with_timezone(&chrono_tz::Asia::Shanghai)
        .date_naive()
}

fn ago(days: u64) -> NaiveDate {
    today() - Days::new(days)
}

/// Dates issued invoices and credit notes as if they had been issued on those
/// days: the API dates them today, and a statement is about time passing.
async fn backdate(app: &TestApp, invoice: i64, issued_on: NaiveDate, due_on: NaiveDate) {
    use diesel::prelude::*;
    use kefu::store::schema::invoices;
    let pool = kefu::store::connect(&app.database_url).unwrap();
    let mut conn = pool.get().unwrap();
    diesel::update(invoices::table.filter(invoices::id.eq(invoice)))
        .set((
            invoices::issued_on.eq(issued_on),
            invoices::due_on.eq(due_on),
        ))
        .execute(&mut *conn)
        .unwrap();
}

async fn backdate_note(app: &TestApp, note: i64, issued_on: NaiveDate) {
    use diesel::prelude::*;
    use kefu::store::schema::credit_notes;
    let pool = kefu::store::connect(&app.database_url).unwrap();
    let mut conn = pool.get().unwrap();
    diesel::update(credit_notes::table.filter(credit_notes::id.eq(note)))
        .set(credit_notes::issued_on.eq(issued_on))
        .execute(&mut *conn)
        .unwrap();
}

async fn pay_on(b: &Billing, id: i64, amount: &str, on: NaiveDate) {
    let body = json!({ "paid_on": on, "amount": amount, "reference": format!("招商银行 {on}") });
    let paid =
        b.s.app
            .post(
                &format!("/api/v1/invoices/{id}/payments"),
                &b.finance.token,
                body,
            )
            .await;
    assert_eq!(paid.status, 201, "{:?}", paid.body);
}

/// Drafts and issues the contract's invoice of a month; returns its id and total.
async fn issue_month(b: &Billing, period: &str) -> (i64, Decimal) {
    let draft =
        b.s.app
            .post(
                &b.s.path("/invoices"),
                &b.manager.token,
                json!({ "period": period }),
            )
            .await;
    assert_eq!(draft.status, 201, "{:?}", draft.body);
    let id = draft.body["id"].as_i64().unwrap();
    assert_eq!(b.issue(id).await.status, 200);
    (id, dec(&draft.body["total"]))
}

struct Story {
    b: Billing,
    /// The first month's invoice A, its total; last month's B, its total.
    a: (i64, Decimal),
    bb: (i64, Decimal),
    /// The credit note on B: its commission line and tax, 106.00 × D.
    credit: Decimal,
}

/// Two invoices, a credit note and two payments, T being today:
/// A (the contract's first month), issued T−100, due T−70, 5000.00 paid T−60;
/// B (last month), issued T−40, due T−10, line 3 credited T−20, 1000.00 paid T−5.
/// A draft of this month is not on the statement.
async fn story() -> Story {
    let b = Billing::new().await;
    let plan = Plan::now();
    let a = issue_month(&b, &plan.start.format("%Y-%m").to_string()).await;
    let bb = issue_month(&b, &plan.second.format("%Y-%m").to_string()).await;
    backdate(&b.s.app, a.0, ago(100), ago(70)).await;
    backdate(&b.s.app, bb.0, ago(40), ago(10)).await;
    let note = b.credit(bb.0, json!([3])).await;
    assert_eq!(note.status, 201, "{:?}", note.body);
    backdate_note(&b.s.app, note.body["id"].as_i64().unwrap(), ago(20)).await;
    pay_on(&b, a.0, "5000.00", ago(60)).await;
    pay_on(&b, bb.0, "1000.00", ago(5)).await;
    let draft =
        b.s.app
            .post(
                &b.s.path("/invoices"),
                &b.manager.token,
                json!({ "period": plan.third.format("%Y-%m").to_string() }),
            )
            .await;
    assert_eq!(draft.status, 201, "{:?}", draft.body);
    let credit = -dec(&note.body["total"]);
    Story { b, a, bb, credit }
}

fn statement_path(s: &Story, rest: &str) -> String {
    format!("/api/v1/vendors/{}/statement{rest}", s.b.s.vendor)
}

fn entries(currency: &Value) -> Vec<(String, String, Decimal, Decimal)> {
    currency["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["date"].as_str().unwrap().to_owned(),
                e["kind"].as_str().unwrap().to_owned(),
                dec(&e["amount"]),
                dec(&e["balance"]),
            )
        })
        .collect()
}

#[tokio::test]
async fn a_statement_lists_invoices_credit_notes_and_payments_with_a_running_balance_and_aging() {
    let s = story().await;
    let (ta, tb, cn) = (s.a.1, s.bb.1, s.credit);
    let from = ago(50);
    let reply =
        s.b.s
            .app
            .get(
                &statement_path(&s, &format!("?from={from}&to={}", today())),
                &s.b.finance.token,
            )
            .await;
    assert_eq!(reply.status, 200, "{:?}", reply.body);
    assert_eq!(reply.body["as_of"], json!(today()));
    let cny = &reply.body["currencies"][0];
    assert_eq!(reply.body["currencies"].as_array().unwrap().len(), 1);
    assert_eq!(cny["currency"], "CNY");
    // Before T−50: A issued (T−100) and 5000.00 paid on it (T−60).
    let opening = ta - Decimal::from(5000);
    assert_eq!(dec(&cny["opening"]), opening);
    // T−40 B +TB; T−20 its credit note −CN; T−5 a payment −1000.00. The draft is not there.
    let after_b = opening + tb;
    let closing = after_b - cn - Decimal::from(1000);
    assert_eq!(
        entries(cny),
        vec![
            (ago(40).to_string(), "invoice".into(), tb, after_b),
            (ago(20).to_string(), "credit_note".into(), -cn, after_b - cn),
            (
                ago(5).to_string(),
                "payment".into(),
                Decimal::from(-1000),
                closing
            ),
        ]
    );
    assert_eq!(cny["entries"][0]["due_on"], json!(ago(10)));
    assert_eq!(dec(&cny["closing"]), closing);
    // As of T: A (TA − 5000.00) is 70 days past due, 61–90; B (TB − CN − 1000.00)
    // is 10 days past due, 1–30. Together the closing balance.
    let aging = &cny["aging"];
    assert_eq!(
        (
            dec(&aging["current"]),
            dec(&aging["days_1_30"]),
            dec(&aging["days_31_60"]),
            dec(&aging["days_61_90"]),
            dec(&aging["over_90"]),
        ),
        (
            Decimal::ZERO,
            tb - cn - Decimal::from(1000),
            Decimal::ZERO,
            opening,
            Decimal::ZERO
        )
    );
    assert_eq!(dec(&aging["total"]), closing);

    // The whole history as of T−45: A alone, 25 days past due (1–30); B not issued yet.
    let earlier =
        s.b.s
            .app
            .get(
                &statement_path(&s, &format!("?as_of={}", ago(45))),
                &s.b.finance.token,
            )
            .await;
    assert_eq!(earlier.status, 200, "{:?}", earlier.body);
    let cny = &earlier.body["currencies"][0];
    assert_eq!(dec(&cny["opening"]), Decimal::ZERO);
    assert_eq!(cny["entries"].as_array().unwrap().len(), 5);
    assert_eq!(
        (dec(&cny["aging"]["days_1_30"]), dec(&cny["aging"]["total"])),
        (opening, opening)
    );

    // The vendor's own user reads the same statement.
    let vendor_user =
        s.b.s
            .app
            .user(&s.b.s.owner, "ap@vendor.cn", "vendor", Some(s.b.s.vendor))
            .await;
    let own =
        s.b.s
            .app
            .get(
                &statement_path(&s, &format!("?from={from}")),
                &vendor_user.token,
            )
            .await;
    assert_eq!(own.status, 200, "{:?}", own.body);
    assert_eq!(dec(&own.body["currencies"][0]["closing"]), closing);
}

#[tokio::test]
async fn a_statement_reads_back_from_csv_and_excel() {
    let s = story().await;
    let (ta, tb, cn) = (s.a.1, s.bb.1, s.credit);
    let from = ago(50);
    let closing = ta - Decimal::from(5000) + tb - cn - Decimal::from(1000);
    let (status, content_type, csv) =
        s.b.s
            .app
            .download(
                &statement_path(&s, &format!(".csv?from={from}")),
                &s.b.finance.token,
            )
            .await;
    assert_eq!(
        (status, content_type.as_str()),
        (200, "text/csv; charset=utf-8")
    );
    let rows = csv_rows(&csv);
    // Opening, three movements, closing; then seven aging lines.
    assert_eq!(rows.len(), 5 + 7, "{rows:?}");
    assert_eq!(rows[0][2], "期初余额");
    assert_eq!(
        rows[0][7].parse::<Decimal>().unwrap(),
        ta - Decimal::from(5000)
    );
    assert_eq!(
        (rows[2][2].as_str(), rows[2][6].parse::<Decimal>().unwrap()),
        ("红字冲销单", -cn)
    );
    assert_eq!(rows[4][2], "期末余额");
    assert_eq!(rows[4][7].parse::<Decimal>().unwrap(), closing);
    assert_eq!(rows[11][6].parse::<Decimal>().unwrap(), closing);

    let (status, content_type, xlsx) =
        s.b.s
            .app
            .download(
                &statement_path(&s, &format!(".xlsx?from={from}&language=en")),
                &s.b.finance.token,
            )
            .await;
    assert_eq!(status, 200);
    assert!(content_type.contains("spreadsheetml"), "{content_type}");
    let movements = sheet_xml(&xlsx, 1);
    assert_eq!(movements.matches("<row ").count(), 1 + 5);
    // Amounts are numbers, the decimal itself.
    assert!(
        movements.contains(&format!("<v>{}</v>", closing.normalize())),
        "{closing} is not a cell of {movements}"
    );
    let aging = sheet_xml(&xlsx, 2);
    assert!(aging.contains(&format!("<v>{}</v>", closing.normalize())));

    // Only csv and xlsx; dates are checked and named.
    let bad =
        s.b.s
            .app
            .get(
                &statement_path(&s, ".pdf?from=2026-13-01&to=yesterday"),
                &s.b.finance.token,
            )
            .await;
    assert_eq!(bad.status, 422);
    assert_eq!(bad.error_fields(), vec!["format", "from", "to"]);
    let reversed =
        s.b.s
            .app
            .get(
                &statement_path(&s, "?from=2026-10-31&to=2026-10-01"),
                &s.b.finance.token,
            )
            .await;
    assert_eq!(
        (reversed.status, reversed.error_fields()),
        (422, vec!["from".to_owned()])
    );
}

#[tokio::test]
async fn another_tenant_or_vendor_sees_no_statement() {
    let s = story().await;
    let stranger = s.b.s.app.signup("另一家店", "owner@other.cn").await;
    let theirs =
        s.b.s
            .app
            .get(&statement_path(&s, ""), &stranger.token)
            .await;
    assert_eq!(theirs.status, 404, "{:?}", theirs.body);
    let (status, _, _) =
        s.b.s
            .app
            .download(&statement_path(&s, ".csv"), &stranger.token)
            .await;
    assert_eq!(status, 404);
    let other_vendor =
        s.b.s
            .app
            .active_vendor(&s.b.s.owner.token, crate::helpers::CREDIT_CODES[1])
            .await;
    let other_user =
        s.b.s
            .app
            .user(
                &s.b.s.owner,
                "ap@other-vendor.cn",
                "vendor",
                Some(other_vendor),
            )
            .await;
    let reply =
        s.b.s
            .app
            .get(&statement_path(&s, ""), &other_user.token)
            .await;
    assert_eq!(reply.status, 404, "{:?}", reply.body);
    // Its own statement is empty: nothing was issued to it.
    let own =
        s.b.s
            .app
            .get(
                &format!("/api/v1/vendors/{other_vendor}/statement"),
                &other_user.token,
            )
            .await;
    assert_eq!((own.status, &own.body["currencies"]), (200, &json!([])));
}
