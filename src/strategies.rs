//! [Proptest](https://docs.rs/proptest) strategies for `UpdateUserAttributes`
//! requests: valid ones, the pieces they are made of at their boundaries, and
//! for every rule an input that breaks exactly that rule.
//!
//! Enabled by the `proptest` cargo feature. Every limit comes from
//! [`crate::shape`], so the strategies follow the model if a limit changes.
//!
//! - Requests valid in phase one (every shape constraint of the model):
//!   [`request`] (typed), [`request_json`] and [`request_bytes`] (the body as
//!   JSON text, compact or pretty). Their names are random, so a user pool's
//!   business rules (phase two) would refuse most of them: check them with
//!   [`Options::phase_one_only`].
//! - Requests a pool accepts in both phases, with 1 to 6 attributes:
//!   [`accepted_request`] and [`accepted_request_json`], for the default pool
//!   or any [`Schema`] (with its app client's write list).
//! - Their parts: [`name`] and [`name_char`] (every general category each
//!   [`NamePattern`] admits, astral characters and combining marks included;
//!   [`char_in_category`] for one category), [`token`], [`value`],
//!   [`metadata_string`], [`client_metadata`], [`attribute`]. Lengths are
//!   drawn with extra weight on the boundaries: 0 or 1, the maximum and one
//!   below it.
//! - Broken requests: [`breaking`] gives, for every [`Rule`] about requests,
//!   a strategy of [`Broken`] inputs whose diagnostics ([`crate::check_json`])
//!   under [`Broken::options`] name exactly the rules in [`Broken::expected`],
//!   and [`invalid_request`] mixes those of the error rules. Phase-one rules
//!   (shapes and JSON) are broken with the business rules turned off; a
//!   business rule (phase two) is broken by a request that passes phase one,
//!   checked against the default pool or against a small pool schema (or app
//!   client write list) built for the input. One pairing is unavoidable and
//!   documented there: an empty name breaks both the length (S101) and the
//!   pattern (S103), as the service says. The two rules about responses
//!   (R001, R002) have none: no request can break them.
//!
//! - The other operations of the attribute family ([`FAMILY_OPERATIONS`]):
//!   [`family_request_json`] (bodies the default pool accepts) and
//!   [`family_breaking`] (bodies breaking one business rule under the
//!   operation's profile, checked with [`crate::check`]).
//!
//! The generated tokens and values are random text, not secrets, so the
//! `Debug` output of a [`Broken`] input shows its bytes; the typed request's
//! `Debug` still redacts them.
//!
//! # Example: a property test of your own
//!
//! A gateway that forwards what Cognito accepts and answers the rest itself
//! can check both halves (in your crate, put `#[test]` on each function
//! inside `proptest!`):
//!
//! ```
//! use cognito_validate::strategies::{breaking, request_json};
//! use cognito_validate::{validate_json, NamePattern, Options, Rule};
//! use proptest::prelude::*;
//!
//! /// Your code under test: here, a gateway that forwards or refuses.
//! fn gateway_forwards(body: &[u8], options: &Options) -> bool {
//!     validate_json(body, options).is_ok()
//! }
//!
//! proptest! {
//!     #![proptest_config(ProptestConfig::with_cases(32))]
//!
//!     fn forwards_every_valid_request(body in request_json(NamePattern::Legacy)) {
//!         let shapes_only = Options::default().phase_one_only();
//!         prop_assert!(gateway_forwards(body.as_bytes(), &shapes_only));
//!     }
//!
//!     fn refuses_tokens_outside_the_alphabet(
//!         broken in breaking(Rule::TokenPattern, NamePattern::Legacy).unwrap()
//!     ) {
//!         prop_assert_eq!(&broken.expected, &[Rule::TokenPattern]);
//!         prop_assert!(!gateway_forwards(&broken.bytes, &broken.options));
//!     }
//! }
//! # forwards_every_valid_request();
//! # refuses_tokens_outside_the_alphabet();
//! ```

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::ops::RangeInclusive;
use std::sync::OnceLock;

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::{select, Index};
use proptest::strategy::BoxedStrategy;
use serde_json::Value as Json;
use unicode_general_category::get_general_category;

use crate::pool::{
    is_custom_name, is_standard, DataType, Schema, SchemaAttribute, CUSTOM_BASE_MAX_LENGTH,
};
use crate::shape::{Pattern, ACCESS_TOKEN, ATTRIBUTE_VALUE, CLIENT_METADATA_STRING};
use crate::{
    AttributeType, ClientMetadata, NamePattern, Options, Rule, UpdateUserAttributesRequest,
};

/// The general categories (two-letter abbreviations) whose characters both
/// name patterns admit: every letter, mark, symbol, number and punctuation
/// category. Lower-case letters come first, so shrinking tends towards `a`.
pub const NAME_CATEGORIES: [&str; 22] = [
    "Ll", "Lu", "Lt", "Lm", "Lo", // letters
    "Mn", "Mc", "Me", // marks
    "Sm", "Sc", "Sk", "So", // symbols
    "Nd", "Nl", "No", // numbers
    "Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", // punctuation
];

/// The general categories no name pattern admits as a whole: separators,
/// controls, format characters, private use and unassigned code points. The
/// current pattern admits four of their characters: tab, line feed, carriage
/// return (`Cc`) and space (`Zs`).
pub const REFUSED_CATEGORIES: [&str; 7] = ["Zs", "Zl", "Zp", "Cc", "Cf", "Co", "Cn"];

/// The white space the current name pattern adds to the legacy one.
const CURRENT_EXTRA: [char; 4] = ['\t', '\n', '\r', ' '];

/// The code points of one general category, as ranges, for picking the
/// `i`-th one in constant memory.
struct Class {
    /// Inclusive ranges of scalar values, ascending.
    ranges: Vec<(u32, u32)>,
    /// How many code points come before each range.
    before: Vec<u32>,
    /// How many code points the class holds.
    len: u32,
}

impl Class {
    /// The `i`-th code point of the class; `i < self.len`.
    fn nth(&self, i: u32) -> char {
        let k = self.before.partition_point(|&b| b <= i).saturating_sub(1);
        let (lo, _) = self.ranges[k];
        // The ranges hold scalar values only (surrogates are skipped when the
        // table is built), so every offset inside one is a `char`.
        char::from_u32(lo + (i - self.before[k])).unwrap_or('\u{FFFD}')
    }
}

/// Every scalar value grouped by general category, built once by walking
/// all 1,112,064 of them through `unicode-general-category`.
fn table() -> &'static BTreeMap<&'static str, Class> {
    static TABLE: OnceLock<BTreeMap<&'static str, Class>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut ranges: BTreeMap<&'static str, Vec<(u32, u32)>> = BTreeMap::new();
        let mut run: Option<(&'static str, u32, u32)> = None;
        // A `char` range skips the surrogates: scalar values only.
        for c in '\0'..=char::MAX {
            let cp = u32::from(c);
            let cat = get_general_category(c).abbreviation();
            match run {
                Some((k, lo, hi)) if k == cat && hi + 1 == cp => run = Some((k, lo, cp)),
                _ => {
                    if let Some((k, lo, hi)) = run {
                        ranges.entry(k).or_default().push((lo, hi));
                    }
                    run = Some((cat, cp, cp));
                }
            }
        }
        if let Some((k, lo, hi)) = run {
            ranges.entry(k).or_default().push((lo, hi));
        }
        ranges
            .into_iter()
            .map(|(k, ranges)| {
                let mut before = Vec::with_capacity(ranges.len());
                let mut len = 0u32;
                for &(lo, hi) in &ranges {
                    before.push(len);
                    len += hi - lo + 1;
                }
                (
                    k,
                    Class {
                        ranges,
                        before,
                        len,
                    },
                )
            })
            .collect()
    })
}

/// Any character of one general category, given by its two-letter
/// abbreviation (`"Lu"`, `"Mn"`, `"So"`, …), drawn uniformly from every code
/// point of the category in Unicode 16.0, astral planes included.
///
/// `None` for an unknown abbreviation and for `"Cs"` (surrogates are not
/// scalar values).
pub fn char_in_category(abbreviation: &str) -> Option<BoxedStrategy<char>> {
    let class = table().get(abbreviation)?;
    Some((0..class.len).prop_map(move |i| class.nth(i)).boxed())
}

