//! The minutes of the unit's council (Hội đồng thi đua – khen thưởng): its
//! attendance and votes add up, one vote result for each nomination.

use std::collections::HashMap;

use serde_saphyr::Spanned;

use crate::model::common::{Absent, ClockTime};
use crate::model::unit::{Council, Unit};
use crate::rules::{Ctx, Found, msg};
use crate::source::FileId;

pub(crate) fn council_votes_add_up(ctx: &Ctx, found: &mut Found) {
    for u in ctx.units() {
        let unit = &u.value;
        let Some(s) = &unit.submission else { continue };
        let council = &s.council;
        let (members, present) = (council.members.value, council.present.value);
        if present > members {
            found.at(
                u.file,
                &council.present,
                msg(
                    format!("số thành viên có mặt ({present}) lớn hơn số thành viên Hội đồng ({members})"),
                    format!("{present} members present out of {members}"),
                ),
            );
        }
        meeting_adds_up(
            found,
            u.file,
            (&council.present, members),
            &council.absent,
            (council.start.as_ref(), council.end.as_ref()),
        );
        let voted = votes(found, u.file, unit, council);
        for n in unit
            .nominations
            .iter()
            .filter(|n| !voted.contains_key(n.id.value.as_str()))
        {
            found.at(
                u.file,
                &n.id,
                msg(
                    format!("đề nghị `{}` chưa có kết quả biểu quyết trong biên bản (`submission.council.votes`)", n.id.value),
                    format!("nomination `{}` has no vote in the minutes (`submission.council.votes`)", n.id.value),
                ),
            );
        }
    }
}

/// Checks each vote of the minutes; returns the nominations voted on.
fn votes<'a>(
    found: &mut Found,
    file: FileId,
    unit: &Unit,
    council: &'a Council,
) -> HashMap<&'a str, &'a Spanned<String>> {
    let present = council.present.value;
    let mut voted: HashMap<&str, &Spanned<String>> = HashMap::new();
    for v in &council.votes {
        if v.in_favour.value > present {
            found.at(
                file,
                &v.in_favour,
                msg(
                    format!(
                        "{} phiếu đồng ý nhiều hơn số thành viên có mặt ({present})",
                        v.in_favour.value
                    ),
                    format!(
                        "{} votes in favour but only {present} members present",
                        v.in_favour.value
                    ),
                ),
            );
        }
        if !unit
            .nominations
            .iter()
            .any(|n| n.id.value == v.nomination.value)
        {
            found
                .at(
                    file,
                    &v.nomination,
                    msg(
                        format!(
                            "biên bản ghi kết quả cho đề nghị `{}` không có trong `nominations`",
                            v.nomination.value
                        ),
                        format!(
                            "a vote for `{}`, which is not among `nominations`",
                            v.nomination.value
                        ),
                    ),
                )
                .suggest(
                    &v.nomination.value,
                    unit.nominations.iter().map(|n| n.id.value.as_str()),
                );
        }
        if voted.insert(&v.nomination.value, &v.nomination).is_some() {
            found.at(
                file,
                &v.nomination,
                msg(
                    format!("đề nghị `{}` có hai kết quả biểu quyết", v.nomination.value),
                    format!("nomination `{}` has two vote results", v.nomination.value),
                ),
            );
        }
    }
    voted
}

/// A meeting's minutes (a unit's or the province's council): the absent
/// members listed are as many as are missing, and it closes after it opens.
pub(crate) fn meeting_adds_up(
    found: &mut Found,
    file: FileId,
    (present, members): (&Spanned<u32>, u32),
    absent: &[Absent],
    (start, end): (Option<&Spanned<ClockTime>>, Option<&Spanned<ClockTime>>),
) {
    let missing = members.saturating_sub(present.value) as usize;
    if !absent.is_empty() && absent.len() != missing {
        found
            .at(
                file,
                present,
                msg(
                    format!(
                        "biên bản ghi {} thành viên vắng mặt, nhưng {members} thành viên mà chỉ {} có mặt là vắng {missing}",
                        absent.len(),
                        present.value
                    ),
                    format!(
                        "the minutes list {} absent members, but {members} members with {} present means {missing} absent",
                        absent.len(),
                        present.value
                    ),
                ),
            )
            .help(msg(
                "ghi mỗi thành viên vắng mặt một dòng trong `absent`, với lý do",
                "list each absent member in `absent`, with the reason",
            ));
    }
    if let (Some(s), Some(e)) = (start, end)
        && e.value <= s.value
    {
        found.at(
            file,
            e,
            msg(
                format!(
                    "cuộc họp kết thúc ({}) không sau khi bắt đầu ({})",
                    e.value.words(),
                    s.value.words()
                ),
                format!(
                    "the meeting ends ({}) no later than it starts ({})",
                    e.value.0, s.value.0
                ),
            ),
        );
    }
}
