//! The attribute family (issue 12): the business rules of every operation
//! that writes, deletes or verifies user attributes, under each operation's
//! profile. Expected messages are those of reference section 3 and of the
//! findings quoted in `src/family.rs`, written out here by hand; where the
//! service's text is not confirmed the test's name says which choice the
//! library made.

use cognito_validate::pool::Schema;
use cognito_validate::{check, validate, Operation, Options, RequiredWording, Rule};
use proptest::prelude::*;

const POOL: &[u8] = include_bytes!("../examples/pool/describe-user-pool.json");
const CLIENT: &[u8] = include_bytes!("../examples/pool/describe-user-pool-client.json");
const ALIAS_POOL: &[u8] = include_bytes!("../examples/pool/describe-user-pool-alias.json");

fn op(name: &str) -> Operation {
    Operation::from_name(name).expect("an operation of the model")
}

/// The realistic pool of `examples/pool/` with its app client: email is
/// required and the username (`UsernameAttributes: ["email"]`).
fn pool() -> Options {
    let schema = Schema::from_json(POOL)
        .and_then(|s| s.with_write_attributes_json(CLIENT))
        .expect("the shipped pool");
    Options::default().with_schema(schema)
}

/// The shipped pool without the app client's write list (as
/// `--pool-schema` alone gives it).
fn pool_only() -> Options {
    Options::default().with_schema(Schema::from_json(POOL).expect("the shipped pool"))
}

/// The answer's (type, message) for a body, or `None` when it passes.
fn answer(operation: &str, body: &str, opts: &Options) -> Option<(String, String)> {
    validate(op(operation), body.as_bytes(), opts)
        .err()
        .map(|e| (e.error_type().as_str().to_string(), e.message().to_string()))
}

fn refused(operation: &str, body: &str, opts: &Options) -> String {
    let (t, m) =
        answer(operation, body, opts).unwrap_or_else(|| panic!("{operation} accepted {body}"));
    assert_eq!(t, "InvalidParameterException", "{m}");
    m
}

fn sign_up(username: &str, attrs: &str) -> String {
    format!(
        r#"{{"ClientId": "4l1c3b0bexample0client0id0", "Username": "{username}", "Password": "Corr3ct-Horse", "UserAttributes": [{attrs}]}}"#
    )
}

fn admin_create(username: &str, attrs: &str) -> String {
    format!(
        r#"{{"UserPoolId": "eu-west-1_Ex4mpLe01", "Username": "{username}", "UserAttributes": [{attrs}]}}"#
    )
}

const EMAIL: &str = r#"{"Name": "email", "Value": "ada@example.com"}"#;

