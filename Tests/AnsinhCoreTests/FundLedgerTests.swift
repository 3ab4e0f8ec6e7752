import AnsinhCore
import Foundation
import Testing

/// The books of a fund: double entry in đồng, earmarks, reversals; the disbursement and receipt
/// lifecycles; the amount in words on a receipt.
@Suite("Fund ledger")
struct FundLedgerTests {
    /// Random sequences of gifts (by each method, earmarked or not), disbursements (of each kind,
    /// from each asset account) and reversals of earlier journals: every journal balances, no
    /// asset account goes below zero, money earmarked for a kind never pays another kind, and the
    /// assets always equal donations less what was given out.
    @Test func theBooksBalanceAfterAnySequence() {
        for run in 0..<200 {
            var seed = UInt64(run) &* 0x9E37_79B9_7F4A_7C15 | 1
            func next(_ n: Int) -> Int {
                seed ^= seed << 13; seed ^= seed >> 7; seed ^= seed << 17
                return Int(seed % UInt64(n))
            }
            var journals: [[LedgerLine]] = [], reversed: Set<Int> = [], all: [LedgerLine] = []
            for _ in 0..<60 {
                let b = FundLedger.balances(all)
                switch next(3) {
                case 0:
                    let method = ReceiptMethod.allCases[next(3)], mark = next(3) == 0 ? DisbursementKind.allCases[next(5)] : nil
                    journals.append(FundLedger.receipt(amount: Int64(1 + next(5_000)) * 1_000, method: method, earmark: mark))
                case 1:
                    let kind = DisbursementKind.allCases[next(5)], source = [LedgerAccount.bank, .cashDesk, .goods][next(3)]
                    let amount = Int64(1 + next(8_000)) * 1_000
                    do {
                        let lines = try FundLedger.disbursement(amount: amount, kind: kind, source: source, balances: b)
                        // Never from money earmarked for another kind.
                        #expect(lines.allSatisfy { $0.earmark == nil || $0.earmark == kind })
                        journals.append(lines)
                    } catch {
                        #expect(error == .insufficient(available: FundLedger.availableFor(kind, source: source, b)))
                        #expect(amount > FundLedger.availableFor(kind, source: source, b))
                        continue
                    }
                default:
                    // Reverse a journal not yet reversed, if the money is still there to take back.
                    guard !journals.isEmpty else { continue }
                    let i = next(journals.count)
                    guard !reversed.contains(i) else { continue }
                    let back = FundLedger.reversal(of: journals[i])
                    let after = FundLedger.balances(all + back)
                    guard after.allSatisfy({ !$0.key.account.isAsset || $0.value >= 0 }) else { continue }
                    reversed.insert(i)
                    journals.append(back)
                }
                let j = journals.last!
                #expect(FundLedger.isBalanced(j), "run \(run): \(j)")
                all += j
                let now = FundLedger.balances(all)
                #expect(now.allSatisfy { !$0.key.account.isAsset || $0.value >= 0 }, "run \(run): an account below zero \(now)")
                let donations = now.filter { $0.key.account == .donations }.reduce(Int64(0)) { $0 + $1.value }
                let given = now.filter { $0.key.account == .disbursed }.reduce(Int64(0)) { $0 + $1.value }
                #expect(FundLedger.available(now) == donations - given)
            }
            #expect(all.reduce(Int64(0)) { $0 + $1.debit } == all.reduce(Int64(0)) { $0 + $1.credit })
        }
    }

