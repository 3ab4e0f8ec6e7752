import Foundation

/// The house-to-house survey results of a review campaign as a file (Circular 07/2021 forms
/// B1/B2, typed into a spreadsheet by the survey teams): one row per household, the same fields
/// and checks as the survey form.
public enum SurveyImport {
    public static let columns: [ImportColumn] = [
        ImportColumn("household_code", "Mã hộ", aliases: ["ma ho gia dinh", "so ho"], required: true),
        ImportColumn("income_per_person", "Thu nhập bình quân", aliases: ["thu nhap binh quan dau nguoi", "thu nhap"], required: true),
        ImportColumn("deprivations", "Chỉ số thiếu hụt", aliases: ["thieu hut", "cac chi so thieu hut"]),
        ImportColumn("collector", "Người thu thập", aliases: ["dieu tra vien", "nguoi dieu tra"], required: true),
        ImportColumn("collected_on", "Ngày thu thập", aliases: ["ngay dieu tra"], required: true),
    ]
    /// A ward has some thousands of households; a province's file stays under this.
    public static let maxRows = 500_000

    public struct Row: Sendable {
        public let row: Int
        public let householdCode: String
        public let income: Int64?
        public let deprivations: [String]
        public let collector: String
        public let collectedOn: LocalDate?
    }

    /// Reads data row `i`; the errors that need no database come back with it. Deprivation codes
    /// are separated by commas, semicolons, spaces or `|`.
    public static func parse(_ t: ImportTable, _ i: Int, today: LocalDate) -> (Row, [FieldError]) {
        let n = ImportTable.rowNumber(i)
        var errors: [FieldError] = []
        let code = t.cell(i, "household_code")
        if code.isEmpty { errors.append(FieldError(field: "household_code", message: Message("validation.required"), row: n)) }
        let incomeText = t.cell(i, "income_per_person")
        let income = ImportTable.dong(incomeText)
        if income == nil { errors.append(FieldError(field: "income_per_person", message: Message("review.error.income_number"), row: n)) }
        let deps = Set(t.cell(i, "deprivations").split(whereSeparator: { ",; |".contains($0) }).map(String.init)).sorted()
        let collector = t.cell(i, "collector")
        if collector.isEmpty || collector.count > 120 {
            errors.append(
                FieldError(field: "collector", message: Message(collector.isEmpty ? "validation.required" : "validation.too_long", ["max": "120"]), row: n))
        }
        let collected = BirthDate(text: t.cell(i, "collected_on"))?.date
        if collected == nil {
            errors.append(FieldError(field: "collected_on", message: Message("validation.date"), row: n))
        } else if collected! > today {
            errors.append(FieldError(field: "collected_on", message: Message("review.error.future_date"), row: n))
        }
        return (Row(row: n, householdCode: code, income: income, deprivations: deps, collector: collector, collectedOn: collected), errors)
    }
}
