//! Crisis and support services by region: what `content/help.toml` holds, shared by the
//! server and the browser, and what pages derive from it (links, order, the reader's region).
//! Loading and validating the file is the content pipeline's job (`content/help.rs`).

use serde::{Deserialize, Serialize};

/// What `hours` says of a service open around the clock.
pub const ALWAYS_OPEN: &str = "24/7";
/// The region code of a service that can be reached from anywhere.
pub const INTERNATIONAL: &str = "international";
/// The `?region=` value that shows every region.
pub const ALL_REGIONS: &str = "all";

/// Who a service is for. Pages group services in this order, everyone first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Audience {
    Everyone,
    YoungPeople,
    Lgbtq,
    BereavedBySuicide,
    DrugsAlcohol,
    Parents,
}

impl Audience {
    pub const ALL: [Audience; 6] = [
        Audience::Everyone,
        Audience::YoungPeople,
        Audience::Lgbtq,
        Audience::BereavedBySuicide,
        Audience::DrugsAlcohol,
        Audience::Parents,
    ];

    /// The id help.toml and the shortcode use: `young-people`.
    pub fn id(self) -> &'static str {
        match self {
            Audience::Everyone => "everyone",
            Audience::YoungPeople => "young-people",
            Audience::Lgbtq => "lgbtq",
            Audience::BereavedBySuicide => "bereaved-by-suicide",
            Audience::DrugsAlcohol => "drugs-alcohol",
            Audience::Parents => "parents",
        }
    }

    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.id() == id)
    }

    /// The heading its services stand under on /help.
    pub fn heading(self) -> &'static str {
        match self {
            Audience::Everyone => "Talk to someone now",
            Audience::YoungPeople => "For children and young people",
            Audience::Lgbtq => "For LGBTQ+ people",
            Audience::BereavedBySuicide => "If you have lost someone to suicide",
            Audience::DrugsAlcohol => "Drugs and alcohol",
            Audience::Parents => "For parents and carers",
        }
    }
}

/// A place a reader can pick, with the number to call for police, ambulance or fire.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Region {
    /// ISO 3166-1 alpha-2, lower case: `gb`.
    pub code: String,
    pub name: String,
    pub emergency: String,
}

impl Region {
    pub fn emergency_href(&self) -> String {
        tel_href(&self.emergency)
    }
}

/// A text line: the number to text and, where the service asks for one, the first word.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextLine {
    pub number: String,
    pub keyword: Option<String>,
}

/// One service, as checked against its own page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Service {
    pub name: String,
    /// Region codes, or [`INTERNATIONAL`].
    pub regions: Vec<String>,
    pub audiences: Vec<Audience>,
    /// One plain sentence.
    pub description: String,
    /// [`ALWAYS_OPEN`] or a plain statement such as "Every day, 10am to 10pm".
    pub hours: String,
    /// ISO 639-1 codes.
    pub languages: Vec<String>,
    /// `YYYY-MM-DD`: the day an editor last checked the entry; `None` if never.
    pub verified: Option<String>,
    /// The service's own page, which the check was made against.
    pub url: String,
    /// As readers dial it: `116 123`.
    pub call: Option<String>,
    pub text: Option<TextLine>,
    /// A web chat page.
    pub chat: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChannelKind {
    Call,
    Text,
    Chat,
}

/// One way to reach a service, ready for a link.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Channel {
    pub kind: ChannelKind,
    /// "Call 116 123", "Text SHOUT to 85258", "Chat online".
    pub label: String,
    /// `tel:116123`, `sms:85258?body=SHOUT`, or the chat page.
    pub href: String,
}

impl Service {
    pub fn is_always_open(&self) -> bool {
        self.hours == ALWAYS_OPEN
    }

    pub fn serves(&self, region: &str) -> bool {
        self.regions
            .iter()
            .any(|r| r == region || r == INTERNATIONAL)
    }

    pub fn is_for(&self, audience: Audience) -> bool {
        self.audiences.contains(&audience)
    }

    /// Call, then text, then chat: the quickest first.
    pub fn channels(&self) -> Vec<Channel> {
        let mut out = Vec::new();
        if let Some(number) = &self.call {
            out.push(Channel {
                kind: ChannelKind::Call,
                label: format!("Call {number}"),
                href: tel_href(number),
            });
        }
        if let Some(text) = &self.text {
            let label = match &text.keyword {
                Some(word) => format!("Text {word} to {}", text.number),
                None => format!("Text {}", text.number),
            };
            out.push(Channel {
                kind: ChannelKind::Text,
                label,
                href: sms_href(&text.number, text.keyword.as_deref()),
            });
        }
        if let Some(chat) = &self.chat {
            out.push(Channel {
                kind: ChannelKind::Chat,
                label: "Chat online".into(),
                href: chat.clone(),
            });
        }
        out
    }
}

