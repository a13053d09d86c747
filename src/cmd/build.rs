use std::process::ExitCode;
use std::time::Instant;

use clap::Args;
use thidua::build::{self, BuildOptions};
use thidua::diag::Lang;

use super::Common;

#[derive(Args)]
pub struct BuildArgs {
    #[command(flatten)]
    common: Common,
    /// Ghi thêm nguồn .typ cạnh mỗi PDF và thư viện dàn trang vào output/ (also write the Typst sources)
    #[arg(long)]
    keep_typst: bool,
    /// Số văn bản dàn trang cùng lúc; mặc định bằng số nhân CPU (documents typeset at once)
    #[arg(long, short)]
    jobs: Option<usize>,
}

pub fn run(args: BuildArgs) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let options = BuildOptions {
        keep_typst: args.keep_typst,
        final_: args.common.final_,
        jobs: args.jobs,
    };
    let report = build::build(&args.common.dir, &options)?;
    let code = super::report(&args.common, &report.diagnostics, &report.sources)?;
    if !args.common.quiet {
        let n = report.manifest.documents.len();
        let secs = started.elapsed().as_secs_f64();
        match args.common.lang {
            Lang::Vi => eprintln!("đã ghi {n} văn bản vào output/ trong {secs:.2} giây"),
            Lang::En => eprintln!("wrote {n} document(s) to output/ in {secs:.2} s"),
        }
    }
    Ok(code)
}
