/// The commas of a canonical JSON text being written: which open containers already have a member or element, and
/// whether a key was just written (its value needs no comma). Shared by ``CanonicalJSONWriter`` and
/// ``FixedJSONWriter``; allocates only beyond 64 levels.
struct JSONNesting: Sendable {
    /// One flag per open container, true once it has a member or element: bit `d` for the container at depth `d`.
    var hasElementBits: UInt64 = 0
    /// The flags of the containers beyond the 64th level (rare).
    var deeperHasElement: [Bool] = []
    /// The number of open containers.
    var openCount = 0
    /// True right after a key: the next value belongs to it and needs no comma.
    var afterKey = false

    /// Forgets every open container.
    mutating func reset() {
        hasElementBits = 0
        deeperHasElement.removeAll(keepingCapacity: true)
        openCount = 0
        afterKey = false
    }

    /// Before a key: true when a comma is due.
    @inline(__always)
    mutating func beforeKey() -> Bool {
        afterKey = false
        return markElement()
    }

    /// Before a value (or a container): true when a comma is due.
    @inline(__always)
    mutating func beforeValue() -> Bool {
        if afterKey {
            afterKey = false
            return false
        }
        return markElement()
    }

    /// Opens a container (no member yet).
    @inline(__always)
    mutating func push() {
        if openCount < 64 {
            hasElementBits &= ~(UInt64(1) << UInt64(openCount))
        } else {
            deeperHasElement.append(false)
        }
        openCount += 1
    }

    /// Closes the innermost container (nothing when none is open).
    @inline(__always)
    mutating func pop() {
        afterKey = false
        guard openCount > 0 else { return }
        openCount -= 1
        if openCount >= 64 { deeperHasElement.removeLast() }
    }

    /// Records that the innermost container has one more element; true when it had one already (a comma is due).
    @inline(__always)
    mutating func markElement() -> Bool {
        let last = openCount - 1
        if last < 0 { return false }
        if last < 64 {
            let bit = UInt64(1) << UInt64(last)
            defer { hasElementBits |= bit }
            return hasElementBits & bit != 0
        }
        defer { deeperHasElement[last - 64] = true }
        return deeperHasElement[last - 64]
    }
}
