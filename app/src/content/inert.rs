//! The promise the sanitiser keeps, as a check: nothing in a rendered article can run.
//! Property tests (content/proptests.rs) and the fuzz target (fuzz/) hold every output to it.

/// What in `html` could run, if anything: a script-like element, an event handler
/// attribute, a URL with a scheme that runs code. Reads tags as ammonia writes them (every
/// attribute as `name="value"`); text cannot open a tag, since ammonia escapes its `<`.
pub fn active_html(html: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    let tags = [
        "<script", "<iframe", "<object", "<embed", "<style", "<svg", "<math",
    ];
    if let Some(tag) = tags.iter().find(|t| lower.contains(*t)) {
        return Some(tag.to_string());
    }
    let mut rest = lower.as_str();
    while let Some(open) = rest.find('<') {
        rest = rest[open + 1..].trim_start_matches(|c: char| c.is_alphanumeric() || c == '/');
        while let Some((name, after)) = rest.trim_start().split_once('=') {
            if name.contains('>') {
                break;
            }
            let Some((value, tail)) = after.strip_prefix('"').and_then(|a| a.split_once('"'))
            else {
                return Some(format!("unquoted attribute {name}"));
            };
            let url: String = value
                .replace("&amp;", "&")
                .chars()
                .filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control())
                .collect();
            let schemes = ["javascript:", "vbscript:", "data:"];
            if name.starts_with("on") || schemes.iter().any(|s| url.starts_with(s)) {
                return Some(format!("{name}=\"{value}\""));
            }
            rest = tail;
        }
    }
    None
}
