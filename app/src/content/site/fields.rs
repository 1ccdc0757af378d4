//! The checks of site.toml's values: words, links, the logo file, the colours and their
//! contrast, the EAP and the footer links. Each problem is pushed with the line of the value
//! it is about; a value with a problem keeps Wellspring's own.

use super::{contrast, parse_hex, Check, RawColours, RawEap, RawFooterLink, Text, AA_TEXT};
use crate::content::error::line_at;
use crate::content::help::fields::number_problem;
use crate::site::{Colours, Eap, FooterLink};
use std::path::Path;
use toml::Spanned;

impl Check<'_> {
    /// A trimmed value that must say something.
    pub(super) fn words(&mut self, value: Text, field: &str) -> Option<String> {
        let value = value?;
        let words = value.get_ref().trim().to_string();
        if words.is_empty() {
            self.error(
                &value,
                field,
                "is empty: remove the line for Wellspring's own",
            );
            return None;
        }
        Some(words)
    }

    pub(super) fn link(&mut self, value: &Spanned<String>, field: &str) -> bool {
        let url = value.get_ref();
        let ok = url.starts_with("https://") || url.starts_with("http://");
        if !ok {
            self.error(value, field, "must be a web address starting with https://");
        }
        ok
    }

    pub(super) fn logo(&mut self, logo: &Spanned<String>, dir: &Path) -> Option<String> {
        let file = logo.get_ref();
        let lower = file.to_ascii_lowercase();
        if !lower.ends_with(".svg") && !lower.ends_with(".png") {
            self.error(
                logo,
                "logo",
                format!("\"{file}\" is not an .svg or .png file"),
            );
            return None;
        }
        // Only files of the content folder: the server serves this file to anyone.
        let inside = Path::new(file)
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)));
        if !inside {
            let message = format!("\"{file}\" is not in the content folder: give its path from there, such as \"logo.svg\"");
            self.error(logo, "logo", message);
            return None;
        }
        if !dir.join(file).is_file() {
            let message = format!(
                "the file {} does not exist: add it, or remove `logo` for Wellspring's mark",
                dir.join(file).display()
            );
            self.error(logo, "logo", message);
            return None;
        }
        Some(file.clone())
    }

    /// Each colour given, then each pair the pages show together, against WCAG AA.
    pub(super) fn colours(&mut self, raw: RawColours) -> Colours {
        let mut colours = Colours::default();
        let mut lines = [0; 4];
        let fields = [
            ("brand", raw.brand, &mut colours.brand),
            ("brand_text", raw.brand_text, &mut colours.brand_text),
            ("background", raw.background, &mut colours.background),
            ("text", raw.text, &mut colours.text),
        ];
        let mut bad = false;
        for (i, (name, value, slot)) in fields.into_iter().enumerate() {
            let Some(value) = value else { continue };
            lines[i] = line_at(self.text, value.span().start);
            let colour = value.get_ref().trim().to_ascii_lowercase();
            if parse_hex(&colour).is_none() {
                let message = format!(
                    "\"{}\" is not a colour: write it as #rrggbb, such as \"#1f5f5b\"",
                    value.get_ref()
                );
                self.error(&value, &format!("colours.{name}"), message);
                bad = true;
            } else {
                *slot = colour;
            }
        }
        if bad {
            return colours;
        }
        // Foreground on background, as the stylesheet uses them: (index, name, value).
        let (brand, brand_text, background, text) = (
            (0, "brand", &colours.brand),
            (1, "brand_text", &colours.brand_text),
            (2, "background", &colours.background),
            (3, "text", &colours.text),
        );
        for (fore, back) in [(brand_text, brand), (text, background), (brand, background)] {
            let (Some(f), Some(b)) = (parse_hex(fore.2), parse_hex(back.2)) else {
                continue;
            };
            let ratio = contrast(f, b);
            if ratio < AA_TEXT {
                // On the line of a colour the file sets: Wellspring's own pairs all pass.
                let line = [lines[fore.0], lines[back.0], 1]
                    .into_iter()
                    .find(|&l| l > 0)
                    .unwrap_or(1);
                let message = format!(
                    "{} ({}) on {} ({}) has a contrast of {ratio:.2}:1, below WCAG AA's {AA_TEXT}:1 for text: darken or lighten one of them",
                    fore.1, fore.2, back.1, back.2
                );
                self.errors
                    .push(line, &format!("colours.{}", fore.1), message);
            }
        }
        colours
    }

    pub(super) fn eap(&mut self, raw: Spanned<RawEap>) -> Option<Eap> {
        let before = self.errors.errors.len();
        let line = line_at(self.text, raw.span().start);
        let raw = raw.into_inner();
        if raw.phone.is_none() && raw.url.is_none() {
            let message = "give readers a way to reach it: `phone`, `url` or both";
            self.errors.push(line, "eap", message);
        }
        let name = self.words(Some(raw.name), "eap.name");
        if let Some(phone) = &raw.phone {
            if let Some(problem) = number_problem(phone.get_ref()) {
                self.error(
                    phone,
                    "eap.phone",
                    format!("\"{}\" {problem}", phone.get_ref()),
                );
            }
        }
        if let Some(url) = &raw.url {
            self.link(url, "eap.url");
        }
        let hours = self.words(raw.hours, "eap.hours");
        (self.errors.errors.len() == before).then(|| Eap {
            name: name.unwrap_or_default(),
            phone: raw.phone.map(Spanned::into_inner),
            hours,
            url: raw.url.map(Spanned::into_inner),
        })
    }

    pub(super) fn footer_link(&mut self, raw: RawFooterLink) -> Option<FooterLink> {
        let title = self.words(Some(raw.title), "footer_link.title");
        let url_ok = self.link(&raw.url, "footer_link.url");
        Some(FooterLink {
            title: title?,
            url: url_ok.then(|| raw.url.into_inner())?,
        })
    }
}
