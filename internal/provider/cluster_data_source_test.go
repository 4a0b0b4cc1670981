package provider_test

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"
	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/ecsx/terraform-provider-ecsx/internal/acctest"
	"github.com/ecsx/terraform-provider-ecsx/internal/sandbox"
)

const (
	clusterByNameAddr = "data.ecsx_cluster.by_name"
	clusterByARNAddr  = "data.ecsx_cluster.by_arn"
	// dsOtherRegion is a region of the sandbox other than the provider's.
	dsOtherRegion = "eu-west-1"
)

func dsStrings(m map[string]string) knownvalue.Check {
	checks := make(map[string]knownvalue.Check, len(m))
	for k, v := range m {
		checks[k] = knownvalue.StringExact(v)
	}
	return knownvalue.MapExact(checks)
}

// dsInsights is a setting object of containerInsights, the one cluster
// setting.
func dsInsights(value string) knownvalue.Check {
	return knownvalue.ObjectExact(map[string]knownvalue.Check{
		"name": knownvalue.StringExact("containerInsights"), "value": knownvalue.StringExact(value),
	})
}

func dsStrategyItem(provider string, weight, base int64) knownvalue.Check {
	return knownvalue.ObjectExact(map[string]knownvalue.Check{
		"capacity_provider": knownvalue.StringExact(provider),
		"weight":            knownvalue.Int64Exact(weight),
		"base":              knownvalue.Int64Exact(base),
	})
}

func dsServiceConnect(namespaceARN string) knownvalue.Check {
	return knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectExact(map[string]knownvalue.Check{
		"namespace":     knownvalue.StringExact(namespaceARN),
		"namespace_arn": knownvalue.StringExact(namespaceARN),
	})})
}

func dsARN(region, name string) knownvalue.Check {
	return knownvalue.StringRegexp(regexp.MustCompile(`^arn:aws:ecs:` + region + `:\d{12}:cluster/` + regexp.QuoteMeta(name) + `$`))
}

// dsECSIn returns an SDK client of the sandbox that signs for region: the
// sandbox keeps the clusters of each region apart.
func dsECSIn(env *acctest.Env, region string) *ecs.Client {
	return ecs.New(ecs.Options{
		Region:       region,
		BaseEndpoint: aws.String(env.Endpoint),
		Credentials:  credentials.NewStaticCredentialsProvider(acctest.SandboxAccessKey, acctest.SandboxSecretKey, ""),
	})
}

