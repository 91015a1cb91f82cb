//! `kefu demo`: a merchant, its vendor and three months of their business,
//! written through kefu's own API on the running server, so that everything
//! a newcomer sees went through the same rules as real requests.

mod api;
mod contract;
pub mod figures;
mod merchant;
mod months;

use anyhow::Context;
use chrono::NaiveDate;
use serde_json::{Value, json};

use api::{Api, id};
use contract::contract;
use figures::Calendar;
use merchant::{merchant, person};
use months::{incidents, reports};

/// Everyone's demo password.
pub const PASSWORD: &str = "kefu-demo-2026";
pub const OWNER: &str = "owner@demo-shop.cn";
pub const FINANCE: &str = "finance@demo-shop.cn";
pub const VENDOR: &str = "manager@demo-vendor.cn";

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

/// Creates the demo tenant and its three months through the server at `base`,
/// or, when an earlier run made it (`made_before`), shows it as it stands.
pub async fn seed(base: &str, today: NaiveDate, made_before: bool) -> anyhow::Result<Seeded> {
    let api = Api::new(base);
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
