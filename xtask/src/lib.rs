//! The generator: the vendored cognito-idp model (`model/service-2.json`)
//! plus the overlay (`model/overlay.json`) → `src/model/generated.rs` and one
//! JSON Schema per operation input under `schemas/operations/`.
//!
//! Pure and deterministic: [`generate`] reads strings and returns strings
//! (the Rust passes through `rustfmt`), so the root crate's test
//! `tests/model_generated.rs` can regenerate in memory and compare with the
//! checked-in files. The binary (`cargo run -p xtask -- codegen`) writes them.

#![deny(missing_docs)]

mod ir;
pub mod pattern;
pub mod raw;
mod rust;
mod schema;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

pub use ir::{build, Ir};

/// Everything the generator writes, as (path relative to the repository
/// root, contents), sorted by path.
pub type Files = Vec<(PathBuf, String)>;

/// The repository root (the parent of this crate's directory).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives one directory below the repository root")
        .to_path_buf()
}

/// The generated Rust file, relative to the root.
pub const RUST_PATH: &str = "src/model/generated.rs";
/// The directory of the per-operation schemas, relative to the root.
pub const SCHEMA_DIR: &str = "schemas/operations";

/// Reads the model, the overlay and the source record under `root/model`
/// and produces every generated file.
pub fn generate(root: &Path) -> Result<Files, String> {
    let read = |name: &str| {
        std::fs::read_to_string(root.join("model").join(name))
            .map_err(|e| format!("model/{name}: {e}"))
    };
    generate_from(
        &read("service-2.json")?,
        &read("overlay.json")?,
        &read("source.json")?,
    )
}

/// [`generate`] from the three files' contents.
pub fn generate_from(model: &str, overlay: &str, source: &str) -> Result<Files, String> {
    let model: raw::Model =
        serde_json::from_str(model).map_err(|e| format!("service-2.json: {e}"))?;
    let overlay: raw::Overlay =
        serde_json::from_str(overlay).map_err(|e| format!("overlay.json: {e}"))?;
    let source: serde_json::Value =
        serde_json::from_str(source).map_err(|e| format!("source.json: {e}"))?;
    let version = source["botocore"]
        .as_str()
        .ok_or("source.json: no \"botocore\" version")?;
    let ir = build(&model, &overlay)?;
    let mut files = vec![(
        PathBuf::from(RUST_PATH),
        rustfmt(&rust::emit(&ir, version))?,
    )];
    for (name, text) in schema::emit(&ir, version)? {
        files.push((Path::new(SCHEMA_DIR).join(name), text));
    }
    files.sort();
    Ok(files)
}

/// Formats Rust source with the toolchain's `rustfmt` (edition 2021), so the
/// checked-in file passes `cargo fmt --check`.
fn rustfmt(source: &str) -> Result<String, String> {
    let program = std::env::var("RUSTFMT").unwrap_or_else(|_| "rustfmt".into());
    let mut child = Command::new(&program)
        .args(["--edition", "2021", "--emit", "stdout"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("running {program}: {e}"))?;
    let mut stdin = child.stdin.take().ok_or("rustfmt stdin")?;
    let text = source.to_owned();
    let writer = std::thread::spawn(move || stdin.write_all(text.as_bytes()));
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    writer
        .join()
        .map_err(|_| "rustfmt writer panicked")?
        .map_err(|e| e.to_string())?;
    if !out.status.success() {
        return Err(format!(
            "rustfmt failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    String::from_utf8(out.stdout).map_err(|e| e.to_string())
}

/// The generated files that differ from (or are missing under) `root`, and
/// the files under the schema directory that the generator no longer writes.
pub fn stale(root: &Path, files: &Files) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = files
        .iter()
        .filter(|(p, text)| std::fs::read_to_string(root.join(p)).ok().as_deref() != Some(text))
        .map(|(p, _)| p.clone())
        .collect();
    if let Ok(dir) = std::fs::read_dir(root.join(SCHEMA_DIR)) {
        for entry in dir.flatten() {
            let p = Path::new(SCHEMA_DIR).join(entry.file_name());
            if !files.iter().any(|(q, _)| *q == p) {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}
