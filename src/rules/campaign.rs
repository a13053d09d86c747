//! Rules on the campaign file itself: ids, references, period, window, and
//! the well-formedness of what the plan prints (Nghị định 30).

use serde_saphyr::Spanned;

use super::{Ctx, Rule, bad_id, duplicate_ids, is_slug};
use crate::diag::{Diagnostic, Severity, Text, closest};
use crate::source::{FileId, span};
use crate::model::Sourced;
use crate::model::campaign::{AwardLevel, Block, Campaign, PeriodStart};
use crate::model::common::Signer;
use crate::model::date::PartialDate;

pub(super) static RULES: &[Rule] = &[
    Rule {
        code: "TD0101",
        severity: Severity::Error,
        summary: "Mã (id) của phong trào, đơn vị, nội dung, tiêu chí, thành tích, sáng kiến, đề nghị chỉ gồm chữ thường không dấu, số và dấu gạch ngang",
        check: ids_are_slugs,
    },
    Rule {
        code: "TD0102",
        severity: Severity::Error,
        summary: "Mã không trùng nhau trong một tệp (nội dung, hình thức, tiêu chí; thành tích, sáng kiến, đề nghị)",
        check: ids_are_unique,
    },
    Rule {
        code: "TD0103",
        severity: Severity::Error,
        summary: "Dàn ý và lựa chọn cấp trên chỉ dẫn tới hình thức khen thưởng có thật",
        check: award_references_exist,
    },
    Rule {
        code: "TD0104",
        severity: Severity::Error,
        summary: "Thời gian thi đua: ngày kết thúc sau ngày bắt đầu (ngày ban hành)",
        check: period_is_ordered,
    },
    Rule {
        code: "TD0105",
        severity: Severity::Error,
        summary: "Thời gian đề nghị khen thưởng nằm trong thời gian thi đua, bắt đầu trước khi kết thúc",
        check: window_inside_period,
    },
    Rule {
        code: "TD0106",
        severity: Severity::Error,
        summary: "Hình thức cấp Nhà nước được lựa chọn từ danh sách cấp tỉnh; cấp tỉnh có tiêu chí và thời gian đề nghị",
        check: awards_are_complete,
    },
    Rule {
        code: "TD0107",
        severity: Severity::Error,
        summary: "Đề mục có cấp 1 đến 4",
        check: heading_levels,
    },
    Rule {
        code: "TD0108",
        severity: Severity::Error,
        summary: "Ký hiệu cơ quan (tỉnh và đơn vị) viết hoa, không dấu cách (ví dụ UBND, SNV)",
        check: symbol_is_well_formed,
    },
    Rule {
        code: "TD0109",
        severity: Severity::Error,
        summary: "Thẩm quyền ký bắt đầu bằng TM., KT., Q., TL. hoặc TUQ. (trừ dòng chức vụ)",
        check: signing_authority_is_well_formed,
    },
    Rule {
        code: "TD0110",
        severity: Severity::Warning,
        summary: "Dòng Nơi nhận không tự ghi dấu `-` đầu dòng hay `;` `.` cuối dòng",
        check: recipients_are_bare,
    },
    Rule {
        code: "TD0111",
        severity: Severity::Error,
        summary: "Với --final, mọi văn bản (kế hoạch, quyết định, tờ trình) có số và đủ ngày",
        check: final_documents_have_number_and_day,
    },
];

fn campaign<'a>(ctx: &'a Ctx) -> Option<&'a Sourced<Campaign>> {
    ctx.workspace.campaign.as_ref()
}

fn at<T>(ctx: &Ctx, c: &Sourced<Campaign>, value: &Spanned<T>, diag: Diagnostic) -> Diagnostic {
    diag.at(c.file, span(ctx.sources.text(c.file), value))
}

fn all_ids(c: &Campaign) -> Vec<&Spanned<String>> {
    let mut ids = vec![&c.id];
    ids.extend(c.content_items.iter().map(|i| &i.id));
    for award in &c.awards {
        ids.push(&award.id);
        ids.extend(award.criteria.collective.iter().map(|k| &k.id));
        ids.extend(award.criteria.individual.iter().map(|k| &k.id));
    }
    ids
}

fn ids_are_slugs(ctx: &Ctx) -> Vec<Diagnostic> {
    let Some(c) = campaign(ctx) else {
        return vec![];
    };
    all_ids(&c.value)
        .into_iter()
        .filter(|id| !is_slug(&id.value))
        .map(|id| bad_id(ctx, c.file, id))
        .collect()
}

