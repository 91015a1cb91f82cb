//! What a person sees first on signing in: who they are, and the contracts
//! they work on (a vendor's user, only its vendor's).

use super::contracts::ContractView;
use super::session::{MeView, me_of};
use super::{App, AppResult, Caller};
use crate::domain::Permission;
use crate::store::{self, Page, contracts::ContractFilter};

#[derive(Debug)]
pub struct Home {
    pub me: MeView,
    pub contracts: Vec<ContractView>,
}

/// The home page's data, in one trip to the database.
pub async fn home(app: &App, caller: Caller) -> AppResult<Home> {
    app.read(caller, Permission::ReadContracts, |conn, auth| {
        let me = me_of(conn, auth)?;
        let page = Page {
            after: None,
            limit: Page::MAX_LIMIT,
        };
        let contracts = store::contracts::list(conn, auth.scope, ContractFilter::default(), page)?
            .into_iter()
            .map(ContractView::from)
            .collect();
        Ok(Home { me, contracts })
    })
    .await
}
