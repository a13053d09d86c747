//! Rules on each unit's own inputs (domain rules 1–13 of
//! `../shared/spec/domain.md` that a unit's file can break).

use std::collections::HashMap;

use chrono::NaiveDate;
use serde_saphyr::Spanned;

use super::{Ctx, Rule, bad_id, duplicate_ids, is_slug, suggest};
use crate::diag::{Diagnostic, Severity, Text};
use crate::source::FileId;
use crate::model::Sourced;
use crate::model::campaign::{AwardLevel, Campaign, Evidence};
use crate::model::common::SubjectType;
use crate::model::unit::{Discipline, Gender, Nomination, Unit};

#[rustfmt::skip]
pub(super) static RULES: &[Rule] = &[
    rule!("TD0201", Error, "Mỗi đơn vị một mã riêng: hai tệp đơn vị không trùng mã (dạng mã: TD0101, trùng trong tệp: TD0102)", unit_ids),
    rule!("TD0202", Error, "Loại đơn vị thuộc đối tượng thi đua của phong trào (mục IV.1)", unit_kind_is_eligible),
    rule!("TD0203", Error, "Nhiệm vụ và thành tích dẫn chiếu nội dung thi đua có thật (mục II)", content_items_exist),
    rule!("TD0204", Error, "Thành tích và thời hạn nhiệm vụ nằm trong thời gian thi đua (quy tắc 1)", dates_inside_period),
    rule!("TD0205", Error, "Hình thức đề nghị có thật trong phong trào", nominated_award_exists),
    rule!("TD0206", Error, "Không đề nghị Giấy khen trong hồ sơ trình tỉnh (quy tắc 5)", no_giay_khen_upward),
    rule!("TD0207", Error, "Đơn vị không tự đề nghị hình thức cấp Nhà nước: tỉnh lựa chọn từ danh sách cấp tỉnh (quy tắc 6)", no_national_from_units),
    rule!("TD0208", Error, "Mỗi đề nghị có đúng một đối tượng: `collective` hoặc `person`", one_nominee),
    rule!("TD0209", Error, "Tập thể và cá nhân được đề nghị thuộc đối tượng của phong trào (quy tắc 3)", nominee_is_eligible),
    rule!("TD0210", Error, "Đề nghị nêu ít nhất một tiêu chí, có thật, của đúng hình thức và đối tượng (quy tắc 4)", criteria_exist),
    rule!("TD0211", Error, "Tiêu chí về thành tích kèm thành tích cụ thể gắn nội dung mục II (quy tắc 4a)", achievements_back_criteria),
    rule!("TD0212", Error, "Tiêu chí về sáng kiến kèm sáng kiến, giải pháp đã được công nhận bằng quyết định (quy tắc 4b)", initiatives_back_criteria),
    rule!("TD0213", Error, "Thành tích, sáng kiến được dẫn chiếu có thật trong tệp đơn vị", citations_exist),
    rule!("TD0214", Error, "Có tờ trình cho các đề nghị, ngày trình trong thời gian đề nghị khen thưởng (quy tắc 2)", submission_inside_window),
    rule!("TD0215", Error, "Số CCCD gồm đúng 12 chữ số (quy tắc 11)", cccd_is_well_formed),
    rule!("TD0216", Error, "Số CCCD khớp giới tính và năm sinh (chữ số thứ 4–6)", cccd_matches_person),
    rule!("TD0217", Error, "Một người (theo CCCD) không được đề nghị hai lần, ở một hay hai đơn vị (quy tắc 11)", person_once),
    rule!("TD0218", Error, "Không đề nghị người đang bị kỷ luật hoặc đang bị xem xét, điều tra (quy tắc 11)", nominee_not_disciplined),
    rule!("TD0219", Error, "Biên bản họp Hội đồng: số có mặt không quá số thành viên, phiếu đồng ý không quá số có mặt, mỗi đề nghị một kết quả", council_votes_add_up),
    rule!("TD0220", Error, "Một thành tích chỉ làm căn cứ cho một hình thức khen thưởng (quy tắc 8)", achievement_rewarded_once),
    rule!("TD0221", Error, "Số đề nghị của đơn vị không vượt chỉ tiêu của phong trào (quy tắc 7)", quota_per_unit),
    rule!("TD0222", Warning, "Tỷ lệ cá nhân không giữ chức vụ lãnh đạo, trực tiếp lao động đạt mục tiêu của phong trào (quy tắc 12)", shares_meet_targets),
    rule!("TD0223", Error, "Thành tích trước ngày sáp nhập ghi rõ đơn vị tiền thân (`by`)", merged_history_is_attributed),
    rule!("TD0224", Error, "Đơn vị đã giải thể, sáp nhập không lập văn bản sau ngày chuyển giao", nothing_after_succession),
    rule!("TD0225", Error, "Cuộc họp Hội đồng diễn ra trước tờ trình, trong thời gian thi đua", council_before_submission),
    rule!("TD0226", Error, "Mỗi tờ trình một hình thức khen thưởng: không gộp các hình thức (quy tắc 9)", one_award_per_submission),
];

fn campaign<'a>(ctx: &'a Ctx) -> Option<&'a Campaign> {
    ctx.workspace.campaign.as_ref().map(|c| &c.value)
}

fn units<'a>(ctx: &'a Ctx) -> impl Iterator<Item = &'a Sourced<Unit>> {
    ctx.workspace.units.iter()
}

fn msg(vi: impl Into<String>, en: impl Into<String>) -> Text {
    Text::new(vi, en)
}

