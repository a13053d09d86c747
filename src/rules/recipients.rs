//! Nơi nhận and `Lưu:` lines, in every file that writes them (TD0110): the
//! campaign's plan, each unit's documents, the appraisal's documents, the
//! ranking report.

use serde_saphyr::Spanned;

use super::{Ctx, Found, msg};

pub(super) fn recipients_are_bare(ctx: &Ctx, found: &mut Found) {
    let mut lines = vec![];
    if let Some(c) = ctx.campaign_file() {
        let plan = &c.value.plan;
        lines.extend(plan.recipients.iter().map(|r| (c.file, r)));
        lines.push((c.file, &plan.archive));
    }
    // The units' and the appraisal's documents name their own archive line.
    for u in ctx.units() {
        let unit = &u.value;
        let recipients = (unit.plan.recipients.iter())
            .chain(unit.submission.iter().flat_map(|s| &s.recipients))
            .chain(unit.report.iter().flat_map(|r| &r.recipients))
            .chain(unit.giay_khen.iter().flat_map(|g| &g.distribution))
            .chain(unit.scores.iter().flat_map(|s| &s.recipients));
        lines.extend(recipients.chain(&unit.archive).map(|r| (u.file, r)));
    }
    if let Some(a) = ctx.appraisal() {
        let ap = &a.value;
        let archives = [&ap.submission.archive, &ap.decision.archive]
            .into_iter()
            .chain(ap.statistics.as_ref().map(|s| &s.archive))
            .chain(ap.national.iter().map(|n| &n.archive));
        let recipients = (ap.submission.recipients.iter())
            .chain(ap.statistics.iter().flat_map(|s| &s.recipients));
        lines.extend(archives.flatten().chain(recipients).map(|r| (a.file, r)));
    }
    if let Some(r) = &ctx.workspace.ranking {
        let report = &r.value;
        let own = report.recipients.iter().chain(&report.archive);
        lines.extend(own.map(|line| (r.file, line)));
    }
    // `[Giám đốc, các Phó Giám đốc Sở]` is two lines to YAML: the second
    // starts in small letters.
    let split_off = |r: &Spanned<String>| {
        r.value
            .trim_start()
            .chars()
            .next()
            .is_some_and(char::is_lowercase)
    };
    for (file, r) in lines.iter().filter(|(_, r)| split_off(r)) {
        found
            .at(
                *file,
                r,
                msg(
                    format!("dòng Nơi nhận `{}` bắt đầu bằng chữ thường: có thể dấu `,` trong `[…]` đã tách một dòng làm hai", r.value),
                    format!("recipient line `{}` starts in small letters: a `,` inside `[…]` may have split one line in two", r.value),
                ),
            )
            .help(msg(
                "đặt dòng có dấu `,` trong dấu nháy: [\"Giám đốc, các Phó Giám đốc Sở\"]; dòng nào cũng viết hoa chữ đầu",
                "quote a line holding a `,`: [\"Director, deputy directors\"]; start every line with a capital",
            ));
    }
    let carries_marks = |r: &Spanned<String>| {
        r.value.trim_start().starts_with('-') || r.value.trim_end().ends_with([';', '.'])
    };
    for (file, r) in lines.into_iter().filter(|(_, r)| carries_marks(r)) {
        found
            .at(
                file,
                r,
                msg(
                    format!("dòng Nơi nhận `{}` có sẵn dấu `-`, `;` hoặc `.`: thidua tự thêm, nên sẽ in hai lần", r.value),
                    format!("recipient line `{}` carries its own `-`, `;` or `.`: thidua adds them, so they would print twice", r.value),
                ),
            )
            .help(msg(
                "ghi tên nơi nhận trơn, ví dụ `Ban TĐKT TW`; dòng cuối ghi ở `archive`, ví dụ `VT, NC`",
                "write bare names such as `Ban TĐKT TW`; the last line goes in `archive`, e.g. `VT, NC`",
            ));
    }
}
