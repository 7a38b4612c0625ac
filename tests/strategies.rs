//! Properties of the public proptest strategies (`--features proptest`).
//!
//! Each breaking strategy must yield exactly its rule's code (S101 with S103,
//! the pairing the service itself reports for an empty name), under the
//! options it carries; a business rule's inputs must also pass phase one, and
//! its strategy must vary the broken attribute's position and, where its
//! documentation says so, the pool (default or built for the input); each valid
//! strategy must yield requests that pass phase one, and must actually reach
//! the boundaries and categories its documentation promises. Characters are
//! classified here with `unicode-general-category` directly, not through the
//! library's own character classes.
#![cfg(feature = "proptest")]

use std::collections::BTreeSet;

use cognito_validate::shape::{
    NamePattern, ACCESS_TOKEN, ATTRIBUTE_NAME_CURRENT, ATTRIBUTE_NAME_LEGACY, ATTRIBUTE_VALUE,
    CLIENT_METADATA_STRING,
};
use cognito_validate::strategies::{self, Broken, NAME_CATEGORIES, REFUSED_CATEGORIES};
use cognito_validate::{check_json, validate_json, Options, Rule, SchemaMode, Severity};
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestRng, TestRunner};
use unicode_general_category::get_general_category;

const PATTERNS: [NamePattern; 2] = [NamePattern::Legacy, NamePattern::Current];

/// A runner with a fixed seed, so that a failure is reproduced by rerunning.
fn runner(cases: u32) -> TestRunner {
    let config = Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    };
    TestRunner::new_with_rng(config, TestRng::deterministic_rng(RngAlgorithm::ChaCha))
}

/// `n` values drawn from `s` (no shrinking).
fn sample<S: Strategy>(s: &S, n: usize) -> Vec<S::Value> {
    let mut r = runner(1);
    (0..n)
        .map(|_| s.new_tree(&mut r).expect("a value").current())
        .collect()
}

fn category(c: char) -> &'static str {
    get_general_category(c).abbreviation()
}

fn options(p: NamePattern) -> Options {
    Options::default().with_name_pattern(p).phase_one_only()
}

/// Whether a name is valid under `p`, decided from the reference's
/// definition: 1 to 32 scalar values, each a letter, mark, symbol, number or
/// punctuation (or, for the current pattern, tab, LF, CR or space).
fn name_ok(p: NamePattern, name: &str) -> bool {
    let n = name.chars().count();
    (1..=32).contains(&n)
        && name.chars().all(|c| {
            matches!(category(c).as_bytes()[0], b'L' | b'M' | b'S' | b'N' | b'P')
                || (p == NamePattern::Current && matches!(c, '\t' | '\n' | '\r' | ' '))
        })
}

fn token_ok(t: &str) -> bool {
    !t.is_empty()
        && t.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'=' | b'.'))
}

/// The rules `rule`'s inputs must yield.
fn wanted(rule: Rule) -> BTreeSet<Rule> {
    match rule {
        Rule::NameTooShort => [Rule::NameTooShort, Rule::NamePattern].into(),
        r => [r].into(),
    }
}

fn codes(rules: &BTreeSet<Rule>) -> Vec<&'static str> {
    rules.iter().map(|r| r.code()).collect()
}

fn check_broken(rule: Rule, b: &Broken) -> Result<(), TestCaseError> {
    let want = wanted(rule);
    let expected: BTreeSet<Rule> = b.expected.iter().copied().collect();
    proptest::prop_assert_eq!(codes(&expected), codes(&want), "Broken::expected");

    let report = check_json(&b.bytes, &b.options);
    let got: BTreeSet<Rule> = report.diagnostics.iter().map(|d| d.rule).collect();
    proptest::prop_assert_eq!(codes(&got), codes(&want), "check_json");
    proptest::prop_assert_eq!(report.dropped(), 0);

    if rule.phase() == 2 {
        // A business rule's input passes phase one: the shapes and JSON.
        let shapes = b.options.clone().phase_one_only();
        let report = check_json(&b.bytes, &shapes);
        proptest::prop_assert_eq!(report.errors + report.warnings, 0, "phase one");
    }

    let errors = want.iter().any(|r| r.severity() == Severity::Error);
    match validate_json(&b.bytes, &b.options) {
        Ok(_) => proptest::prop_assert!(!errors, "validate_json accepted it"),
        Err(e) => {
            proptest::prop_assert!(errors, "validate_json refused it: {}", e);
            proptest::prop_assert_eq!(e.error_type(), rule.error_type());
            for d in e.diagnostics() {
                proptest::prop_assert!(want.contains(&d.rule), "{}", d);
            }
        }
    }
    Ok(())
}

