import AnsinhCore
import Crypto
import FluentKit
import Foundation
import SQLKit

/// Running a validated import (`ImportLifecycle`): batches written set-based, resumable from the
/// last batch after a crash, idempotent once done.
extension RegistryImporter {
    /// Writes the job's rows. With errors, it writes nothing unless `validOnly` (then every row
    /// of a household whose rows have an error is left out, so no household is half-imported).
    /// From `bulkFrom` rows, and at least as many as the registry holds, the list and search
    /// indexes are built once at the end (`RegistryBulkLoad`), in batches of `bulkBatchSize`
    /// rows unless `batchSize` is given.
    @discardableResult
    public func run(
        _ actor: Actor, jobID: UUID, validOnly: Bool, batchSize: Int? = nil,
        bulkFrom: Int = RegistryBulkLoad.minimumRows, progress: (@Sendable (Int, Int) -> Void)? = nil
    ) async throws -> ImportReport {
        try actor.require(.manageRegistry)
        guard let job = try await store.reachable(ImportJobModel.self, jobID, actor, on: store.db) else {
            throw AppError.notFound
        }
        if job.lifecycleState == .done { return try await report(actor, jobID: jobID) }
        if job.errorRows > 0 && !validOnly { throw AppError.conflict(Message("import.has_errors", ["count": "\(job.errorRows)"])) }
        let parsed: Parsed
        if let kept = Self.lastParsed.take(jobID) {
            parsed = kept
        } else {
            guard let file = try await sql(store.db).select().column("content").from("import_files").where("job_id", .equal, jobID).first() else {
                throw AppError.notFound
            }
            parsed = Self.parse(try file.decode(column: "content", as: String.self))
        }
        // The row numbers alone, not whole error records.
        var badRows = Set<Int>()
        for r in try await sql(store.db).select().column("row").from("import_errors").where("job_id", .equal, jobID).all() {
            badRows.insert(try r.decode(column: "row", as: Int.self))
        }
        // A household with any bad row (even one that could not be parsed) is left out whole.
        let badHouseholds = Set(badRows.compactMap { parsed.code(ofRow: $0) })
        // Household by household, its head first. The positions are filtered and sorted, and
        // each kept row is copied once: a copy retains and releases each of its strings.
        let all = parsed.rows
        let before = { (i: Int, j: Int) -> Bool in
            if all[i].householdCode != all[j].householdCode { return all[i].householdCode < all[j].householdCode }
            return (all[i].relation == .head ? 0 : 1, all[i].row) < (all[j].relation == .head ? 0 : 1, all[j].row)
        }
        var kept = all.indices.filter { !badRows.contains(all[$0].row) && !badHouseholds.contains(all[$0].householdCode) }
        // A file kept in that order already (as `ansinh generate` and most exports write it) is
        // checked in one pass instead of sorted.
        if zip(kept, kept.dropFirst()).contains(where: { !before($0, $1) }) { kept.sort(by: before) }
        let rows = kept.map { all[$0] }
        if job.lifecycleState != .running || job.validOnly != validOnly {
            try await store.transition(actor, ImportJobModel.self, jobID, .start) { j, _, _ in
                j.validOnly = validOnly
                return ["valid_only": "\(validOnly)", "rows": "\(rows.count)"]
            }
        }
        var position = job.processedRows
        let today = LocalDate.of(store.now(), in: TimeZone(identifier: "Asia/Ho_Chi_Minh")!)
        let bulk = position < rows.count ? try await RegistryBulkLoad.worthIt(rows: rows.count - position, minimum: bulkFrom, on: store.db) : false
        let batchSize = batchSize ?? (bulk ? Self.bulkBatchSize : Self.batchSize)
        // The words of the next batch are derived on another core while this one is written,
        // and the log of the batches before is copied into the database there too.
        var next: Task<BatchWords, Never>? = nil
        let copier = bulk ? try await LogCopier.start(for: store.db) : nil
        do {
            while position < rows.count {
                let batch = rows[position..<min(position + batchSize, rows.count)]
                let end = position + batch.count
                let words = await next?.value ?? BatchWords(batch)
                let following = rows[end..<min(end + batchSize, rows.count)]
                next = following.isEmpty ? nil : Task.detached { BatchWords(following) }
                // The planner's statistics must follow the tables as they grow (see `analyze`).
                let first = position == job.processedRows
                let refresh = first || position / Self.analyzeEvery != end / Self.analyzeEvery
                // Not flushed to the disk at each commit: a batch lost to a power cut is redone on
                // resumption, and the durable last write below flushes them all.
                try await store.write(actor, durable: false) { tx, audit in
                    if first && bulk { try await RegistryBulkLoad.suspend(on: tx) }
                    if refresh { try await Self.analyze(on: tx, sampled: true) }
                    let counts = try await Self.writeBatch(batch, words: words, actor: actor, today: today, on: tx)
                    // One statement for the counters, not a read and a write of the job.
                    try await sql(tx).update("import_jobs").set("processed_rows", to: end)
                        .set(SQLIdentifier("created_households"), to: SQLRaw("created_households + \(counts.households)"))
                        .set(SQLIdentifier("created_persons"), to: SQLRaw("created_persons + \(counts.persons)"))
                        .set(SQLIdentifier("unchanged_rows"), to: SQLRaw("unchanged_rows + \(counts.unchanged)"))
                        .set("updated_at", to: Date()).where("id", .equal, jobID).run()
                    var after = [
                        "rows": "\(batch.first!.row)…\(batch.last!.row)", "households": String(counts.households),
                        "persons": String(counts.persons), "unchanged": String(counts.unchanged),
                    ]
                    if first && bulk { after["indexes_deferred"] = "yes" }
                    audit.add(
                        AuditRecord(
                            action: "import_batch", entity: "import_job", entityID: jobID.uuidString, unitID: actor.unitID,
                            unitPath: actor.scopePath, before: NoValue?.none, after: after))
                }
                position = end
                copier?.copy()
                progress?(position, rows.count)
            }
        } catch {
            await copier?.stop()
            throw error
        }
        await copier?.stop()
        let written = rows.count
        try await store.transition(actor, ImportJobModel.self, jobID, .finish) { j, tx, _ in
            // Whatever a bulk load (this one, or an earlier one that stopped) left out.
            let rebuilt = try await RegistryBulkLoad.restore(on: tx)
            var after = [
                "households": String(j.createdHouseholds), "persons": String(j.createdPersons),
                "unchanged": String(j.unchangedRows), "skipped_rows": String(j.totalRows - written),
            ]
            if !rebuilt.isEmpty { after["indexes_rebuilt"] = rebuilt.joined(separator: ", ") }
            return after
        }
        try await Self.analyze(on: store.db)
        return try await report(actor, jobID: jobID)
    }

