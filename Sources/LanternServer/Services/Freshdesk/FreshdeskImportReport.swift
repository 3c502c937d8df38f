/// What `lantern import freshdesk` did: per kind of object how many were created, updated, left unchanged and
/// skipped; each skipped object with its reason; the folders made agents-only; what the sanitiser removed from
/// articles; the article images brought over, and those left where they were; and notes on what could not be read.
public struct FreshdeskImportReport: Sendable, Codable {
    /// The kinds of objects, in the order the import takes them.
    public enum Section: String, Sendable, Codable, CaseIterable {
        case companies, contacts, categories, folders, articles, translations, widgets
    }

    public struct Tally: Sendable, Codable, Equatable {
        public var created = 0
        public var updated = 0
        public var unchanged = 0
        public var skipped = 0
    }

    /// An object that was not imported.
    public struct Skip: Sendable, Codable, Equatable {
        public let section: Section
        public let freshdeskID: Int64
        public let name: String
        public let reason: String
    }

    /// A folder Freshdesk showed to people Lantern cannot single out, made agents-only.
    public struct NarrowedFolder: Sendable, Codable, Equatable {
        public let freshdeskID: Int64
        public let name: String
        public let reason: String
    }

    /// What the sanitiser took out of one article version.
    public struct Sanitized: Sendable, Codable, Equatable {
        public let freshdeskID: Int64
        public let language: String
        public let title: String
        public let removed: [String]
    }

    /// An article image left at its address: on a site that is not Freshdesk's, or one that could not be brought
    /// over (`reason` says why).
    public struct Image: Sendable, Codable, Equatable {
        public let freshdeskID: Int64
        public let language: String
        public let title: String
        public let url: String
        public let reason: String
    }

    public let source: String
    public let accountID: Int
    public let dryRun: Bool
    public var tallies: [Section: Tally] = [:]
    public var skipped: [Skip] = []
    public var narrowedFolders: [NarrowedFolder] = []
    public var sanitized: [Sanitized] = []
    public var notes: [String] = []
    /// Article images stored this run (in a dry run: that would be).
    public var imagesStored = 0
    /// Article images stored by an earlier run, pointed at again.
    public var imagesReused = 0
    public var imagesElsewhere: [Image] = []
    public var imagesFailed: [Image] = []

    public init(source: String, accountID: Int, dryRun: Bool) {
        self.source = source
        self.accountID = accountID
        self.dryRun = dryRun
    }

    public func tally(_ section: Section) -> Tally { tallies[section] ?? Tally() }

    /// The report as the command prints it.
    public var text: String {
        var lines = [dryRun
            ? "Dry run of the import from \(source) into account \(accountID): nothing was written; this is what an import would do."
            : "Imported from \(source) into account \(accountID)."]
        lines.append("")
        lines.append("  " + "".padding(toLength: 14, withPad: " ", startingAt: 0)
            + ["created", "updated", "unchanged", "skipped"].map { $0.leftPadded(to: 11) }.joined())
        for section in Section.allCases {
            let tally = tally(section)
            let name = section.rawValue.padding(toLength: 14, withPad: " ", startingAt: 0)
            lines.append("  \(name)" + [tally.created, tally.updated, tally.unchanged, tally.skipped]
                .map { String($0).leftPadded(to: 11) }.joined())
        }
        if imagesStored + imagesReused + imagesElsewhere.count + imagesFailed.count > 0 {
            lines.append("")
            lines.append("Article images: \(imagesStored) \(dryRun ? "would be brought over" : "brought over"), \(imagesReused) already brought over, "
                + "\(imagesFailed.count) could not be, \(imagesElsewhere.count) on other sites (left as they are).")
        }
        if !skipped.isEmpty {
            lines.append("")
            lines.append("Skipped (\(skipped.count)):")
            for skip in skipped {
                lines.append("  \(skip.section.singular) \(skip.freshdeskID) \"\(skip.name)\": \(skip.reason)")
            }
        }
        if !narrowedFolders.isEmpty {
            lines.append("")
            lines.append("Folders made agents-only, so that nobody sees more than before (\(narrowedFolders.count)):")
            for folder in narrowedFolders {
                lines.append("  folder \(folder.freshdeskID) \"\(folder.name)\": \(folder.reason)")
            }
        }
        if !sanitized.isEmpty {
            lines.append("")
            lines.append("Removed from article HTML by Lantern's sanitiser (\(sanitized.count) article versions):")
            for article in sanitized {
                lines.append("  article \(article.freshdeskID) (\(article.language)) \"\(article.title)\": \(article.removed.joined(separator: "; "))")
            }
        }
        if !imagesFailed.isEmpty {
            lines.append("")
            lines.append("Article images that could not be brought over, left at their Freshdesk address (\(imagesFailed.count)):")
            for image in imagesFailed { lines.append("  \(image.line)") }
        }
        if !imagesElsewhere.isEmpty {
            lines.append("")
            lines.append("Article images on other sites, left as they are (\(imagesElsewhere.count)):")
            for image in imagesElsewhere { lines.append("  \(image.line)") }
        }
        if !notes.isEmpty {
            lines.append("")
            lines.append("Notes:")
            for note in notes { lines.append("  \(note)") }
        }
        return lines.joined(separator: "\n")
    }
}

extension FreshdeskImportReport.Section {
    /// One object of the kind, as the report names it.
    public var singular: String {
        switch self {
        case .companies: "company"
        case .contacts: "contact"
        case .categories: "category"
        case .folders: "folder"
        case .articles: "article"
        case .translations: "translation of article"
        case .widgets: "help widget"
        }
    }
}

extension FreshdeskImportReport.Image {
    /// The image as the report lists it.
    var line: String { "article \(freshdeskID) (\(language)) \"\(title)\": \(url): \(reason)" }
}

private extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