/// A group of characters picked from with equal weight.
#[derive(Clone, Copy)]
enum Group {
    Class(&'static Class),
    Chars(&'static [char]),
}

/// A character of one of `groups`: first a group, each with equal weight,
/// then a character of it. One strategy rather than a union of one per group:
/// a union prepares a generator for every option it passes over, which costs
/// more than the character.
fn one_of_groups(groups: Vec<Group>) -> BoxedStrategy<char> {
    (0..groups.len(), any::<Index>())
        .prop_map(move |(g, i)| match groups[g] {
            // `Index::index(n)` is below `n`, and a class's length is a u32.
            Group::Class(c) => c.nth(u32::try_from(i.index(c.len as usize)).unwrap_or(0)),
            Group::Chars(cs) => cs[i.index(cs.len())],
        })
        .boxed()
}

fn groups_of(categories: &[&str]) -> Vec<Group> {
    categories
        .iter()
        .filter_map(|c| table().get(*c))
        .map(Group::Class)
        .collect()
}

/// One character the name `pattern` admits: first a category of
/// [`NAME_CATEGORIES`] (plus, for [`NamePattern::Current`], the four white
/// space characters) with equal weight, then a character of it. Rare
/// categories (`Lt`, `Me`, `Pc`) are therefore as frequent as letters, and
/// astral characters are common (most `Lo` code points are astral).
pub fn name_char(pattern: NamePattern) -> BoxedStrategy<char> {
    let mut groups = groups_of(&NAME_CATEGORIES);
    if pattern == NamePattern::Current {
        groups.push(Group::Chars(&CURRENT_EXTRA));
    }
    one_of_groups(groups)
}

/// One character the name `pattern` refuses: a character of
/// [`REFUSED_CATEGORIES`] (each category with equal weight), less the white
/// space the current pattern admits.
pub fn refused_name_char(pattern: NamePattern) -> BoxedStrategy<char> {
    one_of_groups(groups_of(&REFUSED_CATEGORIES))
        .prop_filter("admitted by the current pattern", move |c| {
            pattern == NamePattern::Legacy || !CURRENT_EXTRA.contains(c)
        })
        .boxed()
}

/// A length in `min..=max` with extra weight on `min`, `min + 1`, `max - 1`
/// and `max`.
fn length(min: usize, max: usize) -> BoxedStrategy<usize> {
    prop_oneof![
        2 => Just(min),
        1 => Just((min + 1).min(max)),
        1 => Just(max.saturating_sub(1).max(min)),
        2 => Just(max),
        3 => min..=max,
    ]
    .boxed()
}

/// Strings of exactly `len` characters: random characters up to 64, and a
/// short random run repeated beyond, which keeps long strings cheap and their
/// length exact.
fn string_of(chars: BoxedStrategy<char>, len: BoxedStrategy<usize>) -> BoxedStrategy<String> {
    len.prop_flat_map(move |n| {
        if n <= 64 {
            vec(chars.clone(), n).prop_map(String::from_iter).boxed()
        } else {
            vec(chars.clone(), 1..=8)
                .prop_map(move |run| run.into_iter().cycle().take(n).collect())
                .boxed()
        }
    })
    .boxed()
}

/// The greatest length of a name under `pattern`.
fn name_max(pattern: NamePattern) -> usize {
    let shape = pattern.shape();
    // Both name shapes have a maximum; 32 in the model.
    shape.max_length.unwrap_or(shape.min_length)
}

/// A valid attribute name under `pattern`: 1 to 32 characters (the shape's
/// limits), each from [`name_char`], with extra weight on the shortest and
/// longest lengths.
pub fn name(pattern: NamePattern) -> BoxedStrategy<String> {
    let shape = pattern.shape();
    let chars = name_char(pattern);
    length(shape.min_length.max(1), name_max(pattern))
        .prop_flat_map(move |n| vec(chars.clone(), n).prop_map(String::from_iter))
        .boxed()
}

/// The 66 characters of the token alphabet, found by asking the token pattern
/// about every ASCII character.
fn token_alphabet() -> Vec<char> {
    (0u8..128)
        .map(char::from)
        .filter(|c| Pattern::Token.is_match(c.encode_utf8(&mut [0; 4])))
        .collect()
}

/// A valid access token: the pattern needs at least one character and sets no
/// maximum. One character, short random tokens, JWT-shaped ones (three
/// base64url segments joined by `.`, padding `=` allowed) and long ones of up
/// to 8192 characters.
pub fn token() -> BoxedStrategy<String> {
    let alphabet = select(token_alphabet());
    // The shape's least length is 0, but `+` in the pattern needs one character.
    let min = if ACCESS_TOKEN.min_length == 0 {
        1
    } else {
        ACCESS_TOKEN.min_length
    };
    let segment = vec(alphabet.clone(), 1..=48).prop_map(String::from_iter);
    prop_oneof![
        1 => string_of(alphabet.clone().boxed(), Just(min).boxed()),
        3 => string_of(alphabet.clone().boxed(), (min..=64).boxed()),
        3 => (segment.clone(), segment.clone(), segment)
            .prop_map(|(h, p, s)| format!("{h}.{p}.{s}")),
        1 => string_of(alphabet.boxed(), (65..=8192usize).boxed()),
    ]
    .boxed()
}

/// A valid attribute value: 0 to 2048 characters of any kind (controls,
/// quotes, astral characters), with extra weight on 0, 1, 2047 and 2048.
pub fn value() -> BoxedStrategy<String> {
    let max = ATTRIBUTE_VALUE
        .max_length
        .unwrap_or(ATTRIBUTE_VALUE.min_length);
    string_of(
        any::<char>().boxed(),
        length(ATTRIBUTE_VALUE.min_length, max),
    )
}

/// A character that JSON writes as itself, in at most 4 bytes: no control
/// character, quote or backslash. Long strings use these so that a request
/// stays below [`Options::DEFAULT_MAX_INPUT_BYTES`].
fn plain_char() -> BoxedStrategy<char> {
    any::<char>()
        .prop_filter("escaped in JSON", |c| {
            !c.is_control() && *c != '"' && *c != '\\'
        })
        .boxed()
}

/// A `ClientMetadata` key or value (`StringType`): 0 to 131072 characters,
/// with extra weight on 0, 1, 131071 and 131072. Strings longer than 64
/// characters repeat a short random run and hold no character JSON escapes.
pub fn metadata_string() -> BoxedStrategy<String> {
    let shape = &CLIENT_METADATA_STRING;
    let max = shape.max_length.unwrap_or(shape.min_length);
    length(shape.min_length, max)
        .prop_flat_map(|n| {
            let chars = if n <= 64 {
                any::<char>().boxed()
            } else {
                plain_char()
            };
            string_of(chars, Just(n).boxed())
        })
        .boxed()
}

/// Short metadata strings, for maps and for the base of broken requests.
fn short_string() -> BoxedStrategy<String> {
    vec(any::<char>(), 0..=16)
        .prop_map(String::from_iter)
        .boxed()
}

/// Keeps the first of entries with equal keys: the service's map has one
/// value per key, and the library refuses repeated keys (rule J005).
fn unique(entries: Vec<(String, String)>) -> ClientMetadata<'static> {
    let mut out: Vec<(Cow<'static, str>, Cow<'static, str>)> = Vec::new();
    for (k, v) in entries {
        if !out.iter().any(|(seen, _)| *seen == k) {
            out.push((Cow::Owned(k), Cow::Owned(v)));
        }
    }
    ClientMetadata(out)
}

/// Metadata of short strings only.
fn short_metadata() -> BoxedStrategy<ClientMetadata<'static>> {
    vec((short_string(), short_string()), 0..=4)
        .prop_map(unique)
        .boxed()
}

/// A valid `ClientMetadata`: up to four entries of short strings, and in a
/// third of the maps one more entry whose key or value comes from
/// [`metadata_string`] (so at its boundaries). At most one long string per
/// map keeps a request below [`Options::DEFAULT_MAX_INPUT_BYTES`].
pub fn client_metadata() -> BoxedStrategy<ClientMetadata<'static>> {
    let entries = vec((short_string(), short_string()), 0..=4);
    let long = prop_oneof![
        4 => Just(None),
        1 => (metadata_string(), short_string()).prop_map(Some),
        1 => (short_string(), metadata_string()).prop_map(Some),
    ];
    (entries, long)
        .prop_map(|(mut entries, long)| {
            if let Some(entry) = long {
                entries.insert(0, entry);
            }
            unique(entries)
        })
        .boxed()
}

/// A valid attribute under `pattern`: a [`name`] and, nine times in ten, a
/// [`value`] (the model makes `Value` optional).
pub fn attribute(pattern: NamePattern) -> BoxedStrategy<AttributeType<'static>> {
    attribute_with(name(pattern), value())
}

fn attribute_with(
    names: BoxedStrategy<String>,
    values: BoxedStrategy<String>,
) -> BoxedStrategy<AttributeType<'static>> {
    let values = prop_oneof![1 => Just(None), 9 => values.prop_map(Some)];
    (names, values)
        .prop_map(|(n, v)| AttributeType {
            name: Cow::Owned(n),
            value: v.map(Cow::Owned),
        })
        .boxed()
}

/// A valid request under `pattern`: a [`token`], 0 to 6 attributes
/// ([`attribute`]) and, in half of them, [`client_metadata`]. Every request
/// serialises to less than [`Options::DEFAULT_MAX_INPUT_BYTES`].
pub fn request(pattern: NamePattern) -> BoxedStrategy<UpdateUserAttributesRequest<'static>> {
    (
        token(),
        vec(attribute(pattern), 0..=6),
        proptest::option::of(client_metadata()),
    )
        .prop_map(|(t, a, m)| UpdateUserAttributesRequest {
            access_token: Cow::Owned(t),
            user_attributes: a,
            client_metadata: m,
        })
        .boxed()
}

/// A small valid request, the base of every broken one: short tokens, values
/// and metadata, at least `min_attributes` attributes.
fn small_request(
    pattern: NamePattern,
    min_attributes: usize,
) -> BoxedStrategy<UpdateUserAttributesRequest<'static>> {
    let alphabet = select(token_alphabet());
    let token = vec(alphabet, 1..=40).prop_map(String::from_iter);
    let values = vec(any::<char>(), 0..=16)
        .prop_map(String::from_iter)
        .boxed();
    (
        token,
        vec(attribute_with(name(pattern), values), min_attributes..=3),
        proptest::option::of(short_metadata()),
    )
        .prop_map(|(t, a, m)| UpdateUserAttributesRequest {
            access_token: Cow::Owned(t),
            user_attributes: a,
            client_metadata: m,
        })
        .boxed()
}

/// The compact JSON text of a request.
fn compact(req: &UpdateUserAttributesRequest<'_>) -> String {
    // Serialising strings, a list of structs of strings and a map with string
    // keys into a `String` cannot fail.
    serde_json::to_string(req).expect("a request serialises")
}

/// A request as a JSON value, for editing.
fn to_json(req: &UpdateUserAttributesRequest<'_>) -> Json {
    // As for `compact`: nothing in a request can fail to serialise.
    serde_json::to_value(req).expect("a request serialises")
}

/// The JSON text of a value.
fn text(v: &Json) -> String {
    // A `serde_json::Value` always serialises.
    serde_json::to_string(v).expect("a JSON value serialises")
}

/// A valid request under `pattern` as JSON text: [`request`] serialised
/// compactly or pretty-printed.
pub fn request_json(pattern: NamePattern) -> BoxedStrategy<String> {
    json_text(request(pattern))
}

/// The requests as JSON text, compact or pretty-printed.
fn json_text(
    requests: BoxedStrategy<UpdateUserAttributesRequest<'static>>,
) -> BoxedStrategy<String> {
    (requests, any::<bool>())
        .prop_map(|(r, pretty)| {
            if pretty {
                // As for `compact`: nothing in a request can fail to serialise.
                serde_json::to_string_pretty(&r).expect("a request serialises")
            } else {
                compact(&r)
            }
        })
        .boxed()
}

/// A valid request under `pattern` as the bytes of a request body.
pub fn request_bytes(pattern: NamePattern) -> BoxedStrategy<Vec<u8>> {
    request_json(pattern).prop_map(String::into_bytes).boxed()
}

// ---------------------------------------------------------------------------
// Requests a pool accepts: phase one and phase two.
// ---------------------------------------------------------------------------

/// The most attributes of an [`accepted_request`] taken from the schema, and
/// the most custom attributes added under an open pool.
const ACCEPTED_MAX_ATTRIBUTES: usize = 6;

