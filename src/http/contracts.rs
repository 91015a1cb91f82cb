//! Contracts: the header, its life (activate, suspend, resume, terminate),
//! the terms as of a date, their history, and the audit log.

use crate::domain::violation::Violations;
use actix_web::{HttpResponse, get, patch, post, web};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::error::{ApiError, Problem};
use super::extract::{AuthUser, Caller};
use super::json::Json;
use super::page::{PageQuery, Paged};
use super::state::AppState;
use crate::app::contracts::{audit, to_json};
use crate::domain::audit::AuditEntry;
use crate::domain::contract::{NUMBER_MAX, TITLE_MAX};
use crate::domain::terms::{Commercial, Frame, Terms};
use crate::domain::versions::{TermsState, TermsVersion};
use crate::domain::{
    Contract, ContractId, ContractStatus, Currency, NewContract, Permission, ShopId, TimeZone,
    VendorId, VendorStatus, text::parse_text,
};
use crate::store::{self, DbConnection, StoreError, contracts::ContractFilter, terms::NewVersion};

#[derive(Debug, Serialize, ToSchema)]
pub struct ContractView {
    pub id: i64,
    pub number: String,
    pub title: String,
    pub vendor_id: i64,
    pub shop_ids: Vec<i64>,
    /// First day, inclusive.
    pub start: NaiveDate,
    /// Last day, inclusive.
    pub end: NaiveDate,
    pub currency: String,
    pub time_zone: String,
    /// Today's status: a running contract past its end reads `expired`.
    pub status: ContractStatus,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<Contract> for ContractView {
    fn from(contract: Contract) -> Self {
        Self {
            id: contract.id.get(),
            status: contract.status_today(Utc::now()),
            number: contract.number,
            title: contract.title,
            vendor_id: contract.vendor_id.get(),
            shop_ids: contract.shop_ids.iter().map(|s| s.get()).collect(),
            start: contract.start,
            end: contract.end,
            currency: contract.currency.to_string(),
            time_zone: contract.time_zone.name().to_owned(),
            created_at: contract.created_at,
            updated_at: contract.updated_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TermsVersionView {
    pub version: u32,
    pub state: TermsState,
    pub effective_from: Option<NaiveDate>,
    pub reason: Option<String>,
    pub correction: bool,
    pub created_by: Option<i64>,
    pub created_at: DateTime<Utc>,
    pub applied_by: Option<i64>,
    pub applied_at: Option<DateTime<Utc>>,
    pub terms: Terms,
}

impl From<TermsVersion> for TermsVersionView {
    fn from(v: TermsVersion) -> Self {
        Self {
            version: v.version,
            state: v.state,
            effective_from: v.effective_from,
            reason: v.reason,
            correction: v.correction,
            created_by: v.created_by.map(|u| u.get()),
            created_at: v.created_at,
            applied_by: v.applied_by.map(|u| u.get()),
            applied_at: v.applied_at,
            terms: v.terms,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AuditEntryView {
    pub id: i64,
    pub action: String,
    pub actor_user_id: Option<i64>,
    pub actor_api_key_id: Option<i64>,
    pub at: DateTime<Utc>,
    #[schema(value_type = Option<Object>)]
    pub before: Option<serde_json::Value>,
    #[schema(value_type = Option<Object>)]
    pub after: Option<serde_json::Value>,
}

impl From<AuditEntry> for AuditEntryView {
    fn from(e: AuditEntry) -> Self {
        Self {
            id: e.id,
            action: e.action,
            actor_user_id: e.actor_user_id.map(|u| u.get()),
            actor_api_key_id: e.actor_api_key_id.map(|k| k.get()),
            at: e.at,
            before: e.before,
            after: e.after,
        }
    }
}

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

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ContractPatch {
    pub number: Option<String>,
    pub title: Option<String>,
    pub shop_ids: Option<Vec<i64>>,
    /// Only while the contract is a draft.
    pub start: Option<NaiveDate>,
    /// Only while the contract is a draft.
    pub end: Option<NaiveDate>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReasonBody {
    /// Why: kept in the audit log.
    pub reason: String,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ContractQuery {
    pub status: Option<ContractStatus>,
    pub vendor_id: Option<i64>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AsOfQuery {
    /// The day to read the terms for; today (in the contract's zone) when left out.
    pub as_of: Option<NaiveDate>,
}

fn check_shops(
    conn: &mut DbConnection,
    auth: &AuthUser,
    shops: &[i64],
) -> Result<Vec<ShopId>, ApiError> {
    let mut errors = Violations::default();
    if shops.is_empty() {
        errors.add("shop_ids", "name at least one shop");
    }
    for (i, id) in shops.iter().enumerate() {
        if shops[..i].contains(id) {
            errors.add(format!("shop_ids[{i}]"), "named twice");
        } else if let Err(error) = store::shops::get(conn, auth.tenant(), ShopId::new(*id)) {
            match error {
                StoreError::NotFound => errors.add(format!("shop_ids[{i}]"), "no such shop"),
                other => return Err(other.into()),
            }
        }
    }
    Ok(errors.finish(|| Some(shops.iter().map(|id| ShopId::new(*id)).collect()))?)
}

/// Lists contracts; a vendor user sees only its vendor's.
#[utoipa::path(get, path = "/api/v1/contracts", tag = "contracts", security(("bearer" = [])),
    params(ContractQuery, PageQuery),
    responses((status = 200, body = Paged<ContractView>), (status = 401, body = Problem)))]
#[get("/contracts")]
pub async fn list(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<ContractQuery>,
    paging: web::Query<PageQuery>,
) -> Result<web::Json<Paged<ContractView>>, ApiError> {
    let page = paging.page()?;
    let filter = ContractFilter {
        status: query.status,
        vendor: query.vendor_id.map(VendorId::new),
    };
    let contracts = state
        .read(caller, Permission::ReadContracts, move |conn, auth| {
            Ok(store::contracts::list(conn, auth.scope, filter, page)?)
        })
        .await?;
    let views = contracts.into_iter().map(ContractView::from).collect();
    Ok(web::Json(Paged::new(views, page, |c: &ContractView| c.id)))
}

/// Writes a new contract as a draft, with its first terms version.
#[utoipa::path(post, path = "/api/v1/contracts", tag = "contracts", security(("bearer" = [])),
    request_body = NewContractBody,
    responses((status = 201, body = ContractView), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 409, description = "The number is taken", body = Problem), (status = 422, body = Problem)))]
#[post("/contracts")]
pub async fn create(
    state: web::Data<AppState>,
    caller: Caller,
    Json(body): Json<NewContractBody>,
) -> Result<HttpResponse, ApiError> {
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
        errors.add("end", "must not be before 'start'");
    }
    let (number, title, currency, time_zone) =
        errors.finish(|| Some((number?, title?, currency?, zone?)))?;
    let commercial = body.commercial.unwrap_or_default();
    let contract = state
        .write(caller, Permission::WriteContracts, move |conn, auth| {
            let shop_ids = check_shops(conn, auth, &body.shop_ids)?;
            let vendor = VendorId::new(body.vendor_id);
            match store::vendors::get(conn, auth.scope, vendor) {
                Ok(v) if v.status == VendorStatus::Active => {}
                Ok(_) => return Err(ApiError::invalid("vendor_id", "the vendor is not active")),
                Err(StoreError::NotFound) => {
                    return Err(ApiError::invalid("vendor_id", "no such vendor"));
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
            let contract = store::contracts::get(conn, auth.scope, id)?;
            audit(
                conn,
                auth,
                id,
                "contract.created",
                None,
                Some(to_json(&ContractView::from(contract.clone()))?),
            )?;
            Ok(contract)
        })
        .await?;
    Ok(HttpResponse::Created().json(ContractView::from(contract)))
}

/// One contract.
#[utoipa::path(get, path = "/api/v1/contracts/{id}", tag = "contracts", security(("bearer" = [])),
    responses((status = 200, body = ContractView), (status = 401, body = Problem), (status = 404, body = Problem)))]
#[get("/contracts/{id}")]
pub async fn show(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<i64>,
) -> Result<web::Json<ContractView>, ApiError> {
    let id = ContractId::new(id.into_inner());
    let contract = state
        .read(caller, Permission::ReadContracts, move |conn, auth| {
            Ok(store::contracts::get(conn, auth.scope, id)?)
        })
        .await?;
    Ok(web::Json(contract.into()))
}

/// Changes the header: number, title, shops; dates only while a draft.
#[utoipa::path(patch, path = "/api/v1/contracts/{id}", tag = "contracts", security(("bearer" = [])),
    request_body = ContractPatch,
    responses((status = 200, body = ContractView), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
#[patch("/contracts/{id}")]
pub async fn update(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<i64>,
    Json(body): Json<ContractPatch>,
) -> Result<web::Json<ContractView>, ApiError> {
    let id = ContractId::new(id.into_inner());
    let mut errors = Violations::default();
    let number = body
        .number
        .as_deref()
        .map(|n| errors.check("number", parse_text(n, NUMBER_MAX)));
    let title = body
        .title
        .as_deref()
        .map(|t| errors.check("title", parse_text(t, TITLE_MAX)));
    let (number, title) = errors.finish(|| Some((number.flatten(), title.flatten())))?;
    let contract = state
        .write(caller, Permission::WriteContracts, move |conn, auth| {
            let mut contract = store::contracts::get(conn, auth.scope, id)?;
            let before = to_json(&ContractView::from(contract.clone()))?;
            let dates_change = body.start.is_some() || body.end.is_some();
            if dates_change && contract.status != ContractStatus::Draft {
                return Err(ApiError::Conflict {
                    field: Some("start".into()),
                    message: "the dates of a signed contract change by amendment, not by edit"
                        .into(),
                });
            }
            if let Some(shops) = &body.shop_ids {
                contract.shop_ids = check_shops(conn, auth, shops)?;
            }
            contract.number = number.unwrap_or(contract.number);
            contract.title = title.unwrap_or(contract.title);
            contract.start = body.start.unwrap_or(contract.start);
            contract.end = body.end.unwrap_or(contract.end);
            if contract.end < contract.start {
                return Err(ApiError::invalid("end", "must not be before 'start'"));
            }
            if dates_change {
                // The draft terms must still fit the new dates.
                let draft =
                    store::terms::editable(conn, auth.tenant(), id)?.ok_or(ApiError::NotFound)?;
                draft.terms.check(&Frame::of(&contract)).into_result()?;
            }
            store::contracts::save(conn, &contract)?;
            let contract = store::contracts::get(conn, auth.scope, id)?;
            let after = to_json(&ContractView::from(contract.clone()))?;
            audit(
                conn,
                auth,
                id,
                "contract.updated",
                Some(before),
                Some(after),
            )?;
            Ok(contract)
        })
        .await?;
    Ok(web::Json(contract.into()))
}

/// The terms in force on a day (a draft's terms while it is a draft).
#[utoipa::path(get, path = "/api/v1/contracts/{id}/terms", tag = "contracts", security(("bearer" = [])),
    params(AsOfQuery),
    responses((status = 200, body = TermsVersionView), (status = 401, body = Problem),
        (status = 404, description = "No such contract, or no terms in force that day", body = Problem)))]
#[get("/contracts/{id}/terms")]
pub async fn terms_as_of(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<i64>,
    query: web::Query<AsOfQuery>,
) -> Result<web::Json<TermsVersionView>, ApiError> {
    let id = ContractId::new(id.into_inner());
    let as_of = query.as_of;
    let version = state
        .read(caller, Permission::ReadContracts, move |conn, auth| {
            let contract = store::contracts::get(conn, auth.scope, id)?;
            if contract.status == ContractStatus::Draft {
                return store::terms::editable(conn, auth.tenant(), id)?.ok_or(ApiError::NotFound);
            }
            let day = as_of.unwrap_or_else(|| contract.time_zone.today(Utc::now()));
            if !contract.covers(day) {
                // Outside the contract's dates no terms are in force.
                return Err(ApiError::NotFound);
            }
            store::terms::in_force(conn, auth.tenant(), id, day)?.ok_or(ApiError::NotFound)
        })
        .await?;
    Ok(web::Json(version.into()))
}

/// Every version of the terms, oldest first: drafts, amendments, what is in force.
#[utoipa::path(get, path = "/api/v1/contracts/{id}/terms/versions", tag = "contracts", security(("bearer" = [])),
    responses((status = 200, body = Vec<TermsVersionView>), (status = 401, body = Problem), (status = 404, body = Problem)))]
#[get("/contracts/{id}/terms/versions")]
pub async fn versions(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<i64>,
) -> Result<web::Json<Vec<TermsVersionView>>, ApiError> {
    let id = ContractId::new(id.into_inner());
    let versions = state
        .read(caller, Permission::ReadContracts, move |conn, auth| {
            store::contracts::get(conn, auth.scope, id)?;
            Ok(store::terms::history(conn, auth.tenant(), id)?)
        })
        .await?;
    Ok(web::Json(
        versions.into_iter().map(TermsVersionView::from).collect(),
    ))
}

/// Who changed what in the contract and its terms, and when, oldest first.
#[utoipa::path(get, path = "/api/v1/contracts/{id}/audit", tag = "contracts", security(("bearer" = [])),
    params(PageQuery),
    responses((status = 200, body = Paged<AuditEntryView>), (status = 401, body = Problem), (status = 404, body = Problem)))]
#[get("/contracts/{id}/audit")]
pub async fn audit_log(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<i64>,
    paging: web::Query<PageQuery>,
) -> Result<web::Json<Paged<AuditEntryView>>, ApiError> {
    let id = ContractId::new(id.into_inner());
    let page = paging.page()?;
    let entries = state
        .read(caller, Permission::ReadContracts, move |conn, auth| {
            store::contracts::get(conn, auth.scope, id)?;
            Ok(store::audit::list(
                conn,
                auth.tenant(),
                "contract",
                id.get(),
                page,
            )?)
        })
        .await?;
    let views = entries.into_iter().map(AuditEntryView::from).collect();
    Ok(web::Json(Paged::new(views, page, |e: &AuditEntryView| {
        e.id
    })))
}
