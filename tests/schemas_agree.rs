//! The JSON Schemas under `schemas/` say what `cognito_validate::shape` says.
//!
//! Every length and pattern in the schema files is compared with the constant
//! it copies, so that a limit cannot change in one place only; then each
//! schema is compiled with the `jsonschema` crate and run on hand-written
//! instances (reference sections 2 and 3).

use cognito_validate::shape::{
    Pattern, StringShape, ACCESS_TOKEN, ATTRIBUTE_NAME_CURRENT, ATTRIBUTE_NAME_LEGACY,
    ATTRIBUTE_VALUE, CLIENT_METADATA_STRING,
};
use jsonschema::Validator;
use serde_json::{json, Value};

const LEGACY_FILE: &str = "update-user-attributes-request.legacy.schema.json";
const CURRENT_FILE: &str = "update-user-attributes-request.current.schema.json";
const RESPONSE_FILE: &str = "update-user-attributes-response.schema.json";
const FILES: [&str; 3] = [LEGACY_FILE, CURRENT_FILE, RESPONSE_FILE];

const DRAFT_2020_12: &str = "https://json-schema.org/draft/2020-12/schema";

fn load(file: &str) -> Value {
    let path = format!("{}/schemas/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The member at a JSON Pointer, which must exist.
fn at<'a>(doc: &'a Value, pointer: &str) -> &'a Value {
    doc.pointer(pointer)
        .unwrap_or_else(|| panic!("no {pointer} in the schema"))
}

/// A keyword's number as `usize`, or `None` when the keyword is absent.
fn number(schema: &Value, keyword: &str) -> Option<usize> {
    schema.get(keyword).map(|v| {
        let n = v
            .as_u64()
            .unwrap_or_else(|| panic!("{keyword} is not a whole number: {v}"));
        usize::try_from(n).expect("fits in usize")
    })
}

fn pattern(schema: &Value) -> Option<&str> {
    schema
        .get("pattern")
        .map(|v| v.as_str().expect("pattern is a string"))
}

/// A string subschema's limits are exactly the shape's. `minLength` may be left
/// out when the shape's least length is 0 (the keyword's default).
fn assert_lengths(schema: &Value, shape: &StringShape, what: &str) {
    assert_eq!(
        number(schema, "minLength").unwrap_or(0),
        shape.min_length,
        "{what} minLength"
    );
    assert_eq!(
        number(schema, "maxLength"),
        shape.max_length,
        "{what} maxLength"
    );
}

fn anchored(p: Pattern) -> String {
    format!("^{}$", p.as_str())
}

/// The token pattern as the schemas write it: the literal hyphen escaped, so
/// that the ECMAScript `v` flag reads the class the same way.
fn token_pattern_for_schemas() -> String {
    let s = Pattern::Token.as_str();
    assert!(s.contains("0-9-"), "the token pattern changed: {s}");
    anchored(Pattern::Token).replacen("0-9-", r"0-9\-", 1)
}

fn name_shape(file: &str) -> &'static StringShape {
    if file == LEGACY_FILE {
        &ATTRIBUTE_NAME_LEGACY
    } else {
        &ATTRIBUTE_NAME_CURRENT
    }
}

