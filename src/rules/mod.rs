//! Stage 3: the campaign's and the law's rules, each a small named check with
//! a stable code and severity. Checks read the model and report what they
//! find through [`Found`]; they never change anything.
//!
//! The table below is the only place a rule's code and severity are written:
//! a check reports problems, and [`Found`] gives each the code and severity
//! of the rule that is running.

/// `rule!("TD0201", Error, "summary", check)`: one entry of the rule table;
/// `rule!("TD0303", Warning, final Error, …)` for a rule that `--final` raises.
macro_rules! rule {
    ($code:literal, $severity:ident, $summary:literal, $check:path) => {
        rule!($code, $severity, final $severity, $summary, $check)
    };
    ($code:literal, $severity:ident, final $final:ident, $summary:literal, $check:path) => {
        Rule {
            code: $code,
            severity: Severity::$severity,
            severity_when_final: Severity::$final,
            summary: $summary,
            check: $check,
        }
    };
}

mod appraisal;
mod campaign;
mod ids;
mod recipients;
mod unit;

use std::collections::HashSet;
use std::ops::Range;

use serde_saphyr::Spanned;

use crate::diag::{Diagnostic, Severity, Text, closest};
use crate::model::{Appraisal, Campaign, Sourced, Unit, Workspace};
use crate::source::{FileId, Sources, span};

/// A named check. `code` is stable and documented in `docs/rules.md`.
pub struct Rule {
    pub code: &'static str,
    pub severity: Severity,
    /// The severity with `--final` (the documents are about to be issued):
    /// the same, or an error where a draft may still leave a gap.
    pub severity_when_final: Severity,
    /// One line in Vietnamese: what the rule asks.
    pub summary: &'static str,
    pub check: fn(&Ctx, &mut Found),
}

