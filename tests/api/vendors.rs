//! Vendor onboarding.

use serde_json::json;

use crate::helpers::{CREDIT_CODES, spawn_app, vendor_body};

#[tokio::test]
async fn a_wrong_credit_code_is_refused_naming_the_field() {
    let app = spawn_app().await;
    let owner = app.signup("甲", "boss@shop.cn").await;
    // The right code ends in W; one character off fails the GB 32100-2015 check.
    let reply = app
        .post(
            "/api/v1/vendors",
            &owner.token,
            vendor_body("91310115MA1K3Y1X2X"),
        )
        .await;
    assert_eq!(reply.status, 422, "{:?}", reply.body);
    assert_eq!(reply.error_fields(), ["credit_code"]);
    assert!(
        reply.body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("check character")
    );
    assert_eq!(
        app.get("/api/v1/vendors", &owner.token).await.body["items"],
        json!([])
    );
}

#[tokio::test]
async fn every_bad_field_is_reported_at_once() {
    let app = spawn_app().await;
    let owner = app.signup("甲", "boss@shop.cn").await;
    let body = json!({
        "legal_name": "某公司", "credit_code": "91310115MA1K3Y1X2W", "billing_email": "billing",
        "contacts": [{ "name": "李", "phone": "12" }, { "name": "王", "email": "wang@" }],
        "bank": { "bank_name": "招商银行", "account_name": "某公司", "account_number": "6225-88" }
    });
    let reply = app.post("/api/v1/vendors", &owner.token, body).await;
    assert_eq!(reply.status, 422);
    assert_eq!(
        reply.error_fields(),
        [
            "contacts[0].phone",
            "contacts[1].email",
            "billing_email",
            "bank.account_number"
        ]
    );
}

