//! Nobody reaches what is not theirs: another tenant's objects answer 404,
//! another vendor's objects answer 404 to a vendor user, and roles hold.

use serde_json::json;

use crate::helpers::{CREDIT_CODES, Reply, Session, TestApp, spawn_app};
use crate::routes::{AUTHENTICATED, Objects, Route, VendorAccess};

struct World {
    app: TestApp,
    /// The first tenant's owner and objects.
    owner: Session,
    objects: Objects,
    /// The second tenant's owner.
    stranger: Session,
    /// A vendor user of another vendor of the first tenant.
    other_vendor_user: Session,
    other_vendor_key: String,
    auditor: Session,
}

impl World {
    /// Calls a route on the first tenant's objects, with a valid body, as `token`.
    async fn call(&self, route: &Route, token: &str) -> (String, Reply) {
        let path = self.objects.fill(route.path);
        let reply = self
            .app
            .call(
                route.method.clone(),
                &path,
                Some(token),
                route.body().as_ref(),
            )
            .await;
        (format!("{} {path}", route.method), reply)
    }
}

async fn world() -> World {
    let app = spawn_app().await;
    let owner = app.signup("甲商家", "owner@a.cn").await;
    let vendor = app.active_vendor(&owner.token, CREDIT_CODES[0]).await;
    let other_vendor = app.active_vendor(&owner.token, CREDIT_CODES[1]).await;
    let user = app.user(&owner, "finance@a.cn", "finance", None).await;
    let shop = app
        .post(
            "/api/v1/shops",
            &owner.token,
            json!({ "platform": "jd", "name": "京东自营店" }),
        )
        .await;
    let every_scope = json!([
        "send_kpi",
        "log_incidents",
        "read_contracts",
        "write_reports"
    ]);
    let (key, vendor_key) = app
        .api_key_with(
            &owner.token,
            vendor,
            json!({ "name": "vendor system", "scopes": every_scope }),
        )
        .await;
    let other_vendor_user = app
        .user(
            &owner,
            "staff@other-vendor.cn",
            "vendor",
            Some(other_vendor),
        )
        .await;
    let (_, other_vendor_key) = app
        .api_key_with(
            &owner.token,
            other_vendor,
            json!({ "name": "vendor system", "scopes": every_scope }),
        )
        .await;
    let auditor = app.user(&owner, "auditor@a.cn", "auditor", None).await;
    let stranger = app.signup("乙商家", "owner@b.cn").await;
    let shop_id = shop.body["id"].as_i64().unwrap();
    let contract = app
        .tmall_contract(&owner.token, "KF-001", vendor, shop_id)
        .await;
    let exclusions = format!("/api/v1/contracts/{}/exclusions", contract.contract);
    let exclusion = app
        .post(&exclusions, &owner.token, crate::routes::exclusion())
        .await;
    assert_eq!(exclusion.status, 201, "{:?}", exclusion.body);
    let base = format!("/api/v1/contracts/{}", contract.contract);
    let activated = app
        .post(&format!("{base}/activate"), &owner.token, json!({}))
        .await;
    assert_eq!(activated.status, 200, "{:?}", activated.body);
    let fed = app
        .post(
            &format!("{base}/kpi"),
            &vendor_key,
            crate::routes::kpi_rows(),
        )
        .await;
    assert_eq!(fed.status, 201, "{:?}", fed.body);
    let incident = app
        .post(
            &format!("{base}/incidents"),
            &owner.token,
            crate::routes::incident(),
        )
        .await;
    assert_eq!(incident.status, 201, "{:?}", incident.body);
    let period = crate::routes::last_month();
    let report = app
        .put(
            &format!("{base}/reports/{period}"),
            &vendor_key,
            crate::routes::report(),
        )
        .await;
    assert_eq!(report.status, 200, "{:?}", report.body);
    let invoice = app
        .post(
            &format!("{base}/invoices"),
            &owner.token,
            crate::routes::period(),
        )
        .await;
    assert_eq!(invoice.status, 201, "{:?}", invoice.body);
    let invoice = invoice.body["id"].as_i64().unwrap();
    let issued = app
        .post(
            &format!("/api/v1/invoices/{invoice}/issue"),
            &user.token,
            json!({}),
        )
        .await;
    assert_eq!(issued.status, 200, "{:?}", issued.body);
    let credit_note = app
        .post(
            &format!("/api/v1/invoices/{invoice}/credit-notes"),
            &user.token,
            json!({ "reason": "合同终止，全额冲红" }),
        )
        .await;
    assert_eq!(credit_note.status, 201, "{:?}", credit_note.body);
    let mail = app
        .post(
            &format!("/api/v1/invoices/{invoice}/email"),
            &user.token,
            json!({ "to": ["ap@shop.cn"] }),
        )
        .await;
    assert_eq!(mail.status, 202, "{:?}", mail.body);
    let objects = Objects {
        user: user.user_id,
        shop: shop_id,
        vendor,
        key,
        contract: contract.contract,
        charge: contract.seat_charge,
        clause: contract.response_clause,
        phase: contract.phases[0],
        version: 1,
        exclusion: exclusion.body["id"].as_i64().unwrap(),
        incident: incident.body["id"].as_i64().unwrap(),
        period,
        invoice,
        credit_note: credit_note.body["id"].as_i64().unwrap(),
        mail: mail.body["mails"][0]["id"].as_i64().unwrap(),
    };
    World {
        app,
        owner,
        objects,
        stranger,
        other_vendor_user,
        other_vendor_key,
        auditor,
    }
}

