//! A unit's dates against the campaign's: achievements and task deadlines in
//! the period (rule 1), the submission in its award's nomination window
//! (rule 2) and by its deadline, the council meeting before the submission,
//! the unit's plan before the campaign ends, and what is cited dated before
//! the meeting or decision that weighs it.

use chrono::NaiveDate;
use serde_saphyr::Spanned;

use super::with_award;
use crate::model::campaign::{Award, AwardLevel, Campaign};
use crate::model::date::{Date, PartialDate};
use crate::rules::{Ctx, Found, msg};
use crate::source::FileId;

pub(crate) fn dates_inside_period(ctx: &Ctx, found: &mut Found) {
    let Some(c) = ctx.campaign() else {
        return;
    };
    for u in ctx.units() {
        for a in &u.value.achievements {
            outside_period(found, c, u.file, &a.date, ("thành tích", "achievement"));
        }
        for t in &u.value.plan.tasks {
            outside_period(
                found,
                c,
                u.file,
                &t.deadline,
                ("thời hạn nhiệm vụ", "task deadline"),
            );
        }
    }
}

/// TD0204 for one date, `what` it dates in both languages.
fn outside_period(
    found: &mut Found,
    c: &Campaign,
    file: FileId,
    date: &Spanned<Date>,
    what: (&str, &str),
) {
    let (start, end) = (
        c.period_start(),
        c.period_end().unwrap_or(chrono::NaiveDate::MAX),
    );
    let d = date.value.0;
    if d >= start && d <= end {
        return;
    }
    found
        .at(
            file,
            date,
            msg(
                format!(
                    "{} ngày {d} nằm ngoài thời gian thi đua ({start} – {end})",
                    what.0
                ),
                format!(
                    "{} dated {d} is outside the campaign period ({start} – {end})",
                    what.1
                ),
            ),
        )
        .help(msg(
            "chỉ tính thành tích, nhiệm vụ trong thời gian thi đua (mục III của Kế hoạch)",
            "only achievements and tasks inside the period count (section III of the plan)",
        ));
}

pub(crate) fn submission_inside_window(ctx: &Ctx, found: &mut Found) {
    let Some(c) = ctx.campaign() else {
        return;
    };
    for u in ctx.units() {
        let unit = &u.value;
        let upward: Vec<_> = with_award(c, unit)
            .filter(|(_, a)| a.level == AwardLevel::Province)
            .collect();
        let Some(first) = upward.first() else {
            continue;
        };
        let Some(submission) = &unit.submission else {
            found
                .at(
                    u.file,
                    &first.0.id,
                    msg(
                        "có đề nghị khen thưởng nhưng chưa có tờ trình (`submission`)",
                        "there are nominations but no `submission`",
                    ),
                )
                .help(msg(
                    "thêm khối `submission` với số, ngày và cuộc họp Hội đồng (`council`)",
                    "add a `submission` block with its number, date and `council` meeting",
                ));
            continue;
        };
        let date = submission.date.value;
        for (_, award) in &upward {
            let Some(w) = &award.window else { continue };
            let (start, end) = (w.start.value.0, w.end.value.0);
            // A draft's blank day: the month must overlap the window.
            if latest(&date) < start || date.earliest() > end {
                found
                    .at(
                        u.file,
                        &submission.date,
                        msg(
                            format!("tờ trình ngày {date} nằm ngoài thời gian đề nghị {} ({start} – {end})", award.name),
                            format!("the submission dated {date} is outside the nomination window of {} ({start} – {end})", award.name),
                        ),
                    )
                    .help(msg(
                        format!("trình trong {}", crate::notation::span_text(start, end)),
                        format!("submit within {start} – {end}"),
                    ));
                break;
            }
        }
    }
}

/// The latest day a date may be: a draft's blank day or month is the last
/// of its month or year.
fn latest(date: &PartialDate) -> NaiveDate {
    date.complete()
        .unwrap_or_else(|| last_day(date.year, date.month.unwrap_or(12)))
}

fn last_day(year: i32, month: u32) -> NaiveDate {
    let (y, m) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1)
        .and_then(|d| d.pred_opt())
        .unwrap_or(NaiveDate::MAX)
}

pub(crate) fn council_before_submission(ctx: &Ctx, found: &mut Found) {
    let Some(c) = ctx.campaign() else {
        return;
    };
    for u in ctx.units() {
        let Some(s) = &u.value.submission else {
            continue;
        };
        let meeting = s.council.date.value.0;
        // A deadline after the period lets the council meet until it.
        let last = c.period_end().map(|end| {
            with_award(c, &u.value)
                .filter_map(|(_, a)| a.deadline.as_ref().map(|d| d.value.0))
                .fold(end, NaiveDate::max)
        });
        let problem = if meeting > latest(&s.date.value) {
            Some((
                format!(
                    "Hội đồng họp ngày {meeting}, sau tờ trình ({})",
                    s.date.value
                ),
                format!(
                    "the council met on {meeting}, after the submission ({})",
                    s.date.value
                ),
            ))
        } else if meeting < c.period_start() || last.is_some_and(|end| meeting > end) {
            Some((
                format!("Hội đồng họp ngày {meeting}, ngoài thời gian thi đua"),
                format!("the council met on {meeting}, outside the campaign period"),
            ))
        } else {
            None
        };
        if let Some((vi, en)) = problem {
            found.at(u.file, &s.council.date, msg(vi, en)).help(msg(
                "Hội đồng xét trước, tờ trình ghi kết quả cuộc họp sau",
                "the council meets first; the submission reports its result",
            ));
        }
    }
}

