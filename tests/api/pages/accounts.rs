//! Accounts from the pages: an invitation and a password reset followed
//! through the mail to a real SMTP server, and a password changed.

use std::time::Duration;

use mail_parser::MessageParser;

use super::browser::Browser;
use super::{Seen, Visit};
use crate::helpers::{CREDIT_CODES, PASSWORD, TestApp, spawn_app_with};
use crate::smtp::{Received, Smtp};

async fn with_mail(smtp: &Smtp) -> TestApp {
    let url = smtp.url();
    spawn_app_with(move |settings| {
        settings.mail.smtp_url = Some(url);
        settings.mail.poll = Duration::from_millis(100);
        settings.mail.smtp_timeout = Duration::from_secs(5);
    })
    .await
}

/// The subject, the plain-text body and the account link of a mail.
fn read(mail: &Received) -> (String, String, String) {
    let message = MessageParser::default().parse(&mail.raw).unwrap();
    let subject = message.subject().unwrap_or_default().to_owned();
    let body = message.body_text(0).unwrap_or_default().into_owned();
    let link = body
        .split_whitespace()
        .find(|word| word.contains("/account/"))
        .unwrap_or_default()
        .to_owned();
    (subject, body, link)
}

/// The path of a link, to visit it on the test server.
fn path_of(link: &str) -> String {
    let after_scheme = link.split_once("://").map_or(link, |(_, rest)| rest);
    after_scheme[after_scheme.find('/').unwrap()..].to_owned()
}

async fn choose(visit: &mut Visit, path: &str, password: &str, again: &str) -> Seen {
    let page = visit.get(path).await;
    let token = page.hidden("csrf");
    visit
        .post(
            path,
            &[
                ("csrf", &token),
                ("password", password),
                ("password_again", again),
            ],
        )
        .await
}

#[tokio::test]
async fn an_invited_vendor_manager_chooses_a_password_through_the_mail_and_signs_in() {
    let smtp = Smtp::start(None);
    let app = with_mail(&smtp).await;
    let owner = app.signup("杭州某某电子商务有限公司", "boss@shop.cn").await;
    let vendor = app.active_vendor(&owner.token, CREDIT_CODES[0]).await;
    let mut boss = Visit::new(&app);
    boss.sign_in("boss@shop.cn", PASSWORD).await;

    let csrf = boss.csrf().await;
    let vendor_id = vendor.to_string();
    let invite = [
        ("csrf", csrf.as_str()),
        ("email", "li@vendor.cn"),
        ("display_name", "李经理"),
        ("role", "vendor"),
        ("vendor_id", vendor_id.as_str()),
        ("language", "zh-CN"),
    ];
    let invited = boss.post("/users/invite", &invite).await;
    assert_eq!(invited.status, 303, "{}", invited.body);
    let users = boss.get(invited.location()).await;
    assert!(
        users.body.contains("已向 li@vendor.cn 发送邀请邮件"),
        "{}",
        users.body
    );
    assert!(users.body.contains("李经理"));
    // Invited, not yet able to sign in with any password.
    assert_eq!(app.login("li@vendor.cn", PASSWORD).await.status, 401);

    let mail = smtp.wait_for(1).await;
    assert_eq!(mail[0].recipients, ["li@vendor.cn"]);
    let (subject, body, link) = read(&mail[0]);
    assert_eq!(
        subject,
        "杭州某某电子商务有限公司 邀请您使用客服外包结算平台"
    );
    assert!(
        body.contains("李经理，您好") && body.contains("72 小时"),
        "{body}"
    );
    assert!(
        link.starts_with(&format!("{}/account/invitation/", app.address)),
        "{link}"
    );

    let mut li = Visit::new(&app);
    let path = path_of(&link);
    let page = li.get(&path).await;
    assert!(page.body.contains("李经理，欢迎加入") && page.body.contains("li@vendor.cn"));
    let differ = choose(&mut li, &path, "a long passphrase", "another passphrase").await;
    assert_eq!(differ.status, 422);
    assert!(differ.body.contains("两次输入的密码不一致"));
    let short = choose(&mut li, &path, "short", "short").await;
    assert_eq!(short.status, 422);
    let chosen = choose(&mut li, &path, "a long passphrase", "a long passphrase").await;
    assert_eq!(
        (chosen.status, chosen.location()),
        (303, "/?password_set=1")
    );

    assert_eq!(
        li.sign_in("li@vendor.cn", "a long passphrase")
            .await
            .location(),
        "/home"
    );
    let used_again = li.get(&path).await;
    assert_eq!(used_again.status, 404);
    assert!(
        used_again.body.contains("链接已失效"),
        "{}",
        used_again.body
    );
}