#[tokio::test]
async fn onboarding_runs_invited_active_offboarded() {
    let app = spawn_app().await;
    let owner = app.signup("甲", "boss@shop.cn").await;
    let mut body = vendor_body(CREDIT_CODES[0]);
    body.as_object_mut().unwrap().remove("bank");
    let created = app.post("/api/v1/vendors", &owner.token, body).await;
    assert_eq!(created.body["status"], "invited");
    let path = format!("/api/v1/vendors/{}", created.body["id"]);

    let no_bank = app
        .patch(&path, &owner.token, json!({ "status": "active" }))
        .await;
    assert_eq!(
        (no_bank.status, no_bank.error_fields()),
        (422, vec!["bank".to_owned()])
    );

    let bank = vendor_body(CREDIT_CODES[0])["bank"].clone();
    let active = app
        .patch(
            &path,
            &owner.token,
            json!({ "status": "active", "bank": bank }),
        )
        .await;
    assert_eq!(
        (active.status, active.body["status"].as_str()),
        (200, Some("active")),
        "{:?}",
        active.body
    );
    assert_eq!(active.body["bank"]["account_number"], "6225880212345678");

    let back = app
        .patch(&path, &owner.token, json!({ "status": "invited" }))
        .await;
    assert_eq!(
        (back.status, back.error_fields()),
        (409, vec!["status".to_owned()])
    );

    let gone = app
        .patch(&path, &owner.token, json!({ "status": "offboarded" }))
        .await;
    assert_eq!(gone.body["status"], "offboarded");
    let listed = app
        .get("/api/v1/vendors?status=offboarded", &owner.token)
        .await;
    assert_eq!(listed.body["items"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn a_credit_code_is_on_file_once_per_tenant() {
    let app = spawn_app().await;
    let owner = app.signup("甲", "boss@shop.cn").await;
    app.active_vendor(&owner.token, CREDIT_CODES[0]).await;
    // Lower case and spaces are the same code.
    let again = app
        .post(
            "/api/v1/vendors",
            &owner.token,
            vendor_body(" 91310115ma1k3y1x2w"),
        )
        .await;
    assert_eq!(
        (again.status, again.error_fields()),
        (409, vec!["credit_code".to_owned()])
    );
}

#[tokio::test]
async fn offboarding_a_vendor_locks_its_users_out_and_deleting_it_is_refused() {
    let app = spawn_app().await;
    let owner = app.signup("甲", "boss@shop.cn").await;
    let vendor = app.active_vendor(&owner.token, CREDIT_CODES[0]).await;
    let staff = app
        .user(&owner, "staff@vendor.cn", "vendor", Some(vendor))
        .await;
    let (_, key) = app.api_key(&owner.token, vendor).await;
    assert_eq!(app.get("/api/v1/me", &staff.token).await.status, 200);

    let path = format!("/api/v1/vendors/{vendor}");
    let delete = app.delete(&path, &owner.token).await;
    assert_eq!(
        delete.status, 409,
        "a vendor with users is offboarded, not deleted: {:?}",
        delete.body
    );

    app.patch(&path, &owner.token, json!({ "status": "offboarded" }))
        .await;
    assert_eq!(app.get("/api/v1/me", &staff.token).await.status, 401);
    assert_eq!(app.get("/api/v1/me", &key).await.status, 401);
}

#[tokio::test]
async fn a_vendor_nothing_refers_to_can_be_deleted() {
    let app = spawn_app().await;
    let owner = app.signup("甲", "boss@shop.cn").await;
    let created = app
        .post(
            "/api/v1/vendors",
            &owner.token,
            vendor_body(CREDIT_CODES[2]),
        )
        .await;
    let path = format!("/api/v1/vendors/{}", created.body["id"]);
    assert_eq!(app.delete(&path, &owner.token).await.status, 204);
    assert_eq!(app.get(&path, &owner.token).await.status, 404);
}

#[tokio::test]
async fn the_vendor_fills_in_submits_is_sent_back_and_approved() {
    let app = spawn_app().await;
    let owner = app.signup("甲", "boss@shop.cn").await;
    let mut body = vendor_body(CREDIT_CODES[0]);
    body.as_object_mut().unwrap().remove("bank");
    let created = app.post("/api/v1/vendors", &owner.token, body).await;
    let id = created.body["id"].as_i64().unwrap();
    assert_eq!(
        (
            created.body["awaits_review"].as_bool(),
            &created.body["submitted_at"]
        ),
        (Some(false), &json!(null))
    );
    let path = format!("/api/v1/vendors/{id}");
    let staff = app.user(&owner, "li@vendor.cn", "vendor", Some(id)).await;

    // Nothing to pay it with: not yet submittable, the bank field is named.
    let early = app
        .post(&format!("{path}/submit"), &staff.token, json!({}))
        .await;
    assert_eq!(
        (early.status, early.error_fields()),
        (422, vec!["bank".to_owned()])
    );

    // Its own particulars, its credit code checked as on creation; the status is not its own.
    let mut mine = vendor_body(CREDIT_CODES[0]);
    mine["credit_code"] = json!("91310115MA1K3Y1X2X");
    let wrong = app
        .put(&format!("{path}/particulars"), &staff.token, mine.clone())
        .await;
    assert_eq!(
        (wrong.status, wrong.error_fields()),
        (422, vec!["credit_code".to_owned()])
    );
    mine["credit_code"] = json!(CREDIT_CODES[0]);
    mine["legal_name"] = json!("上海某某客服有限公司");
    let filled = app
        .put(&format!("{path}/particulars"), &staff.token, mine.clone())
        .await;
    assert_eq!(filled.status, 200, "{:?}", filled.body);
    assert_eq!(filled.body["legal_name"], "上海某某客服有限公司");
    let mut with_status = mine.clone();
    with_status["status"] = json!("active");
    let sneaky = app
        .put(&format!("{path}/particulars"), &staff.token, with_status)
        .await;
    assert_eq!(
        (sneaky.status, sneaky.error_fields()),
        (422, vec!["status".to_owned()])
    );
    let approve_self = app
        .patch(&path, &staff.token, json!({ "status": "active" }))
        .await;
    assert_eq!(approve_self.status, 403);

    let submitted = app
        .post(&format!("{path}/submit"), &staff.token, json!({}))
        .await;
    assert_eq!(submitted.status, 200, "{:?}", submitted.body);
    assert_eq!(submitted.body["awaits_review"], true);
    assert!(submitted.body["submitted_at"].is_string());
    // Locked while the merchant reviews.
    let locked = app
        .put(&format!("{path}/particulars"), &staff.token, mine.clone())
        .await;
    assert_eq!(locked.status, 409, "{:?}", locked.body);

    // Only the merchant sends back, with a comment.
    let by_vendor = app
        .post(
            &format!("{path}/send-back"),
            &staff.token,
            json!({ "comment": "x" }),
        )
        .await;
    assert_eq!(by_vendor.status, 403);
    let blank = app
        .post(
            &format!("{path}/send-back"),
            &owner.token,
            json!({ "comment": "  " }),
        )
        .await;
    assert_eq!(
        (blank.status, blank.error_fields()),
        (422, vec!["comment".to_owned()])
    );
    let back = app
        .post(
            &format!("{path}/send-back"),
            &owner.token,
            json!({ "comment": "开户名须与营业执照一致" }),
        )
        .await;
    assert_eq!(back.status, 200, "{:?}", back.body);
    let seen = app.get(&path, &staff.token).await;
    assert_eq!(seen.body["review_comment"], "开户名须与营业执照一致");
    assert_eq!(seen.body["awaits_review"], false);
    let twice = app
        .post(
            &format!("{path}/send-back"),
            &owner.token,
            json!({ "comment": "again" }),
        )
        .await;
    assert_eq!(twice.status, 409, "nothing is submitted any more");

    let again = app
        .post(&format!("{path}/submit"), &staff.token, json!({}))
        .await;
    assert_eq!(again.status, 200);
    let approved = app
        .patch(&path, &owner.token, json!({ "status": "active" }))
        .await;
    assert_eq!(approved.body["status"], "active", "{:?}", approved.body);
    assert_eq!(approved.body["review_comment"], json!(null));
    let late = app
        .put(&format!("{path}/particulars"), &staff.token, mine)
        .await;
    assert_eq!(
        late.status, 409,
        "an active vendor's particulars are the merchant's"
    );
}
