//! The command-line tool, on top of the `cognito_validate` library: argument
//! parsing ([`args`]), finding the inputs ([`walk`]), reading and checking
//! them in parallel ([`check`]), and the output formats ([`format`](mod@format)).
//!
//! Exit status: 0 when every request passes, 1 when any is rejected, 2 for
//! usage errors and unreadable paths.

pub mod args;
pub mod check;
pub mod format;
pub mod rules;
pub mod walk;

use std::env;
use std::ffi::OsStr;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;
use rayon::prelude::*;

use args::{Cli, ColorChoice, Command, LintArgs};
use check::{check_input, FileOutcome, StdinKind};
use format::text::escape;
use format::{Part, Report};
use walk::Input;

/// Writes a line to standard error. A closed or broken standard error is
/// not worth dying for (`eprintln!` panics): the report on standard output
/// and the exit status still say what happened.
macro_rules! note {
    ($($arg:tt)*) => {{
        let _ = writeln!(io::stderr(), $($arg)*);
    }};
}

/// Writes progress to standard error, ignoring failures as [`note!`] does.
macro_rules! progress {
    ($($arg:tt)*) => {{
        let _ = write!(io::stderr(), $($arg)*);
    }};
}

/// Progress is shown for runs of more than this many inputs.
const PROGRESS_AFTER: usize = 50;

/// Exit status: every request passes.
const PASS: u8 = 0;
/// Exit status: some request is rejected.
const REJECTED: u8 = 1;
/// Exit status: usage error or unreadable path.
const TROUBLE: u8 = 2;

/// Parses the arguments and runs the subcommand.
pub fn main() -> ExitCode {
    // Before anything opens a file that could take descriptor 0's place.
    let stdin_open = stdin_is_open();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // clap exits 2 for usage errors and 0 for --help/--version.
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { TROUBLE } else { PASS });
        }
    };
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let code = match cli.command {
        Command::Lint(args) => lint(&args, stdin_open, &mut out),
        Command::Rules => finish(rules::list(&mut out), PASS),
        Command::Explain { code } => match rules::find(&code) {
            Some(rule) => finish(rules::explain(rule, &mut out), PASS),
            None => {
                note!("error: {}", escape(&rules::unknown(&code)));
                TROUBLE
            }
        },
    };
    ExitCode::from(finish(out.flush(), code))
}

/// `code`, unless writing failed. A closed pipe (`| head`) is not an error.
fn finish(written: io::Result<()>, code: u8) -> u8 {
    match written {
        Ok(()) => code,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => code,
        Err(e) => {
            note!("error: cannot write the report: {e}");
            TROUBLE
        }
    }
}

/// Whether to colour: `--color`, then NO_COLOR (set and not empty: no
/// colour), then whether the output is a terminal.
fn use_color(choice: ColorChoice, terminal: bool, no_color: Option<&OsStr>) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => terminal && no_color.is_none_or(|v| v.is_empty()),
    }
}