#[test]
fn request_schemas_copy_the_shapes() {
    for file in [LEGACY_FILE, CURRENT_FILE] {
        let doc = load(file);
        assert_eq!(at(&doc, "/type"), "object", "{file}");
        let mut required: Vec<&str> = at(&doc, "/required")
            .as_array()
            .expect("required is a list")
            .iter()
            .map(|v| v.as_str().expect("names"))
            .collect();
        required.sort_unstable();
        assert_eq!(required, ["AccessToken", "UserAttributes"], "{file}");

        let token = at(&doc, "/properties/AccessToken");
        assert_eq!(token["type"], "string", "{file}");
        assert_lengths(token, &ACCESS_TOKEN, file);
        assert_eq!(
            pattern(token),
            Some(token_pattern_for_schemas().as_str()),
            "{file}"
        );

        let list = at(&doc, "/properties/UserAttributes");
        assert_eq!(list["type"], "array", "{file}");
        assert!(list.get("minItems").is_none() && list.get("maxItems").is_none());
        let item = &list["items"];
        assert_eq!(item["type"], "object", "{file}");
        assert_eq!(item["required"], json!(["Name"]), "{file}");

        let shape = name_shape(file);
        let name = &item["properties"]["Name"];
        assert_eq!(name["type"], "string", "{file}");
        assert_lengths(name, shape, file);
        let p = shape.pattern.expect("names have a pattern");
        assert_eq!(pattern(name), Some(anchored(p).as_str()), "{file}");

        let value = &item["properties"]["Value"];
        assert_eq!(value["type"], json!(["string", "null"]), "{file}");
        assert_lengths(value, &ATTRIBUTE_VALUE, file);
        assert_eq!(pattern(value), None, "{file}: Value has no pattern");

        let meta = at(&doc, "/properties/ClientMetadata");
        assert_eq!(meta["type"], json!(["object", "null"]), "{file}");
        assert_lengths(&meta["propertyNames"], &CLIENT_METADATA_STRING, file);
        let values = &meta["additionalProperties"];
        assert_eq!(values["type"], "string", "{file}");
        assert_lengths(values, &CLIENT_METADATA_STRING, file);

        // AWS ignores unknown members: nothing may forbid them.
        for (pointer, obj) in [("", &doc), ("/UserAttributes/items", item)] {
            assert!(
                obj.get("additionalProperties").is_none()
                    && obj.get("unevaluatedProperties").is_none(),
                "{file}{pointer} forbids unknown members"
            );
        }
    }
}

#[test]
fn response_schema_copies_the_shapes() {
    let doc = load(RESPONSE_FILE);
    assert_eq!(at(&doc, "/type"), "object");
    assert!(doc.get("required").is_none());
    let item = at(&doc, "/properties/CodeDeliveryDetailsList/items");
    assert_eq!(
        at(&doc, "/properties/CodeDeliveryDetailsList/type"),
        "array"
    );
    assert!(item.get("required").is_none(), "no member is required");
    let props = &item["properties"];
    assert_lengths(
        &props["Destination"],
        &CLIENT_METADATA_STRING,
        "Destination",
    );
    assert_eq!(props["DeliveryMedium"]["enum"], json!(["SMS", "EMAIL"]));
    let name = &props["AttributeName"];
    assert_lengths(name, &ATTRIBUTE_NAME_CURRENT, "AttributeName");
    assert_eq!(
        pattern(name),
        Some(anchored(Pattern::CurrentName).as_str()),
        "the response uses the current name pattern"
    );
}

#[test]
fn every_file_declares_draft_2020_12_and_its_id() {
    for file in FILES {
        let doc = load(file);
        assert_eq!(doc["$schema"], DRAFT_2020_12, "{file}");
        assert_eq!(
            doc["$id"],
            format!("https://cognito-validate.dev/schemas/{file}"),
            "{file}"
        );
        if let Err(e) = jsonschema::meta::validate(&doc) {
            panic!("{file} is not a valid 2020-12 schema: {e}");
        }
    }
}

#[test]
fn descriptions_say_what_a_schema_cannot() {
    for file in [LEGACY_FILE, CURRENT_FILE] {
        let doc = load(file);
        let d = doc["description"].as_str().expect("a description");
        for needle in [
            "sensitive",
            "custom:",
            "user pool's schema",
            "code points",
            "UTF-16",
            "'u'",
            "'v' flag",
            r"'\-'",
            "Unknown members are ignored",
            "null",
        ] {
            assert!(d.contains(needle), "{file}: description lacks {needle:?}");
        }
    }
    let doc = load(RESPONSE_FILE);
    let d = doc["description"].as_str().expect("a description");
    for needle in ["current", "code points", "UTF-16", "'u'"] {
        assert!(d.contains(needle), "response description lacks {needle:?}");
    }
}

