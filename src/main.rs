//! The `thidua` command line: a thin layer over the library.

mod cmd;

use std::process::ExitCode;

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

/// `mi_option_purge_delay` in mimalloc 3's `mi_option_e`: the Rust binding
/// names only the options mimalloc 1 had.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// How long a freed page waits before `watch` gives it back, in ms
/// (mimalloc's default is 1,000: longer than a save's layout).
const WATCH_PURGE_DELAY_MS: std::ffi::c_long = 250;

/// Memory for a long-lived process (`watch`), measured (BENCHMARKS.md,
/// "Huge pages and freed pages"): transparent huge pages, which mimalloc asks for, kept
/// 50–70 MB more resident (a 2 MiB page stays while any of it is used) for no
/// speed, and freed pages held for a second kept 20–30 MB more at a save's
/// peak. A short build keeps both defaults.
fn long_lived_memory() {
    // SAFETY: `mi_option_set` only stores an integer mimalloc reads when it
    // next purges.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, WATCH_PURGE_DELAY_MS) };
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes integers and touches no memory of
    // ours; where the kernel refuses it, the process goes on with THP.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

fn main() -> ExitCode {
    let cli = cmd::Cli::parse_localised();
    let lang = cli.lang();
    match cmd::run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("{} {e:#}", cmd::say(lang, "lỗi:", "error:"));
            ExitCode::from(2)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_purge_delay_option_is_the_one_mimalloc_3_defaults_to_a_second() {
        // Of mimalloc 3's options only the purge delay defaults to 1,000 ms:
        // a binding that moved the index would fail here.
        let get = |option| unsafe { libmimalloc_sys::mi_option_get(option) };
        assert_eq!(get(MI_OPTION_PURGE_DELAY), 1000);
        assert_ne!(get(MI_OPTION_PURGE_DELAY - 1), 1000);
        assert_ne!(get(MI_OPTION_PURGE_DELAY + 1), 1000);
    }
}
