//! The OpenAPI document tells the truth: enums in their wire names, tagged
//! bodies as choices that cannot overlap, every error as a problem document.
//! A client generated from it (or a fuzzer such as schemathesis) must be able
//! to build bodies the server takes and read every answer it gets.

use std::collections::BTreeSet;

use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{CREDIT_CODES, Session, TestApp, spawn_app};

async fn document(app: &TestApp) -> Value {
    let reply = app.call(Method::GET, "/api/openapi.json", None, None).await;
    assert_eq!(reply.status, 200);
    reply.body
}

/// Every `enum` list in `value`, with where it is.
fn enums(value: &Value, at: &str, out: &mut Vec<(String, Vec<Value>)>) {
    match value {
        Value::Object(map) => {
            if let Some(Value::Array(values)) = map.get("enum") {
                out.push((at.to_owned(), values.clone()));
            }
            for (key, inner) in map {
                enums(inner, &format!("{at}/{key}"), out);
            }
        }
        Value::Array(items) => {
            for (i, inner) in items.iter().enumerate() {
                enums(inner, &format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

fn schema<'a>(document: &'a Value, name: &str) -> &'a Value {
    let schema = &document["components"]["schemas"][name];
    assert!(schema.is_object(), "the document has no schema {name}");
    schema
}

fn keys(value: &Value) -> BTreeSet<String> {
    value
        .as_object()
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default()
}

fn strings(value: &Value) -> BTreeSet<String> {
    value
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// Whether `body` has the fields `choice` requires and, where it denies other
/// fields, no others; and the tag value the choice allows.
fn fits(body: &Value, choice: &Value, tag: &str) -> bool {
    let fields = keys(body);
    let properties = keys(&choice["properties"]);
    let required = strings(&choice["required"]);
    let closed = choice["additionalProperties"] == json!(false);
    let tag_fits = choice["properties"][tag]["enum"]
        .as_array()
        .is_some_and(|allowed| allowed.contains(&body[tag]));
    tag_fits && required.is_subset(&fields) && (!closed || fields.is_subset(&properties))
}

/// The choices of a tagged schema: each an object requiring `tag` as a
/// one-value enum, no two with the same value.
fn tagged_choices<'a>(document: &'a Value, name: &str, tag: &str) -> &'a Vec<Value> {
    let choices = schema(document, name)["oneOf"]
        .as_array()
        .unwrap_or_else(|| panic!("{name} is not a oneOf"));
    let mut seen = BTreeSet::new();
    for choice in choices {
        assert_eq!(choice["type"], "object", "{name}: {choice}");
        assert!(
            strings(&choice["required"]).contains(tag),
            "{name}: a choice does not require `{tag}`: {choice}"
        );
        let values = choice["properties"][tag]["enum"].as_array().cloned();
        let value = match values.as_deref() {
            Some([one]) => one.clone(),
            other => panic!("{name}: `{tag}` is not a one-value enum: {other:?}"),
        };
        assert!(
            seen.insert(value.to_string()),
            "{name}: two choices for {value}"
        );
    }
    choices
}

#[tokio::test]
async fn every_enum_is_documented_in_its_wire_name() {
    let app = spawn_app().await;
    let document = document(&app).await;
    let mut found = Vec::new();
    enums(&document, "", &mut found);
    assert!(found.len() > 30, "the document lists the enums: {found:?}");
    for (at, values) in &found {
        for value in values {
            let name = value.as_str().unwrap_or_default();
            assert!(
                !name.is_empty()
                    && name
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
                "{at}: {value} is not a snake_case wire name"
            );
        }
    }
}

#[tokio::test]
async fn every_documented_platform_is_taken_and_given_back() {
    let app = spawn_app().await;
    let owner = app.signup("杭州某某电子商务有限公司", "boss@shop.cn").await;
    let document = document(&app).await;
    let platforms = strings(&schema(&document, "Platform")["enum"]);
    assert!(platforms.contains("tmall"), "{platforms:?}");
    for (i, platform) in platforms.iter().enumerate() {
        let body = json!({ "platform": platform, "name": format!("店铺{i}") });
        let created = app.post("/api/v1/shops", &owner.token, body).await;
        assert_eq!(created.status, 201, "{platform}: {:?}", created.body);
        assert_eq!(created.body["platform"], json!(platform));
    }
}

async fn contract(app: &TestApp) -> (Session, i64) {
    let owner = app.signup("杭州某某电子商务有限公司", "boss@shop.cn").await;
    let vendor = app.active_vendor(&owner.token, CREDIT_CODES[0]).await;
    let shop = app
        .post(
            "/api/v1/shops",
            &owner.token,
            json!({ "platform": "tmall", "name": "某某旗舰店" }),
        )
        .await;
    let shop = shop.body["id"].as_i64().unwrap();
    let ids = app
        .tmall_contract(&owner.token, "KF-2026-001", vendor, shop)
        .await;
    (owner, ids.contract)
}

#[tokio::test]
async fn charges_and_schedules_are_choices_that_cannot_overlap() {
    let app = spawn_app().await;
    let (owner, contract) = contract(&app).await;
    let document = document(&app).await;
    for (name, tag) in [
        ("ChargeSpec", "kind"),
        ("Charge", "kind"),
        ("Schedule", "type"),
    ] {
        let choices = tagged_choices(&document, name, tag);
        assert!(choices.len() >= 3, "{name}: {choices:?}");
    }
    // Bodies the server takes refuse unknown fields; so do their choices.
    for choice in tagged_choices(&document, "ChargeSpec", "kind") {
        assert_eq!(choice["additionalProperties"], json!(false), "{choice}");
    }

    // What the server answers fits exactly one choice.
    let base = format!("/api/v1/contracts/{contract}");
    let charges = app.get(&format!("{base}/charges"), &owner.token).await;
    assert_eq!(charges.status, 200);
    let charge_choices = tagged_choices(&document, "Charge", "kind");
    for charge in charges.body.as_array().unwrap() {
        let fitting = charge_choices
            .iter()
            .filter(|c| fits(charge, c, "kind"))
            .count();
        assert_eq!(fitting, 1, "{charge} fits {fitting} choices of Charge");
    }
    let clauses = app.get(&format!("{base}/sla-clauses"), &owner.token).await;
    let schedule_choices = tagged_choices(&document, "Schedule", "type");
    let mut types = BTreeSet::new();
    for clause in clauses.body.as_array().unwrap() {
        let penalty = &clause["penalty"];
        types.insert(penalty["type"].to_string());
        let fitting = schedule_choices
            .iter()
            .filter(|c| fits(penalty, c, "type"))
            .count();
        assert_eq!(fitting, 1, "{penalty} fits {fitting} choices of Schedule");
    }
    assert!(types.len() >= 2, "bands and per-step penalties: {types:?}");

    // A field of another choice is refused, as the document says.
    let mixed = json!({ "kind": "fixed", "name": "管理费", "amount": "100.00", "rate": "1.00" });
    let refused = app
        .post(&format!("{base}/charges"), &owner.token, mixed)
        .await;
    assert_eq!(refused.status, 422, "{:?}", refused.body);
    assert_eq!(refused.error_fields(), vec!["rate".to_owned()]);
}

#[tokio::test]
async fn no_schema_combines_a_closed_object_with_more_fields() {
    // `allOf` of an object that refuses unknown fields and another part is
    // satisfied by no body: utoipa writes `#[serde(flatten)]` that way.
    let app = spawn_app().await;
    let document = document(&app).await;
    let schemas = document["components"]["schemas"].as_object().unwrap();
    let closed = |part: &Value| {
        let target = part["$ref"]
            .as_str()
            .and_then(|r| r.rsplit('/').next())
            .and_then(|name| schemas.get(name))
            .unwrap_or(part);
        target["additionalProperties"] == json!(false)
    };
    fn all_ofs<'a>(value: &'a Value, out: &mut Vec<&'a Vec<Value>>) {
        match value {
            Value::Object(map) => {
                if let Some(Value::Array(parts)) = map.get("allOf") {
                    out.push(parts);
                }
                map.values().for_each(|v| all_ofs(v, out));
            }
            Value::Array(items) => items.iter().for_each(|v| all_ofs(v, out)),
            _ => {}
        }
    }
    let mut combined = Vec::new();
    all_ofs(&document, &mut combined);
    for parts in combined {
        assert!(
            parts.len() < 2 || !parts.iter().any(closed),
            "an allOf no body satisfies: {parts:?}"
        );
    }
}

#[tokio::test]
async fn every_error_answer_is_a_documented_problem() {
    let app = spawn_app().await;
    let document = document(&app).await;
    for (path, operations) in document["paths"].as_object().unwrap() {
        for (method, operation) in operations.as_object().unwrap() {
            let responses = &operation["responses"];
            let declared = keys(responses);
            assert!(
                operation["parameters"]
                    .as_array()
                    .unwrap()
                    .contains(&json!({ "$ref": "#/components/parameters/AcceptLanguage" })),
                "{method} {path} reads Accept-Language but does not say so"
            );
            for (status, response) in responses.as_object().unwrap() {
                if status.starts_with(['4', '5']) {
                    assert_eq!(
                        response["headers"]["Content-Language"]["$ref"],
                        "#/components/headers/ContentLanguage",
                        "{method} {path} {status}"
                    );
                    assert_eq!(
                        keys(&response["content"]),
                        BTreeSet::from(["application/problem+json".to_owned()]),
                        "{method} {path} {status}"
                    );
                    assert_eq!(
                        response["content"]["application/problem+json"]["schema"]["$ref"],
                        "#/components/schemas/Problem",
                        "{method} {path} {status}"
                    );
                }
            }
            let mut expected = BTreeSet::new();
            if operation.get("requestBody").is_some() {
                expected.extend(["400", "413", "415", "422"]);
            }
            let parameters = operation["parameters"].as_array().cloned();
            let places: BTreeSet<String> = parameters
                .unwrap_or_default()
                .iter()
                .filter_map(|p| p["in"].as_str().map(str::to_owned))
                .collect();
            if places.contains("path") {
                expected.insert("404");
            }
            if places.contains("query") {
                expected.insert("422");
            }
            for status in expected {
                assert!(
                    declared.contains(status),
                    "{method} {path} gives {status} but does not say so"
                );
            }
        }
    }

    // And the server answers as declared: a body that is not JSON is a 415 problem.
    let owner = app.signup("杭州某某电子商务有限公司", "boss@shop.cn").await;
    let refused = app
        .send(
            Method::POST,
            "/api/v1/shops",
            &owner.token,
            "text/plain",
            "platform=tmall",
            &[],
        )
        .await;
    assert_eq!(refused.status, 415);
    assert_eq!(refused.content_type(), "application/problem+json");
    assert_eq!(refused.header("content-language"), "en");
    let components = &document["components"];
    assert_eq!(
        components["parameters"]["AcceptLanguage"]["in"], "header",
        "{components}"
    );
    assert_eq!(
        components["parameters"]["AcceptLanguage"]["name"],
        "Accept-Language"
    );
    assert_eq!(
        components["headers"]["ContentLanguage"]["schema"]["type"],
        "string"
    );
}

#[tokio::test]
async fn an_id_that_is_not_a_number_is_no_invoice() {
    // `/invoices/0.5` once reached the document route as invoice 0 in format
    // `5` and answered 422, a status `GET /invoices/{id}` does not give.
    let app = spawn_app().await;
    let owner = app.signup("杭州某某电子商务有限公司", "boss@shop.cn").await;
    for path in ["/api/v1/invoices/0.5", "/api/v1/credit-notes/0.5"] {
        let reply = app.get(path, &owner.token).await;
        assert_eq!(reply.status, 404, "{path}: {:?}", reply.body);
        assert_eq!(reply.content_type(), "application/problem+json");
    }
    let docx = app.get("/api/v1/invoices/1.docx", &owner.token).await;
    assert_eq!(docx.status, 422, "an unknown format is still named");
}

#[tokio::test]
async fn decimals_are_documented_as_the_strings_the_server_takes() {
    let app = spawn_app().await;
    let (owner, contract) = contract(&app).await;
    let document = document(&app).await;
    let decimal = schema(&document, "Decimal");
    assert_eq!(decimal["type"], "string");
    assert_eq!(decimal["pattern"], r"^-?[0-9]+(\.[0-9]+)?$");
    let choices = tagged_choices(&document, "ChargeSpec", "kind");
    let fixed = choices
        .iter()
        .find(|c| c["properties"]["kind"]["enum"] == json!(["fixed"]))
        .unwrap();
    assert_eq!(
        fixed["properties"]["amount"]["$ref"],
        "#/components/schemas/Decimal"
    );

    let charges = format!("/api/v1/contracts/{contract}/charges");
    let add = |amount: Value| {
        let body = json!({ "kind": "fixed", "name": "管理费", "amount": amount });
        app.post(&charges, &owner.token, body)
    };
    let taken = add(json!("100.50")).await;
    assert_eq!(taken.status, 201, "{:?}", taken.body);
    assert_eq!(taken.body["amount"], "100.50", "given back as it was sent");
    for refused in [json!("1e3"), json!(100.5), json!("")] {
        let reply = add(refused.clone()).await;
        assert_eq!(reply.status, 422, "{refused}: {:?}", reply.body);
        assert_eq!(reply.error_fields(), vec!["amount".to_owned()]);
    }
}

#[tokio::test]
async fn two_types_of_one_name_keep_a_schema_each() {
    // utoipa keys components by name: a second `Escalation` silently replaced
    // the incident's, and its answers no longer fit the document.
    let app = crate::helpers::spawn_app().await;
    let document = document(&app).await;
    let incident = keys(&schema(&document, "Escalation")["properties"]);
    assert!(incident.contains("minutes_to_escalation"), "{incident:?}");
    let line = keys(&schema(&document, "LateEscalation")["properties"]);
    assert!(line.contains("severity"), "{line:?}");
}
