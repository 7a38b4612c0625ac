//! The generated per-operation JSON Schemas (`schemas/operations/`) are valid
//! draft 2020-12 documents, compile with the `jsonschema` crate, accept a
//! minimal valid request of several operations and reject requests that break
//! one constraint of each kind (length, pattern, enum, range, required, type,
//! map key, list item).

use std::path::PathBuf;

use cognito_validate::model;
use serde_json::{json, Value};

fn path(op: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("schemas/operations")
        .join(format!("{op}.schema.json"))
}

fn load(op: &str) -> Value {
    let text = std::fs::read_to_string(path(op)).unwrap_or_else(|e| panic!("{op}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{op}: {e}"))
}

/// The operations that reach an attribute name: reference section 1's table.
const WITH_NAMES: [&str; 11] = [
    "AdminCreateUser",
    "AdminDeleteUserAttributes",
    "AdminSetUserSettings",
    "AdminUpdateUserAttributes",
    "DeleteUserAttributes",
    "GetUserAttributeVerificationCode",
    "ListUsers",
    "SetUserSettings",
    "SignUp",
    "UpdateUserAttributes",
    "VerifyUserAttribute",
];

fn validator(op: &str) -> jsonschema::Validator {
    jsonschema::draft202012::new(&load(op)).unwrap_or_else(|e| panic!("{op}: {e}"))
}

