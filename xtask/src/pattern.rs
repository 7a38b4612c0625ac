//! The model's patterns (Java regular expressions): recognising the ones
//! that are one character class repeated, and translating all of them into a
//! source that both the `regex` crate and ECMAScript (`u` flag, as JSON Schema
//! validators use) read with the service's meaning.
//!
//! Java's `\w`, `\d` and `\s` are ASCII (`\s` is `[ \t\n\x0B\f\r]`), `.` stops
//! at line terminators; the `regex` crate's are Unicode. The translation
//! spells each out, so no engine's defaults matter.
//!
//! [`Item`] mirrors the library's `model::ClassItem` on purpose: the
//! generator cannot use the library's types, since the library is built
//! from the generator's output.

use unicode_general_category::get_general_category;

/// One part of a character class, as the generator sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    /// `\p{X}`, the group letter.
    Category(char),
    /// `\w`.
    Word,
    /// `\d`.
    Digit,
    /// `\s`.
    Space,
    /// `\S`.
    NotSpace,
    /// One character.
    Char(char),
    /// One punctuation character written with a backslash (`\-`).
    Escaped(char),
    /// `a-z`.
    Range(char, char),
}

/// A character class `[...]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Class {
    /// `[^...]`.
    pub negated: bool,
    /// The items in order.
    pub items: Vec<Item>,
    /// Characters were written as `\xHH`.
    pub hex: bool,
}

impl Item {
    /// Whether `c` is in this item, with Java's meanings.
    fn contains(self, c: char) -> bool {
        let space = matches!(c, ' ' | '\t' | '\n' | '\x0B' | '\x0C' | '\r');
        match self {
            Item::Category(g) => get_general_category(c).abbreviation().starts_with(g),
            Item::Word => c.is_ascii_alphanumeric() || c == '_',
            Item::Digit => c.is_ascii_digit(),
            Item::Space => space,
            Item::NotSpace => !space,
            Item::Char(x) | Item::Escaped(x) => c == x,
            Item::Range(lo, hi) => lo <= c && c <= hi,
        }
    }
}

impl Class {
    /// Bit `b` set when ASCII character `b` is in the class.
    pub fn ascii(&self) -> u128 {
        (0u8..128)
            .filter(|&b| self.items.iter().any(|i| i.contains(char::from(b))) != self.negated)
            .fold(0, |bits, b| bits | 1u128 << b)
    }
}

/// A pattern that is a class repeated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repeated {
    /// The class.
    pub class: Class,
    /// `+` rather than `*`.
    pub one_or_more: bool,
    /// Between `^` and `$`.
    pub anchored: bool,
}

/// Patterns the `regex` crate cannot read as written (lookbehind), with an
/// equivalent.
const REWRITES: &[(&str, &str)] = &[(
    // "Any of these characters, not ending with a dot": the same as an
    // empty value or one that ends with a class character other than `.`.
    r"^[0-9A-Za-z\.\-_]*(?<!\.)$",
    r"^(?:[0-9A-Za-z.\-_]*[0-9A-Za-z\-_])?$",
)];

/// Reads one escaped or literal character inside a class, at `chars[*i]`.
fn class_atom(chars: &[char], i: &mut usize) -> Result<Item, String> {
    let c = *chars.get(*i).ok_or("unterminated class")?;
    *i += 1;
    if c != '\\' {
        return Ok(Item::Char(c));
    }
    let e = *chars.get(*i).ok_or("dangling escape")?;
    *i += 1;
    Ok(match e {
        'p' => {
            if chars.get(*i) != Some(&'{') || chars.get(*i + 2) != Some(&'}') {
                return Err("only one-letter \\p{X} groups are supported".into());
            }
            let g = chars[*i + 1];
            if !"LMSNPZC".contains(g) {
                return Err(format!("unknown category \\p{{{g}}}"));
            }
            *i += 3;
            Item::Category(g)
        }
        'w' => Item::Word,
        'd' => Item::Digit,
        's' => Item::Space,
        'S' => Item::NotSpace,
        't' => Item::Char('\t'),
        'n' => Item::Char('\n'),
        'r' => Item::Char('\r'),
        'f' => Item::Char('\x0C'),
        'x' => {
            let hex: String = chars.get(*i..*i + 2).ok_or("short \\x")?.iter().collect();
            *i += 2;
            let v = u32::from_str_radix(&hex, 16).map_err(|e| e.to_string())?;
            Item::Char(char::from_u32(v).ok_or("bad \\x")?)
        }
        e if e.is_ascii_punctuation() => Item::Escaped(e),
        e => return Err(format!("unsupported escape \\{e} in a class")),
    })
}

/// Parses a class starting just after its `[`; leaves `i` after its `]`.
pub fn parse_class(chars: &[char], i: &mut usize) -> Result<Class, String> {
    let negated = chars.get(*i) == Some(&'^');
    if negated {
        *i += 1;
    }
    let hex = chars[*i..].starts_with(&['\\', 'x']);
    let mut items = Vec::new();
    loop {
        match chars.get(*i) {
            None => return Err("unterminated class".into()),
            Some(']') if !items.is_empty() => {
                *i += 1;
                break;
            }
            Some('[') => return Err("nested classes are not supported".into()),
            _ => {}
        }
        let first = class_atom(chars, i)?;
        // `a-b` is a range when both ends are single characters and the `-`
        // is not the class's last character.
        if let Item::Char(lo) | Item::Escaped(lo) = first {
            if chars.get(*i) == Some(&'-') && chars.get(*i + 1).is_some_and(|&c| c != ']') {
                let save = *i;
                *i += 1;
                if let Item::Char(hi) | Item::Escaped(hi) = class_atom(chars, i)? {
                    if hi < lo {
                        return Err(format!("reversed range {lo:?}-{hi:?}"));
                    }
                    items.push(Item::Range(lo, hi));
                    continue;
                }
                // `-` before a class escape: Java reads it as a literal.
                *i = save;
            }
        }
        items.push(first);
    }
    if items.contains(&Item::NotSpace) && (items.len() > 1 || negated) {
        return Err("\\S mixed with other items is not supported".into());
    }
    Ok(Class {
        negated,
        items,
        hex,
    })
}

