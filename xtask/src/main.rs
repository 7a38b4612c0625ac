//! `cargo run -p xtask -- codegen | check | refresh VERSION`: see the
//! README's section "The service model".

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = xtask::root();
    let result = match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["codegen"] => codegen(&root),
        ["check"] => check(&root),
        ["refresh", version] => refresh::run(&root, version),
        _ => Err("usage: cargo run -p xtask -- codegen | check | refresh VERSION".into()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

mod refresh;

/// Writes every generated file and removes schemas no longer generated.
fn codegen(root: &std::path::Path) -> Result<(), String> {
    let files = xtask::generate(root)?;
    let stale = xtask::stale(root, &files);
    for p in &stale {
        match files.iter().find(|(q, _)| q == p) {
            Some((_, text)) => {
                let path = root.join(p);
                if let Some(dir) = path.parent() {
                    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
                }
                std::fs::write(&path, text).map_err(|e| format!("{}: {e}", p.display()))?;
                println!("wrote {}", p.display());
            }
            None => {
                std::fs::remove_file(root.join(p)).map_err(|e| e.to_string())?;
                println!("removed {}", p.display());
            }
        }
    }
    println!("{} files, {} changed", files.len(), stale.len());
    Ok(())
}

/// Fails when a checked-in file differs from what the generator writes.
fn check(root: &std::path::Path) -> Result<(), String> {
    let files = xtask::generate(root)?;
    let stale = xtask::stale(root, &files);
    if stale.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "stale generated files (run `cargo run -p xtask -- codegen`): {stale:?}"
        ))
    }
}
