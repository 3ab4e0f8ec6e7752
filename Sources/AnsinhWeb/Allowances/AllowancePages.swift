import AnsinhCore
import AnsinhStore
import Plot
import Vapor

enum AllowancePages {
    static func components(_ ctx: PageContext, _ list: [AllowanceComponent]) -> Body {
        H.table(
            caption: ctx.t("allowance.components"),
            headers: [ctx.t("allowance.category"), ctx.t("allowance.coefficient"), ctx.t("allowance.amount"), ctx.t("allowance.payee")],
            rows: list.map { c in
                [
                    .text(ctx.t("allowance.category.\(c.category.components(separatedBy: ".").prefix(2).joined(separator: "."))") + " (\(c.category))"),
                    H.bdi(c.coefficient.description), .text(ctx.money(Dong(c.amount))), .text(ctx.t(["allowance", "payee", c.payee].joined(separator: "."))),
                ]
            }, empty: ctx.t("allowance.none"))
    }

    /// The result block shared by the calculator and the person page.
    static func result(_ ctx: PageContext, _ r: AllowanceEvaluation) -> Body {
        H.el(
            .section, [("class", "card result"), ("aria-live", "polite"), ("aria-labelledby", "h-allowance")],
            [
                H.el(
                    .h2, [("id", "h-allowance")], [.text(ctx.t("allowance.result_title", ["month": r.month.iso, "amount": Message.money(r.monthlyAmount)]))]),
                components(ctx, r.components),
                r.careSupport.isEmpty ? .empty : H.el(.h3, [], [.text(ctx.t("allowance.care_support"))]),
                r.careSupport.isEmpty ? .empty : components(ctx, r.careSupport),
                H.el(.h3, [], [.text(ctx.t("review.reasons"))]),
                ReviewParts.reasons(ctx, r.reasons),
            ])
    }

    static func rules(_ ctx: PageContext, _ list: [RuleSettingView]) -> String {
        let admin = ctx.actor!.role == .systemAdmin
        return Layout.render(
            ctx, title: ctx.t("allowance.rules"),
            [
                H.el(.p, [("class", "lead")], [.text(ctx.t("allowance.rules_intro", ["rules": AllowanceRules.shared.title]))]),
                H.table(
                    caption: ctx.t("allowance.rules"),
                    headers: [ctx.t("field.name"), ctx.t("allowance.rule_note"), ctx.t("allowance.rule_default"), ctx.t("field.value"), ""],
                    rows: list.map { r in
                        [
                            H.bdi(r.name), .text(r.note), .text(ctx.t(r.defaultValue ? "common.yes" : "common.no")),
                            .text(ctx.t(r.value ? "common.yes" : "common.no") + (r.changedBy.map { " (\($0))" } ?? "")),
                            admin
                                ? H.form(
                                    ctx, action: SiteRoute.ruleSettings.path, classes: "inline",
                                    [
                                        H.hidden("name", r.name), r.value ? .empty : H.hidden("value", "on"),
                                        H.button(ctx.t(r.value ? "allowance.rule_turn_off" : "allowance.rule_turn_on"), kind: "secondary"),
                                    ]) : .empty,
                        ]
                    }, empty: ""),
            ])
    }

    static func runs(_ ctx: PageContext, _ runs: [EligibilityRunView], month: YearMonth) -> String {
        let actor = ctx.actor!
        return Layout.render(
            ctx, title: ctx.t("allowance.eligibility"),
            [
                H.el(.p, [("class", "lead")], [.text(ctx.t("allowance.eligibility_intro"))]),
                actor.role.can(.manageRegistry)
                    ? H.form(
                        ctx, action: SiteRoute.eligibilityRun.path, classes: "card",
                        [
                            H.field(ctx, name: "month", label: ctx.t("field.month"), value: month.iso, type: "month", required: true, hint: "YYYY-MM"),
                            H.button(ctx.t("allowance.run")),
                        ]) : .empty,
                H.table(
                    caption: ctx.t("allowance.eligibility"),
                    headers: [
                        ctx.t("field.month"), ctx.t("allowance.persons_checked"), ctx.t("allowance.eligible"), ctx.t("allowance.total"),
                        ctx.t("review.recorded_by"),
                    ],
                    rows: runs.map { r in
                        [
                            H.link(r.month.iso, SiteRoute.eligibilityResults(r.id).path), .text("\(r.persons)"), .text("\(r.eligible)"),
                            .text(ctx.money(Dong(r.totalAmount))), .text(r.runBy),
                        ]
                    }, empty: ctx.t("allowance.no_runs")),
                H.link(ctx.t("allowance.calculator"), SiteRoute.allowanceCalculator.path),
                H.link(ctx.t("allowance.rules"), SiteRoute.ruleSettings.path),
            ])
    }

