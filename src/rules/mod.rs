//! Stage 3: the campaign's and the law's rules, each a small named check with
//! a stable code and severity. Checks read the model and return diagnostics;
//! they never change anything.

/// `rule!("TD0201", Error, "summary", check)`: one entry of a rule table.
macro_rules! rule {
    ($code:literal, $severity:ident, $summary:literal, $check:ident) => {
        Rule {
            code: $code,
            severity: Severity::$severity,
            summary: $summary,
            check: $check,
        }
    };
}

mod appraisal;
mod campaign;
mod unit;

use serde_saphyr::Spanned;

use crate::diag::{Diagnostic, Severity, Text, closest};
use crate::source::{FileId, Sources, span};
use crate::model::Workspace;

/// What a check sees.
pub struct Ctx<'a> {
    pub workspace: &'a Workspace,
    pub sources: &'a Sources,
    /// `--final`: the documents are about to be issued, so drafts' blanks are errors.
    pub final_: bool,
    /// Some input did not load, or a unit's id is unusable: a missing unit
    /// may be that one, so checks across files do not report it again.
    pub incomplete: bool,
    /// Unit files with errors of their own. Checks across units (the
    /// appraisal) judge only dossiers that check clean: a problem is reported
    /// once, where it is caused, not again as each consequence.
    pub unsettled: std::collections::HashSet<FileId>,
}

impl Ctx<'_> {
    /// Whether a unit's file checks clean so far (see [`Ctx::unsettled`]).
    pub fn settled(&self, file: FileId) -> bool {
        !self.unsettled.contains(&file)
    }
}

/// A named check. `code` is stable and documented in `docs/rules.md`.
pub struct Rule {
    pub code: &'static str,
    pub severity: Severity,
    /// One line in Vietnamese: what the rule asks.
    pub summary: &'static str,
    pub check: fn(&Ctx) -> Vec<Diagnostic>,
}

/// Every rule, in code order.
pub fn all() -> impl Iterator<Item = &'static Rule> {
    campaign::RULES
        .iter()
        .chain(unit::RULES)
        .chain(appraisal::RULES)
}

/// Runs every rule over the workspace; `incomplete` when an input failed to load.
pub fn check(
    workspace: &Workspace,
    sources: &Sources,
    final_: bool,
    incomplete: bool,
) -> Vec<Diagnostic> {
    let bad_unit_id = workspace.units.iter().any(|u| !is_slug(&u.value.id.value));
    let mut ctx = Ctx {
        workspace,
        sources,
        final_,
        incomplete: incomplete || bad_unit_id,
        unsettled: Default::default(),
    };
    // The campaign and each unit first; then, across units, what is clean.
    let mut out: Vec<Diagnostic> = campaign::RULES
        .iter()
        .chain(unit::RULES)
        .flat_map(|rule| (rule.check)(&ctx))
        .collect();
    let units: std::collections::HashSet<FileId> = workspace.units.iter().map(|u| u.file).collect();
    ctx.unsettled = out
        .iter()
        .filter(|d| d.is_error())
        .filter_map(|d| d.file)
        .filter(|f| units.contains(f))
        .collect();
    out.extend(appraisal::RULES.iter().flat_map(|rule| (rule.check)(&ctx)));
    out
}

impl Ctx<'_> {
    /// Places `diag` on the span of `value` in `file`.
    pub fn at<T>(&self, file: FileId, value: &Spanned<T>, diag: Diagnostic) -> Diagnostic {
        diag.at(file, span(self.sources.text(file), value))
    }

    /// The line (1-based) of a spanned value, for messages that cite another place.
    pub fn line_of<T>(&self, file: FileId, value: &Spanned<T>) -> usize {
        self.sources
            .line_col(file, span(self.sources.text(file), value).start)
            .0
    }
}

/// `diag` with a "did you mean" help when a candidate is close to `word`.
pub fn suggest<'a>(
    diag: Diagnostic,
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Diagnostic {
    let candidates: Vec<&str> = candidates.into_iter().collect();
    let listed = candidates
        .iter()
        .map(|c| format!("`{c}`"))
        .collect::<Vec<_>>()
        .join(", ");
    match closest(word, candidates.iter().copied()) {
        Some(guess) => diag.help(Text::new(
            format!("có phải ý bạn là `{guess}`? Các giá trị có: {listed}"),
            format!("did you mean `{guess}`? Known values: {listed}"),
        )),
        None if !candidates.is_empty() => diag.help(Text::new(
            format!("các giá trị có: {listed}"),
            format!("known values: {listed}"),
        )),
        None => diag,
    }
}

