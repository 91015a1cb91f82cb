//! Daily KPI feeds over HTTP: exact period figures, exclusions, revisions,
//! idempotent replays, all-or-nothing uploads, and who may send what.

use chrono::{Days, NaiveDate};
use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{CREDIT_CODES, ContractIds, Plan, Session, TestApp};

/// A signed Tmall contract with a vendor that feeds by API key.
pub struct Signed {
    pub app: TestApp,
    pub owner: Session,
    pub vendor: i64,
    pub vendor_key: String,
    pub ids: ContractIds,
}

impl Signed {
    pub async fn new() -> Signed {
        Signed::new_with(|_| {}).await
    }

    /// The same, on a server whose settings the test adjusts.
    pub async fn new_with(adjust: impl FnOnce(&mut kefu::config::Settings)) -> Signed {
        let app = crate::helpers::spawn_app_with(adjust).await;
        let owner = app.signup("天猫旗舰店", "owner@shop.cn").await;
        let vendor = app.active_vendor(&owner.token, CREDIT_CODES[0]).await;
        let shop = app
            .post(
                "/api/v1/shops",
                &owner.token,
                json!({ "platform": "tmall", "name": "某某旗舰店" }),
            )
            .await
            .body["id"]
            .as_i64()
            .unwrap();
        let ids = app
            .tmall_contract(&owner.token, "KF-2026-001", vendor, shop)
            .await;
        let activated = app
            .post(
                &format!("/api/v1/contracts/{}/activate", ids.contract),
                &owner.token,
                json!({}),
            )
            .await;
        assert_eq!(activated.status, 200, "{:?}", activated.body);
        // The vendor's machine does everything a key may: feeds, incidents, reads, reports.
        let scopes = json!([
            "send_kpi",
            "log_incidents",
            "read_contracts",
            "write_reports"
        ]);
        let (_, vendor_key) = app
            .api_key_with(
                &owner.token,
                vendor,
                json!({ "name": "vendor system", "scopes": scopes }),
            )
            .await;
        Signed {
            app,
            owner,
            vendor,
            vendor_key,
            ids,
        }
    }

    pub fn path(&self, rest: &str) -> String {
        format!("/api/v1/contracts/{}{rest}", self.ids.contract)
    }

    pub async fn feed(&self, token: &str, body: Value) -> crate::helpers::Reply {
        self.app.post(&self.path("/kpi"), token, body).await
    }

    pub async fn month(&self, token: &str) -> Value {
        let reply = self
            .app
            .get(&self.path(&format!("/kpi?period={}", last_month())), token)
            .await;
        assert_eq!(reply.status, 200, "{:?}", reply.body);
        reply.body
    }

    pub async fn upload(
        &self,
        token: &str,
        csv: &str,
        headers: &[(&str, &str)],
    ) -> crate::helpers::Reply {
        self.app
            .send(
                Method::POST,
                "/api/v1/kpi/imports",
                token,
                "text/csv",
                csv.to_owned(),
                headers,
            )
            .await
    }
}

/// Last month: over, and inside every test contract.
pub fn last_month() -> String {
    Plan::now().second.format("%Y-%m").to_string()
}

/// Day `n` (1-based) of last month.
pub fn day(n: u64) -> NaiveDate {
    Plan::now().second + Days::new(n - 1)
}

pub fn metric<'a>(month: &'a Value, code: &str) -> &'a Value {
    month["metrics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["metric"] == code)
        .unwrap_or_else(|| panic!("{code} not in {month}"))
}

#[tokio::test]
async fn a_month_is_the_ratio_of_its_sums_not_the_average_of_its_days() {
    let s = Signed::new().await;
    // Day 1: 10 of 10 inquiring buyers ordered (100 %); day 2: 10 of 90 (11.1 %).
    // The month: (10 + 10) / (10 + 90) = 20 %, not the 55.56 % the daily average gives.
    let reply = s
        .feed(
            &s.owner.token,
            json!({ "rows": [
                { "metric": "conversion_rate", "day": day(1), "numerator": 10, "denominator": 10 },
                { "metric": "conversion_rate", "day": day(2), "numerator": 10, "denominator": 90 },
            ] }),
        )
        .await;
    assert_eq!(reply.status, 201, "{:?}", reply.body);
    assert_eq!(
        (&reply.body["source"], &reply.body["inserted"]),
        (&json!("merchant"), &json!(2))
    );
    let month = s.month(&s.owner.token).await;
    let conversion = metric(&month, "conversion_rate");
    assert_eq!(conversion["for_billing"]["value"], "20");
    assert_eq!(conversion["for_billing"]["numerator"], 20);
    assert_eq!(conversion["for_billing"]["denominator"], 100);
    assert_eq!(conversion["for_billing"]["sample"], 100);
    assert_eq!(conversion["basis"], "feed");
    assert_eq!(conversion["prevailing_source"], "merchant");
    let missing = conversion["sources"][0]["days_missing"].as_array().unwrap();
    assert!(
        !missing.contains(&json!(day(1))) && missing.contains(&json!(day(3))),
        "days 1 and 2 were sent, day 3 was not: {missing:?}"
    );
}

