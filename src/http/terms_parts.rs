//! The parts of a contract's terms, each with its own routes: commercial
//! conditions, charges, SLA clauses, liability terms, handover phases.
//!
//! Reads show the version being written (a draft, or an open amendment) or,
//! with none, the version in force today. Writes change the version being
//! written; a signed contract without an open amendment answers 409.

use actix_web::{HttpResponse, delete, get, post, put, web};
use chrono::Utc;
use serde::Serialize;

use super::error::{ApiError, Problem};
use super::extract::{AuthUser, Caller};
use super::json::Json;
use super::state::AppState;
use crate::app::contracts::{audit, to_json};
use crate::domain::terms::{
    Charge, ChargeSpec, Commercial, Frame, Liability, Phase, PhaseSpec, SlaClause, SlaClauseSpec,
    Terms,
};
use crate::domain::violation::Violations;
use crate::domain::{ContractId, ContractStatus, Permission};
use crate::store::{self, DbConnection};

/// The terms a read shows: those being written, else those in force today.
fn current_terms(
    conn: &mut DbConnection,
    auth: &AuthUser,
    id: ContractId,
) -> Result<Terms, ApiError> {
    let contract = store::contracts::get(conn, auth.scope, id)?;
    if let Some(editable) = store::terms::editable(conn, auth.tenant(), id)? {
        return Ok(editable.terms);
    }
    let today = contract.time_zone.today(Utc::now());
    let version = store::terms::in_force(conn, auth.tenant(), id, today)?;
    Ok(version.ok_or(ApiError::NotFound)?.terms)
}

/// What an edit did: its answer, and the part before and after for the audit log.
struct Edited<T> {
    value: T,
    before: Option<serde_json::Value>,
    after: Option<serde_json::Value>,
}

/// Applies `change` to the version being written, checks the whole terms again
/// (a change may break a reference elsewhere), saves and audits it.
fn edit<T>(
    conn: &mut DbConnection,
    auth: &AuthUser,
    id: ContractId,
    action: &str,
    change: impl FnOnce(&mut Terms, &Frame) -> Result<Edited<T>, ApiError>,
) -> Result<T, ApiError> {
    let contract = store::contracts::get(conn, auth.scope, id)?;
    let status = contract.status_today(Utc::now());
    if matches!(status, ContractStatus::Terminated | ContractStatus::Expired) {
        return Err(ApiError::conflict(format!(
            "the contract is {status}: its terms no longer change"
        )));
    }
    let version = store::terms::editable(conn, auth.tenant(), id)?.ok_or_else(|| {
        ApiError::conflict("the contract is signed: open an amendment (POST /contracts/{id}/amendments) to change its terms")
    })?;
    let frame = Frame::of(&contract);
    let mut terms = version.terms.clone();
    let edited = change(&mut terms, &frame)?;
    // The handover plan reads in date order, however its phases were added.
    terms.phases.sort_by_key(|p| p.spec.start);
    terms.check(&frame).into_result()?;
    store::terms::save_body(conn, auth.tenant(), id, &version, &terms)?;
    audit(conn, auth, id, action, edited.before, edited.after)?;
    Ok(edited.value)
}

/// A list of parts with ids inside the terms: charges, SLA clauses, phases.
trait Part: Serialize + Clone + Send + 'static {
    type Spec: Serialize + Send + 'static;
    /// As in audit actions: `charge`, `sla_clause`, `phase`.
    const NAME: &'static str;
    fn make(id: u32, spec: Self::Spec) -> Self;
    fn id(&self) -> u32;
    fn all(terms: &mut Terms) -> &mut Vec<Self>;
    /// The rules of the part on its own, with paths relative to the request body;
    /// `own` is the part's id when it replaces one.
    fn check(spec: &Self::Spec, own: Option<u32>, terms: &Terms, frame: &Frame, v: &mut Violations);
}