// TestAccClusterDataSource_basic reads a cluster managed by an ecsx_cluster
// of the same configuration, fully configured in the block syntax, by
// cluster_name and by arn, and compares every result with the resource's.
func TestAccClusterDataSource_basic(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	acctest.SkipOnAWS(t) // the namespace and the KMS key are literals of the sandbox
	name := acctest.RandomName("ecsx-ds")
	namespaceARN := sandboxNamespace(t, env)

	config := env.ProviderConfigWith(`  default_tags {
    tags = { team = "platform" }
  }`) + fmt.Sprintf(`
resource "ecsx_cluster" "test" {
  name = %[1]q
  tags = { env = "test" }

  setting {
    name  = "containerInsights"
    value = "enhanced"
  }

  configuration {
    execute_command_configuration {
      kms_key_id = %[3]q
      logging    = "OVERRIDE"

      log_configuration {
        s3_bucket_name               = "ecsx-exec-audit"
        s3_bucket_encryption_enabled = true
        s3_key_prefix                = "ds/"
      }
    }

    managed_storage_configuration {
      fargate_ephemeral_storage_kms_key_id = %[3]q
    }
  }

  capacity_providers = ["FARGATE", "FARGATE_SPOT"]

  default_capacity_provider_strategy {
    capacity_provider = "FARGATE"
    base              = 1
    weight            = 1
  }

  default_capacity_provider_strategy {
    capacity_provider = "FARGATE_SPOT"
    weight            = 2
  }

  service_connect_defaults {
    namespace = %[2]q
  }
}

data "ecsx_cluster" "by_name" {
  cluster_name = ecsx_cluster.test.name
}

data "ecsx_cluster" "by_arn" {
  arn = ecsx_cluster.test.arn
}

output "logging" {
  value = data.ecsx_cluster.by_name.configuration[0].execute_command_configuration[0].logging
}

output "s3_key_prefix" {
  value = data.ecsx_cluster.by_arn.configuration[0].execute_command_configuration[0].log_configuration[0].s3_key_prefix
}

output "fargate_key" {
  value = data.ecsx_cluster.by_name.configuration[0].managed_storage_configuration[0].fargate_ephemeral_storage_kms_key_id
}

output "container_insights" {
  value = one([for s in data.ecsx_cluster.by_name.setting : s.value if s.name == "containerInsights"])
}

output "namespace" {
  value = data.ecsx_cluster.by_arn.service_connect_defaults[0].namespace
}

output "spot_weight" {
  value = one([for s in data.ecsx_cluster.by_name.default_capacity_provider_strategy : s.weight if s.capacity_provider == "FARGATE_SPOT"])
}
`, name, namespaceARN, kmsKeyARN)

	same := func(dataAddr, resourceAttr, dataAttr string) statecheck.StateCheck {
		return statecheck.CompareValuePairs(clusterAddr, tfjsonpath.New(resourceAttr), dataAddr, tfjsonpath.New(dataAttr), compare.ValuesSame())
	}
	var checks []statecheck.StateCheck
	for _, addr := range []string{clusterByNameAddr, clusterByARNAddr} {
		for _, a := range []string{
			"id", "arn", "region", "setting", "configuration", "capacity_providers", "default_capacity_provider_strategy",
			"status", "registered_container_instances_count", "running_tasks_count", "pending_tasks_count",
			"active_services_count", "statistics", "attachments", "attachments_status", "service_connect_defaults",
		} {
			checks = append(checks, same(addr, a, a))
		}
		checks = append(checks,
			same(addr, "name", "cluster_name"),
			same(addr, "tags_all", "tags"),
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("cluster_name"), knownvalue.StringExact(name)),
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("arn"), dsARN(acctest.SandboxRegion, name)),
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("region"), knownvalue.StringExact(acctest.SandboxRegion)),
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("tags"), dsStrings(map[string]string{"env": "test", "team": "platform"})),
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("status"), knownvalue.StringExact("ACTIVE")),
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("setting"), knownvalue.SetExact([]knownvalue.Check{dsInsights("enhanced")})),
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("capacity_providers"), knownvalue.SetExact([]knownvalue.Check{
				knownvalue.StringExact("FARGATE"), knownvalue.StringExact("FARGATE_SPOT"),
			})),
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("default_capacity_provider_strategy"), knownvalue.SetExact([]knownvalue.Check{
				dsStrategyItem("FARGATE", 1, 1), dsStrategyItem("FARGATE_SPOT", 2, 0),
			})),
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("service_connect_defaults"), dsServiceConnect(namespaceARN)),
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("configuration"), knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectExact(map[string]knownvalue.Check{
				"execute_command_configuration": knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectExact(map[string]knownvalue.Check{
					"kms_key_id": knownvalue.StringExact(kmsKeyARN),
					"logging":    knownvalue.StringExact("OVERRIDE"),
					"log_configuration": knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectExact(map[string]knownvalue.Check{
						"cloud_watch_encryption_enabled": knownvalue.Bool(false),
						"cloud_watch_log_group_name":     knownvalue.Null(),
						"s3_bucket_name":                 knownvalue.StringExact("ecsx-exec-audit"),
						"s3_bucket_encryption_enabled":   knownvalue.Bool(true),
						"s3_key_prefix":                  knownvalue.StringExact("ds/"),
					})}),
				})}),
				"managed_storage_configuration": knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectExact(map[string]knownvalue.Check{
					"fargate_ephemeral_storage_kms_key_id": knownvalue.StringExact(kmsKeyARN),
					"kms_key_id":                           knownvalue.Null(),
				})}),
			})})),
			// Service Connect is an attachment of type sc.
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("attachments"), knownvalue.ListPartial(map[int]knownvalue.Check{
				0: knownvalue.ObjectPartial(map[string]knownvalue.Check{"type": knownvalue.StringExact("sc")}),
			})),
		)
	}
	checks = append(checks,
		statecheck.ExpectKnownOutputValue("logging", knownvalue.StringExact("OVERRIDE")),
		statecheck.ExpectKnownOutputValue("s3_key_prefix", knownvalue.StringExact("ds/")),
		statecheck.ExpectKnownOutputValue("fargate_key", knownvalue.StringExact(kmsKeyARN)),
		statecheck.ExpectKnownOutputValue("container_insights", knownvalue.StringExact("enhanced")),
		statecheck.ExpectKnownOutputValue("namespace", knownvalue.StringExact(namespaceARN)),
		statecheck.ExpectKnownOutputValue("spot_weight", knownvalue.Int64Exact(2)),
	)

	acctest.Test(t, resource.TestCase{
		CheckDestroy: env.CheckClustersDestroyed(),
		Steps: []resource.TestStep{
			{Config: config, ConfigStateChecks: checks},
			// Reading again changes nothing.
			{Config: config, PlanOnly: true},
		},
	})
}