#[tokio::test]
async fn exclusion_days_leave_the_sla_figure_and_stay_in_the_bill() {
    let s = Signed::new().await;
    // Day 5 is a platform outage. First response:
    //   day 4: 10 sessions, 300,000 ms (30 s each); day 5: 10 sessions, 3,000,000 ms (300 s each).
    //   For SLA: 300,000 / 10 / 1000 = 30 s. For billing: 3,300,000 / 20 / 1000 = 165 s.
    // Consultations: 800 on day 4 and 900 on day 5: 1,700 billed, 800 for SLA.
    let window = s
        .app
        .post(
            &s.path("/exclusions"),
            &s.owner.token,
            json!({ "from": day(5), "to": day(5), "category": "platform_outage", "note": "平台宕机" }),
        )
        .await;
    assert_eq!(window.status, 201, "{:?}", window.body);
    let reply = s
        .feed(
            &s.vendor_key,
            json!({ "rows": [
                { "metric": "first_response_time", "day": day(4), "numerator": 300000, "denominator": 10 },
                { "metric": "first_response_time", "day": day(5), "numerator": 3000000, "denominator": 10 },
                { "metric": "consultations", "day": day(4), "numerator": 800 },
                { "metric": "consultations", "day": day(5), "numerator": 900 },
            ] }),
        )
        .await;
    assert_eq!(reply.status, 201, "{:?}", reply.body);
    let month = s.month(&s.owner.token).await;
    assert_eq!(month["excluded_days"], json!([day(5)]));
    let response = metric(&month, "first_response_time");
    assert_eq!(
        response["prevailing_source"], "vendor",
        "the merchant sent nothing: the vendor's feed stands in"
    );
    assert_eq!(response["for_sla"]["value"], "30");
    assert_eq!(response["for_billing"]["value"], "165");
    let consultations = metric(&month, "consultations");
    assert_eq!(consultations["for_billing"]["value"], "1700");
    assert_eq!(consultations["for_sla"]["value"], "800");
}

#[tokio::test]
async fn the_same_rows_again_change_nothing_and_new_values_keep_the_old_as_revisions() {
    let s = Signed::new().await;
    let rows = json!({ "rows": [
        { "metric": "csat", "day": day(1), "numerator": 90, "denominator": 100 },
        { "metric": "csat", "day": day(2), "numerator": 80, "denominator": 100 },
    ] });
    let first = s.feed(&s.owner.token, rows.clone()).await;
    assert_eq!(
        (
            first.body["inserted"].clone(),
            first.body["replaced"].clone()
        ),
        (json!(2), json!(0))
    );
    let again = s.feed(&s.owner.token, rows).await;
    assert_eq!(again.status, 201);
    assert_eq!(
        (
            &again.body["inserted"],
            &again.body["replaced"],
            &again.body["unchanged"]
        ),
        (&json!(0), &json!(0), &json!(2))
    );
    let manager = s
        .app
        .user(&s.owner, "manager@shop.cn", "manager", None)
        .await;
    let corrected = s
        .feed(
            &manager.token,
            json!({ "rows": [{ "metric": "csat", "day": day(2), "numerator": 85, "denominator": 100 }] }),
        )
        .await;
    assert_eq!(corrected.body["replaced"], 1);
    // (90 + 85) / 200 = 87.5 %.
    let month = s.month(&s.owner.token).await;
    assert_eq!(metric(&month, "csat")["for_billing"]["value"], "87.5");
    let revisions = s
        .app
        .get(
            &s.path(&format!("/kpi/revisions?period={}", last_month())),
            &s.owner.token,
        )
        .await;
    assert_eq!(revisions.status, 200);
    let kept = revisions.body.as_array().unwrap();
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert_eq!(kept[0]["day"], json!(day(2)));
    assert_eq!(
        (&kept[0]["numerator"], &kept[0]["revision"]),
        (&json!(80), &json!(1))
    );
    assert_eq!(kept[0]["recorded_by"], s.owner.user_id);
    assert_eq!(kept[0]["replaced_by"], manager.user_id);
}