/// Requests that `schema` accepts: [`crate::validate_json`] under
/// `Options::default().with_schema(schema.clone())` (for
/// [`Schema::default_pool`], simply [`Options::default`]; under either name
/// pattern) answers `Ok`, and [`crate::check_json`] finds nothing, not even a
/// warning. Each request sets 1 to 6 distinct attributes the app client may
/// write, with values of the attribute's type within its bounds; under the
/// default pool (open, without a write list) also well-formed `custom:`
/// names, which it assumes exist.
///
/// Attributes no request can set are left out: `sub`, immutable and
/// developer-only ones, those outside the write list, names the legacy
/// pattern refuses, `email_verified` and `phone_number_verified` (a warning,
/// W012), and those whose bounds no value meets (an `email` or
/// `phone_number` whose length bounds do not admit 3 to 32, resp. 2 to 16,
/// characters included). `None` when that leaves nothing.
///
/// ```
/// use cognito_validate::pool::Schema;
/// use cognito_validate::strategies::accepted_request_json;
/// use cognito_validate::{validate_json, Options};
/// use proptest::prelude::*;
///
/// proptest! {
///     #![proptest_config(ProptestConfig::with_cases(32))]
///     fn forwards_what_the_pool_accepts(
///         body in accepted_request_json(&Schema::default_pool()).unwrap()
///     ) {
///         prop_assert!(validate_json(body.as_bytes(), &Options::default()).is_ok());
///     }
/// }
/// # forwards_what_the_pool_accepts();
/// ```
pub fn accepted_request(
    schema: &Schema,
) -> Option<BoxedStrategy<UpdateUserAttributesRequest<'static>>> {
    let fixed: Vec<BoxedStrategy<AttributeType<'static>>> = schema
        .attributes()
        .iter()
        .filter(|a| may_set(schema, a))
        .filter_map(|a| {
            let name = a.name.clone();
            accepted_value(a).map(|v| {
                v.prop_map(move |v| AttributeType {
                    name: Cow::Owned(name.clone()),
                    value: Some(Cow::Owned(v)),
                })
                .boxed()
            })
        })
        .collect();
    // Under an open pool without a write list, any well-formed custom name
    // exists, and takes any value.
    let open = !schema.is_closed() && schema.write_attributes().is_none();
    if fixed.is_empty() && !open {
        return None;
    }
    let least = usize::from(!open);
    let most = fixed.len().min(ACCEPTED_MAX_ATTRIBUTES);
    let count = fixed.len();
    let picked = proptest::sample::subsequence((0..count).collect::<Vec<usize>>(), least..=most)
        .prop_flat_map(move |indices| {
            indices
                .into_iter()
                .map(|i| fixed[i].clone())
                .collect::<Vec<_>>()
        })
        .prop_shuffle();
    let customs = if open {
        vec(
            (custom_name(), short_string()).prop_map(|(n, v)| AttributeType {
                name: Cow::Owned(n),
                value: Some(Cow::Owned(v)),
            }),
            0..=ACCEPTED_MAX_ATTRIBUTES / 2,
        )
        .boxed()
    } else {
        Just(Vec::new()).boxed()
    };
    let attributes = (picked, customs)
        .prop_map(|(mut all, customs)| {
            for c in customs {
                if !all.iter().any(|a| a.name == c.name) {
                    all.push(c);
                }
            }
            all
        })
        .prop_filter("no attribute", |all| !all.is_empty());
    Some(
        (token(), attributes, proptest::option::of(short_metadata()))
            .prop_map(|(t, a, m)| UpdateUserAttributesRequest {
                access_token: Cow::Owned(t),
                user_attributes: a,
                client_metadata: m,
            })
            .boxed(),
    )
}

/// [`accepted_request`] as JSON text, compact or pretty-printed.
pub fn accepted_request_json(schema: &Schema) -> Option<BoxedStrategy<String>> {
    accepted_request(schema).map(json_text)
}

/// Whether a request may set `a` under `schema` (see [`accepted_request`]).
fn may_set(schema: &Schema, a: &SchemaAttribute) -> bool {
    let name = a.name.as_str();
    name != "sub"
        && !name.starts_with("dev:")
        && !a.developer_only
        && a.mutable
        && !matches!(name, "email_verified" | "phone_number_verified")
        && schema.may_write_attribute(name)
        && NamePattern::Legacy.shape().check(name).is_empty()
}

/// Values `a` accepts, none blank (a blank value deletes, which a required
/// attribute refuses); `None` when its bounds admit none this can make.
fn accepted_value(a: &SchemaAttribute) -> Option<BoxedStrategy<String>> {
    let value_max = ATTRIBUTE_VALUE.max_length.unwrap_or(usize::MAX) as u64;
    let lo = a.min_length.unwrap_or(0).max(1);
    let hi = a.max_length.unwrap_or(value_max).min(value_max);
    let within = |least: u64, most: u64| lo <= least && most <= hi;
    Some(match a.data_type {
        DataType::Boolean => select(vec!["true", "false"])
            .prop_map(str::to_owned)
            .boxed(),
        DataType::Number => {
            let (lo, hi) = (
                a.min_value.unwrap_or(i64::MIN),
                a.max_value.unwrap_or(i64::MAX),
            );
            if lo > hi {
                return None;
            }
            prop_oneof![Just(lo), Just(hi), lo..=hi]
                .prop_map(|n| n.to_string())
                .boxed()
        }
        DataType::DateTime => prop_oneof![
            (0i64..=4_102_444_800).prop_map(|n| n.to_string()),
            (0u32..=9999, 1u32..=12, 1u32..=28, 0u32..=23, 0u32..=59)
                .prop_map(|(y, m, d, h, min)| format!("{y:04}-{m:02}-{d:02}T{h:02}:{min:02}:00Z")),
            (0u32..=9999, 1u32..=12, 1u32..=28)
                .prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}")),
        ]
        .boxed(),
        DataType::String => match a.name.as_str() {
            // `email()` makes 3 to 32 characters; `+` and 1 to 15 digits.
            "email" if within(3, 32) => email(),
            "phone_number" if within(2, 16) => valid_value("phone_number"),
            "email" | "phone_number" => return None,
            _ if lo > hi => return None,
            _ => {
                // Both bounds fit in `usize`: `hi` is at most the value shape's.
                let (lo, hi) = (lo as usize, hi as usize);
                string_of(any::<char>().boxed(), length(lo, hi))
            }
        },
    })
}

/// An input that breaks known rules, with the options to check it under.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Broken {
    /// The request body.
    pub bytes: Vec<u8>,
    /// The options under which it breaks the rules: the defaults with the
    /// request's name pattern, and
    /// - for a phase-one rule, phase one only ([`Options::phase_one_only`]: no
    ///   user pool's business rules), and for J007 and J008 a lowered limit;
    /// - for a business rule, the default pool
    ///   ([`crate::SchemaMode::DefaultPool`], as [`Options::default`]) or a
    ///   pool built for this input ([`Options::with_schema`]): a schema read
    ///   with [`Schema::from_json`] from a `SchemaAttributes` array that
    ///   declares the broken attribute and every other custom attribute of the
    ///   request, or the default pool with an app client's write list
    ///   ([`Schema::with_write_attributes`]).
    pub options: Options,
    /// The rules [`crate::check_json`] reports for it, each at least once and
    /// nothing else, in [`Rule::ALL`] order.
    pub expected: Vec<Rule>,
}

impl fmt::Debug for Broken {
    /// Shows the bytes as text (lossily), their middle elided beyond 4 KiB.
    /// The tokens and values in them were generated; none is a secret.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const SHOWN: usize = 2048;
        let b = &self.bytes;
        let shown = if b.len() <= 2 * SHOWN {
            String::from_utf8_lossy(b).into_owned()
        } else {
            format!(
                "{} … ({} bytes) … {}",
                String::from_utf8_lossy(&b[..SHOWN]),
                b.len(),
                String::from_utf8_lossy(&b[b.len() - SHOWN..])
            )
        };
        f.debug_struct("Broken")
            .field("bytes", &shown)
            .field("options", &self.options)
            .field(
                "expected",
                &self.expected.iter().map(|r| r.code()).collect::<Vec<_>>(),
            )
            .finish()
    }
}

impl Broken {
    fn new(bytes: impl Into<Vec<u8>>, pattern: NamePattern, rule: Rule) -> Broken {
        Broken {
            bytes: bytes.into(),
            options: Options::default()
                .with_name_pattern(pattern)
                .phase_one_only(),
            expected: vec![rule],
        }
    }
}

/// Inserts `what` into the compact text `t` just after the first occurrence
/// of `after`, which must be there.
fn insert_after(t: &str, after: &str, what: &str) -> String {
    let at = t.find(after).map_or(t.len(), |i| i + after.len());
    format!("{}{what}{}", &t[..at], &t[at..])
}

/// Removes `key` from an object.
fn remove(v: &mut Json, key: &str) {
    if let Some(o) = v.as_object_mut() {
        o.remove(key);
    }
}

/// JSON values of every type but `null` and the types in `not`, to put
/// where a value of another type belongs.
fn wrong_value(not: &'static [&'static str]) -> BoxedStrategy<Json> {
    let all = vec![
        ("number", serde_json::json!(0)),
        ("number", serde_json::json!(-1.5e3)),
        ("boolean", serde_json::json!(true)),
        ("boolean", serde_json::json!(false)),
        ("string", serde_json::json!("x")),
        ("array", serde_json::json!([])),
        ("array", serde_json::json!([1, "a", null])),
        ("object", serde_json::json!({})),
        ("object", serde_json::json!({"Name": "email", "k": [1]})),
    ];
    let kept: Vec<Json> = all
        .into_iter()
        .filter(|(t, _)| !not.contains(t))
        .map(|(_, v)| v)
        .collect();
    select(kept).boxed()
}

/// Keys that no request structure defines, near misses first.
fn unknown_key(known: &'static [&'static str]) -> BoxedStrategy<String> {
    let near = select(vec![
        "accessToken",
        "userAttributes",
        "clientMetadata",
        "Username",
        "SecretHash",
        "name",
        "value",
        "NAME",
        " Name",
        "Value ",
        "",
    ])
    .prop_map(str::to_owned);
    prop_oneof![near, short_string()]
        .prop_filter("a known member", move |k| !known.contains(&k.as_str()))
        .boxed()
}

/// Invalid UTF-8 sequences: a stray byte, a truncated sequence, an overlong
/// encoding, an encoded surrogate, a code point above U+10FFFF.
fn bad_utf8() -> BoxedStrategy<Vec<u8>> {
    select(vec![
        vec![0xFF],
        vec![0x80],
        vec![0xC3, 0x28],
        vec![0xC0, 0xAF],
        vec![0xED, 0xA0, 0x80],
        vec![0xF0, 0x9F, 0x91],
        vec![0xF4, 0x90, 0x80, 0x80],
    ])
    .boxed()
}

// ---------------------------------------------------------------------------
// Phase two: requests valid in phase one that break one business rule.
// ---------------------------------------------------------------------------