/// The campaign and each unit, file by file: run first.
#[rustfmt::skip]
static INPUTS: &[Rule] = &[
    rule!("TD0101", Error, "Mã (id) của phong trào, đơn vị, nội dung, tiêu chí, thành tích, sáng kiến, đề nghị chỉ gồm chữ thường không dấu, số và dấu gạch ngang", ids::ids_are_slugs),
    rule!("TD0102", Error, "Mã không trùng nhau trong một tệp (nội dung, hình thức, tiêu chí; thành tích, sáng kiến, đề nghị)", ids::ids_are_unique),
    rule!("TD0103", Error, "Dàn ý và lựa chọn cấp trên chỉ dẫn tới hình thức khen thưởng có thật", campaign::award_references_exist),
    rule!("TD0104", Error, "Thời gian thi đua: ngày kết thúc sau ngày bắt đầu (ngày ban hành)", campaign::period_is_ordered),
    rule!("TD0105", Error, "Thời gian đề nghị khen thưởng bắt đầu trước khi kết thúc, không trước khi phong trào bắt đầu (có thể kéo dài sau khi phong trào kết thúc)", campaign::window_opens_with_the_period),
    rule!("TD0106", Error, "Hình thức cấp Nhà nước được lựa chọn từ danh sách cấp tỉnh; cấp tỉnh có tiêu chí và thời gian đề nghị hoặc hạn nộp", campaign::awards_are_complete),
    rule!("TD0107", Error, "Đề mục có cấp 1 đến 4", campaign::heading_levels),
    rule!("TD0108", Error, "Ký hiệu cơ quan (tỉnh và đơn vị) viết hoa, không dấu cách (ví dụ UBND, SNV)", campaign::symbol_is_well_formed),
    rule!("TD0109", Error, "Thẩm quyền ký bắt đầu bằng TM., KT., Q., TL. hoặc TUQ. (trừ dòng chức vụ)", campaign::signing_authority_is_well_formed),
    rule!("TD0110", Warning, "Dòng Nơi nhận không tự ghi dấu `-` đầu dòng hay `;` `.` cuối dòng, không bắt đầu bằng chữ thường (một dòng bị dấu `,` tách đôi)", recipients::recipients_are_bare),
    rule!("TD0111", Error, "Với --final, mọi văn bản (kế hoạch, quyết định, tờ trình) có số và đủ ngày; biên bản có số, giờ bắt đầu và kết thúc", campaign::final_docs::final_documents_have_number_and_day),
    rule!("TD0112", Error, "Chỉ tiêu (`quotas`) cho hình thức cấp tỉnh có thật, loại đơn vị thuộc đối tượng, có số lượng; mỗi đơn vị, loại đơn vị một chỉ tiêu", campaign::quotas::quotas_are_well_formed),
    rule!("TD0113", Error, "Bộ tiêu chí theo đối tượng: một cách ghi mỗi hình thức, mã không trùng, loại có thật, mỗi loại một bộ, bộ có tiêu chí", campaign::criteria::criteria_sets_are_well_formed),
    rule!("TD0114", Error, "Tiêu chí định lượng (`metric`) có ngưỡng đạt được (`at_least`, `at_most`)", campaign::criteria::metrics_are_well_formed),
    rule!("TD0115", Error, "Tỷ lệ biểu quyết của Hội đồng không thấp hơn luật định (quá 1/2 tổng số thành viên) và đạt được", campaign::council::council_rules_are_sound),
    rule!("TD0116", Warning, "Đơn vị được nêu tên trong chỉ tiêu có tệp trong inputs/units", campaign::quotas::quota_units_exist),
    rule!("TD0117", Error, "Tổng kết sau khi hết thời gian thi đua; hạn nộp hồ sơ không trước thời gian thi đua và thời gian đề nghị", campaign::dates::dates_follow_period),
    rule!("TD0118", Error, "Công thức của thang điểm đọc được và chỉ dùng số liệu của nhóm (và `score` trong công thức điểm); điều kiện là phép so sánh", campaign::formulas::formulas_are_sound),
    rule!("TD0119", Error, "Thang điểm: nhóm, số liệu không trùng; loại đơn vị thuộc đối tượng, mỗi loại một nhóm; mỗi tiêu chí một cách tính, tiêu chí con cộng đủ điểm chuẩn, mức tăng dần", campaign::scoring::table_adds_up),
    rule!("TD0120", Error, "Các đợt thi đua theo thứ tự, trong thời gian thi đua; hạn chấm điểm, xếp hạng sau đợt cuối", campaign::scoring::rounds_inside_period),
    rule!("TD0121", Error, "Hình thức do thủ trưởng đơn vị tặng (`level: unit`) ghi `given_by` bằng loại đơn vị có thật; hình thức cấp khác không ghi `given_by`", campaign::givers_are_unit_kinds),
    rule!("TD0122", Warning, final Error, "Câu thời gian đề nghị của dàn ý (`window`) chỉ dùng `{window}`, `{deadline}` khi hình thức có thời gian đề nghị, hạn nộp (không in chỗ trống; lỗi khi --final)", campaign::window_sentence_has_its_dates),
    rule!("TD0123", Error, "Loại cá nhân không tính vào tỷ lệ (`targets.outside`) là loại cá nhân của phong trào", campaign::outside_kinds_exist),
    rule!("TD0201", Error, "Mỗi đơn vị một mã riêng: hai tệp đơn vị không trùng mã (dạng mã: TD0101, trùng trong tệp: TD0102)", ids::unit_ids_are_unique),
    rule!("TD0202", Error, "Loại đơn vị thuộc đối tượng thi đua của phong trào (mục IV.1)", unit::subjects::unit_kind_is_eligible),
    rule!("TD0203", Error, "Nhiệm vụ và thành tích dẫn chiếu nội dung thi đua có thật (mục II)", unit::evidence::content_items_exist),
    rule!("TD0204", Error, "Thành tích và thời hạn nhiệm vụ nằm trong thời gian thi đua (quy tắc 1)", unit::dates::dates_inside_period),
    rule!("TD0205", Error, "Hình thức đề nghị có thật trong phong trào", unit::awards::nominated_award_exists),
    rule!("TD0206", Error, "Không đề nghị Giấy khen trong hồ sơ trình cấp tỉnh (quy tắc 5)", unit::awards::no_giay_khen_upward),
    rule!("TD0207", Error, "Đơn vị không tự đề nghị hình thức cấp Nhà nước: cơ quan thẩm định lựa chọn từ danh sách cấp tỉnh (quy tắc 6)", unit::awards::no_national_from_units),
    rule!("TD0208", Error, "Mỗi đề nghị có đúng một đối tượng: `collective` hoặc `person`", unit::subjects::one_nominee),
    rule!("TD0209", Error, "Tập thể và cá nhân được đề nghị thuộc đối tượng của phong trào (quy tắc 3)", unit::subjects::nominee_is_eligible),
    rule!("TD0210", Error, "Đề nghị nêu ít nhất một tiêu chí, có thật, thuộc bộ tiêu chí của đúng hình thức và loại đối tượng (quy tắc 4)", unit::criteria::criteria_exist),
    rule!("TD0211", Error, "Tiêu chí về thành tích kèm thành tích cụ thể gắn nội dung mục II (quy tắc 4a)", unit::evidence::achievements_back_criteria),
    rule!("TD0212", Error, "Tiêu chí về sáng kiến kèm sáng kiến, giải pháp đã được công nhận bằng quyết định (quy tắc 4b)", unit::evidence::initiatives_back_criteria),
    rule!("TD0213", Error, "Thành tích, sáng kiến được dẫn chiếu có thật trong tệp đơn vị", unit::evidence::citations_exist),
    rule!("TD0214", Error, "Có tờ trình cho các đề nghị, ngày trình trong thời gian đề nghị khen thưởng (quy tắc 2)", unit::dates::submission_inside_window),
    rule!("TD0215", Error, "Số CCCD gồm đúng 12 chữ số (quy tắc 11)", unit::persons::cccd_is_well_formed),
    rule!("TD0216", Error, "Số CCCD khớp giới tính và năm sinh (chữ số thứ 4–6); ngày sinh thuộc năm sinh", unit::persons::cccd_matches_person),
    rule!("TD0217", Error, "Một người (theo CCCD) không được đề nghị hai lần, ở một hay hai đơn vị (quy tắc 11)", unit::persons::person_once),
    rule!("TD0218", Error, "Không đề nghị người đang bị kỷ luật hoặc đang bị xem xét, điều tra (quy tắc 11)", unit::persons::nominee_not_disciplined),
    rule!("TD0219", Error, "Biên bản họp Hội đồng: số có mặt không quá số thành viên, người vắng mặt ghi đủ, kết thúc sau khi bắt đầu; phiếu đồng ý không quá số có mặt, mỗi đề nghị một kết quả", unit::council::council_votes_add_up),
    rule!("TD0220", Error, "Một thành tích chỉ làm căn cứ cho một hình thức khen thưởng (quy tắc 8)", unit::evidence::achievement_rewarded_once),
    rule!("TD0221", Error, "Số đề nghị của đơn vị (tập thể, cá nhân, tổng số) không vượt chỉ tiêu áp dụng cho đơn vị (quy tắc 7)", unit::quotas::quota_per_unit),
    rule!("TD0222", Warning, "Tỷ lệ cá nhân không giữ chức vụ lãnh đạo, trực tiếp lao động đạt mục tiêu của phong trào (quy tắc 12)", unit::awards::shares_meet_targets),
    rule!("TD0223", Error, "Thành tích trước ngày sáp nhập ghi rõ đơn vị tiền thân (`by`)", unit::succession::merged_history_is_attributed),
    rule!("TD0224", Error, "Đơn vị đã giải thể, sáp nhập không lập văn bản sau ngày chuyển giao", unit::succession::nothing_after_succession),
    rule!("TD0225", Error, "Cuộc họp Hội đồng diễn ra trước tờ trình, trong thời gian thi đua", unit::dates::council_before_submission),
    rule!("TD0226", Error, "Mỗi tờ trình một hình thức khen thưởng: không gộp các hình thức (quy tắc 9)", unit::awards::one_award_per_submission),
    rule!("TD0227", Error, "Bộ tiêu chí yêu cầu đạt tất cả (`require: all`): đề nghị nêu đủ mọi tiêu chí của bộ", unit::criteria::all_criteria_claimed),
    rule!("TD0228", Error, "Tiêu chí định lượng: thành tích được dẫn có số liệu (`metric`) đạt ngưỡng", unit::metrics::metrics_are_met),
    rule!("TD0229", Warning, "Số liệu ghi `metric` là chỉ số của một tiêu chí của phong trào", unit::metrics::figure_metrics_exist),
    rule!("TD0230", Error, "Biên bản Hội đồng đơn vị: đủ số thành viên dự họp, mỗi đề nghị đạt tỷ lệ đồng ý trên tổng số thành viên", unit::votes::council_carries_nominations),
    rule!("TD0231", Error, "Tờ trình không sau hạn nộp hồ sơ của hình thức (`deadline`)", unit::dates::submission_by_deadline),
    rule!("TD0232", Error, "Kế hoạch của đơn vị ban hành trước khi hết thời gian thi đua", unit::dates::plan_inside_period),
    rule!("TD0233", Error, "Số liệu tự chấm điểm: đơn vị thuộc một nhóm thi đua, ghi đủ mỗi số liệu của nhóm một lần, không âm, trong thời gian thi đua", unit::scoring::figures_are_complete),
    rule!("TD0234", Error, "Số liệu tự chấm điểm khớp nhau (điều kiện của thang điểm), tính được (không chia cho 0) và cho điểm trong khoảng điểm chuẩn", unit::scoring::figures_agree),
    rule!("TD0235", Warning, final Error, "Đơn vị thuộc nhóm thi đua có số liệu tự chấm điểm (`scores`; lỗi khi --final)", unit::scoring::competitors_report),
    rule!("TD0236", Error, "Thành tích, sáng kiến được dẫn có trước cuộc họp Hội đồng xét đề nghị, trước quyết định khen thưởng của đơn vị", unit::dates::evidence_precedes_its_review),
    rule!("TD0237", Error, "Đơn vị ban hành quyết định khen thưởng (`giay_khen`) chỉ khi phong trào có hình thức do thủ trưởng đơn vị loại đó tặng (`level: unit`, `given_by`)", unit::awards::unit_gives_its_award),
    rule!("TD0238", Error, "Với --final, báo cáo thành tích có đủ các dòng của mẫu (quê quán, trú quán, trình độ, học hàm của cá nhân; đặc điểm, tình hình của tập thể; nhiệm vụ)", unit::reports::reports_have_every_line),
    rule!("TD0239", Warning, "Người được đề nghị không ký văn bản của đơn vị (tờ trình đề nghị, xác nhận báo cáo thành tích của chính mình)", unit::persons::nominee_does_not_sign_for_herself),
];

