//! The home page: the contracts the signed-in person works on.

use actix_web::{HttpResponse, get};
use serde::Serialize;

use super::error::WebError;
use super::signed_in::SignedIn;
use crate::app::contracts::{self, ContractQuery};
use crate::catalogue::Language;
use crate::store::Page;

#[derive(Serialize)]
struct HomePage {
    contracts: Vec<ContractRow>,
}

#[derive(Serialize)]
struct ContractRow {
    id: i64,
    number: String,
    title: String,
    term: String,
    currency: String,
    status: &'static str,
    status_text: String,
}

#[get("/home")]
pub async fn show(signed: SignedIn) -> Result<HttpResponse, WebError> {
    let language = signed.visitor.language;
    let everything = ContractQuery {
        status: None,
        vendor_id: None,
    };
    let page = Page {
        after: None,
        limit: Page::MAX_LIMIT,
    };
    let data = async {
        let contracts = contracts::list(signed.app(), signed.caller(), everything, page).await?;
        Ok(HomePage {
            contracts: contracts
                .into_iter()
                .map(|c| ContractRow {
                    id: c.id,
                    term: language.text(
                        "term-range",
                        &[("start", c.start.to_string()), ("end", c.end.to_string())],
                    ),
                    number: c.number,
                    title: c.title,
                    currency: c.currency,
                    status: c.status.as_str(),
                    status_text: status_text(language, c.status.as_str()),
                })
                .collect(),
        })
    };
    signed.show("home", "home-title", data).await
}

fn status_text(language: Language, status: &str) -> String {
    language.text(&format!("status-{status}"), &[])
}
