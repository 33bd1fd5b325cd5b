import PLPTestSupport
import Foundation
import Testing
@testable import PLPJSON

// MARK: - Helpers

/// Parses `bytes` as a tree; nil result means success is returned as value.
private func parseBytes(_ bytes: [UInt8]) -> Result<JSONValue, JSONError> {
    Result { () throws(JSONError) -> JSONValue in try JSONValue.parse(bytes) }
}

/// Validates with the pull reader only (skipValue + finish).
private func validate(_ bytes: [UInt8]) -> Result<Range<Int>, JSONError> {
    bytes.withUnsafeBytes { raw in
        Result { () throws(JSONError) -> Range<Int> in
            var reader = JSONReader(bytes: raw)
            let range = try reader.skipValue()
            try reader.finish()
            return range
        }
    }
}

private func error(_ text: String) -> JSONError? {
    error(Array(text.utf8))
}

private func error(_ bytes: [UInt8]) -> JSONError? {
    if case .failure(let e) = parseBytes(bytes) { return e }
    return nil
}

private func syntaxReason(_ e: JSONError?) -> String? {
    if case .syntax(let reason)? = e?.kind { return reason }
    return nil
}

/// Runs `body` with a reader over `text`.
private func withReader<R>(_ text: String, _ body: (inout JSONReader) throws(JSONError) -> R) -> Result<R, JSONError> {
    Array(text.utf8).withUnsafeBytes { raw in
        var reader = JSONReader(bytes: raw)
        return Result { () throws(JSONError) -> R in try body(&reader) }
    }
}

private func q(_ s: String) -> [UInt8] { [0x22] + Array(s.utf8) + [0x22] }

/// A small deterministic random generator (JSONTestRandom).
private typealias JSONTestRandom = SplitMix64

// MARK: - Valid corpus

@Suite("JSONReader: valid RFC 8259 texts")
struct JSONReaderValidTests {
    static let valid: [(String, JSONValue)] = [
        ("0", .integer(0)),
        ("-0", .integer(0)),
        ("1", .integer(1)),
        ("-1", .integer(-1)),
        ("1234567890", .integer(1_234_567_890)),
        ("9223372036854775807", .integer(Int64.max)),
        ("-9223372036854775808", .integer(Int64.min)),
        ("9223372036854775808", .number(9_223_372_036_854_775_808.0)),
        ("1.5", .number(1.5)),
        ("-1.5e10", .number(-1.5e10)),
        ("1E+2", .number(100)),
        ("1e-2", .number(0.01)),
        ("0.0", .number(0)),
        ("0e0", .number(0)),
        ("-0.5E-3", .number(-0.0005)),
        ("true", .bool(true)),
        ("false", .bool(false)),
        ("null", .null),
        ("\"\"", .string("")),
        ("\"abc\"", .string("abc")),
        ("[]", .array([])),
        ("{}", .object([])),
        (" [ 1 , 2 ] ", [1, 2]),
        ("\t\n\r {\"a\" : [ ] }\n", ["a": []]),
        ("{\"a\":{\"b\":[1,{\"c\":null}]}}", ["a": ["b": [1, ["c": .null]]]]),
        ("[[[]]]", [[[]]]),
        ("[{}]", [[:]]),
        ("{\"\":0}", ["": 0]),
        ("\"\\u0000\"", .string("\u{0}")),
        ("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"", .string("\"\\/\u{8}\u{C}\n\r\t")),
        ("\"\\u0041\\u00e9\\u20AC\"", .string("Aé€")),
        ("\"\\ud83d\\ude00\"", .string("😀")),
        ("\"\\uD834\\uDD1E\"", .string("𝄞")),
        ("\"\\udbff\\udfff\"", .string("\u{10FFFF}")),
        ("\"é€😀\"", .string("é€😀")),
        ("\"\u{7F}\"", .string("\u{7F}")),
        ("\"\u{10FFFF}\u{FFFF}\u{E000}\u{D7FF}\"", .string("\u{10FFFF}\u{FFFF}\u{E000}\u{D7FF}")),
        ("\"\u{2028}\u{2029}\"", .string("\u{2028}\u{2029}")),
        ("\"a\\nb\\u0022c\"", .string("a\nb\"c")),
        ("{\"a\":1,\"b\":\"x\",\"c\":[true,false,null]}", ["a": 1, "b": "x", "c": [true, false, .null]]),
    ]

    @Test("each valid text parses to the expected tree and validates with skipValue")
    func validCorpus() throws {
        for (text, expected) in Self.valid {
            let bytes = Array(text.utf8)
            #expect(try JSONValue.parse(bytes) == expected, "\(text)")
            if case .failure(let e) = validate(bytes) { Issue.record("skipValue rejected \(text): \(e)") }
        }
    }

    @Test("parse works on non-contiguous collections")
    func nonContiguous() throws {
        let text = "{\"k\":[1,\"two\"]}"
        #expect(try JSONValue.parse(text.utf8) == ["k": [1, "two"]])
        #expect(try JSONValue.parse(text.utf8.lazy.map { $0 }) == ["k": [1, "two"]])
    }

    @Test("512 levels of nesting are accepted, 513 are not")
    func deepNesting() throws {
        let ok = String(repeating: "[", count: JSONReader.maxDepth) + String(repeating: "]", count: JSONReader.maxDepth)
        #expect((try? JSONValue.parse(Array(ok.utf8))) != nil)
        if case .failure(let e) = validate(Array(ok.utf8)) { Issue.record("\(e)") }
        let objects = String(repeating: "{\"a\":", count: JSONReader.maxDepth) + "1" + String(repeating: "}", count: JSONReader.maxDepth)
        #expect((try? JSONValue.parse(Array(objects.utf8))) != nil)

        let tooDeep = String(repeating: "[", count: JSONReader.maxDepth + 1) + String(repeating: "]", count: JSONReader.maxDepth + 1)
        #expect(syntaxReason(error(tooDeep))?.contains("nested deeper than 512") == true)
        #expect(error(tooDeep)?.offset == JSONReader.maxDepth)
        guard case .failure = validate(Array(tooDeep.utf8)) else { Issue.record("skipValue accepted 513 levels"); return }
        // Very deep input (far beyond the limit) fails cleanly, without exhausting the stack.
        let huge = String(repeating: "[", count: 200_000)
        #expect(error(huge) != nil)
    }

    @Test("strings of every length up to 40 with a special byte at every position (8-byte scanning boundaries)")
    func stringBoundaries() throws {
        let specials: [(raw: String, decoded: String)] = [
            ("\\\"", "\""), ("\\\\", "\\"), ("\\n", "\n"), ("é", "é"), ("😀", "😀"), ("\\u00e9", "é"), ("€", "€"),
        ]
        for length in 0...40 {
            let plain = String(repeating: "x", count: length)
            #expect(try JSONValue.parse(q(plain)) == .string(plain))
            for position in 0...length {
                for special in specials {
                    let raw = String(plain.prefix(position)) + special.raw + String(plain.dropFirst(position))
                    let decoded = String(plain.prefix(position)) + special.decoded + String(plain.dropFirst(position))
                    #expect(try JSONValue.parse(q(raw)) == .string(decoded))
                }
                // A raw control character or an unterminated string at every position is found.
                let bad = Array(plain.utf8.prefix(position)) + [0x01] + Array(plain.utf8.dropFirst(position))
                #expect(syntaxReason(error([0x22] + bad + [0x22])) == "control character in a string must be escaped")
                #expect(error([0x22] + bad + [0x22])?.offset == 1 + position)
                #expect(syntaxReason(error([0x22] + Array(plain.utf8.prefix(position)))) == "unterminated string")
            }
        }
    }
}