#[test]
fn sign_up_names_every_attribute_the_schema_lacks_after_one_prefix() {
    // amplify-flutter#509 (reference section 3), confirmed with its trailing \n.
    let body = sign_up(
        "ada@example.com",
        &format!(
            r#"{EMAIL}, {{"Name": "custom:firstName", "Value": "Ada"}}, {{"Name": "custom:dateOfBirth", "Value": "1815"}}"#
        ),
    );
    assert_eq!(
        refused("SignUp", &body, &pool_only()),
        "Attributes did not conform to the schema: custom:firstName: Attribute does not exist in the schema.\ncustom:dateOfBirth: Attribute does not exist in the schema.\n"
    );
    // One name (aws-sdk-android#1629's `first_name`): no `user.` prefix.
    let body = sign_up(
        "ada@example.com",
        &format!(r#"{EMAIL}, {{"Name": "first_name", "Value": "Ada"}}"#),
    );
    assert_eq!(
        refused("SignUp", &body, &Options::default()),
        "Attributes did not conform to the schema: first_name: Attribute does not exist in the schema.\n"
    );
}

#[test]
fn sign_up_required_attribute_missing_capitalised_by_default_each_line_ending_in_a_line_break() {
    // The case of `The` and the trailing \n are the library's choices.
    let body = sign_up("ada@example.com", r#"{"Name": "name", "Value": "Ada"}"#);
    assert_eq!(
        refused("SignUp", &body, &pool()),
        "Attributes did not conform to the schema: email: The attribute is required\n"
    );
    let lower = pool().with_required_wording(RequiredWording::Lower);
    assert_eq!(
        refused("SignUp", &body, &lower),
        "Attributes did not conform to the schema: email: the attribute is required\n"
    );
    let named = pool().with_required_wording(RequiredWording::Named);
    assert_eq!(
        refused("SignUp", &body, &named),
        "Attributes did not conform to the schema: email: The attribute email is required\n"
    );
    // Without UserAttributes at all, and with the required one blank.
    let none = r#"{"ClientId": "4l1c3b0bexample0client0id0", "Username": "ada@example.com", "Password": "Corr3ct-Horse"}"#;
    assert_eq!(
        refused("SignUp", none, &pool()),
        "Attributes did not conform to the schema: email: The attribute is required\n"
    );
    let blank = sign_up("ada@example.com", r#"{"Name": "email", "Value": ""}"#);
    assert_eq!(
        refused(
            "AdminCreateUser",
            &admin_create("ada@example.com", r#"{"Name": "email", "Value": ""}"#),
            &pool()
        ),
        "Attributes did not conform to the schema: email: The attribute is required\n"
    );
    assert!(refused("SignUp", &blank, &pool()).ends_with("email: The attribute is required\n"));
}

#[test]
fn oidc_style_required_names_in_the_2025_named_wording() {
    // agentlang#240 (2025): `name.givenName: The attribute name.givenName is
    // required`; that thread separates lines with `,` and a line break, this
    // library with a line break only (its choice).
    let schema = Schema::from_json(
        br#"[{"Name": "name.givenName", "Required": true}, {"Name": "name.familyName", "Required": true}]"#,
    )
    .unwrap();
    let opts = Options::default()
        .with_schema(schema)
        .with_required_wording(RequiredWording::Named);
    assert_eq!(
        refused("SignUp", &sign_up("ada", ""), &opts),
        "Attributes did not conform to the schema: name.givenName: The attribute name.givenName is required\nname.familyName: The attribute name.familyName is required\n"
    );
}

#[test]
fn admin_create_user_custom_attribute_the_pool_lacks_has_no_type_with_a_trailing_line_break() {
    // Reference section 3; the trailing \n is the library's choice (one form
    // for every line of this voice).
    let body = admin_create(
        "ada@example.com",
        &format!(r#"{EMAIL}, {{"Name": "custom:role", "Value": "admin"}}"#),
    );
    assert_eq!(
        refused("AdminCreateUser", &body, &pool_only()),
        "Attributes did not conform to the schema: Type for attribute {custom:role} could not be determined\n"
    );
    // SignUp words the same finding as a missing attribute.
    let body = sign_up(
        "ada@example.com",
        &format!(r#"{EMAIL}, {{"Name": "custom:role", "Value": "admin"}}"#),
    );
    assert_eq!(
        refused("SignUp", &body, &pool_only()),
        "Attributes did not conform to the schema: custom:role: Attribute does not exist in the schema.\n"
    );
}

#[test]
fn the_linter_s_answer_is_worded_as_validate_words_it() {
    // check(...).rejection() (the CLI's `--format aws`) and validate agree.
    for (operation, body) in [
        (
            "SignUp",
            sign_up("ada@example.com", r#"{"Name": "name", "Value": "Ada"}"#),
        ),
        (
            "AdminCreateUser",
            admin_create(
                "ada@example.com",
                r#"{"Name": "custom:role", "Value": "x"}"#,
            ),
        ),
        ("RespondToAuthChallenge", challenge("")),
        ("DeleteUserAttributes", delete(r#""email""#)),
    ] {
        let strict = validate(op(operation), body.as_bytes(), &pool_only()).unwrap_err();
        let linted = check(op(operation), body.as_bytes(), &pool_only())
            .rejection()
            .unwrap();
        assert_eq!(linted.message(), strict.message(), "{operation}");
        assert_eq!(linted.body(), strict.body(), "{operation}");
    }
}

#[test]
fn validation_data_is_not_checked_against_the_schema() {
    let body = r#"{"ClientId": "4l1c3b0bexample0client0id0", "Username": "ada@example.com", "Password": "Corr3ct-Horse",
        "UserAttributes": [{"Name": "email", "Value": "ada@example.com"}],
        "ValidationData": [{"Name": "invite_code", "Value": "X1"}, {"Name": "sub", "Value": ""}]}"#;
    assert_eq!(answer("SignUp", body, &pool()), None);
}

#[test]
fn creating_operations_may_set_immutable_attributes_and_admins_may_set_dev_and_verified() {
    let attrs = format!(
        r#"{EMAIL}, {{"Name": "custom:tenant_id", "Value": "globex"}}, {{"Name": "email_verified", "Value": "true"}}, {{"Name": "dev:custom:risk_score", "Value": "10"}}"#
    );
    let body = admin_create("ada@example.com", &attrs);
    let opts = pool();
    let report = check(op("AdminCreateUser"), body.as_bytes(), &opts);
    assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
    // SignUp is not an admin: dev: is refused, custom:tenant_id is outside
    // the app client's write list.
    let (t, m) = answer("SignUp", &sign_up("ada@example.com", &attrs), &pool()).unwrap();
    assert_eq!(
        (t.as_str(), m.as_str()),
        (
            "NotAuthorizedException",
            "A client attempted to write unauthorized attribute"
        )
    );
}

#[test]
fn username_rules_from_the_pool() {
    // The shipped pool signs in by email (`UsernameAttributes: ["email"]`).
    let body = sign_up("ada", EMAIL);
    assert_eq!(
        refused("SignUp", &body, &pool()),
        "Username should be an email."
    );
    assert_eq!(
        refused("AdminCreateUser", &admin_create("ada", EMAIL), &pool()),
        "Username should be an email."
    );
    let phone = Options::default()
        .with_schema(Schema::default_pool().with_username_attributes(["phone_number"]));
    assert_eq!(
        refused("SignUp", &body, &phone),
        "Username should be a phone number"
    );
    assert_eq!(
        answer("SignUp", &sign_up("+14325551212", EMAIL), &phone),
        None
    );
    let both = Options::default()
        .with_schema(Schema::default_pool().with_username_attributes(["email", "phone_number"]));
    assert_eq!(
        refused("SignUp", &body, &both),
        "Username should be either an email or a phone number."
    );
    assert_eq!(
        answer("SignUp", &sign_up("+14325551212", EMAIL), &both),
        None
    );
    assert_eq!(
        answer("SignUp", &sign_up("ada@example.com", EMAIL), &both),
        None
    );
    // A pool with an email alias (the shipped second pool).
    let alias = Options::default().with_schema(Schema::from_json(ALIAS_POOL).unwrap());
    let named = format!(r#"{EMAIL}, {{"Name": "name", "Value": "Ada"}}"#);
    assert_eq!(
        refused("SignUp", &sign_up("ada@example.com", &named), &alias),
        "Username cannot be of email format, since user pool is configured for email alias."
    );
    assert_eq!(answer("SignUp", &sign_up("ada", &named), &alias), None);
    // Without a pool's sign-in settings, any username.
    assert_eq!(answer("SignUp", &body, &Options::default()), None);
}

#[test]
fn schema_reads_username_and_alias_attributes() {
    let s = Schema::from_json(POOL).unwrap();
    assert_eq!(s.username_attributes(), ["email"]);
    assert!(s.alias_attributes().is_empty());
    let a = Schema::from_json(ALIAS_POOL).unwrap();
    assert_eq!(a.alias_attributes(), ["email", "preferred_username"]);
    assert!(a.attribute("name").unwrap().required);
    // The replayable form keeps the sign-in settings.
    for schema in [s, a] {
        assert_eq!(
            Schema::from_json(schema.to_json().as_bytes()).unwrap(),
            schema
        );
    }
    let open = Schema::default_pool().with_username_attributes(["phone_number"]);
    assert_eq!(
        format!("{open:?}"),
        r#"Schema::default_pool().with_username_attributes(["phone_number"])"#
    );
    let e =
        Schema::from_json(br#"{"UserPool": {"SchemaAttributes": [], "AliasAttributes": "email"}}"#)
            .unwrap_err();
    assert!(
        e.to_string()
            .contains("AliasAttributes: is a string, not an array"),
        "{e}"
    );
    let e =
        Schema::from_json(br#"{"SchemaAttributes": [], "UsernameAttributes": [1]}"#).unwrap_err();
    assert!(
        e.to_string()
            .contains("UsernameAttributes: [0] is a number"),
        "{e}"
    );
}

fn challenge(responses: &str) -> String {
    format!(
        r#"{{"ClientId": "4l1c3b0bexample0client0id0", "ChallengeName": "NEW_PASSWORD_REQUIRED", "Session": "AYABeEXAMPLEsessionEXAMPLEsession", "ChallengeResponses": {{"USERNAME": "ada@example.com", "NEW_PASSWORD": "Corr3ct-Horse"{responses}}}}}"#
    )
}

#[test]
fn new_password_required_names_a_missing_required_attribute() {
    // aws-sdk-js#1290: `Invalid attributes given, name is missing`.
    let alias = Options::default().with_schema(Schema::from_json(ALIAS_POOL).unwrap());
    let body = challenge(r#", "userAttributes.email": "ada@example.com""#);
    assert_eq!(
        refused("RespondToAuthChallenge", &body, &alias),
        "Invalid attributes given, name is missing"
    );
    let both =
        challenge(r#", "userAttributes.email": "ada@example.com", "userAttributes.name": "Ada""#);
    assert_eq!(answer("RespondToAuthChallenge", &both, &alias), None);
    // The shipped pool requires email.
    assert_eq!(
        refused("RespondToAuthChallenge", &challenge(""), &pool_only()),
        "Invalid attributes given, email is missing"
    );
    // Another challenge: ChallengeResponses carries no attributes.
    let other = challenge("").replace("NEW_PASSWORD_REQUIRED", "SMS_MFA");
    assert_eq!(answer("RespondToAuthChallenge", &other, &pool_only()), None);
    // Off (as `serve` runs): the service asks only for what the user lacks,
    // so a missing required attribute is not refused; other rules still are.
    let lenient = pool_only().with_required_in_challenge(false);
    assert_eq!(
        answer("RespondToAuthChallenge", &challenge(""), &lenient),
        None
    );
    // Attribute lines of this voice (the library's wording).
    let unknown =
        challenge(r#", "userAttributes.email": "ada@example.com", "userAttributes.shoe": "42""#);
    assert_eq!(
        refused("RespondToAuthChallenge", &unknown, &pool_only()),
        "userAttributes.shoe: Attribute does not exist in the schema.\n"
    );
    let unknown_only = challenge(r#", "userAttributes.shoe": "42""#);
    assert_eq!(
        refused("RespondToAuthChallenge", &unknown_only, &lenient),
        "userAttributes.shoe: Attribute does not exist in the schema.\n"
    );
}

#[test]
fn only_email_and_phone_number_can_be_verified_lower_case_invalid() {
    // amplify-js#3652; the lower-case `invalid` is as quoted, unconfirmed.
    let text = "invalid attribute name. Only phone_number and email can be verified";
    for operation in ["VerifyUserAttribute", "GetUserAttributeVerificationCode"] {
        let bad =
            r#"{"AccessToken": "eyJ0.eyJ1.c2ln", "AttributeName": "nickname", "Code": "123456"}"#;
        let bad = if operation == "VerifyUserAttribute" {
            bad.to_string()
        } else {
            bad.replace(r#", "Code": "123456""#, "")
        };
        assert_eq!(refused(operation, &bad, &Options::default()), text);
        for ok in ["email", "phone_number"] {
            let good = bad.replace("nickname", ok);
            assert_eq!(answer(operation, &good, &Options::default()), None);
        }
    }
}

fn delete(names: &str) -> String {
    format!(r#"{{"AccessToken": "eyJ0.eyJ1.c2ln", "UserAttributeNames": [{names}]}}"#)
}

fn admin_delete(names: &str) -> String {
    format!(
        r#"{{"UserPoolId": "eu-west-1_Ex4mpLe01", "Username": "ada@example.com", "UserAttributeNames": [{names}]}}"#
    )
}

#[test]
fn deleting_is_checked_as_setting_blank_in_the_library_s_own_wording() {
    // No refused delete has been quoted: these are UpdateUserAttributes's
    // lines for the same attribute set blank.
    let p = pool_only();
    assert_eq!(
        refused("DeleteUserAttributes", &delete(r#""email""#), &p),
        "user.email: Required attribute cannot be deleted.\n".trim_end()
    );
    assert_eq!(
        refused("DeleteUserAttributes", &delete(r#""sub""#), &p),
        "Cannot modify the non-mutable attribute sub"
    );
    assert_eq!(
        refused(
            "AdminDeleteUserAttributes",
            &admin_delete(r#""custom:tenant_id""#),
            &p
        ),
        "user.custom:tenant_id: Attribute cannot be updated.\n"
    );
    assert_eq!(
        refused("DeleteUserAttributes", &delete(r#""shoe", "hat""#), &p),
        "user.shoe: Attribute does not exist in the schema.\nuser.hat: Attribute does not exist in the schema.\n"
    );
    assert_eq!(
        refused("DeleteUserAttributes", &delete(r#""dev:custom:risk_score""#), &p),
        "user.dev:custom:risk_score: Developer-only attributes cannot be updated by the user; use AdminUpdateUserAttributes.\n"
    );
    assert_eq!(
        answer(
            "AdminDeleteUserAttributes",
            &admin_delete(r#""dev:custom:risk_score""#),
            &p
        ),
        None
    );
    assert_eq!(
        answer(
            "DeleteUserAttributes",
            &delete(r#""nickname", "custom:favorite_flavor""#),
            &p
        ),
        None
    );
    // An empty list is accepted (amplify-js#12128).
    assert_eq!(answer("DeleteUserAttributes", &delete(""), &p), None);
}

#[test]
fn admin_update_is_not_bound_by_the_write_list() {
    let body = r#"{"UserPoolId": "eu-west-1_Ex4mpLe01", "Username": "ada@example.com", "UserAttributes": [{"Name": "custom:plan", "Value": "pro"}, {"Name": "email_verified", "Value": "true"}, {"Name": "dev:custom:risk_score", "Value": "10"}]}"#;
    let report = check(op("AdminUpdateUserAttributes"), body.as_bytes(), &pool());
    assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
    // The same through UpdateUserAttributes (the user's own token).
    let user = r#"{"AccessToken": "eyJ0.eyJ1.c2ln", "UserAttributes": [{"Name": "custom:plan", "Value": "pro"}]}"#;
    assert_eq!(
        answer("UpdateUserAttributes", user, &pool())
            .map(|a| a.1)
            .as_deref(),
        Some("A client attempted to write unauthorized attribute")
    );
    let bad = body.replace("\"Value\": \"10\"", "\"Value\": \"101\"");
    assert_eq!(
        refused("AdminUpdateUserAttributes", &bad, &pool()),
        "user.dev:custom:risk_score: Number must be no greater than 100\n"
    );
}

#[test]
fn secrets_stay_out_of_every_answer() {
    let secret = "s3cr3t-V4lue";
    let bodies = [
        (
            "SignUp",
            sign_up(
                secret,
                &format!(r#"{{"Name": "shoe", "Value": "{secret}"}}"#),
            ),
        ),
        (
            "AdminCreateUser",
            admin_create(
                secret,
                &format!(r#"{{"Name": "custom:role", "Value": "{secret}"}}"#),
            ),
        ),
        (
            "RespondToAuthChallenge",
            challenge(&format!(r#", "userAttributes.shoe": "{secret}""#)),
        ),
        (
            "AdminUpdateUserAttributes",
            format!(
                r#"{{"UserPoolId": "eu-west-1_Ex4mpLe01", "Username": "{secret}", "UserAttributes": [{{"Name": "custom:tenant_id", "Value": "{secret}"}}]}}"#
            ),
        ),
    ];
    for (operation, body) in bodies {
        let e = validate(op(operation), body.as_bytes(), &pool()).unwrap_err();
        let shown = format!("{e} {e:?} {}", e.body());
        assert!(!shown.contains(secret), "{operation}: {shown}");
        let report = check(op(operation), body.as_bytes(), &pool());
        assert!(
            !format!("{:?}", report.diagnostics).contains(secret),
            "{operation}"
        );
    }
}

/// Each shipped example under `examples/family-requests/<Operation>/` with
/// the shipped pool: `valid*` files pass, `invalid*` ones get this answer.
#[test]
fn shipped_family_examples() {
    let expected = [
        ("SignUp/invalid-unknown-attributes.json", "Attributes did not conform to the schema: custom:firstName: Attribute does not exist in the schema.\ncustom:dateOfBirth: Attribute does not exist in the schema.\n"),
        ("SignUp/invalid-email-missing.json", "Attributes did not conform to the schema: email: The attribute is required\n"),
        ("SignUp/invalid-username-not-email.json", "Username should be an email."),
        ("AdminCreateUser/invalid-untyped-custom.json", "Attributes did not conform to the schema: Type for attribute {custom:role} could not be determined\n"),
        ("UpdateUserAttributes/invalid-developer-only.json", "user.dev:custom:risk_score: Developer-only attributes cannot be updated by the user; use AdminUpdateUserAttributes.\n"),
        ("AdminUpdateUserAttributes/invalid-immutable.json", "user.custom:tenant_id: Attribute cannot be updated.\n"),
        ("DeleteUserAttributes/invalid-required.json", "user.email: Required attribute cannot be deleted."),
        ("AdminDeleteUserAttributes/invalid-sub.json", "Cannot modify the non-mutable attribute sub"),
        ("VerifyUserAttribute/invalid-nickname.json", "invalid attribute name. Only phone_number and email can be verified"),
        ("GetUserAttributeVerificationCode/invalid-nickname.json", "invalid attribute name. Only phone_number and email can be verified"),
        ("RespondToAuthChallenge/invalid-email-missing.json", "Invalid attributes given, email is missing"),
        ("AdminRespondToAuthChallenge/invalid-email-missing.json", "Invalid attributes given, email is missing"),
    ];
    let mut seen = 0;
    for dir in std::fs::read_dir("examples/family-requests").unwrap() {
        let dir = dir.unwrap().path();
        let operation = dir.file_name().unwrap().to_str().unwrap().to_string();
        let mut valid = 0;
        for file in std::fs::read_dir(&dir).unwrap() {
            let file = file.unwrap().path();
            let name = format!(
                "{operation}/{}",
                file.file_name().unwrap().to_str().unwrap()
            );
            let body = std::fs::read_to_string(&file).unwrap();
            let got = answer(&operation, &body, &pool_only()).map(|a| a.1);
            if name.contains("/valid") {
                assert_eq!(got, None, "{name}");
                valid += 1;
            } else {
                let want = expected
                    .iter()
                    .find(|e| e.0 == name)
                    .unwrap_or_else(|| panic!("{name}"));
                assert_eq!(got.as_deref(), Some(want.1), "{name}");
            }
            seen += 1;
        }
        assert_eq!(valid, 1, "{operation}");
    }
    assert_eq!(seen, expected.len() + 10);
}

/// A phase-one-valid request of `operation` with this attribute name (and a
/// value the default pool accepts for it).
fn request_with(operation: &str, name: &str, value: &str) -> String {
    let attrs = format!(r#"{{"Name": {}, "Value": {}}}"#, lit(name), lit(value));
    match operation {
        "UpdateUserAttributes" => {
            format!(r#"{{"AccessToken": "eyJ0.eyJ1.c2ln", "UserAttributes": [{attrs}]}}"#)
        }
        "AdminUpdateUserAttributes" => format!(
            r#"{{"UserPoolId": "eu-west-1_abc", "Username": "ada", "UserAttributes": [{attrs}]}}"#
        ),
        "SignUp" => sign_up("ada", &attrs),
        "AdminCreateUser" => admin_create("ada", &attrs),
        "DeleteUserAttributes" => delete(&lit(name)),
        "AdminDeleteUserAttributes" => admin_delete(&lit(name)),
        "VerifyUserAttribute" => format!(
            r#"{{"AccessToken": "eyJ0.eyJ1.c2ln", "AttributeName": {}, "Code": "1"}}"#,
            lit(name)
        ),
        "GetUserAttributeVerificationCode" => format!(
            r#"{{"AccessToken": "eyJ0.eyJ1.c2ln", "AttributeName": {}}}"#,
            lit(name)
        ),
        "RespondToAuthChallenge" => challenge(&format!(
            ", {}: {}",
            lit(&format!("userAttributes.{name}")),
            lit(value)
        )),
        "AdminRespondToAuthChallenge" => challenge(&format!(
            ", {}: {}",
            lit(&format!("userAttributes.{name}")),
            lit(value)
        ))
        .replacen('{', r#"{"UserPoolId": "eu-west-1_abc", "#, 1),
        other => panic!("{other}"),
    }
}

fn lit(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

const FAMILY: [&str; 10] = [
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

/// A name and value every operation of the family takes under the default
/// pool (the verifying ones take only these two names).
fn valid_attribute() -> impl Strategy<Value = (&'static str, String)> {
    prop_oneof![
        "[a-z0-9.]{1,20}@[a-z0-9]{1,20}\\.[a-z]{2,5}".prop_map(|v| ("email", v)),
        "\\+[0-9]{1,15}".prop_map(|v| ("phone_number", v)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn the_default_profile_never_refuses_a_valid_request(
        operation in prop::sample::select(FAMILY.to_vec()),
        (name, value) in valid_attribute(),
    ) {
        let body = request_with(operation, name, &value);
        prop_assert_eq!(answer(operation, &body, &Options::default()), None, "{}", body);
    }

    #[test]
    fn the_default_profile_always_refuses_an_unknown_name(
        operation in prop::sample::select(FAMILY.to_vec()),
        base in "[a-z][a-z_]{0,15}",
    ) {
        // A name without `custom:` that is not standard.
        prop_assume!(!cognito_validate::pool::is_standard(&base));
        let body = request_with(operation, &base, "x");
        let report = check(op(operation), body.as_bytes(), &Options::default());
        let rule = if operation.contains("Verif") { Rule::AttributeNotVerifiable } else { Rule::AttributeNotInSchema };
        prop_assert!(report.diagnostics.iter().any(|d| d.rule == rule), "{} {:?}", body, report.diagnostics);
        prop_assert!(answer(operation, &body, &Options::default()).is_some());
    }
}

#[cfg(feature = "proptest")]
mod strategies {
    use super::*;
    use cognito_validate::strategies::{family_breaking, family_request_json, FAMILY_OPERATIONS};

    /// The rules of each family operation's [`family_breaking`], all
    /// generated; and every operation has some.
    #[test]
    fn every_family_operation_has_valid_and_breaking_strategies() {
        let mut total = 0;
        for operation in FAMILY_OPERATIONS {
            assert!(family_request_json(operation).is_some(), "{operation}");
            let rules: Vec<Rule> = Rule::ALL
                .iter()
                .copied()
                .filter(|&r| family_breaking(operation, r).is_some())
                .collect();
            assert!(!rules.is_empty(), "{operation}");
            total += rules.len();
        }
        // A001/A002 for 8, A003/A005 for 5 (the updating and deleting ones,
        // UpdateUserAttributes included), A004 for 4, A006/A007 for 6,
        // A014/A015 for 4, A016 for 4, A017 for 2, A018 for 2.
        assert_eq!(total, 16 + 8 + 4 + 12 + 8 + 4 + 2 + 2);
        assert!(family_request_json("ListUsers").is_none());
        // The library's list is the family these tests name.
        assert_eq!(FAMILY_OPERATIONS, FAMILY);
        assert!(family_breaking("ListUsers", Rule::AttributeNotInSchema).is_none());
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

        #[test]
        fn valid_family_requests_pass(
            (operation, body) in prop::sample::select(FAMILY_OPERATIONS.to_vec())
                .prop_flat_map(|o| (Just(o), family_request_json(o).unwrap()))
        ) {
            let report = check(op(operation), body.as_bytes(), &Options::default());
            prop_assert!(report.diagnostics.is_empty(), "{} {}: {:?}", operation, body, report.diagnostics);
        }

        #[test]
        fn broken_family_requests_break_exactly_their_rule(
            (operation, rule, broken) in prop::sample::select(
                FAMILY_OPERATIONS
                    .iter()
                    .flat_map(|&o| Rule::ALL.iter().map(move |&r| (o, r)))
                    .filter(|&(o, r)| family_breaking(o, r).is_some())
                    .collect::<Vec<_>>(),
            )
            .prop_flat_map(|(o, r)| (Just(o), Just(r), family_breaking(o, r).unwrap()))
        ) {
            let report = check(op(operation), &broken.bytes, &broken.options);
            let mut got: Vec<Rule> = report.diagnostics.iter().map(|d| d.rule).collect();
            got.sort();
            got.dedup();
            prop_assert_eq!(&got, &broken.expected, "{} {:?}", operation, broken);
            prop_assert_eq!(&broken.expected, &vec![rule]);
        }
    }

    /// JSON whose keys and strings are those the family's rules read, nested at
    /// random: the rules run on whatever passes phase one.
    fn family_json() -> impl Strategy<Value = serde_json::Value> {
        use serde_json::Value;
        let word = prop_oneof![
            Just("NEW_PASSWORD_REQUIRED".to_string()),
            Just("userAttributes.email".to_string()),
            Just("userAttributes.sub".to_string()),
            Just("email".to_string()),
            Just("sub".to_string()),
            Just("dev:custom:risk_score".to_string()),
            Just("custom:tenant_id".to_string()),
            Just("ada@example.com".to_string()),
            Just("+14325551212".to_string()),
            Just("eu-west-1_Ex4mpLe01".to_string()),
            Just(String::new()),
            ".{0,8}",
        ];
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i32>().prop_map(Value::from),
            word.clone().prop_map(Value::String),
        ];
        let key = prop_oneof![
            Just("UserAttributes".to_string()),
            Just("UserAttributeNames".to_string()),
            Just("AttributeName".to_string()),
            Just("ChallengeName".to_string()),
            Just("ChallengeResponses".to_string()),
            Just("Username".to_string()),
            Just("UserPoolId".to_string()),
            Just("ClientId".to_string()),
            Just("AccessToken".to_string()),
            Just("Name".to_string()),
            Just("Value".to_string()),
            word,
        ];
        leaf.prop_recursive(4, 40, 6, move |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
                prop::collection::vec((key.clone(), inner), 0..6)
                    .prop_map(|kv| Value::Object(kv.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

        /// Any such body of any family operation gets a verdict, the same from
        /// both entry points, never a panic.
        #[test]
        fn family_rules_never_panic_and_both_entry_points_agree(
            (operation, valid) in prop::sample::select(FAMILY.to_vec()).prop_flat_map(|o| {
                (Just(o), family_request_json(o).unwrap())
            }),
            json in family_json(),
            member in prop::sample::select(vec![
                "UserAttributes", "UserAttributeNames", "AttributeName", "ChallengeResponses",
                "ChallengeName", "Username", "ValidationData",
            ]),
            nested in any::<bool>(),
            with_pool in any::<bool>(),
        ) {
            // A valid body with one member replaced (or, nested, one list item
            // or map entry added) by the random value.
            let mut doc: serde_json::Value = serde_json::from_str(&valid).unwrap();
            match (&mut doc[member], nested) {
                (serde_json::Value::Array(items), true) => items.push(json),
                (serde_json::Value::Object(map), true) => {
                    map.insert("userAttributes.name".into(), json);
                }
                (slot, _) => *slot = json,
            }
            let body = serde_json::to_vec(&doc).unwrap();
            let opts = if with_pool { pool() } else { Options::default() };
            let strict = validate(op(operation), &body, &opts);
            let report = check(op(operation), &body, &opts);
            prop_assert_eq!(strict.is_err(), report.is_rejected(), "{}", String::from_utf8_lossy(&body));
            if let Err(e) = strict {
                prop_assert!(!e.message().is_empty());
                for d in e.diagnostics() {
                    if let Some(s) = d.span {
                        prop_assert!(s.start <= s.end && s.end <= body.len());
                    }
                }
            }
        }
    }
}
