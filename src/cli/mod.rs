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
#[cfg(feature = "serve")]
pub mod serve;
pub mod walk;

use std::env;
use std::ffi::OsStr;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::process::ExitCode;
use std::sync::Mutex;

use clap::Parser;
use rayon::prelude::*;

use args::{Cli, ColorChoice, Command, LintArgs};
use check::{check_input, FileOutcome, StdinKind};
use walk::Input;

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
        Command::Lint(args) => lint(&args, &mut out),
        Command::Rules => finish(rules::list(&mut out), PASS),
        Command::Explain { code } => match rules::find(&code) {
            Some(rule) => finish(rules::explain(rule, &mut out), PASS),
            None => {
                eprintln!("error: {}", rules::unknown(&code));
                TROUBLE
            }
        },
        #[cfg(feature = "serve")]
        Command::Serve(args) => serve::run(&args),
    };
    ExitCode::from(finish(out.flush(), code))
}

/// `code`, unless writing failed. A closed pipe (`| head`) is not an error.
fn finish(written: io::Result<()>, code: u8) -> u8 {
    match written {
        Ok(()) => code,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => code,
        Err(e) => {
            eprintln!("error: cannot write the report: {e}");
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

fn lint(args: &LintArgs, out: &mut dyn Write) -> u8 {
    let opts = match args.options() {
        Ok(opts) => opts,
        Err(e) => {
            eprintln!("error: {e}");
            return TROUBLE;
        }
    };
    let mut paths = args.paths.clone();
    if paths.is_empty() {
        if io::stdin().is_terminal() {
            eprintln!(
                "error: no PATH given and standard input is a terminal\n\n\
                 Usage: cognito-validate lint [OPTIONS] [PATH]...\n\n\
                 For more information, try '--help'."
            );
            return TROUBLE;
        }
        paths.push("-".into());
    }
    let (inputs, mut path_errors) = walk::collect(&paths);
    let stdin = if args.jsonl {
        StdinKind::Jsonl
    } else {
        StdinKind::Json
    };
    let progress = !args.quiet && inputs.len() > PROGRESS_AFTER && io::stderr().is_terminal();
    // The counter sits behind a lock so that the numbers printed only go up.
    let done = Mutex::new(0usize);
    let total = inputs.len();
    let mut files: Vec<FileOutcome> = inputs
        .par_iter()
        .map(|input| {
            let outcome = check_input(input, &opts, stdin);
            if progress {
                if let Ok(mut n) = done.lock() {
                    *n += 1;
                    eprint!("\rchecked {n}/{total} files");
                }
            }
            outcome
        })
        .collect();
    if progress {
        eprint!("\r\x1b[2K");
    }
    files.sort_by(|a, b| sort_key(&a.input).cmp(&sort_key(&b.input)));
    path_errors.sort();
    for e in path_errors
        .iter()
        .chain(files.iter().filter_map(|f| f.error.as_ref()))
    {
        eprintln!("error: cannot read {}: {}", e.path, e.reason);
    }
    let cx = format::Context {
        files: &files,
        path_errors: &path_errors,
        quiet: args.quiet,
        color: use_color(
            args.color,
            io::stdout().is_terminal(),
            env::var_os("NO_COLOR").as_deref(),
        ),
    };
    let rejected = files.iter().any(|f| f.rejected > 0);
    let unreadable = !path_errors.is_empty() || files.iter().any(|f| f.error.is_some());
    let code = if unreadable {
        TROUBLE
    } else if rejected {
        REJECTED
    } else {
        PASS
    };
    finish(format::write(args.format, &cx, out), code)
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