#[tokio::test]
async fn only_the_owner_invites() {
    let smtp = Smtp::start(None);
    let app = with_mail(&smtp).await;
    let owner = app.signup("某某店", "boss@shop.cn").await;
    app.user(&owner, "finance@shop.cn", "finance", None).await;
    let mut finance = Visit::new(&app);
    finance.sign_in("finance@shop.cn", PASSWORD).await;
    let csrf = finance.csrf().await;
    let form = [
        ("csrf", csrf.as_str()),
        ("email", "new@shop.cn"),
        ("display_name", "新人"),
        ("role", "finance"),
        ("vendor_id", ""),
        ("language", "zh-CN"),
    ];
    let refused = finance.post("/users/invite", &form).await;
    assert_eq!(refused.status, 403);
    assert!(refused.body.contains("无权操作"), "{}", refused.body);
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(smtp.received().is_empty());
}

#[tokio::test]
async fn a_forgotten_password_is_reset_through_the_mail_and_old_sessions_end() {
    let smtp = Smtp::start(None);
    let app = with_mail(&smtp).await;
    app.signup("某某店", "boss@shop.cn").await;
    let mut elsewhere = Visit::new(&app);
    elsewhere.sign_in("boss@shop.cn", PASSWORD).await;

    let mut visit = Visit::new(&app);
    let ask = async |visit: &mut Visit, email: &str| {
        let page = visit.get("/forgot-password").await;
        let token = page.hidden("csrf");
        visit
            .post("/forgot-password", &[("csrf", &token), ("email", email)])
            .await
    };
    let unknown = ask(&mut visit, "nobody@shop.cn").await;
    let known = ask(&mut visit, "boss@shop.cn").await;
    assert_eq!((unknown.status, known.status), (200, 200));
    let said = |page: &Seen| {
        page.body
            .split("<main>")
            .nth(1)
            .unwrap_or_default()
            .replace("nobody@shop.cn", "boss@shop.cn")
    };
    assert_eq!(
        said(&unknown),
        said(&known),
        "the same answer for any address"
    );
    assert!(known.body.contains("30 分钟内有效"));

    let mail = smtp.wait_for(1).await;
    assert_eq!(mail[0].recipients, ["boss@shop.cn"]);
    let (subject, _, link) = read(&mail[0]);
    assert_eq!(subject, "设置新密码");
    // Asking again at once sends no second mail.
    ask(&mut visit, "boss@shop.cn").await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(smtp.received().len(), 1);

    let path = path_of(&link);
    assert!(path.starts_with("/account/reset/"), "{path}");
    let chosen = choose(
        &mut visit,
        &path,
        "a new long passphrase",
        "a new long passphrase",
    )
    .await;
    assert_eq!(chosen.location(), "/?password_set=1");
    assert!(
        visit
            .get("/?password_set=1")
            .await
            .body
            .contains("密码已设置")
    );
    assert_eq!(app.login("boss@shop.cn", PASSWORD).await.status, 401);
    assert_eq!(
        app.login("boss@shop.cn", "a new long passphrase")
            .await
            .status,
        200
    );
    assert_eq!(
        elsewhere.get("/home").await.status,
        303,
        "the other session ended"
    );
    assert_eq!(visit.get(&path).await.status, 404, "a link opens once");
}

