//! Writes a synthetic, valid workspace for benchmarking `thidua`:
//!
//! ```text
//! cargo run --release --example synth -- --units 40 --per-unit 50 --out /tmp/bench
//! ./target/release/thidua check /tmp/bench
//! ./target/release/thidua build /tmp/bench
//! ```
//!
//! The workspace holds the reference campaign (`inputs/campaign.yaml`, copied
//! verbatim), one file per unit under `inputs/units/` and the Sở Nội vụ's
//! `inputs/appraisal.yaml`. Every rule of `docs/rules.md` holds: `thidua check`
//! reports neither errors nor warnings. The output depends only on the
//! arguments: the same arguments give byte-identical files.
//!
//! Long because it writes every kind of input a campaign has, each valid
//! against the others (units, nominations, achievements, the appraisal and
//! its votes), from one seeded stream: split, its parts would share that state.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{Datelike, Days, NaiveDate};
use unicode_normalization::UnicodeNormalization;

/// The campaign the units take part in: the reference one, verbatim.
const CAMPAIGN: &str = include_str!("../inputs/campaign.yaml");

/// The campaign's content items (section II), in its order.
const ITEMS: [&str; 4] = [
    "tuyen-truyen",
    "pho-bien-phap-luat",
    "nghi-quyet-hdnd",
    "cu-tri-tiep-dan",
];
/// Short forms of the content items, for achievement ids.
const ITEM_SHORT: [&str; 4] = ["tt", "pbpl", "nq", "ct"];
const AWARD: &str = "bang-khen-chu-tich-tinh";
const DEFAULT_SEED: u64 = 20_251_210;
const MAX_PER_UNIT: usize = 400;

const USAGE: &str = "\
Cách dùng / usage:
  cargo run --release --example synth -- --units N --per-unit M --out DIR [--seed S] [--force]

  --units N      số đơn vị (1..=MAX), đơn vị đầu tiên là Sở Nội vụ (đơn vị thẩm định)
  --per-unit M   số đề nghị Bằng khen của Chủ tịch UBND tỉnh mỗi đơn vị (1..=400):
                 01 tập thể (chính đơn vị), còn lại là cá nhân
  --out DIR      thư mục không gian làm việc sẽ ghi (DIR/inputs/…)
  --seed S       hạt giống của bộ sinh số ngẫu nhiên (mặc định 20251210)
  --force        ghi đè khi DIR đã có thư mục inputs/";

// ---------------------------------------------------------------------------
// Arguments

struct Args {
    units: usize,
    per_unit: usize,
    out: PathBuf,
    seed: u64,
    force: bool,
}

fn parse_args(argv: &[String]) -> Result<Option<Args>, String> {
    let (mut units, mut per_unit, mut out, mut seed, mut force) = (None, None, None, None, false);
    let mut i = 0;
    while i < argv.len() {
        let arg = &argv[i];
        i += 1;
        if arg == "-h" || arg == "--help" {
            return Ok(None);
        }
        if arg == "--force" {
            force = true;
            continue;
        }
        let (key, inline) = match arg.split_once('=') {
            Some((k, v)) if k.starts_with("--") => (k, Some(v.to_string())),
            _ => (arg.as_str(), None),
        };
        if !matches!(key, "--units" | "--per-unit" | "--out" | "--seed") {
            return Err(format!("tham số không hợp lệ / unknown argument `{arg}`"));
        }
        let value = match inline {
            Some(v) => v,
            None => {
                let Some(v) = argv.get(i).filter(|v| !v.starts_with("--")) else {
                    return Err(format!("`{key}` cần một giá trị / `{key}` needs a value"));
                };
                i += 1;
                v.clone()
            }
        };
        let number = |v: &str| -> Result<u64, String> {
            v.parse::<u64>()
                .map_err(|_| format!("`{key}` cần một số nguyên không âm, không phải `{v}` / `{key}` needs a non-negative integer, not `{v}`"))
        };
        match key {
            "--units" => units = Some(number(&value)? as usize),
            "--per-unit" => per_unit = Some(number(&value)? as usize),
            "--seed" => seed = Some(number(&value)?),
            _ => {
                if value.is_empty() {
                    return Err("`--out` cần một thư mục / `--out` needs a directory".into());
                }
                out = Some(PathBuf::from(value));
            }
        }
    }
    let missing = |k: &str| format!("thiếu `{k}` / `{k}` is required");
    let units = units.ok_or_else(|| missing("--units"))?;
    let per_unit = per_unit.ok_or_else(|| missing("--per-unit"))?;
    let out = out.ok_or_else(|| missing("--out"))?;
    let max_units = unit_capacity();
    if units == 0 || units > max_units {
        return Err(format!(
            "`--units` phải từ 1 đến {max_units} / `--units` must be within 1..={max_units}"
        ));
    }
    if per_unit == 0 || per_unit > MAX_PER_UNIT {
        return Err(format!(
            "`--per-unit` phải từ 1 đến {MAX_PER_UNIT} / `--per-unit` must be within 1..={MAX_PER_UNIT}"
        ));
    }
    Ok(Some(Args {
        units,
        per_unit,
        out,
        seed: seed.unwrap_or(DEFAULT_SEED),
        force,
    }))
}

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let args = match parse_args(&argv) {
        Ok(Some(a)) => a,
        Ok(None) => {
            println!("{}", USAGE.replace("MAX", &unit_capacity().to_string()));
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!(
                "lỗi / error: {e}\n\n{}",
                USAGE.replace("MAX", &unit_capacity().to_string())
            );
            return ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("lỗi / error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &Args) -> Result<(), String> {
    for id in ITEMS {
        if !CAMPAIGN.contains(&format!("- id: {id}\n")) {
            return Err(format!("inputs/campaign.yaml has no content item `{id}`"));
        }
    }
    let inputs = args.out.join("inputs");
    if inputs.exists() && !args.force {
        return Err(format!(
            "{} đã có thư mục inputs/; dùng --force để ghi đè / {} already has inputs/; pass --force to overwrite",
            args.out.display(),
            args.out.display()
        ));
    }
    let units_dir = inputs.join("units");
    std::fs::create_dir_all(&units_dir)
        .map_err(|e| format!("không tạo được {}: {e}", units_dir.display()))?;

    let profiles = profiles(args.units);
    let mut people = People::default();
    let mut written = Vec::new();
    for (i, p) in profiles.iter().enumerate() {
        let mut rng = Rng::new(args.seed, 1 + i as u64);
        let unit = gen_unit(&mut rng, p, args.per_unit, &mut people);
        write(&units_dir.join(format!("{}.yaml", p.id)), &unit.yaml)?;
        written.push(unit);
    }
    // With --force, unit files of an earlier, larger run would join the workspace.
    let keep: HashSet<String> = profiles.iter().map(|p| format!("{}.yaml", p.id)).collect();
    let mut stale = 0;
    let mut entries: Vec<PathBuf> = std::fs::read_dir(&units_dir)
        .map_err(|e| format!("{}: {e}", units_dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let yaml = name.ends_with(".yaml") || name.ends_with(".yml");
        if yaml && !keep.contains(name) && path.is_file() {
            std::fs::remove_file(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            stale += 1;
        }
    }
    write(&inputs.join("campaign.yaml"), CAMPAIGN)?;
    let mut rng = Rng::new(args.seed, 0);
    let appraisal = gen_appraisal(&mut rng, &written);
    write(&inputs.join("appraisal.yaml"), &appraisal.yaml)?;

    let nominations: usize = written.iter().map(|u| u.nominations.len()).sum();
    // Province plan; per unit: plan, report, Giấy khen decision, submission,
    // list, minutes, packet and one achievement report per nomination; the
    // appraisal's submission, list, minutes, decision, summary report and
    // packet; per national award: submission, list, packet and the reports.
    let documents = 1
        + written
            .iter()
            .map(|u| 7 + u.nominations.len())
            .sum::<usize>()
        + 6
        + appraisal.national.iter().map(|n| 3 + n).sum::<usize>();
    if stale > 0 {
        eprintln!("đã xóa {stale} tệp đơn vị cũ / removed {stale} stale unit files");
    }
    eprintln!(
        "{}: {} units, {} nominations ({} failed appraisal, {} national), {} expected documents",
        args.out.display(),
        written.len(),
        nominations,
        appraisal.failed,
        appraisal.national.iter().sum::<usize>(),
        documents
    );
    Ok(())
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("không ghi được {}: {e}", path.display()))
}

// ---------------------------------------------------------------------------
// Deterministic randomness: splitmix64.

struct Rng(u64);

impl Rng {
    fn new(seed: u64, stream: u64) -> Self {
        let mut r = Rng(seed ^ stream.wrapping_mul(0xD1B5_4A32_D192_ED03));
        r.next();
        r
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// Inclusive range.
    fn int(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next() % (hi - lo + 1) as u64) as i64
    }

    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }

    fn chance(&mut self, p: f64) -> bool {
        ((self.next() >> 11) as f64) / ((1u64 << 53) as f64) < p
    }

    /// A day in `from..=to`.
    fn date(&mut self, from: NaiveDate, to: NaiveDate) -> NaiveDate {
        let span = (to - from).num_days();
        from + Days::new(self.int(0, span) as u64)
    }

    /// `k` distinct indices of `0..n`, in random order.
    fn sample(&mut self, n: usize, k: usize) -> Vec<usize> {
        let mut all: Vec<usize> = (0..n).collect();
        for i in 0..k.min(n) {
            let j = i + self.below(n - i);
            all.swap(i, j);
        }
        all.truncate(k.min(n));
        all
    }
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

// ---------------------------------------------------------------------------
// Text helpers

/// A YAML scalar: a JSON string is valid YAML, with every character escaped.
fn q(s: &str) -> String {
    serde_json::to_string(s).expect("a string serialises")
}

/// `1.250`: thousands separated by dots, as Vietnamese documents print them.
fn num(n: i64) -> String {
    let digits = n.abs().to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(ch);
    }
    if n < 0 { format!("-{out}") } else { out }
}

/// `03`: small counts are written with two digits.
fn cnt(n: i64) -> String {
    if n < 10 { format!("0{n}") } else { num(n) }
}

/// `Văn Lãng` → `van-lang`.
fn slug(s: &str) -> String {
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
    out.trim_matches('-').to_string()
}

/// `so-giao-thong-van-tai` → `sgtvt`.
fn initials(slug: &str) -> String {
    slug.split('-').filter_map(|w| w.chars().next()).collect()
}

/// `05/11/2025`, `10/3/2025`: days below 10 and months 1–2 take a leading zero.
fn date_vi(d: NaiveDate) -> String {
    let month = if d.month() < 3 {
        format!("{:02}", d.month())
    } else {
        d.month().to_string()
    };
    format!("{:02}/{month}/{}", d.day(), d.year())
}

// ---------------------------------------------------------------------------
// Units: who they are

/// A provincial department (sở, ban, ngành).
struct Dept {
    name: &'static str,
    symbol: &'static str,
    kind: &'static str,
    /// As a collective nominee: `Sở Tư pháp tỉnh Lạng Sơn`.
    full: &'static str,
    head: &'static str,
    /// What it manages: `tư pháp`.
    field: &'static str,
    /// Its own offices, besides the Văn phòng, the Thanh tra and planning.
    offices: &'static [&'static str],
    /// A public service unit it runs, where viên chức work.
    centre: &'static str,
}

const fn so(
    name: &'static str,
    symbol: &'static str,
    full: &'static str,
    field: &'static str,
    offices: &'static [&'static str],
    centre: &'static str,
) -> Dept {
    Dept {
        name,
        symbol,
        kind: "sở",
        full,
        head: "GIÁM ĐỐC",
        field,
        offices,
        centre,
    }
}

