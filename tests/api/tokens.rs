//! Token checks beyond jsonwebtoken's defaults: every bad token is a 401.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::Utc;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::helpers::{JWT_SECRET, Session, TestApp, spawn_app, spawn_app_with};

/// The `kid` kefu gives its key.
fn kid(secret: &[u8]) -> String {
    hex::encode(&Sha256::digest(secret)[..8])
}

fn claims(session: &Session) -> Value {
    let now = Utc::now().timestamp();
    json!({ "sub": session.user_id.to_string(), "tid": session.tenant_id, "iss": "kefu", "aud": "kefu-api",
            "iat": now, "nbf": now, "exp": now + 600 })
}

fn sign(claims: &Value, algorithm: Algorithm, secret: &[u8]) -> String {
    let mut header = Header::new(algorithm);
    header.kid = Some(kid(JWT_SECRET.as_bytes()));
    jsonwebtoken::encode(&header, claims, &EncodingKey::from_secret(secret)).unwrap()
}

fn with(session: &Session, change: impl FnOnce(&mut serde_json::Map<String, Value>)) -> String {
    let mut claims = claims(session);
    change(claims.as_object_mut().unwrap());
    sign(&claims, Algorithm::HS256, JWT_SECRET.as_bytes())
}

async fn status(app: &TestApp, token: &str) -> u16 {
    app.get("/api/v1/me", token).await.status
}

/// One part of a token written by hand, for headers jsonwebtoken will not write.
fn encode_segment(value: &Value) -> String {
    URL_SAFE_NO_PAD.encode(serde_json::to_vec(value).unwrap())
}

#[tokio::test]
async fn a_well_formed_token_works_and_every_flawed_one_is_refused() {
    let app = spawn_app().await;
    let owner = app.signup("甲", "boss@shop.cn").await;
    let now = Utc::now().timestamp();
    assert_eq!(
        status(&app, &with(&owner, |_| {})).await,
        200,
        "the control token must pass"
    );

    let other_key = b"another-key-that-is-long-enough-to-sign-with";
    let cases: Vec<(&str, String)> = vec![
        (
            "expired a second ago (no grace)",
            with(&owner, |c| {
                c.insert("exp".into(), json!(now - 1));
            }),
        ),
        (
            "not yet valid",
            with(&owner, |c| {
                c.insert("nbf".into(), json!(now + 60));
            }),
        ),
        (
            "exp as a string",
            with(&owner, |c| {
                c.insert("exp".into(), json!((now + 600).to_string()));
            }),
        ),
        (
            "no exp",
            with(&owner, |c| {
                c.remove("exp");
            }),
        ),
        (
            "no nbf",
            with(&owner, |c| {
                c.remove("nbf");
            }),
        ),
        (
            "no aud",
            with(&owner, |c| {
                c.remove("aud");
            }),
        ),
        (
            "wrong aud",
            with(&owner, |c| {
                c.insert("aud".into(), json!("another-api"));
            }),
        ),
        (
            "no iss",
            with(&owner, |c| {
                c.remove("iss");
            }),
        ),
        (
            "wrong iss",
            with(&owner, |c| {
                c.insert("iss".into(), json!("someone-else"));
            }),
        ),
        (
            "another tenant's id",
            with(&owner, |c| {
                c.insert("tid".into(), json!(owner.tenant_id + 1));
            }),
        ),
        (
            "wrong signature",
            sign(&claims(&owner), Algorithm::HS256, other_key),
        ),
        (
            "another algorithm",
            sign(&claims(&owner), Algorithm::HS512, JWT_SECRET.as_bytes()),
        ),
        (
            "alg none",
            format!(
                "{}.{}.",
                encode_segment(
                    &json!({ "alg": "none", "typ": "JWT", "kid": kid(JWT_SECRET.as_bytes()) })
                ),
                encode_segment(&claims(&owner))
            ),
        ),
        ("no kid", {
            let header = Header::new(Algorithm::HS256);
            jsonwebtoken::encode(
                &header,
                &claims(&owner),
                &EncodingKey::from_secret(JWT_SECRET.as_bytes()),
            )
            .unwrap()
        }),
    ];
    for (case, token) in cases {
        assert_eq!(status(&app, &token).await, 401, "{case}");
    }
}

#[tokio::test]
async fn a_deactivated_users_token_stops_working() {
    let app = spawn_app().await;
    let owner = app.signup("甲", "boss@shop.cn").await;
    let clerk = app.user(&owner, "clerk@shop.cn", "finance", None).await;
    assert_eq!(status(&app, &clerk.token).await, 200);
    let reply = app
        .post(
            &format!("/api/v1/users/{}/deactivate", clerk.user_id),
            &owner.token,
            json!({}),
        )
        .await;
    assert_eq!(reply.status, 200, "{:?}", reply.body);
    assert_eq!(status(&app, &clerk.token).await, 401);
    assert_eq!(
        app.login("clerk@shop.cn", crate::helpers::PASSWORD)
            .await
            .status,
        401
    );
}

#[tokio::test]
async fn a_short_signing_key_stops_the_server_at_start() {
    let data_dir = tempfile::tempdir().unwrap();
    let mut settings = crate::helpers::test_settings(
        &data_dir,
        data_dir.path().join("kefu.db").to_string_lossy().into(),
    );
    settings.jwt_secret = Some("only-31-bytes-long-secret-value".into());
    let error = kefu::startup::Application::build(settings)
        .await
        .err()
        .expect("a short key is refused");
    let message = format!("{error:#}");
    assert!(message.contains("at least 32 bytes"), "{message}");
}

#[tokio::test]
async fn tokens_signed_with_the_previous_key_work_during_rotation() {
    let old = spawn_app().await;
    let owner = old.signup("甲", "boss@shop.cn").await;
    let rotated = spawn_app_with(|s| {
        s.jwt_secret = Some("the-new-signing-key-after-rotation-0001".into());
        s.jwt_previous_secret = Some(JWT_SECRET.into());
    })
    .await;
    // The token verifies on the rotated server; the user is unknown to its database, so 401 would
    // mean a bad token and 401 is also what an unknown user gets. Sign up the same ids there first.
    let same = rotated.signup("甲", "boss@shop.cn").await;
    assert_eq!(
        (same.tenant_id, same.user_id),
        (owner.tenant_id, owner.user_id)
    );
    assert_eq!(status(&rotated, &owner.token).await, 200);
}
