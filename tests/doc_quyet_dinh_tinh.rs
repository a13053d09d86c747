//! The draft decision of the Chủ tịch UBND tỉnh awarding the provincial
//! certificate, and its attached list on landscape pages: what they say,
//! computed from the inputs, their Nghị định 30 layout, and names printed
//! literally.

mod common;

use std::path::Path;

use common::layout::*;
use common::*;
use thidua::model::Workspace;
use thidua::model::appraisal::Outcome;
use thidua::model::campaign::AwardLevel;
use thidua::model::unit::{Nomination, Unit};
use thidua::notation::reference;
use thidua::typeset::inspect::{Placed, PlacedText, compact};

const STEM: &str = "lang-son/tham-dinh/quyet-dinh";
const LIST_TITLE: &str = "DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC TẶNG BẰNG KHEN CỦA CHỦ TỊCH UBND TỈNH";

/// The nominees of the decision: passed the appraisal, not selected upward.
fn provincial(ws: &Workspace) -> Vec<(&Unit, &Nomination)> {
    let campaign = &ws.campaign.as_ref().unwrap().value;
    let ap = &ws.appraisal.as_ref().expect("the appraisal").value;
    let award = campaign
        .awards
        .iter()
        .find(|a| a.level == AwardLevel::Province)
        .unwrap();
    ws.units
        .iter()
        .flat_map(|u| u.value.nominations.iter().map(move |n| (&u.value, n)))
        .filter(|(_, n)| n.award.value == award.id.value)
        .filter(|(u, n)| {
            ap.verdict(&u.id.value, &n.id.value).unwrap().result.value == Outcome::Passed
                && !ap.selected_upward(&u.id.value, &n.id.value)
        })
        .collect()
}

fn decision(root: &Path) -> Placed {
    let (rendered, placed) = laid_out_stem(root, STEM);
    assert_eq!(rendered.doc.template, "quyet-dinh-tinh.typ");
    placed
}

/// The first page of the attached list: the page of its bold title.
fn list_start(placed: &Placed) -> usize {
    placed
        .texts
        .iter()
        .find(|t| t.text.starts_with("DANH SÁCH") && t.bold && t.size == 14.0)
        .expect("the attached list's title")
        .page
}

/// The pages `from..=to` of `placed`, renumbered from 1.
fn pages(placed: &Placed, from: usize, to: usize) -> Placed {
    Placed {
        texts: placed
            .texts
            .iter()
            .filter(|t| (from..=to).contains(&t.page))
            .map(|t| PlacedText {
                page: t.page - from + 1,
                ..t.clone()
            })
            .collect(),
        rules: placed
            .rules
            .iter()
            .filter(|r| (from..=to).contains(&r.page))
            .cloned()
            .map(|mut r| {
                r.page = r.page - from + 1;
                r
            })
            .collect(),
        pages: placed.pages[from - 1..to].to_vec(),
    }
}

/// Margins of one part whose pages are `width` × `height` mm: its text (or,
/// for a table, the table's rules: the text sits inside the cells) reaches
/// the left and right margins, and nothing goes below the bottom one.
fn assert_part_margins(part: &Placed, width: f64, height: f64, table: bool) {
    for (w, h) in &part.pages {
        assert!(
            (w - width * MM).abs() < 0.5 && (h - height * MM).abs() < 0.5,
            "page size {} × {} mm",
            w / MM,
            h / MM
        );
    }
    let body: Vec<&PlacedText> = part.texts.iter().filter(|t| t.y > 20.0 * MM).collect();
    let (left, right) = if table {
        // The longest rule is a horizontal one: wider than any page is tall.
        let longest = part
            .rules
            .iter()
            .max_by(|a, b| a.length.total_cmp(&b.length))
            .expect("the table's rules");
        assert!(longest.length > height * MM);
        (longest.x, longest.x + longest.length)
    } else {
        (
            body.iter().map(|t| t.x).fold(f64::MAX, f64::min),
            body.iter().map(|t| t.x + t.width).fold(0.0, f64::max),
        )
    };
    assert!(
        (left - 30.0 * MM).abs() < 1.0,
        "left margin {} mm",
        left / MM
    );
    assert!(
        (right - (width - 15.0) * MM).abs() < 1.0,
        "right margin: ends at {} mm",
        right / MM
    );
    let bottom = body.iter().map(|t| t.y).fold(0.0, f64::max);
    let rules_bottom = part.rules.iter().map(|r| r.y).fold(0.0, f64::max);
    assert!(
        bottom.max(rules_bottom) <= (height - 20.0) * MM,
        "below the bottom margin"
    );
}

