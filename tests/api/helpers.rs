//! Starting kefu for a test, and talking to it.

use std::time::Duration;

use diesel::{Connection, PgConnection, RunQueryDsl};
use kefu::config::{MailSettings, Settings, WebSettings};
use kefu::startup::Application;
use reqwest::Method;
use serde_json::{Value, json};
use tempfile::TempDir;

/// The signing key every test server uses, so that tests can forge tokens with it.
pub const JWT_SECRET: &str = "test-signing-key-of-more-than-thirty-two-bytes";
pub const PASSWORD: &str = "correct horse battery staple";

/// Credit codes with valid check characters (GB 32100-2015), one per vendor a test needs.
pub const CREDIT_CODES: [&str; 6] = [
    "91310115MA1K3Y1X2W",
    "91330106MA27XL0B11",
    "91440101MA5CKQ8R0B",
    "91320594MA1MEK3F7A",
    "91110105MA01R2TN9P",
    "92310000L123456787",
];

pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    /// The test's own database, for the few tests that must reach behind the API (the clock).
    pub database_url: String,
    /// The server's data folder (the `.eml` outbox lives under it). Dropped last:
    /// removes the files or database.
    pub data_dir: TempDir,
    _database: TestDatabase,
}

/// A database of this test's own: a SQLite file in the test's folder, or a
/// fresh PostgreSQL database dropped at the end.
pub enum TestDatabase {
    Sqlite,
    /// Another server's: left to it.
    Shared,
    Postgres {
        admin_url: String,
        name: String,
    },
}

impl TestDatabase {
    fn create(data_dir: &TempDir) -> (Self, String) {
        let Ok(admin_url) = std::env::var("TEST_DATABASE_URL") else {
            let path = data_dir.path().join("kefu.db");
            return (TestDatabase::Sqlite, path.to_string_lossy().into_owned());
        };
        let name = format!("kefu_test_{}", hex::encode(kefu::auth::random_bytes::<8>()));
        let mut admin =
            PgConnection::establish(&admin_url).expect("TEST_DATABASE_URL must reach PostgreSQL");
        diesel::sql_query(format!("CREATE DATABASE {name}"))
            .execute(&mut admin)
            .expect("create test database");
        let base = admin_url
            .rsplit_once('/')
            .map_or(admin_url.as_str(), |(base, _)| base);
        let url = format!("{base}/{name}");
        (TestDatabase::Postgres { admin_url, name }, url)
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let TestDatabase::Postgres { admin_url, name } = self
            && let Ok(mut admin) = PgConnection::establish(admin_url)
        {
            let _ = diesel::sql_query(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                .execute(&mut admin);
        }
    }
}

/// Settings for a test server: port 0, its own data folder and database.
pub fn test_settings(data_dir: &TempDir, database_url: String) -> Settings {
    Settings {
        listen: "127.0.0.1:0".parse().unwrap(),
        data_dir: data_dir.path().to_path_buf(),
        database_url,
        jwt_secret: Some(JWT_SECRET.into()),
        jwt_previous_secret: None,
        token_ttl: Duration::from_secs(3600),
        mail: MailSettings::default(),
        web: WebSettings::default(),
        public_url: None,
    }
}

/// The client every test talks through. It reads English (`Accept-Language:
/// en`), as the tests' expectations of messages do, whichever language the
/// API would choose for a client that names none.
pub fn english_client() -> reqwest::Client {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(
        reqwest::header::ACCEPT_LANGUAGE,
        reqwest::header::HeaderValue::from_static("en"),
    );
    reqwest::Client::builder()
        .default_headers(headers)
        .build()
        .expect("a client")
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

/// Starts kefu with settings the test may adjust.
pub async fn spawn_app_with(adjust: impl FnOnce(&mut Settings)) -> TestApp {
    if std::env::var("TEST_LOG").is_ok() {
        kefu::telemetry::init();
    }
    let data_dir = tempfile::tempdir().unwrap();
    let (database, url) = TestDatabase::create(&data_dir);
    let mut settings = test_settings(&data_dir, url.clone());
    adjust(&mut settings);
    let app = Application::build(settings)
        .await
        .expect("the server starts");
    let address = format!("http://127.0.0.1:{}", app.port());
    tokio::spawn(app.run_until_stopped());
    TestApp {
        address,
        client: english_client(),
        database_url: url,
        data_dir,
        _database: database,
    }
}

impl TestApp {
    /// A second kefu server on this one's database, as in a deployment with several.
    pub async fn beside(&self, adjust: impl FnOnce(&mut Settings)) -> TestApp {
        let data_dir = tempfile::tempdir().unwrap();
        let mut settings = test_settings(&data_dir, self.database_url.clone());
        adjust(&mut settings);
        let app = Application::build(settings)
            .await
            .expect("the second server starts");
        let address = format!("http://127.0.0.1:{}", app.port());
        tokio::spawn(app.run_until_stopped());
        TestApp {
            address,
            client: english_client(),
            database_url: self.database_url.clone(),
            data_dir,
            _database: TestDatabase::Shared,
        }
    }
}

/// An answer, read whole.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub body: Value,
}

impl Reply {
    /// The fields named in a problem's `errors`.
    pub fn error_fields(&self) -> Vec<String> {
        self.body["errors"]
            .as_array()
            .map(|errors| {
                errors
                    .iter()
                    .filter_map(|e| e["field"].as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    }

    pub fn content_type(&self) -> &str {
        self.header("content-type")
    }

    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }
}

/// Someone signed in: the token and who it is.
#[derive(Debug, Clone)]
pub struct Session {
    pub token: String,
    pub tenant_id: i64,
    pub user_id: i64,
}

impl TestApp {
    /// A request as a client reading English would send it.
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<&Value>,
    ) -> Reply {
        self.call_with(&self.client, None, method, path, token, body)
            .await
    }

    /// A request whose `Accept-Language` is `language`, or that has none.
    pub async fn call_in(
        &self,
        language: Option<&str>,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<&Value>,
    ) -> Reply {
        match language {
            Some(_) => {
                self.call_with(&self.client, language, method, path, token, body)
                    .await
            }
            None => {
                let plain = reqwest::Client::new();
                self.call_with(&plain, None, method, path, token, body)
                    .await
            }
        }
    }

    async fn call_with(
        &self,
        client: &reqwest::Client,
        language: Option<&str>,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<&Value>,
    ) -> Reply {
        let mut request = client.request(method, format!("{}{path}", self.address));
        if let Some(language) = language {
            request = request.header(reqwest::header::ACCEPT_LANGUAGE, language);
        }
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            request = request.json(body);
        }
        let response = request.send().await.expect("the server answers");
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let text = response.text().await.unwrap();
        let body = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap_or(Value::String(text))
        };
        Reply {
            status,
            headers,
            body,
        }
    }

