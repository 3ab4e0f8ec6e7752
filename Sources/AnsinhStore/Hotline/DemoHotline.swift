import AnsinhCore
import Foundation

extension DemoData {
    /// The centre's 1800 1769 line in 2025 (field notes §2: about 3,000 calls, mostly
    /// psychological issues, gender equality, legal questions and social-work services): 3,000
    /// contacts, 150 of them without data, written month by month through the audited write path
    /// (one audit entry per contact), generated from a fixed seed.
    @discardableResult
    public static func loadHotline(_ store: Store) async throws -> Int {
        let users = UserRepository(store)
        guard let w = try await users.find(username: "ctxh.quangninh"), let worker = try await users.actor(for: w.id, fallbackLocale: .vi),
            let unitID = worker.unitID, let unit = try await OrgUnitModel.find(unitID, on: store.db)
        else { return 0 }
        let mix: [(String, Int)] = [
            ("psychological", 850), ("gender_equality", 600), ("legal", 550), ("social_work_services", 450), ("violence", 120), ("mental_health", 90),
            ("family_relationships", 80), ("education_work", 60), ("access_to_services", 50), ("", 150),
        ]
        var plan: [String] = mix.flatMap { Array(repeating: $0.0, count: $0.1) }
        var rng = SeededRandom(seed: 2025)
        plan.shuffle(using: &rng)
        let calendar: Calendar = {
            var c = Calendar(identifier: .gregorian)
            c.timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh")!
            return c
        }()
        let topics = Dictionary(uniqueKeysWithValues: HotlineTopics.shared.topics.map { ($0.code, $0) })
        let summaries = [
            "psychological": "Căng thẳng kéo dài, được tư vấn và hẹn gọi lại", "gender_equality": "Bị chồng kiểm soát tài chính, tư vấn quyền bình đẳng",
            "legal": "Hỏi thủ tục ly hôn và quyền nuôi con", "social_work_services": "Hỏi chế độ trợ cấp xã hội cho mẹ già",
        ]
        for month in 1...12 {
            let slice = Array(plan[(month - 1) * 250..<month * 250])
            try await store.write(worker) { tx, audit in
                for (i, topic) in slice.enumerated() {
                    var r = SeededRandom(seed: UInt64(month * 1000 + i))
                    let m = HotlineContactModel()
                    m.id = UUID(); m.unitID = unitID; m.unitPath = unit.path
                    m.at = calendar.date(
                        from: DateComponents(year: 2025, month: month, day: 1 + i % 28, hour: 7 + Int.random(in: 0...14, using: &r), minute: i % 60))!
                    m.channel = (i % 10 == 0 ? ContactChannel.zalo : i % 25 == 0 ? .walkIn : .phone).rawValue
                    m.counsellor = worker.username
                    if topic.isEmpty {
                        m.nonData = NonDataKind.allCases[i % NonDataKind.allCases.count].rawValue
                    } else {
                        let adult = topics[topic]?.branch == "adult"
                        m.topic = topic; m.subtopic = topics[topic]?.subtopics.randomElement(using: &r)
                        m.callerType = (adult ? (i % 7 == 0 ? CallerType.professional : .adultSelf) : (i % 3 == 0 ? .childSelf : .adultAboutChild)).rawValue
                        m.ageGroup =
                            (adult ? [AgeGroup.from25to59, .from25to59, .over60, .from18to24][i % 4] : [.under10, .from10to14, .from15to17][i % 3]).rawValue
                        m.sex = (i % 3 == 0 ? ContactSex.male : .female).rawValue
                        m.durationSeconds = Int.random(in: 180...1800, using: &r)
                        m.summary = summaries[topic]
                    }
                    try await m.create(on: tx)
                    audit.add(HotlineRepository.created(m))
                }
            }
        }
        return plan.count
    }
}
