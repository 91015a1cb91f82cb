//! The catalogue is whole: both languages have every text, every text the code
//! asks for, with the values the code gives it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use super::*;
use crate::domain::message::msg;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// One text of a Fluent file: where it is and the `$values` it uses.
struct Entry {
    file: String,
    values: BTreeSet<String>,
}

/// Every text of `language`, by id, in the order found; an id defined twice
/// appears twice (Fluent refuses the second when the bundle is built).
fn entries(language: &str) -> Vec<(String, Entry)> {
    let dir = root().join("locales").join(language);
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|e| e == "ftl"))
        .collect();
    files.sort();
    let mut out: Vec<(String, Entry)> = Vec::new();
    for path in files {
        let file = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        for line in text.lines() {
            if let Some((id, rest)) = line.split_once(" =")
                && !id.starts_with([' ', '#', '-', '.'])
                && !id.is_empty()
            {
                let values = values_in(rest);
                out.push((
                    id.to_owned(),
                    Entry {
                        file: file.clone(),
                        values,
                    },
                ));
            } else if !line.trim().is_empty()
                && !line.starts_with('#')
                && let Some((_, entry)) = out.last_mut()
            {
                // A continuation line (a selector's variants and its closing
                // brace, a long text).
                entry.values.extend(values_in(line));
            }
        }
    }
    out
}

fn values_in(text: &str) -> BTreeSet<String> {
    text.split('$')
        .skip(1)
        .map(|rest| {
            rest.chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
                .collect::<String>()
        })
        .filter(|name| !name.is_empty())
        .collect()
}

fn ids(language: &str) -> BTreeSet<String> {
    entries(language).into_iter().map(|(id, _)| id).collect()
}

/// A message the code writes out: its id, the names of its values, and where.
#[derive(Debug)]
struct Use {
    id: String,
    values: BTreeSet<String>,
    at: String,
}

/// Every use of `msg!` in the sources.
fn uses() -> Vec<Use> {
    let mut files = Vec::new();
    let mut dirs = vec![root().join("src")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    // Written in two so that this file does not find itself.
    let needle = concat!("msg", "!(");
    let mut uses = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let file = path
            .strip_prefix(root())
            .unwrap_or(&path)
            .display()
            .to_string();
        for (offset, _) in text.match_indices(needle) {
            let line = text[..offset].lines().count();
            let at = format!("{file}:{line}");
            match parse_use(&text[offset + needle.len()..]) {
                Some((id, values)) => uses.push(Use { id, values, at }),
                None => panic!("{at}: a message whose id is not written out"),
            }
        }
    }
    uses
}

/// Reads `"id", name = value, …)`: the id and the names, the values skipped
/// however they nest.
fn parse_use(rest: &str) -> Option<(String, BTreeSet<String>)> {
    let rest = rest.trim_start().strip_prefix('"')?;
    let (id, rest) = rest.split_once('"')?;
    let mut pieces = Vec::new();
    let mut piece = String::new();
    let mut depth = 0;
    let mut chars = rest.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                piece.push(c);
                while let Some(s) = chars.next() {
                    piece.push(s);
                    match s {
                        '\\' => piece.extend(chars.next()),
                        '"' => break,
                        _ => {}
                    }
                }
            }
            '(' | '[' | '{' => {
                depth += 1;
                piece.push(c);
            }
            ')' | ']' | '}' if depth == 0 => break,
            ')' | ']' | '}' => {
                depth -= 1;
                piece.push(c);
            }
            ',' if depth == 0 => pieces.push(std::mem::take(&mut piece)),
            _ => piece.push(c),
        }
    }
    pieces.push(piece);
    let values = pieces
        .iter()
        .filter_map(|p| {
            let (name, _) = p.split_once('=')?;
            Some(name.trim().to_owned())
        })
        .filter(|name| !name.is_empty())
        .collect();
    Some((id.to_owned(), values))
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
fn no_text_is_defined_twice() {
    // Fluent refuses a bundle with an id twice, and every text of that
    // language would then fail: worth a clear message.
    for language in ["zh-CN", "en"] {
        let mut seen: BTreeMap<String, String> = BTreeMap::new();
        for (id, entry) in entries(language) {
            if let Some(first) = seen.insert(id.clone(), entry.file.clone()) {
                panic!("{language}: '{id}' is in {first} and in {}", entry.file);
            }
        }
    }
}

