use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use thidua::diag::{self, Format, Lang};
use thidua::import::{self, Change, Plan, Request};
use thidua::pipeline::{self, BuildOptions};

use super::{Common, say};

#[derive(Args)]
pub struct ImportArgs {
    /// Bảng tính danh sách: .xlsx, .xls, .ods (the spreadsheet of the list)
    pub file: PathBuf,
    /// Đơn vị nhận danh sách vào tệp của mình (the unit whose file receives it)
    #[arg(long)]
    pub unit: String,
    /// Hình thức khen thưởng của danh sách, khi tiêu đề không nêu (the award it proposes)
    #[arg(long)]
    pub award: Option<String>,
    /// Chỉ in những gì sẽ thay đổi, không ghi tệp (show what would change, write nothing)
    #[arg(long)]
    pub dry_run: bool,
    #[command(flatten)]
    pub common: Common,
}

pub fn run(args: ImportArgs) -> anyhow::Result<ExitCode> {
    let lang = args.common.lang;
    let root = &args.common.dir;
    let options = BuildOptions {
        final_: args.common.final_,
        ..BuildOptions::default()
    };
    let checked = pipeline::check(root, &options).map_err(|e| super::failure(lang, &e.text()))?;
    let request = Request {
        sheet: &args.file,
        shown: args.file.display().to_string(),
        unit: &args.unit,
        award: args.award.as_deref(),
    };
    let plan = import::plan(root, &checked.workspace, &checked.sources, &request)
        .map_err(|e| super::failure(lang, &e.text()))?;
    if !args.common.quiet {
        eprint!("{}", describe(&plan, &request.shown, args.dry_run, lang));
    }
    let import_failed = plan.diagnostics.iter().any(|d| d.is_error());
    let mut diagnostics = plan.diagnostics.clone();
    let mut sources = checked.sources;
    if let (Some(text), false) = (&plan.text, args.dry_run) {
        thidua::output::write_atomic(&plan.unit_file, text.as_bytes())?;
        // The file as edited checks like a hand-written one, at once.
        let again = pipeline::check(root, &options).map_err(|e| super::failure(lang, &e.text()))?;
        let unit_file = again.sources.find(&display_name(root, &plan.unit_file));
        diagnostics.extend(
            again
                .diagnostics
                .into_iter()
                .filter(|d| d.file.is_some() && d.file == unit_file),
        );
        sources = again.sources;
    }
    diag::emit(&diagnostics, &sources, args.common.format, lang)?;
    if args.common.format == Format::Human && !diagnostics.is_empty() {
        eprintln!("{}", diag::summary(&diagnostics, lang));
    }
    Ok(if import_failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The unit file's name as the loader names it: relative to the workspace.
fn display_name(root: &std::path::Path, file: &std::path::Path) -> String {
    file.strip_prefix(root)
        .unwrap_or(file)
        .to_string_lossy()
        .replace('\\', "/")
}

/// What the import did (or would do), row by row, then the counts.
fn describe(plan: &Plan, shown: &str, dry_run: bool, lang: Lang) -> String {
    let mut out = String::new();
    let line = |c: &Change, verb: &str| {
        let mut s = format!(
            "  {} {}: {} ({})\n",
            say(lang, "dòng", "row"),
            c.row,
            verb,
            c.id
        );
        for (field, old, new) in &c.fields {
            s.push_str(&format!(
                "      {field}: {} → {new}\n",
                old.as_deref().unwrap_or("—")
            ));
        }
        s
    };
    for c in &plan.added {
        out.push_str(&line(
            c,
            &format!("{} {}", say(lang, "thêm", "add"), c.name),
        ));
    }
    for c in &plan.updated {
        out.push_str(&line(
            c,
            &format!("{} {}", say(lang, "cập nhật", "update"), c.name),
        ));
    }
    for s in &plan.skipped {
        out.push_str(&format!(
            "  {} {}: {} ({})\n",
            say(lang, "dòng", "row"),
            s.row,
            say(lang, "bỏ qua", "skipped"),
            s.reason.get(lang)
        ));
    }
    let lead = match dry_run {
        true => say(lang, "Chạy thử — đọc", "Dry run — read"),
        false => say(lang, "Đã đọc", "Read"),
    };
    let counts = [
        (("thêm", "added"), plan.added.len()),
        (("cập nhật", "updated"), plan.updated.len()),
        (("không đổi", "unchanged"), plan.unchanged.len()),
        (("bỏ qua", "skipped"), plan.skipped.len()),
    ]
    .map(|((vi, en), n)| format!("{} {n}", say(lang, vi, en)))
    .join(", ");
    let end = match dry_run {
        true => say(lang, "; chưa ghi tệp nào.", "; no file written."),
        false => ".",
    };
    out.push_str(&format!(
        "{lead} {} {} {shown}!{}: {counts}{end}\n",
        plan.read,
        say(lang, "dòng của", "rows of"),
        plan.sheet_name
    ));
    out
}