/// Across units, on the appraising body's appraisal (`roles.appraiser`): run once the unit files that
/// check clean are known (see [`Ctx::unsettled`]).
#[rustfmt::skip]
static APPRAISAL: &[Rule] = &[
    rule!("TD0301", Error, "Đơn vị thẩm định (`appraiser`) là một đơn vị có tệp trong inputs/units", appraisal::verdicts::appraiser_exists),
    rule!("TD0302", Error, "Kết quả thẩm định, phiếu bầu và danh sách cấp Nhà nước dẫn chiếu đề nghị có thật", appraisal::verdicts::references_exist),
    rule!("TD0303", Warning, final Error, "Mỗi đề nghị cấp tỉnh có kết quả thẩm định (lỗi khi --final)", appraisal::verdicts::every_nomination_judged),
    rule!("TD0304", Error, "Mỗi đề nghị một kết quả thẩm định; `không đạt` nêu lý do", appraisal::verdicts::verdicts_well_formed),
    rule!("TD0306", Error, "Người được trình cấp Nhà nước thuộc danh sách cấp tỉnh, đạt thẩm định và được Hội đồng cấp tỉnh bỏ phiếu (quy tắc 6)", appraisal::national::national_from_pool),
    rule!("TD0307", Error, "Tờ trình cấp Nhà nước đề nghị một hình thức cấp Nhà nước của phong trào", appraisal::national::national_award_is_national),
    rule!("TD0308", Error, "Mỗi hình thức cấp Nhà nước một tờ trình (quy tắc 9)", appraisal::national::one_submission_per_award),
    rule!("TD0309", Error, "Một người, một thành tích chỉ được trình một hình thức cấp Nhà nước (quy tắc 8, 11)", appraisal::national::one_national_award_per_person),
    rule!("TD0310", Error, "Biên bản Hội đồng cấp tỉnh: số có mặt, người vắng mặt, giờ họp, số phiếu hợp lệ; mỗi hồ sơ đạt một kết quả", appraisal::council::province_council_adds_up),
    rule!("TD0311", Error, "Tổng số được khen không vượt chỉ tiêu của cả phong trào (`quota_total`, quy tắc 7)", appraisal::province::total_quota),
    rule!("TD0312", Warning, "Tỷ lệ cá nhân không giữ chức vụ lãnh đạo, trực tiếp lao động trong cả phong trào đạt mục tiêu (quy tắc 12)", appraisal::province::province_shares),
    rule!("TD0313", Error, "Thứ tự ngày: tờ trình đơn vị → họp Hội đồng cấp tỉnh → tờ trình của cơ quan thẩm định → quyết định, tờ trình cấp trên", appraisal::province::dates_in_order),
    rule!("TD0314", Error, "Biên bản Hội đồng cấp tỉnh: đủ số thành viên dự họp, mỗi hồ sơ đạt tỷ lệ đồng ý trên tổng số thành viên", appraisal::council::province_council_carries),
    rule!("TD0315", Error, "Báo cáo xếp hạng: của một đơn vị có tệp, cho phong trào có thang điểm; kết quả bỏ phiếu ứng với một trường hợp còn bằng nhau sau các tiêu chí phụ, trong nhóm xếp hạng bằng bỏ phiếu", appraisal::ranking::votes_decide_real_ties),
    rule!("TD0316", Warning, final Error, "Mọi trường hợp bằng nhau sau các tiêu chí phụ có kết quả bỏ phiếu (lỗi khi --final)", appraisal::ranking::ties_are_voted),
    rule!("TD0317", Error, "Đơn vị thi đua được đề nghị hình thức theo kết quả xếp hạng (`awards` của nhóm) nằm trong số đơn vị dẫn đầu", appraisal::ranking::nominations_follow_ranking),
    rule!("TD0318", Warning, "Tờ trình của cơ quan thẩm định trong thời hạn thẩm định (`appraisal_days` ngày làm việc, mặc định 20) kể từ khi nhận đủ hồ sơ cuối cùng", appraisal::received::appraisal_in_time),
    rule!("TD0319", Error, "Người được trình cấp trên có số liệu đạt tiêu chí định lượng của hình thức được trình (`metric`)", appraisal::national_metrics::national_metrics_are_met),
    rule!("TD0320", Warning, "Văn bản thẩm định (tờ trình, danh sách, quyết định) lập cho một hình thức cấp tỉnh: đề nghị hình thức cấp tỉnh thứ hai không có trong đó", appraisal::one_award::one_provincial_award_appraised),
];