    /// Refreshes the planner's statistics of the registry tables. SQLite plans the look-ups
    /// `national_id IN (…)` and `code IN (…)` from them: still believing the 159 persons of the
    /// demo, it scanned the whole growing table at every batch instead of using the index,
    /// which made a large import quadratic. On SQLite each index is sampled (1,000 rows),
    /// a few milliseconds at a million persons. On PostgreSQL `sampled` (the refreshes during an
    /// import, in its transaction) reads 3,000 rows of each table instead of 30,000: the look-ups
    /// need row counts, not the distribution of names. The eleven refreshes of a million-person
    /// import took 15.3 s with the full sample while a build ran beside it, and 4.6 s with this
    /// one (the last refresh, after the import, still full) on a quiet machine.
    static func analyze(on db: any Database, sampled: Bool = false) async throws {
        if db.isPostgres {
            if sampled { try await sql(db).raw("SET LOCAL default_statistics_target = 10").run() }
            try await sql(db).raw("ANALYZE households, persons, memberships").run()
            return
        }
        // On one connection: the limit is a setting of the connection.
        try await db.transaction { tx in
            try await sql(tx).raw("PRAGMA analysis_limit = 1000").run()
            for table in ["households", "persons", "memberships"] { try await sql(tx).raw("ANALYZE \(ident: table)").run() }
        }
    }

