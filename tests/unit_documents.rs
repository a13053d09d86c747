//! Each unit's documents: what they say, computed from the unit's data, and
//! the Nghị định 30 layout they share with the provincial plan.

mod common;

use common::layout::*;
use common::*;
use thidua::pipeline::{self, BuildOptions};
use thidua::typeset::inspect::compact;

#[test]
fn unit_plan_cites_the_provincial_plan_and_lists_the_tasks() {
    let root = corpus_base();
    let checked = pipeline::check(&root, &BuildOptions::default()).unwrap();
    let unit = &checked.workspace.units[0].value;
    let (rendered, placed) = laid_out_of(&root, "ke-hoach", Some(&unit.id.value));
    assert_eq!(
        rendered.doc.stem,
        format!("lang-son/{}/ke-hoach", unit.id.value)
    );
    let text = placed.compact_text();
    let has = |s: &str| text.contains(&compact(s));
    assert!(has("KẾ HOẠCH"));
    assert!(
        has(
            "Thực hiện Kế hoạch số /KH-UBND ngày tháng 5 năm 2024 của UBND tỉnh Lạng Sơn về triển khai thực hiện phong trào thi đua"
        ),
        "cites the provincial plan, its blanks kept"
    );
    // The blanks on the page, which the compact text above cannot see.
    assert_blank(&placed, "Kế hoạch số", "/KH-UBND", 4.5, 14.0);
    assert_blank(&placed, "/KH-UBND ngày", "tháng 5 năm 2024", 3.5, 14.0);
    assert!(has(&format!(
        "{} ban hành Kế hoạch thực hiện như sau:",
        unit.name
    )));
    for task in &unit.plan.tasks {
        assert!(has(&task.text), "task {:?}", task.text);
        assert!(has(&task.lead), "lead {:?}", task.lead);
        let d = task.deadline.value.0;
        assert!(has(&thidua::notation::short_date(d)), "deadline {d}");
    }
    assert!(has("- Sở Nội vụ;"), "Nơi nhận includes the Sở Nội vụ");
    assert!(has("Quý IV năm 2025"), "the nomination window");
    let issuing = unit.issuing_body[0].value.clone();
    let number = format!("/KH-{}", unit.symbol.value);
    let first_authority = unit
        .signer
        .authority
        .first()
        .map(|a| a.value.clone())
        .unwrap_or(unit.signer.title.clone());
    assert_nd30(
        &placed,
        &Expect {
            issuing: &issuing,
            number: &number,
            date: "năm 2024",
            kind: "KẾ HOẠCH",
            recipient_lines: &["- Sở Nội vụ;", "- Lưu: VT."],
            authority: &first_authority,
            signer: &unit.signer.name,
        },
    );
}

#[test]
fn the_task_table_repeats_its_header_on_every_page() {
    // Many tasks push the table over a page.
    let base = corpus_base().join("inputs/units/don-vi.yaml");
    let text = std::fs::read_to_string(base).unwrap();
    let marker = "  tasks:\n";
    let at = text.find(marker).expect("tasks") + marker.len();
    let mut many = String::new();
    for i in 0..40 {
        many.push_str(&format!(
            "    - content_item: tuyen-truyen\n      text: Nhiệm vụ tuyên truyền số {i} về phong trào thi đua trên các kênh thông tin của đơn vị.\n      lead: Văn phòng\n      deadline: 2025-06-30\n"
        ));
    }
    let dir = tempfile::tempdir().unwrap();
    copy_workspace(&corpus_base(), dir.path());
    std::fs::write(
        dir.path().join("inputs/units/don-vi.yaml"),
        format!("{}{many}{}", &text[..at], &text[at..]),
    )
    .unwrap();
    let checked = pipeline::check(dir.path(), &BuildOptions::default()).unwrap();
    let unit = checked.workspace.units[0].value.id.value.clone();
    let (_, placed) = laid_out_of(dir.path(), "ke-hoach", Some(&unit));
    let pages_with_header: Vec<usize> = placed
        .texts
        .iter()
        .filter(|t| t.text == "Nhiệm vụ" && t.bold)
        .map(|t| t.page)
        .collect();
    assert!(
        pages_with_header.len() >= 2,
        "header row on {pages_with_header:?}"
    );
    assert!(
        pages_with_header.windows(2).all(|w| w[0] < w[1]),
        "one header per page"
    );
}

