//! Mailing invoices through the outbox, against a real SMTP server on a
//! loopback port: attachments arrive intact, a server that is down delays a
//! mail but loses none, a refusal ends `failed` with the server's answer, and
//! no mail goes twice, not even with two kefu servers on one database.

use std::collections::BTreeSet;
use std::net::TcpListener;
use std::time::{Duration, Instant};

use mail_parser::{MessageParser, MimeHeaders};
use serde_json::{Value, json};

use crate::helpers::TestApp;
use crate::invoices::Billing;
use crate::kpi::last_month;
use crate::smtp::Smtp;

/// Fast retries, so a test sees several attempts in a second or two.
pub fn quick(settings: &mut kefu::config::Settings, smtp_url: Option<String>) {
    settings.mail.smtp_url = smtp_url;
    settings.mail.from = "财务部 <billing@shop.cn>".into();
    settings.mail.poll = Duration::from_millis(100);
    settings.mail.retry_base = Duration::from_millis(200);
    settings.mail.max_attempts = 30;
    settings.mail.smtp_timeout = Duration::from_secs(5);
}

async fn issued(b: &Billing) -> Value {
    let draft = b.draft().await;
    let reply = b.issue(draft["id"].as_i64().unwrap()).await;
    assert_eq!(reply.status, 200, "{:?}", reply.body);
    reply.body
}

async fn email(b: &Billing, invoice: i64, body: Value, key: Option<&str>) -> crate::helpers::Reply {
    let headers: Vec<(&str, &str)> = key.map(|k| ("Idempotency-Key", k)).into_iter().collect();
    b.s.app
        .send(
            reqwest::Method::POST,
            &format!("/api/v1/invoices/{invoice}/email"),
            &b.finance.token,
            "application/json",
            body.to_string(),
            &headers,
        )
        .await
}

