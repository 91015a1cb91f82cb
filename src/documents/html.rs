//! HTML documents and mail bodies from the handlebars templates in `templates/`,
//! compiled into the binary and rendered in strict mode: a name missing from a
//! document is an error, never a blank on an invoice.

use std::sync::LazyLock;

use handlebars::Handlebars;
use serde::Serialize;

use super::{Document, Language};

/// Pages: every value HTML-escaped.
static PAGES: LazyLock<Result<Handlebars<'static>, String>> = LazyLock::new(|| {
    registry(
        &[("invoice", include_str!("../../templates/invoice.html.hbs"))],
        true,
    )
});

/// Plain-text mails: values as they are (`&` stays `&`).
static TEXTS: LazyLock<Result<Handlebars<'static>, String>> = LazyLock::new(|| {
    registry(
        &[("mail", include_str!("../../templates/mail/invoice.hbs"))],
        false,
    )
});

fn registry(templates: &[(&str, &str)], html: bool) -> Result<Handlebars<'static>, String> {
    let mut registry = Handlebars::new();
    registry.set_strict_mode(true);
    crate::catalogue::register(&mut registry);
    if !html {
        registry.register_escape_fn(handlebars::no_escape);
    }
    for (name, source) in templates {
        registry
            .register_template_string(name, source)
            .map_err(|e| format!("template {name}: {e}"))?;
    }
    Ok(registry)
}

/// A template failed to compile or to render.
#[derive(Debug, thiserror::Error)]
#[error("rendering {template}: {message}")]
pub struct RenderError {
    pub template: &'static str,
    pub message: String,
}

fn render(
    registry: &LazyLock<Result<Handlebars<'static>, String>>,
    template: &'static str,
    data: &impl Serialize,
) -> Result<String, RenderError> {
    let registry = registry.as_ref().map_err(|message| RenderError {
        template,
        message: message.clone(),
    })?;
    registry.render(template, data).map_err(|e| RenderError {
        template,
        message: e.to_string(),
    })
}

/// The document as a page of its own (`<meta charset="utf-8">`, styles inline).
pub fn page(document: &Document) -> Result<String, RenderError> {
    render(&PAGES, "invoice", document)
}

/// What a mail about an invoice says; its words come from the catalogue
/// (`mail-…`) in the document's language.
#[derive(Debug, Serialize)]
pub struct MailText<'a> {
    /// The language's tag, which the template's `t` helper reads.
    pub lang: &'a str,
    pub title: &'a str,
    pub number: &'a str,
    pub seller: &'a str,
    pub buyer: &'a str,
    pub period: &'a str,
    pub contract_number: &'a str,
    pub currency: &'a str,
    pub total: &'a str,
    pub total_in_words: Option<&'a str>,
    pub due_on: Option<&'a str>,
}

impl<'a> MailText<'a> {
    pub fn of(document: &'a Document) -> Self {
        Self {
            lang: document.language,
            title: document.title,
            number: &document.number,
            seller: &document.seller.name,
            buyer: &document.buyer.name,
            period: &document.period,
            contract_number: &document.contract_number,
            currency: &document.currency,
            total: &document.total,
            total_in_words: document.total_in_words.as_deref(),
            due_on: document.due_on.as_deref(),
        }
    }

    pub fn subject(&self) -> String {
        self.language().text(
            "mail-subject",
            &[
                ("title", self.title.to_owned()),
                ("number", self.number.to_owned()),
                ("seller", self.seller.to_owned()),
                ("period", self.period.to_owned()),
            ],
        )
    }

    pub fn body(&self) -> Result<String, RenderError> {
        render(&TEXTS, "mail", self)
    }

    fn language(&self) -> Language {
        Language::parse(self.lang).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::documents::{DocumentKind, Party};

    fn document(seller: &str) -> Document {
        let labels = Language::En.labels();
        Document {
            kind: DocumentKind::Invoice,
            language: "en",
            labels,
            title: &labels.invoice_title,
            number: "INV-2026-000001".into(),
            draft: false,
            void: false,
            refers_to: None,
            reason: None,
            period: "2026-10".into(),
            issued_on: Some("2026-11-03".into()),
            due_on: None,
            currency: "CNY".into(),
            seller: Party {
                name: seller.into(),
                ..Party::default()
            },
            buyer: Party {
                name: "Buyer".into(),
                ..Party::default()
            },
            contract_number: "KF-1".into(),
            contract_title: "Chat".into(),
            lines: Vec::new(),
            subtotal: "100.00".into(),
            tax_rate: "6%".into(),
            tax: "6.00".into(),
            total: "106.00".into(),
            total_in_words: None,
            warnings: Vec::new(),
            notes: Vec::new(),
        }
    }

    #[test]
    fn pages_escape_what_people_typed_and_mails_keep_it_as_typed() -> Result<(), RenderError> {
        let doc = document("A&B <Service>");
        let html = page(&doc)?;
        assert!(html.contains("A&amp;B &lt;Service&gt;"), "{html}");
        let mail = MailText::of(&doc).body()?;
        assert!(mail.contains("from A&B <Service> to Buyer"), "{mail}");
        // No due date: the line is left out rather than printed empty.
        assert!(!mail.contains("Due on"));
        Ok(())
    }

    #[test]
    fn a_mail_speaks_the_language_of_its_document() -> Result<(), RenderError> {
        let labels = Language::Zh.labels();
        let doc = Document {
            language: "zh-CN",
            labels,
            title: &labels.invoice_title,
            due_on: Some("2026-12-03".into()),
            total_in_words: Some("壹佰零陆元整".into()),
            ..document("上海某某客服外包有限公司")
        };
        let text = MailText::of(&doc);
        assert_eq!(
            text.subject(),
            "【服务费结算单】INV-2026-000001 上海某某客服外包有限公司 2026-10 账期"
        );
        let body = text.body()?;
        for expected in [
            "您好：",
            "附件为 上海某某客服外包有限公司 向 Buyer 开具的 2026-10 账期服务费结算单，编号 INV-2026-000001，合同 KF-1。",
            "价税合计：CNY 106.00（大写：壹佰零陆元整）\n付款截止日：2026-12-03\n",
            "- INV-2026-000001.pdf（结算单）",
        ] {
            assert!(body.contains(expected), "'{expected}' is not in:\n{body}");
        }
        Ok(())
    }
}
