//! The documents of the appraisal: the appraising body's Tờ trình and
//! consolidated list, the provincial council's minutes, the draft decision,
//! the statistics report and their packet; then the province's submissions
//! upward (`national`).

mod ballot;
mod national;
mod pool;
mod statistics;

use chrono::NaiveDate;
use minijinja::Value;
use minijinja::value::Serde;
use serde::Serialize;

use super::{DocKind, Document, Job, Packet, Part, Shared, lists, report_stem};
use crate::model::appraisal::Appraisal;
use crate::model::campaign::{Award, AwardLevel, Campaign};
use crate::model::common::{SubjectType, number_text};
use crate::model::unit::Unit;
use crate::model::{Sourced, Workspace};
use crate::notation::{reference, two_digits};
use crate::source::FileId;
use pool::{Nominee, Pool, count_of, counted_of, plain};

/// A dossier the appraising body received: one unit's Tờ trình.
#[derive(Debug, Serialize)]
struct Received {
    unit: String,
    /// `số 12/TTr-SNV ngày 20/10/2025`.
    reference: String,
    counted: String,
}

/// What every appraisal document shares.
pub(super) struct AppraisalCtx<'a> {
    workspace: &'a Workspace,
    campaign: &'a Sourced<Campaign>,
    appraisal: &'a Sourced<Appraisal>,
    shared: &'a Shared,
    /// `<campaign>/tham-dinh`.
    base: String,
    /// The campaign, the appraisal and every unit.
    inputs: Vec<FileId>,
    /// The context every appraisal document renders with.
    context: Value,
}

impl AppraisalCtx<'_> {
    #[allow(clippy::too_many_arguments)]
    fn document(
        &self,
        kind: DocKind,
        stem: String,
        template: &'static str,
        date: NaiveDate,
        title: String,
        unit: Option<&str>,
        extra: Value,
    ) -> Document {
        Document {
            kind,
            unit: unit.map(str::to_string),
            context: minijinja::context! { title => &title, ..minijinja::context! { ..extra, ..self.context.clone() } },
            stem,
            title,
            template,
            date,
            inputs: self.inputs.clone(),
            list: None,
        }
    }
}

pub(super) fn jobs(
    jobs: &mut Vec<Job>,
    workspace: &Workspace,
    c: &Sourced<Campaign>,
    a: &Sourced<Appraisal>,
    shared: &Shared,
) {
    let (campaign, ap) = (&c.value, &a.value);
    let Some(appraiser) = workspace.unit(&ap.appraiser.value) else {
        return;
    };
    let Some(award) = campaign
        .awards
        .iter()
        .find(|a| a.level == AwardLevel::Province)
    else {
        return;
    };
    let pool = Pool::of(workspace, ap, award);
    let mut inputs = vec![c.file, a.file];
    inputs.extend(workspace.units.iter().map(|u| u.file));
    let mut ctx = AppraisalCtx {
        workspace,
        campaign: c,
        appraisal: a,
        shared,
        base: format!("{}/tham-dinh", campaign.id.value),
        inputs,
        context: Value::UNDEFINED,
    };
    let national = national::views(&ctx);
    let views: Vec<&national::NationalView> = national.iter().map(|(v, _)| v).collect();
    ctx.context = context(&ctx, &appraiser.value, award, &pool, &views);
    province_documents(jobs, &ctx, &appraiser.value, award, &pool);
    for (view, s) in &national {
        national::jobs(jobs, &ctx, view, s);
    }
}

