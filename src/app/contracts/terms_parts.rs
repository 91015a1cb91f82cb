//! The parts of a contract's terms: commercial conditions and liability terms
//! (one value each), charges, SLA clauses and handover phases (lists of parts
//! numbered inside the terms).
//!
//! Reads show the version being written (a draft, or an open amendment) or,
//! with none, the version in force today. Writes change the version being
//! written; a signed contract without an open amendment is a conflict.

use chrono::Utc;
use serde::Serialize;

use super::{audit, to_json};
use crate::app::{App, AppError, AppResult, AuthUser, Caller};
use crate::domain::message::msg;
use crate::domain::terms::{
    Charge, ChargeSpec, Commercial, Frame, Liability, Phase, PhaseSpec, SlaClause, SlaClauseSpec,
    Terms,
};
use crate::domain::violation::Violations;
use crate::domain::{ContractId, ContractStatus, Permission};
use crate::store::{self, DbConnection};

/// The terms a read shows: those being written, else those in force today.
fn current_terms(conn: &mut DbConnection, auth: &AuthUser, id: ContractId) -> AppResult<Terms> {
    let contract = store::contracts::get(conn, auth.scope, id)?;
    if let Some(editable) = store::terms::editable(conn, auth.tenant(), id)? {
        return Ok(editable.terms);
    }
    let today = contract.time_zone.today(Utc::now());
    let version = store::terms::in_force(conn, auth.tenant(), id, today)?;
    Ok(version.ok_or(AppError::NotFound)?.terms)
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
    change: impl FnOnce(&mut Terms, &Frame) -> AppResult<Edited<T>>,
) -> AppResult<T> {
    let contract = store::contracts::get(conn, auth.scope, id)?;
    let status = contract.status_today(Utc::now());
    if matches!(status, ContractStatus::Terminated | ContractStatus::Expired) {
        return Err(AppError::conflict(msg!(
            "error-terms-closed",
            status = status.word()
        )));
    }
    let version = store::terms::editable(conn, auth.tenant(), id)?
        .ok_or_else(|| AppError::conflict(msg!("error-terms-signed")))?;
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

/// A part that is one value of the terms: commercial conditions, liability terms.
pub trait SinglePart: Serialize + Clone + Send + 'static {
    /// As in audit actions: `commercial`, `liability`.
    const NAME: &'static str;
    fn of(terms: &mut Terms) -> &mut Self;
}

impl SinglePart for Commercial {
    const NAME: &'static str = "commercial";
    fn of(terms: &mut Terms) -> &mut Self {
        &mut terms.commercial
    }
}

impl SinglePart for Liability {
    const NAME: &'static str = "liability";
    fn of(terms: &mut Terms) -> &mut Self {
        &mut terms.liability
    }
}

/// The contract's part `S`.
pub async fn show_single<S: SinglePart>(app: &App, caller: Caller, id: ContractId) -> AppResult<S> {
    app.read(caller, Permission::ReadContracts, move |conn, auth| {
        Ok(S::of(&mut current_terms(conn, auth, id)?).clone())
    })
    .await
}

/// Replaces the contract's part `S` in the version being written.
pub async fn replace_single<S: SinglePart>(
    app: &App,
    caller: Caller,
    id: ContractId,
    value: S,
) -> AppResult<S> {
    app.write(caller, Permission::WriteContracts, move |conn, auth| {
        let action = format!("{}.replaced", S::NAME);
        edit(conn, auth, id, &action, |terms, _| {
            let slot = S::of(terms);
            let before = to_json(slot)?;
            *slot = value.clone();
            Ok(Edited {
                before: Some(before),
                after: Some(to_json(&value)?),
                value,
            })
        })
    })
    .await
}

/// A list of parts with ids inside the terms: charges, SLA clauses, phases.
pub trait Part: Serialize + Clone + Send + 'static {
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
) -> AppResult<()> {
    let mut v = Violations::default();
    P::check(spec, own, terms, frame, &mut v);
    Ok(v.into_result()?)
}

/// The contract's parts of kind `P`.
pub async fn list<P: Part>(app: &App, caller: Caller, id: ContractId) -> AppResult<Vec<P>> {
    app.read(caller, Permission::ReadContracts, move |conn, auth| {
        Ok(std::mem::take(P::all(&mut current_terms(conn, auth, id)?)))
    })
    .await
}

/// One of the contract's parts of kind `P`.
pub async fn show<P: Part>(app: &App, caller: Caller, id: ContractId, part: u32) -> AppResult<P> {
    app.read(caller, Permission::ReadContracts, move |conn, auth| {
        std::mem::take(P::all(&mut current_terms(conn, auth, id)?))
            .into_iter()
            .find(|p| p.id() == part)
            .ok_or(AppError::NotFound)
    })
    .await
}

/// Adds a part of kind `P` to the version being written.
pub async fn add<P: Part>(
    app: &App,
    caller: Caller,
    id: ContractId,
    spec: P::Spec,
) -> AppResult<P> {
    app.write(caller, Permission::WriteContracts, move |conn, auth| {
        let action = format!("{}.created", P::NAME);
        edit(conn, auth, id, &action, |terms, frame| {
            checked::<P>(&spec, None, terms, frame)?;
            let part = P::make(terms.take_id(), spec);
            P::all(terms).push(part.clone());
            Ok(Edited {
                after: Some(to_json(&part)?),
                value: part,
                before: None,
            })
        })
    })
    .await
}

/// Replaces part `part` of kind `P` in the version being written.
pub async fn replace<P: Part>(
    app: &App,
    caller: Caller,
    id: ContractId,
    part: u32,
    spec: P::Spec,
) -> AppResult<P> {
    app.write(caller, Permission::WriteContracts, move |conn, auth| {
        let action = format!("{}.replaced", P::NAME);
        edit(conn, auth, id, &action, |terms, frame| {
            checked::<P>(&spec, Some(part), terms, frame)?;
            let slot = P::all(terms)
                .iter_mut()
                .find(|p| p.id() == part)
                .ok_or(AppError::NotFound)?;
            let before = to_json(slot)?;
            *slot = P::make(part, spec);
            let after = slot.clone();
            Ok(Edited {
                before: Some(before),
                after: Some(to_json(&after)?),
                value: after,
            })
        })
    })
    .await
}

/// Removes part `part` of kind `P` from the version being written.
pub async fn remove<P: Part>(
    app: &App,
    caller: Caller,
    id: ContractId,
    part: u32,
) -> AppResult<()> {
    app.write(caller, Permission::WriteContracts, move |conn, auth| {
        let action = format!("{}.removed", P::NAME);
        edit(conn, auth, id, &action, |terms, _| {
            let parts = P::all(terms);
            let index = parts
                .iter()
                .position(|p| p.id() == part)
                .ok_or(AppError::NotFound)?;
            let removed = parts.remove(index);
            Ok(Edited {
                before: Some(to_json(&removed)?),
                after: None,
                value: (),
            })
        })
    })
    .await
}
