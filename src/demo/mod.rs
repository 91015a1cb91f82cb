//! `kefu demo`: a merchant, its vendor and three months of their business,
//! written through kefu's own API on the running server, so that everything
//! a newcomer sees went through the same rules as real requests.

pub mod figures;

use std::time::Duration;

use anyhow::{Context, bail};
use awc::http::Method;
use chrono::{NaiveDate, NaiveTime, TimeZone};
use chrono_tz::Asia::Shanghai;
use serde_json::{Value, json};

use figures::Calendar;

/// Everyone's demo password.
pub const PASSWORD: &str = "kefu-demo-2026";
pub const OWNER: &str = "owner@demo-shop.cn";
pub const FINANCE: &str = "finance@demo-shop.cn";
pub const VENDOR: &str = "manager@demo-vendor.cn";

const VENDOR_CREDIT_CODE: &str = "91310115MA1K3Y1X2W";
const TENANT_CREDIT_CODE: &str = "91330106MA27XL0B11";

/// What the demo holds once seeded.
#[derive(Debug)]
pub struct Seeded {
    /// The demo tenant was there already and is shown as it is.
    pub reused: bool,
    pub invoices: Vec<Value>,
    pub mails: Mails,
}

/// The demo's mails by where they stand.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Mails {
    /// Waiting for the outbox worker (or for a retry).
    pub queued: usize,
    pub sent: usize,
    pub failed: usize,
}

impl Mails {
    fn of(outbox: &Value) -> Mails {
        let mut mails = Mails::default();
        for mail in outbox["items"].as_array().into_iter().flatten() {
            match mail["status"].as_str() {
                Some("sent") => mails.sent += 1,
                Some("failed") => mails.failed += 1,
                _ => mails.queued += 1,
            }
        }
        mails
    }
}

/// Whether the database already holds the demo tenant: asked of the store,
/// not by signing in, so that a first start logs no refused login.
pub fn is_seeded(database_url: &str) -> anyhow::Result<bool> {
    let pool = crate::store::connect(database_url)?;
    let mut conn = pool.get().context("connecting to the database")?;
    let finance = crate::domain::EmailAddress::parse(FINANCE)?;
    Ok(crate::store::users::find_for_login(&mut conn, &finance)?.is_some())
}

/// kefu's API over HTTP, as a client sees it.
struct Api {
    client: awc::Client,
    base: String,
}