/// The rules about requests: every rule but those about responses and the
/// access-token rules, which need signing keys (tests/token.rs breaks those).
fn request_rule(r: Rule) -> bool {
    !r.example_is_response() && !r.example_needs_keys()
}

#[test]
fn every_request_rule_has_a_breaking_strategy() {
    for &rule in Rule::ALL {
        for p in PATTERNS {
            let s = strategies::breaking(rule, p);
            assert_eq!(s.is_some(), request_rule(rule), "{rule} under {p:?}");
        }
    }
    // The rules a JSON Schema cannot say all have one too.
    for code in [
        "J001", "J002", "J003", "J004", "J005", "J007", "J008", "W001",
    ] {
        let rule = Rule::from_code(code).expect("a rule");
        assert!(strategies::breaking(rule, NamePattern::Legacy).is_some());
    }
    // And so do the business rules, and the response rules do not.
    for code in [
        "A001", "A002", "A003", "A004", "A005", "A006", "A007", "A008", "A009", "A010", "A011",
        "A012", "A013", "A014", "A015", "W010", "W011", "W012",
    ] {
        let rule = Rule::from_code(code).expect("a rule");
        assert_eq!(rule.phase(), 2, "{code}");
        assert!(strategies::breaking(rule, NamePattern::Current).is_some());
    }
    for code in ["R001", "R002"] {
        let rule = Rule::from_code(code).expect("a rule");
        assert!(strategies::breaking(rule, NamePattern::Legacy).is_none());
    }
}

#[test]
fn each_breaking_strategy_yields_exactly_its_rule() {
    for &rule in Rule::ALL.iter().filter(|r| request_rule(**r)) {
        let cases = match rule {
            // The metadata rules build strings of 131073 characters: fewer cases.
            Rule::MetadataKeyTooLong | Rule::MetadataValueTooLong => 12,
            _ if rule.phase() == 2 => 64,
            _ => 96,
        };
        for p in PATTERNS {
            let s = strategies::breaking(rule, p).expect("a request rule");
            let result = runner(cases).run(&s, |b| check_broken(rule, &b));
            if let Err(e) = result {
                panic!("{rule} under {p:?}: {e}");
            }
        }
    }
}

/// The index in `UserAttributes` a diagnostic points into, if any.
fn attribute_index(d: &cognito_validate::Diagnostic) -> Option<usize> {
    let pointer = d.path.json_pointer();
    let rest = pointer.strip_prefix("/UserAttributes/")?;
    rest.split('/').next()?.parse().ok()
}

#[test]
fn business_rule_strategies_vary_position_and_pool() {
    // Rules whose strategies use both the default pool and a pool schema
    // built for the input, by their documentation.
    let both = [
        Rule::AttributeNotInSchema,
        Rule::StringTooShort,
        Rule::StringTooLong,
        Rule::NotANumber,
        Rule::NumberOutOfRange,
        Rule::DeveloperOnlyAttribute,
    ];
    // Rules that need a pool schema (or write list) every time.
    let pool_only = [
        Rule::ImmutableAttribute,
        Rule::RequiredAttributeDeleted,
        Rule::NotABoolean,
        Rule::NotADateTime,
        Rule::UnauthorizedWrite,
    ];
    for &rule in Rule::ALL
        .iter()
        .filter(|r| r.phase() == 2 && request_rule(**r))
    {
        let s = strategies::breaking(rule, NamePattern::Legacy).expect("a business rule");
        let inputs = sample(&s, 64);
        let defaults = inputs
            .iter()
            .filter(|b| b.options.schema == SchemaMode::DefaultPool)
            .count();
        if both.contains(&rule) {
            assert!(
                defaults > 0 && defaults < inputs.len(),
                "{rule}: {defaults}"
            );
        } else if pool_only.contains(&rule) {
            assert_eq!(defaults, 0, "{rule}");
        } else {
            assert_eq!(defaults, inputs.len(), "{rule}");
        }
        if rule == Rule::EmptyAttributeList {
            continue;
        }
        let positions: BTreeSet<usize> = inputs
            .iter()
            .flat_map(|b| {
                check_json(&b.bytes, &b.options)
                    .diagnostics
                    .iter()
                    .filter(|d| d.rule == rule)
                    .filter_map(attribute_index)
                    .collect::<Vec<_>>()
            })
            .collect();
        assert!(positions.len() >= 3, "{rule}: positions {positions:?}");
    }
}