fn unit_ids(ctx: &Ctx) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut first_file: HashMap<&str, FileId> = HashMap::new();
    for u in units(ctx) {
        let unit = &u.value;
        let mut ids = vec![&unit.id];
        ids.extend(unit.achievements.iter().map(|a| &a.id));
        ids.extend(unit.initiatives.iter().map(|i| &i.id));
        ids.extend(unit.nominations.iter().map(|n| &n.id));
        ids.extend(unit.predecessors.iter().map(|p| &p.id));
        out.extend(
            ids.iter()
                .filter(|id| !is_slug(&id.value))
                .map(|id| bad_id(ctx, u.file, id)),
        );
        out.extend(duplicate_ids(ctx, u.file, ids.iter().copied()));
        if let Some(other) = first_file.insert(&unit.id.value, u.file) {
            let name = ctx.sources.name(other).to_string();
            out.push(
                ctx.at(
                    u.file,
                    &unit.id,
                    Diagnostic::error(
                        "TD0201",
                        msg(
                            format!("mã đơn vị `{}` đã dùng trong {name}", unit.id.value),
                            format!("unit id `{}` is already used in {name}", unit.id.value),
                        ),
                    )
                    .help(msg(
                        "mỗi đơn vị một tệp, một mã riêng",
                        "one file and one id per unit",
                    )),
                ),
            );
        }
    }
    out
}

fn unit_kind_is_eligible(ctx: &Ctx) -> Vec<Diagnostic> {
    let Some(c) = campaign(ctx) else {
        return vec![];
    };
    let kinds = c.collective_kinds();
    units(ctx)
        .filter(|u| !kinds.contains(&u.value.unit_kind.value.as_str()))
        .map(|u| {
            let kind = &u.value.unit_kind;
            let d = Diagnostic::error(
                "TD0202",
                msg(
                    format!(
                        "loại đơn vị `{}` không thuộc đối tượng thi đua của phong trào",
                        kind.value
                    ),
                    format!(
                        "unit kind `{}` is not a subject of the campaign",
                        kind.value
                    ),
                ),
            );
            ctx.at(u.file, kind, suggest(d, &kind.value, kinds.iter().copied()))
        })
        .collect()
}

fn unknown_content_item(ctx: &Ctx, c: &Campaign, file: FileId, id: &Spanned<String>) -> Diagnostic {
    let d = Diagnostic::error(
        "TD0203",
        msg(
            format!(
                "phong trào không có nội dung thi đua mã `{}` (mục II)",
                id.value
            ),
            format!(
                "the campaign has no content item `{}` (section II)",
                id.value
            ),
        ),
    );
    ctx.at(
        file,
        id,
        suggest(
            d,
            &id.value,
            c.content_items.iter().map(|i| i.id.value.as_str()),
        ),
    )
}

fn content_items_exist(ctx: &Ctx) -> Vec<Diagnostic> {
    let Some(c) = campaign(ctx) else {
        return vec![];
    };
    let mut out = Vec::new();
    for u in units(ctx) {
        let refs = u.value.plan.tasks.iter().map(|t| &t.content_item);
        let refs = refs.chain(u.value.achievements.iter().map(|a| &a.content_item));
        for r in refs.filter(|r| c.content_item(&r.value).is_none()) {
            out.push(unknown_content_item(ctx, c, u.file, r));
        }
    }
    out
}

fn outside_period(
    ctx: &Ctx,
    c: &Campaign,
    file: FileId,
    date: &Spanned<crate::model::date::Date>,
    what: (&str, &str),
) -> Option<Diagnostic> {
    let (start, end) = (c.period_start(), c.period.end.value.0);
    let d = date.value.0;
    if d >= start && d <= end {
        return None;
    }
    Some(
        ctx.at(
            file,
            date,
            Diagnostic::error(
                "TD0204",
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
            )),
        ),
    )
}

fn dates_inside_period(ctx: &Ctx) -> Vec<Diagnostic> {
    let Some(c) = campaign(ctx) else {
        return vec![];
    };
    let mut out = Vec::new();
    for u in units(ctx) {
        for a in &u.value.achievements {
            out.extend(outside_period(
                ctx,
                c,
                u.file,
                &a.date,
                ("thành tích", "achievement"),
            ));
        }
        for t in &u.value.plan.tasks {
            out.extend(outside_period(
                ctx,
                c,
                u.file,
                &t.deadline,
                ("thời hạn nhiệm vụ", "task deadline"),
            ));
        }
    }
    out
}

/// Nominations whose award exists in the campaign, with that award.
fn with_award<'a>(
    c: &'a Campaign,
    unit: &'a Unit,
) -> impl Iterator<Item = (&'a Nomination, &'a crate::model::campaign::Award)> {
    unit.nominations
        .iter()
        .filter_map(|n| c.award(&n.award.value).map(|a| (n, a)))
}

fn nominated_award_exists(ctx: &Ctx) -> Vec<Diagnostic> {
    let Some(c) = campaign(ctx) else {
        return vec![];
    };
    let mut out = Vec::new();
    for u in units(ctx) {
        for n in u
            .value
            .nominations
            .iter()
            .filter(|n| c.award(&n.award.value).is_none())
        {
            let d = Diagnostic::error(
                "TD0205",
                msg(
                    format!(
                        "phong trào không có hình thức khen thưởng mã `{}`",
                        n.award.value
                    ),
                    format!("the campaign has no award `{}`", n.award.value),
                ),
            );
            out.push(ctx.at(
                u.file,
                &n.award,
                suggest(
                    d,
                    &n.award.value,
                    c.awards.iter().map(|a| a.id.value.as_str()),
                ),
            ));
        }
    }
    out
}