/// Page numbers of one part: none on its first page, then 2, 3 … centred on
/// its text width, 13 pt upright.
fn assert_part_numbers(part: &Placed, width: f64) {
    for page in 1..=part.pages.len() {
        let numbers: Vec<_> = part
            .texts
            .iter()
            .filter(|t| t.page == page && t.y < 20.0 * MM)
            .collect();
        if page == 1 {
            assert!(numbers.is_empty(), "page 1 has no number: {numbers:#?}");
            continue;
        }
        let n = one(&numbers, "page number");
        assert_eq!(numbers.len(), 1);
        assert_eq!(n.text, page.to_string());
        assert_eq!((n.size, n.bold, n.italic), (13.0, false, false));
        let centre = n.x + n.width / 2.0;
        assert!((centre - (30.0 + (width - 45.0) / 2.0) * MM).abs() < 1.0);
    }
}

#[test]
fn decision_awards_the_provincial_certificate_on_its_legal_bases() {
    let root = reference_copy();
    let ws = loaded_workspace(root.path());
    let campaign = &ws.campaign.as_ref().unwrap().value;
    let d = &ws.appraisal.as_ref().unwrap().value.decision;
    let chosen = provincial(&ws);
    let placed = decision(root.path());
    let start = list_start(&placed);
    assert!(start >= 2, "the list starts on a page of its own");
    let main = pages(&placed, 1, start - 1);
    let text = main.compact_text();
    let has = |s: &str| text.contains(&compact(s));
    let at = |s: &str| {
        text.find(&compact(s))
            .unwrap_or_else(|| panic!("{s:?} not in the decision"))
    };

    assert!(has(
        "QUYẾT ĐỊNH Về việc tặng Bằng khen của Chủ tịch UBND tỉnh"
    ));
    let authority = main.find("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN");
    let authority = one(&authority, "deciding authority");
    assert!(authority.bold && centred(authority) && authority.size == 14.0);

    // Legal bases in order, italic: the campaign's, the plan, the proposal.
    let mut last = at("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN");
    let plan = reference(
        thidua::model::common::number_text(&campaign.plan.number),
        Some("KH"),
        &campaign.issuer.symbol.value,
        &campaign.plan.date.value,
    );
    let snv = &ws.appraisal.as_ref().unwrap().value.submission;
    let proposal = reference(
        thidua::model::common::number_text(&snv.number),
        Some("TTr"),
        "SNV",
        &snv.date.value,
    );
    // The Chủ tịch's act cites first the law on local government, then the
    // commendation law and its decree with their full titles.
    assert_eq!(
        campaign.authority_bases,
        ["Luật Tổ chức chính quyền địa phương số 72/2025/QH15 ngày 16 tháng 6 năm 2025"]
    );
    let mut bases: Vec<String> = campaign
        .authority_bases
        .iter()
        .chain(&campaign.legal_bases)
        .map(|b| format!("Căn cứ {b};"))
        .collect();
    assert!(bases[2].contains("Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định về phân cấp, phân quyền trong lĩnh vực thi đua, khen thưởng; quy định chi tiết và hướng dẫn thi hành một số điều của Luật Thi đua, khen thưởng;"));
    bases.push(format!(
        "Căn cứ Kế hoạch {plan} của UBND tỉnh Lạng Sơn về triển khai thực hiện phong trào thi đua"
    ));
    bases.push(format!(
        "Theo đề nghị của Giám đốc Sở Nội vụ tại Tờ trình {proposal}."
    ));
    for basis in &bases {
        let here = at(basis);
        assert!(here > last, "{basis} in order");
        last = here;
    }
    let italic: Vec<_> = main
        .texts
        .iter()
        .filter(|t| t.text.starts_with("Căn cứ") || t.text.starts_with("Theo đề nghị"))
        .collect();
    assert_eq!(italic.len(), bases.len());
    assert!(italic.iter().all(|t| t.italic && !t.bold && t.size == 14.0));
    assert!(
        at("Căn cứ Luật Tổ chức chính quyền địa phương") < at("Căn cứ Luật Thi đua, khen thưởng")
    );

    let decides = main.find("QUYẾT ĐỊNH:");
    let decides = one(&decides, "QUYẾT ĐỊNH:");
    assert!(decides.bold && centred(decides));
    assert!(at("QUYẾT ĐỊNH:") > last);

    // The articles: counts from the inputs, the prize, the executors.
    assert_eq!(count_of(&chosen), "01 tập thể và 05 cá nhân");
    assert!(has(&format!(
        "Điều 1. Tặng Bằng khen của Chủ tịch UBND tỉnh cho {} (có danh sách kèm theo), đã có thành tích xuất sắc trong thực hiện {}.",
        count_of(&chosen),
        campaign.name
    )));
    assert!(has(&format!("Điều 2. {}.", d.prize.as_deref().unwrap())));
    assert!(has(&format!(
        "Điều 3. {} chịu trách nhiệm thi hành Quyết định này./.",
        d.executors.join(", ")
    )));
    for article in ["Điều 1.", "Điều 2.", "Điều 3."] {
        let run = main.find(article);
        assert!(one(&run, article).bold, "{article} bold");
    }
    assert!(at("QUYẾT ĐỊNH:") < at("Điều 1.") && at("Điều 1.") < at("Điều 2."));
    assert!(at("Điều 2.") < at("Điều 3.") && at("Điều 3.") < at("Nơi nhận:"));

    // Header and footer; margins and page numbers of each part.
    let expect = Expect {
        issuing: "TỈNH LẠNG SƠN",
        number: "/QĐ-UBND",
        date: "tháng 12 năm 2025",
        kind: "QUYẾT ĐỊNH",
        recipient_lines: &[
            "- Như Điều 3;",
            "- Chủ tịch, các Phó Chủ tịch UBND tỉnh;",
            "- Lưu: VT, NC.",
        ],
        authority: "KT. CHỦ TỊCH",
        signer: &d.signer.name,
    };
    assert_header(&main, &expect);
    assert!(has("Số: /QĐ-UBND Lạng Sơn, ngày tháng 12 năm 2025"));
    let footer = footer_of(&main);
    assert_footer(&footer, &expect);
    assert!(has(&d.signer.title));
    assert_part_margins(&main, 210.0, 297.0, false);
    let list = pages(&placed, start, placed.pages.len());
    assert_part_margins(&list, 297.0, 210.0, true);
    assert_part_numbers(&main, 210.0);
    assert_part_numbers(&list, 297.0);
}

