use std::fmt;
use std::path::PathBuf;

/// One problem in one content file, precise enough for an author to fix it without
/// reading code: `content/articles/x.md:4: topics: unknown topic "sleep" (known: ...)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentError {
    pub file: PathBuf,
    /// 1-based line of the file the problem is on.
    pub line: usize,
    /// The front matter field, or "front matter" / "body" / "file".
    pub field: String,
    pub message: String,
}

impl fmt::Display for ContentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: {}: {}",
            self.file.display(),
            self.line,
            self.field,
            self.message
        )
    }
}

impl std::error::Error for ContentError {}

/// Every problem found while loading the content, so authors fix them in one pass.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ContentErrors(pub Vec<ContentError>);

impl fmt::Display for ContentErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let problems = crate::model::plural(self.0.len(), "problem", "problems");
        writeln!(f, "{problems} in the content:")?;
        for e in &self.0 {
            writeln!(f, "  {e}")?;
        }
        Ok(())
    }
}

/// The 1-based line of byte `offset` of `text`: where a TOML parser's span starts.
pub(crate) fn line_at(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

/// The text of an optional content file (site.toml, synonyms.toml): `None` when there is
/// none, an error naming it when it cannot be read.
pub(crate) fn read_optional(path: &std::path::Path) -> Result<Option<String>, Vec<ContentError>> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(Some(text)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => {
            let mut sink = ErrorSink::new(path);
            sink.push(1, "file", format!("cannot be read: {e}"));
            Err(sink.errors)
        }
    }
}

/// Builds errors for one file.
pub(crate) struct ErrorSink<'a> {
    pub file: &'a std::path::Path,
    pub errors: Vec<ContentError>,
}

impl<'a> ErrorSink<'a> {
    pub fn new(file: &'a std::path::Path) -> Self {
        Self {
            file,
            errors: Vec::new(),
        }
    }

    pub fn push(&mut self, line: usize, field: &str, message: impl Into<String>) {
        self.errors.push(ContentError {
            file: self.file.to_path_buf(),
            line,
            field: field.to_string(),
            message: message.into(),
        });
    }
}
