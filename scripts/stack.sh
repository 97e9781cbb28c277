#!/usr/bin/env bash
# The patch stack in docs/upstream: Distribution v3.1.2, as the Go module
# proxy serves it, with one folder of `git format-patch` files per pull
# request or security fix (docs/upstream/NN-topic/), applied in the order
# of docs/upstream/series, which also gives each folder's kind (security,
# proposed or product). The registry this repository builds is that stack;
# vendor/ is made from it.
#
#   stack.sh tree DIR [--as "Name <email>"]
#                       a git tree of v3.1.2 in DIR (tag "base") with the
#                       stack applied, one commit per patch, and a branch
#                       NN-topic on the last commit of each pull request.
#                       Edit it with `git rebase -i --update-refs base`
#                       (--autosquash for fixup! commits), which moves
#                       those branches along. With --as, every commit is
#                       authored and signed off by that identity: how a
#                       submitter applies the stack to propose it.
#   stack.sh export DIR write the stack back from the tree in DIR: the
#                       commits between consecutive NN-topic branches become
#                       the patches of each folder. Then run `stack.sh vendor`.
#   stack.sh vendor     vendor/ from the module proxy's v3.1.2 and the stack
#   stack.sh verify     fail if vendor/ differs from what `vendor` produces
#   stack.sh build OUT [NN]
#                       the registry binary of the stack, or of its prefix
#                       up to pull request NN, written to OUT
#   stack.sh fuzz N     the stack's fuzz targets, N inputs each
#   stack.sh bench [COUNT]
#                       the stack's benchmarks: resolution of a three-hop
#                       trusted chain next to v3.1.2's URL builder, and a
#                       new connection's cost with and without a PROXY
#                       protocol preamble
#   stack.sh check [NN...]
#                       for each prefix of the stack (or those named), what
#                       upstream's CI runs: go.mod tidy and vendor/ what
#                       `go mod vendor` makes, the build with -mod=vendor,
#                       vet, upstream's tests of the packages the prefix
#                       changes, golangci-lint with upstream's configuration
#   stack.sh upstream GIT [COMMIT] [NN...]
#                       the same checks with the security fixes and the
#                       proposed pull requests laid on a snapshot of
#                       upstream's repository instead of v3.1.2: GIT is a
#                       clone of distribution/distribution, COMMIT one of
#                       its commits (default: its branch main). Pull
#                       requests go to main, which the module proxy does
#                       not serve, so the snapshot is given.
#
# Needs go and git; Go modules come through the module proxy.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
stack="$root/docs/upstream"
module=github.com/distribution/distribution/v3
version=v3.1.2
lint_version=v2.9.0 # upstream's dockerfiles/lint.Dockerfile pins golangci-lint v2.9

export GOFLAGS=
# The commits of the stack carry no person's identity: the patches name the
# project as their author, and carry no sign-off.
stack_id=(-c user.name="Registry forwarded-headers stack" -c user.email="stack@proxyaware.invalid")

# listed: the folders of the series, in order, each with its kind.
listed() {
	sed -e 's/#.*//' "$stack/series" | awk 'NF'
	sed -e 's/#.*//' "$stack/series" | awk 'NF && (NF != 2 || $2 !~ /^(security|proposed|product)$/) { print "docs/upstream/series: not \"NN-topic KIND\": " $0; bad = 1 } END { exit bad }' >&2
}

# prs: the folders of the series, in order. Every folder is listed, once,
# and every security fix has its advisory.
prs() {
	local listed pr
	listed=$(listed) || return 1
	diff <(awk '{ print $1 }' <<<"$listed" | sort) <(cd "$stack" && ls -d [0-9][0-9]-*/ | tr -d / | sort) >&2 ||
		{ echo "docs/upstream/series must list every folder of docs/upstream once" >&2; return 1; }
	for pr in $(awk '$2 == "security" { print $1 }' <<<"$listed"); do
		[ -f "$stack/$pr/ADVISORY.md" ] || { echo "docs/upstream/$pr: a security fix without ADVISORY.md" >&2; return 1; }
	done
	awk '{ print $1 }' <<<"$listed"
}

# kind PR: the kind of a folder of the series.
kind() { sed -e 's/#.*//' "$stack/series" | awk -v pr="$1" '$1 == pr { print $2 }'; }

