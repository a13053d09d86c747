//! Starting files for `thidua new`: commented in Vietnamese, valid as written,
//! naming the campaign's own ids so the clerk only replaces examples.

use chrono::NaiveDate;

use crate::model::Campaign;
use crate::model::award::Require;
use crate::model::campaign::{Award, AwardLevel, Criterion, Evidence};
use crate::model::common::SubjectType;

/// The examples' day when there is no campaign to date them by.
const EXAMPLE_DAY: NaiveDate = match NaiveDate::from_ymd_opt(2025, 10, 30) {
    Some(day) => day,
    None => NaiveDate::MIN,
};

/// The schema file `new` keeps at the workspace root, for editors.
pub const SCHEMA_FILE: &str = "thidua.schema.json";

/// The campaign file (`inputs/campaign.yaml`) for the campaign `id`: valid as
/// written, commented in Vietnamese, showing every block of the plan's outline
/// and every form a rule takes (criteria short and per kind, measurable
/// criteria, window and deadline, selection upward, quotas, council vote).
/// The text lives in `scaffold/campaign.yaml`, a YAML file an editor shows as one.
pub fn campaign(id: &str) -> String {
    include_str!("scaffold/campaign.yaml").replace("{id}", id)
}

/// A unit file for `id`, relative to `inputs/units/`.
// Long because it is one commented YAML file, written top to bottom as the
// clerk reads it: splitting it would scatter one text over several functions.
pub fn unit(id: &str, campaign: Option<&Campaign>) -> String {
    let content_ids: Vec<&str> = campaign
        .map(|c| {
            c.content_items
                .iter()
                .map(|i| i.id.value.as_str())
                .collect()
        })
        .unwrap_or_default();
    let first_content = content_ids.first().copied().unwrap_or("ma-noi-dung");
    let kinds: Vec<&str> = campaign.map(Campaign::collective_kinds).unwrap_or_default();
    let first_kind = kinds.first().copied().unwrap_or("sở");
    let staff: Vec<&str> = campaign.map(Campaign::staff_kinds).unwrap_or_default();
    let province_award =
        campaign.and_then(|c| c.awards.iter().find(|a| a.level == AwardLevel::Province));
    let award_id = province_award
        .map(|a| a.id.value.as_str())
        .unwrap_or("ma-hinh-thuc");
    // The criteria a collective of the example's kind, and an individual of
    // the example's staff kind, claim: the award's own, else the campaign's.
    let (claimed, staff_kind) = example_claim(campaign, province_award, &staff);
    let criteria = |subject, kind| {
        let (Some(c), Some(a)) = (campaign, province_award) else {
            return String::new();
        };
        let Some(set) = a.set_for(&c.criteria_sets, subject, kind) else {
            return String::new();
        };
        let list = (set.criteria.iter())
            .map(|k| format!("{} ({})", k.id.value, evidence_vi(k.requires)))
            .collect::<Vec<_>>()
            .join(", ");
        match set.require {
            Require::All => format!("{list}; đạt tất cả"),
            Require::Any => list,
        }
    };
    let collective_criteria = criteria(SubjectType::Collective, first_kind);
    let individual_criteria = criteria(SubjectType::Individual, staff_kind);
    let window = province_award
        .and_then(|a| a.window.as_ref())
        .map(|w| format!("{} đến {}", w.start.value.0, w.end.value.0))
        .unwrap_or_else(|| "phong trào quy định".to_string());
    let period_end = campaign
        .and_then(|c| c.period_end())
        .map(|d| d.to_string())
        .unwrap_or_default();
    // Examples dated inside the campaign's period, under its issuer, so the
    // file checks clean as written in any campaign.
    let start = campaign.map(Campaign::period_start);
    let plan_month = start
        .map(|d| d.format("%Y-%m").to_string())
        .unwrap_or_else(|| "2025-10".to_string());
    let achieved = start.map_or(EXAMPLE_DAY, |d| {
        let day = d + chrono::Days::new(29);
        (campaign.and_then(|c| c.period_end())).map_or(day, |end| day.min(end))
    });
    let (achievement_date, achievement_month) = (achieved.to_string(), achieved.format("%Y-%m"));
    let (council_day, submission_month) = example_submission(province_award, achieved);
    let governing = campaign
        .map(|c| {
            c.issuer
                .issuing_body
                .iter()
                .map(|l| l.value.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        })
        .unwrap_or_else(|| "UBND TỈNH".to_string());
    let place = campaign
        .map(|c| c.issuer.place.as_str())
        .unwrap_or("Địa danh");
    format!(
        r#"# yaml-language-server: $schema=../../{SCHEMA_FILE}
# Tệp của một đơn vị tham gia phong trào thi đua. Thay các giá trị ví dụ bằng
# thông tin của đơn vị, rồi chạy `thidua check` để kiểm tra.
kind: unit
id: {id}                      # mã đơn vị: chữ thường không dấu, số, dấu gạch ngang
name: Sở Ví dụ                # tên dùng trong câu văn
unit_kind: {first_kind}                 # một trong: {kinds}
governing_body: [{governing}]   # cơ quan chủ quản (ô 2, dòng trên); để [] nếu không có
issuing_body: [SỞ VÍ DỤ]      # cơ quan ban hành (ô 2, chữ đậm), mỗi dòng một mục
symbol: SVD                   # ký hiệu trong số văn bản, ví dụ 05/KH-SVD
place: {place}               # địa danh ghi trước ngày tháng
# Văn bản quy định chức năng, nhiệm vụ của đơn vị: căn cứ đầu của quyết định của thủ trưởng.
# functions_act: Quyết định số …/QĐ-UBND ngày … quy định chức năng, nhiệm vụ … của Sở Ví dụ
# Với UBND xã, phường: căn cứ đầu tiên của mọi văn bản (tờ trình, quyết định).
# authority_bases: [Luật Tổ chức chính quyền địa phương số 72/2025/QH15 ngày 16 tháng 6 năm 2025]

# Sau sáp nhập năm 2025: ghi đơn vị tiền thân và ngày cuối cùng của nó, rồi ghi
# `by: <mã>` ở thành tích có trước ngày đó. Đơn vị đã giải thể: ghi `successor`.
# predecessors:
#   - {{ id: so-cu, name: Sở Cũ, until: 2025-02-28 }}
# successor: {{ name: UBND xã Ví dụ, from: 2025-07-01 }}

head: {{ title: GIÁM ĐỐC, name: Nguyễn Văn A }}   # thủ trưởng, người tặng Giấy khen
signer:                       # người ký văn bản của đơn vị
  authority: []               # ví dụ [KT. GIÁM ĐỐC] khi cấp phó ký thay
  title: GIÁM ĐỐC
  name: Nguyễn Văn A
archive: VT                   # dòng "Lưu:" trên văn bản của đơn vị: Văn thư, rồi phòng soạn thảo (ví dụ VT, VP)

plan:                         # kế hoạch của đơn vị thực hiện phong trào
  date: {plan_month}               # để YYYY-MM khi chưa có ngày; thêm `number:` khi văn thư cấp số
  tasks:
    - content_item: {first_content}   # mã nội dung thi đua: {contents}
      text: Tổ chức tuyên truyền về phong trào thi đua đến toàn thể công chức, viên chức.
      lead: Văn phòng
      deadline: {period_end}
      target: 100% công chức, viên chức được quán triệt
  # Lời văn riêng khi lời văn mặc định (của một cơ quan) không hợp, ví dụ với thôn, trường học:
  # purposes: [...]           # I.1 Mục đích, mỗi ý một dòng
  # requirements: [...]       # I.2 Yêu cầu
  # subjects: Các hộ gia đình, cá nhân trên địa bàn thôn.   # III.1 Đối tượng
  # organisation: [...]       # V. Tổ chức thực hiện, mỗi mục một dòng

achievements:                 # thành tích cụ thể, trong thời gian thi đua
  - id: tt-01
    content_item: {first_content}
    date: {achievement_date}
    text: Tổ chức 04 hội nghị quán triệt Kế hoạch thi đua.
    figures:
      - {{ label: Hội nghị, value: 4, unit: hội nghị }}
  - id: tt-02
    content_item: {first_content}
    date: {achievement_date}
    text: Hoàn thành trước thời hạn 100% nhiệm vụ được giao trong quý.

initiatives: []               # sáng kiến, giải pháp: id, title, decision {{ number, date, issuer }}

# Giấy khen của thủ trưởng (không trình lên cấp trên), ngày sau các thành tích
# được khen; mỗi thành tích chỉ khen một lần (ở đây tt-02, đề nghị dưới dùng tt-01):
# giay_khen:
#   date: {achievement_month}
#   proposed_by: Chánh Văn phòng   # "Theo đề nghị của …"
#   recipients:                    # người, tập thể được khen
#     - {{ name: Phòng Tổ chức, subject: collective, achievements: [tt-02] }}
#   distribution: [Lãnh đạo đơn vị] # Nơi nhận sau "Như Điều 3" (mặc định: cơ quan thẩm định, lãnh đạo)

# Đề nghị {award_id}, trình trong thời gian {window}.
# Tiêu chí tập thể: {collective_criteria}
# Tiêu chí cá nhân: {individual_criteria}
# Cá nhân: staff_kind là một trong {staff}; cccd 12 chữ số, ghi trong dấu nháy.
nominations: []
#   - id: de-nghi-01
#     award: {award_id}
#     person:
#       full_name: Trần Thị B
#       gender: nữ
#       birth_year: 1988
#       cccd: "020188001234"
#       position: Chuyên viên Văn phòng
#       staff_kind: {staff_kind}
#       leader: false
#       direct_worker: true
#       discipline: không
#     criteria: [{claimed}]
#     achievements: [tt-01]
#     summary: Tham mưu hiệu quả công tác tuyên truyền phong trào thi đua.
# submission:
#   date: {submission_month}
#   council: {{ date: {council_day}, start: "08:00", end: "09:30", place: Phòng họp cơ quan, members: 7, present: 7, chair: Nguyễn Văn A,
#               secretary: Lê Văn C, votes: [{{ nomination: de-nghi-01, in_favour: 7 }}] }}
"#,
        kinds = kinds.join(", "),
        contents = content_ids.join(", "),
        staff = staff.join(", "),
    )
}

/// The example nomination's criteria and staff kind, such that it checks
/// clean once uncommented: the set an individual of the first staff kind
/// that has one claims, and of it one criterion the example achievement can
/// back (no initiative, no measure) or, when the set requires all, all.
fn example_claim<'a>(
    campaign: Option<&'a Campaign>,
    award: Option<&'a Award>,
    staff: &[&'a str],
) -> (String, &'a str) {
    let kind = staff.first().copied().unwrap_or("công chức");
    let (Some(c), Some(a)) = (campaign, award) else {
        return ("ma-tieu-chi".into(), kind);
    };
    let claims = |&k: &&'a str| Some((a.set_for(&c.criteria_sets, SubjectType::Individual, k)?, k));
    let Some((set, kind)) = staff.iter().find_map(claims) else {
        return ("ma-tieu-chi".into(), kind);
    };
    let plain = |k: &&Criterion| k.requires == Evidence::Achievements && k.metric.is_none();
    let claimed: Vec<&str> = match set.require {
        Require::All => set.criteria.iter().map(|k| k.id.value.as_str()).collect(),
        Require::Any => (set.criteria.iter().find(plain).or(set.criteria.first()))
            .map(|k| k.id.value.as_str())
            .into_iter()
            .collect(),
    };
    (claimed.join(", "), kind)
}

/// The example submission's council day and draft month: the council meets
/// once the example achievement is done and the window is open (not after it
/// closes, nor after the deadline), and the submission is dated that month.
fn example_submission(award: Option<&Award>, achieved: NaiveDate) -> (String, String) {
    let window = award.and_then(|a| a.window.as_ref());
    let day = window.map_or(achieved, |w| {
        achieved.max(w.start.value.0).min(w.end.value.0)
    });
    let deadline = award.and_then(|a| a.deadline.as_ref());
    let day = deadline.map_or(day, |d| day.min(d.value.0));
    (day.to_string(), day.format("%Y-%m").to_string())
}

/// A YAML scalar that reads back as `s` (a JSON string is one).
fn yaml_str(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

fn evidence_vi(e: crate::model::campaign::Evidence) -> &'static str {
    match e {
        crate::model::campaign::Evidence::Achievements => "cần thành tích",
        crate::model::campaign::Evidence::Initiatives => "cần sáng kiến có quyết định công nhận",
    }
}

/// The example executor the starter names first, the issuer's office head;
/// left out when the appraising unit's head holds that post.
const OFFICE_HEAD: &str = "Chánh Văn phòng";

/// The appraisal file (`inputs/appraisal.yaml`) for the unit `appraiser`: a
/// verdict and a ballot line for every provincial nomination already in the
/// workspace, so the appraising body's clerk edits results rather than typing ids.
// Long because it is one commented YAML file, written top to bottom as the
// clerk reads it: splitting it would scatter one text over several functions.
pub fn appraisal(appraiser: &str, workspace: &crate::model::Workspace) -> String {
    let provincial = |award: &str| {
        workspace
            .campaign
            .as_ref()
            .and_then(|c| c.value.award(award))
            .is_some_and(|a| a.level == AwardLevel::Province)
    };
    let nominations: Vec<(&str, &str, &str)> = workspace
        .units
        .iter()
        .flat_map(|u| {
            u.value
                .nominations
                .iter()
                .filter(|n| provincial(&n.award.value))
                .map(move |n| {
                    (
                        u.value.id.value.as_str(),
                        n.id.value.as_str(),
                        n.nominee_name(),
                    )
                })
        })
        .collect();
    let mut verdicts = String::new();
    let mut votes = String::new();
    for (unit, id, name) in &nominations {
        verdicts.push_str(&format!(
            "  - {{ unit: {unit}, nomination: {id}, result: đạt }}   # {name}\n"
        ));
        votes.push_str(&format!(
            "    - {{ unit: {unit}, nomination: {id}, in_favour: 11 }}\n"
        ));
    }
    if nominations.is_empty() {
        verdicts.push_str(
            "  []   # chưa có đơn vị nào đề nghị; thêm { unit: …, nomination: …, result: đạt }\n",
        );
        votes.push_str("    []\n");
    }
    let national: Vec<&str> = workspace
        .campaign
        .as_ref()
        .map(|c| {
            c.value
                .awards
                .iter()
                .filter(|a| a.level == AwardLevel::National)
                .map(|a| a.id.value.as_str())
                .collect()
        })
        .unwrap_or_default();
    let example_award = national.first().copied().unwrap_or("ma-hinh-thuc");
    // The bodies as the campaign names them (its roles), so the comments fit
    // any campaign; placeholders where there is no campaign yet.
    let roles = workspace.campaign.as_ref().map(|c| c.value.role_names());
    let named = |f: fn(&crate::model::campaign::RoleNames) -> &str, none: &str| {
        roles
            .as_ref()
            .map_or(none.to_string(), |r| f(r).to_string())
    };
    let appraiser_name = named(|r| r.appraiser.as_str(), "cơ quan thẩm định");
    let council = named(|r| r.council.as_str(), "Hội đồng Thi đua - Khen thưởng");
    let authority = named(|r| r.authority_short.as_str(), "người có thẩm quyền");
    let issuer = workspace
        .campaign
        .as_ref()
        .map_or("cơ quan ban hành Kế hoạch".to_string(), |c| {
            c.value.issuer.name.clone()
        });
    // The council meets the day after the last unit's submission (its
    // month's last day for a draft), and the documents after it are dated
    // that month: the file checks clean as written.
    let last_submission = (workspace.units.iter())
        .filter_map(|u| u.value.submission.as_ref())
        .map(|s| s.date.value.latest())
        .max();
    // With no submission yet: the campaign's last day.
    let period_end = workspace
        .campaign
        .as_ref()
        .and_then(|c| c.value.period_end());
    let council_day = (last_submission.and_then(|d| d.succ_opt()))
        .or(period_end)
        .unwrap_or_else(|| NaiveDate::from_ymd_opt(2025, 12, 1).unwrap_or_default());
    let month = council_day.format("%Y-%m");
    // Who signs: the plan's signer. The decision is the authority's own act,
    // signed without the collective's `TM.` line; a submission upward is the
    // issuer's, signed as the plan is.
    let plan_signer = workspace.campaign.as_ref().map(|c| &c.value.plan.signer);
    let signer = |collective: bool| {
        let Some(s) = plan_signer else {
            return "{ authority: [KT. CHỦ TỊCH], title: PHÓ CHỦ TỊCH, name: Nguyễn Văn A }"
                .to_string();
        };
        let lines = (s.authority.iter())
            .map(|l| l.value.as_str())
            .filter(|l| collective || !l.starts_with("TM."))
            .map(yaml_str)
            .collect::<Vec<_>>()
            .join(", ");
        format!(
            "{{ authority: [{lines}], title: {}, name: {} }}",
            yaml_str(&s.title),
            yaml_str(&s.name)
        )
    };
    let (decision_signer, plan_signer) = (signer(false), signer(true));
    // Who carries the decision out: the issuer's office and the appraising
    // unit's head, named once when the office is the appraising unit.
    let office = format!("{OFFICE_HEAD} {issuer}");
    let head = (workspace.units.iter().map(|u| &u.value))
        .find(|u| u.id.value == appraiser)
        .map(|u| {
            let title = crate::names::uppercase_first(&u.head.title.to_lowercase());
            crate::names::head_of(&title, &u.name)
        });
    let executors = match head {
        Some(h) if h.to_lowercase().starts_with(&OFFICE_HEAD.to_lowercase()) => vec![h],
        Some(h) => vec![office, h],
        None => vec![office, format!("Thủ trưởng {appraiser_name}")],
    };
    let executors = (executors.iter())
        .chain(std::iter::once(&"Thủ trưởng các cơ quan, đơn vị có liên quan và các tập thể, cá nhân có tên tại Điều 1".to_string()))
        .map(|e| yaml_str(e))
        .collect::<Vec<_>>()
        .join(", ");
    let national_list = if national.is_empty() {
        "phong trào chưa có hình thức cấp Nhà nước".to_string()
    } else {
        national.join(", ")
    };
    format!(
        r#"# yaml-language-server: $schema=../{SCHEMA_FILE}
# Kết quả thẩm định của {appraiser_name}: mỗi đề nghị một kết quả (`đạt`, hoặc
# `không đạt` kèm `reason`), kết quả họp {council} và
# các tờ trình lên cấp trên. Chạy `thidua check` sau mỗi lần sửa.
kind: appraisal
appraiser: {appraiser}        # mã đơn vị thẩm định (tệp inputs/units/{appraiser}.yaml)

verdicts:
{verdicts}
council:                      # {council}
  date: {council_day}            # ngày họp, sau các tờ trình của đơn vị
  start: "08:00"              # giờ bắt đầu, kết thúc cuộc họp
  end: "10:30"
  place: Trụ sở {issuer}
  members: 11                 # số thành viên theo quyết định thành lập
  present: 11
  chair: Nguyễn Văn A
  secretary: Trần Thị B
  votes:                      # số phiếu đồng ý cho mỗi hồ sơ đạt
{votes}
submission:                   # tờ trình của {appraiser_name}; để trống ngày khi là dự thảo
  date: {month}
  archive: VT                 # dòng "Lưu:": Văn thư, rồi phòng soạn thảo (ví dụ VT, TĐKT)

decision:                     # dự thảo quyết định của {authority}
  date: {month}
  executors: [{executors}]
  archive: VT                 # dòng "Lưu:" (ví dụ VT, NC)
  signer: {decision_signer}

# Trình cấp trên: mỗi hình thức một tờ trình ({national_list}); chọn trong các
# hồ sơ đạt. Người được trình cấp trên không còn trong quyết định khen thưởng.
national: []
# national:
#   - award: {example_award}
#     date: {month}
#     via: Tên cơ quan chuyển hồ sơ   # nếu trình qua một cơ quan (trình thẳng: bỏ dòng này)
#     nominees:
#       - {{ unit: ma-don-vi, nomination: ma-de-nghi }}
#     archive: VT
#     signer: {plan_signer}
"#,
    )
}
