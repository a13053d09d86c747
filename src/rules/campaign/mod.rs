//! Rules on the campaign file itself: references, period, window, and the
//! well-formedness of what the plan and every issued document print
//! (Nghị định 30). The data rules read, one concern a file:
//!
//! - `quotas`: quotas by named unit, unit kind or default (TD0112, TD0116);
//! - `criteria`: criteria sets per kind of nominee, measurable criteria
//!   (TD0113, TD0114);
//! - `council`: the share of members a council's vote needs (TD0115);
//! - `dates`: the closing date and the submission deadlines (TD0117);
//! - `final_docs`: numbers, dates and meeting times with `--final` (TD0111);
//! - `formulas`, `scoring`: the score table's formulas (TD0118), the table
//!   and its rounds (TD0119, TD0120).

pub(super) mod council;
pub(super) mod criteria;
pub(super) mod dates;
pub(super) mod final_docs;
pub(super) mod formulas;
pub(super) mod quotas;
pub(super) mod scoring;

use serde_saphyr::Spanned;

use super::{Ctx, Found, msg};
use crate::diag::closest;
use crate::model::campaign::{AwardLevel, Block, Campaign, PeriodStart};
use crate::model::common::Signer;
use crate::source::FileId;

pub(super) fn award_references_exist(ctx: &Ctx, found: &mut Found) {
    let Some(c) = ctx.campaign_file() else {
        return;
    };
    let mut refs: Vec<&Spanned<String>> = Vec::new();
    for block in &c.value.plan.body {
        if let Block::Awards(b) = block {
            refs.extend(&b.awards);
        }
    }
    refs.extend(
        c.value
            .awards
            .iter()
            .filter_map(|a| a.selection.as_ref())
            .map(|s| &s.pool),
    );
    if let Some(s) = &c.value.scoring {
        refs.extend(
            s.groups
                .iter()
                .flat_map(|g| g.awards.iter().map(|a| &a.award)),
        );
    }
    for r in refs
        .into_iter()
        .filter(|r| c.value.award(&r.value).is_none())
    {
        let finding = found.at(
            c.file,
            r,
            msg(
                format!(
                    "không có hình thức khen thưởng mã `{}` trong `awards`",
                    r.value
                ),
                format!("no award with id `{}` in `awards`", r.value),
            ),
        );
        let ids = c.value.awards.iter().map(|a| a.id.value.as_str());
        if let Some(guess) = closest(&r.value, ids) {
            finding.help(msg(
                format!("có phải ý bạn là `{guess}`?"),
                format!("did you mean `{guess}`?"),
            ));
        }
    }
}

pub(super) fn period_is_ordered(ctx: &Ctx, found: &mut Found) {
    let Some(c) = ctx.campaign_file() else {
        return;
    };
    let period = &c.value.period;
    // A period ending at an event with no day given has nothing to order.
    let Some(end) = c.value.period_end() else {
        return;
    };
    let start = c.value.period_start();
    let (what_vi, what_en) = match period.start.value {
        PeriodStart::IssueDate => ("ngày ban hành Kế hoạch", "the plan's issue date"),
        PeriodStart::On(_) => ("ngày bắt đầu", "the start date"),
    };
    if end > start {
        return;
    }
    found
        .at(
            c.file,
            &period.end,
            msg(
                format!("thời gian thi đua kết thúc ({end}) không sau {what_vi} ({start})"),
                format!("the period ends ({end}) no later than {what_en} ({start})"),
            ),
        )
        .help(msg(
            "sửa `period.end` hoặc ngày bắt đầu",
            "fix `period.end` or the start",
        ));
}

/// An awards block's sentence names `{window}` or `{deadline}` only for
/// awards that have one: otherwise the plan prints a blank where it goes.
pub(super) fn window_sentence_has_its_dates(ctx: &Ctx, found: &mut Found) {
    let Some(c) = ctx.campaign_file() else {
        return;
    };
    for block in &c.value.plan.body {
        let Block::Awards(b) = block else { continue };
        let Some(sentence) = &b.window else { continue };
        for id in &b.awards {
            let Some(award) = c.value.award(&id.value) else {
                continue;
            };
            // The sentence is printed for an award with a window or a deadline.
            if award.window.is_none() && award.deadline.is_none() {
                continue;
            }
            let missing = [
                // The placeholder, whether the award lacks it, its key and an example, in words.
                (
                    "{window}",
                    award.window.is_none(),
                    "window",
                    "{ start: …, end: … }",
                    "thời gian đề nghị",
                ),
                (
                    "{deadline}",
                    award.deadline.is_none(),
                    "deadline",
                    "YYYY-MM-DD",
                    "hạn nộp hồ sơ",
                ),
            ];
            for (slot, _, key, example, what) in missing
                .into_iter()
                .filter(|(slot, absent, ..)| *absent && sentence.contains(slot))
            {
                found
                    .at(c.file, id, msg(
                        format!("câu `window` của khối này có `{slot}`, nhưng hình thức `{}` không có {what}: kế hoạch sẽ in chỗ trống", id.value),
                        format!("this block's `window` sentence has `{slot}`, but award `{}` has no {key}: the plan would print a blank", id.value),
                    ))
                    .help(msg(
                        format!("thêm `{key}: {example}` cho hình thức `{}`, hoặc bỏ `{slot}` khỏi câu", id.value),
                        format!("give award `{}` its `{key}: {example}`, or take `{slot}` out of the sentence", id.value),
                    ));
            }
        }
    }
}

