//! What the pages of a contract's SLA clauses read in one go: the contract,
//! the terms they show (the version being written, else the one in force
//! today), whether a version is being written, and whether the caller may
//! write it.

use chrono::Utc;

use super::ContractView;
use crate::app::{App, AppError, AppResult, Caller};
use crate::domain::terms::Terms;
use crate::domain::versions::TermsState;
use crate::domain::{ContractId, Permission};
use crate::store;

#[derive(Debug)]
pub struct ClauseSheet {
    pub contract: ContractView,
    pub terms: Terms,
    /// The state of the version being written (a draft, or a pending
    /// amendment); `None` when the terms shown are those in force.
    pub writing: Option<TermsState>,
    /// The caller's role may write contracts.
    pub may_write: bool,
}

impl ClauseSheet {
    /// A change to the clauses would be taken now: a version is being
    /// written and the caller may write it.
    pub fn editable(&self) -> bool {
        self.may_write && self.writing.is_some()
    }
}

/// The contract and its terms as the clauses pages show them.
pub async fn clause_sheet(app: &App, caller: Caller, id: ContractId) -> AppResult<ClauseSheet> {
    app.read(caller, Permission::ReadContracts, move |conn, auth| {
        let contract = store::contracts::get(conn, auth.scope, id)?;
        let may_write = auth.role.may(Permission::WriteContracts);
        if let Some(version) = store::terms::editable(conn, auth.tenant(), id)? {
            return Ok(ClauseSheet {
                contract: contract.into(),
                terms: version.terms,
                writing: Some(version.state),
                may_write,
            });
        }
        let today = contract.time_zone.today(Utc::now());
        let version = store::terms::in_force(conn, auth.tenant(), id, today)?;
        let terms = version.ok_or(AppError::NotFound)?.terms;
        Ok(ClauseSheet {
            contract: contract.into(),
            terms,
            writing: None,
            may_write,
        })
    })
    .await
}
