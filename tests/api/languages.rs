//! The API answers its errors in the caller's language: Chinese unless
//! `Accept-Language` asks for English (or a document route's `?language=`
//! does), and says which in `Content-Language`. The same refusal, field by
//! field, whichever language it is written in.

use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{CREDIT_CODES, PASSWORD, Reply, TestApp, spawn_app, vendor_body};

/// The same request read with no `Accept-Language`, in Chinese and in English.
async fn in_each_language(
    app: &TestApp,
    method: Method,
    path: &str,
    token: Option<&str>,
    body: Option<&Value>,
) -> (Reply, Reply, Reply) {
    let none = app.call_in(None, method.clone(), path, token, body).await;
    let zh = app
        .call_in(Some("zh-CN"), method.clone(), path, token, body)
        .await;
    let en = app.call_in(Some("en"), method, path, token, body).await;
    (none, zh, en)
}

fn messages(reply: &Reply) -> Vec<String> {
    reply.body["errors"]
        .as_array()
        .map(|errors| {
            errors
                .iter()
                .filter_map(|e| e["message"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// Chinese reads as Chinese, with no header as with `zh-CN`; English as
/// English; and both are the same problem, on the same fields.
fn assert_same_problem_in_two_languages(none: &Reply, zh: &Reply, en: &Reply) {
    assert_eq!(none.body, zh.body, "no Accept-Language reads Chinese");
    assert_eq!(none.header("content-language"), "zh-CN");
    assert_eq!(en.header("content-language"), "en");
    assert_eq!(zh.status, en.status);
    assert_eq!(zh.body["type"], en.body["type"]);
    assert_eq!(zh.error_fields(), en.error_fields());
    assert_eq!(zh.content_type(), "application/problem+json");
    assert_ne!(zh.body["detail"], en.body["detail"]);
}

#[tokio::test]
async fn a_form_with_several_broken_rules_is_refused_in_chinese_unless_english_is_asked() {
    let app = spawn_app().await;
    let owner = app.signup("甲", "boss@shop.cn").await;
    let body = json!({
        "legal_name": "某公司", "credit_code": "91310115MA1K3Y1X2W", "billing_email": "billing",
        "contacts": [{ "name": "李", "phone": "12" }, { "name": "王", "email": "wang@" }],
        "bank": { "bank_name": "招商银行", "account_name": "某公司", "account_number": "6225-88" }
    });
    let (none, zh, en) = in_each_language(
        &app,
        Method::POST,
        "/api/v1/vendors",
        Some(&owner.token),
        Some(&body),
    )
    .await;
    assert_eq!(zh.status, 422, "{:?}", zh.body);
    assert_same_problem_in_two_languages(&none, &zh, &en);

    assert_eq!(zh.body["title"], "输入有误");
    assert_eq!(zh.body["detail"], "输入违反了 4 条规则");
    assert_eq!(
        messages(&zh),
        [
            "须为 5 至 20 位数字，可含 +、空格、连字符或括号",
            "须为形如 name@example.com 的邮箱地址",
            "须为形如 name@example.com 的邮箱地址",
            "须为 8 至 30 位数字（空格不计）",
        ]
    );
    assert_eq!(en.body["title"], "Unprocessable Entity");
    assert_eq!(en.body["detail"], "the input breaks 4 rule(s)");
    assert_eq!(
        messages(&en),
        [
            "must be 5 to 20 digits, optionally with +, spaces, dashes or brackets",
            "must look like name@example.com",
            "must look like name@example.com",
            "must be 8 to 30 digits (spaces are ignored)",
        ]
    );
}

#[tokio::test]
async fn a_body_that_does_not_read_is_explained_in_chinese_too() {
    let app = spawn_app().await;
    let owner = app.signup("甲", "boss@shop.cn").await;
    let body = json!({ "platform": "tmall", "name": "旗舰店", "tenant_id": 2 });
    let (none, zh, en) = in_each_language(
        &app,
        Method::POST,
        "/api/v1/shops",
        Some(&owner.token),
        Some(&body),
    )
    .await;
    assert_eq!(zh.status, 422, "{:?}", zh.body);
    assert_same_problem_in_two_languages(&none, &zh, &en);
    assert_eq!(zh.error_fields(), ["tenant_id"]);
    assert_eq!(
        messages(&zh),
        ["不接受字段“tenant_id”；可用的字段：platform、name、external_id"]
    );
    assert_eq!(
        messages(&en),
        ["unknown field `tenant_id`, expected one of `platform`, `name`, `external_id`"]
    );
}

#[tokio::test]
async fn a_conflict_with_what_is_stored_is_told_in_chinese() {
    let app = spawn_app().await;
    let owner = app.signup("甲", "boss@shop.cn").await;
    let body = vendor_body(CREDIT_CODES[0]);
    let first = app
        .post("/api/v1/vendors", &owner.token, body.clone())
        .await;
    assert_eq!(first.status, 201, "{:?}", first.body);

    let (none, zh, en) = in_each_language(
        &app,
        Method::POST,
        "/api/v1/vendors",
        Some(&owner.token),
        Some(&body),
    )
    .await;
    assert_eq!(zh.status, 409, "{:?}", zh.body);
    assert_same_problem_in_two_languages(&none, &zh, &en);
    assert_eq!(zh.body["title"], "与现有数据冲突");
    assert_eq!(zh.body["detail"], "已有使用此统一社会信用代码的服务商");
    assert_eq!(zh.error_fields(), ["credit_code"]);
    assert_eq!(messages(&zh), ["已有使用此统一社会信用代码的服务商"]);
    assert_eq!(en.body["title"], "Conflict");
    assert_eq!(
        en.body["detail"],
        "the tenant already has a vendor with this credit code"
    );
}

#[tokio::test]
async fn a_refused_step_names_the_status_in_the_reader_s_words() {
    let app = spawn_app().await;
    let owner = app.signup("甲", "boss@shop.cn").await;
    let mut body = vendor_body(CREDIT_CODES[0]);
    body.as_object_mut().unwrap().remove("bank");
    let vendor = app.post("/api/v1/vendors", &owner.token, body).await;
    let id = vendor.body["id"].as_i64().unwrap();
    let path = format!("/api/v1/vendors/{id}");
    let offboarded = app
        .patch(&path, &owner.token, json!({ "status": "offboarded" }))
        .await;
    assert_eq!(offboarded.status, 200, "{:?}", offboarded.body);

    let back = json!({ "status": "invited" });
    let (none, zh, en) =
        in_each_language(&app, Method::PATCH, &path, Some(&owner.token), Some(&back)).await;
    assert_eq!(zh.status, 409, "{:?}", zh.body);
    assert_same_problem_in_two_languages(&none, &zh, &en);
    assert_eq!(zh.body["detail"], "服务商不能从“已解除合作”变为“已邀请”");
    assert_eq!(
        en.body["detail"],
        "a vendor cannot go from offboarded to invited"
    );
}

#[tokio::test]
async fn not_found_is_said_in_chinese_for_a_thing_and_for_an_address() {
    let app = spawn_app().await;
    let owner = app.signup("甲", "boss@shop.cn").await;
    for path in ["/api/v1/vendors/999999", "/api/v1/no-such-thing"] {
        let (none, zh, en) =
            in_each_language(&app, Method::GET, path, Some(&owner.token), None).await;
        assert_eq!(zh.status, 404, "{path}: {:?}", zh.body);
        assert_same_problem_in_two_languages(&none, &zh, &en);
        assert_eq!(zh.body["title"], "未找到", "{path}");
        assert_eq!(zh.body["detail"], "未找到", "{path}");
        assert_eq!(en.body["title"], "Not Found", "{path}");
        assert_eq!(en.body["detail"], "not found", "{path}");
    }
}

#[tokio::test]
async fn a_missing_token_is_asked_for_in_chinese() {
    let app = spawn_app().await;
    let (none, zh, en) = in_each_language(&app, Method::GET, "/api/v1/me", None, None).await;
    assert_eq!(zh.status, 401, "{:?}", zh.body);
    assert_same_problem_in_two_languages(&none, &zh, &en);
    assert_eq!(zh.header("www-authenticate"), "Bearer");
    assert_eq!(zh.body["title"], "未登录或凭证无效");
    assert_eq!(zh.body["detail"], "需要有效的访问令牌（Bearer）或 API 密钥");
    assert_eq!(en.body["title"], "Unauthorized");
    assert_eq!(
        en.body["detail"],
        "a valid bearer token or API key is required"
    );
}

#[tokio::test]
async fn too_many_failed_logins_are_refused_in_chinese() {
    let app = spawn_app().await;
    app.signup("甲", "boss@shop.cn").await;
    let login = |password: &str| json!({ "email": "boss@shop.cn", "password": password });
    let wrong = app
        .call_in(
            None,
            Method::POST,
            "/api/v1/auth/login",
            None,
            Some(&login("guess")),
        )
        .await;
    assert_eq!(wrong.status, 401);
    assert_eq!(wrong.body["detail"], "邮箱或密码不正确");
    for _ in 0..4 {
        app.call_in(
            None,
            Method::POST,
            "/api/v1/auth/login",
            None,
            Some(&login("guess")),
        )
        .await;
    }
    let (none, zh, en) = in_each_language(
        &app,
        Method::POST,
        "/api/v1/auth/login",
        None,
        Some(&login(PASSWORD)),
    )
    .await;
    assert_eq!(zh.status, 429, "{:?}", zh.body);
    assert_same_problem_in_two_languages(&none, &zh, &en);
    assert!(!zh.header("retry-after").is_empty(), "{:?}", zh.headers);
    assert_eq!(zh.body["title"], "请求过于频繁");
    assert_eq!(zh.body["detail"], "登录失败次数过多，请稍后再试");
    assert_eq!(en.body["title"], "Too Many Requests");
    assert_eq!(en.body["detail"], "too many failed logins; try again later");
}

#[tokio::test]
async fn a_language_we_do_not_have_falls_back_to_chinese() {
    let app = spawn_app().await;
    for asked in ["fr-FR, de;q=0.8", "ja", "en;q=0", "*"] {
        let reply = app
            .call_in(Some(asked), Method::GET, "/api/v1/me", None, None)
            .await;
        assert_eq!(reply.status, 401);
        assert_eq!(reply.header("content-language"), "zh-CN", "{asked}");
        assert_eq!(reply.body["title"], "未登录或凭证无效", "{asked}");
    }
    let weighed = app
        .call_in(
            Some("fr;q=0.9, en;q=0.5"),
            Method::GET,
            "/api/v1/me",
            None,
            None,
        )
        .await;
    assert_eq!(weighed.header("content-language"), "en");
}

#[tokio::test]
async fn a_document_route_answers_its_errors_in_the_language_of_its_query() {
    let app = spawn_app().await;
    let owner = app.signup("甲", "boss@shop.cn").await;
    let token = Some(owner.token.as_str());
    let missing = app
        .call_in(
            Some("zh-CN"),
            Method::GET,
            "/api/v1/invoices/999999.pdf?language=en",
            token,
            None,
        )
        .await;
    assert_eq!(missing.status, 404);
    assert_eq!(missing.header("content-language"), "en");
    assert_eq!(missing.body["detail"], "not found");

    // An unknown language is the route's own refusal, read as the header asks.
    let unknown = app
        .call_in(
            Some("zh-CN"),
            Method::GET,
            "/api/v1/invoices/999999.pdf?language=fr",
            token,
            None,
        )
        .await;
    assert_eq!(unknown.status, 422, "{:?}", unknown.body);
    assert_eq!(unknown.error_fields(), ["language"]);
    assert_eq!(messages(&unknown), ["须为 zh-CN 或 en"]);

    // Even before the caller is known.
    let anonymous = app
        .call_in(
            Some("zh-CN"),
            Method::GET,
            "/api/v1/invoices/1.pdf?language=en",
            None,
            None,
        )
        .await;
    assert_eq!(anonymous.status, 401);
    assert_eq!(anonymous.header("content-language"), "en");
}