    /// A file: status, content type and the bytes as sent.
    pub async fn download(&self, path: &str, token: &str) -> (u16, String, Vec<u8>) {
        let response = self
            .client
            .get(format!("{}{path}", self.address))
            .bearer_auth(token)
            .send()
            .await
            .expect("the server answers");
        let status = response.status().as_u16();
        let content_type = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned();
        (
            status,
            content_type,
            response.bytes().await.unwrap().to_vec(),
        )
    }

    pub async fn get(&self, path: &str, token: &str) -> Reply {
        self.call(Method::GET, path, Some(token), None).await
    }

    pub async fn post(&self, path: &str, token: &str, body: Value) -> Reply {
        self.call(Method::POST, path, Some(token), Some(&body))
            .await
    }

    pub async fn patch(&self, path: &str, token: &str, body: Value) -> Reply {
        self.call(Method::PATCH, path, Some(token), Some(&body))
            .await
    }

    pub async fn put(&self, path: &str, token: &str, body: Value) -> Reply {
        self.call(Method::PUT, path, Some(token), Some(&body)).await
    }

    /// Sends a body of the given type, with extra headers.
    pub async fn send(
        &self,
        method: Method,
        path: &str,
        token: &str,
        content_type: &str,
        body: impl Into<reqwest::Body>,
        headers: &[(&str, &str)],
    ) -> Reply {
        let mut request = self
            .client
            .request(method, format!("{}{path}", self.address))
            .bearer_auth(token)
            .header("content-type", content_type)
            .body(body);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let response = request.send().await.expect("the server answers");
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let text = response.text().await.unwrap();
        let body = serde_json::from_str(&text).unwrap_or(Value::String(text));
        Reply {
            status,
            headers,
            body,
        }
    }

    pub async fn delete(&self, path: &str, token: &str) -> Reply {
        self.call(Method::DELETE, path, Some(token), None).await
    }

    /// Signs a new tenant up; its owner is `email`.
    pub async fn signup(&self, company: &str, email: &str) -> Session {
        let body = json!({ "company_name": company, "display_name": "店主", "email": email, "password": PASSWORD });
        let reply = self
            .call(Method::POST, "/api/v1/signup", None, Some(&body))
            .await;
        assert_eq!(reply.status, 201, "signup: {:?}", reply.body);
        Session {
            token: reply.body["token"]["access_token"]
                .as_str()
                .unwrap()
                .to_owned(),
            tenant_id: reply.body["tenant"]["id"].as_i64().unwrap(),
            user_id: reply.body["user"]["id"].as_i64().unwrap(),
        }
    }

    pub async fn login(&self, email: &str, password: &str) -> Reply {
        let body = json!({ "email": email, "password": password });
        self.call(Method::POST, "/api/v1/auth/login", None, Some(&body))
            .await
    }

