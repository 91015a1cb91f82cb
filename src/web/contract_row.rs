//! A contract in a list of contracts, and the word for how a month stands:
//! what the home page and the merchant's dashboard both show.

use serde::Serialize;

use crate::app::contracts::ContractView;
use crate::catalogue::Language;

#[derive(Serialize)]
pub(super) struct ContractRow {
    id: i64,
    number: String,
    title: String,
    term: String,
    currency: String,
    status: &'static str,
    status_text: String,
}

pub(super) fn standing_id(standing: crate::domain::standing::Standing) -> &'static str {
    use crate::domain::standing::Standing::*;
    match standing {
        OnTrack => "on-track",
        AtRisk => "at-risk",
        Breached => "breached",
        NoFigures => "no-figures",
    }
}

pub(super) fn contract_row(c: ContractView, language: Language) -> ContractRow {
    ContractRow {
        id: c.id,
        term: language.text(
            "term-range",
            &[("start", c.start.to_string()), ("end", c.end.to_string())],
        ),
        status_text: language.text(&format!("status-{}", c.status.as_str()), &[]),
        status: c.status.as_str(),
        number: c.number,
        title: c.title,
        currency: c.currency,
    }
}
