package migration

import (
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"
)

// TestQueryGenerateConfig brings a whole region's clusters under
// management with terraform query (Terraform >= 1.14): the list resource
// pages through ListClusters, leaves deleted clusters out, and the
// configuration that -generate-config-out writes (an import block by
// identity and a resource block per cluster) applies with no change to any
// cluster; the plan after it is empty.
func TestQueryGenerateConfig(t *testing.T) {
	if testing.Short() {
		t.Skip("CLI test: skipped with -short")
	}
	cli := newestTerraform(t, 14)
	sb, endpoint, client := startSandbox(t)

	const live, deleted = 200, 5
	for i := range live + deleted {
		in := &ecs.CreateClusterInput{ClusterName: aws.String(fmt.Sprintf("q-%03d", i))}
		switch i % 4 {
		case 1:
			in.Tags = []ecstypes.Tag{{Key: aws.String("team"), Value: aws.String(fmt.Sprintf("t%d", i%3))}}
		case 2:
			in.Settings = []ecstypes.ClusterSetting{{Name: ecstypes.ClusterSettingNameContainerInsights, Value: aws.String("enhanced")}}
			in.CapacityProviders = []string{"FARGATE"}
			in.DefaultCapacityProviderStrategy = []ecstypes.CapacityProviderStrategyItem{{CapacityProvider: aws.String("FARGATE"), Weight: 1}}
		case 3:
			in.Configuration = &ecstypes.ClusterConfiguration{
				ExecuteCommandConfiguration: &ecstypes.ExecuteCommandConfiguration{Logging: ecstypes.ExecuteCommandLoggingNone},
			}
			in.ServiceConnectDefaults = &ecstypes.ClusterServiceConnectDefaultsRequest{Namespace: aws.String("internal")}
		}
		_, err := client.CreateCluster(t.Context(), in)
		mustECS(t, err)
	}
	for i := live; i < live+deleted; i++ {
		_, err := client.DeleteCluster(t.Context(), &ecs.DeleteClusterInput{Cluster: aws.String(fmt.Sprintf("q-%03d", i))})
		mustECS(t, err)
	}
	// Another name, left out by the filter.
	_, err := client.CreateCluster(t.Context(), &ecs.CreateClusterInput{ClusterName: aws.String("other")})
	mustECS(t, err)

	w, out, calls := queryAll(t, cli, sb, endpoint, "ecsx_cluster", "^q-")
	// 206 clusters in pages of 100: 3 ListClusters; 201 match, described
	// in batches of up to 100 per page. The sandbox counts every attempt,
	// and a run on a loaded machine once counted one DescribeClusters more:
	// one more is tolerated, never one per cluster.
	if calls["ListClusters"] != 3 || calls["DescribeClusters"] < 3 || calls["DescribeClusters"] > 4 {
		t.Errorf("query calls: %v, want 3 ListClusters and 3 DescribeClusters", calls)
	}
	generated := w.read("generated.tf")
	if n := strings.Count(generated, `resource "ecsx_cluster"`); n != live {
		t.Fatalf("generated %d resource blocks, want %d\n%s", n, live, out)
	}
	if n := strings.Count(generated, "import {"); n != live {
		t.Errorf("generated %d import blocks, want %d", n, live)
	}
	for i := live; i < live+deleted; i++ {
		if strings.Contains(generated, fmt.Sprintf(`"q-%03d"`, i)) {
			t.Errorf("deleted cluster q-%03d was listed", i)
		}
	}
	if strings.Contains(generated, `"other"`) {
		t.Error("cluster other does not match name_regex but was listed")
	}
	for _, want := range []string{"identity = {", `account_id = "123456789012"`, `name       = "q-000"`, "setting {", "service_connect_defaults {", "configuration {"} {
		if !strings.Contains(generated, want) {
			t.Errorf("generated configuration lacks %q", want)
		}
	}

	applyGenerated(t, w, sb, live)
}

// TestImportByIdentity imports with an import block by identity (Terraform
// >= 1.12): with the name alone, with the region, and with the account; the
// identity recorded in the state is complete and stays the same across an
// update.
func TestImportByIdentity(t *testing.T) {
	if testing.Short() {
		t.Skip("CLI test: skipped with -short")
	}
	cli := newestTerraform(t, 12)
	sb, endpoint, client := startSandbox(t)
	for _, name := range []string{"by-name", "by-region", "by-account"} {
		_, err := client.CreateCluster(t.Context(), &ecs.CreateClusterInput{ClusterName: aws.String(name)})
		mustECS(t, err)
	}
	w := newWorkspace(t, cli)
	config := func(tag string) string {
		return providerBlock(endpoint, "") + fmt.Sprintf(`
import {
  to       = ecsx_cluster.a
  identity = { name = "by-name" }
}

import {
  to       = ecsx_cluster.b
  identity = { name = "by-region", region = %[1]q }
}

import {
  to       = ecsx_cluster.c
  identity = { name = "by-account", region = %[1]q, account_id = "123456789012" }
}

resource "ecsx_cluster" "a" {
  name = "by-name"
  tags = { stage = %[2]q }
}

resource "ecsx_cluster" "b" {
  name = "by-region"
}

resource "ecsx_cluster" "c" {
  name = "by-account"
}
`, sandboxRegion, tag)
	}
	w.write("main.tf", config("one"))
	w.mustRun("init", "-input=false", "-no-color")
	sb.ResetStats()
	w.mustRun("apply", "-input=false", "-no-color", "-auto-approve")
	if calls := modifyingCalls(sb); calls["TagResource"] != 1 || len(calls) != 1 {
		t.Errorf("import by identity made %v, want only the TagResource of the configured tag", calls)
	}
	identities := func() string {
		return w.mustRun("show", "-json")
	}
	state := identities()
	for _, name := range []string{"by-name", "by-region", "by-account"} {
		want := fmt.Sprintf(`"identity":{"account_id":"123456789012","name":%q,"region":"us-east-1"}`, name)
		if !strings.Contains(state, want) {
			t.Errorf("state lacks identity %s:\n%s", want, lastLines(state, 5))
		}
	}
	w.expectNoChanges()
	// An update keeps the identity.
	w.write("main.tf", config("two"))
	w.mustRun("apply", "-input=false", "-no-color", "-auto-approve")
	if after := identities(); !strings.Contains(after, `"identity":{"account_id":"123456789012","name":"by-name","region":"us-east-1"}`) {
		t.Errorf("identity changed across an update:\n%s", lastLines(after, 5))
	}

	// A wrong identity gets a clear error.
	bad := newWorkspace(t, cli)
	bad.write("main.tf", providerBlock(endpoint, "")+`
import {
  to       = ecsx_cluster.x
  identity = { name = "missing" }
}

resource "ecsx_cluster" "x" {
  name = "missing"
}
`)
	bad.mustRun("init", "-input=false", "-no-color")
	if out, code := bad.run("plan", "-input=false", "-no-color"); code == 0 || !strings.Contains(out, `No active ECS cluster "missing"`) {
		t.Errorf("import of a missing cluster by identity: exit %d\n%s", code, out)
	}
}

// lastLines returns the last n lines of s.
func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