fn no_giay_khen_upward(ctx: &Ctx) -> Vec<Diagnostic> {
    let Some(c) = campaign(ctx) else {
        return vec![];
    };
    let mut out = Vec::new();
    for u in units(ctx) {
        for (n, award) in with_award(c, &u.value).filter(|(_, a)| a.level == AwardLevel::Unit) {
            out.push(
                ctx.at(
                    u.file,
                    &n.award,
                    Diagnostic::error(
                        "TD0206",
                        msg(
                            format!(
                                "{} do Thủ trưởng đơn vị tặng, không đề nghị lên tỉnh",
                                award.name
                            ),
                            format!(
                                "{} is awarded by the unit's head and never sent up",
                                award.name
                            ),
                        ),
                    )
                    .help(msg(
                        "ghi người nhận Giấy khen ở khối `giay_khen`, không ở `nominations`",
                        "list Giấy khen recipients under `giay_khen`, not `nominations`",
                    )),
                ),
            );
        }
    }
    out
}

fn no_national_from_units(ctx: &Ctx) -> Vec<Diagnostic> {
    let Some(c) = campaign(ctx) else {
        return vec![];
    };
    let mut out = Vec::new();
    for u in units(ctx) {
        for (n, award) in with_award(c, &u.value).filter(|(_, a)| a.level == AwardLevel::National) {
            let pool = award
                .selection
                .as_ref()
                .map(|s| s.pool.value.as_str())
                .unwrap_or("");
            out.push(ctx.at(
                u.file,
                &n.award,
                Diagnostic::error(
                    "TD0207",
                    msg(
                        format!("{} do tỉnh lựa chọn từ danh sách cấp tỉnh; đơn vị không đề nghị trực tiếp", award.name),
                        format!("{} is selected by the province from its pool; units do not propose it", award.name),
                    ),
                )
                .help(msg(format!("đề nghị `{pool}`; Sở Nội vụ sẽ chọn người xuất sắc nhất trình cấp trên"), format!("propose `{pool}`; the Sở Nội vụ selects the best for the national award"))),
            ));
        }
    }
    out
}

fn one_nominee(ctx: &Ctx) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for u in units(ctx) {
        for n in u.value.nominations.iter().filter(|n| n.subject().is_none()) {
            let (vi, en) = if n.collective.is_some() {
                (
                    "đề nghị có cả `collective` và `person`",
                    "the nomination has both `collective` and `person`",
                )
            } else {
                (
                    "đề nghị chưa có đối tượng: thêm `collective` hoặc `person`",
                    "the nomination names no nominee: add `collective` or `person`",
                )
            };
            out.push(ctx.at(
                u.file,
                &n.id,
                Diagnostic::error("TD0208", msg(vi, en)).help(msg(
                    "mỗi đề nghị một tập thể hoặc một cá nhân",
                    "one collective or one person per nomination",
                )),
            ));
        }
    }
    out
}

fn nominee_is_eligible(ctx: &Ctx) -> Vec<Diagnostic> {
    let Some(c) = campaign(ctx) else {
        return vec![];
    };
    let kinds = c.collective_kinds();
    let staff = c.staff_kinds();
    let mut out = Vec::new();
    for u in units(ctx) {
        for n in &u.value.nominations {
            if let Some(col) = n
                .collective
                .as_ref()
                .filter(|col| !kinds.contains(&col.kind.value.as_str()))
            {
                let d = Diagnostic::error(
                    "TD0209",
                    msg(
                        format!(
                            "tập thể loại `{}` không thuộc đối tượng thi đua",
                            col.kind.value
                        ),
                        format!(
                            "a collective of kind `{}` is not a subject of the campaign",
                            col.kind.value
                        ),
                    ),
                );
                out.push(ctx.at(
                    u.file,
                    &col.kind,
                    suggest(d, &col.kind.value, kinds.iter().copied()),
                ));
            }
            if let Some(p) = n
                .person
                .as_ref()
                .filter(|p| !staff.contains(&p.staff_kind.value.as_str()))
            {
                let d = Diagnostic::error(
                    "TD0209",
                    msg(
                        format!(
                            "`{}` không thuộc đối tượng cá nhân của phong trào",
                            p.staff_kind.value
                        ),
                        format!(
                            "`{}` is not an individual subject of the campaign",
                            p.staff_kind.value
                        ),
                    ),
                );
                out.push(ctx.at(
                    u.file,
                    &p.staff_kind,
                    suggest(d, &p.staff_kind.value, staff.iter().copied()),
                ));
            }
        }
    }
    out
}

fn subject_label(s: SubjectType) -> (&'static str, &'static str) {
    match s {
        SubjectType::Collective => ("tập thể", "collectives"),
        SubjectType::Individual => ("cá nhân", "individuals"),
    }
}

