// swift-tools-version:6.0
// The code generator for the API's server interface, kept out of the app's build: the generated
// files are committed (Sources/APIContract), and scripts/generate-api.sh builds this package and
// runs it when docs/openapi.json changes. Building it as a plugin would add OpenAPIKit and the
// generator to every build (measured: 3.5 CPU-minutes, 6.5 minutes on a busy 2-core machine).
import PackageDescription

let package = Package(
    name: "openapi-generator-tool",
    dependencies: [
        .package(url: "https://github.com/apple/swift-openapi-generator", exact: "1.14.3")
    ],
    targets: []
)
