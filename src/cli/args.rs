//! Command-line arguments: the `lint`, `rules` and `explain` subcommands and
//! their options, parsed with clap.

use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use clap::{Args, ColorChoice, Parser, Subcommand, ValueEnum};

use cognito_validate::pool::Schema;
use cognito_validate::token::{Jwks, TokenCheck, TokenPolicy};
use cognito_validate::{Operation, Options};

/// The long help of `lint`: the formats, the `json` schema and the exit codes.
const LINT_LONG_HELP: &str = "\
FORMATS
  human    A rustc-style report: `error[CODE]: message`, the location, the source
           line with carets under the offending value (secret values masked with
           `*`; no source line for JSON text errors), a help line where there is
           one, and a summary line.
  concise  One line per finding: `file:line:col: CODE message` (`-` is standard
           input; `file:line: CODE message` or `file: CODE message` when the
           finding has no column or no position).
  json     One JSON array. Each element is one finding, written on its own line:
             {\"file\":    string, the path as given or found (\"-\" for stdin),
              \"line\":    integer or null, 1-based line in the file where the
                         finding starts,
              \"column\":  integer or null, 1-based column there, counted in
                         Unicode scalar values (not bytes, not UTF-16 units,
                         not display columns),
              \"end_line\", \"end_column\": integer or null, where it ends
                         (the column just after its last character),
              \"record\":  integer or null, the line of a .jsonl file holding
                         the request (null for a .json file and stdin),
              \"entry\":   integer or null, the HAR entry holding the request:
                         its 0-based index in log.entries (null but in
                         a .har file),
              \"body_line\", \"body_column\": integer or null, for a HAR
                         entry, where the finding starts in the request
                         body itself,
              \"row\":     the same as \"line\" (its old name, kept),
              \"span\":    {\"start\": integer, \"end\": integer} or null, byte
                         offsets in the file, end exclusive,
              \"code\":    string, the rule code (S103),
              \"error_type\": string, the AWS error class the service answers
                         with: InvalidParameterException,
                         SerializationException or NotAuthorizedException,
              \"name\":    string, the rule name (name-pattern),
              \"severity\": \"error\" or \"warning\",
              \"pointer\": string, RFC 6901 JSON Pointer (\"\" for the root),
              \"aws_path\": string, the path as AWS writes it
                         (userAttributes.1.member.name; \"\" for the root),
              \"message\": string, the AWS item for S rules, else the tool's words,
              \"help\":    string or null,
              \"aws_wording\": boolean, whether the message is the service's
                         own wording rather than this tool's}
           The schema is stable: fields are only ever added, never renamed,
           removed or given another meaning. (One exception: \"line\" was
           once the .jsonl line, which is now \"record\".)
  sarif    SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.
  github   GitHub Actions workflow commands (`::error file=…,line=…,col=…::…`).
  aws      For each rejected request one line holding the service's answer:
           {\"file\", \"line\" (.jsonl only), \"status\": 400, \"headers\":
           {\"x-amzn-ErrorType\", \"Content-Type\"}, \"body\": {\"__type\", \"message\"}}.
           Nothing for a request the service would accept.

HAR FILES
  A *.har file (HAR 1.2, as browsers' developer tools save it) is read whole,
  up to 64 times --max-input-bytes. Each entry whose request has the header
  X-Amz-Target: AWSCognitoIdentityProviderService.<Operation> is checked as that
  operation, whatever --operation says; its body is request.postData.text
  (decoded from base64 when postData.encoding is \"base64\"; no text is an empty
  body). Other entries are skipped. An entry naming no operation of the model
  (or with a text that is no string or no valid base64) is skipped with a
  warning on standard error; it does not change the exit status.
  Positions: line and column are in the HAR file. The body is a JSON string
  there, so each character of the body is mapped to where it stands in the
  file (an escape such as \\\" or \\u00e9 is one character of the body and
  points at its backslash); a finding in a base64 body points at the whole
  text string. Every format names the entry (log.entries[N], 0-based); json
  also gives \"body_line\" and \"body_column\", positions in the body itself.
  The human format's source line is that line of the request body, masked,
  never a line of the HAR file. Nothing else of the HAR (headers, cookies,
  responses) is read into any output; a file that is no HAR is an error of
  that path (exit 2), its message giving a line and column, not its text.
  Standard input is never read as a HAR file: name the file.

Secrets (the access token, attribute values, values of unknown members) never
appear in any format.

EXIT STATUS
  0  every request passes (warnings allowed)
  1  at least one request is rejected (malformed JSON counts)
  2  usage error, or a path could not be read (the other paths are still checked)";

/// Checks Amazon Cognito UpdateUserAttributes requests the way the service does.
#[derive(Debug, Parser)]
#[command(name = "cognito-validate", version, about, propagate_version = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check request files, HAR files, directories (*.json, *.jsonl and *.har, recursively) or standard input.
    #[command(after_long_help = LINT_LONG_HELP)]
    Lint(Box<LintArgs>),
    /// List every rule: code, name, severity and summary.
    Rules,
    /// Explain a rule, with a failing and a passing request.
    Explain {
        /// The rule code (S103) or name (name-pattern).
        code: String,
    },
    /// Run a validating reverse proxy in front of Cognito or an emulator.
    #[cfg(feature = "serve")]
    Serve(Box<super::serve::ServeArgs>),
}

/// Options of `lint`.
#[derive(Debug, Args)]
pub struct LintArgs {
    /// Files, directories or `-` for standard input. Directories are searched
    /// recursively for *.json, *.jsonl and *.har files. Without a path, standard
    /// input is read (unless it is a terminal).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// The operation whose requests these are: its name (`SignUp`) or its
    /// `X-Amz-Target` value (`AWSCognitoIdentityProviderService.SignUp`).
    /// A HAR file's entries are checked as their own X-Amz-Target says.
    /// UpdateUserAttributes (the default) is checked against the pool's
    /// business rules too, as are the other operations that write, delete or
    /// verify user attributes (SignUp, AdminCreateUser,
    /// AdminUpdateUserAttributes, (Admin)DeleteUserAttributes,
    /// VerifyUserAttribute, GetUserAttributeVerificationCode and
    /// NEW_PASSWORD_REQUIRED answers of (Admin)RespondToAuthChallenge); the
    /// other operations against the service model's shapes (phase one) only.
    #[arg(long, value_name = "NAME|TARGET", default_value = "UpdateUserAttributes", value_parser = parse_operation)]
    pub operation: Operation,

    /// Attribute-name pattern of the user pool: `legacy` (no white space) or
    /// `current` (also tab, LF, CR and space).
    #[arg(long, value_enum, default_value_t = NamePatternArg::Legacy)]
    pub name_pattern: NamePatternArg,

    /// At most this many findings are reported per request; the rest are counted.
    #[arg(long, value_name = "N", default_value_t = Options::DEFAULT_MAX_DIAGNOSTICS)]
    pub max_diagnostics: usize,

    /// Requests (files, or lines of a .jsonl file) longer than this many bytes
    /// are refused unread (rule J007). A .jsonl line that goes on for 64 times
    /// this without a newline also ends its input (exit 2). A HAR file is
    /// read up to 64 times this; each entry's body is a request.
    #[arg(long, value_name = "N", default_value_t = Options::DEFAULT_MAX_INPUT_BYTES)]
    pub max_input_bytes: usize,

    /// Requests nested deeper than this are refused (rule J008); at most 1024.
    #[arg(long, value_name = "N", default_value_t = Options::DEFAULT_MAX_DEPTH)]
    pub max_depth: usize,

    /// The user pool's schema: a DescribeUserPool answer
    /// (`aws cognito-idp describe-user-pool --user-pool-id …`), a
    /// `{"SchemaAttributes": […]}` object or the bare array. Without it, the
    /// rules every pool has apply (standard attributes, any `custom:` name).
    /// At most 1 MiB is read.
    #[arg(long, value_name = "FILE")]
    pub pool_schema: Option<PathBuf>,

    /// The app client's WriteAttributes: a DescribeUserPoolClient answer or a
    /// JSON array in a FILE, or a comma-separated LIST such as
    /// `email,nickname,custom:plan`. Attributes outside it are refused
    /// (NotAuthorizedException, rule A015), except the pool's required ones.
    /// At most 1 MiB of a FILE is read. A value holding `/` or ending in
    /// `.json` is a FILE; a missing FILE, a directory or an empty LIST is a
    /// usage error.
    #[arg(long, value_name = "FILE|LIST")]
    pub write_attributes: Option<String>,

    /// Check the shapes only (phase one), not the business rules: what a JSON
    /// Schema of the request can say.
    #[arg(long, conflicts_with_all = ["pool_schema", "write_attributes"])]
    pub phase_one_only: bool,

    /// Check each request's AccessToken with the RS256 keys of this JWKS
    /// document (`<issuer>/.well-known/jwks.json`): signature, token_use,
    /// expiry, issuer, app client, scope (rules T001-T010).
    #[arg(long, value_name = "FILE", conflicts_with = "phase_one_only")]
    pub jwks: Option<PathBuf>,

    /// The time tokens are checked at, in epoch seconds. Default: now.
    #[arg(long, value_name = "SECONDS", requires = "jwks")]
    pub now: Option<u64>,

    /// What an accepted token must satisfy.
    #[command(flatten)]
    pub token_policy: TokenPolicyArgs,

    /// Treat standard input as JSON Lines (one request per line).
    #[arg(long)]
    pub jsonl: bool,

    /// Report errors only: leave out warnings, the summary line and progress.
    #[arg(short, long)]
    pub quiet: bool,

    /// When to colour the human format. `auto`: when standard output is a
    /// terminal that takes colour, NO_COLOR is unset or empty and CLICOLOR
    /// is not 0 (CLICOLOR_FORCE forces it).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
}

/// `--format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A rustc-style report with source lines and a summary.
    Human,
    /// One line per finding: `file:line:col: CODE message`.
    Concise,
    /// A JSON array of findings (stable schema, see --help).
    Json,
    /// SARIF 2.1.0.
    Sarif,
    /// GitHub Actions workflow annotations.
    Github,
    /// The service's answer for each rejected request, one JSON object per line.
    Aws,
}

/// `--name-pattern`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum NamePatternArg {
    /// `[\p{L}\p{M}\p{S}\p{N}\p{P}]+`.
    Legacy,
    /// `[\p{L}\p{M}\p{S}\p{N}\p{P}\t\n\r ]+`.
    Current,
}

/// `--operation`: a name or an `X-Amz-Target` value.
fn parse_operation(s: &str) -> Result<Operation, String> {
    Operation::from_name(s)
        .or_else(|| Operation::from_target(s))
        .ok_or_else(|| {
            "not an operation of cognito-idp (give its name, such as SignUp, or its \
             X-Amz-Target value)"
                .to_string()
        })
}

impl LintArgs {
    /// The access-token check `--jwks` and its companions ask for.
    fn token_check(&self) -> Result<Option<TokenCheck>, String> {
        let Some(path) = &self.jwks else {
            return Ok(None);
        };
        let keys = read_jwks(path)?;
        let policy = self.token_policy.policy()?;
        let now = match self.now {
            Some(now) => now,
            None => std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_err(|e| format!("the system clock is before 1970: {e}"))?
                .as_secs(),
        };
        Ok(Some(TokenCheck::new(keys, policy, now)))
    }

    /// The library options these arguments ask for; an error names the file
    /// that could not be read or what is wrong in it.
    pub fn options(&self) -> Result<Options, String> {
        let pattern = match self.name_pattern {
            NamePatternArg::Legacy => cognito_validate::NamePattern::Legacy,
            NamePatternArg::Current => cognito_validate::NamePattern::Current,
        };
        let mut opts = Options::default()
            .with_name_pattern(pattern)
            .with_max_diagnostics(self.max_diagnostics)
            .with_max_input_bytes(self.max_input_bytes)
            .with_max_depth(self.max_depth);
        if let Some(check) = self.token_check()? {
            opts = opts.with_token_check(check);
        }
        if self.phase_one_only {
            return Ok(opts.phase_one_only());
        }
        with_pool(
            opts,
            self.pool_schema.as_deref(),
            self.write_attributes.as_deref(),
        )
    }
}

/// Reads a JWKS document (`--jwks FILE`), at most [`Jwks::MAX_BYTES`] of it.
pub fn read_jwks(path: &std::path::Path) -> Result<Jwks, String> {
    let bytes = read_capped(path, Jwks::MAX_BYTES as u64, "a JWKS document")?;
    Jwks::from_json(&bytes).map_err(|e| format!("{}: {e}", path.display()))
}

/// The token policy options, shared by `lint` and `serve`.
#[derive(Debug, Args)]
pub struct TokenPolicyArgs {
    /// Seconds of clock skew allowed on a token's exp and nbf.
    #[arg(long, value_name = "SECONDS", default_value_t = 0, requires = "jwks")]
    pub grace_seconds: u64,

    /// Accept only tokens with this iss (the other documented Cognito form of
    /// the same pool is accepted too).
    #[arg(
        long,
        value_name = "URL",
        requires = "jwks",
        conflicts_with = "user_pool_id"
    )]
    pub issuer: Option<String>,

    /// Accept only tokens of this user pool (`us-east-1_AbCdEf123`), in
    /// either issuer form.
    #[arg(long, value_name = "ID", requires = "jwks")]
    pub user_pool_id: Option<String>,

    /// Accept only tokens issued to this app client; repeatable.
    #[arg(long, value_name = "ID", requires = "jwks")]
    pub client_id: Vec<String>,
}

impl TokenPolicyArgs {
    /// The policy these options ask for.
    pub fn policy(&self) -> Result<TokenPolicy, String> {
        let mut policy = TokenPolicy::default().with_grace_seconds(self.grace_seconds);
        if let Some(iss) = &self.issuer {
            policy = policy.with_issuer(iss.as_str());
        }
        if let Some(id) = &self.user_pool_id {
            policy = policy
                .with_user_pool(id)
                .map_err(|e| format!("--user-pool-id: {e}"))?;
        }
        for id in &self.client_id {
            policy = policy.with_client_id(id.as_str());
        }
        Ok(policy)
    }
}

/// `opts` with the pool of `--pool-schema FILE` and `--write-attributes
/// FILE|LIST` (shared by `lint` and `serve`); unchanged when neither is given.
pub fn with_pool(
    opts: Options,
    pool_schema: Option<&Path>,
    write_attributes: Option<&str>,
) -> Result<Options, String> {
    if pool_schema.is_none() && write_attributes.is_none() {
        return Ok(opts);
    }
    let mut schema = match pool_schema {
        None => Schema::default_pool(),
        Some(path) => {
            let bytes = read_capped(path, MAX_POOL_FILE_BYTES, "a pool file")?;
            Schema::from_json(&bytes).map_err(|e| format!("{}: {e}", path.display()))?
        }
    };
    if let Some(w) = write_attributes {
        schema = match write_source(w)? {
            WriteSource::File(path) => {
                let bytes = read_capped(path, MAX_POOL_FILE_BYTES, "a pool file")?;
                schema
                    .with_write_attributes_json(&bytes)
                    .map_err(|e| format!("{w}: {e}"))?
            }
            WriteSource::List(names) => schema.with_write_attributes(names),
        };
    }
    Ok(opts.with_schema(schema))
}

/// The most bytes read from a `--pool-schema` or `--write-attributes` file:
/// a DescribeUserPool answer is some kilobytes, and `/dev/zero` never ends.
pub const MAX_POOL_FILE_BYTES: u64 = 1 << 20;

/// Reads a file named by an option, refusing one longer than `cap` bytes
/// (`what` names the kind of file in the error) without reading past it.
fn read_capped(path: &Path, cap: u64, what: &str) -> Result<Vec<u8>, String> {
    let cannot = |e: io::Error| format!("cannot read {}: {e}", path.display());
    let mut bytes = Vec::new();
    File::open(path)
        .and_then(|f| f.take(cap + 1).read_to_end(&mut bytes))
        .map_err(cannot)?;
    if bytes.len() as u64 > cap {
        return Err(format!(
            "{}: more than {cap} bytes; {what} is much smaller",
            path.display()
        ));
    }
    Ok(bytes)
}

/// What a `--write-attributes` value is.
enum WriteSource<'a> {
    /// A file to read.
    File(&'a Path),
    /// Attribute names.
    List(Vec<&'a str>),
}

/// Tells a file from a list: anything that exists but a directory is a file
/// (`/dev/stdin` and FIFOs too). A value that does not exist but looks like
/// a path (a `/` or `\\`, or ending in `.json`), a directory, and a list
/// without a name are usage errors: each would otherwise be taken as a list
/// and refuse every attribute.
fn write_source(w: &str) -> Result<WriteSource<'_>, String> {
    let path = Path::new(w);
    match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => Err(format!(
            "--write-attributes {w}: is a directory; give a file or a comma-separated list"
        )),
        Ok(_) => Ok(WriteSource::File(path)),
        Err(e) if w.contains(['/', '\\']) || w.ends_with(".json") => {
            Err(format!("--write-attributes: cannot read {w}: {e}"))
        }
        Err(_) => {
            let names: Vec<&str> = w
                .split(',')
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .collect();
            if names.is_empty() {
                Err(format!(
                    "--write-attributes {w:?} names no attribute; give a file or a \
                     comma-separated list such as email,nickname"
                ))
            } else {
                Ok(WriteSource::List(names))
            }
        }
    }
}
