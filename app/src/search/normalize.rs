//! Text to words, the one way the index, queries and highlighting all read it: letters and
//! digits, lower-cased, accents folded, apostrophes inside words dropped.

use std::ops::Range;

/// Lower case with accents removed, for the Latin letters the library uses.
pub fn fold(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'ç' | 'ć' | 'č' => "c",
        'ď' | 'đ' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' => "i",
        'ñ' | 'ń' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => "u",
        'ý' | 'ÿ' => "y",
        'ś' | 'š' => "s",
        'ź' | 'ż' | 'ž' => "z",
        'ł' => "l",
        'ř' => "r",
        'ť' => "t",
        'æ' => "ae",
        'œ' => "oe",
        'ß' => "ss",
        _ => return None,
    })
}

/// Splits text into normalised words: letters and digits, lower-cased, accents folded.
/// Apostrophes inside words are dropped, so "don't" is "dont" wherever it is typed.
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    each_word(text, |_, w| out.push(w.to_string()));
    out
}

/// Calls `f` with each word of `text`: where it stands in `text` (bytes; from its first to
/// its last letter or digit) and its normalised form (see [`words`]). One buffer serves every
/// word: this runs over every body at start-up, millions of words for a large library.
pub fn each_word(text: &str, mut f: impl FnMut(Range<usize>, &str)) {
    let mut word = String::new();
    let mut span = 0..0;
    for (i, c) in text.char_indices() {
        let before = word.len();
        let mut take = |c: char| {
            if c.is_ascii_alphanumeric() {
                word.push(c.to_ascii_lowercase());
            } else if let Some(folded) = fold(c) {
                word.push_str(folded);
            } else if c.is_alphanumeric() {
                word.push(c);
            }
        };
        if c.is_ascii() {
            take(c);
        } else {
            c.to_lowercase().for_each(&mut take);
        }
        if word.len() > before {
            if before == 0 {
                span.start = i;
            }
            span.end = i + c.len_utf8();
        } else if c != '\'' && c != '’' && !word.is_empty() {
            f(span.clone(), &word);
            word.clear();
        }
    }
    if !word.is_empty() {
        f(span, &word);
    }
}
