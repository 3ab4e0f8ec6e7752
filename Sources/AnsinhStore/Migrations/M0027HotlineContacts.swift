import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// The hotline's contacts.
struct M0027HotlineContacts: AsyncMigration {
    var name: String { "0027_hotline_contacts" }
    func prepare(on db: Database) async throws {
        try await db.schema(HotlineContactModel.schema)
            .id()
            .field("unit_id", .uuid, .required)
            .field("unit_path", .string, .required)
            .field("at", .datetime, .required)
            .field("channel", .string, .required)
            .field("counsellor", .string, .required)
            .field("non_data", .string)
            .field("duration_seconds", .int)
            .field("caller_type", .string)
            .field("age_group", .string)
            .field("sex", .string)
            .field("place", .string)
            .field("topic", .string)
            .field("subtopic", .string)
            .field("summary", .string)
            .field("caller_key", .string)
            .field("case_id", .uuid)
            .create()
        try await sql(db).create(index: "ix_hotline_unit_at").on(HotlineContactModel.schema).column("unit_path").column("at").run()
        try await sql(db).create(index: "ix_hotline_caller").on(HotlineContactModel.schema).column("caller_key").run()
    }
    func revert(on db: Database) async throws {
        try await db.schema(HotlineContactModel.schema).delete()
    }
}
