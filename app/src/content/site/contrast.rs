//! Colour contrast as WCAG 2.x defines it, for site.toml's colours: text must reach 4.5:1
//! against what it is read on (success criterion 1.4.3, level AA).

/// The least contrast WCAG AA allows for body text.
pub const AA_TEXT: f64 = 4.5;

/// `#rrggbb` as its three channels; `None` for anything else (no short or named forms, so
/// the file says exactly what the stylesheet and the manifest will).
pub fn parse_hex(colour: &str) -> Option<[u8; 3]> {
    let hex = colour.strip_prefix('#')?;
    if hex.len() != 6 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some([channel(0)?, channel(2)?, channel(4)?])
}

/// Relative luminance (WCAG 2.x): each sRGB channel linearised, weighted by how bright the
/// eye finds it.
pub fn luminance([r, g, b]: [u8; 3]) -> f64 {
    let linear = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
}

/// The contrast ratio of two colours, from 1 (the same) to 21 (black on white), whichever
/// way round they are given.
pub fn contrast(a: [u8; 3], b: [u8; 3]) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    let (light, dark) = if la > lb { (la, lb) } else { (lb, la) };
    (light + 0.05) / (dark + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ratio(a: &str, b: &str) -> String {
        format!(
            "{:.2}",
            contrast(parse_hex(a).unwrap(), parse_hex(b).unwrap())
        )
    }

    #[test]
    fn known_pairs_have_their_published_ratios() {
        assert_eq!(ratio("#000000", "#ffffff"), "21.00");
        assert_eq!(ratio("#ffffff", "#000000"), "21.00");
        assert_eq!(ratio("#777777", "#ffffff"), "4.48");
        assert_eq!(ratio("#767676", "#ffffff"), "4.54");
        assert_eq!(ratio("#123456", "#123456"), "1.00");
    }

    #[test]
    fn only_six_digit_hex_is_a_colour() {
        assert_eq!(parse_hex("#1F5f5b"), Some([0x1f, 0x5f, 0x5b]));
        for bad in ["1f5f5b", "#fff", "#1f5f5g", "teal", "#1f5f5b00", ""] {
            assert_eq!(parse_hex(bad), None, "{bad}");
        }
    }
}
