//! Signing up and logging in.

use serde_json::json;

use crate::helpers::{CREDIT_CODES, PASSWORD, spawn_app};

#[tokio::test]
async fn signup_makes_a_tenant_whose_owner_can_log_in() {
    let app = spawn_app().await;
    let owner = app.signup("杭州某某电子商务有限公司", "Boss@Shop.CN").await;

    let me = app.get("/api/v1/me", &owner.token).await;
    assert_eq!(me.status, 200);
    assert_eq!(me.body["tenant"]["name"], "杭州某某电子商务有限公司");
    assert_eq!(
        me.body["user"]["email"], "boss@shop.cn",
        "emails are kept lower case"
    );
    assert_eq!(me.body["role"], "owner");

    // The email logs in whatever its case.
    let login = app.login("BOSS@shop.cn", PASSWORD).await;
    assert_eq!(login.status, 200, "{:?}", login.body);
    assert_eq!(login.body["token_type"], "Bearer");
    let again = app
        .get("/api/v1/me", login.body["access_token"].as_str().unwrap())
        .await;
    assert_eq!(again.body["user"]["id"], owner.user_id);
}

#[tokio::test]
async fn signup_lists_every_broken_rule() {
    let app = spawn_app().await;
    let body = json!({ "company_name": " ", "display_name": "王", "email": "not-an-email", "password": "short" });
    let reply = app
        .call(reqwest::Method::POST, "/api/v1/signup", None, Some(&body))
        .await;
    assert_eq!(reply.status, 422);
    assert_eq!(reply.error_fields(), ["company_name", "email", "password"]);
    assert!(reply.content_type().starts_with("application/problem+json"));
}

#[tokio::test]
async fn an_email_signs_up_once() {
    let app = spawn_app().await;
    app.signup("甲", "boss@shop.cn").await;
    let body = json!({ "company_name": "乙", "display_name": "李", "email": "boss@shop.cn", "password": PASSWORD });
    let reply = app
        .call(reqwest::Method::POST, "/api/v1/signup", None, Some(&body))
        .await;
    assert_eq!(reply.status, 409);
    assert_eq!(reply.error_fields(), ["email"]);
}

#[tokio::test]
async fn login_does_not_tell_whether_an_email_exists() {
    let app = spawn_app().await;
    app.signup("甲", "boss@shop.cn").await;
    let wrong_password = app.login("boss@shop.cn", "not the password").await;
    let unknown_email = app.login("nobody@shop.cn", "not the password").await;
    assert_eq!((wrong_password.status, unknown_email.status), (401, 401));
    assert_eq!(wrong_password.body, unknown_email.body);
}

#[tokio::test]
async fn the_address_that_failed_five_times_is_refused_for_a_while_even_with_the_right_password() {
    let app = spawn_app().await;
    app.signup("甲", "boss@shop.cn").await;
    for attempt in 0..5 {
        assert_eq!(
            app.login("boss@shop.cn", "guess").await.status,
            401,
            "attempt {attempt}"
        );
    }
    // From the same address (another is only slowed: see below).
    let locked = app.login("boss@shop.cn", PASSWORD).await;
    assert_eq!(locked.status, 429, "{:?}", locked.body);
    let retry_after: u64 = locked.headers["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        (1..=900).contains(&retry_after),
        "Retry-After {retry_after}"
    );
}

#[tokio::test]
async fn one_address_guessing_many_accounts_is_refused() {
    let app = spawn_app().await;
    for i in 0..20 {
        app.login(&format!("user{i}@shop.cn"), "guess").await;
    }
    assert_eq!(app.login("someone-else@shop.cn", "guess").await.status, 429);
}

#[tokio::test]
async fn the_user_of_an_offboarded_vendor_is_told_why_it_cannot_log_in() {
    let app = spawn_app().await;
    let owner = app.signup("甲", "boss@shop.cn").await;
    let vendor = app.active_vendor(&owner.token, CREDIT_CODES[0]).await;
    app.user(&owner, "staff@vendor.cn", "vendor", Some(vendor))
        .await;
    app.patch(
        &format!("/api/v1/vendors/{vendor}"),
        &owner.token,
        json!({ "status": "offboarded" }),
    )
    .await;

    let refused = app.login("staff@vendor.cn", PASSWORD).await;
    assert_eq!(refused.status, 403, "{:?}", refused.body);
    assert!(
        refused
            .content_type()
            .starts_with("application/problem+json")
    );
    assert_eq!(refused.body["type"], "urn:kefu:problem:vendor-offboarded");
    assert!(
        refused.body["detail"]
            .as_str()
            .unwrap()
            .contains("offboarded"),
        "{:?}",
        refused.body
    );
    assert!(refused.body.get("access_token").is_none());

    // A wrong password says nothing about the vendor, as for an unknown email.
    let wrong = app.login("staff@vendor.cn", "not the password").await;
    let unknown = app.login("nobody@vendor.cn", "not the password").await;
    assert_eq!((wrong.status, unknown.status), (401, 401));
    assert_eq!(wrong.body, unknown.body);
}

/// Logs in from a loopback address of the caller's choosing (127.0.0.0/8 all reach the server).
async fn login_from(
    app: &crate::helpers::TestApp,
    from: [u8; 4],
    email: &str,
    password: &str,
) -> reqwest::Response {
    let client = reqwest::Client::builder()
        .local_address(std::net::IpAddr::from(from))
        .build()
        .unwrap();
    client
        .post(format!("{}/api/v1/auth/login", app.address))
        .json(&json!({ "email": email, "password": password }))
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn one_address_hammering_an_account_is_slowed_but_the_owner_still_logs_in_from_another() {
    let app = spawn_app().await;
    app.signup("甲", "boss@shop.cn").await;
    let attacker = [127, 0, 0, 2];
    for attempt in 0..5 {
        let reply = login_from(&app, attacker, "boss@shop.cn", "guess").await;
        assert_eq!(reply.status().as_u16(), 401, "attempt {attempt}");
    }
    let refused = login_from(&app, attacker, "boss@shop.cn", "guess").await;
    assert_eq!(refused.status().as_u16(), 429);
    let retry_after: u64 = refused.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        (1..=900).contains(&retry_after),
        "Retry-After {retry_after}"
    );

    // The owner, elsewhere, is let in with the right password.
    let owner = login_from(&app, [127, 0, 0, 3], "boss@shop.cn", PASSWORD).await;
    assert_eq!(owner.status().as_u16(), 200);
    let body: serde_json::Value = owner.json().await.unwrap();
    assert!(body["access_token"].is_string());
    // The attacker's address stays refused, the right password included.
    let still = login_from(&app, attacker, "boss@shop.cn", PASSWORD).await;
    assert_eq!(still.status().as_u16(), 429);
}