    /// The derived words of a batch's rows, which depend on the rows alone: folded names and
    /// search words (about a sixth of an import's time at a million persons), so that they can
    /// be derived while the previous batch is written.
    struct BatchWords: Sendable {
        /// Folded name and search words of each row, in the batch's order.
        var persons: [(folded: String, words: String)] = []
        /// Search key and words of each household code, derived from its first row in the batch
        /// (`row`), from which the household is created unless that row is left out.
        var households: [String: (row: Int, key: String, words: String)] = [:]

        /// The search key and words of a household created from row `r`.
        static func household(_ r: RegistryRow) -> (key: String, words: String) {
            let phone = r.relation == .head ? r.phone : nil  // the household's phone is its head's
            return (TextFolding.fold(r.householdCode + " " + r.address), SearchIndex.householdWords(code: r.householdCode, phone: phone, address: r.address))
        }

        init(_ rows: ArraySlice<RegistryRow>) {
            persons.reserveCapacity(rows.count)
            for r in rows {
                persons.append((TextFolding.fold(r.fullName), SearchIndex.personWords(name: r.fullName, nationalID: r.nationalID, phone: r.phone)))
                if households[r.householdCode] == nil {
                    let h = Self.household(r)
                    households[r.householdCode] = (r.row, h.key, h.words)
                }
            }
        }
    }