pub(super) fn window_opens_with_the_period(ctx: &Ctx, found: &mut Found) {
    let Some(c) = ctx.campaign_file() else {
        return;
    };
    let period_end = c.value.period_end().unwrap_or(chrono::NaiveDate::MAX);
    let period_start = c.value.period_start();
    for award in &c.value.awards {
        let Some(w) = &award.window else { continue };
        let (start, end) = (w.start.value.0, w.end.value.0);
        if end < start {
            found.at(
                c.file,
                &w.end,
                msg(
                    format!(
                        "thời gian đề nghị của `{}` kết thúc ({end}) trước khi bắt đầu ({start})",
                        award.id.value
                    ),
                    format!(
                        "the nomination window of `{}` ends ({end}) before it starts ({start})",
                        award.id.value
                    ),
                ),
            );
        }
        // Against a period that is itself out of order (TD0104), every date
        // would be outside: that one error says it.
        if period_end <= period_start {
            continue;
        }
        // Nominations follow the results: a window may run past the period's
        // end (a school year's, after its last day), never open before it.
        if start < period_start {
            found
                .at(
                    c.file,
                    &w.start,
                    msg(
                        format!("thời gian đề nghị của `{}` mở ngày {start}, trước khi phong trào bắt đầu ({period_start})", award.id.value),
                        format!("the nomination window of `{}` opens on {start}, before the campaign starts ({period_start})", award.id.value),
                    ),
                )
                .help(msg(
                    "thời gian đề nghị khen thưởng bắt đầu từ khi phong trào bắt đầu (mục III) hoặc sau đó",
                    "the nomination window opens when the campaign starts (section III) or later",
                ));
        }
    }
}

pub(super) fn awards_are_complete(ctx: &Ctx, found: &mut Found) {
    let Some(c) = ctx.campaign_file() else {
        return;
    };
    for award in &c.value.awards {
        let problem = match award.level {
            AwardLevel::National => national_problem(&c.value, award),
            AwardLevel::Province => {
                if !award.has_criteria() && c.value.criteria_sets.is_empty() {
                    Some((
                        "hình thức cấp tỉnh cần tiêu chí: `criteria` (cho tập thể, cá nhân) hoặc `criteria_sets` của hình thức hay của phong trào"
                            .to_string(),
                        "a provincial award needs criteria: `criteria` (for collectives, individuals) or `criteria_sets`, the award's or the campaign's"
                            .to_string(),
                    ))
                } else if award.window.is_none() && award.deadline.is_none() {
                    Some((
                        "hình thức cấp tỉnh cần thời gian đề nghị khen thưởng (`window`) hoặc hạn nộp hồ sơ (`deadline`)"
                            .to_string(),
                        "a provincial award needs a nomination `window` or a submission `deadline`".to_string(),
                    ))
                } else {
                    None
                }
            }
            AwardLevel::Unit => None,
        };
        if let Some((vi, en)) = problem {
            found.at(c.file, &award.id, msg(vi, en));
        }
    }
}

/// What a national award lacks: a selection from a provincial pool.
fn national_problem(
    c: &Campaign,
    award: &crate::model::campaign::Award,
) -> Option<(String, String)> {
    match &award.selection {
        None => {
            let names = c.role_names();
            Some((
                format!(
                    "hình thức cấp {} (`national`) cần `selection` (lựa chọn từ danh sách cấp {})",
                    names.upper_level, names.issuer_level
                ),
                "a national award needs `selection` (chosen from the provincial pool)".to_string(),
            ))
        }
        Some(s) => match c.award(&s.pool.value) {
            Some(pool) if pool.level != AwardLevel::Province => Some((
                format!(
                    "`selection.pool` phải là hình thức cấp tỉnh, `{}` không phải",
                    s.pool.value
                ),
                format!(
                    "`selection.pool` must be a provincial award, `{}` is not",
                    s.pool.value
                ),
            )),
            _ => None,
        },
    }
}

/// `given_by` names unit kinds of the campaign, on a unit-level award only.
pub(super) fn givers_are_unit_kinds(ctx: &Ctx, found: &mut Found) {
    let Some(cf) = ctx.campaign_file() else {
        return;
    };
    let c = &cf.value;
    let kinds = c.collective_kinds();
    for a in &c.awards {
        if a.level != AwardLevel::Unit {
            if let Some(first) = a.given_by.first() {
                found
                    .at(cf.file, first, msg(
                        format!("`given_by` chỉ ghi cho hình thức do thủ trưởng đơn vị tặng (`level: unit`); {} do {} tặng", a.name, c.role_names().authority_short),
                        format!("`given_by` belongs to awards given by a unit's head (`level: unit`); {} is not one", a.name),
                    ))
                    .help(msg("xóa `given_by` của hình thức này", "delete this award's `given_by`"));
            }
            continue;
        }
        for k in a
            .given_by
            .iter()
            .filter(|k| !kinds.contains(&k.value.as_str()))
        {
            kind_not_listed(
                found,
                cf.file,
                k,
                &kinds,
                ("loại đơn vị", "unit kind", "subjects.collective.kinds"),
            );
        }
    }
}

