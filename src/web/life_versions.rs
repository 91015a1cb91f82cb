//! The contract over time: two versions of its terms side by side, what
//! changed highlighted part by part; and its audit trail — who did what,
//! when, and why — a page at a time.

use actix_web::{HttpResponse, get, web};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::error::WebError;
use super::format::local_time;
use super::life::{Head, field_label, metric_word, value_text};
use super::signed_in::SignedIn;
use crate::app::contracts::compare::{self, Change, Compared};
use crate::app::contracts::trail::{self, Trail};
use crate::app::contracts::{self, ContractView};
use crate::catalogue::Language;
use crate::domain::ContractId;
use crate::store::Page;

#[derive(Serialize)]
struct VersionsPage {
    head: Head,
    choices: Vec<VersionChoice>,
    older: VersionHead,
    newer: VersionHead,
    same_version: bool,
    changes: usize,
    parts: Vec<PartRows>,
}

#[derive(Serialize)]
struct VersionChoice {
    value: u32,
    text: String,
    older: bool,
    newer: bool,
}

#[derive(Serialize)]
struct VersionHead {
    version: u32,
    state: String,
    effective_from: String,
    reason: String,
}

#[derive(Serialize)]
struct PartRows {
    part: &'static str,
    name: String,
    changes: usize,
    items: Vec<ItemRows>,
}

#[derive(Serialize)]
struct ItemRows {
    name: String,
    change: &'static str,
    change_word: String,
    rows: Vec<FieldRow>,
}

#[derive(Serialize)]
struct FieldRow {
    field: String,
    before: String,
    after: String,
    changed: bool,
}

#[derive(Debug, Deserialize)]
pub struct Pick {
    older: Option<u32>,
    newer: Option<u32>,
}

#[get("/contracts/{id:\\d+}/versions")]
pub async fn versions(
    signed: SignedIn,
    id: web::Path<ContractId>,
    pick: web::Query<Pick>,
) -> Result<HttpResponse, WebError> {
    let (id, pick, language) = (id.into_inner(), pick.into_inner(), signed.visitor.language);
    let data = async {
        let (app, caller) = (signed.app(), signed.caller());
        let (contract, compared) = tokio::try_join!(
            contracts::show(app, caller.clone(), id),
            compare::compare(app, caller.clone(), id, pick.older, pick.newer),
        )?;
        Ok(versions_page(&contract, compared, language))
    };
    signed
        .show("life_versions", "life-versions-title", data)
        .await
}

fn version_head(compared: &Compared, number: u32, language: Language) -> VersionHead {
    let version = compared.versions.iter().find(|v| v.version == number);
    VersionHead {
        version: number,
        state: version.map_or_else(String::new, |v| language.message(&v.state.word())),
        effective_from: version
            .and_then(|v| v.effective_from)
            .map_or_else(|| "—".into(), |d| d.to_string()),
        reason: version.and_then(|v| v.reason.clone()).unwrap_or_default(),
    }
}

fn versions_page(contract: &ContractView, compared: Compared, language: Language) -> VersionsPage {
    let choices = compared
        .versions
        .iter()
        .map(|v| VersionChoice {
            value: v.version,
            text: language.text(
                "life-version-choice",
                &[
                    ("version", v.version.to_string()),
                    ("state", language.message(&v.state.word())),
                ],
            ),
            older: v.version == compared.older,
            newer: v.version == compared.newer,
        })
        .collect();
    let parts: Vec<PartRows> = compared
        .parts
        .iter()
        .map(|part| PartRows {
            part: part.part,
            name: language.text(&format!("life-part-{}", part.part), &[]),
            changes: part.changes(),
            items: part
                .items
                .iter()
                .map(|item| ItemRows {
                    name: item.name.clone().unwrap_or_default(),
                    change: item.change.as_str(),
                    change_word: match item.change {
                        Change::Same => String::new(),
                        other => language.text(&format!("life-change-{}", other.as_str()), &[]),
                    },
                    rows: item
                        .fields
                        .iter()
                        .filter(|f| f.path != "name" || item.change != Change::Same)
                        .map(|f| FieldRow {
                            field: field_label(language, &f.path),
                            before: shown(language, &f.path, f.before.as_ref()),
                            after: shown(language, &f.path, f.after.as_ref()),
                            changed: f.changed(),
                        })
                        .collect(),
                })
                .collect(),
        })
        .collect();
    VersionsPage {
        head: Head::of(contract, "versions", language),
        older: version_head(&compared, compared.older, language),
        newer: version_head(&compared, compared.newer, language),
        same_version: compared.older == compared.newer,
        changes: parts.iter().map(|p| p.changes).sum(),
        parts,
        choices,
    }
}

/// A value of the terms beside its field: a metric code by its name.
fn shown(language: Language, path: &str, value: Option<&Value>) -> String {
    match value {
        Some(Value::String(code)) if path.ends_with("metric") => metric_word(language, code),
        other => value_text(language, other),
    }
}

#[derive(Serialize)]
struct AuditPage {
    head: Head,
    entries: Vec<AuditRow>,
    next: Option<i64>,
    first: bool,
}

#[derive(Serialize)]
struct AuditRow {
    at: String,
    who: String,
    what: String,
    detail: Vec<String>,
    reason: String,
}

