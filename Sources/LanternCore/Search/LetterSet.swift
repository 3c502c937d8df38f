/// A set of letters, such as an algorithm's vowels, tested in the stemmers' inner loops: a bit mask for ASCII and a
/// short list for the rest.
struct LetterSet: Sendable {
    private let low: UInt64
    private let high: UInt64
    private let others: [Unicode.Scalar]

    init(_ letters: String) {
        var low: UInt64 = 0, high: UInt64 = 0
        var others: [Unicode.Scalar] = []
        for letter in letters.unicodeScalars {
            switch letter.value {
            case 0..<64: low |= 1 << UInt64(letter.value)
            case 64..<128: high |= 1 << UInt64(letter.value - 64)
            default: others.append(letter)
            }
        }
        self.low = low
        self.high = high
        self.others = others
    }

    func contains(_ letter: Unicode.Scalar) -> Bool {
        switch letter.value {
        case 0..<64: low & (1 << UInt64(letter.value)) != 0
        case 64..<128: high & (1 << UInt64(letter.value - 64)) != 0
        default: others.contains(letter)
        }
    }
}