/// Every rule, in code order.
pub fn all() -> impl Iterator<Item = &'static Rule> {
    INPUTS.iter().chain(APPRAISAL)
}

/// Runs every rule over the workspace; `incomplete` when an input failed to load.
pub fn check(
    workspace: &Workspace,
    sources: &Sources,
    final_: bool,
    incomplete: bool,
) -> Vec<Diagnostic> {
    let bad_unit_id = workspace.units.iter().any(|u| !is_slug(&u.value.id.value));
    let mut ctx = Ctx {
        workspace,
        sources,
        final_,
        incomplete: incomplete || bad_unit_id,
        unsettled: Default::default(),
    };
    // The campaign and each unit first; then, across units, what is clean.
    let mut out = run(&ctx, INPUTS);
    let units: HashSet<FileId> = workspace.units.iter().map(|u| u.file).collect();
    ctx.unsettled = out
        .iter()
        .filter(|d| d.is_error())
        .filter_map(|d| d.file)
        .filter(|f| units.contains(f))
        .collect();
    out.extend(run(&ctx, APPRAISAL));
    out
}

/// Runs `rules` in order, each reporting through its own [`Found`].
fn run(ctx: &Ctx, rules: &'static [Rule]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for rule in rules {
        let mut found = Found::new(rule, ctx);
        (rule.check)(ctx, &mut found);
        out.append(&mut found.diagnostics);
    }
    out
}