#[derive(Debug, Deserialize)]
pub struct After {
    after: Option<i64>,
}

/// Entries on a page of the trail.
const PER_PAGE: i64 = 20;

#[get("/contracts/{id:\\d+}/audit")]
pub async fn audit(
    signed: SignedIn,
    id: web::Path<ContractId>,
    after: web::Query<After>,
) -> Result<HttpResponse, WebError> {
    let (id, after, language) = (
        id.into_inner(),
        after.into_inner().after,
        signed.visitor.language,
    );
    let data = async {
        let (app, caller) = (signed.app(), signed.caller());
        let page = Page {
            after: after.filter(|a| *a > 0),
            limit: PER_PAGE,
        };
        let (contract, trail) = tokio::try_join!(
            contracts::show(app, caller.clone(), id),
            trail::trail(app, caller.clone(), id, page),
        )?;
        Ok(audit_page(&contract, trail, after.is_none(), language))
    };
    signed.show("life_audit", "life-audit-title", data).await
}

/// The actions of a contract's trail that have words (`life-action-…`).
const ACTIONS: &[&str] = &[
    "contract.created",
    "contract.updated",
    "contract.active",
    "contract.suspended",
    "contract.terminated",
    "amendment.opened",
    "amendment.applied",
    "amendment.discarded",
    "phase.in_progress",
    "phase.completed",
    "phase.rolled_back",
    "phase.created",
    "phase.replaced",
    "phase.removed",
    "charge.created",
    "charge.replaced",
    "charge.removed",
    "sla_clause.created",
    "sla_clause.replaced",
    "sla_clause.removed",
    "commercial.replaced",
    "liability.replaced",
    "exclusion.recorded",
    "exclusion.removed",
    "incident.logged",
    "incident.escalated",
    "report.drafted",
    "report.edited",
    "report.submitted",
    "report.accepted",
    "report.disputed",
];

fn audit_page(contract: &ContractView, trail: Trail, first: bool, language: Language) -> AuditPage {
    let entries = trail
        .entries
        .into_iter()
        .map(|e| {
            let action = e.entry.action.as_str();
            let what = if ACTIONS.contains(&action) {
                language.text(
                    &format!("life-action-{}", action.replace(['.', '_'], "-")),
                    &[],
                )
            } else {
                action.to_owned()
            };
            let after = e.entry.after.as_ref();
            let reason = after
                .and_then(|a| a.get("reason"))
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned();
            AuditRow {
                at: local_time(e.entry.at),
                who: match (e.actor, e.entry.actor_api_key_id) {
                    (Some(name), _) => name,
                    (None, Some(key)) => {
                        language.text("life-audit-api-key", &[("key", key.to_string())])
                    }
                    (None, None) => language.text("life-audit-system", &[]),
                },
                what,
                detail: detail(e.entry.before.as_ref(), after, language),
                reason,
            }
        })
        .collect();
    AuditPage {
        head: Head::of(contract, "audit", language),
        entries,
        next: trail.next,
        first,
    }
}

/// What an entry says beside its action: the version, the effective date,
/// the gate a phase was started through (and whether it was overridden).
fn detail(before: Option<&Value>, after: Option<&Value>, language: Language) -> Vec<String> {
    let Some(after) = after else {
        return Vec::new();
    };
    let mut lines = Vec::new();
    // A part of the terms edited: which one, and what of it changed.
    if let Some(name) = after
        .get("name")
        .or_else(|| before.and_then(|b| b.get("name")))
        .and_then(Value::as_str)
    {
        lines.push(name.to_owned());
    }
    // Parts of the terms (a charge, the liability…) or whole terms (an amendment applied).
    let terms_like = |b: &&Value| {
        [
            "name",
            "payment",
            "monthly_cap",
            "annual_cap",
            "uncapped",
            "commercial",
        ]
        .iter()
        .any(|key| b.get(key).is_some())
    };
    if let Some(before) = before.filter(terms_like) {
        let changed = compare::changed_fields(before, after);
        for field in changed.iter().take(6) {
            lines.push(language.text(
                "life-audit-changed",
                &[
                    ("field", field_label(language, &field.path)),
                    (
                        "before",
                        shown(language, &field.path, field.before.as_ref()),
                    ),
                    ("after", shown(language, &field.path, field.after.as_ref())),
                ],
            ));
        }
    }
    if let Some(version) = after.get("version").and_then(Value::as_u64) {
        lines.push(language.text("life-audit-version", &[("version", version.to_string())]));
    }
    if let Some(date) = after.get("effective_from").and_then(Value::as_str) {
        lines.push(language.text("life-audit-effective", &[("date", date.to_owned())]));
    }
    if after.get("correction").and_then(Value::as_bool) == Some(true) {
        lines.push(language.text("life-correction-badge", &[]));
    }
    if let Some(gate) = after.get("gate") {
        let period = gate
            .get("period")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let id = if gate.get("overridden").and_then(Value::as_bool) == Some(true) {
            "life-audit-gate-overridden"
        } else {
            "life-audit-gate-met"
        };
        lines.push(language.text(id, &[("period", period.to_owned())]));
    }
    lines
}
