//! The generator's reading of the model's Java patterns
//! (`xtask::pattern`): which are one character class repeated, how Java's
//! meanings are spelt out for the `regex` crate and ECMAScript, and the
//! rewrite of the one lookbehind.

use xtask::pattern::{repeated, translate, Item};

#[test]
fn classes_are_recognised() {
    let r = repeated(r"[\w+=/]+").unwrap();
    assert_eq!(
        r.class.items,
        [
            Item::Word,
            Item::Char('+'),
            Item::Char('='),
            Item::Char('/')
        ]
    );
    assert!(r.one_or_more && !r.anchored);
    // Java reads `-` after a range as a literal.
    let r = repeated(r"[A-Za-z0-9-_=.]+").unwrap();
    assert_eq!(
        r.class.items,
        [
            Item::Range('A', 'Z'),
            Item::Range('a', 'z'),
            Item::Range('0', '9'),
            Item::Char('-'),
            Item::Char('_'),
            Item::Char('='),
            Item::Char('.')
        ]
    );
    let r = repeated(r"[!$-;=@-\[\]_a-z~]+").unwrap();
    assert_eq!(r.class.items[1], Item::Range('$', ';'));
    assert_eq!(r.class.items[3], Item::Range('@', '['));
    assert_eq!(r.class.items[4], Item::Escaped(']'));
    let r = repeated(r"[\x21\x23-\x5B\x5D-\x7E]+").unwrap();
    assert!(r.class.hex);
    assert_eq!(r.class.items[0], Item::Char('!'));
    assert!(repeated(r"[\w-]+_[0-9a-zA-Z]+").is_none());
    assert!(repeated("(?s).*").is_none());
    assert!(repeated("[a-z]").is_none());
    assert!(repeated(r"^[0-9a-fA-F]+$").unwrap().anchored);
    assert!(!repeated(r"[\p{L}\s*]*").unwrap().one_or_more);
}

#[test]
fn ascii_bitmaps() {
    assert_eq!(repeated("[0-9]+").unwrap().class.ascii(), 0x3FF << 48);
    // Java's \S is everything but six ASCII characters.
    assert_eq!(
        repeated(r"[\S]+").unwrap().class.ascii().count_ones(),
        128 - 6
    );
    // L, M, S, N, P: every visible ASCII character, nothing else.
    let lmsnp = repeated(r"[\p{L}\p{M}\p{S}\p{N}\p{P}]+")
        .unwrap()
        .class
        .ascii();
    assert_eq!(lmsnp, (0x21u8..=0x7E).fold(0u128, |b, c| b | 1 << c));
}

#[test]
fn translation_spells_out_java_meanings() {
    assert_eq!(translate(r"[\w+]+").unwrap(), "^(?:[0-9A-Za-z_+]+)$");
    assert_eq!(translate(r"[\S]+").unwrap(), r"^(?:[^\t\n\x0B\x0C\r ]+)$");
    assert_eq!(
        translate(r"[A-Za-z0-9-_=.]+").unwrap(),
        r"^(?:[A-Za-z0-9\-_=.]+)$"
    );
    assert_eq!(translate("(?s).*").unwrap(), r"^(?:[\s\S]*)$");
    assert_eq!(
        translate(".*").unwrap(),
        r"^(?:[^\n\r\u0085\u2028\u2029]*)$"
    );
    assert!(translate("(?=x)").is_err());
    assert!(translate(r"\q").is_err());
}

#[test]
fn translations_mean_what_java_means() {
    let re = |p: &str| regex::Regex::new(&translate(p).unwrap()).unwrap();
    // \w is ASCII in Java.
    assert!(!re(r"[\w+]+").is_match("é"));
    assert!(re(r"[\w-]+_[0-9a-zA-Z]+").is_match("eu-west-1_AbC123"));
    assert!(!re(r"[\w-]+_[0-9a-zA-Z]+").is_match(" ap-northeast-1_xxx"));
    // \s is six ASCII characters in Java: NBSP is not white space there.
    assert!(re(r"[\S]+").is_match("\u{A0}"));
    assert!(!re(r"[\S]+").is_match("a b"));
    // `.` stops at line terminators.
    assert!(!re(r".*\{####\}.*").is_match("a\n{####}"));
    assert!(re(r".*\{####\}.*").is_match("Your code is {####}."));
}

#[test]
fn the_lookbehind_is_rewritten() {
    let source = r"^[0-9A-Za-z\.\-_]*(?<!\.)$";
    let re = regex::Regex::new(&translate(source).unwrap()).unwrap();
    for (value, ok) in [
        ("", true),
        ("abc", true),
        ("a.b-c_d", true),
        ("abc.", false),
        (".", false),
        ("a b", false),
        ("-", true),
    ] {
        assert_eq!(re.is_match(value), ok, "{value:?}");
    }
}