#[test]
fn invalid_requests_are_refused() {
    for p in PATTERNS {
        let s = strategies::invalid_request(p);
        let result = runner(256).run(&s, |b| {
            proptest::prop_assert!(validate_json(&b.bytes, &b.options).is_err());
            proptest::prop_assert!(b.expected.iter().all(|r| r.severity() == Severity::Error));
            Ok(())
        });
        if let Err(e) = result {
            panic!("{p:?}: {e}");
        }
    }
}

#[test]
fn valid_requests_pass_and_round_trip() {
    for p in PATTERNS {
        let opts = options(p);
        let result = runner(128).run(&strategies::request(p), |req| {
            proptest::prop_assert!(req.validate(&opts).is_ok());
            for a in &req.user_attributes {
                proptest::prop_assert!(name_ok(p, &a.name), "name {:?}", a.name);
                if let Some(v) = &a.value {
                    proptest::prop_assert!(v.chars().count() <= 2048);
                }
            }
            proptest::prop_assert!(token_ok(&req.access_token));
            let body = serde_json::to_vec(&req).expect("serialises");
            proptest::prop_assert!(body.len() < Options::DEFAULT_MAX_INPUT_BYTES);
            match validate_json(&body, &opts) {
                Ok(back) => proptest::prop_assert!(back == req, "the parse differs"),
                Err(e) => proptest::prop_assert!(false, "refused: {}", e),
            }
            let report = check_json(&body, &opts);
            proptest::prop_assert_eq!(report.errors + report.warnings, 0);
            if p == NamePattern::Legacy {
                // The current pattern admits everything the legacy one does.
                let current = options(NamePattern::Current);
                proptest::prop_assert!(validate_json(&body, &current).is_ok());
            }
            Ok(())
        });
        if let Err(e) = result {
            panic!("{p:?}: {e}");
        }
    }
}

#[test]
fn valid_json_and_bytes_pass() {
    for p in PATTERNS {
        let opts = options(p);
        let json = strategies::request_json(p);
        let result = runner(96).run(&json, |body| {
            proptest::prop_assert!(validate_json(body.as_bytes(), &opts).is_ok());
            Ok(())
        });
        assert!(result.is_ok(), "{p:?}: {result:?}");
        let bytes = strategies::request_bytes(p);
        let result = runner(32).run(&bytes, |body| {
            proptest::prop_assert!(validate_json(&body, &opts).is_ok());
            Ok(())
        });
        assert!(result.is_ok(), "{p:?}: {result:?}");
    }
    // Both layouts occur: pretty-printed text has line breaks.
    let texts = sample(&strategies::request_json(NamePattern::Legacy), 64);
    assert!(texts.iter().any(|t| t.contains('\n')));
    assert!(texts.iter().any(|t| !t.contains('\n')));
}

