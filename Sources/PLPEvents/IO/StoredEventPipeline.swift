import Foundation

/// Why the walk over the stored events stopped after a chunk's entries (nil while there are more).
enum StoredEventWalkEnd {
    /// The cursor went past the last event (or past the range asked for).
    case finished
    /// A key of the events database is not an 8-byte big-endian seq.
    case notASeq
    /// The cursor failed (an LMDB error: a damaged page…).
    case failed(any Error)
}

/// A run of consecutive stored events, in seq order, and what a pipeline made of them.
///
/// The value buffers point into the LMDB memory map: valid while the read transaction that walked them lasts,
/// which ``StoredEventPipeline/run(walk:chunkSize:chunks:makeOutput:makeScratch:process:fold:)`` guarantees by
/// joining its second thread before it returns.
final class StoredEventChunk<Output> {
    /// The seqs, in order.
    var seqs: [UInt64] = []
    /// Each event's stored bytes, in the memory map.
    var values: [UnsafeRawBufferPointer] = []
    /// Why the walk stopped after these entries; nil when more chunks follow.
    var end: StoredEventWalkEnd?
    /// What `process` made of the entries (reused from round to round: `process` resets it).
    var output: Output

    init(capacity: Int, output: Output) {
        seqs.reserveCapacity(capacity)
        values.reserveCapacity(capacity)
        self.output = output
    }

    var count: Int { seqs.count }
}

/// Walks the stored events (one LMDB cursor, ``StoredEventCursorWalk``) and runs the per-event work on both cores,
/// keeping the results in seq order: the hot path of `verify` and `export`.
///
/// The calling thread owns the read transaction: it walks the cursor (chunks of `chunkSize` events, their bytes
/// referenced in the memory map, never copied) and folds the processed chunks in order (`fold`: the tree check of
/// `verify`, the output of `export`). A second thread processes chunks (`process`: canonical JSON and SHA-256,
/// which depend on no other event); the calling thread processes chunks too whenever it has nothing to walk or to
/// fold, so the two cores share the work whatever its split. At most `chunks` chunks are in flight (bounded memory);
/// `fold` returning false or throwing stops both threads, and the second thread is joined before `run` returns, so
/// no buffer of the memory map is read after the transaction ends.
enum StoredEventPipeline {
    /// Events per chunk.
    static let defaultChunkSize = 1024
    /// Chunks in flight.
    static let defaultChunks = 16

    /// Runs the pipeline over the stored events that `walk` reads, in seq order.
    ///
    /// - Parameters:
    ///   - walk: fills a chunk with the next stored events (at most the count it is given) and sets its `end` when the
    ///     walk stops in it; called on the calling thread only (``StoredEventCursorWalk`` walks an LMDB cursor).
    ///   - makeOutput: makes one chunk's output (called once per chunk slot).
    ///   - makeScratch: makes the per-thread scratch state of `process` (called once on each thread).
    ///   - process: fills `chunk.output` from the chunk's entries; called on either thread, never throws; it must not
    ///     capture state that the calling thread changes meanwhile.
    ///   - fold: consumes processed chunks in seq order on the calling thread; false stops the walk.
    static func run<Output, Scratch>(
        walk: (StoredEventChunk<Output>, Int) -> Void,
        chunkSize: Int = defaultChunkSize, chunks slotCount: Int = defaultChunks,
        makeOutput: () -> Output,
        makeScratch: @escaping @Sendable () -> Scratch,
        process: @escaping (StoredEventChunk<Output>, inout Scratch) -> Void,
        fold: (StoredEventChunk<Output>) throws -> Bool
    ) throws {
        precondition(chunkSize > 0 && slotCount > 1)
        let slots = (0..<slotCount).map { _ in StoredEventChunk(capacity: chunkSize, output: makeOutput()) }
        let state = PipelineState(slots: slots)
        // `process` runs on the second thread too: it is escaping (it captures nothing of the caller's in practice);
        // the thread is joined before `run` returns, so no chunk is touched after the read transaction ends.
        let helper = UncheckedSendable(value: { () -> Void in
            var scratch = makeScratch()
            state.serveAsHelper { process($0, &scratch) }
        })
        let thread = Thread { helper.value() }
        thread.stackSize = 1 << 20
        thread.start()
        defer { state.stopAndJoin() }

        var scratch = makeScratch()
        while true {
            switch state.nextStepForWalker() {
            case .walk(let slot):
                walk(slots[slot], chunkSize)
                state.walked(finished: slots[slot].end != nil)
            case .fold(let slot):
                let more = try fold(slots[slot])
                if !more || slots[slot].end != nil { return }
                state.folded()
            case .process(let slot):
                process(slots[slot], &scratch)
                state.processed(slot)
            case .done:
                return
            }
        }
    }
}

