/// Two versions of an article compared block by block (paragraphs, headings, lists, tables…), for a side-by-side
/// view: each row holds a block of the older version, of the newer one, or both, in order.
public enum RevisionDiff {
    public enum Change: Sendable, Equatable {
        case same, removed, added, changed
    }

    /// One row of the side-by-side view.
    public struct Row: Sendable, Equatable {
        public let change: Change
        /// Sanitised HTML of the older version's block (`nil` for an added one).
        public let old: String?
        /// Sanitised HTML of the newer version's block (`nil` for a removed one).
        public let new: String?

        public init(change: Change, old: String?, new: String?) {
            self.change = change
            self.old = old
            self.new = new
        }
    }

    /// Comparing more blocks than this on each side shows every block as changed rather than take quadratic time.
    public static let maximumBlocks = 3_000

    /// The rows comparing `old` and `new` article HTML. A removed block followed by an added one is shown as one
    /// changed row.
    public static func rows(old: String, new: String) -> [Row] {
        let a = blocks(old), b = blocks(new)
        guard a.count <= maximumBlocks, b.count <= maximumBlocks else {
            return pair(a.map { Row(change: .removed, old: $0, new: nil) } + b.map { Row(change: .added, old: nil, new: $0) })
        }
        // Longest common subsequence, by suffix lengths.
        var lengths = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                lengths[i][j] = a[i] == b[j] ? lengths[i + 1][j + 1] + 1 : max(lengths[i + 1][j], lengths[i][j + 1])
            }
        }
        var rows: [Row] = []
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                rows.append(Row(change: .same, old: a[i], new: b[j]))
                i += 1
                j += 1
            } else if i < a.count, j == b.count || lengths[i + 1][j] >= lengths[i][j + 1] {
                rows.append(Row(change: .removed, old: a[i], new: nil))
                i += 1
            } else {
                rows.append(Row(change: .added, old: nil, new: b[j]))
                j += 1
            }
        }
        return pair(rows)
    }

    /// Runs of removed blocks followed by added ones become changed rows, side by side.
    private static func pair(_ rows: [Row]) -> [Row] {
        var out: [Row] = []
        var index = 0
        while index < rows.count {
            var removed: [String] = [], added: [String] = []
            while index < rows.count, rows[index].change == .removed { removed.append(rows[index].old!); index += 1 }
            while index < rows.count, rows[index].change == .added { added.append(rows[index].new!); index += 1 }
            if removed.isEmpty && added.isEmpty {
                out.append(rows[index])
                index += 1
                continue
            }
            for k in 0..<max(removed.count, added.count) {
                let old = k < removed.count ? removed[k] : nil, new = k < added.count ? added[k] : nil
                out.append(Row(change: old == nil ? .added : new == nil ? .removed : .changed, old: old, new: new))
            }
        }
        return out
    }

    /// The top-level blocks of article HTML, sanitised: each element at the outermost level, and each run of text
    /// between them.
    public static func blocks(_ html: String) -> [String] {
        let clean = HTMLSanitizer.sanitize(html)
        var blocks: [String] = []
        var depth = 0
        var start = clean.startIndex
        var index = clean.startIndex
        // The sanitiser's output is canonical: `<` starts a tag, and tags are `<name …>` or `</name>`.
        while index < clean.endIndex {
            guard clean[index] == "<", let close = clean[index...].firstIndex(of: ">") else {
                index = clean.index(after: index)
                continue
            }
            let tag = clean[clean.index(after: index)..<close]
            if depth == 0, start < index, !clean[start..<index].allSatisfy(\.isWhitespace) { blocks.append(String(clean[start..<index])) }
            if depth == 0 { start = index }
            if tag.hasPrefix("/") {
                depth -= 1
            } else if !HTMLSanitizer.voidTags.contains(String(tag.prefix { $0 != " " })) {
                depth += 1
            }
            index = clean.index(after: close)
            if depth == 0 {
                blocks.append(String(clean[start..<index]))
                start = index
            }
        }
        if start < clean.endIndex, !clean[start...].allSatisfy(\.isWhitespace) { blocks.append(String(clean[start...])) }
        return blocks
    }
}
