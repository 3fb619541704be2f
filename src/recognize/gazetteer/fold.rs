//! Key folding shared by the gazetteer, the actor dictionary and the build script.
//!
//! Std-only on purpose: `build.rs` mounts this file (with `#[path]`) next to
//! `frozen.rs` and `tables.rs` to build the frozen lookup tables at compile time, and
//! the library uses the very same functions at run time to fold the text it looks up,
//! so build-time keys and run-time keys can never drift apart.
//!
//! [`fold_key`] lower-cases and strips diacritics; [`key_into`] makes the token key of
//! a surface ("U.S.-Iran" → "u . s . - iran"); [`name_key`] makes an actor-dictionary
//! key ("Ayatollah Ali Khamenei" → "ali khamenei"); [`strip_titles`] and
//! [`is_title_word`] handle leading titles.

/// Base letter(s) of a Latin letter with diacritics, for the ones common in names.
pub(crate) fn fold_char(c: char) -> Option<&'static str> {
    Some(match c {
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ā' | 'Ă' | 'Ą' | 'Ǎ' | 'Ạ' | 'Ả' | 'Ấ' | 'Ầ' | 'Ậ' => "a",
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' | 'ǎ' | 'ạ' | 'ả' | 'ấ' | 'ầ' | 'ậ' => "a",
        'Æ' | 'æ' => "ae",
        'Ç' | 'Ć' | 'Ĉ' | 'Ċ' | 'Č' | 'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'Ð' | 'Ď' | 'Đ' | 'ð' | 'ď' | 'đ' | 'Ḍ' | 'ḍ' => "d",
        'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ĕ' | 'Ė' | 'Ę' | 'Ě' | 'Ẹ' | 'Ế' | 'Ề' | 'Ệ' => "e",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' | 'ẹ' | 'ế' | 'ề' | 'ệ' => "e",
        'Ĝ' | 'Ğ' | 'Ġ' | 'Ģ' | 'ĝ' | 'ğ' | 'ġ' | 'ģ' | 'Ǧ' | 'ǧ' => "g",
        'Ĥ' | 'Ħ' | 'ĥ' | 'ħ' | 'Ḥ' | 'ḥ' | 'Ḫ' | 'ḫ' => "h",
        'Ì' | 'Í' | 'Î' | 'Ï' | 'Ĩ' | 'Ī' | 'Ĭ' | 'Į' | 'İ' | 'Ǐ' | 'Ị' => "i",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' | 'ǐ' | 'ị' => "i",
        'Ĵ' | 'ĵ' => "j",
        'Ķ' | 'ķ' => "k",
        'Ĺ' | 'Ļ' | 'Ľ' | 'Ŀ' | 'Ł' | 'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'Ñ' | 'Ń' | 'Ņ' | 'Ň' | 'ñ' | 'ń' | 'ņ' | 'ň' | 'Ṇ' | 'ṇ' => "n",
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ō' | 'Ŏ' | 'Ő' | 'Ơ' | 'Ǒ' | 'Ọ' | 'Ố' | 'Ồ' | 'Ộ' | 'Ờ' | 'Ớ' => "o",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' | 'ơ' | 'ǒ' | 'ọ' | 'ố' | 'ồ' | 'ộ' | 'ờ' | 'ớ' => "o",
        'Œ' | 'œ' => "oe",
        'Ŕ' | 'Ŗ' | 'Ř' | 'ŕ' | 'ŗ' | 'ř' | 'Ṛ' | 'ṛ' => "r",
        'Ś' | 'Ŝ' | 'Ş' | 'Š' | 'Ș' | 'ś' | 'ŝ' | 'ş' | 'š' | 'ș' | 'Ṣ' | 'ṣ' => "s",
        'ß' => "ss",
        'Ţ' | 'Ť' | 'Ŧ' | 'Ț' | 'ţ' | 'ť' | 'ŧ' | 'ț' | 'Ṭ' | 'ṭ' => "t",
        'Þ' | 'þ' => "th",
        'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ũ' | 'Ū' | 'Ŭ' | 'Ů' | 'Ű' | 'Ų' | 'Ư' | 'Ǔ' | 'Ụ' | 'Ủ' | 'Ừ' | 'Ứ' => "u",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' | 'ư' | 'ǔ' | 'ụ' | 'ủ' | 'ừ' | 'ứ' => "u",
        'Ŵ' | 'ŵ' => "w",
        'Ý' | 'Ÿ' | 'Ŷ' | 'ý' | 'ÿ' | 'ŷ' | 'Ỳ' | 'ỳ' => "y",
        'Ź' | 'Ż' | 'Ž' | 'ź' | 'ż' | 'ž' | 'Ẓ' | 'ẓ' => "z",
        '\u{2019}' | '\u{2018}' | '`' | '\u{00B4}' | '\u{02BC}' | '\u{02BB}' | '\u{02BF}' | '\u{02BE}' => "'",
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}' | '\u{2212}' => "-",
        _ => return None,
    })
}