#[test]
fn a_units_documents_print_its_own_archive_line_and_vt_without_one() {
    let root = base_with(|unit| unit.replacen("\nplace: ", "\narchive: VT, VP\nplace: ", 1));
    let session = pipeline::render_all(root.path(), &BuildOptions::default()).unwrap();
    let mut signed = 0;
    let own = |r: &&thidua::pipeline::Rendered| r.doc.stem.starts_with("lang-son/so-tu-phap/");
    for r in session.rendered.iter().filter(own) {
        let placed = thidua::typeset::inspect::placed(&pipeline::typeset(&session, r).unwrap());
        if has(&placed, "Nơi nhận:") {
            signed += 1;
            assert!(has(&placed, "- Lưu: VT, VP."), "{}", r.doc.stem);
        }
    }
    assert!(
        signed >= 4,
        "the plan, submission, report and decision: {signed}"
    );

    // The appraising unit's line is its appraisal documents' too, unless
    // the appraisal names theirs.
    let (_, placed) = laid_out_stem(root.path(), "lang-son/tham-dinh/to-trinh");
    assert!(has(&placed, "- Lưu: VT, VP."));

    let (_, placed) = laid_out_stem(
        &corpus_base(),
        "lang-son/so-tu-phap/bang-khen-chu-tich-tinh/to-trinh",
    );
    assert!(has(&placed, "- Lưu: VT."));
}

#[test]
fn a_units_documents_send_copies_where_it_says_and_to_its_leaders_otherwise() {
    let root = base_with(|unit| {
        unit.replacen(
            "  tasks:\n",
            "  recipients: [UBND tỉnh (b/c), Phòng Văn bản]\n  tasks:\n",
            1,
        )
        .replacen(
            "  council:\n",
            "  recipients: [Giám đốc Sở]\n  council:\n",
            1,
        )
        .replacen(
            "report:\n",
            "report:\n  recipients: [Ban Thi đua tỉnh]\n",
            1,
        )
        // The decision's Nơi nhận: `recipients` there are the awardees.
        .replacen(
            "  recipients:\n    - name: ",
            "  distribution: [Văn phòng UBND tỉnh, Trưởng các phòng]\n  recipients:\n    - name: ",
            1,
        )
    });
    let footer = |stem: &str| {
        let (_, placed) = laid_out_stem(root.path(), stem);
        footer_of(&placed).compact_text()
    };
    let plan = footer("lang-son/so-tu-phap/ke-hoach");
    assert!(
        plan.contains(&compact("- UBND tỉnh (b/c); - Phòng Văn bản; - Lưu: VT.")),
        "{plan}"
    );
    assert!(!plan.contains(&compact("Lãnh đạo")), "{plan}");
    let submission = footer("lang-son/so-tu-phap/bang-khen-chu-tich-tinh/to-trinh");
    assert!(
        submission.contains(&compact("- Như trên; - Giám đốc Sở; - Lưu: VT.")),
        "{submission}"
    );
    let report = footer("lang-son/so-tu-phap/bao-cao");
    assert!(
        report.contains(&compact("- Ban Thi đua tỉnh; - Lưu: VT.")),
        "{report}"
    );

    let decision = footer("lang-son/so-tu-phap/quyet-dinh");
    assert!(
        decision.contains(&compact(
            "- Như Điều 3; - Văn phòng UBND tỉnh; - Trưởng các phòng; - Lưu: VT."
        )),
        "{decision}"
    );
    assert!(!decision.contains(&compact("Lãnh đạo")), "{decision}");

    // Without them: the unit's leaders (and the appraiser, on the decision).
    let (_, placed) = laid_out_stem(&corpus_base(), "lang-son/so-tu-phap/bao-cao");
    assert!(has(&placed, "- Lãnh đạo Sở Tư pháp;"));
    let (_, placed) = laid_out_stem(&corpus_base(), "lang-son/so-tu-phap/quyet-dinh");
    let decision = footer_of(&placed).compact_text();
    assert!(
        decision.contains(&compact(
            "- Như Điều 3; - Sở Nội vụ (b/c); - Lãnh đạo Sở Tư pháp; - Lưu: VT."
        )),
        "{decision}"
    );
}

