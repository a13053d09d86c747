use std::process::ExitCode;

use anyhow::Context;
use clap::Args;
use thidua::diag::Lang;
use thidua::pipeline::watch::Changes;
use thidua::pipeline::{self, BuildOptions};

use super::Common;

#[derive(Args)]
pub struct WatchArgs {
    #[command(flatten)]
    pub common: Common,
    /// Ghi thêm nguồn .typ cạnh mỗi PDF (also write the Typst sources)
    #[arg(long)]
    keep_typst: bool,
    /// Không ghi tệp Word (.docx) cạnh mỗi PDF (write no Word files)
    #[arg(long)]
    no_docx: bool,
    /// Số văn bản dàn trang cùng lúc (documents typeset at once)
    #[arg(long, short)]
    jobs: Option<usize>,
    /// In thời gian từng giai đoạn sau mỗi lần dựng (print the time of each stage after each rebuild)
    #[arg(long)]
    timings: bool,
}

pub fn run(args: WatchArgs) -> anyhow::Result<ExitCode> {
    crate::long_lived_memory();
    let root = args.common.dir.clone();
    let options = BuildOptions {
        keep_typst: args.keep_typst,
        no_docx: args.no_docx,
        final_: args.common.final_,
        jobs: args.jobs,
        // A long-lived process: keep one edit's layout for the next save.
        memo_age: Some(thidua::typeset::WATCH_EVICT_MAX_AGE),
        ..BuildOptions::default()
    };
    let lang = args.common.lang;
    let mut changes = Changes::watch(&root).with_context(|| match lang {
        Lang::Vi => format!("không theo dõi được thay đổi tệp trong {}", root.display()),
        Lang::En => format!("cannot watch for changes in {}", root.display()),
    })?;
    let mut warm = pipeline::Warm::default();
    rebuild(&args, &options, &mut warm, false)?;
    status_line(
        &args.common,
        "đang chờ thay đổi trong inputs/ và templates/ (Ctrl+C để dừng)",
        "watching inputs/ and templates/ (Ctrl+C to stop)",
    );
    while changes.wait().is_some() {
        // A file that cannot be written now (a full disk, a PDF held open)
        // may be written at the next save: the error is shown, watch goes on.
        if let Err(e) = rebuild(&args, &options, &mut warm, true) {
            eprintln!("{} {e:#}", super::say(args.common.lang, "lỗi:", "error:"));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Builds (only what changed is typeset), prints diagnostics and one status
/// line; after a change, also the documents it rewrote, one per line.
fn rebuild(
    args: &WatchArgs,
    options: &BuildOptions,
    warm: &mut pipeline::Warm,
    list: bool,
) -> anyhow::Result<()> {
    let common = &args.common;
    let report = pipeline::build_warm(&common.dir, options, warm)?;
    crate::release_memory();
    thidua::diag::emit(
        &report.diagnostics,
        &report.sources,
        common.format,
        common.lang,
    )?;
    let rebuilt = report.rewritten.len();
    let kept = report.manifest.documents.len() - rebuilt;
    let errors = report.diagnostics.iter().filter(|d| d.is_error()).count();
    let secs = report.timings.total.as_secs_f64();
    status_line(
        common,
        &format!("dựng lại {rebuilt} văn bản, {kept} không đổi, {errors} lỗi ({secs:.2} giây)"),
        &format!(
            "rebuilt {rebuilt} document(s), {kept} unchanged, {errors} error(s) ({secs:.2} s)"
        ),
    );
    if args.timings {
        eprint!("{}", super::timings_table(&report.timings, common.lang));
    }
    if list && !common.quiet {
        for path in &report.rewritten {
            eprintln!("  {path}");
        }
    }
    Ok(())
}

fn status_line(common: &Common, vi: &str, en: &str) {
    eprintln!("{}", if common.lang == Lang::Vi { vi } else { en });
}
