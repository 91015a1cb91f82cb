//! Shops.

use serde_json::json;

use crate::helpers::spawn_app;

#[tokio::test]
async fn a_shop_is_created_changed_listed_and_deleted() {
    let app = spawn_app().await;
    let owner = app.signup("甲", "boss@shop.cn").await;
    let created = app
        .post(
            "/api/v1/shops",
            &owner.token,
            json!({ "platform": "tmall", "name": " 某某旗舰店 ", "external_id": "2201" }),
        )
        .await;
    assert_eq!(created.status, 201, "{:?}", created.body);
    assert_eq!(created.body["name"], "某某旗舰店", "names are trimmed");
    let path = format!("/api/v1/shops/{}", created.body["id"]);

    let changed = app
        .patch(
            &path,
            &owner.token,
            json!({ "name": "某某专卖店", "external_id": null }),
        )
        .await;
    assert_eq!(changed.status, 200, "{:?}", changed.body);
    assert_eq!(
        (changed.body["name"].as_str(), &changed.body["external_id"]),
        (Some("某某专卖店"), &json!(null))
    );
    assert_eq!(
        changed.body["platform"], "tmall",
        "fields left out stay as they were"
    );

    app.post(
        "/api/v1/shops",
        &owner.token,
        json!({ "platform": "jd", "name": "京东店" }),
    )
    .await;
    let jd = app.get("/api/v1/shops?platform=jd", &owner.token).await;
    assert_eq!(jd.body["items"].as_array().unwrap().len(), 1);

    assert_eq!(app.delete(&path, &owner.token).await.status, 204);
    assert_eq!(app.get(&path, &owner.token).await.status, 404);
}

#[tokio::test]
async fn a_platform_shop_id_is_unique_within_the_tenant_only() {
    let app = spawn_app().await;
    let owner = app.signup("甲", "boss@shop.cn").await;
    let other = app.signup("乙", "other@shop.cn").await;
    let shop = json!({ "platform": "douyin", "name": "抖音小店", "external_id": "dy-1" });
    assert_eq!(
        app.post("/api/v1/shops", &owner.token, shop.clone())
            .await
            .status,
        201
    );
    let again = app.post("/api/v1/shops", &owner.token, shop.clone()).await;
    assert_eq!(
        (again.status, again.error_fields()),
        (409, vec!["external_id".to_owned()])
    );
    assert_eq!(
        app.post("/api/v1/shops", &other.token, shop).await.status,
        201,
        "another tenant may use the same id"
    );
}

#[tokio::test]
async fn shop_fields_are_checked() {
    let app = spawn_app().await;
    let owner = app.signup("甲", "boss@shop.cn").await;
    let reply = app
        .post(
            "/api/v1/shops",
            &owner.token,
            json!({ "platform": "pinduoduo", "name": "", "external_id": "x".repeat(65) }),
        )
        .await;
    assert_eq!(reply.status, 422);
    assert_eq!(reply.error_fields(), ["name", "external_id"]);
}
