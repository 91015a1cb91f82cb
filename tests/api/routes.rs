//! Every route kefu serves, in one place. A new route joins the isolation,
//! role and OpenAPI tests by being listed here.

use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{CREDIT_CODES, Plan, tmall_liability, vendor_body};

/// What a vendor user (or API key) may do on a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VendorAccess {
    /// Allowed, on its own vendor's things only: another vendor's are 404.
    OwnVendor,
    /// Not for vendors at all: 403.
    Forbidden,
    /// Anyone signed in.
    Anyone,
    /// For vendors only (the merchant's roles get 403); another vendor's things are 404.
    Only,
}

pub struct Route {
    pub method: Method,
    /// With placeholders for objects of the first tenant: `{user}`, `{shop}`, `{vendor}`, `{key}`.
    pub path: &'static str,
    /// A valid body, so that refusals come from the rule under test, not from validation.
    pub body: Option<fn() -> Value>,
    /// Changes something: an auditor gets 403.
    pub writes: bool,
    pub vendor: VendorAccess,
}

impl Route {
    /// Whether the route names an object of the tenant.
    pub fn names_an_object(&self) -> bool {
        self.path.contains('{')
    }

    pub fn body(&self) -> Option<Value> {
        self.body.map(|make| make())
    }
}

const fn route(
    method: Method,
    path: &'static str,
    body: Option<fn() -> Value>,
    writes: bool,
    vendor: VendorAccess,
) -> Route {
    Route {
        method,
        path,
        body,
        writes,
        vendor,
    }
}

use VendorAccess::*;