// TestAccClusterDataSource_outOfBand reads clusters created with the SDK: a
// bare one (empty blocks, no tags) and one with everything, with occupants
// that the counts and statistics report.
func TestAccClusterDataSource_outOfBand(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	acctest.SkipOnAWS(t) // occupants are set through the sandbox
	bare := acctest.RandomName("ecsx-bare")
	full := acctest.RandomName("ecsx-full")

	if err := env.CreateCluster(bare); err != nil {
		t.Fatal(err)
	}
	out, err := env.ECS().CreateCluster(t.Context(), &ecs.CreateClusterInput{
		ClusterName: aws.String(full),
		Tags: []ecstypes.Tag{
			{Key: aws.String("env"), Value: aws.String("prod")},
			{Key: aws.String("owner"), Value: aws.String("")},
		},
		Settings: []ecstypes.ClusterSetting{{Name: ecstypes.ClusterSettingNameContainerInsights, Value: aws.String("enabled")}},
		Configuration: &ecstypes.ClusterConfiguration{
			ExecuteCommandConfiguration: &ecstypes.ExecuteCommandConfiguration{
				Logging: ecstypes.ExecuteCommandLoggingOverride,
				LogConfiguration: &ecstypes.ExecuteCommandLogConfiguration{
					CloudWatchLogGroupName:      aws.String(logGroupName),
					CloudWatchEncryptionEnabled: true,
				},
			},
		},
		CapacityProviders:               []string{"FARGATE"},
		DefaultCapacityProviderStrategy: []ecstypes.CapacityProviderStrategyItem{{CapacityProvider: aws.String("FARGATE"), Weight: 3, Base: 2}},
		ServiceConnectDefaults:          &ecstypes.ClusterServiceConnectDefaultsRequest{Namespace: aws.String(acctest.RandomName("ns"))},
	})
	if err != nil {
		t.Fatal(err)
	}
	namespaceARN := aws.ToString(out.Cluster.ServiceConnectDefaults.Namespace)
	dsWaitStatus(t, env.ECS(), full, "ACTIVE")
	if err := env.Sandbox.SetOccupants("", "", full, sandbox.Occupants{
		ContainerInstances: 2, RunningTasks: 5, PendingTasks: 1, ActiveServices: 3, DrainingServices: 1,
	}); err != nil {
		t.Fatal(err)
	}

	config := env.ProviderConfigWith(`  default_tags {
    tags = { team = "platform" }
  }`) + fmt.Sprintf(`
data "ecsx_cluster" "bare" {
  cluster_name = %q
}

data "ecsx_cluster" "full" {
  cluster_name = %q
}

output "bare_configuration" {
  value = data.ecsx_cluster.bare.configuration
}

output "bare_namespace" {
  value = try(data.ecsx_cluster.bare.service_connect_defaults[0].namespace, "none")
}

output "full_log_group" {
  value = data.ecsx_cluster.full.configuration[0].execute_command_configuration[0].log_configuration[0].cloud_watch_log_group_name
}
`, bare, full)

	const bareAddr, fullAddr = "data.ecsx_cluster.bare", "data.ecsx_cluster.full"
	empty := knownvalue.ListExact([]knownvalue.Check{})
	acctest.Test(t, resource.TestCase{
		Steps: []resource.TestStep{{
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(bareAddr, tfjsonpath.New("id"), dsARN(acctest.SandboxRegion, bare)),
				statecheck.ExpectKnownValue(bareAddr, tfjsonpath.New("arn"), dsARN(acctest.SandboxRegion, bare)),
				statecheck.ExpectKnownValue(bareAddr, tfjsonpath.New("region"), knownvalue.StringExact(acctest.SandboxRegion)),
				// Provider default tags are not the cluster's tags.
				statecheck.ExpectKnownValue(bareAddr, tfjsonpath.New("tags"), knownvalue.MapExact(map[string]knownvalue.Check{})),
				// The account default applied at creation.
				statecheck.ExpectKnownValue(bareAddr, tfjsonpath.New("setting"), knownvalue.SetExact([]knownvalue.Check{dsInsights("disabled")})),
				statecheck.ExpectKnownValue(bareAddr, tfjsonpath.New("configuration"), empty),
				statecheck.ExpectKnownValue(bareAddr, tfjsonpath.New("service_connect_defaults"), empty),
				statecheck.ExpectKnownValue(bareAddr, tfjsonpath.New("capacity_providers"), knownvalue.SetExact([]knownvalue.Check{})),
				statecheck.ExpectKnownValue(bareAddr, tfjsonpath.New("default_capacity_provider_strategy"), knownvalue.SetExact([]knownvalue.Check{})),
				statecheck.ExpectKnownValue(bareAddr, tfjsonpath.New("attachments"), empty),
				statecheck.ExpectKnownValue(bareAddr, tfjsonpath.New("attachments_status"), knownvalue.Null()),
				statecheck.ExpectKnownValue(bareAddr, tfjsonpath.New("statistics"), knownvalue.MapExact(map[string]knownvalue.Check{})),
				statecheck.ExpectKnownValue(bareAddr, tfjsonpath.New("running_tasks_count"), knownvalue.Int64Exact(0)),
				statecheck.ExpectKnownOutputValue("bare_configuration", empty),
				statecheck.ExpectKnownOutputValue("bare_namespace", knownvalue.StringExact("none")),

				statecheck.ExpectKnownValue(fullAddr, tfjsonpath.New("cluster_name"), knownvalue.StringExact(full)),
				statecheck.ExpectKnownValue(fullAddr, tfjsonpath.New("status"), knownvalue.StringExact("ACTIVE")),
				statecheck.ExpectKnownValue(fullAddr, tfjsonpath.New("tags"), dsStrings(map[string]string{"env": "prod", "owner": ""})),
				statecheck.ExpectKnownValue(fullAddr, tfjsonpath.New("setting"), knownvalue.SetExact([]knownvalue.Check{dsInsights("enabled")})),
				statecheck.ExpectKnownValue(fullAddr, tfjsonpath.New("configuration"), knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectExact(map[string]knownvalue.Check{
					"execute_command_configuration": knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectExact(map[string]knownvalue.Check{
						"kms_key_id": knownvalue.Null(),
						"logging":    knownvalue.StringExact("OVERRIDE"),
						"log_configuration": knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectExact(map[string]knownvalue.Check{
							"cloud_watch_encryption_enabled": knownvalue.Bool(true),
							"cloud_watch_log_group_name":     knownvalue.StringExact(logGroupName),
							"s3_bucket_name":                 knownvalue.Null(),
							"s3_bucket_encryption_enabled":   knownvalue.Bool(false),
							"s3_key_prefix":                  knownvalue.Null(),
						})}),
					})}),
					"managed_storage_configuration": empty,
				})})),
				statecheck.ExpectKnownValue(fullAddr, tfjsonpath.New("capacity_providers"), knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("FARGATE")})),
				statecheck.ExpectKnownValue(fullAddr, tfjsonpath.New("default_capacity_provider_strategy"), knownvalue.SetExact([]knownvalue.Check{dsStrategyItem("FARGATE", 3, 2)})),
				// A namespace given by name is reported, and shown, by ARN.
				statecheck.ExpectKnownValue(fullAddr, tfjsonpath.New("service_connect_defaults"), dsServiceConnect(namespaceARN)),
				statecheck.ExpectKnownValue(fullAddr, tfjsonpath.New("registered_container_instances_count"), knownvalue.Int64Exact(2)),
				statecheck.ExpectKnownValue(fullAddr, tfjsonpath.New("running_tasks_count"), knownvalue.Int64Exact(5)),
				statecheck.ExpectKnownValue(fullAddr, tfjsonpath.New("pending_tasks_count"), knownvalue.Int64Exact(1)),
				statecheck.ExpectKnownValue(fullAddr, tfjsonpath.New("active_services_count"), knownvalue.Int64Exact(3)),
				statecheck.ExpectKnownValue(fullAddr, tfjsonpath.New("statistics"), knownvalue.MapPartial(map[string]knownvalue.Check{
					"runningEC2TasksCount":    knownvalue.StringExact("5"),
					"pendingEC2TasksCount":    knownvalue.StringExact("1"),
					"activeEC2ServiceCount":   knownvalue.StringExact("3"),
					"drainingEC2ServiceCount": knownvalue.StringExact("1"),
				})),
				statecheck.ExpectKnownValue(fullAddr, tfjsonpath.New("attachments"), knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectExact(map[string]knownvalue.Check{
					"id":      knownvalue.NotNull(),
					"type":    knownvalue.StringExact("sc"),
					"status":  knownvalue.StringExact("ATTACHED"),
					"details": knownvalue.MapExact(map[string]knownvalue.Check{}),
				})})),
				statecheck.ExpectKnownValue(fullAddr, tfjsonpath.New("attachments_status"), knownvalue.StringExact("UPDATE_COMPLETE")),
				statecheck.ExpectKnownOutputValue("full_log_group", knownvalue.StringExact(logGroupName)),
			},
		}},
	})
}

