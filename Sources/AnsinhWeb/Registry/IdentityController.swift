import AnsinhCore
import AnsinhStore
import Vapor

/// A check of a person's identity details against the national population database, recorded
/// from the person's page (Decrees 147/2025, 176/2025).
struct IdentityController {
    func register(authed: any RoutesBuilder) {
        authed.post(.personVerification(nil), use: record)
        authed.get(.personData(nil), use: subjectData)
        authed.get(.personDataJSON(nil), use: subjectJSON)
    }

    /// The person's data, printable (their right of access).
    func subjectData(req: Request) async throws -> HTMLResponse {
        HTMLResponse(SubjectDataPage.render(PageContext(req), try await SubjectDataPage.model(for: req)))
    }

    /// The same as a JSON file to hand over.
    func subjectJSON(req: Request) async throws -> Response {
        let d = try await SubjectDataRepository(req.store).export(try req.requireActor(), personID: try req.idParameter())
        let body = try JSONSerialization.data(withJSONObject: SubjectDataPage.json(d), options: [.sortedKeys, .prettyPrinted])
        var headers = HTTPHeaders()
        headers.contentType = .json
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"person-\(d.personID.uuidString).json\"")
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return Response(status: .ok, headers: headers, body: .init(data: body))
    }

    struct CheckForm: Content { var status: String?; var method: String?; var checked_on: String?; var note: String? }

    func record(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        try actor.require(.manageRegistry)
        let id = try req.idParameter()
        let f = try req.content.decode(CheckForm.self)
        return try await req.perform(back: SiteRoute.person(id).path, success: Message("registry.identity_recorded")) {
            _ = try await IdentityVerificationRepository(req.store).record(
                actor, personID: id, status: f.status ?? "", method: f.method ?? "", checkedOn: f.checked_on ?? "", note: f.note ?? "")
        }
    }

    /// The person page's section: the latest check, the earlier ones, and the form for who may
    /// record one.
    static func section(_ ctx: PageContext, personID: UUID, checks: [IdentityCheck], canRecord: Bool, today: LocalDate) -> Body {
        let latest = checks.first
        let state =
            latest.map {
                ctx.t("registry.identity.\($0.status.rawValue)") + " — " + ctx.date($0.checkedOn) + ", " + ctx.t("registry.method.\($0.method.rawValue)")
                    + ($0.note.map { " (\($0))" } ?? "")
            } ?? ctx.t("registry.identity.not_verified")
        return H.el(
            .section, [("class", "card"), ("aria-labelledby", "h-identity")],
            [
                H.el(.h2, [("id", "h-identity")], [.text(ctx.t("registry.identity"))]),
                H.el(.p, [("class", latest?.status == .verified ? "" : "badge badge-overdue")], [.text(state)]),
                H.el(.p, [("class", "hint")], [.text(ctx.t("registry.identity_hint"))]),
                checks.count > 1
                    ? H.table(
                        caption: ctx.t("registry.identity_history"),
                        headers: [ctx.t("field.checked_on"), ctx.t("field.state"), ctx.t("field.method"), ctx.t("field.note"), ctx.t("registry.identity_by")],
                        rows: checks.map { c in
                            [
                                .text(ctx.date(c.checkedOn)), .text(ctx.t("registry.identity.\(c.status.rawValue)")),
                                .text(ctx.t("registry.method.\(c.method.rawValue)")), .text(c.note ?? ""), H.bdi(c.recordedBy),
                            ]
                        }, empty: "") : .empty,
                canRecord
                    ? H.form(
                        ctx, action: SiteRoute.personVerification(personID).path,
                        [
                            H.select(
                                ctx, name: "status", label: ctx.t("field.state"),
                                options: [VerificationStatus.verified, .mismatch].map { ($0.rawValue, ctx.t("registry.identity.\($0.rawValue)")) },
                                selected: "verified", id: "f-identity-status"),
                            H.select(
                                ctx, name: "method", label: ctx.t("field.method"),
                                options: VerificationMethod.allCases.map { ($0.rawValue, ctx.t("registry.method.\($0.rawValue)")) }, selected: "vneid_app",
                                id: "f-identity-method"),
                            H.field(
                                ctx, name: "checked_on", label: ctx.t("field.checked_on"), value: today.iso, type: "date", required: true,
                                id: "f-identity-checked_on"),
                            H.field(ctx, name: "note", label: ctx.t("field.note"), hint: ctx.t("registry.identity_note_hint"), id: "f-identity-note"),
                            H.button(ctx.t("registry.identity_record"), kind: "secondary"),
                        ]) : .empty,
            ])
    }
}