/// Ids end up in file names and cross-references: keep them plain.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
}

/// A plain-ASCII id from Vietnamese text, for hints.
pub fn slugify(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::new();
    for ch in s.nfd() {
        let ch = match ch {
            'đ' | 'Đ' => 'd',
            c if c.is_ascii_alphanumeric() => c.to_ascii_lowercase(),
            c if c.is_ascii() || c.is_whitespace() => '-',
            _ => continue,
        };
        if ch != '-' || !out.ends_with('-') {
            out.push(ch);
        }
    }
    let out = out.trim_matches('-').to_string();
    if out.is_empty() {
        "ma-1".to_string()
    } else {
        out
    }
}

/// TD0101: an id that is not a slug.
pub fn bad_id(ctx: &Ctx, file: FileId, id: &Spanned<String>) -> Diagnostic {
    let suggestion = slugify(&id.value);
    ctx.at(
        file,
        id,
        Diagnostic::error(
            "TD0101",
            Text::new(
                format!(
                    "mã `{}` không hợp lệ: chỉ dùng chữ thường không dấu, số và dấu `-`",
                    id.value
                ),
                format!(
                    "id `{}` is invalid: use lowercase ASCII letters, digits and `-`",
                    id.value
                ),
            ),
        )
        .help(Text::new(
            format!("ví dụ: `{suggestion}`"),
            format!("for example `{suggestion}`"),
        )),
    )
}

/// TD0102: ids used twice in one file.
pub fn duplicate_ids<'a>(
    ctx: &Ctx,
    file: FileId,
    ids: impl IntoIterator<Item = &'a Spanned<String>>,
) -> Vec<Diagnostic> {
    let mut seen: std::collections::HashMap<&str, &Spanned<String>> =
        std::collections::HashMap::new();
    let mut out = Vec::new();
    for id in ids {
        if let Some(first) = seen.get(id.value.as_str()) {
            let line = ctx.line_of(file, first);
            out.push(
                ctx.at(
                    file,
                    id,
                    Diagnostic::error(
                        "TD0102",
                        Text::new(
                            format!("mã `{}` đã dùng ở dòng {line}", id.value),
                            format!("id `{}` is already used on line {line}", id.value),
                        ),
                    )
                    .help(Text::new(
                        "mỗi mục cần một mã riêng",
                        "every entry needs its own id",
                    )),
                ),
            );
        } else {
            seen.insert(&id.value, id);
        }
    }
    out
}

/// Codes raised by the pipeline's stages rather than by a rule: loading
/// (syntax, keys, types), templates and typesetting.
pub const STAGE_CODES: &[(&str, &str)] = &[
    ("TD0001", "Tệp YAML đúng cú pháp và là văn bản UTF-8"),
    ("TD0002", "Không có khóa lạ (gợi ý khóa gần đúng)"),
    ("TD0003", "Giá trị đúng kiểu; ngày có thật trong lịch"),
    ("TD0004", "Đủ các khóa bắt buộc"),
    ("TD0005", "Giá trị thuộc các lựa chọn cho phép"),
    ("TD0006", "Mỗi tệp có `kind:` hợp lệ"),
    ("TD0007", "Không gian làm việc có một tệp `kind: campaign`"),
    ("TD0008", "Tệp đọc được và không quá lớn"),
    ("TD0009", "Chỉ một tệp `kind: campaign`"),
    (
        "TD0010",
        "Mẫu trong templates/ đọc được và không phải liên kết tượng trưng",
    ),
    ("TD0011", "Mẫu minijinja hợp lệ và chạy được"),
    ("TD0012", "Nguồn Typst sinh ra dàn trang được"),
    (
        "TD0013",
        "Lỗi nội bộ khi dàn trang một văn bản: báo lỗi, các văn bản khác vẫn được ghi",
    ),
    ("TD0014", "Chỉ một tệp `kind: appraisal`"),
    ("TD0015", "Mỗi mục văn bản không quá 20.000 ký tự"),
    ("TD0016", "Một lần dựng không quá 100.000 văn bản"),
    ("TD0017", "Mọi ký tự có trong phông chữ của văn bản"),
];
