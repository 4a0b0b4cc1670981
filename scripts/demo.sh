#!/usr/bin/env bash
# make demo: the sandbox, the provider and a real terraform init/apply/plan/destroy
# of examples/demo. Expects bin/terraform, bin/terraform-provider-ecsx and
# bin/ecsx-sandbox (make demo builds them).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/bin"
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

# Terraform uses the freshly built provider through a development override.
cat >"$work/terraformrc" <<RC
provider_installation {
  dev_overrides {
    "ecsx/ecsx" = "$bin"
  }
  direct {}
}
RC
export TF_CLI_CONFIG_FILE="$work/terraformrc"
export TF_VAR_endpoint="$endpoint"
export CHECKPOINT_DISABLE=1
cp "$root"/examples/demo/*.tf "$work/"
cd "$work"
tf() { "$bin/terraform" "$@"; }

say "terraform init"
tf init -input=false -no-color | grep -v '^$' || true
say "terraform apply"
tf apply -input=false -auto-approve -no-color
say "terraform output"
tf output -no-color
say "terraform plan (expect no changes)"
tf plan -input=false -detailed-exitcode -no-color && echo "No changes: state, configuration and the service agree."
say "terraform destroy"
tf destroy -input=false -auto-approve -no-color
say "Demo finished"
