//! The minutes (biên bản) of the provincial emulation and rewards council:
//! who sat, what the Sở Nội vụ reported (received, passed, failed with its
//! reason), the secret ballot per nominee with shares counted over all
//! members, the conclusion (provincial award, selections upward), the
//! secretary | chair signatures; all checked against the parsed inputs, and
//! the Nghị định 30 layout.

mod common;

use std::path::Path;

use common::layout::*;
use common::*;
use thidua::model::Workspace;
use thidua::model::appraisal::Outcome;
use thidua::model::campaign::AwardLevel;
use thidua::model::date::PartialDate;
use thidua::model::unit::{Nomination, Unit};
use thidua::notation::{long_date, lowercase_first, two_digits};
use thidua::typeset::inspect::{Placed, compact};

const STEM: &str = "lang-son/tham-dinh/bien-ban";

/// `92,31%`: `in_favour` over all `members`, two decimals, Vietnamese comma,
/// no decimals when whole. Computed here independently of the program.
fn share(in_favour: u32, members: u32) -> String {
    let percent = format!("{:.2}", 100.0 * f64::from(in_favour) / f64::from(members));
    let percent = percent
        .strip_suffix(".00")
        .unwrap_or(&percent)
        .replace('.', ",");
    format!("{percent}%")
}

type Listed<'a> = Vec<(&'a Unit, &'a Nomination)>;

/// Every provincial nomination in unit file order, and those that passed.
fn pool_and_passed(ws: &Workspace) -> (Listed<'_>, Listed<'_>) {
    let campaign = &ws.campaign.as_ref().unwrap().value;
    let ap = &ws.appraisal.as_ref().unwrap().value;
    let award = campaign
        .awards
        .iter()
        .find(|a| a.level == AwardLevel::Province)
        .unwrap();
    let pool: Vec<(&Unit, &Nomination)> = ws
        .units
        .iter()
        .flat_map(|u| u.value.nominations.iter().map(move |n| (&u.value, n)))
        .filter(|(_, n)| n.award.value == award.id.value)
        .collect();
    let passed = pool
        .iter()
        .copied()
        .filter(|(u, n)| {
            ap.verdict(&u.id.value, &n.id.value).unwrap().result.value == Outcome::Passed
        })
        .collect();
    (pool, passed)
}