fn compile(file: &str) -> Validator {
    let doc = load(file);
    jsonschema::draft202012::new(&doc).unwrap_or_else(|e| panic!("{file} does not compile: {e}"))
}

fn request(name: &str) -> Value {
    json!({
        "AccessToken": "eyJraWQiOiJhYmMifQ.eyJzdWIiOiIxMjMifQ.c2ln-_=",
        "UserAttributes": [{ "Name": name, "Value": "x" }],
    })
}

/// Instance paths of the errors, to check that the right member failed.
fn error_paths(v: &Validator, instance: &Value) -> Vec<String> {
    v.iter_errors(instance)
        .map(|e| e.instance_path().to_string())
        .collect()
}

#[test]
fn request_schemas_judge_instances() {
    let legacy = compile(LEGACY_FILE);
    let current = compile(CURRENT_FILE);
    let name_path = "/UserAttributes/0/Name";
    for (file, v) in [(LEGACY_FILE, &legacy), (CURRENT_FILE, &current)] {
        let valid = json!({
            "AccessToken": "abc.DEF-_=.123",
            "UserAttributes": [
                { "Name": "email", "Value": "a@example.com" },
                { "Name": "custom:favourite", "Value": "" },
                { "Name": "nickname" },
                { "Name": "given_name", "Value": null, "Unknown": 1 },
            ],
            "ClientMetadata": { "k": "v", "": "" },
            "SomethingNew": true,
        });
        assert!(v.is_valid(&valid), "{file}: {:?}", error_paths(v, &valid));
        assert!(
            v.is_valid(&json!({"AccessToken": "a", "UserAttributes": [], "ClientMetadata": null}))
        );

        // Lengths count code points: 32 thumbs are 64 UTF-16 units and 128 bytes.
        assert!(v.is_valid(&request(&"a".repeat(32))), "{file}");
        assert_eq!(
            error_paths(v, &request(&"a".repeat(33))),
            [name_path],
            "{file}"
        );
        assert!(v.is_valid(&request(&"👍".repeat(32))), "{file}: 👍×32");
        assert_eq!(
            error_paths(v, &request(&"👍".repeat(33))),
            [name_path],
            "{file}"
        );
        assert!(v.is_valid(&request("é\u{301}")), "{file}");
        // An empty name breaks both minLength and pattern.
        assert_eq!(
            error_paths(v, &request("")),
            [name_path, name_path],
            "{file}"
        );
        // NBSP and ZWSP are refused by both patterns.
        assert!(!v.is_valid(&request("a\u{A0}b")), "{file}");
        assert!(!v.is_valid(&request("a\u{200B}b")), "{file}");

        let mut long_value = request("name");
        long_value["UserAttributes"][0]["Value"] = json!("v".repeat(2049));
        assert_eq!(
            error_paths(v, &long_value),
            ["/UserAttributes/0/Value"],
            "{file}"
        );
        long_value["UserAttributes"][0]["Value"] = json!("👍".repeat(2048));
        assert!(v.is_valid(&long_value), "{file}: 2048 code points");

        let mut plus = request("name");
        plus["AccessToken"] = json!("abc+def");
        assert_eq!(error_paths(v, &plus), ["/AccessToken"], "{file}");
        plus["AccessToken"] = json!("abc def");
        assert_eq!(error_paths(v, &plus), ["/AccessToken"], "{file}");
        plus["AccessToken"] = json!("");
        assert_eq!(error_paths(v, &plus), ["/AccessToken"], "{file}");

        let mut missing = request("name");
        missing
            .as_object_mut()
            .expect("object")
            .remove("AccessToken");
        assert!(!v.is_valid(&missing), "{file}: AccessToken missing");
        missing["AccessToken"] = Value::Null;
        assert_eq!(error_paths(v, &missing), ["/AccessToken"], "{file}");
        let mut no_list = request("name");
        no_list["UserAttributes"] = Value::Null;
        assert_eq!(error_paths(v, &no_list), ["/UserAttributes"], "{file}");
        let mut null_name = request("name");
        null_name["UserAttributes"][0]["Name"] = Value::Null;
        assert_eq!(error_paths(v, &null_name), [name_path], "{file}");

        let mut meta = request("name");
        meta["ClientMetadata"] = json!({ "k": "x".repeat(131_073) });
        assert_eq!(error_paths(v, &meta), ["/ClientMetadata/k"], "{file}");
        meta["ClientMetadata"] = json!({ "x".repeat(131_073): "v" });
        assert!(!v.is_valid(&meta), "{file}: key too long");
        meta["ClientMetadata"] = json!({ "k": 1 });
        assert!(!v.is_valid(&meta), "{file}: non-string value");
    }

    // The patterns part ways on white space only.
    for name in ["given name", "a\tb", "a\nb", "a\r\nb", " "] {
        assert_eq!(
            error_paths(&legacy, &request(name)),
            [name_path],
            "{name:?}"
        );
        assert!(current.is_valid(&request(name)), "current refused {name:?}");
    }
    // A trailing newline is not excused by `$` (no multi-line mode).
    assert!(!legacy.is_valid(&request("abc\n")));
}