fn criteria_exist(ctx: &Ctx) -> Vec<Diagnostic> {
    let Some(c) = campaign(ctx) else {
        return vec![];
    };
    let mut out = Vec::new();
    for u in units(ctx) {
        for (n, award) in with_award(c, &u.value).filter(|(_, a)| a.level == AwardLevel::Province) {
            let Some(subject) = n.subject() else { continue };
            let (who_vi, who_en) = subject_label(subject);
            let own = award.criteria.for_subject(subject);
            if n.criteria.is_empty() {
                out.push(
                    ctx.at(
                        u.file,
                        &n.id,
                        Diagnostic::error(
                            "TD0210",
                            msg(
                                "đề nghị chưa nêu tiêu chí nào (`criteria`)",
                                "the nomination claims no criterion (`criteria`)",
                            ),
                        )
                        .help(msg(
                            format!(
                                "tiêu chí cho {who_vi}: {}",
                                own.iter()
                                    .map(|k| format!("`{}`", k.id.value))
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            ),
                            format!(
                                "criteria for {who_en}: {}",
                                own.iter()
                                    .map(|k| format!("`{}`", k.id.value))
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            ),
                        )),
                    ),
                );
            }
            for k in n
                .criteria
                .iter()
                .filter(|k| !own.iter().any(|o| o.id.value == k.value))
            {
                let other = match subject {
                    SubjectType::Collective => SubjectType::Individual,
                    SubjectType::Individual => SubjectType::Collective,
                };
                let d = if award
                    .criteria
                    .for_subject(other)
                    .iter()
                    .any(|o| o.id.value == k.value)
                {
                    let (other_vi, other_en) = subject_label(other);
                    Diagnostic::error(
                        "TD0210",
                        msg(
                            format!(
                                "tiêu chí `{}` dành cho {other_vi}, không cho {who_vi}",
                                k.value
                            ),
                            format!("criterion `{}` is for {other_en}, not {who_en}", k.value),
                        ),
                    )
                } else {
                    Diagnostic::error(
                        "TD0210",
                        msg(
                            format!(
                                "{} không có tiêu chí `{}` cho {who_vi}",
                                award.name, k.value
                            ),
                            format!("{} has no criterion `{}` for {who_en}", award.name, k.value),
                        ),
                    )
                };
                out.push(ctx.at(
                    u.file,
                    k,
                    suggest(d, &k.value, own.iter().map(|o| o.id.value.as_str())),
                ));
            }
        }
    }
    out
}

/// The evidence each claimed criterion requires.
fn required_evidence<'a>(
    c: &'a Campaign,
    n: &'a Nomination,
) -> impl Iterator<Item = (&'a Spanned<String>, Evidence)> {
    let award = c.award(&n.award.value);
    let subject = n.subject();
    n.criteria.iter().filter_map(move |k| {
        let list = award?.criteria.for_subject(subject?);
        list.iter()
            .find(|o| o.id.value == k.value)
            .map(|o| (k, o.requires))
    })
}

fn achievements_back_criteria(ctx: &Ctx) -> Vec<Diagnostic> {
    let Some(c) = campaign(ctx) else {
        return vec![];
    };
    let mut out = Vec::new();
    for u in units(ctx) {
        for n in &u.value.nominations {
            let needs = required_evidence(c, n).find(|(_, e)| *e == Evidence::Achievements);
            let existing = n
                .achievements
                .iter()
                .filter(|a| u.value.achievement(&a.value).is_some())
                .count();
            if let Some((k, _)) = needs.filter(|_| existing == 0) {
                out.push(ctx.at(
                    u.file,
                    k,
                    Diagnostic::error(
                        "TD0211",
                        msg(
                            format!("tiêu chí `{}` cần thành tích cụ thể, nhưng đề nghị không dẫn thành tích nào", k.value),
                            format!("criterion `{}` needs concrete achievements, but the nomination cites none", k.value),
                        ),
                    )
                    .help(msg(
                        "thêm `achievements: [mã thành tích]` dẫn tới các thành tích ở khối `achievements` của đơn vị",
                        "add `achievements: [id]` citing the unit's `achievements`",
                    )),
                ));
            }
        }
    }
    out
}

fn initiatives_back_criteria(ctx: &Ctx) -> Vec<Diagnostic> {
    let Some(c) = campaign(ctx) else {
        return vec![];
    };
    let mut out = Vec::new();
    for u in units(ctx) {
        for n in &u.value.nominations {
            let Some((k, _)) = required_evidence(c, n).find(|(_, e)| *e == Evidence::Initiatives)
            else {
                continue;
            };
            let cited: Vec<_> = n
                .initiatives
                .iter()
                .filter_map(|i| u.value.initiative(&i.value).map(|found| (i, found)))
                .collect();
            if cited.is_empty() {
                out.push(ctx.at(
                    u.file,
                    k,
                    Diagnostic::error(
                        "TD0212",
                        msg(
                            format!("tiêu chí `{}` cần sáng kiến, giải pháp đã được công nhận, nhưng đề nghị không dẫn sáng kiến nào", k.value),
                            format!("criterion `{}` needs recognised initiatives, but the nomination cites none", k.value),
                        ),
                    )
                    .help(msg("thêm `initiatives: [mã sáng kiến]`", "add `initiatives: [id]`")),
                ));
            }
            for (reference, initiative) in cited.into_iter().filter(|(_, i)| i.decision.is_none()) {
                out.push(
                    ctx.at(
                        u.file,
                        reference,
                        Diagnostic::error(
                            "TD0212",
                            msg(
                                format!(
                                    "sáng kiến `{}` chưa có quyết định công nhận (`decision`)",
                                    initiative.id.value
                                ),
                                format!(
                                    "initiative `{}` has no recognising decision (`decision`)",
                                    initiative.id.value
                                ),
                            ),
                        )
                        .help(msg(
                            "ghi số, ngày và cơ quan ban hành quyết định công nhận sáng kiến",
                            "give the number, date and issuer of the decision that recognised it",
                        )),
                    ),
                );
            }
        }
    }
    out
}

