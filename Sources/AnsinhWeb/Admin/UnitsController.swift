import AnsinhCore
import AnsinhStore
import Plot
import Vapor

/// Organisational units: the tree, a unit's page, create, rename, delete.
struct UnitsController {
    struct UnitForm: Content { var code: String?; var name: String?; var kind: String?; var parent_id: String? }

    func register(authed: any RoutesBuilder) {
        authed.get(.units, use: list)
        authed.get(.unitNew, use: newForm)
        authed.post(.units, use: create)
        authed.get(.unit(nil), use: show)
        authed.get(.unitEdit(nil), use: editForm)
        authed.post(.unitEdit(nil), use: update)
        authed.post(.unitDelete(nil), use: delete)
        authed.post(.unitFacts(nil), use: setFact)
    }

    struct FactForm: Content { var value: String?; var valid_from: String?; var note: String? }

    /// Records, with its date, whether a commune is in the extremely difficult ethnic-minority
    /// and mountainous areas (the lists changed with the 2025 mergers).
    func setFact(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let id = try req.idParameter()
        let f = try req.content.decode(FactForm.self)
        return try await req.perform(back: SiteRoute.unit(id).path, success: Message("common.saved")) {
            try await UnitRepository(req.store).setDifficultArea(actor, unitID: id, value: f.value == "yes", validFrom: f.valid_from ?? "", note: f.note)
        }
    }

    func list(req: Request) async throws -> HTMLResponse {
        HTMLResponse(UnitsPage.render(PageContext(req), try await UnitsPage.model(for: req)))
    }

    func newForm(req: Request) async throws -> HTMLResponse {
        let actor = try req.requireActor()
        try actor.require(.manageUnits)
        let preset = UnitInput(
            code: "", name: "", kind: actor.role.creatableUnitKinds.count == 1 ? actor.role.creatableUnitKinds.first!.rawValue : "",
            parentID: req.query[String.self, at: "parent"].flatMap(UUID.init(uuidString:)))
        return HTMLResponse(UnitFormPage.render(PageContext(req), try await UnitFormPage.model(for: req, input: preset, editing: nil)))
    }

    func create(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let f = try req.content.decode(UnitForm.self)
        let input = UnitInput(
            code: f.code ?? "", name: f.name ?? "", kind: f.kind ?? "",
            parentID: f.parent_id.flatMap(UUID.init(uuidString:)))
        do {
            let unit = try await UnitRepository(req.store).create(actor, input)
            req.flash(.success, Message("units.created", ["name": unit.name]))
            return req.redirect(to: SiteRoute.unit(unit.id).path)
        } catch AppError.validation(let errors) {
            return HTMLResponse(
                UnitFormPage.render(PageContext(req), try await UnitFormPage.model(for: req, input: input, editing: nil, errors: errors)),
                status: .unprocessableEntity
            ).response()
        }
    }

    func show(req: Request) async throws -> HTMLResponse {
        HTMLResponse(UnitPage.render(PageContext(req), try await UnitPage.model(for: req)))
    }

    func editForm(req: Request) async throws -> HTMLResponse {
        let actor = try req.requireActor()
        try actor.require(.manageUnits)
        let unit = try await UnitRepository(req.store).get(actor, id: try req.idParameter())
        guard actor.role.creatableUnitKinds.contains(unit.kind) else { throw AppError.forbidden }
        let input = UnitInput(code: unit.code, name: unit.name, kind: unit.kind.rawValue, parentID: unit.parentID)
        return HTMLResponse(UnitFormPage.render(PageContext(req), try await UnitFormPage.model(for: req, input: input, editing: unit)))
    }

    func update(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let id = try req.idParameter()
        let f = try req.content.decode(UnitForm.self)
        do {
            let unit = try await UnitRepository(req.store).update(actor, id: id, code: f.code ?? "", name: f.name ?? "")
            req.flash(.success, Message("common.saved"))
            return req.redirect(to: SiteRoute.unit(unit.id).path)
        } catch AppError.validation(let errors) {
            let unit = try await UnitRepository(req.store).get(actor, id: id)
            let input = UnitInput(code: f.code ?? "", name: f.name ?? "", kind: unit.kind.rawValue, parentID: unit.parentID)
            return HTMLResponse(
                UnitFormPage.render(PageContext(req), try await UnitFormPage.model(for: req, input: input, editing: unit, errors: errors)),
                status: .unprocessableEntity
            ).response()
        }
    }

    func delete(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let id = try req.idParameter()
        let repo = UnitRepository(req.store)
        let unit = try await repo.get(actor, id: id)
        do {
            try await repo.delete(actor, id: id)
            req.flash(.success, Message("units.deleted", ["name": unit.name]))
            return req.redirect(to: unit.parentID.map { SiteRoute.unit($0).path } ?? SiteRoute.units.path)
        } catch AppError.conflict(let m) {
            req.flash(.error, m)
            return req.redirect(to: SiteRoute.unit(id).path)
        }
    }
}