/// Implements [`Part`] for a part type, its spec, its name, its list in the terms and its rules.
macro_rules! part {
    ($part:ident, $spec:ty, $name:literal, $list:ident, |$s:ident, $o:ident, $t:ident, $f:ident, $v:ident| $check:expr) => {
        impl Part for $part {
            type Spec = $spec;
            const NAME: &'static str = $name;
            fn make(id: u32, spec: $spec) -> Self {
                $part { id, spec }
            }
            fn id(&self) -> u32 {
                self.id
            }
            fn all(terms: &mut Terms) -> &mut Vec<Self> {
                &mut terms.$list
            }
            fn check($s: &$spec, $o: Option<u32>, $t: &Terms, $f: &Frame, $v: &mut Violations) {
                $check
            }
        }
    };
}

part!(
    Charge,
    ChargeSpec,
    "charge",
    charges,
    |spec, _own, terms, frame, v| spec.check("", terms, frame, v)
);
part!(
    SlaClause,
    SlaClauseSpec,
    "sla_clause",
    sla_clauses,
    |spec, _own, terms, frame, v| spec.check("", terms, frame, v)
);
part!(
    Phase,
    PhaseSpec,
    "phase",
    phases,
    |spec, own, terms, frame, v| {
        spec.check("", frame, v);
        spec.check_against(
            terms.phases.iter().filter(|p| Some(p.id) != own),
            "start",
            v,
        );
    }
);

/// The rules of a part on its own, every broken one a field error of the body.
fn checked<P: Part>(
    spec: &P::Spec,
    own: Option<u32>,
    terms: &Terms,
    frame: &Frame,
) -> Result<(), ApiError> {
    let mut v = Violations::default();
    P::check(spec, own, terms, frame, &mut v);
    Ok(v.into_result()?)
}

async fn list_parts<P: Part>(
    state: &AppState,
    caller: Caller,
    id: i64,
) -> Result<Vec<P>, ApiError> {
    let id = ContractId::new(id);
    state
        .read(caller, Permission::ReadContracts, move |conn, auth| {
            let mut terms = current_terms(conn, auth, id)?;
            Ok(P::all(&mut terms).clone())
        })
        .await
}

async fn show_part<P: Part>(
    state: &AppState,
    caller: Caller,
    id: i64,
    part: u32,
) -> Result<P, ApiError> {
    let parts: Vec<P> = list_parts(state, caller, id).await?;
    parts
        .into_iter()
        .find(|p| p.id() == part)
        .ok_or(ApiError::NotFound)
}

async fn add_part<P: Part>(
    state: &AppState,
    caller: Caller,
    id: i64,
    spec: P::Spec,
) -> Result<P, ApiError> {
    let id = ContractId::new(id);
    state
        .write(caller, Permission::WriteContracts, move |conn, auth| {
            edit(
                conn,
                auth,
                id,
                &format!("{}.created", P::NAME),
                |terms, frame| {
                    checked::<P>(&spec, None, terms, frame)?;
                    let part = P::make(terms.take_id(), spec);
                    P::all(terms).push(part.clone());
                    Ok(Edited {
                        after: Some(to_json(&part)?),
                        value: part,
                        before: None,
                    })
                },
            )
        })
        .await
}

async fn replace_part<P: Part>(
    state: &AppState,
    caller: Caller,
    id: i64,
    part: u32,
    spec: P::Spec,
) -> Result<P, ApiError> {
    let id = ContractId::new(id);
    state
        .write(caller, Permission::WriteContracts, move |conn, auth| {
            edit(
                conn,
                auth,
                id,
                &format!("{}.replaced", P::NAME),
                |terms, frame| {
                    checked::<P>(&spec, Some(part), terms, frame)?;
                    let slot = P::all(terms)
                        .iter_mut()
                        .find(|p| p.id() == part)
                        .ok_or(ApiError::NotFound)?;
                    let before = to_json(slot)?;
                    *slot = P::make(part, spec);
                    let after = slot.clone();
                    Ok(Edited {
                        before: Some(before),
                        after: Some(to_json(&after)?),
                        value: after,
                    })
                },
            )
        })
        .await
}

