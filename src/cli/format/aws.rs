//! `--format aws`: for each rejected request, one line holding the JSON object
//! of the service's answer (status, headers, body); nothing for a request the
//! service would accept.

use std::io::{self, Write};

use serde::Serialize;

use super::text;
use crate::cli::check::RequestOutcome;

#[derive(Serialize)]
struct Answer<'a> {
    file: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    entry: Option<usize>,
    status: u16,
    headers: Headers,
    body: Body<'a>,
}

#[derive(Serialize)]
struct Headers {
    #[serde(rename = "x-amzn-ErrorType")]
    error_type: String,
    #[serde(rename = "Content-Type")]
    content_type: String,
}

#[derive(Serialize)]
struct Body<'a> {
    #[serde(rename = "__type")]
    error_type: &'a str,
    message: &'a str,
}

/// Writes one line for `req` if the service would refuse it.
pub fn request(name: &str, req: &RequestOutcome, out: &mut dyn Write) -> io::Result<()> {
    let Some(rejection) = &req.rejection else {
        return Ok(());
    };
    let mut headers = Headers {
        error_type: String::new(),
        content_type: String::new(),
    };
    for (name, value) in rejection.headers() {
        match name {
            "x-amzn-ErrorType" => headers.error_type = value,
            "Content-Type" => headers.content_type = value,
            _ => {}
        }
    }
    let answer = Answer {
        file: name,
        line: req.line,
        entry: req.entry,
        status: rejection.status(),
        headers,
        body: Body {
            error_type: rejection.error_type().as_str(),
            message: rejection.message(),
        },
    };
    text::write_json(out, &answer, false)?;
    out.write_all(b"\n")
}
