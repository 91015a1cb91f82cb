//! What kefu tells a person, as data: the id of a text in the catalogue and
//! the values it needs. The domain says *which* message and with *what*; the
//! edge that answers a person (the JSON API, a page) writes it in that
//! person's language. So a rule is stated once, here, and read in Chinese or
//! English alike.
//!
//! Values go in already written (a number as digits, a date as `2026-10-31`):
//! the catalogue fills them in as they are. A value that is itself words —
//! a status, an action — goes in as a [`Message`] of its own, so that it is
//! translated too.
//!
//! `Display` (English, for logs and the command line) is given by the
//! catalogue, which the domain does not know.

use chrono::NaiveDate;
use rust_decimal::Decimal;

/// One message: a text id of the catalogue and its values, by name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    id: &'static str,
    args: Vec<(&'static str, Arg)>,
}

/// A value filled into a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    /// Written the same in every language: a number, a date, a code, a name.
    Text(String),
    /// Words of their own, written in the reader's language.
    Message(Message),
}

impl Message {
    /// The message `id`, without values yet (see [`msg!`]).
    pub fn new(id: &'static str) -> Self {
        Self {
            id,
            args: Vec::new(),
        }
    }

    /// Adds the value `name`.
    pub fn with(mut self, name: &'static str, value: impl Into<Arg>) -> Self {
        self.args.push((name, value.into()));
        self
    }

    pub fn id(&self) -> &'static str {
        self.id
    }

    pub fn args(&self) -> &[(&'static str, Arg)] {
        &self.args
    }
}

/// What an error says to a person. Each error a person can meet implements
/// it; its `Display` stays the English of the logs.
pub trait Explain {
    fn message(&self) -> Message;
}

impl Explain for Message {
    fn message(&self) -> Message {
        self.clone()
    }
}

/// A message by its id and named values: `msg!("error-too-long", max = 200)`.
/// Every id is written out where it is used, so that a test can find each
/// one and check that both languages have it, with these values.
macro_rules! msg {
    ($id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::domain::message::Message::new($id)
            $(.with(stringify!($name), $value))*
    };
}

pub(crate) use msg;

/// `items` one after another, as the reader lists things (`a, b` or `a，b`);
/// `None` when there are none.
pub fn listed(items: impl IntoIterator<Item = Message>) -> Option<Message> {
    let items: Vec<Message> = items.into_iter().collect();
    items
        .into_iter()
        .rev()
        .reduce(|tail, head| msg!("list-more", head = head, tail = tail))
}

impl From<Message> for Arg {
    fn from(message: Message) -> Self {
        Arg::Message(message)
    }
}

impl From<String> for Arg {
    fn from(text: String) -> Self {
        Arg::Text(text)
    }
}

impl From<&str> for Arg {
    fn from(text: &str) -> Self {
        Arg::Text(text.to_owned())
    }
}

impl From<&String> for Arg {
    fn from(text: &String) -> Self {
        Arg::Text(text.clone())
    }
}

impl From<char> for Arg {
    fn from(c: char) -> Self {
        Arg::Text(c.to_string())
    }
}

/// Numbers as plain digits, as the English messages always wrote them.
macro_rules! digits {
    ($($number:ty),*) => {
        $(impl From<$number> for Arg {
            fn from(number: $number) -> Self {
                Arg::Text(number.to_string())
            }
        })*
    };
}

digits!(u32, u64, usize, i32, i64, Decimal);

/// Dates as `2026-10-31`, which reads the same in both languages.
impl From<NaiveDate> for Arg {
    fn from(date: NaiveDate) -> Self {
        Arg::Text(date.format("%Y-%m-%d").to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_nests_its_items_in_order() {
        let (a, b, c) = (
            msg!("error-empty"),
            msg!("error-percent"),
            msg!("error-nps-range"),
        );
        assert_eq!(listed([]), None);
        assert_eq!(listed([a.clone()]), Some(a.clone()));
        assert_eq!(
            listed([a.clone(), b.clone(), c.clone()]),
            Some(msg!(
                "list-more",
                head = a,
                tail = msg!("list-more", head = b, tail = c)
            ))
        );
    }

    #[test]
    fn a_message_keeps_its_values_in_order_and_written_out() {
        let day = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap_or_default();
        let message = msg!(
            "error-within-contract",
            start = day,
            end = Decimal::new(1050, 2)
        );
        assert_eq!(message.id(), "error-within-contract");
        assert_eq!(
            message.args(),
            &[
                ("start", Arg::Text("2026-01-05".into())),
                ("end", Arg::Text("10.50".into())),
            ]
        );
    }
}
