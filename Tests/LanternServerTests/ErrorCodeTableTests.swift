import Foundation
import LanternCore
import Testing
@testable import LanternServer

/// `docs/api.md`'s table of error codes and `ErrorCode` list the same codes with the same statuses.
struct ErrorCodeTableTests {
    /// The `| status | code | meaning |` rows under "## Error codes".
    static func documentedCodes(in markdown: String) throws -> [String: UInt] {
        let section = try #require(markdown.components(separatedBy: "## Error codes\n").dropFirst().first)
            .components(separatedBy: "\n## ").first ?? ""
        var codes: [String: UInt] = [:]
        for line in section.split(separator: "\n") where line.hasPrefix("| ") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 2, let status = UInt(cells[0]) else { continue }
            let code = cells[1].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
            #expect(codes[code] == nil, "\(code) is listed twice")
            codes[code] = status
        }
        return codes
    }

    @Test func theDocumentedTableMatchesTheErrorCodes() throws {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/api.md")
        let documented = try Self.documentedCodes(in: String(contentsOf: docs, encoding: .utf8))
        let actual = Dictionary(uniqueKeysWithValues: ErrorCode.allCases.map { ($0.rawValue, $0.status.code) })
        #expect(documented.count == ErrorCode.allCases.count)
        for (code, status) in actual {
            #expect(documented[code] == status, "docs/api.md lists \(code) as \(documented[code].map(String.init) ?? "missing"), the server answers \(status)")
        }
        for code in documented.keys where actual[code] == nil {
            Issue.record("docs/api.md lists \(code), which the server never answers")
        }
    }

    /// The comparison is not vacuous: a table with a wrong status, a missing code or an extra one is told apart.
    @Test func theTableReaderSeesEveryRow() throws {
        let table = """
            ## Error codes

            | status | code | meaning |
            | --- | --- | --- |
            | 404 | `folder_not_found` | x |
            | 418 | `teapot` | y |

            ## Next
            | 500 | `not_in_the_section` | z |
            """
        let codes = try Self.documentedCodes(in: table)
        #expect(codes == ["folder_not_found": 404, "teapot": 418])
    }

    /// Refused widget tokens keep the codes the token policy names.
    @Test func tokenRejectionsKeepTheirCodes() {
        for rejection in TokenRejection.Code.allCases {
            #expect(ErrorCode(rejection).rawValue == rejection.rawValue)
            #expect(ErrorCode(rejection).status == .unauthorized)
        }
    }
}
