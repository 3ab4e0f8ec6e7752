import AnsinhCore
import AnsinhStore
import Vapor

/// The API twin of the registry import: upload a file (the raw CSV or XLSX as the body), read
/// the job with every bad row explained, run it (`ImportLifecycle`: in the background,
/// resumable, idempotent) and follow its progress.
struct ImportsAPI: APIDescribed {
    func register(api: any RoutesBuilder) {
        api.get(.api(.imports), use: jobs)
        api.upload(.api(.imports), use: upload)
        api.get(.api(.importJob(nil)), use: job)
        api.post(.api(.importRun(nil)), use: run)
    }

    struct ImportDTO: Content {
        let id: UUID; let fileName: String; let status: String; let totalRows: Int; let errorRows: Int; let processedRows: Int
        let createdHouseholds: Int; let createdPersons: Int; let unchangedRows: Int; let createdAt: Date?
        /// Up to 1,000 of the file's problems, each with its row and column.
        let errors: [ErrorDTO]?
        let actions: [String]
        init(_ r: ImportReport, role: Role, req: Request, withErrors: Bool) {
            id = r.jobID; fileName = r.fileName; status = r.status; totalRows = r.totalRows; errorRows = r.errorRows; processedRows = r.processedRows
            createdHouseholds = r.createdHouseholds; createdPersons = r.createdPersons; unchangedRows = r.unchangedRows; createdAt = r.createdAt
            errors = withErrors ? r.errors.map { ErrorDTO(row: $0.row, field: $0.field, message: req.t($0.message)) } : nil
            let state = ImportLifecycle.State(rawValue: r.status) ?? .validated
            actions = ImportLifecycle.available(from: state, role: role).filter { $0 == .start }.map(\.rawValue)
        }
    }
    struct ErrorDTO: Content { let row: Int?; let field: String; let message: String }
    struct RunRequest: Content { let validOnly: Bool? }

    func jobs(req: Request) async throws -> APIJSON<APIPage<ImportDTO>> {
        let a = try req.requireActor()
        return APIJSON(
            APIPage(try await RegistryImporter(req.store).jobs(a, page: try req.pageSpec)) { ImportDTO($0, role: a.role, req: req, withErrors: false) })
    }

    /// The file is the body (`text/csv` or the XLSX bytes); `?file_name=` names it in the list.
    func upload(req: Request) async throws -> APIJSON<ImportDTO> {
        let a = try req.requireActor()
        try a.require(.manageRegistry)  // before the file is read
        guard let body = req.body.data, body.readableBytes > 0 else { throw AppError.invalid("file", "import.no_file") }
        let name = (req.query[String.self, at: "file_name"] ?? "upload.csv").trimmingCharacters(in: .whitespacesAndNewlines)
        try APIInput.limit([("file_name", name, 200)])
        let report = try await RegistryImporter(req.store).validate(
            a, fileName: name.isEmpty ? "upload.csv" : name, data: Data(buffer: body), refuseBadHeader: true)
        return APIJSON(ImportDTO(report, role: a.role, req: req, withErrors: true), status: .created)
    }

    func job(req: Request) async throws -> APIJSON<ImportDTO> {
        let a = try req.requireActor()
        return APIJSON(ImportDTO(try await RegistryImporter(req.store).report(a, jobID: try req.idParameter()), role: a.role, req: req, withErrors: true))
    }

    /// Starts (or resumes) the job in the background and answers at once (202); the job's
    /// `processed_rows` shows the progress. A file with bad rows runs only with
    /// `valid_only: true` (its good households), never whole.
    func run(req: Request) async throws -> APIJSON<ImportDTO> {
        let a = try req.requireActor()
        try a.require(.manageRegistry)
        let id = try req.idParameter()
        // The body may be left out; one that is sent must be right.
        let validOnly = (req.body.data?.readableBytes ?? 0) > 0 ? (try req.json(RunRequest.self).validOnly ?? false) : false
        let importer = RegistryImporter(req.store)
        let report = try await importer.report(a, jobID: id)
        if report.errorRows > 0 && !validOnly { throw AppError.conflict(Message("import.has_errors", ["count": "\(report.errorRows)"])) }
        if report.status != ImportLifecycle.State.done.rawValue {
            let store = req.application.store
            let logger = req.logger
            Task.detached {
                do { _ = try await RegistryImporter(store).run(a, jobID: id, validOnly: validOnly) } catch {
                    logger.error("import \(id) stopped: \(String(reflecting: error))")
                }
            }
        }
        return APIJSON(ImportDTO(try await importer.report(a, jobID: id), role: a.role, req: req, withErrors: false), status: .accepted)
    }

    static var operations: [APIOperation] {
        let tag = "registry"
        return [
            APIOperation(.GET, .imports, "Registry imports in scope, newest first", tag: tag, query: OpenAPI.paging, response: "ImportPage"),
            APIOperation(
                .POST, .imports, "Upload a registry file (CSV or XLSX as the body): every row is checked, nothing is written yet", tag: tag,
                query: [("file_name", ["type": "string", "maxLength": 200])], request: "ImportFile", requestType: "text/csv", response: "Import",
                status: 201),
            APIOperation(.GET, .importJob(nil), "An import, its progress and up to 1,000 bad rows explained", tag: tag, response: "Import"),
            APIOperation(
                .POST, .importRun(nil), "Run (or resume) an import in the background; with bad rows only valid_only runs", tag: tag, request: "ImportRun",
                requestOptional: true,
                response: "Import", status: 202),
        ]
    }

    static var schemas: [String: Any] {
        let int: [String: Any] = ["type": "integer"]
        let str: [String: Any] = ["type": "string"]
        return [
            "Import": OpenAPI.obj(
                [
                    "id": ["type": "string", "format": "uuid"], "file_name": str,
                    "status": ["type": "string", "enum": ImportLifecycle.State.allCases.map(\.rawValue)], "total_rows": int, "error_rows": int,
                    "processed_rows": int, "created_households": int, "created_persons": int, "unchanged_rows": int,
                    "created_at": ["type": ["string", "null"], "format": "date-time"],
                    "errors": [
                        "type": "array",
                        "items": OpenAPI.obj(["row": ["type": ["integer", "null"]], "field": str, "message": str], required: ["field", "message"]),
                    ],
                    "actions": ["type": "array", "items": str],
                ], required: ["id", "status", "total_rows", "error_rows", "processed_rows", "actions"]),
            "ImportPage": OpenAPI.page("Import"),
            "ImportFile": ["type": "string", "description": "the CSV text (UTF-8, the template's columns) or the XLSX bytes"],
            "ImportRun": OpenAPI.request(["valid_only": ["type": "boolean"]], required: []),
        ]
    }
}
