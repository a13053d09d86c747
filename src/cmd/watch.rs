use std::path::Path;
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::Duration;

use anyhow::Context;
use clap::Args;
use notify::RecursiveMode;
use thidua::build::{self, BuildOptions};
use thidua::diag::Lang;

use super::Common;

#[derive(Args)]
pub struct WatchArgs {
    #[command(flatten)]
    common: Common,
    /// Ghi thêm nguồn .typ cạnh mỗi PDF (also write the Typst sources)
    #[arg(long)]
    keep_typst: bool,
    /// Số văn bản dàn trang cùng lúc (documents typeset at once)
    #[arg(long, short)]
    jobs: Option<usize>,
}

/// Saves often come as bursts of events (write, rename, chmod): one rebuild each burst.
const SETTLE: Duration = Duration::from_millis(300);

pub fn run(args: WatchArgs) -> anyhow::Result<ExitCode> {
    let root = args.common.dir.clone();
    let options = BuildOptions {
        keep_typst: args.keep_typst,
        final_: args.common.final_,
        jobs: args.jobs,
        ..BuildOptions::default()
    };
    let (tx, rx) = mpsc::channel();
    let mut debouncer = notify_debouncer_mini::new_debouncer(SETTLE, tx)
        .context("không theo dõi được thay đổi tệp")?;
    let watched: Vec<_> = ["inputs", "templates"]
        .iter()
        .map(|f| root.join(f))
        .filter(|p| p.is_dir())
        .collect();
    for folder in &watched {
        debouncer
            .watcher()
            .watch(folder, RecursiveMode::Recursive)
            .with_context(|| format!("không theo dõi được {}", folder.display()))?;
    }
    rebuild(&root, &args.common, &options)?;
    status_line(
        &args.common,
        "đang chờ thay đổi trong inputs/ và templates/ (Ctrl+C để dừng)",
        "watching inputs/ and templates/ (Ctrl+C to stop)",
    );
    for events in rx {
        let Ok(events) = events else { continue };
        // Only what a user edits counts: not output/, not editors' swap files.
        let relevant = events.iter().any(|e| is_source(&e.path));
        if relevant {
            rebuild(&root, &args.common, &options)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn is_source(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    !name.starts_with('.') && !name.ends_with('~') && !name.ends_with(".swp")
}

/// Builds (only what changed is typeset) and prints diagnostics and one status line.
fn rebuild(root: &Path, common: &Common, options: &BuildOptions) -> anyhow::Result<()> {
    let report = build::build(root, options)?;
    thidua::diag::emit(
        &report.diagnostics,
        &report.sources,
        common.format,
        common.lang,
    )?;
    let total = report.manifest.documents.len();
    let rebuilt = total - report.reused;
    let errors = report.diagnostics.iter().filter(|d| d.is_error()).count();
    let secs = report.timings.total.as_secs_f64();
    status_line(
        common,
        &format!(
            "dựng lại {rebuilt} văn bản, {} không đổi, {errors} lỗi ({secs:.2} giây)",
            report.reused
        ),
        &format!(
            "rebuilt {rebuilt} document(s), {} unchanged, {errors} error(s) ({secs:.2} s)",
            report.reused
        ),
    );
    Ok(())
}

fn status_line(common: &Common, vi: &str, en: &str) {
    eprintln!("{}", if common.lang == Lang::Vi { vi } else { en });
}
