//! Heap allocations of `validate_json` on valid requests, counted by a global
//! allocator.
//!
//! Issue 2 asks that a valid request without escapes allocate nothing beyond
//! the returned value; issue 6 that it allocate no more than serde_json's
//! borrowed typed parse of the same bytes. The returned value of a request
//! without escapes borrows every string, so the only heap blocks it owns are
//! the `UserAttributes` vector and, with `ClientMetadata`, the entries vector.
//! Both grow by `push`, so each costs one allocation per growth step of
//! `Vec` (capacity 4, then doubling: 4, 8, 16, 32, 64, …); the expected count
//! is computed here from that rule, not read from the library.
//!
//! Counting is per thread (a `thread_local` `Cell`), so tests running in
//! parallel threads do not disturb each other's counts.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use cognito_validate::{validate_json, Options, UpdateUserAttributesRequest};

// The benchmarks' inputs (the module allows its unused parts); this test
// uses their token only.
#[path = "../benches/common/mod.rs"]
mod common;
use common::jwt_like;

struct Counting;

thread_local! {
    /// Allocations (alloc, alloc_zeroed and realloc) made by this thread.
    static ALLOCS: Cell<usize> = const { Cell::new(0) };
}

fn bump() {
    // `try_with` because the allocator may run while the thread's locals are
    // being torn down; those allocations are not ours to count.
    let _ = ALLOCS.try_with(|c| c.set(c.get() + 1));
}

// SAFETY: every call is forwarded unchanged to `System`, which upholds the
// `GlobalAlloc` contract; the counter neither allocates nor panics.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        bump();
        System.alloc(layout)
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        bump();
        System.alloc_zeroed(layout)
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        bump();
        System.realloc(ptr, layout, new_size)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout)
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Allocations `f` makes on this thread; its result is dropped after counting.
fn count<T>(f: impl FnOnce() -> T) -> (usize, T) {
    let before = ALLOCS.with(Cell::get);
    let out = f();
    let after = ALLOCS.with(Cell::get);
    (after - before, out)
}

/// Allocations a `Vec` makes when `n` elements are pushed one at a time onto
/// `Vec::new()`: the first push allocates room for 4 (elements of at most
/// 1 KiB), and every later growth doubles the capacity.
fn vec_growth_steps(n: usize) -> usize {
    let (mut cap, mut steps) = (0usize, 0usize);
    while cap < n {
        cap = if cap == 0 { 4 } else { cap * 2 };
        steps += 1;
    }
    steps
}

/// A request with `attrs` attributes, a token of `token_len` characters and
/// `meta` `ClientMetadata` entries (none: the member is left out). No string
/// has an escape.
fn request(attrs: usize, token_len: usize, meta: Option<usize>) -> String {
    let mut s = format!(
        "{{\"AccessToken\": \"{}\", \"UserAttributes\": [",
        jwt_like(token_len)
    );
    for i in 0..attrs {
        if i > 0 {
            s.push_str(", ");
        }
        s.push_str(&format!(
            "{{\"Name\": \"custom:attr_{i}\", \"Value\": \"value number {i}, é 👍\"}}"
        ));
    }
    s.push(']');
    if let Some(n) = meta {
        s.push_str(", \"ClientMetadata\": {");
        for i in 0..n {
            if i > 0 {
                s.push_str(", ");
            }
            s.push_str(&format!("\"key{i}\": \"meta value {i}\""));
        }
        s.push('}');
    }
    s.push('}');
    s
}

/// Allocations of `validate_json` on `body`, which must be valid.
fn validate_allocs(body: &str) -> usize {
    let opts = Options::default();
    // Once outside the count, so that no lazy one-time set-up is counted.
    assert!(validate_json(body.as_bytes(), &opts).is_ok(), "{body}");
    let (n, r) = count(|| validate_json(body.as_bytes(), &opts));
    assert!(r.is_ok(), "{body}");
    n
}

/// Allocations of serde_json's borrowed typed parse of `body`.
fn serde_allocs(body: &str) -> usize {
    let parse = || serde_json::from_slice::<UpdateUserAttributesRequest<'_>>(body.as_bytes());
    assert!(parse().is_ok(), "{body}");
    let (n, r) = count(parse);
    assert!(r.is_ok(), "{body}");
    n
}