/// A value handed to the second thread as it is (the pipeline's own synchronisation makes it safe).
private struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
}

/// The shared state of one pipeline run, under one lock: how many chunks were walked, claimed for processing,
/// processed and folded. Chunk `n` lives in slot `n % slots.count`.
private final class PipelineState<Output>: @unchecked Sendable {
    enum Step {
        case walk(Int), fold(Int), process(Int), done
    }

    let slots: [StoredEventChunk<Output>]
    let condition = NSCondition()
    var walkedCount = 0
    var claimedCount = 0
    var foldedCount = 0
    var isProcessed: [Bool]
    var walkFinished = false
    var stopped = false
    var helperRunning = true

    init(slots: [StoredEventChunk<Output>]) {
        self.slots = slots
        isProcessed = [Bool](repeating: false, count: slots.count)
    }

    /// What the walking (calling) thread does next: keep the helper fed, fold in order, walk ahead, help, or wait.
    func nextStepForWalker() -> Step {
        condition.lock()
        defer { condition.unlock() }
        while true {
            let canWalk = !walkFinished && walkedCount < foldedCount + slots.count
            if canWalk && walkedCount - claimedCount < 2 { return .walk(walkedCount % slots.count) }
            if foldedCount < walkedCount && isProcessed[foldedCount % slots.count] { return .fold(foldedCount % slots.count) }
            if canWalk { return .walk(walkedCount % slots.count) }
            if claimedCount < walkedCount {
                claimedCount += 1
                return .process((claimedCount - 1) % slots.count)
            }
            if walkFinished && foldedCount == walkedCount { return .done }
            condition.wait()
        }
    }

    /// The walker filled the next slot.
    func walked(finished: Bool) {
        condition.lock()
        walkedCount += 1
        if finished { walkFinished = true }
        condition.broadcast()
        condition.unlock()
    }

    /// The walker folded the oldest chunk: its slot is free again.
    func folded() {
        condition.lock()
        isProcessed[foldedCount % slots.count] = false
        foldedCount += 1
        condition.unlock()
    }

    /// A chunk is processed (by either thread).
    func processed(_ slot: Int) {
        condition.lock()
        isProcessed[slot] = true
        condition.broadcast()
        condition.unlock()
    }

    /// The second thread's loop: process walked chunks until the walk is over or the pipeline stops.
    func serveAsHelper(_ process: (StoredEventChunk<Output>) -> Void) {
        condition.lock()
        while !stopped {
            if claimedCount < walkedCount {
                let slot = claimedCount % slots.count
                claimedCount += 1
                condition.unlock()
                process(slots[slot])
                condition.lock()
                isProcessed[slot] = true
                condition.broadcast()
            } else if walkFinished {
                break
            } else {
                condition.wait()
            }
        }
        helperRunning = false
        condition.broadcast()
        condition.unlock()
    }

    /// Stops the second thread and waits until it no longer touches any chunk.
    func stopAndJoin() {
        condition.lock()
        stopped = true
        condition.broadcast()
        while helperRunning { condition.wait() }
        condition.unlock()
    }
}
