//! The achievement report's fixed lines (TD0238): a draft prints `……` where
//! the nomination leaves one out; the final document (`--final`) may not.

use crate::model::unit::Nomination;
use crate::rules::{Ctx, Found, msg};

pub(crate) fn reports_have_every_line(ctx: &Ctx, found: &mut Found) {
    if !ctx.final_ {
        return;
    }
    for u in ctx.units() {
        for n in &u.value.nominations {
            let blank = blank_lines(n);
            if blank.is_empty() {
                continue;
            }
            let keys = blank
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ");
            found
                .at(u.file, &n.id, msg(
                    format!("bản chính thức (--final): báo cáo thành tích của `{}` còn để trống dòng của mẫu: {keys}", n.id.value),
                    format!("a final document (--final): the achievement report of `{}` leaves lines of the form blank: {keys}", n.id.value),
                ))
                .help(msg(
                    "điền các khóa đó trong đề nghị; dòng không có nội dung thì ghi `Không`",
                    "fill those keys in the nomination; write `Không` for a line with nothing to say",
                ));
        }
    }
}

/// The keys whose lines the report would print blank.
fn blank_lines(n: &Nomination) -> Vec<&'static str> {
    let empty = |s: &Option<String>| s.as_deref().is_none_or(|s| s.trim().is_empty());
    let mut blank = vec![];
    if let Some(p) = &n.person {
        let fields = [
            ("person.home_town", &p.home_town),
            ("person.residence", &p.residence),
            ("person.qualification", &p.qualification),
            ("person.degrees", &p.degrees),
        ];
        blank.extend(fields.into_iter().filter(|(_, v)| empty(v)).map(|(k, _)| k));
    } else if n.situation.is_empty() {
        blank.push("situation");
    }
    if n.duties.is_empty() {
        blank.push("duties");
    }
    blank
}