// MARK: - Invalid corpus

@Suite("JSONReader: invalid texts are rejected with a plain reason and an offset")
struct JSONReaderInvalidTests {
    static let invalid: [(text: String, reason: String, offset: Int)] = [
        ("", "unexpected end of input", 0),
        ("   ", "unexpected end of input", 3),
        ("{", "unexpected end of input", 1),
        ("[", "unexpected end of input", 1),
        ("[1", "unexpected end of input", 2),
        ("[1,", "unexpected end of input", 3),
        ("{\"a\"", "unexpected end of input", 4),
        ("{\"a\":", "unexpected end of input", 5),
        ("{\"a\":1", "unexpected end of input", 6),
        ("[1,]", "trailing comma before ']'", 3),
        ("{\"a\":1,}", "trailing comma before '}'", 7),
        ("{\"a\":1 , }", "trailing comma before '}'", 9),
        ("{\"a\" 1}", "expected ':' after an object key", 5),
        ("{\"a\"=1}", "expected ':' after an object key", 4),
        ("{\"a\":1 \"b\":2}", "expected ',' or '}' after an object member", 7),
        ("{\"a\":1]", "expected ',' or '}' after an object member", 6),
        ("[1 2]", "expected ',' or ']' after an array element", 3),
        ("[1}", "expected ',' or ']' after an array element", 2),
        ("[1,,2]", "expected a value, found ','", 3),
        ("[,1]", "expected a value, found ','", 1),
        ("{,}", "expected a string as object key, found ','", 1),
        ("{\"a\":}", "expected a value, found '}'", 5),
        ("{a:1}", "expected a string as object key, found 'a'", 1),
        ("{1:1}", "expected a string as object key, found '1'", 1),
        ("{'a':1}", "object keys must be in double quotes, not single quotes", 1),
        ("'a'", "strings must be in double quotes, not single quotes", 0),
        ("01", "invalid number: leading zeros are not allowed", 1),
        ("-01", "invalid number: leading zeros are not allowed", 2),
        ("00", "invalid number: leading zeros are not allowed", 1),
        ("-", "invalid number: expected a digit after '-'", 1),
        ("-a", "invalid number: expected a digit after '-'", 1),
        ("-Infinity", "invalid number: expected a digit after '-'", 1),
        ("1.", "invalid number: expected a digit after '.'", 2),
        ("1.e5", "invalid number: expected a digit after '.'", 2),
        ("1e", "invalid number: expected a digit in the exponent", 2),
        ("1e+", "invalid number: expected a digit in the exponent", 3),
        ("1E-x", "invalid number: expected a digit in the exponent", 3),
        (".5", "expected a value, found '.'", 0),
        ("+1", "expected a value, found '+'", 0),
        ("NaN", "expected a value, found 'N' (NaN and Infinity are not valid JSON)", 0),
        ("Infinity", "expected a value, found 'I' (NaN and Infinity are not valid JSON)", 0),
        ("// c\n1", "comments are not allowed in JSON", 0),
        ("[1 /* c */]", "expected ',' or ']' after an array element", 3),
        ("/* c */ 1", "comments are not allowed in JSON", 0),
        ("tru", "invalid literal (expected true)", 0),
        ("True", "expected a value, found 'T'", 0),
        ("nul", "invalid literal (expected null)", 0),
        ("nulll", "trailing characters after the JSON value", 4),
        ("fals", "invalid literal (expected false)", 0),
        ("[truex]", "expected ',' or ']' after an array element", 5),
        ("\"abc", "unterminated string", 0),
        ("[\"abc]", "unterminated string", 1),
        ("\"\\", "unterminated string", 0),
        ("\"a\u{1}b\"", "control character in a string must be escaped", 2),
        ("\"\t\"", "control character in a string must be escaped", 1),
        ("\"\n\"", "control character in a string must be escaped", 1),
        ("\"\u{0}\"", "control character in a string must be escaped", 1),
        ("\"\u{1F}\"", "control character in a string must be escaped", 1),
        ("\"\\x\"", "invalid escape '\\x' in a string", 1),
        ("\"\\U0041\"", "invalid escape '\\U' in a string", 1),
        ("\"\\'\"", "invalid escape '\\'' in a string", 1),
        ("\"\\u12\"", "invalid \\u escape: expected 4 hex digits", 1),
        ("\"\\u12G4\"", "invalid \\u escape: expected 4 hex digits", 1),
        ("\"\\u\"", "invalid \\u escape: expected 4 hex digits", 1),
        ("\"\\ud800\"", "lone surrogate \\ud800", 1),
        ("\"\\uDC00\"", "lone surrogate \\udc00", 1),
        ("\"x\\udfff\"", "lone surrogate \\udfff", 2),
        ("\"\\ud800\\u0041\"", "lone surrogate \\ud800", 1),
        ("\"\\ud800\\ud800\"", "lone surrogate \\ud800", 1),
        ("\"\\ud800x\"", "lone surrogate \\ud800", 1),
        ("\"\\ud800\\n\"", "lone surrogate \\ud800", 1),
        ("\"\\ud800\\u12\"", "invalid \\u escape: expected 4 hex digits", 7),
        ("1 2", "trailing characters after the JSON value", 2),
        ("[] x", "trailing characters after the JSON value", 3),
        ("{}}", "trailing characters after the JSON value", 2),
        ("\"a\" \"b\"", "trailing characters after the JSON value", 4),
        ("\u{0}", "expected a value, found byte 0x00", 0),
        (" \u{C}1", "expected a value, found byte 0x0c", 1),
        ("\u{A0}1", "expected a value, found byte 0xc2", 0),
        ("{\"a\":1,\"a\":2}", "duplicate key \"a\"", 7),
        ("{\"b\":{\"x\":1,\"y\":2,\"x\":3}}", "duplicate key \"x\"", 18),
        ("1e400", "number too large for a 64-bit floating-point value", 0),
    ]

