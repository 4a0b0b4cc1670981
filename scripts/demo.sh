#!/usr/bin/env bash
# make demo: the sandbox, the provider and a real terraform init/apply/plan/destroy
# of examples/demo. Expects bin/terraform (or the CLI that TERRAFORM names),
# bin/terraform-provider-ecsx and bin/ecsx-sandbox (make demo builds them).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/bin"
# TERRAFORM names another Terraform or OpenTofu CLI (a path, or a name on
# PATH) instead of the pinned bin/terraform.
terraform=${TERRAFORM:-$bin/terraform}
case "$terraform" in
  */*) terraform="$(cd "$(dirname "$terraform")" && pwd)/$(basename "$terraform")" ;;
  *) terraform=$(command -v "$terraform") || { echo "TERRAFORM=$TERRAFORM: not found on PATH" >&2; exit 1; } ;;
esac
[ -x "$terraform" ] || { echo "$terraform: no such executable" >&2; exit 1; }
work=$(mktemp -d)
sandbox_pid=""
cleanup() {
  if [ -n "$sandbox_pid" ]; then kill "$sandbox_pid" 2>/dev/null || true; wait "$sandbox_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

say() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

say "Starting the ECS sandbox"
"$bin/ecsx-sandbox" -addr 127.0.0.1:0 >"$work/sandbox.log" 2>&1 &
sandbox_pid=$!
endpoint=""
for _ in $(seq 1 100); do
  endpoint=$(grep -o 'http://[0-9.:]*' "$work/sandbox.log" | head -n1 || true)
  [ -n "$endpoint" ] && break
  kill -0 "$sandbox_pid" 2>/dev/null || { cat "$work/sandbox.log"; exit 1; }
  sleep 0.1
done
[ -n "$endpoint" ] || { echo "sandbox did not start"; cat "$work/sandbox.log"; exit 1; }
echo "sandbox at $endpoint"

# Terraform installs the freshly built provider from a local filesystem mirror,
# so `terraform init` runs for real, offline, and writes a lock file. The
# mirror holds it under both registries' addresses: Terraform looks for
# registry.terraform.io/ecsx/ecsx, OpenTofu for registry.opentofu.org/ecsx/ecsx.
version=0.1.0
platform="$(go env GOOS)_$(go env GOARCH)"
mirror="$work/mirror"
for host in registry.terraform.io registry.opentofu.org; do
  mkdir -p "$mirror/$host/ecsx/ecsx/$version/$platform"
  cp "$bin/terraform-provider-ecsx" "$mirror/$host/ecsx/ecsx/$version/$platform/terraform-provider-ecsx_v$version"
done
cat >"$work/terraformrc" <<RC
provider_installation {
  filesystem_mirror {
    path    = "$mirror"
    include = ["ecsx/ecsx"]
  }
}
RC
export TF_CLI_CONFIG_FILE="$work/terraformrc"
export TF_VAR_endpoint="$endpoint"
export CHECKPOINT_DISABLE=1
mkdir -p "$work/config"
cp "$root"/examples/demo/*.tf "$work/config/"
cd "$work/config"
tf() { "$terraform" "$@"; }

cli_version=$("$terraform" version | head -n1)
cli=terraform
case "$cli_version" in OpenTofu*) cli=tofu ;; esac

say "$cli init ($cli_version)"
tf init -input=false -no-color
say "$cli apply"
tf apply -input=false -auto-approve -no-color
say "$cli output"
tf output -no-color
say "$cli plan (expect no changes)"
tf plan -input=false -detailed-exitcode -no-color && echo "No changes: state, configuration and the service agree."
say "$cli destroy"
tf destroy -input=false -auto-approve -no-color
say "Demo finished"