/// The standard String attributes without a format or length of their own
/// in the default pool (reference section 6): any value of up to 2048
/// characters is valid, and a blank one deletes. Read off the pool's table.
fn free_standard() -> Vec<&'static str> {
    crate::pool::free_standard_names()
}

/// An attribute's `Value` member as written in the request.
#[derive(Clone, Debug)]
enum Val {
    /// No `Value` member.
    Absent,
    /// `"Value": null`.
    Null,
    /// `"Value": "<text>"`.
    Text(String),
}

/// One attribute of a phase-two request.
type Attr = (String, Val);

/// Which business rules a phase-two request is checked against.
#[derive(Clone, Debug)]
enum Pool {
    /// [`Schema::default_pool`], through [`Options::default`].
    Default,
    /// A pool read from a `SchemaAttributes` array: these entries, then every
    /// custom attribute of the other attributes of the request as a mutable,
    /// optional String without constraints.
    Declared(Vec<Json>),
}

/// Strings of `len` characters drawn from `alphabet`.
fn chars_from(alphabet: &'static str, len: RangeInclusive<usize>) -> BoxedStrategy<String> {
    vec(select(alphabet.chars().collect::<Vec<char>>()), len)
        .prop_map(String::from_iter)
        .boxed()
}

/// Strings of `len` characters drawn from `chars`.
fn chars_of(chars: BoxedStrategy<char>, len: RangeInclusive<usize>) -> BoxedStrategy<String> {
    vec(chars, len).prop_map(String::from_iter).boxed()
}

/// Any character but an ASCII digit.
fn non_digit() -> BoxedStrategy<char> {
    any::<char>()
        .prop_filter("an ASCII digit", |c| !c.is_ascii_digit())
        .boxed()
}

/// A name the default pool admits as a custom attribute: `custom:` and a base
/// of 1 to [`CUSTOM_BASE_MAX_LENGTH`] characters of the legacy name pattern
/// (whichever pattern the pool's names follow), at most 27 characters in all.
fn custom_name() -> BoxedStrategy<String> {
    length(1, CUSTOM_BASE_MAX_LENGTH)
        .prop_flat_map(|n| vec(name_char(NamePattern::Legacy), n))
        .prop_map(|base| format!("custom:{}", String::from_iter(base)))
        .boxed()
}

/// An address the service cannot call malformed: a non-empty local part
/// (any characters), `@`, and a domain without `@`, white space or controls.
fn email() -> BoxedStrategy<String> {
    let domain_char = any::<char>()
        .prop_filter("not allowed in a domain", |c| {
            *c != '@' && !c.is_whitespace() && !c.is_control()
        })
        .boxed();
    (
        chars_of(any::<char>().boxed(), 1..=12),
        chars_of(domain_char, 1..=12),
        chars_from("abcdefghijklmnopqrstuvwxyz", 0..=6),
    )
        .prop_map(|(local, domain, tld)| {
            if tld.is_empty() {
                format!("{local}@{domain}")
            } else {
                format!("{local}@{domain}.{tld}")
            }
        })
        .boxed()
}

/// A value the default pool accepts for the attribute `name` (a standard
/// attribute other than `sub` and the `_verified` ones, or a custom one).
fn valid_value(name: &str) -> BoxedStrategy<String> {
    match name {
        "email" => email(),
        "phone_number" => chars_from("0123456789", 1..=15)
            .prop_map(|d| format!("+{d}"))
            .boxed(),
        // Exactly 10 characters: the pool's only constraint on it.
        "birthdate" => (0u32..=9999, 1u32..=12, 1u32..=31)
            .prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}"))
            .boxed(),
        // An integer of at least 0 (MinValue 0).
        "updated_at" => prop_oneof![
            Just(0u64),
            0u64..=4_000_000_000,
            Just(i64::MAX.unsigned_abs())
        ]
        .prop_map(|n| n.to_string())
        .boxed(),
        // Free text, a blank value included (it deletes an optional attribute).
        _ => short_string(),
    }
}

/// An attribute the default pool accepts: a standard one (not `sub`, not an
/// `_verified` one) with a valid value, or a custom one with any short value.
fn valid_attr() -> BoxedStrategy<Attr> {
    let name = prop_oneof![
        4 => select(free_standard()).prop_map(str::to_owned),
        3 => custom_name(),
        1 => select(vec!["email", "phone_number", "birthdate", "updated_at"]).prop_map(str::to_owned),
    ];
    name.prop_flat_map(|n| {
        let v = valid_value(&n);
        (Just(n), v)
    })
    .prop_map(|(n, v)| (n, Val::Text(v)))
    .boxed()
}

/// The token and, in half of the requests, metadata of a phase-two request.
fn envelope() -> BoxedStrategy<(String, Option<ClientMetadata<'static>>)> {
    (
        chars_of(select(token_alphabet()).boxed(), 1..=40),
        proptest::option::of(short_metadata()),
    )
        .boxed()
}

/// The compact JSON text of a request with these attributes.
fn request_text(token: &str, metadata: Option<&ClientMetadata<'_>>, attrs: &[Attr]) -> String {
    let list = attrs
        .iter()
        .map(|(n, v)| {
            let mut o = serde_json::Map::new();
            o.insert("Name".into(), Json::String(n.clone()));
            match v {
                Val::Absent => {}
                Val::Null => {
                    o.insert("Value".into(), Json::Null);
                }
                Val::Text(t) => {
                    o.insert("Value".into(), Json::String(t.clone()));
                }
            }
            Json::Object(o)
        })
        .collect();
    let mut v = serde_json::json!({"AccessToken": token, "UserAttributes": Json::Array(list)});
    if let Some(m) = metadata {
        let entries =
            m.0.iter()
                .map(|(k, v)| (k.to_string(), Json::String(v.to_string())))
                .collect();
        v["ClientMetadata"] = Json::Object(entries);
    }
    text(&v)
}

/// Keeps the first attribute of each name, and none named `except`: a name
/// set twice is a finding of its own (W010).
fn distinct(attrs: Vec<Attr>, except: &str) -> Vec<Attr> {
    let mut out: Vec<Attr> = Vec::with_capacity(attrs.len());
    for a in attrs {
        if a.0 != except && !out.iter().any(|b| b.0 == a.0) {
            out.push(a);
        }
    }
    out
}

/// A pool schema: the `declared` entries, and every custom attribute among
/// `others` as a mutable, optional String.
fn declared_pool(mut declared: Vec<Json>, others: &[Attr]) -> Schema {
    for (n, _) in others {
        if n.starts_with("custom:") && !declared.iter().any(|d| d["Name"] == n.as_str()) {
            declared.push(serde_json::json!({"Name": n, "AttributeDataType": "String"}));
        }
    }
    // The entries are objects with distinct, non-empty names, known data
    // types, and integer constraints with each minimum at most its maximum:
    // everything `Schema::from_json` asks of a schema.
    Schema::from_json(text(&Json::Array(declared)).as_bytes()).expect("a well-formed schema")
}

/// A phase-two input expecting `rule` under `schema` (`None`: the default pool).
fn business(bytes: String, pattern: NamePattern, rule: Rule, schema: Option<Schema>) -> Broken {
    let options = Options::default().with_name_pattern(pattern);
    Broken {
        bytes: bytes.into_bytes(),
        options: match schema {
            Some(s) => options.with_schema(s),
            None => options,
        },
        expected: vec![rule],
    }
}

/// Requests of zero to three valid attributes ([`valid_attr`]) with the
/// attribute `broken` draws at a random position among them, checked against
/// the pool it names.
fn around(
    pattern: NamePattern,
    rule: Rule,
    broken: impl Strategy<Value = (Attr, Pool)> + 'static,
) -> BoxedStrategy<Broken> {
    (envelope(), vec(valid_attr(), 0..=3), any::<Index>(), broken)
        .prop_map(move |((token, meta), others, at, (attr, pool))| {
            let mut attrs = distinct(others, &attr.0);
            let schema = match pool {
                Pool::Default => None,
                Pool::Declared(d) => Some(declared_pool(d, &attrs)),
            };
            attrs.insert(at.index(attrs.len() + 1), attr);
            business(
                request_text(&token, meta.as_ref(), &attrs),
                pattern,
                rule,
                schema,
            )
        })
        .boxed()
}

/// A value, or now and then none (the rule applies whatever the value).
fn any_val() -> BoxedStrategy<Val> {
    prop_oneof![
        8 => short_string().prop_map(Val::Text),
        1 => Just(Val::Absent),
        1 => Just(Val::Null),
    ]
    .boxed()
}