    /// Onboards a vendor with bank details and makes it active; returns its id.
    pub async fn active_vendor(&self, token: &str, credit_code: &str) -> i64 {
        let reply = self
            .post("/api/v1/vendors", token, vendor_body(credit_code))
            .await;
        assert_eq!(reply.status, 201, "create vendor: {:?}", reply.body);
        let id = reply.body["id"].as_i64().unwrap();
        let reply = self
            .patch(
                &format!("/api/v1/vendors/{id}"),
                token,
                json!({ "status": "active" }),
            )
            .await;
        assert_eq!(reply.status, 200, "activate vendor: {:?}", reply.body);
        id
    }

    /// Adds a user with a role (and vendor) and signs it in.
    pub async fn user(
        &self,
        owner: &Session,
        email: &str,
        role: &str,
        vendor_id: Option<i64>,
    ) -> Session {
        let body = json!({ "email": email, "display_name": "同事", "password": PASSWORD, "role": role, "vendor_id": vendor_id });
        let reply = self.post("/api/v1/users", &owner.token, body).await;
        assert_eq!(reply.status, 201, "create user: {:?}", reply.body);
        let user_id = reply.body["id"].as_i64().unwrap();
        let login = self.login(email, PASSWORD).await;
        assert_eq!(login.status, 200, "login: {:?}", login.body);
        Session {
            token: login.body["access_token"].as_str().unwrap().to_owned(),
            tenant_id: owner.tenant_id,
            user_id,
        }
    }

    /// Makes an API key with the default scopes for a vendor; returns its id and the key.
    pub async fn api_key(&self, token: &str, vendor_id: i64) -> (i64, String) {
        self.api_key_with(token, vendor_id, json!({ "name": "nightly feed" }))
            .await
    }

    /// Makes an API key from a body (name, scopes); returns its id and the key.
    pub async fn api_key_with(&self, token: &str, vendor_id: i64, body: Value) -> (i64, String) {
        let reply = self
            .post(
                &format!("/api/v1/vendors/{vendor_id}/api-keys"),
                token,
                body,
            )
            .await;
        assert_eq!(reply.status, 201, "create key: {:?}", reply.body);
        (
            reply.body["id"].as_i64().unwrap(),
            reply.body["secret"].as_str().unwrap().to_owned(),
        )
    }
}

/// A valid vendor body.
pub fn vendor_body(credit_code: &str) -> Value {
    json!({
        "legal_name": "上海某某客服外包有限公司",
        "credit_code": credit_code,
        "billing_email": "billing@vendor.cn",
        "contacts": [{ "name": "李经理", "title": "客户经理", "phone": "+86 21 5555 0101", "email": "li@vendor.cn" }],
        "bank": { "bank_name": "招商银行上海分行", "account_name": "上海某某客服外包有限公司", "account_number": "6225880212345678" }
    })
}

/// The dates of a year-long contract that began two months ago, so that its
/// current month is its third: phases of one month, one month, and the rest.
#[derive(Debug, Clone, Copy)]
pub struct Plan {
    pub start: chrono::NaiveDate,
    pub end: chrono::NaiveDate,
    pub second: chrono::NaiveDate,
    pub third: chrono::NaiveDate,
}

impl Plan {
    pub fn now() -> Self {
        use chrono::{Datelike, Months};
        // Today where the contracts are (Asia/Shanghai, their default zone), not in UTC:
        // near midnight UTC at a month's end the two are in different months.
        let today = chrono::Utc::now()
            .with_timezone(&chrono_tz::Asia::Shanghai)
            .date_naive();
        let this_month = today.with_day(1).unwrap();
        let start = this_month - Months::new(2);
        Plan {
            start,
            end: start + Months::new(12) - chrono::Days::new(1),
            second: start + Months::new(1),
            third: this_month,
        }
    }
}

/// The ids of the parts of a contract written by [`TestApp::tmall_contract`].
#[derive(Debug, Clone, Copy)]
pub struct ContractIds {
    pub contract: i64,
    pub seat_charge: i64,
    pub unit_charge: i64,
    pub commission: i64,
    pub response_clause: i64,
    pub conversion_clause: i64,
    pub dsr_clause: i64,
    pub phases: [i64; 3],
}

