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

#[tokio::test]
async fn no_key_lists_makes_or_revokes_keys() {
    let app = spawn_app().await;
    let owner = app.signup("甲", "boss@shop.cn").await;
    let vendor = app.active_vendor(&owner.token, CREDIT_CODES[0]).await;
    let every_scope = json!([
        "send_kpi",
        "log_incidents",
        "read_contracts",
        "write_reports"
    ]);
    let (owners_key, _) = app.api_key(&owner.token, vendor).await;
    let (_, key) = app
        .api_key_with(
            &owner.token,
            vendor,
            json!({ "name": "feed", "scopes": every_scope }),
        )
        .await;
    let keys = format!("/api/v1/vendors/{vendor}/api-keys");

    let listed = app.get(&keys, &key).await;
    assert_eq!(listed.status, 403, "{:?}", listed.body);
    assert_eq!(listed.body["type"], "urn:kefu:problem:out-of-key-scope");
    let minted = app.post(&keys, &key, json!({ "name": "successor" })).await;
    assert_eq!(
        minted.status, 403,
        "a key mints no successor: {:?}",
        minted.body
    );
    let revoked = app.delete(&format!("{keys}/{owners_key}"), &key).await;
    assert_eq!(revoked.status, 403, "{:?}", revoked.body);
    // Nor does it reach the tenant's people.
    assert_eq!(app.get("/api/v1/users", &key).await.status, 403);

    let still = app.get(&keys, &owner.token).await;
    assert_eq!(still.body["items"].as_array().unwrap().len(), 2);
    assert!(still.body["items"][0]["revoked_at"].is_null());
}

#[tokio::test]
async fn a_key_gets_the_default_scopes_unless_others_are_chosen() {
    let app = spawn_app().await;
    let owner = app.signup("甲", "boss@shop.cn").await;
    let vendor = app.active_vendor(&owner.token, CREDIT_CODES[0]).await;
    let keys = format!("/api/v1/vendors/{vendor}/api-keys");
    let made = app
        .post(&keys, &owner.token, json!({ "name": "feed" }))
        .await;
    assert_eq!(made.status, 201, "{:?}", made.body);
    assert_eq!(
        made.body["scopes"],
        json!(["send_kpi", "log_incidents", "read_contracts"])
    );
    let chosen = app
        .post(
            &keys,
            &owner.token,
            json!({ "name": "reports", "scopes": ["write_reports", "read_contracts"] }),
        )
        .await;
    assert_eq!(
        chosen.body["scopes"],
        json!(["read_contracts", "write_reports"])
    );
    let listed = app.get(&keys, &owner.token).await;
    assert_eq!(listed.body["items"][1]["scopes"], chosen.body["scopes"]);

    for (body, rule) in [
        (
            json!({ "name": "none", "scopes": [] }),
            "choose at least one scope",
        ),
        (
            json!({ "name": "admin", "scopes": ["manage_keys"] }),
            "manage_keys",
        ),
    ] {
        let refused = app.post(&keys, &owner.token, body.clone()).await;
        assert_eq!(refused.status, 422, "{body}: {:?}", refused.body);
        assert!(
            refused.body.to_string().contains(rule),
            "{rule}: {:?}",
            refused.body
        );
    }
}

#[tokio::test]
async fn a_key_does_only_what_its_scopes_allow() {
    let s = crate::kpi::Signed::new().await;
    let (app, owner, vendor) = (&s.app, &s.owner, s.vendor);
    let (_, feed_only) = app
        .api_key_with(
            &owner.token,
            vendor,
            json!({ "name": "feed", "scopes": ["send_kpi"] }),
        )
        .await;
    let (_, default) = app.api_key(&owner.token, vendor).await;
    let rows = json!({ "rows": [{ "metric": "consultations", "day": crate::kpi::day(1), "numerator": 100 }] });

    assert_eq!(s.feed(&feed_only, rows.clone()).await.status, 201);
    for path in ["/api/v1/invoices", &s.path(""), &s.path("/incidents")] {
        let read = app.get(path, &feed_only).await;
        assert_eq!(
            read.status, 403,
            "a feed-only key reads {path}: {:?}",
            read.body
        );
    }
    assert_eq!(app.get("/api/v1/me", &feed_only).await.status, 200);

    // The default key reads and feeds, but writes no monthly report.
    assert_eq!(app.get("/api/v1/invoices", &default).await.status, 200);
    assert_eq!(s.feed(&default, rows).await.status, 201);
    let period = crate::kpi::last_month();
    let report = s.path(&format!("/reports/{period}"));
    let refused = app.put(&report, &default, crate::routes::report()).await;
    assert_eq!(refused.status, 403, "{:?}", refused.body);
    let written = app
        .put(&report, &s.vendor_key, crate::routes::report())
        .await;
    assert_eq!(
        written.status, 200,
        "a key with write_reports writes it: {:?}",
        written.body
    );
}
