//! `thidua import`: lists from spreadsheets merged into a unit's file. The
//! round trip (build → danh-sach.xlsx → import into an empty unit → the same
//! nominations), a corpus of awkward sheets made here with rust_xlsxwriter,
//! each with its expected result, and the command's exit codes and formats.
//! Long because that corpus, each sheet beside what it must give, is the test.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use rust_xlsxwriter::{Format, Workbook};
use thidua::import::{self, Plan, Request};
use thidua::pipeline::{self, BuildOptions};

const UNIT: &str = "so-noi-vu";
const AWARD: &str = "bang-khen-chu-tich-tinh";

fn unit_file(root: &Path) -> PathBuf {
    root.join(format!("inputs/units/{UNIT}.yaml"))
}

/// The unit's file with its `nominations:` block emptied.
fn empty_nominations(root: &Path) -> String {
    let text = std::fs::read_to_string(unit_file(root)).unwrap();
    let start = text.find("\nnominations:\n").unwrap() + 1;
    let rest = &text[start + "nominations:\n".len()..];
    let end = rest
        .find(|c: char| c != ' ' && c != '\n' && c != '-' && c != '#')
        .map(|_| {
            // The next line starting at column 0 that is not an item.
            let mut at = 0;
            for line in rest.split_inclusive('\n') {
                if !line.starts_with(' ') && !line.starts_with('-') && !line.trim().is_empty() {
                    break;
                }
                at += line.len();
            }
            at
        })
        .unwrap_or(rest.len());
    let emptied = format!("{}nominations: []\n{}", &text[..start], &rest[end..]);
    std::fs::write(unit_file(root), &emptied).unwrap();
    emptied
}

fn plan(root: &Path, sheet: &Path, award: Option<&str>) -> Plan {
    let checked = pipeline::check(root, &BuildOptions::default()).unwrap();
    let request = Request {
        sheet,
        shown: "ds.xlsx".to_string(),
        unit: UNIT,
        award,
    };
    import::plan(root, &checked.workspace, &checked.sources, &request).unwrap()
}

/// Each diagnostic of a plan as its code and cell (`Sheet!E7`).
fn located(plan: &Plan) -> Vec<(&'static str, String)> {
    plan.diagnostics
        .iter()
        .map(|d| (d.code, d.cell.as_ref().unwrap().in_sheet()))
        .collect()
}

/// The nominations of a unit file as plain data: (kind, name, gender, year, cccd, position, summary).
fn listed(text: &str) -> Vec<[String; 7]> {
    let tree: serde_json::Value = serde_saphyr::from_str(text).unwrap();
    let s = |v: &serde_json::Value| match v {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => String::new(),
        other => other.to_string(),
    };
    tree["nominations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| match n.get("person") {
            Some(p) => [
                "person".into(),
                s(&p["full_name"]),
                s(&p["gender"]),
                s(&p["birth_year"]),
                s(&p["cccd"]),
                s(&p["position"]),
                s(&n["summary"]),
            ],
            None => [
                "collective".into(),
                s(&n["collective"]["name"]),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                s(&n["summary"]),
            ],
        })
        .collect()
}

#[test]
fn a_built_list_imported_into_an_empty_unit_gives_back_its_nominations() {
    let root = common::reference_copy();
    pipeline::build(root.path(), &BuildOptions::default()).unwrap();
    let original = std::fs::read_to_string(unit_file(root.path())).unwrap();
    let xlsx = root
        .path()
        .join(format!("output/lang-son/{UNIT}/{AWARD}/danh-sach.xlsx"));
    // Into the full unit: every row matches, nothing changes.
    let same = plan(root.path(), &xlsx, None);
    assert_eq!(
        (same.added.len(), same.updated.len(), same.unchanged.len()),
        (0, 0, 4)
    );
    assert!(same.text.is_none(), "no edit");
    assert_eq!(same.award, AWARD, "the award read from the sheet's title");
    // Into the emptied unit: the four come back, with what the list holds.
    let emptied = empty_nominations(root.path());
    let back = plan(root.path(), &xlsx, None);
    assert_eq!(back.added.len(), 4);
    assert_eq!(back.skipped.len(), 3, "two headings and the total row");
    assert!(back.diagnostics.is_empty(), "{:#?}", back.diagnostics);
    let text = back.text.unwrap();
    let of_award: Vec<[String; 7]> = listed(&original);
    assert_eq!(listed(&text), of_award);
    // An edit: the file outside the nominations is the emptied file's, byte for byte.
    let cut = emptied.find("nominations: []").unwrap();
    assert!(text.starts_with(&emptied[..cut]));
    assert!(text.ends_with(&emptied[cut + "nominations: []\n".len()..]));
}

