//! The pages: sessions, CSRF and errors over plain HTTP (`sessions`), and the
//! people's journeys in a real browser (`browser`, `journeys`).

mod accounts;
mod browser;
mod clauses;
mod finance;
mod finance_forms;
mod journeys;
mod life;
mod onboarding;
mod sessions;
mod terms;
mod vendor;
mod watch;

use std::collections::BTreeMap;

use reqwest::header::{self, HeaderMap};

use crate::helpers::TestApp;

/// A browser reduced to what the session tests need: it keeps cookies, sends
/// forms with this site's `Origin`, and does not follow redirects.
pub struct Visit {
    base: String,
    client: reqwest::Client,
    pub cookies: BTreeMap<String, String>,
    pub language: Option<&'static str>,
}

/// A page's answer.
#[derive(Debug)]
pub struct Seen {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: String,
}

impl Seen {
    pub fn location(&self) -> &str {
        self.headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    }

    /// The `Set-Cookie` line for `name`, if the answer set one.
    pub fn set_cookie(&self, name: &str) -> Option<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|line| line.starts_with(&format!("{name}=")))
            .map(str::to_owned)
    }

    /// The value of the hidden field `name` in the page's first form that has one.
    pub fn hidden(&self, name: &str) -> String {
        let marker = format!("name=\"{name}\" value=\"");
        self.body
            .split_once(&marker)
            .and_then(|(_, rest)| rest.split_once('"'))
            .map(|(value, _)| value.to_owned())
            .unwrap_or_default()
    }
}

impl Visit {
    pub fn new(app: &TestApp) -> Self {
        Self {
            base: app.address.clone(),
            client: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            cookies: BTreeMap::new(),
            language: None,
        }
    }

    pub async fn get(&mut self, path: &str) -> Seen {
        let request = self.client.get(format!("{}{path}", self.base));
        self.send(request).await
    }

    /// A file fetched with the visitor's cookies: its status and bytes.
    pub async fn get_bytes(&mut self, path: &str) -> (u16, Vec<u8>) {
        let mut request = self.client.get(format!("{}{path}", self.base));
        if !self.cookies.is_empty() {
            let line: Vec<String> = self
                .cookies
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect();
            request = request.header(header::COOKIE, line.join("; "));
        }
        let response = request.send().await.unwrap();
        let status = response.status().as_u16();
        (status, response.bytes().await.unwrap().to_vec())
    }

    /// Posts a form as a page of this site would.
    pub async fn post(&mut self, path: &str, form: &[(&str, &str)]) -> Seen {
        self.post_from(path, form, Some(&self.base.clone())).await
    }

    /// Posts a form with the `Origin` given (none: no `Origin` header).
    pub async fn post_from(
        &mut self,
        path: &str,
        form: &[(&str, &str)],
        origin: Option<&str>,
    ) -> Seen {
        let mut request = self.client.post(format!("{}{path}", self.base)).form(form);
        if let Some(origin) = origin {
            request = request.header(header::ORIGIN, origin);
        }
        self.send(request).await
    }

    /// Posts a file form (`multipart/form-data`) as a page of this site would.
    pub async fn post_file(&mut self, path: &str, csrf: &str, file: &str) -> Seen {
        let form = reqwest::multipart::Form::new()
            .text("csrf", csrf.to_owned())
            .part(
                "file",
                reqwest::multipart::Part::text(file.to_owned()).file_name("feed.csv"),
            );
        let request = self
            .client
            .post(format!("{}{path}", self.base))
            .header(header::ORIGIN, self.base.clone())
            .multipart(form);
        self.send(request).await
    }

    async fn send(&mut self, mut request: reqwest::RequestBuilder) -> Seen {
        if !self.cookies.is_empty() {
            let line: Vec<String> = self
                .cookies
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect();
            request = request.header(header::COOKIE, line.join("; "));
        }
        if let Some(language) = self.language {
            request = request.header(header::ACCEPT_LANGUAGE, language);
        }
        let response = request.send().await.unwrap();
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        for line in headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
        {
            let pair = line.split(';').next().unwrap_or_default();
            if let Some((name, value)) = pair.split_once('=') {
                if value.is_empty() || line.contains("Max-Age=0") {
                    self.cookies.remove(name);
                } else {
                    self.cookies.insert(name.to_owned(), value.to_owned());
                }
            }
        }
        let body = response.text().await.unwrap();
        Seen {
            status,
            headers,
            body,
        }
    }

    /// Signs in through the sign-in page; returns the answer to the form.
    pub async fn sign_in(&mut self, email: &str, password: &str) -> Seen {
        let page = self.get("/").await;
        let token = page.hidden("csrf");
        self.post(
            "/sign-in",
            &[
                ("csrf", &token),
                ("email", email),
                ("password", password),
                ("next", ""),
            ],
        )
        .await
    }

    /// The CSRF token of the signed-in visitor's forms, as the home page carries it.
    pub async fn csrf(&mut self) -> String {
        self.get("/home").await.hidden("csrf")
    }
}