#[rustfmt::skip]
const DEPTS: &[Dept] = &[
    so("Sở Nội vụ", "SNV", "Sở Nội vụ tỉnh Lạng Sơn", "nội vụ, thi đua, khen thưởng",
        &["Phòng Công chức, viên chức", "Phòng Xây dựng chính quyền và công tác thanh niên", "Ban Thi đua - Khen thưởng"],
        "Trung tâm Lưu trữ lịch sử tỉnh"),
    so("Sở Tư pháp", "STP", "Sở Tư pháp tỉnh Lạng Sơn", "tư pháp",
        &["Phòng Xây dựng, kiểm tra và theo dõi thi hành pháp luật", "Phòng Phổ biến, giáo dục pháp luật"],
        "Trung tâm Trợ giúp pháp lý nhà nước"),
    so("Sở Giao thông vận tải", "SGTVT", "Sở Giao thông vận tải tỉnh Lạng Sơn", "giao thông vận tải",
        &["Phòng Quản lý vận tải, phương tiện và người lái", "Phòng Quản lý kết cấu hạ tầng giao thông"],
        "Trung tâm Đăng kiểm xe cơ giới"),
    so("Sở Tài chính", "STC", "Sở Tài chính tỉnh Lạng Sơn", "tài chính, ngân sách",
        &["Phòng Quản lý ngân sách", "Phòng Tài chính đầu tư"],
        "Trung tâm Tư vấn và Dịch vụ tài chính"),
    so("Sở Kế hoạch và Đầu tư", "SKHDT", "Sở Kế hoạch và Đầu tư tỉnh Lạng Sơn", "kế hoạch và đầu tư",
        &["Phòng Tổng hợp, quy hoạch", "Phòng Đăng ký kinh doanh"],
        "Trung tâm Xúc tiến đầu tư"),
    so("Sở Xây dựng", "SXD", "Sở Xây dựng tỉnh Lạng Sơn", "xây dựng",
        &["Phòng Quản lý quy hoạch - kiến trúc", "Phòng Quản lý nhà và thị trường bất động sản"],
        "Trung tâm Kiểm định chất lượng xây dựng"),
    so("Sở Công Thương", "SCT", "Sở Công Thương tỉnh Lạng Sơn", "công nghiệp, thương mại",
        &["Phòng Quản lý công nghiệp", "Phòng Quản lý thương mại"],
        "Trung tâm Khuyến công và Xúc tiến thương mại"),
    so("Sở Nông nghiệp và Phát triển nông thôn", "SNNPTNT", "Sở Nông nghiệp và Phát triển nông thôn tỉnh Lạng Sơn", "nông nghiệp và phát triển nông thôn",
        &["Phòng Quản lý xây dựng công trình", "Phòng Tổ chức cán bộ"],
        "Trung tâm Khuyến nông"),
    so("Sở Tài nguyên và Môi trường", "STNMT", "Sở Tài nguyên và Môi trường tỉnh Lạng Sơn", "tài nguyên và môi trường",
        &["Phòng Quản lý đất đai", "Phòng Tài nguyên nước - Khoáng sản"],
        "Văn phòng Đăng ký đất đai"),
    so("Sở Giáo dục và Đào tạo", "SGDDT", "Sở Giáo dục và Đào tạo tỉnh Lạng Sơn", "giáo dục và đào tạo",
        &["Phòng Giáo dục Trung học", "Phòng Giáo dục Mầm non - Tiểu học"],
        "Trung tâm Giáo dục thường xuyên tỉnh"),
    so("Sở Y tế", "SYT", "Sở Y tế tỉnh Lạng Sơn", "y tế",
        &["Phòng Nghiệp vụ Y", "Phòng Nghiệp vụ Dược"],
        "Trung tâm Kiểm soát bệnh tật"),
    so("Sở Văn hóa, Thể thao và Du lịch", "SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch tỉnh Lạng Sơn", "văn hóa, thể thao và du lịch",
        &["Phòng Quản lý văn hóa", "Phòng Quản lý du lịch"],
        "Bảo tàng tỉnh"),
    so("Sở Thông tin và Truyền thông", "STTTT", "Sở Thông tin và Truyền thông tỉnh Lạng Sơn", "thông tin và truyền thông",
        &["Phòng Thông tin - Báo chí - Xuất bản", "Phòng Bưu chính, Viễn thông và Công nghệ thông tin"],
        "Trung tâm Công nghệ thông tin và Truyền thông"),
    so("Sở Lao động - Thương binh và Xã hội", "SLDTBXH", "Sở Lao động - Thương binh và Xã hội tỉnh Lạng Sơn", "lao động, người có công và xã hội",
        &["Phòng Lao động - Việc làm", "Phòng Người có công"],
        "Trung tâm Dịch vụ việc làm"),
    so("Sở Khoa học và Công nghệ", "SKHCN", "Sở Khoa học và Công nghệ tỉnh Lạng Sơn", "khoa học và công nghệ",
        &["Phòng Quản lý khoa học", "Phòng Quản lý công nghệ và chuyên ngành"],
        "Trung tâm Thông tin và Ứng dụng khoa học công nghệ"),
    so("Sở Ngoại vụ", "SNGV", "Sở Ngoại vụ tỉnh Lạng Sơn", "ngoại vụ",
        &["Phòng Lãnh sự và Quản lý biên giới", "Phòng Hợp tác quốc tế"],
        "Trung tâm Dịch vụ đối ngoại"),
    Dept {
        name: "Ban Dân tộc",
        symbol: "BDT",
        kind: "ban",
        full: "Ban Dân tộc tỉnh Lạng Sơn",
        head: "TRƯỞNG BAN",
        field: "công tác dân tộc",
        offices: &["Phòng Chính sách dân tộc", "Phòng Tuyên truyền và Địa bàn"],
        centre: "",
    },
    Dept {
        name: "Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn",
        symbol: "BQLKKT",
        kind: "ban",
        full: "Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn",
        head: "TRƯỞNG BAN",
        field: "khu kinh tế cửa khẩu",
        offices: &["Phòng Quản lý đầu tư và doanh nghiệp", "Phòng Quản lý quy hoạch và xây dựng"],
        centre: "Trung tâm Quản lý cửa khẩu",
    },
    Dept {
        name: "Thanh tra tỉnh",
        symbol: "TTr",
        kind: "ngành",
        full: "Thanh tra tỉnh Lạng Sơn",
        head: "CHÁNH THANH TRA",
        field: "thanh tra, tiếp công dân, giải quyết khiếu nại, tố cáo",
        offices: &["Phòng Tiếp công dân và Xử lý đơn thư", "Phòng Phòng, chống tham nhũng"],
        centre: "",
    },
    Dept {
        name: "Văn phòng UBND tỉnh",
        symbol: "VP",
        kind: "ngành",
        full: "Văn phòng UBND tỉnh Lạng Sơn",
        head: "CHÁNH VĂN PHÒNG",
        field: "tham mưu tổng hợp, kiểm soát thủ tục hành chính",
        offices: &["Phòng Tổng hợp", "Phòng Nội chính", "Phòng Kinh tế"],
        centre: "Trung tâm Phục vụ hành chính công tỉnh",
    },
];

/// Local units since 01/7/2025 (no district level): the ward that carries the
/// dossier of the city of Lạng Sơn, then communes named after the districts
/// whose dossiers they carry, then names in the same style for larger benchmarks.
const CITY: &str = "Lạng Sơn";
const WARD: &str = "Đông Kinh";
/// The last day of the district level.
const HANDOVER: (i32, u32, u32) = (2025, 6, 30);

fn handover() -> NaiveDate {
    ymd(HANDOVER.0, HANDOVER.1, HANDOVER.2)
}
#[rustfmt::skip]
const DISTRICTS: &[&str] = &[
    "Văn Lãng", "Cao Lộc", "Tràng Định", "Văn Quan", "Bình Gia", "Bắc Sơn", "Hữu Lũng", "Chi Lăng",
    "Lộc Bình", "Đình Lập", "Na Rì", "Bạch Thông", "Ba Bể", "Chợ Đồn", "Ngân Sơn", "Pác Nặm",
    "Thạch An", "Quảng Hòa", "Hạ Lang", "Trùng Khánh", "Nguyên Bình", "Hà Quảng", "Hòa An",
    "Bảo Lạc", "Bảo Lâm",
];
#[rustfmt::skip]
const PLACE_A: &[&str] = &[
    "Tân", "Yên", "Phú", "Quảng", "Thượng", "Đông", "Tây", "Nam", "Hòa", "Vĩnh",
];
#[rustfmt::skip]
const PLACE_B: &[&str] = &[
    "Sơn", "Hà", "Bình", "Lâm", "Thành", "An", "Khê", "Phong", "Lạc", "Thủy",
];

/// Communes, for home towns.
#[rustfmt::skip]
const COMMUNES: &[&str] = &[
    "Hoàng Văn Thụ", "Tân Thanh", "Hoàng Việt", "Thụy Hùng", "Bắc La", "Tân Mỹ", "Hội Hoan",
    "Thanh Long", "Hồng Phong", "Hòa Cư", "Mai Pha", "Quảng Lạc", "Hoàng Đồng", "Yên Trạch",
    "Xuất Lễ", "Tân Liên", "Gia Cát", "Vân Thủy", "Quang Lang", "Chi Lăng", "Tú Đoạn",
    "Khánh Xuân", "Tân Tiến", "Đồng Bục", "Tri Lễ", "Hùng Việt", "Quốc Khánh", "Chí Minh",
    "Vạn Linh", "Hồng Thái", "Bình Trung", "Quý Hòa", "Hồng Phong", "Thiện Thuật", "Mông Ân",
];

fn district_names() -> Vec<String> {
    let mut names: Vec<String> = DISTRICTS.iter().map(|s| s.to_string()).collect();
    let mut seen: HashSet<String> = names.iter().cloned().collect();
    for a in PLACE_A {
        for b in PLACE_B {
            let n = format!("{a} {b}");
            if seen.insert(n.clone()) {
                names.push(n);
            }
        }
    }
    names
}

fn unit_capacity() -> usize {
    DEPTS.len() + 1 + district_names().len()
}

/// Everything the generator needs to word a unit's texts.
struct Profile {
    id: String,
    name: String,
    kind: &'static str,
    symbol: String,
    /// The collective nominee's name.
    full: String,
    governing: Vec<String>,
    issuing: Vec<String>,
    head_title: String,
    /// Who the head is, in citations: `Giám đốc Sở Tư pháp`.
    head_ref: String,
    /// `TM. ỦY BAN NHÂN DÂN` for a people's committee.
    authority: Vec<String>,
    /// Offices, the first being the unit's Văn phòng.
    offices: Vec<String>,
    /// A public service unit, for viên chức.
    centre: Option<String>,
    /// The people's council it serves: `HĐND tỉnh`, `HĐND xã`.
    hdnd: String,
    /// What it manages, for `thuộc lĩnh vực …`.
    field: String,
    /// `của Sở`, `của xã`.
    own: String,
    /// Who its campaign reaches.
    audience: String,
    /// The whole of it, for `trong …`.
    scope: String,
    /// Voters' proposals it answers: `thuộc lĩnh vực …`.
    about: String,
    /// The ward's or commune's name, for local units.
    district: Option<String>,
    abbr: String,
    /// The place printed before the date (ô 4).
    place: String,
    /// The district-level body whose dossier a local unit carries.
    predecessor: Option<Former>,
}