/// Writes `cells` as the 0-based `row` of `ws`, as text, from column A.
fn write_row(ws: &mut rust_xlsxwriter::Worksheet, row: u32, cells: &[&str]) {
    for (c, v) in cells.iter().enumerate() {
        ws.write_string(row, c as u16, *v).unwrap();
    }
}

/// Writes a workbook made by `fill` and returns its path.
fn workbook(dir: &Path, name: &str, fill: impl FnOnce(&mut Workbook)) -> PathBuf {
    let mut book = Workbook::new();
    fill(&mut book);
    let path = dir.join(name);
    book.save(&path).unwrap();
    path
}

/// An office's own layout: a title, the header on row 6 of two rows with
/// `Năm sinh` merged over `Nam` | `Nữ`, an extra column, section rows, a
/// blank line, a CCCD that lost its zero, a total row and a second sheet.
/// The workbook of `an_office_layout_is_read_row_by_row`.
fn office_workbook(dir: &Path) -> PathBuf {
    workbook(dir, "office.xlsx", |book| {
        let ws = book.add_worksheet();
        ws.set_name("DS").unwrap();
        let plain = Format::new();
        ws.write_string(0, 0, "SỞ NỘI VỤ").unwrap();
        ws.merge_range(
            2,
            0,
            2,
            7,
            "DANH SÁCH ĐỀ NGHỊ TẶNG BẰNG KHEN CỦA CHỦ TỊCH UBND TỈNH",
            &plain,
        )
        .unwrap();
        ws.write_string(5, 0, "STT").unwrap();
        ws.write_string(5, 1, "Họ và tên").unwrap();
        ws.merge_range(5, 2, 5, 3, "Năm sinh", &plain).unwrap();
        ws.write_string(6, 2, "Nam").unwrap();
        ws.write_string(6, 3, "Nữ").unwrap();
        ws.write_string(5, 4, "Số CCCD").unwrap();
        ws.write_string(5, 5, "Chức vụ, đơn vị công tác").unwrap();
        ws.write_string(5, 6, "Tóm tắt thành tích").unwrap();
        ws.write_string(5, 7, "Số điện thoại").unwrap();
        ws.merge_range(7, 0, 7, 7, "I. Tập thể", &plain).unwrap();
        ws.write_number(8, 0, 1).unwrap();
        ws.write_string(8, 1, "Phòng Cải cách hành chính").unwrap();
        ws.write_string(8, 6, "Hoàn thành xuất sắc nhiệm vụ.")
            .unwrap();
        // Row 10 blank.
        ws.merge_range(10, 0, 10, 7, "II. Cá nhân", &plain).unwrap();
        ws.write_number(11, 0, 1).unwrap();
        ws.write_string(11, 1, "Hoàng Thị Thu").unwrap();
        ws.write_number(11, 3, 1988).unwrap();
        // A number: Excel dropped the leading zero of 020188004517.
        ws.write_number(11, 4, 20188004517.0).unwrap();
        ws.write_string(
            11,
            5,
            "Chuyên viên Phòng Xây dựng chính quyền và công tác thanh niên",
        )
        .unwrap();
        ws.write_string(11, 6, "Tóm tắt mới của chị Thu.").unwrap();
        ws.write_string(11, 7, "0912345678").unwrap();
        ws.write_number(12, 0, 2).unwrap();
        ws.write_string(12, 1, "Lương Văn Mới").unwrap();
        ws.write_string(12, 2, "1979").unwrap();
        ws.write_string(12, 4, "020079001234").unwrap();
        ws.write_string(12, 5, "Chuyên viên Văn phòng Sở").unwrap();
        ws.write_string(12, 6, "Tham mưu tổng hợp.").unwrap();
        ws.write_string(13, 1, "Tổng cộng: 01 tập thể, 02 cá nhân")
            .unwrap();
        let other = book.add_worksheet();
        other.set_name("Ghi chú").unwrap();
        other.write_string(0, 0, "Lập ngày 01/12/2025").unwrap();
    })
}

