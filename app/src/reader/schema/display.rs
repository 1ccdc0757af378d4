//! Display settings (#26): theme, text size, line spacing, font and motion, kept with the
//! rest of reader state under [`DISPLAY_KEY`] as one JSON object. Each setting becomes a
//! `data-*` attribute of `<html>` that style/main.css keys on; the head probe (app.rs) sets
//! them before first paint from [`ATTRIBUTES`], so the page never flashes its defaults.
//!
//! Every field is read on its own: a damaged or unknown value costs only that setting (it
//! falls back to its default), never the others and never the page.

use serde::{Deserialize, Serialize};
use serde_json::Value;

pub const DISPLAY_KEY: &str = "wellspring.v2.display";
/// The version of the stored object; a newer one is read field by field all the same.
pub const DISPLAY_VERSION: u32 = 1;

/// One setting: the stored field, the `<html>` attribute it sets, and the values it may
/// take, its default first. The default sets no attribute (the page as the server renders
/// it). The head probe is built from this table.
pub struct Attribute {
    pub field: &'static str,
    pub attribute: &'static str,
    pub values: &'static [&'static str],
}

pub const THEMES: &[&str] = &["system", "light", "dark", "high-contrast"];
pub const TEXT_SIZES: &[&str] = &["100", "125", "150", "175", "200"];
pub const SPACINGS: &[&str] = &["normal", "wide"];
pub const FONTS: &[&str] = &["default", "hyperlegible"];
pub const MOTIONS: &[&str] = &["system", "reduce"];

pub const ATTRIBUTES: [Attribute; 5] = [
    Attribute {
        field: "theme",
        attribute: "data-theme",
        values: THEMES,
    },
    Attribute {
        field: "text_size",
        attribute: "data-text-size",
        values: TEXT_SIZES,
    },
    Attribute {
        field: "spacing",
        attribute: "data-spacing",
        values: SPACINGS,
    },
    Attribute {
        field: "font",
        attribute: "data-font",
        values: FONTS,
    },
    Attribute {
        field: "motion",
        attribute: "data-motion",
        values: MOTIONS,
    },
];

/// The reader's display settings: each a value of its [`ATTRIBUTES`] row. Stored as
/// `{"version":1,"theme":"dark","text_size":"150",...}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisplaySettings {
    pub version: u32,
    pub theme: String,
    pub text_size: String,
    pub spacing: String,
    pub font: String,
    pub motion: String,
}

impl Default for DisplaySettings {
    fn default() -> Self {
        let [theme, text_size, spacing, font, motion] = ATTRIBUTES.map(|a| a.values[0].into());
        DisplaySettings {
            version: DISPLAY_VERSION,
            theme,
            text_size,
            spacing,
            font,
            motion,
        }
    }
}

impl DisplaySettings {
    pub fn get(&self, field: &str) -> &str {
        match field {
            "theme" => &self.theme,
            "text_size" => &self.text_size,
            "spacing" => &self.spacing,
            "font" => &self.font,
            "motion" => &self.motion,
            _ => "",
        }
    }

    /// Sets one setting; a field or value not in [`ATTRIBUTES`] changes nothing (false).
    pub fn set(&mut self, field: &str, value: &str) -> bool {
        let Some(row) = row(field) else {
            return false;
        };
        if !row.values.contains(&value) {
            return false;
        }
        let slot = match field {
            "theme" => &mut self.theme,
            "text_size" => &mut self.text_size,
            "spacing" => &mut self.spacing,
            "font" => &mut self.font,
            _ => &mut self.motion,
        };
        *slot = value.to_string();
        true
    }