/// A district-level body dissolved on 01/7/2025.
struct Former {
    id: String,
    name: String,
    /// Its head, in citations: `Chủ tịch UBND huyện Cao Lộc`.
    head_ref: String,
}

/// `phường` or `xã`, for a local unit.
fn local_level(p: &Profile) -> &'static str {
    if p.kind == "UBND phường" {
        "phường"
    } else {
        "xã"
    }
}

/// Who issued a decision of `date`: the predecessor before the hand-over.
fn issuer_on(p: &Profile, date: NaiveDate) -> &str {
    match &p.predecessor {
        Some(f) if date <= handover() => &f.head_ref,
        _ => &p.head_ref,
    }
}

fn profiles(n: usize) -> Vec<Profile> {
    let districts = district_names();
    let (mut d, mut l) = (0, 0);
    let mut out = Vec::new();
    for i in 0..n {
        let local_turn = i % 2 == 1;
        let take_local = (local_turn && l <= districts.len()) || d >= DEPTS.len();
        if take_local {
            out.push(local_profile(if l == 0 {
                None
            } else {
                Some(&districts[l - 1])
            }));
            l += 1;
        } else {
            out.push(dept_profile(&DEPTS[d]));
            d += 1;
        }
    }
    out
}

fn dept_profile(d: &Dept) -> Profile {
    let id = slug(d.name);
    let (office, inspect, own) = match d.kind {
        "sở" => ("Văn phòng Sở", "Thanh tra Sở", "của Sở"),
        "ban" => ("Văn phòng Ban", "Phòng Kế hoạch - Tổng hợp", "của Ban"),
        _ => ("Văn phòng", "Phòng Tổ chức - Hành chính", "của cơ quan"),
    };
    let mut offices = vec![office.to_string(), inspect.to_string()];
    if d.kind == "sở" {
        offices.push("Phòng Kế hoạch - Tài chính".to_string());
    }
    offices.extend(d.offices.iter().map(|s| s.to_string()));
    let head_ref = match d.head {
        "GIÁM ĐỐC" => format!("Giám đốc {}", d.name),
        "TRƯỞNG BAN" => format!("Trưởng {}", d.name),
        "CHÁNH THANH TRA" => "Chánh Thanh tra tỉnh".to_string(),
        _ => "Chánh Văn phòng UBND tỉnh".to_string(),
    };
    Profile {
        abbr: initials(&id),
        name: d.name.to_string(),
        kind: d.kind,
        symbol: d.symbol.to_uppercase(),
        full: d.full.to_string(),
        governing: vec!["UBND TỈNH LẠNG SƠN".to_string()],
        issuing: vec![d.name.to_uppercase()],
        head_title: d.head.to_string(),
        head_ref,
        authority: vec![],
        offices,
        centre: (!d.centre.is_empty()).then(|| d.centre.to_string()),
        hdnd: "HĐND tỉnh".to_string(),
        field: d.field.to_string(),
        own: own.to_string(),
        audience: "công chức, viên chức, người lao động của cơ quan và các đơn vị trực thuộc"
            .to_string(),
        scope: "cơ quan và các đơn vị trực thuộc".to_string(),
        about: format!("thuộc lĩnh vực {}", d.field),
        district: None,
        place: "Lạng Sơn".to_string(),
        predecessor: None,
        id,
    }
}

/// `None`: the ward that carries the city of Lạng Sơn's dossier; a name: the
/// commune that carries that district's.
fn local_profile(district: Option<&String>) -> Profile {
    let (level, place, former) = match district {
        None => ("phường", WARD.to_string(), format!("UBND thành phố {CITY}")),
        Some(d) => ("xã", d.clone(), format!("UBND huyện {d}")),
    };
    let name = format!("UBND {level} {place}");
    let id = slug(&name);
    let here = format!("{level} {place}");
    let offices = vec![
        format!("Văn phòng HĐND và UBND {level}"),
        if district.is_none() {
            "Phòng Kinh tế, Hạ tầng và Đô thị".to_string()
        } else {
            "Phòng Kinh tế".to_string()
        },
        "Phòng Văn hóa - Xã hội".to_string(),
    ];
    Profile {
        abbr: initials(&slug(&here)),
        kind: if district.is_none() {
            "UBND phường"
        } else {
            "UBND xã"
        },
        symbol: "UBND".to_string(),
        full: name.clone(),
        governing: vec!["TỈNH LẠNG SƠN".to_string()],
        issuing: vec!["ỦY BAN NHÂN DÂN".to_string(), here.to_uppercase()],
        head_title: "CHỦ TỊCH".to_string(),
        head_ref: format!("Chủ tịch UBND {here}"),
        authority: vec!["TM. ỦY BAN NHÂN DÂN".to_string()],
        offices,
        centre: Some(format!("Trung tâm Dịch vụ tổng hợp {level}")),
        hdnd: format!("HĐND {level}"),
        field: format!("quản lý hành chính nhà nước trên địa bàn {level}"),
        own: format!("của {level}"),
        audience: format!("cán bộ, công chức, viên chức và Nhân dân trên địa bàn {level}"),
        scope: if district.is_none() {
            "các cơ quan, đơn vị và các khu phố của phường".to_string()
        } else {
            "các cơ quan, đơn vị và các thôn, bản của xã".to_string()
        },
        about: format!("thuộc thẩm quyền của UBND {level}"),
        district: Some(place.clone()),
        place,
        predecessor: Some(Former {
            id: slug(&former),
            head_ref: format!("Chủ tịch {former}"),
            name: former,
        }),
        name,
        id,
    }
}

// ---------------------------------------------------------------------------
// People

#[rustfmt::skip]
const FAMILY: &[&str] = &[
    "Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Hoàng", "Vũ", "Đặng", "Bùi",
    "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Nông", "Nông", "Lục", "Hà", "Lăng", "Vi", "Vy", "Bế", "Hứa",
    "Lương", "Triệu", "Mã", "Chu", "Đinh", "Lộc", "Hoàng", "Hà", "Đàm", "Mông",
];
#[rustfmt::skip]
const MIDDLE_M: &[&str] = &[
    "Văn", "Văn", "Văn", "Đức", "Minh", "Quang", "Hữu", "Xuân", "Thanh", "Ngọc", "Công", "Tiến",
    "Mạnh", "Duy", "Trung", "Việt",
];
#[rustfmt::skip]
const MIDDLE_F: &[&str] = &[
    "Thị", "Thị", "Thị", "Thu", "Thanh", "Ngọc", "Minh", "Hồng", "Thùy", "Phương", "Kim", "Bích",
    "Thị Thu", "Thị Hồng", "Thị Minh", "Thị Kim",
];
#[rustfmt::skip]
const GIVEN_M: &[&str] = &[
    "Anh", "Bình", "Cường", "Dũng", "Đạt", "Hải", "Hiếu", "Hùng", "Huy", "Khánh", "Khoa", "Kiên",
    "Lâm", "Long", "Mạnh", "Nam", "Nghĩa", "Phong", "Phúc", "Quân", "Sơn", "Tâm", "Thắng", "Thành",
    "Toàn", "Trung", "Tuấn", "Tùng", "Việt", "Vinh", "Hưng", "Lợi", "Quyết", "Tú",
];
#[rustfmt::skip]
const GIVEN_F: &[&str] = &[
    "Anh", "Châm", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hiền", "Hoa", "Hồng", "Hương", "Huyền",
    "Lan", "Liên", "Linh", "Loan", "Mai", "Nga", "Ngân", "Ngọc", "Nhung", "Oanh", "Phương",
    "Quỳnh", "Tâm", "Thảo", "Thúy", "Trang", "Tuyết", "Vân", "Yến", "Xuân",
];
#[rustfmt::skip]
const LOCAL_FAMILIES: &[&str] = &[
    "Nông", "Lục", "Lăng", "Vi", "Vy", "Bế", "Hứa", "Lương", "Mã", "Chu", "Lộc", "Hoàng", "Đàm",
    "Mông", "Hà",
];

/// A name, a woman's with probability `female`.
fn any_name(rng: &mut Rng, female: f64) -> String {
    let female = rng.chance(female);
    person_name(rng, female)
}

fn person_name(rng: &mut Rng, female: bool) -> String {
    let family = rng.pick(FAMILY);
    let middle = if female {
        rng.pick(MIDDLE_F)
    } else {
        rng.pick(MIDDLE_M)
    };
    let last = middle.rsplit(' ').next().unwrap_or(middle);
    loop {
        let given = if female {
            rng.pick(GIVEN_F)
        } else {
            rng.pick(GIVEN_M)
        };
        if *given != last {
            return format!("{family} {middle} {given}");
        }
    }
}

fn ethnicity(rng: &mut Rng, name: &str) -> &'static str {
    let family = name.split(' ').next().unwrap_or("");
    if family == "Triệu" {
        return "Dao";
    }
    if LOCAL_FAMILIES.contains(&family) {
        ["Tày", "Tày", "Nùng", "Nùng", "Kinh"][rng.below(5)]
    } else {
        ["Kinh", "Kinh", "Kinh", "Tày", "Nùng"][rng.below(5)]
    }
}

/// Nominated persons across all units: CCCD serials never repeat.
#[derive(Default)]
struct People {
    count: u64,
}

impl People {
    /// `020` (Lạng Sơn) + century/gender + year + serial: TD0216.
    fn cccd(&mut self, female: bool, birth_year: i32) -> String {
        let century = (birth_year - 1900) / 100;
        let code = 2 * century + i32::from(female);
        // An odd multiplier prime to 10 permutes 0..10⁶: serials stay unique.
        let serial = (self.count * 7919 + 104_729) % 1_000_000;
        self.count += 1;
        format!("020{code}{:02}{serial:06}", birth_year % 100)
    }
}

// ---------------------------------------------------------------------------
// Achievements

struct Figure {
    label: String,
    value: String,
    unit: &'static str,
}

struct Achievement {
    id: String,
    item: usize,
    date: NaiveDate,
    text: String,
    figures: Vec<Figure>,
    /// For summaries: `tổ chức 12 hội nghị …`.
    phrase: String,
}

fn fig(label: impl Into<String>, value: i64, unit: &'static str) -> Figure {
    Figure {
        label: label.into(),
        value: value.to_string(),
        unit,
    }
}

fn topic(rng: &mut Rng, p: &Profile) -> String {
    match &p.district {
        None => rng
            .pick(&[
                format!("phát triển lĩnh vực {} giai đoạn 2026 - 2030", p.field),
                format!("kế hoạch đầu tư công trung hạn lĩnh vực {}", p.field),
                "giao biên chế, số lượng người làm việc năm 2025".to_string(),
                format!("chính sách hỗ trợ trong lĩnh vực {}", p.field),
                "dự toán ngân sách nhà nước năm 2025".to_string(),
            ])
            .clone(),
        Some(_) => rng
            .pick(&[
                "nhiệm vụ phát triển kinh tế - xã hội năm 2025".to_string(),
                "dự toán và phân bổ ngân sách địa phương năm 2025".to_string(),
                "kế hoạch đầu tư công trung hạn giai đoạn 2026 - 2030".to_string(),
                if p.kind == "UBND phường" {
                    "chỉnh trang đô thị, xây dựng văn minh đô thị".to_string()
                } else {
                    "xây dựng nông thôn mới giai đoạn 2021 - 2025".to_string()
                },
                "thực hiện chương trình giảm nghèo bền vững".to_string(),
                "sắp xếp đơn vị hành chính cấp xã".to_string(),
            ])
            .clone(),
    }
}

