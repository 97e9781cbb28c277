#!/usr/bin/env bash
# Performance figures, as reported in docs/performance.md:
#  1. go test benchmarks of the stack: resolution of a three-hop trusted
#     chain, next to v3.1.2's URL builder on the same requests;
#  2. the end-to-end comparison of this build with upstream's registry
#     v3.1.2 behind the double nginx (E2E_ROUNDS rounds, default 3).
# Needs what scripts/test.sh installs. COUNT sets the go test -count.
# REGISTRY_BINARY names the binary measured as this build (by default the
# test suite builds ./cmd/registry). E2E_BASELINE, set to the absolute path
# of a registry binary, makes that binary the end-to-end comparison instead
# of upstream v3.1.2, which is then not built: two builds of the stack, say
# with and without one patch, or one binary on both sides for the noise.
set -euo pipefail
cd "$(dirname "$0")/.."

COUNT=${COUNT:-10}
echo "== go test benchmarks of the stack (-count $COUNT)"
./scripts/stack.sh bench "$COUNT" | tee /tmp/registry-bench.txt

echo "== end to end, ours against ${E2E_BASELINE:-upstream v3.1.2}"
(cd tests && go test -count=1 -run '^$' -bench EndToEnd -benchtime 1x -timeout 60m ./integration/)