/// The routes that need a credential.
pub const AUTHENTICATED: &[Route] = &[
    route(Method::GET, "/api/v1/me", None, false, Anyone),
    route(Method::GET, "/api/v1/users", None, false, Forbidden),
    route(
        Method::POST,
        "/api/v1/users",
        Some(new_user),
        true,
        Forbidden,
    ),
    route(Method::GET, "/api/v1/users/{user}", None, false, Forbidden),
    route(
        Method::PATCH,
        "/api/v1/users/{user}",
        Some(rename),
        true,
        Forbidden,
    ),
    route(
        Method::POST,
        "/api/v1/users/{user}/deactivate",
        None,
        true,
        Forbidden,
    ),
    route(Method::GET, "/api/v1/shops", None, false, Forbidden),
    route(
        Method::POST,
        "/api/v1/shops",
        Some(new_shop),
        true,
        Forbidden,
    ),
    route(Method::GET, "/api/v1/shops/{shop}", None, false, Forbidden),
    route(
        Method::PATCH,
        "/api/v1/shops/{shop}",
        Some(rename_shop),
        true,
        Forbidden,
    ),
    route(
        Method::DELETE,
        "/api/v1/shops/{shop}",
        None,
        true,
        Forbidden,
    ),
    route(Method::GET, "/api/v1/vendors", None, false, OwnVendor),
    route(
        Method::POST,
        "/api/v1/vendors",
        Some(new_vendor),
        true,
        Forbidden,
    ),
    route(
        Method::GET,
        "/api/v1/vendors/{vendor}",
        None,
        false,
        OwnVendor,
    ),
    route(
        Method::GET,
        "/api/v1/vendors/{vendor}/statement",
        None,
        false,
        OwnVendor,
    ),
    route(
        Method::GET,
        "/api/v1/vendors/{vendor}/statement.{table}",
        None,
        false,
        OwnVendor,
    ),
    route(
        Method::PATCH,
        "/api/v1/vendors/{vendor}",
        Some(rename_vendor),
        true,
        Forbidden,
    ),
    route(
        Method::DELETE,
        "/api/v1/vendors/{vendor}",
        None,
        true,
        Forbidden,
    ),
    route(
        Method::PUT,
        "/api/v1/vendors/{vendor}/particulars",
        Some(particulars),
        true,
        Only,
    ),
    route(
        Method::POST,
        "/api/v1/vendors/{vendor}/submit",
        None,
        true,
        Only,
    ),
    route(
        Method::POST,
        "/api/v1/vendors/{vendor}/send-back",
        Some(send_back),
        true,
        Forbidden,
    ),
    route(
        Method::GET,
        "/api/v1/vendors/{vendor}/api-keys",
        None,
        false,
        OwnVendor,
    ),
    route(
        Method::POST,
        "/api/v1/vendors/{vendor}/api-keys",
        Some(new_key),
        true,
        OwnVendor,
    ),
    route(
        Method::DELETE,
        "/api/v1/vendors/{vendor}/api-keys/{key}",
        None,
        true,
        OwnVendor,
    ),
    route(Method::GET, "/api/v1/metrics", None, false, Anyone),
    route(Method::GET, "/api/v1/contracts", None, false, OwnVendor),
    route(
        Method::POST,
        "/api/v1/contracts",
        Some(new_contract),
        true,
        Forbidden,
    ),
    route(
        Method::GET,
        "/api/v1/contracts/{contract}",
        None,
        false,
        OwnVendor,
    ),
    route(
        Method::PATCH,
        "/api/v1/contracts/{contract}",
        Some(retitle),
        true,
        Forbidden,
    ),
    route(
        Method::GET,
        "/api/v1/contracts/{contract}/terms",
        None,
        false,
        OwnVendor,
    ),
    route(
        Method::GET,
        "/api/v1/contracts/{contract}/terms/versions",
        None,
        false,
        OwnVendor,
    ),
    route(
        Method::GET,
        "/api/v1/contracts/{contract}/audit",
        None,
        false,
        OwnVendor,
    ),
    route(
        Method::POST,
        "/api/v1/contracts/{contract}/activate",
        None,
        true,
        Forbidden,
    ),
    route(
        Method::POST,
        "/api/v1/contracts/{contract}/suspend",
        Some(reason),
        true,
        Forbidden,
    ),
    route(
        Method::POST,
        "/api/v1/contracts/{contract}/resume",
        Some(reason),
        true,
        Forbidden,
    ),
    route(
        Method::POST,
        "/api/v1/contracts/{contract}/terminate",
        Some(reason),
        true,
        Forbidden,
    ),
    route(
        Method::POST,
        "/api/v1/contracts/{contract}/amendments",
        Some(amendment),
        true,
        Forbidden,
    ),
    route(
        Method::POST,
        "/api/v1/contracts/{contract}/amendments/{version}/apply",
        None,
        true,
        Forbidden,
    ),
    route(
        Method::DELETE,
        "/api/v1/contracts/{contract}/amendments/{version}",
        None,
        true,
        Forbidden,
    ),
    route(
        Method::GET,
        "/api/v1/contracts/{contract}/commercial",
        None,
        false,
        OwnVendor,
    ),
    route(
        Method::PUT,
        "/api/v1/contracts/{contract}/commercial",
        Some(commercial),
        true,
        Forbidden,
    ),
    route(
        Method::GET,
        "/api/v1/contracts/{contract}/liability",
        None,
        false,
        OwnVendor,
    ),
    route(
        Method::PUT,
        "/api/v1/contracts/{contract}/liability",
        Some(tmall_liability),
        true,
        Forbidden,
    ),
    route(
        Method::GET,
        "/api/v1/contracts/{contract}/charges",
        None,
        false,
        OwnVendor,
    ),
    route(
        Method::POST,
        "/api/v1/contracts/{contract}/charges",
        Some(charge),
        true,
        Forbidden,
    ),
    route(
        Method::GET,
        "/api/v1/contracts/{contract}/charges/{charge}",
        None,
        false,
        OwnVendor,
    ),
    route(
        Method::PUT,
        "/api/v1/contracts/{contract}/charges/{charge}",
        Some(charge),
        true,
        Forbidden,
    ),
    route(
        Method::DELETE,
        "/api/v1/contracts/{contract}/charges/{charge}",
        None,
        true,
        Forbidden,
    ),
    route(
        Method::GET,
        "/api/v1/contracts/{contract}/sla-clauses",
        None,
        false,
        OwnVendor,
    ),
    route(
        Method::POST,
        "/api/v1/contracts/{contract}/sla-clauses",
        Some(clause),
        true,
        Forbidden,
    ),
    route(
        Method::GET,
        "/api/v1/contracts/{contract}/sla-clauses/{clause}",
        None,
        false,
        OwnVendor,
    ),
    route(
        Method::PUT,
        "/api/v1/contracts/{contract}/sla-clauses/{clause}",
        Some(clause),
        true,
        Forbidden,
    ),
    route(
        Method::DELETE,
        "/api/v1/contracts/{contract}/sla-clauses/{clause}",
        None,
        true,
        Forbidden,
    ),
    route(
        Method::GET,
        "/api/v1/contracts/{contract}/phases",
        None,
        false,
        OwnVendor,
    ),
    route(
        Method::POST,
        "/api/v1/contracts/{contract}/phases",
        Some(phase),
        true,
        Forbidden,
    ),
    route(
        Method::GET,
        "/api/v1/contracts/{contract}/phases/{phase}",
        None,
        false,
        OwnVendor,
    ),
    route(
        Method::PUT,
        "/api/v1/contracts/{contract}/phases/{phase}",
        Some(phase),
        true,
        Forbidden,
    ),
    route(
        Method::DELETE,
        "/api/v1/contracts/{contract}/phases/{phase}",
        None,
        true,
        Forbidden,
    ),
    route(
        Method::POST,
        "/api/v1/contracts/{contract}/phases/{phase}/start",
        Some(reason),
        true,
        Forbidden,
    ),
    route(
        Method::POST,
        "/api/v1/contracts/{contract}/phases/{phase}/complete",
        Some(reason),
        true,
        Forbidden,
    ),
    route(
        Method::POST,
        "/api/v1/contracts/{contract}/phases/{phase}/roll-back",
        Some(reason),
        true,
        Forbidden,
    ),
    route(
        Method::GET,
        "/api/v1/contracts/{contract}/exclusions",
        None,
        false,
        OwnVendor,
    ),
    route(
        Method::POST,
        "/api/v1/contracts/{contract}/exclusions",
        Some(exclusion),
        true,
        Forbidden,
    ),
    route(
        Method::DELETE,
        "/api/v1/contracts/{contract}/exclusions/{exclusion}",
        None,
        true,
        Forbidden,
    ),
    route(
        Method::GET,
        "/api/v1/contracts/{contract}/phases/{phase}/gate?period={period}",
        None,
        false,
        OwnVendor,
    ),
    route(
        Method::POST,
        "/api/v1/contracts/{contract}/kpi",
        Some(kpi_rows),
        true,
        OwnVendor,
    ),
    route(Method::POST, "/api/v1/kpi/imports", None, true, Anyone),
    route(
        Method::GET,
        "/api/v1/contracts/{contract}/kpi?period={period}",
        None,
        false,
        OwnVendor,
    ),
    route(
        Method::GET,
        "/api/v1/contracts/{contract}/kpi/trend?from={period}&to={period}",
        None,
        false,
        OwnVendor,
    ),
    route(
        Method::GET,
        "/api/v1/contracts/{contract}/kpi/days?period={period}",
        None,
        false,
        OwnVendor,
    ),
    route(
        Method::GET,
        "/api/v1/contracts/{contract}/kpi/revisions?period={period}",
        None,
        false,
        OwnVendor,
    ),
    route(
        Method::GET,
        "/api/v1/contracts/{contract}/incidents",
        None,
        false,
        OwnVendor,
    ),
    route(
        Method::POST,
        "/api/v1/contracts/{contract}/incidents",
        Some(incident),
        true,
        OwnVendor,
    ),
    route(
        Method::GET,
        "/api/v1/contracts/{contract}/incidents/{incident}",
        None,
        false,
        OwnVendor,
    ),
    route(
        Method::POST,
        "/api/v1/contracts/{contract}/incidents/{incident}/escalation",
        Some(escalation),
        true,
        OwnVendor,
    ),
    route(
        Method::GET,
        "/api/v1/contracts/{contract}/reports",
        None,
        false,
        OwnVendor,
    ),
    route(
        Method::GET,
        "/api/v1/contracts/{contract}/reports/{period}",
        None,
        false,
        OwnVendor,
    ),
    route(
        Method::PUT,
        "/api/v1/contracts/{contract}/reports/{period}",
        Some(report),
        true,
        Only,
    ),
    route(
        Method::POST,
        "/api/v1/contracts/{contract}/reports/{period}/submit",
        None,
        true,
        Only,
    ),
    route(
        Method::POST,
        "/api/v1/contracts/{contract}/reports/{period}/accept",
        None,
        true,
        Forbidden,
    ),
    route(
        Method::POST,
        "/api/v1/contracts/{contract}/reports/{period}/dispute",
        Some(dispute),
        true,
        Forbidden,
    ),
    route(
        Method::POST,
        "/api/v1/contracts/{contract}/invoices",
        Some(period),
        true,
        Forbidden,
    ),
    route(
        Method::POST,
        "/api/v1/contracts/{contract}/simulate",
        Some(period),
        false,
        OwnVendor,
    ),
    route(
        Method::POST,
        "/api/v1/contracts/{contract}/would-have-billed",
        Some(last_months),
        false,
        OwnVendor,
    ),
    route(Method::GET, "/api/v1/invoices", None, false, OwnVendor),
    route(
        Method::GET,
        "/api/v1/invoices/{invoice}",
        None,
        false,
        OwnVendor,
    ),
    route(
        Method::POST,
        "/api/v1/invoices/{invoice}/recompute",
        None,
        true,
        Forbidden,
    ),
    route(
        Method::POST,
        "/api/v1/invoices/{invoice}/issue",
        None,
        true,
        Forbidden,
    ),
    route(
        Method::POST,
        "/api/v1/invoices/{invoice}/void",
        Some(reason),
        true,
        Forbidden,
    ),
    route(
        Method::POST,
        "/api/v1/invoices/{invoice}/payments",
        Some(payment),
        true,
        Forbidden,
    ),
    route(
        Method::POST,
        "/api/v1/invoices/{invoice}/credit-notes",
        Some(reason),
        true,
        Forbidden,
    ),
    route(
        Method::GET,
        "/api/v1/invoices/{invoice}/restatement",
        None,
        false,
        OwnVendor,
    ),
    route(
        Method::POST,
        "/api/v1/invoices/{invoice}/restatement",
        Some(reason),
        true,
        Forbidden,
    ),
    route(
        Method::GET,
        "/api/v1/credit-notes/{credit_note}",
        None,
        false,
        OwnVendor,
    ),
    route(
        Method::GET,
        "/api/v1/invoices/{invoice}.{format}",
        None,
        false,
        OwnVendor,
    ),
    route(
        Method::GET,
        "/api/v1/credit-notes/{credit_note}.{format}",
        None,
        false,
        OwnVendor,
    ),
    route(
        Method::GET,
        "/api/v1/invoices/export?period=2026-10&format=xlsx",
        None,
        false,
        OwnVendor,
    ),
    route(
        Method::POST,
        "/api/v1/invoices/{invoice}/email",
        Some(recipients),
        true,
        Forbidden,
    ),
    route(
        Method::POST,
        "/api/v1/invoices/email",
        Some(period),
        true,
        Forbidden,
    ),
    route(Method::GET, "/api/v1/outbox", None, false, Forbidden),
    route(Method::GET, "/api/v1/outbox/{mail}", None, false, Forbidden),
    route(
        Method::POST,
        "/api/v1/outbox/{mail}/retry",
        None,
        true,
        Forbidden,
    ),
    route(
        Method::PUT,
        "/api/v1/tenant/profile",
        Some(profile),
        true,
        Forbidden,
    ),
    route(
        Method::POST,
        "/api/v1/billing/close",
        Some(period),
        true,
        Forbidden,
    ),
];

