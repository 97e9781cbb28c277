#!/usr/bin/env bash
# Installs the registry clients and the OCI conformance suite that the
# integration suite runs, from their Go modules at fixed versions, into the
# test tools directory: TEST_TOOLS_DIR, or registry-test-tools under GOPATH.
# Neither the product's go.mod nor tests/go.mod is involved: each tool is
# built from its own module. A tool is rebuilt when the binary there is not
# of the version wanted (go version -m tells).
set -euo pipefail

tools="${TEST_TOOLS_DIR:-$(go env GOPATH)/registry-test-tools}"
mkdir -p "$tools"

# binary, module path, package path, version
while read -r bin mod pkg version; do
	if [ -x "$tools/$bin" ] && go version -m "$tools/$bin" 2>/dev/null | grep -qE "^[[:space:]]+mod[[:space:]]+$mod[[:space:]]+$version([[:space:]]|$)"; then
		continue
	fi
	echo "installing $bin $version into $tools"
	GOFLAGS= GOBIN="$tools" go install "$pkg@$version"
done <<'LIST'
crane github.com/google/go-containerregistry github.com/google/go-containerregistry/cmd/crane v0.22.1
oras oras.land/oras oras.land/oras/cmd/oras v1.3.6
regctl github.com/regclient/regclient github.com/regclient/regclient/cmd/regctl v0.11.7
LIST

# The distribution-spec conformance suite is a Go test package: built with
# go test -c in a scratch module that requires it.
conformance_version=v0.0.0-20260831232431-97274622c111
conformance_mod=github.com/opencontainers/distribution-spec/conformance
if ! { [ -x "$tools/conformance.test" ] && go version -m "$tools/conformance.test" 2>/dev/null |
	grep -qE "^[[:space:]]+(mod|dep)[[:space:]]+$conformance_mod[[:space:]]+$conformance_version([[:space:]]|$)"; }; then
	echo "building the OCI conformance suite $conformance_version into $tools"
	scratch=$(mktemp -d)
	(
		cd "$scratch"
		export GOFLAGS=
		go mod init conformance-build >/dev/null 2>&1
		go get "$conformance_mod@$conformance_version" >/dev/null 2>&1
		go test -c -o "$tools/conformance.test" "$conformance_mod"
	)
	rm -rf "$scratch"
fi
