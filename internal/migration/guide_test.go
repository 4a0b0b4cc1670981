package migration

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"
	"github.com/ecsx/terraform-provider-ecsx/internal/acctest"
)

// guideSection returns the fenced blocks of one language in the section of
// docs/guides/migrating-from-aws.md under heading (a whole "## ..." line),
// up to the next "## " heading.
func guideSection(t *testing.T, heading, lang string) []string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(acctest.ModuleRoot(t), "docs", "guides", "migrating-from-aws.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(b), "\n"+heading+"\n")
	if !ok {
		t.Fatalf("the migration guide has no heading %q", heading)
	}
	var out []string
	var cur *strings.Builder
	fenced := false
	for _, l := range strings.Split(rest, "\n") {
		switch {
		case !fenced && strings.HasPrefix(l, "## "):
			return out
		case !fenced && strings.HasPrefix(l, "```"):
			fenced = true
			if strings.TrimPrefix(l, "```") == lang {
				cur = &strings.Builder{}
			}
		case fenced && l == "```":
			fenced = false
			if cur != nil {
				out = append(out, cur.String())
				cur = nil
			}
		case cur != nil:
			cur.WriteString(l + "\n")
		}
	}
	return out
}

// guideState is the state of an aws_ecs_cluster "web" of hashicorp/aws v6
// for the guide's cluster (containerInsights enabled, nothing else set).
func guideState(host, arn string) string {
	attrs := map[string]any{
		"arn": arn, "id": arn, "name": "web", "region": sandboxRegion,
		"tags": map[string]string{}, "tags_all": map[string]string{},
		"setting":                  []any{map[string]any{"name": "containerInsights", "value": "enabled"}},
		"configuration":            []any{},
		"service_connect_defaults": []any{},
	}
	state := map[string]any{
		"version": 4, "terraform_version": "1.5.7", "serial": 1, "lineage": "3f0c2a4e-0000-4000-8000-000000000002",
		"outputs": map[string]any{},
		"resources": []any{map[string]any{
			"mode": "managed", "type": "aws_ecs_cluster", "name": "web",
			"provider":  fmt.Sprintf("provider[\"%s/hashicorp/aws\"]", host),
			"instances": []any{map[string]any{"schema_version": 0, "attributes": attrs, "sensitive_attributes": []any{}}},
		}},
	}
	b, err := json.MarshalIndent(state, "", "  ")
	if err != nil {
		panic(err)
	}
	return string(b)
}

// The three ways of the migration guide, with its own blocks and commands,
// on the CLIs it names for them: a moved block (newest Terraform), removed
// and import blocks (newest Terraform, which has them since 1.7), and
// terraform state rm with an import block (Terraform 1.5.7). Each starts
// from a state of hashicorp/aws's aws_ecs_cluster.web for the cluster web,
// and ends with the cluster in ecsx_cluster.web, neither created nor
// deleted, and a plan without changes.
func TestGuide_migrationWays(t *testing.T) {
	if testing.Short() {
		t.Skip("CLI test: skipped with -short")
	}
	for _, tc := range []struct {
		name, heading string
		cli           func(t *testing.T) CLI
		// before runs the guide's shell commands, if any, before the apply.
		shell bool
		// resource adds the renamed resource of "Before you start" when the
		// section's block has only the import.
		resource bool
	}{
		{name: "moved", heading: "## A `moved` block (Terraform 1.8 and later, OpenTofu 1.10 and later)", cli: func(t *testing.T) CLI { return newestTerraform(t, 8) }},
		{name: "removedAndImport", heading: "## `removed` and `import` blocks (Terraform 1.7, OpenTofu 1.7 to 1.9)", cli: func(t *testing.T) CLI { return newestTerraform(t, 7) }},
		{name: "stateRmAndImport", heading: "## `state rm` and an import (Terraform 1.5 and 1.6, OpenTofu 1.6)",
			cli: func(t *testing.T) CLI { return pinnedCLI(t, "terraform") }, shell: true, resource: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cli := tc.cli(t)
			sb, endpoint, client := startSandbox(t)
			out, err := client.CreateCluster(t.Context(), &ecs.CreateClusterInput{
				ClusterName: aws.String("web"),
				Settings:    []ecstypes.ClusterSetting{{Name: ecstypes.ClusterSettingNameContainerInsights, Value: aws.String("enabled")}},
			})
			mustECS(t, err)
			arn := aws.ToString(out.Cluster.ClusterArn)

			blocks := guideSection(t, tc.heading, "terraform")
			if len(blocks) != 1 {
				t.Fatalf("want one terraform block under %q, found %d", tc.heading, len(blocks))
			}
			config := blocks[0]
			if tc.resource {
				config = "resource \"ecsx_cluster\" \"web\" {\n  name = \"web\"\n}\n\n" + config
			}
			w := newWorkspace(t, cli)
			w.write("terraform.tfstate", guideState(cli.Host(), arn))
			w.write("main.tf", providerBlock(endpoint, `    aws = { source = "hashicorp/aws" }`)+"\n"+config)
			w.mustRun("init", "-input=false", "-no-color")
			if tc.shell {
				cmds := guideSection(t, tc.heading, "shell")
				if len(cmds) != 1 {
					t.Fatalf("want one shell block under %q, found %d", tc.heading, len(cmds))
				}
				for _, line := range strings.Split(strings.TrimSpace(cmds[0]), "\n") {
					args, ok := strings.CutPrefix(line, "terraform ")
					if !ok {
						t.Fatalf("the guide's command %q is not a terraform command", line)
					}
					w.mustRun(strings.Fields(args)...)
				}
			}
			sb.ResetStats()
			w.mustRun("apply", "-input=false", "-no-color", "-auto-approve")
			calls := sb.Stats().Calls
			if calls["CreateCluster"] != 0 || calls["DeleteCluster"] != 0 {
				t.Errorf("the migration created or deleted a cluster: %v", calls)
			}
			w.expectNoChanges()
			state := w.read("terraform.tfstate")
			if strings.Contains(state, `"type": "aws_ecs_cluster"`) || !strings.Contains(state, `"type": "ecsx_cluster"`) || !strings.Contains(state, arn) {
				t.Errorf("state after the migration:\n%s", state)
			}
			list, err := client.ListClusters(t.Context(), &ecs.ListClustersInput{})
			mustECS(t, err)
			if len(list.ClusterArns) != 1 || list.ClusterArns[0] != arn {
				t.Errorf("clusters after the migration: %v, want only %s", list.ClusterArns, arn)
			}
		})
	}
}
