//! The owner manages the tenant's users.

use serde_json::json;

use crate::helpers::{CREDIT_CODES, PASSWORD, spawn_app};

#[tokio::test]
async fn the_owner_adds_users_of_every_role() {
    let app = spawn_app().await;
    let owner = app.signup("甲", "boss@shop.cn").await;
    let vendor = app.active_vendor(&owner.token, CREDIT_CODES[0]).await;
    for role in ["owner", "manager", "finance", "auditor"] {
        let user = app
            .user(&owner, &format!("{role}@shop.cn"), role, None)
            .await;
        assert_eq!(app.get("/api/v1/me", &user.token).await.body["role"], role);
    }
    let staff = app
        .user(&owner, "staff@vendor.cn", "vendor", Some(vendor))
        .await;
    let me = app.get("/api/v1/me", &staff.token).await;
    assert_eq!(
        (me.body["role"].as_str(), me.body["vendor_id"].as_i64()),
        (Some("vendor"), Some(vendor))
    );

    let finance = app.get("/api/v1/users?role=finance", &owner.token).await;
    let emails: Vec<&str> = finance.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["email"].as_str().unwrap())
        .collect();
    assert_eq!(emails, ["finance@shop.cn"]);
}

#[tokio::test]
async fn a_vendor_user_needs_a_vendor_of_the_tenant_and_nobody_else_has_one() {
    let app = spawn_app().await;
    let owner = app.signup("甲", "boss@shop.cn").await;
    let other = app.signup("乙", "other@shop.cn").await;
    let theirs = app.active_vendor(&other.token, CREDIT_CODES[0]).await;
    let ours = app.active_vendor(&owner.token, CREDIT_CODES[1]).await;
    let cases = [
        (
            json!({ "role": "vendor" }),
            "vendor_id",
            "a vendor user without a vendor",
        ),
        (
            json!({ "role": "vendor", "vendor_id": theirs }),
            "vendor_id",
            "another tenant's vendor",
        ),
        (
            json!({ "role": "finance", "vendor_id": ours }),
            "vendor_id",
            "a finance user bound to a vendor",
        ),
        (
            json!({ "role": "admin" }),
            "role",
            "a role that does not exist",
        ),
    ];
    for (extra, field, case) in cases {
        let mut body =
            json!({ "email": "x@shop.cn", "display_name": "某人", "password": PASSWORD });
        body.as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        let reply = app.post("/api/v1/users", &owner.token, body).await;
        assert_eq!(reply.status, 422, "{case}: {:?}", reply.body);
        assert_eq!(reply.error_fields(), [field], "{case}");
    }
    assert_eq!(
        app.login("x@shop.cn", PASSWORD).await.status,
        401,
        "no user was created"
    );
}

#[tokio::test]
async fn changing_a_role_takes_effect_at_once() {
    let app = spawn_app().await;
    let owner = app.signup("甲", "boss@shop.cn").await;
    let vendor = app.active_vendor(&owner.token, CREDIT_CODES[0]).await;
    let staff = app
        .user(&owner, "staff@vendor.cn", "vendor", Some(vendor))
        .await;
    assert_eq!(app.get("/api/v1/shops", &staff.token).await.status, 403);

    let reply = app
        .patch(
            &format!("/api/v1/users/{}", staff.user_id),
            &owner.token,
            json!({ "role": "manager" }),
        )
        .await;
    assert_eq!(reply.status, 200, "{:?}", reply.body);
    assert_eq!(
        reply.body["vendor_id"],
        json!(null),
        "leaving the vendor role drops the vendor"
    );
    // The same token now carries the new role: roles are read per request, not from the token.
    assert_eq!(app.get("/api/v1/shops", &staff.token).await.status, 200);
}

#[tokio::test]
async fn the_tenant_always_keeps_an_active_owner() {
    let app = spawn_app().await;
    let owner = app.signup("甲", "boss@shop.cn").await;
    let path = format!("/api/v1/users/{}", owner.user_id);
    let demote = app
        .patch(&path, &owner.token, json!({ "role": "manager" }))
        .await;
    assert_eq!(demote.status, 409, "{:?}", demote.body);
    let deactivate = app
        .post(&format!("{path}/deactivate"), &owner.token, json!({}))
        .await;
    assert_eq!(deactivate.status, 409);

    let second = app.user(&owner, "partner@shop.cn", "owner", None).await;
    assert_eq!(
        app.patch(&path, &second.token, json!({ "role": "manager" }))
            .await
            .status,
        200
    );
    let manager_adds = app.post("/api/v1/users", &owner.token, json!({ "email": "n@shop.cn", "display_name": "新", "password": PASSWORD, "role": "finance" })).await;
    assert_eq!(
        manager_adds.status, 403,
        "the demoted owner is a manager now and manages no users"
    );
}

#[tokio::test]
async fn lists_are_paged_and_pages_are_bounded() {
    let app = spawn_app().await;
    let owner = app.signup("甲", "boss@shop.cn").await;
    for i in 0..3 {
        app.user(&owner, &format!("clerk{i}@shop.cn"), "finance", None)
            .await;
    }
    let first = app.get("/api/v1/users?limit=2", &owner.token).await;
    assert_eq!(first.body["items"].as_array().unwrap().len(), 2);
    let after = first.body["next_after"]
        .as_i64()
        .expect("a full page points at the next");
    let second = app
        .get(
            &format!("/api/v1/users?limit=2&after={after}"),
            &owner.token,
        )
        .await;
    assert_eq!(second.body["items"].as_array().unwrap().len(), 2);
    assert_eq!(
        second.body["next_after"],
        json!(null),
        "the last page says so"
    );

    let too_many = app.get("/api/v1/users?limit=101", &owner.token).await;
    assert_eq!(
        (too_many.status, too_many.error_fields()),
        (422, vec!["limit".to_owned()])
    );
}

#[tokio::test]
async fn an_email_belongs_to_one_person_across_every_tenant() {
    let app = spawn_app().await;
    let first = app.signup("甲", "boss@shop.cn").await;
    let second = app.signup("乙", "other@shop.cn").await;
    let clerk = app.user(&first, "clerk@shop.cn", "finance", None).await;
    for taken in ["boss@shop.cn", "clerk@shop.cn"] {
        let body = json!({ "email": taken, "display_name": "同事", "password": PASSWORD, "role": "manager" });
        let reply = app.post("/api/v1/users", &second.token, body).await;
        assert_eq!(reply.status, 409, "{taken}: {:?}", reply.body);
        assert_eq!(reply.error_fields(), ["email"], "{taken}");
    }
    // Each address still signs its one person in, to that person's own tenant.
    for (email, session) in [
        ("boss@shop.cn", &first),
        ("clerk@shop.cn", &clerk),
        ("other@shop.cn", &second),
    ] {
        let login = app.login(email, PASSWORD).await;
        assert_eq!(login.status, 200, "{email}");
        let token = login.body["access_token"].as_str().unwrap();
        let me = app.get("/api/v1/me", token).await;
        assert_eq!(
            (
                me.body["tenant"]["id"].as_i64(),
                me.body["user"]["id"].as_i64()
            ),
            (Some(session.tenant_id), Some(session.user_id)),
            "{email}"
        );
    }
    let users = app.get("/api/v1/users", &second.token).await;
    assert_eq!(users.body["items"].as_array().unwrap().len(), 1);
}