    @Test func earmarkedMoneyIsUsedFirstAndOnlyForItsKind() throws {
        var lines = FundLedger.receipt(amount: 3_000_000, method: .bank, earmark: .scholarship)
        lines += FundLedger.receipt(amount: 1_000_000, method: .bank, earmark: nil)
        let b = FundLedger.balances(lines)
        #expect(FundLedger.availableFor(.scholarship, source: .bank, b) == 4_000_000)
        #expect(FundLedger.availableFor(.cash, source: .bank, b) == 1_000_000)
        #expect(FundLedger.availableFor(.cash, source: .goods, b) == 0)
        let paid = try FundLedger.disbursement(amount: 3_500_000, kind: .scholarship, source: .bank, balances: b)
        #expect(
            paid == [
                LedgerLine(.disbursed, earmark: .scholarship, debit: 3_000_000), LedgerLine(.bank, earmark: .scholarship, credit: 3_000_000),
                LedgerLine(.disbursed, earmark: nil, debit: 500_000), LedgerLine(.bank, earmark: nil, credit: 500_000),
            ])
        #expect(throws: FundLedger.Failure.insufficient(available: 1_000_000)) {
            try FundLedger.disbursement(amount: 1_000_001, kind: .cash, source: .bank, balances: b)
        }
        #expect(throws: FundLedger.Failure.insufficient(available: 0)) {
            try FundLedger.disbursement(amount: 1, kind: .cash, source: .donations, balances: b)
        }
        #expect(!FundLedger.isBalanced([LedgerLine(.bank, earmark: nil, debit: 5), LedgerLine(.donations, earmark: nil, credit: 4)]))
        #expect(!FundLedger.isBalanced([LedgerLine(.bank, earmark: nil, debit: 5, credit: 5), LedgerLine(.donations, earmark: nil)]))
        #expect(FundLedger.reversal(of: paid).reduce(Int64(0)) { $0 + $1.credit } == 3_500_000)
    }

    @Test func disbursementLifecycle() {
        let checker: Set<Role> = [.systemAdmin, .wardApprover, .centreManager]
        let rows: [LifecycleTests.Row<DisbursementLifecycle>] = [
            .init(t: .approve, from: [.proposed], to: .approved, roles: checker),
            .init(t: .reject, from: [.proposed], to: .rejected, roles: checker),
            .init(t: .reverse, from: [.approved], to: .reversed, roles: checker),
        ]
        let n = LifecycleTests.verify(DisbursementLifecycle.self, rows, fields: ["reason": "x"]) { t, s in
            .notAllowed(Message("lifecycle.error.step", ["state": s.rawValue, "action": t.rawValue]))
        }
        #expect(n == 3 * 4 * Role.allCases.count)
        let one = UUID()
        #expect(!DisbursementLifecycle.mayApprove(approverID: one, proposerID: one))
        #expect(DisbursementLifecycle.mayApprove(approverID: UUID(), proposerID: one))
        #expect(throws: AppError.validation([FieldError(field: "reason", message: Message("validation.required"))])) {
            try DisbursementLifecycle.check(.reject, from: .proposed, role: .centreManager, fields: ["reason": " "])
        }
        let receipt: [LifecycleTests.Row<ReceiptLifecycle>] = [
            .init(t: .reverse, from: [.recorded], to: .reversed, roles: [.systemAdmin, .wardOfficer, .accountant, .centreSocialWorker, .centreManager])
        ]
        _ = LifecycleTests.verify(ReceiptLifecycle.self, receipt, fields: ["reason": "x"]) { t, s in
            .notAllowed(Message("lifecycle.error.step", ["state": s.rawValue, "action": t.rawValue]))
        }
    }

    @Test(arguments: [
        (Int64(0), "Không đồng"), (5, "Năm đồng"), (15, "Mười lăm đồng"), (21, "Hai mươi mốt đồng"), (105, "Một trăm linh năm đồng"),
        (1_000_000, "Một triệu đồng"), (1_005_000, "Một triệu không trăm linh năm nghìn đồng"),
        (1_900_000_000, "Một tỷ chín trăm triệu đồng"), (256_500_000, "Hai trăm năm mươi sáu triệu năm trăm nghìn đồng"),
        (20_014, "Hai mươi nghìn không trăm mười bốn đồng"),
    ])
    func amountsInWords(amount: Int64, words: String) {
        #expect(DongWords.vietnamese(amount) == words)
    }
}
