//! What a TOML file wrote and where: a field's value (or why it has the wrong type) with
//! its span, and the file lines those spans fall on. Serde stops at its first error, so
//! fields keep their type problems here and the checks report them all at once.

use serde::de::{DeserializeOwned, Deserializer};
use serde::Deserialize;
use toml::de::DeTable;
use toml::Spanned;

/// A field as written, with its span; `None` when the file leaves it out.
pub type Field<T> = Option<Spanned<Written<T>>>;

/// A value of the expected type, or what was written instead and serde's reason.
pub struct Written<T>(pub Result<T, Mismatch>);

pub struct Mismatch {
    pub value: toml::Value,
    pub message: String,
}

impl<'de, T: DeserializeOwned> Deserialize<'de> for Written<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let value = toml::Value::deserialize(d)?;
        Ok(Self(T::deserialize(value.clone()).map_err(|e| Mismatch {
            value,
            message: e.message().trim().to_string(),
        })))
    }
}

/// Byte offsets of a TOML text to the lines of the file it sits in.
pub struct Lines<'t> {
    text: &'t str,
    /// Byte offset of each line start in the text.
    starts: Vec<usize>,
    /// The file line of the text's first line.
    first: usize,
}

impl<'t> Lines<'t> {
    pub fn new(text: &'t str, first: usize) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Self {
            text,
            starts,
            first,
        }
    }

    /// The file line of byte `offset` of the text.
    pub fn line(&self, offset: usize) -> usize {
        self.first + self.starts.partition_point(|&s| s <= offset) - 1
    }

    /// The top-level key set on file line `line`, if any, from the parser's spans even when
    /// the text is not valid TOML. Only errors need it, so valid files are parsed once.
    pub fn key_on(&self, line: usize) -> Option<String> {
        let (table, _errors) = DeTable::parse_recoverable(self.text);
        let table = table.into_inner();
        table
            .keys()
            // A broken line can parse as an empty key: no name to give the author.
            .find(|k| !k.get_ref().is_empty() && self.line(k.span().start) == line)
            .map(|k| k.get_ref().to_string())
    }
}
