//! The head's decision awarding Giấy khen (Quyết định) and its attached list:
//! what they say, computed from the unit's data, and their Nghị định 30 layout.

mod common;

use std::path::Path;

use common::layout::*;
use common::*;
use thidua::pipeline::{self, BuildOptions};
use thidua::typeset::inspect::{Placed, PlacedText, compact};

const UNIT: &str = "so-tu-phap";
const LIST_TITLE: &str = "DANH SÁCH";

fn decision(root: &Path) -> Placed {
    let (rendered, placed) = laid_out_of(root, "quyet-dinh", Some(UNIT));
    assert_eq!(rendered.doc.stem, format!("lang-son/{UNIT}/quyet-dinh"));
    placed
}

/// The first page of the attached list: the page of its bold title.
fn list_start(placed: &Placed) -> usize {
    placed
        .texts
        .iter()
        .find(|t| t.text.starts_with(LIST_TITLE) && t.bold && t.size == 14.0)
        .expect("the attached list's title")
        .page
}

/// The decision's own pages, without the attached list.
fn decision_pages(placed: &Placed) -> Placed {
    let last = list_start(placed) - 1;
    Placed {
        texts: placed
            .texts
            .iter()
            .filter(|t| t.page <= last)
            .cloned()
            .collect(),
        rules: placed
            .rules
            .iter()
            .filter(|r| r.page <= last)
            .cloned()
            .collect(),
        pages: placed.pages[..last].to_vec(),
    }
}

fn in_top_margin(placed: &Placed, page: usize) -> Vec<&PlacedText> {
    placed
        .texts
        .iter()
        .filter(|t| t.page == page && t.y < 20.0 * MM)
        .collect()
}

/// Page numbers: none on the first page of the decision nor on the first page
/// of the list; the others numbered within their part, 13 pt, centred.
fn assert_own_page_numbers(placed: &Placed) {
    let start = list_start(placed);
    for page in 1..=placed.pages.len() {
        let numbers = in_top_margin(placed, page);
        let expected = if page < start { page } else { page - start + 1 };
        if expected == 1 {
            assert!(
                numbers.is_empty(),
                "page {page} has no number: {numbers:#?}"
            );
            continue;
        }
        assert_eq!(numbers.len(), 1, "page {page}: {numbers:#?}");
        let n = numbers[0];
        assert_eq!(n.text, expected.to_string(), "page {page}");
        assert_eq!((n.size, n.bold, n.italic), (13.0, false, false));
        let centre = n.x + n.width / 2.0;
        assert!(
            (centre - (30.0 + 165.0 / 2.0) * MM).abs() < 1.0,
            "page {page} number centred"
        );
    }
}

