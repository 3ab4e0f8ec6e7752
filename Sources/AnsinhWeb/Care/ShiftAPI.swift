import AnsinhCore
import AnsinhStore
import Foundation
import Vapor

/// A whole shift's sheet from a tablet on the ward: the log lines and the doses of the shift in
/// one request, checked whole, written in one transaction.
struct ShiftAPI: APIDescribed {
    func register(api: any RoutesBuilder) {
        api.post(.api(.careShifts), use: record)
    }

    struct LogLine: Content { let residentId: UUID; let kind: String; let note: String }
    struct DoseLine: Content { let prescriptionId: UUID; let day: String; let time: String; let status: String; let note: String? }
    struct Sheet: Content { let day: String; let shift: String; let log: [LogLine]?; let doses: [DoseLine]? }
    struct SheetDTO: Content { let day: String; let shift: String; let logLines: Int; let doses: Int }

    func record(req: Request) async throws -> APIJSON<SheetDTO> {
        let a = try req.requireActor()
        try a.require(.manageCare)
        let b = try req.json(Sheet.self)
        try APIInput.limit([("day", b.day, 10), ("shift", b.shift, 20)])
        let done = try await CareRepository(req.store).recordShift(
            a, day: b.day, shift: b.shift, log: (b.log ?? []).map { ShiftLogLine(residentID: $0.residentId, kind: $0.kind, note: $0.note) },
            doses: (b.doses ?? []).map { ShiftDoseLine(prescriptionID: $0.prescriptionId, day: $0.day, time: $0.time, status: $0.status, note: $0.note ?? "") },
            today: req.today)
        return APIJSON(SheetDTO(day: b.day, shift: b.shift, logLines: done.log, doses: done.doses), status: .created)
    }

    static var operations: [APIOperation] {
        [
            APIOperation(
                .POST, .careShifts,
                "A shift's whole sheet: log lines and doses of many residents, every line checked first (a bad one named by its place, nothing written), then one transaction and one audit entry",
                tag: "care", request: "CareShiftSheet", response: "CareShiftRecorded", status: 201)
        ]
    }

    static var schemas: [String: Any] {
        let uuid: [String: Any] = ["type": "string", "format": "uuid"]
        let time: [String: Any] = ["type": "string", "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$"]
        return [
            "CareShiftSheet": OpenAPI.request(
                [
                    "day": OpenAPI.date, "shift": ["type": "string", "enum": Shift.allCases.map(\.rawValue)],
                    "log": [
                        "type": "array", "maxItems": CareRepository.maxShiftLines,
                        "items": OpenAPI.request(
                            [
                                "resident_id": uuid, "kind": ["type": "string", "enum": CareLogKind.allCases.map(\.rawValue)],
                                "note": OpenAPI.name(CareRepository.maxSheetLogNote),
                            ],
                            required: ["resident_id", "kind", "note"]),
                    ],
                    "doses": [
                        "type": "array", "maxItems": CareRepository.maxShiftLines,
                        "items": OpenAPI.request(
                            [
                                "prescription_id": uuid, "day": OpenAPI.date, "time": time,
                                "status": ["type": "string", "enum": DoseStatus.allCases.map(\.rawValue)],
                                "note": ["type": "string", "maxLength": CareRepository.maxSheetDoseNote],
                            ], required: ["prescription_id", "day", "time", "status"]),
                    ],
                ], required: ["day", "shift"]),
            "CareShiftRecorded": OpenAPI.obj(
                ["day": ["type": "string"], "shift": ["type": "string"], "log_lines": ["type": "integer"], "doses": ["type": "integer"]],
                required: ["day", "shift", "log_lines", "doses"]),
        ]
    }
}
