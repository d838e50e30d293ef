//! Hex input in every form logs and web pages show it.
//!
//! Accepted: `70 00 05`, `700005`, `0x70,0x00,0x05`, `70:00:05`, `70-00-05`, single-digit bytes
//! (`1 0 0`), upper or lower case, `0X`, `0×` (U+00D7, as some web pages render `0x`) and a
//! trailing `h` (`70h`), `[70, 00]` brackets, and in files `#` comments.

use std::fmt;

/// Why a piece of text is not hex bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HexError {
    /// No bytes at all.
    Empty,
    /// A character that is not a hex digit or a separator.
    BadChar {
        /// The offending character.
        ch: char,
        /// Its character position in the input.
        at: usize,
    },
    /// A run of digits with no separator and an odd count (`70005`).
    OddDigits {
        /// The run.
        token: String,
    },
}

impl fmt::Display for HexError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => f.write_str("no hex bytes in the input"),
            Self::BadChar { ch, at } => write!(f, "not a hex digit: {ch:?} at position {at}"),
            Self::OddDigits { token } => {
                write!(f, "odd number of hex digits in {token:?}: separate the bytes or add a leading 0")
            }
        }
    }
}

impl std::error::Error for HexError {}

fn is_sep(c: char) -> bool {
    c.is_whitespace()
        || matches!(c, ',' | ':' | ';' | '-' | '[' | ']' | '{' | '}' | '(' | ')' | '.' | '"' | '\'')
}

/// Parses one token: an optional `0x`/`0X`/`0×` prefix, hex digits, an optional `h` suffix.
fn token(tok: &str, start: usize, out: &mut Vec<u8>) -> Result<(), HexError> {
    let mut t = tok;
    for p in ["0x", "0X", "0\u{d7}"] {
        if let Some(rest) = t.strip_prefix(p) {
            t = rest;
            break;
        }
    }
    if t.len() > 1 {
        if let Some(rest) = t.strip_suffix(['h', 'H']) {
            t = rest;
        }
    }
    if let Some((i, ch)) = t.char_indices().find(|(_, c)| !c.is_ascii_hexdigit()) {
        let at = start + tok.len() - t.len() + i;
        return Err(HexError::BadChar { ch, at });
    }
    match t.len() {
        0 => Ok(()),
        1 | 2 => {
            out.push(u8::from_str_radix(t, 16).unwrap_or(0));
            Ok(())
        }
        n if n % 2 == 1 => Err(HexError::OddDigits { token: tok.to_string() }),
        _ => {
            for pair in t.as_bytes().chunks(2) {
                let s = std::str::from_utf8(pair).unwrap_or("0");
                out.push(u8::from_str_radix(s, 16).unwrap_or(0));
            }
            Ok(())
        }
    }
}

/// Parses hex bytes from one piece of text (no comments).
///
/// # Errors
/// [`HexError`] for a character that is not hex, an odd-length run, or no bytes at all.
pub fn parse(text: &str) -> Result<Vec<u8>, HexError> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        if is_sep(c) {
            if let Some(s) = start.take() {
                token(&text[s..i], s, &mut out)?;
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if out.is_empty() { Err(HexError::Empty) } else { Ok(out) }
}

/// Parses hex text with `#` comments (the sg3_utils `--inhex` file format) as one buffer.
///
/// # Errors
/// As [`parse`], with the position counted in the comment-stripped text.
pub fn parse_file(text: &str) -> Result<Vec<u8>, HexError> {
    let stripped: Vec<&str> = text.lines().map(|l| l.split('#').next().unwrap_or("")).collect();
    parse(&stripped.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_common_form() {
        let want = vec![0x70, 0x00, 0x05];
        for s in [
            "70 00 05",
            "700005",
            "0x70,0x00,0x05",
            "70:00:05",
            "70 0 5",
            "0X70 0X00 0X05",
            "0\u{d7}70 0\u{d7}0 0\u{d7}5",
            "[0x70, 0x00, 0x05]",
            "70h 00h 05h",
            " 70\t00\n05 ",
        ] {
            assert_eq!(parse(s), Ok(want.clone()), "{s:?}");
        }
        assert_eq!(parse(""), Err(HexError::Empty));
        assert_eq!(parse("7000 5"), Ok(vec![0x70, 0, 5]));
        assert!(matches!(parse("70005"), Err(HexError::OddDigits { .. })));
        assert_eq!(parse("70 zz"), Err(HexError::BadChar { ch: 'z', at: 3 }));
        assert_eq!(parse_file("# c\n70 00 # x\n05\n"), Ok(want));
    }
}