/// What a check sees.
pub struct Ctx<'a> {
    pub workspace: &'a Workspace,
    pub sources: &'a Sources,
    /// `--final`: the documents are about to be issued, so drafts' blanks are errors.
    pub final_: bool,
    /// Some input did not load, or a unit's id is unusable: a missing unit
    /// may be that one, so checks across files do not report it again.
    pub incomplete: bool,
    /// Unit files with errors of their own. Checks across units (the
    /// appraisal) judge only dossiers that check clean: a problem is reported
    /// once, where it is caused, not again as each consequence.
    pub unsettled: HashSet<FileId>,
}

impl<'a> Ctx<'a> {
    /// Whether a unit's file checks clean so far (see [`Ctx::unsettled`]).
    pub fn settled(&self, file: FileId) -> bool {
        !self.unsettled.contains(&file)
    }

    /// The campaign, where its file loaded.
    pub fn campaign(&self) -> Option<&'a Campaign> {
        self.campaign_file().map(|c| &c.value)
    }

    /// The campaign with its file, for checks that report in it.
    pub fn campaign_file(&self) -> Option<&'a Sourced<Campaign>> {
        self.workspace.campaign.as_ref()
    }

    /// Every unit that loaded, in file-name order.
    pub fn units(&self) -> impl Iterator<Item = &'a Sourced<Unit>> + use<'a> {
        self.workspace.units.iter()
    }

    /// The appraisal, once there is one.
    pub fn appraisal(&self) -> Option<&'a Sourced<Appraisal>> {
        self.workspace.appraisal.as_ref()
    }

    /// The appraising body as the campaign names it (`roles.appraiser`), for
    /// messages: in Vietnamese and in English (where it follows `the`).
    pub fn appraiser(&self) -> (&'a str, &'a str) {
        match self.campaign() {
            Some(c) => (c.roles.appraiser.as_str(), c.roles.appraiser.as_str()),
            None => ("cơ quan thẩm định", "appraising body"),
        }
    }

    /// The council that votes on the appraised nominations, as the campaign names it.
    pub fn council(&self) -> &'a str {
        self.campaign()
            .map_or("Hội đồng Thi đua - Khen thưởng", |c| {
                c.roles.council.as_str()
            })
    }

    /// The line (1-based) of a spanned value, for messages that cite another place.
    pub fn line_of<T>(&self, file: FileId, value: &Spanned<T>) -> usize {
        self.sources
            .line_col(file, span(self.sources.text(file), value).start)
            .0
    }
}

