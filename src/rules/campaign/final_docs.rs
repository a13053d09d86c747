//! With `--final` (TD0111): every document that is issued has its number
//! and full date, and every council's minutes its number and the times the
//! meeting opened and closed.

use serde_saphyr::Spanned;

use crate::model::date::PartialDate;
use crate::rules::{Ctx, Found, msg};
use crate::source::FileId;

/// A dated, numbered document: its file, its block, whether it has its number, and its date.
type Numbered<'a> = (FileId, &'static str, bool, &'a Spanned<PartialDate>);

/// Every dated, numbered document of the workspace.
fn numbered_documents<'a>(ctx: &Ctx<'a>) -> Vec<Numbered<'a>> {
    let mut out = Vec::new();
    if let Some(c) = ctx.campaign_file() {
        out.push((
            c.file,
            "plan",
            c.value.plan.number.is_some(),
            &c.value.plan.date,
        ));
    }
    for u in ctx.units() {
        let unit = &u.value;
        out.push((u.file, "plan", unit.plan.number.is_some(), &unit.plan.date));
        if let Some(g) = &unit.giay_khen {
            out.push((u.file, "giay_khen", g.number.is_some(), &g.date));
        }
        if let Some(s) = &unit.submission {
            out.push((u.file, "submission", s.number.is_some(), &s.date));
        }
        if let Some(r) = &unit.report {
            out.push((u.file, "report", r.number.is_some(), &r.date));
        }
    }
    if let Some(a) = ctx.appraisal() {
        let appraisal = &a.value;
        out.push((
            a.file,
            "submission",
            appraisal.submission.number.is_some(),
            &appraisal.submission.date,
        ));
        out.push((
            a.file,
            "decision",
            appraisal.decision.number.is_some(),
            &appraisal.decision.date,
        ));
        // The statistics report is dated with the Tờ tronce it goes with it.
        out.push((
            a.file,
            "statistics",
            appraisal
                .statistics
                .as_ref()
                .is_some_and(|s| s.number.is_some()),
            &appraisal.submission.date,
        ));
        for n in &appraisal.national {
            out.push((a.file, "national", n.number.is_some(), &n.date));
        }
    }
    // The ranking report's number and date are the file's own keys.
    if let Some(r) = &ctx.workspace.ranking {
        out.push((r.file, "", r.value.number.is_some(), &r.value.date));
    }
    out
}

pub(crate) fn final_documents_have_number_and_day(ctx: &Ctx, found: &mut Found) {
    if !ctx.final_ {
        return;
    }
    minutes_have_numbers(ctx, found);
    for (file, block, numbered, date) in numbered_documents(ctx) {
        let key = if block.is_empty() {
            "number".to_string()
        } else {
            format!("{block}.number")
        };
        let place = if block.is_empty() {
            "tệp".to_string()
        } else {
            format!("khối `{block}`")
        };
        let place_en = if block.is_empty() {
            "the file".to_string()
        } else {
            format!("`{block}`")
        };
        if !numbered {
            found
                .at(
                    file,
                    date,
                    msg(
                        format!("bản chính thức (--final) cần số văn bản: `{key}` còn trống"),
                        format!("a final document (--final) needs its number: `{key}` is blank"),
                    ),
                )
                .help(msg(
                    format!("thêm `number: <số>` do văn thư cấp vào {place}"),
                    format!("add `number: <n>` as registered by the records office to {place_en}"),
                ));
        }
        if date.value.is_draft() {
            found
                .at(
                    file,
                    date,
                    msg(
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
                .help(msg(
                    "ghi ngày dạng YYYY-MM-DD",
                    "write the date as YYYY-MM-DD",
                ));
        }
    }
}

/// With `--final`, the councils' minutes need their numbers too.
fn minutes_have_numbers(ctx: &Ctx, found: &mut Found) {
    let mut councils = Vec::new();
    for u in ctx.units() {
        if let Some(s) = &u.value.submission {
            let c = &s.council;
            let timed = c.start.is_some() && c.end.is_some();
            councils.push((
                u.file,
                "submission.council",
                c.number.is_some(),
                timed,
                &c.date,
            ));
        }
    }
    if let Some(a) = ctx.appraisal() {
        let c = &a.value.council;
        let timed = c.start.is_some() && c.end.is_some();
        councils.push((a.file, "council", c.number.is_some(), timed, &c.date));
    }
    for (file, block, numbered, timed, date) in councils {
        if !numbered {
            found
                .at(
                    file,
                    date,
                    msg(
                        format!("bản chính thức (--final) cần số biên bản: `{block}.number` còn trống"),
                        format!("a final document (--final) needs the minutes' number: `{block}.number` is blank"),
                    ),
                )
                .help(msg(
                    format!("thêm `number: <số>` do văn thư cấp vào khối `{block}`"),
                    format!("add `number: <n>` as registered by the records office to `{block}`"),
                ));
        }
        if !timed {
            found
                .at(
                    file,
                    date,
                    msg(
                        format!("bản chính thức (--final) cần giờ bắt đầu và kết thúc cuộc họp: `{block}.start`, `{block}.end`"),
                        format!("a final document (--final) needs the meeting's start and end: `{block}.start`, `{block}.end`"),
                    ),
                )
                .help(msg(
                    format!("thêm vào khối `{block}`: `start: \"08:00\"`, `end: \"10:30\"`"),
                    format!("add to `{block}`: `start: \"08:00\"`, `end: \"10:30\"`"),
                ));
        }
    }
}
