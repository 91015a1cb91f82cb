//! A contract as its overview shows it: the header, the parties by name, the
//! terms a reader sees (those being written, else those in force) and whether
//! its terms can be written now — a draft, an open amendment, or neither.

use chrono::{NaiveDate, Utc};

use super::ContractView;
use crate::app::{App, AppResult, Caller};
use crate::domain::terms::Terms;
use crate::domain::versions::TermsState;
use crate::domain::{ContractId, ContractStatus, Permission};
use crate::store::{self, StoreError};

/// Where the writing of a contract's terms stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Writing {
    /// A draft contract: its terms are written in place.
    Draft,
    /// A signed contract with an amendment open: edits go to it.
    Amendment {
        version: u32,
        effective_from: Option<NaiveDate>,
        reason: Option<String>,
    },
    /// Signed, no amendment open: an amendment must be opened first.
    Signed,
    /// Terminated or expired: the terms are closed.
    Closed,
}

impl Writing {
    /// Whether an edit of the terms would be taken now.
    pub fn open(&self) -> bool {
        matches!(self, Writing::Draft | Writing::Amendment { .. })
    }
}

#[derive(Debug)]
pub struct ContractOverview {
    pub contract: ContractView,
    /// The vendor's legal name.
    pub vendor: String,
    /// The shops' names, in the contract's order.
    pub shops: Vec<String>,
    /// The terms being written, else those in force today, else the latest
    /// applied (a contract not yet begun, or ended).
    pub terms: Option<Terms>,
    pub writing: Writing,
}

/// A contract with its parties, its terms and where their writing stands.
pub async fn overview(app: &App, caller: Caller, id: ContractId) -> AppResult<ContractOverview> {
    app.read(caller, Permission::ReadContracts, move |conn, auth| {
        let contract = store::contracts::get(conn, auth.scope, id)?;
        let status = contract.status_today(Utc::now());
        let vendor = match store::vendors::get(conn, auth.scope, contract.vendor_id) {
            Ok(v) => v.legal_name,
            Err(StoreError::NotFound) => String::new(),
            Err(other) => return Err(other.into()),
        };
        let mut shops = Vec::with_capacity(contract.shop_ids.len());
        for shop in &contract.shop_ids {
            match store::shops::get(conn, auth.tenant(), *shop) {
                Ok(s) => shops.push(s.name),
                Err(StoreError::NotFound) => {}
                Err(other) => return Err(other.into()),
            }
        }
        let editable = store::terms::editable(conn, auth.tenant(), id)?;
        let closed = matches!(status, ContractStatus::Terminated | ContractStatus::Expired);
        let writing = match &editable {
            _ if closed => Writing::Closed,
            Some(v) if v.state == TermsState::Pending => Writing::Amendment {
                version: v.version,
                effective_from: v.effective_from,
                reason: v.reason.clone(),
            },
            Some(_) => Writing::Draft,
            None => Writing::Signed,
        };
        let terms = match editable {
            Some(v) if !closed => Some(v.terms),
            _ => {
                let today = contract.time_zone.today(Utc::now());
                match store::terms::in_force(conn, auth.tenant(), id, today)? {
                    Some(v) => Some(v.terms),
                    None => store::terms::history(conn, auth.tenant(), id)?
                        .into_iter()
                        .rfind(|v| v.state == TermsState::InForce || v.state == TermsState::Draft)
                        .map(|v| v.terms),
                }
            }
        };
        Ok(ContractOverview {
            contract: contract.into(),
            vendor,
            shops,
            terms,
            writing,
        })
    })
    .await
}
