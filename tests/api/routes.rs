//! Every route kefu serves, in one place. A new route joins the isolation,
//! role and OpenAPI tests by being listed here.

use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{CREDIT_CODES, vendor_body};

/// What a vendor user (or API key) may do on a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VendorAccess {
    /// Allowed, on its own vendor's things only: another vendor's are 404.
    OwnVendor,
    /// Not for vendors at all: 403.
    Forbidden,
    /// Anyone signed in.
    Anyone,
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
];

/// The routes anyone may call.
pub const PUBLIC: &[(Method, &str)] = &[
    (Method::GET, "/healthz"),
    (Method::GET, "/readyz"),
    (Method::GET, "/api/openapi.json"),
    (Method::POST, "/api/v1/signup"),
    (Method::POST, "/api/v1/auth/login"),
];

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

fn new_key() -> Value {
    json!({ "name": "another feed" })
}

/// The objects of the first tenant that the placeholders stand for.
pub struct Objects {
    pub user: i64,
    pub shop: i64,
    pub vendor: i64,
    pub key: i64,
}

impl Objects {
    pub fn fill(&self, path: &str) -> String {
        path.replace("{user}", &self.user.to_string())
            .replace("{shop}", &self.shop.to_string())
            .replace("{vendor}", &self.vendor.to_string())
            .replace("{key}", &self.key.to_string())
    }
}
