use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, ValueEnum};
use thidua::diag::{Lang, Text};
use thidua::pipeline::{self, BuildOptions};
use thidua::{model, output, rules, scaffold};

use super::failure;

#[derive(Clone, Copy, ValueEnum)]
enum Kind {
    /// Kế hoạch phát động phong trào (inputs/campaign.yaml); mã là mã phong trào
    Campaign,
    /// Một đơn vị tham gia phong trào (inputs/units/<mã>.yaml)
    Unit,
    /// Kết quả thẩm định của cơ quan thẩm định (inputs/appraisal.yaml); mã là đơn vị thẩm định
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
    /// Ngôn ngữ thông báo (message language)
    #[arg(long, default_value = "vi", value_parser = super::lang_parser())]
    pub lang: Lang,
}

pub fn run(args: NewArgs) -> anyhow::Result<ExitCode> {
    let lang = args.lang;
    if !rules::is_slug(&args.name) {
        let (name, example) = (&args.name, rules::slugify(&args.name));
        let text = Text::new(
            format!(
                "mã `{name}` không hợp lệ: chỉ dùng chữ thường không dấu, số và dấu `-` (ví dụ `{example}`)"
            ),
            format!(
                "id `{name}` is invalid: use lowercase ASCII letters, digits and `-` (for example `{example}`)"
            ),
        );
        return Err(failure(lang, &text));
    }
    let workspace = pipeline::check(&args.dir, &BuildOptions::default())
        .map(|checked| checked.workspace)
        .unwrap_or_default();
    let campaign = workspace.campaign.as_ref().map(|c| &c.value);
    let (path, text) = match args.kind {
        Kind::Campaign => (
            args.dir.join("inputs/campaign.yaml"),
            scaffold::campaign(&args.name),
        ),
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
    let shown = path.display();
    if path.exists() {
        let text = Text::new(
            format!("đã có tệp {shown}: không ghi đè"),
            format!("{shown} exists already: not overwritten"),
        );
        return Err(failure(lang, &text));
    }
    let cannot_write = |p: &std::path::Path| match lang {
        Lang::Vi => format!("không ghi được {}", p.display()),
        Lang::En => format!("cannot write {}", p.display()),
    };
    output::write_atomic(&path, text.as_bytes()).with_context(|| cannot_write(&path))?;
    let schema = serde_json::to_string_pretty(&model::json_schema())? + "\n";
    let schema_path = args.dir.join(scaffold::SCHEMA_FILE);
    output::write_atomic(&schema_path, schema.as_bytes())
        .with_context(|| cannot_write(&schema_path))?;
    let schema_file = scaffold::SCHEMA_FILE;
    eprintln!(
        "{}",
        match lang {
            Lang::Vi =>
                format!("đã tạo {shown} (và {schema_file}); điền thông tin rồi chạy `thidua check`"),
            Lang::En =>
                format!("wrote {shown} (and {schema_file}); fill it in, then run `thidua check`"),
        }
    );
    Ok(ExitCode::SUCCESS)
}
