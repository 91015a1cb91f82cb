//! kefu's API over HTTP as the demo calls it: the client, and reading an answer's id.

use std::time::Duration;

use anyhow::{Context, bail};
use awc::http::Method;
use serde_json::{Value, json};

use super::PASSWORD;

/// kefu's API over HTTP, as a client sees it.
pub(super) struct Api {
    client: awc::Client,
    base: String,
}

impl Api {
    /// A client of the server at `base`.
    pub(super) fn new(base: &str) -> Api {
        Api {
            client: awc::Client::builder()
                .timeout(Duration::from_secs(300))
                .finish(),
            base: base.trim_end_matches('/').to_owned(),
        }
    }

    pub(super) async fn call(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<&Value>,
    ) -> anyhow::Result<(u16, Value)> {
        let mut request = self
            .client
            .request(method.clone(), format!("{}{path}", self.base));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        let sent = match body {
            Some(body) => request.send_json(body).await,
            None => request.send().await,
        };
        let mut response = sent.map_err(|e| anyhow::anyhow!("{method} {path}: {e}"))?;
        let bytes = response
            .body()
            .limit(16 << 20)
            .await
            .map_err(|e| anyhow::anyhow!("{method} {path}: {e}"))?;
        let value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        Ok((response.status().as_u16(), value))
    }

    /// A call that must succeed.
    pub(super) async fn ok(
        &self,
        method: Method,
        path: &str,
        token: &str,
        body: Value,
    ) -> anyhow::Result<Value> {
        let (status, value) = self
            .call(method.clone(), path, Some(token), Some(&body))
            .await?;
        if !(200..300).contains(&status) {
            bail!("{method} {path} answered {status}: {value}");
        }
        Ok(value)
    }

    pub(super) async fn post(&self, path: &str, token: &str, body: Value) -> anyhow::Result<Value> {
        self.ok(Method::POST, path, token, body).await
    }

    pub(super) async fn put(&self, path: &str, token: &str, body: Value) -> anyhow::Result<Value> {
        self.ok(Method::PUT, path, token, body).await
    }

    pub(super) async fn get(&self, path: &str, token: &str) -> anyhow::Result<Value> {
        let (status, value) = self.call(Method::GET, path, Some(token), None).await?;
        if status != 200 {
            bail!("GET {path} answered {status}: {value}");
        }
        Ok(value)
    }

    /// Signs in; `None` when the credentials are not known.
    pub(super) async fn login(&self, email: &str) -> anyhow::Result<Option<String>> {
        let body = json!({ "email": email, "password": PASSWORD });
        let (status, value) = self
            .call(Method::POST, "/api/v1/auth/login", None, Some(&body))
            .await?;
        Ok((status == 200)
            .then(|| value["access_token"].as_str().map(str::to_owned))
            .flatten())
    }
}

pub(super) fn id(value: &Value) -> anyhow::Result<i64> {
    value["id"].as_i64().context("the answer carries no id")
}
