//! A unit's dates against the campaign's: achievements and task deadlines in
//! the period (rule 1), the submission in its award's nomination window
//! (rule 2), the council meeting before the submission.

use chrono::NaiveDate;
use serde_saphyr::Spanned;

use super::with_award;
use crate::model::campaign::{AwardLevel, Campaign};
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
        } else if meeting < c.period_start() || c.period_end().is_some_and(|end| meeting > end) {
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