    /// One batch: bulk look-ups, then multi-row inserts. Returns what was created.
    static func writeBatch(
        _ batch: ArraySlice<RegistryRow>, words: BatchWords, actor: Actor, today: LocalDate,
        on tx: any Database
    ) async throws -> (households: Int, persons: Int, unchanged: Int) {
        let s = sql(tx)
        let codes = Array(Set(batch.map(\.householdCode)))
        var households: [String: (id: UUID, path: String)] = [:]
        for h in try await HouseholdModel.query(on: tx).filter(\.$code ~~ codes).all() { households[h.code] = (h.id!, h.unitPath) }
        let communes = try await OrgUnitModel.query(on: tx).filter(\.$code ~~ Array(Set(batch.map(\.communeCode)))).all()
        let communeByCode = Dictionary(communes.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        let groupOf = try await Self.groups(of: communes.compactMap(\.id), on: tx)
        let ids = batch.compactMap(\.nationalID)
        var knownIDs = Set<String>()
        for chunk in ids.chunked(5000) {
            // The national ID alone: answered from its index, no person row is read.
            for row in try await s.select().column("national_id").from("persons").where("national_id", .in, SQLBind.group(chunk)).all() {
                knownIDs.insert(try row.decode(column: "national_id", as: String.self))
            }
        }
        // Persons without ID already in these households: folded name + birth date.
        var knownNoID = Set<String>()
        let existingHouseholdIDs = households.values.map(\.id)
        if !existingHouseholdIDs.isEmpty {
            let members = try await MembershipModel.query(on: tx).filter(\.$householdID ~~ existingHouseholdIDs).all()
            let people = try await PersonModel.query(on: tx).filter(\.$id ~~ members.map(\.personID)).all()
            let codeByHousehold = Dictionary(households.map { ($0.value.id, $0.key) }, uniquingKeysWith: { a, _ in a })
            let personByID = Dictionary(people.map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
            for m in members {
                if let p = personByID[m.personID], let code = codeByHousehold[m.householdID] {
                    knownNoID.insert(code + "|" + p.searchKey + "|" + p.birthDate)
                }
            }
        }

        let now = Date()
        var newHouseholds: [(UUID, RegistryRow, OrgUnitModel, OrgUnitModel?)] = []
        // By position in the batch, not copies of the rows.
        var newPersons: [(id: UUID, path: String, at: Int)] = []
        var newMemberships: [(household: UUID, person: UUID, role: MemberRole)] = []
        var unchanged = 0
        for (i, r) in batch.enumerated() {
            let folded = words.persons[i].folded
            if let id = r.nationalID, knownIDs.contains(id) { unchanged += 1; continue }
            if r.nationalID == nil, knownNoID.contains(r.householdCode + "|" + folded + "|" + r.birth.text) { unchanged += 1; continue }
            let household: (id: UUID, path: String)
            if let h = households[r.householdCode] {
                household = h
            } else {
                guard let commune = communeByCode[r.communeCode] else { continue }
                let group =
                    r.residentialGroup.isEmpty
                    ? nil
                    : groupOf.find(commune.id!, r.residentialGroup)
                let id = OrderedID.make()
                household = (id, group?.path ?? commune.path)
                households[r.householdCode] = household
                newHouseholds.append((id, r, commune, group))
            }
            let pid = OrderedID.make()
            newPersons.append((pid, household.path, i))
            newMemberships.append((household.id, pid, r.relation))
            if let id = r.nationalID { knownIDs.insert(id) } else { knownNoID.insert(r.householdCode + "|" + folded + "|" + r.birth.text) }
        }
        var householdRows = BatchInsert(
            into: "households",
            columns: [
                "id", "code", "commune_id", "group_id", "address", "area_type", "phone",
                "status", "unit_path", "search_key", "search_words", "created_at", "updated_at",
            ])
        for (id, r, commune, group) in newHouseholds {
            let area = r.areaType?.rawValue ?? commune.areaType ?? AreaType.rural.rawValue
            let phone = r.relation == .head ? r.phone : nil  // the household's phone is its head's
            let derived = words.households[r.householdCode].flatMap { $0.row == r.row ? (key: $0.key, words: $0.words) : nil } ?? BatchWords.household(r)
            householdRows.add(
                .uuid(id), .text(r.householdCode), .uuid(commune.id!), .uuid(group?.id), .text(r.address), .text(area),
                .text(phone), .text(HouseholdStatus.active.rawValue), .text(group?.path ?? commune.path),
                .text(derived.key), .text(derived.words), .date(now), .date(now))
        }
        try await householdRows.run(on: tx)
        var persons = BatchInsert(
            into: "persons",
            columns: [
                "id", "full_name", "gender", "birth_date", "birth_year", "national_id", "phone",
                "disability_level", "disability_certificate_date", "has_pension", "has_merit", "hiv_status",
                "unit_path", "search_key", "search_words", "created_at", "updated_at",
            ])
        let first = batch.startIndex
        for (id, path, i) in newPersons {
            let r = batch[first + i]
            persons.add(
                .uuid(id), .text(r.fullName), .text(r.gender.rawValue), .text(r.birth.text), .int(r.birth.year),
                .text(r.nationalID), .text(r.phone), .text(r.disability.rawValue), .text(r.disabilityCertificateDate?.iso),
                .bool(r.hasPension), .bool(false), .text(nil), .text(path), .text(words.persons[i].folded),
                .text(words.persons[i].words), .date(now), .date(now))
        }
        try await persons.run(on: tx)
        // The circumstances a row states: one record of the person's, from the day given (else
        // the import's day), as the person page would record it.
        var facts = BatchInsert(
            into: "person_fact_versions",
            columns: ["id", "person_id", "unit_path", "valid_from", "facts", "source_document", "recorded_by", "created_at", "updated_at"])
        for (id, path, i) in newPersons {
            let r = batch[first + i]
            guard let c = r.circumstances else { continue }
            facts.add(
                .uuid(OrderedID.make()), .uuid(id), .text(path), .text((r.circumstancesFrom ?? today).iso), .text(PersonFactsRepository.encode(c)),
                .text(r.circumstancesSource), .text(actor.username), .date(now), .date(now))
        }
        try await facts.run(on: tx)
        var memberships = BatchInsert(into: "memberships", columns: ["id", "household_id", "person_id", "role", "start_date"])
        let start = today.iso
        for (hid, pid, role) in newMemberships {
            memberships.add(.uuid(OrderedID.make()), .uuid(hid), .uuid(pid), .text(role.rawValue), .text(start))
        }
        try await memberships.run(on: tx)
        return (newHouseholds.count, newPersons.count, unchanged)
    }
}