/// Lower-case `s`, strip common diacritics, unify apostrophes and dashes.
/// The same folding is used for gazetteer keys and actor-dictionary keys.
pub fn fold_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// [`fold_key`] appended to `out` (no allocation of its own).
pub(crate) fn fold_into(s: &str, out: &mut String) {
    // the common case, ASCII: only lower-casing applies ('`' is the one
    // ASCII character `fold_char` changes)
    if s.bytes().all(|b| b.is_ascii() && b != b'`') {
        let at = out.len();
        out.push_str(s);
        if let Some(tail) = out.get_mut(at..) {
            tail.make_ascii_lowercase();
        }
        return;
    }
    for c in s.chars() {
        fold_char_into(c, out);
    }
}

/// The fold of one character appended to `out`: [`fold_into`] is this, character by
/// character (the gazetteer's text scan folds as it tokenizes).
#[inline]
pub(crate) fn fold_char_into(c: char, out: &mut String) {
    fold_char_each(c, |f| out.push(f));
}

/// [`fold_char_into`] for a byte buffer (the UTF-8 of the folded characters).
#[inline]
#[allow(dead_code)] // not used by the build script
pub(crate) fn fold_char_into_bytes(c: char, out: &mut Vec<u8>) {
    if c.is_ascii() && c != '`' {
        out.push(c.to_ascii_lowercase() as u8);
        return;
    }
    fold_char_each(c, |f| {
        let mut b = [0u8; 4];
        out.extend_from_slice(f.encode_utf8(&mut b).as_bytes());
    });
}

/// The characters `c` folds to, one by one.
#[inline]
fn fold_char_each(c: char, mut put: impl FnMut(char)) {
    if let Some(f) = fold_char(c) {
        f.chars().for_each(put);
    } else if is_combining(c) {
    } else if c.is_ascii() {
        put(c.to_ascii_lowercase());
    } else {
        c.to_lowercase().for_each(put);
    }
}

pub(crate) fn is_combining(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}')
}

pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining(c)
}

/// Append the token key of `s` to `out` ("U.S.-Iran" → "u . s . - iran"); returns the
/// number of tokens and sets `first_end` to the byte length of the first token's key.
pub(crate) fn key_into(s: &str, out: &mut String, first_end: &mut usize) -> usize {
    let mut n = 0;
    let mut in_word = false;
    for c in s.chars() {
        if is_word_char(c) {
            if !in_word {
                if n > 0 {
                    out.push(' ');
                }
                n += 1;
                in_word = true;
            }
            fold_char_into(c, out);
        } else {
            if n == 1 && in_word {
                *first_end = out.len();
            }
            in_word = false;
            if c.is_whitespace() {
                continue;
            }
            if n > 0 {
                out.push(' ');
            }
            n += 1;
            match fold_char(c) {
                Some(f) => out.push_str(f),
                None => out.push(c),
            }
            if n == 1 {
                *first_end = out.len();
            }
        }
    }
    if n == 1 && in_word {
        *first_end = out.len();
    }
    n
}

