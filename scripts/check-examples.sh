#!/usr/bin/env bash
# terraform fmt -check and terraform validate on every example configuration,
# with the freshly built provider through a development override.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/bin"
# TERRAFORM names another Terraform CLI (a path, or a name on PATH) instead
# of the pinned bin/terraform.
terraform=${TERRAFORM:-$bin/terraform}
case "$terraform" in
  */*) terraform="$(cd "$(dirname "$terraform")" && pwd)/$(basename "$terraform")" ;;
  *) terraform=$(command -v "$terraform") || { echo "TERRAFORM=$TERRAFORM: not found on PATH" >&2; exit 1; } ;;
esac
[ -x "$terraform" ] || { echo "$terraform: no such executable" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cat >"$work/terraformrc" <<RC
provider_installation {
  dev_overrides {
    "ecsx/ecsx"      = "$bin"
    "hashicorp/ecsx" = "$bin"
  }
  direct {}
}
RC
export TF_CLI_CONFIG_FILE="$work/terraformrc" CHECKPOINT_DISABLE=1

"$terraform" fmt -check -recursive -diff "$root/examples"

failed=0
while IFS= read -r dir; do
  rel=${dir#"$root"/}
  case=$work/$(echo "$rel" | tr '/' '_')
  mkdir -p "$case"
  cp "$dir"/*.tf "$case/"
  # import blocks name resources of the reader's own configuration
  rm -f "$case"/import*.tf
  ls "$case"/*.tf >/dev/null 2>&1 || continue
  if out=$(cd "$case" && "$terraform" validate -no-color 2>&1); then
    echo "ok      $rel"
  else
    echo "FAILED  $rel"; echo "$out" | sed 's/^/        /'; failed=1
  fi
done < <(find "$root/examples" -name '*.tf' -printf '%h\n' | sort -u)
exit "$failed"
