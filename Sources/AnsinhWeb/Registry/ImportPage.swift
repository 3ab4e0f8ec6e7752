import AnsinhCore
import AnsinhStore
import Plot
import Vapor

enum ImportPages {
    static func start(_ ctx: PageContext, jobs: [ImportReport]) -> String {
        Layout.render(
            ctx, title: ctx.t("import.title"),
            [
                H.el(.p, [("class", "lead")], [.text(ctx.t("import.intro"))]),
                H.el(
                    .p, [],
                    [
                        H.link(ctx.t("import.template_en"), SiteRoute.registryTemplate.path),
                        .text(" · "),
                        H.link(ctx.t("import.template_vi"), SiteRoute.registryTemplate.path(query: [("lang", "vi")])),
                    ]),
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
                                        ("required", "required"),
                                        ("aria-describedby", "f-file-hint"),
                                    ]),
                            ]),
                        H.button(ctx.t("import.check")),
                    ]),
                H.el(.h2, [], [.text(ctx.t("import.recent"))]),
                H.table(
                    caption: ctx.t("import.recent"),
                    headers: [ctx.t("import.file"), ctx.t("field.state"), ctx.t("import.rows"), ctx.t("import.error_rows")],
                    rows: jobs.map { j in
                        [
                            H.link(j.fileName, SiteRoute.importJob(j.jobID).path), .text(ctx.t("import.status.\(j.status)")),
                            .text("\(j.totalRows)"), .text("\(j.errorRows)"),
                        ]
                    }, empty: ctx.t("import.none")),
            ])
    }

    /// `searchDeferred`: a large import is running and builds the search indexes at its end.
    static func job(_ ctx: PageContext, _ r: ImportReport, searchDeferred: Bool = false) -> String {
        let running = r.status == "running"
        var content: [Body] = [
            H.dl([
                (ctx.t("import.file"), .text(r.fileName)),
                (ctx.t("field.state"), .text(ctx.t("import.status.\(r.status)"))),
                (ctx.t("import.rows"), .text("\(r.totalRows)")),
                (ctx.t("import.error_rows"), .text("\(r.errorRows)")),
                (
                    ctx.t("import.progress"),
                    H.el(
                        .progress,
                        [
                            ("max", "\(max(r.totalRows - r.errorRows, 1))"), ("value", "\(r.processedRows)"),
                            ("aria-label", ctx.t("import.progress")),
                        ], [.text("\(r.processedRows)")])
                ),
                (ctx.t("import.created_households"), .text("\(r.createdHouseholds)")),
                (ctx.t("import.created_persons"), .text("\(r.createdPersons)")),
                (ctx.t("import.unchanged"), .text("\(r.unchangedRows)")),
            ])
        ]
        if running {
            content.append(
                H.el(
                    .p, [("role", "status")], [.text(ctx.t("import.running")), .text(" "), H.link(ctx.t("import.refresh"), SiteRoute.importJob(r.jobID).path)])
            )
            if searchDeferred { content.append(H.el(.p, [("class", "hint")], [.text(ctx.t("import.search_deferred"))])) }
        }
        if r.status == "validated" {
            if r.errorRows == 0 {
                content.append(
                    H.el(.p, [("class", "flash flash-success"), ("role", "status")], [.text(ctx.t("import.no_errors", ["rows": "\(r.totalRows)"]))]))
            } else {
                content.append(
                    H.el(.p, [("class", "flash flash-error"), ("role", "alert")], [.text(ctx.t("import.has_errors", ["count": "\(r.errorRows)"]))]))
            }
            content.append(
                H.form(
                    ctx, action: SiteRoute.importRun(r.jobID).path, classes: "card",
                    [
                        r.errorRows > 0 ? RegistryPages.checkbox(ctx, name: "valid_only", label: ctx.t("import.valid_only"), checked: false) : .empty,
                        H.button(ctx.t("import.confirm")),
                    ]))
        }
        if !r.errors.isEmpty {
            content.append(H.el(.h2, [], [.text(ctx.t("import.errors"))]))
            content.append(H.link(ctx.t("import.errors_csv"), SiteRoute.importErrors(r.jobID).path, [("class", "btn btn-secondary")]))
            content.append(
                H.table(
                    caption: ctx.t("import.errors"), headers: [ctx.t("import.row"), ctx.t("import.column"), ctx.t("import.problem")],
                    rows: r.errors.map { e in [.text(e.row.map(String.init) ?? "—"), H.bdi(e.field), .text(ctx.t(e.message))] },
                    empty: ""))
        }
        if r.status == "done" {
            content.insert(H.el(.p, [("class", "flash flash-success"), ("role", "status")], [.text(ctx.t("import.done"))]), at: 0)
            content.append(H.link(ctx.t("registry.households"), SiteRoute.households.path, [("class", "btn btn-primary")]))
        }
        return Layout.render(ctx, title: ctx.t("import.job_title"), content, refreshSeconds: running ? 2 : nil)
    }
}