// TestAccClusterDataSource_region reads clusters of a region other than the
// provider's: by cluster_name with region, and by an ARN of that region.
// The same name in both regions names two clusters.
func TestAccClusterDataSource_region(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	acctest.SkipOnAWS(t) // the sandbox's second region
	name := acctest.RandomName("ecsx-region")
	onlyThere := acctest.RandomName("ecsx-there")

	other := dsECSIn(env, dsOtherRegion)
	var otherARN string
	for _, c := range []struct {
		client *ecs.Client
		name   string
		place  string
	}{{env.ECS(), name, "home"}, {other, name, "away"}, {other, onlyThere, "away"}} {
		out, err := c.client.CreateCluster(t.Context(), &ecs.CreateClusterInput{
			ClusterName: aws.String(c.name),
			Tags:        []ecstypes.Tag{{Key: aws.String("place"), Value: aws.String(c.place)}},
		})
		if err != nil {
			t.Fatal(err)
		}
		otherARN = aws.ToString(out.Cluster.ClusterArn)
	}
	if !strings.HasPrefix(otherARN, "arn:aws:ecs:"+dsOtherRegion+":") {
		t.Fatalf("cluster created in %s has ARN %s", dsOtherRegion, otherARN)
	}
	dsWaitStatus(t, other, onlyThere, "ACTIVE")

	config := env.ProviderConfig() + fmt.Sprintf(`
data "ecsx_cluster" "home" {
  cluster_name = %[1]q
}

data "ecsx_cluster" "away" {
  cluster_name = %[1]q
  region       = %[3]q
}

data "ecsx_cluster" "by_arn" {
  arn = %[4]q
}

data "ecsx_cluster" "by_arn_and_region" {
  arn    = %[4]q
  region = %[3]q
}

data "ecsx_clusters" "away" {
  region     = %[3]q
  name_regex = "^ecsx-(region|there)-"
}

output "away_place" {
  value = data.ecsx_cluster.away.tags["place"]
}
`, name, onlyThere, dsOtherRegion, otherARN)

	acctest.Test(t, resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.ecsx_cluster.home", tfjsonpath.New("arn"), dsARN(acctest.SandboxRegion, name)),
					statecheck.ExpectKnownValue("data.ecsx_cluster.home", tfjsonpath.New("region"), knownvalue.StringExact(acctest.SandboxRegion)),
					statecheck.ExpectKnownValue("data.ecsx_cluster.home", tfjsonpath.New("tags"), dsStrings(map[string]string{"place": "home"})),
					statecheck.ExpectKnownValue("data.ecsx_cluster.away", tfjsonpath.New("arn"), dsARN(dsOtherRegion, name)),
					statecheck.ExpectKnownValue("data.ecsx_cluster.away", tfjsonpath.New("region"), knownvalue.StringExact(dsOtherRegion)),
					statecheck.ExpectKnownValue("data.ecsx_cluster.away", tfjsonpath.New("tags"), dsStrings(map[string]string{"place": "away"})),
					statecheck.ExpectKnownValue("data.ecsx_cluster.by_arn", tfjsonpath.New("cluster_name"), knownvalue.StringExact(onlyThere)),
					statecheck.ExpectKnownValue("data.ecsx_cluster.by_arn", tfjsonpath.New("region"), knownvalue.StringExact(dsOtherRegion)),
					statecheck.ExpectKnownValue("data.ecsx_cluster.by_arn", tfjsonpath.New("status"), knownvalue.StringExact("ACTIVE")),
					statecheck.ExpectKnownValue("data.ecsx_cluster.by_arn_and_region", tfjsonpath.New("arn"), knownvalue.StringExact(otherARN)),
					statecheck.ExpectKnownValue("data.ecsx_clusters.away", tfjsonpath.New("region"), knownvalue.StringExact(dsOtherRegion)),
					statecheck.ExpectKnownValue("data.ecsx_clusters.away", tfjsonpath.New("names"), knownvalue.ListExact(dsNames(name, onlyThere))),
					statecheck.ExpectKnownOutputValue("away_place", knownvalue.StringExact("away")),
				},
			},
			{
				// The cluster of the other region is not in the provider's.
				Config:      env.ProviderConfig() + fmt.Sprintf("data \"ecsx_cluster\" \"test\" {\n  cluster_name = %q\n}\n", onlyThere),
				ExpectError: regexp.MustCompile(`(?s)Cluster not found.*` + onlyThere + `.*in\s+region\s+` + acctest.SandboxRegion),
			},
			{
				// An explicit region wins over the region of the ARN.
				Config:      env.ProviderConfig() + fmt.Sprintf("data \"ecsx_cluster\" \"test\" {\n  arn    = %q\n  region = %q\n}\n", otherARN, acctest.SandboxRegion),
				ExpectError: regexp.MustCompile(`(?s)Cluster not found.*` + dsOtherRegion + `.*in\s+region\s+` + acctest.SandboxRegion),
			},
		},
	})
}

