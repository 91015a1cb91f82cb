//! Every word kefu shows a person, in Simplified Chinese and English, from one
//! catalogue: the Fluent files under `locales/`, compiled into the binary.
//! Pages ask for a text by its id (`{{t "sign-in-title"}}` in a template);
//! errors and refusals come as [`Message`]s, written here in the reader's
//! language. Values are passed as text, already formatted, never as numbers
//! for Fluent to format its own way.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, static_loader};
use handlebars::{
    Context, Handlebars, Helper, HelperDef, HelperResult, Output, RenderContext, RenderErrorReason,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::domain::message::{Arg, Message};

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "zh-CN",
        // No Unicode isolation marks around values: they would end up in
        // copied figures and in the PDF.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// The language a page, document or mail is written in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
pub enum Language {
    /// Simplified Chinese, the default.
    #[default]
    #[serde(rename = "zh-CN")]
    Zh,
    #[serde(rename = "en")]
    En,
}

impl Language {
    pub const ALL: [Language; 2] = [Language::Zh, Language::En];

    /// `zh-CN` (or `zh`) and `en`.
    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "zh-CN" | "zh" => Some(Self::Zh),
            "en" => Some(Self::En),
            _ => None,
        }
    }

    pub fn tag(self) -> &'static str {
        match self {
            Self::Zh => "zh-CN",
            Self::En => "en",
        }
    }

    /// The language a browser asks for first among ours (`Accept-Language`,
    /// weights honoured), or Chinese. (fluent-langneg's parser drops the
    /// weights, so `en;q=0` would choose English.)
    pub fn negotiate(accept_language: &str) -> Self {
        let mut asked: Vec<(f32, usize, &str)> = accept_language
            .split(',')
            .enumerate()
            .filter_map(|(order, item)| {
                let mut parts = item.trim().split(';');
                let tag = parts.next()?.trim();
                let weight = parts
                    .find_map(|p| p.trim().strip_prefix("q="))
                    .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())?;
                (weight > 0.0).then_some((weight, order, tag))
            })
            .collect();
        asked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        asked
            .into_iter()
            .find_map(|(_, _, tag)| {
                let primary = tag.split('-').next()?.to_ascii_lowercase();
                match primary.as_str() {
                    "zh" => Some(Self::Zh),
                    "en" => Some(Self::En),
                    _ => None,
                }
            })
            .unwrap_or_default()
    }

    fn identifier(self) -> LanguageIdentifier {
        match self {
            Self::Zh => fluent_templates::langid!("zh-CN"),
            Self::En => fluent_templates::langid!("en"),
        }
    }

    /// A metric's name in this language.
    pub fn metric_name(self, metric: &crate::domain::metric::Metric) -> &'static str {
        match self {
            Self::Zh => metric.name_zh,
            Self::En => metric.name_en,
        }
    }

    /// The text `id`, its placeholders filled with `args` (already formatted).
    /// A text missing from the catalogue shows its id: the tests make sure
    /// none is.
    pub fn text(self, id: &str, args: &[(&str, String)]) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue> = args
            .iter()
            .map(|(name, value)| {
                (
                    Cow::Owned((*name).to_owned()),
                    FluentValue::from(value.clone()),
                )
            })
            .collect();
        LOCALES
            .try_lookup_complete(&self.identifier(), id, Some(&args))
            .unwrap_or_else(|| {
                tracing::error!(id, language = self.tag(), "text missing from the catalogue");
                id.to_owned()
            })
    }
}

impl Language {
    /// `message` in this language: its values filled in, and those that are
    /// words themselves (a status, an action) written in this language too.
    pub fn message(self, message: &Message) -> String {
        let args: Vec<(&str, String)> = message
            .args()
            .iter()
            .map(|(name, value)| {
                let value = match value {
                    Arg::Text(text) => text.clone(),
                    Arg::Message(words) => self.message(words),
                };
                (*name, value)
            })
            .collect();
        self.text(message.id(), &args)
    }
}

/// A message in English: what logs, `anyhow` chains and the command line show.
impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&Language::En.message(self))
    }
}

/// Registers `{{t "id" name=value …}}` on a handlebars registry. The language
/// is the root context's `lang` (`zh-CN` or `en`); an unknown id or language
/// fails the render, as a missing name does in strict mode.
pub fn register(registry: &mut Handlebars<'_>) {
    registry.register_helper("t", Box::new(TextHelper));
}

struct TextHelper;

impl HelperDef for TextHelper {
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        context: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        let id = h
            .param(0)
            .and_then(|p| p.value().as_str())
            .ok_or(RenderErrorReason::ParamNotFoundForIndex("t", 0))?;
        let language = context
            .data()
            .get("lang")
            .and_then(|l| l.as_str())
            .and_then(Language::parse)
            .ok_or_else(|| RenderErrorReason::Other("t: the page has no `lang`".into()))?;
        let args: HashMap<Cow<'static, str>, FluentValue> = h
            .hash()
            .iter()
            .map(|(name, value)| {
                let text = match value.value() {
                    serde_json::Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                (Cow::Owned((*name).to_owned()), FluentValue::from(text))
            })
            .collect();
        let text = LOCALES
            .try_lookup_complete(&language.identifier(), id, Some(&args))
            .ok_or_else(|| RenderErrorReason::Other(format!("t: no text '{id}'")))?;
        out.write(&text)?;
        Ok(())
    }
}

#[cfg(test)]
mod parity;
#[cfg(test)]
mod tests;
