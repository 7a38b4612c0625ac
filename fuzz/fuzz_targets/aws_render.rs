//! Structured requests through the typed `validate` and through
//! `validate_json`, and the AWS answer they render.
//!
//! Invariants: no panic; the typed request and its JSON text get the same
//! verdict, error class and message (unless the text is over the size
//! limit, which only the JSON entry point has: then J007); the body is a JSON object of exactly
//! `__type` and `message`, the headers and status are the service's; no
//! output shows the token or a value (see the crate docs for what is sound).
#![no_main]

use std::borrow::Cow;

use arbitrary::Arbitrary;
use cognito_validate::{
    AttributeType, ClientMetadata, NamePattern, Options, Rule, UpdateUserAttributesRequest,
};
use cognito_validate_fuzz::{assert_rendering, Strings};
use libfuzzer_sys::fuzz_target;

/// Marks the values (see the crate docs on what is sound to check).
const CANARY: char = '\u{E000}';

#[derive(Arbitrary, Debug)]
struct Input<'a> {
    token: &'a str,
    attributes: Vec<(&'a str, Option<&'a str>)>,
    metadata: Option<Vec<(&'a str, &'a str)>>,
    current: bool,
    phase_one_only: bool,
    pretty: bool,
    cap: u8,
    /// Repeats the first value this many times, to reach the limits.
    repeat: u16,
}

fuzz_target!(|input: Input<'_>| {
    let mut attributes: Vec<AttributeType<'_>> = input
        .attributes
        .iter()
        .map(|&(n, v)| AttributeType {
            name: Cow::Borrowed(n),
            value: v.map(Cow::Borrowed),
        })
        .collect();
    if let Some(a) = attributes.first_mut() {
        if let Some(v) = &a.value {
            a.value = Some(Cow::Owned(v.repeat(usize::from(input.repeat % 4096))));
        }
    }
    // A private-use character in every value makes a leak detectable (see
    // the crate docs); values have no pattern, so it changes no verdict.
    for a in &mut attributes {
        if let Some(v) = &a.value {
            a.value = Some(Cow::Owned(format!("{CANARY}{v}{CANARY}")));
        }
    }
    // ClientMetadata is a map: keep the first of equal keys, as JSON would
    // otherwise repeat a key (a JSON-only finding).
    let metadata = input.metadata.as_ref().map(|m| {
        let mut out: Vec<(Cow<'_, str>, Cow<'_, str>)> = Vec::new();
        for &(k, v) in m {
            if !out.iter().any(|(seen, _)| seen == k) {
                out.push((Cow::Borrowed(k), Cow::Borrowed(v)));
            }
        }
        ClientMetadata(out)
    });
    let request = UpdateUserAttributesRequest {
        access_token: Cow::Borrowed(input.token),
        user_attributes: attributes,
        client_metadata: metadata,
    };
    let pattern = if input.current {
        NamePattern::Current
    } else {
        NamePattern::Legacy
    };
    let mut options = Options::default()
        .with_name_pattern(pattern)
        .with_max_diagnostics(usize::from(input.cap));
    if input.phase_one_only {
        options = options.phase_one_only();
    }

    let mut secrets = vec![input.token.to_owned()];
    secrets.extend(
        request
            .user_attributes
            .iter()
            .filter_map(|a| a.value.as_deref().map(str::to_owned)),
    );
    let mut public: Vec<&str> = request.user_attributes.iter().map(|a| &*a.name).collect();
    if let Some(m) = &request.client_metadata {
        for (k, v) in &m.0 {
            public.push(k);
            public.push(v);
        }
    }
    let strings = Strings::of(secrets, &public);
    strings.assert_hidden("Debug of the request", &format!("{request:?}"));

    let body = if input.pretty {
        serde_json::to_vec_pretty(&request)
    } else {
        serde_json::to_vec(&request)
    }
    .expect("a request serialises");
    let typed = request.validate(&options);
    let json = cognito_validate::validate_json(&body, &options);
    if body.len() > options.max_input_bytes {
        // Only the JSON entry point bounds the input's size (J007).
        let e = json.expect_err("a body over the limit is refused");
        assert_eq!(e.diagnostics()[0].rule, Rule::InputTooLarge);
        assert_rendering(&e);
        return;
    }
    match (&typed, &json) {
        (Ok(()), Ok(back)) => assert!(*back == request, "the JSON reads differently"),
        (Err(t), Err(j)) => {
            assert_eq!(t.error_type(), j.error_type());
            assert_eq!(t.message(), j.message(), "typed and JSON messages differ");
            for r in [t, j] {
                assert_rendering(r);
                strings.assert_rejection_hidden(r);
            }
        }
        _ => panic!(
            "typed {} but JSON {}",
            if typed.is_ok() { "accepted" } else { "refused" },
            if json.is_ok() { "accepted" } else { "refused" }
        ),
    }
});