#[test]
fn decision_awards_giay_khen_on_its_legal_bases() {
    let root = corpus_base();
    let checked = pipeline::check(&root, &BuildOptions::default()).unwrap();
    let unit = &checked.workspace.units[0].value;
    let campaign = &checked.workspace.campaign.as_ref().unwrap().value;
    let gk = unit.giay_khen.as_ref().unwrap();
    let placed = decision(&root);
    let main = decision_pages(&placed);
    let text = main.compact_text();
    let has = |s: &str| text.contains(&compact(s));
    let at = |s: &str| {
        text.find(&compact(s))
            .unwrap_or_else(|| panic!("{s:?} not in the decision"))
    };

    assert!(has("QUYẾT ĐỊNH Về việc tặng Giấy khen"));

    // The deciding authority: centred, bold, upper case.
    let authority = main.find("GIÁM ĐỐC SỞ TƯ PHÁP");
    let authority = one(&authority, "deciding authority");
    assert!(authority.bold && centred(authority), "{authority:#?}");
    assert_eq!(authority.page, 1);

    // Legal bases: campaign's, the unit's, then the plans; italic, `;` but the last `.`.
    let mut bases: Vec<String> = campaign.legal_bases.clone();
    bases.extend(gk.legal_bases.iter().cloned());
    bases.push(
        "Kế hoạch số /KH-UBND ngày tháng 5 năm 2024 của UBND tỉnh Lạng Sơn về triển khai thực hiện phong trào thi đua lập thành tích chào mừng"
            .into(),
    );
    bases.push("Kế hoạch số 45/KH-STP ngày 10/6/2024 của Sở Tư pháp".into());
    let mut last = at("GIÁM ĐỐC SỞ TƯ PHÁP");
    for (i, basis) in bases.iter().enumerate() {
        let here = at(&format!("Căn cứ {basis}"));
        assert!(here > last, "basis {i} in order: {basis:?}");
        last = here;
    }
    for basis in campaign.legal_bases.iter().chain(&gk.legal_bases) {
        assert!(has(&format!("Căn cứ {basis};")), "{basis:?} ends with `;`");
    }
    assert!(has(
        "của Sở Tư pháp về thực hiện phong trào thi đua. QUYẾT ĐỊNH:"
    ));
    let bases_runs: Vec<_> = main
        .texts
        .iter()
        .filter(|t| t.text.contains("Căn cứ"))
        .collect();
    assert_eq!(bases_runs.len(), bases.len(), "one basis a paragraph");
    assert!(bases_runs.iter().all(|t| t.italic && t.size == 14.0));

    let decides = main.find("QUYẾT ĐỊNH:");
    let decides = one(&decides, "QUYẾT ĐỊNH:");
    assert!(decides.bold && centred(decides), "{decides:#?}");
    assert!(at("QUYẾT ĐỊNH:") > last);

    // The articles, with the counts as printed and the reason from the data.
    assert!(has(
        "Điều 1. Tặng Giấy khen cho 01 tập thể (có danh sách kèm theo), đã có thành tích xuất sắc trong giải quyết đơn, kiến nghị của công dân, góp phần thực hiện phong trào thi đua."
    ));
    assert!(!has("00 cá nhân"), "a zero count is left out");
    assert!(has(
        "Điều 2. Tập thể có tên tại Điều 1 được nhận Giấy khen và được hưởng tiền thưởng theo quy định hiện hành."
    ));
    assert!(has(
        "Điều 3. Chánh Văn phòng Sở, Trưởng các phòng, đơn vị thuộc Sở và tập thể có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./."
    ));
    for article in ["Điều 1.", "Điều 2.", "Điều 3."] {
        let run = main.find(article);
        assert!(one(&run, article).bold, "{article} bold");
    }
    assert!(at("Điều 1.") < at("Điều 2.") && at("Điều 2.") < at("Điều 3."));
    assert!(at("Điều 3.") > at("QUYẾT ĐỊNH:"));

    // The header and footer of the decision; margins over every page.
    assert_margins(&placed);
    let expect = Expect {
        issuing: "SỞ TƯ PHÁP",
        number: "Số: 210/QĐ-STP",
        date: "ngày 15 tháng 7 năm 2025",
        kind: "QUYẾT ĐỊNH",
        recipient_lines: &[
            "- Như Điều 3;",
            "- Sở Nội vụ (b/c);",
            "- Lãnh đạo Sở Tư pháp;",
            "- Lưu: VT.",
        ],
        authority: &unit.signer.title,
        signer: &unit.signer.name,
    };
    assert_header(&main, &expect);
    // The footer alone: the deciding authority above it also reads `GIÁM ĐỐC`.
    assert_footer(&footer_of(&main), &expect);
    assert_own_page_numbers(&placed);
}

