import Foundation
import LanternCore
#if FUZZING
import LanternFuzzDriver
#endif

/// The parsers that read bytes from anyone on the internet, each run on one input and checked for what must always
/// hold. A crash, a failed invariant or a hang is a finding. `scripts/fuzz.sh` builds this with libFuzzer
/// (`-sanitize=fuzzer -D FUZZING`); a normal build makes a driver that replays files or corpus folders.
enum FuzzTarget: String, CaseIterable {
    /// A widget sign-in token: the JWS parser, the JSON reader and the whole token policy.
    case token
    /// Article HTML: the sanitiser, its problem report and its plain text.
    case sanitizer
    /// A URL-encoded form body or query string.
    case form
    /// A `multipart/form-data` body, fed in pieces as the network delivers it.
    case multipart
    /// A raw mail message, as `lantern mail receive` and `POST /api/v2/mail/inbound` take it.
    case mail

    /// `LANTERN_FUZZ_TARGET`, read once.
    static let selected: FuzzTarget = {
        let name = ProcessInfo.processInfo.environment["LANTERN_FUZZ_TARGET"] ?? ""
        guard let target = FuzzTarget(rawValue: name) else {
            FileHandle.standardError.write(Data("Set LANTERN_FUZZ_TARGET to one of: \(allCases.map(\.rawValue).joined(separator: ", "))\n".utf8))
            exit(2)
        }
        return target
    }()

    func run(_ bytes: [UInt8]) {
        switch self {
        case .token:
            let text = String(decoding: bytes, as: UTF8.self)
            let policy = WidgetTokenPolicy()
            _ = try? policy.verify(text, secret: "fuzzing-secret", now: Date(timeIntervalSince1970: 1_800_000_000))
            if let parsed = try? policy.parse(text) {
                _ = try? policy.checkAlgorithm(parsed)
            }
            _ = JSONValue.parse(bytes)
        case .sanitizer:
            let html = String(decoding: bytes, as: UTF8.self)
            let clean = HTMLSanitizer.sanitize(html)
            precondition(HTMLSanitizer.sanitize(clean) == clean, "sanitising twice changed the HTML")
            precondition(HTMLSanitizer.problems(clean).isEmpty, "sanitised HTML still has problems")
            _ = HTMLSanitizer.problems(html)
            _ = HTMLSanitizer.plainText(clean)
        case .form:
            let text = String(decoding: bytes, as: UTF8.self)
            let form = URLEncodedForm(encoded: text)
            for (name, _) in form.pairs.prefix(8) {
                precondition(form[name] != nil, "a decoded name is not found again")
                _ = form.integers(name)
                _ = form.list(name)
            }
            _ = URLEncodedForm.formDecoded(Substring(text).utf8)
        case .multipart:
            MultipartFuzzing.run(bytes)
        case .mail:
            MailFuzzing.run(bytes)
        }
    }
}

#if FUZZING
/// The entry point SwiftPM gives this executable (`<module>_main`): hands over to libFuzzer's driver.
@_cdecl("lantern_fuzz_main")
func lanternFuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    var count = argc
    var arguments: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = argv
    _ = FuzzTarget.selected
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in
        FuzzTarget.selected.run(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
        return 0
    }
}
#else
/// Replays inputs without libFuzzer: `lantern-fuzz FILE_OR_FOLDER…` with `LANTERN_FUZZ_TARGET` set.
@main
struct ReplayDriver {
    static func main() {
        let target = FuzzTarget.selected
        var count = 0
        for path in CommandLine.arguments.dropFirst() {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            let files = isDirectory.boolValue
                ? ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted().map { path + "/" + $0 }
                : [path]
            for file in files {
                guard let data = FileManager.default.contents(atPath: file) else { continue }
                target.run(Array(data))
                count += 1
            }
        }
        print("\(target.rawValue): \(count) inputs replayed, no finding")
    }
}
#endif