#[test]
fn attached_list_names_every_provincial_nominee_and_no_one_else() {
    let root = reference_copy();
    let ws = loaded_workspace(root.path());
    let campaign = &ws.campaign.as_ref().unwrap().value;
    let ap = &ws.appraisal.as_ref().unwrap().value;
    let chosen = provincial(&ws);
    let placed = decision(root.path());
    let start = list_start(&placed);
    let list = pages(&placed, start, placed.pages.len());
    let text = list.compact_text();
    let has = |s: &str| text.contains(&compact(s));

    let title = list.find(LIST_TITLE);
    let title = one(&title, "list title");
    assert!(title.bold && title.size == 14.0 && title.page == 1);
    let note = reference(
        thidua::model::common::number_text(&ap.decision.number),
        Some("QĐ"),
        &campaign.issuer.symbol.value,
        &ap.decision.date.value,
    );
    let attached = list.find("(Kèm theo Quyết định");
    let attached = one(&attached, "attached-to line");
    assert!(attached.italic && attached.page == 1 && attached.y - title.y >= 14.0);
    assert!(has(&format!(
        "(Kèm theo Quyết định {note} của Chủ tịch UBND tỉnh Lạng Sơn)"
    )));

    // Every provincial nominee, numbered through, under its unit.
    for (i, (u, n)) in chosen.iter().enumerate() {
        assert!(
            has(&format!("{} {}", i + 1, n.nominee_name())),
            "{} in the list",
            n.nominee_name()
        );
        assert!(has(&compact(&n.summary)), "{}'s summary", n.nominee_name());
        assert!(has(&format!(". {}", u.name)), "{}'s section", u.name);
    }
    // Nobody else: not the failed, not those sent upward.
    for u in &ws.units {
        for n in &u.value.nominations {
            if !chosen.iter().any(|(_, c)| std::ptr::eq(*c, n)) {
                assert!(
                    !has(n.nominee_name()) || n.nominee_name() == u.value.name,
                    "{} is not in the decision",
                    n.nominee_name()
                );
            }
        }
    }
    assert!(!has("Hoàng Văn Khánh") && !has("Hoàng Thị Thu"));
    assert!(has(&format!("Tổng cộng: {}.", count_of(&chosen))));

    // The header row on every page; no unit heading left alone at a page's foot.
    let header_pages: Vec<usize> = list
        .texts
        .iter()
        .filter(|t| t.text == "Chức vụ, đơn vị công tác" && t.bold)
        .map(|t| t.page)
        .collect();
    assert_eq!(header_pages, (1..=list.pages.len()).collect::<Vec<_>>());
    for page in 1..=list.pages.len() {
        let last = list
            .texts
            .iter()
            .filter(|t| t.page == page)
            .max_by(|a, b| a.y.total_cmp(&b.y))
            .unwrap();
        let heading = ws.units.iter().any(|u| {
            last.text.ends_with(&u.value.name) && last.bold && !last.text.starts_with("DANH")
        });
        assert!(!heading, "page {page} ends on a heading: {last:#?}");
    }
    // The decision's text stays on its own pages.
    assert!(!has("Điều 1") && !has("Nơi nhận"));
}