    @Test("each invalid text fails with the expected reason and offset")
    func invalidCorpus() throws {
        for (text, reason, offset) in Self.invalid {
            let e = error(text)
            #expect(syntaxReason(e) == reason, "\(text.debugDescription)")
            #expect(e?.offset == offset, "\(text.debugDescription): \(String(describing: e))")
            // The skipping validator agrees (duplicates and huge numbers are tree-level limits).
            if !reason.hasPrefix("duplicate") && !reason.hasPrefix("number too large") {
                guard case .failure(let e2) = validate(Array(text.utf8)) else {
                    Issue.record("skipValue accepted \(text.debugDescription)")
                    continue
                }
                #expect(syntaxReason(e2) == reason, "\(text.debugDescription)")
            }
        }
    }

    static let invalidUTF8: [[UInt8]] = [
        [0x80],                         // lone continuation byte
        [0xBF],
        [0xC0, 0xAF],                   // overlong '/'
        [0xC1, 0xBF],                   // overlong
        [0xC2],                         // truncated
        [0xC2, 0x41],                   // missing continuation
        [0xE0, 0x80, 0xAF],             // overlong 3-byte
        [0xE0, 0x9F, 0xBF],             // overlong 3-byte (U+07FF)
        [0xED, 0xA0, 0x80],             // UTF-8-encoded surrogate U+D800
        [0xED, 0xBF, 0xBF],             // U+DFFF
        [0xE2, 0x82],                   // truncated €
        [0xE2, 0x28, 0xAC],
        [0xE2, 0x82, 0x28],
        [0xF0, 0x80, 0x80, 0xAF],       // overlong 4-byte
        [0xF0, 0x8F, 0xBF, 0xBF],       // overlong (U+FFFF)
        [0xF4, 0x90, 0x80, 0x80],       // U+110000
        [0xF5, 0x80, 0x80, 0x80],
        [0xF8, 0x88, 0x80, 0x80, 0x80], // 5-byte form
        [0xFC, 0x84, 0x80, 0x80, 0x80, 0x80],
        [0xFE], [0xFF],
        [0xF0, 0x9F, 0x98],             // truncated 😀
        [0xF0, 0x9F, 0x28, 0x80],
    ]