async fn remove_part<P: Part>(
    state: &AppState,
    caller: Caller,
    id: i64,
    part: u32,
) -> Result<(), ApiError> {
    let id = ContractId::new(id);
    state
        .write(caller, Permission::WriteContracts, move |conn, auth| {
            edit(
                conn,
                auth,
                id,
                &format!("{}.removed", P::NAME),
                |terms, _| {
                    let parts = P::all(terms);
                    let index = parts
                        .iter()
                        .position(|p| p.id() == part)
                        .ok_or(ApiError::NotFound)?;
                    let removed = parts.remove(index);
                    Ok(Edited {
                        before: Some(to_json(&removed)?),
                        after: None,
                        value: (),
                    })
                },
            )
        })
        .await
}

/// Declares the five routes of a list of parts, documented for OpenAPI.
macro_rules! part_routes {
    ($part:ty, $spec:ty, $tag:literal, $list_path:literal, $item_path:literal, $doc_list:literal, $doc_item:literal,
     $list:ident, $add:ident, $show:ident, $replace:ident, $remove:ident) => {
        #[doc = concat!("Lists the contract's ", $tag, ".")]
        #[utoipa::path(get, path = $doc_list, tag = "contract terms",
            security(("bearer" = [])),
            responses((status = 200, body = Vec<$part>), (status = 401, body = Problem), (status = 404, body = Problem)))]
        #[get($list_path)]
        pub async fn $list(state: web::Data<AppState>, caller: Caller, id: web::Path<i64>) -> Result<web::Json<Vec<$part>>, ApiError> {
            Ok(web::Json(list_parts::<$part>(&state, caller, id.into_inner()).await?))
        }

        #[doc = concat!("Adds one of the contract's ", $tag, " to the version being written.")]
        #[utoipa::path(post, path = $doc_list, tag = "contract terms",
            security(("bearer" = [])), request_body = $spec,
            responses((status = 201, body = $part), (status = 401, body = Problem), (status = 403, body = Problem),
                (status = 404, body = Problem), (status = 409, description = "Signed, with no amendment open", body = Problem),
                (status = 422, body = Problem)))]
        #[post($list_path)]
        pub async fn $add(
            state: web::Data<AppState>,
            caller: Caller,
            id: web::Path<i64>,
            Json(spec): Json<$spec>,
        ) -> Result<HttpResponse, ApiError> {
            let part = add_part::<$part>(&state, caller, id.into_inner(), spec).await?;
            Ok(HttpResponse::Created().json(part))
        }

        #[doc = concat!("One of the contract's ", $tag, ".")]
        #[utoipa::path(get, path = $doc_item, tag = "contract terms",
            security(("bearer" = [])),
            responses((status = 200, body = $part), (status = 401, body = Problem), (status = 404, body = Problem)))]
        #[get($item_path)]
        pub async fn $show(
            state: web::Data<AppState>,
            caller: Caller,
            path: web::Path<(i64, u32)>,
        ) -> Result<web::Json<$part>, ApiError> {
            let (id, part) = path.into_inner();
            Ok(web::Json(show_part::<$part>(&state, caller, id, part).await?))
        }

        #[doc = concat!("Replaces one of the contract's ", $tag, " in the version being written.")]
        #[utoipa::path(put, path = $doc_item, tag = "contract terms",
            security(("bearer" = [])), request_body = $spec,
            responses((status = 200, body = $part), (status = 401, body = Problem), (status = 403, body = Problem),
                (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
        #[put($item_path)]
        pub async fn $replace(
            state: web::Data<AppState>,
            caller: Caller,
            path: web::Path<(i64, u32)>,
            Json(spec): Json<$spec>,
        ) -> Result<web::Json<$part>, ApiError> {
            let (id, part) = path.into_inner();
            Ok(web::Json(replace_part::<$part>(&state, caller, id, part, spec).await?))
        }

        #[doc = concat!("Removes one of the contract's ", $tag, " from the version being written.")]
        #[utoipa::path(delete, path = $doc_item, tag = "contract terms",
            security(("bearer" = [])),
            responses((status = 204), (status = 401, body = Problem), (status = 403, body = Problem),
                (status = 404, body = Problem), (status = 409, body = Problem),
                (status = 422, description = "Something else in the terms refers to it", body = Problem)))]
        #[delete($item_path)]
        pub async fn $remove(
            state: web::Data<AppState>,
            caller: Caller,
            path: web::Path<(i64, u32)>,
        ) -> Result<HttpResponse, ApiError> {
            let (id, part) = path.into_inner();
            remove_part::<$part>(&state, caller, id, part).await?;
            Ok(HttpResponse::NoContent().finish())
        }
    };
}

