//! Two versions of a contract's terms side by side: part by part (commercial
//! terms, charges, SLA clauses, liability, phases), each item added, removed,
//! changed or the same, and within an item each field before and after.

use serde_json::Value;

use super::TermsVersionView;
use crate::app::{App, AppError, AppResult, Caller};
use crate::domain::terms::Terms;
use crate::domain::{ContractId, Permission};
use crate::store;

/// The parts of the terms, in the order people read them.
pub const PARTS: [&str; 5] = [
    "commercial",
    "charges",
    "sla_clauses",
    "liability",
    "phases",
];

pub struct Compared {
    /// Every version, oldest first, to choose from.
    pub versions: Vec<TermsVersionView>,
    /// The two compared: the older on the left.
    pub older: u32,
    pub newer: u32,
    pub parts: Vec<PartDiff>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Same,
    Added,
    Removed,
    Changed,
}

impl Change {
    pub fn as_str(self) -> &'static str {
        match self {
            Change::Same => "same",
            Change::Added => "added",
            Change::Removed => "removed",
            Change::Changed => "changed",
        }
    }
}

#[derive(Debug)]
pub struct PartDiff {
    pub part: &'static str,
    pub items: Vec<ItemDiff>,
}

impl PartDiff {
    pub fn changes(&self) -> usize {
        self.items
            .iter()
            .filter(|i| i.change != Change::Same)
            .count()
    }
}

/// A charge, clause or phase (named), or a part that is one whole (unnamed).
#[derive(Debug)]
pub struct ItemDiff {
    pub name: Option<String>,
    pub change: Change,
    pub fields: Vec<FieldDiff>,
}