fn ids_are_unique(ctx: &Ctx) -> Vec<Diagnostic> {
    let Some(c) = campaign(ctx) else {
        return vec![];
    };
    duplicate_ids(ctx, c.file, all_ids(&c.value))
}

fn unknown_award(ctx: &Ctx, c: &Sourced<Campaign>, reference: &Spanned<String>) -> Diagnostic {
    let ids = c.value.awards.iter().map(|a| a.id.value.as_str());
    let mut d = Diagnostic::error(
        "TD0103",
        Text::new(
            format!(
                "không có hình thức khen thưởng mã `{}` trong `awards`",
                reference.value
            ),
            format!("no award with id `{}` in `awards`", reference.value),
        ),
    );
    if let Some(guess) = closest(&reference.value, ids) {
        d = d.help(Text::new(
            format!("có phải ý bạn là `{guess}`?"),
            format!("did you mean `{guess}`?"),
        ));
    }
    at(ctx, c, reference, d)
}

fn award_references_exist(ctx: &Ctx) -> Vec<Diagnostic> {
    let Some(c) = campaign(ctx) else {
        return vec![];
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
    refs.into_iter()
        .filter(|r| c.value.award(&r.value).is_none())
        .map(|r| unknown_award(ctx, c, r))
        .collect()
}

fn period_is_ordered(ctx: &Ctx) -> Vec<Diagnostic> {
    let Some(c) = campaign(ctx) else {
        return vec![];
    };
    let period = &c.value.period;
    let end = period.end.value.0;
    let start = c.value.period_start();
    let (what_vi, what_en) = match period.start.value {
        PeriodStart::IssueDate => ("ngày ban hành Kế hoạch", "the plan's issue date"),
        PeriodStart::On(_) => ("ngày bắt đầu", "the start date"),
    };
    if end > start {
        return vec![];
    }
    vec![at(
        ctx,
        c,
        &period.end,
        Diagnostic::error(
            "TD0104",
            Text::new(
                format!("thời gian thi đua kết thúc ({end}) không sau {what_vi} ({start})"),
                format!("the period ends ({end}) no later than {what_en} ({start})"),
            ),
        )
        .help(Text::new(
            "sửa `period.end` hoặc ngày bắt đầu",
            "fix `period.end` or the start",
        )),
    )]
}

fn window_inside_period(ctx: &Ctx) -> Vec<Diagnostic> {
    let Some(c) = campaign(ctx) else {
        return vec![];
    };
    let period_end = c.value.period.end.value.0;
    let period_start = c.value.period_start();
    let mut out = Vec::new();
    for award in &c.value.awards {
        let Some(w) = &award.window else { continue };
        let (start, end) = (w.start.value.0, w.end.value.0);
        if end < start {
            out.push(at(
                ctx,
                c,
                &w.end,
                Diagnostic::error(
                    "TD0105",
                    Text::new(
                        format!("thời gian đề nghị của `{}` kết thúc ({end}) trước khi bắt đầu ({start})", award.id.value),
                        format!("the nomination window of `{}` ends ({end}) before it starts ({start})", award.id.value),
                    ),
                ),
            ));
        }
        // Against a period that is itself out of order (TD0104), every date
        // would be outside: that one error says it.
        if period_end <= period_start {
            continue;
        }
        for (date, bound) in [(&w.start, start), (&w.end, end)] {
            if bound < period_start || bound > period_end {
                out.push(at(
                    ctx,
                    c,
                    date,
                    Diagnostic::error(
                        "TD0105",
                        Text::new(
                            format!("ngày {bound} nằm ngoài thời gian thi đua ({period_start} – {period_end})"),
                            format!("{bound} is outside the campaign period ({period_start} – {period_end})"),
                        ),
                    )
                    .help(Text::new(
                        "thời gian đề nghị khen thưởng phải nằm trong thời gian thi đua (mục III)",
                        "the nomination window must lie inside the campaign period (section III)",
                    )),
                ));
            }
        }
    }
    out
}

fn awards_are_complete(ctx: &Ctx) -> Vec<Diagnostic> {
    let Some(c) = campaign(ctx) else {
        return vec![];
    };
    let mut out = Vec::new();
    for award in &c.value.awards {
        let problem = match award.level {
            AwardLevel::National => match &award.selection {
                None => Some((
                    "hình thức cấp Nhà nước cần `selection` (lựa chọn từ danh sách cấp tỉnh)"
                        .to_string(),
                    "a national award needs `selection` (chosen from the provincial pool)"
                        .to_string(),
                )),
                Some(s) => match c.value.award(&s.pool.value) {
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
            },
            AwardLevel::Province => {
                if award.criteria.collective.is_empty() && award.criteria.individual.is_empty() {
                    Some((
                        "hình thức cấp tỉnh cần tiêu chí (`criteria`) cho tập thể hoặc cá nhân"
                            .to_string(),
                        "a provincial award needs `criteria` for collectives or individuals"
                            .to_string(),
                    ))
                } else if award.window.is_none() {
                    Some((
                        "hình thức cấp tỉnh cần thời gian đề nghị khen thưởng (`window`)"
                            .to_string(),
                        "a provincial award needs a nomination `window`".to_string(),
                    ))
                } else {
                    None
                }
            }
            AwardLevel::Unit => None,
        };
        if let Some((vi, en)) = problem {
            out.push(at(
                ctx,
                c,
                &award.id,
                Diagnostic::error("TD0106", Text::new(vi, en)),
            ));
        }
    }
    out
}

fn heading_levels(ctx: &Ctx) -> Vec<Diagnostic> {
    let Some(c) = campaign(ctx) else {
        return vec![];
    };
    c.value
        .plan
        .body
        .iter()
        .filter_map(|b| match b {
            Block::Heading(h) if !(1..=4).contains(&h.level.value) => Some(at(
                ctx,
                c,
                &h.level,
                Diagnostic::error(
                    "TD0107",
                    Text::new(
                        format!("cấp đề mục {} không có: dùng 1 (I.), 2 (1.), 3 (1.1.) hoặc 4 (a))", h.level.value),
                        format!("heading level {} does not exist: use 1 (I.), 2 (1.), 3 (1.1.) or 4 (a))", h.level.value),
                    ),
                ),
            )),
            _ => None,
        })
        .collect()
}

/// Every file that issues documents, with its symbol and signer.
fn issuers<'a>(ctx: &'a Ctx) -> Vec<(FileId, &'a Spanned<String>, &'a Signer)> {
    let mut out = Vec::new();
    if let Some(c) = campaign(ctx) {
        out.push((c.file, &c.value.issuer.symbol, &c.value.plan.signer));
    }
    for u in &ctx.workspace.units {
        out.push((u.file, &u.value.symbol, &u.value.signer));
    }
    out
}

fn symbol_is_well_formed(ctx: &Ctx) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (file, symbol, _) in issuers(ctx) {
        let ok = !symbol.value.is_empty()
            && symbol
                .value
                .chars()
                .all(|ch| ch.is_uppercase() || ch.is_ascii_digit() || ch == '-' || ch == '&');
        if !ok {
            out.push(
                ctx.at(
                    file,
                    symbol,
                    Diagnostic::error(
                        "TD0108",
                        Text::new(
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
                    .help(Text::new(
                        "ví dụ: `UBND`, `SNV`, `UBND-VX`",
                        "for example `UBND`, `SNV`, `UBND-VX`",
                    )),
                ),
            );
        }
    }
    out
}

const AUTHORITY_PREFIXES: [&str; 5] = ["TM.", "KT.", "Q.", "TL.", "TUQ."];

fn signing_authority_is_well_formed(ctx: &Ctx) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (file, _, signer) in issuers(ctx) {
        for line in &signer.authority {
            if AUTHORITY_PREFIXES
                .iter()
                .any(|p| line.value.starts_with(&format!("{p} ")))
            {
                continue;
            }
            out.push(ctx.at(
                file,
                line,
                Diagnostic::error(
                    "TD0109",
                    Text::new(
                        format!("dòng thẩm quyền ký `{}` phải bắt đầu bằng TM., KT., Q., TL. hoặc TUQ.", line.value),
                        format!("signing authority `{}` must start with TM., KT., Q., TL. or TUQ.", line.value),
                    ),
                )
                .help(Text::new(
                    "chức vụ người ký (ví dụ PHÓ CHỦ TỊCH) ghi ở `signer.title`",
                    "the signer's own title (e.g. PHÓ CHỦ TỊCH) goes in `signer.title`",
                )),
            ));
        }
    }
    out
}

fn recipients_are_bare(ctx: &Ctx) -> Vec<Diagnostic> {
    let Some(c) = campaign(ctx) else {
        return vec![];
    };
    let plan = &c.value.plan;
    plan.recipients
        .iter()
        .chain(std::iter::once(&plan.archive))
        .filter(|r| r.value.trim_start().starts_with('-') || r.value.trim_end().ends_with([';', '.']))
        .map(|r| {
            at(
                ctx,
                c,
                r,
                Diagnostic::warning(
                    "TD0110",
                    Text::new(
                        format!("dòng Nơi nhận `{}` có sẵn dấu `-`, `;` hoặc `.`: thidua tự thêm, nên sẽ in hai lần", r.value),
                        format!("recipient line `{}` carries its own `-`, `;` or `.`: thidua adds them, so they would print twice", r.value),
                    ),
                )
                .help(Text::new(
                    "ghi tên nơi nhận trơn, ví dụ `Ban TĐKT TW`; dòng cuối ghi ở `archive`, ví dụ `VT, NC`",
                    "write bare names such as `Ban TĐKT TW`; the last line goes in `archive`, e.g. `VT, NC`",
                )),
            )
        })
        .collect()
}

/// Every dated, numbered document of the workspace: (file, what, number, date).
fn numbered_documents<'a>(
    ctx: &'a Ctx,
) -> Vec<(FileId, &'static str, Option<u32>, &'a Spanned<PartialDate>)> {
    let mut out = Vec::new();
    if let Some(c) = campaign(ctx) {
        out.push((c.file, "plan", c.value.plan.number, &c.value.plan.date));
    }
    for u in &ctx.workspace.units {
        let unit = &u.value;
        out.push((u.file, "plan", unit.plan.number, &unit.plan.date));
        if let Some(g) = &unit.giay_khen {
            out.push((u.file, "giay_khen", g.number, &g.date));
        }
        if let Some(s) = &unit.submission {
            out.push((u.file, "submission", s.number, &s.date));
        }
        if let Some(r) = &unit.report {
            out.push((u.file, "report", r.number, &r.date));
        }
    }
    if let Some(a) = &ctx.workspace.appraisal {
        let appraisal = &a.value;
        out.push((
            a.file,
            "submission",
            appraisal.submission.number,
            &appraisal.submission.date,
        ));
        out.push((
            a.file,
            "decision",
            appraisal.decision.number,
            &appraisal.decision.date,
        ));
        for n in &appraisal.national {
            out.push((a.file, "national", n.number, &n.date));
        }
    }
    out
}

