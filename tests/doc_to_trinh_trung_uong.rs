//! The province's Tờ trình upward, one per national award: addressed to the
//! award's `submitted_to` (through `via` when given), citing the legal bases,
//! the plan, the selection basis and the council, requesting the award for
//! the selected nominees counted and named from the inputs (not the list
//! itself), signed by the submission's signer; and its Nghị định 30 layout.

mod common;

use std::path::Path;

use common::layout::*;
use common::*;
use thidua::model::Workspace;
use thidua::model::unit::{Gender, Nomination, Unit};
use thidua::notation::{long_date, reference, short_date};
use thidua::typeset::inspect::{Placed, compact};

/// Checks one submission: `index` into `appraisal.national`.
fn check_submission(root: &Path, ws: &Workspace, index: usize) -> Placed {
    let campaign = &ws.campaign.as_ref().unwrap().value;
    let ap = &ws.appraisal.as_ref().unwrap().value;
    let s = &ap.national[index];
    let award = campaign.award(&s.award.value).unwrap();
    let selection = award
        .selection
        .as_ref()
        .expect("a national award's selection");
    let to = &selection.submitted_to;
    let stem = format!("{}/{}/to-trinh", campaign.id.value, award.id.value);
    let (rendered, placed) = laid_out_stem(root, &stem);
    assert_eq!(rendered.doc.stem, stem);
    let text = placed.compact_text();
    let has = |x: &str| text.contains(&compact(x));

    assert!(has(&format!(
        "TỜ TRÌNH Về việc đề nghị tặng {} cho các tập thể, cá nhân có thành tích xuất sắc trong {}",
        award.name, campaign.name
    )));
    let addressee = match &s.via {
        Some(via) => format!("Kính gửi: {to} (qua {via})."),
        None => format!("Kính gửi: {to}."),
    };
    assert!(has(&addressee), "{addressee}");
    if s.via.is_none() {
        assert!(!has("(qua "), "no `qua` without a via");
    }

    // Legal bases, in order: the law on local government (a UBND's act),
    // the campaign's, the plan, the selection basis, the council.
    let text = placed.compact_text();
    let mut last = 0;
    for base in campaign.authority_bases.iter().chain(&campaign.legal_bases) {
        let at = text
            .find(&compact(&format!("Căn cứ {base};")))
            .unwrap_or_else(|| panic!("{base}"));
        assert!(at >= last, "{base} in order");
        last = at;
    }
    assert!(!campaign.authority_bases.is_empty());
    let plan = reference(
        thidua::model::common::number_text(&campaign.plan.number),
        Some("KH"),
        &campaign.issuer.symbol.value,
        &campaign.plan.date.value,
    );
    assert!(has(&format!(
        "Căn cứ Kế hoạch {plan} của {}",
        campaign.issuer.name
    )));
    let basis = selection.basis.trim_start_matches("Trên cơ sở ");
    assert!(has(&format!("Căn cứ {basis};")), "selection basis {basis}");
    let council = &ap.council;
    let met = short_date(council.date.value.0);
    assert!(has(&format!(
        "Căn cứ kết quả họp Hội đồng Thi đua - Khen thưởng tỉnh ngày {met}."
    )));
    let basis_run = placed
        .texts
        .iter()
        .find(|t| t.text.starts_with("Căn cứ Luật"))
        .expect("first legal basis");
    assert!(basis_run.italic && !basis_run.bold);

    // The council's meeting and the request, counted from the selected nominees.
    let chosen: Vec<(&Unit, &Nomination)> = s
        .nominees
        .iter()
        .map(|r| {
            let u = &ws.unit(&r.unit.value).unwrap().value;
            let n = u
                .nominations
                .iter()
                .find(|n| n.id.value == r.nomination.value)
                .unwrap();
            (u, n)
        })
        .collect();
    assert!(has(&format!(
        "ngày {met}, Hội đồng Thi đua - Khen thưởng tỉnh đã họp, xét và bỏ phiếu kín ({:02}/{:02} thành viên dự họp), thống nhất lựa chọn {} tiêu biểu",
        council.present.value,
        council.members.value,
        count_of(&chosen)
    )));
    // The lowest vote among the chosen, over all the council's members.
    let lowest = chosen
        .iter()
        .map(|(u, n)| {
            council
                .votes
                .iter()
                .find(|v| v.unit.value == u.id.value && v.nomination.value == n.id.value)
                .expect("a vote")
                .in_favour
                .value
        })
        .min()
        .unwrap();
    let percent = format!(
        "{:.2}",
        100.0 * f64::from(lowest) / f64::from(council.members.value)
    );
    let percent = percent
        .strip_suffix(".00")
        .unwrap_or(&percent)
        .replace('.', ",");
    assert!(has(&format!(
        "các trường hợp được lựa chọn đều đạt tỷ lệ phiếu đồng ý từ {percent}% trở lên (tính trên tổng số thành viên Hội đồng)"
    )));
    assert!(
        has(&format!("UBND tỉnh Lạng Sơn kính đề nghị {to} xem xét,")),
        "the request to {to}"
    );
    assert!(
        has(&format!(
            "cho {} đã có thành tích xuất sắc trong phong trào thi đua, cụ thể như sau:",
            count_of(&chosen)
        )),
        "counts as printed"
    );
    let collectives: Vec<_> = chosen
        .iter()
        .filter(|(_, n)| n.collective.is_some())
        .collect();
    let persons: Vec<_> = chosen.iter().filter(|(_, n)| n.person.is_some()).collect();
    assert_eq!(has("I. Tập thể"), !collectives.is_empty());
    for (k, (_, n)) in collectives.iter().enumerate() {
        assert!(has(&format!("{}. {}", k + 1, n.nominee_name())));
    }
    for (k, (u, n)) in persons.iter().enumerate() {
        let p = n.person.as_ref().unwrap();
        let title = if p.gender.value == Gender::Female {
            "Bà"
        } else {
            "Ông"
        };
        assert!(
            has(&format!(
                "{}. {title} {}, {}, {}",
                k + 1,
                p.full_name,
                p.position,
                u.name
            )),
            "{}",
            p.full_name
        );
        // The list is a separate document: no summaries here.
        assert!(!has(&n.summary), "the list is not repeated");
    }
    assert!(has(
        "bảo đảm đúng đối tượng, đạt tiêu chuẩn khen thưởng và đầy đủ hồ sơ, thủ tục theo quy định"
    ));
    // The dossier, as the national procedure lists it, each part counted.
    let reports = s.nominees.len();
    for line in [
        "Hồ sơ kèm theo gồm:".to_string(),
        format!(
            "- Danh sách {} đề nghị tặng {};",
            count_of(&chosen),
            s_award_name(campaign, s)
        ),
        format!("- Biên bản họp Hội đồng Thi đua - Khen thưởng tỉnh ngày {met};"),
    ] {
        assert!(has(&line), "{line}");
    }
    // Related documents close the list; without them the reports do.
    let end = if entry_attachments(ap, s).is_empty() {
        "."
    } else {
        ";"
    };
    assert!(has(&format!(
        "- {reports:02} báo cáo thành tích có xác nhận của cấp trình khen{end}"
    )));
    for (i, a) in entry_attachments(ap, s).iter().enumerate() {
        let end = if i + 1 == entry_attachments(ap, s).len() {
            "."
        } else {
            ";"
        };
        assert!(has(&format!("- {a}{end}")), "{a}");
    }
    let closing = placed
        .texts
        .iter()
        .find(|t| t.text.contains("Kính trình"))
        .expect("closing");
    let footer = one(&placed.find("Nơi nhận:"), "Nơi nhận").page;
    assert_eq!(closing.page, footer, "closing on the signature's page");

    // A draft's blank day is printed as spaces: match from the month on.
    let date = long_date(&s.date.value);
    let date = &date[date.find("tháng").unwrap()..];
    let authority = s.signer.authority.first().map(|a| a.value.as_str());
    let archive = s.archive.as_ref().map_or("VT", |a| a.value.as_str());
    let archive = format!("- Lưu: {archive}.");
    assert_nd30(
        &placed,
        &Expect {
            issuing: "TỈNH LẠNG SƠN",
            number: "/TTr-UBND",
            date,
            kind: "TỜ TRÌNH",
            recipient_lines: &["- Như trên;", &archive],
            authority: authority.unwrap_or(&s.signer.title),
            signer: &s.signer.name,
        },
    );
    placed
}

