import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// A row import (a campaign's survey results, the paper list of beneficiaries taken over): the
/// upload form with its templates and, after "check" or "import", what the file holds, what was
/// written or left unchanged, and every bad row with its column and reason. Nothing is kept
/// between the check and the import: the officer sends the same file again to import it.
enum RowImportPage: Page {
    struct Model: Sendable {
        let title: String
        let intro: String
        let action: String
        let templatePath: String
        let back: String
        let backLabel: String
        let columns: [ImportColumn]
        /// Checkboxes the import offers (name, label).
        let options: [Option]
        let report: RowImportReport?
    }
    struct Option: Sendable { let name: String; let label: String; let checked: Bool }

    /// The most bad rows a page lists; the API answer lists up to 1,000.
    static let shownErrors = 500

    static func title(_ ctx: PageContext, _ m: Model) -> String { m.title }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        var content: [Body] = [
            H.el(.p, [], [H.link(m.backLabel, m.back)]),
            H.el(.p, [("class", "lead")], [.text(m.intro)]),
        ]
        if let r = m.report { content += result(ctx, r) }
        content += [
            H.el(
                .p, [],
                [
                    H.link(ctx.t("import.template_en"), m.templatePath), .text(" · "),
                    H.link(ctx.t("import.template_vi"), m.templatePath + "?lang=vi"),
                ]),
            H.el(
                .p, [("class", "hint")],
                [.text(ctx.t("row_import.columns")), .text(" "), H.bdi(m.columns.map { $0.code + ($0.required ? "*" : "") }.joined(separator: ", "))]),
            H.el(
                .form, [("method", "post"), ("action", m.action), ("enctype", "multipart/form-data"), ("class", "card")],
                [
                    H.hidden("_csrf", ctx.csrf),
                    H.el(
                        .div, [("class", "field")],
                        [
                            H.el(.label, [("for", "f-file")], [.text(ctx.t("import.file"))]),
                            H.el(
                                .input,
                                [
                                    ("type", "file"), ("id", "f-file"), ("name", "file"), ("accept", ".csv,.xlsx,text/csv," + XLSX.contentType),
                                    ("required", "required"),
                                ]),
                        ]),
                ] + m.options.map { RegistryFields.checkbox(ctx, name: $0.name, label: $0.label, checked: $0.checked) } + [
                    H.button(ctx.t("import.check"), kind: "secondary", name: "mode", value: "check"),
                    H.button(ctx.t("row_import.import"), name: "mode", value: "import"),
                ]),
        ]
        return content
    }

    static func result(_ ctx: PageContext, _ r: RowImportReport) -> [Body] {
        var out: [Body] = []
        if !r.errors.isEmpty {
            out.append(H.el(.p, [("class", "flash flash-error"), ("role", "alert")], [.text(ctx.t("row_import.has_errors", ["count": "\(r.errorRows)"]))]))
        } else if r.dryRun {
            out.append(
                H.el(
                    .p, [("class", "flash flash-success"), ("role", "status")],
                    [.text(ctx.t("row_import.checked", ["rows": ctx.number(r.rows), "new": ctx.number(r.written), "same": ctx.number(r.unchanged)]))]))
        } else {
            out.append(
                H.el(
                    .p, [("class", "flash flash-success"), ("role", "status")],
                    [.text(ctx.t("row_import.done", ["written": ctx.number(r.written), "same": ctx.number(r.unchanged)]))]))
        }
        out.append(
            H.dl([
                (ctx.t("import.rows"), .text(ctx.number(r.rows))),
                (ctx.t(r.dryRun ? "row_import.would_write" : "row_import.written"), .text(ctx.number(r.written))),
                (ctx.t("import.unchanged"), .text(ctx.number(r.unchanged))),
                (ctx.t("import.error_rows"), .text(ctx.number(r.errorRows))),
            ]))
        if !r.errors.isEmpty {
            out.append(
                H.table(
                    caption: ctx.t("import.errors"), headers: [ctx.t("import.row"), ctx.t("import.column"), ctx.t("import.problem")],
                    rows: r.errors.prefix(shownErrors).map { e in [.text(e.row.map(String.init) ?? "—"), H.bdi(e.field), .text(ctx.t(e.message))] },
                    empty: ""))
        }
        return out
    }
}

/// The pieces every row-import route shares: the uploaded file, the mode and the templates.
enum RowImportForm {
    struct Upload: Content {
        var file: File?
        var mode: String?
        var add_unlisted: String?
    }

    /// The file and whether this is only a check (the default: nothing is written unless the
    /// officer pressed "import").
    static func read(_ req: Request) throws -> (data: Data, dryRun: Bool, form: Upload) {
        let form = try req.content.decode(Upload.self)
        guard let file = form.file, file.data.readableBytes > 0 else { throw AppError.invalid("file", "import.no_file") }
        return (Data(buffer: file.data), form.mode != "import", form)
    }

    /// The API's reading: the body is the file, `?dry_run=true` only checks it.
    static func readAPI(_ req: Request) throws -> (data: Data, dryRun: Bool) {
        guard let body = req.body.data, body.readableBytes > 0 else { throw AppError.invalid("file", "import.no_file") }
        let dry = req.query[String.self, at: "dry_run"]
        guard dry == nil || dry == "true" || dry == "false" else { throw AppError.invalid("dry_run", "validation.type") }
        return (Data(buffer: body), dry == "true")
    }

    /// The template: the header row (column codes, or Vietnamese with `?lang=vi`) and one example.
    static func template(_ req: Request, columns: [ImportColumn], example: [String], baseName: String) async throws -> Response {
        let vietnamese = req.query[String.self, at: "lang"] == "vi"
        return try await Spreadsheet.response(
            req, header: ImportTable.header(columns, vietnamese: vietnamese), rows: [example], baseName: baseName + (vietnamese ? "-vi" : ""),
            personal: false)
    }

    /// The JSON answer of an import: what it checked and wrote; bad rows are a 422 problem with
    /// each row named (up to 1,000), and nothing was written.
    struct ReportDTO: Content {
        let rows: Int; let written: Int; let unchanged: Int; let dryRun: Bool
        init(_ r: RowImportReport) throws {
            if !r.errors.isEmpty { throw AppError.validation(Array(r.errors.prefix(1000))) }
            rows = r.rows; written = r.written; unchanged = r.unchanged; dryRun = r.dryRun
        }
    }

    static var schema: [String: Any] {
        OpenAPI.obj(
            ["rows": ["type": "integer"], "written": ["type": "integer"], "unchanged": ["type": "integer"], "dry_run": ["type": "boolean"]],
            required: ["rows", "written", "unchanged", "dry_run"])
    }
    static var query: [(String, [String: Any])] { [("dry_run", ["type": "string", "enum": ["true", "false"]])] }
}
