// plp-codegen: writes Sources/PLPEvents/Generated/ from the event catalogue (Sources/PLPCatalogue).
//
//   swift run plp-codegen            # from the package root: (re)writes the generated files
//   swift run plp-codegen --check    # exit 1 naming every generated file that is not what the catalogue gives
//   swift run plp-codegen --root DIR # the package root (default: the current directory)

import Foundation
import PLPCatalogue

var arguments = Array(CommandLine.arguments.dropFirst())
let checkOnly = arguments.contains("--check")
arguments.removeAll { $0 == "--check" }
var root = FileManager.default.currentDirectoryPath
if let index = arguments.firstIndex(of: "--root"), index + 1 < arguments.count {
    root = arguments[index + 1]
    arguments.removeSubrange(index...(index + 1))
}
guard arguments.isEmpty else {
    FileHandle.standardError.write(Data("plp-codegen: unknown arguments \(arguments.joined(separator: " ")); use --check and --root DIR\n".utf8))
    exit(64)
}
guard FileManager.default.fileExists(atPath: "\(root)/\(CatalogueRenderer.source)") else {
    FileHandle.standardError.write(Data("plp-codegen: \(root) is not the package root (no \(CatalogueRenderer.source))\n".utf8))
    exit(66)
}

let files: [GeneratedFile]
do {
    files = try CatalogueRenderer.render(EventCatalogue.contract)
} catch {
    FileHandle.standardError.write(Data("plp-codegen: the catalogue cannot be rendered: \(error)\n".utf8))
    exit(65)
}

var stale: [String] = []
for file in files {
    let url = URL(fileURLWithPath: root).appendingPathComponent(file.path)
    let wanted = Data(file.contents.utf8)
    if (try? Data(contentsOf: url)) == wanted { continue }
    stale.append(file.path)
    if !checkOnly {
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try wanted.write(to: url, options: .atomic)
        } catch {
            FileHandle.standardError.write(Data("plp-codegen: cannot write \(file.path): \(error.localizedDescription)\n".utf8))
            exit(73)
        }
    }
}
if checkOnly {
    if stale.isEmpty {
        print("the \(files.count) generated files are what the catalogue gives")
    } else {
        FileHandle.standardError.write(Data("plp-codegen: not what the catalogue gives: \(stale.joined(separator: ", ")); run swift run plp-codegen\n".utf8))
        exit(1)
    }
} else {
    print(stale.isEmpty ? "nothing to regenerate (\(files.count) files)" : "wrote \(stale.joined(separator: ", "))")
}
