//! The service as an operator sees it: health, the OpenAPI document, restarts.

use std::collections::BTreeSet;

use kefu::startup::Application;
use serde_json::Value;

use crate::helpers::{PASSWORD, spawn_app, test_settings};
use crate::routes::{AUTHENTICATED, PUBLIC};

#[tokio::test]
async fn health_and_readiness_answer() {
    let app = spawn_app().await;
    let health = app
        .client
        .get(format!("{}/healthz", app.address))
        .send()
        .await
        .unwrap();
    assert_eq!(health.status(), 200);
    assert!(
        health.headers().contains_key("x-request-id"),
        "every answer carries its request id"
    );
    let ready = app
        .client
        .get(format!("{}/readyz", app.address))
        .send()
        .await
        .unwrap();
    assert_eq!(ready.status(), 200);
}

fn normalised(path: &str) -> String {
    let mut out = String::new();
    let mut in_braces = false;
    // The query a route is called with is not part of its path.
    let path = path.split('?').next().unwrap_or(path);
    for c in path.chars() {
        match c {
            '{' => {
                in_braces = true;
                out.push_str("{}");
            }
            '}' => in_braces = false,
            _ if !in_braces => out.push(c),
            _ => {}
        }
    }
    out
}

#[tokio::test]
async fn the_openapi_document_describes_every_route() {
    let app = spawn_app().await;
    let document: Value = app
        .client
        .get(format!("{}/api/openapi.json", app.address))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(document["openapi"].as_str().unwrap().starts_with("3."));

    let documented: BTreeSet<(String, String)> = document["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(path, ops)| {
            ops.as_object()
                .unwrap()
                .keys()
                .map(move |m| (m.to_uppercase(), normalised(path)))
        })
        .collect();
    let served: BTreeSet<(String, String)> = AUTHENTICATED
        .iter()
        .map(|r| (r.method.to_string(), normalised(r.path)))
        .chain(
            PUBLIC
                .iter()
                .filter(|(_, p)| *p != "/api/openapi.json")
                .map(|(m, p)| (m.to_string(), p.to_string())),
        )
        .collect();
    assert_eq!(documented, served);

    // Errors are described too: every authenticated route documents its 401 as a problem.
    for (path, ops) in document["paths"].as_object().unwrap() {
        for (method, op) in ops.as_object().unwrap() {
            if op.get("security").is_some() {
                assert!(
                    op["responses"].get("401").is_some(),
                    "{method} {path} documents no 401"
                );
            }
        }
    }
    assert!(document["components"]["schemas"].get("Problem").is_some());
}

#[tokio::test]
async fn a_second_start_reuses_the_database_and_the_generated_key() {
    let data_dir = tempfile::tempdir().unwrap();
    let url = data_dir
        .path()
        .join("kefu.db")
        .to_string_lossy()
        .into_owned();
    let mut settings = test_settings(&data_dir, url);
    settings.jwt_secret = None;

    let first = Application::build(settings.clone()).await.unwrap();
    let first_port = first.port();
    let first_server = tokio::spawn(first.run_until_stopped());
    let client = reqwest::Client::new();
    let body = serde_json::json!({ "company_name": "甲", "display_name": "王", "email": "boss@shop.cn", "password": PASSWORD });
    let signup: Value = client
        .post(format!("http://127.0.0.1:{first_port}/api/v1/signup"))
        .json(&body)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token = signup["token"]["access_token"].as_str().unwrap().to_owned();
    first_server.abort();

    let key_file = data_dir.path().join("jwt-secret");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&key_file).unwrap().permissions().mode();
        assert_eq!(
            mode & 0o777,
            0o600,
            "the generated key is readable by its owner only"
        );
    }
    assert!(std::fs::read(&key_file).unwrap().len() >= 32);

    let second = Application::build(settings).await.unwrap();
    let port = second.port();
    tokio::spawn(second.run_until_stopped());
    let me = client
        .get(format!("http://127.0.0.1:{port}/api/v1/me"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(
        me.status(),
        200,
        "the tenant and the key survived the restart"
    );
}