/// What the running rule found: every problem reported here carries the code
/// and severity of that rule's entry in the table.
pub struct Found<'a> {
    code: &'static str,
    severity: Severity,
    sources: &'a Sources,
    diagnostics: Vec<Diagnostic>,
}

impl<'a> Found<'a> {
    /// What `rule` finds: its code, and its severity under `ctx`'s options.
    fn new(rule: &Rule, ctx: &Ctx<'a>) -> Self {
        Found {
            code: rule.code,
            severity: if ctx.final_ {
                rule.severity_when_final
            } else {
                rule.severity
            },
            sources: ctx.sources,
            diagnostics: Vec::new(),
        }
    }

    /// A problem at `value` in `file`.
    pub fn at<T>(&mut self, file: FileId, value: &Spanned<T>, message: Text) -> Finding<'_> {
        let span = span(self.sources.text(file), value);
        self.push(file, Some(span), message)
    }

    /// A problem at `inner`, a byte range of the text of the string `value`
    /// (a formula's faulty part); at the whole value when the scalar is not
    /// written as one line of that text.
    pub fn within(
        &mut self,
        file: FileId,
        value: &Spanned<String>,
        inner: Range<usize>,
        message: Text,
    ) -> Finding<'_> {
        let text = self.sources.text(file);
        let outer = span(text, value);
        let quote = usize::from(text[outer.start..].starts_with(['"', '\'']));
        let start = outer.start + quote;
        let range =
            if text[start..].starts_with(value.value.as_str()) && inner.end <= value.value.len() {
                start + inner.start..start + inner.end.max(inner.start + 1).min(value.value.len())
            } else {
                outer
            };
        self.push(file, Some(range), message)
    }

    /// A problem with a whole file.
    pub fn in_file(&mut self, file: FileId, message: Text) -> Finding<'_> {
        self.push(file, None, message)
    }

    fn push(&mut self, file: FileId, span: Option<Range<usize>>, message: Text) -> Finding<'_> {
        self.diagnostics.push(Diagnostic {
            code: self.code,
            severity: self.severity,
            file: Some(file),
            span,
            cell: None,
            message,
            help: None,
        });
        Finding(self.diagnostics.last_mut().expect("just pushed"))
    }
}