/// The pattern as one class repeated, if it is one.
pub fn repeated(pattern: &str) -> Option<Repeated> {
    let (anchored, body) = match pattern.strip_prefix('^').and_then(|p| p.strip_suffix('$')) {
        Some(body) => (true, body),
        None => (false, pattern),
    };
    let chars: Vec<char> = body.chars().collect();
    if chars.first() != Some(&'[') {
        return None;
    }
    let mut i = 1;
    let class = parse_class(&chars, &mut i).ok()?;
    let one_or_more = match &chars[i..] {
        ['+'] => true,
        ['*'] => false,
        _ => return None,
    };
    Some(Repeated {
        class,
        one_or_more,
        anchored,
    })
}

/// Writes a character for a class in a source both engines read.
fn push_class_char(out: &mut String, c: char) {
    match c {
        '\\' | ']' | '[' | '^' | '-' => {
            out.push('\\');
            out.push(c);
        }
        '\t' => out.push_str("\\t"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        c if c.is_ascii_control() => out.push_str(&format!("\\x{:02X}", c as u32)),
        c => out.push(c),
    }
}

/// Java's `\s` written out for a class.
const SPACE: &str = "\\t\\n\\x0B\\x0C\\r ";

/// Writes a class in a source both engines read.
fn push_class(out: &mut String, class: &Class) {
    let not_space = class.items == [Item::NotSpace];
    out.push_str(if class.negated || not_space {
        "[^"
    } else {
        "["
    });
    for item in &class.items {
        match *item {
            Item::Category(g) => {
                out.push_str("\\p{");
                out.push(g);
                out.push('}');
            }
            Item::Word => out.push_str("0-9A-Za-z_"),
            Item::Digit => out.push_str("0-9"),
            Item::Space | Item::NotSpace => out.push_str(SPACE),
            Item::Char(c) | Item::Escaped(c) => push_class_char(out, c),
            Item::Range(lo, hi) => {
                push_class_char(out, lo);
                out.push('-');
                push_class_char(out, hi);
            }
        }
    }
    out.push(']');
}

/// The pattern as an anchored source that the `regex` crate and ECMAScript
/// (with the `u` flag) both read with the service's meaning.
pub fn translate(pattern: &str) -> Result<String, String> {
    let pattern = REWRITES
        .iter()
        .find(|(from, _)| *from == pattern)
        .map_or(pattern, |(_, to)| to);
    let (dot_all, body) = match pattern.strip_prefix("(?s)") {
        Some(rest) => (true, rest),
        None => (false, pattern),
    };
    let chars: Vec<char> = body.chars().collect();
    let mut out = String::from("^(?:");
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        i += 1;
        match c {
            '[' => {
                let class = parse_class(&chars, &mut i)?;
                push_class(&mut out, &class);
            }
            '.' if dot_all => out.push_str("[\\s\\S]"),
            '.' => out.push_str("[^\\n\\r\\u0085\\u2028\\u2029]"),
            '(' => {
                if chars.get(i) == Some(&'?') {
                    if chars.get(i + 1) != Some(&':') {
                        return Err(format!("unsupported group in {pattern:?}"));
                    }
                    i += 2;
                    out.push_str("(?:");
                } else {
                    out.push('(');
                }
            }
            '\\' => {
                let e = *chars.get(i).ok_or("dangling escape")?;
                i += 1;
                match e {
                    'w' => out.push_str("[0-9A-Za-z_]"),
                    'd' => out.push_str("[0-9]"),
                    's' => {
                        out.push('[');
                        out.push_str(SPACE);
                        out.push(']');
                    }
                    'S' => {
                        out.push_str("[^");
                        out.push_str(SPACE);
                        out.push(']');
                    }
                    // Every `\b` of the model sits between a hex digit and
                    // `-`, where every engine's boundary agrees.
                    'b' => out.push_str("\\b"),
                    '.' | '{' | '}' | '(' | ')' | '[' | ']' | '*' | '+' | '?' | '|' | '^' | '$'
                    | '\\' => {
                        out.push('\\');
                        out.push(e);
                    }
                    e if e.is_ascii_punctuation() => out.push(e),
                    e => return Err(format!("unsupported escape \\{e} in {pattern:?}")),
                }
            }
            '{' => {
                // A counted repetition `{n}` or `{n,m}`: copied as is.
                let end = chars[i..]
                    .iter()
                    .position(|&c| c == '}')
                    .ok_or("unterminated {")?;
                let inner: String = chars[i..i + end].iter().collect();
                if !inner.chars().all(|c| c.is_ascii_digit() || c == ',') {
                    return Err(format!("literal {{ in {pattern:?}"));
                }
                out.push('{');
                out.push_str(&inner);
                out.push('}');
                i += end + 1;
            }
            c => out.push(c),
        }
    }
    out.push_str(")$");
    Ok(out)
}