    /// The `<html>` attributes these settings set: `None` removes one (the default).
    pub fn attributes(&self) -> impl Iterator<Item = (&'static str, Option<&str>)> + '_ {
        ATTRIBUTES.iter().map(move |a| {
            let v = self.get(a.field);
            (a.attribute, (v != a.values[0]).then_some(v))
        })
    }

    pub fn is_default(&self) -> bool {
        self.attributes().all(|(_, v)| v.is_none())
    }

    /// Reads a stored object field by field. The flag says whether anything was repaired
    /// (then the stored value is rewritten).
    pub fn from_value(value: &Value) -> (DisplaySettings, bool) {
        let Some(obj) = value.as_object() else {
            return (DisplaySettings::default(), true);
        };
        let mut out = DisplaySettings::default();
        let mut repaired =
            obj.get("version").and_then(Value::as_u64) != Some(DISPLAY_VERSION.into());
        for a in &ATTRIBUTES {
            match obj.get(a.field) {
                None => {}
                Some(Value::String(v)) if out.set(a.field, v) => {}
                Some(_) => repaired = true,
            }
        }
        (out, repaired)
    }
}

fn row(field: &str) -> Option<&'static Attribute> {
    ATTRIBUTES.iter().find(|a| a.field == field)
}

/// Decodes the stored settings. Absent: `None`, nothing to repair. Anything damaged is
/// repaired setting by setting; what is not a JSON object at all becomes the defaults.
pub fn decode_display(raw: Option<String>) -> (Option<DisplaySettings>, bool) {
    let Some(raw) = raw else {
        return (None, false);
    };
    if raw.len() > 4096 {
        return (Some(DisplaySettings::default()), true);
    }
    let (settings, repaired) = match serde_json::from_str::<Value>(&raw) {
        Ok(value) => DisplaySettings::from_value(&value),
        Err(_) => (DisplaySettings::default(), true),
    };
    (Some(settings), repaired)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_set_no_attribute_and_round_trip() {
        let d = DisplaySettings::default();
        assert!(d.is_default());
        let raw = serde_json::to_string(&d).unwrap();
        assert_eq!(decode_display(Some(raw)), (Some(d), false));
        assert_eq!(decode_display(None), (None, false));
    }

    #[test]
    fn every_value_round_trips_and_sets_its_attribute() {
        for a in &ATTRIBUTES {
            for v in a.values {
                let mut d = DisplaySettings::default();
                assert!(d.set(a.field, v));
                let raw = serde_json::to_string(&d).unwrap();
                assert_eq!(decode_display(Some(raw)), (Some(d.clone()), false));
                let attr = d.attributes().find(|(n, _)| *n == a.attribute).unwrap().1;
                assert_eq!(attr, (v != &a.values[0]).then_some(*v));
            }
        }
    }

    #[test]
    fn text_size_has_at_least_four_steps_up_to_double() {
        assert!(TEXT_SIZES.len() >= 4);
        assert_eq!(TEXT_SIZES.first(), Some(&"100"));
        assert_eq!(TEXT_SIZES.last(), Some(&"200"));
    }

    #[test]
    fn out_of_bounds_values_are_refused_and_repaired_one_by_one() {
        let mut d = DisplaySettings::default();
        assert!(!d.set("text_size", "400"));
        assert!(!d.set("theme", "neon"));
        assert!(!d.set("colour", "red"));
        assert!(d.is_default());
        let raw = r#"{"version":1,"theme":"dark","text_size":"400","font":7,"spacing":"wide"}"#;
        let (d, repaired) = decode_display(Some(raw.into()));
        let d = d.unwrap();
        assert!(repaired);
        assert_eq!((d.theme.as_str(), d.spacing.as_str()), ("dark", "wide"));
        assert_eq!((d.text_size.as_str(), d.font.as_str()), ("100", "default"));
    }

    #[test]
    fn garbage_becomes_the_defaults_not_a_crash() {
        for raw in ["", "null", "[]", "\"dark\"", "{", &"x".repeat(10_000)] {
            let (d, repaired) = decode_display(Some(raw.into()));
            assert_eq!(d, Some(DisplaySettings::default()), "{raw:.20}");
            assert!(repaired);
        }
    }

    #[test]
    fn a_missing_or_other_version_is_read_and_rewritten() {
        let (d, repaired) = decode_display(Some(r#"{"theme":"high-contrast"}"#.into()));
        assert_eq!(d.unwrap().theme, "high-contrast");
        assert!(repaired);
        let (d, repaired) = decode_display(Some(r#"{"version":9,"motion":"reduce"}"#.into()));
        assert_eq!(d.unwrap().motion, "reduce");
        assert!(repaired);
    }
}
