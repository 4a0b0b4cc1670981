#!/usr/bin/env bash
# terraform fmt -check and terraform validate on every example configuration
# and on every complete Terraform snippet of the documentation, with the
# freshly built provider through a development override.
#
# Documentation snippets: every ```terraform (or ```hcl, ```tf) block of
# README.md, docs/ and templates/ is a complete configuration, checked as a
# root module of its own, unless the line before its opening fence is
#
#   <!-- fragment -->
#
# which marks a part of a larger configuration (a block that refers to
# variables or resources shown elsewhere, to another provider's resources, a
# CLI configuration file, a query or test file), or
#
#   <!-- terraform >= 1.12 -->
#
# for a configuration that needs a newer Terraform than the pinned one
# (removed blocks, import by identity): it is checked with TERRAFORM_LATEST
# (default bin/terraform-1.15.9). Blocks of templates/ holding template
# actions ({{ }}) are checked in the docs/ page they generate.
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
terraform_latest=${TERRAFORM_LATEST:-$bin/terraform-1.15.9}
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

failed=0
"$terraform" fmt -check -recursive -diff "$root/examples" || failed=1

# validate DIR LABEL [CLI]: terraform validate in DIR.
validate() {
  local out cli=${3:-$terraform}
  if out=$(cd "$1" && "$cli" validate -no-color 2>&1); then
    echo "ok      $2"
  else
    echo "FAILED  $2"; echo "$out" | sed 's/^/        /'; failed=1
  fi
}

while IFS= read -r dir; do
  rel=${dir#"$root"/}
  case=$work/examples/$(echo "$rel" | tr '/' '_')
  mkdir -p "$case"
  cp "$dir"/*.tf "$case/"
  # import blocks name resources of the reader's own configuration
  rm -f "$case"/import*.tf
  ls "$case"/*.tf >/dev/null 2>&1 || continue
  validate "$case" "$rel"
done < <(find "$root/examples" -name '*.tf' -printf '%h\n' | sort -u)

# Documentation snippets, each into snippets/<file>_L<line>/main.tf.
mkdir -p "$work/snippets"
while IFS= read -r file; do
  rel=${file#"$root"/}
  awk -v out="$work/snippets" -v name="$(echo "$rel" | tr '/.' '__')" '
    function trim(s) { sub(/^[ \t]+/, "", s); sub(/[ \t]+$/, "", s); return s }
    !infence && /^[ \t]*```/ {
      fence = $0; sub(/```.*/, "", fence); indent = length(fence)
      lang = trim(substr($0, indent + 4))
      infence = 1; keep = 0
      if ((lang == "terraform" || lang == "hcl" || lang == "tf") && prev != "<!-- fragment -->") {
        keep = 1; dir = out "/" name "_L" NR; system("mkdir -p " dir); file = dir "/main.tf"; body = ""
        if (prev ~ /^<!-- terraform >= 1\.[0-9]+ -->$/) system("touch " dir "/.latest")
      }
      prev = ""; next
    }
    infence && /^[ \t]*```[ \t]*$/ {
      if (keep && body !~ /\{\{/) { printf "%s", body > file; close(file) }
      else if (keep) { system("rm -rf " dir) }
      infence = 0; keep = 0; prev = ""; next
    }
    infence { if (keep) { line = $0; body = body substr(line, indent + 1) "\n" }; next }
    { if (trim($0) != "") prev = trim($0) }
  ' "$file"
done < <(find "$root/README.md" "$root/docs" "$root/templates" -type f \( -name '*.md' -o -name '*.tmpl' \) | sort)

while IFS= read -r case; do
  label=$(basename "$case")
  # back to the file and line the snippet starts at
  src=${label%_L*}; line=${label##*_L}
  for f in $(cd "$root" && find README.md docs templates -type f \( -name '*.md' -o -name '*.tmpl' \)); do
    [ "$(echo "$f" | tr '/.' '__')" = "$src" ] && { label="$f:$line"; break; }
  done
  cli=$terraform
  if [ -e "$case/.latest" ]; then
    cli=$terraform_latest
    [ -x "$cli" ] || { echo "FAILED  $label: needs a newer Terraform, TERRAFORM_LATEST=$cli is no executable (make clis)"; failed=1; continue; }
  fi
  if ! "$cli" fmt -check -diff "$case" >"$case.fmt" 2>&1; then
    echo "FAILED  $label (terraform fmt)"; sed 's/^/        /' "$case.fmt"; failed=1
    continue
  fi
  validate "$case" "$label" "$cli"
done < <(find "$work/snippets" -mindepth 1 -maxdepth 1 -type d | sort -V)
exit "$failed"
