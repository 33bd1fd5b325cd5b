import Testing
@testable import PLPJSON

private func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

private func canonical(_ json: String) throws -> String {
    text(try JSONValue.parse(Array(json.utf8)).canonicalBytes())
}

@Suite("CanonicalJSONWriter")
struct CanonicalJSONWriterTests {
    @Test("writes commas, keys and nesting")
    func structure() throws {
        var w = CanonicalJSONWriter()
        w.beginObject()
        w.key("a")
        w.integer(1)
        w.key("b")
        w.beginArray()
        w.integer(2)
        w.beginObject()
        w.endObject()
        w.beginArray()
        w.endArray()
        w.string("x")
        w.beginObject()
        w.key("c")
        w.null()
        w.key(String("d"))
        w.bool(true)
        w.endObject()
        w.endArray()
        w.key("e")
        w.bool(false)
        w.endObject()
        #expect(text(w.bytes) == #"{"a":1,"b":[2,{},[],"x",{"c":null,"d":true}],"e":false}"#)
        #expect(w.depth == 0)
    }

    @Test("top-level scalars and empty containers")
    func scalars() throws {
        var w = CanonicalJSONWriter()
        w.integer(0)
        #expect(text(w.bytes) == "0")
        w.reset()
        w.integer(Int64.min)
        #expect(text(w.bytes) == "-9223372036854775808")
        w.reset()
        w.integer(Int64.max)
        #expect(text(w.bytes) == "9223372036854775807")
        w.reset()
        w.integer(-10)
        #expect(text(w.bytes) == "-10")
        w.reset()
        w.beginArray()
        w.endArray()
        #expect(text(w.bytes) == "[]")
        w.reset()
        w.beginArray()
        w.null()
        w.bool(true)
        w.bool(false)
        w.integer(7)
        w.endArray()
        #expect(text(w.bytes) == "[null,true,false,7]")
    }

    @Test("reset empties the buffer and keeps its capacity")
    func resetKeepsCapacity() throws {
        var w = CanonicalJSONWriter(capacity: 1024)
        w.beginObject()
        w.key("k")
        w.beginArray()
        w.reset()
        #expect(w.bytes.isEmpty)
        #expect(w.bytes.capacity >= 1024)
        #expect(w.depth == 0)
        w.beginArray()
        w.integer(1)
        w.integer(2)
        w.endArray()
        #expect(text(w.bytes) == "[1,2]")
    }

    @Test("string escaping follows RFC 8785")
    func stringEscaping() throws {
        var w = CanonicalJSONWriter()
        w.string("\"\\/\u{8}\u{C}\n\r\t")
        #expect(text(w.bytes) == #""\"\\/\b\f\n\r\t""#)
        for c in UInt8(0)..<0x20 {
            w.reset()
            w.string(String(UnicodeScalar(c)))
            let expected: String
            switch c {
            case 0x08: expected = #""\b""#
            case 0x09: expected = #""\t""#
            case 0x0A: expected = #""\n""#
            case 0x0C: expected = #""\f""#
            case 0x0D: expected = #""\r""#
            default:
                let hex = String(c, radix: 16)
                expected = "\"\\u00" + (hex.count == 1 ? "0" + hex : hex) + "\""
            }
            #expect(text(w.bytes) == expected)
        }
        w.reset()
        w.string("\u{7F}\u{80}\u{2028}\u{2029}é€😀\u{FEFF}")
        #expect(text(w.bytes) == "\"\u{7F}\u{80}\u{2028}\u{2029}é€😀\u{FEFF}\"")
        w.reset()
        w.string("\u{1F}")
        #expect(text(w.bytes) == #""\u001f""#)
    }

    @Test("keys are escaped like strings")
    func keyEscaping() throws {
        var w = CanonicalJSONWriter()
        w.beginObject()
        w.key("a\"b")
        w.integer(1)
        w.key(String("\n"))
        w.integer(2)
        w.endObject()
        #expect(text(w.bytes) == #"{"a\"b":1,"\n":2}"#)
    }