/// The header of ô 1–4. The council's name does not fit the left column on
/// one line, so it is printed on two (`HỘI ĐỒNG THI ĐUA -` / `KHEN THƯỞNG`) and
/// the shared `assert_header`, which expects a one-line issuing body, does not
/// apply: the same checks, with the rule measured against the longer line.
fn assert_council_header(placed: &Placed, date: &str) {
    let page1 = |needle: &str| {
        let runs: Vec<_> = placed
            .texts
            .iter()
            .filter(|t| t.page == 1 && t.text.contains(needle))
            .collect();
        assert!(!runs.is_empty(), "{needle} on page 1");
        runs[0]
    };
    let right_column_start = 30.0 * MM + 0.4 * 165.0 * MM;
    let national = page1("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    assert_eq!((national.size, national.bold), (12.0, true));
    assert!(national.x >= right_column_start - 0.5);
    let motto = page1("Độc lập - Tự do - Hạnh phúc");
    assert_eq!((motto.size, motto.bold), (13.0, true));

    let first = page1("HỘI ĐỒNG THI ĐUA -");
    let second = page1("KHEN THƯỞNG");
    for line in [first, second] {
        assert_eq!((line.size, line.bold), (12.0, true), "{}", line.text);
        assert!(
            line.x + line.width <= right_column_start,
            "{} in the left column",
            line.text
        );
    }
    assert!(second.y > first.y);
    let centre = |t: &thidua::typeset::inspect::PlacedText| t.x + t.width / 2.0;
    assert!(
        (centre(first) - centre(second)).abs() < 1.0,
        "lines centred"
    );
    let rule = placed
        .rules
        .iter()
        .find(|r| r.page == 1 && r.y > second.y && r.y < second.y + 10.0)
        .expect("a rule under the council's name");
    let ratio = rule.length / first.width.max(second.width);
    assert!(
        (1.0 / 3.0..=0.5).contains(&ratio),
        "issuing body rule is {ratio} of the name"
    );

    let number = page1("/BB-HĐTĐKT");
    assert!(number.text.starts_with("Số:"));
    assert_eq!(
        (number.size, number.bold, number.italic),
        (13.0, false, false)
    );
    let date = page1(date);
    assert_eq!((date.size, date.italic), (13.0, true));
    assert!(
        (date.y - number.y).abs() < 0.5,
        "Số and the date share a line"
    );
    let kind = page1("BIÊN BẢN");
    assert_eq!((kind.size, kind.bold), (14.0, true));
}

fn minutes(root: &Path) -> Placed {
    let (rendered, placed) = laid_out_stem(root, STEM);
    assert_eq!(rendered.doc.stem, STEM);
    placed
}

#[test]
fn minutes_name_the_council_its_members_and_the_appraisal_report() {
    let root = reference_copy();
    let ws = loaded_workspace(root.path());
    let campaign = &ws.campaign.as_ref().unwrap().value;
    let ap = &ws.appraisal.as_ref().unwrap().value;
    let council = &ap.council;
    let appraiser = &ws.unit(&ap.appraiser.value).unwrap().value;
    let placed = minutes(root.path());
    let text = placed.compact_text();
    let has = |s: &str| text.contains(&compact(s));

    // The council's header: the issuer's running name in capitals, then the council.
    let governing = campaign.issuer.name.to_uppercase();
    assert_eq!(governing, "UBND TỈNH LẠNG SƠN");
    let line = placed.find(&governing);
    let line = one(&line, "governing line");
    assert_eq!((line.page, line.size, line.bold), (1, 12.0, false));
    assert!(has("HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG"));
    assert!(has(
        "BIÊN BẢN Họp Hội đồng Thi đua - Khen thưởng tỉnh xét đề nghị khen thưởng trong"
    ));
    assert!(has(&campaign.name), "the campaign's name");

    let date = long_date(&PartialDate::full(council.date.value.0));
    // The opening and closing times, as the minutes record them.
    assert_eq!(
        council.start.as_ref().map(|t| t.value.words()).as_deref(),
        Some("08 giờ 00 phút")
    );
    assert!(
        has(&format!("Thời gian: vào hồi 08 giờ 00 phút, {date}.")),
        "the meeting's date and time"
    );
    assert!(has("Cuộc họp kết thúc vào hồi 11 giờ 15 phút cùng ngày."));
    assert!(has(&format!("Địa điểm: {}.", council.place)));

    // I. Composition.
    assert!(has("I. THÀNH PHẦN"));
    assert!(has(&format!(
        "Chủ tọa: đồng chí {}, {}.",
        council.chair,
        council.chair_title.as_deref().unwrap()
    )));
    assert!(has(&format!("Thư ký: đồng chí {}.", council.secretary)));
    let members = council.members.value;
    let present = council.present.value;
    assert!(has(&format!(
        "Tổng số thành viên Hội đồng theo {}: {} thành viên;",
        council.established_by.as_deref().unwrap(),
        two_digits(members.into())
    )));
    assert!(has(&format!(
        "Số thành viên có mặt: {} thành viên;",
        two_digits(present.into())
    )));
    // Each absent member with the reason.
    assert_eq!(council.absent.len() as u32, members - present);
    assert!(has(&format!(
        "Số thành viên vắng mặt: {} thành viên:",
        two_digits((members - present).into())
    )));
    for a in &council.absent {
        assert!(has(&format!("- {}: {}", a.name, a.reason)), "{}", a.name);
    }

    // II. The Sở Nội vụ's report: received per unit, passed, failed with the reason.
    assert!(has("II. NỘI DUNG"));
    let (pool, passed) = pool_and_passed(&ws);
    let units: Vec<&Unit> = ws
        .units
        .iter()
        .map(|u| &u.value)
        .filter(|u| pool.iter().any(|(x, _)| x.id.value == u.id.value))
        .collect();
    assert!(has(&format!(
        "{} đã tiếp nhận hồ sơ đề nghị khen thưởng của {} cơ quan, đơn vị với tổng số {}",
        appraiser.name,
        two_digits(units.len() as u64),
        count_of(&pool)
    )));
    for unit in &units {
        let mine: Vec<_> = pool
            .iter()
            .copied()
            .filter(|(u, _)| u.id.value == unit.id.value)
            .collect();
        assert!(
            has(&format!("+ {} (Tờ trình số", unit.name)),
            "{} received",
            unit.name
        );
        assert!(
            has(&format!("): {}", count_of(&mine))),
            "{}: {}",
            unit.name,
            count_of(&mine)
        );
    }
    let failed: Vec<_> = pool
        .iter()
        .filter_map(|(u, n)| {
            let v = ap.verdict(&u.id.value, &n.id.value)?;
            (v.result.value == Outcome::Failed).then(|| (u, n, v.reason.clone().unwrap()))
        })
        .collect();
    assert_eq!(failed.len(), 1, "the reference has one failed nominee");
    assert!(has(&format!(
        "Kết quả thẩm định: {} đủ điều kiện, tiêu chuẩn đề nghị khen thưởng; {} trường hợp không đủ điều kiện, tiêu chuẩn:",
        count_of(&passed),
        two_digits(failed.len() as u64)
    )));
    for (u, n, reason) in &failed {
        assert!(
            has(&format!(
                "+ {} ({}): {}.",
                n.nominee_name(),
                u.name,
                lowercase_first(reason)
            )),
            "the failed nominee and the reason"
        );
    }

    // The award's criteria, and how the national awards are chosen.
    let award = campaign
        .awards
        .iter()
        .find(|a| a.level == AwardLevel::Province)
        .unwrap();
    for criterion in award
        .criteria
        .collective
        .iter()
        .chain(&award.criteria.individual)
    {
        // Quoted from the plan, "Kế hoạch này" read as "Kế hoạch"; the first
        // criterion of a group continues its label in lower case.
        let wording = criterion.text.replace("Kế hoạch này", "Kế hoạch");
        assert!(
            has(&wording) || has(&lowercase_first(&wording)),
            "criterion {}",
            criterion.id.value
        );
    }
    assert!(has("Đối với tập thể:") && has("Đối với cá nhân:"));
    assert!(has(
        "lựa chọn những tập thể, cá nhân tiêu biểu, xuất sắc nhất trong số các trường hợp đạt tiêu chuẩn tặng Bằng khen của Chủ tịch UBND tỉnh, trên cơ sở văn bản hướng dẫn của Ủy ban Thường vụ Quốc hội."
    ));
    assert!(has(&format!(
        "Hội đồng biểu quyết bằng hình thức bỏ phiếu kín đối với {} đủ điều kiện, tiêu chuẩn.",
        count_of(&passed)
    )));

    assert_margins(&placed);
    assert_council_header(&placed, &date);
    assert_page_numbers(&placed);
}

#[test]
fn every_passed_nominee_has_its_votes_and_share_of_all_members() {
    let root = reference_copy();
    let ws = loaded_workspace(root.path());
    let ap = &ws.appraisal.as_ref().unwrap().value;
    let members = ap.council.members.value;
    let placed = minutes(root.path());
    let text = placed.compact_text();
    let has = |s: &str| text.contains(&compact(s));

    assert!(has(
        "TT Họ và tên / Tên tập thể Năm sinh, giới tính Chức vụ, đơn vị Số phiếu đồng ý Tỷ lệ Đề nghị khen thưởng"
    ));
    let (_, passed) = pool_and_passed(&ws);
    assert_eq!(passed.len(), ap.council.votes.len());
    for (i, (u, n)) in passed.iter().enumerate() {
        let vote = ap
            .council
            .votes
            .iter()
            .find(|v| v.unit.value == u.id.value && v.nomination.value == n.id.value)
            .expect("a vote per passed nominee");
        let in_favour = vote.in_favour.value;
        let proposed_for = ap
            .national
            .iter()
            .find(|s| {
                s.nominees
                    .iter()
                    .any(|r| r.unit.value == u.id.value && r.nomination.value == n.id.value)
            })
            .map_or(
                "Bằng khen của Chủ tịch UBND tỉnh".to_string(),
                |s| {
                    let campaign = &ws.campaign.as_ref().unwrap().value;
                    campaign.award(&s.award.value).unwrap().name.clone()
                },
            );
        // One row, cell after cell: TT, name, birth, position, votes, share, award.
        let row = match &n.person {
            Some(p) => format!(
                "{}{}{}, {}{}, {}{}{}{}",
                i + 1,
                p.full_name,
                p.birth_year.value,
                if p.gender.value == thidua::model::unit::Gender::Female {
                    "Nữ"
                } else {
                    "Nam"
                },
                p.position,
                u.name,
                two_digits(in_favour.into()),
                share(in_favour, members),
                proposed_for
            ),
            None => format!(
                "{}{}{}{}{}",
                i + 1,
                n.nominee_name(),
                two_digits(in_favour.into()),
                share(in_favour, members),
                proposed_for
            ),
        };
        assert!(has(&row), "row of {}: {row}", n.nominee_name());
    }
    assert!(
        has(&format!(
            "Tỷ lệ phiếu đồng ý được tính trên tổng số {} thành viên Hội đồng",
            two_digits(members.into())
        )),
        "says the share is over all members"
    );
    // The failed nominee is not balloted.
    assert!(
        !has("Hoàng Văn Khánh1"),
        "no ballot row for the failed nominee"
    );
}

#[test]
fn conclusion_proposes_the_provincial_award_and_selects_upward() {
    let root = reference_copy();
    let ws = loaded_workspace(root.path());
    let campaign = &ws.campaign.as_ref().unwrap().value;
    let ap = &ws.appraisal.as_ref().unwrap().value;
    let placed = minutes(root.path());
    let text = placed.compact_text();
    let has = |s: &str| text.contains(&compact(s));

    let (_, passed) = pool_and_passed(&ws);
    let provincial: Vec<_> = passed
        .iter()
        .copied()
        .filter(|(u, n)| !ap.selected_upward(&u.id.value, &n.id.value))
        .collect();
    assert!(has(&format!(
        "Đề nghị Chủ tịch UBND tỉnh tặng Bằng khen của Chủ tịch UBND tỉnh cho {} có thành tích xuất sắc",
        count_of(&provincial)
    )));
    for s in &ap.national {
        let award = campaign.award(&s.award.value).unwrap();
        let to = &award.selection.as_ref().unwrap().submitted_to;
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
        let names: Vec<&str> = chosen.iter().map(|(_, n)| n.nominee_name()).collect();
        let via = s
            .via
            .as_ref()
            .map(|v| format!(" (qua {v})"))
            .unwrap_or_default();
        assert!(
            has(&format!(
                "Lựa chọn {} tiêu biểu ({}), đề nghị UBND tỉnh trình {to}{via} xét tặng {}",
                count_of(&chosen),
                names.join(", "),
                award.name
            )),
            "selection for {}",
            award.name
        );
    }
    assert!(has(
        "Giao Sở Nội vụ hoàn thiện hồ sơ, trình Chủ tịch UBND tỉnh Lạng Sơn xem xét, quyết định khen thưởng theo thẩm quyền"
    ));

    // Closing and signatures, together on the last page; the chair (a deputy
    // of the council) signs as chair of the meeting.
    let last = placed.pages.len();
    let closing = placed
        .texts
        .iter()
        .find(|t| t.text.contains("Cuộc họp kết thúc vào hồi"))
        .expect("closing");
    assert_eq!(closing.page, last);
    let find_last = |s: &str| {
        placed
            .texts
            .iter()
            .find(|t| t.page == last && t.text == s)
            .unwrap_or_else(|| panic!("{s} on the last page"))
    };
    let secretary = find_last("THƯ KÝ");
    let chair = find_last("CHỦ TỌA");
    assert!(secretary.bold && chair.bold && secretary.size == 14.0);
    assert!((secretary.y - chair.y).abs() < 0.5 && secretary.x < chair.x);
    let secretary_name = find_last(&ap.council.secretary);
    let chair_name = find_last(&ap.council.chair);
    assert!(secretary_name.y - secretary.y > 25.0 * MM, "room to sign");
    assert!((secretary_name.y - chair_name.y).abs() < 0.5);
    assert!(!has("CHỦ TỊCH HỘI ĐỒNG"));
}

#[test]
fn a_full_council_chaired_by_its_chairman() {
    // Everyone present, and the chairman of the council in the chair.
    let root = reference_copy();
    let path = root.path().join("inputs/appraisal.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let absent = "  absent:\n    - { name: \"Ông Lương Trọng Quỳnh, Giám đốc Sở Tài chính\", reason: dự họp tại Bộ Tài chính }\n";
    assert!(text.contains(absent));
    let edited = text.replace(absent, "").replace("  present: 12\n", "  present: 13\n").replace(
        "chair_title: Phó Chủ tịch UBND tỉnh, Phó Chủ tịch Thường trực Hội đồng",
        "chair_title: Chủ tịch UBND tỉnh, Chủ tịch Hội đồng\n  chair_signs_as: CHỦ TỊCH HỘI ĐỒNG",
    );
    assert_ne!(edited, text);
    std::fs::write(&path, edited).unwrap();

    let placed = minutes(root.path());
    let text = placed.compact_text();
    let has = |s: &str| text.contains(&compact(s));
    assert!(has("Số thành viên có mặt: 13 thành viên;"));
    assert!(has("Số thành viên vắng mặt: không."));
    assert!(has(
        "Chủ tọa: đồng chí Dương Xuân Huyền, Chủ tịch UBND tỉnh, Chủ tịch Hội đồng."
    ));
    let last = placed.pages.len();
    assert!(
        placed
            .texts
            .iter()
            .any(|t| t.page == last && t.text == "CHỦ TỊCH HỘI ĐỒNG" && t.bold)
    );
    assert!(!has("CHỦ TỌA"));
}

#[test]
fn the_councils_minutes_name_the_body_it_serves_above_it() {
    // By default the issuer's name in capitals; a department's council says
    // its department.
    let (_, placed) = laid_out_stem(&reference_root(), "lang-son/tham-dinh/bien-ban");
    assert!(has(&placed, "UBND TỈNH LẠNG SƠN"));
    let root = reference_copy();
    edit_file(&root.path().join("inputs/campaign.yaml"), |c| {
        c.replacen(
            "  council_header: [HỘI ĐỒNG THI ĐUA -, KHEN THƯỞNG]\n",
            "  council_header: [HỘI ĐỒNG THI ĐUA -, KHEN THƯỞNG]\n  council_governing: [SỞ GIÁO DỤC VÀ ĐÀO TẠO]\n",
            1,
        )
    });
    let (_, placed) = laid_out_stem(root.path(), "lang-son/tham-dinh/bien-ban");
    assert!(has(&placed, "SỞ GIÁO DỤC VÀ ĐÀO TẠO"));
    assert!(!has(&placed, "UBND TỈNH LẠNG SƠN"));
}