/// The API twin: a person's identity checks, and a new one.
struct IdentityAPI: APIDescribed {
    func register(api: any RoutesBuilder) {
        api.get(.api(.personVerifications(nil)), use: list)
        api.post(.api(.personVerifications(nil)), use: record)
        api.get(.api(.personData(nil)), use: subjectData)
    }

    func subjectData(req: Request) async throws -> Response {
        let d = try await SubjectDataRepository(req.store).export(try req.requireActor(), personID: try req.idParameter())
        var headers = HTTPHeaders()
        headers.contentType = .json
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return Response(
            status: .ok, headers: headers, body: .init(data: try JSONSerialization.data(withJSONObject: SubjectDataPage.json(d), options: [.sortedKeys])))
    }

    struct CheckDTO: Content {
        let status: String; let method: String; let checkedOn: String; let note: String?; let recordedBy: String
        init(_ c: IdentityCheck) {
            status = c.status.rawValue; method = c.method.rawValue; checkedOn = c.checkedOn.iso; note = c.note; recordedBy = c.recordedBy
        }
    }
    struct CheckRequest: Content { let status: String; let method: String; let checkedOn: String; let note: String? }

    func list(req: Request) async throws -> APIJSON<[CheckDTO]> {
        APIJSON(try await IdentityVerificationRepository(req.store).history(try req.requireActor(), personID: try req.idParameter()).map(CheckDTO.init))
    }

    func record(req: Request) async throws -> APIJSON<CheckDTO> {
        let a = try req.requireActor()
        try a.require(.manageRegistry)
        let b = try req.json(CheckRequest.self)
        try APIInput.limit([("note", b.note, 1000)])
        let c = try await IdentityVerificationRepository(req.store).record(
            a, personID: try req.idParameter(), status: b.status, method: b.method, checkedOn: b.checkedOn, note: b.note ?? "")
        return APIJSON(CheckDTO(c), status: .created)
    }

    static var operations: [APIOperation] {
        let tag = "registry"
        return [
            APIOperation(
                .GET, .personVerifications(nil), "A person's checks against the national population database, latest first", tag: tag,
                response: "IdentityCheckList"),
            APIOperation(
                .POST, .personVerifications(nil),
                "Record a check of the person's identity details against the national population database (Decrees 147/2025, 176/2025)", tag: tag,
                request: "IdentityCheckRequest", response: "IdentityCheck", status: 201),
            APIOperation(
                .GET, .personData(nil),
                "Everything Ansinh holds about the person, for their right of access (Law 91/2025/QH15): each kind of record, what the caller's role may not read marked as withheld, and the access log",
                tag: tag, response: "SubjectData"),
        ]
    }

    static var schemas: [String: Any] {
        let str: [String: Any] = ["type": "string"]
        return [
            "IdentityCheck": OpenAPI.obj(
                [
                    "status": ["type": "string", "enum": VerificationStatus.allCases.map(\.rawValue)],
                    "method": ["type": "string", "enum": VerificationMethod.allCases.map(\.rawValue)], "checked_on": str,
                    "note": ["type": ["string", "null"]], "recorded_by": str,
                ], required: ["status", "method", "checked_on"]),
            "IdentityCheckList": ["type": "array", "items": OpenAPI.ref("IdentityCheck")],
            "SubjectData": OpenAPI.obj(
                [
                    "person_id": ["type": "string", "format": "uuid"], "full_name": str, "produced_at": str, "produced_by": str,
                    "sections": [
                        "type": "array",
                        "items": OpenAPI.obj(
                            [
                                "table": str, "withheld": ["type": "boolean"],
                                "records": ["type": "array", "items": ["type": "object", "additionalProperties": str]],
                            ], required: ["table", "withheld", "records"]),
                    ],
                    "access_log": [
                        "type": "array",
                        "items": OpenAPI.obj(["at": str, "actor": str, "action": str, "entity": str], required: ["at", "actor", "action", "entity"]),
                    ],
                ], required: ["person_id", "sections", "access_log"]),
            "IdentityCheckRequest": OpenAPI.request(
                [
                    "status": ["type": "string", "enum": [VerificationStatus.verified.rawValue, VerificationStatus.mismatch.rawValue]],
                    "method": ["type": "string", "enum": VerificationMethod.allCases.map(\.rawValue)], "checked_on": OpenAPI.date,
                    "note": ["type": ["string", "null"], "maxLength": 1000],
                ], required: ["status", "method", "checked_on"]),
        ]
    }
}
