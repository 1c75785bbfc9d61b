#!/usr/bin/env bash
# Regenerates the API's server interface (Sources/APIContract) from docs/openapi.json with
# swift-openapi-generator. Run it after every change to the document; the generated files are
# committed, and APIContractTests fails when the document's hash differs from the one they record.
#
#   scripts/generate-api.sh            build the generator (first time: a few minutes) and generate
#   THIDUA_OPENAPI_GENERATOR=/path/to/swift-openapi-generator scripts/generate-api.sh
set -euo pipefail
cd "$(dirname "$0")/.."

spec=docs/openapi.json
out=Sources/APIContract/Generated
generator=${THIDUA_OPENAPI_GENERATOR:-}
if [ -z "$generator" ]; then
    swift build --package-path tools/openapi-generator --scratch-path .build-openapi -c release --product swift-openapi-generator >&2
    generator=.build-openapi/release/swift-openapi-generator
fi
hash=$(sha256sum "$spec" | cut -c1-64)
rm -rf "$out"
mkdir -p "$out"
"$generator" generate "$spec" \
    --mode types --mode server \
    --access-modifier public \
    --naming-strategy idiomatic \
    --additional-file-comment "swift-format-ignore-file" \
    --additional-file-comment "openapi-sha256: $hash" \
    --output-directory "$out" >&2
echo "generated $out from $spec (sha256 $hash)" >&2