// dsNames returns checks of names, sorted as the data sources sort them.
func dsNames(names ...string) []knownvalue.Check {
	checks := make([]knownvalue.Check, 0, len(names))
	for _, n := range slices.Sorted(slices.Values(names)) {
		checks = append(checks, knownvalue.StringExact(n))
	}
	return checks
}

// dsARNs returns checks of the ARNs of the clusters of region named
// names, in the order of dsNames.
func dsARNs(region string, names ...string) []knownvalue.Check {
	checks := make([]knownvalue.Check, 0, len(names))
	for _, n := range slices.Sorted(slices.Values(names)) {
		checks = append(checks, dsARN(region, n))
	}
	return checks
}

// dsAccount returns the account of the environment's clusters, read from
// the ARN of a cluster created and deleted for the purpose.
func dsAccount(t *testing.T, env *acctest.Env) string {
	t.Helper()
	name := acctest.RandomName("ecsx-account")
	if err := env.CreateCluster(name); err != nil {
		t.Fatal(err)
	}
	arn, err := env.ClusterARN(name)
	if err != nil {
		t.Fatal(err)
	}
	if err := env.DeleteCluster(name); err != nil {
		t.Fatal(err)
	}
	parts := strings.Split(arn, ":")
	if len(parts) < 5 {
		t.Fatalf("cluster ARN %q", arn)
	}
	return parts[4]
}

