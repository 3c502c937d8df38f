// Measures widget-token verification in-process: Lantern's full token policy against the floor of one
// HMAC-SHA256 over the same signing input. Run with `swift run -c release token-benchmark`.
import Crypto
import Foundation
import LanternCore

let secret = "8f14e45fceea167a5a36dedd4bea2543c2f8c2c1d7a8b4a9f0e1d2c3b4a59687"
let now = Date()
let token = TokenMinter.sign(claims: [
    "name": .string("Alice Martin"), "email": .string("alice@acme.example"),
    "exp": .number((now.timeIntervalSince1970 + 3600).rounded(.down)),
], secret: secret)

/// Median nanoseconds per call over `rounds` rounds of `batch` calls.
/// `TOKEN_BENCH_BATCH` shrinks the batches, e.g. to run under a profiler.
let defaultBatch = ProcessInfo.processInfo.environment["TOKEN_BENCH_BATCH"].flatMap(Int.init) ?? 20_000

func measure(rounds: Int = 41, batch: Int = defaultBatch, _ body: () -> Void) -> Double {
    for _ in 0..<batch { body() }
    var perCall: [Double] = []
    for _ in 0..<rounds {
        let start = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<batch { body() }
        perCall.append(Double(DispatchTime.now().uptimeNanoseconds - start) / Double(batch))
    }
    return perCall.sorted()[rounds / 2]
}

let policy = WidgetTokenPolicy.standard
var accepted = 0
let full = measure {
    if (try? policy.verify(token, secret: secret, now: now)) != nil { accepted += 1 }
}
precondition(accepted > 0, "the benchmark token must verify")

let signingInput = Array(token[..<token.lastIndex(of: ".")!].utf8)
let key = SymmetricKey(data: Array(secret.utf8))
var macs = 0
let floor = measure {
    macs &+= Int(HMAC<SHA256>.authenticationCode(for: signingInput, using: key).withUnsafeBytes { $0[0] })
}

let output: [String: Any] = [
    "token_bytes": token.utf8.count,
    "token": token,
    "secret": secret,
    "lantern_verify_median_us": (full / 1000 * 100).rounded() / 100,
    "hmac_sha256_floor_median_us": (floor / 1000 * 100).rounded() / 100,
]
let json = try JSONSerialization.data(withJSONObject: output, options: [.sortedKeys])
print(String(decoding: json, as: UTF8.self))