/// A problem just reported, to add its help to.
pub struct Finding<'f>(&'f mut Diagnostic);

impl Finding<'_> {
    /// How to fix it.
    pub fn help(self, help: Text) -> Self {
        self.0.help = Some(help);
        self
    }

    /// A "did you mean" help when a candidate is close to `word`, else the
    /// list of candidates (no help when there are none).
    pub fn suggest<'c>(self, word: &str, candidates: impl IntoIterator<Item = &'c str>) -> Self {
        match suggestion(word, candidates) {
            Some(help) => self.help(help),
            None => self,
        }
    }
}

fn suggestion<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<Text> {
    let candidates: Vec<&str> = candidates.into_iter().collect();
    let listed = candidates
        .iter()
        .map(|c| format!("`{c}`"))
        .collect::<Vec<_>>()
        .join(", ");
    match closest(word, candidates.iter().copied()) {
        Some(guess) => Some(msg(
            format!("có phải ý bạn là `{guess}`? Các giá trị có: {listed}"),
            format!("did you mean `{guess}`? Known values: {listed}"),
        )),
        None if !candidates.is_empty() => Some(msg(
            format!("các giá trị có: {listed}"),
            format!("known values: {listed}"),
        )),
        None => None,
    }
}

/// A message in Vietnamese and English.
pub fn msg(vi: impl Into<String>, en: impl Into<String>) -> Text {
    Text::new(vi, en)
}

/// The help of the favoured-share warnings, over a unit (TD0222) and over
/// the province (TD0312).
pub fn favoured_by_law() -> Text {
    msg(
        "Luật Thi đua, khen thưởng ưu tiên người trực tiếp lao động, không giữ chức vụ lãnh đạo",
        "the law favours direct workers and non-leaders",
    )
}

