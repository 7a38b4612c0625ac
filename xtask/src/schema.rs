//! Emits one JSON Schema (draft 2020-12, like the hand-written ones under
//! `schemas/`) per operation input.
//!
//! The input structure is the schema's root; every other shape it reaches is
//! a `$defs` entry named after the shape. Optional members also accept
//! `null` (the service reads it as missing); required ones do not. Unknown
//! members are allowed (the service ignores them). Lengths count code points
//! (JSON Schema's rule, and the service's). Patterns are the generator's
//! translation (Java's ASCII `\w`, `\d`, `\s` spelt out), anchored.

use std::collections::BTreeSet;

use serde_json::{json, Map, Value};

use crate::ir::{Ir, IrKind, Operation};

fn reference(ir: &Ir, i: usize) -> Value {
    json!({ "$ref": format!("#/$defs/{}", ir.shapes[i].name) })
}

fn bounds(
    o: &mut Map<String, Value>,
    min_key: &str,
    min: Option<i64>,
    max_key: &str,
    max: Option<i64>,
) {
    if let Some(v) = min {
        o.insert(min_key.into(), v.into());
    }
    if let Some(v) = max {
        o.insert(max_key.into(), v.into());
    }
}

/// The schema of one shape, its members referring to `$defs`.
fn shape(ir: &Ir, i: usize, current: bool) -> Value {
    let s = &ir.shapes[i];
    let mut o = Map::new();
    let mut description = format!("{}.", s.name);
    match &s.kind {
        IrKind::Structure(members) => {
            o.insert("type".into(), "object".into());
            let mut props = Map::new();
            let mut required = Vec::new();
            for m in members {
                let r = reference(ir, m.shape);
                if m.required {
                    props.insert(m.name.clone(), r);
                    required.push(Value::from(m.name.clone()));
                } else {
                    props.insert(m.name.clone(), json!({ "anyOf": [r, { "type": "null" }] }));
                }
            }
            o.insert("properties".into(), props.into());
            if !required.is_empty() {
                o.insert("required".into(), required.into());
            }
            description.push_str(" Unknown members are ignored by the service and allowed here.");
        }
        IrKind::Document => description.push_str(" Any JSON value."),
        IrKind::List(member, min, max) => {
            o.insert("type".into(), "array".into());
            o.insert("items".into(), reference(ir, *member));
            bounds(&mut o, "minItems", *min, "maxItems", *max);
        }
        IrKind::Map(key, value, min, max) => {
            o.insert("type".into(), "object".into());
            o.insert("propertyNames".into(), reference(ir, *key));
            o.insert("additionalProperties".into(), reference(ir, *value));
            bounds(&mut o, "minProperties", *min, "maxProperties", *max);
        }
        IrKind::String(min, max, pattern, values) => {
            o.insert("type".into(), "string".into());
            bounds(&mut o, "minLength", *min, "maxLength", *max);
            if let Some(p) = pattern {
                let mut p = &ir.patterns[*p];
                match p.current {
                    Some(c) if current => {
                        p = &ir.patterns[c];
                        description.push_str(
                            " The current attribute-name pattern (the model's since \
                             February 2026), which also admits tab, LF, CR and space.",
                        );
                    }
                    Some(_) => description.push_str(
                        " The legacy attribute-name pattern, the service's default; \
                         <Operation>.current.schema.json uses the model's current one.",
                    ),
                    None => {}
                }
                o.insert("pattern".into(), p.regex.clone().into());
                description.push_str(&format!(
                    " Pattern as the service prints it: {} (here anchored, with Java's \
                     \\w, \\d, \\s and . spelt out).",
                    p.printed
                ));
            }
            if !values.is_empty() {
                o.insert("enum".into(), values.clone().into());
            }
        }
        IrKind::Integer(min, max) | IrKind::Long(min, max) => {
            o.insert("type".into(), "integer".into());
            bounds(&mut o, "minimum", *min, "maximum", *max);
        }
        IrKind::Float | IrKind::Double => {
            o.insert("type".into(), "number".into());
        }
        IrKind::Boolean => {
            o.insert("type".into(), "boolean".into());
        }
        IrKind::Timestamp => {
            o.insert("type".into(), "number".into());
            description.push_str(" Seconds since the epoch.");
        }
        IrKind::Blob(..) => {
            o.insert("type".into(), "string".into());
            description.push_str(
                " Base64; its length bounds count decoded bytes and are not checked here.",
            );
        }
    }
    if s.sensitive {
        description.push_str(" Sensitive: the service leaves the value out of its messages.");
    }
    o.insert("description".into(), description.into());
    o.into()
}