/// The routes anyone may call.
pub const PUBLIC: &[(Method, &str)] = &[
    (Method::GET, "/healthz"),
    (Method::GET, "/readyz"),
    (Method::GET, "/api/openapi.json"),
    (Method::POST, "/api/v1/signup"),
    (Method::POST, "/api/v1/auth/login"),
];

fn recipients() -> Value {
    json!({ "to": ["ap@shop.cn"], "language": "en" })
}

fn profile() -> Value {
    json!({ "legal_name": "杭州某某电子商务有限公司", "credit_code": CREDIT_CODES[5] })
}

fn new_user() -> Value {
    json!({ "email": "newcomer@shop.cn", "display_name": "新人", "password": "a long enough password", "role": "finance" })
}

fn rename() -> Value {
    json!({ "display_name": "改名" })
}

fn new_shop() -> Value {
    json!({ "platform": "tmall", "name": "某某旗舰店", "external_id": "tm-1" })
}

fn rename_shop() -> Value {
    json!({ "name": "某某专卖店" })
}

fn new_vendor() -> Value {
    vendor_body(CREDIT_CODES[5])
}

fn rename_vendor() -> Value {
    json!({ "legal_name": "改名后的外包公司" })
}

fn particulars() -> Value {
    vendor_body(CREDIT_CODES[0])
}

