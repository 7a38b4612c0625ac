//! The tables to emit, resolved from the model and the overlay: only shapes
//! reachable from an operation's input, sorted by name, overlay applied
//! (shape-wide changes in place, per-operation changes as synthetic
//! `<shape>@<operation>` shapes), patterns interned.

use std::collections::{BTreeMap, BTreeSet};

use crate::pattern::{self, Repeated};
use crate::raw::{Entry, Member, Model, Overlay, Shape};

/// One operation, resolved.
#[derive(Debug)]
pub struct Operation {
    /// Its name.
    pub name: String,
    /// Index of its input shape in [`Ir::shapes`].
    pub input: usize,
    /// Not signed.
    pub no_auth: bool,
    /// Documentation names the admin scope.
    pub needs_admin_scope: bool,
}

/// One member, resolved.
#[derive(Debug)]
pub struct IrMember {
    /// JSON key.
    pub name: String,
    /// Target shape index.
    pub shape: usize,
    /// Required.
    pub required: bool,
    /// Printed by the service.
    pub shown: bool,
}

/// What a shape is, resolved.
#[derive(Debug)]
pub enum IrKind {
    /// Structure.
    Structure(Vec<IrMember>),
    /// Any JSON value.
    Document,
    /// List.
    List(usize, Option<i64>, Option<i64>),
    /// Map: key, value, min, max.
    Map(usize, usize, Option<i64>, Option<i64>),
    /// String: min, max, pattern index, enum values in printed order.
    String(Option<i64>, Option<i64>, Option<usize>, Vec<String>),
    /// Integer.
    Integer(Option<i64>, Option<i64>),
    /// Long.
    Long(Option<i64>, Option<i64>),
    /// Float.
    Float,
    /// Double.
    Double,
    /// Boolean.
    Boolean,
    /// Timestamp.
    Timestamp,
    /// Blob: min, max.
    Blob(Option<i64>, Option<i64>),
}

/// One shape, resolved.
#[derive(Debug)]
pub struct IrShape {
    /// Name (`<shape>@<operation>` for synthetic ones).
    pub name: String,
    /// What it is.
    pub kind: IrKind,
    /// Sensitive.
    pub sensitive: bool,
}

/// One pattern, resolved.
#[derive(Debug)]
pub struct IrPattern {
    /// The printed text.
    pub printed: String,
    /// The translated, anchored source.
    pub regex: String,
    /// The class, when the pattern is one class repeated.
    pub class: Option<Repeated>,
    /// Index of the pattern replacing it under the current-name option.
    pub current: Option<usize>,
}

/// Everything to emit.
#[derive(Debug)]
pub struct Ir {
    /// The `X-Amz-Target` prefix.
    pub target_prefix: String,
    /// Sorted by name.
    pub operations: Vec<Operation>,
    /// Sorted by name (byte order).
    pub shapes: Vec<IrShape>,
    /// In order of first use.
    pub patterns: Vec<IrPattern>,
}

/// The scope whose mention in an unsigned operation's documentation marks it
/// as needing the scope in its access token. (Signed operations mention it
/// too, about the tokens they revoke: AdminUserGlobalSignOut.)
const ADMIN_SCOPE: &str = "aws.cognito.signin.user.admin";

/// A shape of the model after the overlay, before interning.
#[derive(Debug, Clone)]
struct Work {
    shape: Shape,
    current_pattern: Option<String>,
}

fn describe(e: &Entry) -> String {
    format!(
        "overlay entry {:?}",
        e.operation
            .iter()
            .chain(&e.member)
            .chain(&e.shape)
            .cloned()
            .collect::<Vec<_>>()
    )
}

