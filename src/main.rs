//! The `cognito-validate` command: lints UpdateUserAttributes request files
//! (`lint`), lists the rules (`rules`) and explains one (`explain`). See
//! `cognito-validate lint --help` for the formats and exit statuses.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
