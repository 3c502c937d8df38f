import Testing
@testable import LanternCore

@Suite("JSON parsing")
struct JSONValueTests {
    func parse(_ text: String) -> JSONValue? { JSONValue.parse(Array(text.utf8)) }

    @Test("Objects, arrays, strings with escapes, numbers and literals")
    func values() {
        #expect(parse(#"{"a":1,"b":[true,false,null],"c":{"d":"e"}}"#) == .object([
            "a": .number(1), "b": .array([.bool(true), .bool(false), .null]), "c": .object(["d": .string("e")]),
        ]))
        #expect(parse(#" "Zo\u00eb \"q\" \\ \/ \n \ud83d\ude00" "#) == .string("Zoë \"q\" \\ / \n 😀"))
        #expect(parse("-12.5e2") == .number(-1250))
        #expect(parse("0") == .number(0))
        #expect(parse(#""héllo""#) == .string("héllo"))
        #expect(parse("\r\n\t{ }\n") == .object([:]))
    }

    @Test("Invalid JSON is rejected", arguments: [
        "", "{", "}", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "[1,]", "01", "1.", ".5", "+1", "1e", "NaN", "Infinity",
        "tru", "nul", "\"unterminated", "\"bad \\x escape\"", "\"\\ud800\"", "\"\\udc00\"", "{\"a\":1}x", "'single'",
        "{\"a\":1,\"a\":2}", "\"tab\there\"", "1e999",
    ])
    func rejects(text: String) {
        #expect(parse(text) == nil)
    }

    @Test("Invalid UTF-8 and excessive nesting are rejected")
    func limits() {
        #expect(JSONValue.parse([0x22, 0xff, 0xfe, 0x22]) == nil)
        #expect(parse(String(repeating: "[", count: 40) + String(repeating: "]", count: 40)) == nil)
        #expect(parse(String(repeating: "[", count: 20) + String(repeating: "]", count: 20)) != nil)
    }

    @Test("Serialisation is compact with sorted keys and escapes")
    func serialises() {
        let value = JSONValue.object(["b": .string("x\"y\n"), "a": .number(1700000000), "c": .number(1.5)])
        #expect(value.serialized == #"{"a":1700000000,"b":"x\"y\n","c":1.5}"#)
        #expect(parse(value.serialized) == value)
    }
}
