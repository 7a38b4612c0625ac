//! Latency and throughput of `cognito-validate serve`, measured with `wrk`
//! on loopback (`cargo bench --all-features --bench gateway`; needs `wrk`,
//! e.g. `apt-get install wrk`).
//!
//! One run measures, against the same fast upstream (hyper answering 200,
//! in this process): the client straight to the upstream; `serve
//! --no-validate` (the same proxy without the layer); `serve` with valid
//! UpdateUserAttributes bodies; `serve` with bodies it refuses itself; and
//! `serve` held at 1,000 connections, with its peak RSS. Every run is bounded
//! (a few seconds each) and binds 127.0.0.1 only.

use std::convert::Infallible;
use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use bytes::Bytes;
use http_body_util::Full;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;

const VALID: &str = r#"{"AccessToken":"eyJ0.eyJ1.c2ln","UserAttributes":[{"Name":"nickname","Value":"Ada"},{"Name":"custom:plan","Value":"pro"}]}"#;
const INVALID: &str = r#"{"AccessToken":"eyJ0.eyJ1.c2ln","UserAttributes":[{"Name":"custom:a-name-much-longer-than-32-characters","Value":"Ada"}]}"#;

/// Seconds per measured run.
const SECONDS: u32 = 5;

fn upstream() -> SocketAddr {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime");
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                .await
                .expect("a port");
            tx.send(listener.local_addr().expect("an address"))
                .expect("the bench waits");
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    continue;
                };
                tokio::spawn(async move {
                    let svc = service_fn(|_req: Request<hyper::body::Incoming>| async {
                        let mut r = Response::new(Full::new(Bytes::from_static(b"{}")));
                        r.headers_mut().insert(
                            "content-type",
                            hyper::header::HeaderValue::from_static("application/x-amz-json-1.1"),
                        );
                        Ok::<_, Infallible>(r)
                    });
                    let _ = http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), svc)
                        .await;
                });
            }
        });
    });
    rx.recv().expect("the upstream starts")
}

struct Serve(Child, SocketAddr);

impl Serve {
    fn start(upstream: SocketAddr, extra: &[&str]) -> Serve {
        let mut child = Command::new(env!("CARGO_BIN_EXE_cognito-validate"))
            .args(["serve", "--listen", "127.0.0.1:0", "--upstream"])
            .arg(format!("http://{upstream}"))
            .args(extra)
            .env("RUST_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("serve starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("piped"))
            .read_line(&mut line)
            .expect("a line");
        let addr = line
            .trim()
            .trim_start_matches("listening on ")
            .parse()
            .expect("an address");
        Serve(child, addr)
    }

    /// Peak resident set (VmHWM), in KiB.
    fn peak_rss_kib(&self) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.0.id())).ok()?;
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

struct Figures {
    rps: f64,
    p50: String,
    p99: String,
    non_2xx: u64,
}

fn wrk(addr: SocketAddr, body: &str, connections: u32) -> Figures {
    let script = std::env::temp_dir().join(format!("cv-bench-{}.lua", std::process::id()));
    std::fs::write(
        &script,
        format!(
            "wrk.method = \"POST\"\nwrk.body = '{body}'\n\
             wrk.headers[\"Content-Type\"] = \"application/x-amz-json-1.1\"\n\
             wrk.headers[\"X-Amz-Target\"] = \"AWSCognitoIdentityProviderService.UpdateUserAttributes\"\n"
        ),
    )
    .expect("a script");
    let out = Command::new("wrk")
        .args([
            "-t",
            "1",
            "-c",
            &connections.to_string(),
            "-d",
            &format!("{SECONDS}s"),
        ])
        .args(["--timeout", "5s", "--latency", "-s"])
        .arg(&script)
        .arg(format!("http://{addr}/"))
        .output()
        .expect("wrk runs (apt-get install wrk)");
    let text = String::from_utf8_lossy(&out.stdout);
    let field = |prefix: &str| {
        text.lines()
            .find_map(|l| l.trim().strip_prefix(prefix).map(|v| v.trim().to_owned()))
            .unwrap_or_else(|| "?".into())
    };
    Figures {
        rps: field("Requests/sec:").parse().unwrap_or(0.0),
        p50: field("50%"),
        p99: field("99%"),
        non_2xx: field("Non-2xx or 3xx responses:").parse().unwrap_or(0),
    }
}

fn main() {
    if Command::new("wrk").arg("--version").output().is_err() {
        eprintln!("wrk not found: install it (apt-get install wrk) to run this benchmark");
        return;
    }
    let up = upstream();
    println!(
        "{:<34} {:>10} {:>9} {:>9} {:>8}",
        "", "req/s", "p50", "p99", "non-2xx"
    );
    let row = |name: &str, f: &Figures| {
        println!(
            "{name:<34} {:>10.0} {:>9} {:>9} {:>8}",
            f.rps, f.p50, f.p99, f.non_2xx
        );
    };
    {
        let connections = 50;
        row(
            &format!("straight to upstream, {connections} conn"),
            &wrk(up, VALID, connections),
        );
        let plain = Serve::start(up, &["--no-validate"]);
        row(
            &format!("pass-through proxy, {connections} conn"),
            &wrk(plain.1, VALID, connections),
        );
        drop(plain);
        let serve = Serve::start(up, &[]);
        row(
            &format!("serve, valid, {connections} conn"),
            &wrk(serve.1, VALID, connections),
        );
        row(
            &format!("serve, refused, {connections} conn"),
            &wrk(serve.1, INVALID, connections),
        );
    }
    let serve = Serve::start(up, &[]);
    let before = serve.peak_rss_kib().unwrap_or(0);
    row("serve, valid, 1000 conn", &wrk(serve.1, VALID, 1000));
    let after = serve.peak_rss_kib().unwrap_or(0);
    println!("serve peak RSS: {before} KiB at start, {after} KiB after 1000 connections");
    std::thread::sleep(Duration::from_millis(100));
}
