import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// The ward's living-conditions works: the register (by residential group, state and kind), the
/// map of those with coordinates, a proposal, the list as CSV/XLSX; one work with its steps,
/// diary, state budget, money from the funds and photos.
struct WorksController {
    struct WorkForm: Content {
        var unit: String?; var group: String?; var kind: String?; var title: String?; var location: String?; var coordinates: String?
        var need: String?; var origin: String?; var request_code: String?; var estimate: String?; var household_code: String?
        var house_condition: String?
    }
    struct StepForm: Content {
        var step: String?; var date: String?; var decision: String?; var percent: String?; var note: String?; var handed_to: String?; var reason: String?
        var contractor: String?
    }
    struct BudgetForm: Content { var amount: String?; var decision: String?; var day: String? }
    struct PhotoForm: Content { var file: File?; var caption: String?; var day: String? }

    func register(authed: any RoutesBuilder) {
        authed.get(.works) { req in try await WorksPage.response(req, form: WorkForm(), errors: []) }
        authed.post(.works) { req in
            let actor = try req.requireActor()
            try actor.require(.manageWorks)
            let f = try req.content.decode(WorkForm.self)
            var input = WorkInput()
            input.unitCode = f.unit ?? ""; input.groupCode = f.group ?? ""; input.kind = f.kind ?? ""; input.title = f.title ?? ""
            input.location = f.location ?? ""; input.coordinates = f.coordinates ?? ""; input.need = f.need ?? ""; input.origin = f.origin ?? ""
            input.requestCode = f.request_code ?? ""; input.estimate = f.estimate.flatMap { $0.isEmpty ? 0 : ImportTable.dong($0) ?? -1 }
            input.householdCode = f.household_code ?? ""; input.houseCondition = f.house_condition ?? ""
            do {
                let id = try await WorksRepository(req.store).propose(actor, input, today: req.today)
                req.flash(.success, Message("works.proposed"))
                return req.redirect(to: SiteRoute.work(id).path)
            } catch AppError.validation(let errors) {
                return try await WorksPage.response(req, form: f, errors: errors, status: .unprocessableEntity)
            }
        }
        // The register as the residential groups' meetings read it: one row per work.
        authed.get(.worksExport) { req in
            let actor = try req.requireActor()
            let (group, status, kind) = try WorksPage.filters(req)
            let rows = try await WorksRepository(req.store).works(actor, groupCode: group, status: status, kind: kind, page: nil).items.enumerated().map {
                n, w in
                [
                    "\(n + 1)", w.groupName ?? w.wardName, w.kind.rawValue, w.title, w.location, w.point, w.origin.rawValue, "\(w.estimate)", "\(w.budget)",
                    "\(w.funds)", w.status.rawValue, "\(w.percent)", w.completedOn ?? "", w.handedTo ?? "",
                ]
            }
            return try await Spreadsheet.response(
                req,
                header: [
                    "stt", "to_dan_pho", "loai", "ten_cong_trinh", "dia_diem", "toa_do", "de_xuat_tu", "du_toan", "ngan_sach", "dong_gop_qua_quy",
                    "trang_thai", "tien_do", "ngay_hoan_thanh", "ban_giao_cho",
                ], rows: rows, baseName: "cong-trinh-dan-sinh")
        }
        authed.get(.work(nil)) { req in
            let actor = try req.requireActor()
            let file = try await WorksRepository(req.store).work(actor, id: try req.idParameter())
            let model = WorkPage.Model(
                file: file, steps: WorkLifecycle.available(from: file.work.status, role: actor.role), canManage: actor.role.can(.manageWorks),
                today: req.today)
            return HTMLResponse(WorkPage.render(PageContext(req), model))
        }
        authed.post(.workStep(nil)) { req in
            let actor = try req.requireActor()
            let id = try req.idParameter()
            let f = try req.content.decode(StepForm.self)
            let t = WorkLifecycle.Transition(rawValue: f.step ?? "")
            if let t { try actor.require(WorkLifecycle.rule(t).permission) } else { try actor.require(.manageWorks) }
            var input = WorkStepInput()
            input.date = f.date ?? ""; input.decision = f.decision ?? ""; input.note = f.note ?? ""; input.handedTo = f.handed_to ?? ""
            input.reason = f.reason ?? ""; input.contractor = f.contractor ?? "";
            input.percent = f.percent.flatMap { $0.isEmpty ? nil : Int($0.trimmingCharacters(in: .whitespaces)) ?? -1 }
            return try await req.perform(back: SiteRoute.work(id).path, success: t.map { Message("works.done.\($0.rawValue)") }) {
                guard let t else { throw AppError.invalid("step", "validation.choice") }
                try await WorksRepository(req.store).step(actor, work: id, t, input, today: req.today)
            }
        }
        authed.post(.workBudget(nil)) { req in
            let actor = try req.requireActor()
            try actor.require(.manageWorks)
            let id = try req.idParameter()
            let f = try req.content.decode(BudgetForm.self)
            return try await req.perform(back: SiteRoute.work(id).path, success: Message("works.budget_added")) {
                try await WorksRepository(req.store).addBudget(
                    actor, work: id, amount: f.amount.flatMap { $0.isEmpty ? nil : ImportTable.dong($0) ?? -1 }, decision: f.decision ?? "",
                    day: f.day ?? "", today: req.today)
            }
        }
        authed.upload(.workPhotos(nil)) { req in
            let actor = try req.requireActor()
            let id = try req.idParameter()
            try actor.require(.manageWorks)  // before the file is read
            let f = try req.content.decode(PhotoForm.self)
            return try await req.perform(back: SiteRoute.work(id).path, success: Message("works.photo_added")) {
                try await WorksRepository(req.store).addPhoto(
                    actor, work: id, caption: f.caption ?? "", day: f.day ?? "", data: f.file.map { Data(buffer: $0.data) } ?? Data(), today: req.today)
            }
        }
        authed.get(.workPhoto(nil)) { req in try await Self.photo(req) }
        authed.get(.policyHouses) { req in
            let actor = try req.requireActor()
            let condition = try req.filterChoice("condition", HouseCondition.self)
            let rows = try await WorksRepository(req.store).policyHouses(actor, condition: condition)
            return HTMLResponse(
                PolicyHousesPage.render(PageContext(req), PolicyHousesPage.Model(rows: rows.map(PolicyHousesPage.Row.init), condition: condition)))
        }
    }

    /// A photo with its own type, never guessed by the browser.
    static func photo(_ req: Request) async throws -> Response {
        let (kind, data) = try await WorksRepository(req.store).photo(try req.requireActor(), id: try req.idParameter())
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: kind.contentType)
        headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        headers.replaceOrAdd(name: .cacheControl, value: "private, max-age=3600")
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }
}