/// Waits (at most 30 s) until the mail is in a final state, or `until` holds.
async fn mail_when(app: &TestApp, token: &str, id: i64, until: impl Fn(&Value) -> bool) -> Value {
    let started = Instant::now();
    loop {
        let reply = app.get(&format!("/api/v1/outbox/{id}"), token).await;
        assert_eq!(reply.status, 200, "{:?}", reply.body);
        if until(&reply.body) {
            return reply.body;
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "mail {id} never got there: {:?}",
            reply.body
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// An issued invoice's mail, queued on a server that does not send (its worker is
/// off, like a server stopped before its worker got there): the invoice and mail ids.
async fn queued_but_not_sent(smtp: &Smtp) -> (Billing, i64, i64) {
    let url = smtp.url();
    let b = Billing::new_with(|s| {
        quick(s, Some(url));
        s.mail.worker = false;
    })
    .await;
    let invoice = issued(&b).await;
    let id = invoice["id"].as_i64().unwrap();
    let mail = first_mail(&email(&b, id, json!({}), None).await);
    (b, id, mail)
}

fn status_is(status: &'static str) -> impl Fn(&Value) -> bool {
    move |mail| mail["status"] == status
}

fn first_mail(reply: &crate::helpers::Reply) -> i64 {
    assert_eq!(reply.status, 202, "{:?}", reply.body);
    reply.body["mails"][0]["id"].as_i64().unwrap()
}

#[tokio::test]
async fn an_emailed_invoice_arrives_once_with_its_pdf_and_csv_intact() {
    let smtp = Smtp::start(None);
    let url = smtp.url();
    let b = Billing::new_with(|s| quick(s, Some(url))).await;
    let invoice = issued(&b).await;
    let id = invoice["id"].as_i64().unwrap();
    let number = invoice["number"].as_str().unwrap();

    let body = json!({ "to": ["ap@shop.cn"], "cc": ["cfo@shop.cn"], "language": "zh-CN" });
    let first = email(&b, id, body.clone(), Some("mail-once")).await;
    let mail = first_mail(&first);
    // The same request again is the same mail, not a second one.
    let again = email(&b, id, body, Some("mail-once")).await;
    assert_eq!(first_mail(&again), mail);

    let sent = mail_when(&b.s.app, &b.finance.token, mail, status_is("sent")).await;
    assert_eq!(sent["attempts"], 1);
    assert_eq!(sent["history"][0]["outcome"], "sent");
    assert!(
        sent["history"][0]["response"]
            .as_str()
            .unwrap()
            .starts_with("250")
    );
    let shown = b.get(id).await;
    assert_eq!(shown["status"], "sent");

    // Nothing more arrives, however long we wait for a straggler.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let received = smtp.received();
    assert_eq!(received.len(), 1);
    let recipients: BTreeSet<&str> = received[0].recipients.iter().map(String::as_str).collect();
    assert_eq!(recipients, BTreeSet::from(["ap@shop.cn", "cfo@shop.cn"]));

    let message = MessageParser::default().parse(&received[0].raw).unwrap();
    let subject = message.subject().unwrap();
    assert!(
        subject.contains(number) && subject.contains("服务费结算单"),
        "{subject}"
    );
    assert_eq!(
        message.message_id(),
        sent["message_id"]
            .as_str()
            .map(|m| m.trim_matches(['<', '>']))
    );
    let text = message.body_text(0).unwrap();
    assert!(text.contains("价税合计"), "{text}");
    let attachments: Vec<_> = message.attachments().collect();
    assert_eq!(attachments.len(), 2);
    let pdf = attachments
        .iter()
        .find(|a| a.attachment_name() == Some(&format!("{number}.pdf")))
        .expect("the PDF is attached");
    let pdf_text = pdf_extract::extract_text_from_mem(pdf.contents()).unwrap();
    assert!(
        pdf_text.contains(number) && pdf_text.contains("价税合计"),
        "{pdf_text}"
    );
    let csv = attachments
        .iter()
        .find(|a| a.attachment_name() == Some(&format!("{number}.csv")))
        .expect("the CSV is attached");
    let (status, _, download) =
        b.s.app
            .download(&format!("/api/v1/invoices/{id}.csv"), &b.finance.token)
            .await;
    assert_eq!(status, 200);
    assert_eq!(
        csv.contents(),
        &download[..],
        "the CSV arrives byte for byte"
    );
}

#[tokio::test]
async fn a_mail_waits_while_the_server_is_down_and_goes_once_it_is_up() {
    // A port with nothing listening on it yet.
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("smtp://127.0.0.1:{port}");
    let b = Billing::new_with(|s| quick(s, Some(url))).await;
    let invoice = issued(&b).await;
    let id = invoice["id"].as_i64().unwrap();
    let mail = first_mail(&email(&b, id, json!({}), None).await);

    let waiting = mail_when(&b.s.app, &b.finance.token, mail, |m| {
        m["attempts"].as_u64() >= Some(2)
    })
    .await;
    assert_eq!(waiting["status"], "pending");
    assert!(
        waiting["last_error"]
            .as_str()
            .is_some_and(|e| !e.is_empty())
    );
    assert_eq!(b.get(id).await["status"], "issued");

    let smtp = Smtp::on(TcpListener::bind(("127.0.0.1", port)).unwrap(), None);
    let sent = mail_when(&b.s.app, &b.finance.token, mail, status_is("sent")).await;
    let history = sent["history"].as_array().unwrap();
    assert!(history.len() >= 3);
    assert!(
        history[..history.len() - 1]
            .iter()
            .all(|a| a["outcome"] == "retry")
    );
    assert_eq!(history.last().unwrap()["outcome"], "sent");
    tokio::time::sleep(Duration::from_millis(300)).await;
    let received = smtp.received();
    assert_eq!(received.len(), 1);
    // Left out, `to` is the vendor's billing address.
    assert_eq!(received[0].recipients, vec!["billing@vendor.cn".to_owned()]);
}

#[tokio::test]
async fn a_refused_recipient_ends_failed_with_the_reason_and_can_be_retried() {
    let smtp = Smtp::start(Some("nobody@shop.cn"));
    let url = smtp.url();
    let b = Billing::new_with(|s| quick(s, Some(url))).await;
    let invoice = issued(&b).await;
    let id = invoice["id"].as_i64().unwrap();
    let mail = first_mail(&email(&b, id, json!({ "to": ["nobody@shop.cn"] }), None).await);

    let failed = mail_when(&b.s.app, &b.finance.token, mail, status_is("failed")).await;
    assert_eq!(
        failed["attempts"], 1,
        "a refusal for good is not tried again"
    );
    let error = failed["last_error"].as_str().unwrap();
    assert!(error.contains("550"), "{error}");
    let listed =
        b.s.app
            .get("/api/v1/outbox?status=failed", &b.finance.token)
            .await;
    assert_eq!(listed.body["items"][0]["id"], mail);
    assert!(smtp.received().is_empty());
    assert_eq!(b.get(id).await["status"], "issued");

    let retried =
        b.s.app
            .post(
                &format!("/api/v1/outbox/{mail}/retry"),
                &b.finance.token,
                json!({}),
            )
            .await;
    assert_eq!(
        (retried.status, &retried.body["status"]),
        (200, &json!("pending"))
    );
    let again = mail_when(&b.s.app, &b.finance.token, mail, status_is("failed")).await;
    assert_eq!(again["history"].as_array().unwrap().len(), 2);
    let not_failed =
        b.s.app
            .post(
                &format!("/api/v1/outbox/{}/retry", mail),
                &b.finance.token,
                json!({}),
            )
            .await;
    assert_eq!(not_failed.status, 200);
    let sent = first_mail(&email(&b, id, json!({ "to": ["ap@shop.cn"] }), None).await);
    mail_when(&b.s.app, &b.finance.token, sent, status_is("sent")).await;
    let twice =
        b.s.app
            .post(
                &format!("/api/v1/outbox/{sent}/retry"),
                &b.finance.token,
                json!({}),
            )
            .await;
    assert_eq!(twice.status, 409, "a sent mail is not sent again");
}

#[tokio::test]
async fn two_servers_on_one_database_send_every_mail_exactly_once() {
    let smtp = Smtp::start(None);
    let url = smtp.url();
    let second_url = url.clone();
    let b = Billing::new_with(|s| quick(s, Some(url))).await;
    let other = b.s.app.beside(|s| quick(s, Some(second_url))).await;
    let invoice = issued(&b).await;
    let id = invoice["id"].as_i64().unwrap();
    // Twenty separate requests, half through each server.
    let mut mails = Vec::new();
    for n in 0..20 {
        let body = json!({ "to": [format!("ap{n}@shop.cn")] });
        let reply = if n % 2 == 0 {
            email(&b, id, body, None).await
        } else {
            other
                .post(
                    &format!("/api/v1/invoices/{id}/email"),
                    &b.finance.token,
                    body,
                )
                .await
        };
        mails.push(first_mail(&reply));
    }
    for &mail in &mails {
        let sent = mail_when(&b.s.app, &b.finance.token, mail, status_is("sent")).await;
        assert_eq!(sent["attempts"], 1, "{sent}");
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    let received = smtp.received();
    assert_eq!(received.len(), 20);
    let recipients: BTreeSet<String> = received.iter().flat_map(|r| r.recipients.clone()).collect();
    assert_eq!(recipients.len(), 20, "each recipient got exactly one mail");
}

#[tokio::test]
async fn a_server_started_later_sends_what_was_queued_before() {
    let smtp = Smtp::start(None);
    let (b, _, mail) = queued_but_not_sent(&smtp).await;
    tokio::time::sleep(Duration::from_millis(400)).await;
    let waiting =
        b.s.app
            .get(&format!("/api/v1/outbox/{mail}"), &b.finance.token)
            .await;
    assert_eq!(
        (&waiting.body["status"], &waiting.body["attempts"]),
        (&json!("pending"), &json!(0))
    );

    let _restarted = b.s.app.beside(|s| quick(s, Some(smtp.url()))).await;
    mail_when(&b.s.app, &b.finance.token, mail, status_is("sent")).await;
    assert_eq!(smtp.received().len(), 1);
}

#[tokio::test]
async fn with_nothing_set_mails_are_written_as_eml_files_in_the_data_folder() {
    let b = Billing::new_with(|s| quick(s, None)).await;
    let invoice = issued(&b).await;
    let id = invoice["id"].as_i64().unwrap();
    let mail = first_mail(&email(&b, id, json!({ "language": "en" }), None).await);
    mail_when(&b.s.app, &b.finance.token, mail, status_is("sent")).await;
    let folder = b.s.app.data_dir.path().join("outbox");
    let files: Vec<_> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|f| f.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    assert_eq!(files[0].extension().and_then(|e| e.to_str()), Some("eml"));
    let raw = std::fs::read(&files[0]).unwrap();
    let message = MessageParser::default().parse(&raw).unwrap();
    let subject = message.subject().unwrap();
    assert!(
        subject.starts_with("Service invoice")
            && subject.contains(invoice["number"].as_str().unwrap()),
        "{subject}"
    );
    assert_eq!(message.attachments().count(), 2);
}

#[tokio::test]
async fn a_period_is_mailed_in_one_request_and_bad_requests_queue_nothing() {
    let b = Billing::new_with(|s| quick(s, None)).await;
    let draft = b.draft().await;
    let draft_id = draft["id"].as_i64().unwrap();
    // A draft is not mailed.
    let refused = email(&b, draft_id, json!({}), None).await;
    assert_eq!(refused.status, 409, "{:?}", refused.body);
    let bad = email(
        &b,
        draft_id,
        json!({ "to": ["not an address"], "language": "fr" }),
        None,
    )
    .await;
    assert_eq!(
        (bad.status, bad.error_fields()),
        (422, vec!["to[0]".to_owned(), "language".to_owned()])
    );
    let outbox = b.s.app.get("/api/v1/outbox", &b.finance.token).await;
    assert_eq!(outbox.body["items"], json!([]));

    assert_eq!(b.issue(draft_id).await.status, 200);
    let batch =
        b.s.app
            .post(
                "/api/v1/invoices/email",
                &b.finance.token,
                json!({ "period": last_month() }),
            )
            .await;
    assert_eq!(batch.status, 202, "{:?}", batch.body);
    let mails = batch.body["mails"].as_array().unwrap();
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0]["to"], json!(["billing@vendor.cn"]));
    mail_when(
        &b.s.app,
        &b.finance.token,
        mails[0]["id"].as_i64().unwrap(),
        status_is("sent"),
    )
    .await;
    // Once sent, the invoice is no longer waiting to be mailed: the next batch finds nothing.
    let next =
        b.s.app
            .post(
                "/api/v1/invoices/email",
                &b.finance.token,
                json!({ "period": last_month() }),
            )
            .await;
    assert_eq!((next.status, &next.body["mails"]), (202, &json!([])));
    // Vendors do not mail the merchant's invoices.
    let vendor =
        b.s.app
            .post(
                &format!("/api/v1/invoices/{draft_id}/email"),
                &b.s.vendor_key,
                json!({}),
            )
            .await;
    assert_eq!(vendor.status, 403);
}

#[tokio::test]
async fn a_claim_left_by_a_crashed_worker_runs_out_and_the_mail_goes_once() {
    let smtp = Smtp::start(None);
    let (b, _, mail) = queued_but_not_sent(&smtp).await;
    // A worker claims it for two seconds and dies without a word.
    {
        let pool = kefu::store::connect(&b.s.app.database_url).unwrap();
        let mut conn = pool.get().unwrap();
        let now = chrono::Utc::now();
        let claimed = kefu::store::outbox::claim(
            &mut conn,
            "crashed",
            now,
            now + chrono::TimeDelta::seconds(2),
            10,
        )
        .unwrap();
        assert_eq!(claimed.len(), 1);
    }
    let started = Instant::now();
    let _other = b.s.app.beside(|s| quick(s, Some(smtp.url()))).await;
    tokio::time::sleep(Duration::from_millis(800)).await;
    assert!(smtp.received().is_empty(), "the claim still holds");
    let sent = mail_when(&b.s.app, &b.finance.token, mail, status_is("sent")).await;
    assert!(started.elapsed() >= Duration::from_millis(1500));
    assert_eq!(sent["attempts"], 1);
    assert_eq!(smtp.received().len(), 1);
}

#[tokio::test]
async fn a_mail_of_an_invoice_voided_before_it_went_is_not_sent() {
    let smtp = Smtp::start(None);
    let (b, id, mail) = queued_but_not_sent(&smtp).await;
    let void =
        b.s.app
            .post(
                &format!("/api/v1/invoices/{id}/void"),
                &b.finance.token,
                json!({ "reason": "开错了账期" }),
            )
            .await;
    assert_eq!(void.status, 200, "{:?}", void.body);
    let _worker = b.s.app.beside(|s| quick(s, Some(smtp.url()))).await;
    let failed = mail_when(&b.s.app, &b.finance.token, mail, status_is("failed")).await;
    assert!(
        failed["last_error"].as_str().unwrap().contains("voided"),
        "{failed}"
    );
    assert!(smtp.received().is_empty());
}
