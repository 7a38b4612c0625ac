//! Turns the paths on the command line into the inputs to check: files as
//! named, directories searched recursively for `*.json` and `*.jsonl` (hidden
//! entries such as `.git` skipped, symbolic links followed), and `-` for
//! standard input. Paths that cannot be read are collected, not fatal.

use std::collections::HashSet;
use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

/// One thing to check.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Input {
    /// A file; `jsonl` when it holds one request per line.
    File {
        /// The path, as given or as found under a directory given.
        path: PathBuf,
        /// Whether the file is JSON Lines (`*.jsonl`).
        jsonl: bool,
    },
    /// Standard input.
    Stdin,
}

impl Input {
    /// The name shown in reports: the path ([`show`]), or `-` for standard
    /// input.
    pub fn display(&self) -> String {
        match self {
            Input::File { path, .. } => show(path),
            Input::Stdin => "-".to_string(),
        }
    }

    /// The name's bytes as the system has them (`-` for standard input),
    /// for a URI that must point at the real file.
    pub fn raw(&self) -> &[u8] {
        match self {
            Input::File { path, .. } => path.as_os_str().as_encoded_bytes(),
            Input::Stdin => b"-",
        }
    }
}

/// A path as shown: its text, with each byte that is not part of valid
/// UTF-8 written `\xFF`, so that names differing only in such bytes stay
/// apart (`Path::display` makes them all U+FFFD).
pub fn show(path: &Path) -> String {
    let mut out = String::new();
    for chunk in path.as_os_str().as_encoded_bytes().utf8_chunks() {
        out.push_str(chunk.valid());
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02X}"));
        }
    }
    out
}

/// A path that could not be read, with the operating system's reason.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct PathError {
    /// The path as shown.
    pub path: String,
    /// The reason, e.g. `No such file or directory (os error 2)`.
    pub reason: String,
    /// The path's bytes as the system has them, for a URI.
    pub raw: Vec<u8>,
}

/// Whether `path` names a JSON Lines file.
pub fn is_jsonl(path: &Path) -> bool {
    path.extension() == Some(OsStr::new("jsonl"))
}

fn is_request_file(path: &Path) -> bool {
    matches!(
        path.extension().and_then(OsStr::to_str),
        Some("json" | "jsonl")
    )
}

/// Whether a directory entry is hidden (`.git`, `.cache`, …): skipped when
/// searching a directory, checked when named.
fn is_hidden(name: &OsStr) -> bool {
    name.as_encoded_bytes().first() == Some(&b'.')
}

/// Expands `paths` into inputs (each file once, in a deterministic order) and
/// the paths that could not be read.
pub fn collect(paths: &[PathBuf]) -> (Vec<Input>, Vec<PathError>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    let mut seen = HashSet::new();
    let mut push = |input: Input, inputs: &mut Vec<Input>| {
        if seen.insert(input.clone()) {
            inputs.push(input);
        }
    };
    for path in paths {
        if path.as_os_str() == "-" {
            push(Input::Stdin, &mut inputs);
            continue;
        }
        let meta = match fs::metadata(path) {
            Ok(m) => m,
            Err(e) => {
                errors.push(PathError {
                    path: show(path),
                    reason: e.to_string(),
                    raw: path.as_os_str().as_encoded_bytes().to_vec(),
                });
                continue;
            }
        };
        if !meta.is_dir() {
            let jsonl = is_jsonl(path);
            push(
                Input::File {
                    path: path.clone(),
                    jsonl,
                },
                &mut inputs,
            );
            continue;
        }
        let walk = WalkDir::new(path)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
        for entry in walk {
            match entry {
                Ok(e) => {
                    if e.file_type().is_file() && is_request_file(e.path()) {
                        let jsonl = is_jsonl(e.path());
                        push(
                            Input::File {
                                path: e.into_path(),
                                jsonl,
                            },
                            &mut inputs,
                        );
                    }
                }
                Err(e) => {
                    let at_path = e.path().unwrap_or(path);
                    let (at, raw) = (
                        show(at_path),
                        at_path.as_os_str().as_encoded_bytes().to_vec(),
                    );
                    let reason = match e.io_error() {
                        Some(io) => io.to_string(),
                        None => e.to_string(),
                    };
                    errors.push(PathError {
                        path: at,
                        reason,
                        raw,
                    });
                }
            }
        }
    }
    (inputs, errors)
}
