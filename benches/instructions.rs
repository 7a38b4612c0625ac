//! One contender run a given number of times, for counting instructions with
//! callgrind, which is repeatable where wall time on a shared machine is not.
//!
//! ```text
//! cargo bench --all-features --bench instructions --no-run
//! B=$(ls -t target/release/deps/instructions-* | grep -v '\.d$' | head -1)
//! valgrind --tool=callgrind --callgrind-out-file=/dev/null $B validate_json 5 1024 1
//! valgrind --tool=callgrind --callgrind-out-file=/dev/null $B validate_json 5 1024 201
//! ```
//!
//! The difference of the two totals over 200 is the cost of one call, set-up
//! excluded. Contenders: `validate_json`, `phase_one`, `serde_floor`,
//! `serde_library_type`, `value_jsonschema`, `rejection` (the request with
//! `<attributes>` violations, rendered to the AWS body), `shape_non_ascii_name`
//! and `schema_from_json` (`Schema::from_json` on a DescribeUserPool answer of
//! `<attributes>` custom attributes); and for the operations `SignUp`,
//! `AdminCreateUser` and `InitiateAuth`, `validate:<Op>` (the model-driven
//! walker), `floor:<Op>` (the borrowed serde typed parse) and
//! `jsonschema:<Op>` (`serde_json::Value` plus the generated schema), with
//! `<attributes>` user attributes where the operation has them (the token
//! length is ignored); and `reject:SignUp` / `jsonschema_errors:SignUp`: a
//! SignUp request with `<attributes>` bad names, to the full AWS body, against
//! jsonschema collecting every error message; and `check_repeats`:
//! `check_json` on a request naming `<attributes>` names, then each again
//! (the cost per name stays flat as the count grows: repeats are found in
//! linear time).
//! Without arguments (as `cargo bench` runs it) it does nothing.

use std::hint::black_box;

use cognito_validate::pool::Schema;
use cognito_validate::shape::ATTRIBUTE_NAME_LEGACY;
use cognito_validate::{
    check_json, validate, validate_json, Operation, Options, UpdateUserAttributesRequest,
};
use common::{ops, pool_schema, rejected, repeated_names, request, schema_validator, FloorRequest};

mod common;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [what, attrs, token, n] = &args[..] else {
        return;
    };
    let (Ok(attrs), Ok(token), Ok(n)) = (attrs.parse(), token.parse(), n.parse::<usize>()) else {
        return;
    };
    let body = request(attrs, token);
    let bytes = body.as_bytes();
    let refused = rejected(attrs.max(1));
    let opts = Options::default();
    let phase_one = Options::default().phase_one_only();
    let validator = schema_validator();
    let pool = if what == "schema_from_json" {
        pool_schema(attrs)
    } else {
        String::new()
    };
    let repeats = if what == "check_repeats" {
        repeated_names(attrs)
    } else {
        String::new()
    };
    let repeats_opts = Options::default().with_max_input_bytes(repeats.len().max(1));
    let name: String = "名前é👍ñ字ü∑".chars().cycle().take(32).collect();
    let (kind, op_name) = what.split_once(':').unwrap_or((what.as_str(), ""));
    let op = Operation::from_name(op_name);
    let op_body = if kind.starts_with("reject") || kind.ends_with("errors") {
        ops::rejected_sign_up(attrs)
    } else {
        ops::request(op_name, attrs)
    };
    let op_validator = op.map(|_| ops::validator(op_name));
    let mut ok = 0usize;
    for _ in 0..n {
        let b = black_box(bytes);
        ok +=
            usize::from(match what.as_str() {
                "validate_json" => validate_json(b, &opts).is_ok(),
                "phase_one" => validate_json(b, &phase_one).is_ok(),
                "serde_floor" => serde_json::from_slice::<FloorRequest<'_>>(b).is_ok(),
                "serde_library_type" => {
                    serde_json::from_slice::<UpdateUserAttributesRequest<'_>>(b).is_ok()
                }
                "value_jsonschema" => serde_json::from_slice::<serde_json::Value>(b)
                    .is_ok_and(|v| validator.is_valid(&v)),
                "rejection" => validate_json(black_box(refused.as_bytes()), &opts)
                    .is_err_and(|r| !r.body().is_empty()),
                "check_repeats" => {
                    check_json(black_box(repeats.as_bytes()), &repeats_opts).warnings == attrs
                }
                "schema_from_json" => Schema::from_json(black_box(pool.as_bytes()))
                    .is_ok_and(|s| s.attributes().len() >= attrs),
                "shape_non_ascii_name" => ATTRIBUTE_NAME_LEGACY.check(black_box(&name)).is_empty(),
                _ => {
                    let (Some(op), Some(v)) = (op, &op_validator) else {
                        return;
                    };
                    let b = black_box(op_body.as_bytes());
                    match kind {
                        "validate" => validate(op, b, &opts).is_ok(),
                        "floor" => ops::serde_floor(op_name, b),
                        "jsonschema" => serde_json::from_slice::<serde_json::Value>(b)
                            .is_ok_and(|j| v.is_valid(&j)),
                        "reject" => validate(op, b, &opts).is_err_and(|r| !r.body().is_empty()),
                        "jsonschema_errors" => serde_json::from_slice::<serde_json::Value>(b)
                            .is_ok_and(|j| {
                                let messages: Vec<String> =
                                    v.iter_errors(&j).map(|e| e.to_string()).collect();
                                !messages.join("; ").is_empty()
                            }),
                        _ => return,
                    }
                }
            });
    }
    assert_eq!(ok, n, "every run must give the expected verdict");
}
