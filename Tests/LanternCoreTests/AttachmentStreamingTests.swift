import Testing
import LanternCore

/// `AttachmentPolicy`'s checks on what a streamed file reveals: its size so far and its first bytes.
@Suite("Attachment policy while streaming")
struct AttachmentStreamingTests {
    @Test("Sizes are checked as a file grows, against the files before it")
    func sizes() {
        func refusal(_ result: Result<Void, AttachmentPolicy.Refusal>) -> AttachmentPolicy.Refusal? {
            if case .failure(let refusal) = result { return refusal }
            return nil
        }
        let limit = AttachmentPolicy.maximumFileBytes
        #expect(refusal(AttachmentPolicy.checkSize(.init(filename: "a.png", size: limit, head: []), runningTotal: limit)) == nil)
        #expect(refusal(AttachmentPolicy.checkSize(.init(filename: "a.png", size: limit + 1, head: []), runningTotal: 0))
                == .tooLarge("a.png is larger than 10 MiB"))
        #expect(refusal(AttachmentPolicy.checkSize(.init(filename: "b.png", size: 1, head: []), runningTotal: AttachmentPolicy.maximumTotalBytes))
                == .tooLarge("the attachments add up to more than 20 MiB"))
        #expect(refusal(AttachmentPolicy.checkSize(.init(filename: "e.txt", size: 0, head: []), runningTotal: 0)) == .invalid("e.txt is empty"))
    }

    @Test("Types are checked from the first bytes alone, and agree with the whole-file check")
    func contentFromHead() throws {
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 7, count: 5000)
        let streamed = AttachmentPolicy.Upload(filename: "shot.PNG", size: png.count, head: Array(png.prefix(AttachmentPolicy.signatureBytes)))
        #expect(AttachmentPolicy.checkContent(streamed) == AttachmentPolicy.check([.init(filename: "shot.PNG", bytes: png)]).map { $0[0] })
        #expect(try AttachmentPolicy.checkContent(streamed).get().size == png.count)
        #expect(AttachmentPolicy.checkContent(.init(filename: "x.webp", size: 16, head: Array("RIFF0000WEBP".utf8))).map(\.contentType) == .success("image/webp"))
        #expect(AttachmentPolicy.checkContent(.init(filename: "x.pdf", size: 3, head: [1, 2, 3])) == .failure(.invalid("x.pdf is not a valid .pdf file")))
    }
}