fn send_back() -> Value {
    json!({ "comment": "请补充开户行支行名称" })
}

fn new_key() -> Value {
    json!({ "name": "another feed" })
}

fn new_contract() -> Value {
    let plan = Plan::now();
    json!({ "number": "KF-NEW", "title": "新合同", "vendor_id": 1, "shop_ids": [1], "start": plan.start, "end": plan.end })
}

fn retitle() -> Value {
    json!({ "title": "改名后的合同" })
}

fn reason() -> Value {
    json!({ "reason": "双方协商" })
}

fn amendment() -> Value {
    json!({ "effective_from": Plan::now().third, "reason": "增加座席" })
}

fn commercial() -> Value {
    json!({ "payment": { "net_days": 45, "method": "bank_transfer" }, "tax_rate": "6",
            "scope": { "channels": ["online_chat"], "lines": ["after_sale"] } })
}

pub fn exclusion() -> Value {
    let plan = Plan::now();
    json!({ "from": plan.second, "to": plan.second, "category": "platform_outage", "note": "平台宕机" })
}

fn charge() -> Value {
    json!({ "kind": "fixed", "name": "管理费", "amount": "2000.00" })
}

fn clause() -> Value {
    json!({ "name": "满意度", "metric": "csat", "target": "90", "penalty": { "type": "fixed", "amount": "500.00" } })
}

