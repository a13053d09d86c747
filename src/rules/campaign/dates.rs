//! The campaign's other dates (TD0117): the review (`closing`) comes once
//! the period is over, and each award's submission deadline neither before
//! the period starts nor before its nomination window ends. A period ending
//! at an event is checked at its end only when its `by` is given.

use crate::rules::{Ctx, Found, msg};

pub(crate) fn dates_follow_period(ctx: &Ctx, found: &mut Found) {
    let Some(cf) = ctx.campaign_file() else {
        return;
    };
    let c = &cf.value;
    let (start, end) = (c.period_start(), c.period_end());
    // A period out of order is TD0104's: every date would be wrong against it.
    if end.is_some_and(|end| end <= start) {
        return;
    }
    if let (Some(closing), Some(end)) = (&c.closing, end)
        && closing.value.latest() < end
    {
        found
            .at(
                cf.file,
                closing,
                msg(
                    format!(
                        "tổng kết phong trào ({}) trước khi hết thời gian thi đua ({})",
                        closing.value.vi(),
                        end.format("%d/%m/%Y")
                    ),
                    format!(
                        "the review ({}) comes before the period ends ({end})",
                        closing.value
                    ),
                ),
            )
            .help(msg(
                "sửa `closing` hoặc `period.end`",
                "fix `closing` or `period.end`",
            ));
    }
    for award in &c.awards {
        let Some(deadline) = &award.deadline else {
            continue;
        };
        let day = deadline.value.0;
        let problem = if day < start {
            Some((
                format!(
                    "hạn nộp hồ sơ {} ({}) trước khi bắt đầu thời gian thi đua ({})",
                    award.name,
                    day.format("%d/%m/%Y"),
                    start.format("%d/%m/%Y")
                ),
                format!(
                    "the deadline for {} ({day}) is before the period starts ({start})",
                    award.name
                ),
            ))
        } else {
            award
                .window
                .as_ref()
                .map(|w| w.end.value.0)
                .filter(|window_end| day < *window_end)
                .map(|window_end| {
                    (
                        format!("hạn nộp hồ sơ {} ({}) trước khi hết thời gian đề nghị ({})", award.name, day.format("%d/%m/%Y"), window_end.format("%d/%m/%Y")),
                        format!("the deadline for {} ({day}) is before its nomination window ends ({window_end})", award.name),
                    )
                })
        };
        if let Some((vi, en)) = problem {
            found.at(cf.file, deadline, msg(vi, en)).help(msg(
                "sửa `deadline` hoặc `window` của hình thức",
                "fix the award's `deadline` or `window`",
            ));
        }
    }
}
