//! The unit council's decision on each nomination: carried by the share of
//! all members the campaign requires (`Campaign::council_rule`: the award's,
//! else the campaign's, else more than half), at a meeting with the quorum
//! it sets. Shared with the provincial council's ballot (TD0314).

use serde_saphyr::Spanned;

use crate::model::campaign::{Award, AwardLevel, Threshold};
use crate::rules::{Ctx, Found, msg};
use crate::source::FileId;

/// A vote that falls short of `pass` over all `members`: TD0230 or TD0314 at
/// its `in_favour`.
pub(crate) fn short_vote(
    found: &mut Found,
    file: FileId,
    (nomination, in_favour): (&str, &Spanned<u32>),
    award: &Award,
    pass: Threshold,
    members: u32,
) {
    let votes = in_favour.value;
    let needed = pass.fewest(members);
    let share = pass.text();
    found
        .at(
            file,
            in_favour,
            msg(
                format!("đề nghị `{nomination}` ({}): {votes} phiếu đồng ý trên {members} thành viên Hội đồng, trong khi cần {} tổng số thành viên đồng ý (ít nhất {needed} phiếu)", award.name, share.vi),
                format!("nomination `{nomination}` ({}): {votes} votes in favour of {members} council members, where {} of all members must agree (at least {needed} votes)", award.name, share.en)),
        )
        .help(msg(
            "chỉ đề nghị trường hợp được Hội đồng biểu quyết thông qua: bỏ đề nghị này, hoặc ghi đúng kết quả trong biên bản",
            "only nominations the council carried go up: withdraw this one, or record the vote as it was",
        ));
}

/// A meeting short of `quorum` of all `members`: TD0230 or TD0314 at its `present`.
pub(crate) fn short_quorum(
    found: &mut Found,
    file: FileId,
    present: &Spanned<u32>,
    award: &Award,
    quorum: Threshold,
    members: u32,
) {
    let needed = quorum.fewest(members);
    let share = quorum.text();
    found
        .at(
            file,
            present,
            msg(
                format!("{} thành viên có mặt trên {members}, trong khi Hội đồng cần {} tổng số thành viên dự họp (ít nhất {needed}) để xét {}", present.value, share.vi, award.name),
                format!("{} members present of {members}, where the council needs {} of all members present (at least {needed}) to consider {}", present.value, share.en, award.name)),
        )
        .help(msg(
            "Hội đồng chỉ xét khi đủ số thành viên dự họp: họp lại, hoặc ghi đúng số có mặt",
            "the council decides only when enough members attend: meet again, or record attendance as it was",
        ));
}

pub(crate) fn council_carries_nominations(ctx: &Ctx, found: &mut Found) {
    let Some(c) = ctx.campaign() else {
        return;
    };
    for u in ctx.units() {
        let unit = &u.value;
        let Some(s) = &unit.submission else { continue };
        let council = &s.council;
        let (members, present) = (council.members.value, council.present.value);
        // Attendance over the membership is TD0219's: nothing adds up.
        if present > members {
            continue;
        }
        let mut quorums: Vec<Threshold> = Vec::new();
        for v in &council.votes {
            // A vote for no nomination is TD0219's; for an award the unit may
            // not propose, TD0205–TD0207's.
            let Some(award) = unit
                .nominations
                .iter()
                .find(|n| n.id.value == v.nomination.value)
                .and_then(|n| c.award(&n.award.value))
                .filter(|a| a.level == AwardLevel::Province)
            else {
                continue;
            };
            let (pass, quorum) = c.council_rule(award);
            // A threshold out of reach is TD0115's.
            let quorum = quorum.filter(Threshold::reachable);
            if let Some(q) = quorum.filter(|q| !q.met(present, members) && !quorums.contains(q)) {
                quorums.push(q);
                short_quorum(found, u.file, &council.present, award, q, members);
            }
            // More votes than members present is TD0219's.
            if v.in_favour.value <= present
                && pass.reachable()
                && !pass.met(v.in_favour.value, members)
            {
                let vote = (v.nomination.value.as_str(), &v.in_favour);
                short_vote(found, u.file, vote, award, pass, members);
            }
        }
    }
}