impl TestApp {
    /// Writes, part by part over the API, the contract a Tmall shop signs with a
    /// vendor: seats ramping 4 → 10 → 16 over three phases, per-consultation fees
    /// in graduated tiers, 2% commission, response-time, conversion and DSR
    /// clauses with bands and per-step penalties, a 双11 override, a 20% monthly
    /// cap, an annual cap and an escalation duty. It is left a draft.
    pub async fn tmall_contract(
        &self,
        token: &str,
        number: &str,
        vendor: i64,
        shop: i64,
    ) -> ContractIds {
        let plan = Plan::now();
        let created = self
            .post(
                "/api/v1/contracts",
                token,
                json!({
                    "number": number, "title": "天猫旗舰店客服外包合同", "vendor_id": vendor, "shop_ids": [shop],
                    "start": plan.start, "end": plan.end,
                    "commercial": {
                        "payment": { "net_days": 30, "method": "bank_transfer" }, "tax_rate": "6",
                        "scope": { "channels": ["online_chat", "phone"], "lines": ["pre_sale", "after_sale", "complaints"],
                                   "hours": [{ "weekday": "mon", "from": "09:00", "to": "24:00" }] },
                        "report_deemed_accepted_after_days": 5
                    }
                }),
            )
            .await;
        assert_eq!(created.status, 201, "contract: {:?}", created.body);
        let contract = created.body["id"].as_i64().unwrap();
        let base = format!("/api/v1/contracts/{contract}");
        let add = |part: &'static str, body: Value| {
            let path = format!("{base}/{part}");
            async move {
                let reply = self.post(&path, token, body).await;
                assert_eq!(reply.status, 201, "{path}: {:?}", reply.body);
                reply.body["id"].as_i64().unwrap()
            }
        };
        let mut phases = [0; 3];
        let bounds = [
            (plan.start, plan.second, 4, "30"),
            (plan.second, plan.third, 10, "70"),
            (plan.third, plan.end + chrono::Days::new(1), 16, "100"),
        ];
        let names = ["试运行", "扩大", "全量"];
        for (i, (from, to, seats, share)) in bounds.into_iter().enumerate() {
            phases[i] = add(
                "phases",
                json!({
                    "name": names[i], "start": from, "end": to, "channels": ["online_chat"],
                    "inquiry_share": share, "seats": seats,
                    "exit_criteria": [{ "metric": "first_response_time", "threshold": "40" }]
                }),
            )
            .await;
        }
        let seat_charge = add(
            "charges",
            json!({ "kind": "seat_monthly", "name": "座席费", "rate": "6000.00" }),
        )
        .await;
        let unit_charge = add("charges", json!({
            "kind": "per_unit", "name": "咨询接待费", "metric": "consultations", "pricing": "graduated",
            "tiers": [{ "from": "0", "unit_price": "1.20" }, { "from": "20000", "unit_price": "1.00" }]
        }))
        .await;
        let commission = add(
            "charges",
            json!({ "kind": "commission", "name": "销售提成", "percent": "2" }),
        )
        .await;
        let peak_from = plan.third;
        let peak_to = plan.third + chrono::Days::new(11);
        let response_clause = add("sla-clauses", json!({
            "name": "首次响应时间", "metric": "first_response_time", "target": "30", "min_sample": 500,
            "overrides": [{ "label": "双11", "from": peak_from, "to": peak_to, "target": "45" }],
            "penalty": { "type": "per_step", "step": "1", "amount": "200.00", "max": "5000.00" }
        }))
        .await;
        let conversion_clause = add("sla-clauses", json!({
            "name": "询单转化率", "metric": "conversion_rate", "target": "40",
            "penalty": { "type": "bands", "fee_base": { "charge_kinds": ["seat_monthly", "per_unit"] },
                         "bands": [{ "threshold": "40", "inclusive": true, "percent": "5" },
                                   { "threshold": "35", "inclusive": true, "percent": "10" },
                                   { "threshold": "30", "inclusive": true, "percent": "20" }] }
        }))
        .await;
        let dsr_clause = add("sla-clauses", json!({
            "name": "DSR服务评分", "metric": "dsr_service", "target": "4.7", "applies_from_phase": phases[1], "grace_days": 14,
            "penalty": { "type": "fixed", "amount": "3000.00" },
            "bonus": { "schedule": { "type": "bands", "bands": [{ "threshold": "4.8", "inclusive": true, "amount": "2000.00" },
                                                                { "threshold": "4.9", "inclusive": true, "amount": "5000.00" }] },
                       "also_requires": [{ "metric": "csat", "threshold": "90" }] }
        }))
        .await;
        let liability = self
            .call(
                reqwest::Method::PUT,
                &format!("{base}/liability"),
                Some(token),
                Some(&tmall_liability()),
            )
            .await;
        assert_eq!(liability.status, 200, "liability: {:?}", liability.body);
        ContractIds {
            contract,
            seat_charge,
            unit_charge,
            commission,
            response_clause,
            conversion_clause,
            dsr_clause,
            phases,
        }
    }
}

pub fn tmall_liability() -> Value {
    json!({
        "monthly_cap": { "percent_of_fees": "20" },
        "annual_cap": "200000.00",
        "incident_duties": [{ "severity": "critical", "escalate_within_minutes": 30, "amount": "5000.00" }],
        "uncapped": ["data_breach", "gross_negligence"],
        "termination_after_breached_months": 3
    })
}