#[test]
fn an_office_layout_is_read_row_by_row() {
    let root = common::reference_copy();
    let dir = tempfile::tempdir().unwrap();
    let path = office_workbook(dir.path());
    check_office_layout(root.path(), &path);
}

/// What the office layout gives, whatever the workbook's format.
fn check_office_layout(root: &Path, path: &Path) {
    let plan = plan(root, path, None);
    assert_eq!(plan.award, AWARD);
    assert_eq!(plan.sheet_name, "DS");
    let added: Vec<&str> = plan.added.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(added, ["Phòng Cải cách hành chính", "Lương Văn Mới"]);
    let updated: Vec<(&str, Vec<&str>)> = plan
        .updated
        .iter()
        .map(|c| (c.name.as_str(), c.fields.iter().map(|f| f.0).collect()))
        .collect();
    assert_eq!(
        updated,
        [("Hoàng Thị Thu", vec!["summary"])],
        "matched by CCCD, zero put back"
    );
    let reasons: Vec<(u32, String)> = plan
        .skipped
        .iter()
        .map(|s| (s.row, s.reason.vi.clone()))
        .collect();
    assert_eq!(
        reasons,
        [
            (8, "tiêu đề nhóm tập thể".to_string()),
            (10, "dòng trống".to_string()),
            (11, "tiêu đề nhóm cá nhân".to_string()),
            (14, "dòng tổng cộng".to_string()),
        ]
    );
    assert_eq!(plan.read, 7, "rows 8 to 14, none dropped silently");
    assert_eq!(
        located(&plan),
        [
            ("TD0405", "Ghi chú!A1".to_string()),
            ("TD0405", "DS!H7".to_string()),
            ("TD0404", "DS!E12".to_string()),
        ]
    );
    let text = plan.text.unwrap();
    let people = listed(&text);
    let thu = people.iter().find(|p| p[1] == "Hoàng Thị Thu").unwrap();
    assert_eq!(thu[4], "020188004517");
    assert_eq!(thu[6], "Tóm tắt mới của chị Thu.");
    let new = people.iter().find(|p| p[1] == "Lương Văn Mới").unwrap();
    assert_eq!(
        new[2..6],
        ["nam", "1979", "020079001234", "Chuyên viên Văn phòng Sở"]
    );
    let collective = people
        .iter()
        .find(|p| p[1] == "Phòng Cải cách hành chính")
        .unwrap();
    assert_eq!(collective[0], "collective");
    // Only Thu's summary line changed among the lines already there.
    let before = std::fs::read_to_string(unit_file(root)).unwrap();
    let changed: Vec<&str> = before
        .lines()
        .filter(|l| !text.lines().any(|m| m == *l))
        .collect();
    assert_eq!(changed.len(), 1, "{changed:#?}");
    assert!(
        changed[0]
            .trim_start()
            .starts_with("summary: Trực tiếp tham mưu")
    );
}

