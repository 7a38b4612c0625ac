//! Every operation of the model through `validate` and `check`: the real
//! answers of operations-and-tokens.md section 2, a boundary test per
//! constraint kind and JSON type, UpdateUserAttributes's answers unchanged,
//! no panic on arbitrary bytes, and no secret in any output.
//!
//! Expected messages are written out from the reference's verbatim answers
//! and from the framework's phrases, not copied from the program's output.

use std::collections::BTreeMap;

use cognito_validate::model::{self, Kind};
use cognito_validate::{
    check, check_json, validate, validate_json, Operation, Options, Rejection, Value,
};

fn op(name: &str) -> Operation {
    Operation::from_name(name).expect("an operation of the model")
}

fn reject(name: &str, body: &str) -> Rejection {
    validate(op(name), body.as_bytes(), &Options::default())
        .expect_err(&format!("{name} must refuse {body}"))
}

/// The items of an answer's message, as a multiset (the service's order
/// varies between answers).
fn items(message: &str) -> BTreeMap<String, usize> {
    let rest = message
        .split_once(" detected: ")
        .map_or(message, |(_, rest)| rest);
    let mut out = BTreeMap::new();
    for item in rest.split("; Value") {
        let item = if item.starts_with("Value") {
            item.to_string()
        } else {
            format!("Value{item}")
        };
        *out.entry(item).or_insert(0) += 1;
    }
    out
}

fn codes(name: &str, body: &str) -> Vec<&'static str> {
    check(op(name), body.as_bytes(), &Options::default())
        .diagnostics
        .iter()
        .map(|d| d.rule.code())
        .collect()
}

#[test]
fn operations_are_found_by_name_and_target() {
    assert_eq!(Operation::all().count(), model::operations().len());
    for o in Operation::all() {
        assert_eq!(Operation::from_name(o.name()), Some(o));
        assert_eq!(Operation::from_target(o.target()), Some(o));
    }
    assert_eq!(Operation::from_name("signUp"), None);
    assert_eq!(Operation::from_target("SignUp"), None);
    assert_eq!(
        Operation::from_target("AWSCognitoIdentityProviderService.SignUp").map(|o| o.name()),
        Some("SignUp")
    );
}