    @Test("invalid UTF-8 in strings is rejected, with the offset of the bad sequence")
    func invalidUTF8InStrings() throws {
        for bad in Self.invalidUTF8 {
            for prefix in [[], Array("abcdefghij".utf8)] as [[UInt8]] {
                let text = [0x22] + prefix + bad + [0x22]
                #expect(syntaxReason(error(text)) == "invalid UTF-8", "\(bad)")
                #expect(error(text)?.offset == 1 + prefix.count, "\(bad)")
                #expect(syntaxReason(error(Array("{".utf8) + text + Array(":1}".utf8))) == "invalid UTF-8", "key \(bad)")
                if case .success = validate(text) { Issue.record("skipValue accepted \(bad)") }
            }
        }
        // Valid boundaries of each sequence length are accepted.
        let valid: [[UInt8]] = [
            [0xC2, 0x80], [0xDF, 0xBF], [0xE0, 0xA0, 0x80], [0xED, 0x9F, 0xBF], [0xEE, 0x80, 0x80],
            [0xEF, 0xBF, 0xBF], [0xF0, 0x90, 0x80, 0x80], [0xF4, 0x8F, 0xBF, 0xBF],
        ]
        for good in valid {
            #expect(try JSONValue.parse([0x22] + good + [0x22]) == .string(String(decoding: good, as: UTF8.self)))
        }
    }

    @Test("invalid UTF-8 outside strings is rejected")
    func invalidUTF8OutsideStrings() throws {
        #expect(syntaxReason(error([0xC3, 0xA9])) == "expected a value, found byte 0xc3")
        #expect(syntaxReason(error(Array("[1,".utf8) + [0xFF] + Array("]".utf8))) == "expected a value, found byte 0xff")
    }

    @Test("a UTF-8 byte order mark is rejected with a clear reason")
    func byteOrderMark() throws {
        let e = error([0xEF, 0xBB, 0xBF] + Array("{}".utf8))
        #expect(syntaxReason(e) == "byte order mark (U+FEFF) before the JSON value; write UTF-8 without a BOM")
        #expect(e?.offset == 0)
    }

    @Test("errors read as one sentence")
    func descriptions() throws {
        #expect(JSONError(kind: .typeMismatch(expected: .string, found: .number), offset: 3).description == "expected a string, found a number")
        #expect(JSONError(kind: .typeMismatch(expected: .bool, found: .null), offset: 3).description == "expected true or false, found null")
        #expect(JSONError(kind: .typeMismatch(expected: .object, found: .array), offset: 3).description == "expected an object, found an array")
        #expect(JSONError.syntax("unterminated string", at: 9).description == "unterminated string")
        #expect(JSONError.syntax("unterminated string", at: 9).detailedDescription == "unterminated string (at byte 9)")
        #expect(JSONError(kind: .notAnInteger, offset: 0).description.contains("whole number"))
        #expect(JSONError(kind: .integerOutOfRange, offset: 0).description.contains("out of range"))
    }
}

// MARK: - Pull API

@Suite("JSONReader: pull API")
struct JSONReaderPullTests {
    struct Event: Equatable {
        var type = ""
        var seq: Int64 = 0
        var amount: Int64 = 0
        var tags: [String] = []
        var flag = false
        var note: String? = nil
        var skipped: [Range<Int>] = []
    }

    static func readEvent(_ reader: inout JSONReader) throws(JSONError) -> Event {
        var event = Event()
        try reader.beginObject()
        while let key = try reader.nextKey() {
            switch key {
            case "type": event.type = try reader.readString()
            case "seq": event.seq = try reader.readInteger()
            case "amount": event.amount = try reader.readInteger()
            case "tags":
                try reader.beginArray()
                while try reader.hasNextElement() { event.tags.append(try reader.readString()) }
            case "meta":
                try reader.beginObject()
                while let k = try reader.nextKey() {
                    if k == "flag" { event.flag = try reader.readBool() } else { try reader.skipValue() }
                }
            case "note":
                if try reader.peekKind() == .null {
                    try reader.readNull()
                } else {
                    event.note = try reader.readString()
                }
            default:
                event.skipped.append(try reader.skipValue())
            }
        }
        try reader.finish()
        return event
    }

