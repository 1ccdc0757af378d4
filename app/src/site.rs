//! The deploying organisation's settings (`content/site.toml`): its name, logo, colours,
//! employee assistance programme and footer links, shared by the server and the browser.
//! Without the file every value is Wellspring's own, so nothing changes. Reading and
//! checking the file is the content pipeline's job (`content/site.rs`).

use serde::{Deserialize, Serialize};

/// Months from an article's review to its next, when site.toml does not say.
pub const DEFAULT_REVIEW_INTERVAL_MONTHS: u8 = 12;
/// The review intervals site.toml may choose: a year, or three for stable topics.
pub const REVIEW_INTERVALS: [u8; 2] = [12, 36];

/// Where the header's logo is served from when site.toml names one (the extension follows
/// the file's): `/site/logo.svg` or `/site/logo.png`.
pub const LOGO_ROUTE: &str = "/site/logo";
/// The stylesheet of the brand colours, linked after the main one when colours are set.
pub const STYLESHEET_ROUTE: &str = "/site.css";
/// Wellspring's own name: the settings' without site.toml.
pub const DEFAULT_NAME: &str = "Wellspring";
/// The heading of the EAP block, on /help and in every help box.
pub const EAP_HEADING: &str = "Your employee assistance programme";
/// Wellspring's own mark, the header's logo when site.toml names none.
const DEFAULT_LOGO: &str = "/icon.svg";

/// Everything site.toml sets, with Wellspring's values for what it leaves out.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteSettings {
    /// In the header, after every `<title>`, as Open Graph's site name and the app's name.
    pub name: String,
    /// The installed app's full name: site.toml's `name`, or Wellspring's longer one (not a
    /// field of site.toml: the manifest said it before there were settings).
    pub app_name: String,
    /// Under an installed app's icon: 12 characters or fewer.
    pub short_name: String,
    /// The installed app's description.
    pub description: String,
    /// The public origin, when site.toml gives one (WELLSPRING_PUBLIC_URL wins).
    pub public_url: Option<String>,
    /// A file in content/ (`.svg` or `.png`); `None` for Wellspring's mark.
    pub logo: Option<String>,
    /// `None` keeps style/main.css's palette, and no extra stylesheet is linked.
    pub colours: Option<Colours>,
    /// A help.toml region code (WELLSPRING_HELP_REGION wins); `None` for the first region.
    pub default_help_region: Option<String>,
    /// One of [`REVIEW_INTERVALS`]: how long after its review an article is due another.
    pub review_interval_months: u8,
    /// The organisation's employee assistance programme, on /help and in help boxes.
    pub eap: Option<Eap>,
    /// After the footer's text, in file order: a privacy notice, an accessibility statement.
    pub footer_links: Vec<FooterLink>,
}

/// The light scheme's palette (style/main.css custom properties). The dark scheme keeps
/// Wellspring's, which was checked for contrast; these were checked against each other.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Colours {
    /// `--accent`: links, buttons, the selected topic, the theme colour.
    pub brand: String,
    /// `--on-accent`: text on the brand colour.
    pub brand_text: String,
    /// `--bg`: the page.
    pub background: String,
    /// `--text`: body text.
    pub text: String,
}

impl Colours {
    /// Each colour with the style/main.css custom property it sets: the one home of that
    /// mapping, for the generated stylesheet and its tests.
    pub fn properties(&self) -> [(&'static str, &str); 4] {
        [
            ("--accent", &self.brand),
            ("--on-accent", &self.brand_text),
            ("--bg", &self.background),
            ("--text", &self.text),
        ]
    }
}

impl Default for Colours {
    /// style/main.css's light scheme.
    fn default() -> Self {
        Self {
            brand: "#1f5f5b".into(),
            brand_text: "#ffffff".into(),
            background: "#faf7f2".into(),
            text: "#1d2a2a".into(),
        }
    }
}

/// "Your employee assistance programme": free, confidential support from the employer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Eap {
    pub name: String,
    /// As readers dial it.
    pub phone: Option<String>,
    /// A plain statement such as "Every day, 8am to 8pm".
    pub hours: Option<String>,
    pub url: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FooterLink {
    pub title: String,
    pub url: String,
}

impl Default for SiteSettings {
    /// Wellspring as it ships.
    fn default() -> Self {
        Self {
            name: DEFAULT_NAME.into(),
            app_name: "Wellspring: reading for your wellbeing".into(),
            short_name: "Wellspring".into(),
            description: "Kind, practical articles on stress, mood, recovery, mindfulness and more. Private by design: what you read stays in your browser.".into(),
            public_url: None,
            logo: None,
            colours: None,
            default_help_region: None,
            review_interval_months: DEFAULT_REVIEW_INTERVAL_MONTHS,
            eap: None,
            footer_links: Vec::new(),
        }
    }
}

impl SiteSettings {
    /// `<meta name="theme-color">` and the manifest's: the brand colour.
    pub fn theme_color(&self) -> String {
        self.colours.clone().unwrap_or_default().brand
    }

    /// The page background, for the manifest's splash screen.
    pub fn background_color(&self) -> String {
        self.colours.clone().unwrap_or_default().background
    }

    /// `svg` or `png`: the logo file's kind, if there is one.
    pub fn logo_extension(&self) -> Option<&'static str> {
        let logo = self.logo.as_deref()?.to_ascii_lowercase();
        ["svg", "png"]
            .into_iter()
            .find(|ext| logo.ends_with(&format!(".{ext}")))
    }

    /// Where the header's logo is served from.
    pub fn logo_url(&self) -> String {
        match self.logo_extension() {
            Some(ext) => format!("{LOGO_ROUTE}.{ext}"),
            None => DEFAULT_LOGO.into(),
        }
    }

    /// What a page's `<title>` says: its own title, then the site's name.
    pub fn full_title(&self, title: &str) -> String {
        format!("{title} · {}", self.name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_are_wellspring_as_it_ships() {
        let site = SiteSettings::default();
        let manifest = include_str!("../../public/manifest.webmanifest");
        assert!(manifest.contains(&format!("\"name\": \"{}\"", site.app_name)));
        assert!(manifest.contains(&format!("\"short_name\": \"{}\"", site.short_name)));
        assert!(manifest.contains(&format!("\"description\": \"{}\"", site.description)));
        assert!(manifest.contains(&format!("\"theme_color\": \"{}\"", site.theme_color())));
        assert!(manifest.contains(&format!(
            "\"background_color\": \"{}\"",
            site.background_color()
        )));
        let css = include_str!("../../style/main.css");
        for (property, value) in Colours::default().properties() {
            assert!(css.contains(&format!("{property}: {value};")), "{property}");
        }
        assert_eq!(site.full_title("Sleep"), "Sleep · Wellspring");
        assert_eq!(site.logo_url(), "/icon.svg");
        assert_eq!(site.review_interval_months, 12);
        assert!(site.eap.is_none() && site.footer_links.is_empty() && site.colours.is_none());
    }

    #[test]
    fn a_logo_is_served_under_its_kind() {
        let site = |logo: &str| SiteSettings {
            logo: Some(logo.into()),
            ..SiteSettings::default()
        };
        assert_eq!(site("brand/logo.SVG").logo_url(), "/site/logo.svg");
        assert_eq!(site("logo.png").logo_url(), "/site/logo.png");
    }
}