// TestAccClusterDataSource_errors covers the configuration rules and the
// lookups that must fail: a missing cluster and a deleted (INACTIVE) one.
func TestAccClusterDataSource_errors(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	missing := acctest.RandomName("ecsx-missing")
	deleted := acctest.RandomName("ecsx-deleted")
	account := dsAccount(t, env)

	dataSource := func(body string) string {
		return env.ProviderConfig() + fmt.Sprintf("\ndata \"ecsx_cluster\" \"test\" {\n%s\n}\n", body)
	}

	acctest.Test(t, resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config:      dataSource(""),
				ExpectError: regexp.MustCompile(`(?s)Missing Attribute Configuration.*Exactly one of these attributes must be\s+configured: \[cluster_name,arn\]`),
			},
			{
				Config:      dataSource(fmt.Sprintf("  cluster_name = %q\n  arn = \"arn:aws:ecs:us-east-1:%s:cluster/%s\"", missing, account, missing)),
				ExpectError: regexp.MustCompile(`(?s)Invalid Attribute Combination.*cluster_name`),
			},
			{
				// hashicorp/aws's old argument name of the resource is not one of the data source.
				Config:      dataSource(fmt.Sprintf("  name = %q", missing)),
				ExpectError: regexp.MustCompile(`(?s)Unsupported argument.*"name" is not expected here`),
			},
			{
				Config:      dataSource(`  arn = "cluster/not-an-arn"`),
				ExpectError: regexp.MustCompile(`must be a cluster ARN`),
			},
			{
				Config:      dataSource(`  cluster_name = "not a name"`),
				ExpectError: regexp.MustCompile(`(?s)Invalid Attribute Value Match.*cluster_name.*must\s+be\s+1\s+to\s+255\s+characters`),
			},
			{
				Config:      dataSource(fmt.Sprintf("  cluster_name = %q\n  region = \"mars\"", missing)),
				ExpectError: regexp.MustCompile(`must be an AWS region name`),
			},
			{
				Config:      dataSource(fmt.Sprintf("  cluster_name = %q", missing)),
				ExpectError: regexp.MustCompile(`(?s)Cluster not found.*ECS has no cluster\s+` + missing + `\s+in\s+region\s+us-east-1`),
			},
			{
				Config:      dataSource(fmt.Sprintf("  arn = \"arn:aws:ecs:us-east-1:%s:cluster/%s\"", account, missing)),
				ExpectError: regexp.MustCompile(`(?s)Cluster not found.*` + missing),
			},
			{
				PreConfig: func() {
					if err := env.CreateCluster(deleted); err != nil {
						t.Fatal(err)
					}
					dsWaitStatus(t, env.ECS(), deleted, "ACTIVE")
					if err := env.DeleteCluster(deleted); err != nil {
						t.Fatal(err)
					}
					dsWaitStatus(t, env.ECS(), deleted, "INACTIVE")
				},
				Config:      dataSource(fmt.Sprintf("  cluster_name = %q", deleted)),
				ExpectError: regexp.MustCompile(`(?s)Cluster is deleted.*` + deleted + `.*INACTIVE`),
			},
		},
	})
}

