//! Writes a new contract as a draft, with its first terms version.

use chrono::NaiveDate;
use serde::Deserialize;
use utoipa::ToSchema;

use super::{ContractView, audit, check_shops, to_json};
use crate::app::{App, AppError, AppResult, Caller};
use crate::domain::contract::{NUMBER_MAX, TITLE_MAX};
use crate::domain::message::msg;
use crate::domain::terms::{Commercial, Frame, Terms};
use crate::domain::text::parse_text;
use crate::domain::versions::TermsState;
use crate::domain::violation::Violations;
use crate::domain::{Currency, NewContract, Permission, TimeZone, VendorId, VendorStatus};
use crate::store::{self, StoreError, terms::NewVersion};

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewContractBody {
    /// Unique within the tenant, e.g. KF-2026-001.
    pub number: String,
    pub title: String,
    /// An active vendor of the tenant.
    pub vendor_id: i64,
    /// One or more of the tenant's shops.
    pub shop_ids: Vec<i64>,
    pub start: NaiveDate,
    /// Last day, inclusive.
    pub end: NaiveDate,
    /// ISO 4217; CNY when left out.
    pub currency: Option<String>,
    /// IANA; Asia/Shanghai when left out.
    pub time_zone: Option<String>,
    /// Payment terms, tax, rounding, scope, KPI source; sensible defaults when left out.
    pub commercial: Option<Commercial>,
}

/// Writes a new contract as a draft, with its first terms version.
pub async fn create(app: &App, caller: Caller, body: NewContractBody) -> AppResult<ContractView> {
    let mut errors = Violations::default();
    let number = errors.check("number", parse_text(&body.number, NUMBER_MAX));
    let title = errors.check("title", parse_text(&body.title, TITLE_MAX));
    let currency = errors.check(
        "currency",
        body.currency
            .as_deref()
            .map_or(Ok(Currency::CNY), Currency::parse),
    );
    let zone = errors.check(
        "time_zone",
        body.time_zone
            .as_deref()
            .map_or(Ok(TimeZone::SHANGHAI), TimeZone::parse),
    );
    if body.end < body.start {
        errors.add("end", msg!("error-not-before-start"));
    }
    let (number, title, currency, time_zone) =
        errors.finish(|| Some((number?, title?, currency?, zone?)))?;
    let commercial = body.commercial.unwrap_or_default();
    app.write(caller, Permission::WriteContracts, move |conn, auth| {
        let shop_ids = check_shops(conn, auth, &body.shop_ids)?;
        let vendor = VendorId::new(body.vendor_id);
        match store::vendors::get(conn, auth.scope, vendor) {
            Ok(v) if v.status == VendorStatus::Active => {}
            Ok(_) => {
                return Err(AppError::invalid(
                    "vendor_id",
                    msg!("error-vendor-not-active"),
                ));
            }
            Err(StoreError::NotFound) => {
                return Err(AppError::invalid("vendor_id", msg!("error-no-such-vendor")));
            }
            Err(other) => return Err(other.into()),
        }
        let new = NewContract {
            vendor_id: vendor,
            shop_ids,
            number,
            title,
            start: body.start,
            end: body.end,
            currency,
            time_zone,
        };
        let terms = Terms::new(commercial);
        let draft_frame = Frame {
            start: new.start,
            end: new.end,
            minor_digits: currency.minor_digits(),
        };
        terms.check(&draft_frame).into_result()?;
        let id = store::contracts::create(conn, auth.tenant(), &new, auth.user_id())?;
        let draft = NewVersion {
            state: TermsState::Draft,
            effective_from: Some(new.start),
            reason: None,
            correction: false,
            terms: &terms,
            created_by: auth.user_id(),
        };
        store::terms::add(conn, auth.tenant(), id, draft)?;
        let view = ContractView::from(store::contracts::get(conn, auth.scope, id)?);
        audit(
            conn,
            auth,
            id,
            "contract.created",
            None,
            Some(to_json(&view)?),
        )?;
        Ok(view)
    })
    .await
}
