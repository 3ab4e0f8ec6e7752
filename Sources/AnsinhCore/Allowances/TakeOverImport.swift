import Foundation

/// The ward's existing beneficiaries, taken over from the paper list (or the spreadsheet) when
/// Ansinh starts: one row per person and benefit with the decision already signed, the month
/// it took effect and the last month paid outside Ansinh. Each row becomes a `start` decision
/// with `paid_before`, evaluated from the registry's facts like any decision.
public enum TakeOverImport {
    public static let columns: [ImportColumn] = [
        ImportColumn("national_id", "Số định danh cá nhân", aliases: ["so dinh danh", "cccd", "so cccd", "can cuoc", "ma dinh danh"], required: true),
        ImportColumn("full_name", "Họ và tên", aliases: ["ho ten", "ten"], required: true),
        ImportColumn("benefit", "Chế độ", aliases: ["loai tro cap", "che do huong"]),
        ImportColumn("decision_number", "Số quyết định", aliases: ["so qd", "quyet dinh so"], required: true),
        ImportColumn("signed_date", "Ngày ký", aliases: ["ngay ky quyet dinh", "ngay quyet dinh"], required: true),
        ImportColumn("start_month", "Tháng bắt đầu hưởng", aliases: ["huong tu thang", "thang huong"], required: true),
        ImportColumn("paid_through", "Đã chi trả đến tháng", aliases: ["da chi den thang", "chi tra den thang"]),
        ImportColumn("monthly_amount", "Mức hưởng hằng tháng", aliases: ["muc huong", "so tien hang thang"]),
        ImportColumn("recipient_kind", "Người nhận thay", aliases: ["nguoi nhan"]),
        ImportColumn("recipient_name", "Họ tên người nhận thay", aliases: ["ten nguoi nhan"]),
        ImportColumn("channel", "Hình thức chi trả", aliases: ["hinh thuc nhan"]),
        ImportColumn("account", "Số tài khoản", aliases: ["tai khoan"]),
    ]
    /// A ward's list is some hundreds of rows; a district's a few tens of thousands.
    public static let maxRows = 100_000

    public struct Row: Sendable {
        public let row: Int
        public let nationalID: String
        public let fullName: String
        public let benefit: Benefit
        public let number: String
        public let signedDate: LocalDate?
        public let start: YearMonth?
        /// The first month Ansinh pays: the month after `paid_through`, nil when nothing was paid.
        public let paidBefore: YearMonth?
        public let amount: Int64?
        public let recipientKind: String
        public let recipientName: String
        public let channel: String
        public let account: String
    }

    static let benefits: [String: Benefit] = [
        "": .allowance, "allowance": .allowance, "tro cap": .allowance, "tro cap xa hoi": .allowance, "tro cap hang thang": .allowance,
        "care_support": .careSupport, "care support": .careSupport, "ho tro cham soc": .careSupport, "kinh phi cham soc": .careSupport,
        "nursing": .nursing, "nuoi duong": .nursing, "ho tro nuoi duong": .nursing,
    ]
    static let kinds: [String: RecipientKind] = [
        "": .person, "person": .person, "ban than": .person, "guardian": .guardian, "nguoi giam ho": .guardian, "giam ho": .guardian,
        "carer": .carer, "nguoi cham soc": .carer, "facility": .facility, "co so": .facility,
    ]
    static let channels: [String: PaymentChannel] = [
        "": .cash, "cash": .cash, "tien mat": .cash, "post": .post, "buu dien": .post, "bank": .bank, "ngan hang": .bank, "chuyen khoan": .bank,
    ]

    /// `YYYY-MM`, `MM/YYYY` or `M/YYYY`.
    public static func month(_ text: String) -> YearMonth? {
        if let m = YearMonth(iso: text) { return m }
        let parts = text.split(separator: "/")
        guard parts.count == 2, parts[1].count == 4, let m = Int(parts[0]), let y = Int(parts[1]) else { return nil }
        return YearMonth(year: y, month: m)
    }

    /// Reads data row `i`; the errors that need no database come back with it.
    public static func parse(_ t: ImportTable, _ i: Int, today: LocalDate) -> (Row, [FieldError]) {
        let n = ImportTable.rowNumber(i)
        var errors: [FieldError] = []
        func fail(_ field: String, _ key: String, _ args: [String: String] = [:]) {
            errors.append(FieldError(field: field, message: Message(key, args), row: n))
        }
        var id = NationalID.normalise(t.cell(i, "national_id"))
        if (9...11).contains(id.count) && id.allSatisfy(\.isNumber) { id = String(repeating: "0", count: 12 - id.count) + id }  // Excel drops leading zeros
        if id.count != 12 || !id.allSatisfy(\.isASCII) || !id.allSatisfy(\.isNumber) { fail("national_id", "validation.national_id_digits") }
        let name = t.cell(i, "full_name")
        if name.isEmpty { fail("full_name", "validation.required") }
        let benefit =
            benefits[TextFolding.fold(t.cell(i, "benefit")).replacingOccurrences(of: "_", with: " ")]
            ?? benefits[TextFolding.fold(t.cell(i, "benefit"))]
        if benefit == nil { fail("benefit", "import.bad_choice", ["value": t.cell(i, "benefit"), "choices": "allowance, care_support, nursing"]) }
        let number = t.cell(i, "decision_number")
        if number.isEmpty || number.count > 60 { fail("decision_number", number.isEmpty ? "validation.required" : "validation.too_long", ["max": "60"]) }
        let signed = BirthDate(text: t.cell(i, "signed_date"))?.date
        if signed == nil { fail("signed_date", "validation.date") } else if signed! > today { fail("signed_date", "review.error.future_date") }
        let start = month(t.cell(i, "start_month"))
        if start == nil { fail("start_month", "import.bad_month", ["value": t.cell(i, "start_month")]) }
        var paidBefore: YearMonth? = nil
        let through = t.cell(i, "paid_through")
        if !through.isEmpty {
            if let m = month(through) {
                paidBefore = m.adding(months: 1)
                if let start, m < start { fail("paid_through", "take_over.paid_before_start") }
                if m > today.yearMonth { fail("paid_through", "take_over.paid_future") }
            } else {
                fail("paid_through", "import.bad_month", ["value": through])
            }
        }
        let amountText = t.cell(i, "monthly_amount")
        let amount = amountText.isEmpty ? nil : ImportTable.dong(amountText)
        if !amountText.isEmpty && amount == nil { fail("monthly_amount", "validation.number") }
        let kind = kinds[TextFolding.fold(t.cell(i, "recipient_kind"))]
        if kind == nil { fail("recipient_kind", "import.bad_choice", ["value": t.cell(i, "recipient_kind"), "choices": "person, guardian, carer, facility"]) }
        let channel = channels[TextFolding.fold(t.cell(i, "channel"))]
        if channel == nil { fail("channel", "import.bad_choice", ["value": t.cell(i, "channel"), "choices": "cash, post, bank"]) }
        return (
            Row(
                row: n, nationalID: id, fullName: name, benefit: benefit ?? .allowance, number: number, signedDate: signed, start: start,
                paidBefore: paidBefore, amount: amount, recipientKind: (kind ?? .person).rawValue, recipientName: t.cell(i, "recipient_name"),
                channel: (channel ?? .cash).rawValue, account: t.cell(i, "account").filter { !$0.isWhitespace }), errors
        )
    }
}