#[test]
fn real_answers_of_the_reference() {
    // ListGroups, aws/aws-sdk-js#3344.
    assert_eq!(
        reject("ListGroups", r#"{"UserPoolId": " ap-northeast-1_xxx"}"#).message(),
        "1 validation error detected: Value ' ap-northeast-1_xxx' at 'userPoolId' failed to \
         satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+_[0-9a-zA-Z]+"
    );
    // AdminAddUserToGroup, boto/boto3#2951: the username is left out.
    assert_eq!(
        reject(
            "AdminAddUserToGroup",
            r#"{"UserPoolId": "us-east-1_abc", "Username": "a b", "GroupName": "g"}"#
        )
        .message(),
        "1 validation error detected: Value at 'username' failed to satisfy constraint: \
         Member must satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+"
    );
    // CreateUserPool, aws-cdk#14699.
    assert_eq!(
        reject(
            "CreateUserPool",
            r#"{"PoolName": "p", "Schema": [{"Name": "phone_number_verified"}]}"#
        )
        .message(),
        "1 validation error detected: Value 'phone_number_verified' at 'schema.1.member.name' \
         failed to satisfy constraint: Member must have length less than or equal to 20"
    );
    // ListUsers, boto/boto3#1356: numbers are quoted like strings.
    assert_eq!(
        reject(
            "ListUsers",
            r#"{"UserPoolId": "us-east-1_abc", "Limit": 100}"#
        )
        .message(),
        "1 validation error detected: Value '100' at 'limit' failed to satisfy constraint: \
         Member must have value less than or equal to 60"
    );
    // CreateUserPoolClient: a list of enum values printed whole, nested phrase.
    let m = reject(
        "CreateUserPoolClient",
        r#"{"UserPoolId": "us-east-1_abc", "ClientName": "c", "ExplicitAuthFlows": ["ADMIN_USER_PASSWORD_AUTH"]}"#,
    )
    .message()
    .to_string();
    assert!(
        m.starts_with(
            "1 validation error detected: Value '[ADMIN_USER_PASSWORD_AUTH]' at \
             'explicitAuthFlows' failed to satisfy constraint: Member must satisfy \
             constraint: [Member must satisfy enum value set: [ALLOW_CUSTOM_AUTH, "
        ),
        "{m}"
    );
    assert!(
        m.ends_with("]]") && m.contains(", ALLOW_USER_SRP_AUTH"),
        "{m}"
    );
    // InitiateAuth prints the client id (a 2024 run; boto/boto3#3581).
    let m = reject(
        "InitiateAuth",
        r#"{"ClientId": "", "AuthFlow": "USER_PASSWORD_AUTH"}"#,
    );
    assert!(items(m.message()).contains_key(
        "Value '' at 'clientId' failed to satisfy constraint: Member must have length greater than or equal to 1"
    ), "{m}");
    // SignUp leaves clientId, username and password out; the password's
    // printed pattern and minimum are the service's, not the model's.
    let m = reject(
        "SignUp",
        r#"{"ClientId": "", "Username": "", "Password": ""}"#,
    );
    let got = items(m.message());
    for want in [
        "Value at 'clientId' failed to satisfy constraint: Member must have length greater than or equal to 1",
        "Value at 'username' failed to satisfy constraint: Member must have length greater than or equal to 1",
        "Value at 'password' failed to satisfy constraint: Member must have length greater than or equal to 6",
        "Value at 'password' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[\\S]+.*[\\S]+$",
    ] {
        assert!(got.contains_key(want), "{want} not in {m}");
    }
    assert_eq!(m.error_type().as_str(), "InvalidParameterException");
}

#[test]
fn missing_members_come_in_model_order_and_hidden_ones_are_left_out() {
    let m = reject("AdminAddUserToGroup", "{}");
    assert_eq!(
        m.message(),
        "3 validation errors detected: \
         Value null at 'userPoolId' failed to satisfy constraint: Member must not be null; \
         Value at 'username' failed to satisfy constraint: Member must not be null; \
         Value null at 'groupName' failed to satisfy constraint: Member must not be null"
    );
    // `null` is missing too, and an optional member may be null.
    let m = reject("ListUsers", r#"{"UserPoolId": null, "Limit": null}"#);
    assert_eq!(
        m.message(),
        "1 validation error detected: Value null at 'userPoolId' failed to satisfy constraint: \
         Member must not be null"
    );
}

#[test]
fn integer_boundaries_and_number_forms() {
    let body = |limit: &str| format!(r#"{{"UserPoolId": "us-east-1_abc", "Limit": {limit}}}"#);
    for ok in ["0", "60", "-0", "1"] {
        assert!(
            validate(op("ListUsers"), body(ok).as_bytes(), &Options::default()).is_ok(),
            "{ok}"
        );
    }
    assert_eq!(codes("ListUsers", &body("61")), ["M106"]);
    assert_eq!(
        reject("ListUsers", &body("-1")).message(),
        "1 validation error detected: Value '-1' at 'limit' failed to satisfy constraint: \
         Member must have value greater than or equal to 0"
    );
    // Not integers: SerializationException (the library's choice).
    for bad in [
        "1.0",
        "1e2",
        "6E1",
        "2147483648",
        "99999999999999999999",
        "\"6\"",
        "true",
    ] {
        let r = reject("ListUsers", &body(bad));
        assert_eq!(r.error_type().as_str(), "SerializationException", "{bad}");
        assert_eq!(r.diagnostics()[0].rule.code(), "J006", "{bad}");
    }
}

#[test]
fn string_list_map_and_enum_boundaries() {
    // GroupName: 1..=128 characters, counted in scalar values.
    let body = |g: &str| format!(r#"{{"UserPoolId": "us-east-1_abc", "GroupName": "{g}"}}"#);
    assert!(validate(
        op("GetGroup"),
        body(&"é".repeat(128)).as_bytes(),
        &Options::default()
    )
    .is_ok());
    assert_eq!(codes("GetGroup", &body(&"é".repeat(129))), ["M102"]);
    assert_eq!(codes("GetGroup", &body("")), ["M101", "M103"]);
    // An enum, and a value of the wrong type for it.
    let ac = |v: &str| {
        format!(r#"{{"UserPoolId": "us-east-1_abc", "Username": "ada", "MessageAction": {v}}}"#)
    };
    assert!(validate(
        op("AdminCreateUser"),
        ac("\"RESEND\"").as_bytes(),
        &Options::default()
    )
    .is_ok());
    let m = reject("AdminCreateUser", &ac("\"resend\""));
    assert!(
        m.message().starts_with(
            "1 validation error detected: Value 'resend' at 'messageAction' failed to satisfy \
             constraint: Member must satisfy enum value set: ["
        ),
        "{m}"
    );
    assert_eq!(codes("AdminCreateUser", &ac("1")), ["J006"]);
    // A list: items at `x.N.member`, a null item, the wrong type.
    let del = |names: &str| format!(r#"{{"AccessToken": "t", "UserAttributeNames": {names}}}"#);
    assert_eq!(
        reject("DeleteUserAttributes", &del(r#"["email", "a b"]"#)).message(),
        "1 validation error detected: Value 'a b' at 'userAttributeNames.2.member' failed to \
         satisfy constraint: Member must satisfy regular expression pattern: \
         [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+"
    );
    assert_eq!(codes("DeleteUserAttributes", &del("[null]")), ["S001"]);
    assert_eq!(codes("DeleteUserAttributes", &del(r#""email""#)), ["J006"]);
    assert_eq!(codes("DeleteUserAttributes", &del("{}")), ["J006"]);
    // A map: a repeated key, a value of the wrong type, an unknown member.
    let meta = |m: &str| {
        format!(r#"{{"UserPoolId": "us-east-1_abc", "Username": "ada", "ClientMetadata": {m}}}"#)
    };
    assert_eq!(
        codes("AdminCreateUser", &meta(r#"{"a": "1", "a": "2"}"#)),
        ["J005"]
    );
    assert_eq!(
        codes("AdminCreateUser", &meta(r#"{"a": 1, "a": "2"}"#)),
        ["J006", "J005"]
    );
    assert_eq!(codes("AdminCreateUser", &meta("[]")), ["J006"]);
    let w = check(
        op("ListUsers"),
        br#"{"UserPoolId": "us-east-1_abc", "limit": 1}"#,
        &Options::default(),
    );
    assert_eq!(w.errors, 0);
    assert_eq!(w.diagnostics[0].rule.code(), "W001");
    assert_eq!(
        w.diagnostics[0].help.as_deref(),
        Some("did you mean `Limit`?")
    );
    // A boolean given a string.
    assert_eq!(
        codes(
            "AdminUpdateDeviceStatus",
            r#"{"UserPoolId": "us-east-1_abc", "Username": "u", "DeviceKey": "us-east-1_0a1b-2c", "DeviceRememberedStatus": true}"#
        ),
        ["J006"]
    );
}

#[test]
fn json_text_errors_stop_every_operation() {
    for body in ["", "{", "{\"UserPoolId\": \"x\",}", "{} {}", "[1, 2"] {
        for name in ["ListUsers", "SignUp"] {
            let r = reject(name, body);
            assert_eq!(r.error_type().as_str(), "SerializationException", "{body}");
        }
    }
}

/// The borrowed view reads top-level members without a second parse.
#[test]
fn the_request_view_borrows() {
    let body = br#"{"UserPoolId": "eu-west-1_abc", "Limit": 5, "Filter": "email ^= \"a\"", "AttributesToGet": ["email"]}"#;
    let req = validate(op("ListUsers"), body, &Options::default()).unwrap();
    assert_eq!(req.operation(), op("ListUsers"));
    assert!(matches!(
        req.get_str("UserPoolId"),
        Some(std::borrow::Cow::Borrowed("eu-west-1_abc"))
    ));
    assert_eq!(req.get_str("Filter").as_deref(), Some("email ^= \"a\""));
    assert_eq!(req.get("Limit"), Some(Value::Number("5")));
    assert_eq!(
        req.get("AttributesToGet"),
        Some(Value::Array(r#"["email"]"#))
    );
    let names: Vec<_> = req.members().map(|(n, _)| n).collect();
    assert_eq!(names, ["UserPoolId", "Limit", "Filter", "AttributesToGet"]);
}

/// validate(UpdateUserAttributes) answers exactly as validate_json, on the
/// example requests and on the rules' examples.
#[test]
fn update_user_attributes_answers_as_before() {
    let uua = op("UpdateUserAttributes");
    let mut bodies: Vec<Vec<u8>> = Vec::new();
    for entry in std::fs::read_dir("examples/requests").unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        if path.extension().is_some_and(|e| e == "jsonl") {
            bodies.extend(bytes.split(|&b| b == b'\n').map(<[u8]>::to_vec));
        } else {
            bodies.push(bytes);
        }
    }
    for rule in cognito_validate::Rule::ALL {
        if rule.example_operation() == "UpdateUserAttributes" && !rule.example_is_response() {
            bodies.push(rule.example_bad_bytes());
            bodies.push(rule.example_good().as_bytes().to_vec());
        }
    }
    assert!(bodies.len() > 60);
    for options in [Options::default(), Options::default().phase_one_only()] {
        for body in &bodies {
            let direct = validate_json(body, &options);
            let generic = validate(uua, body, &options);
            match (&direct, &generic) {
                (Ok(_), Ok(req)) => {
                    assert_eq!(
                        req.get("AccessToken").is_some(),
                        body.windows(13).any(|w| w == b"\"AccessToken\"")
                    );
                }
                (Err(a), Err(b)) => {
                    assert_eq!(a.body(), b.body());
                    assert_eq!(a.diagnostics(), b.diagnostics());
                }
                _ => panic!("different verdicts for {}", String::from_utf8_lossy(body)),
            }
            let a = check_json(body, &options);
            let b = check(uua, body, &options);
            assert_eq!(a.diagnostics, b.diagnostics);
            assert_eq!(a.secret_spans, b.secret_spans);
        }
    }
}

/// Bounded: a few hundred arbitrary and mutated bodies per operation.
#[test]
fn no_operation_panics_on_arbitrary_bytes() {
    let mut seed = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    const PIECES: &[&str] = &[
        "{",
        "}",
        "[",
        "]",
        ",",
        ":",
        "\"",
        "null",
        "true",
        "1",
        "-1.5e3",
        "\"a\"",
        "\"\\u00e9\"",
        "\"UserPoolId\"",
        "\"Username\"",
        "\"ClientMetadata\"",
        "\"Limit\"",
        "\"\\ud800\"",
        "\u{FEFF}",
        "\"AttributesToGet\"",
        "\"Schema\"",
        " ",
        "\"\u{1F600}\"",
    ];
    let opts = Options::default().with_max_depth(16);
    for o in Operation::all() {
        for _ in 0..40 {
            let n = (next() % 24) as usize;
            let mut body = String::new();
            for _ in 0..n {
                body.push_str(PIECES[(next() % PIECES.len() as u64) as usize]);
            }
            let mut bytes = body.into_bytes();
            if next() % 5 == 0 && !bytes.is_empty() {
                let i = (next() % bytes.len() as u64) as usize;
                bytes[i] = (next() & 0xFF) as u8;
            }
            let _ = validate(o, &bytes, &opts);
            let _ = check(o, &bytes, &opts);
        }
    }
}

/// No finding of `report` shows `mark`, and every `mark` in `body` lies in
/// a secret span.
fn assert_hidden(report: &cognito_validate::Report<'_>, body: &str, mark: &str, what: &str) {
    for d in &report.diagnostics {
        let text = format!("{d} {d:?} {}", d.help.as_deref().unwrap_or(""));
        assert!(!text.contains(mark), "{what}: {text}");
    }
    for (at, _) in body.match_indices(mark) {
        assert!(
            report
                .secret_spans
                .iter()
                .any(|s| s.start <= at && at + mark.len() <= s.end),
            "{what}: marker at {at} not covered in {body}"
        );
    }
}

/// A string the model allows for `kind`, for building valid requests.
fn filler(kind: &Kind) -> Option<String> {
    match kind {
        Kind::String { enum_values, .. } if !enum_values.is_empty() => {
            Some(format!("\"{}\"", enum_values[0]))
        }
        Kind::String { .. } => Some("\"SECRETMARKERq\"".into()),
        _ => None,
    }
}

/// Every hidden top-level string member of every operation, given a marker
/// (valid or not for its shape), never shows it in any output, and lies in
/// a secret span.
#[test]
fn no_operation_shows_a_hidden_member() {
    const MARK: &str = "SECRETMARKERq";
    let mut checked = 0;
    for o in Operation::all() {
        let Kind::Structure { members } = o.def().input.def().kind else {
            panic!("{o}: the input is a structure");
        };
        for m in members.iter().filter(|m| !m.shown) {
            let Some(v) = filler(&m.shape.def().kind) else {
                continue;
            };
            if !v.contains(MARK) {
                continue;
            }
            for value in [
                v.clone(),
                format!("\" {MARK} \\u0000\""),
                format!("[\"{MARK}\"]"),
            ] {
                let body = format!(r#"{{"{}": {value}, "{}": {value}}}"#, m.name, m.name);
                let report = check(o, body.as_bytes(), &Options::default());
                assert_hidden(&report, &body, MARK, &format!("{o}.{}", m.name));
                if let Err(r) = validate(o, body.as_bytes(), &Options::default()) {
                    let text = format!("{r} {r:?} {}", r.body());
                    assert!(!text.contains(MARK), "{o}.{}: {text}", m.name);
                }
                checked += 1;
            }
            // A request that passes: its Debug redacts the member.
            let body = format!(r#"{{"{}": {v}}}"#, m.name);
            if let Ok(req) = validate(o, body.as_bytes(), &Options::default()) {
                let dbg = format!("{req:?}");
                assert!(!dbg.contains(MARK), "{o}: {dbg}");
            }
        }
    }
    assert!(checked > 50, "only {checked} hidden members exercised");
}

/// Values nested in hidden shapes stay hidden: the values of a sensitive
/// map (InitiateAuth's AuthParameters), attribute values inside a list of
/// structures (AdminCreateUser), whatever their errors.
#[test]
fn nested_hidden_values_are_left_out_and_masked() {
    const MARK: &str = "NESTEDMARKERq";
    let long = format!("{MARK}{}", "x".repeat(2100));
    let bodies = [
        (
            "InitiateAuth",
            format!(
                r#"{{"AuthFlow": "USER_PASSWORD_AUTH", "ClientId": "abc", "AuthParameters": {{"PASSWORD": "{MARK}", "USERNAME": 7, "{MARK}": "{long}", "{MARK}": 1}}}}"#
            ),
        ),
        (
            "AdminCreateUser",
            format!(
                r#"{{"UserPoolId": "us-east-1_abc", "Username": "ada", "UserAttributes": [{{"Name": "nickname", "Value": "{long}"}}, {{"Name": "email", "Value": ["{MARK}"]}}]}}"#
            ),
        ),
    ];
    for (name, body) in bodies {
        let report = check(op(name), body.as_bytes(), &Options::default());
        assert!(report.errors > 0, "{name}: the bodies are refused");
        assert_hidden(&report, &body, MARK, name);
        let r = validate(op(name), body.as_bytes(), &Options::default()).unwrap_err();
        assert!(!format!("{r} {r:?} {}", r.body()).contains(MARK), "{name}");
    }
    let r = reject(
        "AdminCreateUser",
        &format!(
            r#"{{"UserPoolId": "us-east-1_abc", "Username": "ada", "UserAttributes": [{{"Name": "nickname", "Value": "{long}"}}]}}"#
        ),
    );
    assert_eq!(
        r.message(),
        "1 validation error detected: Value at 'userAttributes.1.member.value' failed to \
         satisfy constraint: Member must have length less than or equal to 2048"
    );
}
