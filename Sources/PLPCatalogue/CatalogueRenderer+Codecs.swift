// The derived files: line decoder, stored form, canonical line, stored-bytes transcoder.

extension CatalogueRenderer {
    /// `init(decoding:)` of each payload and `EventPayload.decode(_:from: DataDecoder)`.
    static func lineDecoderFile(_ catalogue: [EventTypeDescription]) -> [String] {
        var out: [String] = []
        for type in catalogue {
            out += ["extension \(type.name) {", "    public init(decoding d: inout DataDecoder) throws(EventLineError) {"]
            if type.fields.isEmpty {
                out.append("        try d.forEachField(of: Self.self) { _, _ throws(EventLineError) in false }")
            } else {
                for field in type.fields { out.append("        var \(field.name): \(field.kind.swiftType)?") }
                out += ["        try d.forEachField(of: Self.self) { key, d throws(EventLineError) in", "            switch key {"]
                for field in type.fields { out.append("            case \"\(field.name)\": \(field.name) = try \(field.kind.lineDecoderCall)") }
                out += ["            default: return false", "            }", "            return true", "        }", "        self.init("]
                let arguments = type.fields.map { field in
                    "            \(field.name): " + (field.isOptional ? field.name : "try d.required(\(field.name), \"\(field.name)\")")
                }
                out.append(arguments.joined(separator: ",\n"))
                out.append("        )")
            }
            out += ["    }", "}", ""]
        }
        out += ["extension EventPayload {", "    /// Reads and checks the `data` object of an event of type `type`.",
                "    public static func decode(_ type: EventType, from d: inout DataDecoder) throws(EventLineError) -> EventPayload {",
                "        switch type {"]
        for type in catalogue { out.append("        case .\(type.caseName): .\(type.caseName)(try \(type.name)(decoding: &d))") }
        out += ["        }", "    }", "}"]
        return out
    }

    /// `init(reading:)` and `encodeBinary(into:)` of each payload, and `EventPayload`'s stored form.
    static func storedFormFile(_ catalogue: [EventTypeDescription]) -> [String] {
        var out: [String] = []
        for type in catalogue {
            out += ["extension \(type.name) {", "    public init(reading r: inout BinaryReader) throws(BinaryFormatError) {"]
            if !type.fields.isEmpty {
                out.append("        self.init(")
                let arguments = type.fields.map { field in
                    "            \(field.name): try \(field.kind.storedRead(optional: field.isOptional) ?? "")"
                }
                out.append(arguments.joined(separator: ",\n"))
                out.append("        )")
            }
            out += ["    }", "", "    public func encodeBinary(into w: inout BinaryWriter) {"]
            for field in type.fields { out.append("        " + field.kind.storedWrite(field.name, optional: field.isOptional)) }
            out += ["    }", "}", ""]
        }
        out += ["extension EventPayload {", "    /// Reads the stored form of a payload of type `type`.",
                "    public static func decode(_ type: EventType, from r: inout BinaryReader) throws(BinaryFormatError) -> EventPayload {",
                "        switch type {"]
        for type in catalogue { out.append("        case .\(type.caseName): .\(type.caseName)(try \(type.name)(reading: &r))") }
        out += ["        }", "    }", "", "    /// Writes the stored form.", "    public func encodeBinary(into w: inout BinaryWriter) {",
                "        switch self {"]
        for type in catalogue { out.append("        case .\(type.caseName)(let body): body.encodeBinary(into: &w)") }
        out += ["        }", "    }", "}"]
        return out
    }

    /// `encodeJSON(into:)` of each payload (keys in canonical order) and of `EventPayload`.
    static func canonicalLineFile(_ catalogue: [EventTypeDescription]) -> [String] {
        var out: [String] = []
        for type in catalogue {
            out += ["extension \(type.name) {", "    public func encodeJSON<Writer: JSONLineWriting>(into w: inout Writer) {", "        w.beginObject()"]
            for field in type.canonicalFields {
                out.append("        " + member(field, field.kind.canonicalWrite(field.name)))
            }
            out += ["        w.endObject()", "    }", "}", ""]
        }
        out += ["extension EventPayload {", "    /// Writes the `data` object in canonical JSON.",
                "    public func encodeJSON<Writer: JSONLineWriting>(into w: inout Writer) {", "        switch self {"]
        for type in catalogue { out.append("        case .\(type.caseName)(let body): body.encodeJSON(into: &w)") }
        out += ["        }", "    }", "}"]
        return out
    }

    /// `<Type>.StoredView` of each type the catalogue asks one for: its stored fields read in place, strings as their
    /// UTF-8 bytes in the stored record (no `String` built), for the hot paths that read a few fields of many events.
    static func storedViewFile(_ catalogue: [EventTypeDescription]) -> [String] {
        var out: [String] = []
        for type in catalogue where type.hasStoredView && !type.fields.isEmpty {
            out += ["extension \(type.name) {",
                    "    /// The stored fields of a `\(type.name)` read in place: strings are their UTF-8 bytes in the stored record,",
                    "    /// valid as long as those bytes are.",
                    "    public struct StoredView {"]
            for field in type.fields { out.append("        public let \(field.name): \(field.viewType)") }
            out += ["", "        /// Reads the fields from `r`, positioned at the payload of a stored record.",
                    "        public init(reading r: inout BinaryReader) throws(BinaryFormatError) {"]
            for field in type.fields {
                out.append("            \(field.name) = try \(field.kind.transcoderRead(optional: field.isOptional) ?? "")")
            }
            out += ["        }", "    }", "}", ""]
        }
        if out.last == "" { out.removeLast() }
        return out
    }

    /// `StoredEventTranscoder.transcodePayload`: each stored payload read in stored order, written in canonical order.
    static func transcoderFile(_ catalogue: [EventTypeDescription]) -> [String] {
        var out = ["extension StoredEventTranscoder {", "    /// Writes the `data` object of a stored payload of type `type`.",
                   "    static func transcodePayload<Writer: JSONLineWriting>(_ type: EventType, from r: inout BinaryReader, into w: inout Writer) throws(BinaryFormatError) {",
                   "        switch type {"]
        for type in catalogue {
            out.append("        case .\(type.caseName):")
            for field in type.fields {
                out.append("            let \(field.name) = try \(field.kind.transcoderRead(optional: field.isOptional) ?? "")")
            }
            out.append("            w.beginObject()")
            for field in type.canonicalFields {
                out.append("            " + member(field, field.kind.transcoderWrite(field.name)))
            }
            out.append("            w.endObject()")
        }
        out += ["        }", "    }", "}"]
        return out
    }

    /// One member of a `data` object: key and value, written only when present for an optional field.
    private static func member(_ field: FieldDescription, _ value: String) -> String {
        let statement = "w.key(\"\(field.name)\"); \(value)"
        return field.isOptional ? "if let \(field.name) { \(statement) }" : statement
    }
}
