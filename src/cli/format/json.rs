//! `--format json`: one JSON array, one finding per element, each element on
//! its own line.
//!
//! The schema, as `lint --help` gives it (fields are only added; `line`
//! changed its meaning once, see the README's "What changed for users"):
//!
//! | field      | type               | meaning |
//! |------------|--------------------|---------|
//! | `file`     | string             | the path as given or found; `-` for standard input |
//! | `line`     | integer or null    | 1-based line in the file where the finding starts |
//! | `column`   | integer or null    | 1-based column there, in Unicode scalar values |
//! | `end_line` | integer or null    | line where the finding ends |
//! | `end_column` | integer or null  | column just after its last character |
//! | `record`   | integer or null    | the .jsonl line holding the request (null for a .json file and stdin) |
//! | `entry`    | integer or null    | the HAR entry holding the request: its 0-based index in `log.entries` (null but in a .har file) |
//! | `body_line`, `body_column` | integer or null | for a HAR entry, where the finding starts in the request body itself |
//! | `row`      | integer or null    | the same as `line` (its old name; kept for existing readers) |
//! | `span`     | `{start,end}` or null | byte offsets in the file, end exclusive |
//! | `code`     | string             | rule code, e.g. `S103` |
//! | `error_type` | string           | the AWS error class the service answers with: `InvalidParameterException`, `SerializationException` or `NotAuthorizedException` |
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
    column: Option<usize>,
    end_line: Option<usize>,
    end_column: Option<usize>,
    record: Option<usize>,
    entry: Option<usize>,
    body_line: Option<usize>,
    body_column: Option<usize>,
    row: Option<usize>,
    span: Option<SpanOut>,
    code: &'static str,
    error_type: &'static str,
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
            line: f.row(),
            column: f.column(),
            end_line: f.end.map(|e| e.line),
            end_column: f.end.map(|e| e.column),
            record: f.line,
            entry: f.entry,
            body_line: f.body.map(|b| b.line),
            body_column: f.body.map(|b| b.column),
            row: f.row(),
            span: d.span.map(|s| SpanOut {
                start: s.start,
                end: s.end,
            }),
            code: d.rule.code(),
            error_type: d.rule.error_type().as_str(),
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
