//! Stage 3: the campaign's and the law's rules, each a small named check with
//! a stable code and severity. Checks read the model and return diagnostics;
//! they never change anything.

mod campaign;

use crate::diag::{Diagnostic, Severity};
use crate::load::Sources;
use crate::model::Workspace;

/// What a check sees.
pub struct Ctx<'a> {
    pub workspace: &'a Workspace,
    pub sources: &'a Sources,
    /// `--final`: the documents are about to be issued, so drafts' blanks are errors.
    pub final_: bool,
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
pub fn all() -> &'static [Rule] {
    campaign::RULES
}

/// Runs every rule over the workspace.
pub fn check(workspace: &Workspace, sources: &Sources, final_: bool) -> Vec<Diagnostic> {
    let ctx = Ctx {
        workspace,
        sources,
        final_,
    };
    all().iter().flat_map(|rule| (rule.check)(&ctx)).collect()
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
];