/// One field: its path inside the item (`payment.net_days`), its value in
/// each version (a scalar, or a list of scalars).
#[derive(Debug)]
pub struct FieldDiff {
    pub path: String,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

impl FieldDiff {
    pub fn changed(&self) -> bool {
        self.before != self.after
    }
}

/// Versions `older` and `newer` of the terms side by side; by default the
/// last two (or the only one, beside itself).
pub async fn compare(
    app: &App,
    caller: Caller,
    id: ContractId,
    older: Option<u32>,
    newer: Option<u32>,
) -> AppResult<Compared> {
    app.read(caller, Permission::ReadContracts, move |conn, auth| {
        store::contracts::get(conn, auth.scope, id)?;
        let versions: Vec<TermsVersionView> = store::terms::history(conn, auth.tenant(), id)?
            .into_iter()
            .map(TermsVersionView::from)
            .collect();
        let last = versions.last().ok_or(AppError::NotFound)?.version;
        let before_last = versions
            .len()
            .checked_sub(2)
            .map_or(last, |i| versions[i].version);
        let newer = newer.unwrap_or(last);
        let older = older.unwrap_or(if newer == last { before_last } else { newer });
        let find = |number: u32| {
            versions
                .iter()
                .find(|v| v.version == number)
                .ok_or(AppError::NotFound)
        };
        let parts = diff(&find(older)?.terms, &find(newer)?.terms)?;
        Ok(Compared {
            older,
            newer,
            parts,
            versions,
        })
    })
    .await
}

/// The two terms part by part.
pub fn diff(older: &Terms, newer: &Terms) -> AppResult<Vec<PartDiff>> {
    let (a, b) = (json(older)?, json(newer)?);
    Ok(PARTS
        .iter()
        .map(|part| {
            let (x, y) = (&a[*part], &b[*part]);
            let items = match (x, y) {
                (Value::Array(x), Value::Array(y)) => listed(x, y),
                _ => vec![item(None, Some(x), Some(y))],
            };
            PartDiff { part, items }
        })
        .collect())
}

/// The fields that differ between two values of one item (a charge before
/// and after an edit, say): what an audit entry changed.
pub fn changed_fields(before: &Value, after: &Value) -> Vec<FieldDiff> {
    item(None, Some(before), Some(after))
        .fields
        .into_iter()
        .filter(FieldDiff::changed)
        .collect()
}

fn json(terms: &Terms) -> AppResult<Value> {
    serde_json::to_value(terms).map_err(AppError::internal)
}

/// A list of items with ids: matched by id, in the newer order, removed ones last.
fn listed(older: &[Value], newer: &[Value]) -> Vec<ItemDiff> {
    let id = |v: &Value| v.get("id").and_then(Value::as_u64);
    let mut items: Vec<ItemDiff> = newer
        .iter()
        .map(|n| {
            let before = older.iter().find(|o| id(o).is_some() && id(o) == id(n));
            item(name(n), before, Some(n))
        })
        .collect();
    items.extend(
        older
            .iter()
            .filter(|o| !newer.iter().any(|n| id(n).is_some() && id(n) == id(o)))
            .map(|o| item(name(o), Some(o), None)),
    );
    items
}

fn name(item: &Value) -> Option<String> {
    item.get("name").and_then(Value::as_str).map(str::to_owned)
}

fn item(name: Option<String>, before: Option<&Value>, after: Option<&Value>) -> ItemDiff {
    let (mut a, mut b) = (Vec::new(), Vec::new());
    if let Some(before) = before {
        flatten("", before, &mut a);
    }
    if let Some(after) = after {
        flatten("", after, &mut b);
    }
    let mut fields: Vec<FieldDiff> = b
        .iter()
        .map(|(path, value)| FieldDiff {
            path: path.clone(),
            before: a.iter().find(|(p, _)| p == path).map(|(_, v)| v.clone()),
            after: Some(value.clone()),
        })
        .collect();
    fields.extend(
        a.iter()
            .filter(|(p, _)| !b.iter().any(|(q, _)| q == p))
            .map(|(path, value)| FieldDiff {
                path: path.clone(),
                before: Some(value.clone()),
                after: None,
            }),
    );
    let change = match (before, after) {
        (None, _) => Change::Added,
        (_, None) => Change::Removed,
        _ if fields.iter().any(FieldDiff::changed) => Change::Changed,
        _ => Change::Same,
    };
    ItemDiff {
        name,
        change,
        fields,
    }
}

/// The leaves of a value with their paths (`payment.net_days`,
/// `tiers[1].unit_price`); a list of scalars is one leaf; ids are left out.
fn flatten(path: &str, value: &Value, out: &mut Vec<(String, Value)>) {
    let join = |key: &str| {
        if path.is_empty() {
            key.to_owned()
        } else {
            format!("{path}.{key}")
        }
    };
    match value {
        Value::Object(map) => {
            for (key, inner) in map {
                if key == "id" || key == "next_id" {
                    continue;
                }
                flatten(&join(key), inner, out);
            }
        }
        Value::Array(list) if list.iter().any(|v| v.is_object() || v.is_array()) => {
            for (i, inner) in list.iter().enumerate() {
                flatten(&format!("{path}[{i}]"), inner, out);
            }
        }
        Value::Null => {}
        scalar => out.push((path.to_owned(), scalar.clone())),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn terms(value: Value) -> Terms {
        serde_json::from_value(value).unwrap()
    }

    fn base() -> Value {
        json!({
            "commercial": {
                "payment": { "net_days": 30, "method": "bank_transfer" }, "tax_rate": "6",
                "scope": { "channels": ["online_chat"], "lines": ["pre_sale"], "hours": [] }
            },
            "charges": [
                { "id": 1, "kind": "seat_monthly", "name": "座席费", "rate": "6000.00" },
                { "id": 2, "kind": "fixed", "name": "管理费", "amount": "1000.00" }
            ],
            "sla_clauses": [], "liability": {}, "phases": [], "next_id": 3
        })
    }

    #[test]
    fn a_changed_fee_is_the_one_change_of_its_charge() {
        let mut newer = base();
        newer["charges"][0]["rate"] = json!("6500.00");
        let parts = diff(&terms(base()), &terms(newer)).unwrap();
        let charges = parts.iter().find(|p| p.part == "charges").unwrap();
        assert_eq!(charges.changes(), 1);
        let seat = &charges.items[0];
        assert_eq!(seat.change, Change::Changed);
        assert_eq!(seat.name.as_deref(), Some("座席费"));
        let changed: Vec<&FieldDiff> = seat.fields.iter().filter(|f| f.changed()).collect();
        assert_eq!(changed.len(), 1, "{changed:?}");
        assert_eq!(changed[0].path, "rate");
        assert_eq!(changed[0].before, Some(json!("6000.00")));
        assert_eq!(changed[0].after, Some(json!("6500.00")));
        assert_eq!(charges.items[1].change, Change::Same);
        let commercial = parts.iter().find(|p| p.part == "commercial").unwrap();
        assert_eq!(commercial.changes(), 0);
    }

    #[test]
    fn items_added_and_removed_are_told_apart_by_id() {
        let mut newer = base();
        newer["charges"] = json!([
            { "id": 2, "kind": "fixed", "name": "管理费", "amount": "1000.00" },
            { "id": 3, "kind": "one_time", "name": "培训费", "amount": "5000.00", "date": "2026-10-01" }
        ]);
        newer["commercial"]["payment"]["net_days"] = json!(45);
        let parts = diff(&terms(base()), &terms(newer)).unwrap();
        let charges = parts.iter().find(|p| p.part == "charges").unwrap();
        let kinds: Vec<(Option<&str>, Change)> = charges
            .items
            .iter()
            .map(|i| (i.name.as_deref(), i.change))
            .collect();
        assert_eq!(
            kinds,
            vec![
                (Some("管理费"), Change::Same),
                (Some("培训费"), Change::Added),
                (Some("座席费"), Change::Removed),
            ]
        );
        let commercial = parts.iter().find(|p| p.part == "commercial").unwrap();
        let field = commercial.items[0]
            .fields
            .iter()
            .find(|f| f.changed())
            .unwrap();
        assert_eq!(field.path, "payment.net_days");
        assert_eq!(
            (field.before.clone(), field.after.clone()),
            (Some(json!(30)), Some(json!(45)))
        );
    }
}
