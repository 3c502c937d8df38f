import LanternCore
import Vapor

/// Every error code Lantern's JSON answers carry, each with its one HTTP status. `docs/api.md` has the same table
/// (`ErrorCodeTableTests` checks that the two agree), so a code is added here and documented there, never made up
/// at a throw site.
enum ErrorCode: String, CaseIterable, Sendable {
    // 400
    case badRequest = "bad_request"
    case invalidJSON = "invalid_json"
    // 401
    case unauthorized
    case invalidCredentials = "invalid_credentials"
    case loginRequired = "login_required"
    case sessionInvalid = "session_invalid"
    case sessionExpired = "session_expired"
    case malformedToken = "malformed_token"
    case unsupportedAlgorithm = "unsupported_algorithm"
    case invalidSignature = "invalid_signature"
    case tokenExpired = "token_expired"
    case expiryTooFar = "expiry_too_far"
    case tokenNotYetValid = "token_not_yet_valid"
    case missingClaim = "missing_claim"
    case invalidClaim = "invalid_claim"
    // 403
    case forbidden
    case accessDenied = "access_denied"
    case contactFormDisabled = "contact_form_disabled"
    // 404
    case notFound = "not_found"
    case categoryNotFound = "category_not_found"
    case folderNotFound = "folder_not_found"
    case articleNotFound = "article_not_found"
    case translationNotFound = "translation_not_found"
    case companyNotFound = "company_not_found"
    case contactNotFound = "contact_not_found"
    case widgetNotFound = "widget_not_found"
    case ticketNotFound = "ticket_not_found"
    case attachmentNotFound = "attachment_not_found"
    case ticketFieldNotFound = "ticket_field_not_found"
    case widgetAssetsMissing = "widget_assets_missing"
    case demoNotSeeded = "demo_not_seeded"
    case mailNotFound = "mail_not_found"
    case draftNotFound = "draft_not_found"
    case revisionNotFound = "revision_not_found"
    // 405
    case methodNotAllowed = "method_not_allowed"
    // 408
    case requestTimeout = "request_timeout"
    // 409
    case translationExists = "translation_exists"
    case contactEmailInvalid = "contact_email_invalid"
    case editConflict = "edit_conflict"
    // 413
    case payloadTooLarge = "payload_too_large"
    // 415
    case unsupportedMediaType = "unsupported_media_type"
    // 422
    case validationFailed = "validation_failed"
    case mailRefused = "mail_refused"
    // 429
    case rateLimited = "rate_limited"
    // 500
    case internalError = "internal_error"
    // 503
    case serviceUnavailable = "service_unavailable"
    case databaseUnavailable = "database_unavailable"

    /// The HTTP status every answer with this code has.
    var status: HTTPResponseStatus {
        switch self {
        case .badRequest, .invalidJSON: .badRequest
        case .unauthorized, .invalidCredentials, .loginRequired, .sessionInvalid, .sessionExpired, .malformedToken,
             .unsupportedAlgorithm, .invalidSignature, .tokenExpired, .expiryTooFar, .tokenNotYetValid, .missingClaim,
             .invalidClaim: .unauthorized
        case .forbidden, .accessDenied, .contactFormDisabled: .forbidden
        case .notFound, .categoryNotFound, .folderNotFound, .articleNotFound, .translationNotFound,
             .companyNotFound, .contactNotFound, .widgetNotFound, .ticketNotFound, .attachmentNotFound,
             .ticketFieldNotFound,
             .widgetAssetsMissing, .demoNotSeeded, .draftNotFound, .revisionNotFound, .mailNotFound: .notFound
        case .methodNotAllowed: .methodNotAllowed
        case .requestTimeout: .requestTimeout
        case .translationExists, .contactEmailInvalid, .editConflict: .conflict
        case .payloadTooLarge: .payloadTooLarge
        case .unsupportedMediaType: .unsupportedMediaType
        case .validationFailed, .mailRefused: .unprocessableEntity
        case .rateLimited: .tooManyRequests
        case .internalError: .internalServerError
        case .serviceUnavailable, .databaseUnavailable: .serviceUnavailable
        }
    }

    /// The code a refused widget token is answered with.
    init(_ rejection: TokenRejection.Code) {
        switch rejection {
        case .malformedToken: self = .malformedToken
        case .unsupportedAlgorithm: self = .unsupportedAlgorithm
        case .invalidSignature: self = .invalidSignature
        case .tokenExpired: self = .tokenExpired
        case .expiryTooFar: self = .expiryTooFar
        case .tokenNotYetValid: self = .tokenNotYetValid
        case .missingClaim: self = .missingClaim
        case .invalidClaim: self = .invalidClaim
        }
    }

    /// The code of an error that only carries an HTTP status (Vapor's own: unknown route, body too large, …).
    init(status: HTTPResponseStatus) {
        switch status {
        case .notFound: self = .notFound
        case .methodNotAllowed: self = .methodNotAllowed
        case .requestTimeout: self = .requestTimeout
        case .payloadTooLarge: self = .payloadTooLarge
        case .unsupportedMediaType: self = .unsupportedMediaType
        case .unauthorized: self = .unauthorized
        case .forbidden: self = .forbidden
        case .tooManyRequests: self = .rateLimited
        case .unprocessableEntity: self = .validationFailed
        case .serviceUnavailable: self = .serviceUnavailable
        default: self = status.code >= 500 ? .internalError : .badRequest
        }
    }
}