# base DIR: a git tree of the module source with vendor/ as upstream
# commits it, one commit, tagged "base". The module proxy serves the source
# without vendor/; `go mod vendor` makes it again from go.mod and go.sum, as
# upstream's validate-vendor check requires it to be. The tree is made once
# into a cache (STACK_CACHE, by default under GOPATH/pkg) and cloned.
base() {
	local dir=$1 src cache
	cache=${STACK_CACHE:-$(go env GOPATH)/pkg/registry-stack}/$version
	if ! git -C "$cache" rev-parse -q --verify base >/dev/null 2>&1; then
		src=$(go mod download -json "$module@$version" |
			sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
		[ -d "$src" ] || { echo "module source of $version not found" >&2; exit 1; }
		rm -rf "$cache"
		mkdir -p "$cache"
		cp -r "$src/." "$cache/"
		chmod -R u+w "$cache"
		(cd "$cache" && GOFLAGS=-mod=mod go mod vendor)
		git -C "$cache" init -q
		git -C "$cache" add -A
		git -C "$cache" "${stack_id[@]}" commit -qm "distribution $version (module source, and vendor/ as upstream commits it)"
		git -C "$cache" tag base
	fi
	rm -rf "$dir"
	git clone -q "$cache" "$dir"
}

# upstream_base DIR GIT COMMIT: a clone of upstream's repository GIT at
# COMMIT, tagged "base", as the base of the stack instead of v3.1.2.
upstream_base() {
	local dir=$1 git=$2 commit=$3
	rm -rf "$dir"
	git clone -q --no-checkout "$git" "$dir"
	git -C "$dir" checkout -q --detach "$commit"
	git -C "$dir" tag base
}

# tree DIR [UPTO]: base with the stack applied up to pull request UPTO.
# With UPSTREAM_GIT set, the base is that snapshot of upstream at
# UPSTREAM_COMMIT, and the product's own patches are left out. It leaves
# the folders it lays in prs, which check walks.
tree() {
	local dir=$1 upto=${2:-} pr
	prs=$(prs)
	if [ -n "${UPSTREAM_GIT:-}" ]; then
		prs=$(for pr in $prs; do [ "$(kind "$pr")" = product ] || echo "$pr"; done)
		upstream_base "$dir" "$UPSTREAM_GIT" "$UPSTREAM_COMMIT"
	else
		base "$dir"
	fi
	for pr in $prs; do
		git -C "$dir" "${stack_id[@]}" am -q --keep-cr "$stack/$pr"/*.patch
		git -C "$dir" branch -f "$pr"
		[ "$pr" != "$upto" ] && [ "${pr%%-*}" != "$upto" ] || break
	done
}

# vendor_from DIR: vendor/ for the module in the current directory, with
# distribution's packages from the tree in DIR.
vendor_from() {
	local tree=$1 mod
	mod=$(mktemp -d)
	cp go.mod "$mod/go.mod"
	cp go.sum "$mod/go.sum"
	go mod edit -modfile="$mod/go.mod" -replace="$module=$tree"
	rm -rf vendor
	go mod vendor -modfile="$mod/go.mod"
	rm -rf "$mod"
	# modules.txt then records the replacement; go.mod has none, and the
	# vendored copy is what builds, so the record goes.
	sed -i -e "s|^# $module $version => .*|# $module $version|" -e "\|^# $module => |d" vendor/modules.txt
}

case "${1:-}" in
tree)
	dir=$2
	tree "$dir"
	if [ "${3:-}" = --as ]; then
		name=$(sed 's/ *<.*//' <<<"$4")
		email=$(sed -n 's/.*<\(.*\)>.*/\1/p' <<<"$4")
		git -C "$dir" -c user.name="$name" -c user.email="$email" rebase -q --update-refs base \
			--exec "git -c user.name='$name' -c user.email='$email' commit -q --amend --no-edit --reset-author --signoff" >/dev/null
		echo "applied as $4"
	fi
	;;
export)
	dir=$(realpath "$2")
	prs=$(listed | awk '{ print $1 }')
	prev=base
	for pr in $prs; do
		mkdir -p "$stack/$pr"
		rm -f "$stack/$pr"/*.patch
		git -C "$dir" format-patch -q --zero-commit --no-signature -M "$prev..$pr" -o "$stack/$pr"
		prev=$pr
	done
	extra=$(git -C "$dir" rev-list --count "$prev..HEAD")
	[ "$extra" -eq 0 ] || echo "warning: $extra commits after branch $prev are not in any pull request" >&2
	echo "exported $(wc -w <<<"$prs") folders to docs/upstream"
	;;
vendor)
	work=$(mktemp -d)
	trap 'rm -rf "$work"' EXIT
	tree "$work/src"
	cd "$root"
	vendor_from "$work/src"
	echo "vendor/ is $version with the stack"
	;;
verify)
	work=$(mktemp -d)
	trap 'rm -rf "$work"' EXIT
	tree "$work/src"
	mkdir "$work/copy"
	cp -r "$root/go.mod" "$root/go.sum" "$root/cmd" "$root/registry" "$work/copy/"
	(cd "$work/copy" && vendor_from "$work/src" >/dev/null)
	if ! diff -r -q "$root/vendor" "$work/copy/vendor"; then
		echo "vendor/ is not what the stack produces: run scripts/stack.sh vendor" >&2
		exit 1
	fi
	echo "vendor/ is $version with the stack"
	;;
build)
	out=$(realpath -m "$2")
	work=$(mktemp -d)
	trap 'rm -rf "$work"' EXIT
	tree "$work/src" "${3:-}"
	(cd "$work/src" && CGO_ENABLED=0 go build -o "$out" ./cmd/registry)
	;;
fuzz)
	work=$(mktemp -d)
	trap 'rm -rf "$work"' EXIT
	tree "$work/src"
	cd "$work/src"
	for target in internal/forwarded:FuzzElements internal/forwarded:FuzzClientPrefix registry/api/v2:FuzzParseForwardedHeader registry/listener:FuzzProxyProtocolAccept; do
		go test -run '^$' -fuzz "^${target#*:}\$" -fuzztime "${2}x" "./${target%%:*}/"
	done
	;;
bench)
	work=$(mktemp -d)
	trap 'rm -rf "$work"' EXIT
	tree "$work/src"
	cd "$work/src"
	go test -run '^$' -bench . -benchmem -count "${2:-5}" ./internal/forwarded/ ./registry/listener/
	;;
upstream)
	[ $# -ge 2 ] || { echo "usage: stack.sh upstream GIT [COMMIT] [NN...]" >&2; exit 2; }
	UPSTREAM_GIT=$(realpath "$2")
	shift 2
	UPSTREAM_COMMIT=main
	if [ $# -ge 1 ] && [[ ! "$1" =~ ^[0-9][0-9]$ ]]; then
		UPSTREAM_COMMIT=$1
		shift
	fi
	UPSTREAM_COMMIT=$(git -C "$UPSTREAM_GIT" rev-parse --verify "$UPSTREAM_COMMIT^{commit}")
	export UPSTREAM_GIT UPSTREAM_COMMIT
	echo "laying the security fixes and proposed pull requests on upstream $UPSTREAM_COMMIT"
	exec "$0" check "$@"
	;;
check)
	shift
	work=$(mktemp -d)
	trap 'rm -rf "$work"' EXIT
	tree "$work/src"
	cd "$work/src"
	bin="$(go env GOPATH)/bin"
	if ! "$bin/golangci-lint" version 2>/dev/null | grep -q "version ${lint_version#v} "; then
		go install "github.com/golangci/golangci-lint/v2/cmd/golangci-lint@$lint_version"
	fi
	prev=base
	checked=0
	for pr in $prs; do
		if [ $# -eq 0 ] || [[ " $* " == *" ${pr%%-*} "* ]]; then
			checked=$((checked + 1))
			git checkout -q "$pr"
			# The packages this pull request changes or adds.
			pkgs=$(git diff --name-only "$prev" "$pr" -- '*.go' ':!vendor' | xargs -r -n1 dirname | sort -u | sed 's|^|./|')
			echo "== $pr ($(kind "$pr")): $(git rev-list --count "$prev..$pr") commits; packages: $(echo $pkgs)"
			# Upstream's validate-vendor: go.mod and go.sum tidy, and
			# vendor/ what `go mod vendor` makes of them, so that a pull
			# request that adds a dependency carries its vendored files.
			GOFLAGS=-mod=mod go mod tidy -diff
			GOFLAGS=-mod=mod go mod vendor
			[ -z "$(git status --porcelain -- go.mod go.sum vendor)" ] ||
				{ git status --short -- go.mod go.sum vendor | head; echo "$pr: vendor/ is not what go mod vendor makes" >&2; exit 1; }
			go build -mod=vendor ./...
			git diff --check "$prev" "$pr" -- . ':!vendor'
			if [ -z "$pkgs" ]; then
				prev=$pr
				continue
			fi
			go vet $pkgs
			start=$(date +%s)
			go test -count=1 $pkgs
			echo "-- $pr: upstream's tests of its packages took $(($(date +%s) - start)) s"
			"$bin/golangci-lint" run --allow-parallel-runners $pkgs
			[ -z "$(gofmt -l $(git diff --name-only --diff-filter=AM "$prev" "$pr" -- '*.go' ':!vendor'))" ]
		fi
		prev=$pr
	done
	[ "$checked" -gt 0 ] || { echo "stack.sh check: the series has no folder $*" >&2; exit 1; }
	echo "checked $checked prefixes"
	;;
*)
	sed -n '2,/^# Needs go/p' "$0" >&2
	exit 2
	;;
esac
