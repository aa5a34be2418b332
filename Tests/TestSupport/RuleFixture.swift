import Foundation

/// The hand-computed fixture of the rules (docs/rules.md), shared by the tests that build on
/// it: each employer exercises one case of the rules, audited for June 2025 (as of 2025-07-16).
/// AuditRuleTests works out every rupiah; the case tests open cases from its findings
/// (TUNGGAKAN for ARREARS9, PDS_TK and PDS_UPAH for LEAD0001, PDS_PROGRAM for NOJP0010, all of
/// branch JKT-A; PDS_UPAH for UMKCITY5 of JKT-B).
public enum RuleFixture {
    public static let employers = """
        npp,name,npwp,nib,kbli,scale,risk_group,region_code,branch_code,programs,registered_on,status
        LEAD0001,PT Induk Jaya,0012345678901000,,47111,menengah,1,3171,JKT-A,JKK|JKM|JHT|JP,2019-01-01,aktif
        BRAN0002,PT Induk Jaya Cabang,0012345678901000,,47111,menengah,1,3171,JKT-A,JKK|JKM|JHT|JP,2020-01-01,aktif
        GAPONE03,CV Selisih Satu,,,47111,kecil,1,3171,JKT-A,JKK|JKM|JHT,2020-01-01,aktif
        UNDERTEN,PT Besar Sekali,,,47111,besar,1,3171,JKT-A,JKK|JKM|JHT|JP,2020-01-01,aktif
        UMKCITY5,PT Kota Utara,,,10792,menengah,2,3172,JKT-B,JKK|JKM|JHT|JP,2020-01-01,aktif
        MIKRO006,UD Kecil Mungil,,,47111,mikro,1,3171,JKT-A,JKK|JKM,2020-01-01,aktif
        TAXNEAR7,CV Pas Sembilan Puluh,0099999999999999,,47111,kecil,1,3171,JKT-A,JKK|JKM|JHT,2020-01-01,aktif
        INACTIV8,PT Sudah Tutup,,1111111111111,47111,kecil,1,3171,JKT-A,JKK|JKM|JHT,2015-01-01,nonaktif
        ARREARS9,PT Menunggak,,,47111,menengah,1,3171,JKT-A,JKK|JKM|JHT|JP,2020-01-01,aktif
        NOJP0010,PT Tanpa Pensiun,,,47111,besar,1,3171,JKT-A,JKK|JKM|JHT,2020-01-01,aktif

        """

    public static var contributions: String {
        var rows = ["npp,period,kpj,nik,name,wage"]
        var kpj = 10_000_000_000
        func row(_ npp: String, _ period: String, _ nik: String, _ wage: String) {
            kpj += 1
            rows.append("\(npp),\(period),\(kpj),\(nik),Pekerja,\(wage)")
        }
        row("LEAD0001", "2025-06", "3171014101900001", "6000000")
        row("LEAD0001", "2025-06", "3171014101900002", "6000000")
        row("BRAN0002", "2025-06", "3171014101900003", "7000000")
        for n in 1...3 { row("GAPONE03", "2025-06", "317101410190001\(n)", "5000000") }
        for n in 10...34 { row("UNDERTEN", "2025-06", "31710141019000\(n)", "6000000") }
        row("UMKCITY5", "2025-06", "3172014101900001", "5500000")
        row("UMKCITY5", "2025-06", "3172014101900002", "5700000")
        row("MIKRO006", "2025-06", "3171014101900050", "3000000")
        row("TAXNEAR7", "2025-06", "3171014101900061", "4500000")
        row("TAXNEAR7", "2025-06", "3171014101900062", "4500000")
        for period in ["2025-02", "2025-03", "2025-06"] { row("ARREARS9", period, "3171014101900070", "11000000") }
        row("NOJP0010", "2025-06", "3171014101900080", "12000000")
        return rows.joined(separator: "\n") + "\n"
    }

    public static let workforce = """
        source,period,npp,npwp,nib,name,region_code,headcount,wage_bill
        wlkp,2025-06,LEAD0001,,,PT Induk Jaya,3171,10,
        pajak,2025-06,,01.234.567.8-901.000,,PT Induk Jaya,3171,9,72000000
        wlkp,2025-06,GAPONE03,,,CV Selisih Satu,3171,4,
        wlkp,2025-06,UNDERTEN,,,PT Besar Sekali,3171,27,
        wlkp,2025-06,MIKRO006,,,UD Kecil Mungil,3171,0,
        pajak,2025-06,,0099999999999999,,CV Pas Sembilan Puluh,3171,2,10000000
        oss,2025-06,,,1111111111111,PT Sudah Tutup,3171,5,
        oss,2025-06,,,2222222222222,PT Baru Sekali,3171,12,
        pemda,2025-06,,0077777777777777,2222222222222,PT Baru Sekali,3171,15,
        oss,2025-06,,,3333333333333,Kios Kosong,3171,0,
        wlkp,2025-06,ZZNOBODY,,,Tanpa Jejak,3171,3,

        """

    public static let payments = """
        npp,period,paid_on,amount
        LEAD0001,2025-06,2025-07-05,600000
        LEAD0001,2025-06,2025-07-14,508800
        BRAN0002,2025-06,2025-07-10,646800
        GAPONE03,2025-06,2025-07-10,936000
        UNDERTEN,2025-06,2025-07-10,13860000
        UMKCITY5,2025-06,2025-07-10,1068480
        MIKRO006,2025-06,2025-07-10,16200
        TAXNEAR7,2025-06,2025-07-10,561600
        ARREARS9,2025-06,2025-07-10,1002822
        NOJP0010,2025-06,2025-07-10,748800

        """

    /// The minimum wage file: Kota Administrasi Jakarta Utara's UMK of 2025.
    public static let minimumWages = "region_code,year,amount\n3172,2025,5600000\n"
}
