import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// One import job as the pages show it: the file, the state and the counts.
struct ImportJobSummary: Sendable, Equatable {
    let id: UUID
    let fileName: String
    let state: ImportLifecycle.State
    let totalRows: Int
    let errorRows: Int
    let processedRows: Int
    let createdHouseholds: Int
    let createdPersons: Int
    let unchangedRows: Int

    init(_ r: ImportReport) {
        id = r.jobID; fileName = r.fileName; state = ImportLifecycle.State(rawValue: r.status) ?? .failed; totalRows = r.totalRows
        errorRows = r.errorRows; processedRows = r.processedRows; createdHouseholds = r.createdHouseholds; createdPersons = r.createdPersons
        unchangedRows = r.unchangedRows
    }

    init(
        id: UUID, fileName: String, state: ImportLifecycle.State, totalRows: Int, errorRows: Int, processedRows: Int = 0, createdHouseholds: Int = 0,
        createdPersons: Int = 0, unchangedRows: Int = 0
    ) {
        self.id = id; self.fileName = fileName; self.state = state; self.totalRows = totalRows; self.errorRows = errorRows
        self.processedRows = processedRows; self.createdHouseholds = createdHouseholds; self.createdPersons = createdPersons
        self.unchangedRows = unchangedRows
    }
}

/// The import page: the templates, the upload form (every row is checked before anything is
/// written), and the recent jobs.
enum ImportPage: Page {
    struct Model: Sendable { let jobs: [ImportJobSummary] }

    /// The query: the 20 most recent jobs in scope.
    static func model(for req: Request) async throws -> Model {
        let actor = try req.requireActor()
        try actor.require(.manageRegistry)
        let jobs = try await RegistryImporter(req.store).jobs(actor, page: PageSpec(page: 1, perPage: 20))
        return Model(jobs: jobs.items.map(ImportJobSummary.init))
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("import.title") }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        [
            H.el(.p, [("class", "lead")], [.text(ctx.t("import.intro"))]),
            H.el(
                .p, [],
                [
                    H.link(ctx.t("import.template_en"), SiteRoute.registryTemplate.path), .text(" · "),
                    H.link(ctx.t("import.template_vi"), SiteRoute.registryTemplate.path(query: [("lang", "vi")])),
                ]),
            H.el(.p, [("class", "hint")], [.text(ctx.t("import.circumstances_hint"))]),
            H.el(
                .form, [("method", "post"), ("action", SiteRoute.registryImport.path), ("enctype", "multipart/form-data"), ("class", "card")],
                [
                    H.hidden("_csrf", ctx.csrf),
                    H.el(
                        .div, [("class", "field")],
                        [
                            H.el(.label, [("for", "f-file")], [.text(ctx.t("import.file"))]),
                            H.el(.p, [("class", "hint"), ("id", "f-file-hint")], [.text(ctx.t("import.file_hint"))]),
                            H.el(
                                .input,
                                [
                                    ("type", "file"), ("id", "f-file"), ("name", "file"), ("accept", ".csv,.xlsx,text/csv," + XLSX.contentType),
                                    ("required", "required"), ("aria-describedby", "f-file-hint"),
                                ]),
                        ]),
                    H.button(ctx.t("import.check")),
                ]),
            H.el(.h2, [], [.text(ctx.t("import.recent"))]),
            H.table(
                caption: ctx.t("import.recent"),
                headers: [ctx.t("import.file"), ctx.t("field.state"), ctx.t("import.rows"), ctx.t("import.error_rows")],
                rows: m.jobs.map { j in
                    [
                        H.link(j.fileName, SiteRoute.importJob(j.id).path), .text(ctx.t("import.status.\(j.state.rawValue)")),
                        .text(ctx.number(j.totalRows)), .text(ctx.number(j.errorRows)),
                    ]
                }, empty: ctx.t("import.none")),
        ]
    }
}

/// One import job: its counts and progress (reloading itself while it runs), the run form once
/// validated, and the row errors.
enum ImportJobPage: Page {
    struct Model: Sendable {
        let job: ImportJobSummary
        /// The first row errors (all of them in the errors file).
        let errors: [FieldError]
        /// A large import is running and builds the search indexes at its end.
        let searchDeferred: Bool
    }

