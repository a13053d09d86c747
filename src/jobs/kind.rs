//! The kinds of document, as the manifest names them (a contract:
//! `../shared/spec/interfaces.md`).

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DocKind {
    /// A plan: the campaign's, or a unit's own.
    KeHoach,
    /// A results report.
    BaoCao,
    /// A submission proposing awards.
    ToTrinh,
    /// A list attached to a submission or a decision.
    DanhSach,
    /// One nominee's achievement report.
    BaoCaoThanhTich,
    /// An award decision.
    QuyetDinh,
    /// A council's minutes.
    BienBan,
    /// The appraisal's statistics report.
    TongHop,
    /// A whole dossier joined into one PDF.
    Packet,
    /// A competitor's self-assessment sheet (scoring campaigns).
    BangDiem,
    /// The scoring and ranking report (scoring campaigns).
    XepHang,
}

impl DocKind {
    /// The manifest's `kind`.
    pub fn as_str(self) -> &'static str {
        match self {
            DocKind::KeHoach => "ke-hoach",
            DocKind::BaoCao => "bao-cao",
            DocKind::ToTrinh => "to-trinh",
            DocKind::DanhSach => "danh-sach",
            DocKind::BaoCaoThanhTich => "bao-cao-thanh-tich",
            DocKind::QuyetDinh => "quyet-dinh",
            DocKind::BienBan => "bien-ban",
            DocKind::TongHop => "tong-hop",
            DocKind::Packet => "packet",
            DocKind::BangDiem => "bang-diem",
            DocKind::XepHang => "xep-hang",
        }
    }
}

impl std::fmt::Display for DocKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<&str> for DocKind {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_as_the_manifest_names_it() {
        for kind in [DocKind::KeHoach, DocKind::BaoCaoThanhTich, DocKind::Packet] {
            assert_eq!(
                serde_json::to_value(kind).unwrap(),
                serde_json::Value::from(kind.as_str())
            );
        }
    }
}