#[test]
fn names_print_literally_in_the_decision_list() {
    let root = reference_copy();
    let path = root.path().join("inputs/units/ubnd-phuong-dong-kinh.yaml");
    let yaml = std::fs::read_to_string(&path).unwrap();
    let name = "Nguyễn #Văn $A_1 <b> @c";
    assert!(yaml.contains("      full_name: Lộc Thị Yến\n"));
    std::fs::write(
        &path,
        yaml.replace(
            "      full_name: Lộc Thị Yến\n",
            &format!("      full_name: \"{name}\"\n"),
        ),
    )
    .unwrap();
    let ws = loaded_workspace(root.path());
    assert!(
        provincial(&ws)
            .iter()
            .any(|(_, n)| n.nominee_name() == name)
    );

    let placed = decision(root.path());
    let start = list_start(&placed);
    let list = pages(&placed, start, placed.pages.len());
    assert!(has(&list, name), "{name} printed as written");
    let run = list
        .texts
        .iter()
        .find(|t| t.text.contains("#Văn"))
        .expect("the name's run");
    assert!(!run.bold && !run.italic);
    assert!(!has(&list, "Lộc Thị Yến"));
}

#[test]
fn without_a_prize_the_executors_are_article_two() {
    let root = reference_copy();
    let path = root.path().join("inputs/appraisal.yaml");
    let yaml = std::fs::read_to_string(&path).unwrap();
    let start = yaml.find("  prize: ").expect("prize");
    let end = start + yaml[start..].find('\n').unwrap() + 1;
    std::fs::write(&path, format!("{}{}", &yaml[..start], &yaml[end..])).unwrap();

    let placed = decision(root.path());
    let main = pages(&placed, 1, list_start(&placed) - 1);
    let has = |s: &str| has(&main, s);
    assert!(has(
        "Điều 2. Chánh Văn phòng UBND tỉnh, Giám đốc Sở Nội vụ, Thủ trưởng các cơ quan, đơn vị có liên quan và các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./."
    ));
    assert!(!has("Điều 3.") && !has("Tiền thưởng"));
    assert!(has("- Như Điều 2;"));
}