    @Test("reads a typical event line")
    func typicalLine() throws {
        let line = #"{"type":"sale","seq":12,"amount":-5,"tags":["a","b\u00e9"],"meta":{"x":[1,{"y":2}],"flag":true},"note":null,"extra":{"deep":[[],{}]} }"#
        let result = withReader(line) { (r) throws(JSONError) -> Event in try Self.readEvent(&r) }
        let event = try result.get()
        #expect(event.type == "sale")
        #expect(event.seq == 12)
        #expect(event.amount == -5)
        #expect(event.tags == ["a", "bé"])
        #expect(event.flag)
        #expect(event.note == nil)
        #expect(event.skipped.count == 1)
        let bytes = Array(line.utf8)
        if let range = event.skipped.first {
            #expect(String(decoding: bytes[range], as: UTF8.self) == #"{"deep":[[],{}]}"#)
            // Read the skipped value again through a sub-reader; offsets stay absolute.
            bytes.withUnsafeBytes { raw in
                let outer = JSONReader(bytes: raw)
                var sub = outer.reader(for: range)
                #expect(sub.offset == range.lowerBound)
                #expect(throws: Never.self) {
                    try sub.beginObject()
                    #expect(try sub.nextKey() == "deep")
                    #expect(try sub.peekKind() == .array)
                    let inner = try sub.skipValue()
                    #expect(inner.lowerBound == range.lowerBound + 8)
                    #expect(try sub.nextKey() == nil)
                    try sub.finish()
                }
            }
        }
    }

    @Test("peekKind names every kind and skips white space")
    func peekKinds() throws {
        let cases: [(String, JSONKind)] = [
            (" {}", .object), ("\n[]", .array), ("\t\"s\"", .string), ("\r-1", .number), ("7", .number),
            ("true", .bool), ("false", .bool), ("null", .null),
        ]
        for (text, kind) in cases {
            #expect((try? withReader(text) { (r) throws(JSONError) in try r.peekKind() }.get()) == kind)
        }
    }

    @Test("type mismatches name both kinds and point at the value")
    func typeMismatches() throws {
        func mismatch(_ text: String, _ read: (inout JSONReader) throws(JSONError) -> Void) -> JSONError.Kind? {
            if case .failure(let e) = withReader(text, read) { return e.kind }
            return nil
        }
        #expect(mismatch("12", { (r) throws(JSONError) in _ = try r.readString() }) == .typeMismatch(expected: .string, found: .number))
        #expect(mismatch("\"x\"", { (r) throws(JSONError) in _ = try r.readInteger() }) == .typeMismatch(expected: .number, found: .string))
        #expect(mismatch("null", { (r) throws(JSONError) in _ = try r.readBool() }) == .typeMismatch(expected: .bool, found: .null))
        #expect(mismatch("true", { (r) throws(JSONError) in try r.readNull() }) == .typeMismatch(expected: .null, found: .bool))
        #expect(mismatch("[]", { (r) throws(JSONError) in try r.beginObject() }) == .typeMismatch(expected: .object, found: .array))
        #expect(mismatch("{}", { (r) throws(JSONError) in try r.beginArray() }) == .typeMismatch(expected: .array, found: .object))
        #expect(mismatch("[1]", { (r) throws(JSONError) in _ = try r.readDouble() }) == .typeMismatch(expected: .number, found: .array))
        let e = withReader("{\"a\":  \"x\"}") { (r) throws(JSONError) in
            try r.beginObject()
            _ = try r.nextKey()
            _ = try r.readInteger()
        }
        if case .failure(let error) = e {
            #expect(error.offset == 7)
            #expect(error.description == "expected a number, found a string")
        } else {
            Issue.record("no error")
        }
    }

    @Test("readInteger accepts only whole numbers within Int64")
    func integers() throws {
        func read(_ text: String) -> Result<Int64, JSONError> {
            withReader(text) { (r) throws(JSONError) -> Int64 in
                let v = try r.readInteger()
                try r.finish()
                return v
            }
        }
        func kind(_ text: String) -> JSONError.Kind? {
            if case .failure(let e) = read(text) { return e.kind }
            return nil
        }
        #expect(try read("0").get() == 0)
        #expect(try read("-0").get() == 0)
        #expect(try read(" 42 ").get() == 42)
        #expect(try read("9223372036854775807").get() == Int64.max)
        #expect(try read("-9223372036854775808").get() == Int64.min)
        #expect(try read("999999999999999999").get() == 999_999_999_999_999_999)
        #expect(try read("-999999999999999999").get() == -999_999_999_999_999_999)
        #expect(try read("1000000000000000000").get() == 1_000_000_000_000_000_000)
        #expect(kind("9223372036854775808") == .integerOutOfRange)
        #expect(kind("-9223372036854775809") == .integerOutOfRange)
        #expect(kind("99999999999999999999999") == .integerOutOfRange)
        #expect(kind("18446744073709551616") == .integerOutOfRange)
        #expect(kind("1.0") == .notAnInteger)
        #expect(kind("1.5") == .notAnInteger)
        #expect(kind("1e3") == .notAnInteger)
        #expect(kind("-2E-1") == .notAnInteger)
        #expect(kind("01") == .syntax("invalid number: leading zeros are not allowed"))
        #expect(kind("1.") == .syntax("invalid number: expected a digit after '.'"))
        #expect(kind("-") == .syntax("invalid number: expected a digit after '-'"))
        #expect(kind("12a") == .syntax("trailing characters after the JSON value"))
        if case .failure(let e) = read("[1]") { #expect(e.kind == .typeMismatch(expected: .number, found: .array)) }
        if case .failure(let e) = read("  1.5") { #expect(e.offset == 2) }
    }

    @Test("readDouble reads any number")
    func doubles() throws {
        func read(_ text: String) -> Double? {
            try? withReader(text) { (r) throws(JSONError) -> Double in try r.readDouble() }.get()
        }
        #expect(read("1") == 1)
        #expect(read("-0.5") == -0.5)
        #expect(read("1e-2") == 0.01)
        #expect(read("333333333.33333329") == 333_333_333.333_333_3)
        #expect(read("1e-400") == 0)
        #expect(read("1e400") == nil)
    }

    @Test("readString decodes keys and values of every small-string size")
    func strings() throws {
        for n in 0...40 {
            let s = String((0..<n).map { Character(Unicode.Scalar(UInt8(97 + $0 % 26))) })
            let text = "{\"\(s)\":\"\(s)\"}"
            let result = withReader(text) { (r) throws(JSONError) -> (String?, String) in
                try r.beginObject()
                let k = try r.nextKey()
                let v = try r.readString()
                #expect(try r.nextKey() == nil)
                try r.finish()
                return (k, v)
            }
            let (k, v) = try result.get()
            #expect(k == s)
            #expect(v == s)
        }
    }

    @Test("the reader enforces structure even if the caller misuses it")
    func misuse() throws {
        func fails(_ text: String, _ body: (inout JSONReader) throws(JSONError) -> Void) -> String? {
            if case .failure(let e) = withReader(text, body) { return e.description }
            return nil
        }
        #expect(fails("\"a\" \"b\"", { (r) throws(JSONError) in _ = try r.readString(); _ = try r.readString() })
            == "trailing characters after the JSON value")
        #expect(fails("\"a\"", { (r) throws(JSONError) in _ = try r.readString(); _ = try r.readString() })
            == "reader misuse: the JSON value was already read")
        #expect(fails("[1 2]", { (r) throws(JSONError) in
            try r.beginArray(); _ = try r.readInteger(); _ = try r.readInteger()
        }) == "expected ',' or ']' after an array element")
        #expect(fails("{\"a\":1 \"b\":2}", { (r) throws(JSONError) in
            try r.beginObject(); _ = try r.nextKey(); _ = try r.readInteger(); _ = try r.readString()
        }) == "expected ',' or '}' after an object member")
        #expect(fails("{\"a\":1}", { (r) throws(JSONError) in
            try r.beginObject(); _ = try r.nextKey(); _ = try r.hasNextElement()
        }) == "reader misuse: hasNextElement() called outside an array")
        #expect(fails("[1]", { (r) throws(JSONError) in
            try r.beginArray(); _ = try r.nextKey()
        }) == "reader misuse: nextKey() called outside an object")
        #expect(fails("{\"a\":1}", { (r) throws(JSONError) in
            try r.beginObject(); _ = try r.nextKey(); _ = try r.nextKey()
        }) == "reader misuse: the previous member's value was not read")
        #expect(fails("{\"a\":1}", { (r) throws(JSONError) in
            try r.beginObject(); _ = try r.readString()
        }) == "reader misuse: read the object's keys with nextKey()")
        #expect(fails("{\"a\":1}", { (r) throws(JSONError) in
            try r.beginObject(); try r.finish()
        }) == "reader misuse: finish() called before the JSON value was fully read")
        #expect(fails("[1]", { (r) throws(JSONError) in _ = try r.nextKey() })
            == "reader misuse: nextKey() called outside an object")
        // Reading an array element without hasNextElement() still works, and ']' is not a value.
        #expect(fails("[]", { (r) throws(JSONError) in try r.beginArray(); _ = try r.readInteger() })
            == "expected a value, found ']'")
        // Calls after an error never trap.
        _ = withReader("{\"a\":tru}") { (r) throws(JSONError) in
            try? r.beginObject()
            _ = try? r.nextKey()
            _ = try? r.readBool()
            for _ in 0..<10 {
                _ = try? r.nextKey(); _ = try? r.hasNextElement(); _ = try? r.skipValue(); _ = try? r.readString()
                try? r.finish()
            }
        }
    }

    @Test("finish accepts trailing JSON white space only; isAtEnd agrees")
    func finishing() throws {
        func readThenFinish(_ text: String) -> Bool {
            let result = withReader(text) { (r) throws(JSONError) -> Void in
                _ = try r.readInteger()
                try r.finish()
            }
            if case .success = result { return true }
            return false
        }
        #expect(readThenFinish("1 \n\r\t"))
        #expect(!readThenFinish("1 \u{C}"))
        let atEnd = withReader("[1] ") { (r) throws(JSONError) -> Bool in
            let before = r.isAtEnd
            _ = try r.skipValue()
            return !before && r.isAtEnd
        }
        #expect(try atEnd.get())
    }

    @Test("skipValue returns the exact byte range of any value")
    func skipRanges() throws {
        let line = #"  [ "a" , 12.5e3 , { "k" : [ true , null ] } , -0 ]  "#
        let bytes = Array(line.utf8)
        let elements = try bytes.withUnsafeBytes { raw in Result { () throws(JSONError) -> [String] in
            var r = JSONReader(bytes: raw)
            var out: [String] = []
            try r.beginArray()
            while try r.hasNextElement() {
                let range = try r.skipValue()
                out.append(String(decoding: bytes[range], as: UTF8.self))
            }
            try r.finish()
            return out
        } }.get()
        #expect(elements == ["\"a\"", "12.5e3", "{ \"k\" : [ true , null ] }", "-0"])
        #expect(try validate(bytes).get() == 2..<(bytes.count - 2))
    }

    @Test("readStringRange gives the validated content without making a String")
    func stringRanges() throws {
        let bytes = Array(#"["2025-03-04T21:15:00+01:00","a\nb",12,"\ud800"]"#.utf8)
        let result = bytes.withUnsafeBytes { raw in
            Result { () throws(JSONError) -> [String] in
                var r = JSONReader(bytes: raw)
                var out: [String] = []
                try r.beginArray()
                #expect(try r.hasNextElement())
                let first = try r.readStringRange()
                #expect(first.content == 2..<27 && !first.isEscaped)
                out.append(String(decoding: r.bytes(in: first.content), as: UTF8.self))
                #expect(try r.hasNextElement())
                let second = try r.readStringRange()
                #expect(second.isEscaped)
                out.append(String(decoding: r.bytes(in: second.content), as: UTF8.self))
                #expect(try r.hasNextElement())
                #expect(throws: JSONError(kind: .typeMismatch(expected: .string, found: .number), offset: 36)) {
                    try r.readStringRange()
                }
                _ = try r.skipValue()
                #expect(try r.hasNextElement())
                _ = try r.readStringRange()   // lone surrogate: throws
                return out
            }
        }
        guard case .failure(let e) = result else { Issue.record("lone surrogate accepted"); return }
        #expect(e.description == "lone surrogate \\ud800")
        bytes.withUnsafeBytes { raw in
            let r = JSONReader(bytes: raw)
            #expect(r.bytes(in: -3..<2).count == 2)
            #expect(r.bytes(in: 40..<400).count == bytes.count - 40)
            #expect(r.bytes(in: 400..<500).isEmpty)
        }
    }

    @Test("reader(for:) clamps ranges outside the buffer")
    func subReaderClamping() throws {
        let bytes = Array("[1,2]".utf8)
        bytes.withUnsafeBytes { raw in
            let r = JSONReader(bytes: raw)
            var a = r.reader(for: 3..<100)
            #expect((try? a.readInteger()) == 2)
            var b = r.reader(for: 50..<100)
            #expect(throws: JSONError.self) { try b.readInteger() }
            var c = r.reader(for: -5..<2)
            #expect(throws: JSONError.self) { try c.skipValue() }
        }
    }

    @Test("an empty buffer is handled")
    func emptyBuffer() throws {
        var r = JSONReader(bytes: UnsafeRawBufferPointer(start: nil, count: 0))
        #expect(throws: JSONError.self) { try r.peekKind() }
        #expect(throws: JSONError.self) { try r.skipValue() }
        #expect(throws: JSONError.self) { try r.finish() }
    }
}

