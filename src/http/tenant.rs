//! The tenant's own legal particulars: what its invoices print as the buyer.

use crate::domain::violation::Violations;
use actix_web::{put, web};
use serde::Deserialize;
use utoipa::ToSchema;

use super::error::{ApiError, Problem};
use super::extract::Caller;
use super::json::Json;
use super::session::TenantView;
use super::state::AppState;
use super::vendors::{BankBody, parse_bank};
use crate::domain::tenant::{ADDRESS_MAX, Profile};
use crate::domain::vendor::LEGAL_NAME_MAX;
use crate::domain::{CreditCode, Permission, text::parse_text};
use crate::store::{self, audit};

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

fn parse(body: &ProfileBody) -> Result<Profile, ApiError> {
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
    Ok(errors.finish(|| {
        Some(Profile {
            legal_name,
            credit_code,
            address,
            bank,
        })
    })?)
}

/// Sets the legal name, credit code, address and bank details printed as the
/// buyer on the tenant's invoices. Invoices issued before keep what they printed.
#[utoipa::path(put, path = "/api/v1/tenant/profile", tag = "session", security(("bearer" = [])), request_body = ProfileBody,
    responses((status = 200, body = TenantView), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 422, body = Problem)))]
#[put("/tenant/profile")]
pub async fn set_profile(
    state: web::Data<AppState>,
    caller: Caller,
    Json(body): Json<ProfileBody>,
) -> Result<web::Json<TenantView>, ApiError> {
    let profile = parse(&body)?;
    let tenant = state
        .write(caller, Permission::ManageTenant, move |conn, auth| {
            let tenant = store::tenants::set_profile(conn, auth.tenant(), &profile)?;
            let after = serde_json::to_value(TenantView::from(tenant.clone())).ok();
            let change = audit::Change {
                entity: "tenant",
                entity_id: tenant.id.get(),
                action: "tenant.profile_set",
                before: None,
                after: after.as_ref(),
            };
            audit::record(conn, auth.tenant(), auth.actor(), change)?;
            Ok(tenant)
        })
        .await?;
    Ok(web::Json(tenant.into()))
}
