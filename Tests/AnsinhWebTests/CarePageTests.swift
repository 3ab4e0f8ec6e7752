import AnsinhCore
@testable import AnsinhStore
import Foundation
import Testing
@testable import AnsinhWeb

/// The care pages rendered from fixed models: what each shows, in Vietnamese and in Arabic, and
/// what a role without the health class does not see.
@Suite("Care pages")
struct CarePageTests {
    static let manager = Actor(userID: UUID(), username: "giamdoc", role: .centreManager, unitID: UUID(), scopePath: "/A/C/", locale: .vi)

    static func resident(health: Bool) -> ResidentPage.Resident {
        let day = LocalDate(iso: "2025-12-01")!
        return ResidentPage.Resident(
            row: CareParts.Row(
                id: UUID(), fullName: "Bé <b>Hoa</b>", birthDate: LocalDate(iso: "2018-06-01")!, basis: .childWithoutCare,
                admittedOn: LocalDate(iso: "2025-11-20")!, status: .inCare, bed: "TE1-2"),
            gender: "female", personLinked: true, decisionNumber: "77/QĐ", decisionDate: day, decisionSigner: "Giám đốc", referralSource: "UBND phường",
            caseID: nil, dischargedOn: nil, dischargeReason: nil, dischargeNote: nil,
            beds: [ResidentPage.Stay(bed: "TE1-2", from: LocalDate(iso: "2025-11-20")!, until: nil)],
            log: [ResidentPage.LogLine(day: day, shift: .afternoon, kind: .meal, note: "Ăn hết suất", recordedBy: "ctxh")],
            prescriptions: health
                ? [
                    ResidentPage.Prescription(
                        id: UUID(), drug: "Depakine 200 mg", dose: "1 viên", times: ["08:00", "20:00"], from: day, until: nil, prescriber: "BS Hà")
                ]
                : nil,
            doses: health ? [ResidentPage.Dose(drug: "Depakine 200 mg", day: day, time: "20:00", status: .missed, note: "Ngủ sớm", recordedBy: "ctxh")] : nil)
    }

    @Test func theResidentPageShowsTheStayAndTheMedicationToWhoMaySeeIt() {
        let ctx = PageContext(locale: .vi, actor: Self.manager)
        let actions: Set<ResidentLifecycle.Transition> = [.assignBed, .recordCare, .prescribe, .discharge]
        let page = ResidentPage.render(
            ctx, ResidentPage.Model(resident: Self.resident(health: true), today: LocalDate(iso: "2025-12-02")!, freeBeds: [("x", "TE1-3")], actions: actions))
        #expect(page.contains("Bé &lt;b&gt;Hoa&lt;/b&gt;") && !page.contains("<b>Hoa</b>"))
        #expect(page.contains("Depakine 200 mg") && page.contains("Ngủ sớm") && page.contains(ctx.t("care.dose.missed")))
        #expect(page.contains(ctx.t("care.basis.child_without_care")) && page.contains("TE1-2"))
        #expect(page.contains(#"action="/care/residents/"#) && page.contains("/discharge"))
        let hidden = ResidentPage.render(
            ctx, ResidentPage.Model(resident: Self.resident(health: false), today: LocalDate(iso: "2025-12-02")!, freeBeds: [], actions: [.recordCare]))
        #expect(!hidden.contains("Depakine") && !hidden.contains(ctx.t("care.medication")) && !hidden.contains("/discharge"))
    }

    @Test func theResidentPageShowsThePlanLeaveAndIncidents() {
        let ctx = PageContext(locale: .vi, actor: Self.manager)
        var r = Self.resident(health: true)
        let goal = GoalRow(id: UUID(), domain: .lifeSkills, goal: "Tự <i>giặt</i>", targetDate: nil, status: .open, statusOn: nil)
        r.plan = CarePlanRecord(goals: [goal], reviews: [], due: LocalDate(iso: "2025-12-20")!, overdue: true)
        let now = CareMoment("2025-12-02T18:00")!
        r.leaves = [
            LeaveRow(
                id: UUID(), residentID: r.row.id, residentName: "Bé Hoa", kind: .homeVisit, destination: "Nhà bác", companion: nil,
                leftAt: CareMoment("2025-12-02T08:00")!, expectedBack: CareMoment("2025-12-02T17:00")!, returnedAt: nil, returnNote: nil, late: true)
        ]
        r.incidents = [
            IncidentRow(
                id: UUID(), residentID: r.row.id, residentName: "Bé Hoa", occurredAt: CareMoment("2025-12-01T06:30")!, kind: .fall, severity: .serious,
                description: "Ngã cầu thang", actionTaken: nil, status: .open, closedOn: nil, outcome: nil,
                followUps: [FollowUpRow(day: LocalDate(iso: "2025-12-01")!, note: "Đã khám", by: "ctxh")])
        ]
        var m = ResidentPage.Model(
            resident: r, today: LocalDate(iso: "2025-12-02")!, freeBeds: [], actions: [.plan, .signIn, .signOut, .reportIncident, .recordCare])
        m.now = now
        m.canFollowUp = true
        let page = ResidentPage.render(ctx, m)
        #expect(page.contains(ctx.t("care.plan_overdue", ["date": "20/12/2025"])) && page.contains("Tự &lt;i&gt;giặt&lt;/i&gt;"))
        // Out now: the form signs them back, not out again; late is said.
        #expect(page.contains("/return") && !page.contains(#"/leave""#) && page.contains(ctx.t("care.late")))
        #expect(page.contains("Ngã cầu thang") && page.contains("Đã khám") && page.contains("/follow-up") && page.contains(ctx.t("care.severity.serious")))
        #expect(page.contains(#"name="achieved[]""#) && page.contains(#"value="2026-06-02""#))
    }

