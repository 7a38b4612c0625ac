//! Arbitrary bytes as the request of any operation of the model, through
//! `validate` and `check`.
//!
//! Invariants: no panic; `validate` and `check` agree on the verdict and on
//! the error class; a rejection renders the service's body, headers and
//! status.
#![no_main]

use cognito_validate::{check, validate, Operation, Options};
use cognito_validate_fuzz::assert_rendering;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (u8, u8, &[u8])| {
    let (which, cap, bytes) = input;
    let ops: Vec<Operation> = Operation::all().collect();
    let op = ops[usize::from(which) % ops.len()];
    let options = Options::default().with_max_diagnostics(usize::from(cap));
    let report = check(op, bytes, &options);
    match validate(op, bytes, &options) {
        Ok(_) => assert!(!report.is_rejected(), "{op}: validate accepted, check refused"),
        Err(r) => {
            let from_report = report.rejection().expect("check refuses it too");
            assert_eq!(r.error_type(), from_report.error_type(), "{op}");
            assert_rendering(&r);
        }
    }
});