    static func results(
        _ ctx: PageContext, _ run: EligibilityRunView, _ page: ResultPage<EligibilityResultView>, filter: EligibilityFilter,
        mismatches: (noLonger: [EligibilityMismatch], different: [EligibilityMismatch])
    ) -> String {
        let here = SiteRoute.eligibilityResults(run.id)
        func mismatchTable(_ caption: String, _ list: [EligibilityMismatch], empty: String) -> Body {
            H.table(
                caption: caption,
                headers: [
                    ctx.t("field.full_name"), ctx.t("field.birth"), ctx.t("decision.benefit"), ctx.t("allowance.paid_now"),
                    ctx.t("allowance.evaluated_now"),
                ],
                rows: list.map { m in
                    [
                        H.link(m.fullName, SiteRoute.personDecisions(m.personID).path), .text(m.birth), .text(ctx.t("decision.benefit.\(m.benefit.rawValue)")),
                        .text(ctx.money(Dong(m.paid))), .text(m.evaluated == 0 ? ctx.t("allowance.not_eligible_now") : ctx.money(Dong(m.evaluated))),
                    ]
                }, empty: empty)
        }
        return Layout.render(
            ctx, title: ctx.t("allowance.results_title", ["month": run.month.iso]),
            [
                H.link("← " + ctx.t("allowance.eligibility"), SiteRoute.eligibility.path),
                H.dl([
                    (ctx.t("allowance.persons_checked"), .text("\(run.persons)")), (ctx.t("allowance.eligible"), .text("\(run.eligible)")),
                    (ctx.t("allowance.total"), .text(ctx.money(Dong(run.totalAmount)))),
                ]),
                H.el(.p, [("class", "hint")], [.text(ctx.t("allowance.assumed.family"))]),
                H.el(
                    .div, [("class", "actions")],
                    [
                        filter == .missed
                            ? H.link(ctx.t("allowance.show_all"), here.path)
                            : H.link(
                                ctx.t("allowance.show_missed"), here.path(query: [("show", "missed")]),
                                [("class", "btn btn-secondary")])
                    ] + Spreadsheet.buttons(ctx, .eligibilityExport(run.id))),
                H.table(
                    caption: ctx.t(filter == .missed ? "allowance.missed" : "allowance.eligible"),
                    headers: [
                        ctx.t("field.household_code"), ctx.t("field.full_name"), ctx.t("field.birth"), ctx.t("allowance.amount"),
                        ctx.t("allowance.care_support"), ctx.t("allowance.category"), ctx.t("field.state"),
                    ],
                    rows: page.items.map { r in
                        [
                            H.link(r.householdCode, SiteRoute.household(r.householdID).path), H.link(r.fullName, SiteRoute.personDecisions(r.personID).path),
                            .text(r.birth), .text(ctx.money(Dong(r.amount))), .text(r.careAmount > 0 ? ctx.money(Dong(r.careAmount)) : "—"),
                            H.bdi(r.categories.joined(separator: ", ")), .text(ctx.t("allowance.status.\(r.status)")),
                        ]
                    }, empty: ctx.t("allowance.none")),
                H.pager(ctx, page: page.page, pageCount: page.pageCount, total: page.total) {
                    here.path(query: [("page", String($0))] + (filter == .missed ? [("show", "missed")] : []))
                },
                mismatchTable(ctx.t("allowance.no_longer"), mismatches.noLonger, empty: ctx.t("allowance.no_longer_none")),
                mismatchTable(ctx.t("allowance.different"), mismatches.different, empty: ctx.t("allowance.different_none")),
                H.el(.p, [("class", "hint")], [.text(ctx.t("allowance.mismatch_hint"))]),
            ])
    }

    /// This month's allowance on a person's page; `personID` links to the person's decisions
    /// (nil: the viewer may not see them).
    static func personSection(_ ctx: PageContext, _ evaluation: AllowanceEvaluation, assumed: [String], personID: UUID?) -> [Body] {
        [
            result(ctx, evaluation),
            H.el(.ul, [("class", "hint")], assumed.map { H.el(.li, [], [.text(ctx.t($0))]) }),
            personID != nil
                ? H.link(ctx.t("decision.person_link"), SiteRoute.personDecisions(personID).path, [("class", "btn btn-secondary")]) : .empty,
            H.link(ctx.t("allowance.calculator"), SiteRoute.allowanceCalculator.path),
        ]
    }

    /// Options of an enum, labelled from the catalogue family `namespace.family.value`
    /// (the families are listed in the catalogue test).
    static func options<T: RawRepresentable & CaseIterable>(_ ctx: PageContext, _ family: [String], _ type: T.Type) -> [(String, String)]
    where T.RawValue == String {
        T.allCases.map { ($0.rawValue, ctx.t((family + [$0.rawValue]).joined(separator: "."))) }
    }