#[test]
fn attached_list_names_every_recipient_on_its_own_pages() {
    let root = corpus_base();
    let checked = pipeline::check(&root, &BuildOptions::default()).unwrap();
    let gk = checked.workspace.units[0].value.giay_khen.clone().unwrap();
    let placed = decision(&root);
    let start = list_start(&placed);
    assert!(start >= 2, "the list follows the decision");
    let list: Vec<&PlacedText> = placed.texts.iter().filter(|t| t.page >= start).collect();
    let text = compact(&list.iter().map(|t| t.text.as_str()).collect::<String>());
    let has = |s: &str| text.contains(&compact(s));

    let title = placed.find("DANH SÁCH TẬP THỂ ĐƯỢC TẶNG GIẤY KHEN");
    let title = one(&title, "list title");
    assert!(title.bold && title.size == 14.0 && centred(title));
    let attached = placed.find("(Kèm theo Quyết định");
    let attached = one(&attached, "attached-to line");
    assert!(attached.italic && centred(attached) && attached.page == start);
    assert!(has(
        "(Kèm theo Quyết định số 210/QĐ-STP ngày 15/7/2025 của Giám đốc Sở Tư pháp)"
    ));
    // The italic line sits under the title, clear of its accents and descenders.
    assert!(
        attached.y - title.y >= 14.0,
        "{} pt between the title and the line under it",
        attached.y - title.y
    );

    assert!(has("TT Tên tập thể / Họ và tên Chức vụ, đơn vị"));
    assert!(has("I. TẬP THỂ"));
    assert!(!has("CÁ NHÂN"), "no empty section");
    for (i, r) in gk.recipients.iter().enumerate() {
        let row = format!(
            "{} {} {}",
            i + 1,
            r.name,
            r.position.as_deref().unwrap_or("")
        );
        assert!(has(&row), "{row:?}");
    }
    let group = placed.find("I. TẬP THỂ");
    assert!(one(&group, "I. TẬP THỂ").bold);
    // The decision's text stays on its pages.
    assert!(!has("Điều 1") && !has("Nơi nhận"));
}

#[test]
fn many_recipients_give_two_sections_and_a_list_numbered_on_its_own() {
    let mut people = String::new();
    for i in 1..=40 {
        people.push_str(&format!(
            "    - name: Nguyễn Văn Cán Bộ {i:02}\n      subject: individual\n      position: Chuyên viên Phòng Hành chính tư pháp\n      achievements: [tt-tiep-dan]\n"
        ));
    }
    let dir = base_with(|t| {
        t.replace(
            "      achievements: [tt-tiep-dan]\n\nnominations:",
            &format!("      achievements: [tt-tiep-dan]\n{people}\nnominations:"),
        )
        .replace(
            "  reason: Đã có thành tích xuất sắc trong giải quyết đơn, kiến nghị của công dân, góp phần thực hiện phong trào thi đua.\n",
            "",
        )
    });
    let placed = decision(dir.path());
    let text = placed.compact_text();
    let has = |s: &str| text.contains(&compact(s));

    assert!(
        has(
            "Điều 1. Tặng Giấy khen cho 01 tập thể và 40 cá nhân (có danh sách kèm theo), đã có thành tích xuất sắc trong thực hiện phong trào thi đua lập thành tích chào mừng"
        ),
        "counts, and the reason worded from the campaign when absent"
    );
    assert!(has("Điều 2. Các tập thể, cá nhân có tên tại Điều 1"));
    assert!(has(
        "thuộc Sở và các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm"
    ));
    assert!(has("DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC TẶNG GIẤY KHEN"));

    let start = list_start(&placed);
    assert!(placed.pages.len() > start, "the list runs over a page");
    // Sections in order, each numbered from 1.
    let one_ = text
        .find(&compact("I. TẬP THỂ 1 Phòng Hành chính tư pháp"))
        .expect("I.");
    let two = text
        .find(&compact("II. CÁ NHÂN 1 Nguyễn Văn Cán Bộ 01"))
        .expect("II.");
    assert!(one_ < two);
    assert!(has("40 Nguyễn Văn Cán Bộ 40"));
    // The header row on every page of the list.
    let header_pages: Vec<usize> = placed
        .texts
        .iter()
        .filter(|t| t.text == "Chức vụ, đơn vị" && t.bold)
        .map(|t| t.page)
        .collect();
    assert_eq!(
        header_pages,
        (start..=placed.pages.len()).collect::<Vec<_>>()
    );

    assert_margins(&placed);
    assert_own_page_numbers(&placed);
    let list_page_2 = in_top_margin(&placed, start + 1);
    assert_eq!(one(&list_page_2, "page number").text, "2");
}

