extension String {
    /// The string, or `nil` when it is empty (an absent and an empty cookie or field mean the same).
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