/// The context every appraisal document renders with.
fn context(
    ctx: &AppraisalCtx,
    appraiser: &Unit,
    award: &Award,
    pool: &Pool,
    national: &[&national::NationalView],
) -> Value {
    let (campaign, ap) = (&ctx.campaign.value, &ctx.appraisal.value);
    let received = received(ctx.workspace, pool);
    minijinja::context! {
        campaign => ctx.shared.campaign.clone(),
        awards => ctx.shared.awards.clone(),
        roles => ctx.shared.roles.clone(),
        appraisal => Value::from(Serde(ap)),
        ranking => ctx.workspace.ranking.as_ref().map(|r| Value::from(Serde(&r.value))),
        appraiser => Value::from(Serde(appraiser)),
        award => Value::from(Serde(award)),
        vote_rule => Value::from(Serde(&super::VoteRule::of(campaign, award, ap.council.members.value))),
        standards => Value::from(Serde(&super::standards::standards(
            campaign,
            award,
            &pool.all.iter().map(|(_, n)| *n).collect::<Vec<_>>(),
        ))),
        received => Value::from(Serde(&received)),
        received_count => counted_of(&pool.all),
        received_units => two_digits(received.len() as u64),
        passed_count => counted_of(&pool.passed),
        passed_total => two_digits(pool.passed.len() as u64),
        failed => Value::from(Serde(&pool.failed)),
        failed_total => two_digits(pool.failed.len() as u64),
        provincial_count => counted_of(&pool.provincial),
        provincial_collectives => count_of(&pool.provincial, SubjectType::Collective),
        provincial_individuals => count_of(&pool.provincial, SubjectType::Individual),
        national => Value::from(Serde(national)),
        votes => Value::from(Serde(&ballot::rows(campaign, ap, award, &pool.passed))),
        per_unit => Value::from(Serde(&statistics::per_unit(ctx.workspace, ap, pool))),
        per_award => Value::from(Serde(&statistics::per_award(award, pool, national))),
        shares => Value::from(Serde(&statistics::favoured(campaign, pool))),
        submission_ref => submission_ref(ap, appraiser),
        decision_ref => decision_ref(campaign, ap),
    }
}

fn submission_ref(ap: &Appraisal, appraiser: &Unit) -> String {
    reference(
        number_text(&ap.submission.number),
        Some("TTr"),
        &appraiser.symbol.value,
        &ap.submission.date.value,
    )
}

fn decision_ref(campaign: &Campaign, ap: &Appraisal) -> String {
    reference(
        number_text(&ap.decision.number),
        Some("QĐ"),
        &campaign.issuer.symbol.value,
        &ap.decision.date.value,
    )
}

/// Each unit's submission that holds provincial nominations.
fn received(workspace: &Workspace, pool: &Pool) -> Vec<Received> {
    workspace
        .units
        .iter()
        .filter_map(|u| {
            let s = u.value.submission.as_ref()?;
            let mine: Vec<Nominee> = pool
                .all
                .iter()
                .copied()
                .filter(|(x, _)| x.file == u.file)
                .collect();
            if mine.is_empty() {
                return None;
            }
            Some(Received {
                unit: u.value.name.clone(),
                reference: reference(
                    number_text(&s.number),
                    Some("TTr"),
                    &u.value.symbol.value,
                    &s.date.value,
                ),
                counted: counted_of(&mine),
            })
        })
        .collect()
}

