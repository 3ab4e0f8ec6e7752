import AnsinhCore
import FluentKit
import Foundation

/// What a round of repayment reminders did: messages queued, borrowers whose household has no
/// phone (to be told by the savings-and-loan group), and those already reminded of that day.
public struct LoanReminderResult: Sendable, Equatable {
    public var reminded = 0
    public var withoutPhone = 0
    public var already = 0
    public init() {}
}

extension LivelihoodRepository {
    /// Reminds the borrowers of every disbursed loan in the actor's units of the bank's transaction
    /// day at the ward — where interest and instalments are paid (the bank keeps the account; the
    /// ward tells its people) — by SMS to the household's phone, through the outbox in the same
    /// transaction. The day is today or within 60 days; a loan already reminded of that day is
    /// not reminded again, so the round may be repeated safely. Each loan reminded is audited.
    public func remindBorrowers(_ actor: Actor, day raw: String, place rawPlace: String, today: LocalDate) async throws -> LoanReminderResult {
        try actor.require(.manageLivelihood)
        var c = InputCheck()
        let place = c.text(rawPlace, "location", max: 200)
        let day = c.date(raw, "date")
        if let day, day < today || day > today.adding(days: 60) {
            c.fail("date", "loan.error.reminder_day", ["from": today.iso, "to": today.adding(days: 60).iso])
        }
        try c.check()
        let on = day!, now = store.now()
        return try await store.write(actor) { tx, audit in
            let loans = try await store.scoped(LoanModel.self, actor, on: tx).filter(\.$status == LoanLifecycle.State.disbursed.rawValue)
                .sort(\.$preparedOn).sort(\.$id).all()
            var households: [UUID: HouseholdModel] = [:]
            for chunk in Array(Set(loans.map(\.householdID))).chunked(500) {
                for h in try await HouseholdModel.query(on: tx).filter(\.$id ~~ chunk).all() { households[h.id!] = h }
            }
            var result = LoanReminderResult()
            var outgoing: [OutgoingMessage] = []
            for m in loans {
                if m.remindedFor == on.iso {
                    result.already += 1
                    continue
                }
                guard let phone = households[m.householdID]?.phone.flatMap(PhoneNumber.normalise) else {
                    result.withoutPhone += 1
                    continue
                }
                let message = Message(
                    "outbox.msg.loan_reminder", ["date": on.formatted(.vi), "place": place, "programme": "@loan.programme.\(m.programme)"])
                outgoing.append(OutgoingMessage(message: message, contact: ResidentContact(phone: phone), sourceID: m.id!, unitPath: m.unitPath))
                m.remindedFor = on.iso
                try await m.save(on: tx)
                audit.add(
                    AuditRecord(
                        action: "loan_remind", entity: LoanLifecycle.entity, entityID: m.id!.uuidString, unitID: m.unitID, unitPath: m.unitPath,
                        before: NoValue?.none, after: ["date": on.iso, "place": place]))
                result.reminded += 1
            }
            try await OutboxRepository.notify(outgoing, sourceKind: LoanLifecycle.entity, now: now, on: tx)
            return result
        }
    }
}
