import Foundation
import LanternCore
import Testing

@Suite("Article rules: edit conflicts, article files, revision diffs")
struct ArticleRulesTests {
    @Test("A save is blocked by the latest newer revision of someone else; one's own newer revisions do not block")
    func editConflicts() {
        typealias Newer = EditConflictRule.Newer
        #expect(EditConflictRule.blocking(newer: [], saver: 1) == nil)
        #expect(EditConflictRule.blocking(newer: [Newer(number: 5, agentID: 1)], saver: 1) == nil)
        #expect(EditConflictRule.blocking(newer: [Newer(number: 5, agentID: 2), Newer(number: 6, agentID: 1)], saver: 1) == Newer(number: 5, agentID: 2))
        #expect(EditConflictRule.blocking(newer: [Newer(number: 5, agentID: 2), Newer(number: 7, agentID: 3)], saver: 1) == Newer(number: 7, agentID: 3))
        #expect(EditConflictRule.blocking(newer: [Newer(number: 5, agentID: nil)], saver: 1) == Newer(number: 5, agentID: nil))
        // A caller without an agent (an admin key) is never "the same person".
        #expect(EditConflictRule.blocking(newer: [Newer(number: 5, agentID: nil)], saver: nil) == Newer(number: 5, agentID: nil))
    }

    @Test("Article files: web images and documents; SVG, HEIC, BMP, TIFF refused; signatures checked; 10 MiB")
    func filePolicy() {
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0]
        func check(_ name: String, _ head: [UInt8], size: Int = 100) -> Result<AttachmentPolicy.Accepted, AttachmentPolicy.Refusal> {
            ArticleFilePolicy.check(AttachmentPolicy.Upload(filename: name, size: size, head: head))
        }
        #expect((try? check("a.png", png).get())?.contentType == "image/png")
        #expect((try? check("guide.pdf", Array("%PDF-1.7".utf8)).get())?.contentType == "application/pdf")
        #expect((try? check("notes.txt", Array("hello".utf8)).get())?.contentType == "text/plain")
        for refused in ["logo.svg", "photo.heic", "scan.bmp", "scan.tiff", "run.exe", "page.html"] {
            guard case .failure(.invalid) = check(refused, Array("<svg".utf8)) else { Issue.record("\(refused) accepted"); continue }
        }
        guard case .failure(.invalid) = check("a.png", Array("GIF89a......".utf8)) else { Issue.record("mislabelled PNG accepted"); return }
        guard case .failure(.tooLarge) = check("a.png", png, size: ArticleFilePolicy.maximumFileBytes + 1) else { Issue.record("11 MiB accepted"); return }
        #expect(ArticleFilePolicy.isImage("image/webp") && !ArticleFilePolicy.isImage("application/pdf"))
    }

    @Test("Revisions are compared block by block: same, changed side by side, added, removed")
    func diff() {
        let rows = RevisionDiff.rows(old: "<h2>Intro</h2><p>One</p><p>Two</p><ul><li>a</li></ul>",
                                     new: "<h2>Intro</h2><p>One!</p><ul><li>a</li></ul><p>Three</p>")
        #expect(rows.map(\.change) == [.same, .changed, .removed, .same, .added])
        #expect(rows[1] == RevisionDiff.Row(change: .changed, old: "<p>One</p>", new: "<p>One!</p>"))
        #expect(rows[2].old == "<p>Two</p>" && rows[2].new == nil)
        #expect(rows[4].new == "<p>Three</p>")
        #expect(RevisionDiff.blocks("text <b>bold</b><p>p</p><img src=\"/a.png\"><hr>") == ["text ", "<b>bold</b>", "<p>p</p>", "<img src=\"/a.png\" loading=\"lazy\">", "<hr>"])
        #expect(RevisionDiff.rows(old: "<p>x</p>", new: "<p>x</p>").allSatisfy { $0.change == .same })
        #expect(RevisionDiff.rows(old: "", new: "<p>x</p>") == [RevisionDiff.Row(change: .added, old: nil, new: "<p>x</p>")])
    }
}
