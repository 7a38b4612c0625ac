//! `--format json`: one JSON array, one finding per element, each element on
//! its own line.
//!
//! The schema is stable (fields are only ever added):
//!
//! | field      | type               | meaning |
//! |------------|--------------------|---------|
//! | `file`     | string             | the path as given or found; `-` for standard input |
//! | `line`     | integer or null    | the line of the .jsonl file holding the request |
//! | `row`      | integer or null    | 1-based line in the file |
//! | `column`   | integer or null    | 1-based column, in Unicode scalar values |
//! | `span`     | `{start,end}` or null | byte offsets in the file, end exclusive |
//! | `code`     | string             | rule code, e.g. `S103` |
//! | `name`     | string             | rule name, e.g. `name-pattern` |
//! | `severity` | `error`/`warning`  | |
//! | `pointer`  | string             | RFC 6901 JSON Pointer, `""` for the root |
//! | `aws_path` | string             | AWS's path, e.g. `userAttributes.1.member.name` |
//! | `message`  | string             | the AWS item for S rules, the tool's words otherwise |
//! | `help`     | string or null     | a hint |
//! | `aws_wording` | boolean         | whether `message` is the service's own wording (observed, or its framework's) rather than this tool's |

use std::io;

use serde::Serialize;

use super::{text, Context, Part};
use crate::cli::check::RequestOutcome;

#[derive(Serialize)]
struct Item<'a> {
    file: &'a str,
    line: Option<usize>,
    row: Option<usize>,
    column: Option<usize>,
    span: Option<SpanOut>,
    code: &'static str,
    name: &'static str,
    severity: &'static str,
    pointer: String,
    aws_path: String,
    message: String,
    help: Option<&'a str>,
    aws_wording: bool,
}

#[derive(Serialize)]
struct SpanOut {
    start: usize,
    end: usize,
}

/// Writes the findings of `req` as array elements, each on its own line.
pub fn request(cx: &Context, name: &str, req: &RequestOutcome, part: &mut Part) -> io::Result<()> {
    for f in cx.findings(req) {
        let d = &f.diagnostic;
        let item = Item {
            file: name,
            line: f.line,
            row: f.row(),
            column: f.column(),
            span: d.span.map(|s| SpanOut {
                start: s.start,
                end: s.end,
            }),
            code: d.rule.code(),
            name: d.rule.name(),
            severity: d.severity().as_str(),
            pointer: d.path.json_pointer(),
            aws_path: d.path.aws(),
            message: d.message(),
            help: d.help.as_deref(),
            aws_wording: d.rule.aws_wording(),
        };
        part.bytes
            .extend_from_slice(if part.items == 0 { b"\n" } else { b",\n" });
        part.items += 1;
        text::write_json(&mut part.bytes, &item, false)?;
    }
    Ok(())
}