#[test]
fn names_reach_every_category_and_both_lengths() {
    for (p, shape) in [
        (NamePattern::Legacy, &ATTRIBUTE_NAME_LEGACY),
        (NamePattern::Current, &ATTRIBUTE_NAME_CURRENT),
    ] {
        let max = shape.max_length.expect("names have a maximum");
        let names = sample(&strategies::name(p), 3000);
        let mut lengths = BTreeSet::new();
        let mut categories = BTreeSet::new();
        let (mut astral, mut white) = (false, false);
        for n in &names {
            assert!(name_ok(p, n), "{p:?}: {n:?}");
            lengths.insert(n.chars().count());
            for c in n.chars() {
                categories.insert(category(c));
                astral |= u32::from(c) > 0xFFFF;
                white |= matches!(c, '\t' | '\n' | '\r' | ' ');
            }
        }
        assert!(
            lengths.contains(&shape.min_length.max(1)),
            "{p:?}: no shortest name"
        );
        assert!(lengths.contains(&max), "{p:?}: no name of {max}");
        for c in NAME_CATEGORIES {
            assert!(categories.contains(c), "{p:?}: no {c}");
        }
        assert!(astral, "{p:?}: no astral character");
        assert_eq!(white, p == NamePattern::Current, "{p:?}: white space");
    }
}

#[test]
fn every_category_strategy_stays_in_its_category() {
    for c in NAME_CATEGORIES.iter().chain(REFUSED_CATEGORIES.iter()) {
        let s = strategies::char_in_category(c).expect("a category");
        for ch in sample(&s, 200) {
            assert_eq!(category(ch), *c, "U+{:04X}", u32::from(ch));
        }
    }
    assert!(strategies::char_in_category("Cs").is_none());
    assert!(strategies::char_in_category("Xx").is_none());
    // 22 admitted and 7 refused: with Cs, all 30 categories.
    let all: BTreeSet<&str> = NAME_CATEGORIES
        .iter()
        .chain(REFUSED_CATEGORIES.iter())
        .copied()
        .collect();
    assert_eq!(all.len(), 29);
}

#[test]
fn refused_name_chars_are_refused() {
    for p in PATTERNS {
        let chars = sample(&strategies::refused_name_char(p), 2000);
        let mut categories = BTreeSet::new();
        for c in &chars {
            assert!(
                !name_ok(p, &c.to_string()),
                "{p:?}: U+{:04X}",
                u32::from(*c)
            );
            categories.insert(category(*c));
        }
        for c in REFUSED_CATEGORIES {
            assert!(categories.contains(c), "{p:?}: no {c}");
        }
    }
}

#[test]
fn tokens_values_and_metadata_reach_their_boundaries() {
    let tokens = sample(&strategies::token(), 400);
    // The shape sets no least length; the pattern's `+` needs one character.
    assert_eq!(ACCESS_TOKEN.min_length, 0);
    let least = 1;
    assert!(tokens.iter().all(|t| token_ok(t)));
    assert!(tokens.iter().any(|t| t.len() == least));
    assert!(tokens.iter().any(|t| t.split('.').count() == 3));
    for special in ['-', '_', '=', '.'] {
        assert!(tokens.iter().any(|t| t.contains(special)), "{special}");
    }

    let max = ATTRIBUTE_VALUE.max_length.expect("values have a maximum");
    let lengths: BTreeSet<usize> = sample(&strategies::value(), 300)
        .iter()
        .map(|v| v.chars().count())
        .collect();
    assert!(lengths.iter().all(|&n| n <= max));
    for n in [0, 1, max - 1, max] {
        assert!(lengths.contains(&n), "no value of {n}");
    }

    let max = CLIENT_METADATA_STRING
        .max_length
        .expect("metadata strings have a maximum");
    let lengths: BTreeSet<usize> = sample(&strategies::metadata_string(), 120)
        .iter()
        .map(|v| v.chars().count())
        .collect();
    assert!(lengths.iter().all(|&n| n <= max));
    for n in [0, 1, max - 1, max] {
        assert!(lengths.contains(&n), "no metadata string of {n}");
    }

    let maps = sample(&strategies::client_metadata(), 200);
    assert!(maps.iter().any(|m| m.0.is_empty()));
    assert!(maps.iter().any(|m| m
        .0
        .iter()
        .any(|(k, v)| k.chars().count() == max || v.chars().count() == max)));
    for m in &maps {
        let keys: BTreeSet<&str> = m.0.iter().map(|(k, _)| &**k).collect();
        assert_eq!(keys.len(), m.0.len(), "repeated key");
    }
}