/// The requests of the series: (label, body, attributes, metadata entries).
fn series() -> Vec<(&'static str, String, usize, usize)> {
    vec![
        ("1 attribute", request(1, 40, None), 1, 0),
        ("5 attributes", request(5, 40, None), 5, 0),
        ("50 attributes", request(50, 40, None), 50, 0),
        ("1 attribute, 1 KiB token", request(1, 1024, None), 1, 0),
        ("5 attributes, 1 KiB token", request(5, 1024, None), 5, 0),
        ("50 attributes, 1 KiB token", request(50, 1024, None), 50, 0),
        ("5 attributes, 3 metadata", request(5, 1024, Some(3)), 5, 3),
        (
            "5 attributes, 15 metadata",
            request(5, 1024, Some(15)),
            5,
            15,
        ),
        ("0 attributes, empty metadata", request(0, 8, Some(0)), 0, 0),
    ]
}

#[test]
fn valid_requests_without_escapes_allocate_only_their_vectors() {
    for (label, body, attrs, meta) in series() {
        let ours = validate_allocs(&body);
        let expected = vec_growth_steps(attrs) + vec_growth_steps(meta);
        assert_eq!(
            ours, expected,
            "{label}: validate_json made {ours} allocations; the attribute and metadata \
             vectors need {expected}"
        );
        let serde = serde_allocs(&body);
        assert!(
            ours <= serde,
            "{label}: validate_json made {ours} allocations, serde_json's borrowed parse {serde}"
        );
    }
}

/// Allocations the duplicate-key check of `ClientMetadata` may make for `n`
/// entries: none below 16 entries (a linear scan), then one hash set of the
/// keys' 64-bit hashes (no key is copied) made with room for 28, which may
/// double as it fills.
fn key_set_steps(n: usize) -> usize {
    if n < 16 {
        return 0;
    }
    let (mut cap, mut steps) = (28usize, 1usize);
    while cap < n {
        cap *= 2;
        steps += 1;
    }
    steps
}

#[test]
fn many_metadata_entries_add_only_a_set_of_hashes() {
    for meta in [16usize, 20, 100, 1000] {
        let body = request(5, 1024, Some(meta));
        let ours = validate_allocs(&body);
        let vectors = vec_growth_steps(5) + vec_growth_steps(meta);
        assert!(
            ours >= vectors && ours <= vectors + key_set_steps(meta),
            "{meta} metadata entries: {ours} allocations; expected the vectors' {vectors} \
             plus at most {} for the key set",
            key_set_steps(meta)
        );
        let serde = serde_allocs(&body);
        assert!(ours <= serde, "{meta} entries: ours {ours}, serde {serde}");
    }
}

#[test]
fn the_expected_counts_follow_vec_growth() {
    // The rule the expected counts rest on, checked on `Vec` itself so that a
    // change in std's growth policy shows up here rather than as a puzzle.
    for n in [0usize, 1, 4, 5, 8, 9, 50, 64, 65] {
        let (allocs, v) = count(|| {
            let mut v: Vec<[u64; 5]> = Vec::new();
            for _ in 0..n {
                v.push([0; 5]);
            }
            v
        });
        assert_eq!(v.len(), n);
        assert_eq!(allocs, vec_growth_steps(n), "{n} pushes");
    }
    assert_eq!(vec_growth_steps(1), 1);
    assert_eq!(vec_growth_steps(5), 2);
    assert_eq!(vec_growth_steps(50), 5);
}

#[test]
fn the_counter_sees_decoded_strings() {
    // With escapes the strings are decoded into new `String`s, so the same
    // request allocates more: proof that the counter counts what the parser
    // does. One escaped name, one escaped value, one escaped metadata value.
    let plain = request(5, 1024, Some(3));
    let escaped = plain
        .replacen("custom:attr_0", "custom:attr_\\u0030", 1)
        .replacen("value number 1", "value\\tnumber 1", 1)
        .replacen("meta value 2", "meta \\\"value\\\" 2", 1);
    assert_ne!(plain, escaped);
    let (p, e) = (validate_allocs(&plain), validate_allocs(&escaped));
    // Exactly one each: the buffer is sized from the raw text up front, so
    // decoding never grows it.
    assert_eq!(
        e,
        p + 3,
        "three escaped strings should add one allocation each: {p} without, {e} with"
    );
    // The escaped strings really were decoded.
    let req = validate_json(escaped.as_bytes(), &Options::default()).unwrap();
    assert_eq!(req.user_attributes[0].name, "custom:attr_0");
    assert_eq!(
        req.user_attributes[1].value.as_deref(),
        Some("value\tnumber 1, é 👍")
    );
}

#[test]
fn a_rejection_is_allowed_to_allocate() {
    // The guarantee is for valid requests only; a rejection renders messages.
    // This also shows the counter counts calls into the library.
    let body = request(1, 40, None).replace("custom:attr_0", "has space");
    let (n, r) = count(|| validate_json(body.as_bytes(), &Options::default()));
    assert!(r.is_err());
    assert!(n > 0);
}
