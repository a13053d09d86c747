use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, bail};
use clap::{Args, ValueEnum};
use thidua::build::{self, BuildOptions};
use thidua::{model, output, rules, scaffold};

#[derive(Clone, Copy, ValueEnum)]
enum Kind {
    /// Một đơn vị tham gia phong trào (inputs/units/<mã>.yaml)
    Unit,
    /// Kết quả thẩm định của Sở Nội vụ (inputs/appraisal.yaml); mã là đơn vị thẩm định
    Appraisal,
}

#[derive(Args)]
pub struct NewArgs {
    /// Loại tệp (kind of file)
    #[arg(value_enum)]
    kind: Kind,
    /// Mã (id): chữ thường không dấu, số, dấu gạch ngang
    name: String,
    /// Thư mục không gian làm việc (workspace folder)
    #[arg(default_value = ".")]
    dir: PathBuf,
}

pub fn run(args: NewArgs) -> anyhow::Result<ExitCode> {
    if !rules::is_slug(&args.name) {
        bail!(
            "mã `{}` không hợp lệ: chỉ dùng chữ thường không dấu, số và dấu `-` (ví dụ `{}`)",
            args.name,
            rules::slugify(&args.name)
        );
    }
    let workspace = build::check(&args.dir, &BuildOptions::default())
        .map(|checked| checked.workspace)
        .unwrap_or_default();
    let campaign = workspace.campaign.as_ref().map(|c| &c.value);
    let (path, text) = match args.kind {
        Kind::Unit => (
            args.dir
                .join("inputs/units")
                .join(format!("{}.yaml", args.name)),
            scaffold::unit(&args.name, campaign),
        ),
        Kind::Appraisal => (
            args.dir.join("inputs/appraisal.yaml"),
            scaffold::appraisal(&args.name, &workspace),
        ),
    };
    if path.exists() {
        bail!("đã có tệp {}: không ghi đè", path.display());
    }
    output::write_atomic(&path, text.as_bytes())
        .with_context(|| format!("không ghi được {}", path.display()))?;
    let schema = serde_json::to_string_pretty(&model::json_schema())? + "\n";
    let schema_path = args.dir.join(scaffold::SCHEMA_FILE);
    output::write_atomic(&schema_path, schema.as_bytes())
        .with_context(|| format!("không ghi được {}", schema_path.display()))?;
    eprintln!(
        "đã tạo {} (và {}); điền thông tin rồi chạy `thidua check`",
        path.display(),
        scaffold::SCHEMA_FILE
    );
    Ok(ExitCode::SUCCESS)
}
