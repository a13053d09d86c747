use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use thidua::diag::Lang;

#[derive(Args)]
pub struct MergeArgs {
    /// Thư mục không gian làm việc có output/manifest.shard-*.json (workspace folder)
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// Ngôn ngữ thông báo (message language)
    #[arg(long, default_value = "vi", value_parser = super::lang_parser())]
    pub lang: Lang,
}

pub fn run(args: MergeArgs) -> anyhow::Result<ExitCode> {
    let lang = args.lang;
    let manifest = thidua::pipeline::merge_manifests(&args.dir)
        .map_err(|e| super::failure(lang, &e.text()))?;
    let n = manifest.documents.len();
    eprintln!(
        "{}",
        match lang {
            Lang::Vi => format!("đã ghép output/manifest.json: {n} văn bản"),
            Lang::En => format!("joined output/manifest.json: {n} document(s)"),
        }
    );
    Ok(ExitCode::SUCCESS)
}