/// An achievement's text, figures and summary phrase, for one content item.
fn achievement_text(rng: &mut Rng, p: &Profile, item: usize) -> (String, Vec<Figure>, String) {
    let (aud, hdnd) = (&p.audience, &p.hdnd);
    let variant = rng.below(4);
    match (item, variant) {
        (0, 0) => {
            let n = rng.int(3, 18);
            let m = n * rng.int(60, 180);
            (
                format!(
                    "Tổ chức {} hội nghị tuyên truyền về mục đích, ý nghĩa của Ngày Tổng tuyển cử đầu tiên bầu Quốc hội Việt Nam (06/01/1946 - 06/01/2026) cho {} lượt {aud}. Nội dung tuyên truyền gắn với việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh, tạo khí thế thi đua sôi nổi trong {}.",
                    cnt(n),
                    num(m),
                    p.scope
                ),
                vec![
                    fig("Hội nghị tuyên truyền", n, "hội nghị"),
                    fig("Người tham dự", m, "lượt người"),
                ],
                format!(
                    "tổ chức {} hội nghị tuyên truyền về Ngày Tổng tuyển cử đầu tiên cho {} lượt người",
                    cnt(n),
                    num(m)
                ),
            )
        }
        (0, 1) => {
            let n = rng.int(24, 160);
            let m = rng.int(8_000, 95_000);
            (
                format!(
                    "Biên tập, đăng tải {} tin, bài về phong trào thi đua và các gương điển hình tiên tiến trên Trang thông tin điện tử {}; duy trì chuyên mục “Kỷ niệm 80 năm Ngày Tổng tuyển cử đầu tiên” với {} lượt truy cập. Các tin, bài được chia sẻ trên các nền tảng mạng xã hội, góp phần lan tỏa ý nghĩa của phong trào.",
                    num(n),
                    p.own,
                    num(m)
                ),
                vec![
                    fig("Tin, bài đã đăng", n, "tin, bài"),
                    fig("Lượt truy cập chuyên mục", m, "lượt"),
                ],
                format!(
                    "biên tập, đăng tải {} tin, bài tuyên truyền về phong trào thi đua",
                    num(n)
                ),
            )
        }
        (0, 2) => {
            let n = rng.int(40, 600);
            let m = rng.int(12, 120);
            (
                format!(
                    "Thực hiện {} pano, băng rôn, khẩu hiệu tuyên truyền tại trụ sở cơ quan và các tuyến đường chính; phối hợp sản xuất {} chương trình phát thanh chuyên đề về lịch sử Quốc hội Việt Nam và HĐND các cấp. Công tác tuyên truyền trực quan được thực hiện đúng định hướng, bảo đảm mỹ quan, an toàn.",
                    num(n),
                    num(m)
                ),
                vec![
                    fig("Pano, băng rôn, khẩu hiệu", n, "chiếc"),
                    fig("Chương trình phát thanh chuyên đề", m, "chương trình"),
                ],
                format!(
                    "thực hiện {} pano, băng rôn và {} chương trình phát thanh chuyên đề",
                    num(n),
                    num(m)
                ),
            )
        }
        (0, _) => {
            let m = rng.int(300, 4_500);
            let n = rng.int(8, 30);
            (
                format!(
                    "Tổ chức cuộc thi tìm hiểu “80 năm Ngày Tổng tuyển cử đầu tiên bầu Quốc hội Việt Nam”, thu hút {} bài dự thi của {aud}. Ban Tổ chức đã trao {} giải cho các tập thể, cá nhân có bài dự thi xuất sắc; cuộc thi góp phần nâng cao hiểu biết về lịch sử Quốc hội và HĐND các cấp.",
                    num(m),
                    num(n)
                ),
                vec![
                    fig("Bài dự thi", m, "bài"),
                    fig("Giải thưởng đã trao", n, "giải"),
                ],
                format!(
                    "tổ chức cuộc thi tìm hiểu về Ngày Tổng tuyển cử đầu tiên với {} bài dự thi",
                    num(m)
                ),
            )
        }
        (1, 0) => {
            let n = rng.int(2, 12);
            let m = n * rng.int(50, 150);
            let k = rng.pick(&["thứ 7", "thứ 8", "thứ 9"]);
            (
                format!(
                    "Tổ chức {} hội nghị phổ biến, quán triệt các luật, nghị quyết được Quốc hội khóa XV thông qua tại Kỳ họp {k} cho {} lượt {aud}. Tài liệu hội nghị được biên soạn ngắn gọn, dễ hiểu, gắn với nhiệm vụ chuyên môn của từng cơ quan, đơn vị.",
                    cnt(n),
                    num(m)
                ),
                vec![
                    fig("Hội nghị phổ biến pháp luật", n, "hội nghị"),
                    fig("Người tham dự", m, "lượt người"),
                ],
                format!(
                    "tổ chức {} hội nghị phổ biến các luật mới cho {} lượt người",
                    cnt(n),
                    num(m)
                ),
            )
        }
        (1, 1) => {
            let n = rng.int(3, 15);
            let m = rng.int(500, 6_000);
            (
                format!(
                    "Biên soạn, phát hành {} đề cương, tài liệu hỏi - đáp pháp luật thuộc lĩnh vực {}; cấp phát {} cuốn tài liệu cho {aud}. Việc phổ biến pháp luật được lồng ghép trong các buổi sinh hoạt chuyên môn, sinh hoạt chi bộ và hội nghị cơ quan.",
                    cnt(n),
                    p.field,
                    num(m)
                ),
                vec![
                    fig("Đề cương, tài liệu được biên soạn", n, "tài liệu"),
                    fig("Tài liệu được cấp phát", m, "cuốn"),
                ],
                format!(
                    "biên soạn {} đề cương, tài liệu hỏi - đáp pháp luật, cấp phát {} cuốn",
                    cnt(n),
                    num(m)
                ),
            )
        }
        (1, 2) => {
            let n = rng.int(40, 260);
            let m = rng.int(3, 25);
            (
                format!(
                    "Tham mưu rà soát {} văn bản quy phạm pháp luật thuộc lĩnh vực {}, kịp thời đề xuất sửa đổi, bổ sung, thay thế hoặc bãi bỏ {} văn bản không còn phù hợp. Kết quả rà soát, hệ thống hóa văn bản được công bố công khai đúng quy định.",
                    num(n),
                    p.field,
                    cnt(m)
                ),
                vec![
                    fig("Văn bản được rà soát", n, "văn bản"),
                    fig("Văn bản đề xuất sửa đổi, bổ sung", m, "văn bản"),
                ],
                format!(
                    "rà soát {} văn bản quy phạm pháp luật, đề xuất sửa đổi, bổ sung {} văn bản",
                    num(n),
                    cnt(m)
                ),
            )
        }
        (1, _) => {
            let n = rng.int(2, 10);
            let m = n * rng.int(40, 90);
            let pct = rng.int(92, 100);
            (
                format!(
                    "Tổ chức {} lớp tập huấn, hướng dẫn thực hiện Luật Tổ chức chính quyền địa phương năm 2025 và các văn bản hướng dẫn cho {} lượt cán bộ, công chức; {pct}% học viên đạt yêu cầu qua bài kiểm tra cuối khóa. Sau tập huấn, việc áp dụng các quy định mới tại các cơ quan, đơn vị được thực hiện thống nhất.",
                    cnt(n),
                    num(m)
                ),
                vec![
                    fig("Lớp tập huấn", n, "lớp"),
                    fig("Người tham dự", m, "lượt người"),
                    fig("Học viên đạt yêu cầu", pct, "%"),
                ],
                format!(
                    "tổ chức {} lớp tập huấn Luật Tổ chức chính quyền địa phương năm 2025 cho {} lượt cán bộ, công chức",
                    cnt(n),
                    num(m)
                ),
            )
        }
        (2, 0) => {
            let n = rng.int(2, 14);
            let t = topic(rng, p);
            (
                format!(
                    "Tham mưu trình {hdnd} ban hành {} nghị quyết về {t} và các lĩnh vực có liên quan, bảo đảm đúng trình tự, thủ tục và thời hạn. Các nghị quyết sau khi ban hành được triển khai kịp thời, phù hợp với tình hình thực tiễn của địa phương.",
                    cnt(n)
                ),
                vec![fig(
                    format!("Nghị quyết được {hdnd} thông qua"),
                    n,
                    "văn bản",
                )],
                format!(
                    "tham mưu trình {hdnd} ban hành {} nghị quyết về {t}",
                    cnt(n)
                ),
            )
        }
        (2, 1) => {
            let m = rng.int(6, 20);
            let k = m - rng.int(0, 1);
            let j = rng.int(1, (k / 2).max(1));
            let t = topic(rng, p);
            (
                format!(
                    "Tổ chức thực hiện Nghị quyết của {hdnd} về {t}, hoàn thành {k}/{m} chỉ tiêu chủ yếu năm 2024, trong đó {} chỉ tiêu vượt kế hoạch. Định kỳ báo cáo kết quả thực hiện với Thường trực {hdnd} đầy đủ, đúng thời hạn.",
                    cnt(j)
                ),
                vec![
                    fig("Chỉ tiêu chủ yếu hoàn thành", k, "chỉ tiêu"),
                    fig("Chỉ tiêu vượt kế hoạch", j, "chỉ tiêu"),
                ],
                format!(
                    "tổ chức thực hiện Nghị quyết của {hdnd} về {t}, hoàn thành {k}/{m} chỉ tiêu"
                ),
            )
        }
        (2, 2) => {
            let m = rng.int(12, 60);
            let pct = rng.int(90, 100);
            let t = topic(rng, p);
            (
                format!(
                    "Chủ trì xây dựng dự thảo Nghị quyết của {hdnd} về {t}; tổ chức lấy ý kiến của {m} cơ quan, đơn vị và đối tượng chịu sự tác động. Nghị quyết được {hdnd} thông qua với {pct}% đại biểu có mặt tán thành."
                ),
                vec![
                    fig("Cơ quan, đơn vị được lấy ý kiến", m, "cơ quan, đơn vị"),
                    fig("Đại biểu tán thành", pct, "%"),
                ],
                format!("chủ trì xây dựng Nghị quyết của {hdnd} về {t}"),
            )
        }
        (2, _) => {
            let n = rng.int(5, 24);
            (
                format!(
                    "Theo dõi, đôn đốc việc thực hiện {} nghị quyết của {hdnd} thuộc lĩnh vực được giao; tổng hợp, báo cáo kết quả thực hiện phục vụ các kỳ họp, bảo đảm số liệu đầy đủ, chính xác. Kịp thời đề xuất tháo gỡ khó khăn, vướng mắc trong quá trình tổ chức thực hiện.",
                    cnt(n)
                ),
                vec![fig(
                    format!("Nghị quyết của {hdnd} được theo dõi"),
                    n,
                    "văn bản",
                )],
                format!(
                    "theo dõi, đôn đốc thực hiện {} nghị quyết của {hdnd}",
                    cnt(n)
                ),
            )
        }
        (_, 0) => {
            let n = rng.int(12, 160);
            let pct = rng.int(96, 100);
            (
                format!(
                    "Tham mưu trả lời, giải quyết {} ý kiến, kiến nghị của cử tri {} gửi tới các kỳ họp {hdnd}; {pct}% kiến nghị được trả lời đúng thời hạn. Nội dung trả lời rõ ràng, đúng quy định, được cử tri đồng tình.",
                    num(n),
                    p.about
                ),
                vec![
                    fig("Kiến nghị của cử tri được giải quyết", n, "kiến nghị"),
                    fig("Tỷ lệ trả lời đúng hạn", pct, "%"),
                ],
                format!(
                    "giải quyết {} kiến nghị của cử tri, {pct}% đúng thời hạn",
                    num(n)
                ),
            )
        }
        (_, 1) => {
            let n = rng.int(60, 650);
            let m = rng.int(20, 220);
            let pct = rng.int(95, 100);
            (
                format!(
                    "Tổ chức tiếp {} lượt công dân tại trụ sở {}; tiếp nhận, phân loại, xử lý {} đơn khiếu nại, tố cáo, kiến nghị, phản ánh. Giải quyết dứt điểm {pct}% đơn thuộc thẩm quyền, không để phát sinh điểm nóng, khiếu nại đông người.",
                    num(n),
                    p.own,
                    num(m)
                ),
                vec![
                    fig("Lượt công dân được tiếp", n, "lượt người"),
                    fig("Đơn được tiếp nhận, xử lý", m, "đơn"),
                    fig("Đơn thuộc thẩm quyền được giải quyết", pct, "%"),
                ],
                format!(
                    "tiếp {} lượt công dân, xử lý {} đơn khiếu nại, tố cáo, kiến nghị, phản ánh",
                    num(n),
                    num(m)
                ),
            )
        }
        (_, 2) => {
            let n = rng.int(6, 40);
            let m = rng.int(30, 300);
            (
                format!(
                    "Phối hợp tổ chức {} cuộc tiếp xúc cử tri của đại biểu Quốc hội và đại biểu HĐND các cấp trước và sau các kỳ họp; chuẩn bị đầy đủ tài liệu, báo cáo phục vụ đại biểu. Tổng hợp, chuyển {} ý kiến, kiến nghị của cử tri đến cơ quan có thẩm quyền xem xét, giải quyết.",
                    cnt(n),
                    num(m)
                ),
                vec![
                    fig("Cuộc tiếp xúc cử tri", n, "cuộc"),
                    fig("Ý kiến, kiến nghị được tổng hợp", m, "kiến nghị"),
                ],
                format!(
                    "phối hợp tổ chức {} cuộc tiếp xúc cử tri, tổng hợp {} ý kiến, kiến nghị",
                    cnt(n),
                    num(m)
                ),
            )
        }
        (_, _) => {
            let n = rng.int(3, 18);
            (
                format!(
                    "Thực hiện nghiêm túc kiến nghị sau giám sát của Thường trực {hdnd} và các Ban của {hdnd}; khắc phục {} nội dung còn tồn tại, hạn chế theo đúng lộ trình. Kết quả khắc phục được báo cáo Thường trực {hdnd} đúng thời hạn.",
                    cnt(n)
                ),
                vec![fig(
                    "Nội dung kiến nghị sau giám sát đã khắc phục",
                    n,
                    "nội dung",
                )],
                format!(
                    "khắc phục {} nội dung theo kiến nghị sau giám sát của {hdnd}",
                    cnt(n)
                ),
            )
        }
    }
}

