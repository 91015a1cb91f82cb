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
