//! `refresh VERSION`: replaces the vendored model with the one of another
//! botocore release, fetched with `pip download` (the only step that uses the
//! network; the build never does). Unpacking uses Python's standard library,
//! which comes with pip.

use std::path::Path;
use std::process::Command;

/// Unpacks the model from the wheel into `model/service-2.json` and records
/// the release, the hashes and the date in `model/source.json`.
const UNPACK: &str = r#"
import datetime, gzip, hashlib, json, sys, zipfile
wheel, version, model_dir = sys.argv[1], sys.argv[2], sys.argv[3]
inner = "botocore/data/cognito-idp/2016-04-18/service-2.json.gz"
raw = open(wheel, "rb").read()
with zipfile.ZipFile(wheel) as z:
    gz = z.read(inner)
data = gzip.decompress(gz)
json.loads(data)
open(model_dir + "/service-2.json", "wb").write(data)
source = {
    "botocore": version,
    "wheel": wheel.replace("\\", "/").split("/")[-1],
    "wheel_sha256": hashlib.sha256(raw).hexdigest(),
    "path_in_wheel": inner,
    "gz_sha256": hashlib.sha256(gz).hexdigest(),
    "json_sha256": hashlib.sha256(data).hexdigest(),
    "vendored": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d"),
}
open(model_dir + "/source.json", "w").write(json.dumps(source, indent=2) + "\n")
"#;

/// Downloads botocore `version`'s wheel and vendors its cognito-idp model.
pub fn run(root: &Path, version: &str) -> Result<(), String> {
    if !version.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return Err(format!("{version:?} is not a botocore version like 1.44.9"));
    }
    let dir = root.join("target").join("xtask-refresh");
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let status = Command::new("python3")
        .args([
            "-m",
            "pip",
            "download",
            "--no-deps",
            "--only-binary",
            ":all:",
            "-d",
        ])
        .arg(&dir)
        .arg(format!("botocore=={version}"))
        .status()
        .map_err(|e| format!("running pip: {e}"))?;
    if !status.success() {
        return Err("pip download failed".into());
    }
    let wheel = dir.join(format!("botocore-{version}-py3-none-any.whl"));
    let status = Command::new("python3")
        .args(["-c", UNPACK])
        .arg(&wheel)
        .arg(version)
        .arg(root.join("model"))
        .status()
        .map_err(|e| format!("running python3: {e}"))?;
    if !status.success() {
        return Err("unpacking the model failed".into());
    }
    println!(
        "vendored botocore {version}; now run `cargo run -p xtask -- codegen`, review the \
         overlay's entries against the new model, and update model/README.md"
    );
    Ok(())
}
