//! Phase two: the business rules, with the default pool and with the pool
//! shipped in `examples/pool/`. Expected messages are those of reference
//! section 4, written out here by hand.

use cognito_validate::pool::{Schema, SchemaError};
use cognito_validate::{check, check_json, validate_json, Operation, Options, Rule};
use proptest::prelude::*;

const TOKEN: &str = "eyJ0.eyJ1.c2ln";

fn pool() -> Schema {
    let schema =
        Schema::from_json(include_bytes!("../examples/pool/describe-user-pool.json")).unwrap();
    schema
        .with_write_attributes_json(include_bytes!(
            "../examples/pool/describe-user-pool-client.json"
        ))
        .unwrap()
}

/// The pool without the app client's write list.
fn pool_only() -> Options {
    Options::default().with_schema(
        Schema::from_json(include_bytes!("../examples/pool/describe-user-pool.json")).unwrap(),
    )
}

fn pool_opts() -> Options {
    Options::default().with_schema(pool())
}

/// A request with these `(name, value)` attributes; `None` leaves `Value` out.
fn request(attrs: &[(&str, Option<&str>)]) -> String {
    let items: Vec<String> = attrs
        .iter()
        .map(|(n, v)| match v {
            Some(v) => format!(r#"{{"Name": {}, "Value": {}}}"#, lit(n), lit(v)),
            None => format!(r#"{{"Name": {}}}"#, lit(n)),
        })
        .collect();
    format!(
        r#"{{"AccessToken": "{TOKEN}", "UserAttributes": [{}]}}"#,
        items.join(", ")
    )
}

fn lit(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

fn answer(body: &str, opts: &Options) -> (String, String) {
    let r = validate_json(body.as_bytes(), opts).expect_err(body);
    (r.error_type().as_str().to_string(), r.message().to_string())
}

fn ipe(msg: &str) -> (String, String) {
    ("InvalidParameterException".to_string(), msg.to_string())
}

#[test]
fn not_in_schema_one_line_per_name() {
    let d = Options::default();
    assert_eq!(
        answer(&request(&[("favorite_flavor", Some("vanilla"))]), &d),
        ipe("user.favorite_flavor: Attribute does not exist in the schema.\n")
    );
    assert_eq!(
        answer(
            &request(&[("favorite_flavor", Some("vanilla")), ("nickname", Some("Ada")), ("shoe_size", Some("9"))]),
            &d
        ),
        ipe("user.favorite_flavor: Attribute does not exist in the schema.\nuser.shoe_size: Attribute does not exist in the schema.\n")
    );
    // With a pool, only its custom attributes exist.
    assert_eq!(
        answer(
            &request(&[("custom:shoe_size", Some("9"))]),
            &Options::default().with_schema(Schema::from_json(br#"[]"#).unwrap())
        ),
        ipe("user.custom:shoe_size: Attribute does not exist in the schema.\n")
    );
}

#[test]
fn did_you_mean_for_unknown_names() {
    let body = request(&[("favorite_flavor", Some("v")), ("Email", Some("a@b.c"))]);
    let report = check_json(body.as_bytes(), &Options::default());
    let helps: Vec<_> = report
        .diagnostics
        .iter()
        .filter_map(|d| d.help.as_deref())
        .collect();
    assert_eq!(
        helps,
        [
            "did you mean 'custom:favorite_flavor'?",
            "did you mean 'email'?"
        ]
    );
}

#[test]
fn unauthorized_write_with_a_write_list() {
    // custom:plan exists in the pool but is not in the app client's list.
    let (t, m) = answer(&request(&[("custom:plan", Some("pro"))]), &pool_opts());
    assert_eq!(t, "NotAuthorizedException");
    assert_eq!(m, "A client attempted to write unauthorized attribute");
    // A name outside the list and the schema: the permission answer comes first.
    let (t, _) = answer(&request(&[("favorite_flavor", Some("v"))]), &pool_opts());
    assert_eq!(t, "NotAuthorizedException");
    // Required attributes are always writable; `email` is required in the example pool.
    let only_nickname = Options::default().with_schema(pool().with_write_attributes(["nickname"]));
    assert!(validate_json(
        request(&[("email", Some("ada@example.com"))]).as_bytes(),
        &only_nickname
    )
    .is_ok());
    let body = request(&[("email", Some("ada@example.com"))]);
    let r = validate_json(body.as_bytes(), &pool_opts()).unwrap();
    assert_eq!(r.user_attributes.len(), 1);
    let headers = validate_json(
        request(&[("custom:plan", Some("pro"))]).as_bytes(),
        &pool_opts(),
    )
    .unwrap_err()
    .headers();
    assert_eq!(headers[0].1, "NotAuthorizedException:");
}

#[test]
fn sub_null_value_required_and_immutable() {
    let d = Options::default();
    assert_eq!(
        answer(&request(&[("sub", Some("0f8e7c2a"))]), &d),
        ipe("Cannot modify the non-mutable attribute sub")
    );
    assert_eq!(
        answer(&request(&[("nickname", None)]), &d),
        ipe("Attribute value for nickname must not be null")
    );
    assert_eq!(
        answer(&request(&[("email", Some(""))]), &pool_opts()),
        ipe("user.email: Required attribute cannot be deleted.")
    );
    assert_eq!(
        answer(
            &request(&[("custom:tenant_id", Some("acme"))]),
            &pool_only()
        ),
        ipe("user.custom:tenant_id: Attribute cannot be updated.\n")
    );
    // A blank value deletes an optional attribute.
    assert!(validate_json(request(&[("nickname", Some(""))]).as_bytes(), &d).is_ok());
}

#[test]
fn formats_and_constraints() {
    let d = Options::default();
    assert_eq!(
        answer(&request(&[("email", Some("ada.example.com"))]), &d),
        ipe("Invalid email address format.")
    );
    assert_eq!(
        answer(&request(&[("phone_number", Some("+1 432 555 1212"))]), &d),
        ipe("Invalid phone number format.")
    );
    assert!(validate_json(
        request(&[("phone_number", Some("+14325551212"))]).as_bytes(),
        &d
    )
    .is_ok());
    assert_eq!(
        answer(&request(&[("birthdate", Some("1990-1-1"))]), &d),
        ipe("user.birthdate: String must be no shorter than 10 characters\n")
    );
    assert_eq!(
        answer(&request(&[("custom:favorite_flavor", Some("a"))]), &Options::default().with_schema(
            Schema::from_json(br#"[{"Name": "custom:favorite_flavor", "AttributeDataType": "String", "StringAttributeConstraints": {"MinLength": "3", "MaxLength": "20"}}]"#).unwrap()
        )),
        ipe("user.custom:favorite_flavor: String must be no shorter than 3 characters\n")
    );
    let codes = |body: String, o: &Options| -> Vec<&'static str> {
        check_json(body.as_bytes(), o)
            .diagnostics
            .iter()
            .map(|d| d.rule.code())
            .collect()
    };
    let p = pool_opts();
    // Lengths count scalar values, not bytes: ten 3-byte digits make a
    // 10-character birthdate; eleven do not.
    assert_eq!(
        codes(request(&[("birthdate", Some("１９９０-０１-０１"))]), &d),
        Vec::<&str>::new()
    );
    assert_eq!(
        codes(request(&[("birthdate", Some("１９９０-０１-０１１"))]), &d),
        ["A009"]
    );
    assert_eq!(codes(request(&[("updated_at", Some("-1"))]), &d), ["A011"]);
    assert_eq!(
        codes(request(&[("updated_at", Some("soon"))]), &d),
        ["A010"]
    );
    assert_eq!(codes(request(&[("custom:age", Some("151"))]), &p), ["A011"]);
    assert_eq!(
        codes(request(&[("custom:age", Some("150"))]), &p),
        Vec::<&str>::new()
    );
    assert_eq!(
        codes(request(&[("custom:newsletter", Some("yes"))]), &p),
        ["A012"]
    );
    assert_eq!(
        codes(request(&[("custom:last_seen", Some("last tuesday"))]), &p),
        ["A013"]
    );
    assert_eq!(
        codes(
            request(&[("custom:favorite_flavor", Some(&"x".repeat(21)))]),
            &p
        ),
        ["A009"]
    );
    assert_eq!(
        codes(request(&[("dev:custom:risk_score", Some("5"))]), &p),
        ["A014"]
    );
    assert_eq!(
        codes(request(&[("email_verified", Some("true"))]), &d),
        ["W012"]
    );
    assert_eq!(
        codes(request(&[("email_verified", Some("yes"))]), &d),
        ["A012", "W012"]
    );
    assert_eq!(
        codes(
            request(&[("nickname", Some("a")), ("nickname", Some("b"))]),
            &d
        ),
        ["W010"]
    );
    assert_eq!(codes(request(&[]), &d), ["W011"]);
}

#[test]
fn phase_one_answers_first_but_the_report_has_everything() {
    let body = request(&[("favorite_flavor", Some("v")), ("", Some("x"))]);
    let r = validate_json(body.as_bytes(), &Options::default()).unwrap_err();
    assert!(
        r.message().starts_with(
            "2 validation errors detected: Value '' at 'userAttributes.2.member.name'"
        ),
        "{}",
        r.message()
    );
    let report = check_json(body.as_bytes(), &Options::default());
    let codes: Vec<_> = report.diagnostics.iter().map(|d| d.rule.code()).collect();
    assert_eq!(codes, ["A001", "S101", "S103"]);
    assert_eq!(report.phase_one_errors, 2);
    assert_eq!(report.rejection().unwrap().message(), r.message());
    // Phase-two findings point at the name in the input.
    let at = body.find("\"favorite_flavor\"").unwrap();
    assert_eq!(report.diagnostics[0].span.map(|s| s.start), Some(at));
}

#[test]
fn the_typed_request_agrees() {
    let body = request(&[
        ("custom:tenant_id", Some("acme")),
        ("nickname", Some("Ada")),
    ]);
    let req: cognito_validate::UpdateUserAttributesRequest = serde_json::from_str(&body).unwrap();
    let typed = req.validate(&pool_only()).unwrap_err();
    let json = validate_json(body.as_bytes(), &pool_only()).unwrap_err();
    assert_eq!(typed.message(), json.message());
    assert_eq!(
        typed.message(),
        "user.custom:tenant_id: Attribute cannot be updated.\n"
    );
}

#[test]
fn malformed_schemas_are_errors_that_say_what_is_wrong() {
    let cases: &[(&[u8], &str)] = &[
        (b"", "not JSON"),
        (b"{\"UserPool\": {}}", "not a DescribeUserPool answer"),
        (b"[{\"Name\": \"custom:a\", \"AttributeDataType\": \"Text\"}]", "SchemaAttributes[0] \"custom:a\" AttributeDataType: \"Text\""),
        (b"[{\"AttributeDataType\": \"String\"}]", "Name: is missing"),
        (b"[{\"Name\": \"custom:a\", \"StringAttributeConstraints\": {\"MaxLength\": \"ten\"}}]", "MaxLength: \"ten\" is not an integer"),
        (b"[{\"Name\": \"custom:a\", \"StringAttributeConstraints\": {\"MinLength\": \"5\", \"MaxLength\": \"2\"}}]", "MinLength 5 is greater than MaxLength 2"),
        (b"[{\"Name\": \"custom:a\"}, {\"Name\": \"custom:a\"}]", "SchemaAttributes[1] \"custom:a\" Name: named twice"),
        (b"[{\"Name\": \"custom:n\", \"AttributeDataType\": \"Number\", \"NumberAttributeConstraints\": {\"MinValue\": \"9\", \"MaxValue\": \"1\"}}]", "MinValue 9 is greater than MaxValue 1"),
    ];
    for (input, expected) in cases {
        let e = Schema::from_json(input).expect_err(&String::from_utf8_lossy(input));
        assert!(
            e.to_string().contains(expected),
            "{e} does not contain {expected}"
        );
    }
    assert!(matches!(
        Schema::default_pool().with_write_attributes_json(b"{\"WriteAttributes\": 3}"),
        Err(SchemaError::WriteAttributes(_))
    ));
}

#[test]
fn every_rule_example_behaves() {
    for rule in Rule::ALL {
        if rule.example_needs_keys() {
            // The examples describe a token; tests/token.rs breaks each of
            // these rules with a signed one.
            continue;
        }
        if rule.example_is_response() {
            use cognito_validate::response::validate_response_json;
            let bad = rule.example_bad_bytes();
            let e = validate_response_json(&bad, &Options::default()).unwrap_err();
            assert!(
                e.diagnostics().iter().any(|d| d.rule == *rule),
                "{}",
                rule.code()
            );
            assert!(
                validate_response_json(rule.example_good().as_bytes(), &Options::default()).is_ok()
            );
            continue;
        }
        let opts = if rule.example_needs_pool() {
            pool_opts()
        } else {
            Options::default()
        };
        let bad = rule.example_bad_bytes();
        let op = Operation::from_name(rule.example_operation()).expect("an operation");
        let report = check(op, &bad, &opts);
        assert!(
            report.diagnostics.iter().any(|d| d.rule == *rule),
            "{}: the bad example does not break it: {:?}",
            rule.code(),
            report.diagnostics
        );
        let report = check(op, rule.example_good().as_bytes(), &opts);
        assert!(
            report.diagnostics.is_empty(),
            "{}: the good example has findings: {:?}",
            rule.code(),
            report.diagnostics
        );
    }
}

/// Standard attributes other than `sub`, each with a strategy for values the
/// default pool must accept (reference section 6).
fn standard_with_valid_value() -> impl Strategy<Value = (&'static str, String)> {
    let free = prop::sample::select(vec![
        "name",
        "given_name",
        "family_name",
        "middle_name",
        "nickname",
        "preferred_username",
        "profile",
        "picture",
        "website",
        "gender",
        "zoneinfo",
        "locale",
        "address",
    ]);
    prop_oneof![
        (free, "\\PC{0,40}").prop_map(|(n, v)| (n, v)),
        "[a-z0-9.]{1,20}@[a-z0-9]{1,20}\\.[a-z]{2,5}".prop_map(|v| ("email", v)),
        "\\+[0-9]{1,15}".prop_map(|v| ("phone_number", v)),
        "[0-9]{4}-[0-9]{2}-[0-9]{2}".prop_map(|v| ("birthdate", v)),
        (0u64..=4_000_000_000).prop_map(|n| ("updated_at", n.to_string())),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn default_pool_accepts_standard_attributes_with_valid_values(
        attrs in prop::collection::vec(standard_with_valid_value(), 1..8)
    ) {
        let pairs: Vec<(&str, Option<&str>)> = attrs.iter().map(|(n, v)| (*n, Some(v.as_str()))).collect();
        let body = request(&pairs);
        prop_assert!(validate_json(body.as_bytes(), &Options::default()).is_ok(), "{}", body);
    }

    #[test]
    fn default_pool_refuses_unknown_names(name in "[a-zA-Z_][a-zA-Z0-9_]{0,31}") {
        let lower_standard = cognito_validate::pool::is_standard(&name);
        prop_assume!(!lower_standard);
        let body = request(&[(&name, Some("x"))]);
        let r = validate_json(body.as_bytes(), &Options::default());
        prop_assert!(r.is_err(), "{}", body);
        let expected = format!("user.{name}: Attribute does not exist in the schema.\n");
        let rejection = r.unwrap_err();
        prop_assert_eq!(rejection.message(), expected.as_str());
    }
}

#[test]
fn responses_are_checked_against_their_shapes() {
    use cognito_validate::response::validate_response_json;
    let d = Options::default();
    assert!(validate_response_json(b"{}", &d).is_ok());
    assert!(validate_response_json(br#"{"CodeDeliveryDetailsList": []}"#, &d).is_ok());
    let e = validate_response_json(
        br#"{"CodeDeliveryDetailsList": [{"DeliveryMedium": "SMS", "AttributeName": "phone number"}, {"DeliveryMedium": "PIGEON"}]}"#,
        &d,
    )
    .unwrap_err();
    assert_eq!(
        e.message(),
        r"2 validation errors detected: Value 'phone number' at 'codeDeliveryDetailsList.1.member.attributeName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\p{L}\p{M}\p{S}\p{N}\p{P}]+; Value 'PIGEON' at 'codeDeliveryDetailsList.2.member.deliveryMedium' failed to satisfy constraint: Member must satisfy enum value set: [SMS, EMAIL]"
    );
    let e = validate_response_json(
        br#"{"CodeDeliveryDetailsList": {"DeliveryMedium": "SMS"}}"#,
        &d,
    )
    .unwrap_err();
    assert_eq!(e.error_type().as_str(), "SerializationException");
    assert_eq!(e.diagnostics()[0].rule.code(), "J006");
    let e = validate_response_json(b"{\"CodeDeliveryDetailsList\": [", &d).unwrap_err();
    assert_eq!(e.diagnostics()[0].rule.code(), "J001");
}

/// Issue 14, item 3: 30,000 names named twice, each repeat found once and
/// pointing at its first. (That this is linear is measured, not timed here:
/// the `check_repeats` contender of `benches/instructions.rs` costs the same
/// instructions per name at 1,000, 4,000 and 16,000 names; BENCHMARKS.md.)
#[test]
fn every_repeated_name_of_a_long_request_is_found_once() {
    let unique = 30_000;
    let mut body = format!(r#"{{"AccessToken":"{TOKEN}","UserAttributes":["#);
    for round in 0..2 {
        for i in 0..unique {
            if round + i > 0 {
                body.push(',');
            }
            body.push_str(&format!(r#"{{"Name":"custom:n{i}","Value":"v"}}"#));
        }
    }
    body.push_str("]}");
    let opts = Options::default().with_max_input_bytes(body.len());
    let report = check_json(body.as_bytes(), &opts);
    assert_eq!(report.warnings, unique, "every repeat is found once");
    let first = report
        .diagnostics
        .iter()
        .find(|d| d.rule == Rule::DuplicateAttribute)
        .expect("a repeat is reported");
    assert!(
        first.to_string().contains("Also set by attribute 1;"),
        "{first}"
    );
}
