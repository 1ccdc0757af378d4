//! Text made safe inside HTML attributes (and text), for the HTML the pipeline writes itself:
//! links it rewrites and the help boxes.

pub(super) fn escape_attr(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
