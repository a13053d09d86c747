//! The `thidua` command line: a thin layer over the library.

mod cmd;

use std::process::ExitCode;

use clap::Parser;

/// Typst allocates and frees heavily; mimalloc measured faster than the
/// system allocator and gives freed memory back to a long-lived `watch`
/// (BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Gives the memory freed by a rebuild back to the system: a waiting
/// `watch` holds what it keeps for the next save, not the last one's peak.
/// Measured (BENCHMARKS.md): 0.92–0.98 GB resident instead of 1.3–1.45 GB.
fn release_memory() {
    // SAFETY: `mi_collect` has no precondition; it only frees pages mimalloc
    // owns and no longer uses.
    unsafe { libmimalloc_sys::mi_collect(true) };
}

fn main() -> ExitCode {
    let cli = cmd::Cli::parse();
    let lang = cli.lang();
    match cmd::run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("{} {e:#}", cmd::say(lang, "lỗi:", "error:"));
            ExitCode::from(2)
        }
    }
}