/// The same list saved by an office suite as `.xls` and `.ods` reads the same.
#[test]
fn xls_and_ods_read_as_the_xlsx() {
    if !common::office::available() {
        return;
    }
    let root = common::reference_copy();
    let dir = tempfile::tempdir().unwrap();
    let xlsx = office_workbook(dir.path());
    for format in ["xls", "ods"] {
        let out = Command::new("soffice")
            .arg(format!(
                "-env:UserInstallation=file://{}",
                dir.path().join("profile").display()
            ))
            .args([
                "--headless",
                "--norestore",
                "--convert-to",
                format,
                "--outdir",
            ])
            .arg(dir.path())
            .arg(&xlsx)
            .output()
            .unwrap();
        let converted = dir.path().join(format!("office.{format}"));
        assert!(
            converted.is_file(),
            "{format}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        check_office_layout(root.path(), &converted);
    }
}

/// Separate `Năm sinh` and `Giới tính`, numbers written as text, a bad year
/// and a bad CCCD: each bad cell located, its row skipped, the others read.
#[test]
fn bad_cells_are_located_and_their_rows_skipped() {
    let root = common::reference_copy();
    let dir = tempfile::tempdir().unwrap();
    let path = workbook(dir.path(), "bad.xlsx", |book| {
        let ws = book.add_worksheet();
        ws.set_name("Danh sách").unwrap();
        write_row(
            ws,
            0,
            &[
                "TT",
                "Họ và tên",
                "Năm sinh",
                "Giới tính",
                "CCCD",
                "Chức vụ",
                "Tóm tắt thành tích",
            ],
        );
        let rows = [
            [
                "1",
                "Trần Văn Một",
                "1990",
                "Nam",
                "020090000111",
                "Chuyên viên",
                "Tốt.",
            ],
            [
                "2",
                "Trần Văn Hai",
                "199x",
                "Nam",
                "020090000222",
                "Chuyên viên",
                "Tốt.",
            ],
            [
                "3",
                "Trần Thị Ba",
                "1991",
                "Nữ",
                "12345",
                "Chuyên viên",
                "Tốt.",
            ],
            ["4", "", "1992", "Nữ", "", "Chuyên viên", "Tốt."],
        ];
        for (r, row) in rows.iter().enumerate() {
            write_row(ws, r as u32 + 1, row);
        }
    });
    let plan = plan(root.path(), &path, Some(AWARD));
    assert_eq!(
        plan.added
            .iter()
            .map(|c| c.name.as_str())
            .collect::<Vec<_>>(),
        ["Trần Văn Một"]
    );
    assert_eq!(
        located(&plan),
        [
            ("TD0403", "Danh sách!C3".to_string()),
            ("TD0403", "Danh sách!E4".to_string()),
            ("TD0402", "Danh sách!B5".to_string()),
        ]
    );
    assert_eq!(plan.skipped.len(), 3);
}

#[test]
fn a_sheet_without_a_list_is_one_located_error() {
    let root = common::reference_copy();
    let dir = tempfile::tempdir().unwrap();
    let path = workbook(dir.path(), "none.xlsx", |book| {
        let ws = book.add_worksheet();
        ws.write_string(0, 0, "Bảng chấm công tháng 11").unwrap();
    });
    let plan = plan(root.path(), &path, Some(AWARD));
    assert_eq!(plan.diagnostics.len(), 1);
    assert_eq!(plan.diagnostics[0].code, "TD0401");
    assert!(plan.text.is_none());
}

fn thidua(root: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_thidua"))
        .args(args)
        .arg(root)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

/// The command: `--dry-run` writes nothing; a bad row is exit 1 with its cell
/// in every format; the good rows are imported and the file checked at once.
#[test]
fn the_command_reports_cells_in_every_format_and_edits_the_file() {
    let root = common::reference_copy();
    let dir = tempfile::tempdir().unwrap();
    let path = workbook(dir.path(), "ds.xlsx", |book| {
        let ws = book.add_worksheet();
        ws.set_name("Danh sách").unwrap();
        ws.write_string(
            0,
            0,
            "DANH SÁCH ĐỀ NGHỊ TẶNG BẰNG KHEN CỦA CHỦ TỊCH UBND TỈNH",
        )
        .unwrap();
        write_row(
            ws,
            2,
            &[
                "TT",
                "Họ và tên / Tên tập thể",
                "Năm sinh, Nam/Nữ",
                "Số CCCD",
                "Chức vụ, đơn vị công tác",
                "Tóm tắt thành tích",
            ],
        );
        write_row(
            ws,
            3,
            &[
                "1",
                "Vi Văn Năm",
                "1985, Nam",
                "020085000555",
                "Chuyên viên",
                "Tốt.",
            ],
        );
        write_row(
            ws,
            4,
            &[
                "2",
                "Vi Thị Sáu",
                "1986, Khác",
                "020086000666",
                "Chuyên viên",
                "Tốt.",
            ],
        );
    });
    let file = path.to_str().unwrap();
    let before = std::fs::read_to_string(unit_file(root.path())).unwrap();
    let dry = thidua(root.path(), &["import", file, "--unit", UNIT, "--dry-run"]);
    assert_eq!(dry.status.code(), Some(1));
    let said = String::from_utf8_lossy(&dry.stderr);
    assert!(said.contains("thêm Vi Văn Năm"), "{said}");
    assert!(said.contains(&format!("ô: {file}!Danh sách!C5")), "{said}");
    assert!(
        said.contains("thêm 1, cập nhật 0, không đổi 0, bỏ qua 1; chưa ghi tệp nào"),
        "{said}"
    );
    assert_eq!(
        std::fs::read_to_string(unit_file(root.path())).unwrap(),
        before
    );

    let json = thidua(
        root.path(),
        &[
            "import",
            file,
            "--unit",
            UNIT,
            "--dry-run",
            "--format",
            "json",
        ],
    );
    let located: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(located[0]["cell"], "Danh sách!C5");
    assert_eq!(
        (located[0]["line"].as_u64(), located[0]["column"].as_u64()),
        (Some(5), Some(3))
    );
    let github = thidua(
        root.path(),
        &[
            "import",
            file,
            "--unit",
            UNIT,
            "--dry-run",
            "--format",
            "github",
        ],
    );
    let line = String::from_utf8_lossy(&github.stdout);
    assert!(line.starts_with("::error file="), "{line}");
    assert!(line.contains(",line=5,col=3,"), "{line}");

    let run = thidua(root.path(), &["import", file, "--unit", UNIT]);
    assert_eq!(run.status.code(), Some(1), "a row had an error");
    let after = std::fs::read_to_string(unit_file(root.path())).unwrap();
    assert!(after.contains("full_name: \"Vi Văn Năm\""));
    assert!(!after.contains("Vi Thị Sáu"));
    // The new nominee checks like a hand-written one: what the list lacks is asked for.
    let said = String::from_utf8_lossy(&run.stderr);
    assert!(
        said.contains("TD0004") && said.contains(&format!("inputs/units/{UNIT}.yaml")),
        "{said}"
    );
}

/// A simple list of one person, `Năm sinh, Nam/Nữ` in one column.
fn one_person(dir: &Path, name: &str, birth: &str, cccd: &str, position: &str) -> PathBuf {
    workbook(dir, "one.xlsx", |book| {
        let ws = book.add_worksheet();
        write_row(
            ws,
            0,
            &[
                "TT",
                "Họ và tên",
                "Năm sinh, Nam/Nữ",
                "Số CCCD",
                "Chức vụ, đơn vị công tác",
                "Tóm tắt thành tích",
            ],
        );
        write_row(ws, 1, &["1", name, birth, cccd, position, "Tốt."]);
    })
}

/// A unit file without `nominations:` gets the key and its first item, at the end.
#[test]
fn a_unit_without_nominations_gets_them_appended() {
    let root = common::reference_copy();
    let dir = tempfile::tempdir().unwrap();
    let path = one_person(
        dir.path(),
        "Hà Văn Bảy",
        "1987, Nam",
        "020087000777",
        "Chuyên viên",
    );
    let checked = pipeline::check(root.path(), &BuildOptions::default()).unwrap();
    let request = Request {
        sheet: &path,
        shown: "one.xlsx".to_string(),
        unit: "ubnd-huyen-cao-loc",
        award: Some(AWARD),
    };
    let plan = import::plan(root.path(), &checked.workspace, &checked.sources, &request).unwrap();
    let before =
        std::fs::read_to_string(root.path().join("inputs/units/ubnd-huyen-cao-loc.yaml")).unwrap();
    let text = plan.text.unwrap();
    assert!(text.starts_with(&before), "appended, nothing else touched");
    assert!(
        text[before.len()..].starts_with("nominations:\n  - id: dn-ha-van-bay\n"),
        "{}",
        &text[before.len()..]
    );
    assert_eq!(
        listed(&text)[0][1..6],
        ["Hà Văn Bảy", "nam", "1987", "020087000777", "Chuyên viên"]
    );
}

/// A person written on one line is matched, not edited: its changes are told (TD0407).
#[test]
fn a_one_line_person_is_matched_and_its_changes_told() {
    let root = common::reference_copy();
    let file = unit_file(root.path());
    let text = std::fs::read_to_string(&file).unwrap();
    let block_start = text
        .find("    person:\n      full_name: Nông Văn Tuấn")
        .unwrap();
    let block_end = text[block_start..].find("    criteria:").unwrap() + block_start;
    let flow = "    person: { full_name: Nông Văn Tuấn, gender: nam, birth_year: 1990, cccd: \"020090007326\", position: Chuyên viên Ban Thi đua - Khen thưởng, staff_kind: công chức, leader: false, direct_worker: true, discipline: không }\n";
    let edited = format!("{}{flow}{}", &text[..block_start], &text[block_end..]);
    std::fs::write(&file, &edited).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = one_person(
        dir.path(),
        "Nông Văn Tuấn",
        "1990, Nam",
        "020090007326",
        "Phó Trưởng ban Thi đua - Khen thưởng",
    );
    let plan = plan(root.path(), &path, Some(AWARD));
    assert_eq!(plan.diagnostics.len(), 1, "{:#?}", plan.diagnostics);
    let d = &plan.diagnostics[0];
    assert_eq!(
        (d.code, d.cell.as_ref().unwrap().in_sheet()),
        ("TD0407", "Sheet1!B2".to_string())
    );
    assert!(d.message.vi.contains(
        "position: Chuyên viên Ban Thi đua - Khen thưởng → Phó Trưởng ban Thi đua - Khen thưởng"
    ));
    // The summary, written over lines of its own, is edited; the person's line is not.
    let text = plan.text.unwrap();
    assert!(text.contains(flow));
    assert!(text.contains("summary: \"Tốt.\""));
}

/// A list of achievements (no name column: `Thành tích`, `Ngày`): a row
/// matched by its text gets its new day, a new one is appended with its
/// content item found by id or name, the figures column is not read (told),
/// a bad day is located and its row skipped.
#[test]
fn a_list_of_achievements_merges_into_the_unit_s_achievements() {
    let root = common::reference_copy();
    let dir = tempfile::tempdir().unwrap();
    let existing = "Tham mưu UBND tỉnh phát động phong trào thi đua và ban hành văn bản hướng dẫn; 100% sở, ban, ngành, UBND các huyện, thành phố ban hành kế hoạch và tổ chức đăng ký thi đua đúng thời hạn.";
    let path = workbook(dir.path(), "tt.xlsx", |book| {
        let ws = book.add_worksheet();
        ws.set_name("Thành tích").unwrap();
        ws.write_string(0, 0, "BẢNG THÀNH TÍCH CỦA SỞ NỘI VỤ")
            .unwrap();
        write_row(
            ws,
            2,
            &["TT", "Thành tích", "Ngày", "Số liệu", "Nội dung thi đua"],
        );
        ws.write_string(3, 0, "1").unwrap();
        ws.write_string(3, 1, existing).unwrap();
        ws.write_string(3, 2, "26/7/2024").unwrap();
        ws.write_string(3, 3, "3 văn bản").unwrap();
        ws.write_string(4, 0, "2").unwrap();
        ws.write_string(
            4,
            1,
            "Tổ chức hội thi tìm hiểu Luật Thi đua, khen thưởng cho công chức.",
        )
        .unwrap();
        ws.write_number(4, 2, 45600.0).unwrap(); // 2024-11-04
        ws.write_string(4, 4, "pho-bien-phap-luat").unwrap();
        // Row 6 blank.
        ws.write_string(6, 0, "3").unwrap();
        ws.write_string(6, 1, "Thành tích có ngày sai.").unwrap();
        ws.write_string(6, 2, "tháng 7").unwrap();
    });
    let plan = plan(root.path(), &path, None);
    assert_eq!(plan.updated.len(), 1);
    assert_eq!(plan.updated[0].id, "snv-phat-dong-thi-dua");
    assert_eq!(
        plan.updated[0].fields,
        [(
            "date",
            Some("2024-07-25".to_string()),
            "2024-07-26".to_string()
        )]
    );
    assert_eq!(plan.added.len(), 1);
    assert_eq!(plan.added[0].id, "tt-to-chuc-hoi-thi-tim");
    assert_eq!(
        located(&plan),
        [
            ("TD0405", "Thành tích!D3".to_string()),
            ("TD0403", "Thành tích!C7".to_string()),
        ]
    );
    let reasons: Vec<u32> = plan.skipped.iter().map(|s| s.row).collect();
    assert_eq!(reasons, [6, 7]);
    let text = plan.text.unwrap();
    assert!(text.contains("    date: 2024-07-26\n    text: Tham mưu UBND tỉnh phát động"));
    assert!(text.contains(
        "  - id: tt-to-chuc-hoi-thi-tim\n    content_item: pho-bien-phap-luat\n    date: 2024-11-04\n    text: \"Tổ chức hội thi tìm hiểu Luật Thi đua, khen thưởng cho công chức.\"\n"
    ));
    // Nothing else of the file moved: the old text with the new item taken out
    // and the date put back is the file as it was.
    let before = std::fs::read_to_string(unit_file(root.path())).unwrap();
    let item_start = text.find("  - id: tt-to-chuc-hoi-thi-tim").unwrap();
    let item_end =
        item_start + text[item_start..].find("công chức.\"\n").unwrap() + "công chức.\"\n".len();
    let restored = format!("{}{}", &text[..item_start], &text[item_end..]).replacen(
        "date: 2024-07-26",
        "date: 2024-07-25",
        1,
    );
    assert_eq!(restored, before);
}