/// `-?[0-9]+`: what a Number attribute accepts (reference section 6).
fn is_integer(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

/// Non-empty text that is not an integer: near misses (`1.5`, `+1`, `1e3`,
/// full-width digits, …) and digits around one other character.
fn not_integer() -> BoxedStrategy<String> {
    let near = select(vec![
        "1.5",
        "1e3",
        " 1",
        "1 ",
        "+1",
        "-",
        "--1",
        "1-",
        "0x1F",
        "1,000",
        "soon",
        "NaN",
        "Infinity",
        "true",
        "\u{661}\u{662}",
        "\u{FF11}\u{FF12}",
    ])
    .prop_map(str::to_owned);
    let spliced = (
        chars_from("0123456789", 0..=6),
        non_digit(),
        chars_from("0123456789", 0..=6),
    )
        .prop_map(|(a, c, b)| format!("{a}{c}{b}"))
        .prop_filter("an integer", |s| !is_integer(s));
    prop_oneof![near, spliced].boxed()
}

/// A custom attribute of type `data_type` declared in a pool with `extra`
/// members, and a value for it from `values`.
fn declared(
    data_type: &'static str,
    extra: Json,
    values: BoxedStrategy<String>,
) -> BoxedStrategy<(Attr, Pool)> {
    (custom_name(), values)
        .prop_map(move |(n, v)| {
            let mut d = serde_json::json!({"Name": n, "AttributeDataType": data_type});
            if let (Some(o), Json::Object(e)) = (d.as_object_mut(), &extra) {
                o.extend(e.clone());
            }
            ((n, Val::Text(v)), Pool::Declared(vec![d]))
        })
        .boxed()
}

/// The attribute (and pool) of a business rule's broken requests; `None`
/// for the rules about a whole request or more than one attribute.
fn broken_attribute(rule: Rule, p: NamePattern) -> Option<BoxedStrategy<(Attr, Pool)>> {
    let data_type = select(vec!["String", "Number", "DateTime", "Boolean"]);
    let s = match rule {
        Rule::AttributeNotInSchema => {
            let mut names: Vec<(u32, BoxedStrategy<String>)> = vec![
                (
                    3,
                    name(p)
                        .prop_filter("a name the default pool has", |n| {
                            !is_standard(n) && !is_custom_name(n) && !n.starts_with("dev:")
                        })
                        .boxed(),
                ),
                (
                    2,
                    select(vec![
                        "Email",
                        "EMAIL",
                        "given-name",
                        "phone",
                        "email_address",
                        "updatedAt",
                        "favorite_flavor",
                        "custom:",
                        "Custom:plan",
                        "custom_plan",
                        "dev",
                        "dev_custom:x",
                    ])
                    .prop_map(str::to_owned)
                    .boxed(),
                ),
                // A custom base one character too long, or longer.
                (
                    1,
                    vec(
                        name_char(NamePattern::Legacy),
                        CUSTOM_BASE_MAX_LENGTH + 1..=25,
                    )
                    .prop_map(|b| format!("custom:{}", String::from_iter(b)))
                    .boxed(),
                ),
            ];
            if p == NamePattern::Current {
                // White space passes the current name pattern but not a
                // custom base, which follows the legacy one.
                names.push((
                    1,
                    (
                        chars_of(name_char(NamePattern::Legacy), 0..=9),
                        select(CURRENT_EXTRA.to_vec()),
                        chars_of(name_char(NamePattern::Legacy), 0..=9),
                    )
                        .prop_map(|(a, c, b)| format!("custom:{a}{c}{b}"))
                        .boxed(),
                ));
            }
            let default = (proptest::strategy::Union::new_weighted(names), any_val())
                .prop_map(|(n, v)| ((n, v), Pool::Default));
            // A well-formed custom name that a real pool does not declare.
            let closed =
                (custom_name(), any_val()).prop_map(|(n, v)| ((n, v), Pool::Declared(Vec::new())));
            prop_oneof![3 => default, 1 => closed].boxed()
        }
        Rule::ModifySub => any_val()
            .prop_map(|v| (("sub".to_owned(), v), Pool::Default))
            .boxed(),
        Rule::ImmutableAttribute => {
            let custom = (custom_name(), data_type, short_string()).prop_map(|(n, t, v)| {
                let d = serde_json::json!({"Name": n, "AttributeDataType": t, "Mutable": false});
                ((n, Val::Text(v)), Pool::Declared(vec![d]))
            });
            let standard = (select(free_standard()), short_string()).prop_map(|(n, v)| {
                let d =
                    serde_json::json!({"Name": n, "AttributeDataType": "String", "Mutable": false});
                ((n.to_owned(), Val::Text(v)), Pool::Declared(vec![d]))
            });
            prop_oneof![custom, standard].boxed()
        }
        Rule::NullValue => {
            let name = prop_oneof![
                select(
                    free_standard()
                        .into_iter()
                        .chain(["email", "phone_number", "birthdate", "updated_at"])
                        .collect::<Vec<_>>()
                )
                .prop_map(str::to_owned),
                custom_name(),
            ];
            let val = prop_oneof![Just(Val::Absent), Just(Val::Null)];
            (name, val).prop_map(|a| (a, Pool::Default)).boxed()
        }
        Rule::RequiredAttributeDeleted => {
            let custom = (custom_name(), data_type).prop_map(|(n, t)| {
                let d = serde_json::json!({"Name": n, "AttributeDataType": t, "Required": true});
                ((n, Val::Text(String::new())), Pool::Declared(vec![d]))
            });
            let standard = select(free_standard()).prop_map(|n| {
                let d =
                    serde_json::json!({"Name": n, "AttributeDataType": "String", "Required": true});
                (
                    (n.to_owned(), Val::Text(String::new())),
                    Pool::Declared(vec![d]),
                )
            });
            prop_oneof![custom, standard].boxed()
        }
        Rule::InvalidEmail => {
            let no_at = any::<char>().prop_filter("@", |c| *c != '@').boxed();
            let domain_char = any::<char>()
                .prop_filter("not allowed in a domain", |c| {
                    *c != '@' && !c.is_whitespace() && !c.is_control()
                })
                .boxed();
            let blank = select(vec![
                ' ', '\t', '\n', '\r', '\0', '\u{7}', '\u{7f}', '\u{85}', '\u{a0}', '\u{2003}',
                '\u{3000}',
            ]);
            let bad = prop_oneof![
                // No `@` at all.
                chars_of(no_at.clone(), 1..=24),
                // Nothing before the last `@`.
                chars_of(no_at, 0..=12).prop_map(|d| format!("@{d}")),
                // Nothing after it.
                chars_of(any::<char>().boxed(), 1..=12).prop_map(|l| format!("{l}@")),
                // White space or a control character in the domain.
                (
                    chars_of(any::<char>().boxed(), 1..=12),
                    chars_of(domain_char.clone(), 0..=8),
                    blank,
                    chars_of(domain_char, 0..=8),
                )
                    .prop_map(|(l, a, c, b)| format!("{l}@{a}{c}{b}")),
            ];
            bad.prop_map(|v| (("email".to_owned(), Val::Text(v)), Pool::Default))
                .boxed()
        }
        Rule::InvalidPhoneNumber => {
            let bad = prop_oneof![
                // Digits without the `+`.
                chars_from("0123456789", 1..=15),
                Just("+".to_owned()),
                // One other character among the digits.
                (
                    chars_from("0123456789", 0..=7),
                    non_digit(),
                    chars_from("0123456789", 0..=7),
                )
                    .prop_map(|(a, c, b)| format!("+{a}{c}{b}")),
                // Anything not starting with `+`.
                (
                    any::<char>().prop_filter("+", |c| *c != '+'),
                    short_string()
                )
                    .prop_map(|(c, rest)| format!("{c}{rest}")),
            ];
            bad.prop_map(|v| (("phone_number".to_owned(), Val::Text(v)), Pool::Default))
                .boxed()
        }
        Rule::StringTooShort => {
            // The default pool's birthdate has exactly 10 characters.
            let birthdate = chars_of(any::<char>().boxed(), 1..=9)
                .prop_map(|v| (("birthdate".to_owned(), Val::Text(v)), Pool::Default));
            let custom = (2usize..=40, 0usize..=8).prop_flat_map(|(min, slack)| {
                let c = serde_json::json!({"StringAttributeConstraints": {
                    "MinLength": min.to_string(),
                    "MaxLength": (min + slack).to_string(),
                }});
                declared(
                    "String",
                    c,
                    string_of(any::<char>().boxed(), length(1, min - 1)),
                )
            });
            prop_oneof![birthdate, custom].boxed()
        }
        Rule::StringTooLong => {
            let birthdate = prop_oneof![2 => Just(11usize), 2 => 12usize..=64, 1 => Just(2048)]
                .prop_flat_map(|n| string_of(any::<char>().boxed(), Just(n).boxed()))
                .prop_map(|v| (("birthdate".to_owned(), Val::Text(v)), Pool::Default));
            let custom = (0usize..=32, 1usize..=16).prop_flat_map(|(max, over)| {
                let c = serde_json::json!({"StringAttributeConstraints": {"MaxLength": max.to_string()}});
                declared(
                    "String",
                    c,
                    string_of(any::<char>().boxed(), length(max + 1, max + over)),
                )
            });
            prop_oneof![birthdate, custom].boxed()
        }
        Rule::NotANumber => {
            let updated = not_integer()
                .prop_map(|v| (("updated_at".to_owned(), Val::Text(v)), Pool::Default));
            let custom = declared("Number", Json::Null, not_integer());
            prop_oneof![updated, custom].boxed()
        }
        Rule::NumberOutOfRange => {
            // The default pool's updated_at has MinValue 0.
            let below_zero = prop_oneof![Just(1u64), 1u64..=u64::from(u32::MAX)].prop_map(|n| {
                (
                    ("updated_at".to_owned(), Val::Text(format!("-{n}"))),
                    Pool::Default,
                )
            });
            let distance = prop_oneof![Just(1i64), 1i64..=1_000_000];
            let custom = (
                -1000i64..=1000,
                0i64..=1000,
                0u8..3,
                any::<bool>(),
                distance,
            )
                .prop_flat_map(|(lo, span, bounds, below, d)| {
                    let hi = lo + span;
                    // Which bounds the pool sets: both, the least only, the greatest only.
                    let (min, max, below) = match bounds {
                        0 => (Some(lo), Some(hi), below),
                        1 => (Some(lo), None, true),
                        _ => (None, Some(hi), false),
                    };
                    let mut c = serde_json::Map::new();
                    if let Some(m) = min {
                        c.insert("MinValue".into(), Json::String(m.to_string()));
                    }
                    if let Some(m) = max {
                        c.insert("MaxValue".into(), Json::String(m.to_string()));
                    }
                    let value = if below { lo - d } else { hi + d };
                    declared(
                        "Number",
                        serde_json::json!({"NumberAttributeConstraints": c}),
                        Just(value.to_string()).boxed(),
                    )
                });
            prop_oneof![below_zero, custom].boxed()
        }
        Rule::NotABoolean => {
            let bad = prop_oneof![
                select(vec![
                    "yes", "no", "True", "FALSE", "1", "0", " true", "false ", "t", "on", "null",
                ])
                .prop_map(str::to_owned),
                chars_of(any::<char>().boxed(), 1..=8)
                    .prop_filter("a boolean", |v| v != "true" && v != "false"),
            ];
            declared("Boolean", Json::Null, bad.boxed())
        }
        Rule::NotADateTime => {
            let bad = prop_oneof![
                select(vec![
                    "last tuesday",
                    "2026/11/21",
                    "21-11-2026",
                    "2026-11-21X",
                    "2026-1-21",
                    "2026-11-21Z",
                    "1.5",
                    "+1700000000",
                    "T10:00:00Z",
                ])
                .prop_map(str::to_owned),
                // Neither a number of seconds nor a date: the first character
                // is no digit and no minus sign.
                (
                    any::<char>().prop_filter("a digit or -", |c| !c.is_ascii_digit() && *c != '-'),
                    short_string()
                )
                    .prop_map(|(c, rest)| format!("{c}{rest}")),
            ];
            declared("DateTime", Json::Null, bad.boxed())
        }
        Rule::DeveloperOnlyAttribute => {
            // `dev:` and up to 28 more characters: at most 32 in all.
            let dev = (chars_of(name_char(p), 0..=28), any_val())
                .prop_map(|(rest, v)| ((format!("dev:{rest}"), v), Pool::Default));
            let flagged = (custom_name(), data_type, short_string()).prop_map(|(n, t, v)| {
                let d = serde_json::json!({"Name": n, "AttributeDataType": t, "DeveloperOnlyAttribute": true});
                ((n, Val::Text(v)), Pool::Declared(vec![d]))
            });
            prop_oneof![2 => dev, 1 => flagged].boxed()
        }
        _ => return None,
    };
    Some(s)
}

/// A strategy for a business rule (phase two); `None` for the others.
fn business_rule(rule: Rule, p: NamePattern) -> Option<BoxedStrategy<Broken>> {
    if let Some(attr) = broken_attribute(rule, p) {
        return Some(around(p, rule, attr));
    }
    let s = match rule {
        Rule::UnauthorizedWrite => (
            envelope(),
            vec(valid_attr(), 0..=3),
            valid_attr(),
            any::<Index>(),
            vec(
                prop_oneof![
                    select(free_standard()).prop_map(str::to_owned),
                    custom_name()
                ],
                0..=2,
            ),
        )
            .prop_map(move |((token, meta), others, attr, at, extra)| {
                let mut attrs = distinct(others, &attr.0);
                // The client may write every other attribute, and a few more
                // names, but not this one.
                let list: Vec<String> = attrs
                    .iter()
                    .map(|a| a.0.clone())
                    .chain(extra)
                    .filter(|n| *n != attr.0)
                    .collect();
                let name = attr.0.clone();
                attrs.insert(at.index(attrs.len() + 1), attr);
                debug_assert!(!list.contains(&name));
                business(
                    request_text(&token, meta.as_ref(), &attrs),
                    p,
                    Rule::UnauthorizedWrite,
                    Some(Schema::default_pool().with_write_attributes(list)),
                )
            })
            .boxed(),
        Rule::DuplicateAttribute => (
            envelope(),
            vec(valid_attr(), 1..=4),
            any::<Index>(),
            any::<Index>(),
        )
            .prop_flat_map(|(env, others, i, j)| {
                let attrs = distinct(others, "");
                let i = i.index(attrs.len());
                let again = valid_value(&attrs[i].0);
                (Just((env, attrs, i, j)), again)
            })
            .prop_map(move |(((token, meta), mut attrs, i, j), again)| {
                // The same name again, later, with a value valid for it.
                let copy = (attrs[i].0.clone(), Val::Text(again));
                attrs.insert(i + 1 + j.index(attrs.len() - i), copy);
                business(
                    request_text(&token, meta.as_ref(), &attrs),
                    p,
                    Rule::DuplicateAttribute,
                    None,
                )
            })
            .boxed(),
        Rule::EmptyAttributeList => envelope()
            .prop_map(move |(token, meta)| {
                business(
                    request_text(&token, meta.as_ref(), &[]),
                    p,
                    Rule::EmptyAttributeList,
                    None,
                )
            })
            .boxed(),
        Rule::VerifiedAttribute => {
            let attr = (
                select(vec!["email_verified", "phone_number_verified"]),
                select(vec!["true", "false"]),
            )
                .prop_map(|(n, v)| ((n.to_owned(), Val::Text(v.to_owned())), Pool::Default));
            around(p, Rule::VerifiedAttribute, attr)
        }
        _ => return None,
    };
    Some(s)
}

/// A strategy of inputs that break `rule`, and only it, for requests under
/// `pattern`. Every rule about requests has one, phase one and phase two;
/// the rules about responses (R001, R002) get `None`: they concern what the
/// service answers (`CodeDeliveryDetailsList`), which no request body holds.
///
/// Each [`Broken`] input lists in [`Broken::expected`] the rules
/// [`crate::check_json`] reports for it under [`Broken::options`]: `rule`
/// alone, except for [`Rule::NameTooShort`]: an empty name breaks both the
/// length and the pattern, so its inputs expect S101 and S103, as the service
/// lists both items. [`Rule::InputTooLarge`] and [`Rule::NestingTooDeep`]
/// lower [`Options::max_input_bytes`] and [`Options::max_depth`] below a valid
/// request's size and depth. [`Rule::UnknownMember`] is a warning:
/// [`crate::validate_json`] accepts its inputs.
///
/// | rule | how |
/// |---|---|
/// | S001 | `AccessToken`, `UserAttributes` or a `Name` absent or `null`, or `null` in the list |
/// | S101 | an empty name (with S103) |
/// | S102 | a name of 33 or more admitted characters |
/// | S103 | a name of at most 32 characters with one [`refused_name_char`] |
/// | S111 | a value of 2049 or more characters |
/// | S121 | an empty token, or one with a character outside the alphabet (`+`, `/`, white space, …) |
/// | S131, S132 | a metadata key, or value, of 131073 or more characters |
/// | J001 | a valid request cut short, with a trailing comma, single quotes, a comment or a byte-order mark |
/// | J002 | invalid UTF-8 bytes anywhere |
/// | J003 | a lone surrogate escape in a string |
/// | J004 | something after the request object |
/// | J005 | a member, attribute member or metadata key given twice |
/// | J006 | a member, list item, metadata value or the request itself of another JSON type |
/// | J007 | a valid request and a lower size limit |
/// | J008 | a valid request and a lower depth limit |
/// | W001 | a member no structure defines, at the top or in an attribute |
///
/// A business rule's input passes phase one (checked with
/// [`Options::phase_one_only`] it has no finding at all) and breaks the rule
/// with one attribute, placed at a random position among zero to three
/// attributes the pool accepts: standard ones (never `sub` or an `_verified`
/// one) with values valid for them, and custom ones (`custom:` and a random
/// base of 1 to 20 characters) with random values; no name appears twice.
/// Where a rule needs what the default pool does not have, [`Broken::options`]
/// carries a pool schema built for the input. Values, custom names and
/// constraints are random.
///
/// | rule | pool | how |
/// |---|---|---|
/// | A001 | default, or a schema | a name neither standard nor `custom:` with a base of 1 to 20 legacy-pattern characters (random names, near misses like `Email`, `custom:` with 21 or more characters or, under the current pattern, white space); or a well-formed `custom:` name a pool schema does not declare |
/// | A002 | default | `sub`, with or without a value |
/// | A003 | schema | a custom or standard attribute declared `Mutable: false` |
/// | A004 | default | a standard or custom attribute without `Value`, or with `null` |
/// | A005 | schema | a blank value for a custom or standard attribute declared `Required: true` |
/// | A006 | default | `email` without `@`, with nothing before or after the last `@`, or with white space or a control character in the domain |
/// | A007 | default | `phone_number` without the leading `+`, `+` alone, or another character among the digits |
/// | A008 | default, or a schema | `birthdate` of 1 to 9 characters; a custom String shorter than its random `MinLength` |
/// | A009 | default, or a schema | `birthdate` of 11 or more characters; a custom String longer than its random `MaxLength` |
/// | A010 | default, or a schema | `updated_at`, or a custom Number, that is not `-?[0-9]+` (`1.5`, `+1`, `1e3`, full-width digits, …) |
/// | A011 | default, or a schema | a negative `updated_at`; a custom Number below its random `MinValue` or above its `MaxValue` |
/// | A012 | schema | a custom Boolean other than `true` or `false` |
/// | A013 | schema | a custom DateTime that is neither an integer nor `YYYY-MM-DD…` |
/// | A014 | default, or a schema | a name starting `dev:`; a custom attribute declared `DeveloperOnlyAttribute: true` |
/// | A015 | write list | a valid attribute the app client's write list leaves out (the list names every other one) |
/// | W010 | default | a valid attribute set again later, with a value valid for it |
/// | W011 | default | an empty `UserAttributes` |
/// | W012 | default | `email_verified` or `phone_number_verified` set to `true` or `false` |
///
/// No business rule pairs with another: the default pool's `_verified`
/// attributes would give A012 with W012 for a value other than `true` or
/// `false`, so A012 uses a custom Boolean of a pool schema instead. W010,
/// W011 and W012 are warnings, reported by [`crate::check_json`] only.
pub fn breaking(rule: Rule, pattern: NamePattern) -> Option<BoxedStrategy<Broken>> {
    if rule.phase() == 2 {
        return business_rule(rule, pattern);
    }
    let p = pattern;
    let base = small_request(p, 0);
    let with_attr = small_request(p, 1);
    let name_max = name_max(p);
    let s = match rule {
        Rule::MissingMember => (with_attr, 0..7usize, any::<Index>())
            .prop_map(move |(r, how, i)| {
                let mut v = to_json(&r);
                let attrs = r.user_attributes.len();
                let i = i.index(attrs);
                match how {
                    0 => remove(&mut v, "AccessToken"),
                    1 => v["AccessToken"] = Json::Null,
                    2 => remove(&mut v, "UserAttributes"),
                    3 => v["UserAttributes"] = Json::Null,
                    4 => remove(&mut v["UserAttributes"][i], "Name"),
                    5 => v["UserAttributes"][i]["Name"] = Json::Null,
                    _ => {
                        if let Some(list) = v["UserAttributes"].as_array_mut() {
                            list.insert(i, Json::Null);
                        }
                    }
                }
                Broken::new(text(&v), p, Rule::MissingMember)
            })
            .boxed(),
        Rule::NameTooShort => (with_attr, any::<Index>())
            .prop_map(move |(mut r, i)| {
                let i = i.index(r.user_attributes.len());
                r.user_attributes[i].name = Cow::Borrowed("");
                let mut b = Broken::new(compact(&r), p, Rule::NameTooShort);
                b.expected.push(Rule::NameCharacters);
                b
            })
            .boxed(),
        Rule::NameTooLong => {
            let too_long = prop_oneof![
                2 => Just(name_max + 1),
                1 => (name_max + 1)..=(name_max * 4),
            ];
            let long_name =
                too_long.prop_flat_map(move |n| vec(name_char(p), n).prop_map(String::from_iter));
            (with_attr, any::<Index>(), long_name)
                .prop_map(move |(mut r, i, n)| {
                    let i = i.index(r.user_attributes.len());
                    r.user_attributes[i].name = Cow::Owned(n);
                    Broken::new(compact(&r), p, Rule::NameTooLong)
                })
                .boxed()
        }
        Rule::NameCharacters => {
            let bad_name = (
                vec(name_char(p), 0..name_max),
                refused_name_char(p),
                any::<Index>(),
            )
                .prop_map(|(mut chars, bad, at)| {
                    chars.insert(at.index(chars.len() + 1), bad);
                    String::from_iter(chars)
                });
            (with_attr, any::<Index>(), bad_name)
                .prop_map(move |(mut r, i, n)| {
                    let i = i.index(r.user_attributes.len());
                    r.user_attributes[i].name = Cow::Owned(n);
                    Broken::new(compact(&r), p, Rule::NameCharacters)
                })
                .boxed()
        }
        Rule::ValueTooLong => {
            let max = ATTRIBUTE_VALUE.max_length.unwrap_or(0);
            let len = prop_oneof![2 => Just(max + 1), 1 => (max + 1)..=(max * 2)];
            (
                with_attr,
                any::<Index>(),
                string_of(any::<char>().boxed(), len.boxed()),
            )
                .prop_map(move |(mut r, i, v)| {
                    let i = i.index(r.user_attributes.len());
                    r.user_attributes[i].value = Some(Cow::Owned(v));
                    Broken::new(compact(&r), p, Rule::ValueTooLong)
                })
                .boxed()
        }
        Rule::TokenPattern => {
            let outside = prop_oneof![
                3 => select(vec!['+', '/', ' ', '\n', '\t', '\r', '"', '\\', '%', '~', 'é', '\0']),
                1 => any::<char>(),
            ]
            .prop_filter("in the alphabet", |c| {
                !Pattern::Token.is_match(c.encode_utf8(&mut [0; 4]))
            });
            let bad = prop_oneof![
                1 => Just(String::new()),
                4 => (token(), outside, any::<Index>()).prop_map(|(t, c, at)| {
                    let mut chars: Vec<char> = t.chars().collect();
                    chars.insert(at.index(chars.len() + 1), c);
                    String::from_iter(chars)
                }),
            ];
            (base, bad)
                .prop_map(move |(mut r, t)| {
                    r.access_token = Cow::Owned(t);
                    Broken::new(compact(&r), p, Rule::TokenPattern)
                })
                .boxed()
        }
        Rule::MetadataKeyTooLong | Rule::MetadataValueTooLong => {
            let max = CLIENT_METADATA_STRING.max_length.unwrap_or(0);
            let len = prop_oneof![3 => Just(max + 1), 1 => (max + 1)..=(max + 64)];
            let key = rule == Rule::MetadataKeyTooLong;
            (base, string_of(plain_char(), len.boxed()), short_string())
                .prop_map(move |(mut r, long, short)| {
                    let entry = if key { (long, short) } else { (short, long) };
                    let mut m = r.client_metadata.take().unwrap_or_default();
                    m.0.retain(|(k, _)| *k != entry.0);
                    m.0.push((Cow::Owned(entry.0), Cow::Owned(entry.1)));
                    r.client_metadata = Some(m);
                    Broken::new(compact(&r), p, rule)
                })
                .boxed()
        }
        Rule::InvalidJson => (base, 0..5u8, any::<Index>())
            .prop_map(move |(r, how, at)| {
                let t = compact(&r);
                let bad = match how {
                    0 => {
                        let mut i = at.index(t.len());
                        while !t.is_char_boundary(i) {
                            i -= 1;
                        }
                        t[..i].to_owned()
                    }
                    1 => format!("{},}}", &t[..t.len() - 1]),
                    2 => format!("\u{FEFF}{t}"),
                    3 => t.replacen('"', "'", 1),
                    _ => format!("{{/* comment */{}", &t[1..]),
                };
                Broken::new(bad, p, Rule::InvalidJson)
            })
            .boxed(),
        Rule::InvalidUtf8 => (base, bad_utf8(), any::<Index>())
            .prop_map(move |(r, bad, at)| {
                let t = compact(&r);
                let mut i = at.index(t.len() + 1);
                while !t.is_char_boundary(i) {
                    i -= 1;
                }
                let mut b = t.into_bytes();
                b.splice(i..i, bad);
                Broken::new(b, p, Rule::InvalidUtf8)
            })
            .boxed(),
        Rule::LoneSurrogate => {
            // A private-use character marks where the escape goes; the first
            // one in the text is inside some string, which is all that counts.
            const MARK: char = '\u{10FFFD}';
            let escape = select(vec![
                r"\ud83d",
                r"\uDBFF",
                r"\udc4d",
                r"\ud83d\u0041",
                r"\ud83d\ud83d",
            ]);
            (with_attr, any::<Index>(), escape)
                .prop_map(move |(mut r, i, e)| {
                    let i = i.index(r.user_attributes.len());
                    let old = r.user_attributes[i].value.take().unwrap_or_default();
                    r.user_attributes[i].value = Some(Cow::Owned(format!("{old}{MARK}")));
                    let bad = compact(&r).replacen(MARK, e, 1);
                    Broken::new(bad, p, Rule::LoneSurrogate)
                })
                .boxed()
        }
        Rule::TrailingCharacters => {
            let tail = select(vec!["{}", "x", "]", "}", "0", "null", "\"\"", ",", "[]"]);
            let ws = select(vec!["", " ", "\n", "\r\n\t"]);
            (base, ws, tail)
                .prop_map(move |(r, ws, tail)| {
                    Broken::new(
                        format!("{}{ws}{tail}", compact(&r)),
                        p,
                        Rule::TrailingCharacters,
                    )
                })
                .boxed()
        }
        Rule::DuplicateKey => (with_attr, 0..6u8, token())
            .prop_map(move |(mut r, how, t)| {
                let mut c = compact(&r);
                let first_attr = "\"UserAttributes\":[{";
                let bad = match how {
                    // The first copy is the one read; the second is refused
                    // unread, whatever it holds.
                    0 => insert_after(
                        &c,
                        "{",
                        &format!("{}:{},", text(&"AccessToken".into()), text(&t.into())),
                    ),
                    1 => insert_after(&c, "{", "\"UserAttributes\":[],"),
                    2 => insert_after(&c, "{", "\"ClientMetadata\":null,\"ClientMetadata\":5,"),
                    3 => insert_after(&c, first_attr, "\"Name\":\"email\","),
                    4 => insert_after(&c, first_attr, "\"Value\":null,\"Value\":[],"),
                    _ => {
                        // A map with an entry, so that the inserted ones are
                        // followed by a comma.
                        let m = r.client_metadata.get_or_insert_with(Default::default);
                        if m.0.is_empty() {
                            m.0.push((Cow::Borrowed("x"), Cow::Borrowed("y")));
                        }
                        c = compact(&r);
                        insert_after(&c, "\"ClientMetadata\":{", "\"k\":\"v\",\"k\":\"w\",")
                    }
                };
                Broken::new(bad, p, Rule::DuplicateKey)
            })
            .boxed(),
        Rule::WrongType => (with_attr, 0..8u8, any::<Index>())
            .prop_flat_map(move |(r, how, i)| {
                // The types each place admits; `null` is never generated.
                let not: &'static [&'static str] = match how {
                    0 | 3 | 4 | 6 => &["string"],
                    1 => &["array"],
                    // The request itself: an object would be read as one.
                    2 | 5 | 7 => &["object"],
                    _ => &[],
                };
                (Just((r, how, i)), wrong_value(not))
            })
            .prop_map(move |((r, how, i), w)| {
                let mut v = to_json(&r);
                let i = i.index(r.user_attributes.len());
                match how {
                    0 => v["AccessToken"] = w,
                    1 => v["UserAttributes"] = w,
                    // `null` in the list is a missing attribute (S001), so
                    // only non-null values here; `wrong_value` has none.
                    2 => v["UserAttributes"][i] = w,
                    3 => v["UserAttributes"][i]["Name"] = w,
                    4 => v["UserAttributes"][i]["Value"] = w,
                    5 => v = w,
                    6 => {
                        let mut m = serde_json::Map::new();
                        m.insert("k".into(), w);
                        v["ClientMetadata"] = Json::Object(m);
                    }
                    _ => v["ClientMetadata"] = w,
                }
                Broken::new(text(&v), p, Rule::WrongType)
            })
            .boxed(),
        Rule::InputTooLarge => (base, any::<Index>())
            .prop_map(move |(r, i)| {
                let t = compact(&r);
                let limit = i.index(t.len());
                let mut b = Broken::new(t, p, Rule::InputTooLarge);
                b.options = b.options.with_max_input_bytes(limit);
                b
            })
            .boxed(),
        Rule::NestingTooDeep => (base, any::<Index>())
            .prop_map(move |(r, i)| {
                // The request object, the list, and an attribute object.
                let depth = if r.user_attributes.is_empty() { 2 } else { 3 };
                let mut b = Broken::new(compact(&r), p, Rule::NestingTooDeep);
                b.options = b.options.with_max_depth(i.index(depth));
                b
            })
            .boxed(),
        Rule::UnknownMember => {
            let top: &'static [&'static str] = &["AccessToken", "UserAttributes", "ClientMetadata"];
            let inner: &'static [&'static str] = &["Name", "Value"];
            let member_value = select(vec![
                "1",
                "\"x\"",
                "null",
                "[]",
                "{\"a\":[true]}",
                "\"eyJ0\"",
            ]);
            (
                with_attr,
                any::<bool>(),
                unknown_key(top),
                unknown_key(inner),
                member_value,
            )
                .prop_map(move |(r, at_top, k_top, k_inner, mv)| {
                    let c = compact(&r);
                    let bad = if at_top {
                        insert_after(&c, "{", &format!("{}:{mv},", text(&k_top.into())))
                    } else {
                        insert_after(
                            &c,
                            "\"UserAttributes\":[{",
                            &format!("{}:{mv},", text(&k_inner.into())),
                        )
                    };
                    Broken::new(bad, p, Rule::UnknownMember)
                })
                .boxed()
        }
        // Phase-two rules depend on a user pool's schema, and response rules
        // are not about requests: not generated here.
        _ => return None,
    };
    Some(s)
}