#[test]
fn a_unit_whose_head_gives_no_award_promises_none() {
    let footer_award = "Giấy khen của giám đốc Sở Tư pháp";
    let (_, placed) = laid_out_stem(&corpus_base(), "lang-son/so-tu-phap/ke-hoach");
    assert!(has(&placed, footer_award));

    // Only districts' chairmen give the campaign's Giấy khen: the department
    // gives none, promises none, and proposes upward only.
    let root = base_with(|unit| {
        let start = unit.find("\ngiay_khen:\n").unwrap();
        let end = start + 1 + unit[start + 1..].find("\nnominations:").unwrap();
        format!("{}{}", &unit[..start], &unit[end..])
    });
    edit_file(&root.path().join("inputs/campaign.yaml"), |c| {
        c.replacen(
            "    level: unit\n",
            "    level: unit\n    given_by: [UBND huyện]\n",
            1,
        )
    });
    let checked = pipeline::check(root.path(), &BuildOptions::default()).unwrap();
    assert!(checked.diagnostics.is_empty(), "{:?}", checked.diagnostics);
    let (_, placed) = laid_out_stem(root.path(), "lang-son/so-tu-phap/ke-hoach");
    assert!(!has(&placed, footer_award));
    assert!(has(&placed, "Đề nghị Bằng khen của Chủ tịch UBND tỉnh"));
}

#[test]
fn a_head_whose_title_names_the_unit_is_named_once() {
    // A Chánh Văn phòng heads a Văn phòng: "Chánh Văn phòng UBND tỉnh",
    // never "Chánh văn phòng Văn phòng UBND tỉnh".
    let root = base_with(|unit| {
        unit.replacen("name: Sở Tư pháp\n", "name: Văn phòng UBND tỉnh\n", 1)
            .replacen(
                "issuing_body: [SỞ TƯ PHÁP]",
                "issuing_body: [VĂN PHÒNG UBND TỈNH]",
                1,
            )
            .replacen(
                "head: { title: GIÁM ĐỐC,",
                "head: { title: CHÁNH VĂN PHÒNG,",
                1,
            )
    });
    let (rendered, placed) = laid_out_stem(root.path(), "lang-son/so-tu-phap/quyet-dinh");
    assert!(
        has(&placed, "CHÁNH VĂN PHÒNG UBND TỈNH"),
        "the deciding head"
    );
    assert!(
        has(&placed, "của Chánh Văn phòng UBND tỉnh)"),
        "the list's caption"
    );
    assert!(!has(&placed, "Văn phòng Văn phòng") && !has(&placed, "VĂN PHÒNG VĂN PHÒNG"));
    assert!(
        rendered
            .doc
            .title
            .ends_with("của chánh Văn phòng UBND tỉnh"),
        "{}",
        rendered.doc.title
    );
    let (_, placed) = laid_out_stem(root.path(), "lang-son/so-tu-phap/ke-hoach");
    assert!(has(&placed, "Giấy khen của chánh Văn phòng UBND tỉnh:"));
}

#[test]
fn the_appraising_unit_sends_nothing_to_itself() {
    // In the reference the Sở Nội vụ appraises (`roles.appraiser_unit`): its
    // own plan, submission and minutes go to the issuer, not through itself.
    let root = reference_root();
    let text = |stem: &str| laid_out_stem(&root, stem).1.compact_text();
    let plan = text("lang-son/so-noi-vu/ke-hoach");
    assert!(plan.contains(&compact(
        "báo cáo kết quả về UBND tỉnh Lạng Sơn theo quy định"
    )));
    assert!(!plan.contains(&compact("- Sở Nội vụ;")), "{plan}");
    let submission = text("lang-son/so-noi-vu/bang-khen-chu-tich-tinh/to-trinh");
    assert!(submission.contains(&compact("Kính gửi: Chủ tịch UBND tỉnh Lạng Sơn.")));
    let minutes = text("lang-son/so-noi-vu/bang-khen-chu-tich-tinh/bien-ban");
    assert!(minutes.contains(&compact(
        "trình Chủ tịch UBND tỉnh Lạng Sơn xem xét, quyết định"
    )));

    // Another unit's go through it.
    let submission = text("lang-son/so-khoa-hoc-cong-nghe/bang-khen-chu-tich-tinh/to-trinh");
    assert!(submission.contains(&compact(
        "Kính gửi: Chủ tịch UBND tỉnh Lạng Sơn (qua Sở Nội vụ)."
    )));
    let plan = text("lang-son/so-khoa-hoc-cong-nghe/ke-hoach");
    assert!(plan.contains(&compact("báo cáo kết quả về Sở Nội vụ theo quy định")));
    assert!(plan.contains(&compact("- Sở Nội vụ;")));
}