fn citations_exist(ctx: &Ctx) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for u in units(ctx) {
        let unit = &u.value;
        let achievement_ids: Vec<&str> = unit
            .achievements
            .iter()
            .map(|a| a.id.value.as_str())
            .collect();
        let initiative_ids: Vec<&str> = unit
            .initiatives
            .iter()
            .map(|i| i.id.value.as_str())
            .collect();
        let mut achievement_refs: Vec<&Spanned<String>> = unit
            .nominations
            .iter()
            .flat_map(|n| &n.achievements)
            .collect();
        if let Some(g) = &unit.giay_khen {
            achievement_refs.extend(g.recipients.iter().flat_map(|r| &r.achievements));
        }
        for r in achievement_refs
            .into_iter()
            .filter(|r| !achievement_ids.contains(&r.value.as_str()))
        {
            let d = Diagnostic::error(
                "TD0213",
                msg(
                    format!("không có thành tích mã `{}` trong tệp đơn vị", r.value),
                    format!("no achievement `{}` in the unit's file", r.value),
                ),
            );
            out.push(ctx.at(
                u.file,
                r,
                suggest(d, &r.value, achievement_ids.iter().copied()),
            ));
        }
        for r in unit
            .nominations
            .iter()
            .flat_map(|n| &n.initiatives)
            .filter(|r| !initiative_ids.contains(&r.value.as_str()))
        {
            let d = Diagnostic::error(
                "TD0213",
                msg(
                    format!("không có sáng kiến mã `{}` trong tệp đơn vị", r.value),
                    format!("no initiative `{}` in the unit's file", r.value),
                ),
            );
            out.push(ctx.at(
                u.file,
                r,
                suggest(d, &r.value, initiative_ids.iter().copied()),
            ));
        }
    }
    out
}

fn submission_inside_window(ctx: &Ctx) -> Vec<Diagnostic> {
    let Some(c) = campaign(ctx) else {
        return vec![];
    };
    let mut out = Vec::new();
    for u in units(ctx) {
        let unit = &u.value;
        let upward: Vec<_> = with_award(c, unit)
            .filter(|(_, a)| a.level == AwardLevel::Province)
            .collect();
        let Some(first) = upward.first() else {
            continue;
        };
        let Some(submission) = &unit.submission else {
            out.push(
                ctx.at(
                    u.file,
                    &first.0.id,
                    Diagnostic::error(
                        "TD0214",
                        msg(
                            "có đề nghị khen thưởng nhưng chưa có tờ trình (`submission`)",
                            "there are nominations but no `submission`",
                        ),
                    )
                    .help(msg(
                        "thêm khối `submission` với số, ngày và cuộc họp Hội đồng (`council`)",
                        "add a `submission` block with its number, date and `council` meeting",
                    )),
                ),
            );
            continue;
        };
        let date = submission.date.value;
        for (_, award) in upward.iter().filter(|(_, a)| a.window.is_some()) {
            let Some(w) = &award.window else { continue };
            let (start, end) = (w.start.value.0, w.end.value.0);
            // A draft's blank day: the month must overlap the window.
            let latest = date
                .complete()
                .unwrap_or_else(|| last_day(date.year, date.month.unwrap_or(12)));
            if latest < start || date.earliest() > end {
                out.push(ctx.at(
                    u.file,
                    &submission.date,
                    Diagnostic::error(
                        "TD0214",
                        msg(
                            format!("tờ trình ngày {date} nằm ngoài thời gian đề nghị {} ({start} – {end})", award.name),
                            format!("the submission dated {date} is outside the nomination window of {} ({start} – {end})", award.name),
                        ),
                    )
                    .help(msg(
                        format!("trình trong {}", crate::notation::span_text(start, end)),
                        format!("submit within {start} – {end}"),
                    )),
                ));
                break;
            }
        }
    }
    out
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

fn people<'a>(
    ctx: &'a Ctx,
) -> impl Iterator<Item = (FileId, &'a Nomination, &'a crate::model::unit::Person)> {
    units(ctx).flat_map(|u| {
        u.value
            .nominations
            .iter()
            .filter_map(move |n| n.person.as_ref().map(|p| (u.file, n, p)))
    })
}

fn cccd_is_well_formed(ctx: &Ctx) -> Vec<Diagnostic> {
    people(ctx)
        .filter(|(_, _, p)| {
            !(p.cccd.value.len() == 12 && p.cccd.value.bytes().all(|b| b.is_ascii_digit()))
        })
        .map(|(file, _, p)| {
            let chars = p.cccd.value.chars().count();
            let others = p.cccd.value.chars().filter(|c| !c.is_ascii_digit()).count();
            let (vi, en) = if others > 0 {
                (
                    format!("có {others} ký tự không phải chữ số"),
                    format!("{others} characters are not digits"),
                )
            } else {
                (
                    format!("đang có {chars} chữ số"),
                    format!("found {chars} digits"),
                )
            };
            ctx.at(
                file,
                &p.cccd,
                Diagnostic::error(
                    "TD0215",
                    msg(
                        format!(
                            "số CCCD `{}` phải gồm đúng 12 chữ số, viết liền ({vi})",
                            p.cccd.value
                        ),
                        format!(
                            "CCCD `{}` must be exactly 12 digits, written together ({en})",
                            p.cccd.value
                        ),
                    ),
                )
                .help(msg(
                    "ghi 12 chữ số liền nhau, trong dấu nháy: `cccd: \"020190001234\"`",
                    "write the 12 digits together, quoted: `cccd: \"020190001234\"`",
                )),
            )
        })
        .collect()
}

fn cccd_matches_person(ctx: &Ctx) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (file, _, p) in people(ctx) {
        let digits: Vec<u32> = p
            .cccd
            .value
            .chars()
            .filter_map(|c| c.to_digit(10))
            .collect();
        if digits.len() != 12 || p.cccd.value.len() != 12 {
            continue;
        }
        // Digit 4 codes century and gender: 0/1 = 1900s male/female, 2/3 = 2000s …
        let code = digits[3];
        let century = 1900 + 100 * (code / 2) as i32;
        let gender = if code % 2 == 0 {
            Gender::Male
        } else {
            Gender::Female
        };
        let year = century + (digits[4] * 10 + digits[5]) as i32;
        if gender != p.gender.value || year != p.birth_year.value {
            let gender_vi = if gender == Gender::Male {
                "nam"
            } else {
                "nữ"
            };
            out.push(ctx.at(
                file,
                &p.cccd,
                Diagnostic::error(
                    "TD0216",
                    msg(
                        format!(
                            "số CCCD `{}` là của người {gender_vi} sinh năm {year}, khác hồ sơ ({}, {})",
                            p.cccd.value,
                            if p.gender.value == Gender::Male { "nam" } else { "nữ" },
                            p.birth_year.value
                        ),
                        format!("CCCD `{}` belongs to a {} born in {year}, unlike the record",
                            p.cccd.value,
                            if gender == Gender::Male { "man" } else { "woman" }
                        ),
                    ),
                )
                .help(msg("kiểm tra lại số CCCD, giới tính và năm sinh", "check the CCCD, gender and birth year")),
            ));
        }
    }
    out
}

