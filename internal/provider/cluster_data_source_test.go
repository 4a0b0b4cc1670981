package provider_test

import (
	"fmt"
	"regexp"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/ecsx/terraform-provider-ecsx/internal/acctest"
)

const (
	clusterByNameAddr = "data.ecsx_cluster.by_name"
	clusterByARNAddr  = "data.ecsx_cluster.by_arn"
)

// TestAccClusterDataSource_basic reads a fully configured cluster by name
// and by ARN, and compares every attribute with the resource's.
func TestAccClusterDataSource_basic(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	name := acctest.RandomName("ecsx-ds")

	serviceConnect := ""
	var namespaceARN string
	if env.Sandbox != nil {
		namespaceARN = env.Sandbox.RegisterNamespace("", "", "ds-ns")
		serviceConnect = fmt.Sprintf(`service_connect_defaults = { namespace = %q }`, namespaceARN)
	}
	config := env.ProviderConfigWith(`  default_tags = { tags = { team = "platform" } }`) + fmt.Sprintf(`
resource "ecsx_cluster" "test" {
  name     = %[1]q
  tags     = { env = "test" }
  settings = [{ name = "containerInsights", value = "enabled" }]
  configuration = {
    execute_command_configuration = {
      logging = "OVERRIDE"
      log_configuration = {
        s3_bucket_name = "ecsx-exec-audit"
        s3_key_prefix  = "ds/"
      }
    }
  }
  capacity_providers = ["FARGATE", "FARGATE_SPOT"]
  default_capacity_provider_strategy = [
    { capacity_provider = "FARGATE", base = 1, weight = 1 },
    { capacity_provider = "FARGATE_SPOT", weight = 2 },
  ]
  %[2]s
}

data "ecsx_cluster" "by_name" {
  name = ecsx_cluster.test.name
}

data "ecsx_cluster" "by_arn" {
  arn = ecsx_cluster.test.arn
}
`, name, serviceConnect)

	same := func(dataAddr, resourceAttr, dataAttr string) statecheck.StateCheck {
		return statecheck.CompareValuePairs(clusterAddr, attr(resourceAttr), dataAddr, attr(dataAttr), compare.ValuesSame())
	}
	var checks []statecheck.StateCheck
	for _, addr := range []string{clusterByNameAddr, clusterByARNAddr} {
		for _, a := range []string{
			"id", "arn", "name", "settings", "configuration", "capacity_providers", "default_capacity_provider_strategy",
			"status", "registered_container_instances_count", "running_tasks_count", "pending_tasks_count",
			"active_services_count", "statistics", "attachments", "attachments_status", "service_connect_defaults",
		} {
			checks = append(checks, same(addr, a, a))
		}
		checks = append(checks,
			same(addr, "tags_all", "tags"),
			statecheck.ExpectKnownValue(addr, attr("tags"), strMap(map[string]string{"env": "test", "team": "platform"})),
			statecheck.ExpectKnownValue(addr, attr("status"), knownvalue.StringExact("ACTIVE")),
			statecheck.ExpectKnownValue(addr, attr("settings"), insights("enabled")),
			statecheck.ExpectKnownValue(addr, attr("default_capacity_provider_strategy"), knownvalue.SetExact([]knownvalue.Check{
				strategyItem("FARGATE", 1, 1), strategyItem("FARGATE_SPOT", 2, 0),
			})),
		)
		if env.Sandbox != nil {
			checks = append(checks, statecheck.ExpectKnownValue(addr, attr("service_connect_defaults"), knownvalue.ObjectExact(map[string]knownvalue.Check{
				"namespace":     knownvalue.StringExact(namespaceARN),
				"namespace_arn": knownvalue.StringExact(namespaceARN),
			})))
		}
	}

	acctest.Test(t, resource.TestCase{
		CheckDestroy: env.CheckClustersDestroyed(),
		Steps: []resource.TestStep{
			{
				Config:            config,
				ConfigStateChecks: checks,
			},
		},
	})
}

// TestAccClusterDataSource_errors covers the configuration rules and the
// lookups that must fail: a missing cluster and a deleted (INACTIVE) one.
func TestAccClusterDataSource_errors(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	missing := acctest.RandomName("ecsx-missing")
	deleted := acctest.RandomName("ecsx-deleted")

	dataSource := func(body string) string {
		return env.ProviderConfig() + fmt.Sprintf("\ndata \"ecsx_cluster\" \"test\" {\n%s\n}\n", body)
	}

	acctest.Test(t, resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config:      dataSource(""),
				ExpectError: regexp.MustCompile(`(?s)Missing Attribute Configuration.*Exactly one of these attributes must be configured: \[name,arn\]`),
			},
			{
				Config:      dataSource(fmt.Sprintf("  name = %q\n  arn = \"arn:aws:ecs:us-east-1:123456789012:cluster/%s\"", missing, missing)),
				ExpectError: regexp.MustCompile(`(?s)Invalid Attribute Combination`),
			},
			{
				Config:      dataSource(`  arn = "cluster/not-an-arn"`),
				ExpectError: regexp.MustCompile(`must be a cluster ARN`),
			},
			{
				Config:      dataSource(fmt.Sprintf("  name = %q", missing)),
				ExpectError: regexp.MustCompile(`(?s)Cluster not found.*` + missing),
			},
			{
				PreConfig: func() {
					if err := env.CreateCluster(deleted); err != nil {
						t.Fatal(err)
					}
					waitClusterStatus(t, env, deleted, "ACTIVE")
					if err := env.DeleteCluster(deleted); err != nil {
						t.Fatal(err)
					}
					waitClusterStatus(t, env, deleted, "INACTIVE")
				},
				Config:      dataSource(fmt.Sprintf("  name = %q", deleted)),
				ExpectError: regexp.MustCompile(`(?s)Cluster is deleted.*` + deleted + `.*INACTIVE`),
			},
		},
	})
}

// waitClusterStatus polls the cluster through the SDK until it has status.
func waitClusterStatus(t *testing.T, env *acctest.Env, name, status string) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for {
		out, err := env.ECS().DescribeClusters(t.Context(), &ecs.DescribeClustersInput{Clusters: []string{name}})
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		if len(out.Clusters) == 1 {
			got = aws.ToString(out.Clusters[0].Status)
		}
		if got == status {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("cluster %s: status %s, want %s", name, got, status)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
