//! The checked-in generated files (`src/model/generated.rs`,
//! `schemas/operations/*.schema.json`) are exactly what the generator writes
//! from `model/`: regenerated in memory, compared byte for byte.
//!
//! The generator formats the Rust through the toolchain's `rustfmt` (the
//! one `cargo fmt` uses, or `$RUSTFMT`), so that the checked-in file passes
//! `cargo fmt --check`: these tests need it on the `PATH`, as CI has.

#[test]
fn checked_in_files_match_the_generator() {
    let root = xtask::root();
    let files = xtask::generate(&root).expect("the generator runs on the vendored model");
    let stale = xtask::stale(&root, &files);
    assert!(
        stale.is_empty(),
        "stale generated files, run `cargo run -p xtask -- codegen`: {stale:?}"
    );
    // One schema per operation, a `.current` one for each of the 11
    // operations that reach an attribute name, and the Rust tables.
    assert_eq!(files.len(), 153 + 11 + 1);
}

#[test]
fn a_changed_overlay_changes_the_output() {
    // The comparison above can fail: an overlay entry that changes a
    // constraint changes the tables.
    let root = xtask::root();
    let read = |n: &str| std::fs::read_to_string(root.join("model").join(n)).unwrap();
    let (model, overlay, source) = (
        read("service-2.json"),
        read("overlay.json"),
        read("source.json"),
    );
    let before = xtask::generate_from(&model, &overlay, &source).unwrap();
    let changed = overlay.replacen("\"min\": 6", "\"min\": 7", 1);
    assert_ne!(changed, overlay);
    let after = xtask::generate_from(&model, &changed, &source).unwrap();
    assert_ne!(before, after);
    // An entry naming a member that does not exist, or an enum order that
    // is not a permutation of the model's values, is an error.
    let bad = overlay.replacen(
        "\"member\": \"ClientId\"",
        "\"member\": \"NoSuchMember\"",
        1,
    );
    assert_ne!(bad, overlay);
    assert!(xtask::generate_from(&model, &bad, &source).is_err());
    let bad = overlay.replacen("\"OPTIONAL\", \"OFF\", \"ON\"", "\"OPTIONAL\", \"OFF\"", 1);
    assert_ne!(bad, overlay);
    assert!(xtask::generate_from(&model, &bad, &source).is_err());
}

#[test]
fn a_member_entry_with_constraints_makes_a_synthetic_shape() {
    let root = xtask::root();
    let read = |n: &str| std::fs::read_to_string(root.join("model").join(n)).unwrap();
    let overlay = r#"{"about": [], "entries": [{"operation": "SignUp", "member": "Username",
        "max": 64, "what": "test", "source": "test"}]}"#;
    let files =
        xtask::generate_from(&read("service-2.json"), overlay, &read("source.json")).unwrap();
    let file = |name: &str| {
        &files
            .iter()
            .find(|(p, _)| p.ends_with(name))
            .unwrap_or_else(|| panic!("no {name}"))
            .1
    };
    assert!(file("generated.rs").contains("\"UsernameType@SignUp\""));
    assert!(file("SignUp.schema.json").contains("#/$defs/UsernameType@SignUp"));
    // Other operations keep the model's shape.
    assert!(!file("ConfirmSignUp.schema.json").contains("UsernameType@"));
}