/// The shapes reachable from `root` (excluding it unless it is reached again).
fn reachable(ir: &Ir, root: usize) -> BTreeSet<usize> {
    let mut seen = BTreeSet::new();
    let mut stack = vec![root];
    let mut first = true;
    while let Some(i) = stack.pop() {
        if !first && !seen.insert(i) {
            continue;
        }
        first = false;
        match &ir.shapes[i].kind {
            IrKind::Structure(ms) => stack.extend(ms.iter().map(|m| m.shape)),
            IrKind::List(m, ..) => stack.push(*m),
            IrKind::Map(k, v, ..) => stack.extend([*k, *v]),
            _ => {}
        }
    }
    seen
}

/// Whether any shape reachable from `root` has the attribute-name pattern,
/// whose current variant is an option.
fn has_name_option(ir: &Ir, root: usize) -> bool {
    reachable(ir, root).into_iter().chain([root]).any(|i| {
        matches!(ir.shapes[i].kind, IrKind::String(_, _, Some(p), _) if ir.patterns[p].current.is_some())
    })
}

/// One operation's schema, with the legacy or the current attribute-name
/// pattern.
fn operation(
    ir: &Ir,
    op: &Operation,
    version: &str,
    current: bool,
) -> Result<(String, String), String> {
    let Value::Object(mut root) = shape(ir, op.input, current) else {
        return Err("a shape's schema is not an object".into());
    };
    root.insert(
        "$schema".into(),
        "https://json-schema.org/draft/2020-12/schema".into(),
    );
    let file = if current {
        format!("{}.current.schema.json", op.name)
    } else {
        format!("{}.schema.json", op.name)
    };
    root.insert(
        "$id".into(),
        format!("https://cognito-validate.dev/schemas/operations/{file}").into(),
    );
    let (title, names) = if current {
        (
            format!(
                "Amazon Cognito {} request (current attribute-name pattern)",
                op.name
            ),
            " This file uses the model's current attribute-name pattern; the service's \
             default, the legacy one, is in the file without `.current`.",
        )
    } else {
        (format!("Amazon Cognito {} request", op.name), "")
    };
    root.insert("title".into(), title.into());
    root.insert(
        "description".into(),
        format!(
            "The body of a cognito-idp {} request (AWS JSON 1.1, API 2016-04-18) as the \
             service's framework checks it: types, required members, lengths, patterns, \
             enums and ranges. Generated from botocore {version}'s model and the \
             project's overlay (model/overlay.json) by `cargo run -p xtask -- codegen`; \
             do not edit. Sensitive values, duplicate keys and the service's business \
             rules are beyond a schema.{names}",
            op.name
        )
        .into(),
    );
    let defs: Map<String, Value> = reachable(ir, op.input)
        .into_iter()
        .map(|i| (ir.shapes[i].name.clone(), shape(ir, i, current)))
        .collect();
    if !defs.is_empty() {
        root.insert("$defs".into(), defs.into());
    }
    let text = serde_json::to_string_pretty(&Value::Object(root)).map_err(|e| e.to_string())?;
    Ok((file, text + "\n"))
}

/// (file name, pretty JSON with a final newline) per operation, and a
/// `.current` variant for the operations that reach an attribute name.
pub fn emit(ir: &Ir, version: &str) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    for op in &ir.operations {
        out.push(operation(ir, op, version, false)?);
        if has_name_option(ir, op.input) {
            out.push(operation(ir, op, version, true)?);
        }
    }
    Ok(out)
}
