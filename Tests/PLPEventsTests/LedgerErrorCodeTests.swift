import Foundation
import PLPTestSupport
import Testing
@testable import PLPEvents

/// Domain errors carry a code a program can match (`catch LedgerError.Code.damaged`), whatever their sentence says;
/// the sentences themselves are those the other tests check.
@Suite struct LedgerErrorCodeTests {
    /// The code `body` throws, through the `~=` patterns.
    func code(_ body: () throws -> Void) -> LedgerError.Code? {
        do {
            try body()
            return nil
        } catch LedgerError.Code.noLedger {
            return .noLedger
        } catch LedgerError.Code.notALedger {
            return .notALedger
        } catch LedgerError.Code.outOfRange {
            return .outOfRange
        } catch LedgerError.Code.invalidArgument {
            return .invalidArgument
        } catch {
            return PlainSentence.code(of: error)
        }
    }

    @Test func openingNamesWhatIsThereByItsCode() throws {
        let ledger = try TemporaryLedger()
        #expect(code { _ = try EventStore.open(at: ledger.directory.appendingPathComponent("nothing").path) } == .noLedger)
        let file = ledger.directory.appendingPathComponent("a-file").path
        #expect(FileManager.default.createFile(atPath: file, contents: Data("x".utf8)))
        #expect(code { _ = try EventStore.open(at: file) } == .notALedger)
        var options = EventStore.Options(create: true)
        options.readOnly = true
        #expect(code { _ = try EventStore.open(at: file, options: options) } == .invalidArgument)
    }

    @Test func aSeqOrSizeOutsideTheLedgerIsOutOfRange() throws {
        let ledger = try TemporaryLedger()
        #expect(code { _ = try ledger.store.inclusionProof(seq: 0) } == .outOfRange)
        #expect(code { _ = try ledger.store.treeHead(size: 1) } == .outOfRange)
    }

    @Test func theFactoriesAndTheSentencesKeepTheirCodes() {
        #expect(LedgerError.damaged("/l", "x").code == .damaged)
        #expect(LedgerError.readOnly("/l").code == .readOnly)
        #expect(LedgerError.noLedger("/l").code == .noLedger)
        #expect(LedgerError("a sentence").code == .other)
        #expect(LedgerError.readOnly("/l") == LedgerError.readOnly("/l"))
        #expect(LedgerError(.damaged, "same words") != LedgerError(.readOnly, "same words"))
        #expect(LedgerError.Code.damaged.rawValue == "damaged" && LedgerError.Code.wrongMasterKey.rawValue == "wrong-master-key")
        #expect(PlainSentence.code(of: EventLineError(field: "type", "is required")) == .invalidEvent)
        #expect(PlainSentence.code(of: BinaryFormatError("cut short")) == .damaged)
        #expect(!(LedgerError.Code.damaged ~= LedgerError.readOnly("/l")))
    }
}
