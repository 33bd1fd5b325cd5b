import Crypto
import Foundation
@testable import PLPEvents
import Testing

/// C2SP tlog-cosignature (`cosignature/v1`), the witness's checks (tlog-witness) and tlog-proof files, in process,
/// with the vectors of the ecosystem where there are some.
@Suite struct CosignatureTests {
    /// A cosignature/v1 verifier key as transparency-dev/formats' tests give it: its key id is
    /// SHA-256(name ‖ 0x0A ‖ 0x04 ‖ key)[:4].
    @Test func keyIDOfAPublishedWitnessKey() throws {
        let key = try CosignerVerifierKey(text: "remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2")
        #expect(key.keyIDHex == "da77ade7")
        #expect(key.text == "remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2")
        // The same bytes as a log key (type 1) are refused, and so is a log key read as a witness key.
        #expect(throws: CheckpointError.self) { try NoteVerifierKey(text: key.text) }
        let log = try NoteSigningKey(generatingNamed: "log.example").verifierKey
        #expect(throws: CheckpointError.self) { try CosignerVerifierKey(text: log.text) }
    }

    /// A cosignature of a published checkpoint (Android binary transparency, cosigned by a witness), checked over
    /// "cosignature/v1\ntime <t>\n" + body.
    @Test func publishedCosignatureVerifies() throws {
        let spki = try #require(Base64.decode("MCowBQYDK2VwAyEApTPPKyRu6Q3PoMkeY+/sNni0biF4vnVTYRHbVNA31mY="))
        let witness = CosignerVerifierKey(name: "witness", publicKey: Array(spki.suffix(32)))
        let body = "developers.google.com/android/binary_transparency/google1p/0\n5\nxqaCEZhTGZUuKNA7MpSyxe1WXiiESB2p+crAyzM+Vxo=\n"
        let line = try #require(Base64.decode("r0xBJQAAAABnkyoLuHgN5KlIUUpZV9hulwsFcgqV5v1CyeIhBZWdkfOJT0ims1LqbYygO5MEl91CGha5sP79K57P7lIGrz7Qtx8eBw=="))
        #expect(witness.cosignatureTime(Array(line.dropFirst(4)), body: body) == 0x6793_2A0B)
        #expect(witness.cosignatureTime(Array(line.dropFirst(4)), body: body.replacingOccurrences(of: "\n5\n", with: "\n6\n")) == nil)
    }

