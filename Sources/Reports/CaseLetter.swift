import Compliance
import Foundation

/// The letters of a case's steps, in Bahasa Indonesia (the language of official letters):
/// *surat peringatan* I and II to the employer, the TMP2T request to the local government's
/// licensing office, the referral to the state attorney. One A4 page where it fits.
public enum CaseLetter {
    /// `fineRate`: the monthly rate of the administrative fine the letters announce.
    public static func render(
        _ data: CaseLetterData, branch: Configuration.Branch, format: ReportFormat,
        fineRate: Decimal = Cases.defaultFineRate
    ) throws -> String {
        let L = Language.indonesian
        let status = data.status
        let year = data.step.on.prefix(4)
        let kindCode = data.kind.rawValue.uppercased()
        let letterNumber = "\(status.caseID)/\(kindCode)/\(status.branch)/\(year)"
        let branchName = branch.name ?? "Kantor Cabang \(status.branch)"
        let city = branch.city ?? ""
        let dated = (city.isEmpty ? "" : "\(city), ") + CaseText.longDate(data.step.on)

        let findings: [[String: Any]] = data.findings.map { finding in
            [
                "code": finding.category.code, "label": finding.category.label(L), "reason": finding.reason(L),
                "lines": finding.lines(L), "amount": Formatting.rupiah(finding.loss, L),
            ]
        }
        let arrearsTotal = data.arrears.reduce(Decimal(0)) { $0 + $1.outstanding }
        let arrears: [[String: Any]] = data.arrears.map {
            ["period": Formatting.period($0.period, L), "amount": Formatting.rupiah($0.outstanding, L)]
        }
        let deadline: String?
        switch data.kind {
        case .sp1, .sp2: deadline = data.step.deadline
        case .tmp2t, .rujuk: deadline = data.warningII?.deadline
        }
        let provisional = deadline.map { CaseText.isProvisional($0, listedUntil: data.holidaysListedUntil) } ?? false
        let owed = status.atStake + status.fine
        let subject: String
        switch data.kind {
        case .sp1: subject = "Surat Peringatan Pertama (SP I)"
        case .sp2: subject = "Surat Peringatan Kedua (SP II)"
        case .tmp2t: subject = "Permohonan Sanksi Tidak Mendapat Pelayanan Publik Tertentu (TMP2T)"
        case .rujuk: subject = "Permohonan Bantuan Hukum kepada Jaksa Pengacara Negara"
        }
        let context: [String: Any] = [
            "title": "\(subject) — \(status.employerName)",
            "branchName": branchName, "branchAddress": branch.address ?? "", "hasAddress": branch.address != nil,
            "branchCode": status.branch,
            "number": letterNumber, "dated": dated, "subject": subject,
            "employer": status.employerName, "npp": status.npp, "region": status.region,
            "caseID": status.caseID, "runID": status.runID, "period": Formatting.period(status.period, L),
            "isSP1": data.kind == .sp1, "isSP2": data.kind == .sp2, "isTMP2T": data.kind == .tmp2t,
            "isRujuk": data.kind == .rujuk, "toEmployer": data.kind == .sp1 || data.kind == .sp2,
            "findings": findings, "hasFindings": !findings.isEmpty,
            "atStake": Formatting.rupiah(status.atStake, L),
            "arrears": arrears, "hasArrears": !arrears.isEmpty, "arrearsTotal": Formatting.rupiah(arrearsTotal, L),
            "fine": Formatting.rupiah(status.fine, L), "hasFine": status.fine > 0,
            "owed": Formatting.rupiah(owed, L),
            "deadline": deadline.map { CaseText.longDate($0) } ?? "", "hasDeadline": deadline != nil,
            "provisional": provisional,
            "warningI": data.warningI.map {
                "\(status.caseID)/SP1/\(status.branch)/\($0.on.prefix(4)) tanggal \(CaseText.longDate($0.on))"
            } ?? "",
            "hasWarningI": data.warningI != nil && data.kind != .sp1,
            "warningII": data.warningII.map {
                "\(status.caseID)/SP2/\(status.branch)/\($0.on.prefix(4)) tanggal \(CaseText.longDate($0.on))"
            } ?? "",
            "hasWarningII": data.warningII != nil && (data.kind == .tmp2t || data.kind == .rujuk),
            "fineRate": CaseText.percent(fineRate)
                + (fineRate == Cases.defaultFineRate ? " (satu per seribu)" : ""),
            "headTitle": branch.headTitle ?? "Kepala \(branchName)",
            "head": branch.head ?? "", "hasHead": branch.head != nil,
        ]
        return try TemplateRenderer.render("case-letter", format: format, context: context)
    }
}