    @Test("rawValue inserts a canonical value with the right commas")
    func raw() throws {
        var w = CanonicalJSONWriter()
        let inner = Array(#"{"x":[1,2]}"#.utf8)
        w.beginArray()
        inner.withUnsafeBytes { w.rawValue($0) }
        inner.withUnsafeBytes { w.rawValue($0) }
        w.endArray()
        #expect(text(w.bytes) == #"[{"x":[1,2]},{"x":[1,2]}]"#)
        w.reset()
        w.beginObject()
        w.key("a")
        inner.withUnsafeBytes { w.rawValue($0) }
        w.key("b")
        inner.withUnsafeBytes { w.rawValue($0) }
        w.endObject()
        #expect(text(w.bytes) == #"{"a":{"x":[1,2]},"b":{"x":[1,2]}}"#)
    }

    @Test("strings from non-native storage are written correctly")
    func substringsAndLongStrings() throws {
        var w = CanonicalJSONWriter()
        let long = String(repeating: "abcdefghij", count: 100) + "\n"
        w.string(long)
        #expect(w.bytes.count == long.utf8.count + 3)
        let sub = "xx-yy"
        w.reset()
        w.string(String(sub.dropFirst(3)))
        #expect(text(w.bytes) == "\"yy\"")
    }

    @Test("numbers are written as ECMAScript writes them")
    func ecmaScriptNumbers() throws {
        let cases: [(Double, String)] = [
            (0, "0"), (-0.0, "0"), (1, "1"), (-1, "-1"), (4.5, "4.5"), (4.50, "4.5"), (0.002, "0.002"),
            (2e-3, "0.002"), (1e30, "1e+30"), (1e21, "1e+21"), (1e20, "100000000000000000000"),
            (123456789012345683968, "123456789012345680000"), (1e-7, "1e-7"), (0.000001, "0.000001"),
            (0.0000012345, "0.0000012345"), (1.2345e-7, "1.2345e-7"), (333333333.33333329, "333333333.3333333"),
            (1e-27, "1e-27"), (Double.leastNonzeroMagnitude, "5e-324"), (1.7976931348623157e308, "1.7976931348623157e+308"),
            (9007199254740992, "9007199254740992"), (9007199254740994, "9007199254740994"),
            (295147905179352825856, "295147905179352830000"), (0.1, "0.1"), (-0.1, "-0.1"), (100, "100"),
            (1e23, "1e+23"), (1.5e300, "1.5e+300"), (-1.5e-300, "-1.5e-300"), (123.456, "123.456"),
            (1e16, "10000000000000000"), (12345678901234568, "12345678901234568"),
            (4.35, "4.35"), (0.5, "0.5"), (2.5e-6, "0.0000025"), (2.5e-7, "2.5e-7"),
        ]
        for (value, expected) in cases {
            var w = CanonicalJSONWriter()
            w.number(value)
            #expect(text(w.bytes) == expected, "\(value)")
        }
        var w = CanonicalJSONWriter()
        w.beginArray()
        w.number(.nan)
        w.number(.infinity)
        w.endArray()
        #expect(text(w.bytes) == "[null,null]")
    }

    @Test("the writer does not reallocate once warmed up")
    func noGrowthAfterWarmUp() throws {
        var w = CanonicalJSONWriter(capacity: 256)
        func write(_ w: inout CanonicalJSONWriter) {
            w.reset()
            w.beginObject()
            w.key("a")
            w.beginArray()
            w.beginObject()
            w.key("b")
            w.string("value")
            w.endObject()
            w.endArray()
            w.key("n")
            w.integer(-123)
            w.endObject()
        }
        write(&w)
        let address = w.bytes.withUnsafeBufferPointer { $0.baseAddress }
        for _ in 0..<100 { write(&w) }
        #expect(w.bytes.withUnsafeBufferPointer { $0.baseAddress } == address)
    }
}

@Suite("RFC 8785 canonicalization")
struct JCSTests {
    @Test("RFC 8785 §3.2.3: keys sorted by UTF-16 code units")
    func keySorting() throws {
        let input = #"""
        {
          "\u20ac": "Euro Sign",
          "\r": "Carriage Return",
          "\ufb33": "Hebrew Letter Dalet With Dagesh",
          "1": "One",
          "\ud83d\ude00": "Emoji: Grinning Face",
          "\u0080": "Control",
          "\u00f6": "Latin Small Letter O With Diaeresis"
        }
        """#
        let expected = "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u{80}\":\"Control\",\"ö\":\"Latin Small Letter O With Diaeresis\",\"€\":\"Euro Sign\",\"😀\":\"Emoji: Grinning Face\",\"\u{FB33}\":\"Hebrew Letter Dalet With Dagesh\"}"
        #expect(try canonical(input) == expected)
    }

    @Test("RFC 8785 §3.2.2 example (strings, literals, numbers)")
    func rfcExample() throws {
        let input = #"""
        {
          "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
          "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
          "literals": [null, true, false]
        }
        """#
        let expected = #"{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}"#
        #expect(try canonical(input) == expected)
    }

    @Test("nesting, integers and literals")
    func nested() throws {
        #expect(try canonical(#" { "b" : [ 3 , { "z" : null , "a" : true } ] , "a" : -0 , "": "" } "#)
            == #"{"":"","a":0,"b":[3,{"a":true,"z":null}]}"#)
        #expect(try canonical("[9223372036854775807,-9223372036854775808,1.0,1e2]")
            == "[9223372036854775807,-9223372036854775808,1,100]")
        // UTF-16 order differs from scalar order above the BMP: U+1F600 (D83D) sorts before U+FB33.
        #expect(try canonical(#"{"\ufb33":1,"\ud83d\ude00":2,"\uffff":3}"#)
            == "{\"😀\":2,\"\u{FB33}\":1,\"\u{FFFF}\":3}")
    }

    @Test("pull reader -> writer streaming copy equals canonicalBytes for sorted input")
    func streamingCopy() throws {
        let input = #"{"a":[1,"x\u0001",{"b":false,"c":null}],"d":{"e":-7},"f":"é😀"}"#
        let bytes = Array(input.utf8)
        var w = CanonicalJSONWriter()
        let result = bytes.withUnsafeBytes { raw in
            Result { () throws(JSONError) in
                var r = JSONReader(bytes: raw)
                try Self.copy(&r, to: &w)
                try r.finish()
            }
        }
        try result.get()
        #expect(w.bytes == (try JSONValue.parse(bytes)).canonicalBytes())
    }

    static func copy(_ r: inout JSONReader, to w: inout CanonicalJSONWriter) throws(JSONError) {
        switch try r.peekKind() {
        case .object:
            try r.beginObject()
            w.beginObject()
            while let key = try r.nextKey() {
                w.key(key)
                try copy(&r, to: &w)
            }
            w.endObject()
        case .array:
            try r.beginArray()
            w.beginArray()
            while try r.hasNextElement() { try copy(&r, to: &w) }
            w.endArray()
        case .string: w.string(try r.readString())
        case .number: w.integer(try r.readInteger())
        case .bool: w.bool(try r.readBool())
        case .null:
            try r.readNull()
            w.null()
        }
    }

    @Test("JSONValue accessors")
    func accessors() throws {
        let v = try JSONValue.parse(Array(#"{"s":"x","i":3,"d":1.5,"b":true,"a":[1],"o":{},"n":null}"#.utf8))
        #expect(v["s"]?.stringValue == "x")
        #expect(v["i"]?.integerValue == 3)
        #expect(v["i"]?.doubleValue == 3)
        #expect(v["d"]?.doubleValue == 1.5)
        #expect(v["b"]?.boolValue == true)
        #expect(v["a"]?[0] == .integer(1))
        #expect(v["a"]?[5] == nil)
        #expect(v["o"]?.objectMembers?.isEmpty == true)
        #expect(v["n"]?.isNull == true)
        #expect(v["missing"] == nil)
        #expect(v["s"]?["x"] == nil)
        #expect(v.kind == .object)
        #expect(v["d"]?.kind == .number)
    }

    @Test("escapes a special byte wherever it falls in a long string (the 8-byte scan)")
    func escapesAtEveryPosition() throws {
        for special in [UInt8(0x00), 0x0A, 0x1F, UInt8(ascii: "\""), UInt8(ascii: "\\"), 0x7F, 0xC3] {
            for length in 1...24 {
                for position in 0..<length {
                    var utf8 = [UInt8](repeating: UInt8(ascii: "a"), count: length)
                    utf8[position] = special
                    if special == 0xC3 { utf8.insert(0xA9, at: position + 1) }   // é, two bytes
                    let string = String(decoding: utf8, as: UTF8.self)
                    var w = CanonicalJSONWriter()
                    utf8.withUnsafeBytes { w.rawString($0) }
                    #expect(text(w.bytes) == "\"" + Self.naivelyEscaped(string) + "\"", "\(special) at \(position) of \(length)")
                }
            }
        }
    }

    @Test("commas stay right beyond 64 levels of nesting (where the flags leave the bit stack)")
    func deepNesting() {
        var w = CanonicalJSONWriter()
        var expected = ""
        for _ in 0..<70 {
            w.beginArray(); w.integer(1)
            expected += "[1,"
        }
        for level in 0..<70 {
            w.integer(2); w.endArray()
            expected += level == 69 ? "2]" : "2],"
        }
        #expect(text(w.bytes) == expected)
        #expect(w.depth == 0)
        w.reset()
        w.beginObject(); w.key("a"); w.integer(1); w.key("b"); w.beginArray(); w.endArray(); w.endObject()
        #expect(text(w.bytes) == #"{"a":1,"b":[]}"#)
    }

    /// RFC 8785 escaping written out one character at a time.
    static func naivelyEscaped(_ string: String) -> String {
        var out = ""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = Array("0123456789abcdef")
                out += "\\u00" + String(hex[Int(scalar.value >> 4)]) + String(hex[Int(scalar.value & 0xF)])
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
