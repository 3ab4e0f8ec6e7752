import AnsinhCore
import AnsinhStore
import Vapor

/// The API twin of the ward's information pages, without a token: the support regimes with
/// this month's amounts (texts in the `Accept-Language` language), and the poverty review's
/// lists while they are posted.
struct PublicInformationAPI: APIDescribed {
    func register(public app: any RoutesBuilder) {
        app.get(.api(.publicSupport)) { req async throws -> APIJSON<GuideDTO> in
            let g = try await PublicInformationRepository(req.store).guide(wardCode: Self.ward(req), today: req.today)
            return APIJSON(GuideDTO(g, req))
        }
        app.get(.api(.publicPostings)) { req async throws -> APIJSON<PostingsDTO> in
            APIJSON(PostingsDTO(try await PublicInformationRepository(req.store).postings(wardCode: Self.ward(req), today: req.today, page: try req.pageSpec)))
        }
    }

    /// `?ward=`: absent is the first ward; empty is refused like an unknown code.
    static func ward(_ req: Request) throws -> String? {
        guard let w = req.query[String.self, at: "ward"] else { return nil }
        if w.trimmingCharacters(in: .whitespaces).isEmpty { throw AppError.invalid("ward", "request.error.unit") }
        return w
    }

    struct Named: Content { let code: String; let name: String }
    struct LineDTO: Content { let label: String; let coefficient: String?; let amount: Int64?; let kilograms: Int?; let months: Int? }
    struct RegimeDTO: Content {
        let id: String; let title: String; let who: String; let how: String; let basis: String; let requestKind: String; let answerDays: Int
        let lines: [LineDTO]; let forms: [Named]; let papers: [Named]
    }
    struct GuideDTO: Content {
        let ward: String?; let wardName: String?; let month: String; let standardLevel: Int64?; let socialPension: Int64?; let regimes: [RegimeDTO]
        init(_ g: SupportGuideView, _ req: Request) {
            ward = g.wardCode; wardName = g.wardName; month = g.month.description; standardLevel = g.standardLevel?.amount
            socialPension = g.socialPension?.amount
            regimes = g.regimes.map { r in
                let id = r.regime.id
                return RegimeDTO(
                    id: id, title: req.t("guide.\(id).title"), who: req.t("guide.\(id).who"), how: req.t("guide.\(id).how", ["days": "\(r.answerDays)"]),
                    basis: r.regime.basis, requestKind: r.regime.requestKind.rawValue, answerDays: r.answerDays,
                    lines: r.amounts.map {
                        LineDTO(label: req.t($0.label), coefficient: $0.coefficient?.description, amount: $0.amount, kilograms: $0.kilograms, months: $0.months)
                    },
                    forms: r.regime.forms.map { Named(code: $0, name: req.t("decision.form.\($0)")) },
                    papers: r.regime.papers.map { Named(code: $0, name: req.t("decision.document.\($0)")) })
            }
        }
    }
    struct PostingDTO: Content { let kind: String; let year: Int; let month: Int; let period: Int; let start: String; let end: String }
    struct PostedDTO: Content { let headName: String; let maskedNationalId: String; let residentialGroup: String?; let `class`: String }
    struct PostingsDTO: Content {
        let ward: String?; let wardName: String?; let postings: [PostingDTO]; let items: [PostedDTO]; let page: Int; let perPage: Int; let total: Int
        init(_ v: PostingsView) {
            ward = v.wardCode; wardName = v.wardName
            postings = v.postings.map {
                PostingDTO(kind: $0.kind.rawValue, year: $0.year, month: $0.month, period: $0.period, start: $0.start.iso, end: $0.end.iso)
            }
            items = v.rows.items.map {
                PostedDTO(headName: $0.headName, maskedNationalId: $0.maskedID, residentialGroup: $0.groupName, class: $0.povertyClass.rawValue)
            }
            page = v.rows.page; perPage = v.rows.perPage; total = v.rows.total
        }
    }

    static var operations: [APIOperation] {
        let tag = "public information"
        let ward: (String, [String: Any]) = ("ward", ["type": "string", "minLength": 1, "maxLength": 50, "pattern": "\\S"])
        return [
            APIOperation(
                .GET, .publicSupport,
                "The support regimes explained, with this month's amounts under the rules of the ward's province (default: the first ward)",
                tag: tag, query: [ward], response: "SupportGuide", isPublic: true),
            APIOperation(
                .GET, .publicPostings, "The poverty review's lists of a ward while posted for objections: head, masked national ID, group, class", tag: tag,
                query: [ward] + OpenAPI.paging, response: "Postings", isPublic: true),
        ]
    }

    static var schemas: [String: Any] {
        let str: [String: Any] = ["type": "string"], int: [String: Any] = ["type": "integer"]
        let optStr: [String: Any] = ["type": ["string", "null"]], optInt: [String: Any] = ["type": ["integer", "null"]]
        let named = OpenAPI.obj(["code": str, "name": str], required: ["code", "name"])
        let line = OpenAPI.obj(
            ["label": str, "coefficient": optStr, "amount": optInt, "kilograms": optInt, "months": optInt], required: ["label"])
        let regime = OpenAPI.obj(
            [
                "id": str, "title": str, "who": str, "how": str, "basis": str,
                "request_kind": ["type": "string", "enum": RequestKind.allCases.map(\.rawValue)],
                "answer_days": int, "lines": ["type": "array", "items": line], "forms": ["type": "array", "items": named],
                "papers": ["type": "array", "items": named],
            ], required: ["id", "title", "who", "how", "request_kind", "answer_days", "lines", "forms", "papers"])
        let posting = OpenAPI.obj(
            ["kind": ["type": "string", "enum": CampaignKind.allCases.map(\.rawValue)], "year": int, "month": int, "period": int, "start": str, "end": str],
            required: ["kind", "year", "start", "end"])
        let posted = OpenAPI.obj(
            [
                "head_name": str, "masked_national_id": str, "residential_group": optStr,
                "class": ["type": "string", "enum": [PovertyClass.poor.rawValue, PovertyClass.nearPoor.rawValue]],
            ], required: ["head_name", "masked_national_id", "class"])
        return [
            "SupportGuide": OpenAPI.obj(
                [
                    "ward": optStr, "ward_name": optStr, "month": str, "standard_level": optInt, "social_pension": optInt,
                    "regimes": ["type": "array", "items": regime],
                ],
                required: ["month", "regimes"]),
            "Postings": OpenAPI.obj(
                [
                    "ward": optStr, "ward_name": optStr, "postings": ["type": "array", "items": posting], "items": ["type": "array", "items": posted],
                    "page": int, "per_page": int, "total": int,
                ], required: ["postings", "items", "page", "per_page", "total"]),
        ]
    }
}
