//! The command-line tool, on top of the `cognito_validate` library: argument
//! parsing ([`args`]), finding the inputs ([`walk`]), reading and checking
//! them in parallel ([`check`]), and the output formats ([`format`](mod@format)).
//! The report is written as it is made, in a fixed order (files by path),
//! holding at most a window of inputs' parts; standard error carries error
//! lines and, on a terminal, a progress bar.
//!
//! Exit status: 0 when every request passes, 1 when any is rejected, 2 for
//! usage errors and unreadable paths.

pub mod args;
pub mod check;
pub mod format;
pub mod rules;
pub mod walk;

use std::io::{self, BufWriter, IsTerminal, Write};
use std::process::ExitCode;
use std::sync::mpsc;

use clap::Parser;
use rayon::prelude::*;

use args::{Cli, Command, LintArgs};
use check::{check_input, FileOutcome, StdinKind};
use clap::ColorChoice;
use format::text::escape;
use format::{Part, Report};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use walk::Input;

/// Writes a line to standard error. A closed or broken standard error is
/// not worth dying for (`eprintln!` panics): the report on standard output
/// and the exit status still say what happened.
macro_rules! note {
    ($($arg:tt)*) => {{
        let _ = writeln!(io::stderr(), $($arg)*);
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

/// Whether to colour: `--color`, and for `auto` what anstream decides for
/// standard output (a terminal that takes colour; NO_COLOR, CLICOLOR and
/// CLICOLOR_FORCE honoured).
fn use_color(choice: ColorChoice, auto: impl FnOnce() -> bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => auto(),
    }
}

/// anstream's verdict for standard output under `auto`.
fn stdout_takes_color() -> bool {
    anstream::AutoStream::choice(&io::stdout()) != anstream::ColorChoice::Never
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
            raw: b"-".to_vec(),
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
        color: use_color(args.color, stdout_takes_color),
    };
    let bar = progress_bar(!args.quiet && inputs.len() > PROGRESS_AFTER, inputs.len());
    // When the report goes to the terminal the bar is on, it is written with
    // the bar taken down, and flushed before the bar comes back.
    let shared = !bar.is_hidden() && io::stdout().is_terminal();
    let beside_bar = |write: &mut dyn FnMut() -> io::Result<()>| {
        if shared {
            bar.suspend(write)
        } else {
            write()
        }
    };
    let (mut rejected, mut unreadable) = (false, !path_errors.is_empty());
    let written = (|| {
        let mut report = Report::begin(cx, &path_errors, out)?;
        // Inputs are checked in parallel a window at a time ([`windows`]),
        // on a worker thread, and written here in order, so that at most
        // about two windows' parts are held at once. The window's first input is next
        // to be written: its part is sent in pieces as it grows and written
        // at once, so that one large .jsonl file is not held either.
        let window = rayon::current_num_threads().max(1) * 2;
        let chunks = windows(&inputs, window);
        let (tx, rx) = mpsc::sync_channel::<Message>(window);
        std::thread::scope(|scope| {
            let (opts, cx, inputs, op) = (&opts, &cx, &inputs, args.operation);
            let worker = scope.spawn(move || {
                for range in chunks {
                    let chunk = &inputs[range];
                    let parts: Vec<(FileOutcome, io::Result<Part>)> = chunk
                        .par_iter()
                        .enumerate()
                        .map(|(i, input)| {
                            let stream = (i == 0).then(|| tx.clone());
                            check_and_render(input, opts, op, stdin, cx, stream)
                        })
                        .collect();
                    for (file, part) in parts {
                        // The receiver has gone only when writing failed:
                        // nothing more is wanted.
                        if tx.send(Message::File(file, part)).is_err() {
                            return;
                        }
                    }
                }
            });
            let mut written = Ok(());
            for message in &rx {
                written = match message {
                    Message::Piece(piece) => beside_bar(&mut || {
                        report.piece(&piece.bytes, piece.items)?;
                        report.flush_if(shared)
                    }),
                    Message::File(file, part) => {
                        bar.inc(1);
                        if let Some(e) = &file.error {
                            bar.suspend(|| {
                                note!("error: cannot read {}: {}", escape(&e.path), e.reason)
                            });
                            unreadable = true;
                        }
                        rejected |= file.rejected > 0;
                        part.and_then(|part| {
                            if part.bytes.is_empty() {
                                report.file(&file, &part)
                            } else {
                                beside_bar(&mut || {
                                    report.file(&file, &part)?;
                                    report.flush_if(shared)
                                })
                            }
                        })
                    }
                };
                if written.is_err() {
                    break;
                }
            }
            // A failed write drops the receiver, so that the worker's next
            // send fails and it stops instead of blocking.
            drop(rx);
            if let Err(panic) = worker.join() {
                std::panic::resume_unwind(panic);
            }
            written
        })?;
        bar.finish_and_clear();
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

/// A progress bar on standard error for `total` inputs when `wanted` and
/// standard error is a terminal (else hidden): redrawn at most 10 times a
/// second, so that many small files do not cost a write each.
fn progress_bar(wanted: bool, total: usize) -> ProgressBar {
    if !wanted || !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let target = ProgressDrawTarget::stderr_with_hz(10);
    let bar = ProgressBar::with_draw_target(Some(total as u64), target);
    // The template is a constant known to be valid; fall back to the default.
    if let Ok(style) = ProgressStyle::with_template("checked {pos}/{len} files {wide_bar}") {
        bar.set_style(style);
    }
    bar
}

/// A window holds at least this many inputs (times the threads) and takes
/// more, up to [`WINDOW_MAX`], while their sizes add up to less than
/// [`WINDOW_BYTES`]: many small files then cost one parallel step per
/// hundreds of files, not per few, and a window of large files stays small.
const WINDOW_MAX: usize = 256;
/// See [`WINDOW_MAX`].
const WINDOW_BYTES: u64 = 1 << 20;

/// Splits `inputs` into the windows checked in parallel one after another:
/// at least `min` inputs each (but the last), more while small.
fn windows(inputs: &[Input], min: usize) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < inputs.len() {
        let (mut end, mut bytes) = (start, 0u64);
        while end < inputs.len() && end - start < WINDOW_MAX {
            if end - start >= min && bytes >= WINDOW_BYTES {
                break;
            }
            bytes = bytes.saturating_add(match &inputs[end] {
                // Unknown sizes (standard input, a FIFO) count as large.
                Input::File { path, .. } => std::fs::metadata(path)
                    .ok()
                    .filter(|m| m.is_file())
                    .map_or(WINDOW_BYTES, |m| m.len()),
                Input::Stdin => WINDOW_BYTES,
            });
            end += 1;
        }
        out.push(start..end);
        start = end;
    }
    out
}

/// What the checking thread sends the writing one, in report order.
enum Message {
    /// Part of the next input's report, sent ahead of the rest.
    Piece(Piece),
    /// An input checked, with the rest of its part.
    File(FileOutcome, io::Result<Part>),
}

/// Part of an input's report sent ahead of the rest.
struct Piece {
    bytes: Vec<u8>,
    /// Array items in `bytes`.
    items: usize,
}

/// A part grows to this many bytes before it is sent ahead.
const PIECE_BYTES: usize = 64 << 10;

/// Checks one input and renders its part of the report. With `stream`, the
/// part is sent there in pieces as it grows; what is returned is the rest.
fn check_and_render(
    input: &Input,
    opts: &cognito_validate::Options,
    op: cognito_validate::Operation,
    stdin: StdinKind,
    cx: &format::Context,
    stream: Option<mpsc::SyncSender<Message>>,
) -> (FileOutcome, io::Result<Part>) {
    let mut part = Part::default();
    let mut failed = None;
    let name = input.display();
    let file = check_input(input, opts, op, stdin, &mut |req, src| {
        if failed.is_some() {
            return;
        }
        if let Err(e) = format::request(cx, input, &name, req, src, &mut part) {
            failed = Some(e);
        }
        if let Some(tx) = &stream {
            if part.bytes.len() >= PIECE_BYTES {
                let piece = Piece {
                    bytes: std::mem::take(&mut part.bytes),
                    items: part.items - part.sent,
                };
                part.sent = part.items;
                // The receiver has gone only when writing failed; the
                // failure is reported there.
                let _ = tx.send(Message::Piece(piece));
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
    fn windows_take_many_small_inputs_and_few_large_ones() {
        let dir = tempfile::tempdir().unwrap();
        let mut inputs = Vec::new();
        for (i, size) in [10, 10, 10, 700_000, 700_000, 10, 10].iter().enumerate() {
            let path = dir.path().join(format!("{i}.json"));
            std::fs::write(&path, vec![b' '; *size]).unwrap();
            inputs.push(Input::File { path, jsonl: false });
        }
        inputs.push(Input::Stdin);
        inputs.push(Input::Stdin);
        // At least two each; then more until 1 MiB is passed.
        assert_eq!(windows(&inputs, 2), [0..5, 5..8, 8..9]);
        let small: Vec<Input> = (0..600).map(|_| inputs[0].clone()).collect();
        assert_eq!(windows(&small, 2), [0..256, 256..512, 512..600]);
    }

    #[test]
    fn colour_follows_the_flag_then_the_stream() {
        assert!(use_color(ColorChoice::Auto, || true));
        assert!(!use_color(ColorChoice::Auto, || false));
        assert!(use_color(ColorChoice::Always, || false));
        assert!(!use_color(ColorChoice::Never, || true));
    }
}