#[tokio::test]
async fn another_tenant_gets_404_for_every_object_and_sees_none_in_lists() {
    let w = world().await;
    for route in AUTHENTICATED.iter().filter(|r| r.names_an_object()) {
        let (call, reply) = w.call(route, &w.stranger.token).await;
        let expected = if route.vendor == VendorAccess::Only {
            403
        } else {
            404
        };
        assert_eq!(
            reply.status, expected,
            "{call} as another tenant: {:?}",
            reply.body
        );
    }
    let users = w.app.get("/api/v1/users", &w.stranger.token).await;
    let emails: Vec<&str> = users.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["email"].as_str().unwrap())
        .collect();
    assert_eq!(
        emails,
        ["owner@b.cn"],
        "the second tenant lists only its own users"
    );
    for list in ["/api/v1/shops", "/api/v1/vendors"] {
        let reply = w.app.get(list, &w.stranger.token).await;
        assert_eq!(reply.body["items"], json!([]), "{list} as another tenant");
    }
    // Nothing was changed by the attempts: the first tenant's objects are as they were.
    let shop = w
        .app
        .get(&format!("/api/v1/shops/{}", w.objects.shop), &w.owner.token)
        .await;
    assert_eq!(
        (shop.status, shop.body["name"].as_str()),
        (200, Some("京东自营店"))
    );
    let user = w
        .app
        .get(&format!("/api/v1/users/{}", w.objects.user), &w.owner.token)
        .await;
    assert_eq!(user.body["active"], true);
}

#[tokio::test]
async fn a_vendor_user_reaches_only_its_own_vendor() {
    let w = world().await;
    let callers = [
        ("vendor user", w.other_vendor_user.token.clone()),
        ("vendor API key", w.other_vendor_key.clone()),
    ];
    for (who, token) in &callers {
        for route in AUTHENTICATED.iter().filter(|r| r.names_an_object()) {
            let (call, reply) = w.call(route, token).await;
            let expected = match route.vendor {
                VendorAccess::OwnVendor | VendorAccess::Only => 404,
                VendorAccess::Forbidden => 403,
                VendorAccess::Anyone => 200,
            };
            // No key manages keys or fills in particulars, its own vendor's or
            // another's: refused before any lookup.
            let for_people = route.path.contains("/api-keys")
                || route.path == "/api/v1/vendors/{vendor}/particulars"
                || route.path == "/api/v1/vendors/{vendor}/submit";
            let expected = if *who == "vendor API key" && for_people {
                403
            } else {
                expected
            };
            assert_eq!(reply.status, expected, "{call} as {who}: {:?}", reply.body);
        }
        let vendors = w.app.get("/api/v1/vendors", token).await;
        let items = vendors.body["items"].as_array().unwrap();
        assert_eq!(items.len(), 1, "{who} sees {items:?}");
        assert_ne!(items[0]["id"].as_i64(), Some(w.objects.vendor));
    }
}

#[tokio::test]
async fn an_auditor_reads_everything_and_writes_nothing() {
    let w = world().await;
    for route in AUTHENTICATED {
        let (call, reply) = w.call(route, &w.auditor.token).await;
        let expected = if route.writes { 403 } else { 200 };
        assert_eq!(
            reply.status, expected,
            "{call} as auditor: {:?}",
            reply.body
        );
    }
}

#[tokio::test]
async fn a_vendor_cannot_manage_users() {
    let w = world().await;
    for route in AUTHENTICATED
        .iter()
        .filter(|r| r.path.starts_with("/api/v1/users"))
    {
        let (call, reply) = w.call(route, &w.other_vendor_user.token).await;
        assert_eq!(reply.status, 403, "{call} as vendor: {:?}", reply.body);
    }
}

#[tokio::test]
async fn every_route_wants_a_credential() {
    let w = world().await;
    for route in AUTHENTICATED {
        let path = w.objects.fill(route.path);
        for token in [None, Some("not-a-token"), Some("kefu_000000000000_0000")] {
            let reply = w
                .app
                .call(route.method.clone(), &path, token, route.body().as_ref())
                .await;
            assert_eq!(reply.status, 401, "{} {path} with {token:?}", route.method);
            assert_eq!(
                reply
                    .headers
                    .get("www-authenticate")
                    .map(|v| v.to_str().unwrap()),
                Some("Bearer")
            );
        }
    }
}