#[test]
fn a_unit_words_its_plan_where_the_default_does_not_fit_it() {
    // A village words its plan for its people, not for civil servants.
    let root = base_with(|unit| {
        unit.replacen(
            "  tasks:\n",
            "  purposes: [Phát huy vai trò của Nhân dân trong xây dựng nông thôn mới.]\n  requirements: [Bình xét công khai tại hội nghị thôn.]\n  subjects: Các hộ gia đình, cá nhân, tổ chức trên địa bàn thôn.\n  organisation:\n    - Ban công tác Mặt trận thôn tuyên truyền, vận động.\n    - \"Trưởng thôn tổng hợp kết quả #1, báo cáo UBND xã.\"\n  tasks:\n",
            1,
        )
    });
    let (_, placed) = laid_out_stem(root.path(), "lang-son/so-tu-phap/ke-hoach");
    let text = placed.compact_text();
    for said in [
        "1. Mục đích - Phát huy vai trò của Nhân dân trong xây dựng nông thôn mới. 2. Yêu cầu - Bình xét công khai tại hội nghị thôn.",
        "1. Đối tượng Các hộ gia đình, cá nhân, tổ chức trên địa bàn thôn.",
        "V. TỔ CHỨC THỰC HIỆN 1. Ban công tác Mặt trận thôn tuyên truyền, vận động. 2. Trưởng thôn tổng hợp kết quả #1, báo cáo UBND xã.",
    ] {
        assert!(text.contains(&compact(said)), "{said}\n{text}");
    }
    for default in [
        "tạo khí thế thi đua sôi nổi",
        "Bộ phận thường trực",
        "tránh hình thức",
        "Các tập thể, cá nhân là",
    ] {
        assert!(!text.contains(&compact(default)), "{default}");
    }
}

#[test]
fn a_wrapped_governing_body_and_the_issuing_body_keep_one_line_pitch() {
    // A long upper line wraps in its column: the bold issuing body below is
    // as far from its second line as the wrapped lines are from each other,
    // so a breve or a circumflex (VĂN, NỘI) does not touch the line above.
    let root = base_with(|unit| {
        unit.replacen(
            "governing_body: [UBND TỈNH LẠNG SƠN]",
            "governing_body: [SỞ GIÁO DỤC VÀ ĐÀO TẠO TỈNH THÁI NGUYÊN]",
            1,
        )
    });
    let (_, placed) = laid_out_stem(root.path(), "lang-son/so-tu-phap/ke-hoach");
    let header: Vec<_> = placed
        .texts
        .iter()
        .filter(|t| t.page == 1 && t.y < 200.0 && t.size == 12.0 && t.x < 250.0)
        .collect();
    let mut baselines: Vec<f64> = header.iter().map(|t| t.y).collect();
    baselines.sort_by(f64::total_cmp);
    baselines.dedup_by(|a, b| (*a - *b).abs() < 0.5);
    assert!(
        baselines.len() >= 3,
        "two governing lines and the issuing one: {header:?}"
    );
    let pitches: Vec<f64> = baselines.windows(2).map(|w| w[1] - w[0]).collect();
    // It was 1.8 pt tighter.
    assert!(
        (pitches[1] - pitches[0]).abs() < 0.05,
        "governing lines {:.2} pt apart, the issuing line {:.2} pt below",
        pitches[0],
        pitches[1]
    );
}

#[test]
fn the_favoured_shares_leave_out_the_kinds_the_campaign_says() {
    // The base's one individual nominee is a leading công chức: 0% non-leaders.
    let codes = |outside: &str| {
        let dir = base_campaign_with(|c| {
            c.replacen(
                "\nlegal_bases:",
                &format!("\ntargets:\n  non_leader_share: 50\n{outside}\nlegal_bases:"),
                1,
            )
        });
        let checked = pipeline::check(dir.path(), &BuildOptions::default()).unwrap();
        (checked.diagnostics.iter())
            .map(|d| d.code.to_string())
            .filter(|c| c == "TD0222" || c == "TD0312")
            .collect::<Vec<_>>()
    };
    assert!(codes("").contains(&"TD0222".to_string()));
    // Neither leader nor worker by kind: counted nowhere, so no share to miss.
    assert!(codes("  outside: [công chức]\n").is_empty());
}
