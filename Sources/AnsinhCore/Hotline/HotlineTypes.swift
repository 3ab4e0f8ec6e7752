import Foundation

/// How a contact reached the hotline.
public enum ContactChannel: String, CaseIterable, Sendable, Codable {
    case phone, zalo
    case walkIn = "walk_in"
    case other
}

/// Who called (the child-helpline framework's caller types).
public enum CallerType: String, CaseIterable, Sendable, Codable {
    case childSelf = "child_self"
    case adultAboutChild = "adult_about_child"
    case adultSelf = "adult_self"
    case professional
}

/// The caller's age group (the person the contact is about, as told).
public enum AgeGroup: String, CaseIterable, Sendable, Codable {
    case under10 = "0_9"
    case from10to14 = "10_14"
    case from15to17 = "15_17"
    case from18to24 = "18_24"
    case from25to59 = "25_59"
    case over60 = "60_plus"
    case unknown
}

/// Sex as told by the caller.
public enum ContactSex: String, CaseIterable, Sendable, Codable { case female, male, other, unknown }

/// A contact that carries no data (silent, prank, wrong number, hang-up, abusive): stored in one
/// step with its type and time only.
public enum NonDataKind: String, CaseIterable, Sendable, Codable {
    case silent, prank
    case wrongNumber = "wrong_number"
    case hangUp = "hang_up"
    case abusive
}

/// The two-level topic taxonomy of the hotline, kept as data
/// (`Resources/Rules/hotline-topics.json`): the international child-helpline categories and the
/// centre's adult branch.
public struct HotlineTopics: Sendable {
    public struct Topic: Sendable, Codable, Equatable {
        public let code: String
        /// "child" (the child-helpline categories) or "adult" (the centre's own branch).
        public let branch: String
        public let subtopics: [String]
    }
    public let id: String
    public let basis: String
    public let topics: [Topic]

    struct File: Codable { let id: String; let basis: String; let topics: [Topic] }

    public static let shared: HotlineTopics = {
        let url = Bundle.module.bundleURL.appendingPathComponent("Resources/Rules/hotline-topics.json")
        // The file ships with Ansinh; a broken one is a build defect caught by the tests.
        let f = try! JSONDecoder().decode(File.self, from: Data(contentsOf: url))
        return HotlineTopics(id: f.id, basis: f.basis, topics: f.topics)
    }()

    /// Whether `topic` (and `subtopic`, when given) are in the taxonomy.
    public func contains(topic: String, subtopic: String?) -> Bool {
        guard let t = topics.first(where: { $0.code == topic }) else { return false }
        return subtopic.map { t.subtopics.contains($0) } ?? true
    }
}
