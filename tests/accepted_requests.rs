//! The strategies for requests a pool accepts (issue 14.15): every request
//! they make passes both phases with one or more attributes, and together
//! they reach every attribute a request may set.
#![cfg(feature = "proptest")]

use std::cell::RefCell;
use std::collections::BTreeSet;

use cognito_validate::pool::Schema;
use cognito_validate::strategies::{accepted_request, accepted_request_json};
use cognito_validate::{check_json, NamePattern, Options, UpdateUserAttributesRequest};
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestRng, TestRunner};

/// 1,000 cases, a fixed seed (a failure is reproduced by rerunning).
fn runner() -> TestRunner {
    let config = Config {
        cases: 1000,
        failure_persistence: None,
        ..Config::default()
    };
    TestRunner::new_with_rng(config, TestRng::deterministic_rng(RngAlgorithm::ChaCha))
}

/// Runs 1,000 bodies through `check_json` under `options`: no finding at all,
/// at least one attribute. Returns the names set.
fn all_accepted(schema: &Schema, options: &Options) -> BTreeSet<String> {
    let seen = RefCell::new(BTreeSet::new());
    let strategy = accepted_request_json(schema).expect("requests exist");
    runner()
        .run(&strategy, |body| {
            let report = check_json(body.as_bytes(), options);
            if !report.diagnostics.is_empty() {
                return Err(TestCaseError::fail(format!(
                    "{:?} under {:?}",
                    report.diagnostics, options.schema
                )));
            }
            let request = report.request.expect("no error, so a request");
            if request.user_attributes.is_empty() {
                return Err(TestCaseError::fail("no attribute"));
            }
            let mut seen = seen.borrow_mut();
            for a in &request.user_attributes {
                seen.insert(a.name.to_string());
            }
            Ok(())
        })
        .unwrap();
    seen.into_inner()
}

#[test]
fn the_default_pool_accepts_every_request_under_the_default_options() {
    let seen = all_accepted(&Schema::default_pool(), &Options::default());
    // Every standard attribute a user may set, and custom ones.
    let unsettable = ["sub", "email_verified", "phone_number_verified"];
    for a in Schema::default_pool().attributes() {
        let set = seen.contains(&a.name);
        assert_eq!(
            set,
            !unsettable.contains(&a.name.as_str()),
            "{}: {seen:?}",
            a.name
        );
    }
    assert!(seen.iter().any(|n| n.starts_with("custom:")));
}

#[test]
fn the_shipped_pool_and_client_accept_every_request() {
    let schema = Schema::from_json(include_bytes!("../examples/pool/describe-user-pool.json"))
        .and_then(|s| {
            s.with_write_attributes_json(include_bytes!(
                "../examples/pool/describe-user-pool-client.json"
            ))
        })
        .unwrap();
    for pattern in [NamePattern::Legacy, NamePattern::Current] {
        let options = Options::default()
            .with_name_pattern(pattern)
            .with_schema(schema.clone());
        let seen = all_accepted(&schema, &options);
        // Every attribute the client may write and the pool lets change:
        // custom Number, Boolean and DateTime ones included.
        let writable: BTreeSet<String> = schema
            .attributes()
            .iter()
            .filter(|a| {
                a.mutable
                    && !a.developer_only
                    && schema.may_write_attribute(&a.name)
                    && !a.name.ends_with("_verified")
            })
            .map(|a| a.name.clone())
            .collect();
        assert!(writable.contains("custom:age"), "{writable:?}");
        assert_eq!(seen, writable);
    }
}

#[test]
fn a_pool_nothing_can_be_written_to_has_no_strategy() {
    let frozen = Schema::from_json(br#"[{"Name": "custom:a", "Mutable": false}]"#)
        .unwrap()
        .with_write_attributes(["custom:a"]);
    assert!(accepted_request(&frozen).is_none());
    // Bounds no value meets.
    let impossible = Schema::from_json(
        br#"[{"Name": "custom:n", "AttributeDataType": "String",
              "StringAttributeConstraints": {"MinLength": "3000"}}]"#,
    )
    .unwrap()
    .with_write_attributes(["custom:n"]);
    assert!(accepted_request(&impossible).is_none());
}

#[test]
fn typed_requests_validate_too() {
    let strategy = accepted_request(&Schema::default_pool()).unwrap();
    let mut r = runner();
    let tree = proptest::strategy::Strategy::new_tree(&strategy, &mut r).unwrap();
    let request: UpdateUserAttributesRequest<'static> =
        proptest::strategy::ValueTree::current(&tree);
    assert!(request.validate(&Options::default()).is_ok());
}

/// The pools built for broken inputs print as JSON that reads back equal, so
/// a failing case's pool can be replayed.
#[test]
fn broken_inputs_pools_read_back_from_their_json() {
    use cognito_validate::strategies::breaking;
    use cognito_validate::{Rule, SchemaMode};
    use proptest::strategy::{Strategy, ValueTree};
    let mut r = runner();
    let mut pools = 0;
    for rule in Rule::ALL {
        let Some(strategy) = breaking(*rule, NamePattern::Legacy) else {
            continue;
        };
        for _ in 0..20 {
            let broken = strategy.new_tree(&mut r).unwrap().current();
            if let SchemaMode::Pool(schema) = &broken.options.schema {
                let mut back = Schema::from_json(schema.to_json().as_bytes()).unwrap();
                if let Some(list) = schema.write_attributes() {
                    back = back.with_write_attributes(list.iter().cloned());
                }
                if schema.is_closed() {
                    assert_eq!(&back, schema.as_ref(), "{}", schema.to_json());
                }
                pools += 1;
            }
        }
    }
    assert!(pools > 50, "{pools}");
}