pub(crate) fn first_upper(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_uppercase())
}

pub(crate) fn all_upper(s: &str) -> bool {
    let mut any = false;
    for c in s.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_alphabetic() {
            any = true;
        }
    }
    any
}

/// Title words stripped from the front of person aliases ("President Barack Obama").
pub(crate) fn is_title_word(w: &str) -> bool {
    let w = w.trim_end_matches('.');
    matches!(
        w,
        "president" | "vice" | "prime" | "minister" | "foreign" | "secretary" | "general"
            | "secretary-general" | "mr" | "mrs" | "ms" | "dr" | "ayatollah" | "hojatolislam"
            | "hojatoleslam" | "hojjatoleslam" | "grand" | "sheikh" | "shaikh" | "sheik" | "king"
            | "queen" | "prince" | "princess" | "emir" | "amir" | "sultan" | "senator" | "sen"
            | "rep" | "governor" | "gov" | "gen" | "lt" | "col" | "maj" | "capt" | "admiral" | "adm"
            | "chancellor" | "premier" | "mullah" | "imam" | "pope" | "cardinal" | "archbishop"
            | "bishop" | "rev" | "reverend" | "sir" | "lord" | "dame" | "crown" | "former" | "ex"
            | "deputy" | "acting" | "chief" | "justice" | "judge" | "speaker" | "ambassador"
            | "envoy" | "commander" | "marshal" | "field" | "colonel" | "major" | "captain"
            | "lieutenant" | "sergeant" | "brigadier" | "president-elect" | "supreme" | "leader"
            | "defense" | "defence" | "interior" | "finance" | "state" | "u.s" | "us" | "american"
            | "un" | "u.n" | "united" | "nations" | "sayyed" | "seyyed" | "sayed" | "haji" | "hajji"
            | "maulana" | "mufti" | "his" | "her" | "majesty" | "highness" | "excellency"
            | "honorable" | "hon" | "the" | "congressman" | "congresswoman" | "chairman"
            | "chairwoman" | "director" | "spokesman" | "sec"
    )
}

/// Words that make a person alias a group or office ("Obama Administration").
#[allow(dead_code)] // used by the table builder (build script, tests)
pub(crate) fn is_org_word(w: &str) -> bool {
    matches!(
        w,
        "administration" | "government" | "ministry" | "party" | "office" | "council" | "family"
            | "regime" | "camp" | "foundation" | "group" | "cabinet"
    )
}

/// Drop leading title words: "President Barack Obama" → "Barack Obama".
#[allow(dead_code)] // used by the table builder (build script, tests)
pub(crate) fn strip_titles(s: &str) -> &str {
    let mut rest = s.trim();
    loop {
        let Some((w, tail)) = rest.split_once(' ') else { return rest };
        if is_title_word(&fold_key(w)) && !tail.is_empty() {
            rest = tail.trim_start();
        } else {
            return rest;
        }
    }
}

/// Actor-dictionary lookup key of a name: folded, punctuation-free, leading titles
/// removed. "Ayatollah Ali Khamenei" → "ali khamenei"; "Ban Ki-moon" → "ban ki moon".
pub fn name_key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut pending_space = false;
    for c in fold_key(name).chars() {
        if c.is_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.push(c);
        } else if c != '\'' {
            // "d'Escoto" → "descoto"; any other punctuation separates words
            pending_space = true;
        }
    }
    // drop leading titles, keeping at least one word
    let mut start = 0;
    while let Some(sp) = out[start..].find(' ') {
        if is_title_word(&out[start..start + sp]) {
            start += sp + 1;
        } else {
            break;
        }
    }
    if start > 0 {
        out.drain(..start);
    }
    out
}
