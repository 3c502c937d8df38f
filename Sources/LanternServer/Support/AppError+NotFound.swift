/// The not-found errors more than one path answers with.
extension AppError {
    static let categoryNotFound = AppError(.categoryNotFound, "No category has this id in your account.")
    static let folderNotFound = AppError(.folderNotFound, "No folder has this id in your account.")
    static let articleNotFound = AppError(.articleNotFound, "No article has this id.")
    static let companyNotFound = AppError(.companyNotFound, "No company has this id in your account.")
    static let contactNotFound = AppError(.contactNotFound, "No contact has this id in your account.")
    static let translationNotFound = AppError(.translationNotFound, "The article has no translation in this language.")
    static let draftNotFound = AppError(.draftNotFound, "This version of the article has no draft.")
    static let revisionNotFound = AppError(.revisionNotFound, "The article has no revision with this number.")
    static let containerTranslationNotFound = AppError(.translationNotFound, "It has no translation in this language.")
    static let ticketNotFound = AppError(.ticketNotFound, "No ticket has this id in your account.")
    static let ticketFieldNotFound = AppError(.ticketFieldNotFound, "No custom ticket field has this id in your account.")
}
