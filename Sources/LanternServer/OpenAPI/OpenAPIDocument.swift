import Foundation

/// Lantern's OpenAPI 3.1 document: `openapi.json` beside this file, edited by hand and embedded in the binary by
/// SwiftPM (`.embedInCode`), so that `lantern` stays one file to deploy. `OpenAPIContractTests` checks it against
/// the app's real routes, `scripts/contract-test.sh` validates it as OpenAPI 3.1 and runs Schemathesis against a
/// live server from it.
enum OpenAPIDocument {
    /// The document's bytes, as served.
    static let data = Data(PackageResources.openapi_json)
}