part_routes!(
    Charge,
    ChargeSpec,
    "charges",
    "/contracts/{id}/charges",
    "/contracts/{id}/charges/{part}",
    "/api/v1/contracts/{id}/charges",
    "/api/v1/contracts/{id}/charges/{part}",
    list_charges,
    add_charge,
    show_charge,
    replace_charge,
    remove_charge
);
part_routes!(
    SlaClause,
    SlaClauseSpec,
    "SLA clauses",
    "/contracts/{id}/sla-clauses",
    "/contracts/{id}/sla-clauses/{part}",
    "/api/v1/contracts/{id}/sla-clauses",
    "/api/v1/contracts/{id}/sla-clauses/{part}",
    list_sla_clauses,
    add_sla_clause,
    show_sla_clause,
    replace_sla_clause,
    remove_sla_clause
);
part_routes!(
    Phase,
    PhaseSpec,
    "handover phases",
    "/contracts/{id}/phases",
    "/contracts/{id}/phases/{part}",
    "/api/v1/contracts/{id}/phases",
    "/api/v1/contracts/{id}/phases/{part}",
    list_phases,
    add_phase,
    show_phase,
    replace_phase,
    remove_phase
);

/// Declares the read and replace routes of a part that is one value.
macro_rules! single_routes {
    ($ty:ty, $tag:literal, $path:literal, $doc_path:literal, $field:ident, $get:ident, $put:ident) => {
        #[doc = concat!("The contract's ", $tag, ".")]
        #[utoipa::path(get, path = $doc_path, tag = "contract terms",
            security(("bearer" = [])),
            responses((status = 200, body = $ty), (status = 401, body = Problem), (status = 404, body = Problem)))]
        #[get($path)]
        pub async fn $get(state: web::Data<AppState>, caller: Caller, id: web::Path<i64>) -> Result<web::Json<$ty>, ApiError> {
            let id = ContractId::new(id.into_inner());
            let value = state
                .read(caller, Permission::ReadContracts, move |conn, auth| Ok(current_terms(conn, auth, id)?.$field))
                .await?;
            Ok(web::Json(value))
        }

        #[doc = concat!("Replaces the contract's ", $tag, " in the version being written.")]
        #[utoipa::path(put, path = $doc_path, tag = "contract terms",
            security(("bearer" = [])), request_body = $ty,
            responses((status = 200, body = $ty), (status = 401, body = Problem), (status = 403, body = Problem),
                (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
        #[put($path)]
        pub async fn $put(
            state: web::Data<AppState>,
            caller: Caller,
            id: web::Path<i64>,
            Json(value): Json<$ty>,
        ) -> Result<web::Json<$ty>, ApiError> {
            let id = ContractId::new(id.into_inner());
            let value = state
                .write(caller, Permission::WriteContracts, move |conn, auth| {
                    edit(conn, auth, id, concat!(stringify!($field), ".replaced"), |terms, _| {
                        let before = to_json(&terms.$field)?;
                        terms.$field = value.clone();
                        Ok(Edited { before: Some(before), after: Some(to_json(&value)?), value })
                    })
                })
                .await?;
            Ok(web::Json(value))
        }
    };
}

single_routes!(
    Liability,
    "liability terms",
    "/contracts/{id}/liability",
    "/api/v1/contracts/{id}/liability",
    liability,
    show_liability,
    replace_liability
);
single_routes!(
    Commercial,
    "commercial conditions",
    "/contracts/{id}/commercial",
    "/api/v1/contracts/{id}/commercial",
    commercial,
    show_commercial,
    replace_commercial
);