/// Areas a person works in, by content item.
const AREAS: [&str; 4] = [
    "công tác thông tin, tuyên truyền và thi đua, khen thưởng",
    "công tác pháp chế, phổ biến, giáo dục pháp luật",
    "xây dựng và theo dõi việc thực hiện các nghị quyết của HĐND",
    "công tác tiếp công dân, giải quyết kiến nghị của cử tri và đơn thư",
];

// ---------------------------------------------------------------------------
// One unit

struct Initiative {
    id: String,
    title: String,
    number: String,
    date: NaiveDate,
}

struct PersonData {
    full_name: String,
    female: bool,
    birth_year: i32,
    cccd: String,
    position: String,
    staff_kind: &'static str,
    leader: bool,
    ethnicity: &'static str,
    home_town: String,
}

struct Earlier {
    year: i32,
    name: String,
    decision: String,
}

struct Nomination {
    id: String,
    person: Option<PersonData>,
    criteria: Vec<&'static str>,
    achievements: Vec<usize>,
    initiative: Option<usize>,
    summary: String,
    situation: Vec<String>,
    duties: Vec<String>,
    earlier: Vec<Earlier>,
}

/// What the appraisal needs of a unit written.
struct UnitOut {
    id: String,
    yaml: String,
    /// Nomination ids, with whether they are collectives.
    nominations: Vec<(String, bool)>,
}

fn position(rng: &mut Rng, p: &Profile, office: &str) -> (String, bool, &'static str) {
    // Mostly non-leading công chức who do the work themselves.
    let roll = rng.below(100);
    if roll < 10 {
        let title = if let Some(rest) = office.strip_prefix("Phòng ") {
            format!("{} phòng {rest}", rng.pick(&["Trưởng", "Phó Trưởng"]))
        } else if office.starts_with("Văn phòng") {
            format!("Phó Chánh {office}")
        } else if let Some(rest) = office.strip_prefix("Thanh tra") {
            format!("Phó Chánh Thanh tra{rest}")
        } else {
            format!("Phó Trưởng {office}")
        };
        return (title, true, "công chức");
    }
    if roll < 25
        && let Some(centre) = &p.centre
    {
        let what = rng.pick(&["Viên chức", "Viên chức", "Kế toán viên"]);
        return (format!("{what} {centre}"), false, "viên chức");
    }
    if roll < 33 {
        return (
            format!(
                "{} {}",
                rng.pick(&["Nhân viên", "Nhân viên văn thư"]),
                p.offices[0]
            ),
            false,
            "người lao động",
        );
    }
    let what = rng.pick(&[
        "Chuyên viên",
        "Chuyên viên",
        "Chuyên viên",
        "Chuyên viên chính",
    ]);
    (format!("{what} {office}"), false, "công chức")
}

fn home_town(rng: &mut Rng, p: &Profile) -> String {
    let commune = rng.pick(COMMUNES);
    match &p.district {
        Some(d) if rng.chance(0.7) => format!("{} {d}, tỉnh Lạng Sơn", local_level(p)),
        _ => format!(
            "xã {commune}, huyện {}, tỉnh Lạng Sơn",
            rng.pick(&DISTRICTS[..10])
        ),
    }
}

