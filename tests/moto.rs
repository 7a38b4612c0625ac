//! End to end with real parts: moto (the Cognito emulator) as the upstream,
//! `cognito-validate serve` in front of it, and boto3 as the client
//! (`tests/e2e/driver.py` holds the checks). moto checks no length or
//! pattern, so whatever it refuses to see proves the proxy stopped it.
//!
//! Needs the venv that `scripts/test` creates; without it the test fails
//! naming the script rather than passing silently.
#![cfg(feature = "serve")]

#[path = "common/proxy.rs"]
mod proxy;

use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use proxy::Proxy;

/// A tool of the venv: from the variable `scripts/test` sets, else `.venv`.
fn venv_tool(var: &str, name: &str) -> PathBuf {
    let path = std::env::var_os(var).map(PathBuf::from).unwrap_or_else(|| {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join(".venv/bin")
            .join(name)
    });
    assert!(
        path.is_file(),
        "{} not found: run `scripts/test` (it creates .venv with moto and boto3 from \
         tests/requirements.txt and runs the tests), or set {var}",
        path.display()
    );
    path
}

/// moto on a free loopback port; killed when dropped.
struct Moto {
    child: Child,
    port: u16,
}

impl Moto {
    fn start() -> Moto {
        let server = venv_tool("COGNITO_VALIDATE_MOTO_SERVER", "moto_server");
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let child = Command::new(server)
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("moto_server starts");
        let moto = Moto { child, port };
        let start = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                start.elapsed() < Duration::from_secs(60),
                "moto did not listen within 60 s"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        moto
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn boto3_through_serve_in_front_of_moto() {
    let python = venv_tool("COGNITO_VALIDATE_PYTHON", "python");
    let moto = Moto::start();
    let proxy = Proxy::start(&moto.url(), &[]);
    // moto serves one key set under every pool's path.
    let jwks = format!("{}/eu-west-1_any/.well-known/jwks.json", moto.url());
    let token_proxy = Proxy::start(&moto.url(), &["--jwks", &jwks]);
    let driver = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/e2e/driver.py");
    let out = Command::new(python)
        .arg(driver)
        .arg(format!("http://{}", proxy.addr))
        .arg(moto.url())
        .arg(format!("http://{}", token_proxy.addr))
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("AWS_CONFIG_FILE", "/dev/null")
        .env("AWS_SHARED_CREDENTIALS_FILE", "/dev/null")
        .output()
        .expect("the driver runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let log = proxy.log() + &token_proxy.log();
    assert!(
        out.status.success(),
        "driver failed:\n{stdout}\n{stderr}\nproxy log:\n{log}"
    );
    for check in [
        "setup",
        "update-user-attributes-valid",
        "moto-checks-signatures",
        "admin-update-user-attributes-signed",
        "sign-up",
        "update-user-attributes-invalid",
        "moto-alone-accepts-it",
        "pass-through-identical",
        "upstream-errors-pass-through",
        "token-valid",
        "token-expired",
        "token-tampered",
        "token-wrong-use",
        "tokens-refused-leave-moto-untouched",
    ] {
        assert!(
            stdout.lines().any(|l| l == format!("ok {check}")),
            "check {check} did not pass:\n{stdout}"
        );
    }
    // No token, password, key or attribute value the driver used is logged.
    let secrets: Vec<&str> = stdout
        .lines()
        .filter_map(|l| l.strip_prefix("secret "))
        .collect();
    assert!(secrets.len() >= 6, "{stdout}");
    for s in secrets {
        assert!(
            !log.contains(s),
            "the proxy logged a secret ({} chars)",
            s.len()
        );
    }
    assert!(
        log.contains("operation=\"UpdateUserAttributes\" verdict=\"rejected\" rules=S102"),
        "{log}"
    );
}