    static func contract() -> ContractRecord {
        let row = ContractRow(
            id: UUID(), number: "1/2026/HĐDV", residentID: UUID(), residentName: "Cụ Nhàn", payerName: "Anh <script>Khải</script>", term: .fullTime,
            roomType: .double, startsOn: LocalDate(iso: "2026-03-02")!, endsOn: nil, status: .active, invoiced: 18_800_000, paid: 9_500_000)
        let invoice = InvoiceRow(
            id: UUID(), number: "2026-0002", month: YearMonth(iso: "2026-04")!, amounts: InvoiceAmounts(days: 30, base: 8_900_000, extras: 400_000, vat: 0),
            issuedOn: LocalDate(iso: "2026-05-01")!)
        return ContractRecord(
            row: row, centreName: "Trung tâm Trợ giúp xã hội", residentBirth: LocalDate(iso: "1938-02-11")!, payerRelation: "con trai", payerPhone: "0912",
            payerAddress: "Hạ Long", services: "Ăn 3 bữa", extrasMonthly: 400_000, extrasNote: "giặt là",
            price: DatedPrice(from: LocalDate(iso: "2025-10-01")!, monthly: 8_500_000, vatBasisPoints: 0), invoices: [invoice], payments: [])
    }

    @Test func theContractPageShowsWhatIsOwedAndThePrintsAreInVietnamese() {
        let ctx = PageContext(locale: .en, actor: Self.manager)
        let c = Self.contract()
        let page = ContractPage.render(ctx, ContractPage.Model(contract: c, today: LocalDate(iso: "2026-05-10")!, canInvoice: true, canEnd: true))
        #expect(page.contains("Anh &lt;script&gt;Khải&lt;/script&gt;") && !page.contains("<script>Khải"))
        #expect(page.contains("2026-0002") && page.contains("/payments") && page.contains("/end") && page.contains(ctx.money(Dong(9_300_000))))
        let vi = PageContext(locale: .vi, actor: Self.manager)
        let print = InvoicePrintPage.render(vi, InvoicePrintPage.Model(invoice: c.invoices[0], contract: c))
        #expect(print.contains("Hóa đơn số 2026-0002") && print.contains("9.300.000") && print.contains("Chăm sóc 30 ngày, phòng đôi"))
        let contract = ContractPrintPage.render(vi, c)
        #expect(contract.contains("HỢP ĐỒNG DỊCH VỤ CHĂM SÓC số 1/2026/HĐDV") && contract.contains("8.500.000") && contract.contains("khi một bên chấm dứt"))
        let empty = ContractsPage.render(
            ctx,
            ContractsPage.Model(
                rows: [], status: nil, paging: Paging(page: 1, pageCount: 1, total: 0), prices: [], residents: [],
                centres: [], canCreate: true, canInvoice: true, today: LocalDate(iso: "2026-05-10")!))
        #expect(empty.contains(ctx.t("contract.none")) && empty.contains(ctx.t("contract.no_residents")) && empty.contains(#"action="/care/prices""#))
    }

    @Test func theHandoverListsWhatTheShiftBeforeDidNotGive() {
        let ar = PageContext(locale: .ar, actor: Self.manager)
        let item = HandoverPage.Item(
            residentID: UUID(), residentName: "Bé Hoa", drug: "Depakine", dose: "1 viên", day: LocalDate(iso: "2025-12-01")!, time: "20:00", status: nil,
            note: nil)
        let page = HandoverPage.render(ar, HandoverPage.Model(day: LocalDate(iso: "2025-12-01")!, shift: .night, items: [item]))
        #expect(page.contains("Bé Hoa") && page.contains(ar.t("care.dose.not_recorded")) && page.contains(#"dir="rtl""#))
        let empty = HandoverPage.render(ar, HandoverPage.Model(day: LocalDate(iso: "2025-12-01")!, shift: .morning, items: []))
        #expect(empty.contains(ar.t("care.handover_empty")))
    }
}
