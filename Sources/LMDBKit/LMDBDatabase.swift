import CLMDB

/// Flags for opening a named database (`mdb_dbi_open`).
///
/// All flags but `create` are persistent: they are stored with the database and must be given
/// identically every time it is opened (`LMDBEnvironment.openDatabase` checks this).
public struct LMDBDatabaseFlags: OptionSet, Sendable, Hashable {
    /// The raw LMDB flag bits.
    public let rawValue: UInt32

    /// Creates flags from raw LMDB flag bits.
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// `MDB_CREATE`: create the database if it does not exist (not persistent; ignored when read-only).
    public static let create = LMDBDatabaseFlags(rawValue: UInt32(MDB_CREATE))
    /// `MDB_DUPSORT`: a key may have several sorted values.
    public static let dupSort = LMDBDatabaseFlags(rawValue: UInt32(MDB_DUPSORT))
    /// `MDB_DUPFIXED`: with `dupSort`, all values of a key have the same size (enables `getMultiple`).
    public static let dupFixed = LMDBDatabaseFlags(rawValue: UInt32(MDB_DUPFIXED))
    /// `MDB_INTEGERKEY`: keys are native-endian `UInt32` or `size_t`, compared as integers.
    public static let integerKey = LMDBDatabaseFlags(rawValue: UInt32(MDB_INTEGERKEY))
    /// `MDB_REVERSEKEY`: keys are compared from their last byte to their first.
    public static let reverseKey = LMDBDatabaseFlags(rawValue: UInt32(MDB_REVERSEKEY))
    /// `MDB_INTEGERDUP`: with `dupSort`, values are native-endian integers compared as such.
    public static let integerDup = LMDBDatabaseFlags(rawValue: UInt32(MDB_INTEGERDUP))
    /// `MDB_REVERSEDUP`: with `dupSort`, values are compared from their last byte to their first.
    public static let reverseDup = LMDBDatabaseFlags(rawValue: UInt32(MDB_REVERSEDUP))

    /// The flags that are stored with the database (all but `create`).
    public var persistent: LMDBDatabaseFlags {
        LMDBDatabaseFlags(rawValue: rawValue & ~UInt32(MDB_CREATE))
    }
}

/// A handle to a named database inside an environment: a cheap value, valid for the lifetime of the
/// environment that returned it (see `LMDBEnvironment.openDatabase`).
///
/// A handle is only meaningful in the environment that opened it; using it with another environment
/// reads or writes an unrelated database.
public struct LMDBDatabase: Sendable, Hashable, CustomStringConvertible {
    /// The LMDB handle (`MDB_dbi`).
    let dbi: MDB_dbi

    /// The name the database was opened with.
    public let name: String

    /// The persistent flags of the database, as stored in the environment.
    public let flags: LMDBDatabaseFlags

    init(dbi: MDB_dbi, name: String, flags: LMDBDatabaseFlags) {
        self.dbi = dbi
        self.name = name
        self.flags = flags
    }

    /// The database name, for messages.
    public var description: String { "database '\(name)'" }
}

/// Statistics of a database (`mdb_stat`).
public struct LMDBStat: Sendable, Hashable {
    /// Size of a database page in bytes.
    public var pageSize: Int
    /// Depth (height) of the B-tree.
    public var depth: Int
    /// Number of internal (non-leaf) pages.
    public var branchPages: Int
    /// Number of leaf pages.
    public var leafPages: Int
    /// Number of overflow pages (values larger than about half a page).
    public var overflowPages: Int
    /// Number of data items (key/value pairs; every duplicate counts).
    public var entries: Int

    /// Creates statistics from their parts.
    public init(pageSize: Int, depth: Int, branchPages: Int, leafPages: Int, overflowPages: Int, entries: Int) {
        self.pageSize = pageSize
        self.depth = depth
        self.branchPages = branchPages
        self.leafPages = leafPages
        self.overflowPages = overflowPages
        self.entries = entries
    }

    init(_ stat: MDB_stat) {
        self.init(
            pageSize: Int(stat.ms_psize),
            depth: Int(stat.ms_depth),
            branchPages: Int(stat.ms_branch_pages),
            leafPages: Int(stat.ms_leaf_pages),
            overflowPages: Int(stat.ms_overflow_pages),
            entries: Int(stat.ms_entries))
    }
}

/// Flags for a put (`mdb_put` / `mdb_cursor_put`).
public struct LMDBPutFlags: OptionSet, Sendable, Hashable {
    /// The raw LMDB flag bits.
    public let rawValue: UInt32

    /// Creates flags from raw LMDB flag bits. Bits other than the ones below are ignored by the wrapper
    /// (in particular `MDB_RESERVE`, which has its own method, and `MDB_MULTIPLE`).
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// `MDB_NOOVERWRITE`: do not replace an existing key; the put returns `false` instead.
    public static let noOverwrite = LMDBPutFlags(rawValue: UInt32(MDB_NOOVERWRITE))
    /// `MDB_NODUPDATA`: in a `dupSort` database, do not add an existing key/value pair; the put returns `false`.
    public static let noDupData = LMDBPutFlags(rawValue: UInt32(MDB_NODUPDATA))
    /// `MDB_APPEND`: the key is greater than every key in the database (fast bulk load). An out-of-order
    /// key throws `LMDBError.keyExists`.
    public static let append = LMDBPutFlags(rawValue: UInt32(MDB_APPEND))
    /// `MDB_APPENDDUP`: like `append`, for the values of a `dupSort` database.
    public static let appendDup = LMDBPutFlags(rawValue: UInt32(MDB_APPENDDUP))
    /// `MDB_CURRENT`: cursor puts only: replace the value at the cursor position (the key must match).
    public static let current = LMDBPutFlags(rawValue: UInt32(MDB_CURRENT))

    /// The bits the wrapper passes to LMDB for `put`.
    static let allowedForPut: LMDBPutFlags = [.noOverwrite, .noDupData, .append, .appendDup]
    /// The bits the wrapper passes to LMDB for cursor puts.
    static let allowedForCursorPut: LMDBPutFlags = [.noOverwrite, .noDupData, .append, .appendDup, .current]
    /// Flags for which `MDB_KEYEXIST` means "already there" (reported as `false`) rather than an error.
    static let keyExistsIsAnAnswer: LMDBPutFlags = [.noOverwrite, .noDupData]
}