#[tokio::test]
async fn a_signed_in_person_changes_their_password_and_their_other_sessions_end() {
    let smtp = Smtp::start(None);
    let app = with_mail(&smtp).await;
    app.signup("某某店", "boss@shop.cn").await;
    let mut here = Visit::new(&app);
    here.sign_in("boss@shop.cn", PASSWORD).await;
    let mut there = Visit::new(&app);
    there.sign_in("boss@shop.cn", PASSWORD).await;

    let csrf = here.csrf().await;
    let change = |current: &'static str, new: &'static str| {
        [
            ("csrf", csrf.clone()),
            ("current_password", current.to_owned()),
            ("new_password", new.to_owned()),
            ("new_password_again", new.to_owned()),
        ]
    };
    let form = change("not my password", "a new long passphrase");
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let wrong = here.post("/account/password", &form).await;
    assert_eq!(wrong.status, 422);

    let form = change(PASSWORD, "a new long passphrase");
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let changed = here.post("/account/password", &form).await;
    assert_eq!(changed.status, 200, "{}", changed.body);
    assert!(changed.body.contains("密码已修改"));
    assert_eq!(here.get("/home").await.status, 200, "this session goes on");
    assert_eq!(there.get("/home").await.status, 303, "the other ended");
    assert_eq!(
        app.login("boss@shop.cn", "a new long passphrase")
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn in_the_browser_an_owner_invites_a_finance_clerk_who_resets_a_forgotten_password() {
    let smtp = Smtp::start(None);
    let app = with_mail(&smtp).await;
    app.signup("杭州某某电子商务有限公司", "boss@shop.cn").await;
    let Some(browser) = Browser::open(&app, "an invitation and a reset").await else {
        return;
    };
    browser.go("/").await;
    browser.fill("#email", "boss@shop.cn").await;
    browser.fill("#password", PASSWORD).await;
    browser.click("button[type=submit]").await;
    browser.click("a[href='/users']").await;
    browser.fill("#invite-email", "zhao@shop.cn").await;
    browser.fill("#invite-name", "赵会计").await;
    browser
        .client
        .execute(
            "document.querySelector('#invite-role').value = 'finance'",
            vec![],
        )
        .await
        .unwrap();
    browser.screenshot("users").await;
    browser.click("form[action='/users/invite'] button").await;
    assert!(browser.text("#invited").await.contains("zhao@shop.cn"));
    browser.click(".top form button").await;

    // The invitation, followed from the mail.
    let (_, _, link) = read(&smtp.wait_for(1).await[0]);
    browser.go(&path_of(&link)).await;
    assert!(browser.text("main").await.contains("赵会计，欢迎加入"));
    browser.fill("#password", "first long passphrase").await;
    browser
        .fill("#password_again", "first long passphrase")
        .await;
    browser.click("main form button").await;
    assert!(browser.text("main").await.contains("密码已设置"));

    // Forgotten already: a reset, followed from the mail.
    browser.click("a[href='/forgot-password']").await;
    browser.fill("#email", "zhao@shop.cn").await;
    browser.click("main form button").await;
    assert!(browser.text("#reset-sent").await.contains("30 分钟"));
    let (_, _, link) = read(&smtp.wait_for(2).await[1]);
    browser.go(&path_of(&link)).await;
    browser.fill("#password", "second long passphrase").await;
    browser
        .fill("#password_again", "second long passphrase")
        .await;
    browser.click("main form button").await;
    browser.fill("#email", "zhao@shop.cn").await;
    browser.fill("#password", "second long passphrase").await;
    browser.click("main form button").await;
    assert_eq!(browser.path().await, "/home");
    assert!(browser.text(".who").await.contains("赵会计 · 财务"));
    browser.close().await;
}
