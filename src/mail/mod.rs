//! Mailing invoices: the transport from settings (SMTP, or `.eml` files by
//! default), the message with its PDF and CSV, and the outbox worker.

pub mod account;
pub mod worker;

use std::path::Path;

use anyhow::Context;
use lettre::message::header::ContentType;
use lettre::message::{Attachment, MultiPart, SinglePart};
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::config::MailSettings;
use crate::documents::html::MailText;
use crate::documents::{Document, pdf, tables};

/// Where mails go.
#[derive(Clone)]
pub enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    /// Each mail as an `.eml` file in a folder: the default with nothing set.
    Files(AsyncFileTransport<Tokio1Executor>),
}

/// Why a mail did not go.
#[derive(Debug)]
pub struct SendError {
    /// Refused for good (a 5xx answer): trying again would not help.
    pub permanent: bool,
    pub message: String,
}

impl Transport {
    pub fn from_settings(settings: &MailSettings, data_dir: &Path) -> anyhow::Result<Self> {
        match &settings.smtp_url {
            Some(url) => {
                let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .context("SMTP_URL")?
                    .timeout(Some(settings.smtp_timeout))
                    .build();
                Ok(Self::Smtp(transport))
            }
            None => {
                let folder = data_dir.join("outbox");
                std::fs::create_dir_all(&folder)
                    .with_context(|| format!("creating {}", folder.display()))?;
                Ok(Self::Files(AsyncFileTransport::new(folder)))
            }
        }
    }

    /// Hands a message over; answers what the server said.
    pub async fn send(&self, message: Message) -> Result<String, SendError> {
        match self {
            Self::Smtp(smtp) => match smtp.send(message).await {
                Ok(response) => Ok(format!(
                    "{} {}",
                    response.code(),
                    response.message().collect::<Vec<_>>().join(" ")
                )),
                Err(e) => Err(SendError {
                    permanent: e.is_permanent(),
                    message: error_chain(&e),
                }),
            },
            Self::Files(files) => match files.send(message).await {
                Ok(id) => Ok(format!("written as {id}.eml")),
                Err(e) => Err(SendError {
                    permanent: false,
                    message: error_chain(&e),
                }),
            },
        }
    }
}

/// An error with its causes, as one line for the outbox.
fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

/// Who a mail is from and to, and how it is known.
pub struct Envelope<'a> {
    pub from: &'a str,
    pub to: &'a [String],
    pub cc: &'a [String],
    /// Stable per outbox row, so a receiver can tell a repeat.
    pub message_id: &'a str,
}

/// The mail of an invoice: a short text from the template in the document's
/// language, the PDF and the CSV of its lines attached.
pub fn compose(document: &Document, envelope: &Envelope<'_>) -> anyhow::Result<Message> {
    let text = MailText::of(document);
    let builder = account::addressed(envelope)?.subject(text.subject());
    let body = text.body()?;
    let pdf = pdf::render(document)?;
    let csv = tables::lines_csv(document)?;
    let name = &document.number;
    let message = builder.multipart(
        MultiPart::mixed()
            .singlepart(SinglePart::plain(body))
            .singlepart(
                Attachment::new(format!("{name}.pdf"))
                    .body(pdf, ContentType::parse("application/pdf")?),
            )
            .singlepart(
                Attachment::new(format!("{name}.csv"))
                    .body(csv, ContentType::parse("text/csv; charset=utf-8")?),
            ),
    )?;
    Ok(message)
}
