//! Subcommands, one file each; each parses its options, calls the library
//! and turns the outcome into an exit code.

mod build;
mod check;
mod import;
mod merge;
mod new;
mod schema;
mod watch;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::builder::TypedValueParser as _;
use clap::{Args, Parser, Subcommand};
use thidua::diag::{self, Diagnostic, Format, Lang};
use thidua::pipeline::Timings;
use thidua::source::Sources;

#[derive(Parser)]
#[command(
    name = "thidua",
    version,
    about = "Kế hoạch, báo cáo và hồ sơ thi đua, khen thưởng theo Nghị định 30 từ tệp YAML"
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Đọc và kiểm tra mọi tệp trong inputs/ (check every input)
    Check(check::CheckArgs),
    /// Kiểm tra rồi dàn trang mọi văn bản vào output/ (check, then build every document)
    Build(build::BuildArgs),
    /// Tạo tệp khởi đầu có chú thích (write a commented starting file)
    New(new::NewArgs),
    /// In JSON Schema của mọi loại tệp đầu vào (print the inputs' JSON Schema)
    Schema(schema::SchemaArgs),
    /// Ghép các manifest của `build --shard K/N` thành output/manifest.json (join shard manifests)
    MergeManifests(merge::MergeArgs),
    /// Dựng lại những gì thay đổi mỗi khi lưu tệp (rebuild what changed on every save)
    Watch(watch::WatchArgs),
    /// Nhập danh sách từ bảng tính vào tệp của một đơn vị (merge a spreadsheet list into a unit's file)
    Import(import::ImportArgs),
}

/// Options every command shares.
#[derive(Args)]
pub struct Common {
    /// Thư mục không gian làm việc (workspace folder)
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Cách in thông báo (diagnostics format)
    #[arg(long, default_value = "human", value_parser = format_parser())]
    pub format: Format,
    /// Ngôn ngữ thông báo (message language)
    #[arg(long, default_value = "vi", value_parser = lang_parser())]
    pub lang: Lang,
    /// Bản chính thức: số và ngày còn trống là lỗi (final: blanks are errors)
    #[arg(long = "final")]
    pub final_: bool,
    /// Chỉ in lỗi và cảnh báo (only print diagnostics)
    #[arg(long, short)]
    pub quiet: bool,
}

impl Cli {
    /// The language the user asked for, for messages of any command.
    pub fn lang(&self) -> Lang {
        match &self.command {
            Command::Check(a) => a.common.lang,
            Command::Build(a) => a.common.lang,
            Command::Watch(a) => a.common.lang,
            Command::Import(a) => a.common.lang,
            Command::New(a) => a.lang,
            Command::MergeManifests(a) => a.lang,
            Command::Schema(_) => Lang::Vi,
        }
    }
}

/// `--lang vi|en`: the library's [`Lang`] (clap stays in this folder).
pub fn lang_parser() -> impl clap::builder::TypedValueParser<Value = Lang> {
    clap::builder::PossibleValuesParser::new(["vi", "en"]).map(|s| match s.as_str() {
        "en" => Lang::En,
        _ => Lang::Vi,
    })
}

/// `--format human|json|github`: the library's [`Format`].
pub fn format_parser() -> impl clap::builder::TypedValueParser<Value = Format> {
    clap::builder::PossibleValuesParser::new(["human", "json", "github", "gitlab"]).map(|s| match s
        .as_str()
    {
        "json" => Format::Json,
        "github" => Format::Github,
        "gitlab" => Format::Gitlab,
        _ => Format::Human,
    })
}

/// A failure of a command (exit code 2), worded in `lang`.
pub fn failure(lang: Lang, text: &thidua::diag::Text) -> anyhow::Error {
    anyhow::anyhow!(text.get(lang).to_string())
}

/// `vi` or `en`, as `lang` asks.
pub fn say<'a>(lang: Lang, vi: &'a str, en: &'a str) -> &'a str {
    match lang {
        Lang::Vi => vi,
        Lang::En => en,
    }
}

pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Check(args) => check::run(args),
        Command::Build(args) => build::run(args),
        Command::New(args) => new::run(args),
        Command::Schema(args) => schema::run(args),
        Command::MergeManifests(args) => merge::run(args),
        Command::Watch(args) => watch::run(args),
        Command::Import(args) => import::run(args),
    }
}

/// Prints diagnostics and the summary line; returns exit code 1 if any is an error.
fn report(
    common: &Common,
    diagnostics: &[Diagnostic],
    sources: &Sources,
) -> anyhow::Result<ExitCode> {
    diag::emit(diagnostics, sources, common.format, common.lang)?;
    if common.format == Format::Human && (!common.quiet || !diagnostics.is_empty()) {
        eprintln!("{}", diag::summary(diagnostics, common.lang));
    }
    let failed = diagnostics.iter().any(|d| d.is_error());
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The `--timings` table of `build` and `watch`: each stage, then the slowest documents.
pub fn timings_table(t: &Timings, lang: Lang) -> String {
    let rows: [(&str, &str, Duration); 8] = [
        ("đọc và kiểm tra", "load and check", t.check),
        ("dựng nguồn Typst", "render", t.render),
        (
            "dàn trang (tổng các luồng)",
            "typeset (all threads)",
            t.layout,
        ),
        ("xuất PDF (tổng các luồng)", "PDF (all threads)", t.pdf),
        (
            "tệp Word (tổng các luồng)",
            "Word files (all threads)",
            t.word,
        ),
        ("ghi tệp (tổng các luồng)", "write (all threads)", t.write),
        ("ghép hồ sơ", "join packets", t.packets),
        ("tổng thời gian", "total (wall)", t.total),
    ];
    let mut out = String::new();
    for (vi, en, d) in rows {
        let label = if lang == Lang::Vi { vi } else { en };
        out.push_str(&format!("{label:<28} {:>9.3} s\n", d.as_secs_f64()));
    }
    let counts = [
        ("văn bản dựng nguồn", "documents rendered", t.rendered),
        ("phần hồ sơ chép lại", "packet parts copied", t.parts_copied),
        (
            "  trong đó chép nguyên khối",
            "  of which copied whole",
            t.parts_verbatim,
        ),
        (
            "văn bản dàn trang sẵn",
            "documents laid out ahead",
            t.warmed_up,
        ),
    ];
    for (vi, en, n) in counts {
        let label = if lang == Lang::Vi { vi } else { en };
        out.push_str(&format!("{label:<28} {n:>9}\n"));
    }
    out.push_str(if lang == Lang::Vi {
        "chậm nhất:\n"
    } else {
        "slowest:\n"
    });
    for (stem, d) in &t.slowest {
        out.push_str(&format!("  {:>9.3} s  {stem}\n", d.as_secs_f64()));
    }
    out
}
