//! Signing in and out of the pages, and what protects a session: the cookie's
//! flags, its limits, the CSRF token and the origin check.

use std::time::Duration;

use super::Visit;
use crate::helpers::{PASSWORD, spawn_app, spawn_app_with};

#[tokio::test]
async fn the_sign_in_page_is_chinese_unless_the_browser_asks_for_english() {
    let app = spawn_app().await;
    let mut visit = Visit::new(&app);

    let page = visit.get("/").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains(r#"<html lang="zh-CN">"#));
    assert!(page.body.contains("<h1>登录</h1>"), "{}", page.body);

    visit.language = Some("en-GB,en;q=0.9,zh;q=0.5");
    let page = visit.get("/").await;
    assert!(page.body.contains("<h1>Sign in</h1>"), "{}", page.body);

    // The visitor's own choice wins over what the browser asks for, and is remembered.
    let switched = visit.get("/language/zh-CN?to=/").await;
    assert_eq!((switched.status, switched.location()), (303, "/"));
    assert!(
        switched
            .set_cookie("kefu_lang")
            .unwrap()
            .contains("Max-Age=")
    );
    assert!(visit.get("/").await.body.contains("<h1>登录</h1>"));
}

#[tokio::test]
async fn signing_in_sets_a_session_cookie_no_script_can_read_and_opens_the_home_page() {
    let app = spawn_app().await;
    app.signup("杭州某某电子商务有限公司", "owner@shop.cn")
        .await;
    let mut visit = Visit::new(&app);

    let signed_in = visit.sign_in("owner@shop.cn", PASSWORD).await;
    assert_eq!((signed_in.status, signed_in.location()), (303, "/home"));
    let cookie = signed_in
        .set_cookie("kefu_session")
        .expect("a session cookie");
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
    assert!(
        !cookie.contains("Secure"),
        "plain HTTP on loopback: {cookie}"
    );
    let secret = cookie.split(';').next().unwrap().split_once('.').unwrap().1;
    assert_eq!(secret.len(), 64, "256 bits in hex: {cookie}");

    let home = visit.get("/home").await;
    assert_eq!(home.status, 200);
    assert!(home.body.contains("当前用户：店主"), "{}", home.body);
    assert!(home.body.contains("杭州某某电子商务有限公司"));
    // Signed in, the sign-in page sends the visitor on.
    let again = visit.get("/").await;
    assert_eq!((again.status, again.location()), (303, "/home"));
}

#[tokio::test]
async fn secure_cookies_when_kefu_is_served_over_tls_by_a_proxy() {
    let app = spawn_app_with(|settings| settings.web.secure_cookies = true).await;
    app.signup("某某店", "owner@shop.cn").await;
    let mut visit = Visit::new(&app);
    let signed_in = visit.sign_in("owner@shop.cn", PASSWORD).await;
    assert!(
        signed_in
            .set_cookie("kefu_session")
            .unwrap()
            .contains("Secure")
    );
}

#[tokio::test]
async fn a_wrong_password_shows_the_form_again_and_starts_no_session() {
    let app = spawn_app().await;
    app.signup("某某店", "owner@shop.cn").await;
    let mut visit = Visit::new(&app);

    let refused = visit.sign_in("owner@shop.cn", "not the password").await;
    assert_eq!(refused.status, 422);
    assert!(
        refused.body.contains("邮箱或密码不正确"),
        "{}",
        refused.body
    );
    assert!(
        refused.body.contains(r#"value="owner@shop.cn""#),
        "the email is kept"
    );
    assert!(refused.set_cookie("kefu_session").is_none());
    // An unknown address answers exactly alike.
    let unknown = visit.sign_in("nobody@shop.cn", "not the password").await;
    assert_eq!(unknown.status, 422);
    assert!(unknown.body.contains("邮箱或密码不正确"));
    assert_eq!(visit.get("/home").await.status, 303);
}

#[tokio::test]
async fn a_form_without_its_csrf_token_or_from_another_site_is_refused_and_changes_nothing() {
    let app = spawn_app().await;
    app.signup("某某店", "owner@shop.cn").await;
    let mut visit = Visit::new(&app);
    let token = visit.get("/").await.hidden("csrf");
    let login = |csrf: &'static str| {
        [
            ("csrf", csrf),
            ("email", "owner@shop.cn"),
            ("password", PASSWORD),
            ("next", ""),
        ]
    };

    // Sign-in without the form's token, with another token, from another site, with no origin.
    let no_token = visit.post("/sign-in", &login("")).await;
    let wrong_token = visit
        .post(
            "/sign-in",
            &login("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"),
        )
        .await;
    let form = [
        ("csrf", token.as_str()),
        ("email", "owner@shop.cn"),
        ("password", PASSWORD),
        ("next", ""),
    ];
    let foreign = visit
        .post_from("/sign-in", &form, Some("https://evil.example"))
        .await;
    let no_origin = visit.post_from("/sign-in", &form, None).await;
    for refused in [&no_token, &wrong_token, &foreign, &no_origin] {
        assert_eq!(refused.status, 403, "{refused:?}");
        assert!(refused.body.contains("表单已失效"), "{}", refused.body);
        assert!(refused.set_cookie("kefu_session").is_none());
    }

    // Signed in, a sign-out without the session's token leaves the session as it was.
    assert_eq!(visit.post("/sign-in", &form).await.status, 303);
    let refused = visit.post("/sign-out", &[("csrf", "")]).await;
    assert_eq!(refused.status, 403);
    let other_session = {
        let mut other = Visit::new(&app);
        other.sign_in("owner@shop.cn", PASSWORD).await;
        other.csrf().await
    };
    assert_eq!(
        visit
            .post("/sign-out", &[("csrf", &other_session)])
            .await
            .status,
        403
    );
    assert_eq!(visit.get("/home").await.status, 200, "still signed in");
}

#[tokio::test]
async fn signing_out_ends_the_session_on_the_server_not_only_in_the_browser() {
    let app = spawn_app().await;
    app.signup("某某店", "owner@shop.cn").await;
    let mut visit = Visit::new(&app);
    visit.sign_in("owner@shop.cn", PASSWORD).await;
    let kept = visit.cookies.clone();

    let csrf = visit.csrf().await;
    let out = visit.post("/sign-out", &[("csrf", &csrf)]).await;
    assert_eq!((out.status, out.location()), (303, "/?signed_out=1"));
    assert!(!visit.cookies.contains_key("kefu_session"));
    assert!(
        visit
            .get("/?signed_out=1")
            .await
            .body
            .contains("您已退出登录")
    );

    // The old cookie, replayed, opens nothing.
    visit.cookies = kept;
    let home = visit.get("/home").await;
    assert_eq!(
        (home.status, home.location()),
        (303, "/?ended=1&next=%2Fhome")
    );
}

#[tokio::test]
async fn signing_in_again_replaces_the_session_the_browser_had() {
    let app = spawn_app().await;
    app.signup("某某店", "owner@shop.cn").await;
    let mut visit = Visit::new(&app);
    visit.sign_in("owner@shop.cn", PASSWORD).await;
    let first = visit.cookies.clone();

    visit.cookies.remove("kefu_session");
    visit
        .cookies
        .insert("kefu_session".into(), first["kefu_session"].clone());
    // Signing in with a session cookie already set (as after a fixation attempt).
    let page = visit.get("/?ended=1").await;
    assert_eq!(page.status, 303, "the session still holds: {page:?}");
    let token = {
        let mut fresh = Visit::new(&app);
        let page = fresh.get("/").await;
        visit
            .cookies
            .insert("kefu_form".into(), fresh.cookies["kefu_form"].clone());
        page.hidden("csrf")
    };
    let again = visit
        .post(
            "/sign-in",
            &[
                ("csrf", &token),
                ("email", "owner@shop.cn"),
                ("password", PASSWORD),
                ("next", ""),
            ],
        )
        .await;
    assert_eq!(again.status, 303);
    assert_ne!(
        visit.cookies["kefu_session"], first["kefu_session"],
        "a new secret"
    );

    let mut old = Visit::new(&app);
    old.cookies = first;
    assert_eq!(old.get("/home").await.status, 303, "the old session ended");
}

#[tokio::test]
async fn a_session_ends_after_its_idle_time() {
    let app = spawn_app_with(|settings| settings.web.sessions.idle = Duration::from_secs(1)).await;
    app.signup("某某店", "owner@shop.cn").await;
    let mut visit = Visit::new(&app);
    visit.sign_in("owner@shop.cn", PASSWORD).await;
    assert_eq!(visit.get("/home").await.status, 200);

    tokio::time::sleep(Duration::from_millis(1100)).await;
    let home = visit.get("/home").await;
    assert_eq!(
        (home.status, home.location()),
        (303, "/?ended=1&next=%2Fhome")
    );
    let page = visit.get(home.location()).await;
    assert!(page.body.contains("登录已过期"), "{}", page.body);
    assert!(
        page.body.contains(r#"name="next" value="/home""#),
        "{}",
        page.body
    );
}

#[tokio::test]
async fn deactivating_a_user_ends_their_browser_sessions_at_once() {
    let app = spawn_app().await;
    let owner = app.signup("某某店", "owner@shop.cn").await;
    let clerk = app.user(&owner, "finance@shop.cn", "finance", None).await;
    let mut visit = Visit::new(&app);
    visit.sign_in("finance@shop.cn", PASSWORD).await;
    assert_eq!(visit.get("/home").await.status, 200);

    let reply = app
        .post(
            &format!("/api/v1/users/{}/deactivate", clerk.user_id),
            &owner.token,
            serde_json::json!({}),
        )
        .await;
    assert_eq!(reply.status, 200, "{:?}", reply.body);
    assert_eq!(visit.get("/home").await.status, 303);
}

#[tokio::test]
async fn a_session_cookie_names_its_tenant_and_cannot_be_moved_to_another() {
    let app = spawn_app().await;
    app.signup("甲店", "owner@a.cn").await;
    app.signup("乙店", "owner@b.cn").await;
    let mut visit = Visit::new(&app);
    visit.sign_in("owner@a.cn", PASSWORD).await;
    let cookie = visit.cookies["kefu_session"].clone();
    let (tenant, secret) = cookie.split_once('.').unwrap();
    assert_eq!(tenant, "1");

    visit
        .cookies
        .insert("kefu_session".into(), format!("2.{secret}"));
    assert_eq!(visit.get("/home").await.status, 303);
}

#[tokio::test]
async fn pages_that_do_not_exist_answer_a_404_page_and_api_addresses_a_problem() {
    let app = spawn_app().await;
    let mut visit = Visit::new(&app);
    let page = visit.get("/no/such/page").await;
    assert_eq!(page.status, 404);
    assert!(
        page.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    assert!(page.body.contains("页面不存在"), "{}", page.body);

    let api = visit.get("/api/v1/no-such-thing").await;
    assert_eq!(api.status, 404);
    assert_eq!(api.headers["content-type"], "application/problem+json");
}

#[tokio::test]
async fn assets_are_served_from_the_binary_with_long_cache_lifetimes() {
    let app = spawn_app().await;
    let mut visit = Visit::new(&app);
    let page = visit.get("/").await;
    let htmx = page
        .body
        .split("src=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_owned();
    assert!(htmx.starts_with("/assets/htmx.min.js?v="), "{htmx}");

    let script = visit.get(&htmx).await;
    assert_eq!(script.status, 200);
    assert!(script.body.contains("htmx"));
    let cache = script.headers["cache-control"].to_str().unwrap();
    assert!(
        cache.contains("max-age=31536000") && cache.contains("immutable"),
        "{cache}"
    );
    assert_eq!(visit.get("/assets/nothing.js").await.status, 404);
}

#[tokio::test]
async fn developers_find_the_api_described_in_swagger_ui() {
    let app = spawn_app().await;
    let mut visit = Visit::new(&app);
    let docs = visit.get("/api/docs/").await;
    assert_eq!(docs.status, 200);
    assert!(docs.body.contains("swagger-ui"), "{}", docs.body);
    let config = visit.get("/api/docs/swagger-initializer.js").await;
    assert!(
        config.body.contains(r#""url": "/api/openapi.json""#),
        "{}",
        config.body
    );
}

#[tokio::test]
async fn a_form_too_large_to_read_answers_a_page_and_changes_nothing() {
    let app = spawn_app().await;
    app.signup("某某店", "owner@shop.cn").await;
    let mut visit = Visit::new(&app);
    let token = visit.get("/").await.hidden("csrf");
    let huge = "x".repeat(100 * 1024);
    let refused = visit
        .post(
            "/sign-in",
            &[
                ("csrf", &token),
                ("email", "owner@shop.cn"),
                ("password", &huge),
                ("next", ""),
            ],
        )
        .await;
    assert_eq!(refused.status, 400);
    assert!(refused.body.contains("表单无法读取"), "{}", refused.body);
    assert!(refused.set_cookie("kefu_session").is_none());
}