#[test]
fn prime_minister_submission_goes_through_the_ministry() {
    let root = reference_copy();
    let ws = loaded_workspace(root.path());
    let ap = &ws.appraisal.as_ref().unwrap().value;
    let index = ap
        .national
        .iter()
        .position(|s| s.award.value == "bang-khen-thu-tuong")
        .unwrap();
    assert_eq!(ap.national[index].via.as_deref(), Some("Bộ Nội vụ"));
    let placed = check_submission(root.path(), &ws, index);
    let has = |x: &str| has(&placed, x);
    assert!(has("Kính gửi: Thủ tướng Chính phủ (qua Bộ Nội vụ)."));
    assert!(has(
        "kính đề nghị Thủ tướng Chính phủ xem xét, tặng Bằng khen của Thủ tướng Chính phủ cho 01 tập thể và 01 cá nhân"
    ));
    assert!(has("Kính trình Thủ tướng Chính phủ xem xét, quyết định./."));
    assert!(
        has("- Ban TĐKT TW;"),
        "the central emulation board is informed"
    );
}

#[test]
fn standing_committee_submission_goes_to_the_office_of_the_national_assembly() {
    let root = reference_copy();
    let ws = loaded_workspace(root.path());
    let ap = &ws.appraisal.as_ref().unwrap().value;
    let index = ap
        .national
        .iter()
        .position(|s| s.award.value == "bang-khen-ubtvqh")
        .unwrap();
    assert!(ap.national[index].via.is_none());
    let placed = check_submission(root.path(), &ws, index);
    let has = |x: &str| has(&placed, x);
    assert!(has("Kính gửi: Chủ nhiệm Văn phòng Quốc hội."));
    // The addressee is not the grantor: asked to submit it, not to award it.
    assert!(has(
        "kính đề nghị Chủ nhiệm Văn phòng Quốc hội xem xét, trình Ủy ban Thường vụ Quốc hội tặng Bằng khen của Ủy ban Thường vụ Quốc hội cho 01 tập thể và 01 cá nhân"
    ));
    assert!(has(
        "Kính trình Chủ nhiệm Văn phòng Quốc hội xem xét, trình Ủy ban Thường vụ Quốc hội quyết định./."
    ));
    assert!(!has("Ban TĐKT TW"));
}