fn person_once(ctx: &Ctx) -> Vec<Diagnostic> {
    let mut first: HashMap<&str, (FileId, &Spanned<String>)> = HashMap::new();
    let mut out = Vec::new();
    for (file, _, p) in people(ctx) {
        match first.get(p.cccd.value.as_str()) {
            Some((other_file, other)) => {
                let place = format!(
                    "{}:{}",
                    ctx.sources.name(*other_file),
                    ctx.line_of(*other_file, *other)
                );
                out.push(
                    ctx.at(
                        file,
                        &p.cccd,
                        Diagnostic::error(
                            "TD0217",
                            msg(
                                format!(
                                    "{} (CCCD {}) đã được đề nghị ở {place}",
                                    p.full_name, p.cccd.value
                                ),
                                format!(
                                    "{} (CCCD {}) is already nominated at {place}",
                                    p.full_name, p.cccd.value
                                ),
                            ),
                        )
                        .help(msg(
                            "mỗi người chỉ được đề nghị một lần",
                            "a person is nominated once",
                        )),
                    ),
                );
            }
            None => {
                first.insert(&p.cccd.value, (file, &p.cccd));
            }
        }
    }
    out
}

fn nominee_not_disciplined(ctx: &Ctx) -> Vec<Diagnostic> {
    people(ctx)
        .filter(|(_, _, p)| p.discipline.value != Discipline::None)
        .map(|(file, _, p)| {
            ctx.at(
                file,
                &p.discipline,
                Diagnostic::error(
                    "TD0218",
                    msg(
                        format!("{} đang bị kỷ luật hoặc xem xét, điều tra: không được đề nghị khen thưởng", p.full_name),
                        format!("{} is disciplined or under investigation and may not be nominated", p.full_name),
                    ),
                )
                .help(msg("rút đề nghị này khỏi hồ sơ", "withdraw this nomination")),
            )
        })
        .collect()
}

fn council_votes_add_up(ctx: &Ctx) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for u in units(ctx) {
        let unit = &u.value;
        let Some(s) = &unit.submission else { continue };
        let council = &s.council;
        let (members, present) = (council.members.value, council.present.value);
        let err = |vi: String, en: String| Diagnostic::error("TD0219", msg(vi, en));
        if present > members {
            out.push(ctx.at(u.file, &council.present, err(
                format!("số thành viên có mặt ({present}) lớn hơn số thành viên Hội đồng ({members})"),
                format!("{present} members present out of {members}"),
            )));
        }
        let mut voted: HashMap<&str, &Spanned<String>> = HashMap::new();
        for v in &council.votes {
            if v.in_favour.value > present {
                out.push(ctx.at(
                    u.file,
                    &v.in_favour,
                    err(
                        format!(
                            "{} phiếu đồng ý nhiều hơn số thành viên có mặt ({present})",
                            v.in_favour.value
                        ),
                        format!(
                            "{} votes in favour but only {present} members present",
                            v.in_favour.value
                        ),
                    ),
                ));
            }
            if !unit
                .nominations
                .iter()
                .any(|n| n.id.value == v.nomination.value)
            {
                let d = err(
                    format!(
                        "biên bản ghi kết quả cho đề nghị `{}` không có trong `nominations`",
                        v.nomination.value
                    ),
                    format!(
                        "a vote for `{}`, which is not among `nominations`",
                        v.nomination.value
                    ),
                );
                out.push(ctx.at(
                    u.file,
                    &v.nomination,
                    suggest(
                        d,
                        &v.nomination.value,
                        unit.nominations.iter().map(|n| n.id.value.as_str()),
                    ),
                ));
            }
            if voted.insert(&v.nomination.value, &v.nomination).is_some() {
                out.push(ctx.at(
                    u.file,
                    &v.nomination,
                    err(
                        format!("đề nghị `{}` có hai kết quả biểu quyết", v.nomination.value),
                        format!("nomination `{}` has two vote results", v.nomination.value),
                    ),
                ));
            }
        }
        for n in unit
            .nominations
            .iter()
            .filter(|n| !voted.contains_key(n.id.value.as_str()))
        {
            out.push(ctx.at(u.file, &n.id, err(
                format!("đề nghị `{}` chưa có kết quả biểu quyết trong biên bản (`submission.council.votes`)", n.id.value),
                format!("nomination `{}` has no vote in the minutes (`submission.council.votes`)", n.id.value),
            )));
        }
    }
    out
}