fn phase() -> Value {
    let plan = Plan::now();
    json!({ "name": "新阶段", "start": plan.start, "end": plan.second, "channels": ["phone"], "inquiry_share": "10", "seats": 2 })
}

/// What the last two months would have billed.
fn last_months() -> Value {
    json!({ "last": 2 })
}

/// Last month, `YYYY-MM`.
/// Last month, as a body.
pub fn period() -> Value {
    json!({ "period": last_month() })
}

pub fn payment() -> Value {
    json!({ "paid_on": Plan::now().third, "amount": "1.00", "reference": "招商银行 0001" })
}

pub fn last_month() -> String {
    Plan::now().second.format("%Y-%m").to_string()
}

/// A day of last month, which is over.
fn last_month_day() -> chrono::NaiveDate {
    Plan::now().second + chrono::Days::new(3)
}

pub fn kpi_rows() -> Value {
    json!({ "rows": [{ "metric": "consultations", "day": last_month_day(), "numerator": 1200 }] })
}

pub fn incident() -> Value {
    let at = last_month_day().and_hms_opt(2, 0, 0).unwrap().and_utc();
    json!({ "severity": "critical", "category": "data_leak", "occurred_at": at,
            "description": "客服误将买家手机号发给他人" })
}

fn escalation() -> Value {
    let at = last_month_day().and_hms_opt(2, 20, 0).unwrap().and_utc();
    json!({ "escalated_at": at })
}

pub fn report() -> Value {
    json!({ "staffing": { "seats": 10, "agents": 12, "attrition_percent": "4.5" },
            "narrative": { "problems": "双11备战人手紧张", "actions": "增加两名兼职", "requests": "" } })
}

fn dispute() -> Value {
    json!({ "comments": [{ "metric": "consultations", "comment": "与平台数据不符" }] })
}

/// The objects of the first tenant that the placeholders stand for.
pub struct Objects {
    pub user: i64,
    pub shop: i64,
    pub vendor: i64,
    pub key: i64,
    pub contract: i64,
    pub charge: i64,
    pub clause: i64,
    pub phase: i64,
    pub version: i64,
    pub exclusion: i64,
    pub incident: i64,
    /// Last month, `YYYY-MM`: it has a report.
    pub period: String,
    /// Last month's invoice, issued.
    pub invoice: i64,
    pub credit_note: i64,
    /// A mail of that invoice in the outbox.
    pub mail: i64,
}

impl Objects {
    pub fn fill(&self, path: &str) -> String {
        path.replace("{user}", &self.user.to_string())
            .replace("{shop}", &self.shop.to_string())
            .replace("{vendor}", &self.vendor.to_string())
            .replace("{key}", &self.key.to_string())
            .replace("{contract}", &self.contract.to_string())
            .replace("{charge}", &self.charge.to_string())
            .replace("{clause}", &self.clause.to_string())
            .replace("{phase}", &self.phase.to_string())
            .replace("{version}", &self.version.to_string())
            .replace("{exclusion}", &self.exclusion.to_string())
            .replace("{incident}", &self.incident.to_string())
            .replace("{period}", &self.period)
            .replace("{invoice}", &self.invoice.to_string())
            .replace("{credit_note}", &self.credit_note.to_string())
            .replace("{mail}", &self.mail.to_string())
            .replace("{format}", "pdf")
            // A table comes as CSV or Excel only.
            .replace("{table}", "xlsx")
    }
}