    static func calculator(_ ctx: PageContext, form f: AllowancesController.CalculatorForm, result r: AllowanceEvaluation?, errors: [FieldError]) -> String {
        let check = RegistryFields.checkbox
        let checked = RegistryController.checked
        var content: [Body] = [H.el(.p, [("class", "lead")], [.text(ctx.t("allowance.calculator_intro"))])]
        if let r { content.append(result(ctx, r)) }
        content.append(
            H.form(
                ctx, action: SiteRoute.allowanceCalculator.path, classes: "card",
                [
                    H.errorSummary(ctx, errors),
                    H.field(
                        ctx, name: "month", label: ctx.t("field.month"), value: f.month ?? "", type: "month", required: true, errors: errors, hint: "YYYY-MM"),
                    H.el(
                        .fieldset, [],
                        [
                            H.el(.legend, [], [.text(ctx.t("allowance.person"))]),
                            H.field(
                                ctx, name: "birth_date", label: ctx.t("field.birth_date"), value: f.birth_date ?? "", type: "date", required: true,
                                errors: errors),
                            H.select(
                                ctx, name: "gender", label: ctx.t("field.gender"), options: options(ctx, ["gender"], Gender.self), selected: f.gender,
                                errors: errors),
                            H.select(
                                ctx, name: "disability_level", label: ctx.t("field.disability"), options: options(ctx, ["disability"], DisabilityLevel.self),
                                selected: f.disability_level ?? "none", errors: errors),
                            H.field(
                                ctx, name: "disability_certificate_date", label: ctx.t("field.disability_certificate_date"),
                                value: f.disability_certificate_date ?? "",
                                type: "date", errors: errors),
                            check(ctx, "hiv", ctx.t("field.hiv"), checked(f.hiv)),
                            H.select(
                                ctx, name: "marital_status", label: ctx.t("field.marital_status"),
                                options: options(ctx, ["allowance", "marital"], MaritalStatus.self),
                                selected: f.marital_status ?? "married", errors: errors),
                            check(ctx, "pregnant", ctx.t("field.pregnant"), checked(f.pregnant)),
                            H.field(ctx, name: "death_date", label: ctx.t("field.death_date"), value: f.death_date ?? "", type: "date", errors: errors),
                        ]),
                    H.el(
                        .fieldset, [],
                        [
                            H.el(.legend, [], [.text(ctx.t("allowance.household"))]),
                            H.select(
                                ctx, name: "household_poverty", label: ctx.t("field.household_poverty"),
                                options: options(ctx, ["allowance", "poverty"], HouseholdPoverty.self),
                                selected: f.household_poverty ?? "none", errors: errors),
                            H.select(
                                ctx, name: "area_type", label: ctx.t("field.area_type"), options: options(ctx, ["area"], AreaType.self), selected: f.area_type,
                                errors: errors),
                            check(
                                ctx, "ethnic_mountain_difficult_area", ctx.t("field.ethnic_mountain_difficult_area"), checked(f.ethnic_mountain_difficult_area)),
                            H.select(
                                ctx, name: "supporter", label: ctx.t("field.supporter"), options: options(ctx, ["allowance", "supporter"], Supporter.self),
                                selected: f.supporter ?? "present", errors: errors),
                            H.select(
                                ctx, name: "residence", label: ctx.t("field.residence"), options: options(ctx, ["allowance", "residence"], Residence.self),
                                selected: f.residence ?? "community", errors: errors),
                            check(ctx, "cared_by_community_carer", ctx.t("field.cared_by_community_carer"), checked(f.cared_by_community_carer)),
                            check(ctx, "needs_facility_care", ctx.t("field.needs_facility_care"), checked(f.needs_facility_care)),
                        ]),
                    H.el(
                        .fieldset, [],
                        [
                            H.el(.legend, [], [.text(ctx.t("allowance.family"))]),
                            H.select(
                                ctx, name: "parent1", label: ctx.t("field.parent1"), options: options(ctx, ["allowance", "parent"], ParentStatus.self),
                                selected: f.parent1, errors: errors, includeBlank: true),
                            H.select(
                                ctx, name: "parent2", label: ctx.t("field.parent2"), options: options(ctx, ["allowance", "parent"], ParentStatus.self),
                                selected: f.parent2, errors: errors, includeBlank: true),
                            check(ctx, "abandoned", ctx.t("field.abandoned"), checked(f.abandoned)),
                            H.field(
                                ctx, name: "children", label: ctx.t("field.children"), value: f.children ?? "", errors: errors,
                                hint: ctx.t("allowance.dates_hint")),
                            H.field(
                                ctx, name: "children_studying", label: ctx.t("field.children_studying"), value: f.children_studying ?? "", errors: errors,
                                hint: ctx.t("allowance.dates_hint")),
                            H.select(
                                ctx, name: "studying", label: ctx.t("field.studying"), options: options(ctx, ["allowance", "studying"], Studying.self),
                                selected: f.studying ?? "none", errors: errors),
                            check(ctx, "first_degree", ctx.t("field.first_degree"), checked(f.first_degree)),
                            check(ctx, "has_pension", ctx.t("field.has_pension"), checked(f.has_pension)),
                            check(ctx, "has_monthly_social_insurance", ctx.t("field.has_monthly_social_insurance"), checked(f.has_monthly_social_insurance)),
                        ]),
                    H.button(ctx.t("allowance.evaluate")),
                ]))
        return Layout.render(ctx, title: ctx.t("allowance.calculator"), content)
    }
}