fn achievement_rewarded_once(ctx: &Ctx) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for u in units(ctx) {
        let unit = &u.value;
        // Every citation of an achievement, with the award form it backs.
        let mut citations: Vec<(&str, &Spanned<String>)> = Vec::new();
        if let Some(g) = &unit.giay_khen {
            citations.extend(
                g.recipients
                    .iter()
                    .flat_map(|x| &x.achievements)
                    .map(|r| ("giay-khen", r)),
            );
        }
        for n in &unit.nominations {
            citations.extend(n.achievements.iter().map(|r| (n.award.value.as_str(), r)));
        }
        let mut backing: HashMap<&str, (&str, &Spanned<String>)> = HashMap::new();
        for (form, r) in citations {
            match backing.get(r.value.as_str()) {
                Some((other, first)) if *other != form => {
                    let line = ctx.line_of(u.file, *first);
                    out.push(ctx.at(
                        u.file,
                        r,
                        Diagnostic::error(
                            "TD0220",
                            msg(
                                format!("thành tích `{}` đã làm căn cứ cho `{other}` (dòng {line}); một thành tích chỉ khen một lần", r.value),
                                format!("achievement `{}` already backs `{other}` (line {line}); an achievement is rewarded once", r.value),
                            ),
                        )
                        .help(msg("dẫn thành tích khác, hoặc bỏ một trong hai hình thức", "cite another achievement, or drop one of the two awards")),
                    ));
                }
                Some(_) => {}
                None => {
                    backing.insert(&r.value, (form, r));
                }
            }
        }
    }
    out
}

fn quota_per_unit(ctx: &Ctx) -> Vec<Diagnostic> {
    let Some(c) = campaign(ctx) else {
        return vec![];
    };
    let mut out = Vec::new();
    for u in units(ctx) {
        for award in &c.awards {
            let Some(quota) = &award.quota_per_unit else {
                continue;
            };
            let nominated: Vec<_> = u
                .value
                .nominations
                .iter()
                .filter(|n| n.award.value == award.id.value)
                .collect();
            if nominated.len() as u32 > quota.value {
                let extra = nominated[quota.value as usize];
                out.push(
                    ctx.at(
                        u.file,
                        &extra.id,
                        Diagnostic::error(
                            "TD0221",
                            msg(
                                format!(
                                    "{} đề nghị {}, vượt chỉ tiêu {} mỗi đơn vị",
                                    nominated.len(),
                                    award.name,
                                    quota.value
                                ),
                                format!(
                                    "{} nominations for {}, over the quota of {} per unit",
                                    nominated.len(),
                                    award.name,
                                    quota.value
                                ),
                            ),
                        )
                        .help(msg(
                            "bớt đề nghị, giữ những trường hợp tiêu biểu nhất",
                            "keep only the most outstanding cases",
                        )),
                    ),
                );
            }
        }
    }
    out
}

fn shares_meet_targets(ctx: &Ctx) -> Vec<Diagnostic> {
    let Some(c) = campaign(ctx) else {
        return vec![];
    };
    let Some(targets) = &c.targets else {
        return vec![];
    };
    let mut out = Vec::new();
    for u in units(ctx) {
        let persons: Vec<_> = u
            .value
            .nominations
            .iter()
            .filter_map(|n| n.person.as_ref())
            .collect();
        let Some(first) = u.value.nominations.iter().find(|n| n.person.is_some()) else {
            continue;
        };
        let total = persons.len() as f64;
        let checks = [
            (
                &targets.non_leader_share,
                persons.iter().filter(|p| !p.leader).count(),
                ("không giữ chức vụ lãnh đạo", "non-leaders"),
            ),
            (
                &targets.direct_worker_share,
                persons.iter().filter(|p| p.direct_worker).count(),
                ("trực tiếp lao động, công tác", "direct workers"),
            ),
        ];
        for (target, count, (what_vi, what_en)) in checks {
            let Some(target) = target else { continue };
            let share = 100.0 * count as f64 / total;
            if share + 1e-9 < target.value {
                out.push(ctx.at(
                    u.file,
                    &first.id,
                    Diagnostic::warning(
                        "TD0222",
                        msg(
                            format!("tỷ lệ cá nhân {what_vi} là {share:.0}% ({count}/{total}), dưới mục tiêu {}%", target.value),
                            format!("{what_en} are {share:.0}% of individual nominees ({count}/{total}), under the target of {}%", target.value),
                        ),
                    )
                    .help(msg("Luật Thi đua, khen thưởng ưu tiên người trực tiếp lao động, không giữ chức vụ lãnh đạo", "the law favours direct workers and non-leaders")),
                ));
            }
        }
    }
    out
}

fn merged_history_is_attributed(ctx: &Ctx) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for u in units(ctx) {
        let unit = &u.value;
        let ids: Vec<&str> = unit
            .predecessors
            .iter()
            .map(|p| p.id.value.as_str())
            .collect();
        let formed = unit.predecessors.iter().map(|p| p.until.value.0).max();
        for a in &unit.achievements {
            match (&a.by, formed) {
                (Some(by), _) => match unit.predecessors.iter().find(|p| p.id.value == by.value) {
                    None => {
                        let d = Diagnostic::error(
                            "TD0223",
                            msg(format!("`by: {}` không phải đơn vị tiền thân trong `predecessors`", by.value), format!("`by: {}` is not one of `predecessors`", by.value)),
                        );
                        out.push(ctx.at(u.file, by, suggest(d, &by.value, ids.iter().copied())));
                    }
                    Some(p) if a.date.value.0 > p.until.value.0 => out.push(ctx.at(
                        u.file,
                        &a.date,
                        Diagnostic::error(
                            "TD0223",
                            msg(
                                format!("thành tích ngày {} sau khi {} đã sáp nhập ({})", a.date.value.0, p.name, p.until.value.0),
                                format!("achievement dated {} is after {} merged ({})", a.date.value.0, p.name, p.until.value.0),
                            ),
                        ),
                    )),
                    Some(_) => {}
                },
                (None, Some(formed)) if a.date.value.0 <= formed => out.push(ctx.at(
                    u.file,
                    &a.date,
                    Diagnostic::error(
                        "TD0223",
                        msg(
                            format!("thành tích ngày {} có trước khi đơn vị được thành lập do sáp nhập ({formed}): ghi đơn vị tiền thân", a.date.value.0),
                            format!("achievement dated {} predates the merger ({formed}): name the predecessor", a.date.value.0),
                        ),
                    )
                    .help(msg(format!("thêm `by: <mã>` với một trong: {}", ids.join(", ")), format!("add `by: <id>`, one of: {}", ids.join(", ")))),
                )),
                _ => {}
            }
        }
    }
    out
}

