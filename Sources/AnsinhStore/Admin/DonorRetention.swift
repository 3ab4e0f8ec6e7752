import AnsinhCore
import FluentKit
import FluentSQL
import Foundation

extension DonorModel: RetainedRecord {
    public static var retentionEntity: String { "fund_donor" }
    public static var holdPermission: Permission { .manageFunds }
    public static var legalHoldKey: KeyPath<DonorModel, OptionalFieldProperty<DonorModel, String>> { \.$legalHold }

    /// The name an anonymised donor keeps: a code from the record's id, the same in every
    /// language, so that the books, receipts and lists still tell one donor from another.
    static func anonymisedName(_ id: UUID) -> String { "#" + id.uuidString.prefix(8) }
}

/// Retention of individual donors (Law 91/2025/QH15; privacy.json `retention.donation`, [U]:
/// the accounting law keeps the receipts at least 10 years). Organisations and firms are not
/// personal data and are kept as they are.
extension RetentionRepository {
    public static var donationRule: RetentionRule { RetentionKind.donors.rule }
}

extension RetentionKind where M == DonorModel {
    /// A person who gave and pledged nothing since the end of the accounting year before the
    /// cutoff keeps a code for a name and every gift's fund, number,
    /// day, method, amount, items and earmark, so the books, the public report and the figures
    /// do not change; and loses their name, tax code, contact, phone, e-mail and address, the
    /// notes and bank references of their gifts and the notes of their pledges. They are no
    /// longer named anywhere (as a donor who asked not to be).
    public static var donors: Self {
        Self(
            kind: .donation,
            past: { cutoff, zone, db in
                let yearStart = "\(LocalDate.of(cutoff, in: zone).year)-01-01"
                return DonorModel.query(on: db).filter(\.$kind == DonorKind.individual.rawValue).filter(\.$anonymisedAt == nil)
                    .filter(\.$createdAt < cutoff)
                    .filter(
                        .sql(
                            embed: """
                                NOT EXISTS (SELECT 1 FROM fund_receipts r WHERE r.donor_id = fund_donors.id AND r.received_on >= \(bind: yearStart))
                                AND NOT EXISTS (SELECT 1 FROM fund_pledges p WHERE p.donor_id = fund_donors.id AND p.pledged_on >= \(bind: yearStart))
                                """))
            }, free: { $0 }, order: { $0.sort(\.$createdAt).sort(\.$id) },
            strip: { rows, _, tx in
                for d in rows {
                    d.name = DonorModel.anonymisedName(d.id!); d.nameFolded = d.name.lowercased(); d.taxCode = nil; d.contact = ""; d.phone = ""
                    d.email = ""; d.address = ""; d.anonymous = true
                }
                let ids = rows.map { $0.id! }
                try await FundReceiptModel.query(on: tx).filter(\.$donorID ~~ ids).set(\.$note, to: "").set(\.$reference, to: "").update()
                try await FundPledgeModel.query(on: tx).filter(\.$donorID ~~ ids).set(\.$note, to: "").update()
            })
    }
}
