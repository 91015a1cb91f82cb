//! Broken rules: each names the field, as a path into the input
//! (`bank.account_number`, `sla_clauses[1].penalty`) or the query parameter,
//! and the rule. The domain's checks, the use cases and the API's answers
//! (the `errors` of a 422 problem) all speak in this one type; the rule is a
//! [`Message`], written in the reader's language where it is shown.

use super::message::{Explain, Message, msg};

/// One broken rule: which field, and what the rule is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// The field, as a path into the body (`bank.account_number`, `contacts[1].phone`) or the query parameter.
    pub field: String,
    /// The rule it breaks.
    pub message: Message,
    /// For a CSV upload: the line of the file (the header is line 1).
    pub line: Option<u64>,
}

/// The broken rules of one input, collected so that all are reported at once.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Violations(Vec<Violation>);

impl Violations {
    /// A single broken rule.
    pub fn one(field: impl Into<String>, message: impl Explain) -> Self {
        let mut violations = Self::default();
        violations.add(field, message);
        violations
    }

    pub fn add(&mut self, field: impl Into<String>, message: impl Explain) {
        self.0.push(Violation {
            field: field.into(),
            message: message.message(),
            line: None,
        });
    }

    /// A broken rule on a line of an uploaded file.
    pub fn add_on_line(&mut self, line: u64, field: impl Into<String>, message: impl Explain) {
        self.0.push(Violation {
            field: field.into(),
            message: message.message(),
            line: Some(line),
        });
    }

    /// Adds `message` under `field` when `broken`.
    pub fn rule(&mut self, broken: bool, field: impl Into<String>, message: impl Explain) {
        if broken {
            self.add(field, message);
        }
    }

    /// Records the error of `result`, if any, under `field`; gives back the value otherwise.
    pub fn check<T, E: Explain>(
        &mut self,
        field: impl Into<String>,
        result: Result<T, E>,
    ) -> Option<T> {
        result.map_err(|error| self.add(field, error)).ok()
    }

    /// Takes in the rules `inner` found broken, their fields under `prefix`
    /// (`terms` makes `charges[0].rate` into `terms.charges[0].rate`).
    pub fn nest(&mut self, prefix: &str, inner: Violations) {
        self.0.extend(inner.0.into_iter().map(|v| Violation {
            field: format!("{prefix}.{}", v.field),
            ..v
        }));
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Violation> {
        self.0.iter()
    }

    pub fn into_result(self) -> Result<(), Violations> {
        if self.0.is_empty() { Ok(()) } else { Err(self) }
    }

    /// Fails with every recorded rule, or builds the checked value. `build`
    /// gives `None` only where a rule was recorded; should it not, the input
    /// is refused as a whole rather than half used.
    pub fn finish<T>(mut self, build: impl FnOnce() -> Option<T>) -> Result<T, Violations> {
        if !self.0.is_empty() {
            return Err(self);
        }
        build().ok_or_else(|| {
            self.add("", msg!("error-input-incomplete"));
            self
        })
    }
}

impl IntoIterator for Violations {
    type Item = Violation;
    type IntoIter = std::vec::IntoIter<Violation>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}
