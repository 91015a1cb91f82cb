//! The mails about an account: an invitation, a password reset. Plain text
//! from the catalogue, in the language asked for, with the single-use link.

use anyhow::Context;
use lettre::Message;
use lettre::message::{Mailbox, MessageBuilder, SinglePart};

use super::Envelope;
use crate::catalogue::Language;
use crate::domain::account::LinkPurpose;

/// Who the mail is for, and what it carries.
pub struct AccountMail<'a> {
    pub purpose: LinkPurpose,
    pub name: &'a str,
    pub tenant: &'a str,
    pub link: &'a str,
}

pub fn compose(
    mail: &AccountMail<'_>,
    language: Language,
    envelope: &Envelope<'_>,
) -> anyhow::Result<Message> {
    let (subject, body) = match mail.purpose {
        LinkPurpose::Invitation => ("mail-invitation-subject", "mail-invitation-body"),
        LinkPurpose::PasswordReset => ("mail-reset-subject", "mail-reset-body"),
    };
    let args = [
        ("name", mail.name.to_owned()),
        ("tenant", mail.tenant.to_owned()),
        ("link", mail.link.to_owned()),
    ];
    let message = addressed(envelope)?
        .subject(language.text(subject, &args))
        .singlepart(SinglePart::plain(language.text(body, &args)))?;
    Ok(message)
}

/// A message from the sender to the envelope's recipients, under its id.
pub fn addressed(envelope: &Envelope<'_>) -> anyhow::Result<MessageBuilder> {
    let mut builder = Message::builder()
        .from(envelope.from.parse::<Mailbox>().context("the sender")?)
        .message_id(Some(envelope.message_id.to_owned()));
    for to in envelope.to {
        builder = builder.to(to
            .parse::<Mailbox>()
            .with_context(|| format!("recipient {to}"))?);
    }
    for cc in envelope.cc {
        builder = builder.cc(cc
            .parse::<Mailbox>()
            .with_context(|| format!("recipient {cc}"))?);
    }
    Ok(builder)
}
