import AnsinhCore
import FluentKit
import Foundation
import SQLKit

/// The centre's job-position plan and its staff.
struct M0035Staff: AsyncMigration {
    var name: String { "0035_staff" }
    func prepare(on db: Database) async throws {
        try await db.schema(StaffPositionModel.schema).id()
            .field("unit_id", .uuid, .required).field("unit_path", .string, .required).field("title", .string, .required)
            .field("approved", .int, .required).field("created_at", .datetime).unique(on: "unit_id", "title").create()
        try await db.schema(StaffMemberModel.schema).id()
            .field("position_id", .uuid, .required, .references(StaffPositionModel.schema, "id")).field("unit_id", .uuid, .required)
            .field("unit_path", .string, .required).field("full_name", .string, .required).field("qualification", .string, .required)
            .field("started_on", .string, .required).field("left_on", .string).field("username", .string).field("created_by", .string, .required)
            .field("created_at", .datetime).create()
        try await sql(db).create(index: "ix_staff_members_position").on(StaffMemberModel.schema).column("position_id").run()
        try await sql(db).create(index: "ix_staff_members_unit").on(StaffMemberModel.schema).column("unit_path").run()
    }
    func revert(on db: Database) async throws {
        try await db.schema(StaffMemberModel.schema).delete()
        try await db.schema(StaffPositionModel.schema).delete()
    }
}