fn final_documents_have_number_and_day(ctx: &Ctx) -> Vec<Diagnostic> {
    if !ctx.final_ {
        return vec![];
    }
    let mut out = Vec::new();
    for (file, block, number, date) in numbered_documents(ctx) {
        if number.is_none() {
            out.push(ctx.at(
                file,
                date,
                Diagnostic::error(
                    "TD0111",
                    Text::new(
                        format!("bản chính thức (--final) cần số văn bản: `{block}.number` còn trống"),
                        format!("a final document (--final) needs its number: `{block}.number` is blank"),
                    ),
                )
                .help(Text::new(
                    format!("thêm `number: <số>` do văn thư cấp vào khối `{block}`"),
                    format!("add `number: <n>` as registered by the records office to `{block}`"),
                )),
            ));
        }
        if date.value.is_draft() {
            out.push(
                ctx.at(
                    file,
                    date,
                    Diagnostic::error(
                        "TD0111",
                        Text::new(
                            format!(
                                "bản chính thức (--final) cần đủ ngày ban hành, có `{}`",
                                date.value
                            ),
                            format!(
                                "a final document (--final) needs its full date, found `{}`",
                                date.value
                            ),
                        ),
                    )
                    .help(Text::new(
                        "ghi ngày dạng YYYY-MM-DD",
                        "write the date as YYYY-MM-DD",
                    )),
                ),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::rules::slugify;

    #[test]
    fn slugs() {
        assert!(is_slug("lang-son"));
        assert!(is_slug("nd1"));
        assert!(!is_slug("Lạng Sơn"));
        assert!(!is_slug("a/../b"));
        assert!(!is_slug(""));
        assert_eq!(slugify("Tuyên truyền Đợt 1"), "tuyen-truyen-dot-1");
    }
}
