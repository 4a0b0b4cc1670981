package migration

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/ecsx/terraform-provider-ecsx/internal/sandbox"
)

// queryAll writes main.tf (the provider) and a query file holding one list
// block of typ with include_resource and name_regex, runs init, then
// terraform query -generate-config-out=generated.tf with the sandbox's
// counts reset, and returns the workspace, the query's output and the ECS
// calls it made.
func queryAll(t *testing.T, cli CLI, sb *sandbox.Server, endpoint, typ, nameRegex string) (*workspace, string, map[string]int) {
	t.Helper()
	w := newWorkspace(t, cli)
	w.write("main.tf", providerBlock(endpoint, ""))
	// The query file shares main.tf's provider configuration.
	w.write("all.tfquery.hcl", fmt.Sprintf(`list %q "all" {
  provider         = ecsx
  include_resource = true
  limit            = 1000

  config {
    name_regex = %q
  }
}
`, typ, nameRegex))
	w.mustRun("init", "-input=false", "-no-color")
	sb.ResetStats()
	out := w.mustRun("query", "-no-color", "-generate-config-out=generated.tf")
	return w, out, sb.Stats().Calls
}

// applyGenerated applies the generated configuration and checks that it
// imports n objects and nothing else, with no modifying ECS call, and that
// the plan after it is empty.
func applyGenerated(t *testing.T, w *workspace, sb *sandbox.Server, n int) {
	t.Helper()
	sb.ResetStats()
	applied := w.mustRun("apply", "-input=false", "-no-color", "-auto-approve")
	if !regexp.MustCompile(fmt.Sprintf(`Apply complete! Resources: %d imported, 0 added, 0 changed, 0 destroyed`, n)).MatchString(applied) {
		t.Errorf("apply of the generated configuration did more than import:\n%s", lastLines(applied, 20))
	}
	if calls := modifyingCalls(sb); len(calls) > 0 {
		t.Errorf("applying the generated configuration changed something: %v", calls)
	}
	w.expectNoChanges()
}