#[test]
fn each_submission_is_signed_by_its_own_signer() {
    let root = reference_copy();
    let path = root.path().join("inputs/appraisal.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    // The second submission signed by the chairman himself.
    let at = text.find("  - award: bang-khen-ubtvqh").unwrap();
    let (head, tail) = text.split_at(at);
    let tail = tail
        .replacen(
            "      authority: [TM. ỦY BAN NHÂN DÂN, KT. CHỦ TỊCH]\n",
            "      authority: [TM. ỦY BAN NHÂN DÂN]\n",
            1,
        )
        .replacen("      title: PHÓ CHỦ TỊCH\n", "      title: CHỦ TỊCH\n", 1)
        .replacen(
            "      name: Dương Xuân Huyền\n",
            "      name: Hồ Tiến Thiệu\n",
            1,
        );
    std::fs::write(&path, format!("{head}{tail}")).unwrap();

    let (_, placed) = laid_out_stem(root.path(), "lang-son/bang-khen-ubtvqh/to-trinh");
    assert!(has(&placed, "Hồ Tiến Thiệu"));
    assert!(!has(&placed, "KT. CHỦ TỊCH"));
    let (_, placed) = laid_out_stem(root.path(), "lang-son/bang-khen-thu-tuong/to-trinh");
    assert!(has(&placed, "KT. CHỦ TỊCH"));
    assert!(has(&placed, "Dương Xuân Huyền"));
    assert!(!has(&placed, "Hồ Tiến Thiệu"));
}

#[test]
fn each_submission_prints_its_own_archive_line_and_vt_without_one() {
    let root = reference_copy();
    edit_file(&root.path().join("inputs/appraisal.yaml"), |text| {
        let line = "    archive: VT, NC\n";
        assert_eq!(
            text.matches(line).count(),
            2,
            "both submissions name theirs"
        );
        // The first without one, the second with the drafter's initials.
        (text.replacen(line, "", 1)).replacen(line, "    archive: VT, KGVX (Hà)\n", 1)
    });

    let (_, placed) = laid_out_stem(root.path(), "lang-son/bang-khen-thu-tuong/to-trinh");
    assert!(has(&placed, "- Lưu: VT."));
    assert!(!has(&placed, "VT, NC"));
    let (_, placed) = laid_out_stem(root.path(), "lang-son/bang-khen-ubtvqh/to-trinh");
    assert!(has(&placed, "- Lưu: VT, KGVX (Hà)."));
}

/// The name of the award a national submission proposes.
fn s_award_name(
    campaign: &thidua::model::Campaign,
    s: &thidua::model::appraisal::NationalSubmission,
) -> String {
    campaign.award(&s.award.value).unwrap().name.clone()
}

/// The related documents a national submission attaches.
fn entry_attachments<'a>(
    ap: &'a thidua::model::Appraisal,
    s: &thidua::model::appraisal::NationalSubmission,
) -> &'a [String] {
    &ap.national
        .iter()
        .find(|n| n.award.value == s.award.value)
        .unwrap()
        .attachments
}

