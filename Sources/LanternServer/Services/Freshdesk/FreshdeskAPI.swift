/// The parts of Freshdesk's API v2 answers the importer reads (https://developers.freshdesk.com/api/). Every field
/// but `id` may be missing or `null`: what is absent is imported as empty, never guessed.
enum FreshdeskAPI {
    /// `GET /api/v2/settings/helpdesk`.
    struct HelpdeskSettings: Decodable, Sendable {
        let primary_language: String?
        let supported_languages: [String]?
    }

    /// `GET /api/v2/companies`.
    struct Company: Decodable, Sendable {
        let id: Int64
        let name: String?
        let domains: [String]?
    }

    /// `GET /api/v2/agents` (the importer reads an agent's e-mail to find the Lantern agent with the same address).
    struct Agent: Decodable, Sendable {
        struct Contact: Decodable, Sendable {
            let email: String?
        }

        let id: Int64
        let contact: Contact?
    }

    /// `GET /api/v2/contacts`; `other_companies` lists the further companies of an account with multiple
    /// companies per contact.
    struct Contact: Decodable, Sendable {
        struct OtherCompany: Decodable, Sendable {
            let company_id: Int64?
        }

        let id: Int64
        let name: String?
        let email: String?
        let language: String?
        let company_id: Int64?
        let other_companies: [OtherCompany]?
    }

    /// `GET /api/v2/solutions/categories` and `…/categories/{id}/{language}`.
    struct Category: Decodable, Sendable {
        let id: Int64
        let name: String?
        let description: String?
    }

    /// `GET /api/v2/solutions/categories/{id}/folders`, `…/folders/{id}/subfolders` and `…/folders/{id}/{language}`.
    /// `visibility`: 1 all users, 2 logged-in users, 3 agents, 4 selected companies, 5 bots, 6 contact segments,
    /// 7 company segments.
    struct Folder: Decodable, Sendable {
        let id: Int64
        let name: String?
        let description: String?
        let visibility: Int?
        let company_ids: [Int64]?
        let parent_folder_id: Int64?
        let articles_count: Int?
        let sub_folders_count: Int?
    }

    /// `GET /api/v2/solutions/folders/{id}/articles` and `…/articles/{language}`: one language version of an
    /// article (`status` 1 draft, 2 published; `type` 1 permanent, 2 workaround).
    struct Article: Decodable, Sendable {
        struct SEOData: Decodable, Sendable {
            let meta_title: String?
            let meta_description: String?
            let meta_keywords: String?
        }

        let id: Int64
        let title: String?
        let description: String?
        let status: Int?
        let type: Int?
        let tags: [String]?
        let seo_data: SEOData?
        let agent_id: Int64?
        let thumbs_up: Int?
        let thumbs_down: Int?
        let hits: Int?
    }

    /// `GET /api/v2/help_widgets` (where the account's API exposes it).
    struct HelpWidget: Decodable, Sendable {
        let id: Int64
        let name: String?
    }

    /// Freshdesk's error body: `{"description": "Validation failed", "errors": [{"field", "message", "code"}]}`,
    /// or `{"code": "invalid_credentials", "message": "…"}` for authentication.
    struct ErrorBody: Decodable, Sendable {
        struct Item: Decodable, Sendable {
            let field: String?
            let message: String?
            let code: String?
        }

        let description: String?
        let errors: [Item]?
        let code: String?
        let message: String?

        /// One line: the description and each error's field and message.
        var summary: String {
            var parts: [String] = []
            if let description { parts.append(description) }
            if let message { parts.append(message) }
            for item in errors ?? [] {
                parts.append([item.field, item.message ?? item.code].compactMap { $0 }.joined(separator: ": "))
            }
            return parts.joined(separator: "; ")
        }
    }
}
