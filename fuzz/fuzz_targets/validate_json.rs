//! Arbitrary bytes through `validate_json` and `check_json`.
//!
//! Invariants: no panic; both entry points agree on the verdict and the
//! error class, and on the message when nothing was dropped; an accepted
//! request, serialised again with serde_json, is accepted again and reads
//! the same; a refusal renders a JSON body of `__type` and `message`; every
//! span lies inside the input; no output shows a secret (see the crate docs
//! for what is sound to check).
#![no_main]

use cognito_validate::{check_json, validate_json, NamePattern, Options, Span};
use cognito_validate_fuzz::{assert_rendering, assert_secret_omitted, Strings};
use libfuzzer_sys::fuzz_target;

fn in_bounds(s: Span, len: usize) {
    assert!(
        s.start <= s.end && s.end <= len,
        "span {s:?} outside {len} bytes"
    );
}

fuzz_target!(|data: &[u8]| {
    let strings = Strings::of_json(data);
    // (options, whether they check phase one only)
    let option_sets = [
        // The default: legacy names, the default pool's business rules.
        (Options::default(), false),
        (
            Options::default()
                .with_name_pattern(NamePattern::Current)
                .phase_one_only(),
            true,
        ),
        // A small cap and a low depth limit exercise the bounds.
        (
            Options::default().with_max_diagnostics(2).with_max_depth(3),
            false,
        ),
    ];
    for (options, phase_one_only) in &option_sets {
        let verdict = validate_json(data, options);
        let report = check_json(data, options);
        assert_eq!(verdict.is_err(), report.is_rejected(), "{options:?}");
        for d in &report.diagnostics {
            if let Some(span) = d.span {
                in_bounds(span, data.len());
            }
            assert_secret_omitted(d);
            if let Some(s) = &strings {
                s.assert_diagnostic_hidden(d);
            }
        }
        for span in &report.secret_spans {
            in_bounds(*span, data.len());
        }
        match &verdict {
            Ok(request) => {
                let again = serde_json::to_vec(request).expect("a request serialises");
                match validate_json(&again, options) {
                    Ok(back) => assert!(back == *request, "the request reads differently"),
                    Err(e) => panic!("the re-serialised request is refused: {e}"),
                }
                if let Some(s) = &strings {
                    s.assert_hidden("Debug of the request", &format!("{request:?}"));
                }
            }
            Err(rejection) => {
                assert_rendering(rejection);
                let from_report = report.rejection().expect("check_json refused it too");
                // The class never depends on the cap or on warnings
                // (tests/fuzz_regressions.rs); the items may, when some
                // were dropped.
                assert_eq!(
                    from_report.error_type(),
                    rejection.error_type(),
                    "check_json and validate_json give different answers"
                );
                if report.dropped() == 0 {
                    assert_eq!(from_report.message(), rejection.message());
                }
                // A SerializationException names one problem; the other
                // answer counts them all, when only phase one is checked (a
                // report also counts business-rule findings the service
                // would not reach).
                if *phase_one_only && rejection.error_type().as_str() == "InvalidParameterException"
                {
                    assert_eq!(rejection.error_count(), report.errors);
                }
                if let Some(s) = &strings {
                    s.assert_rejection_hidden(rejection);
                    s.assert_rejection_hidden(&from_report);
                }
            }
        }
    }
});