#[tokio::test]
async fn an_idempotency_key_replays_the_first_answer_and_refuses_another_body() {
    let s = Signed::new().await;
    let path = s.path("/kpi");
    let body = json!({ "rows": [{ "metric": "consultations", "day": day(1), "numerator": 500 }] });
    let send = |body: Value| {
        let app = &s.app;
        let token = s.vendor_key.clone();
        let path = path.clone();
        async move {
            app.send(
                Method::POST,
                &path,
                &token,
                "application/json",
                body.to_string(),
                &[("Idempotency-Key", "feed-2026-10-01")],
            )
            .await
        }
    };
    let first = send(body.clone()).await;
    assert_eq!((first.status, &first.body["inserted"]), (201, &json!(1)));
    let replay = send(body.clone()).await;
    assert_eq!(replay.status, 201);
    assert_eq!(replay.body, first.body, "the first answer, word for word");
    assert_eq!(replay.headers["idempotent-replayed"], "true");
    let other =
        send(json!({ "rows": [{ "metric": "consultations", "day": day(1), "numerator": 501 }] }))
            .await;
    assert_eq!(other.status, 422, "{:?}", other.body);
    assert_eq!(other.error_fields(), ["Idempotency-Key"]);
    let month = s.month(&s.owner.token).await;
    assert_eq!(
        metric(&month, "consultations")["for_billing"]["value"],
        "500"
    );
    // Another key runs afresh: the same row is unchanged.
    let fresh = s
        .app
        .send(
            Method::POST,
            &path,
            &s.vendor_key,
            "application/json",
            body.to_string(),
            &[("Idempotency-Key", "feed-2026-10-01-b")],
        )
        .await;
    assert_eq!(fresh.body["unchanged"], 1);
}

#[tokio::test]
async fn a_retried_upload_gets_the_first_answer_and_writes_nothing_twice() {
    let s = Signed::new().await;
    let csv = format!(
        "contract,metric,day,numerator,denominator\nKF-2026-001,consultations,{},100,1\n",
        day(1)
    );
    let key = [("Idempotency-Key", "upload-2026-10-01")];
    let first = s.upload(&s.vendor_key, &csv, &key).await;
    assert_eq!(
        (first.status, &first.body["inserted"]),
        (201, &json!(1)),
        "{:?}",
        first.body
    );
    // The vendor corrects the day by another route in between; the retry must not undo it.
    let fix = json!({ "rows": [{ "metric": "consultations", "day": day(1), "numerator": 120 }] });
    assert_eq!(s.feed(&s.vendor_key, fix).await.body["replaced"], 1);
    let retry = s.upload(&s.vendor_key, &csv, &key).await;
    assert_eq!((retry.status, &retry.body), (201, &first.body));
    assert_eq!(retry.headers["idempotent-replayed"], "true");
    let month = s.month(&s.owner.token).await;
    assert_eq!(
        metric(&month, "consultations")["for_billing"]["value"],
        "120"
    );
    let other = s
        .upload(&s.vendor_key, &csv.replace(",100,", ",101,"), &key)
        .await;
    assert_eq!(
        (other.status, other.error_fields()),
        (422, vec!["Idempotency-Key".to_owned()])
    );
    // A refused file wrote nothing and keeps no answer: the corrected file
    // runs under the same key.
    let bad = "contract,metric,day,numerator,denominator\nKF-404,consultations,2026-01-01,1,1\n";
    let bad_key = [("Idempotency-Key", "upload-bad")];
    let refused = s.upload(&s.vendor_key, bad, &bad_key).await;
    assert_eq!(refused.status, 422);
    let corrected = csv.replace(",100,", ",130,");
    let again = s.upload(&s.vendor_key, &corrected, &bad_key).await;
    assert_eq!(
        (again.status, &again.body["replaced"]),
        (201, &json!(1)),
        "{:?}",
        again.body
    );
    assert!(!again.headers.contains_key("idempotent-replayed"));
}

