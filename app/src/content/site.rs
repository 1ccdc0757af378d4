//! `content/site.toml`: the deploying organisation's settings, read and checked like the
//! other content files. The file is optional (without it the site is Wellspring as it
//! ships); when present, every problem is reported at once with the line the TOML parser's
//! spans point at, so an author fixes them in one pass.

mod contrast;
mod fields;
#[cfg(test)]
mod tests;

pub use contrast::{contrast, parse_hex, AA_TEXT};

use super::error::{line_at, read_optional, ContentError, ErrorSink};
use crate::site::{SiteSettings, REVIEW_INTERVALS};
use serde::Deserialize;
use std::path::Path;
use toml::Spanned;

/// The settings file's name in the content folder.
pub const FILE: &str = "site.toml";

type Text = Option<Spanned<String>>;

/// site.toml as written; what it leaves out keeps Wellspring's value.
#[derive(Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct RawSite {
    /// The site's name: header, `<title>`, Open Graph, the installed app.
    name: Text,
    /// The name under an installed app's icon.
    short_name: Text,
    /// One or two sentences for the installed app.
    description: Text,
    /// `https://wellbeing.example.org`; WELLSPRING_PUBLIC_URL overrides it.
    public_url: Text,
    /// An `.svg` or `.png` file in the content folder.
    logo: Text,
    /// The light scheme's palette.
    colours: Option<RawColours>,
    /// A region code of help.toml; WELLSPRING_HELP_REGION overrides it.
    default_help_region: Text,
    /// 12 or 36.
    review_interval_months: Option<Spanned<i64>>,
    /// "Your employee assistance programme".
    eap: Option<Spanned<RawEap>>,
    /// `[[footer_link]]`s: a privacy notice, an accessibility statement.
    footer_link: Vec<Spanned<RawFooterLink>>,
}

#[derive(Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct RawColours {
    /// Links, buttons and the theme colour.
    brand: Text,
    /// Text on the brand colour.
    brand_text: Text,
    /// The page.
    background: Text,
    /// Body text.
    text: Text,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEap {
    name: Spanned<String>,
    phone: Text,
    hours: Text,
    url: Text,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFooterLink {
    title: Spanned<String>,
    url: Spanned<String>,
}

/// Reads `dir/site.toml` if there is one; `regions` are help.toml's codes, which
/// `default_help_region` must be one of.
pub fn load(dir: &Path, regions: &[&str]) -> Result<SiteSettings, Vec<ContentError>> {
    let path = dir.join(FILE);
    match read_optional(&path)? {
        Some(text) => parse(&path, &text, dir, regions),
        None => Ok(SiteSettings::default()),
    }
}

/// Checks the text of the site.toml at `path`; `dir` is the content folder the logo is in.
pub fn parse(
    path: &Path,
    text: &str,
    dir: &Path,
    regions: &[&str],
) -> Result<SiteSettings, Vec<ContentError>> {
    let mut check = Check {
        text,
        errors: ErrorSink::new(path),
    };
    let raw: RawSite = match toml::from_str(text) {
        Ok(raw) => raw,
        Err(e) => {
            let line = line_at(check.text, e.span().map_or(0, |s| s.start));
            let message = e.message().trim();
            // serde names the field in backquotes: `unknown field `x`, expected one of ...`.
            let field = message.split('`').nth(1).unwrap_or("file").to_string();
            check.errors.push(line, &field, message);
            return Err(check.errors.errors);
        }
    };
    let site = check.site(raw, dir, regions);
    if check.errors.errors.is_empty() {
        Ok(site)
    } else {
        check.errors.errors.sort_by_key(|e| e.line);
        Err(check.errors.errors)
    }
}

struct Check<'a> {
    text: &'a str,
    errors: ErrorSink<'a>,
}

impl Check<'_> {
    fn error<T>(&mut self, at: &Spanned<T>, field: &str, message: impl Into<String>) {
        let line = line_at(self.text, at.span().start);
        self.errors.push(line, field, message);
    }

    /// The settings, with every problem of `raw` pushed; what is wrong keeps its default.
    fn site(&mut self, raw: RawSite, dir: &Path, regions: &[&str]) -> SiteSettings {
        let mut site = SiteSettings::default();
        if let Some(name) = self.words(raw.name, "name") {
            site.app_name.clone_from(&name);
            site.name = name;
        }
        if let Some(short) = self.words(raw.short_name, "short_name") {
            site.short_name = short;
        }
        if let Some(description) = self.words(raw.description, "description") {
            site.description = description;
        }
        site.public_url = raw.public_url.and_then(|url| {
            let trimmed = url.get_ref().trim().trim_end_matches('/').to_string();
            self.link(&url, "public_url").then_some(trimmed)
        });
        site.logo = raw.logo.and_then(|logo| self.logo(&logo, dir));
        site.colours = raw.colours.map(|c| self.colours(c));
        site.default_help_region = raw.default_help_region.and_then(|code| {
            let known = regions.contains(&code.get_ref().as_str());
            if !known {
                let message = format!(
                    "\"{}\" is not a region of help.toml (known: {})",
                    code.get_ref(),
                    regions.join(", ")
                );
                self.error(&code, "default_help_region", message);
            }
            known.then(|| code.into_inner())
        });
        if let Some(months) = raw.review_interval_months {
            match u8::try_from(*months.get_ref()) {
                Ok(m) if REVIEW_INTERVALS.contains(&m) => site.review_interval_months = m,
                _ => {
                    let message = format!("{} months: use 12 or 36", months.get_ref());
                    self.error(&months, "review_interval_months", message);
                }
            }
        }
        site.eap = raw.eap.and_then(|eap| self.eap(eap));
        site.footer_links = raw
            .footer_link
            .into_iter()
            .filter_map(|link| self.footer_link(link.into_inner()))
            .collect();
        site
    }
}
