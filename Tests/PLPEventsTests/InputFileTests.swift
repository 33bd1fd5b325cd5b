import Foundation
@testable import PLPEvents
import PLPTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// ``InputFile`` on its own: what each kind of path is taken for, that opening never blocks, and that a whole read
/// never asks for more than its limit and one byte.
@Suite struct InputFileTests {
    /// The ``InputError`` `body` throws, or nil.
    static func failure<T>(_ body: () throws -> T) -> InputError? {
        do {
            _ = try body()
            return nil
        } catch {
            return error as? InputError
        }
    }

    @Test func aRegularFileIsAFileReadWholeWithinItsLimit() throws {
        let scratch = try Scratch()
        let path = try scratch.write("small", "hello\n")
        let input = try InputFile.open(path)
        #expect(input.kind == .file(bytes: 6))
        #expect(try input.readWhole(limit: 6) == Array("hello\n".utf8))
        let refusal = Self.failure { try InputFile.open(path, subject: "the greeting \(path)").readWhole(limit: 5, what: "one") }
        #expect(refusal?.kind == .tooLarge)
        #expect(refusal?.message == "the greeting \(path) is larger than 5 bytes: it cannot be one")
    }

    @Test func aLargeSparseFileIsRefusedBeforeAnythingIsRead() throws {
        let scratch = try Scratch()
        let path = scratch.path("sparse")
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: 50 << 20)
        try handle.close()
        let started = Date()
        let refusal = Self.failure { try InputFile.open(path).readWhole(limit: 1 << 20) }
        #expect(refusal?.kind == .tooLarge)
        #expect(refusal?.message == "\(path) is larger than 1 MiB, the most it may hold")
        #expect(Date().timeIntervalSince(started) < 1)
    }

    @Test func aPipeIsAStreamReadUpToItsLimitAndOneByte() throws {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        let text = Array(repeating: UInt8(ascii: "x"), count: 5000)
        // 5000 bytes fit the pipe's buffer: the write returns at once.
        #expect(text.withUnsafeBytes { write(ends[1], $0.baseAddress, $0.count) } == 5000)
        close(ends[1])
        defer { close(ends[0]) }
        let input = try InputFile.open("/dev/fd/\(ends[0])")
        #expect(input.kind == .stream)
        #expect(Self.failure { try input.readWhole(limit: 4096) }?.kind == .tooLarge)
    }

    @Test func aFIFOIsWaitedForABoundedTimeAndItsFirstBytesAreKept() throws {
        let scratch = try Scratch()
        let fifo = scratch.path("f")
        #expect(mkfifo(fifo, 0o600) == 0)
        // Nobody writes: refused after the wait, told once after a second.
        var told = 0
        let started = Date()
        let refusal = Self.failure { try InputFile.open(fifo, writerWait: 1.5) { told += 1 } }
        #expect(refusal?.kind == .noWriter)
        #expect(refusal?.message.contains("\(fifo) is a FIFO (a named pipe) that no program opened for writing within 1.5 seconds") == true)
        #expect(told == 1)
        #expect(Date().timeIntervalSince(started) < 10)
        // A writer that wrote and went: its bytes are read, none lost to the wait.
        let reader = open(fifo, O_RDONLY | O_NONBLOCK)
        let writer = open(fifo, O_WRONLY | O_NONBLOCK)
        #expect(writer >= 0)
        #expect(Array("a line\n".utf8).withUnsafeBytes { write(writer, $0.baseAddress, $0.count) } == 7)
        close(writer)
        let input = try InputFile.open(fifo, writerWait: 5)
        close(reader)
        #expect(input.kind == .stream)
        #expect(try input.readWhole(limit: 100) == Array("a line\n".utf8))
        // Where only a file makes sense, a FIFO is refused at once.
        #expect(Self.failure { try InputFile.open(fifo, acceptsStreams: false) }?.kind == .notAFile)
    }

    @Test func directoriesDevicesAndLinksAreRefusedAndTheNullDeviceIsEmpty() throws {
        let scratch = try Scratch()
        #expect(Self.failure { try InputFile.open(scratch.url.path) }?.kind == .notAFile)
        #expect(Self.failure { try InputFile.open(scratch.path("none")) }?.kind == .missing)
        for device in ["/dev/zero", "/dev/urandom"] {
            let refusal = Self.failure { try InputFile.open(device, expecting: "a file of event lines") }
            #expect(refusal?.message == "\(device) is a device, not a file of event lines")
        }
        let null = try InputFile.open("/dev/null")
        #expect(null.kind == .stream)
        #expect(try null.readWhole(limit: 10) == [])
        let target = try scratch.write("target", "x")
        let link = scratch.path("link")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        #expect(try InputFile.open(link).readWhole(limit: 1) == [UInt8(ascii: "x")])
        #expect(Self.failure { try InputFile.open(link, followsLinks: false) }?.kind == .notAFile)
    }

    @Test func aFileIsHashedWithoutMovingItsReadPosition() throws {
        let scratch = try Scratch()
        let path = try scratch.write("lines", "one\ntwo\n")
        let input = try InputFile.open(path)
        #expect(try input.fileDigest()?.count == 32)
        #expect(try input.readWhole(limit: 100) == Array("one\ntwo\n".utf8))
        #expect(try InputFile.open("/dev/null").fileDigest() == nil)
    }
}