/// The staff kinds the favoured shares leave out are the campaign's own.
pub(super) fn outside_kinds_exist(ctx: &Ctx, found: &mut Found) {
    let Some(cf) = ctx.campaign_file() else {
        return;
    };
    let kinds = cf.value.staff_kinds();
    let outside = cf.value.targets.iter().flat_map(|t| &t.outside);
    for k in outside.filter(|k| !kinds.contains(&k.value.as_str())) {
        kind_not_listed(
            found,
            cf.file,
            k,
            &kinds,
            (
                "loại cá nhân",
                "staff kind",
                "subjects.individual.staff_kinds",
            ),
        );
    }
}

/// A kind (of unit, of person) that the campaign's list at `key` lacks.
pub(super) fn kind_not_listed(
    found: &mut Found,
    file: FileId,
    k: &Spanned<String>,
    kinds: &[&str],
    (what_vi, what_en, key): (&str, &str, &str),
) {
    found
        .at(
            file,
            k,
            msg(
                format!(
                    "{what_vi} `{}` không thuộc đối tượng thi đua (`{key}`)",
                    k.value
                ),
                format!(
                    "{what_en} `{}` is not among the campaign's subjects (`{key}`)",
                    k.value
                ),
            ),
        )
        .suggest(&k.value, kinds.iter().copied());
}

pub(super) fn heading_levels(ctx: &Ctx, found: &mut Found) {
    let Some(c) = ctx.campaign_file() else {
        return;
    };
    for block in &c.value.plan.body {
        match block {
            Block::Heading(h) if !(1..=4).contains(&h.level.value) => {
                found.at(
                    c.file,
                    &h.level,
                    msg(
                        format!("cấp đề mục {} không có: dùng 1 (I.), 2 (1.), 3 (1.1.) hoặc 4 (a))", h.level.value),
                        format!("heading level {} does not exist: use 1 (I.), 2 (1.), 3 (1.1.) or 4 (a))", h.level.value),
                    ),
                );
            }
            _ => {}
        }
    }
}

/// Every file that issues documents, with its symbol and signer.
fn issuers<'a>(ctx: &Ctx<'a>) -> Vec<(FileId, &'a Spanned<String>, &'a Signer)> {
    let mut out = Vec::new();
    if let Some(c) = ctx.campaign_file() {
        out.push((c.file, &c.value.issuer.symbol, &c.value.plan.signer));
    }
    for u in ctx.units() {
        out.push((u.file, &u.value.symbol, &u.value.signer));
    }
    out
}

pub(super) fn symbol_is_well_formed(ctx: &Ctx, found: &mut Found) {
    for (file, symbol, _) in issuers(ctx) {
        let ok = !symbol.value.is_empty()
            && symbol
                .value
                .chars()
                .all(|ch| ch.is_uppercase() || ch.is_ascii_digit() || ch == '-' || ch == '&');
        if ok {
            continue;
        }
        found
            .at(
                file,
                symbol,
                msg(
                    format!(
                        "ký hiệu `{}` không đúng Nghị định 30: viết hoa, không dấu cách",
                        symbol.value
                    ),
                    format!(
                        "symbol `{}` is malformed: upper case, no spaces (Nghị định 30)",
                        symbol.value
                    ),
                ),
            )
            .help(msg(
                "ví dụ: `UBND`, `SNV`, `UBND-VX`",
                "for example `UBND`, `SNV`, `UBND-VX`",
            ));
    }
}

const AUTHORITY_PREFIXES: [&str; 5] = ["TM.", "KT.", "Q.", "TL.", "TUQ."];

pub(super) fn signing_authority_is_well_formed(ctx: &Ctx, found: &mut Found) {
    for (file, _, signer) in issuers(ctx) {
        for line in &signer.authority {
            if AUTHORITY_PREFIXES
                .iter()
                .any(|p| line.value.starts_with(&format!("{p} ")))
            {
                continue;
            }
            found
                .at(
                    file,
                    line,
                    msg(
                        format!(
                            "dòng thẩm quyền ký `{}` phải bắt đầu bằng TM., KT., Q., TL. hoặc TUQ.",
                            line.value
                        ),
                        format!(
                            "signing authority `{}` must start with TM., KT., Q., TL. or TUQ.",
                            line.value
                        ),
                    ),
                )
                .help(msg(
                    "chức vụ người ký (ví dụ PHÓ CHỦ TỊCH) ghi ở `signer.title`",
                    "the signer's own title (e.g. PHÓ CHỦ TỊCH) goes in `signer.title`",
                ));
        }
    }
}
