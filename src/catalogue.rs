//! Every word kefu shows a person, in Simplified Chinese and English, from one
//! catalogue: the Fluent files under `locales/`, compiled into the binary.
//! Pages ask for a text by its id (`{{t "sign-in-title"}}` in a template);
//! values are passed as text, already formatted, never as numbers for Fluent
//! to format its own way.

use std::borrow::Cow;
use std::collections::HashMap;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, static_loader};
use handlebars::{
    Context, Handlebars, Helper, HelperDef, HelperResult, Output, RenderContext, RenderErrorReason,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

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
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// Every id of a language, with the files that define it.
    fn definitions(language: &str) -> Vec<(String, String)> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("locales")
            .join(language);
        let mut found = Vec::new();
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let file = entry.file_name().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
            for line in text.lines() {
                if let Some((id, _)) = line.split_once(" =")
                    && !id.starts_with([' ', '#', '-', '.'])
                    && !id.is_empty()
                {
                    found.push((id.to_owned(), file.clone()));
                }
            }
        }
        found
    }

    #[test]
    fn no_text_is_defined_twice() {
        // Fluent refuses a bundle with an id twice: the first page would fail.
        for language in ["zh-CN", "en"] {
            let mut seen = std::collections::BTreeMap::new();
            for (id, file) in definitions(language) {
                if let Some(first) = seen.insert(id.clone(), file.clone()) {
                    panic!("{language}: '{id}' is in {first} and in {file}");
                }
            }
        }
    }

    fn ids(language: &str) -> BTreeSet<String> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("locales")
            .join(language);
        let mut ids = BTreeSet::new();
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
            for line in text.lines() {
                if let Some((id, _)) = line.split_once(" =")
                    && !id.starts_with([' ', '#', '-', '.'])
                    && !id.is_empty()
                {
                    ids.insert(id.to_owned());
                }
            }
        }
        ids
    }

    #[test]
    fn both_languages_have_every_text() {
        let (zh, en) = (ids("zh-CN"), ids("en"));
        assert!(zh.len() > 10, "the catalogue was not found");
        let only_zh: Vec<_> = zh.difference(&en).collect();
        let only_en: Vec<_> = en.difference(&zh).collect();
        assert!(only_zh.is_empty(), "missing in English: {only_zh:?}");
        assert!(only_en.is_empty(), "missing in Chinese: {only_en:?}");
    }

    #[test]
    fn a_text_fills_its_values_without_marks_around_them() {
        let text = Language::Zh.text("signed-in-as", &[("name", "王经理".into())]);
        assert!(text.contains("王经理"), "{text}");
        assert!(!text.contains('\u{2068}'), "{text:?}");
    }

    #[test]
    fn the_browser_chooses_among_our_languages() {
        for (header, expected) in [
            ("", Language::Zh),
            ("en-US,en;q=0.9", Language::En),
            ("zh-CN,zh;q=0.9,en;q=0.8", Language::Zh),
            ("fr-FR, en;q=0.5", Language::En),
            ("de, fr", Language::Zh),
            ("zh;q=0.4, en;q=0.6", Language::En),
            ("en;q=0, zh-TW", Language::Zh),
            ("zh-Hans-CN", Language::Zh),
        ] {
            assert_eq!(Language::negotiate(header), expected, "{header}");
        }
    }
}
