/// A ticket field held as one of Freshdesk's numeric codes (status, priority, source).
public protocol TicketCode: RawRepresentable<Int>, CaseIterable, Sendable {
    var label: String { get }
}

extension TicketCode {
    /// What a refused code's field error says: "must be one of 2 (open), 3 (pending), …".
    public static var choicesMessage: String {
        "must be one of " + allCases.map { "\($0.rawValue) (\($0.label.lowercased()))" }.joined(separator: ", ")
    }
}

extension TicketStatus: TicketCode {}
extension TicketPriority: TicketCode {}
extension TicketSource: TicketCode {}
