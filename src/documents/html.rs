//! HTML documents and mail bodies from the handlebars templates in `templates/`,
//! compiled into the binary and rendered in strict mode: a name missing from a
//! document is an error, never a blank on an invoice.

use std::sync::LazyLock;

use handlebars::Handlebars;
use serde::Serialize;

use super::{Document, Language};

static REGISTRY: LazyLock<Result<Handlebars<'static>, String>> = LazyLock::new(|| {
    let mut registry = Handlebars::new();
    registry.set_strict_mode(true);
    for (name, source) in [
        ("invoice", include_str!("../../templates/invoice.html.hbs")),
        (
            "mail.zh-CN",
            include_str!("../../templates/mail/invoice.zh-CN.hbs"),
        ),
        (
            "mail.en",
            include_str!("../../templates/mail/invoice.en.hbs"),
        ),
    ] {
        registry
            .register_template_string(name, source)
            .map_err(|e| format!("template {name}: {e}"))?;
    }
    Ok(registry)
});

/// A template failed to compile or to render.
#[derive(Debug, thiserror::Error)]
#[error("rendering {template}: {message}")]
pub struct RenderError {
    pub template: &'static str,
    pub message: String,
}

fn render(template: &'static str, data: &impl Serialize) -> Result<String, RenderError> {
    let registry = REGISTRY.as_ref().map_err(|message| RenderError {
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
    render("invoice", document)
}

/// What a mail about an invoice says.
#[derive(Debug, Serialize)]
pub struct MailText<'a> {
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

    pub fn subject(&self, language: Language) -> String {
        match language {
            Language::Zh => format!(
                "【{}】{} {} {} 账期",
                self.title, self.number, self.seller, self.period
            ),
            Language::En => format!(
                "{} {} from {} for {}",
                self.title, self.number, self.seller, self.period
            ),
        }
    }

    pub fn body(&self, language: Language) -> Result<String, RenderError> {
        match language {
            Language::Zh => render("mail.zh-CN", self),
            Language::En => render("mail.en", self),
        }
    }
}