#[tokio::test]
async fn a_retry_while_the_first_upload_still_runs_is_a_conflict() {
    let s = Signed::new().await;
    let (sender, first) = streamed_upload(&s, "upload-1");
    let head = format!(
        "contract,metric,day,numerator,denominator\nKF-2026-001,consultations,{},100,1\n",
        day(1)
    );
    sender.send(Ok(head.into_bytes())).await.unwrap();
    // The first upload holds its key while its body is still arriving.
    wait_for_claim(&s.app).await;
    let retry = s
        .upload(
            &s.vendor_key,
            "contract,metric,day,numerator,denominator\n",
            &[("Idempotency-Key", "upload-1")],
        )
        .await;
    assert_eq!(retry.status, 409, "{:?}", retry.body);
    assert!(
        retry.body["detail"]
            .as_str()
            .unwrap()
            .contains("still running")
    );
    let rest = format!("KF-2026-001,consultations,{},200,1\n", day(2));
    sender.send(Ok(rest.into_bytes())).await.unwrap();
    drop(sender);
    let first = first.await.unwrap().unwrap();
    assert_eq!(first.status(), 201);
    let summary: Value = first.json().await.unwrap();
    assert_eq!(summary["inserted"], 2);
}

#[tokio::test]
async fn one_bad_row_rejects_the_upload_and_every_bad_row_is_listed() {
    let s = Signed::new().await;
    let outside = Plan::now().start - Days::new(1);
    let csv = format!(
        "contract,metric,day,numerator,denominator\n\
         KF-2026-001,consultations,{d1},1200,1\n\
         KF-404,consultations,{d1},1,1\n\
         KF-2026-001,happiness,{d1},1,1\n\
         KF-2026-001,consultations,{outside},5,1\n\
         KF-2026-001,complaints,{d2},-3,1\n\
         KF-2026-001,csat,{d2},101,100\n\
         KF-2026-001,csat,{d3},ninety,100\n\
         KF-2026-001,csat,{d3}\n\
         KF-2026-001,consultations,{d1},1300,1\n",
        d1 = day(1),
        d2 = day(2),
        d3 = day(3)
    );
    let reply = s.upload(&s.owner.token, &csv, &[]).await;
    assert_eq!(reply.status, 422, "{:?}", reply.body);
    let listed: Vec<(u64, String)> = reply.body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["line"].as_u64().unwrap(),
                e["field"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let expected: Vec<(u64, String)> = [
        (3, "contract"),
        (4, "metric"),
        (5, "day"),
        (6, "numerator"),
        (7, "numerator"),
        (8, "numerator"),
        (9, "row"),
        (10, "day"),
    ]
    .into_iter()
    .map(|(l, f)| (l, f.to_owned()))
    .collect();
    assert_eq!(listed, expected, "{:?}", reply.body["errors"]);
    // The same file as Excel writes it, lines ending in CR LF: the same lines named.
    let crlf = s
        .upload(&s.owner.token, &csv.replace('\n', "\r\n"), &[])
        .await;
    let crlf_lines: Vec<u64> = crlf.body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["line"].as_u64().unwrap())
        .collect();
    let lines: Vec<u64> = expected.iter().map(|(l, _)| *l).collect();
    assert_eq!(crlf_lines, lines, "{:?}", crlf.body["errors"]);
    let messages = reply.body["errors"].to_string();
    for rule in [
        "no contract numbered 'KF-404'",
        "not a metric of the catalogue",
        "outside the contract",
        "must not be below zero",
        "must not exceed the denominator",
        "'ninety' is not a whole number",
        "has 3 columns; the header has 5",
        "repeats the contract, day and metric of line 2",
    ] {
        assert!(messages.contains(rule), "{rule} in {messages}");
    }
    // Nothing was written, the good first row included.
    let month = s.month(&s.owner.token).await;
    let consultations = metric(&month, "consultations");
    assert_eq!(consultations["sources"], json!([]), "{consultations}");
    // The same file, corrected, goes in whole; saved from Excel, it starts with a byte-order mark.
    let good = format!(
        "\u{feff}contract,metric,day,numerator,denominator\nKF-2026-001,consultations,{},1200,\nKF-2026-001,csat,{},90,100\n",
        day(1),
        day(2)
    );
    let reply = s.upload(&s.owner.token, &good, &[]).await;
    assert_eq!(
        (reply.status, &reply.body["inserted"]),
        (201, &json!(2)),
        "{:?}",
        reply.body
    );
}