    /// The example of C2SP tlog-cosignature: its witness line is base64(key id ‖ timestamp ‖ signature), and the
    /// timestamp is the `time 1679315147` of the spec's signed message.
    @Test func theSpecsCosignatureLineHasItsTimestampAfterTheKeyID() throws {
        let note = """
            example.com/behind-the-sofa
            20852163
            CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=

            \u{2014} example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=
            \u{2014} witness.example.com/w1 jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/zXcrtPHeolMI5OWXEhZCB9dlrDJsX3b2oyin1nPZqhf5nNo0xUe+mbIUBkBIfZ+qnA==

            """
        let (text, signatures) = try SignedNote.split(note)
        #expect(text == "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n")
        #expect(signatures.map(\.name) == ["example.com/behind-the-sofa", "witness.example.com/w1"])
        let cosignature = signatures[1]
        #expect(cosignature.signed.count == 8 + 64)
        #expect(cosignature.signed.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) } == 1_679_315_147)
        #expect(String(decoding: Cosignature.message(body: text, timestamp: 1_679_315_147), as: UTF8.self)
                == "cosignature/v1\ntime 1679315147\nexample.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n")
        // A verifier given neither key ignores both lines; the checkpoint body reads.
        #expect(try Checkpoint(body: text).treeHead.size == 20_852_163)
    }

    @Test func cosignatureLineIsTimestampedEd25519OverTheHeaderTimeAndBody() throws {
        let key = try CosignerSigningKey(generatingNamed: "witness.example.be")
        let body = "example.com/log\n3\n" + Base64.encode([UInt8](repeating: 7, count: 32)) + "\n"
        let line = try key.cosignatureLine(for: body, timestamp: 1_679_315_147)
        #expect(line.hasPrefix("\u{2014} witness.example.be ") && line.hasSuffix("\n"))
        let bytes = try #require(Base64.decode(String(line.dropFirst("\u{2014} witness.example.be ".count).dropLast())))
        #expect(bytes.count == 4 + 8 + 64)
        #expect(Array(bytes.prefix(4)) == key.verifierKey.keyID)
        #expect(Array(bytes[4..<12]) == [0, 0, 0, 0, 0x64, 0x18, 0x50, 0xCB])
        let message = Data("cosignature/v1\ntime 1679315147\n\(body)".utf8)
        let publicKey = try Curve25519.Signing.PublicKey(rawRepresentation: key.verifierKey.publicKey)
        #expect(publicKey.isValidSignature(Data(bytes.suffix(64)), for: message))
        // The private key's text form reads back; its id is the cosignature/v1 one.
        let again = try CosignerSigningKey(text: key.text)
        #expect(again.verifierKey == key.verifierKey)
        #expect(key.text.hasPrefix("PRIVATE+KEY+witness.example.be+\(key.verifierKey.keyIDHex)+"))
        #expect(Base64.decode(String(key.text.split(separator: "+", maxSplits: 4)[4]))?.first == 0x04)
    }

    @Test func quorumCountsOnlyValidCosignaturesOfTheWitnessesGiven() throws {
        let log = try NoteSigningKey(generatingNamed: "log.example")
        let a = try CosignerSigningKey(generatingNamed: "a.example"), b = try CosignerSigningKey(generatingNamed: "b.example")
        let c = try CosignerSigningKey(generatingNamed: "c.example")
        let checkpoint = try Checkpoint(origin: "example/log", treeHead: TreeHead(size: 1, root: MerkleHash.leaf([1])))
        let note = try checkpoint.signed(with: log) + a.cosignatureLine(for: checkpoint.body, timestamp: 1)
            + b.cosignatureLine(for: checkpoint.body, timestamp: 2)
        let all = try WitnessQuorum(witnesses: [a.verifierKey, b.verifierKey], quorum: 2)
        #expect(try all.check(note) == ["a.example", "b.example"])
        #expect(throws: CheckpointError.self) { try WitnessQuorum(witnesses: [a.verifierKey, c.verifierKey], quorum: 2).check(note) }
        #expect(try WitnessQuorum(witnesses: [a.verifierKey, c.verifierKey], quorum: 1).check(note) == ["a.example"])
        #expect(throws: CheckpointError.self) { try WitnessQuorum(witnesses: [a.verifierKey], quorum: 2) }
        // The log's own signature still opens it: cosignature lines are unknown signatures to it.
        #expect(try Checkpoint.open(note, key: log.verifierKey) == checkpoint)
    }

    /// The example of C2SP tlog-proof reads (its signatures are elided in the spec, so only the layout is checked)
    /// and is written back byte for byte.
    @Test func theSpecsTlogProofExampleReadsAndWritesBack() throws {
        let text = """
            c2sp.org/tlog-proof@v1
            extra YWdlLXYxLjIuMS1kYXJ3aW4tYXJtNjQudGFyLmd6kYXJ3aW4tYXJ
            index 73894
            gSKyXoYZUgZ6jduWYrkDOARinOMGJveXjgMkBTcdPlQ=
            B95lDa8R83lS8n0eG+o0buTxRKQTYFi//1U8anccXmA=
            EKNzoDWG8LGC0Yp9o+sv3qllpMP9uHQ9B20KNL+Q1zs=
            RoopEkOdqkYqMB4MJXrbt/hMjOxsVn0IrWjpz1ZMMes=
            AHCioX9nLjsrse6YhjRRmk1WUEirVOLLRoOQ6vfO5vk=

            example.com/fancylog
            109482
            sFodV/vSp5O8n9a8QpW6PRY97tfOSW5bsc2Xl/EQi08=

            \u{2014} example.com/fancylog hI2DJw[...]1roloI=
            \u{2014} witness1.example mJirIklj[...]qY9v2B/5bg==

            """
        let proof = try TlogProof(text: text)
        #expect(proof.index == 73894 && proof.path.count == 5 && proof.extra?.isEmpty == false)
        #expect(proof.checkpoint.hasPrefix("example.com/fancylog\n109482\n"))
        #expect(proof.text == text)
    }

    @Test func tlogProofTextRoundTripsAndRefusesMalformedLines() throws {
        let hashes = (1...3).map { MerkleHash.leaf([UInt8($0)]) }
        let proof = TlogProof(extra: Array("{}".utf8), index: 73894, path: hashes, checkpoint: "o\n1\nAA==\n\n\u{2014} k AAAAAAA=\n")
        #expect(proof.text.hasPrefix("c2sp.org/tlog-proof@v1\nextra e30=\nindex 73894\n"))
        #expect(try TlogProof(text: proof.text) == proof)
        let bare = TlogProof(extra: nil, index: 0, path: [], checkpoint: "o\n1\nAA==\n\n\u{2014} k AAAAAAA=\n")
        #expect(bare.text == "c2sp.org/tlog-proof@v1\nindex 0\n\no\n1\nAA==\n\n\u{2014} k AAAAAAA=\n")
        #expect(try TlogProof(text: bare.text) == bare)
        for bad in [proof.text.replacingOccurrences(of: "index 73894", with: "index 073894"),
                    proof.text.replacingOccurrences(of: "c2sp.org/tlog-proof@v1", with: "c2sp.org/tlog-proof@v2"),
                    proof.text.replacingOccurrences(of: "index ", with: "idx "),
                    proof.text.replacingOccurrences(of: Base64.encode(hashes[1].bytes), with: "AAAA"),
                    "c2sp.org/tlog-proof@v1\nindex 1\n"] {
            #expect(throws: ProofFormatError.self) { try TlogProof(text: bad) }
        }
    }
}