fn nothing_after_succession(ctx: &Ctx) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for u in units(ctx) {
        let unit = &u.value;
        let Some(successor) = &unit.successor else {
            continue;
        };
        let from = successor.from.value.0;
        let mut late = |what: (&str, &str), earliest: NaiveDate, d: Diagnostic| {
            if earliest >= from {
                out.push(d.help(msg(
                    format!("từ ngày {from}, {} do {} lập", what.0, successor.name),
                    format!("from {from}, {} is made by {}", what.1, successor.name),
                )));
            }
        };
        let err = |vi: String, en: String| Diagnostic::error("TD0224", msg(vi, en));
        if let Some(s) = &unit.submission {
            let d = ctx.at(
                u.file,
                &s.date,
                err(
                    format!(
                        "tờ trình ngày {} sau khi đơn vị đã chuyển giao cho {} ({from})",
                        s.date.value, successor.name
                    ),
                    format!(
                        "submission dated {} after the unit handed over to {} ({from})",
                        s.date.value, successor.name
                    ),
                ),
            );
            late(
                ("hồ sơ đề nghị", "the nomination dossier"),
                s.date.value.earliest(),
                d,
            );
        }
        if let Some(r) = &unit.report {
            let d = ctx.at(
                u.file,
                &r.date,
                err(
                    format!(
                        "báo cáo ngày {} sau khi đơn vị đã chuyển giao cho {} ({from})",
                        r.date.value, successor.name
                    ),
                    format!(
                        "report dated {} after the hand-over to {} ({from})",
                        r.date.value, successor.name
                    ),
                ),
            );
            late(
                ("báo cáo kết quả", "the results report"),
                r.date.value.earliest(),
                d,
            );
        }
        if let Some(g) = &unit.giay_khen {
            let d = ctx.at(u.file, &g.date, err(
                format!("quyết định tặng Giấy khen ngày {} sau khi đơn vị đã chuyển giao cho {} ({from})", g.date.value, successor.name),
                format!("Giấy khen decision dated {} after the hand-over to {} ({from})", g.date.value, successor.name),
            ));
            late(
                ("quyết định khen thưởng", "the award decision"),
                g.date.value.earliest(),
                d,
            );
        }
        for a in &unit.achievements {
            let d = ctx.at(
                u.file,
                &a.date,
                err(
                    format!(
                        "thành tích ngày {} sau khi đơn vị đã chuyển giao cho {} ({from})",
                        a.date.value.0, successor.name
                    ),
                    format!(
                        "achievement dated {} after the hand-over to {} ({from})",
                        a.date.value.0, successor.name
                    ),
                ),
            );
            late(("thành tích", "the achievement"), a.date.value.0, d);
        }
    }
    out
}

fn council_before_submission(ctx: &Ctx) -> Vec<Diagnostic> {
    let Some(c) = campaign(ctx) else {
        return vec![];
    };
    let mut out = Vec::new();
    for u in units(ctx) {
        let Some(s) = &u.value.submission else {
            continue;
        };
        let meeting = s.council.date.value.0;
        let latest_submission = s
            .date
            .value
            .complete()
            .unwrap_or_else(|| last_day(s.date.value.year, s.date.value.month.unwrap_or(12)));
        let problem = if meeting > latest_submission {
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
        } else if meeting < c.period_start() || meeting > c.period.end.value.0 {
            Some((
                format!("Hội đồng họp ngày {meeting}, ngoài thời gian thi đua"),
                format!("the council met on {meeting}, outside the campaign period"),
            ))
        } else {
            None
        };
        if let Some((vi, en)) = problem {
            out.push(ctx.at(
                u.file,
                &s.council.date,
                Diagnostic::error("TD0225", msg(vi, en)).help(msg(
                    "Hội đồng xét trước, tờ trình ghi kết quả cuộc họp sau",
                    "the council meets first; the submission reports its result",
                )),
            ));
        }
    }
    out
}

fn one_award_per_submission(ctx: &Ctx) -> Vec<Diagnostic> {
    let Some(c) = campaign(ctx) else {
        return vec![];
    };
    let mut out = Vec::new();
    for u in units(ctx) {
        // Unit-level, national and unknown awards have rules of their own.
        let upward: Vec<&Nomination> = with_award(c, &u.value)
            .filter(|(_, a)| a.level == AwardLevel::Province)
            .map(|(n, _)| n)
            .collect();
        let Some(first) = upward.first() else {
            continue;
        };
        for n in upward.iter().filter(|n| n.award.value != first.award.value) {
            let line = ctx.line_of(u.file, &first.award);
            out.push(ctx.at(
                u.file,
                &n.award,
                Diagnostic::error(
                    "TD0226",
                    msg(
                        format!("tờ trình của đơn vị đã đề nghị `{}` (dòng {line}); không gộp `{}` vào cùng tờ trình", first.award.value, n.award.value),
                        format!("the unit's submission proposes `{}` (line {line}); `{}` cannot share it", first.award.value, n.award.value),
                    ),
                )
                .help(msg(
                    "mỗi hình thức khen thưởng một tờ trình riêng (Nghị định 152/2025/NĐ-CP): tách thành hồ sơ khác",
                    "one submission per award type (Nghị định 152/2025/NĐ-CP): move it to a separate dossier",
                )),
            ));
        }
    }
    out
}
