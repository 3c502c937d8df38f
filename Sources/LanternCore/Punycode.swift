/// Punycode (RFC 3492): Unicode scalars as a string of basic (ASCII) code points, as IDNA uses it for the part of
/// an A-label after `xn--`. The parameters are the RFC's for IDNA; there is no mixed-case annotation on output.
enum Punycode {
    private static let base = 36, tMin = 1, tMax = 26, skew = 38, damp = 700, initialBias = 72, initialN = 0x80

    /// The encoding of `scalars` (§6.3): the basic code points as they are, a `-` if there were any, then the
    /// deltas in lower-case digits. No overflow for a domain label's input (or any below a million scalars).
    static func encode(_ scalars: [Unicode.Scalar]) -> String {
        var output = String.UnicodeScalarView(scalars.filter(\.isASCII))
        let basicCount = output.count
        if basicCount > 0 { output.append("-") }
        var n = initialN, delta = 0, bias = initialBias, handled = basicCount
        while handled < scalars.count {
            let m = scalars.lazy.map { Int($0.value) }.filter { $0 >= n }.min()!
            delta += (m - n) * (handled + 1)
            n = m
            for scalar in scalars {
                let value = Int(scalar.value)
                if value < n { delta += 1 }
                guard value == n else { continue }
                var q = delta
                var k = base
                while true {
                    let t = threshold(k, bias)
                    if q < t { break }
                    output.append(digit(t + (q - t) % (base - t)))
                    q = (q - t) / (base - t)
                    k += base
                }
                output.append(digit(q))
                bias = adapt(delta, points: handled + 1, first: handled == basicCount)
                delta = 0
                handled += 1
            }
            delta += 1
            n += 1
        }
        return String(output)
    }

    /// The scalars `encoded` stands for (§6.2), digits in either case; `nil` for anything that is not Punycode
    /// (a non-basic code point, a bad digit, a truncated delta, an overflow, or a result that is not a scalar).
    static func decode(_ encoded: Substring) -> [Unicode.Scalar]? {
        let input = Array(encoded.unicodeScalars)
        guard input.allSatisfy(\.isASCII) else { return nil }
        let delimiter = input.lastIndex(of: "-") ?? 0
        var output = Array(input[..<delimiter])
        var position = delimiter > 0 ? delimiter + 1 : 0
        var n = initialN, i = 0, bias = initialBias
        while position < input.count {
            let oldI = i
            var weight = 1
            var k = base
            while true {
                guard position < input.count, let digit = value(input[position]) else { return nil }
                position += 1
                let (product, productOverflow) = digit.multipliedReportingOverflow(by: weight)
                let (sum, sumOverflow) = i.addingReportingOverflow(product)
                guard !productOverflow, !sumOverflow else { return nil }
                i = sum
                let t = threshold(k, bias)
                if digit < t { break }
                let (next, weightOverflow) = weight.multipliedReportingOverflow(by: base - t)
                guard !weightOverflow else { return nil }
                weight = next
                k += base
            }
            let count = output.count + 1
            bias = adapt(i - oldI, points: count, first: oldI == 0)
            guard i / count <= 0x10FFFF - n else { return nil }
            n += i / count
            i %= count
            guard n >= initialN, let scalar = Unicode.Scalar(UInt32(n)) else { return nil }
            output.insert(scalar, at: i)
            i += 1
        }
        return output
    }

    private static func threshold(_ k: Int, _ bias: Int) -> Int {
        k <= bias ? tMin : k >= bias + tMax ? tMax : k - bias
    }

    /// The bias adaptation of §6.1.
    private static func adapt(_ delta: Int, points: Int, first: Bool) -> Int {
        var delta = first ? delta / damp : delta / 2
        delta += delta / points
        var k = 0
        while delta > ((base - tMin) * tMax) / 2 {
            delta /= base - tMin
            k += base
        }
        return k + (base - tMin + 1) * delta / (delta + skew)
    }

    /// 0–25 are `a`–`z`, 26–35 are `0`–`9`.
    private static func digit(_ value: Int) -> Unicode.Scalar {
        Unicode.Scalar(UInt8(value < 26 ? 0x61 + value : 0x30 + value - 26))
    }

    private static func value(_ scalar: Unicode.Scalar) -> Int? {
        switch scalar.value {
        case 0x41...0x5A: Int(scalar.value) - 0x41
        case 0x61...0x7A: Int(scalar.value) - 0x61
        case 0x30...0x39: Int(scalar.value) - 0x30 + 26
        default: nil
        }
    }
}
