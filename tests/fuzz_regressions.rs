//! Inputs the fuzz targets (`fuzz/`) found, each pinned by a test (both
//! fixed in the library by d27d4b5).

use cognito_validate::{check_json, validate_json, Options};

/// The answer's class must not depend on how many diagnostics are kept: a
/// repeated key (J005) makes the body unreadable, so the service answers
/// `SerializationException`, whatever `max_diagnostics` says. Found by the
/// `validate_json` target with `max_diagnostics = 2`.
#[test]
fn the_diagnostic_cap_does_not_change_the_error_class() {
    // A refused name (S103) comes before a repeated `Value` (J005).
    let body = br#"{"AccessToken":"a","UserAttributes":[{"Name":"a b","Value":"x","Value":"y"}]}"#;
    let full = validate_json(body, &Options::default()).unwrap_err();
    assert_eq!(full.error_type().as_str(), "SerializationException");
    for cap in 1..=3 {
        let capped = Options::default().with_max_diagnostics(cap);
        let e = validate_json(body, &capped).unwrap_err();
        assert_eq!(
            e.error_type().as_str(),
            "SerializationException",
            "validate_json, max_diagnostics {cap}: {e}"
        );
    }
}

/// `Report::rejection` must give the answer `validate_json` gives: warnings
/// kept by `check_json` must not push the error that decides the class out
/// of the kept diagnostics. Found by the `validate_json` target.
#[test]
fn warnings_do_not_change_the_report_s_answer() {
    // S103, then W001 (unknown member `X`), then J005 (repeated `Name`).
    let body = br#"{"AccessToken":"a","UserAttributes":[{"Name":"a b","X":1,"Name":"c"}]}"#;
    for cap in [2, 100] {
        let options = Options::default().with_max_diagnostics(cap);
        let direct = validate_json(body, &options).unwrap_err();
        let report = check_json(body, &options);
        let from_report = report.rejection().expect("refused");
        assert_eq!(
            from_report.error_type(),
            direct.error_type(),
            "max_diagnostics {cap}: {from_report} / {direct}"
        );
        assert_eq!(direct.error_type().as_str(), "SerializationException");
    }
}