impl Api {
    async fn call(
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
    async fn ok(
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

    async fn post(&self, path: &str, token: &str, body: Value) -> anyhow::Result<Value> {
        self.ok(Method::POST, path, token, body).await
    }

    async fn put(&self, path: &str, token: &str, body: Value) -> anyhow::Result<Value> {
        self.ok(Method::PUT, path, token, body).await
    }

    async fn get(&self, path: &str, token: &str) -> anyhow::Result<Value> {
        let (status, value) = self.call(Method::GET, path, Some(token), None).await?;
        if status != 200 {
            bail!("GET {path} answered {status}: {value}");
        }
        Ok(value)
    }

    /// Signs in; `None` when the credentials are not known.
    async fn login(&self, email: &str) -> anyhow::Result<Option<String>> {
        let body = json!({ "email": email, "password": PASSWORD });
        let (status, value) = self
            .call(Method::POST, "/api/v1/auth/login", None, Some(&body))
            .await?;
        Ok((status == 200)
            .then(|| value["access_token"].as_str().map(str::to_owned))
            .flatten())
    }
}

fn id(value: &Value) -> anyhow::Result<i64> {
    value["id"].as_i64().context("the answer carries no id")
}

/// A moment of a day, Beijing time, as the API takes it.
fn at(day: NaiveDate, hour: u32, minute: u32) -> String {
    let local = day.and_time(NaiveTime::from_hms_opt(hour, minute, 0).unwrap_or_default());
    Shanghai
        .from_local_datetime(&local)
        .single()
        .map(|t| t.to_utc().to_rfc3339())
        .unwrap_or_default()
}

/// Creates the demo tenant and its three months through the server at `base`,
/// or, when an earlier run made it (`made_before`), shows it as it stands.
pub async fn seed(base: &str, today: NaiveDate, made_before: bool) -> anyhow::Result<Seeded> {
    let api = Api {
        client: awc::Client::builder()
            .timeout(Duration::from_secs(300))
            .finish(),
        base: base.trim_end_matches('/').to_owned(),
    };
    if made_before {
        let finance = api
            .login(FINANCE)
            .await?
            .context("the demo's finance user cannot sign in: was its password changed?")?;
        let invoices = api.get("/api/v1/invoices?limit=100", &finance).await?;
        let outbox = api.get("/api/v1/outbox?limit=100", &finance).await?;
        return Ok(Seeded {
            reused: true,
            invoices: invoices["items"].as_array().cloned().unwrap_or_default(),
            mails: Mails::of(&outbox),
        });
    }
    let calendar = Calendar::for_today(today);
    let (owner, vendor_id, shops) = merchant(&api).await?;
    let finance = person(&api, &owner, FINANCE, "赵会计", "finance", None).await?;
    let vendor = person(&api, &owner, VENDOR, "李经理", "vendor", Some(vendor_id)).await?;
    let contract = contract(&api, &owner, &calendar, vendor_id, &shops).await?;
    let path = format!("/api/v1/contracts/{contract}");

    let [september, october, november, _] = calendar.months();
    for first in [september, october, november] {
        let rows = figures::month(&calendar, first);
        api.post(&format!("{path}/kpi"), &vendor, json!({ "rows": rows }))
            .await?;
    }
    incidents(&api, &owner, &vendor, &path, &calendar).await?;
    reports(&api, &owner, &vendor, &path, &calendar).await?;

    let mut invoices = Vec::new();
    let mut mails = Mails::default();
    for period in calendar.periods() {
        api.post(
            "/api/v1/billing/close",
            &finance,
            json!({ "period": period }),
        )
        .await?;
        let drafts = api
            .get(
                &format!("/api/v1/invoices?period={period}&status=draft"),
                &finance,
            )
            .await?;
        for draft in drafts["items"].as_array().into_iter().flatten() {
            let issued = api
                .post(
                    &format!("/api/v1/invoices/{}/issue", id(draft)?),
                    &finance,
                    json!({}),
                )
                .await?;
            invoices.push(issued);
        }
        let queued = api
            .post(
                "/api/v1/invoices/email",
                &finance,
                json!({ "period": period }),
            )
            .await?;
        mails.queued += queued["mails"].as_array().map_or(0, Vec::len);
    }
    Ok(Seeded {
        reused: false,
        invoices,
        mails,
    })
}

/// The merchant: its owner, legal particulars, a Tmall and a JD shop, and its vendor.
async fn merchant(api: &Api) -> anyhow::Result<(String, i64, [i64; 2])> {
    let signup = json!({ "company_name": "示例电商", "display_name": "王店长", "email": OWNER, "password": PASSWORD });
    let (status, answer) = api
        .call(Method::POST, "/api/v1/signup", None, Some(&signup))
        .await?;
    if status != 201 {
        bail!("signing the demo merchant up answered {status}: {answer}");
    }
    let owner = answer["token"]["access_token"]
        .as_str()
        .context("signup gave no token")?
        .to_owned();
    api.put("/api/v1/tenant/profile", &owner, json!({
        "legal_name": "杭州示例电子商务有限公司", "credit_code": TENANT_CREDIT_CODE,
        "address": "浙江省杭州市余杭区文一西路 969 号",
        "bank": { "bank_name": "中国工商银行杭州城西支行", "account_name": "杭州示例电子商务有限公司", "account_number": "1202021209900123456" }
    }))
    .await?;
    let tmall = api
        .post(
            "/api/v1/shops",
            &owner,
            json!({ "platform": "tmall", "name": "示例旗舰店", "external_id": "TM-20881234" }),
        )
        .await?;
    let jd = api
        .post(
            "/api/v1/shops",
            &owner,
            json!({ "platform": "jd", "name": "示例京东自营店", "external_id": "JD-1000456" }),
        )
        .await?;
    let vendor = api
        .post("/api/v1/vendors", &owner, json!({
            "legal_name": "上海示例客服外包服务有限公司", "credit_code": VENDOR_CREDIT_CODE,
            "billing_email": "billing@demo-vendor.cn",
            "contacts": [{ "name": "李经理", "title": "客户经理", "phone": "+86 21 5555 0101", "email": VENDOR }],
            "bank": { "bank_name": "招商银行上海分行", "account_name": "上海示例客服外包服务有限公司", "account_number": "6225880212345678" }
        }))
        .await?;
    let vendor_id = id(&vendor)?;
    api.ok(
        Method::PATCH,
        &format!("/api/v1/vendors/{vendor_id}"),
        &owner,
        json!({ "status": "active" }),
    )
    .await?;
    Ok((owner, vendor_id, [id(&tmall)?, id(&jd)?]))
}

/// Adds a colleague and signs them in.
async fn person(
    api: &Api,
    owner: &str,
    email: &str,
    name: &str,
    role: &str,
    vendor: Option<i64>,
) -> anyhow::Result<String> {
    api.post("/api/v1/users", owner, json!({
        "email": email, "display_name": name, "password": PASSWORD, "role": role, "vendor_id": vendor
    }))
    .await?;
    api.login(email)
        .await?
        .with_context(|| format!("{email} cannot sign in"))
}

/// The contract: three handover phases, seats, per-consultation fees, commission and a
/// management fee; response, conversion and DSR clauses; caps, an escalation duty, the
/// outage excluded; signed.
async fn contract(
    api: &Api,
    owner: &str,
    calendar: &Calendar,
    vendor: i64,
    shops: &[i64; 2],
) -> anyhow::Result<i64> {
    let [september, october, november, _] = calendar.months();
    let created = api.post("/api/v1/contracts", owner, json!({
        "number": format!("KF-{}-001", calendar.year), "title": "天猫、京东店铺客服外包服务合同",
        "vendor_id": vendor, "shop_ids": shops, "start": september, "end": calendar.contract_end(),
        "commercial": {
            "payment": { "net_days": 30, "method": "bank_transfer" }, "tax_rate": "6",
            "scope": { "channels": ["online_chat", "phone"], "lines": ["pre_sale", "after_sale", "complaints"],
                       "hours": [{ "weekday": "mon", "from": "09:00", "to": "24:00" }] },
            "report_deemed_accepted_after_days": 5
        }
    }))
    .await?;
    let contract = id(&created)?;
    let path = format!("/api/v1/contracts/{contract}");
    let phases = [
        ("试运行：售后在线咨询", september, october, 8, "30"),
        ("扩大：售前售后在线咨询", october, november, 16, "60"),
        (
            "全量：在线咨询与电话",
            november,
            calendar.contract_end() + chrono::Days::new(1),
            24,
            "100",
        ),
    ];
    let mut phase_ids = Vec::new();
    for (name, start, end, seats, share) in phases {
        let phase = api
            .post(
                &format!("{path}/phases"),
                owner,
                json!({
                    "name": name, "start": start, "end": end, "channels": ["online_chat"],
                    "inquiry_share": share, "seats": seats,
                    "exit_criteria": [{ "metric": "first_response_time", "threshold": "40" }]
                }),
            )
            .await?;
        phase_ids.push(id(&phase)?);
    }
    for charge in [
        json!({ "kind": "seat_monthly", "name": "座席费", "rate": "5500.00" }),
        json!({ "kind": "per_unit", "name": "咨询接待费", "metric": "consultations", "pricing": "graduated",
                "tiers": [{ "from": "0", "unit_price": "0.80" }, { "from": "60000", "unit_price": "0.60" }] }),
        json!({ "kind": "commission", "name": "客服销售额提成", "percent": "1.5" }),
        json!({ "kind": "fixed", "name": "项目管理费", "amount": "3000.00" }),
    ] {
        api.post(&format!("{path}/charges"), owner, charge).await?;
    }
    let (rush_from, rush_to) = calendar.double_eleven();
    for clause in [
        json!({ "name": "首次响应时间", "metric": "first_response_time", "target": "30", "min_sample": 500,
                "overrides": [{ "label": "双11", "from": rush_from, "to": rush_to, "target": "45" }],
                "penalty": { "type": "per_step", "step": "1", "amount": "300.00", "max": "6000.00" } }),
        json!({ "name": "询单转化率", "metric": "conversion_rate", "target": "40",
                "penalty": { "type": "bands", "fee_base": { "charge_kinds": ["seat_monthly", "per_unit"] },
                             "bands": [{ "threshold": "40", "percent": "5" }, { "threshold": "35", "percent": "10" },
                                       { "threshold": "30", "percent": "20" }] } }),
        json!({ "name": "DSR服务评分", "metric": "dsr_service", "target": "4.75", "applies_from_phase": phase_ids[1],
                "penalty": { "type": "fixed", "amount": "2000.00" },
                "bonus": { "schedule": { "type": "bands", "bands": [{ "threshold": "4.8", "amount": "3000.00" }] },
                           "also_requires": [{ "metric": "csat", "threshold": "90" }] } }),
    ] {
        api.post(&format!("{path}/sla-clauses"), owner, clause)
            .await?;
    }
    api.put(&format!("{path}/liability"), owner, json!({
        "monthly_cap": { "percent_of_fees": "20" },
        "annual_cap": "300000.00",
        "incident_duties": [{ "severity": "critical", "escalate_within_minutes": 30, "amount": "5000.00" }],
        "uncapped": ["data_breach", "gross_negligence"],
        "termination_after_breached_months": 3
    }))
    .await?;
    let (outage_from, outage_to) = calendar.outage();
    api.post(&format!("{path}/exclusions"), owner, json!({
        "from": outage_from, "to": outage_to, "category": "platform_outage", "note": "平台消息系统故障，客服无法接入"
    }))
    .await?;
    api.post(&format!("{path}/activate"), owner, json!({}))
        .await?;
    Ok(contract)
}

/// Two critical incidents: one escalated in time, one 55 minutes late.
async fn incidents(
    api: &Api,
    owner: &str,
    vendor: &str,
    path: &str,
    calendar: &Calendar,
) -> anyhow::Result<()> {
    let [september, october, ..] = calendar.months();
    let on_time = september + chrono::Days::new(19);
    api.post(&format!("{path}/incidents"), vendor, json!({
        "severity": "critical", "category": "data_leak", "occurred_at": at(on_time, 14, 5),
        "escalated_at": at(on_time, 14, 17), "description": "客服误将一位买家的收货地址发给另一位买家，已撤回并致歉"
    }))
    .await?;
    let late = october + chrono::Days::new(8);
    let incident = api
        .post(
            &format!("{path}/incidents"),
            owner,
            json!({
                "severity": "critical", "category": "safety", "occurred_at": at(late, 21, 40),
                "description": "买家在咨询中称有轻生念头，客服未按预案及时上报"
            }),
        )
        .await?;
    api.post(
        &format!("{path}/incidents/{}/escalation", id(&incident)?),
        vendor,
        json!({ "escalated_at": at(late, 22, 35) }),
    )
    .await?;
    Ok(())
}

/// The vendor's monthly reports: September and November accepted; October disputed,
/// answered and then accepted.
async fn reports(
    api: &Api,
    owner: &str,
    vendor: &str,
    path: &str,
    calendar: &Calendar,
) -> anyhow::Result<()> {
    let narratives = [
        (8, 9, "试运行期间售后咨询平稳", "完成知识库梳理与话术培训"),
        (
            16,
            19,
            "国庆后咨询量上升，人手紧张导致响应变慢",
            "已招聘四名新客服，十月下旬到岗",
        ),
        (
            24,
            30,
            "双11大促咨询量达平日四倍",
            "启用临时排班与快捷短语，大促后恢复常规",
        ),
    ];
    for (period, (seats, agents, problems, actions)) in calendar.periods().iter().zip(narratives) {
        let report = format!("{path}/reports/{period}");
        let body = json!({
            "staffing": { "seats": seats, "agents": agents, "attrition_percent": "5.0" },
            "narrative": { "problems": problems, "actions": actions, "requests": "" }
        });
        api.put(&report, vendor, body.clone()).await?;
        api.post(&format!("{report}/submit"), vendor, json!({}))
            .await?;
        if period.ends_with("-10") {
            api.post(&format!("{report}/dispute"), owner, json!({ "comments": [
                { "metric": "first_response_time", "comment": "平台后台显示十月中旬响应时间更长，请核对并说明原因" }
            ]}))
            .await?;
            let mut answered = body;
            answered["narrative"]["actions"] = json!(
                "已核对：10月14日至15日平台故障期间的数据按合同排除；其余日期数据无误。已招聘四名新客服，十月下旬到岗"
            );
            api.put(&report, vendor, answered).await?;
            api.post(&format!("{report}/submit"), vendor, json!({}))
                .await?;
        }
        api.post(&format!("{report}/accept"), owner, json!({}))
            .await?;
    }
    Ok(())
}