#[test]
fn response_schema_judges_instances() {
    let v = compile(RESPONSE_FILE);
    assert!(v.is_valid(&json!({})));
    assert!(v.is_valid(&json!({ "CodeDeliveryDetailsList": [] })));
    let ok = json!({ "CodeDeliveryDetailsList": [
        { "Destination": "a***@e***", "DeliveryMedium": "EMAIL", "AttributeName": "email" },
        { "DeliveryMedium": "SMS", "AttributeName": "phone number" },
        {},
    ]});
    assert!(v.is_valid(&ok), "{:?}", error_paths(&v, &ok));
    for bad in [
        json!({ "CodeDeliveryDetailsList": [{ "DeliveryMedium": "VOICE" }] }),
        json!({ "CodeDeliveryDetailsList": [{ "AttributeName": "" }] }),
        json!({ "CodeDeliveryDetailsList": [{ "AttributeName": "a".repeat(33) }] }),
        json!({ "CodeDeliveryDetailsList": [{ "AttributeName": "a\u{A0}" }] }),
        json!({ "CodeDeliveryDetailsList": [{ "Destination": 5 }] }),
    ] {
        assert!(!v.is_valid(&bad), "{bad}");
    }
}

/// The schemas' patterns, run by `jsonschema` (ECMAScript syntax translated to
/// a Rust engine), agree with `Pattern::is_match` on every scalar value of the
/// Basic Multilingual Plane and a stride through the rest.
#[test]
fn schema_patterns_agree_with_is_match() {
    let legacy = load(LEGACY_FILE);
    let current = load(CURRENT_FILE);
    let cases = [
        (
            Pattern::LegacyName,
            at(
                &legacy,
                "/properties/UserAttributes/items/properties/Name/pattern",
            ),
        ),
        (
            Pattern::CurrentName,
            at(
                &current,
                "/properties/UserAttributes/items/properties/Name/pattern",
            ),
        ),
        (
            Pattern::Token,
            at(&legacy, "/properties/AccessToken/pattern"),
        ),
    ];
    for (p, text) in cases {
        let v = jsonschema::draft202012::new(&json!({ "pattern": text }))
            .unwrap_or_else(|e| panic!("{p:?}: {e}"));
        let mut checked = 0usize;
        let mut accepted = 0usize;
        let scalars = (0..0x1_0000u32).chain((0x1_0000..=0x10_FFFF).step_by(61));
        for c in scalars.filter_map(char::from_u32) {
            let mut buf = [0u8; 4];
            let s = c.encode_utf8(&mut buf);
            let ours = p.is_match(s);
            assert_eq!(
                v.is_valid(&Value::String(s.to_owned())),
                ours,
                "{p:?} on U+{:04X}",
                u32::from(c)
            );
            checked += 1;
            accepted += usize::from(ours);
        }
        assert!(checked > 80_000, "{checked}");
        assert!(accepted > 0, "{p:?} accepted nothing");
    }
}
