import LanternCore

/// The multipart reader on one body: read whole and read in pieces (the first byte picks the piece size), it must
/// give the same verdict and, when the body is good, the same parts with the same bytes. (A refused body may have
/// shown a different number of its parts first: what a failing `feed` completed is not returned.)
enum MultipartFuzzing {
    static let boundary = "lantern-fuzz-boundary"

    static func run(_ bytes: [UInt8]) {
        guard let first = bytes.first else { return }
        let body = Array(bytes.dropFirst())
        let whole = read(body, pieceSize: body.count + 1)
        let pieces = read(body, pieceSize: Int(first % 64) + 1)
        precondition(whole == pieces, "reading in pieces gave another answer than reading whole")
    }

    /// The parts' headers and contents, and how reading ended.
    struct Outcome: Equatable {
        var parts: [(MultipartReader.PartHeaders, [UInt8])] = []
        var failure: MultipartReader.Failure?

        static func == (lhs: Outcome, rhs: Outcome) -> Bool {
            guard lhs.failure == nil, rhs.failure == nil else { return lhs.failure == rhs.failure }
            return lhs.parts.count == rhs.parts.count
                && zip(lhs.parts, rhs.parts).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        }
    }

    static func read(_ body: [UInt8], pieceSize: Int) -> Outcome {
        var outcome = Outcome()
        do {
            var reader = try MultipartReader(boundary: boundary, limits: .init(maximumParts: 8, maximumHeaderBytes: 1024))
            var start = 0
            while start < body.count {
                let end = min(body.count, start + pieceSize)
                for event in try reader.feed(body[start..<end]) {
                    switch event {
                    case .partStart(let headers): outcome.parts.append((headers, []))
                    case .content(let content):
                        precondition(!outcome.parts.isEmpty, "content before any part started")
                        outcome.parts[outcome.parts.count - 1].1 += content
                    case .partEnd: break
                    }
                }
                start = end
            }
            try reader.finish()
        } catch {
            outcome.failure = error
        }
        return outcome
    }
}