// TestAccClustersDataSource_region lists the clusters of the provider's
// region and of another one, with an ecsx_cluster of the same configuration
// among them.
func TestAccClustersDataSource_region(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	acctest.SkipOnAWS(t) // the sandbox's second region
	managed := acctest.RandomName("ecsx-list")
	home := acctest.RandomName("ecsx-list")
	away := acctest.RandomName("ecsx-list")
	if err := env.CreateCluster(home); err != nil {
		t.Fatal(err)
	}
	if _, err := dsECSIn(env, dsOtherRegion).CreateCluster(t.Context(), &ecs.CreateClusterInput{ClusterName: aws.String(away)}); err != nil {
		t.Fatal(err)
	}

	config := env.ProviderConfig() + fmt.Sprintf(`
resource "ecsx_cluster" "test" {
  name = %[1]q
}

data "ecsx_clusters" "home" {
  name_regex = "^ecsx-list-"
  depends_on = [ecsx_cluster.test]
}

data "ecsx_clusters" "away" {
  region = %[2]q
}

data "ecsx_clusters" "exact" {
  name_regex = "^${ecsx_cluster.test.name}$"
}

output "home_arns" {
  value = data.ecsx_clusters.home.cluster_arns
}
`, managed, dsOtherRegion)

	acctest.Test(t, resource.TestCase{
		CheckDestroy: env.CheckClustersDestroyed(),
		Steps: []resource.TestStep{{
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.ecsx_clusters.home", tfjsonpath.New("region"), knownvalue.StringExact(acctest.SandboxRegion)),
				statecheck.ExpectKnownValue("data.ecsx_clusters.home", tfjsonpath.New("names"), knownvalue.ListExact(dsNames(managed, home))),
				statecheck.ExpectKnownValue("data.ecsx_clusters.home", tfjsonpath.New("cluster_arns"), knownvalue.ListExact(dsARNs(acctest.SandboxRegion, managed, home))),
				statecheck.ExpectKnownOutputValue("home_arns", knownvalue.ListExact(dsARNs(acctest.SandboxRegion, managed, home))),
				statecheck.ExpectKnownValue("data.ecsx_clusters.away", tfjsonpath.New("region"), knownvalue.StringExact(dsOtherRegion)),
				statecheck.ExpectKnownValue("data.ecsx_clusters.away", tfjsonpath.New("names"), knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact(away)})),
				statecheck.ExpectKnownValue("data.ecsx_clusters.away", tfjsonpath.New("cluster_arns"), knownvalue.ListExact([]knownvalue.Check{dsARN(dsOtherRegion, away)})),
				statecheck.ExpectKnownValue("data.ecsx_clusters.away", tfjsonpath.New("clusters"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectExact(map[string]knownvalue.Check{"name": knownvalue.StringExact(away), "arn": dsARN(dsOtherRegion, away)}),
				})),
				statecheck.ExpectKnownValue("data.ecsx_clusters.exact", tfjsonpath.New("names"), knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact(managed)})),
				statecheck.CompareValuePairs("data.ecsx_clusters.exact", tfjsonpath.New("cluster_arns").AtSliceIndex(0), clusterAddr, tfjsonpath.New("arn"), compare.ValuesSame()),
			},
		}},
	})
}

