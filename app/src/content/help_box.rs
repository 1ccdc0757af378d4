//! The `{{ help }}` shortcode and the help box it becomes. The box is HTML written here,
//! from help.toml's data only (every value escaped), and put into the article after
//! sanitising, so ammonia keeps its `hidden`, `data-region` and `aria-label`.

use super::escape::escape_attr as esc;
use crate::help::{tel_href, Audience, ChannelKind, HelpDirectory, Service};
use crate::site::{Eap, EAP_HEADING};

/// The box's accessible name.
pub const LABEL: &str = "Support you can reach now";

/// The audience a shortcode paragraph (its Markdown source) asks for, or why it is not one.
pub fn parse_shortcode(source: &str) -> Result<Audience, String> {
    let usage = "write `{{ help }}` or `{{ help audience=\"young-people\" }}` alone on its line, with a blank line before and after";
    let inner = source
        .trim()
        .strip_prefix("{{")
        .and_then(|s| s.strip_suffix("}}"))
        .filter(|s| !s.contains('\n'))
        .map(str::trim)
        .and_then(|s| s.strip_prefix("help"))
        .ok_or_else(|| format!("this is not a shortcode: {usage}"))?;
    if inner.is_empty() {
        return Ok(Audience::Everyone);
    }
    let id = inner
        .strip_prefix(char::is_whitespace)
        .map(str::trim)
        .and_then(|s| s.strip_prefix("audience=\""))
        .and_then(|s| s.strip_suffix('"'))
        .ok_or_else(|| format!("this is not a shortcode: {usage}"))?;
    Audience::from_id(id).ok_or_else(|| {
        let known: Vec<_> = Audience::ALL.iter().map(|a| a.id()).collect();
        format!(
            "unknown audience \"{id}\" in the shortcode (known: {})",
            known.join(", ")
        )
    })
}

/// The box for `audience`: one block per region, all but the default region's `hidden`
/// (the browser shows the reader's own region); each lists the emergency number first, then
/// the services; then the organisation's EAP, if site.toml names one, and a link to /help.
pub fn render(dir: &HelpDirectory, audience: Audience) -> String {
    let mut html = format!("<aside class=\"help-box\" aria-label=\"{LABEL}\">\n");
    for region in &dir.regions {
        let hidden = if region.code == dir.default_code {
            ""
        } else {
            " hidden=\"\""
        };
        html += &format!(
            "<div class=\"help-region\" data-region=\"{}\"{hidden}>\n<ul>\n",
            esc(&region.code)
        );
        html += &format!(
            "<li class=\"help-emergency\"><strong>{}</strong>: in an emergency, <a href=\"{}\">call {}</a></li>\n",
            esc(&region.name),
            esc(&region.emergency_href()),
            esc(&region.emergency)
        );
        for service in dir.box_services(&region.code, audience) {
            html += &item(service);
        }
        html += "</ul>\n</div>\n";
    }
    if let Some(e) = &dir.eap {
        html += &eap(e);
    }
    html += "<p><a href=\"/help\">More support and other regions</a></p>\n</aside>\n";
    html
}

fn item(s: &Service) -> String {
    let links: Vec<String> = s
        .channels()
        .iter()
        .map(|c| {
            let rel = if c.kind == ChannelKind::Chat {
                " rel=\"noopener noreferrer\""
            } else {
                ""
            };
            format!("<a href=\"{}\"{rel}>{}</a>", esc(&c.href), esc(&c.label))
        })
        .collect();
    format!(
        "<li><strong>{}</strong> <span class=\"help-hours\">{}</span><br>{}<br>{}</li>\n",
        esc(&s.name),
        esc(&s.hours),
        esc(&s.description),
        links.join(" ")
    )
}

/// The employer's programme, the same in every region (it is the reader's employer's).
fn eap(e: &Eap) -> String {
    let mut html = format!(
        "<p class=\"help-eap\"><strong>{EAP_HEADING}</strong>: {}",
        esc(&e.name)
    );
    if let Some(hours) = &e.hours {
        html += &format!(" <span class=\"help-hours\">{}</span>", esc(hours));
    }
    if let Some(phone) = &e.phone {
        let href = tel_href(phone);
        html += &format!("<br><a href=\"{}\">Call {}</a>", esc(&href), esc(phone));
    }
    if let Some(url) = &e.url {
        html += &format!(
            " <a href=\"{}\" rel=\"noopener noreferrer\">Visit their website</a>",
            esc(url)
        );
    }
    html + "</p>\n"
}
