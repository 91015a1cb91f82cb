//! Vendor API keys for machine feeds.

use serde_json::json;

use crate::helpers::{CREDIT_CODES, spawn_app};

#[tokio::test]
async fn a_key_is_shown_once_and_works_as_its_vendor() {
    let app = spawn_app().await;
    let owner = app.signup("甲", "boss@shop.cn").await;
    let vendor = app.active_vendor(&owner.token, CREDIT_CODES[0]).await;
    let (id, key) = app.api_key(&owner.token, vendor).await;
    assert!(key.starts_with("kefu_"));

    let me = app.get("/api/v1/me", &key).await;
    assert_eq!(me.status, 200, "{:?}", me.body);
    assert_eq!(
        (me.body["role"].as_str(), me.body["vendor_id"].as_i64()),
        (Some("vendor"), Some(vendor))
    );
    assert_eq!(me.body["user"], json!(null));

    let listed = app
        .get(&format!("/api/v1/vendors/{vendor}/api-keys"), &owner.token)
        .await;
    let keys = listed.body["items"].as_array().unwrap();
    assert_eq!(keys.len(), 1);
    assert_eq!(keys[0]["id"], id);
    assert!(
        keys[0].get("secret").is_none(),
        "the secret is never shown again"
    );
    assert!(
        !listed.body.to_string().contains(&key[12..]),
        "no part of the secret is listed"
    );
    assert!(
        keys[0]["last_used_at"].is_string(),
        "the key's use was recorded"
    );
}

#[tokio::test]
async fn a_revoked_key_stops_working_and_stays_listed() {
    let app = spawn_app().await;
    let owner = app.signup("甲", "boss@shop.cn").await;
    let vendor = app.active_vendor(&owner.token, CREDIT_CODES[0]).await;
    let (id, key) = app.api_key(&owner.token, vendor).await;
    let revoke = app
        .delete(
            &format!("/api/v1/vendors/{vendor}/api-keys/{id}"),
            &owner.token,
        )
        .await;
    assert_eq!(revoke.status, 204);
    assert_eq!(app.get("/api/v1/me", &key).await.status, 401);
    let listed = app
        .get(&format!("/api/v1/vendors/{vendor}/api-keys"), &owner.token)
        .await;
    assert!(listed.body["items"][0]["revoked_at"].is_string());
}

#[tokio::test]
async fn a_vendor_user_manages_its_own_keys() {
    let app = spawn_app().await;
    let owner = app.signup("甲", "boss@shop.cn").await;
    let vendor = app.active_vendor(&owner.token, CREDIT_CODES[0]).await;
    let staff = app
        .user(&owner, "staff@vendor.cn", "vendor", Some(vendor))
        .await;
    let (id, key) = app.api_key(&staff.token, vendor).await;
    assert_eq!(app.get("/api/v1/me", &key).await.status, 200);
    assert_eq!(
        app.delete(
            &format!("/api/v1/vendors/{vendor}/api-keys/{id}"),
            &staff.token
        )
        .await
        .status,
        204
    );
}

#[tokio::test]
async fn a_tampered_key_is_refused() {
    let app = spawn_app().await;
    let owner = app.signup("甲", "boss@shop.cn").await;
    let vendor = app.active_vendor(&owner.token, CREDIT_CODES[0]).await;
    let (_, key) = app.api_key(&owner.token, vendor).await;
    let last = key.chars().last().unwrap();
    let tampered = format!(
        "{}{}",
        &key[..key.len() - 1],
        if last == 'a' { 'b' } else { 'a' }
    );
    assert_eq!(app.get("/api/v1/me", &tampered).await.status, 401);
}

#[tokio::test]
async fn an_invited_vendor_gets_keys_but_an_offboarded_one_does_not() {
    let app = spawn_app().await;
    let owner = app.signup("甲", "boss@shop.cn").await;
    let vendor = app.active_vendor(&owner.token, CREDIT_CODES[0]).await;
    app.patch(
        &format!("/api/v1/vendors/{vendor}"),
        &owner.token,
        json!({ "status": "offboarded" }),
    )
    .await;
    let reply = app
        .post(
            &format!("/api/v1/vendors/{vendor}/api-keys"),
            &owner.token,
            json!({ "name": "feed" }),
        )
        .await;
    assert_eq!(reply.status, 409, "{:?}", reply.body);
}