#[test]
fn a_submission_says_how_the_campaign_went_in_its_own_words() {
    let root = reference_copy();
    let default = "sâu rộng đến cán bộ, công chức, viên chức, người lao động";
    let (_, placed) = laid_out_stem(root.path(), "lang-son/bang-khen-thu-tuong/to-trinh");
    assert!(has(&placed, default));
    edit_file(&root.path().join("inputs/appraisal.yaml"), |text| {
        text.replacen(
            "    archive: VT, NC\n",
            "    archive: VT, NC\n    overview: các cơ quan, đơn vị và Nhân dân các dân tộc trong tỉnh hưởng ứng sôi nổi phong trào\n",
            1,
        )
    });
    let (_, placed) = laid_out_stem(root.path(), "lang-son/bang-khen-thu-tuong/to-trinh");
    assert!(has(
        &placed,
        "Thực hiện Kế hoạch của UBND tỉnh Lạng Sơn, các cơ quan, đơn vị và Nhân dân các dân tộc trong tỉnh hưởng ứng sôi nổi phong trào."
    ));
    assert!(!has(&placed, default));
}

#[test]
fn a_unanimous_council_is_said_so() {
    // 12 of 13 members: the share; 12 of 12, every member.
    let share = "đều đạt tỷ lệ phiếu đồng ý từ 92,31% trở lên";
    let (_, placed) = laid_out_stem(&reference_root(), "lang-son/bang-khen-ubtvqh/to-trinh");
    assert!(has(&placed, share));
    let root = reference_copy();
    edit_file(&root.path().join("inputs/appraisal.yaml"), |text| {
        let absent = text.find("  absent:\n").unwrap();
        let end = absent + text[absent..].find("  place:").unwrap();
        format!("{}{}", &text[..absent], &text[end..]).replacen(
            "  members: 13\n",
            "  members: 12\n",
            1,
        )
    });
    let (_, placed) = laid_out_stem(root.path(), "lang-son/bang-khen-ubtvqh/to-trinh");
    assert!(has(
        &placed,
        "các trường hợp được lựa chọn đều được toàn thể thành viên Hội đồng đồng ý."
    ));
    assert!(!has(&placed, "100%"));
}
