use std::io::IsTerminal;
use std::process::ExitCode;
use std::sync::Arc;

use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use thidua::diag::Lang;
use thidua::pipeline::{self, BuildOptions, Progress, Shard};

use super::Common;

#[derive(Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub common: Common,
    /// Ghi thêm nguồn .typ cạnh mỗi PDF và thư viện dàn trang vào output/ (also write the Typst sources)
    #[arg(long)]
    keep_typst: bool,
    /// Không ghi tệp Word (.docx) cạnh mỗi PDF (write no Word files)
    #[arg(long)]
    no_docx: bool,
    /// Số văn bản dàn trang cùng lúc; mặc định bằng số nhân CPU (documents typeset at once)
    #[arg(long, short)]
    jobs: Option<usize>,
    /// In thời gian từng giai đoạn và các văn bản chậm nhất (print the time of each stage)
    #[arg(long)]
    timings: bool,
    /// Dàn trang lại mọi văn bản, kể cả văn bản không đổi (rebuild every document)
    #[arg(long)]
    force: bool,
    /// Chỉ dựng phần K trên N (ví dụ 2/4), ghi output/manifest.shard-K-of-N.json; ghép bằng `thidua merge-manifests` (build shard K of N)
    #[arg(long)]
    shard: Option<String>,
}

pub fn run(args: BuildArgs) -> anyhow::Result<ExitCode> {
    let lang = args.common.lang;
    let shard = match args.shard.as_deref().map(|text| (text, Shard::parse(text))) {
        None => None,
        Some((_, Some(shard))) => Some(shard),
        Some((text, None)) => {
            let text = thidua::diag::Text::new(
                format!("--shard `{text}` không hợp lệ: ghi K/N với 1 ≤ K ≤ N, ví dụ 2/4"),
                format!("--shard `{text}` is invalid: write K/N with 1 ≤ K ≤ N, e.g. 2/4"),
            );
            return Err(super::failure(lang, &text));
        }
    };
    let bar = progress_bar(args.common.quiet, args.common.lang);
    let progress = bar.clone().map(|bar| {
        Progress(Arc::new(move |done: usize, total: usize| {
            bar.set_length(total as u64);
            bar.set_position(done as u64);
        }))
    });
    let options = BuildOptions {
        keep_typst: args.keep_typst,
        no_docx: args.no_docx,
        final_: args.common.final_,
        jobs: args.jobs,
        progress,
        force: args.force,
        shard,
        ..BuildOptions::default()
    };
    let report =
        pipeline::build(&args.common.dir, &options).map_err(|e| super::failure(lang, &e.text()))?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    let code = super::report(&args.common, &report.diagnostics, &report.sources)?;
    if args.timings {
        eprint!(
            "{}",
            super::timings_table(&report.timings, args.common.lang)
        );
    }
    if !args.common.quiet {
        let n = report.manifest.documents.len();
        let kept = report.reused;
        let secs = report.timings.total.as_secs_f64();
        match args.common.lang {
            Lang::Vi => eprintln!(
                "output/ có {n} văn bản ({kept} không đổi, giữ nguyên) sau {secs:.2} giây"
            ),
            Lang::En => eprintln!(
                "output/ holds {n} document(s) ({kept} unchanged, kept) after {secs:.2} s"
            ),
        }
    }
    Ok(code)
}

/// A bar on a terminal only: never with `--quiet`, never in CI.
fn progress_bar(quiet: bool, lang: Lang) -> Option<ProgressBar> {
    let in_ci = std::env::var_os("CI").is_some_and(|v| v != "false" && v != "0");
    if quiet || in_ci || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = ProgressBar::new(0);
    let template = super::say(
        lang,
        "{bar:30} {pos}/{len} văn bản {elapsed}",
        "{bar:30} {pos}/{len} documents {elapsed}",
    );
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style);
    }
    Some(bar)
}
