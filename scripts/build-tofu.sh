#!/bin/sh
# Builds the OpenTofu CLI of a given version from source with only Go and the Go module proxy.
# The proxy serves github.com/opentofu/opentofu complete (its only `replace` points at another module
# version, which the proxy also serves), but `go install` refuses a module with a `replace`, so the
# module is downloaded, copied to a writable directory and built there. Without the ldflags the CLI
# reports a -dev version, which terraform-plugin-testing treats as older than the release.
# usage: build-tofu.sh VERSION OUTPUT   (e.g. 1.12.6 bin/tofu-1.12.6; about 5 minutes on 2 cores, once)
set -eu
[ $# -eq 2 ] || { echo "usage: $0 VERSION OUTPUT" >&2; exit 2; }
v=v${1#v}
out=$2
mkdir -p "$(dirname "$out")"
out=$(cd "$(dirname "$out")" && pwd)/$(basename "$out")
[ -x "$out" ] && "$out" version 2>/dev/null | grep -qx "OpenTofu ${v}" && { echo "$out is already OpenTofu $v"; exit 0; }
dir=$(go mod download -json "github.com/opentofu/opentofu@$v" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
[ -d "$dir" ] || { echo "go mod download of opentofu $v failed" >&2; exit 1; }
src=$(mktemp -d)
trap 'chmod -R u+w "$src"; rm -rf "$src"' EXIT
cp -R "$dir"/. "$src"/
chmod -R u+w "$src"
(cd "$src" && CGO_ENABLED=0 go build -trimpath \
  -ldflags "-s -w -X github.com/opentofu/opentofu/version.dev=no" -o "$out" ./cmd/tofu)
"$out" version 2>/dev/null | grep -x "OpenTofu ${v}" || { echo "$out does not report OpenTofu $v" >&2; "$out" version >&2; exit 1; }