fn lint(args: &LintArgs, stdin_open: bool, out: &mut dyn Write) -> u8 {
    let opts = match args.options() {
        Ok(opts) => opts,
        Err(e) => {
            note!("error: {}", escape(&e));
            return TROUBLE;
        }
    };
    let mut paths = args.paths.clone();
    if paths.is_empty() {
        if io::stdin().is_terminal() {
            note!(
                "error: no PATH given and standard input is a terminal\n\n\
                 Usage: cognito-validate lint [OPTIONS] [PATH]...\n\n\
                 For more information, try '--help'."
            );
            return TROUBLE;
        }
        paths.push("-".into());
    }
    let (mut inputs, mut path_errors) = walk::collect(&paths);
    if !stdin_open && inputs.contains(&Input::Stdin) {
        // Read, a closed standard input looks empty: an empty request.
        inputs.retain(|i| *i != Input::Stdin);
        path_errors.push(walk::PathError {
            path: "-".into(),
            reason: "standard input is closed".into(),
        });
    }
    inputs.sort_by(|a, b| sort_key(a).cmp(&sort_key(b)));
    path_errors.sort();
    let stdin = if args.jsonl {
        StdinKind::Jsonl
    } else {
        StdinKind::Json
    };
    for e in &path_errors {
        note!("error: cannot read {}: {}", escape(&e.path), e.reason);
    }
    let cx = format::Context {
        format: args.format,
        quiet: args.quiet,
        color: use_color(
            args.color,
            io::stdout().is_terminal(),
            env::var_os("NO_COLOR").as_deref(),
        ),
    };
    let progress = !args.quiet && inputs.len() > PROGRESS_AFTER && io::stderr().is_terminal();
    let total = inputs.len();
    let (mut rejected, mut unreadable) = (false, !path_errors.is_empty());
    let written = (|| {
        let mut report = Report::begin(cx, &path_errors, out)?;
        // Inputs are checked in parallel a window at a time and written in
        // order, so that at most a window's parts are held at once.
        let window = rayon::current_num_threads().max(1) * 2;
        let mut done = 0usize;
        for chunk in inputs.chunks(window) {
            let parts: Vec<(FileOutcome, io::Result<Part>)> = chunk
                .par_iter()
                .map(|input| check_and_render(input, &opts, stdin, &cx))
                .collect();
            for (file, part) in parts {
                done += 1;
                if progress {
                    progress!("\rchecked {done}/{total} files");
                }
                if let Some(e) = &file.error {
                    if progress {
                        progress!("\r\x1b[2K");
                    }
                    note!("error: cannot read {}: {}", escape(&e.path), e.reason);
                    unreadable = true;
                }
                rejected |= file.rejected > 0;
                report.file(&file, &part?)?;
            }
        }
        if progress {
            progress!("\r\x1b[2K");
        }
        report.end()
    })();
    let code = if unreadable {
        TROUBLE
    } else if rejected {
        REJECTED
    } else {
        PASS
    };
    finish(written, code)
}

/// Checks one input and renders its part of the report.
fn check_and_render(
    input: &Input,
    opts: &cognito_validate::Options,
    stdin: StdinKind,
    cx: &format::Context,
) -> (FileOutcome, io::Result<Part>) {
    let mut part = Part::default();
    let mut failed = None;
    let name = input.display();
    let file = check_input(input, opts, stdin, &mut |req, src| {
        if failed.is_none() {
            if let Err(e) = format::request(cx, input, &name, req, src, &mut part) {
                failed = Some(e);
            }
        }
    });
    (file, failed.map_or(Ok(part), Err))
}

/// Whether standard input was open when the program started. The Rust
/// runtime puts `/dev/null` in the place of a closed descriptor 0, so that
/// reading it would look like an empty request; it opens it read-write,
/// where a shell's `< /dev/null` opens it read-only, and that tells them
/// apart. Known on Linux only (through `/proc`); elsewhere taken as open.
fn stdin_is_open() -> bool {
    if !cfg!(target_os = "linux") {
        return true;
    }
    let null =
        std::fs::read_link("/proc/self/fd/0").is_ok_and(|t| t == std::path::Path::new("/dev/null"));
    if !null {
        return true;
    }
    let flags = std::fs::read_to_string("/proc/self/fdinfo/0")
        .ok()
        .and_then(|info| {
            info.lines()
                .find_map(|l| l.strip_prefix("flags:"))
                .and_then(|f| u32::from_str_radix(f.trim(), 8).ok())
        });
    // O_ACCMODE is 3 and O_RDWR 2 on Linux.
    flags.is_none_or(|f| f & 0o3 != 0o2)
}

/// Files sort by path, standard input after them.
fn sort_key(input: &Input) -> (bool, Option<&std::path::Path>) {
    match input {
        Input::File { path, .. } => (false, Some(path.as_path())),
        Input::Stdin => (true, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_follows_the_flag_then_no_color_then_the_terminal() {
        let set = Some(OsStr::new("1"));
        let empty = Some(OsStr::new(""));
        assert!(use_color(ColorChoice::Auto, true, None));
        assert!(use_color(ColorChoice::Auto, true, empty));
        assert!(!use_color(ColorChoice::Auto, true, set));
        assert!(!use_color(ColorChoice::Auto, false, None));
        assert!(use_color(ColorChoice::Always, false, set));
        assert!(!use_color(ColorChoice::Never, true, None));
    }
}