    /// The query: the job with its first 500 row errors.
    static func model(for req: Request) async throws -> Model {
        let actor = try req.requireActor()
        let report = try await RegistryImporter(req.store).report(actor, jobID: try req.idParameter(), errorLimit: 500)
        let deferred = report.status == ImportLifecycle.State.running.rawValue ? try await RegistryBulkLoad.isSuspended(req.store) : false
        return Model(job: ImportJobSummary(report), errors: report.errors, searchDeferred: deferred)
    }

    static func title(_ ctx: PageContext, _ m: Model) -> String { ctx.t("import.job_title") }

    static func refreshSeconds(_ m: Model) -> Int? { m.job.state == .running ? 2 : nil }

    static func body(_ ctx: PageContext, _ m: Model) -> [Body] {
        let r = m.job
        var content: [Body] = [
            H.dl([
                (ctx.t("import.file"), .text(r.fileName)),
                (ctx.t("field.state"), .text(ctx.t("import.status.\(r.state.rawValue)"))),
                (ctx.t("import.rows"), .text(ctx.number(r.totalRows))),
                (ctx.t("import.error_rows"), .text(ctx.number(r.errorRows))),
                (
                    ctx.t("import.progress"),
                    H.el(
                        .progress,
                        [("max", "\(max(r.totalRows - r.errorRows, 1))"), ("value", "\(r.processedRows)"), ("aria-label", ctx.t("import.progress"))],
                        [.text(ctx.number(r.processedRows))])
                ),
                (ctx.t("import.created_households"), .text(ctx.number(r.createdHouseholds))),
                (ctx.t("import.created_persons"), .text(ctx.number(r.createdPersons))),
                (ctx.t("import.unchanged"), .text(ctx.number(r.unchangedRows))),
            ])
        ]
        switch r.state {
        case .running:
            content.append(
                H.el(.p, [("role", "status")], [.text(ctx.t("import.running")), .text(" "), H.link(ctx.t("import.refresh"), SiteRoute.importJob(r.id).path)]))
            if m.searchDeferred { content.append(H.el(.p, [("class", "hint")], [.text(ctx.t("import.search_deferred"))])) }
        case .validated:
            content.append(
                r.errorRows == 0
                    ? H.el(.p, [("class", "flash flash-success"), ("role", "status")], [.text(ctx.t("import.no_errors", ["rows": "\(r.totalRows)"]))])
                    : H.el(.p, [("class", "flash flash-error"), ("role", "alert")], [.text(ctx.t("import.has_errors", ["count": "\(r.errorRows)"]))]))
            content.append(
                H.form(
                    ctx, action: SiteRoute.importRun(r.id).path, classes: "card",
                    [
                        r.errorRows > 0 ? RegistryFields.checkbox(ctx, name: "valid_only", label: ctx.t("import.valid_only"), checked: false) : .empty,
                        H.button(ctx.t("import.confirm")),
                    ]))
        case .done, .failed: break
        }
        if !m.errors.isEmpty {
            content.append(H.el(.h2, [], [.text(ctx.t("import.errors"))]))
            content.append(H.link(ctx.t("import.errors_csv"), SiteRoute.importErrors(r.id).path, [("class", "btn btn-secondary")]))
            content.append(
                H.table(
                    caption: ctx.t("import.errors"), headers: [ctx.t("import.row"), ctx.t("import.column"), ctx.t("import.problem")],
                    rows: m.errors.map { e in [.text(e.row.map(String.init) ?? "—"), H.bdi(e.field), .text(ctx.t(e.message))] }, empty: ""))
        }
        if r.state == .done {
            content.insert(H.el(.p, [("class", "flash flash-success"), ("role", "status")], [.text(ctx.t("import.done"))]), at: 0)
            content.append(H.link(ctx.t("registry.households"), SiteRoute.households.path, [("class", "btn btn-primary")]))
        }
        return content
    }
}