// MARK: - Differential, round-trip and fuzz

@Suite("JSONReader: differential and fuzz")
struct JSONReaderFuzzTests {
    fileprivate static func randomScalar(_ rng: inout JSONTestRandom) -> Unicode.Scalar {
        switch rng.next() % 8 {
        case 0: return Unicode.Scalar(UInt8(rng.next() % 0x20))
        case 1: return ["\"", "\\", "/", "\u{7F}", "\u{2028}"].randomElement(using: &rng) ?? "a"
        case 2: return Unicode.Scalar(UInt32(0x80 + rng.next() % 0x780)) ?? "b"
        case 3: return Unicode.Scalar(UInt32(0xE000 + rng.next() % 0x2000)) ?? "c"
        case 4: return Unicode.Scalar(UInt32(0x10000 + rng.next() % 0x100000)) ?? "d"
        case 5: return Unicode.Scalar(UInt32(0x800 + rng.next() % 0xD000)).flatMap { ($0.value >= 0xD800 && $0.value < 0xE000) ? nil : $0 } ?? "e"
        default: return Unicode.Scalar(UInt8(0x20 + rng.next() % 0x5F))
        }
    }

    @Test("random strings survive writer -> reader, and \\u-escaped forms decode to the same string")
    func stringRoundTrip() throws {
        var rng = JSONTestRandom(seed: 1)
        for _ in 0..<3000 {
            var scalars = String.UnicodeScalarView()
            for _ in 0..<Int(rng.next() % 40) { scalars.append(Self.randomScalar(&rng)) }
            let s = String(scalars)
            var w = CanonicalJSONWriter()
            w.string(s)
            #expect(try JSONValue.parse(w.bytes) == .string(s))
            // Every scalar as \uXXXX (surrogate pairs for astral ones), upper or lower case.
            var escaped = "\""
            for unit in s.utf16 {
                let hex = String(unit, radix: 16)
                let padded = String(repeating: "0", count: 4 - hex.count) + hex
                escaped += "\\u" + (rng.next() % 2 == 0 ? padded : padded.uppercased())
            }
            escaped += "\""
            #expect(try JSONValue.parse(Array(escaped.utf8)) == .string(s))
            // Foundation agrees on the decoded value.
            let foundation = try JSONSerialization.jsonObject(with: Data(w.bytes), options: [.fragmentsAllowed]) as? String
            #expect(foundation == s)
        }
    }