#[test]
fn every_message_of_the_code_is_in_both_languages_with_its_values() {
    let uses = uses();
    assert!(
        uses.len() > 100,
        "the sources were not read: {}",
        uses.len()
    );
    let mut wrong = Vec::new();
    for language in ["zh-CN", "en"] {
        let texts: BTreeMap<String, Entry> = entries(language).into_iter().collect();
        for used in &uses {
            let Some(entry) = texts.get(&used.id) else {
                wrong.push(format!("{}: '{}' has no {language} text", used.at, used.id));
                continue;
            };
            let missing: Vec<_> = entry.values.difference(&used.values).collect();
            if !missing.is_empty() {
                wrong.push(format!(
                    "{}: '{}' in {language} needs {missing:?}",
                    used.at, used.id
                ));
            }
        }
    }
    // A value that neither language writes is a misspelt name.
    let zh: BTreeMap<String, Entry> = entries("zh-CN").into_iter().collect();
    let en: BTreeMap<String, Entry> = entries("en").into_iter().collect();
    for used in &uses {
        let (Some(zh), Some(en)) = (zh.get(&used.id), en.get(&used.id)) else {
            continue;
        };
        for value in &used.values {
            if !zh.values.contains(value) && !en.values.contains(value) {
                wrong.push(format!(
                    "{}: '{}' has no ${value} in either language",
                    used.at, used.id
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn every_message_text_is_used_by_the_code() {
    let used: BTreeSet<String> = uses().into_iter().map(|u| u.id).collect();
    let unused: Vec<String> = entries("en")
        .into_iter()
        .filter(|(_, entry)| entry.file == "errors.ftl" || entry.file == "statuses.ftl")
        .map(|(id, _)| id)
        .filter(|id| !used.contains(id))
        .collect();
    assert!(unused.is_empty(), "texts nothing says: {unused:?}");
}

#[test]
fn every_text_reads() {
    // Fluent skips an entry it cannot parse and fails one whose placeable
    // names nothing (a stray `{id}`, say); `text` would then fall back to
    // Chinese. Each must read in its own language.
    for (language, tag) in [(Language::Zh, "zh-CN"), (Language::En, "en")] {
        for (id, entry) in entries(tag) {
            let values: HashMap<String, FluentValue> = entry
                .values
                .iter()
                .map(|name| (name.clone(), FluentValue::from("1")))
                .collect();
            let read = LOCALES.lookup_single_language(&language.identifier(), &id, Some(&values));
            assert!(
                read.as_ref().is_ok_and(|text| !text.is_empty()),
                "{tag}: '{id}' does not read: {read:?}"
            );
        }
    }
}

#[test]
fn a_text_fills_its_values_without_marks_around_them() {
    let text = Language::Zh.text("signed-in-as", &[("name", "王经理".into())]);
    assert!(text.contains("王经理"), "{text}");
    assert!(!text.contains('\u{2068}'), "{text:?}");
}

#[test]
fn a_message_is_written_in_the_language_asked_with_its_words_translated() {
    let refused = msg!(
        "error-contract-status-change",
        from = msg!("contract-status-draft"),
        to = msg!("contract-status-suspended")
    );
    assert_eq!(
        Language::En.message(&refused),
        "a contract cannot go from draft to suspended"
    );
    assert_eq!(
        Language::Zh.message(&refused),
        "合同不能从“草稿”变为“已暂停”"
    );
    assert_eq!(
        refused.to_string(),
        Language::En.message(&refused),
        "logs read English"
    );
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
