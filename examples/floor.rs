//! The floor of a build: lay out and export as PDF every Typst source that
//! `thidua build --keep-typst` left in `output/`, in one warm process, with
//! nothing else (no loading, checking, rendering, hashing or writing). What a
//! thidua build costs above this is its overhead.
//!
//! ```sh
//! cargo run --release --example floor -- DIR/output [--jobs N]
//! ```

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use chrono::NaiveDate;
use thidua::typeset;

fn main() {
    let mut args = std::env::args().skip(1);
    let mut out_dir: Option<PathBuf> = None;
    let mut jobs = std::thread::available_parallelism().map_or(1, |n| n.get());
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--jobs" | "-j" => {
                jobs = args
                    .next()
                    .and_then(|n| n.parse().ok())
                    .unwrap_or_else(|| usage())
            }
            _ if out_dir.is_none() => out_dir = Some(PathBuf::from(arg)),
            _ => usage(),
        }
    }
    let out_dir = out_dir.unwrap_or_else(|| usage());
    let mut library = Vec::new();
    let mut documents = Vec::new();
    for entry in walkdir::WalkDir::new(&out_dir).sort_by_file_name() {
        let Ok(entry) = entry else { continue };
        let path = entry.path();
        if path.extension().and_then(|e| e.to_str()) != Some("typ") {
            continue;
        }
        let rel = path
            .strip_prefix(&out_dir)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/");
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        if rel.starts_with("lib/") {
            library.push((rel, text));
        } else {
            documents.push((rel, text));
        }
    }
    if documents.is_empty() {
        eprintln!(
            "no .typ sources under {}: build with --keep-typst",
            out_dir.display()
        );
        std::process::exit(2);
    }
    let started = Instant::now();
    let base = typeset::Base::new(library.iter().map(|(n, t)| (n.as_str(), t.as_str())));
    let next = AtomicUsize::new(0);
    let pages = AtomicUsize::new(0);
    let failed = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for _ in 0..jobs.max(1) {
            scope.spawn(|| {
                while let Some((rel, text)) = documents.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let date = NaiveDate::from_ymd_opt(2025, 12, 1).unwrap_or_default();
                    match typeset::layout(&base, text.clone(), date)
                        .and_then(|doc| typeset::pdf(&doc, rel).map(|_| doc.pages().len()))
                    {
                        Ok(n) => {
                            pages.fetch_add(n, Ordering::Relaxed);
                        }
                        Err(_) => {
                            failed.fetch_add(1, Ordering::Relaxed);
                        }
                    }
                }
            });
        }
    });
    let secs = started.elapsed().as_secs_f64();
    println!(
        "{} sources, {} pages, {} failed, {jobs} thread(s): {secs:.2} s ({:.0} documents/s)",
        documents.len(),
        pages.load(Ordering::Relaxed),
        failed.load(Ordering::Relaxed),
        documents.len() as f64 / secs
    );
}

fn usage() -> ! {
    eprintln!("usage: floor OUTPUT_DIR [--jobs N]   (sources from `thidua build --keep-typst`)");
    std::process::exit(2)
}