#[test]
fn executors_that_name_the_recipients_are_not_doubled() {
    let dir = base_with(|t| {
        t.replace(
            "executors: [Chánh Văn phòng Sở, Trưởng các phòng, đơn vị thuộc Sở]",
            "executors: [Chánh Văn phòng Sở, \"Các tập thể, cá nhân có tên tại Điều 1\"]",
        )
        .replace("name: Sở Tư pháp\n", "name: Sở Nội vụ\n")
    });
    appraiser_is_the_unit(dir.path());
    let text = decision(dir.path()).compact_text();
    let has = |s: &str| text.contains(&compact(s));
    assert!(has(
        "Điều 3. Chánh Văn phòng Sở và các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./."
    ));
    // The Sở Nội vụ does not send its own decision to itself.
    assert!(has("- Như Điều 3; - Lãnh đạo Sở Nội vụ; - Lưu: VT."));
    assert!(!has("Sở Nội vụ (b/c)"));
}

#[test]
fn without_executors_the_recipients_carry_out_the_decision() {
    let dir = base_with(|t| {
        t.replace(
            "  executors: [Chánh Văn phòng Sở, Trưởng các phòng, đơn vị thuộc Sở]\n",
            "",
        )
    });
    let text = decision(dir.path()).compact_text();
    assert!(text.contains(&compact(
        "Điều 3. Tập thể có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./."
    )));
}

/// Makes the corpus unit the campaign's appraising body (`roles.appraiser_unit`).
fn appraiser_is_the_unit(root: &std::path::Path) {
    let path = root.join("inputs/campaign.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let edited = text.replacen(
        "  council_symbol: HĐTĐKT\n",
        "  council_symbol: HĐTĐKT\n  appraiser_unit: so-tu-phap\n",
        1,
    );
    assert_ne!(edited, text);
    std::fs::write(&path, edited).unwrap();
}

#[test]
fn the_heads_decision_cites_the_units_functions_first_and_its_proposer_last() {
    // The reference's Sở Nội vụ: the act on its functions, the law and its
    // decree, the plans, then "Theo đề nghị của …" before QUYẾT ĐỊNH:.
    let root = reference_root();
    let ws = loaded_workspace(&root);
    let unit = &ws.unit("so-noi-vu").unwrap().value;
    let act = unit
        .functions_act
        .as_deref()
        .expect("the act on its functions");
    let gk = unit.giay_khen.as_ref().unwrap();
    let proposer = gk.proposed_by.as_deref().expect("the proposer");
    let (_, placed) = laid_out_of(&root, "quyet-dinh", Some("so-noi-vu"));
    let text = placed.compact_text();
    let at = |s: &str| {
        text.find(&compact(s))
            .unwrap_or_else(|| panic!("{s:?} not in the decision"))
    };
    let first = at(&format!("Căn cứ {act};"));
    assert!(first < at("Căn cứ Luật Thi đua, khen thưởng"));
    assert!(
        first > at("GIÁM ĐỐC SỞ NỘI VỤ"),
        "after the deciding authority"
    );
    assert!(
        at(
            "Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định về phân cấp, phân quyền trong lĩnh vực thi đua, khen thưởng; quy định chi tiết và hướng dẫn thi hành một số điều của Luật Thi đua, khen thưởng;"
        ) > first
    );
    let proposal = at(&format!("Theo đề nghị của {proposer}. QUYẾT ĐỊNH:"));
    assert!(proposal > at("Căn cứ Kế hoạch số 86/KH-SNV"));
    // A UBND's acts, its chairman's decision and its Tờ trình, cite first the
    // law on local government.
    let ward = &ws.unit("ubnd-phuong-dong-kinh").unwrap().value;
    let law = &ward.authority_bases[0];
    assert!(law.starts_with("Luật Tổ chức chính quyền địa phương số 72/2025/QH15"));
    for kind in ["quyet-dinh", "to-trinh"] {
        let (_, placed) = laid_out_of(&root, kind, Some("ubnd-phuong-dong-kinh"));
        let text = placed.compact_text();
        let first = text.find(&compact(&format!("Căn cứ {law};"))).expect(kind);
        let commendation = text
            .find(&compact("Căn cứ Luật Thi đua, khen thưởng"))
            .expect(kind);
        assert!(
            first < commendation,
            "{kind}: the law on local government first"
        );
    }
    // A Sở's Tờ trình does not: its power is not a UBND's.
    let (_, placed) = laid_out_of(&root, "to-trinh", Some("so-noi-vu"));
    assert!(
        !placed
            .compact_text()
            .contains(&compact("Luật Tổ chức chính quyền địa phương"))
    );
}