/// Ids end up in file names and cross-references: keep them plain.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
}

/// A plain-ASCII id from Vietnamese text, for hints.
pub fn slugify(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::new();
    for ch in s.nfd() {
        let ch = match ch {
            'đ' | 'Đ' => 'd',
            c if c.is_ascii_alphanumeric() => c.to_ascii_lowercase(),
            c if c.is_ascii() || c.is_whitespace() => '-',
            _ => continue,
        };
        if ch != '-' || !out.ends_with('-') {
            out.push(ch);
        }
    }
    let out = out.trim_matches('-').to_string();
    if out.is_empty() {
        "ma-1".to_string()
    } else {
        out
    }
}

/// Codes raised by the pipeline's stages rather than by a rule: loading
/// (syntax, keys, types), templates and typesetting.
pub const STAGE_CODES: &[(&str, &str)] = &[
    ("TD0001", "Tệp YAML đúng cú pháp và là văn bản UTF-8"),
    ("TD0002", "Không có khóa lạ (gợi ý khóa gần đúng)"),
    ("TD0003", "Giá trị đúng kiểu; ngày có thật trong lịch"),
    ("TD0004", "Đủ các khóa bắt buộc"),
    ("TD0005", "Giá trị thuộc các lựa chọn cho phép"),
    ("TD0006", "Mỗi tệp có `kind:` hợp lệ"),
    ("TD0007", "Không gian làm việc có một tệp `kind: campaign`"),
    ("TD0008", "Tệp đọc được và không quá lớn"),
    ("TD0009", "Chỉ một tệp `kind: campaign`"),
    (
        "TD0010",
        "Mẫu trong templates/ đọc được và không phải liên kết tượng trưng",
    ),
    ("TD0011", "Mẫu minijinja hợp lệ và chạy được"),
    ("TD0012", "Nguồn Typst sinh ra dàn trang được"),
    (
        "TD0013",
        "Lỗi nội bộ khi dàn trang một văn bản: báo lỗi, các văn bản khác vẫn được ghi",
    ),
    ("TD0014", "Chỉ một tệp `kind: appraisal`"),
    ("TD0015", "Mỗi mục văn bản không quá 20.000 ký tự"),
    ("TD0016", "Một lần dựng không quá 100.000 văn bản"),
    ("TD0017", "Mọi ký tự có trong phông chữ của văn bản"),
    (
        "TD0018",
        "Tệp Word của một văn bản tạo được (nếu không: cảnh báo, PDF vẫn được ghi)",
    ),
    (
        "TD0019",
        "Giá trị không bị cắt bởi chú thích viết liền `#…` (cảnh báo)",
    ),
    // `thidua import`: a spreadsheet's list, located at its cells.
    ("TD0401", "Bảng tính có dòng tiêu đề của danh sách"),
    ("TD0402", "Dòng có số liệu thì có tên"),
    ("TD0403", "Năm sinh, giới tính, CCCD đọc được"),
    ("TD0404", "CCCD lưu dạng số mất số 0 ở đầu: đã thêm lại"),
    ("TD0405", "Trang tính, cột không được đọc"),
    ("TD0406", "Một người, một tập thể chỉ một dòng"),
    (
        "TD0407",
        "Thay đổi không tự sửa được thì được báo để sửa tay",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert!(is_slug("lang-son"));
        assert!(is_slug("nd1"));
        assert!(!is_slug("Lạng Sơn"));
        assert!(!is_slug("a/../b"));
        assert!(!is_slug(""));
        assert_eq!(slugify("Tuyên truyền Đợt 1"), "tuyen-truyen-dot-1");
    }

    #[test]
    fn the_table_is_in_code_order_and_codes_are_unique() {
        let codes: Vec<&str> = all().map(|r| r.code).collect();
        let mut sorted = codes.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(codes, sorted);
    }
}