#[test]
fn one_valid_schema_per_operation() {
    for op in model::operations() {
        let doc = load(op.name);
        assert_eq!(
            doc["$schema"],
            "https://json-schema.org/draft/2020-12/schema"
        );
        assert_eq!(
            doc["$id"],
            format!(
                "https://cognito-validate.dev/schemas/operations/{}.schema.json",
                op.name
            )
        );
        if let Err(e) = jsonschema::meta::validate(&doc) {
            panic!("{} is not a valid 2020-12 schema: {e}", op.name);
        }
        // Compiles (every pattern included).
        validator(op.name);
    }
    let mut current: Vec<String> = std::fs::read_dir(path("x").parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter_map(|f| f.strip_suffix(".current.schema.json").map(str::to_owned))
        .collect();
    current.sort();
    assert_eq!(current, WITH_NAMES);
    for op in WITH_NAMES {
        let name = format!("{op}.current");
        let doc = load(&name);
        assert_eq!(
            doc["$id"],
            format!("https://cognito-validate.dev/schemas/operations/{name}.schema.json")
        );
        jsonschema::meta::validate(&doc).unwrap_or_else(|e| panic!("{name}: {e}"));
        validator(&name);
    }
    let files = std::fs::read_dir(path("x").parent().unwrap())
        .unwrap()
        .count();
    assert_eq!(files, model::operations().len() + WITH_NAMES.len());
}

#[test]
fn the_current_variant_admits_white_space_in_names_only() {
    let body = json!({"AccessToken": TOKEN,
                      "UserAttributes": [{"Name": "given name", "Value": "Ada"}]});
    assert!(!validator("UpdateUserAttributes").is_valid(&body));
    assert!(validator("UpdateUserAttributes.current").is_valid(&body));
    // The username keeps the legacy pattern in both.
    let sign_up = json!({"ClientId": "abc123", "Username": "a b"});
    assert!(!validator("SignUp.current").is_valid(&sign_up));
    let list = json!({"UserPoolId": POOL, "AttributesToGet": ["given\tname"]});
    assert!(validator("ListUsers.current").is_valid(&list));
    assert!(!validator("ListUsers").is_valid(&list));
}

const POOL: &str = "eu-west-1_AbC123";
const TOKEN: &str = "eyJ0.eyJ1.c2ln";

/// A minimal valid request per operation, and requests that each break one
/// constraint.
fn cases() -> Vec<(&'static str, Value, Vec<Value>)> {
    vec![
        (
            "ListGroups",
            json!({"UserPoolId": POOL}),
            vec![
                json!({"UserPoolId": " ap-northeast-1_xxx"}),
                json!({"UserPoolId": POOL, "Limit": 61}),
                json!({}),
            ],
        ),
        (
            "ListUsers",
            json!({"UserPoolId": POOL, "Limit": 60, "AttributesToGet": ["email"], "Filter": null}),
            vec![
                json!({"UserPoolId": POOL, "Limit": 100}),
                json!({"UserPoolId": POOL, "Limit": -1}),
                json!({"UserPoolId": POOL, "Limit": "10"}),
                json!({"UserPoolId": POOL, "Filter": "x".repeat(257)}),
                json!({"UserPoolId": POOL, "AttributesToGet": [""]}),
                json!({"UserPoolId": POOL, "AttributesToGet": ["bad name"]}),
            ],
        ),
        (
            "SignUp",
            json!({"ClientId": "abc123", "Username": "ada", "Password": "pass word",
                   "UserAttributes": [{"Name": "email", "Value": "a@example.com"}],
                   "ClientMetadata": {"k": "v"}}),
            vec![
                json!({"ClientId": "abc123", "Username": "ada", "Password": ""}),
                json!({"ClientId": "abc123", "Username": "ada", "Password": " secret1"}),
                json!({"ClientId": "abc123", "Username": "ada", "Password": "secret "}),
                json!({"ClientId": "abc-123", "Username": "ada"}),
                json!({"ClientId": "abc123", "Username": "a d a"}),
                json!({"ClientId": "abc123"}),
                json!({"ClientId": "abc123", "Username": "ada", "UserAttributes": [{"Value": "x"}]}),
                json!({"ClientId": "abc123", "Username": "ada", "ClientMetadata": {"k": 1}}),
            ],
        ),
        (
            "AdminCreateUser",
            json!({"UserPoolId": POOL, "Username": "ada", "MessageAction": "SUPPRESS",
                   "DesiredDeliveryMediums": ["EMAIL", "SMS"], "ForceAliasCreation": true}),
            vec![
                json!({"UserPoolId": POOL, "Username": "ada", "MessageAction": "suppress"}),
                json!({"UserPoolId": POOL, "Username": "ada", "DesiredDeliveryMediums": ["FAX"]}),
                json!({"UserPoolId": POOL, "Username": "ada", "ForceAliasCreation": "true"}),
                json!({"UserPoolId": POOL, "Username": "ada", "TemporaryPassword": "short"}),
            ],
        ),
        (
            "InitiateAuth",
            json!({"AuthFlow": "USER_PASSWORD_AUTH", "ClientId": "abc123",
                   "AuthParameters": {"USERNAME": "ada", "PASSWORD": "secret1"}}),
            vec![
                json!({"AuthFlow": "USER_PASSWORD_AUTH", "ClientId": ""}),
                json!({"AuthFlow": "PASSWORD", "ClientId": "abc123"}),
                json!({"ClientId": "abc123"}),
                json!({"AuthFlow": "USER_PASSWORD_AUTH", "ClientId": "abc123", "AuthParameters": []}),
            ],
        ),
        (
            "UpdateUserAttributes",
            json!({"AccessToken": TOKEN, "UserAttributes": [{"Name": "custom:favourite_café", "Value": "Ærøskøbing-東京"}]}),
            vec![
                json!({"AccessToken": "a b", "UserAttributes": []}),
                json!({"AccessToken": TOKEN, "UserAttributes": [{"Name": "x".repeat(33)}]}),
                json!({"AccessToken": TOKEN}),
            ],
        ),
        (
            "DeleteUserAttributes",
            json!({"AccessToken": TOKEN, "UserAttributeNames": ["custom:a", "email"]}),
            vec![
                json!({"AccessToken": TOKEN, "UserAttributeNames": [""]}),
                json!({"AccessToken": TOKEN, "UserAttributeNames": "email"}),
            ],
        ),
        (
            "CreateUserPool",
            json!({"PoolName": "pool", "MfaConfiguration": "OPTIONAL",
                   "Schema": [{"Name": "favourite", "AttributeDataType": "String"}]}),
            vec![
                json!({"PoolName": "pool", "MfaConfiguration": "REQUIRED"}),
                json!({"PoolName": "pool", "Schema": [{"Name": "phone_number_verified"}]}),
                json!({"PoolName": ""}),
            ],
        ),
        (
            "CreateUserPoolClient",
            json!({"UserPoolId": POOL, "ClientName": "web",
                   "ExplicitAuthFlows": ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
                   "AccessTokenValidity": 60}),
            vec![
                json!({"UserPoolId": POOL, "ClientName": "web", "ExplicitAuthFlows": ["ADMIN_USER_PASSWORD_AUTH"]}),
                json!({"UserPoolId": POOL, "ClientName": "web", "AccessTokenValidity": 0}),
                json!({"UserPoolId": POOL, "ClientName": "web", "AccessTokenValidity": 86401}),
            ],
        ),
        (
            "AdminAddUserToGroup",
            json!({"UserPoolId": POOL, "Username": "ada", "GroupName": "admins"}),
            vec![json!({"UserPoolId": POOL, "Username": "", "GroupName": "admins"})],
        ),
    ]
}

#[test]
fn schemas_accept_valid_requests_and_reject_one_broken_constraint() {
    for (op, valid, invalid) in cases() {
        let v = validator(op);
        let errors: Vec<String> = v.iter_errors(&valid).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{op} {valid}: {errors:?}");
        for bad in invalid {
            assert!(!v.is_valid(&bad), "{op} accepts {bad}");
        }
    }
}

#[test]
fn unknown_members_are_allowed_and_null_is_missing() {
    let v = validator("ListUsers");
    assert!(v.is_valid(&json!({"UserPoolId": POOL, "Unknown": [1, 2], "Limit": null})));
    assert!(!v.is_valid(&json!({"UserPoolId": null})));
}