/// Waits until a request has claimed an idempotency key: its handler runs.
async fn wait_for_claim(app: &TestApp) {
    use diesel::prelude::*;
    use kefu::store::schema::idempotency_keys;
    let pool = kefu::store::connect(&app.database_url).unwrap();
    let mut conn = pool.get().unwrap();
    for _ in 0..500 {
        let claimed: i64 = idempotency_keys::table
            .count()
            .get_result(&mut *conn)
            .unwrap();
        if claimed > 0 {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    panic!("no request claimed its key");
}

/// Where a test feeds an upload's body, chunk by chunk (an error breaks it off).
type Chunks = tokio::sync::mpsc::Sender<Result<Vec<u8>, std::io::Error>>;
type Sent = tokio::task::JoinHandle<Result<reqwest::Response, reqwest::Error>>;

/// Starts an upload whose body arrives chunk by chunk, as the test sends them.
fn streamed_upload(s: &Signed, key: &str) -> (Chunks, Sent) {
    let (sender, receiver) = tokio::sync::mpsc::channel(4);
    let stream = futures_util::stream::unfold(receiver, |mut receiver| async move {
        receiver.recv().await.map(|chunk| (chunk, receiver))
    });
    let request = s
        .app
        .client
        .post(format!("{}/api/v1/kpi/imports", s.app.address))
        .bearer_auth(&s.vendor_key)
        .header("content-type", "text/csv")
        .header("Idempotency-Key", key)
        .body(reqwest::Body::wrap_stream(stream));
    (sender, tokio::spawn(request.send()))
}

#[tokio::test]
async fn an_upload_that_breaks_off_writes_nothing() {
    let s = Signed::new().await;
    let (sender, sent) = streamed_upload(&s, "broken-upload");
    let good = format!(
        "contract,metric,day,numerator,denominator\nKF-2026-001,consultations,{},100,1\n",
        day(1)
    );
    sender.send(Ok(good.into_bytes())).await.unwrap();
    wait_for_claim(&s.app).await;
    // Let the first rows reach the server before the feed job dies.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    sender
        .send(Err(std::io::Error::other("the feed job died")))
        .await
        .unwrap();
    if let Ok(reply) = sent.await.unwrap() {
        assert_ne!(reply.status().as_u16(), 201, "a broken upload is not taken");
    }
    let month = s.month(&s.owner.token).await;
    assert_eq!(
        metric(&month, "consultations")["sources"],
        json!([]),
        "nothing was written"
    );
}

#[tokio::test]
async fn a_vendor_sends_and_reads_only_its_own_figures() {
    let s = Signed::new().await;
    let other_vendor = s.app.active_vendor(&s.owner.token, CREDIT_CODES[1]).await;
    let (_, other_key) = s.app.api_key(&s.owner.token, other_vendor).await;
    let rows = json!({ "rows": [{ "metric": "consultations", "day": day(1), "numerator": 10 }] });
    let json_feed = s.feed(&other_key, rows.clone()).await;
    assert_eq!(
        json_feed.status, 404,
        "another vendor's contract does not exist for it"
    );
    let csv = format!(
        "contract,metric,day,numerator,denominator\nKF-2026-001,consultations,{},10,1\n",
        day(1)
    );
    let upload = s.upload(&other_key, &csv, &[]).await;
    assert_eq!(upload.status, 422);
    assert!(
        upload.body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("no contract numbered")
    );
    let read = s
        .app
        .get(
            &s.path(&format!("/kpi?period={}", last_month())),
            &other_key,
        )
        .await;
    assert_eq!(read.status, 404);
    // Its own vendor may not pass its figures off as the merchant's, nor the merchant as the vendor's.
    let forged = s
        .feed(
            &s.vendor_key,
            json!({ "source": "merchant", "rows": rows["rows"] }),
        )
        .await;
    assert_eq!(
        (forged.status, forged.error_fields()),
        (422, vec!["source".to_owned()])
    );
    let forged = s
        .feed(
            &s.owner.token,
            json!({ "source": "vendor", "rows": rows["rows"] }),
        )
        .await;
    assert_eq!(
        (forged.status, forged.error_fields()),
        (422, vec!["source".to_owned()])
    );
    let finance = s
        .app
        .user(&s.owner, "finance@shop.cn", "finance", None)
        .await;
    assert_eq!(s.feed(&finance.token, rows.clone()).await.status, 403);
    // Both sides send; the view shows both and how far apart they are.
    assert_eq!(s.feed(&s.vendor_key, rows.clone()).await.status, 201);
    let merchant_rows =
        json!({ "rows": [{ "metric": "consultations", "day": day(1), "numerator": 11 }] });
    assert_eq!(s.feed(&s.owner.token, merchant_rows).await.status, 201);
    let month = s.month(&s.vendor_key).await;
    let consultations = metric(&month, "consultations");
    // Merchant 11 prevails; the vendor's 10 is |10 − 11| / 11 = 9.09 % off, beyond the 2 % tolerance.
    assert_eq!(consultations["prevailing_source"], "merchant");
    assert_eq!(consultations["for_billing"]["value"], "11");
    let discrepancy = &consultations["discrepancies"][0];
    assert_eq!(
        (
            &discrepancy["source"],
            &discrepancy["percent"],
            &discrepancy["exceeds_tolerance"]
        ),
        (&json!("vendor"), &json!("9.09"), &json!(true))
    );
}

#[tokio::test]
async fn rows_for_a_draft_contract_or_a_future_day_are_refused() {
    let s = Signed::new().await;
    let tomorrow = chrono::Utc::now()
        .with_timezone(&chrono_tz::Asia::Shanghai)
        .date_naive()
        + Days::new(1);
    let reply = s
        .feed(
            &s.owner.token,
            json!({ "rows": [{ "metric": "consultations", "day": tomorrow, "numerator": 10 },
                             { "metric": "csat", "day": day(1), "numerator": 1 }] }),
        )
        .await;
    assert_eq!(reply.status, 422);
    assert_eq!(reply.error_fields(), ["rows[0].day", "rows[1].denominator"]);
    let shop = s
        .app
        .post(
            "/api/v1/shops",
            &s.owner.token,
            json!({ "platform": "jd", "name": "京东店" }),
        )
        .await
        .body["id"]
        .as_i64()
        .unwrap();
    let draft = s
        .app
        .tmall_contract(&s.owner.token, "KF-DRAFT", s.vendor, shop)
        .await;
    let reply = s
        .app
        .post(
            &format!("/api/v1/contracts/{}/kpi", draft.contract),
            &s.owner.token,
            json!({ "rows": [{ "metric": "consultations", "day": day(1), "numerator": 10 }] }),
        )
        .await;
    assert_eq!(reply.status, 409, "{:?}", reply.body);
}

#[tokio::test]
async fn trend_and_days_draw_the_months_and_the_days() {
    let s = Signed::new().await;
    let first_month = Plan::now().start;
    let rows = json!({ "rows": [
        { "metric": "consultations", "day": first_month, "numerator": 100 },
        { "metric": "consultations", "day": day(1), "numerator": 300 },
        { "metric": "consultations", "day": day(2), "numerator": 400 },
    ] });
    assert_eq!(s.feed(&s.owner.token, rows).await.status, 201);
    let from = first_month.format("%Y-%m").to_string();
    let trend = s
        .app
        .get(
            &s.path(&format!("/kpi/trend?from={from}&to={}", last_month())),
            &s.owner.token,
        )
        .await;
    assert_eq!(trend.status, 200, "{:?}", trend.body);
    let points: Vec<(String, String)> = trend
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            let c = m["metrics"]
                .as_array()
                .unwrap()
                .iter()
                .find(|p| p["metric"] == "consultations")
                .unwrap();
            (
                m["period"].as_str().unwrap().to_owned(),
                c["for_billing"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        points,
        [(from, "100".to_owned()), (last_month(), "700".to_owned())]
    );
    let days = s
        .app
        .get(
            &s.path(&format!("/kpi/days?period={}", last_month())),
            &s.owner.token,
        )
        .await;
    let values: Vec<(&str, &str)> = days
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["day"].as_str().unwrap(), d["value"].as_str().unwrap()))
        .collect();
    let (d1, d2) = (day(1).to_string(), day(2).to_string());
    assert_eq!(values, [(d1.as_str(), "300"), (d2.as_str(), "400")]);
    let too_long = s
        .app
        .get(
            &s.path("/kpi/trend?from=2024-01&to=2026-12"),
            &s.owner.token,
        )
        .await;
    assert_eq!(
        (too_long.status, too_long.error_fields()),
        (422, vec!["to".to_owned()])
    );
}
