import Foundation
import Testing

/// The rules of the house that a reader of `Sources/` relies on (CONTRIBUTING.md), checked on
/// the source text so that a second way of doing the same thing cannot creep back in.
@Suite("House rules")
struct HouseRulesTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Every Swift file under `Sources/<target>`, with its path from the repository root.
    static func sources(_ targets: [String]) -> [(path: String, text: String)] {
        var out: [(String, String)] = []
        for t in targets {
            let dir = root.appendingPathComponent("Sources/\(t)")
            guard let e = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: nil) else { continue }
            for case let url as URL in e where url.pathExtension == "swift" {
                out.append((String(url.path.dropFirst(root.path.count + 1)), (try? String(contentsOf: url, encoding: .utf8)) ?? ""))
            }
        }
        return out.sorted { $0.0 < $1.0 }
    }

    /// One scope idiom: a record is loaded by id through `Store.scoped`/`reachable`, a list is
    /// queried through `Store.scoped`/`within`, hand-written SQL uses `UnitScope.condition`.
    /// Unit paths are never matched with `LIKE`, `=~` or a custom operator written in place,
    /// and a `find` is never followed by a hand-written scope check.
    @Test func oneScopeIdiom() throws {
        let forbidden: [(String, String)] = [
            (#"(unit_)?path\s+(NOT\s+)?(LIKE|GLOB)\s"#, "a unit path matched in SQL by hand: use UnitScope.condition"),
            (#"\$(unitPath|path)\s*=~"#, "a unit path matched with =~: use Store.scoped or within"),
            (#"\$(unitPath|path),\s*\.custom\("#, "a unit path matched with a custom operator: use Store.scoped or within"),
            (#"\.find\([^{};]*covers\(path:"#, "a find followed by a scope check: use Store.scoped or Store.reachable"),
        ]
        let allowed = ["Sources/AnsinhStore/Common/WriteKernel.swift", "Sources/AnsinhStore/Common/SQLHelpers.swift"]
        var found: [String] = []
        for (path, text) in Self.sources(["AnsinhStore", "AnsinhWeb", "ansinh"]) where !allowed.contains(path) {
            for (pattern, why) in forbidden {
                let re = try NSRegularExpression(pattern: pattern)
                for m in re.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                    let line = text[..<Range(m.range, in: text)!.lowerBound].filter { $0 == "\n" }.count + 1
                    found.append("\(path):\(line): \(why)")
                }
            }
        }
        #expect(found.isEmpty, "\(found.joined(separator: "\n"))")
    }

    /// One aggregate per file: no source file over 400 lines (generated data aside), so that a
    /// reader finds models, migrations, repositories and pages apart.
    @Test func filesStaySmall() {
        let long = Self.sources(["AnsinhCore", "AnsinhStore", "AnsinhWeb", "AnsinhBench", "ansinh"])
            .map { ($0.path, $0.text.split(separator: "\n", omittingEmptySubsequences: false).count) }
            .filter { $0.1 > 400 }
        #expect(long.isEmpty, "\(long)")
    }

    /// Migrations are numbered, one per file, all in `AnsinhStore/Migrations`, and listed in
    /// order in `AnsinhMigrations.all`.
    @Test func migrationsLiveInOneFolder() throws {
        let re = try NSRegularExpression(pattern: #"struct (M\d{4}\w*): AsyncMigration"#)
        var names: [String] = []
        for (path, text) in Self.sources(["AnsinhStore"]) {
            for m in re.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                let name = String(text[Range(m.range(at: 1), in: text)!])
                #expect(path == "Sources/AnsinhStore/Migrations/\(name).swift", "\(name) is in \(path)")
                names.append(name)
            }
        }
        #expect(names.count >= 24)
        let list = Self.sources(["AnsinhStore"]).first { $0.path.hasSuffix("Migrations/AnsinhMigrations.swift") }?.text ?? ""
        let listed = names.sorted().map { list.range(of: $0 + "()")?.lowerBound }
        #expect(!listed.contains(nil), "every migration is listed")
        #expect(listed.compactMap { $0 } == listed.compactMap { $0 }.sorted(), "listed in number order")
    }

    /// Benchmarks live in their own target; the libraries the server runs carry none.
    @Test func benchmarksApart() {
        let inLibraries = Self.sources(["AnsinhCore", "AnsinhStore", "AnsinhWeb"]).filter { $0.path.hasSuffix("Bench.swift") }.map(\.path)
        #expect(inLibraries.isEmpty, "\(inLibraries)")
        #expect(Self.sources(["AnsinhBench"]).count >= 4)
    }

    /// The API answers with its own DTOs, never a Store read model (`…View`), so that a change
    /// in Store changes the public contract only on purpose.
    @Test func apiAnswersAreDTOs() throws {
        let re = try NSRegularExpression(pattern: #"APIJSON<[^>]*\b(\w+View)\b"#)
        var found: [String] = []
        for (path, text) in Self.sources(["AnsinhWeb"]) {
            for m in re.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                found.append("\(path): \(text[Range(m.range(at: 1), in: text)!])")
            }
        }
        #expect(found.isEmpty, "\(found)")
    }

    /// Every page is a `Page` over a plain model: only the layout and the `Page` protocol render a
    /// whole document, and a page's model holds no Store read model (`…View`).
    @Test func everyPageIsAPage() throws {
        let layoutCalls = Self.sources(["AnsinhWeb"]).filter {
            $0.text.contains("Layout.render(") && !$0.path.hasSuffix("Common/Page.swift") && !$0.path.hasSuffix("Common/Layout.swift")
        }.map(\.path)
        #expect(layoutCalls.isEmpty, "\(layoutCalls)")
        let re = try NSRegularExpression(pattern: #"struct Model[^{]*\{[^}]*?:\s*\[?(\w+View)\]?\??\s*\n"#)
        var found: [String] = []
        for (path, text) in Self.sources(["AnsinhWeb"]) where path.hasSuffix("Page.swift") || path.hasSuffix("Pages.swift") {
            for m in re.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                found.append("\(path): \(text[Range(m.range(at: 1), in: text)!])")
            }
        }
        #expect(found.isEmpty, "\(found)")
    }
}
