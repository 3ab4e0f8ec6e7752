import AnsinhCore
import Foundation
import Vapor

/// The hotline's shared pieces: the sub-menu, topic names, and the choice lists.
enum HotlineParts {
    static func nav(_ ctx: PageContext) -> Body {
        H.el(
            .nav, [("class", "subnav"), ("aria-label", ctx.t("nav.hotline"))],
            [
                H.link(ctx.t("hotline.contacts"), SiteRoute.hotline.path), H.link(ctx.t("hotline.new"), SiteRoute.hotlineNew.path),
                H.link(ctx.t("hotline.report"), SiteRoute.hotlineReport.path),
            ])
    }

    /// "Psychological — stress", or "—" for a contact without data.
    static func topic(_ ctx: PageContext, _ topic: String?, _ subtopic: String?) -> String {
        guard let topic, !topic.isEmpty else { return "—" }
        return ctx.t("hotline.topic.\(topic)") + (subtopic.map { " — " + ctx.t("hotline.subtopic.\($0)") } ?? "")
    }

    /// The topics, grouped by branch: the child-helpline categories, then the adult branch.
    static func topicOptions(_ ctx: PageContext) -> [(String, String)] {
        HotlineTopics.shared.topics.map { ($0.code, ctx.t("hotline.topic.\($0.code)") + " (" + ctx.t("hotline.branch.\($0.branch)") + ")") }
    }

    static func subtopicOptions(_ ctx: PageContext) -> [(String, String)] {
        HotlineTopics.shared.topics.flatMap { t in t.subtopics.map { ($0, ctx.t("hotline.topic.\(t.code)") + " — " + ctx.t("hotline.subtopic.\($0)")) } }
    }

    static func options<T: RawRepresentable & CaseIterable>(_ ctx: PageContext, _ family: String, _ type: T.Type) -> [(String, String)]
    where T.RawValue == String {
        T.allCases.map { ($0.rawValue, ctx.t("\(family).\($0.rawValue)")) }
    }
}
