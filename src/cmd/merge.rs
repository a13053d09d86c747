use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

#[derive(Args)]
pub struct MergeArgs {
    /// Thư mục không gian làm việc có output/manifest.shard-*.json (workspace folder)
    #[arg(default_value = ".")]
    dir: PathBuf,
}

pub fn run(args: MergeArgs) -> anyhow::Result<ExitCode> {
    let manifest = thidua::build::merge_manifests(&args.dir)?;
    eprintln!(
        "đã ghép output/manifest.json: {} văn bản",
        manifest.documents.len()
    );
    Ok(ExitCode::SUCCESS)
}
