// Lantern's OpenAPI 3.1 document, served at `GET /openapi.json`. This JSON text is the document itself (kept in
// Swift so that the `lantern` binary carries it without resource bundles); edit it here, by hand.
// `OpenAPIContractTests` checks it against the app's real routes, and `scripts/contract-test.sh` runs Schemathesis
// against a live server from it: every documented status code and response schema must hold.

extension OpenAPIDocument {
    static let json = #"""
{
  "openapi": "3.1.0",
  "info": {
    "title": "Lantern API",
    "version": "2.0.0",
    "summary": "Lantern's admin API (/api/v2) and widget API (/widget/v1).",
    "description": "Every error is `{\"error\": {\"code\", \"message\", \"fields\"?}}` with its HTTP status; validation errors are `422 validation_failed` with `fields`. See docs/api.md."
  },
  "servers": [
    {
      "url": "/",
      "description": "This Lantern server."
    }
  ],
  "security": [
    {
      "apiKeyBasic": []
    },
    {
      "apiKeyBearer": []
    }
  ],
  "tags": [
    {
      "name": "Settings"
    },
    {
      "name": "Knowledge base"
    },
    {
      "name": "Customers"
    },
    {
      "name": "Widgets"
    },
    {
      "name": "Tickets"
    },
    {
      "name": "Widget"
    },
    {
      "name": "Operations"
    }
  ],
  "paths": {
    "/api/v2/companies": {
      "post": {
        "operationId": "createCompany",
        "summary": "Create a company",
        "tags": [
          "Customers"
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/CompanyCreate"
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "Created.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Company"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/InvalidJSON"
          },
          "401": {
            "$ref": "#/components/responses/InvalidCredentials"
          },
          "403": {
            "$ref": "#/components/responses/AccessDenied"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          },
          "415": {
            "$ref": "#/components/responses/UnsupportedMediaType"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          }
        }
      },
      "get": {
        "operationId": "listCompanys",
        "summary": "List companys",
        "tags": [
          "Customers"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/Page"
          },
          {
            "$ref": "#/components/parameters/PerPage"
          }
        ],
        "responses": {
          "200": {
            "description": "A page of the list.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "array",
                  "items": {
                    "$ref": "#/components/schemas/Company"
                  }
                }
              }
            },
            "headers": {
              "Link": {
                "description": "`<…?page=N&per_page=M>; rel=\"next\"` when another page follows.",
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/InvalidCredentials"
          },
          "403": {
            "$ref": "#/components/responses/AccessDenied"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          }
        }
      }
    },
    "/api/v2/companies/{id}": {
      "get": {
        "operationId": "getCompany",
        "summary": "Show a company",
        "tags": [
          "Customers"
        ],
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "description": "The company's id.",
            "schema": {
              "type": "integer",
              "format": "int64",
              "minimum": 1
            }
          }
        ],
        "responses": {
          "200": {
            "description": "OK",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Company"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/InvalidCredentials"
          },
          "403": {
            "$ref": "#/components/responses/AccessDenied"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          }
        }
      },
      "put": {
        "operationId": "updateCompany",
        "summary": "Update a company",
        "description": "Changes only the fields given.",
        "tags": [
          "Customers"
        ],
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "description": "The company's id.",
            "schema": {
              "type": "integer",
              "format": "int64",
              "minimum": 1
            }
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/CompanyUpdate"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "OK",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Company"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/InvalidJSON"
          },
          "401": {
            "$ref": "#/components/responses/InvalidCredentials"
          },
          "403": {
            "$ref": "#/components/responses/AccessDenied"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          },
          "415": {
            "$ref": "#/components/responses/UnsupportedMediaType"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          }
        }
      },
      "delete": {
        "operationId": "deleteCompany",
        "summary": "Delete a company",
        "tags": [
          "Customers"
        ],
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "description": "The company's id.",
            "schema": {
              "type": "integer",
              "format": "int64",
              "minimum": 1
            }
          }
        ],
        "responses": {
          "204": {
            "description": "Done; no body."
          },
          "401": {
            "$ref": "#/components/responses/InvalidCredentials"
          },
          "403": {
            "$ref": "#/components/responses/AccessDenied"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          }
        }
      }
    },
    "/api/v2/contacts": {
      "post": {
        "operationId": "createContact",
        "summary": "Create a contact",
        "tags": [
          "Customers"
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/ContactCreate"
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "Created.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Contact"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/InvalidJSON"
          },
          "401": {
            "$ref": "#/components/responses/InvalidCredentials"
          },
          "403": {
            "$ref": "#/components/responses/AccessDenied"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          },
          "415": {
            "$ref": "#/components/responses/UnsupportedMediaType"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          }
        }
      },
      "get": {
        "operationId": "listContacts",
        "summary": "List contacts",
        "tags": [
          "Customers"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/Page"
          },
          {
            "$ref": "#/components/parameters/PerPage"
          },
          {
            "name": "email",
            "in": "query",
            "description": "Only the contact with this address (case-insensitive).",
            "schema": {
              "type": "string"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "A page of the list.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "array",
                  "items": {
                    "$ref": "#/components/schemas/Contact"
                  }
                }
              }
            },
            "headers": {
              "Link": {
                "description": "`<…?page=N&per_page=M>; rel=\"next\"` when another page follows.",
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/InvalidCredentials"
          },
          "403": {
            "$ref": "#/components/responses/AccessDenied"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          }
        }
      }
    },
    "/api/v2/contacts/{id}": {
      "get": {
        "operationId": "getContact",
        "summary": "Show a contact",
        "tags": [
          "Customers"
        ],
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "description": "The contact's id.",
            "schema": {
              "type": "integer",
              "format": "int64",
              "minimum": 1
            }
          }
        ],
        "responses": {
          "200": {
            "description": "OK",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Contact"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/InvalidCredentials"
          },
          "403": {
            "$ref": "#/components/responses/AccessDenied"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          }
        }
      },
      "put": {
        "operationId": "updateContact",
        "summary": "Update a contact",
        "description": "Changes only the fields given.",
        "tags": [
          "Customers"
        ],
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "description": "The contact's id.",
            "schema": {
              "type": "integer",
              "format": "int64",
              "minimum": 1
            }
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/ContactUpdate"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "OK",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Contact"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/InvalidJSON"
          },
          "401": {
            "$ref": "#/components/responses/InvalidCredentials"
          },
          "403": {
            "$ref": "#/components/responses/AccessDenied"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          },
          "415": {
            "$ref": "#/components/responses/UnsupportedMediaType"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          }
        }
      },
      "delete": {
        "operationId": "deleteContact",
        "summary": "Delete a contact",
        "tags": [
          "Customers"
        ],
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "description": "The contact's id.",
            "schema": {
              "type": "integer",
              "format": "int64",
              "minimum": 1
            }
          }
        ],
        "responses": {
          "204": {
            "description": "Done; no body."
          },
          "401": {
            "$ref": "#/components/responses/InvalidCredentials"
          },
          "403": {
            "$ref": "#/components/responses/AccessDenied"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          }
        }
      }
    },
    "/api/v2/settings/ticket_webhook": {
      "get": {
        "operationId": "getTicketWebhook",
        "summary": "Show the ticket webhook (admins)",
        "tags": [
          "Settings"
        ],
        "responses": {
          "200": {
            "description": "OK",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/TicketWebhook"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/InvalidCredentials"
          },
          "403": {
            "$ref": "#/components/responses/AccessDenied"
          }
        }
      },
      "put": {
        "operationId": "updateTicketWebhook",
        "summary": "Set or turn off the ticket webhook (admins)",
        "description": "A signing secret is generated the first time; `{\"url\": null}` turns the webhook off.",
        "tags": [
          "Settings"
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/TicketWebhookUpdate"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "OK",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/TicketWebhook"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/InvalidJSON"
          },
          "401": {
            "$ref": "#/components/responses/InvalidCredentials"
          },
          "403": {
            "$ref": "#/components/responses/AccessDenied"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          },
          "415": {
            "$ref": "#/components/responses/UnsupportedMediaType"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          }
        }
      }
    },
    "/api/v2/settings/widget_security": {
      "get": {
        "operationId": "getWidgetSecurity",
        "summary": "Show the shared secret (admins)",
        "tags": [
          "Settings"
        ],
        "responses": {
          "200": {
            "description": "OK",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/WidgetSecurity"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/InvalidCredentials"
          },
          "403": {
            "$ref": "#/components/responses/AccessDenied"
          }
        }
      }
    },
    "/api/v2/settings/widget_security/reset": {
      "post": {
        "operationId": "resetWidgetSecurity",
        "summary": "Reset the shared secret (admins)",
        "description": "Signs every widget customer of the account out, on every server process; tokens signed with the old secret are refused.",
        "tags": [
          "Settings"
        ],
        "responses": {
          "200": {
            "description": "The new secret; every widget session of the account has ended.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/WidgetSecurity"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/InvalidCredentials"
          },
          "403": {
            "$ref": "#/components/responses/AccessDenied"
          }
        }
      }
    },
    "/api/v2/solutions/articles/{id}": {
      "get": {
        "operationId": "getArticle",
        "summary": "Show a article",
        "tags": [
          "Knowledge base"
        ],
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "description": "The article's id.",
            "schema": {
              "type": "integer",
              "format": "int64",
              "minimum": 1
            }
          }
        ],
        "responses": {
          "200": {
            "description": "OK",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Article"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/InvalidCredentials"
          },
          "403": {
            "$ref": "#/components/responses/AccessDenied"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          }
        }
      },
      "put": {
        "operationId": "updateArticle",
        "summary": "Update a article",
        "description": "Changes only the fields given.",
        "tags": [
          "Knowledge base"
        ],
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "description": "The article's id.",
            "schema": {
              "type": "integer",
              "format": "int64",
              "minimum": 1
            }
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/ArticleUpdate"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "OK",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Article"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/InvalidJSON"
          },
          "401": {
            "$ref": "#/components/responses/InvalidCredentials"
          },
          "403": {
            "$ref": "#/components/responses/AccessDenied"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          },
          "415": {
            "$ref": "#/components/responses/UnsupportedMediaType"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          }
        }
      },
      "delete": {
        "operationId": "deleteArticle",
        "summary": "Delete a article",
        "tags": [
          "Knowledge base"
        ],
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "description": "The article's id.",
            "schema": {
              "type": "integer",
              "format": "int64",
              "minimum": 1
            }
          }
        ],
        "responses": {
          "204": {
            "description": "Done; no body."
          },
          "401": {
            "$ref": "#/components/responses/InvalidCredentials"
          },
          "403": {
            "$ref": "#/components/responses/AccessDenied"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          }
        }
      }
    },
    "/api/v2/solutions/articles/{id}/votes": {
      "get": {
        "operationId": "listArticleVotes",
        "summary": "List an article's votes",
        "description": "Helpful / not-helpful votes from the widget, newest first, with the voter when signed in.",
        "tags": [
          "Knowledge base"
        ],
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "description": "The article's id.",
            "schema": {
              "type": "integer",
              "format": "int64",
              "minimum": 1
            }
          },
          {
            "$ref": "#/components/parameters/Page"
          },
          {
            "$ref": "#/components/parameters/PerPage"
          }
        ],
        "responses": {
          "200": {
            "description": "A page of the list.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "array",
                  "items": {
                    "$ref": "#/components/schemas/Vote"
                  }
                }
              }
            },
            "headers": {
              "Link": {
                "description": "`<…?page=N&per_page=M>; rel=\"next\"` when another page follows.",
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/InvalidCredentials"
          },
          "403": {
            "$ref": "#/components/responses/AccessDenied"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          }
        }
      }
    },
    "/api/v2/solutions/articles/{id}/{language}": {
      "post": {
        "operationId": "createTranslation",
        "summary": "Add a translation",
        "description": "An unsupported `{language}` is `422 validation_failed`.",
        "tags": [
          "Knowledge base"
        ],
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "description": "The article's id.",
            "schema": {
              "type": "integer",
              "format": "int64",
              "minimum": 1
            }
          },
          {
            "name": "language",
            "in": "path",
            "required": true,
            "description": "The translation's language.",
            "schema": {
              "type": "string",
              "pattern": "^[A-Za-z]{2,3}([-_]([A-Za-z]{2}|[0-9]{3}))?$",
              "description": "A language of the account: `fr`, `pt-BR`."
            }
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/TranslationCreate"
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "The article in the new language.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Article"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/InvalidJSON"
          },
          "401": {
            "$ref": "#/components/responses/InvalidCredentials"
          },
          "403": {
            "$ref": "#/components/responses/AccessDenied"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "description": "`translation_exists`: update it with PUT.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          },
          "415": {
            "$ref": "#/components/responses/UnsupportedMediaType"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          }
        }
      },
      "put": {
        "operationId": "updateTranslation",
        "summary": "Update a translation",
        "description": "`404 translation_not_found` when the article has no such translation.",
        "tags": [
          "Knowledge base"
        ],
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "description": "The article's id.",
            "schema": {
              "type": "integer",
              "format": "int64",
              "minimum": 1
            }
          },
          {
            "name": "language",
            "in": "path",
            "required": true,
            "description": "The translation's language.",
            "schema": {
              "type": "string",
              "pattern": "^[A-Za-z]{2,3}([-_]([A-Za-z]{2}|[0-9]{3}))?$",
              "description": "A language of the account: `fr`, `pt-BR`."
            }
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/TranslationUpdate"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "OK",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Article"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/InvalidJSON"
          },
          "401": {
            "$ref": "#/components/responses/InvalidCredentials"
          },
          "403": {
            "$ref": "#/components/responses/AccessDenied"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          },
          "415": {
            "$ref": "#/components/responses/UnsupportedMediaType"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          }
        }
      },
      "get": {
        "operationId": "getTranslation",
        "summary": "Show a translation",
        "tags": [
          "Knowledge base"
        ],
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "description": "The article's id.",
            "schema": {
              "type": "integer",
              "format": "int64",
              "minimum": 1
            }
          },
          {
            "name": "language",
            "in": "path",
            "required": true,
            "description": "The translation's language.",
            "schema": {
              "type": "string",
              "pattern": "^[A-Za-z]{2,3}([-_]([A-Za-z]{2}|[0-9]{3}))?$",
              "description": "A language of the account: `fr`, `pt-BR`."
            }
          }
        ],
        "responses": {
          "200": {
            "description": "OK",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Article"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/InvalidCredentials"
          },
          "403": {
            "$ref": "#/components/responses/AccessDenied"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          }
        }
      }
    },
    "/api/v2/solutions/categories": {
      "post": {
        "operationId": "createCategory",
        "summary": "Create a category",
        "tags": [
          "Knowledge base"
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/CategoryCreate"
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "Created.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Category"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/InvalidJSON"
          },
          "401": {
            "$ref": "#/components/responses/InvalidCredentials"
          },
          "403": {
            "$ref": "#/components/responses/AccessDenied"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          },
          "415": {
            "$ref": "#/components/responses/UnsupportedMediaType"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          }
        }
      },
      "get": {
        "operationId": "listCategorys",
        "summary": "List categorys",
        "tags": [
          "Knowledge base"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/Page"
          },
          {
            "$ref": "#/components/parameters/PerPage"
          }
        ],
        "responses": {
          "200": {
            "description": "A page of the list.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "array",
                  "items": {
                    "$ref": "#/components/schemas/Category"
                  }
                }
              }
            },
            "headers": {
              "Link": {
                "description": "`<…?page=N&per_page=M>; rel=\"next\"` when another page follows.",
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/InvalidCredentials"
          },
          "403": {
            "$ref": "#/components/responses/AccessDenied"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          }
        }
      }
    },
    "/api/v2/solutions/categories/{id}": {
      "get": {
        "operationId": "getCategory",
        "summary": "Show a category",
        "tags": [
          "Knowledge base"
        ],
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "description": "The category's id.",
            "schema": {
              "type": "integer",
              "format": "int64",
              "minimum": 1
            }
          }
        ],
        "responses": {
          "200": {
            "description": "OK",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Category"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/InvalidCredentials"
          },
          "403": {
            "$ref": "#/components/responses/AccessDenied"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          }
        }
      },
      "put": {
        "operationId": "updateCategory",
        "summary": "Update a category",
        "description": "Changes only the fields given.",
        "tags": [
          "Knowledge base"
        ],
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "description": "The category's id.",
            "schema": {
              "type": "integer",
              "format": "int64",
              "minimum": 1
            }
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/CategoryUpdate"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "OK",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Category"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/InvalidJSON"
          },
          "401": {
            "$ref": "#/components/responses/InvalidCredentials"
          },
          "403": {
            "$ref": "#/components/responses/AccessDenied"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          },
          "415": {
            "$ref": "#/components/responses/UnsupportedMediaType"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          }
        }
      },
      "delete": {
        "operationId": "deleteCategory",
        "summary": "Delete a category",
        "tags": [
          "Knowledge base"
        ],
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "description": "The category's id.",
            "schema": {
              "type": "integer",
              "format": "int64",
              "minimum": 1
            }
          }
        ],
        "responses": {
          "204": {
            "description": "Done; no body."
          },
          "401": {
            "$ref": "#/components/responses/InvalidCredentials"
          },
          "403": {
            "$ref": "#/components/responses/AccessDenied"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          }
        }
      }
    },
    "/api/v2/solutions/categories/{id}/folders": {
      "post": {
        "operationId": "createFolder",
        "summary": "Create a folder",
        "tags": [
          "Knowledge base"
        ],
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "description": "The category's id.",
            "schema": {
              "type": "integer",
              "format": "int64",
              "minimum": 1
            }
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/FolderCreate"
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "Created.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Folder"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/InvalidJSON"
          },
          "401": {
            "$ref": "#/components/responses/InvalidCredentials"
          },
          "403": {
            "$ref": "#/components/responses/AccessDenied"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          },
          "415": {
            "$ref": "#/components/responses/UnsupportedMediaType"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          }
        }
      },
      "get": {
        "operationId": "listFolders",
        "summary": "List folders",
        "tags": [
          "Knowledge base"
        ],
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "description": "The category's id.",
            "schema": {
              "type": "integer",
              "format": "int64",
              "minimum": 1
            }
          },
          {
            "$ref": "#/components/parameters/Page"
          },
          {
            "$ref": "#/components/parameters/PerPage"
          }
        ],
        "responses": {
          "200": {
            "description": "A page of the list.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "array",
                  "items": {
                    "$ref": "#/components/schemas/Folder"
                  }
                }
              }
            },
            "headers": {
              "Link": {
                "description": "`<…?page=N&per_page=M>; rel=\"next\"` when another page follows.",
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/InvalidCredentials"
          },
          "403": {
            "$ref": "#/components/responses/AccessDenied"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          }
        }
      }
    },
    "/api/v2/solutions/folders/{id}": {
      "get": {
        "operationId": "getFolder",
        "summary": "Show a folder",
        "tags": [
          "Knowledge base"
        ],
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "description": "The folder's id.",
            "schema": {
              "type": "integer",
              "format": "int64",
              "minimum": 1
            }
          }
        ],
        "responses": {
          "200": {
            "description": "OK",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Folder"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/InvalidCredentials"
          },
          "403": {
            "$ref": "#/components/responses/AccessDenied"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          }
        }
      },
      "put": {
        "operationId": "updateFolder",
        "summary": "Update a folder",
        "description": "Changes only the fields given.",
        "tags": [
          "Knowledge base"
        ],
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "description": "The folder's id.",
            "schema": {
              "type": "integer",
              "format": "int64",
              "minimum": 1
            }
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/FolderUpdate"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "OK",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Folder"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/InvalidJSON"
          },
          "401": {
            "$ref": "#/components/responses/InvalidCredentials"
          },
          "403": {
            "$ref": "#/components/responses/AccessDenied"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          },
          "415": {
            "$ref": "#/components/responses/UnsupportedMediaType"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          }
        }
      },
      "delete": {
        "operationId": "deleteFolder",
        "summary": "Delete a folder",
        "tags": [
          "Knowledge base"
        ],
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "description": "The folder's id.",
            "schema": {
              "type": "integer",
              "format": "int64",
              "minimum": 1
            }
          }
        ],
        "responses": {
          "204": {
            "description": "Done; no body."
          },
          "401": {
            "$ref": "#/components/responses/InvalidCredentials"
          },
          "403": {
            "$ref": "#/components/responses/AccessDenied"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          }
        }
      }
    },
    "/api/v2/solutions/folders/{id}/articles": {
      "post": {
        "operationId": "createArticle",
        "summary": "Create a article",
        "tags": [
          "Knowledge base"
        ],
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "description": "The folder's id.",
            "schema": {
              "type": "integer",
              "format": "int64",
              "minimum": 1
            }
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/ArticleCreate"
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "Created.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Article"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/InvalidJSON"
          },
          "401": {
            "$ref": "#/components/responses/InvalidCredentials"
          },
          "403": {
            "$ref": "#/components/responses/AccessDenied"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          },
          "415": {
            "$ref": "#/components/responses/UnsupportedMediaType"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          }
        }
      },
      "get": {
        "operationId": "listArticles",
        "summary": "List articles",
        "tags": [
          "Knowledge base"
        ],
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "description": "The folder's id.",
            "schema": {
              "type": "integer",
              "format": "int64",
              "minimum": 1
            }
          },
          {
            "$ref": "#/components/parameters/Page"
          },
          {
            "$ref": "#/components/parameters/PerPage"
          }
        ],
        "responses": {
          "200": {
            "description": "A page of the list.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "array",
                  "items": {
                    "$ref": "#/components/schemas/Article"
                  }
                }
              }
            },
            "headers": {
              "Link": {
                "description": "`<…?page=N&per_page=M>; rel=\"next\"` when another page follows.",
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/InvalidCredentials"
          },
          "403": {
            "$ref": "#/components/responses/AccessDenied"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          }
        }
      }
    },
    "/api/v2/solutions/search": {
      "get": {
        "operationId": "searchSolutions",
        "summary": "Search the knowledge base",
        "description": "Published articles only. Bot keys search all-users and bots folders; agents search everything.",
        "tags": [
          "Knowledge base"
        ],
        "parameters": [
          {
            "name": "term",
            "in": "query",
            "required": true,
            "description": "The words to look for (not blank).",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "language",
            "in": "query",
            "description": "A language of the account; its default when left out.",
            "schema": {
              "type": "string"
            }
          },
          {
            "$ref": "#/components/parameters/Page"
          },
          {
            "$ref": "#/components/parameters/PerPage"
          }
        ],
        "responses": {
          "200": {
            "description": "A page of the list.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "array",
                  "items": {
                    "$ref": "#/components/schemas/SearchHit"
                  }
                }
              }
            },
            "headers": {
              "Link": {
                "description": "`<…?page=N&per_page=M>; rel=\"next\"` when another page follows.",
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/InvalidCredentials"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          }
        }
      }
    },
    "/api/v2/tickets": {
      "get": {
        "operationId": "listTickets",
        "summary": "List tickets",
        "description": "Newest first.",
        "tags": [
          "Tickets"
        ],
        "parameters": [
          {
            "name": "email",
            "in": "query",
            "description": "The requester's e-mail address.",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "verified",
            "in": "query",
            "description": "Only verified (signed-in) or only anonymous requesters.",
            "schema": {
              "type": "boolean"
            }
          },
          {
            "name": "widget_id",
            "in": "query",
            "description": "Only tickets sent through this widget.",
            "schema": {
              "type": "integer",
              "format": "int64",
              "minimum": 1
            }
          },
          {
            "name": "created_since",
            "in": "query",
            "description": "An ISO 8601 time (or a date).",
            "schema": {
              "type": "string",
              "format": "date-time"
            }
          },
          {
            "name": "updated_since",
            "in": "query",
            "description": "Accepted for `created_since` (tickets do not change once sent).",
            "schema": {
              "type": "string",
              "format": "date-time"
            }
          },
          {
            "$ref": "#/components/parameters/Page"
          },
          {
            "$ref": "#/components/parameters/PerPage"
          }
        ],
        "responses": {
          "200": {
            "description": "A page of the list.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "array",
                  "items": {
                    "$ref": "#/components/schemas/Ticket"
                  }
                }
              }
            },
            "headers": {
              "Link": {
                "description": "`<…?page=N&per_page=M>; rel=\"next\"` when another page follows.",
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/InvalidCredentials"
          },
          "403": {
            "$ref": "#/components/responses/AccessDenied"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          }
        }
      }
    },
    "/api/v2/tickets/{id}": {
      "get": {
        "operationId": "getTicket",
        "summary": "Show a ticket",
        "tags": [
          "Tickets"
        ],
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "description": "The ticket's id.",
            "schema": {
              "type": "integer",
              "format": "int64",
              "minimum": 1
            }
          }
        ],
        "responses": {
          "200": {
            "description": "OK",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Ticket"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/InvalidCredentials"
          },
          "403": {
            "$ref": "#/components/responses/AccessDenied"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          }
        }
      }
    },
    "/api/v2/tickets/{id}/attachments/{position}": {
      "get": {
        "operationId": "getTicketAttachment",
        "summary": "Download an attachment",
        "tags": [
          "Tickets"
        ],
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "description": "The ticket's id.",
            "schema": {
              "type": "integer",
              "format": "int64",
              "minimum": 1
            }
          },
          {
            "name": "position",
            "in": "path",
            "required": true,
            "description": "The attachment's number, from 0.",
            "schema": {
              "type": "integer",
              "minimum": 0
            }
          }
        ],
        "responses": {
          "200": {
            "description": "The file, as a download (`Content-Disposition: attachment`), with its stored type.",
            "content": {
              "*/*": {
                "schema": {
                  "type": "string",
                  "format": "binary"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/InvalidCredentials"
          },
          "403": {
            "$ref": "#/components/responses/AccessDenied"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          }
        }
      }
    },
    "/api/v2/widgets": {
      "post": {
        "operationId": "createWidget",
        "summary": "Create a widget",
        "tags": [
          "Widgets"
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/WidgetCreate"
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "Created.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Widget"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/InvalidJSON"
          },
          "401": {
            "$ref": "#/components/responses/InvalidCredentials"
          },
          "403": {
            "$ref": "#/components/responses/AccessDenied"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          },
          "415": {
            "$ref": "#/components/responses/UnsupportedMediaType"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          }
        }
      },
      "get": {
        "operationId": "listWidgets",
        "summary": "List widgets",
        "tags": [
          "Widgets"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/Page"
          },
          {
            "$ref": "#/components/parameters/PerPage"
          }
        ],
        "responses": {
          "200": {
            "description": "A page of the list.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "array",
                  "items": {
                    "$ref": "#/components/schemas/Widget"
                  }
                }
              }
            },
            "headers": {
              "Link": {
                "description": "`<…?page=N&per_page=M>; rel=\"next\"` when another page follows.",
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/InvalidCredentials"
          },
          "403": {
            "$ref": "#/components/responses/AccessDenied"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          }
        }
      }
    },
    "/api/v2/widgets/{id}": {
      "get": {
        "operationId": "getWidget",
        "summary": "Show a widget",
        "tags": [
          "Widgets"
        ],
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "description": "The widget's id.",
            "schema": {
              "type": "integer",
              "format": "int64",
              "minimum": 1
            }
          }
        ],
        "responses": {
          "200": {
            "description": "OK",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Widget"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/InvalidCredentials"
          },
          "403": {
            "$ref": "#/components/responses/AccessDenied"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          }
        }
      },
      "put": {
        "operationId": "updateWidget",
        "summary": "Update a widget",
        "description": "Changes only the fields given.",
        "tags": [
          "Widgets"
        ],
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "description": "The widget's id.",
            "schema": {
              "type": "integer",
              "format": "int64",
              "minimum": 1
            }
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/WidgetUpdate"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "OK",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Widget"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/InvalidJSON"
          },
          "401": {
            "$ref": "#/components/responses/InvalidCredentials"
          },
          "403": {
            "$ref": "#/components/responses/AccessDenied"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          },
          "415": {
            "$ref": "#/components/responses/UnsupportedMediaType"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          }
        }
      }
    },
    "/healthz": {
      "get": {
        "operationId": "getHealth",
        "summary": "Health check",
        "tags": [
          "Operations"
        ],
        "security": [],
        "responses": {
          "200": {
            "description": "The database answered a real round trip.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Health"
                }
              }
            }
          },
          "503": {
            "description": "The database cannot be reached (`status`: `unavailable`).",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Health"
                }
              }
            }
          }
        }
      }
    },
    "/openapi.json": {
      "get": {
        "operationId": "getOpenAPIDocument",
        "summary": "This OpenAPI document",
        "tags": [
          "Operations"
        ],
        "security": [],
        "responses": {
          "200": {
            "description": "The OpenAPI 3.1 document.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object"
                }
              }
            }
          }
        }
      }
    },
    "/widget/v1/session": {
      "get": {
        "operationId": "getSession",
        "summary": "The current widget session",
        "tags": [
          "Widget"
        ],
        "security": [
          {
            "widgetSession": []
          }
        ],
        "responses": {
          "200": {
            "description": "OK",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Session"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/SessionRefused"
          }
        }
      },
      "delete": {
        "operationId": "signOut",
        "summary": "Sign out",
        "description": "The session is dead from then on, on every server process.",
        "tags": [
          "Widget"
        ],
        "security": [
          {
            "widgetSession": []
          }
        ],
        "responses": {
          "204": {
            "description": "Done; no body."
          },
          "401": {
            "$ref": "#/components/responses/SessionRefused"
          }
        }
      }
    },
    "/widget/v1/widgets/{widget_id}": {
      "get": {
        "operationId": "getWidgetConfig",
        "summary": "The widget's settings",
        "tags": [
          "Widget"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/WidgetID"
          }
        ],
        "security": [],
        "responses": {
          "200": {
            "description": "OK",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/WidgetConfig"
                }
              }
            }
          },
          "404": {
            "description": "`widget_not_found`.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          }
        }
      }
    },
    "/widget/v1/widgets/{widget_id}/articles": {
      "get": {
        "operationId": "listWidgetArticles",
        "summary": "Search or list articles",
        "tags": [
          "Widget"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/WidgetID"
          },
          {
            "name": "query",
            "in": "query",
            "description": "The search; without it, the most helpful articles first.",
            "schema": {
              "type": "string"
            }
          },
          {
            "$ref": "#/components/parameters/Locale"
          },
          {
            "name": "page",
            "in": "query",
            "schema": {
              "type": "integer",
              "minimum": 1,
              "maximum": 10000,
              "default": 1
            }
          },
          {
            "name": "per_page",
            "in": "query",
            "schema": {
              "type": "integer",
              "minimum": 1,
              "maximum": 50,
              "default": 10
            }
          },
          {
            "name": "folder_id",
            "in": "query",
            "description": "Only this folder (lists only).",
            "schema": {
              "type": "integer",
              "format": "int64",
              "minimum": 1
            }
          },
          {
            "name": "category_id",
            "in": "query",
            "description": "Only this category (lists only).",
            "schema": {
              "type": "integer",
              "format": "int64",
              "minimum": 1
            }
          }
        ],
        "security": [
          {},
          {
            "widgetSession": []
          }
        ],
        "responses": {
          "200": {
            "description": "OK",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/WidgetArticleList"
                }
              }
            },
            "headers": {
              "Server-Timing": {
                "description": "`db;dur=…` for searches.",
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/SessionRefused"
          },
          "404": {
            "description": "`widget_not_found`.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          }
        }
      }
    },
    "/widget/v1/widgets/{widget_id}/articles/{article_id}": {
      "get": {
        "operationId": "getWidgetArticle",
        "summary": "Read an article",
        "tags": [
          "Widget"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/WidgetID"
          },
          {
            "name": "article_id",
            "in": "path",
            "required": true,
            "description": "The article's id.",
            "schema": {
              "type": "integer",
              "format": "int64",
              "minimum": 1
            }
          },
          {
            "$ref": "#/components/parameters/Locale"
          }
        ],
        "security": [
          {},
          {
            "widgetSession": []
          }
        ],
        "responses": {
          "200": {
            "description": "OK",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/WidgetArticle"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/SessionRefused"
          },
          "404": {
            "description": "`widget_not_found`, or `article_not_found` (also for an article the caller may not see).",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          }
        }
      }
    },
    "/widget/v1/widgets/{widget_id}/articles/{article_id}/feedback": {
      "post": {
        "operationId": "postArticleFeedback",
        "summary": "Vote an article helpful or not",
        "description": "A signed-in contact has one vote per article (voting again replaces it); anonymous votes each count.",
        "tags": [
          "Widget"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/WidgetID"
          },
          {
            "name": "article_id",
            "in": "path",
            "required": true,
            "description": "The article's id.",
            "schema": {
              "type": "integer",
              "format": "int64",
              "minimum": 1
            }
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/Feedback"
              }
            }
          }
        },
        "security": [
          {},
          {
            "widgetSession": []
          }
        ],
        "responses": {
          "204": {
            "description": "Done; no body."
          },
          "400": {
            "$ref": "#/components/responses/InvalidJSON"
          },
          "401": {
            "$ref": "#/components/responses/SessionRefused"
          },
          "404": {
            "description": "`widget_not_found` or `article_not_found`.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          },
          "415": {
            "$ref": "#/components/responses/UnsupportedMediaType"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          }
        }
      }
    },
    "/widget/v1/widgets/{widget_id}/categories": {
      "get": {
        "operationId": "getWidgetCategories",
        "summary": "The categories and folders the caller may see",
        "tags": [
          "Widget"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/WidgetID"
          },
          {
            "$ref": "#/components/parameters/Locale"
          }
        ],
        "security": [
          {},
          {
            "widgetSession": []
          }
        ],
        "responses": {
          "200": {
            "description": "OK",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/WidgetCategories"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/SessionRefused"
          },
          "404": {
            "description": "`widget_not_found`.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          }
        }
      }
    },
    "/widget/v1/widgets/{widget_id}/session": {
      "post": {
        "operationId": "signIn",
        "summary": "Sign a customer in",
        "description": "Exchanges the customer's JWT for a widget session. The contact is found by e-mail or created.",
        "tags": [
          "Widget"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/WidgetID"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/SignIn"
              }
            }
          }
        },
        "security": [],
        "responses": {
          "200": {
            "description": "The widget session.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/SignedIn"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/InvalidJSON"
          },
          "401": {
            "description": "The token is refused: `malformed_token`, `unsupported_algorithm`, `invalid_signature`, `token_expired`, `expiry_too_far`, `token_not_yet_valid`, `missing_claim` or `invalid_claim`.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "404": {
            "description": "`widget_not_found`.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          },
          "415": {
            "$ref": "#/components/responses/UnsupportedMediaType"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          }
        }
      }
    },
    "/widget/v1/widgets/{widget_id}/tickets": {
      "post": {
        "operationId": "createTicket",
        "summary": "Send a ticket through the contact form",
        "description": "Signed in, the requester is the verified contact and `name`/`email` may be left out; anonymous, both are required.",
        "tags": [
          "Widget"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/WidgetID"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/TicketForm"
              }
            },
            "multipart/form-data": {
              "schema": {
                "$ref": "#/components/schemas/TicketFormMultipart"
              }
            },
            "application/x-www-form-urlencoded": {
              "schema": {
                "$ref": "#/components/schemas/TicketForm"
              }
            }
          }
        },
        "security": [
          {},
          {
            "widgetSession": []
          }
        ],
        "responses": {
          "201": {
            "description": "Committed, attachments included.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/TicketCreated"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/InvalidJSON"
          },
          "401": {
            "description": "`login_required` (the form is for signed-in customers), `session_invalid` or `session_expired`.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "403": {
            "description": "`contact_form_disabled`.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "404": {
            "description": "`widget_not_found`.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "409": {
            "description": "`contact_email_invalid`: the signed-in contact's address is not valid.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            }
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          },
          "415": {
            "$ref": "#/components/responses/UnsupportedMediaType"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          },
          "429": {
            "description": "`rate_limited`: too many tickets from this address or requester.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "headers": {
              "Retry-After": {
                "description": "Seconds to wait.",
                "schema": {
                  "type": "integer"
                }
              }
            }
          }
        }
      }
    }
  },
  "components": {
    "securitySchemes": {
      "apiKeyBasic": {
        "type": "http",
        "scheme": "basic",
        "description": "Freshdesk's convention: the API key as the user name and `X` as the password (`api_key:X`)."
      },
      "apiKeyBearer": {
        "type": "http",
        "scheme": "bearer",
        "description": "The API key as a bearer token."
      },
      "widgetSession": {
        "type": "http",
        "scheme": "bearer",
        "bearerFormat": "lws1",
        "description": "The `session_token` from `POST /widget/v1/widgets/{widget_id}/session`."
      }
    },
    "schemas": {
      "Error": {
        "type": "object",
        "properties": {
          "error": {
            "type": "object",
            "properties": {
              "code": {
                "type": "string",
                "description": "A stable snake_case code, e.g. `validation_failed`, `article_not_found`."
              },
              "message": {
                "type": "string",
                "description": "What went wrong and what to do, for people."
              },
              "fields": {
                "type": "object",
                "additionalProperties": {
                  "type": "string"
                },
                "description": "Only with `validation_failed`: what is wrong with each field or parameter."
              }
            },
            "required": [
              "code",
              "message"
            ],
            "additionalProperties": false
          }
        },
        "required": [
          "error"
        ],
        "additionalProperties": false,
        "description": "Every error Lantern answers, whatever the status."
      },
      "Health": {
        "type": "object",
        "properties": {
          "status": {
            "type": "string",
            "enum": [
              "ok",
              "unavailable"
            ]
          },
          "database": {
            "type": "string",
            "enum": [
              "sqlite",
              "postgres"
            ]
          }
        },
        "required": [
          "status",
          "database"
        ],
        "additionalProperties": false
      },
      "WidgetSecurity": {
        "type": "object",
        "properties": {
          "shared_secret": {
            "type": "string",
            "description": "The HMAC key customer JWTs are signed with."
          },
          "reset_at": {
            "type": "string",
            "format": "date-time"
          }
        },
        "required": [
          "shared_secret",
          "reset_at"
        ],
        "additionalProperties": false
      },
      "Category": {
        "type": "object",
        "properties": {
          "id": {
            "type": "integer",
            "format": "int64",
            "minimum": 1
          },
          "name": {
            "type": "string"
          },
          "description": {
            "type": "string"
          },
          "created_at": {
            "type": "string",
            "format": "date-time"
          },
          "updated_at": {
            "type": "string",
            "format": "date-time"
          }
        },
        "required": [
          "id",
          "name",
          "description"
        ],
        "additionalProperties": false
      },
      "CategoryCreate": {
        "type": "object",
        "properties": {
          "name": {
            "type": "string",
            "minLength": 1,
            "maxLength": 255,
            "description": "Trimmed; not blank; at most 255 characters."
          },
          "description": {
            "type": "string",
            "maxLength": 2000,
            "description": "Plain text, trimmed; at most 2,000 characters."
          }
        },
        "required": [
          "name"
        ]
      },
      "CategoryUpdate": {
        "type": "object",
        "properties": {
          "name": {
            "type": "string",
            "minLength": 1,
            "maxLength": 255,
            "description": "Trimmed; not blank; at most 255 characters."
          },
          "description": {
            "type": "string",
            "maxLength": 2000,
            "description": "Plain text, trimmed; at most 2,000 characters."
          }
        }
      },
      "Folder": {
        "type": "object",
        "properties": {
          "id": {
            "type": "integer",
            "format": "int64",
            "minimum": 1
          },
          "category_id": {
            "type": "integer",
            "format": "int64",
            "minimum": 1
          },
          "name": {
            "type": "string"
          },
          "description": {
            "type": "string"
          },
          "visibility": {
            "type": "integer",
            "enum": [
              1,
              2,
              3,
              4,
              5
            ],
            "description": "1 all users · 2 logged-in users · 3 agents · 4 selected companies · 5 bots."
          },
          "company_ids": {
            "type": "array",
            "items": {
              "type": "integer",
              "format": "int64",
              "minimum": 1
            }
          },
          "created_at": {
            "type": "string",
            "format": "date-time"
          },
          "updated_at": {
            "type": "string",
            "format": "date-time"
          }
        },
        "required": [
          "id",
          "category_id",
          "name",
          "description",
          "visibility",
          "company_ids"
        ],
        "additionalProperties": false
      },
      "FolderCreate": {
        "type": "object",
        "properties": {
          "name": {
            "type": "string",
            "minLength": 1,
            "maxLength": 255,
            "description": "Trimmed; not blank; at most 255 characters."
          },
          "description": {
            "type": "string",
            "maxLength": 2000,
            "description": "Plain text, trimmed; at most 2,000 characters."
          },
          "visibility": {
            "type": "integer",
            "enum": [
              1,
              2,
              3,
              4,
              5
            ],
            "description": "1 all users · 2 logged-in users · 3 agents · 4 selected companies · 5 bots."
          },
          "company_ids": {
            "type": "array",
            "items": {
              "type": "integer"
            },
            "description": "Required (non-empty) with visibility 4; must be empty otherwise."
          },
          "category_id": {
            "type": "integer",
            "description": "Moves the folder to another category of the account (update only)."
          }
        },
        "required": [
          "name"
        ]
      },
      "FolderUpdate": {
        "type": "object",
        "properties": {
          "name": {
            "type": "string",
            "minLength": 1,
            "maxLength": 255,
            "description": "Trimmed; not blank; at most 255 characters."
          },
          "description": {
            "type": "string",
            "maxLength": 2000,
            "description": "Plain text, trimmed; at most 2,000 characters."
          },
          "visibility": {
            "type": "integer",
            "enum": [
              1,
              2,
              3,
              4,
              5
            ],
            "description": "1 all users · 2 logged-in users · 3 agents · 4 selected companies · 5 bots."
          },
          "company_ids": {
            "type": "array",
            "items": {
              "type": "integer"
            },
            "description": "Required (non-empty) with visibility 4; must be empty otherwise."
          },
          "category_id": {
            "type": "integer",
            "description": "Moves the folder to another category of the account (update only)."
          }
        }
      },
      "Article": {
        "type": "object",
        "properties": {
          "id": {
            "type": "integer",
            "format": "int64",
            "minimum": 1
          },
          "category_id": {
            "type": "integer",
            "format": "int64",
            "minimum": 1
          },
          "folder_id": {
            "type": "integer",
            "format": "int64",
            "minimum": 1
          },
          "title": {
            "type": "string"
          },
          "description": {
            "type": "string",
            "description": "Sanitised HTML."
          },
          "description_text": {
            "type": "string",
            "description": "The description as plain text."
          },
          "status": {
            "type": "integer",
            "enum": [
              1,
              2
            ],
            "description": "1 draft · 2 published."
          },
          "tags": {
            "type": "array",
            "items": {
              "type": "string"
            }
          },
          "language": {
            "type": "string",
            "description": "A language of the account, such as `en`, `fr` or `pt-BR`."
          },
          "primary_language": {
            "type": "string",
            "description": "A language of the account, such as `en`, `fr` or `pt-BR`."
          },
          "languages": {
            "type": "array",
            "items": {
              "type": "string"
            },
            "description": "Every language the article exists in, the primary one included."
          },
          "thumbs_up": {
            "type": "integer",
            "minimum": 0
          },
          "thumbs_down": {
            "type": "integer",
            "minimum": 0
          },
          "created_at": {
            "type": "string",
            "format": "date-time"
          },
          "updated_at": {
            "type": "string",
            "format": "date-time"
          }
        },
        "required": [
          "id",
          "category_id",
          "folder_id",
          "title",
          "description",
          "description_text",
          "status",
          "tags",
          "language",
          "primary_language",
          "languages",
          "thumbs_up",
          "thumbs_down",
          "updated_at"
        ],
        "additionalProperties": false
      },
      "ArticleCreate": {
        "type": "object",
        "properties": {
          "title": {
            "type": "string",
            "minLength": 1,
            "maxLength": 255,
            "description": "Trimmed; not blank; at most 255 characters."
          },
          "description": {
            "type": "string",
            "description": "HTML (at most 512 KiB), sanitised with an allow-list; must keep some text or an image."
          },
          "status": {
            "type": "integer",
            "enum": [
              1,
              2
            ],
            "description": "1 draft · 2 published."
          },
          "tags": {
            "type": "array",
            "items": {
              "type": "string",
              "minLength": 1,
              "maxLength": 64
            },
            "maxItems": 30
          },
          "language": {
            "type": "string",
            "description": "The article's primary language; the account's default when left out."
          },
          "folder_id": {
            "type": "integer",
            "description": "If given, must be the folder in the URL."
          }
        },
        "required": [
          "title",
          "description"
        ]
      },
      "ArticleUpdate": {
        "type": "object",
        "properties": {
          "title": {
            "type": "string",
            "minLength": 1,
            "maxLength": 255,
            "description": "Trimmed; not blank; at most 255 characters."
          },
          "description": {
            "type": "string",
            "description": "HTML (at most 512 KiB), sanitised with an allow-list; must keep some text or an image."
          },
          "status": {
            "type": "integer",
            "enum": [
              1,
              2
            ],
            "description": "1 draft · 2 published."
          },
          "tags": {
            "type": "array",
            "items": {
              "type": "string",
              "minLength": 1,
              "maxLength": 64
            },
            "maxItems": 30
          },
          "folder_id": {
            "type": "integer",
            "description": "Moves the article to another folder of the account."
          },
          "language": {
            "type": "string",
            "description": "Cannot change: any value is refused with 422."
          }
        }
      },
      "TranslationCreate": {
        "type": "object",
        "properties": {
          "title": {
            "type": "string",
            "minLength": 1,
            "maxLength": 255,
            "description": "Trimmed; not blank; at most 255 characters."
          },
          "description": {
            "type": "string",
            "description": "HTML (at most 512 KiB), sanitised with an allow-list; must keep some text or an image."
          },
          "status": {
            "type": "integer",
            "enum": [
              1,
              2
            ],
            "description": "1 draft · 2 published."
          },
          "tags": {
            "type": "array",
            "items": {
              "type": "string",
              "minLength": 1,
              "maxLength": 64
            },
            "maxItems": 30
          }
        },
        "required": [
          "title",
          "description"
        ]
      },
      "TranslationUpdate": {
        "type": "object",
        "properties": {
          "title": {
            "type": "string",
            "minLength": 1,
            "maxLength": 255,
            "description": "Trimmed; not blank; at most 255 characters."
          },
          "description": {
            "type": "string",
            "description": "HTML (at most 512 KiB), sanitised with an allow-list; must keep some text or an image."
          },
          "status": {
            "type": "integer",
            "enum": [
              1,
              2
            ],
            "description": "1 draft · 2 published."
          },
          "tags": {
            "type": "array",
            "items": {
              "type": "string",
              "minLength": 1,
              "maxLength": 64
            },
            "maxItems": 30
          },
          "folder_id": {
            "type": "integer",
            "description": "Refused with 422: move the whole article with PUT /api/v2/solutions/articles/{id}."
          }
        }
      },
      "Vote": {
        "type": "object",
        "properties": {
          "helpful": {
            "type": "boolean"
          },
          "contact": {
            "oneOf": [
              {
                "type": "null"
              },
              {
                "type": "object",
                "properties": {
                  "id": {
                    "type": "integer",
                    "format": "int64",
                    "minimum": 1
                  },
                  "name": {
                    "type": "string"
                  },
                  "email": {
                    "type": "string"
                  }
                },
                "required": [
                  "id",
                  "name",
                  "email"
                ],
                "additionalProperties": false
              }
            ],
            "description": "`null` for an anonymous vote."
          },
          "created_at": {
            "type": "string",
            "format": "date-time"
          }
        },
        "required": [
          "helpful",
          "contact",
          "created_at"
        ],
        "additionalProperties": false
      },
      "SearchHit": {
        "type": "object",
        "properties": {
          "id": {
            "type": "integer",
            "format": "int64",
            "minimum": 1
          },
          "title": {
            "type": "string"
          },
          "snippet": {
            "type": "string",
            "description": "Plain text with `<mark>` around the matches."
          },
          "category_id": {
            "type": "integer",
            "format": "int64",
            "minimum": 1
          },
          "folder_id": {
            "type": "integer",
            "format": "int64",
            "minimum": 1
          },
          "language": {
            "type": "string"
          }
        },
        "required": [
          "id",
          "title",
          "snippet",
          "category_id",
          "folder_id",
          "language"
        ],
        "additionalProperties": false
      },
      "Company": {
        "type": "object",
        "properties": {
          "id": {
            "type": "integer",
            "format": "int64",
            "minimum": 1
          },
          "name": {
            "type": "string"
          },
          "domains": {
            "type": "array",
            "items": {
              "type": "string"
            }
          },
          "created_at": {
            "type": "string",
            "format": "date-time"
          },
          "updated_at": {
            "type": "string",
            "format": "date-time"
          }
        },
        "required": [
          "id",
          "name",
          "domains"
        ],
        "additionalProperties": false
      },
      "CompanyCreate": {
        "type": "object",
        "properties": {
          "name": {
            "type": "string",
            "minLength": 1,
            "maxLength": 255,
            "description": "Trimmed; not blank; at most 255 characters."
          },
          "domains": {
            "type": "array",
            "items": {
              "type": "string"
            },
            "maxItems": 50,
            "description": "Host names such as `example.com` (lower-cased, de-duplicated)."
          }
        },
        "required": [
          "name"
        ]
      },
      "CompanyUpdate": {
        "type": "object",
        "properties": {
          "name": {
            "type": "string",
            "minLength": 1,
            "maxLength": 255,
            "description": "Trimmed; not blank; at most 255 characters."
          },
          "domains": {
            "type": "array",
            "items": {
              "type": "string"
            },
            "maxItems": 50,
            "description": "Host names such as `example.com` (lower-cased, de-duplicated)."
          }
        }
      },
      "Contact": {
        "type": "object",
        "properties": {
          "id": {
            "type": "integer",
            "format": "int64",
            "minimum": 1
          },
          "name": {
            "type": "string"
          },
          "email": {
            "type": "string"
          },
          "language": {
            "type": [
              "string",
              "null"
            ],
            "description": "The preferred language; `null` when not chosen."
          },
          "company_ids": {
            "type": "array",
            "items": {
              "type": "integer",
              "format": "int64",
              "minimum": 1
            }
          },
          "created_at": {
            "type": [
              "string",
              "null"
            ],
            "format": "date-time"
          },
          "updated_at": {
            "type": [
              "string",
              "null"
            ],
            "format": "date-time"
          }
        },
        "required": [
          "id",
          "name",
          "email",
          "language",
          "company_ids",
          "created_at",
          "updated_at"
        ],
        "additionalProperties": false
      },
      "ContactCreate": {
        "type": "object",
        "properties": {
          "name": {
            "type": "string",
            "minLength": 1,
            "maxLength": 255,
            "description": "Trimmed; not blank; at most 255 characters."
          },
          "email": {
            "type": "string",
            "description": "A valid e-mail address, unique in the account."
          },
          "language": {
            "type": [
              "string",
              "null"
            ],
            "description": "One of the account's languages; `null` clears it."
          },
          "company_ids": {
            "type": "array",
            "items": {
              "type": "integer"
            },
            "description": "Replaces the contact's companies."
          }
        },
        "required": [
          "name",
          "email"
        ]
      },
      "ContactUpdate": {
        "type": "object",
        "properties": {
          "name": {
            "type": "string",
            "minLength": 1,
            "maxLength": 255,
            "description": "Trimmed; not blank; at most 255 characters."
          },
          "email": {
            "type": "string",
            "description": "A valid e-mail address, unique in the account."
          },
          "language": {
            "type": [
              "string",
              "null"
            ],
            "description": "One of the account's languages; `null` clears it."
          },
          "company_ids": {
            "type": "array",
            "items": {
              "type": "integer"
            },
            "description": "Replaces the contact's companies."
          }
        }
      },
      "Widget": {
        "type": "object",
        "properties": {
          "id": {
            "type": "integer",
            "format": "int64",
            "minimum": 1
          },
          "name": {
            "type": "string"
          },
          "category_ids": {
            "type": "array",
            "items": {
              "type": "integer",
              "format": "int64",
              "minimum": 1
            }
          },
          "default_language": {
            "type": [
              "string",
              "null"
            ],
            "description": "`null`: the account's default language."
          },
          "contact_form": {
            "type": "object",
            "properties": {
              "enabled": {
                "type": "boolean"
              },
              "logged_in_only": {
                "type": "boolean"
              }
            },
            "required": [
              "enabled",
              "logged_in_only"
            ],
            "additionalProperties": false
          },
          "allowed_origins": {
            "type": "array",
            "items": {
              "type": "string"
            }
          },
          "created_at": {
            "type": [
              "string",
              "null"
            ],
            "format": "date-time"
          },
          "updated_at": {
            "type": [
              "string",
              "null"
            ],
            "format": "date-time"
          }
        },
        "required": [
          "id",
          "name",
          "category_ids",
          "default_language",
          "contact_form",
          "allowed_origins",
          "created_at",
          "updated_at"
        ],
        "additionalProperties": false
      },
      "WidgetCreate": {
        "type": "object",
        "properties": {
          "name": {
            "type": "string",
            "minLength": 1,
            "maxLength": 255,
            "description": "Trimmed; not blank; at most 255 characters."
          },
          "category_ids": {
            "type": "array",
            "items": {
              "type": "integer"
            },
            "description": "The categories the widget shows (all of the account's when empty)."
          },
          "default_language": {
            "type": [
              "string",
              "null"
            ],
            "description": "One of the account's languages; `null` for the account's default."
          },
          "contact_form": {
            "type": "object",
            "properties": {
              "enabled": {
                "type": "boolean"
              },
              "logged_in_only": {
                "type": "boolean"
              }
            }
          },
          "allowed_origins": {
            "type": "array",
            "items": {
              "type": "string"
            },
            "maxItems": 50,
            "description": "Origins allowed to embed the widget: `https://help.example.com`, `https://*.example.com`, `http://localhost:*`."
          }
        },
        "required": [
          "name"
        ]
      },
      "WidgetUpdate": {
        "type": "object",
        "properties": {
          "name": {
            "type": "string",
            "minLength": 1,
            "maxLength": 255,
            "description": "Trimmed; not blank; at most 255 characters."
          },
          "category_ids": {
            "type": "array",
            "items": {
              "type": "integer"
            },
            "description": "The categories the widget shows (all of the account's when empty)."
          },
          "default_language": {
            "type": [
              "string",
              "null"
            ],
            "description": "One of the account's languages; `null` for the account's default."
          },
          "contact_form": {
            "type": "object",
            "properties": {
              "enabled": {
                "type": "boolean"
              },
              "logged_in_only": {
                "type": "boolean"
              }
            }
          },
          "allowed_origins": {
            "type": "array",
            "items": {
              "type": "string"
            },
            "maxItems": 50,
            "description": "Origins allowed to embed the widget: `https://help.example.com`, `https://*.example.com`, `http://localhost:*`."
          }
        }
      },
      "Ticket": {
        "type": "object",
        "properties": {
          "id": {
            "type": "integer",
            "format": "int64",
            "minimum": 1
          },
          "subject": {
            "type": "string"
          },
          "description": {
            "type": "string",
            "description": "The requester's plain text."
          },
          "name": {
            "type": "string"
          },
          "email": {
            "type": "string"
          },
          "verified": {
            "type": "boolean",
            "description": "Whether a widget session vouched for the requester."
          },
          "widget_id": {
            "type": [
              "integer",
              "null"
            ]
          },
          "requester_id": {
            "type": [
              "integer",
              "null"
            ],
            "description": "The contact, for a signed-in requester."
          },
          "requester": {
            "type": "object",
            "properties": {
              "id": {
                "type": [
                  "integer",
                  "null"
                ]
              },
              "name": {
                "type": "string"
              },
              "email": {
                "type": "string"
              }
            },
            "required": [
              "id",
              "name",
              "email"
            ],
            "additionalProperties": false
          },
          "attachments": {
            "type": "array",
            "items": {
              "type": "object",
              "properties": {
                "name": {
                  "type": "string"
                },
                "content_type": {
                  "type": "string"
                },
                "size": {
                  "type": "integer",
                  "minimum": 0
                },
                "sha256": {
                  "type": "string",
                  "pattern": "^[0-9a-f]{64}$"
                },
                "attachment_url": {
                  "type": "string",
                  "description": "The download's path on this server."
                }
              },
              "required": [
                "name",
                "content_type",
                "size",
                "sha256",
                "attachment_url"
              ],
              "additionalProperties": false
            }
          },
          "created_at": {
            "type": [
              "string",
              "null"
            ],
            "format": "date-time"
          }
        },
        "required": [
          "id",
          "subject",
          "description",
          "name",
          "email",
          "verified",
          "widget_id",
          "requester_id",
          "requester",
          "attachments",
          "created_at"
        ],
        "additionalProperties": false
      },
      "TicketWebhook": {
        "type": "object",
        "properties": {
          "url": {
            "type": [
              "string",
              "null"
            ],
            "description": "`null` when no webhook is set."
          },
          "secret": {
            "type": [
              "string",
              "null"
            ],
            "description": "The key of `X-Lantern-Signature`; `null` when no webhook is set."
          },
          "updated_at": {
            "type": [
              "string",
              "null"
            ],
            "format": "date-time"
          }
        },
        "required": [
          "url",
          "secret",
          "updated_at"
        ],
        "additionalProperties": false
      },
      "TicketWebhookUpdate": {
        "type": "object",
        "properties": {
          "url": {
            "type": [
              "string",
              "null"
            ],
            "maxLength": 2000,
            "description": "An absolute http:// or https:// URL; `null` turns the webhook off."
          }
        },
        "required": [
          "url"
        ]
      },
      "SessionContact": {
        "type": "object",
        "properties": {
          "id": {
            "type": "integer",
            "format": "int64",
            "minimum": 1
          },
          "name": {
            "type": "string"
          },
          "email": {
            "type": "string"
          },
          "language": {
            "type": [
              "string",
              "null"
            ]
          },
          "company_ids": {
            "type": "array",
            "items": {
              "type": "integer",
              "format": "int64",
              "minimum": 1
            }
          }
        },
        "required": [
          "id",
          "name",
          "email",
          "language",
          "company_ids"
        ],
        "additionalProperties": false
      },
      "SignedIn": {
        "type": "object",
        "properties": {
          "session_token": {
            "type": "string",
            "description": "Send it as `Authorization: Bearer` on widget requests."
          },
          "expires_at": {
            "type": "integer",
            "description": "Unix time: the token's `exp`."
          },
          "contact": {
            "$ref": "#/components/schemas/SessionContact"
          }
        },
        "required": [
          "session_token",
          "expires_at",
          "contact"
        ],
        "additionalProperties": false
      },
      "Session": {
        "type": "object",
        "properties": {
          "expires_at": {
            "type": "integer"
          },
          "contact": {
            "$ref": "#/components/schemas/SessionContact"
          }
        },
        "required": [
          "expires_at",
          "contact"
        ],
        "additionalProperties": false
      },
      "SignIn": {
        "type": "object",
        "properties": {
          "token": {
            "type": "string",
            "description": "The customer JWT (HS256, `name`, `email`, `exp`) signed with the shared secret."
          }
        },
        "required": [
          "token"
        ]
      },
      "WidgetConfig": {
        "type": "object",
        "properties": {
          "id": {
            "type": "integer",
            "format": "int64",
            "minimum": 1
          },
          "name": {
            "type": "string"
          },
          "default_language": {
            "type": "string"
          },
          "languages": {
            "type": "array",
            "items": {
              "type": "string"
            }
          },
          "contact_form": {
            "type": "object",
            "properties": {
              "enabled": {
                "type": "boolean"
              },
              "logged_in_only": {
                "type": "boolean"
              }
            },
            "required": [
              "enabled",
              "logged_in_only"
            ],
            "additionalProperties": false
          },
          "allowed_origins": {
            "type": "array",
            "items": {
              "type": "string"
            }
          }
        },
        "required": [
          "id",
          "name",
          "default_language",
          "languages",
          "contact_form",
          "allowed_origins"
        ],
        "additionalProperties": false
      },
      "WidgetCategories": {
        "type": "object",
        "properties": {
          "categories": {
            "type": "array",
            "items": {
              "type": "object",
              "properties": {
                "id": {
                  "type": "integer",
                  "format": "int64",
                  "minimum": 1
                },
                "name": {
                  "type": "string"
                },
                "description": {
                  "type": "string"
                },
                "article_count": {
                  "type": "integer",
                  "minimum": 0
                },
                "folders": {
                  "type": "array",
                  "items": {
                    "type": "object",
                    "properties": {
                      "id": {
                        "type": "integer",
                        "format": "int64",
                        "minimum": 1
                      },
                      "name": {
                        "type": "string"
                      },
                      "description": {
                        "type": "string"
                      },
                      "article_count": {
                        "type": "integer",
                        "minimum": 0
                      }
                    },
                    "required": [
                      "id",
                      "name",
                      "description",
                      "article_count"
                    ],
                    "additionalProperties": false
                  }
                }
              },
              "required": [
                "id",
                "name",
                "description",
                "article_count",
                "folders"
              ],
              "additionalProperties": false
            }
          }
        },
        "required": [
          "categories"
        ],
        "additionalProperties": false
      },
      "WidgetArticleList": {
        "type": "object",
        "properties": {
          "articles": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/SearchHit"
            }
          },
          "total": {
            "type": "integer",
            "minimum": 0
          }
        },
        "required": [
          "articles",
          "total"
        ],
        "additionalProperties": false
      },
      "WidgetArticle": {
        "type": "object",
        "properties": {
          "id": {
            "type": "integer",
            "format": "int64",
            "minimum": 1
          },
          "title": {
            "type": "string"
          },
          "description": {
            "type": "string",
            "description": "Sanitised HTML."
          },
          "language": {
            "type": "string"
          },
          "fallback": {
            "type": "boolean",
            "description": "True when the article is not in the language asked for and comes in its primary language."
          },
          "thumbs_up": {
            "type": "integer",
            "minimum": 0
          },
          "thumbs_down": {
            "type": "integer",
            "minimum": 0
          }
        },
        "required": [
          "id",
          "title",
          "description",
          "language",
          "fallback",
          "thumbs_up",
          "thumbs_down"
        ],
        "additionalProperties": false
      },
      "Feedback": {
        "type": "object",
        "properties": {
          "helpful": {
            "type": "boolean"
          }
        },
        "required": [
          "helpful"
        ]
      },
      "TicketForm": {
        "type": "object",
        "properties": {
          "name": {
            "type": "string",
            "description": "Required unless signed in (then ignored); at most 255 characters."
          },
          "email": {
            "type": "string",
            "description": "Required unless signed in (then ignored)."
          },
          "subject": {
            "type": "string",
            "description": "1–255 characters, no control characters but tab and line breaks."
          },
          "description": {
            "type": "string",
            "description": "1 character to 64 KiB, no control characters but tab and line breaks; plain text."
          },
          "website": {
            "type": "string",
            "description": "The honeypot: must be left empty."
          }
        },
        "required": [
          "subject",
          "description"
        ]
      },
      "TicketFormMultipart": {
        "type": "object",
        "properties": {
          "name": {
            "type": "string",
            "description": "Required unless signed in (then ignored); at most 255 characters."
          },
          "email": {
            "type": "string",
            "description": "Required unless signed in (then ignored)."
          },
          "subject": {
            "type": "string",
            "description": "1–255 characters, no control characters but tab and line breaks."
          },
          "description": {
            "type": "string",
            "description": "1 character to 64 KiB, no control characters but tab and line breaks; plain text."
          },
          "website": {
            "type": "string",
            "description": "The honeypot: must be left empty."
          },
          "attachments[]": {
            "type": "array",
            "items": {
              "type": "string",
              "format": "binary"
            },
            "maxItems": 5,
            "description": "Up to 5 files: 10 MiB each, 20 MiB in all; documents and images."
          }
        },
        "required": [
          "subject",
          "description"
        ]
      },
      "TicketCreated": {
        "type": "object",
        "properties": {
          "id": {
            "type": "integer",
            "format": "int64",
            "minimum": 1
          },
          "verified": {
            "type": "boolean"
          }
        },
        "required": [
          "id",
          "verified"
        ],
        "additionalProperties": false
      }
    },
    "parameters": {
      "Page": {
        "name": "page",
        "in": "query",
        "description": "The page, from 1.",
        "schema": {
          "type": "integer",
          "minimum": 1,
          "maximum": 100000,
          "default": 1
        }
      },
      "PerPage": {
        "name": "per_page",
        "in": "query",
        "description": "Items per page.",
        "schema": {
          "type": "integer",
          "minimum": 1,
          "maximum": 100,
          "default": 30
        }
      },
      "WidgetID": {
        "name": "widget_id",
        "in": "path",
        "required": true,
        "description": "The widget's id (from the embed code).",
        "schema": {
          "type": "integer",
          "format": "int64",
          "minimum": 1
        }
      },
      "Locale": {
        "name": "locale",
        "in": "query",
        "description": "The language to serve, when the account has it (`fr`, `fr-CA`).",
        "schema": {
          "type": "string"
        }
      }
    },
    "responses": {
      "InvalidJSON": {
        "description": "`invalid_json`: the body is not a JSON object.",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      },
      "InvalidCredentials": {
        "description": "`invalid_credentials`: no API key, or an unknown one.",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      },
      "AccessDenied": {
        "description": "`access_denied`: bot keys are read-only and may only search; settings and widgets need an admin agent's key.",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      },
      "NotFound": {
        "description": "A `*_not_found` code: no such resource in the caller's account (or not visible to the caller).",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      },
      "PayloadTooLarge": {
        "description": "`payload_too_large`: the body is over the route's limit.",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      },
      "UnsupportedMediaType": {
        "description": "`unsupported_media_type`: send the body as JSON.",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      },
      "ValidationFailed": {
        "description": "`validation_failed`, with `fields` naming each problem.",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      },
      "SessionRefused": {
        "description": "`session_invalid` (unknown, forged, signed out or secret reset) or `session_expired`: sign in again.",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      }
    }
  }
}
"""#
}