/// An input the service refuses under `pattern`: [`breaking`] for each error
/// rule about requests (every one but the warnings; phase one and the
/// business rules), with equal weight. Check each under its own
/// [`Broken::options`]: a business rule's input may need its pool.
pub fn invalid_request(pattern: NamePattern) -> BoxedStrategy<Broken> {
    let parts: Vec<BoxedStrategy<Broken>> = Rule::ALL
        .iter()
        .filter(|r| r.severity() == crate::Severity::Error)
        .filter_map(|&r| breaking(r, pattern))
        .collect();
    proptest::strategy::Union::new(parts).boxed()
}

// ---------------------------------------------------------------------------
// The attribute family (issue 12): the other operations that write, delete
// or verify user attributes, each under its profile (`src/family.rs`).
// ---------------------------------------------------------------------------

/// The operations of the attribute family: [`family_request_json`] and
/// [`family_breaking`] take any of these names.
pub const FAMILY_OPERATIONS: [&str; 10] = [
    "UpdateUserAttributes",
    "AdminUpdateUserAttributes",
    "SignUp",
    "AdminCreateUser",
    "DeleteUserAttributes",
    "AdminDeleteUserAttributes",
    "VerifyUserAttribute",
    "GetUserAttributeVerificationCode",
    "RespondToAuthChallenge",
    "AdminRespondToAuthChallenge",
];

