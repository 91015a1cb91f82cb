//! Items kept with their number beside what was written of them
//! (`{"id": 3, "name": …}`: a clause, a charge, a phase), read in one pass.
//! serde's `flatten` would first copy each item whole into a buffer of its
//! own and read it from there: for a contract's terms, most of their
//! reading, and a month's close reads ten thousand of them.

use std::fmt;
use std::marker::PhantomData;

use serde::de::value::{BorrowedStrDeserializer, StrDeserializer, StringDeserializer};
use serde::de::{DeserializeSeed, Error as _, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

/// The field the number is kept in.
const ID: &str = "id";

/// Reads `{"id": n, …}`: `id` is taken out as it passes, and the other
/// fields are read by `T` as an object of its own, where a field that fails
/// keeps its name.
pub fn deserialize<'de, D, T>(deserializer: D) -> Result<(u32, T), D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    deserializer.deserialize_map(Numbered(PhantomData))
}

struct Numbered<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for Numbered<T> {
    type Value = (u32, T);

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object with an `id`")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut id = None;
        let item = T::deserialize(Rest {
            map: &mut map,
            id: &mut id,
        })?;
        // `T` reads its object to the end, so an `id` anywhere in it has been seen.
        let id = id.ok_or_else(|| A::Error::missing_field(ID))?;
        Ok((id, item))
    }
}

/// The object without its `id`, as `T` reads it.
struct Rest<'a, A> {
    map: &'a mut A,
    id: &'a mut Option<u32>,
}

impl<'de, A: MapAccess<'de>> Deserializer<'de> for Rest<'_, A> {
    type Error = A::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, A::Error> {
        visitor.visit_map(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Rest<'_, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        let mut seed = Some(seed);
        loop {
            match self.map.next_key_seed(Key(&mut seed))? {
                None => return Ok(None),
                Some(Some(key)) => return Ok(Some(key)),
                Some(None) => {
                    if self.id.is_some() {
                        return Err(A::Error::duplicate_field(ID));
                    }
                    *self.id = Some(self.map.next_value()?);
                }
            }
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        self.map.next_value_seed(seed)
    }
}

/// A key: `None` for `id`, else what `T`'s seed makes of it (the seed is
/// used at most once, for the first key that is not `id`).
struct Key<'s, K>(&'s mut Option<K>);

impl<'de, K: DeserializeSeed<'de>> DeserializeSeed<'de> for Key<'_, K> {
    type Value = Option<K::Value>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de, K: DeserializeSeed<'de>> Key<'_, K> {
    fn pass<E: serde::de::Error>(
        self,
        is_id: bool,
        to: impl FnOnce(K) -> Result<K::Value, E>,
    ) -> Result<Option<K::Value>, E> {
        if is_id {
            return Ok(None);
        }
        let seed = self
            .0
            .take()
            .ok_or_else(|| E::custom("a key was asked for twice"))?;
        to(seed).map(Some)
    }
}

impl<'de, K: DeserializeSeed<'de>> Visitor<'de> for Key<'_, K> {
    type Value = Option<K::Value>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_borrowed_str<E: serde::de::Error>(self, key: &'de str) -> Result<Self::Value, E> {
        self.pass(key == ID, |seed| {
            seed.deserialize(BorrowedStrDeserializer::<E>::new(key))
        })
    }

    fn visit_str<E: serde::de::Error>(self, key: &str) -> Result<Self::Value, E> {
        self.pass(key == ID, |seed| {
            seed.deserialize(StrDeserializer::<E>::new(key))
        })
    }

    fn visit_string<E: serde::de::Error>(self, key: String) -> Result<Self::Value, E> {
        self.pass(key == ID, |seed| {
            seed.deserialize(StringDeserializer::<E>::new(key))
        })
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Spec {
        name: String,
        #[serde(default)]
        days: u32,
    }

    fn read(json: &str) -> Result<(u32, Spec), String> {
        let mut de = serde_json::Deserializer::from_str(json);
        serde_path_to_error::deserialize(&mut de)
            .map(|Numbered(id, spec)| (id, spec))
            .map_err(|e| {
                let path = e.path().to_string();
                format!("{path}: {}", e.into_inner())
            })
    }

    #[derive(Debug)]
    struct Numbered(u32, Spec);

    impl<'de> Deserialize<'de> for Numbered {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            super::deserialize(d).map(|(id, spec)| Numbered(id, spec))
        }
    }

    #[test]
    fn the_number_is_read_wherever_it_stands() {
        let spec = |days| Spec {
            name: "首响".into(),
            days,
        };
        assert_eq!(read(r#"{"id": 3, "name": "首响"}"#), Ok((3, spec(0))));
        assert_eq!(
            read(r#"{"name": "首响", "id": 4, "days": 2}"#),
            Ok((4, spec(2)))
        );
        // Read from a value, as a body is once it has been parsed.
        let value = serde_json::json!({"days": 5, "name": "首响", "id": 6});
        let Numbered(id, read) = serde_json::from_value(value).unwrap();
        assert_eq!((id, read), (6, spec(5)));
    }

    #[test]
    fn a_failing_field_keeps_its_name_and_the_number_is_required() {
        assert_eq!(
            read(r#"{"id": 3, "name": "首响", "days": "two"}"#),
            Err("days: invalid type: string \"two\", expected u32 at line 1 column 41".to_owned())
        );
        let missing = read(r#"{"name": "首响"}"#).unwrap_err();
        assert!(missing.contains("missing field `id`"), "{missing}");
        let twice = read(r#"{"id": 1, "name": "首响", "id": 2}"#).unwrap_err();
        assert!(twice.contains("duplicate field `id`"), "{twice}");
        let unknown = read(r#"{"id": 1, "name": "首响", "colour": "red"}"#).unwrap_err();
        assert!(unknown.contains("unknown field `colour`"), "{unknown}");
    }
}