// awsClusterModule is a configuration written for hashicorp/aws's
// aws_ecs_cluster and aws_ecs_clusters data sources; %[1]q is the name of
// the cluster to read.
const awsClusterModule = `
data "aws_ecs_cluster" "x" {
  cluster_name = %[1]q
}

data "aws_ecs_clusters" "x" {}

output "setting" {
  value = data.aws_ecs_cluster.x.setting
}

output "container_insights" {
  value = [for s in data.aws_ecs_cluster.x.setting : s.value if s.name == "containerInsights"][0]
}

output "cluster_name" {
  value = data.aws_ecs_cluster.x.cluster_name
}

output "arn" {
  value = data.aws_ecs_cluster.x.arn
}

output "id" {
  value = data.aws_ecs_cluster.x.id
}

output "status" {
  value = data.aws_ecs_cluster.x.status
}

output "pending_tasks_count" {
  value = data.aws_ecs_cluster.x.pending_tasks_count
}

output "running_tasks_count" {
  value = data.aws_ecs_cluster.x.running_tasks_count
}

output "registered_container_instances_count" {
  value = data.aws_ecs_cluster.x.registered_container_instances_count
}

output "namespace" {
  value = data.aws_ecs_cluster.x.service_connect_defaults[0].namespace
}

output "tags" {
  value = data.aws_ecs_cluster.x.tags
}

output "cluster_arns" {
  value = data.aws_ecs_clusters.x.cluster_arns
}

output "listed" {
  value = contains(data.aws_ecs_clusters.x.cluster_arns, data.aws_ecs_cluster.x.arn)
}
`

// TestAccClusterDataSource_awsModule checks that a configuration written for
// hashicorp/aws's data sources works once aws_ecs_ is renamed ecsx_.
func TestAccClusterDataSource_awsModule(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	acctest.SkipOnAWS(t) // occupants are set through the sandbox
	name := acctest.RandomName("ecsx-module")
	out, err := env.ECS().CreateCluster(t.Context(), &ecs.CreateClusterInput{
		ClusterName:            aws.String(name),
		Tags:                   []ecstypes.Tag{{Key: aws.String("env"), Value: aws.String("prod")}},
		Settings:               []ecstypes.ClusterSetting{{Name: ecstypes.ClusterSettingNameContainerInsights, Value: aws.String("enabled")}},
		ServiceConnectDefaults: &ecstypes.ClusterServiceConnectDefaultsRequest{Namespace: aws.String(acctest.RandomName("ns"))},
	})
	if err != nil {
		t.Fatal(err)
	}
	namespaceARN := aws.ToString(out.Cluster.ServiceConnectDefaults.Namespace)
	arn := aws.ToString(out.Cluster.ClusterArn)
	dsWaitStatus(t, env.ECS(), name, "ACTIVE")
	if err := env.Sandbox.SetOccupants("", "", name, sandbox.Occupants{ContainerInstances: 1, RunningTasks: 4, PendingTasks: 2}); err != nil {
		t.Fatal(err)
	}

	module := strings.ReplaceAll(fmt.Sprintf(awsClusterModule, name), "aws_ecs_", "ecsx_")
	if strings.Contains(module, "aws_") {
		t.Fatalf("the renamed module still names hashicorp/aws types:\n%s", module)
	}
	acctest.Test(t, resource.TestCase{
		Steps: []resource.TestStep{{
			Config: env.ProviderConfig() + module,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("setting", knownvalue.SetExact([]knownvalue.Check{dsInsights("enabled")})),
				statecheck.ExpectKnownOutputValue("container_insights", knownvalue.StringExact("enabled")),
				statecheck.ExpectKnownOutputValue("cluster_name", knownvalue.StringExact(name)),
				statecheck.ExpectKnownOutputValue("arn", knownvalue.StringExact(arn)),
				statecheck.ExpectKnownOutputValue("id", knownvalue.StringExact(arn)),
				statecheck.ExpectKnownOutputValue("status", knownvalue.StringExact("ACTIVE")),
				statecheck.ExpectKnownOutputValue("pending_tasks_count", knownvalue.Int64Exact(2)),
				statecheck.ExpectKnownOutputValue("running_tasks_count", knownvalue.Int64Exact(4)),
				statecheck.ExpectKnownOutputValue("registered_container_instances_count", knownvalue.Int64Exact(1)),
				statecheck.ExpectKnownOutputValue("namespace", knownvalue.StringExact(namespaceARN)),
				statecheck.ExpectKnownOutputValue("tags", dsStrings(map[string]string{"env": "prod"})),
				statecheck.ExpectKnownOutputValue("cluster_arns", knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact(arn)})),
				statecheck.ExpectKnownOutputValue("listed", knownvalue.Bool(true)),
			},
		}},
	})
}

// dsWaitStatus polls the cluster through client until it has status.
func dsWaitStatus(t *testing.T, client *ecs.Client, name, status string) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for {
		out, err := client.DescribeClusters(t.Context(), &ecs.DescribeClustersInput{Clusters: []string{name}})
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