/// The compact body of `operation` around these attributes: each operation's
/// own members, valid in phase one (a fixed pool id, client id, username
/// `ada` and password), and the attributes where the operation takes them
/// (`UserAttributes`; `UserAttributeNames` by name; `AttributeName`, the
/// first; `ChallengeResponses` as `userAttributes.<name>` of a
/// NEW_PASSWORD_REQUIRED answer).
fn family_body(operation: &str, attrs: &[Attr]) -> String {
    let list: Vec<Json> = attrs
        .iter()
        .map(|(n, v)| match v {
            Val::Absent => serde_json::json!({ "Name": n }),
            Val::Null => serde_json::json!({ "Name": n, "Value": null }),
            Val::Text(t) => serde_json::json!({ "Name": n, "Value": t }),
        })
        .collect();
    let names: Vec<&str> = attrs.iter().map(|(n, _)| n.as_str()).collect();
    let first = names.first().copied().unwrap_or("email");
    let mut challenge = serde_json::Map::new();
    challenge.insert("USERNAME".into(), "ada".into());
    challenge.insert("NEW_PASSWORD".into(), "Corr3ct-Horse".into());
    for (n, v) in attrs {
        let v = match v {
            Val::Text(t) => t.clone(),
            Val::Absent | Val::Null => String::new(),
        };
        challenge.insert(format!("userAttributes.{n}"), Json::String(v));
    }
    let (pool, client, token) = (
        "eu-west-1_Ex4mpLe01",
        "4l1c3b0bexample0client0id0",
        "eyJ0.eyJ1.c2ln",
    );
    let v = match operation {
        "AdminUpdateUserAttributes" | "AdminCreateUser" => {
            serde_json::json!({"UserPoolId": pool, "Username": "ada", "UserAttributes": list})
        }
        "SignUp" => serde_json::json!({"ClientId": client, "Username": "ada",
            "Password": "Corr3ct-Horse", "UserAttributes": list}),
        "DeleteUserAttributes" => {
            serde_json::json!({"AccessToken": token, "UserAttributeNames": names})
        }
        "AdminDeleteUserAttributes" => {
            serde_json::json!({"UserPoolId": pool, "Username": "ada", "UserAttributeNames": names})
        }
        "VerifyUserAttribute" => {
            serde_json::json!({"AccessToken": token, "AttributeName": first, "Code": "123456"})
        }
        "GetUserAttributeVerificationCode" => {
            serde_json::json!({"AccessToken": token, "AttributeName": first})
        }
        "RespondToAuthChallenge" => serde_json::json!({"ClientId": client,
            "ChallengeName": "NEW_PASSWORD_REQUIRED", "ChallengeResponses": challenge}),
        "AdminRespondToAuthChallenge" => serde_json::json!({"UserPoolId": pool,
            "ClientId": client, "ChallengeName": "NEW_PASSWORD_REQUIRED",
            "ChallengeResponses": challenge}),
        _ => serde_json::json!({"AccessToken": token, "UserAttributes": list}),
    };
    text(&v)
}

