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
    /// The command line, its help and its usage errors in Vietnamese (with
    /// English beside them, as every flag's text), for users who read no
    /// English: clap's own headings and errors are English.
    pub fn parse_localised() -> Self {
        let matches = match localised(<Self as clap::CommandFactory>::command()).try_get_matches() {
            Ok(m) => m,
            Err(e) => usage_error(e),
        };
        <Self as clap::FromArgMatches>::from_arg_matches(&matches)
            .unwrap_or_else(|e| usage_error(e))
    }

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

/// `cmd` and its subcommands with Vietnamese headings, help and version
/// flags, and each default and choice said in Vietnamese.
fn localised(cmd: clap::Command) -> clap::Command {
    use clap::{Arg, ArgAction};
    let has_version = cmd.get_version().is_some();
    let mut cmd = cmd
        .help_template("{about-with-newline}\nCách dùng (usage): {usage}\n\n{all-args}{after-help}")
        .subcommand_help_heading("Lệnh (commands)")
        .disable_help_subcommand(true)
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("In trợ giúp này (print help)"),
        );
    if has_version {
        cmd = cmd.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("In phiên bản (print version)"),
        );
    }
    cmd.mut_args(|a| {
        let heading = if a.is_positional() {
            "Đối số (arguments)"
        } else {
            "Tùy chọn (options)"
        };
        let mut help = a.get_help().map(|h| h.to_string()).unwrap_or_default();
        let defaults: Vec<String> = a
            .get_default_values()
            .iter()
            .map(|v| v.to_string_lossy().into_owned())
            .collect();
        let choices: Vec<String> = (a.get_value_parser().possible_values().into_iter().flatten())
            .filter(|v| !v.is_hide_set())
            .map(|v| v.get_name().to_string())
            .collect();
        if !choices.is_empty() && a.get_action().takes_values() {
            help.push_str(&format!(" [giá trị: {}]", choices.join(", ")));
        }
        if !defaults.is_empty() {
            help.push_str(&format!(" [mặc định: {}]", defaults.join(", ")));
        }
        let a = a.help_heading(heading).help(help);
        match a.get_action().takes_values() {
            true => a.hide_default_value(true).hide_possible_values(true),
            false => a,
        }
    })
    .mut_subcommands(localised)
}

/// A usage error in Vietnamese, clap's own words after it; exits with 2
/// (help and version exit 0, as clap does).
fn usage_error(e: clap::Error) -> ! {
    use clap::error::{ContextKind, ErrorKind};
    // Help, version, and any error for a user who asked for English: clap's own.
    let english = std::env::args()
        .collect::<Vec<_>>()
        .windows(2)
        .any(|w| w[0] == "--lang" && w[1] == "en")
        || std::env::args().any(|a| a == "--lang=en");
    if english || matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        e.exit()
    }
    let what = |kind| e.get(kind).map(|v| v.to_string()).unwrap_or_default();
    let vi = match e.kind() {
        ErrorKind::UnknownArgument => {
            format!("không có tùy chọn `{}`", what(ContextKind::InvalidArg))
        }
        ErrorKind::InvalidSubcommand => {
            format!("không có lệnh `{}`", what(ContextKind::InvalidSubcommand))
        }
        ErrorKind::InvalidValue => format!(
            "giá trị `{}` không hợp lệ cho `{}`",
            what(ContextKind::InvalidValue),
            what(ContextKind::InvalidArg)
        ),
        ErrorKind::MissingRequiredArgument => {
            format!("thiếu đối số bắt buộc: {}", what(ContextKind::InvalidArg))
        }
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "thiếu lệnh".to_string()
        }
        _ => "dòng lệnh không hợp lệ".to_string(),
    };
    eprintln!("lỗi: {vi} (chạy với `--help` để xem cách dùng)");
    eprint!("{}", e.render());
    std::process::exit(2)
}
