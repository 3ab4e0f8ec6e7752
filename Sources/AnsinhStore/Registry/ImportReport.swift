import AnsinhCore
import Crypto
import FluentKit
import Foundation
import SQLKit

/// The result of checking an import file, before anything is written to the registry.
public struct ImportReport: Sendable {
    public let jobID: UUID
    public let status: String
    public let totalRows: Int
    public let errorRows: Int
    public let processedRows: Int
    public let createdHouseholds: Int
    public let createdPersons: Int
    public let unchangedRows: Int
    public let errors: [FieldError]
    public let fileName: String
    public let createdAt: Date?

    init(_ j: ImportJobModel, errors: [FieldError]) {
        jobID = j.id!; status = j.status; totalRows = j.totalRows; errorRows = j.errorRows; processedRows = j.processedRows
        createdHouseholds = j.createdHouseholds; createdPersons = j.createdPersons; unchangedRows = j.unchangedRows
        self.errors = errors; fileName = j.fileName; createdAt = j.createdAt
    }
}