pub(crate) fn submission_by_deadline(ctx: &Ctx, found: &mut Found) {
    let Some(c) = ctx.campaign() else {
        return;
    };
    for u in ctx.units() {
        let Some(s) = &u.value.submission else {
            continue;
        };
        let date = s.date.value;
        let mut awards: Vec<&Award> = Vec::new();
        for (_, a) in with_award(c, &u.value).filter(|(_, a)| a.level == AwardLevel::Province) {
            if !awards.iter().any(|b| b.id.value == a.id.value) {
                awards.push(a);
            }
        }
        for award in awards {
            let Some(deadline) = &award.deadline else {
                continue;
            };
            // Outside the award's window, TD0214 says it.
            let outside = award.window.as_ref().is_some_and(|w| {
                latest(&date) < w.start.value.0 || date.earliest() > w.end.value.0
            });
            let last = deadline.value.0;
            if outside || date.earliest() <= last {
                continue;
            }
            found
                .at(
                    u.file,
                    &s.date,
                    msg(
                        format!(
                            "tờ trình ngày {} sau hạn nộp hồ sơ {} (đến hết ngày {})",
                            date.vi(),
                            award.name,
                            last.format("%d/%m/%Y")
                        ),
                        format!(
                            "the submission dated {date} is after the deadline for {} ({last})",
                            award.name
                        ),
                    ),
                )
                .help(msg(
                    format!(
                        "hồ sơ {} nộp chậm nhất ngày {}",
                        award.name,
                        last.format("%d/%m/%Y")
                    ),
                    format!("submit by {last}"),
                ));
        }
    }
}

pub(crate) fn plan_inside_period(ctx: &Ctx, found: &mut Found) {
    let Some(c) = ctx.campaign() else {
        return;
    };
    // A period ending at an event with no day given has no end to check.
    let Some(end) = c.period_end() else {
        return;
    };
    for u in ctx.units() {
        let date = &u.value.plan.date;
        if date.value.earliest() <= end {
            continue;
        }
        found
            .at(
                u.file,
                date,
                msg(
                    format!("kế hoạch của đơn vị ngày {} sau khi phong trào kết thúc ({})", date.value.vi(), end.format("%d/%m/%Y")),
                    format!("the unit's plan dated {} is after the campaign ended ({end})", date.value),
                ),
            )
            .help(msg(
                "kế hoạch triển khai phong trào ban hành trong thời gian thi đua; kiểm tra lại ngày",
                "a plan carrying out the campaign is issued within its period; check the date",
            ));
    }
}

/// What a council reviews or a decision rewards had happened by then: each
/// achievement (and each initiative's recognition) a nomination cites is
/// dated no later than the council that weighed it, and each achievement a
/// unit's own award (`giay_khen`) cites no later than its decision.
pub(crate) fn evidence_precedes_its_review(ctx: &Ctx, found: &mut Found) {
    let Some(c) = ctx.campaign() else {
        return;
    };
    for u in ctx.units() {
        let unit = &u.value;
        let achieved = |id: &str| {
            let a = unit.achievements.iter().find(|a| a.id.value == id)?;
            Some((a.date.value.0, ("thành tích", "achievement")))
        };
        let recognised = |id: &str| {
            let i = unit.initiatives.iter().find(|i| i.id.value == id)?;
            let d = i.decision.as_ref()?;
            Some((
                d.date.value.0,
                (
                    "quyết định công nhận sáng kiến",
                    "the initiative's recognition",
                ),
            ))
        };
        // A meeting before the period is TD0225's, not every citation's.
        let submission = unit.submission.as_ref();
        if let Some(s) = submission.filter(|s| s.council.date.value.0 >= c.period_start()) {
            let meeting = s.council.date.value.0;
            let when = (
                format!("cuộc họp Hội đồng ngày {meeting}"),
                format!("the council's meeting of {meeting}"),
            );
            for n in &unit.nominations {
                let cited = (n.achievements.iter().map(|id| (id, achieved(&id.value))))
                    .chain(n.initiatives.iter().map(|id| (id, recognised(&id.value))));
                for (id, dated) in cited {
                    if let Some((date, what)) = dated.filter(|(d, _)| *d > meeting) {
                        after_review(found, u.file, id, date, what, &when);
                    }
                }
            }
        }
        if let Some(g) = &unit.giay_khen {
            let by = latest(&g.date.value);
            let when = (
                format!("quyết định khen thưởng (`giay_khen`) ngày {}", g.date.value),
                format!("the award decision (`giay_khen`) of {}", g.date.value),
            );
            for id in g.recipients.iter().flat_map(|r| &r.achievements) {
                if let Some((date, what)) = achieved(&id.value).filter(|(d, _)| *d > by) {
                    after_review(found, u.file, id, date, what, &when);
                }
            }
        }
    }
}

/// TD0236 at one citation: `what` (dated `date`) came after `when`.
fn after_review(
    found: &mut Found,
    file: FileId,
    id: &Spanned<String>,
    date: NaiveDate,
    what: (&str, &str),
    when: &(String, String),
) {
    found
        .at(
            file,
            id,
            msg(
                format!("{} `{}` ngày {date}, sau {}", what.0, id.value, when.0),
                format!("{} `{}` is dated {date}, after {}", what.1, id.value, when.1),
            ),
        )
        .help(msg(
            "chỉ dẫn những gì đã có khi xét: sửa ngày (của căn cứ hoặc của văn bản xét), hoặc bỏ căn cứ này",
            "cite only what existed when it was weighed: correct a date (the citation's or the document's) or drop the citation",
        ));
}
