//! The merchant and its people: signup, legal particulars, shops, the vendor,
//! and the colleagues who sign in.

use anyhow::{Context, bail};
use awc::http::Method;
use serde_json::json;

use super::api::{Api, id};
use super::{OWNER, PASSWORD, VENDOR};

const VENDOR_CREDIT_CODE: &str = "91310115MA1K3Y1X2W";
const TENANT_CREDIT_CODE: &str = "91330106MA27XL0B11";

/// The merchant: its owner, legal particulars, a Tmall and a JD shop, and its vendor.
pub(super) async fn merchant(api: &Api) -> anyhow::Result<(String, i64, [i64; 2])> {
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
pub(super) async fn person(
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