fn gen_unit(rng: &mut Rng, p: &Profile, per_unit: usize, people: &mut People) -> UnitOut {
    let head_female = rng.chance(0.25);
    let head = person_name(rng, head_female);
    let deputy_signs = rng.chance(0.3);
    let deputy = any_name(rng, 0.35);
    let plan_number = rng.int(20, 260);
    // A local unit's plan is issued again once it takes over (01/7/2025).
    let plan_date = if p.predecessor.is_some() {
        rng.date(ymd(2025, 7, 5), ymd(2025, 8, 15))
    } else {
        rng.date(ymd(2024, 5, 20), ymd(2024, 7, 31))
    };

    let mut achievements: Vec<Achievement> = Vec::new();
    let mut initiatives: Vec<Initiative> = Vec::new();
    // Nominations: the unit itself, then individuals.
    let mut noms: Vec<Nomination> = Vec::new();
    let mut used_ids: HashSet<String> = HashSet::new();
    for k in 0..per_unit {
        let collective = k == 0;
        let count = if collective { 2 } else { 1 + rng.below(2) };
        let first = rng.below(4);
        let items: Vec<usize> = (0..count)
            .map(|j| (first + j * (1 + rng.below(3))) % 4)
            .collect();
        let cited: Vec<usize> = items
            .iter()
            .map(|&it| add_achievement(rng, p, &mut achievements, it))
            .collect();
        let with_initiative = rng.chance(if collective { 0.5 } else { 0.15 });
        let initiative =
            with_initiative.then(|| add_initiative(rng, p, &mut initiatives, items[0]));
        let mut criteria = vec![if collective {
            "tt-hieu-qua"
        } else {
            "cn-tham-muu"
        }];
        if initiative.is_some() {
            criteria.push(if collective {
                "tt-sang-kien"
            } else {
                "cn-sang-kien"
            });
        }
        let phrases: Vec<&str> = cited
            .iter()
            .map(|&a| achievements[a].phrase.as_str())
            .collect();
        let init_note = initiative.map(|i| {
            format!(
                "; có giải pháp được công nhận theo Quyết định số {}",
                initiatives[i].number
            )
        });
        if collective {
            let units_count = rng.int(4, 12);
            let staff = rng.int(45, 420);
            let cells = rng.int(3, 14);
            let situation = match &p.district {
                None => format!(
                    "{} là {} thuộc UBND tỉnh Lạng Sơn. Cơ cấu tổ chức gồm {} phòng, đơn vị trực thuộc với tổng số {} công chức, viên chức, người lao động; Đảng bộ cơ quan có {} chi bộ trực thuộc, các tổ chức đoàn thể hoạt động có hiệu quả.",
                    p.name,
                    if p.kind == "sở" {
                        "cơ quan chuyên môn"
                    } else {
                        "cơ quan"
                    },
                    cnt(units_count),
                    num(staff),
                    cnt(cells)
                ),
                Some(d) => {
                    let merged = rng.int(2, 4);
                    let pop = rng.int(8, 40) * 1_000;
                    let former = p.predecessor.as_ref().map_or("", |f| f.name.as_str());
                    if p.kind == "UBND phường" {
                        format!(
                            "Phường {d} được thành lập từ ngày 01/7/2025 khi sắp xếp đơn vị hành chính, tổ chức chính quyền địa phương hai cấp, dân số khoảng {} người; UBND phường tiếp nhận hồ sơ, kết quả thực hiện phong trào thi đua của {former} (cấp huyện kết thúc hoạt động).",
                            num(pop)
                        )
                    } else {
                        format!(
                            "Xã {d} được thành lập từ ngày 01/7/2025 trên cơ sở sắp xếp {} xã, thị trấn, dân số khoảng {} người, các dân tộc Tày, Nùng, Kinh, Dao cùng sinh sống; UBND xã tiếp nhận hồ sơ, kết quả thực hiện phong trào thi đua của {former} (cấp huyện kết thúc hoạt động).",
                            cnt(merged),
                            num(pop)
                        )
                    }
                }
            };
            let duties = match &p.district {
                None => format!(
                    "{} có chức năng tham mưu, giúp UBND tỉnh quản lý nhà nước về {}; thực hiện các nhiệm vụ, quyền hạn theo sự phân cấp, ủy quyền của UBND tỉnh và theo quy định của pháp luật.",
                    p.name, p.field
                ),
                Some(_) => format!(
                    "{} là cơ quan hành chính nhà nước ở địa phương, chịu trách nhiệm trước {} và UBND tỉnh; tổ chức thực hiện Hiến pháp, pháp luật, nghị quyết của {} và các văn bản của cơ quan nhà nước cấp trên trên địa bàn.",
                    p.name, p.hdnd, p.hdnd
                ),
            };
            let mut summary = format!(
                "Triển khai đồng bộ, hiệu quả phong trào thi đua trong {}; {}",
                p.scope,
                phrases.join("; ")
            );
            summary.push_str(init_note.as_deref().unwrap_or(""));
            summary.push('.');
            let earlier = if rng.chance(0.5) {
                let year = rng.int(2022, 2023) as i32;
                vec![Earlier {
                    year,
                    name: "Cờ thi đua của UBND tỉnh".to_string(),
                    decision: format!(
                        "Quyết định số {}/QĐ-UBND ngày {} của UBND tỉnh Lạng Sơn",
                        rng.int(120, 480),
                        date_vi(rng.date(ymd(year + 1, 1, 10), ymd(year + 1, 2, 28)))
                    ),
                }]
            } else {
                vec![]
            };
            let id = format!("dn-{}", p.id);
            used_ids.insert(id.clone());
            noms.push(Nomination {
                id,
                person: None,
                criteria,
                achievements: cited,
                initiative,
                summary,
                situation: vec![situation],
                duties: vec![duties],
                earlier,
            });
            continue;
        }
        let female = rng.chance(0.5);
        let full_name = person_name(rng, female);
        let birth_year = rng.int(1968, 2001) as i32;
        let office = rng.pick(&p.offices[..]).clone();
        let (position, leader, staff_kind) = position(rng, p, &office);
        let recruited = (birth_year + rng.int(22, 28) as i32).min(2023);
        let joined = rng.int(recruited as i64, 2024) as i32;
        let degree = rng.pick(&[
            "Đại học Luật",
            "Thạc sĩ Quản lý công",
            "Đại học Hành chính",
            "Đại học Kinh tế",
            "Cử nhân Báo chí",
            "Kỹ sư Công nghệ thông tin",
            "Thạc sĩ Luật",
            "Đại học Sư phạm Ngữ văn",
        ]);
        let politics = rng.pick(&["Sơ cấp", "Trung cấp", "Trung cấp", "Cao cấp"]);
        let situation = match &p.predecessor {
            Some(f) => format!(
                "Trình độ chuyên môn: {degree}; trình độ lý luận chính trị: {politics}. Được tuyển dụng năm {recruited}, công tác tại {} từ năm {joined}, tại {} từ ngày 01/7/2025.",
                f.name, p.name
            ),
            None => format!(
                "Trình độ chuyên môn: {degree}; trình độ lý luận chính trị: {politics}. Được tuyển dụng năm {recruited}, công tác tại {} từ năm {joined}.",
                p.name
            ),
        };
        let area = AREAS[items[0]].replace("HĐND", &p.hdnd);
        let duties = format!(
            "Được phân công tham mưu {area} tại {}; {}",
            if position.contains(&office) {
                office.clone()
            } else {
                p.name.clone()
            },
            rng.pick(&[
                "theo dõi, tổng hợp, báo cáo kết quả thực hiện các nhiệm vụ được giao.",
                "xây dựng kế hoạch, dự thảo văn bản và hướng dẫn, kiểm tra việc thực hiện.",
                "phối hợp với các phòng, đơn vị liên quan triển khai các nhiệm vụ trọng tâm.",
            ])
        );
        let lead = if leader {
            "Chủ trì tham mưu"
        } else {
            rng.pick(&[
                "Trực tiếp tham mưu",
                "Trực tiếp tham mưu",
                "Tích cực tham gia",
            ])
        };
        // Phrases that already say who did what read without the lead.
        let mut summary = if phrases[0].starts_with("tham mưu") || phrases[0].starts_with("chủ trì")
        {
            format!("Trực tiếp {}", phrases.join("; "))
        } else {
            format!("{lead} {}", phrases.join("; "))
        };
        if let Some(i) = initiative {
            write!(
                summary,
                "; là tác giả giải pháp được công nhận theo Quyết định số {}",
                initiatives[i].number
            )
            .ok();
        }
        summary.push('.');
        let earlier = if rng.chance(0.3) {
            let year = rng.int(2022, 2024) as i32;
            let granting = issuer_on(p, ymd(year + 1, 1, 5));
            let name = if rng.chance(0.5) {
                "Chiến sĩ thi đua cơ sở".to_string()
            } else {
                format!("Giấy khen của {granting}")
            };
            vec![Earlier {
                year,
                name,
                decision: format!(
                    "Quyết định số {}/QĐ-{} ngày {} của {}",
                    rng.int(12, 980),
                    p.symbol,
                    date_vi(rng.date(ymd(year + 1, 1, 5), ymd(year + 1, 2, 28))),
                    granting
                ),
            }]
        } else {
            vec![]
        };
        let base = format!("dn-{}", slug(&full_name));
        let mut id = base.clone();
        let mut k = 2;
        while !used_ids.insert(id.clone()) {
            id = format!("{base}-{k}");
            k += 1;
        }
        let person = PersonData {
            cccd: people.cccd(female, birth_year),
            ethnicity: ethnicity(rng, &full_name),
            home_town: home_town(rng, p),
            full_name,
            female,
            birth_year,
            position,
            staff_kind,
            leader,
        };
        noms.push(Nomination {
            id,
            person: Some(person),
            criteria,
            achievements: cited,
            initiative,
            summary,
            situation: vec![situation],
            duties: vec![duties],
            earlier,
        });
    }

    // Initiatives no nomination cites: recognised ones, and now and then one
    // still awaiting its decision (it backs no criterion, TD0212).
    for _ in 0..1 + rng.below(2) {
        let item = rng.below(4);
        add_initiative(rng, p, &mut initiatives, item);
    }
    let pending = rng.chance(0.3).then_some(initiatives.len());
    if pending.is_some() {
        let item = rng.below(4);
        add_initiative(rng, p, &mut initiatives, item);
    }

    // Giấy khen: 3–8 recipients, each with an achievement of its own (TD0220).
    let recipients_n = rng.int(3, 8) as usize;
    let collectives_n = (recipients_n / 3).max(1);
    let offices = rng.sample(p.offices.len(), collectives_n);
    let mut recipients: Vec<(String, &'static str, String, usize)> = Vec::new();
    for j in 0..recipients_n {
        let item = rng.below(4);
        let a = add_achievement(rng, p, &mut achievements, item);
        if j < offices.len() {
            let office = &p.offices[offices[j]];
            let (name, position) = match &p.district {
                Some(d) => {
                    let level = local_level(p);
                    let name = if office.ends_with(level) {
                        format!("{office} {d}")
                    } else {
                        format!("{office} {level} {d}")
                    };
                    (name, format!("Cơ quan chuyên môn thuộc UBND {level}"))
                }
                None => (office.clone(), format!("Phòng, đơn vị thuộc {}", p.name)),
            };
            recipients.push((name, "collective", position, a));
        } else {
            let name = any_name(rng, 0.5);
            let office = rng.pick(&p.offices[..]);
            recipients.push((name, "individual", format!("Chuyên viên {office}"), a));
        }
    }

    // Dates: Giấy khen, council, then submission by 05/12/2025.
    let submission = rng.date(ymd(2025, 10, 15), ymd(2025, 12, 5));
    let council = submission - Days::new(rng.int(2, 12) as u64);
    let giay_khen = rng.date(ymd(2025, 10, 1), council);
    let members = rng.int(7, 15);
    let present = members - rng.int(0, 2);
    let floor = ((members * 7 + 9) / 10).max(present - 2);

    // Cited by creation index; listed by date.
    let ach_ids: Vec<String> = achievements.iter().map(|a| a.id.clone()).collect();
    achievements.sort_by_key(|a| a.date);

    // --- YAML
    let mut y = String::with_capacity(4096 * per_unit + 16_384);
    let o = &mut y;
    writeln!(
        o,
        "# Synthetic unit written by `cargo run --example synth` for benchmarks."
    )
    .ok();
    writeln!(o, "kind: unit").ok();
    writeln!(o, "id: {}", p.id).ok();
    writeln!(o, "name: {}", q(&p.name)).ok();
    writeln!(o, "unit_kind: {}", q(p.kind)).ok();
    writeln!(o, "governing_body: [{}]", list(&p.governing)).ok();
    writeln!(o, "issuing_body: [{}]", list(&p.issuing)).ok();
    writeln!(o, "symbol: {}", q(&p.symbol)).ok();
    writeln!(o, "place: {}", q(&p.place)).ok();
    if let Some(f) = &p.predecessor {
        writeln!(o, "predecessors:").ok();
        writeln!(o, "  - id: {}", f.id).ok();
        writeln!(o, "    name: {}", q(&f.name)).ok();
        writeln!(o, "    until: {}", handover()).ok();
    }
    writeln!(
        o,
        "head: {{ title: {}, name: {} }}",
        q(&p.head_title),
        q(&head)
    )
    .ok();
    writeln!(o, "signer:").ok();
    let (authority, title, signer) = if deputy_signs {
        let mut a = p.authority.clone();
        a.push(format!("KT. {}", p.head_title));
        (a, format!("PHÓ {}", p.head_title), deputy.clone())
    } else {
        (p.authority.clone(), p.head_title.clone(), head.clone())
    };
    writeln!(o, "  authority: [{}]", list(&authority)).ok();
    writeln!(o, "  title: {}", q(&title)).ok();
    writeln!(o, "  name: {}", q(&signer)).ok();

    writeln!(o, "\nplan:").ok();
    writeln!(o, "  number: {plan_number}").ok();
    writeln!(o, "  date: {plan_date}").ok();
    writeln!(o, "  tasks:").ok();
    // One task per content item, and a second one for up to two of them,
    // worded the other way.
    let extra = rng.below(3);
    let mut task_items: Vec<(usize, bool)> = (0..4).map(|i| (i, rng.chance(0.5))).collect();
    for i in rng.sample(4, extra) {
        let other = !task_items[i].1;
        task_items.push((i, other));
    }
    task_items.sort_by_key(|&(i, _)| i);
    for (item, second) in task_items {
        let (text, target) = task_text(rng, p, item, second);
        let lead = rng.pick(&p.offices[..]);
        let deadlines: &[&str] = if p.predecessor.is_some() {
            &["2025-09-30", "2025-12-15", "2025-12-31"]
        } else {
            &[
                "2024-09-30",
                "2024-12-31",
                "2025-06-30",
                "2025-09-30",
                "2025-12-15",
                "2025-12-31",
            ]
        };
        let deadline = rng.pick(deadlines);
        writeln!(o, "    - content_item: {}", ITEMS[item]).ok();
        writeln!(o, "      text: {}", q(&text)).ok();
        writeln!(o, "      lead: {}", q(lead)).ok();
        writeln!(o, "      deadline: {deadline}").ok();
        writeln!(o, "      target: {}", q(&target)).ok();
    }

    writeln!(o, "\nachievements:").ok();
    for a in &achievements {
        writeln!(o, "  - id: {}", a.id).ok();
        writeln!(o, "    content_item: {}", ITEMS[a.item]).ok();
        writeln!(o, "    date: {}", a.date).ok();
        if let Some(f) = &p.predecessor
            && a.date <= handover()
        {
            writeln!(o, "    by: {}", f.id).ok();
        }
        writeln!(o, "    text: {}", q(&a.text)).ok();
        writeln!(o, "    figures:").ok();
        for f in &a.figures {
            writeln!(
                o,
                "      - {{ label: {}, value: {}, unit: {} }}",
                q(&f.label),
                f.value,
                q(f.unit)
            )
            .ok();
        }
    }

    if initiatives.is_empty() {
        writeln!(o, "\ninitiatives: []").ok();
    } else {
        writeln!(o, "\ninitiatives:").ok();
    }
    for (k, i) in initiatives.iter().enumerate() {
        writeln!(o, "  - id: {}", i.id).ok();
        writeln!(o, "    title: {}", q(&i.title)).ok();
        if pending == Some(k) {
            continue;
        }
        writeln!(
            o,
            "    decision: {{ number: {}, date: {}, issuer: {} }}",
            q(&i.number),
            i.date,
            q(issuer_on(p, i.date))
        )
        .ok();
    }

    writeln!(o, "\ngiay_khen:").ok();
    writeln!(o, "  number: {}", rng.int(120, 3_200)).ok();
    writeln!(o, "  date: {giay_khen}").ok();
    writeln!(o, "  executors:").ok();
    let executors: Vec<String> = match &p.district {
        Some(_) => {
            let level = local_level(p);
            vec![
                format!("Chánh Văn phòng HĐND và UBND {level}"),
                format!("Trưởng phòng Văn hóa - Xã hội {level}"),
                "Thủ trưởng các cơ quan, đơn vị có liên quan".to_string(),
                "Các tập thể, cá nhân có tên tại Điều 1".to_string(),
            ]
        }
        None => vec![
            format!("Chánh {}", p.offices[0]),
            format!("Thủ trưởng các phòng, đơn vị thuộc {}", p.name),
            "Các tập thể, cá nhân có tên tại Điều 1".to_string(),
        ],
    };
    for e in &executors {
        writeln!(o, "    - {}", q(e)).ok();
    }
    writeln!(o, "  recipients:").ok();
    for (name, subject, position, a) in &recipients {
        writeln!(o, "    - name: {}", q(name)).ok();
        writeln!(o, "      subject: {subject}").ok();
        writeln!(o, "      position: {}", q(position)).ok();
        writeln!(o, "      achievements: [{}]", ach_ids[*a]).ok();
    }

    writeln!(o, "\nnominations:").ok();
    for n in &noms {
        writeln!(o, "  - id: {}", n.id).ok();
        writeln!(o, "    award: {AWARD}").ok();
        match &n.person {
            None => {
                writeln!(
                    o,
                    "    collective: {{ name: {}, kind: {} }}",
                    q(&p.full),
                    q(p.kind)
                )
                .ok();
            }
            Some(pd) => {
                writeln!(o, "    person:").ok();
                writeln!(o, "      full_name: {}", q(&pd.full_name)).ok();
                writeln!(
                    o,
                    "      gender: {}",
                    q(if pd.female { "nữ" } else { "nam" })
                )
                .ok();
                writeln!(o, "      birth_year: {}", pd.birth_year).ok();
                writeln!(o, "      cccd: {}", q(&pd.cccd)).ok();
                writeln!(o, "      position: {}", q(&pd.position)).ok();
                writeln!(o, "      staff_kind: {}", q(pd.staff_kind)).ok();
                writeln!(o, "      leader: {}", pd.leader).ok();
                writeln!(o, "      direct_worker: {}", !pd.leader).ok();
                writeln!(o, "      discipline: {}", q("không")).ok();
                writeln!(o, "      ethnicity: {}", q(pd.ethnicity)).ok();
                writeln!(o, "      home_town: {}", q(&pd.home_town)).ok();
            }
        }
        writeln!(o, "    criteria: [{}]", n.criteria.join(", ")).ok();
        let ids: Vec<&str> = n
            .achievements
            .iter()
            .map(|&a| ach_ids[a].as_str())
            .collect();
        writeln!(o, "    achievements: [{}]", ids.join(", ")).ok();
        if let Some(i) = n.initiative {
            writeln!(o, "    initiatives: [{}]", initiatives[i].id).ok();
        }
        writeln!(o, "    summary: {}", q(&n.summary)).ok();
        writeln!(o, "    situation:").ok();
        for s in &n.situation {
            writeln!(o, "      - {}", q(s)).ok();
        }
        writeln!(o, "    duties:").ok();
        for s in &n.duties {
            writeln!(o, "      - {}", q(s)).ok();
        }
        if !n.earlier.is_empty() {
            writeln!(o, "    earlier_awards:").ok();
            for e in &n.earlier {
                writeln!(o, "      - year: {}", e.year).ok();
                writeln!(o, "        name: {}", q(&e.name)).ok();
                writeln!(o, "        decision: {}", q(&e.decision)).ok();
            }
        }
    }

    let number = rng.int(150, 3_000);
    let established = if p.predecessor.is_some() {
        rng.date(ymd(2025, 7, 1), ymd(2025, 8, 31))
    } else {
        rng.date(ymd(2024, 3, 1), ymd(2025, 6, 30))
    };
    let secretary = any_name(rng, 0.6);
    writeln!(o, "\nsubmission:").ok();
    writeln!(o, "  number: {number}").ok();
    writeln!(o, "  date: {submission}").ok();
    writeln!(o, "  council:").ok();
    writeln!(o, "    date: {council}").ok();
    let place = match &p.district {
        Some(d) => {
            let level = local_level(p);
            format!(
                "Phòng họp tầng {}, trụ sở HĐND - UBND {level} {d}",
                rng.int(2, 4)
            )
        }
        None => format!("Phòng họp số {}, {} tỉnh Lạng Sơn", rng.int(1, 3), p.name),
    };
    writeln!(o, "    place: {}", q(&place)).ok();
    writeln!(
        o,
        "    established_by: {}",
        q(&format!(
            "Quyết định số {}/QĐ-{} ngày {} của {}",
            rng.int(10, 1_900),
            p.symbol,
            date_vi(established),
            p.head_ref
        ))
    )
    .ok();
    writeln!(o, "    members: {members}").ok();
    writeln!(o, "    present: {present}").ok();
    writeln!(o, "    chair: {}", q(&head)).ok();
    writeln!(o, "    secretary: {}", q(&secretary)).ok();
    writeln!(o, "    votes:").ok();
    for n in &noms {
        let votes = rng.int(floor, present);
        writeln!(o, "      - {{ nomination: {}, in_favour: {votes} }}", n.id).ok();
    }

    writeln!(o, "\nreport:").ok();
    writeln!(o, "  number: {}", number + rng.int(1, 6)).ok();
    writeln!(o, "  date: {submission}").ok();
    let plan_ref = format!(
        "Kế hoạch số {plan_number}/KH-{} ngày {}",
        p.symbol,
        date_vi(plan_date)
    );
    for (key, lines) in report_texts(rng, p, &plan_ref) {
        writeln!(o, "  {key}:").ok();
        for l in lines {
            writeln!(o, "    - {}", q(&l)).ok();
        }
    }

    UnitOut {
        id: p.id.clone(),
        yaml: y,
        nominations: noms
            .iter()
            .map(|n| (n.id.clone(), n.person.is_none()))
            .collect(),
    }
}

fn add_achievement(rng: &mut Rng, p: &Profile, list: &mut Vec<Achievement>, item: usize) -> usize {
    let (text, figures, phrase) = achievement_text(rng, p, item);
    let n = list.len() + 1;
    list.push(Achievement {
        id: format!("{}-{}-{n:03}", p.abbr, ITEM_SHORT[item]),
        item,
        date: rng.date(ymd(2024, 7, 1), ymd(2025, 9, 30)),
        text,
        figures,
        phrase,
    });
    n - 1
}

fn add_initiative(rng: &mut Rng, p: &Profile, list: &mut Vec<Initiative>, item: usize) -> usize {
    let object = match item {
        0 => "tuyên truyền về phong trào thi đua trên nền tảng số".to_string(),
        1 => "phổ biến, giáo dục pháp luật cho cán bộ, công chức".to_string(),
        2 => format!("thực hiện các nghị quyết của {}", p.hdnd),
        _ => rng
            .pick(&[
                "tổng hợp, theo dõi giải quyết kiến nghị của cử tri",
                "tiếp nhận, xử lý đơn khiếu nại, tố cáo, kiến nghị, phản ánh của công dân",
            ])
            .to_string(),
    };
    let how = rng.pick(&[
        "Giải pháp số hóa quy trình",
        "Giải pháp ứng dụng phần mềm quản lý văn bản và điều hành trong",
        "Giải pháp nâng cao chất lượng",
        "Giải pháp lập bảng theo dõi, cảnh báo tiến độ",
        "Giải pháp chuẩn hóa biểu mẫu, quy trình",
        "Sáng kiến đổi mới cách thức",
    ]);
    let n = list.len() + 1;
    let number = format!("{}/QĐ-{}", rng.int(45, 2_400), p.symbol);
    let date = rng.date(ymd(2024, 9, 1), ymd(2025, 9, 30));
    // Before the hand-over, at the predecessor.
    let at = match &p.predecessor {
        Some(f) if date <= handover() => &f.name,
        _ => &p.name,
    };
    list.push(Initiative {
        id: format!("sk-{}-{n:02}", p.abbr),
        title: format!("{how} {object} tại {at}"),
        number,
        date,
    });
    n - 1
}

fn list(xs: &[String]) -> String {
    xs.iter().map(|s| q(s)).collect::<Vec<_>>().join(", ")
}

fn task_text(rng: &mut Rng, p: &Profile, item: usize, second: bool) -> (String, String) {
    match (item, second) {
        (0, false) => (
            format!("Tuyên truyền về mục đích, ý nghĩa của Ngày Tổng tuyển cử đầu tiên bầu Quốc hội Việt Nam và phong trào thi đua trên Trang thông tin điện tử {}, hệ thống truyền thanh và tại các hội nghị.", p.own),
            format!("Tối thiểu {} tin, bài mỗi tháng", cnt(rng.int(2, 8))),
        ),
        (0, true) => (
            format!("Phát động phong trào thi đua, hướng dẫn đăng ký thi đua trong {}; biểu dương kịp thời các điển hình tiên tiến.", p.scope),
            "100% phòng, đơn vị đăng ký thi đua".to_string(),
        ),
        (1, false) => (
            format!("Phổ biến các luật mới được Quốc hội thông qua và các văn bản quy phạm pháp luật của HĐND, UBND các cấp cho {}.", p.audience),
            format!("Mỗi năm ít nhất {} hội nghị", cnt(rng.int(2, 6))),
        ),
        (1, true) => (
            format!("Rà soát, hệ thống hóa văn bản quy phạm pháp luật thuộc lĩnh vực {}; kiến nghị sửa đổi, bổ sung văn bản không còn phù hợp.", p.field),
            "100% văn bản được rà soát đúng kỳ".to_string(),
        ),
        (2, false) => (
            format!("Tham mưu trình {} các nghị quyết thuộc lĩnh vực được giao; tổ chức thực hiện sau khi được thông qua.", p.hdnd),
            "Trình đúng tiến độ 100% nghị quyết được giao chủ trì".to_string(),
        ),
        (2, true) => (
            format!("Theo dõi, đôn đốc và báo cáo kết quả thực hiện các nghị quyết của {} phục vụ các kỳ họp.", p.hdnd),
            "Báo cáo đúng thời hạn 100% kỳ báo cáo".to_string(),
        ),
        (_, false) => (
            format!("Giải quyết ý kiến, kiến nghị của cử tri {}; phối hợp tổ chức các cuộc tiếp xúc cử tri và các kỳ họp của {}.", p.about, p.hdnd),
            "100% kiến nghị của cử tri được trả lời đúng hạn".to_string(),
        ),
        (_, true) => (
            "Thực hiện tốt công tác tiếp công dân; tiếp nhận, xử lý và giải quyết đơn khiếu nại, tố cáo, kiến nghị, phản ánh thuộc thẩm quyền.".to_string(),
            format!("Giải quyết trên {}% đơn thuộc thẩm quyền", rng.int(90, 98)),
        ),
    }
}

fn report_texts(rng: &mut Rng, p: &Profile, plan_ref: &str) -> Vec<(&'static str, Vec<String>)> {
    // One to `most` paragraphs of a pool.
    let pick = |rng: &mut Rng, pool: &[String], most: usize| -> Vec<String> {
        let k = 1 + rng.below(most);
        rng.sample(pool.len(), k)
            .into_iter()
            .map(|i| pool[i].clone())
            .collect()
    };
    let issued = match &p.predecessor {
        Some(f) => format!(
            "{} tiếp nhận kết quả thực hiện phong trào của {} từ ngày 01/7/2025, ban hành {plan_ref} thực hiện phong trào thi đua trên địa bàn; quán triệt đến toàn thể cán bộ, công chức, viên chức, người lao động.",
            p.name, f.name
        ),
        None => format!(
            "{} ban hành {plan_ref} thực hiện phong trào thi đua ngay sau khi có Kế hoạch của UBND tỉnh; quán triệt đến toàn thể cán bộ, công chức, viên chức, người lao động.",
            p.name
        ),
    };
    let organisation = vec![
        issued,
        "Phong trào được đưa vào nội dung giao ban định kỳ; các phòng, đơn vị đăng ký chỉ tiêu thi đua gắn với nhiệm vụ chuyên môn được giao.".to_string(),
        "Thành lập Tổ giúp việc theo dõi phong trào; định kỳ sơ kết, đánh giá kết quả và kịp thời biểu dương các tập thể, cá nhân tiêu biểu.".to_string(),
        "Phối hợp chặt chẽ với cấp ủy và các tổ chức đoàn thể trong việc phát động, tổ chức thực hiện phong trào.".to_string(),
    ];
    let highlights = vec![
        format!("Nhiều cá nhân chủ động đề xuất sáng kiến, giải pháp trong tham mưu thực hiện các nghị quyết của {}.", p.hdnd),
        "Công tác tuyên truyền được đổi mới về hình thức, ứng dụng mạng xã hội và nền tảng số, lan tỏa rộng rãi ý nghĩa của phong trào.".to_string(),
        "Công tác tiếp công dân, giải quyết kiến nghị của cử tri được thực hiện nghiêm túc, không để tồn đọng, kéo dài.".to_string(),
    ];
    let strengths = vec![
        "Phong trào được triển khai kịp thời, đồng bộ, gắn với nhiệm vụ chính trị của cơ quan, đơn vị.".to_string(),
        "Cán bộ, công chức, viên chức, người lao động tích cực hưởng ứng; nhiều điển hình tiên tiến được phát hiện, nhân rộng.".to_string(),
        "Việc bình xét, đề nghị khen thưởng bảo đảm công khai, dân chủ, đúng quy định.".to_string(),
    ];
    let limits = vec![
        "Việc sơ kết, nhân rộng điển hình ở một số phòng, đơn vị còn chậm.".to_string(),
        "Tỷ lệ cá nhân trực tiếp lao động, công tác được đề nghị khen thưởng chưa cao.".to_string(),
        "Một số báo cáo thành tích còn chung chung, chưa nêu rõ số liệu cụ thể.".to_string(),
    ];
    let causes = vec![
        "Khối lượng công việc sắp xếp tổ chức bộ máy năm 2025 rất lớn.".to_string(),
        "Cán bộ làm công tác thi đua, khen thưởng phần lớn kiêm nhiệm.".to_string(),
    ];
    let lessons = vec![
        "Lãnh đạo trực tiếp chỉ đạo, gắn chỉ tiêu thi đua với kết quả đánh giá, xếp loại cuối năm.".to_string(),
        "Phát hiện, bồi dưỡng điển hình tiên tiến ngay từ cơ sở và kịp thời biểu dương, khen thưởng.".to_string(),
        "Phối hợp chặt chẽ giữa thủ trưởng cơ quan với cấp ủy và các tổ chức đoàn thể.".to_string(),
    ];
    let next_steps = vec![
        "Tiếp tục triển khai các nội dung phong trào đến hết ngày 31/12/2025.".to_string(),
        "Tổ chức tổng kết, đánh giá kết quả phong trào; nhân rộng các điển hình tiên tiến."
            .to_string(),
    ];
    let proposals = vec![
        "Đề nghị Chủ tịch UBND tỉnh xem xét tặng Bằng khen cho các tập thể, cá nhân có thành tích tiêu biểu.".to_string(),
        "Đề nghị Sở Nội vụ tiếp tục hướng dẫn, tập huấn nghiệp vụ thi đua, khen thưởng cho cán bộ làm công tác thi đua.".to_string(),
    ];
    vec![
        ("organisation", pick(rng, &organisation, 2)),
        ("highlights", pick(rng, &highlights, 2)),
        ("strengths", pick(rng, &strengths, 2)),
        ("limits", pick(rng, &limits, 1)),
        ("causes", pick(rng, &causes, 1)),
        ("lessons", pick(rng, &lessons, 2)),
        ("next_steps", pick(rng, &next_steps, 2)),
        ("proposals", pick(rng, &proposals, 1)),
    ]
}

// ---------------------------------------------------------------------------
// The appraisal

struct AppraisalOut {
    yaml: String,
    failed: usize,
    /// Nominees per national submission.
    national: Vec<usize>,
}

const FAIL_REASONS: &[&str] = &[
    "thành tích chưa gắn với các nội dung thi đua tại mục II của Kế hoạch, chưa có số liệu cụ thể",
    "báo cáo thành tích chưa thể hiện rõ vai trò của cá nhân trong thành tích chung của tập thể",
    "thành tích chưa tiêu biểu, xuất sắc so với tiêu chuẩn Bằng khen của Chủ tịch UBND tỉnh",
    "hồ sơ chưa thể hiện kết quả áp dụng, hiệu quả của sáng kiến, giải pháp",
];

fn gen_appraisal(rng: &mut Rng, units: &[UnitOut]) -> AppraisalOut {
    let all: Vec<(&str, &str, bool)> = units
        .iter()
        .flat_map(|u| {
            u.nominations
                .iter()
                .map(move |(n, c)| (u.id.as_str(), n.as_str(), *c))
        })
        .collect();
    // About 5% fail, chosen deterministically.
    let fail_n = ((all.len() as f64) * 0.05).round() as usize;
    let failed: HashSet<usize> = rng.sample(all.len(), fail_n).into_iter().collect();
    let passed: Vec<usize> = (0..all.len()).filter(|i| !failed.contains(i)).collect();
    let (members, present) = (13, 12);
    let votes: Vec<i64> = passed.iter().map(|_| rng.int(9, present)).collect();
    // About 1% of the passed ones for each national award, disjoint, from
    // those the council backed most.
    let per_award = ((passed.len() as f64) * 0.01).round().max(1.0) as usize;
    let mut pool: Vec<usize> = (0..passed.len())
        .filter(|&k| votes[k] >= present - 1)
        .collect();
    if pool.len() < 2 * per_award {
        pool = (0..passed.len()).collect();
    }
    // At least one stays for the provincial decision.
    let wanted = (2 * per_award)
        .min(pool.len())
        .min(passed.len().saturating_sub(1));
    let chosen: Vec<usize> = rng
        .sample(pool.len(), wanted)
        .into_iter()
        .map(|k| passed[pool[k]])
        .collect();
    let mut thu_tuong: Vec<usize> = chosen.iter().take(per_award).copied().collect();
    let mut ubtvqh: Vec<usize> = chosen.iter().skip(per_award).copied().collect();
    thu_tuong.sort();
    ubtvqh.sort();

    let mut y = String::with_capacity(160 * all.len() + 4096);
    let o = &mut y;
    writeln!(
        o,
        "# Synthetic appraisal written by `cargo run --example synth` for benchmarks."
    )
    .ok();
    writeln!(o, "kind: appraisal").ok();
    writeln!(o, "appraiser: {}", units[0].id).ok();
    writeln!(o, "\nverdicts:").ok();
    for (i, (u, n, _)) in all.iter().enumerate() {
        if failed.contains(&i) {
            writeln!(o, "  - unit: {u}").ok();
            writeln!(o, "    nomination: {n}").ok();
            writeln!(o, "    result: {}", q("không đạt")).ok();
            writeln!(
                o,
                "    reason: {}",
                q(FAIL_REASONS[rng.below(FAIL_REASONS.len())])
            )
            .ok();
        } else {
            writeln!(
                o,
                "  - {{ unit: {u}, nomination: {n}, result: {} }}",
                q("đạt")
            )
            .ok();
        }
    }
    writeln!(o, "\ncouncil:").ok();
    writeln!(o, "  date: 2025-12-10").ok();
    writeln!(
        o,
        "  place: {}",
        q("Phòng họp số 1, Trụ sở UBND tỉnh Lạng Sơn")
    )
    .ok();
    writeln!(
        o,
        "  established_by: {}",
        q("Quyết định số 1520/QĐ-UBND ngày 01/8/2025 của Chủ tịch UBND tỉnh")
    )
    .ok();
    writeln!(o, "  members: {members}").ok();
    writeln!(o, "  present: {present}").ok();
    writeln!(o, "  chair: {}", q("Dương Xuân Huyền")).ok();
    writeln!(
        o,
        "  chair_title: {}",
        q("Phó Chủ tịch UBND tỉnh, Phó Chủ tịch Thường trực Hội đồng")
    )
    .ok();
    writeln!(o, "  secretary: {}", q("Hoàng Thị Lan")).ok();
    writeln!(o, "  votes:").ok();
    for (k, &i) in passed.iter().enumerate() {
        let (u, n, _) = all[i];
        writeln!(
            o,
            "    - {{ unit: {u}, nomination: {n}, in_favour: {} }}",
            votes[k]
        )
        .ok();
    }
    writeln!(
        o,
        "\nsubmission:\n  date: 2025-12\n  archive: {}",
        q("VT, TĐKT")
    )
    .ok();
    writeln!(o, "\ndecision:").ok();
    writeln!(o, "  date: 2025-12").ok();
    writeln!(o, "  archive: {}", q("VT, NC")).ok();
    writeln!(o, "  prize: {}", q("Tiền thưởng kèm theo Bằng khen thực hiện theo quy định tại Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ, từ nguồn Quỹ thi đua, khen thưởng của tỉnh")).ok();
    writeln!(o, "  executors:").ok();
    for e in [
        "Chánh Văn phòng UBND tỉnh",
        "Giám đốc Sở Nội vụ",
        "Thủ trưởng các cơ quan, đơn vị có liên quan và các tập thể, cá nhân có tên tại Điều 1",
    ] {
        writeln!(o, "    - {}", q(e)).ok();
    }
    let signer = |o: &mut String, indent: &str, authority: &str| {
        writeln!(o, "{indent}signer:").ok();
        writeln!(o, "{indent}  authority: [{authority}]").ok();
        writeln!(o, "{indent}  title: {}", q("PHÓ CHỦ TỊCH")).ok();
        writeln!(o, "{indent}  name: {}", q("Dương Xuân Huyền")).ok();
    };
    signer(o, "  ", &q("KT. CHỦ TỊCH"));
    // A national submission needs nominees: with very few passed, the second goes.
    let national: Vec<(&str, Option<&str>, &Vec<usize>)> = [
        ("bang-khen-thu-tuong", Some("Bộ Nội vụ"), &thu_tuong),
        ("bang-khen-ubtvqh", None, &ubtvqh),
    ]
    .into_iter()
    .filter(|(_, _, n)| !n.is_empty())
    .collect();
    if national.is_empty() {
        writeln!(o, "\nnational: []").ok();
    } else {
        writeln!(o, "\nnational:").ok();
    }
    let national_authority = format!("{}, {}", q("TM. ỦY BAN NHÂN DÂN"), q("KT. CHỦ TỊCH"));
    for &(award, via, nominees) in &national {
        writeln!(o, "  - award: {award}").ok();
        writeln!(o, "    date: 2025-12").ok();
        if let Some(v) = via {
            writeln!(o, "    via: {}", q(v)).ok();
        }
        writeln!(o, "    nominees:").ok();
        for &i in nominees {
            let (u, n, _) = all[i];
            writeln!(o, "      - {{ unit: {u}, nomination: {n} }}").ok();
        }
        writeln!(o, "    archive: {}", q("VT, NC")).ok();
        signer(o, "    ", &national_authority);
    }
    AppraisalOut {
        yaml: y,
        failed: fail_n,
        national: national.iter().map(|(_, _, n)| n.len()).collect(),
    }
}