/// A number as a phone dials it: digits, and a leading `+` if written.
fn dialable(number: &str) -> String {
    let plus = number.trim_start().starts_with('+');
    let digits = number.chars().filter(char::is_ascii_digit);
    (if plus { "+" } else { "" })
        .chars()
        .chain(digits)
        .collect()
}

/// `tel:` link for a number as readers dial it: `116 123` -> `tel:116123`.
pub fn tel_href(number: &str) -> String {
    format!("tel:{}", dialable(number))
}

/// `sms:` link, with the keyword as the message when there is one: `sms:85258?body=SHOUT`.
pub fn sms_href(number: &str, keyword: Option<&str>) -> String {
    match keyword {
        Some(word) => format!("sms:{}?body={}", dialable(number), url_encode(word)),
        None => format!("sms:{}", dialable(number)),
    }
}

fn url_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Every region and service, and the region shown before a reader picks one.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HelpDirectory {
    /// In the order the picker lists them.
    pub regions: Vec<Region>,
    pub services: Vec<Service>,
    /// The code of the default region: the server's setting, else the first region.
    pub default_code: String,
    /// The organisation's employee assistance programme (site.toml), shown wherever these
    /// services are; set by the content pipeline, not part of help.toml.
    #[serde(default)]
    pub eap: Option<crate::site::Eap>,
}

/// Which regions /help shows for its `?region=` query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegionPick {
    /// The region chosen, or the default one.
    pub code: String,
    /// Every region is shown (`?region=all`).
    pub all: bool,
    /// A code that was asked for but is not a region, so the default is shown instead.
    pub unknown: Option<String>,
}

impl RegionPick {
    pub fn shows(&self, code: &str) -> bool {
        self.all || self.code == code
    }
}

impl HelpDirectory {
    pub fn region(&self, code: &str) -> Option<&Region> {
        self.regions.iter().find(|r| r.code == code)
    }

    pub fn default_region(&self) -> Option<&Region> {
        self.region(&self.default_code)
    }

    pub fn emergency_for(&self, code: &str) -> Option<&str> {
        self.region(code).map(|r| r.emergency.as_str())
    }

    /// The services of `region` for `audience`, those open around the clock first, in file
    /// order otherwise.
    pub fn services_for(&self, region: &str, audience: Audience) -> Vec<&Service> {
        let mut list: Vec<&Service> = self
            .services
            .iter()
            .filter(|s| s.serves(region) && s.is_for(audience))
            .collect();
        list.sort_by_key(|s| !s.is_always_open());
        list
    }

    /// What a help box lists: the services for `audience`, then the region's round-the-clock
    /// crisis lines for everyone, so a box is never without someone to call now.
    pub fn box_services(&self, region: &str, audience: Audience) -> Vec<&Service> {
        let mut list = self.services_for(region, audience);
        for s in self.services_for(region, Audience::Everyone) {
            if s.is_always_open() && !list.iter().any(|l| std::ptr::eq(*l, s)) {
                list.push(s);
            }
        }
        list
    }

    /// The audiences `region` has services for, in page order.
    pub fn audiences_in(&self, region: &str) -> Vec<Audience> {
        Audience::ALL
            .into_iter()
            .filter(|&a| {
                self.services
                    .iter()
                    .any(|s| s.serves(region) && s.is_for(a))
            })
            .collect()
    }

    /// Reads a `?region=` value: a known code, `all`, or anything else (the default, flagged).
    pub fn pick(&self, asked: Option<&str>) -> RegionPick {
        let asked = asked.map(str::trim).filter(|a| !a.is_empty());
        let default = RegionPick {
            code: self.default_code.clone(),
            all: false,
            unknown: None,
        };
        match asked {
            None => default,
            Some(ALL_REGIONS) => RegionPick {
                all: true,
                ..default
            },
            Some(code) if self.region(&code.to_ascii_lowercase()).is_some() => RegionPick {
                code: code.to_ascii_lowercase(),
                ..default
            },
            Some(other) => RegionPick {
                unknown: Some(other.to_string()),
                ..default
            },
        }
    }

    /// Every number this file holds (emergency, call and text), as digits only: what an
    /// article's typed number is checked against.
    pub fn numbers(&self) -> Vec<String> {
        let regions = self.regions.iter().map(|r| r.emergency.as_str());
        let calls = self.services.iter().filter_map(|s| s.call.as_deref());
        let texts = self
            .services
            .iter()
            .filter_map(|s| s.text.as_ref().map(|t| t.number.as_str()));
        regions
            .chain(calls)
            .chain(texts)
            .map(|n| n.chars().filter(char::is_ascii_digit).collect())
            .collect()
    }
}

#[cfg(test)]
mod tests;
