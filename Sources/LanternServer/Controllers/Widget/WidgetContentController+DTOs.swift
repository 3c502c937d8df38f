import Vapor

/// The JSON the widget's read API answers with.
extension WidgetContentController {
    struct ContactFormDTO: Content {
        let enabled: Bool
        let logged_in_only: Bool
        /// Whether customers choose the priority / the type (then `types` lists the account's types).
        let priority: Bool
        let type: Bool
        let types: [String]
    }

    /// A custom field the contact form shows: its label (the account's primary language) and its translations.
    struct FormFieldDTO: Content {
        let name: String
        let label: String
        let labels: [String: String]
        let type: String
        let required: Bool
        let choices: [String]

        init(_ field: CustomTicketField) {
            name = field.name
            label = field.label
            labels = field.labels
            type = field.fieldKind.rawValue
            required = field.definition.required
            choices = field.choices
        }
    }

    struct ConfigDTO: Content {
        let id: Int
        let name: String
        let default_language: String
        let languages: [String]
        let contact_form: ContactFormDTO
        let allowed_origins: [String]
        let ticket_fields: [FormFieldDTO]
    }

    struct FolderDTO: Content {
        let id: Int
        let name: String
        let description: String
        let article_count: Int
    }

    struct CategoryDTO: Content {
        let id: Int
        let name: String
        let description: String
        let article_count: Int
        let folders: [FolderDTO]
    }

    struct TreeDTO: Content {
        let categories: [CategoryDTO]
    }

    /// A search or list hit, as the widget and the search API answer it.
    struct HitDTO: Content {
        let id: Int
        let title: String
        let snippet: String
        let category_id: Int
        let folder_id: Int
        let language: String

        init(_ hit: KnowledgeBaseReader.Hit) {
            id = hit.articleID
            title = hit.title
            snippet = hit.snippet
            category_id = hit.categoryID
            folder_id = hit.folderID
            language = hit.language
        }
    }

    struct HitsDTO: Content {
        let articles: [HitDTO]
        let total: Int

        /// The same JSON as `JSONEncoder` writes, at a fraction of its cost (searches run on every keystroke).
        var json: [UInt8] {
            var writer = JSONWriter(capacity: 512 + articles.count * 512)
            writer.punctuation("{\"articles\":[")
            for (index, hit) in articles.enumerated() {
                writer.punctuation(index == 0 ? "{" : ",{")
                writer.member("id", hit.id, first: true)
                writer.member("title", hit.title)
                writer.member("snippet", hit.snippet)
                writer.member("category_id", hit.category_id)
                writer.member("folder_id", hit.folder_id)
                writer.member("language", hit.language)
                writer.punctuation("}")
            }
            writer.punctuation("]")
            writer.member("total", total)
            writer.punctuation("}")
            return writer.bytes
        }
    }

    struct ArticleDTO: Content {
        let id: Int
        let title: String
        let description: String
        let language: String
        let fallback: Bool
        let thumbs_up: Int
        let thumbs_down: Int
    }

    struct FeedbackBody: Decodable {
        let helpful: Bool
        /// The anonymous visitor's id, kept by the widget frame; older widgets send none.
        let visitor_id: String?
        /// A not-helpful vote's answer to "why?" (`FeedbackReason`), and a comment of up to 1,000 characters.
        let reason: String?
        let comment: String?
    }
}