    fileprivate static func randomValue(_ rng: inout JSONTestRandom, depth: Int) -> JSONValue {
        switch rng.next() % (depth > 4 ? 6 : 8) {
        case 0: return .null
        case 1: return .bool(rng.next() % 2 == 0)
        case 2: return .integer(Int64(bitPattern: rng.next()) >> (rng.next() % 64))
        case 3:
            let d = Double(bitPattern: rng.next())
            return d.isFinite ? .number(d) : .number(Double(Int64(bitPattern: rng.next() >> 20)) / 1000)
        case 4, 5:
            var scalars = String.UnicodeScalarView()
            for _ in 0..<Int(rng.next() % 12) { scalars.append(randomScalar(&rng)) }
            return .string(String(scalars))
        case 6: return .array((0..<Int(rng.next() % 5)).map { _ in randomValue(&rng, depth: depth + 1) })
        default:
            var members: [JSONMember] = []
            var seen = Set<String>()
            for _ in 0..<Int(rng.next() % 5) {
                var scalars = String.UnicodeScalarView()
                for _ in 0..<Int(rng.next() % 6) { scalars.append(randomScalar(&rng)) }
                let key = String(scalars)
                if seen.insert(key).inserted { members.append(JSONMember(key, randomValue(&rng, depth: depth + 1))) }
            }
            return .object(members)
        }
    }

