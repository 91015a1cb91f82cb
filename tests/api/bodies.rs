//! Bodies: unknown fields are refused, malformed ones answer clearly, and a
//! refused request writes nothing.

use serde_json::json;

use crate::helpers::{CREDIT_CODES, spawn_app, vendor_body};

#[tokio::test]
async fn nobody_sets_tenant_role_id_or_status_through_a_body() {
    let app = spawn_app().await;
    let owner = app.signup("甲", "boss@shop.cn").await;
    let other = app.signup("乙", "other@shop.cn").await;
    let vendor = app.active_vendor(&owner.token, CREDIT_CODES[0]).await;

    let mut shop = json!({ "platform": "tmall", "name": "旗舰店" });
    shop["tenant_id"] = json!(other.tenant_id);
    let mut signup = json!({ "company_name": "丙", "display_name": "王", "email": "w@shop.cn", "password": "a long password" });
    signup["role"] = json!("auditor");
    let mut new_vendor = vendor_body(CREDIT_CODES[1]);
    new_vendor["status"] = json!("active");
    let cases = [
        ("/api/v1/shops", shop, "tenant_id"),
        (
            "/api/v1/shops",
            json!({ "id": 99, "platform": "jd", "name": "京东店" }),
            "id",
        ),
        ("/api/v1/vendors", new_vendor, "status"),
        (
            &format!("/api/v1/vendors/{vendor}/api-keys") as &str,
            json!({ "name": "k", "vendor_id": 5 }),
            "vendor_id",
        ),
        ("/api/v1/signup", signup, "role"),
    ];
    for (path, body, field) in cases {
        let reply = app.post(path, &owner.token, body).await;
        assert_eq!(reply.status, 422, "{path} with {field}: {:?}", reply.body);
        assert_eq!(reply.error_fields(), [field], "{path}");
    }
    // Nothing was written by any of them.
    assert_eq!(
        app.get("/api/v1/shops", &owner.token).await.body["items"],
        json!([])
    );
    assert_eq!(
        app.get("/api/v1/shops", &other.token).await.body["items"],
        json!([])
    );
    assert_eq!(
        app.get("/api/v1/vendors", &owner.token).await.body["items"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(app.login("w@shop.cn", "a long password").await.status, 401);
}

#[tokio::test]
async fn malformed_bodies_answer_as_problems() {
    let app = spawn_app().await;
    let owner = app.signup("甲", "boss@shop.cn").await;
    let url = format!("{}/api/v1/shops", app.address);

    let broken = app
        .client
        .post(&url)
        .bearer_auth(&owner.token)
        .header("content-type", "application/json")
        .body("{\"platform\": ")
        .send()
        .await
        .unwrap();
    assert_eq!(broken.status(), 400);
    assert_eq!(broken.headers()["content-type"], "application/problem+json");

    let not_json = app
        .client
        .post(&url)
        .bearer_auth(&owner.token)
        .header("content-type", "text/plain")
        .body("platform=jd")
        .send()
        .await
        .unwrap();
    assert_eq!(not_json.status(), 415);

    let unknown_platform = app
        .post(
            "/api/v1/shops",
            &owner.token,
            json!({ "platform": "amazon", "name": "店" }),
        )
        .await;
    assert_eq!(
        (unknown_platform.status, unknown_platform.error_fields()),
        (422, vec!["platform".to_owned()])
    );
    let wrong_type = app
        .post(
            "/api/v1/shops",
            &owner.token,
            json!({ "platform": "jd", "name": 7 }),
        )
        .await;
    assert_eq!(
        (wrong_type.status, wrong_type.error_fields()),
        (422, vec!["name".to_owned()])
    );

    let huge = json!({ "platform": "jd", "name": "x".repeat(300 * 1024) });
    assert_eq!(
        app.post("/api/v1/shops", &owner.token, huge).await.status,
        413
    );
}

#[tokio::test]
async fn unknown_paths_and_bad_ids_answer_404_as_problems() {
    let app = spawn_app().await;
    let owner = app.signup("甲", "boss@shop.cn").await;
    for path in [
        "/api/v1/nothing-here",
        "/api/v1/shops/not-a-number",
        "/api/v1/shops/999",
    ] {
        let reply = app.get(path, &owner.token).await;
        assert_eq!(reply.status, 404, "{path}");
        assert_eq!(reply.body["status"], 404, "{path}: {:?}", reply.body);
    }
}

#[tokio::test]
async fn a_name_of_invisible_characters_is_refused_like_one_of_spaces() {
    let app = spawn_app().await;
    let owner = app.signup("甲", "boss@shop.cn").await;
    let invisible = "\u{200B}\u{200D}\u{2060}";
    let mut vendor = vendor_body(CREDIT_CODES[0]);
    vendor["legal_name"] = json!(invisible);
    let cases = [
        (
            "/api/v1/shops",
            json!({ "platform": "tmall", "name": invisible }),
            "name",
        ),
        ("/api/v1/vendors", vendor, "legal_name"),
        (
            "/api/v1/signup",
            json!({ "company_name": invisible, "display_name": "王", "email": "w@shop.cn", "password": "a long password" }),
            "company_name",
        ),
    ];
    for (path, body, field) in cases {
        let reply = app.post(path, &owner.token, body).await;
        assert_eq!(reply.status, 422, "{path}: {:?}", reply.body);
        assert_eq!(reply.error_fields(), [field], "{path}");
        assert!(
            reply.body["errors"][0]["message"]
                .as_str()
                .unwrap()
                .contains("visible"),
            "{:?}",
            reply.body
        );
    }
    // Nothing was written.
    let shops = app.get("/api/v1/shops", &owner.token).await;
    assert_eq!(shops.body["items"], json!([]));
}