/// Applies the constraint fields of an entry to a shape.
fn apply(work: &mut Work, e: &Entry) -> Result<(), String> {
    let s = &mut work.shape;
    if let Some(p) = &e.pattern {
        if s.kind != "string" {
            return Err(format!("{}: pattern on a {}", describe(e), s.kind));
        }
        s.pattern = Some(p.clone());
    }
    if e.current_pattern.is_some() {
        work.current_pattern = e.current_pattern.clone();
    }
    if e.min.is_some() {
        s.min = e.min;
    }
    if e.max.is_some() {
        s.max = e.max;
    }
    if let Some(order) = &e.enum_order {
        let mut a = order.clone();
        let mut b = s.enum_values.clone();
        a.sort();
        b.sort();
        if a != b {
            return Err(format!(
                "{}: enum_order {:?} is not a permutation of the model's {:?}",
                describe(e),
                order,
                s.enum_values
            ));
        }
        s.enum_values = order.clone();
    }
    Ok(())
}

fn changes_constraints(e: &Entry) -> bool {
    e.pattern.is_some()
        || e.current_pattern.is_some()
        || e.min.is_some()
        || e.max.is_some()
        || e.enum_order.is_some()
}

/// Lower-cases the first character, as the service's paths print members.
pub fn aws_name(name: &str) -> String {
    let mut c = name.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Resolves the model and the overlay into the tables.
pub fn build(model: &Model, overlay: &Overlay) -> Result<Ir, String> {
    let mut shapes: BTreeMap<String, Work> = model
        .shapes
        .iter()
        .map(|(n, s)| {
            (
                n.clone(),
                Work {
                    shape: s.clone(),
                    current_pattern: None,
                },
            )
        })
        .collect();
    let mut users: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (name, op) in &model.operations {
        users.entry(op.input.shape.as_str()).or_default().push(name);
    }
    // Per (input shape, member): shown override.
    let mut shown: BTreeMap<(String, String), bool> = BTreeMap::new();
    for e in &overlay.entries {
        match (&e.operation, &e.member, &e.shape) {
            (None, None, Some(shape)) => {
                if e.shown.is_some() {
                    return Err(format!("{}: shown needs an operation", describe(e)));
                }
                let w = shapes
                    .get_mut(shape)
                    .ok_or_else(|| format!("{}: no such shape", describe(e)))?;
                apply(w, e)?;
            }
            (Some(op), Some(member), None) => {
                let input = &model
                    .operations
                    .get(op)
                    .ok_or_else(|| format!("{}: no such operation", describe(e)))?
                    .input
                    .shape;
                if users[input.as_str()].len() != 1 {
                    return Err(format!("{}: input shape {input} is shared", describe(e)));
                }
                let w = shapes.get_mut(input).ok_or("input missing")?;
                let members = w.shape.members.as_mut().ok_or("input is no structure")?;
                let m: &mut Member = members
                    .0
                    .iter_mut()
                    .find(|(n, _)| n == member)
                    .map(|(_, m)| m)
                    .ok_or_else(|| format!("{}: no such member", describe(e)))?;
                if let Some(s) = e.shown {
                    shown.insert((input.clone(), member.clone()), s);
                }
                if changes_constraints(e) {
                    let target = m.shape.clone();
                    let synthetic = format!("{target}@{op}");
                    m.shape = synthetic.clone();
                    let mut copy = shapes[&target].clone();
                    apply(&mut copy, e)?;
                    shapes.insert(synthetic, copy);
                }
            }
            _ => {
                return Err(format!(
                    "{}: name a shape, or an operation and a member",
                    describe(e)
                ))
            }
        }
    }

    // Reachable shapes, from every input.
    let mut reach: BTreeSet<String> = BTreeSet::new();
    let mut stack: Vec<String> = model
        .operations
        .values()
        .map(|o| o.input.shape.clone())
        .collect();
    while let Some(n) = stack.pop() {
        let w = shapes
            .get(&n)
            .ok_or_else(|| format!("shape {n} is referenced but not defined"))?;
        if !reach.insert(n) {
            continue;
        }
        let s = &w.shape;
        if let Some(ms) = &s.members {
            stack.extend(ms.0.iter().map(|(_, m)| m.shape.clone()));
        }
        for r in [&s.member, &s.key, &s.value].into_iter().flatten() {
            stack.push(r.shape.clone());
        }
    }
    if reach.len() > usize::from(u16::MAX) {
        return Err("more than 65 535 shapes".into());
    }
    let index: BTreeMap<&str, usize> = reach
        .iter()
        .enumerate()
        .map(|(i, n)| (n.as_str(), i))
        .collect();
    let id = |n: &str| index[n];

    let mut patterns: Vec<IrPattern> = Vec::new();
    let mut intern = |printed: &str, current: Option<usize>| -> Result<usize, String> {
        if let Some(i) = patterns
            .iter()
            .position(|p| p.printed == printed && p.current == current)
        {
            return Ok(i);
        }
        patterns.push(IrPattern {
            printed: printed.to_owned(),
            regex: pattern::translate(printed)?,
            class: pattern::repeated(printed),
            current,
        });
        Ok(patterns.len() - 1)
    };

    let mut out_shapes = Vec::new();
    for name in &reach {
        let w = &shapes[name];
        let s = &w.shape;
        let kind = match s.kind.as_str() {
            "structure" if s.document => IrKind::Document,
            "structure" => {
                let ms = s
                    .members
                    .as_ref()
                    .ok_or_else(|| format!("{name}: no members"))?;
                for r in &s.required {
                    if !ms.0.iter().any(|(n, _)| n == r) {
                        return Err(format!("{name}: required {r} is no member"));
                    }
                }
                IrKind::Structure(
                    ms.0.iter()
                        .map(|(n, m)| {
                            let sensitive = m.sensitive || shapes[&m.shape].shape.sensitive;
                            IrMember {
                                name: n.clone(),
                                shape: id(&m.shape),
                                required: s.required.contains(n),
                                shown: *shown
                                    .get(&(name.clone(), n.clone()))
                                    .unwrap_or(&!sensitive),
                            }
                        })
                        .collect(),
                )
            }
            "list" => IrKind::List(
                id(&s.member.as_ref().ok_or("list without member")?.shape),
                s.min,
                s.max,
            ),
            "map" => IrKind::Map(
                id(&s.key.as_ref().ok_or("map without key")?.shape),
                id(&s.value.as_ref().ok_or("map without value")?.shape),
                s.min,
                s.max,
            ),
            "string" => {
                let pattern = match &s.pattern {
                    Some(p) => {
                        let current = match &w.current_pattern {
                            Some(c) => Some(intern(c, None)?),
                            None => None,
                        };
                        Some(intern(p, current)?)
                    }
                    None => None,
                };
                IrKind::String(s.min, s.max, pattern, s.enum_values.clone())
            }
            "integer" => IrKind::Integer(s.min, s.max),
            "long" => IrKind::Long(s.min, s.max),
            "float" => IrKind::Float,
            "double" => IrKind::Double,
            "boolean" => IrKind::Boolean,
            "timestamp" => IrKind::Timestamp,
            "blob" => IrKind::Blob(s.min, s.max),
            other => return Err(format!("{name}: unknown shape type {other}")),
        };
        if [s.min, s.max].iter().flatten().any(|&v| v < 0)
            && !matches!(kind, IrKind::Integer(..) | IrKind::Long(..))
        {
            return Err(format!("{name}: negative length bound"));
        }
        out_shapes.push(IrShape {
            name: name.clone(),
            kind,
            sensitive: s.sensitive,
        });
    }

    let operations = model
        .operations
        .iter()
        .map(|(name, op)| {
            let input = id(&op.input.shape);
            if !matches!(out_shapes[input].kind, IrKind::Structure(_)) {
                return Err(format!("{name}: input is not a structure"));
            }
            let no_auth = op.auth.iter().any(|a| a == "smithy.api#noAuth")
                || op.authtype.as_deref() == Some("none");
            Ok(Operation {
                name: name.clone(),
                input,
                no_auth,
                needs_admin_scope: no_auth && op.documentation.contains(ADMIN_SCOPE),
            })
        })
        .collect::<Result<Vec<_>, String>>()?;

    Ok(Ir {
        target_prefix: model.metadata.target_prefix.clone(),
        operations,
        shapes: out_shapes,
        patterns,
    })
}
