//! A contract's audit trail as people read it: each entry with the name of
//! who made it, a page at a time.

use std::collections::HashMap;

use super::AuditEntryView;
use crate::app::{App, AppResult, Caller};
use crate::domain::{ContractId, Permission, UserId};
use crate::store::{self, Page, StoreError};

pub struct TrailEntry {
    pub entry: AuditEntryView,
    /// The name of the user who made it (none for an API key, or a user since removed).
    pub actor: Option<String>,
}

pub struct Trail {
    /// Oldest first.
    pub entries: Vec<TrailEntry>,
    /// The cursor of the next page, when there is one.
    pub next: Option<i64>,
}

/// A page of the contract's audit trail: the entries after `page.after`.
pub async fn trail(app: &App, caller: Caller, id: ContractId, page: Page) -> AppResult<Trail> {
    app.read(caller, Permission::ReadContracts, move |conn, auth| {
        store::contracts::get(conn, auth.scope, id)?;
        let mut entries = store::audit::list(conn, auth.tenant(), "contract", id.get(), page)?;
        let more = entries.len() > usize::try_from(page.limit).unwrap_or(usize::MAX);
        entries.truncate(usize::try_from(page.limit).unwrap_or(usize::MAX));
        let mut names: HashMap<i64, Option<String>> = HashMap::new();
        let mut shown = Vec::with_capacity(entries.len());
        for entry in entries {
            let entry = AuditEntryView::from(entry);
            let actor = match entry.actor_user_id {
                Some(user) => match names.get(&user) {
                    Some(name) => name.clone(),
                    None => {
                        let name = match store::users::get(conn, auth.tenant(), UserId::new(user)) {
                            Ok(found) => Some(found.display_name),
                            Err(StoreError::NotFound) => None,
                            Err(other) => return Err(other.into()),
                        };
                        names.insert(user, name.clone());
                        name
                    }
                },
                None => None,
            };
            shown.push(TrailEntry { entry, actor });
        }
        let next = more.then(|| shown.last().map(|e| e.entry.id)).flatten();
        Ok(Trail {
            entries: shown,
            next,
        })
    })
    .await
}