/// One to three attributes the default pool accepts from every family
/// operation that sets them, each name once (none at all is a warning,
/// W011, for UpdateUserAttributes).
fn family_attrs() -> BoxedStrategy<Vec<Attr>> {
    vec(valid_attr(), 1..=3)
        .prop_map(|attrs| distinct(attrs, ""))
        .boxed()
}

/// Bodies of the family operation `operation` (one of
/// [`FAMILY_OPERATIONS`]) that the default pool accepts in both phases
/// ([`crate::validate`] with [`Options::default`]); `None` for another name.
/// The verifying operations name `email` or `phone_number`; the deleting ones
/// delete optional attributes.
pub fn family_request_json(operation: &str) -> Option<BoxedStrategy<String>> {
    let operation = FAMILY_OPERATIONS
        .iter()
        .copied()
        .find(|&o| o == operation)?;
    let p = crate::family::profile(operation)?;
    let attrs = match p.input {
        crate::family::Input::AttributeName => select(vec!["email", "phone_number"])
            .prop_map(|n| vec![(n.to_string(), Val::Absent)])
            .boxed(),
        _ => family_attrs(),
    };
    Some(attrs.prop_map(move |a| family_body(operation, &a)).boxed())
}

/// Valid bodies of `operation` that break `rule` only under the pool `pool`
/// makes for their attributes.
fn family_in_pool(
    operation: &'static str,
    rule: Rule,
    pool: fn(&[Attr]) -> Schema,
) -> BoxedStrategy<Broken> {
    family_attrs()
        .prop_map(move |a| {
            let body = family_body(operation, &a);
            business(body, NamePattern::Legacy, rule, Some(pool(&a)))
        })
        .boxed()
}

/// A name no pool has by default: lower-case, not standard, no `custom:`.
fn unknown_name() -> BoxedStrategy<String> {
    chars_from("abcdefghijklmnopqrstuvwxyz_", 1..=12)
        .prop_filter("a standard attribute", |n| !is_standard(n))
        .boxed()
}

/// For the family operation `operation`, bodies that break exactly the
/// business rule `rule` under that operation's profile, with the options to
/// check them under: [`crate::check`]`(operation, &bytes, &options)` reports
/// the rules of [`Broken::expected`] and nothing else. `None` when the rule
/// does not apply to the operation (the admin operations have no write list
/// and may write `dev:`; only creating ones require attributes; only the
/// verifying ones have A018) or is not a business rule of the family.
///
/// | rule | operations | how |
/// |---|---|---|
/// | A001 | all but the verifying | a lower-case name that is not standard |
/// | A002 | all but the verifying | `sub` |
/// | A003 | updating, deleting | a custom attribute a pool declares immutable |
/// | A004 | those with `UserAttributes` | no `Value` |
/// | A005 | updating, deleting | a required custom attribute set blank or deleted |
/// | A006, A007 | those that set values | an email without `@`, a phone without `+` |
/// | A014 | the non-admin ones but the verifying | `dev:custom:<base>` |
/// | A015 | the non-admin ones but the verifying | a custom attribute outside a write list |
/// | A016 | creating | a required custom attribute left out |
/// | A017 | SignUp, AdminCreateUser | username `ada` in a pool signing in by email |
/// | A018 | verifying | a standard name other than `email` and `phone_number` |
pub fn family_breaking(operation: &str, rule: Rule) -> Option<BoxedStrategy<Broken>> {
    use crate::family::Input;
    let operation = FAMILY_OPERATIONS
        .iter()
        .copied()
        .find(|&o| o == operation)?;
    let p = crate::family::profile(operation)?;
    let verifying = p.input == Input::AttributeName;
    let sets_values = matches!(p.input, Input::UserAttributes | Input::Challenge);
    let free = || select(free_standard()).prop_map(str::to_owned).boxed();
    // (the broken attribute, its pool) for the rules of one attribute.
    let broken: BoxedStrategy<(Attr, Option<Schema>)> = match rule {
        Rule::AttributeNotInSchema if !verifying => unknown_name()
            .prop_map(|n| ((n, Val::Text("x".into())), None))
            .boxed(),
        Rule::ModifySub if !verifying => {
            Just((("sub".to_string(), Val::Text("x".into())), None)).boxed()
        }
        Rule::ImmutableAttribute | Rule::RequiredAttributeDeleted if !verifying && !p.creates => {
            let declared = if rule == Rule::ImmutableAttribute {
                serde_json::json!({"Name": "custom:frozen", "Mutable": false})
            } else {
                serde_json::json!({"Name": "custom:frozen", "Required": true})
            };
            let value = if rule == Rule::ImmutableAttribute {
                "x"
            } else {
                ""
            };
            Just((
                ("custom:frozen".to_string(), Val::Text(value.into())),
                Some(declared),
            ))
            .prop_map(|(a, d)| (a, d.map(|d| declared_pool(vec![d], &[]))))
            .boxed()
        }
        Rule::NullValue if p.input == Input::UserAttributes => {
            free().prop_map(|n| ((n, Val::Absent), None)).boxed()
        }
        Rule::InvalidEmail if sets_values => chars_from("abcdefghij.", 1..=10)
            .prop_map(|v| (("email".to_string(), Val::Text(v)), None))
            .boxed(),
        Rule::InvalidPhoneNumber if sets_values => chars_from("0123456789", 1..=12)
            .prop_map(|v| (("phone_number".to_string(), Val::Text(v)), None))
            .boxed(),
        Rule::DeveloperOnlyAttribute if !verifying && !p.admin => {
            chars_from("abcdefghijklmnopqrstuvwxyz", 1..=12)
                .prop_map(|b| ((format!("dev:custom:{b}"), Val::Text("1".into())), None))
                .boxed()
        }
        // The write list (the other attributes' names) is made below.
        Rule::UnauthorizedWrite if !verifying && !p.admin => {
            chars_from("abcdefghijklmnopqrstuvwxyz", 1..=12)
                .prop_map(|b| ((format!("custom:{b}"), Val::Text("1".into())), None))
                .boxed()
        }
        Rule::AttributeNotVerifiable if verifying => {
            free().prop_map(|n| ((n, Val::Absent), None)).boxed()
        }
        Rule::RequiredAttributeMissing if p.creates => {
            return Some(family_in_pool(operation, rule, |a| {
                let needed = serde_json::json!({"Name": "custom:needed", "Required": true});
                declared_pool(vec![needed], a)
            }))
        }
        Rule::UsernameFormat if p.username => {
            return Some(family_in_pool(operation, rule, |_| {
                Schema::default_pool().with_username_attributes(["email"])
            }))
        }
        _ => return None,
    };
    // Verifying operations take one name: no other attributes around it.
    let others = if verifying {
        Just(Vec::new()).boxed()
    } else {
        family_attrs()
    };
    Some(
        (broken, others, any::<Index>())
            .prop_map(move |((attr, schema), others, at)| {
                let mut attrs = distinct(others, &attr.0);
                // A custom attribute of the others must exist in a declared
                // pool too.
                let schema = schema.map(|s| {
                    if s.is_closed() {
                        let declared = s
                            .attributes()
                            .iter()
                            .filter(|a| a.name.starts_with("custom:"))
                            .map(|a| {
                                serde_json::json!({"Name": a.name, "Mutable": a.mutable,
                                    "Required": a.required})
                            })
                            .collect();
                        declared_pool(declared, &attrs)
                    } else {
                        s
                    }
                });
                let schema = if rule == Rule::UnauthorizedWrite {
                    let list: Vec<String> = attrs.iter().map(|a| a.0.clone()).collect();
                    Some(Schema::default_pool().with_write_attributes(list))
                } else {
                    schema
                };
                let i = at.index(attrs.len() + 1);
                attrs.insert(i, attr);
                business(
                    family_body(operation, &attrs),
                    NamePattern::Legacy,
                    rule,
                    schema,
                )
            })
            .boxed(),
    )
}