/// The province's documents: Tờ trình, list, minutes, draft decision,
/// statistics, and the packet sent to the Chủ tịch.
fn province_documents(
    jobs: &mut Vec<Job>,
    ctx: &AppraisalCtx,
    appraiser: &Unit,
    award: &Award,
    pool: &Pool,
) {
    let (campaign, ap) = (&ctx.campaign.value, &ctx.appraisal.value);
    let base = &ctx.base;
    let submitted = ap.submission.date.value.earliest();
    let own = Some(appraiser.id.value.as_str());
    let none = minijinja::context! {};
    let (list, decision_list) = lists_of(campaign, ap, appraiser, award, pool);
    jobs.push(Job::Document(ctx.document(
        DocKind::ToTrinh,
        format!("{base}/to-trinh"),
        "to-trinh-tham-dinh.typ",
        submitted,
        format!(
            "Tờ trình đề nghị tặng {} của {}",
            award.name, appraiser.name
        ),
        own,
        none.clone(),
    )));
    let mut list_doc = ctx.document(
        DocKind::DanhSach,
        format!("{base}/danh-sach"),
        "danh-sach.typ",
        submitted,
        format!(
            "Danh sách đề nghị tặng {} kèm theo Tờ trình của {}",
            award.name, appraiser.name
        ),
        own,
        minijinja::context! {
            list => Value::from(Serde(&list)),
            list_date => ap.submission.date.value.to_string(),
        },
    );
    list_doc.list = Some(list);
    jobs.push(Job::Document(list_doc));
    jobs.push(Job::Document(ctx.document(
        DocKind::BienBan,
        format!("{base}/bien-ban"),
        "bien-ban-tinh.typ",
        ap.council.date.value.0,
        format!("Biên bản họp {}", campaign.roles.council),
        None,
        none.clone(),
    )));
    jobs.push(Job::Document(ctx.document(
        DocKind::QuyetDinh,
        format!("{base}/quyet-dinh"),
        "quyet-dinh-tinh.typ",
        ap.decision.date.value.earliest(),
        format!(
            "Dự thảo Quyết định tặng {} của {}",
            award.name, campaign.roles.authority
        ),
        None,
        minijinja::context! { list => Value::from(Serde(&decision_list)) },
    )));
    jobs.push(Job::Document(ctx.document(
        DocKind::TongHop,
        format!("{base}/tong-hop"),
        "tong-hop.typ",
        submitted,
        format!("Báo cáo tổng hợp kết quả thẩm định {}", campaign.name),
        own,
        none,
    )));
    jobs.push(Job::Packet(packet(ctx, appraiser, award, pool)));
}

/// The consolidated list attached to the Tờ trình, and the same list attached
/// to the draft decision.
fn lists_of(
    campaign: &Campaign,
    ap: &Appraisal,
    appraiser: &Unit,
    award: &Award,
    pool: &Pool,
) -> (lists::List, lists::List) {
    let list = lists::by_unit(
        format!("DANH SÁCH ĐỀ NGHỊ TẶNG {}", award.name.to_uppercase()),
        format!(
            "(Kèm theo Tờ trình {} của {})",
            submission_ref(ap, appraiser),
            appraiser.name
        ),
        &plain(&pool.provincial),
    );
    let decision = lists::List {
        title: format!(
            "DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC TẶNG {}",
            award.name.to_uppercase()
        ),
        attached_to: format!(
            "(Kèm theo Quyết định {} của {})",
            decision_ref(campaign, ap),
            campaign.roles.authority
        ),
        ..list.clone()
    };
    (list, decision)
}

/// The packet sent to the Chủ tịch: the province's documents, then the report
/// of every nominee the draft decision awards.
fn packet(ctx: &AppraisalCtx, appraiser: &Unit, award: &Award, pool: &Pool) -> Packet {
    let (campaign, ap) = (&ctx.campaign.value, &ctx.appraisal.value);
    let base = &ctx.base;
    let mut parts = vec![
        Part::new(
            format!("{base}/to-trinh"),
            format!("Tờ trình của {}", appraiser.name),
            DocKind::ToTrinh,
        ),
        Part::new(
            format!("{base}/danh-sach"),
            "Danh sách đề nghị khen thưởng",
            DocKind::DanhSach,
        ),
        Part::new(
            format!("{base}/bien-ban"),
            format!("Biên bản họp {}", campaign.roles.council),
            DocKind::BienBan,
        ),
        Part::new(
            format!("{base}/quyet-dinh"),
            "Dự thảo Quyết định",
            DocKind::QuyetDinh,
        ),
    ];
    for (u, n) in &pool.provincial {
        let dossier = format!(
            "{}/{}/{}",
            campaign.id.value, u.value.id.value, n.award.value
        );
        parts.push(Part::new(
            report_stem(&dossier, n),
            format!("Báo cáo thành tích: {}", n.nominee_name()),
            DocKind::BaoCaoThanhTich,
        ));
    }
    Packet {
        unit: Some(appraiser.id.value.clone()),
        stem: format!("{base}/packet"),
        title: format!(
            "Hồ sơ trình {} tặng {}",
            campaign.roles.authority, award.name
        ),
        date: ap.submission.date.value.earliest(),
        inputs: ctx.inputs.clone(),
        parts,
        archive: false,
    }
}