    /// Sorts object members the RFC 8785 way so trees can be compared after canonicalization.
    static func sorted(_ v: JSONValue) -> JSONValue {
        switch v {
        case .array(let items): return .array(items.map(sorted))
        case .object(let members):
            return .object(members.map { JSONMember($0.key, sorted($0.value)) }
                .sorted { $0.key.utf16.lexicographicallyPrecedes($1.key.utf16) })
        case .integer(let i):
            return .number(Double(i))   // canonical "5" re-reads as an integer, 1e20 as a number
        case .number(let d):
            return .number(d)
        default: return v
        }
    }

    @Test("random trees: canonicalBytes re-parses to the same tree and is idempotent")
    func treeRoundTrip() throws {
        var rng = JSONTestRandom(seed: 2)
        for _ in 0..<2000 {
            let value = Self.randomValue(&rng, depth: 0)
            let canonical = value.canonicalBytes()
            let reparsed = try JSONValue.parse(canonical)
            #expect(Self.sorted(reparsed) == Self.sorted(value))
            #expect(reparsed.canonicalBytes() == canonical)
            #expect(try validate(canonical).get() == 0..<canonical.count)
            // Foundation accepts what we write.
            #expect((try? JSONSerialization.jsonObject(with: Data(canonical), options: [.fragmentsAllowed])) != nil)
        }
    }

    static let seeds: [String] = [
        #"{"type":"sale","seq":12,"amount":-5,"tags":["a","b\u00e9"],"meta":{"x":[1,{"y":2.5e-3}],"flag":true},"note":null}"#,
        #"[0,-0,1.5,-1e10,true,false,null,"",{},[],{"a":[{"b":"\ud83d\ude00"}]}]"#,
        #""esc \" \\ \/ \b \f \n \r \t \u0041 é € 😀""#,
        #"{"k":"v","n":123456789012345678}"#,
    ]

    @Test("truncated and mutated inputs throw or succeed, never trap; both validators agree")
    func fuzz() throws {
        var rng = JSONTestRandom(seed: 3)
        var inputs: [[UInt8]] = []
        for seed in Self.seeds {
            let bytes = Array(seed.utf8)
            for cut in 0..<bytes.count { inputs.append(Array(bytes[0..<cut])) }
            for _ in 0..<6000 {
                var m = bytes
                for _ in 0..<(1 + Int(rng.next() % 3)) {
                    let i = Int(rng.next() % UInt64(m.count))
                    switch rng.next() % 4 {
                    case 0: m[i] = UInt8(truncatingIfNeeded: rng.next())
                    case 1: m.remove(at: i)
                    case 2: m.insert(Array("{}[]\",:\\ue0.-+ \u{1}".utf8).randomElement(using: &rng) ?? 0, at: i)
                    default: m[i] ^= UInt8(1) << UInt8(rng.next() % 8)
                    }
                    if m.isEmpty { break }
                }
                inputs.append(m)
            }
        }
        let alphabet = Array("{}[]\",:\\/ubfnrt0123456789.eE+-aelsunl \t\n".utf8) + [0x00, 0x1F, 0x7F, 0x80, 0xC3, 0xA9, 0xED, 0xA0, 0xF0, 0x9F, 0xFF]
        for _ in 0..<100_000 {
            inputs.append((0..<Int(rng.next() % 24)).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] })
        }
        var accepted = 0
        for input in inputs {
            let tree = parseBytes(input)
            let pulled = validate(input)
            switch (tree, pulled) {
            case (.success(let v), .success):
                accepted += 1
                #expect((try? JSONValue.parse(v.canonicalBytes())) != nil)
            case (.failure, .failure):
                break
            case (.failure(let e), .success):
                // Only the tree-level limits may differ.
                let reason = syntaxReason(e) ?? ""
                #expect(reason.hasPrefix("duplicate key") || reason.hasPrefix("number too large"), "\(input): \(e)")
            case (.success, .failure(let e)):
                Issue.record("tree accepted but skipValue rejected \(input): \(e)")
            }
            // Sanity check: every tree we accept is valid JSON for Foundation too (Foundation
            // rejects numbers beyond Double's range, like the tree does).
            if case .success = tree {
                #expect((try? JSONSerialization.jsonObject(with: Data(input), options: [.fragmentsAllowed])) != nil, "\(input) \(String(decoding: input, as: UTF8.self).debugDescription)")
            }
        }
        #expect(accepted > 100)
    }
}
