//! The tenant (the merchant) as others see it, and its own legal particulars:
//! what its invoices print as the buyer.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::vendors::{BankBody, parse_bank};
use super::{App, AppResult, Caller};
use crate::domain::tenant::{ADDRESS_MAX, Profile};
use crate::domain::text::parse_text;
use crate::domain::vendor::LEGAL_NAME_MAX;
use crate::domain::violation::Violations;
use crate::domain::{CreditCode, Permission, Tenant};
use crate::store::{self, audit};

#[derive(Debug, Serialize, ToSchema)]
pub struct TenantView {
    pub id: i64,
    pub name: String,
    /// The registered company name printed as the buyer on invoices.
    pub legal_name: Option<String>,
    /// 统一社会信用代码.
    pub credit_code: Option<String>,
    pub address: Option<String>,
    pub bank: Option<BankBody>,
    pub created_at: DateTime<Utc>,
}

impl From<Tenant> for TenantView {
    fn from(tenant: Tenant) -> Self {
        let profile = tenant.profile;
        Self {
            id: tenant.id.get(),
            name: tenant.name,
            legal_name: profile.legal_name,
            credit_code: profile.credit_code.map(|c| c.to_string()),
            address: profile.address,
            bank: profile.bank.map(BankBody::from),
            created_at: tenant.created_at,
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProfileBody {
    /// The registered company name, when it differs from the tenant's name.
    pub legal_name: Option<String>,
    /// 统一社会信用代码: 18 characters with a valid check character.
    pub credit_code: Option<String>,
    pub address: Option<String>,
    pub bank: Option<BankBody>,
}

fn parse(body: &ProfileBody) -> Result<Profile, Violations> {
    let mut errors = Violations::default();
    let legal_name = body
        .legal_name
        .as_deref()
        .and_then(|raw| errors.check("legal_name", parse_text(raw, LEGAL_NAME_MAX)));
    let address = body
        .address
        .as_deref()
        .and_then(|raw| errors.check("address", parse_text(raw, ADDRESS_MAX)));
    let credit_code = body
        .credit_code
        .as_deref()
        .and_then(|raw| errors.check("credit_code", CreditCode::parse(raw)));
    let bank = body.bank.as_ref().and_then(|b| parse_bank(&mut errors, b));
    errors.finish(|| {
        Some(Profile {
            legal_name,
            credit_code,
            address,
            bank,
        })
    })
}

/// Sets the legal name, credit code, address and bank details printed as the
/// buyer on the tenant's invoices. Invoices issued before keep what they printed.
pub async fn set_profile(app: &App, caller: Caller, body: ProfileBody) -> AppResult<TenantView> {
    let profile = parse(&body)?;
    app.write(caller, Permission::ManageTenant, move |conn, auth| {
        let tenant = TenantView::from(store::tenants::set_profile(conn, auth.tenant(), &profile)?);
        let after = serde_json::to_value(&tenant).ok();
        let change = audit::Change {
            entity: "tenant",
            entity_id: tenant.id,
            action: "tenant.profile_set",
            before: None,
            after: after.as_ref(),
        };
        audit::record(conn, auth.tenant(), auth.actor(), change)?;
        Ok(tenant)
    })
    .await
}

/// The tenant's legal particulars as they stand, for those who set them.
pub async fn profile(app: &App, caller: Caller) -> AppResult<TenantView> {
    app.read(caller, Permission::ManageTenant, move |conn, auth| {
        Ok(store::tenants::get(conn, auth.tenant())?.into())
    })
    .await
}
