/// Options for opening an environment (`LMDBEnvironment.open`).
///
/// Most options only take effect for the first opener of an environment in a process (the instance is
/// shared afterwards), and `maxReaders` only for the first process that creates the lock file.
public struct LMDBOptions: Sendable {
    /// Maximum number of named databases (`mdb_env_set_maxdbs`).
    public var maxDatabases: Int = 16

    /// Maximum number of simultaneous read transactions, across all processes (`mdb_env_set_maxreaders`).
    public var maxReaders: Int = 126

    /// Initial size of the memory map in bytes. The map grows by itself (doubling) when full, so this is
    /// only a starting point; an existing environment keeps its larger recorded size.
    public var initialMapSize: Int = 64 << 20

    /// Upper limit for automatic map growth, in bytes. When a write would need a larger map,
    /// `LMDBError.mapFull` reaches the caller. The default (1 TiB) is address space, not disk space.
    public var maxMapSize: Int = 1 << 40

    /// Opens the environment read-only (`MDB_RDONLY`). The directory must already hold an environment.
    public var readOnly: Bool = false

    /// Opens without the lock file (`MDB_NOLOCK`), only with `readOnly`: for media nobody can write (a read-only
    /// mount, WORM media), where `lock.mdb` can neither be created nor locked. `open` turns it on by itself when
    /// the file system holding a read-only environment is mounted read-only.
    public var withoutLockFile: Bool = false

    /// Full durability (the default): every commit is synced to disk. `false` sets `MDB_NOSYNC`, where a
    /// system crash may lose the latest commits (or corrupt the environment on some file systems);
    /// for benchmarks and tests only. `LMDBEnvironment.sync()` flushes explicitly.
    public var durable: Bool = true

    /// Number of finished read transactions kept (reset) for reuse, which makes `read` cheaper.
    /// Each one keeps a reader slot; 0 disables the pool.
    public var readTransactionPoolSize: Int = 4

    /// Options with every default: 16 databases, 126 readers, 64 MiB initial map, durable, read-write.
    public init() {}
}
