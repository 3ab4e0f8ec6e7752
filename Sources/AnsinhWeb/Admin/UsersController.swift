import AnsinhCore
import AnsinhStore
import Plot
import Vapor

/// Accounts: list, create, change, disable/enable, personal API tokens.
struct UsersController {
    struct UserForm: Content {
        var username: String?; var full_name: String?; var password: String?
        var role: String?; var unit_id: String?; var locale: String?
    }
    struct TokenForm: Content { var name: String? }

    func register(authed: any RoutesBuilder) {
        authed.get(.users, use: list)
        authed.get(.userNew, use: newForm)
        authed.post(.users, use: create)
        authed.get(.user(nil), use: show)
        authed.get(.userEdit(nil), use: editForm)
        authed.post(.userEdit(nil), use: update)
        authed.post(.userDisable(nil), use: disable)
        authed.post(.userEnable(nil), use: enable)
        authed.post(.userToken(nil), use: createToken)
    }

    func input(_ f: UserForm) -> UserInput {
        UserInput(
            username: (f.username ?? "").trimmingCharacters(in: .whitespaces).lowercased(),
            fullName: f.full_name ?? "", password: f.password, role: f.role ?? "",
            unitID: f.unit_id.flatMap(UUID.init(uuidString:)), locale: f.locale)
    }

    func list(req: Request) async throws -> HTMLResponse {
        HTMLResponse(UsersPage.render(PageContext(req), try await UsersPage.model(for: req)))
    }

    func newForm(req: Request) async throws -> HTMLResponse {
        let actor = try req.requireActor()
        try actor.require(.manageUsers)
        let blank = UserInput(username: "", fullName: "", password: nil, role: "", unitID: nil, locale: nil)
        return HTMLResponse(UserFormPage.render(PageContext(req), try await UserFormPage.model(for: req, input: blank, editing: nil)))
    }

    func create(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let input = input(try req.content.decode(UserForm.self))
        do {
            let user = try await UserRepository(req.store).create(actor, input)
            req.flash(.success, Message("users.created", ["username": user.username]))
            return req.redirect(to: SiteRoute.user(user.id).path)
        } catch AppError.validation(let errors) {
            return HTMLResponse(
                UserFormPage.render(PageContext(req), try await UserFormPage.model(for: req, input: input, editing: nil, errors: errors)),
                status: .unprocessableEntity
            ).response()
        }
    }

    func show(req: Request) async throws -> HTMLResponse {
        HTMLResponse(UserPage.render(PageContext(req), try await UserPage.model(for: req)))
    }

    func editForm(req: Request) async throws -> HTMLResponse {
        let actor = try req.requireActor()
        try actor.require(.manageUsers)
        let (user, _) = try await UserRepository(req.store).get(actor, id: try req.idParameter())
        let input = UserInput(
            username: user.username, fullName: user.fullName, password: nil, role: user.role.rawValue,
            unitID: user.unitID, locale: user.locale?.rawValue)
        return HTMLResponse(UserFormPage.render(PageContext(req), try await UserFormPage.model(for: req, input: input, editing: user)))
    }

    func update(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let id = try req.idParameter()
        let input = input(try req.content.decode(UserForm.self))
        do {
            _ = try await UserRepository(req.store).update(actor, id: id, input)
            req.flash(.success, Message("common.saved"))
            return req.redirect(to: SiteRoute.user(id).path)
        } catch AppError.validation(let errors) {
            let (user, _) = try await UserRepository(req.store).get(actor, id: id)
            return HTMLResponse(
                UserFormPage.render(PageContext(req), try await UserFormPage.model(for: req, input: input, editing: user, errors: errors)),
                status: .unprocessableEntity
            ).response()
        }
    }

    func disable(req: Request) async throws -> Response { try await setDisabled(req, true) }
    func enable(req: Request) async throws -> Response { try await setDisabled(req, false) }

    func setDisabled(_ req: Request, _ disabled: Bool) async throws -> Response {
        let actor = try req.requireActor()
        let id = try req.idParameter()
        do {
            let user = try await UserRepository(req.store).setDisabled(actor, id: id, disabled: disabled)
            req.flash(.success, Message(disabled ? "users.disabled_done" : "users.enabled_done", ["username": user.username]))
        } catch AppError.conflict(let m) {
            req.flash(.error, m)
        }
        return req.redirect(to: SiteRoute.user(id).path)
    }

    func createToken(req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let id = try req.idParameter()
        let form = try req.content.decode(TokenForm.self)
        do {
            let token = try await TokenRepository(req.store).create(actor, for: id, name: form.name ?? "", days: req.services.config.tokenDays)
            req.session.data["new_token"] = token
        } catch AppError.validation(let errors) {
            req.flash(.error, errors.first?.message ?? Message("error.validation"))
        }
        return req.redirect(to: SiteRoute.user(id).path)
    }
}
