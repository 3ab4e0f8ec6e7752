import AnsinhCore
import AnsinhStore
import Plot
import Vapor

/// Registry import in the browser: upload → preview with every bad row explained → confirm
/// (all rows, or only the valid ones) → progress until done.
struct ImportController {
    struct Upload: Content { var file: File? }
    struct RunForm: Content { var valid_only: String? }

    func register(authed: any RoutesBuilder) {
        authed.get(.registryImport, use: page)
        authed.upload(.registryImport, use: upload)
        authed.get(.registryTemplate, use: template)
        authed.get(.importJob(nil), use: job)
        authed.post(.importRun(nil), use: run)
        authed.get(.importErrors(nil), use: errors)
    }

    func page(req: Request) async throws -> HTMLResponse {
        HTMLResponse(ImportPage.render(PageContext(req), try await ImportPage.model(for: req)))
    }

    func upload(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        // Permission before the file is parsed.
        try actor.require(.manageRegistry)
        let form = try req.content.decode(Upload.self)
        guard let file = form.file, file.data.readableBytes > 0 else { throw AppError.invalid("file", "import.no_file") }
        let data = Data(buffer: file.data)
        let report = try await RegistryImporter(req.store).validate(actor, fileName: file.filename, data: data)
        return req.redirect(to: SiteRoute.importJob(report.jobID).path)
    }

    /// The template with the English column codes, or Vietnamese headers with `?lang=vi`.
    func template(req: Request) async throws -> Response {
        let vietnamese = req.query[String.self, at: "lang"] == "vi"
        let example = [
            "00364-H0001", "00364", "Tổ dân phố 1", "Số 1 ngõ 2 Khương Đình", "urban", "Nguyễn Văn An", vietnamese ? "Nam" : "male",
            "1950-03-02", "001050000123", vietnamese ? "Chủ hộ" : "head", vietnamese ? "Không" : "none", "", vietnamese ? "Có" : "yes", "0912345678",
        ]
        // A second example states circumstances: a child of the household whose father died.
        let header = RegistryImportParser.templateHeader(vietnamese: vietnamese)
        var child = Array(repeating: "", count: header.count)
        let values: [RegistryColumn: String] = [
            .householdCode: "00364-H0001", .communeCode: "00364", .fullName: "Nguyễn Thị Bình", .gender: vietnamese ? "Nữ" : "female",
            .dateOfBirth: "2014-09-01", .relationToHead: vietnamese ? "Cháu" : "grandchild", .disabilityLevel: vietnamese ? "Không" : "none",
            .hasPension: vietnamese ? "Không" : "no", .maritalStatus: vietnamese ? "Chưa kết hôn" : "never_married",
            .fatherStatus: vietnamese ? "Đã chết" : "dead", .motherStatus: vietnamese ? "Mất tích" : "declared_missing",
            .studying: vietnamese ? "Phổ thông" : "general", .circumstancesFrom: "2025-01-01",
            .circumstancesSource: vietnamese ? "Giấy chứng tử của cha" : "Father's death certificate",
        ]
        for (i, c) in RegistryColumn.allCases.enumerated() where i < child.count { child[i] = values[c] ?? "" }
        return try await Spreadsheet.response(
            req, header: header, rows: [example + Array(repeating: "", count: header.count - example.count), child],
            baseName: vietnamese ? "mau-nhap-ho-khau" : "ansinh-registry-template", personal: false)
    }

    func job(req: Request) async throws -> HTMLResponse {
        HTMLResponse(ImportJobPage.render(PageContext(req), try await ImportJobPage.model(for: req)))
    }

    /// Starts the import in the background and shows its progress; the job resumes where it
    /// stopped if the server restarts (`Operations.resumeImports`).
    func run(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        try actor.require(.manageRegistry)
        let id = try req.idParameter()
        let form = try req.content.decode(RunForm.self)
        let validOnly = RegistryController.checked(form.valid_only)
        let report = try await RegistryImporter(req.store).report(actor, jobID: id)
        if report.errorRows > 0 && !validOnly {
            req.flash(.error, Message("import.has_errors", ["count": "\(report.errorRows)"]))
            return req.redirect(to: SiteRoute.importJob(id).path)
        }
        let store = req.application.store
        let logger = req.logger
        Task.detached {
            do { try await RegistryImporter(store).run(actor, jobID: id, validOnly: validOnly) } catch {
                logger.error("import \(id) stopped: \(String(reflecting: error))")
            }
        }
        return req.redirect(to: SiteRoute.importJob(id).path)
    }

    func errors(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let list = try await RegistryImporter(req.store).allErrors(actor, jobID: try req.idParameter())
        return try await Spreadsheet.response(
            req, header: ["row", "column", "error"],
            rows: list.map { [$0.row.map(String.init) ?? "", $0.field, req.t($0.message)] }, baseName: "ansinh-import-errors")
    }
}
