#!/usr/bin/env bash
# Performance figures, as reported in docs/performance.md:
#  1. go test benchmarks of resolution, next to upstream's URL builder, of
#     the middleware, and of a small-blob GET through upstream's application;
#  2. the end-to-end comparison of this build with upstream's registry
#     v3.1.2 behind the double nginx (E2E_ROUNDS rounds, default 3).
# Needs what scripts/test.sh installs. COUNT sets the go test -count.
set -euo pipefail
cd "$(dirname "$0")/.."

COUNT=${COUNT:-10}
echo "== go test benchmarks (-count $COUNT)"
go test -mod=vendor -run '^$' -bench 'Resolve|UpstreamURLBuilder|Handler|BlobGet' -benchmem -count "$COUNT" \
	./registry/forwardedhandler/ | tee /tmp/registry-bench.txt
go test -mod=vendor -run '^$' -bench 'HeaderSize' -count 3 ./registry/forwarded/

echo "== end to end, ours against upstream v3.1.2"
(cd tests && go test -count=1 -run '^$' -bench EndToEnd -benchtime 1x -timeout 60m ./integration/)
