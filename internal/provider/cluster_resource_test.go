package provider_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"
	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/ecsx/terraform-provider-ecsx/internal/acctest"
	"github.com/ecsx/terraform-provider-ecsx/internal/sandbox"
)

var clusterARNPattern = regexp.MustCompile(`^arn:aws[a-z-]*:ecs:[a-z0-9-]+:\d{12}:cluster/[A-Za-z0-9_-]+$`)

// attr is the path of a top-level attribute of ecsx_cluster.test.
func attr(name string) tfjsonpath.Path { return tfjsonpath.New(name) }

// block is the path of the only element of a list block of
// ecsx_cluster.test, or of a block nested in it: block("configuration",
// "execute_command_configuration") is
// configuration[0].execute_command_configuration[0].
func block(names ...string) tfjsonpath.Path {
	p := tfjsonpath.New(names[0]).AtSliceIndex(0)
	for _, n := range names[1:] {
		p = p.AtMapKey(n).AtSliceIndex(0)
	}
	return p
}

func expectState(p tfjsonpath.Path, v knownvalue.Check) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(clusterAddr, p, v)
}

// insights is a setting value with the given Container Insights value.
func insights(value string) knownvalue.Check {
	return knownvalue.SetExact([]knownvalue.Check{
		knownvalue.ObjectExact(map[string]knownvalue.Check{
			"name":  knownvalue.StringExact("containerInsights"),
			"value": knownvalue.StringExact(value),
		}),
	})
}

var (
	emptySet  = knownvalue.SetExact([]knownvalue.Check{})
	emptyList = knownvalue.ListExact([]knownvalue.Check{})
)

func strMap(m map[string]string) knownvalue.Check {
	checks := make(map[string]knownvalue.Check, len(m))
	for k, v := range m {
		checks[k] = knownvalue.StringExact(v)
	}
	return knownvalue.MapExact(checks)
}

func strategyItem(provider string, weight, base int64) knownvalue.Check {
	return knownvalue.ObjectExact(map[string]knownvalue.Check{
		"capacity_provider": knownvalue.StringExact(provider),
		"weight":            knownvalue.Int64Exact(weight),
		"base":              knownvalue.Int64Exact(base),
	})
}

func expectUpdate() resource.ConfigPlanChecks {
	return resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
		plancheck.ExpectResourceAction(clusterAddr, plancheck.ResourceActionUpdate),
	}}
}

func expectNoop() resource.ConfigPlanChecks {
	return resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
		plancheck.ExpectResourceAction(clusterAddr, plancheck.ResourceActionNoop),
	}}
}

// stateAttr returns an ImportStateIdFunc giving an attribute of the cluster.
func stateAttr(name string) resource.ImportStateIdFunc {
	return func(s *terraform.State) (string, error) {
		rs, ok := s.RootModule().Resources[clusterAddr]
		if !ok {
			return "", fmt.Errorf("%s not in state", clusterAddr)
		}
		return rs.Primary.Attributes[name], nil
	}
}

// clusterConfig is the provider block and an ecsx_cluster.test with name
// and body.
func clusterConfig(env *acctest.Env, name, body string) string {
	return env.ProviderConfig() + fmt.Sprintf(`
resource "ecsx_cluster" "test" {
  name = %[1]q
  %[2]s
}
`, name, body)
}

// describe returns the cluster as ECS reports it, with every include.
func describe(t *testing.T, client *ecs.Client, name string) ecstypes.Cluster {
	t.Helper()
	out, err := client.DescribeClusters(t.Context(), &ecs.DescribeClustersInput{
		Clusters: []string{name},
		Include: []ecstypes.ClusterField{
			ecstypes.ClusterFieldSettings, ecstypes.ClusterFieldConfigurations, ecstypes.ClusterFieldTags, ecstypes.ClusterFieldAttachments,
		},
	})
	if err != nil {
		t.Fatalf("describing cluster %s: %v", name, err)
	}
	if len(out.Clusters) != 1 {
		t.Fatalf("describing cluster %s: %d clusters, failures %v", name, len(out.Clusters), out.Failures)
	}
	return out.Clusters[0]
}

// insightsOf is the containerInsights value ECS reports for a cluster.
func insightsOf(t *testing.T, client *ecs.Client, name string) string {
	t.Helper()
	for _, s := range describe(t, client, name).Settings {
		if s.Name == ecstypes.ClusterSettingNameContainerInsights {
			return aws.ToString(s.Value)
		}
	}
	return ""
}

func TestAccCluster_basic(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	name := "default"
	nameAttr := ""
	if acctest.OnAWS() {
		// The account may have its own default cluster.
		name = acctest.RandomName("ecsx-basic")
		nameAttr = fmt.Sprintf("name = %q", name)
	}
	config := env.ProviderConfig() + fmt.Sprintf(`
resource "ecsx_cluster" "test" {
  %s
}
`, nameAttr)

	acctest.Test(t, resource.TestCase{
		CheckDestroy: env.CheckClustersDestroyed(),
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(clusterAddr, plancheck.ResourceActionCreate),
						plancheck.ExpectKnownValue(clusterAddr, attr("name"), knownvalue.StringExact(name)),
						plancheck.ExpectKnownValue(clusterAddr, attr("region"), knownvalue.StringExact(env.Region)),
						plancheck.ExpectKnownValue(clusterAddr, attr("tags_all"), knownvalue.MapExact(map[string]knownvalue.Check{})),
						plancheck.ExpectKnownValue(clusterAddr, attr("setting"), emptySet),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					expectState(attr("name"), knownvalue.StringExact(name)),
					expectState(attr("name_prefix"), knownvalue.Null()),
					expectState(attr("arn"), knownvalue.StringRegexp(clusterARNPattern)),
					statecheck.CompareValuePairs(clusterAddr, attr("id"), clusterAddr, attr("arn"), compare.ValuesSame()),
					expectState(attr("region"), knownvalue.StringExact(env.Region)),
					expectState(attr("status"), knownvalue.StringExact("ACTIVE")),
					expectState(attr("tags"), knownvalue.Null()),
					expectState(attr("tags_all"), knownvalue.MapExact(map[string]knownvalue.Check{})),
					// Without a setting block the setting is not managed.
					expectState(attr("setting"), emptySet),
					expectState(attr("configuration"), emptyList),
					// Without capacity_providers they are not managed either.
					expectState(attr("capacity_providers"), knownvalue.Null()),
					expectState(attr("default_capacity_provider_strategy"), emptySet),
					expectState(attr("service_connect_defaults"), emptyList),
					expectState(attr("registered_container_instances_count"), knownvalue.Int64Exact(0)),
					expectState(attr("running_tasks_count"), knownvalue.Int64Exact(0)),
					expectState(attr("pending_tasks_count"), knownvalue.Int64Exact(0)),
					expectState(attr("active_services_count"), knownvalue.Int64Exact(0)),
					expectState(attr("attachments"), emptyList),
					expectState(attr("timeouts"), knownvalue.Null()),
				},
			},
			{
				ResourceName:            clusterAddr,
				ImportState:             true,
				ImportStateId:           name,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"timeouts", "setting"},
			},
		},
	})
}

func TestAccCluster_full(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	name := acctest.RandomName("ecsx-full")

	serviceConnect := ""
	var namespaceARN string
	if env.Sandbox != nil {
		// Given by ARN so that an import (which only sees the ARN) matches.
		namespaceARN = env.Sandbox.RegisterNamespace("", "", "full-ns")
		serviceConnect = fmt.Sprintf(`service_connect_defaults {
    namespace = %q
  }`, namespaceARN)
	}
	timeoutsBlock := `timeouts {
    create = "5m"
    delete = "5m"
  }`
	configWith := func(timeouts string) string {
		return env.ProviderConfigWith(`  default_tags {
    tags = { team = "platform" }
  }`) + fmt.Sprintf(`
resource "ecsx_cluster" "test" {
  name = %[1]q
  tags = {
    env   = "test"
    owner = "ecsx"
  }
  setting {
    name  = "containerInsights"
    value = "enhanced"
  }
  configuration {
    execute_command_configuration {
      kms_key_id = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
      logging    = "OVERRIDE"
      log_configuration {
        cloud_watch_log_group_name     = "/ecs/exec/full"
        cloud_watch_encryption_enabled = true
        s3_bucket_name                 = "ecsx-exec-audit"
        s3_bucket_encryption_enabled   = true
        s3_key_prefix                  = "full/"
      }
    }
    managed_storage_configuration {
      kms_key_id                           = "arn:aws:kms:us-east-1:123456789012:key/aaaaaaaa-12ab-34cd-56ef-1234567890ab"
      fargate_ephemeral_storage_kms_key_id = "arn:aws:kms:us-east-1:123456789012:key/bbbbbbbb-12ab-34cd-56ef-1234567890ab"
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
    weight            = 3
  }
  %[2]s
  %[3]s
}
`, name, serviceConnect, timeouts)
	}
	config := configWith(timeoutsBlock)

	checks := []statecheck.StateCheck{
		expectState(attr("name"), knownvalue.StringExact(name)),
		expectState(attr("arn"), knownvalue.StringRegexp(regexp.MustCompile(`:cluster/`+name+`$`))),
		expectState(attr("tags"), strMap(map[string]string{"env": "test", "owner": "ecsx"})),
		expectState(attr("tags_all"), strMap(map[string]string{"env": "test", "owner": "ecsx", "team": "platform"})),
		expectState(attr("setting"), insights("enhanced")),
		expectState(attr("configuration"), knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectExact(map[string]knownvalue.Check{
			"execute_command_configuration": knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectExact(map[string]knownvalue.Check{
				"kms_key_id": knownvalue.StringExact("arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"),
				"logging":    knownvalue.StringExact("OVERRIDE"),
				"log_configuration": knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectExact(map[string]knownvalue.Check{
					"cloud_watch_log_group_name":     knownvalue.StringExact("/ecs/exec/full"),
					"cloud_watch_encryption_enabled": knownvalue.Bool(true),
					"s3_bucket_name":                 knownvalue.StringExact("ecsx-exec-audit"),
					"s3_bucket_encryption_enabled":   knownvalue.Bool(true),
					"s3_key_prefix":                  knownvalue.StringExact("full/"),
				})}),
			})}),
			"managed_storage_configuration": knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectExact(map[string]knownvalue.Check{
				"kms_key_id":                           knownvalue.StringExact("arn:aws:kms:us-east-1:123456789012:key/aaaaaaaa-12ab-34cd-56ef-1234567890ab"),
				"fargate_ephemeral_storage_kms_key_id": knownvalue.StringExact("arn:aws:kms:us-east-1:123456789012:key/bbbbbbbb-12ab-34cd-56ef-1234567890ab"),
			})}),
		})})),
		expectState(attr("capacity_providers"), knownvalue.SetExact([]knownvalue.Check{
			knownvalue.StringExact("FARGATE"), knownvalue.StringExact("FARGATE_SPOT"),
		})),
		expectState(attr("default_capacity_provider_strategy"), knownvalue.SetExact([]knownvalue.Check{
			strategyItem("FARGATE", 1, 1), strategyItem("FARGATE_SPOT", 3, 0),
		})),
		expectState(attr("timeouts"), knownvalue.ObjectExact(map[string]knownvalue.Check{
			"create": knownvalue.StringExact("5m"),
			"update": knownvalue.Null(),
			"delete": knownvalue.StringExact("5m"),
		})),
	}
	if env.Sandbox != nil {
		checks = append(checks, expectState(attr("service_connect_defaults"), knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectExact(map[string]knownvalue.Check{
			"namespace":     knownvalue.StringExact(namespaceARN),
			"namespace_arn": knownvalue.StringExact(namespaceARN),
		})})))
	}

	acctest.Test(t, resource.TestCase{
		CheckDestroy: env.CheckClustersDestroyed(),
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectKnownValue(clusterAddr, attr("tags_all"),
						strMap(map[string]string{"env": "test", "owner": "ecsx", "team": "platform"})),
				}},
				ConfigStateChecks: checks,
			},
			{
				// terraform import by name.
				Config:                  config,
				ResourceName:            clusterAddr,
				ImportState:             true,
				ImportStateId:           name,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"timeouts"},
			},
			{
				// An import {} block by ARN: the plan of the import must
				// have no change (timeouts are left out, since an import
				// cannot know them).
				Config:            configWith(""),
				ResourceName:      clusterAddr,
				ImportState:       true,
				ImportStateKind:   resource.ImportBlockWithID,
				ImportStateIdFunc: stateAttr("arn"),
			},
		},
	})
}

func TestAccCluster_namePrefix(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	config := env.ProviderConfig() + `
resource "ecsx_cluster" "test" {
  name_prefix = "ecsx-np-"
}
`
	acctest.Test(t, resource.TestCase{
		CheckDestroy: env.CheckClustersDestroyed(),
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectUnknownValue(clusterAddr, attr("name")),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					expectState(attr("name"), knownvalue.StringRegexp(regexp.MustCompile(`^ecsx-np-\d{20}[0-9a-f]{6}$`))),
					expectState(attr("name_prefix"), knownvalue.StringExact("ecsx-np-")),
				},
			},
			{
				// terraform import keeps the prefix of a generated name.
				ResourceName:            clusterAddr,
				ImportState:             true,
				ImportStateIdFunc:       stateAttr("name"),
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"timeouts", "setting"},
			},
			{
				// An import {} block into the name_prefix configuration
				// plans no replacement: only the alignment of what the
				// configuration leaves unmanaged.
				Config:             config,
				ResourceName:       clusterAddr,
				ImportState:        true,
				ImportStateKind:    resource.ImportBlockWithID,
				ImportStateIdFunc:  stateAttr("name"),
				ExpectNonEmptyPlan: true,
				ImportPlanChecks: resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(clusterAddr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(clusterAddr, attr("name_prefix"), knownvalue.StringExact("ecsx-np-")),
				}},
			},
		},
	})
}

// TestAccCluster_nameWithPrefix checks name and name_prefix together, as
// -generate-config-out writes them: accepted when the name begins with the
// prefix.
func TestAccCluster_nameWithPrefix(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	name := acctest.RandomName("ecsx-both")
	acctest.Test(t, resource.TestCase{
		CheckDestroy: env.CheckClustersDestroyed(),
		Steps: []resource.TestStep{
			{
				Config:      clusterConfig(env, name, `name_prefix = "other-"`),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)name_prefix.*other-.*does not begin with the prefix`),
			},
			{
				Config: clusterConfig(env, name, `name_prefix = "ecsx-both-"`),
				ConfigStateChecks: []statecheck.StateCheck{
					expectState(attr("name"), knownvalue.StringExact(name)),
					expectState(attr("name_prefix"), knownvalue.StringExact("ecsx-both-")),
				},
			},
		},
	})
}

func TestAccCluster_tags(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	name := acctest.RandomName("ecsx-tags")
	provider := env.ProviderConfigWith(`  default_tags {
    tags = { team = "platform", env = "test" }
  }`)
	config := func(tags string) string {
		return provider + fmt.Sprintf(`
resource "ecsx_cluster" "test" {
  name = %[1]q
  %[2]s
}
`, name, tags)
	}
	acctest.Test(t, resource.TestCase{
		CheckDestroy: env.CheckClustersDestroyed(),
		Steps: []resource.TestStep{
			{
				Config: config(`tags = { a = "1", b = "2" }`),
				ConfigStateChecks: []statecheck.StateCheck{
					expectState(attr("tags"), strMap(map[string]string{"a": "1", "b": "2"})),
					expectState(attr("tags_all"), strMap(map[string]string{"a": "1", "b": "2", "team": "platform", "env": "test"})),
				},
			},
			{
				// Change one, remove one, add one, and override a default
				// tag; "env" repeats a default tag with the same value.
				Config: config(`tags = { a = "1x", c = "3", team = "apps", env = "test" }`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(clusterAddr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(clusterAddr, attr("tags_all"),
						strMap(map[string]string{"a": "1x", "c": "3", "team": "apps", "env": "test"})),
					// Only tags change: the computed values stay known.
					plancheck.ExpectKnownValue(clusterAddr, attr("status"), knownvalue.StringExact("ACTIVE")),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					expectState(attr("tags"), strMap(map[string]string{"a": "1x", "c": "3", "team": "apps", "env": "test"})),
					expectState(attr("tags_all"), strMap(map[string]string{"a": "1x", "c": "3", "team": "apps", "env": "test"})),
				},
			},
			{
				// A tag added outside Terraform shows as drift and is removed.
				PreConfig: func() {
					arn, err := env.ClusterARN(name)
					if err != nil {
						t.Fatal(err)
					}
					_, err = env.ECS().TagResource(t.Context(), &ecs.TagResourceInput{
						ResourceArn: aws.String(arn),
						Tags:        []ecstypes.Tag{{Key: aws.String("extra"), Value: aws.String("x")}},
					})
					if err != nil {
						t.Fatalf("tagging out of band: %v", err)
					}
				},
				Config:           config(`tags = { a = "1x", c = "3", team = "apps", env = "test" }`),
				ConfigPlanChecks: expectUpdate(),
				ConfigStateChecks: []statecheck.StateCheck{
					expectState(attr("tags_all"), strMap(map[string]string{"a": "1x", "c": "3", "team": "apps", "env": "test"})),
				},
			},
			{
				Config:           config(""),
				ConfigPlanChecks: expectUpdate(),
				ConfigStateChecks: []statecheck.StateCheck{
					expectState(attr("tags"), knownvalue.Null()),
					expectState(attr("tags_all"), strMap(map[string]string{"team": "platform", "env": "test"})),
				},
			},
			{
				// A change of the provider's default_tags alone updates the
				// cluster in place.
				Config: env.ProviderConfigWith(`  default_tags {
    tags = { team = "core" }
  }`) + fmt.Sprintf(`
resource "ecsx_cluster" "test" {
  name = %[1]q
}
`, name),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(clusterAddr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(clusterAddr, attr("tags_all"), strMap(map[string]string{"team": "core"})),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					expectState(attr("tags"), knownvalue.Null()),
					expectState(attr("tags_all"), strMap(map[string]string{"team": "core"})),
				},
			},
		},
	})
}

func settingBlock(value string) string {
	if value == "" {
		return ""
	}
	return fmt.Sprintf(`setting {
    name  = "containerInsights"
    value = %q
  }`, value)
}

func TestAccCluster_settings(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	name := acctest.RandomName("ecsx-settings")
	step := func(value string) resource.TestStep {
		return resource.TestStep{
			Config:            clusterConfig(env, name, settingBlock(value)),
			ConfigPlanChecks:  expectUpdate(),
			ConfigStateChecks: []statecheck.StateCheck{expectState(attr("setting"), insights(value))},
		}
	}
	acctest.Test(t, resource.TestCase{
		CheckDestroy: env.CheckClustersDestroyed(),
		Steps: []resource.TestStep{
			{
				Config:            clusterConfig(env, name, ""),
				ConfigStateChecks: []statecheck.StateCheck{expectState(attr("setting"), emptySet)},
			},
			step("enabled"),
			{
				// A managed setting changed outside Terraform shows as drift.
				PreConfig: func() {
					_, err := env.ECS().UpdateClusterSettings(t.Context(), &ecs.UpdateClusterSettingsInput{
						Cluster:  aws.String(name),
						Settings: []ecstypes.ClusterSetting{{Name: ecstypes.ClusterSettingNameContainerInsights, Value: aws.String("disabled")}},
					})
					if err != nil {
						t.Fatalf("changing the setting out of band: %v", err)
					}
				},
				Config:            clusterConfig(env, name, settingBlock("enabled")),
				ConfigPlanChecks:  expectUpdate(),
				ConfigStateChecks: []statecheck.StateCheck{expectState(attr("setting"), insights("enabled"))},
			},
			step("enhanced"),
		},
	})
}

// TestAccCluster_settingOwnership checks who owns containerInsights: the
// account's default when the configuration has no setting block, the
// configuration while it has one, and the account's effective default again
// once the block is removed.
func TestAccCluster_settingOwnership(t *testing.T) {
	acctest.SkipOnAWS(t) // changes an account default
	t.Parallel()
	env := acctest.New(t)
	name := acctest.RandomName("ecsx-owner")
	_, err := env.ECS().PutAccountSettingDefault(t.Context(), &ecs.PutAccountSettingDefaultInput{
		Name:  ecstypes.SettingNameContainerInsights,
		Value: aws.String("enhanced"),
	})
	if err != nil {
		t.Fatalf("setting the account default: %v", err)
	}
	wantInsights := func(want string) resource.TestCheckFunc {
		return func(*terraform.State) error {
			if got := insightsOf(t, env.ECS(), name); got != want {
				return fmt.Errorf("ECS reports containerInsights = %q, want %q", got, want)
			}
			return nil
		}
	}
	acctest.Test(t, resource.TestCase{
		CheckDestroy: env.CheckClustersDestroyed(),
		Steps: []resource.TestStep{
			{
				// Nothing is sent: the cluster gets the account's default.
				PreConfig:         env.Sandbox.ResetStats,
				Config:            clusterConfig(env, name, ""),
				ConfigStateChecks: []statecheck.StateCheck{expectState(attr("setting"), emptySet)},
				Check:             resource.ComposeTestCheckFunc(env.ExpectCallsCheck(map[string]int{"DescribeClusters": 2, "CreateCluster": 1}), wantInsights("enhanced")),
			},
			{
				// Changed outside Terraform: not managed, so no drift.
				PreConfig: func() {
					_, err := env.ECS().UpdateClusterSettings(t.Context(), &ecs.UpdateClusterSettingsInput{
						Cluster:  aws.String(name),
						Settings: []ecstypes.ClusterSetting{{Name: ecstypes.ClusterSettingNameContainerInsights, Value: aws.String("enabled")}},
					})
					if err != nil {
						t.Fatalf("changing the setting out of band: %v", err)
					}
				},
				Config:   clusterConfig(env, name, ""),
				PlanOnly: true,
			},
			{
				Config:            clusterConfig(env, name, settingBlock("disabled")),
				ConfigPlanChecks:  expectUpdate(),
				ConfigStateChecks: []statecheck.StateCheck{expectState(attr("setting"), insights("disabled"))},
				Check:             wantInsights("disabled"),
			},
			{
				// Removed: the account's effective default comes back, and
				// the setting is no longer tracked.
				PreConfig:         env.Sandbox.ResetStats,
				Config:            clusterConfig(env, name, ""),
				ConfigPlanChecks:  expectUpdate(),
				ConfigStateChecks: []statecheck.StateCheck{expectState(attr("setting"), emptySet)},
				Check: resource.ComposeTestCheckFunc(env.ExpectCallsCheck(map[string]int{
					// The plan's refresh, then the describe after the update.
					"ListAccountSettings": 1, "UpdateClusterSettings": 1, "DescribeClusters": 2,
				}), wantInsights("enhanced")),
			},
			{
				// Managed again, with the value the account default gives:
				// the removal then has nothing to restore.
				Config:            clusterConfig(env, name, settingBlock("enhanced")),
				ConfigStateChecks: []statecheck.StateCheck{expectState(attr("setting"), insights("enhanced"))},
			},
			{
				PreConfig: env.Sandbox.ResetStats,
				Config:    clusterConfig(env, name, ""),
				Check: resource.ComposeTestCheckFunc(env.ExpectCallsCheck(map[string]int{
					"ListAccountSettings": 1, "DescribeClusters": 1,
				}), wantInsights("enhanced")),
			},
		},
	})
}

func TestAccCluster_configuration(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	name := acctest.RandomName("ecsx-config")
	const kmsKey = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
	full := fmt.Sprintf(`configuration {
    execute_command_configuration {
      kms_key_id = %[1]q
      logging    = "OVERRIDE"
      log_configuration {
        cloud_watch_log_group_name = "/ecs/exec"
      }
    }
    managed_storage_configuration {
      kms_key_id = %[1]q
    }
  }`, kmsKey)
	exec := block("configuration", "execute_command_configuration")
	acctest.Test(t, resource.TestCase{
		CheckDestroy: env.CheckClustersDestroyed(),
		Steps: []resource.TestStep{
			{
				// logging is left out: it defaults to DEFAULT, as ECS reports.
				Config: clusterConfig(env, name, fmt.Sprintf(`configuration {
    execute_command_configuration {
      kms_key_id = %q
    }
  }`, kmsKey)),
				ConfigStateChecks: []statecheck.StateCheck{
					expectState(exec.AtMapKey("logging"), knownvalue.StringExact("DEFAULT")),
					expectState(exec.AtMapKey("log_configuration"), emptyList),
					expectState(block("configuration").AtMapKey("managed_storage_configuration"), emptyList),
				},
			},
			{
				Config:           clusterConfig(env, name, full),
				ConfigPlanChecks: expectUpdate(),
				ConfigStateChecks: []statecheck.StateCheck{
					expectState(exec.AtMapKey("logging"), knownvalue.StringExact("OVERRIDE")),
					expectState(exec.AtMapKey("log_configuration"), knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectExact(map[string]knownvalue.Check{
						"cloud_watch_log_group_name":     knownvalue.StringExact("/ecs/exec"),
						"cloud_watch_encryption_enabled": knownvalue.Bool(false),
						"s3_bucket_name":                 knownvalue.Null(),
						"s3_bucket_encryption_enabled":   knownvalue.Bool(false),
						"s3_key_prefix":                  knownvalue.Null(),
					})})),
					expectState(block("configuration", "managed_storage_configuration").AtMapKey("kms_key_id"), knownvalue.StringExact(kmsKey)),
				},
			},
			{
				// Configuration removed outside Terraform shows as drift and
				// is restored.
				PreConfig: func() {
					_, err := env.ECS().UpdateCluster(t.Context(), &ecs.UpdateClusterInput{
						Cluster:       aws.String(name),
						Configuration: &ecstypes.ClusterConfiguration{},
					})
					if err != nil {
						t.Fatalf("clearing the configuration out of band: %v", err)
					}
				},
				Config:           clusterConfig(env, name, full),
				ConfigPlanChecks: expectUpdate(),
				ConfigStateChecks: []statecheck.StateCheck{
					expectState(exec.AtMapKey("logging"), knownvalue.StringExact("OVERRIDE")),
				},
			},
			{
				// Removing a part keeps the rest.
				Config: clusterConfig(env, name, fmt.Sprintf(`configuration {
    managed_storage_configuration {
      kms_key_id = %q
    }
  }`, kmsKey)),
				ConfigPlanChecks: expectUpdate(),
				ConfigStateChecks: []statecheck.StateCheck{
					expectState(block("configuration").AtMapKey("execute_command_configuration"), emptyList),
					expectState(block("configuration", "managed_storage_configuration").AtMapKey("kms_key_id"), knownvalue.StringExact(kmsKey)),
				},
			},
			{
				// Removing configuration clears it on the cluster.
				Config:            clusterConfig(env, name, ""),
				ConfigPlanChecks:  expectUpdate(),
				ConfigStateChecks: []statecheck.StateCheck{expectState(attr("configuration"), emptyList)},
				Check: func(*terraform.State) error {
					if c := describe(t, env.ECS(), name).Configuration; c != nil && (c.ExecuteCommandConfiguration != nil || c.ManagedStorageConfiguration != nil) {
						return fmt.Errorf("ECS still reports a configuration: %+v", c)
					}
					return nil
				},
			},
		},
	})
}

func strategyBlocks(items ...string) string {
	var b strings.Builder
	for _, it := range items {
		fmt.Fprintf(&b, "\n  default_capacity_provider_strategy {\n    %s\n  }", it)
	}
	return b.String()
}

func TestAccCluster_capacityProviders(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	name := acctest.RandomName("ecsx-cp")
	two := `capacity_providers = ["FARGATE", "FARGATE_SPOT"]` + strategyBlocks(
		`capacity_provider = "FARGATE"
    weight            = 1`,
		`capacity_provider = "FARGATE_SPOT"
    weight            = 4`)
	acctest.Test(t, resource.TestCase{
		CheckDestroy: env.CheckClustersDestroyed(),
		Steps: []resource.TestStep{
			{
				Config: clusterConfig(env, name, ""),
			},
			{
				// Associated outside Terraform while capacity_providers is
				// absent: not managed, so no drift (another resource may own
				// the association).
				PreConfig: func() {
					_, err := env.ECS().PutClusterCapacityProviders(t.Context(), &ecs.PutClusterCapacityProvidersInput{
						Cluster:           aws.String(name),
						CapacityProviders: []string{"FARGATE_SPOT"},
						DefaultCapacityProviderStrategy: []ecstypes.CapacityProviderStrategyItem{
							{CapacityProvider: aws.String("FARGATE_SPOT"), Weight: 1},
						},
					})
					if err != nil {
						t.Fatalf("associating out of band: %v", err)
					}
				},
				Config:   clusterConfig(env, name, ""),
				PlanOnly: true,
			},
			{
				Config: clusterConfig(env, name, `capacity_providers = ["FARGATE"]`+strategyBlocks(`capacity_provider = "FARGATE"
    base              = 2
    weight            = 1`)),
				ConfigPlanChecks: expectUpdate(),
				ConfigStateChecks: []statecheck.StateCheck{
					expectState(attr("capacity_providers"), knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("FARGATE")})),
					expectState(attr("default_capacity_provider_strategy"), knownvalue.SetExact([]knownvalue.Check{strategyItem("FARGATE", 1, 2)})),
				},
			},
			{
				Config:           clusterConfig(env, name, two),
				ConfigPlanChecks: expectUpdate(),
				ConfigStateChecks: []statecheck.StateCheck{
					expectState(attr("default_capacity_provider_strategy"), knownvalue.SetExact([]knownvalue.Check{
						strategyItem("FARGATE", 1, 0), strategyItem("FARGATE_SPOT", 4, 0),
					})),
				},
			},
			{
				// Providers removed outside Terraform show as drift once
				// they are managed.
				PreConfig: func() {
					_, err := env.ECS().PutClusterCapacityProviders(t.Context(), &ecs.PutClusterCapacityProvidersInput{
						Cluster:                         aws.String(name),
						CapacityProviders:               []string{},
						DefaultCapacityProviderStrategy: []ecstypes.CapacityProviderStrategyItem{},
					})
					if err != nil {
						t.Fatalf("clearing the providers out of band: %v", err)
					}
				},
				Config:           clusterConfig(env, name, two),
				ConfigPlanChecks: expectUpdate(),
				ConfigStateChecks: []statecheck.StateCheck{
					expectState(attr("capacity_providers"), knownvalue.SetSizeExact(2)),
				},
			},
			{
				// The same items in another order are no change.
				Config: clusterConfig(env, name, `capacity_providers = ["FARGATE_SPOT", "FARGATE"]`+strategyBlocks(
					`capacity_provider = "FARGATE_SPOT"
    weight            = 4`,
					`capacity_provider = "FARGATE"
    weight            = 1`)),
				PlanOnly: true,
			},
			{
				// An empty set clears them on the cluster.
				Config:           clusterConfig(env, name, `capacity_providers = []`),
				ConfigPlanChecks: expectUpdate(),
				ConfigStateChecks: []statecheck.StateCheck{
					expectState(attr("capacity_providers"), emptySet),
					expectState(attr("default_capacity_provider_strategy"), emptySet),
				},
				Check: func(*terraform.State) error {
					if c := describe(t, env.ECS(), name); len(c.CapacityProviders) != 0 || len(c.DefaultCapacityProviderStrategy) != 0 {
						return fmt.Errorf("ECS still reports providers %v and a strategy of %d items", c.CapacityProviders, len(c.DefaultCapacityProviderStrategy))
					}
					return nil
				},
			},
			{
				// Removing the argument stops managing them and changes
				// nothing on the cluster.
				PreConfig:        env.Sandbox.ResetStats,
				Config:           clusterConfig(env, name, ""),
				ConfigPlanChecks: expectUpdate(),
				ConfigStateChecks: []statecheck.StateCheck{
					expectState(attr("capacity_providers"), knownvalue.Null()),
				},
				Check: func(*terraform.State) error {
					if n := env.Sandbox.Stats().Calls["PutClusterCapacityProviders"]; n != 0 {
						return fmt.Errorf("PutClusterCapacityProviders called %d times when the argument was removed, want 0", n)
					}
					return nil
				},
			},
		},
	})
}

const asgARN = "arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:11111111-2222-3333-4444-555555555555:autoScalingGroupName/asg"

// TestAccCluster_capacityProviderProvisioning attaches an Auto Scaling group
// capacity provider, which keeps the cluster PROVISIONING for a while at
// create and DEPROVISIONING at delete: both waits are exercised.
func TestAccCluster_capacityProviderProvisioning(t *testing.T) {
	acctest.SkipOnAWS(t)
	t.Parallel()
	env := acctest.New(t)
	name := acctest.RandomName("ecsx-asg")
	_, err := env.ECS().CreateCapacityProvider(t.Context(), &ecs.CreateCapacityProviderInput{
		Name:                     aws.String("asg-provider"),
		AutoScalingGroupProvider: &ecstypes.AutoScalingGroupProvider{AutoScalingGroupArn: aws.String(asgARN)},
	})
	if err != nil {
		t.Fatalf("creating the capacity provider: %v", err)
	}
	acctest.Test(t, resource.TestCase{
		CheckDestroy: env.CheckClustersDestroyed(),
		Steps: []resource.TestStep{
			{
				Config: clusterConfig(env, name, `capacity_providers = ["asg-provider"]`+strategyBlocks(`capacity_provider = "asg-provider"
    weight            = 1`)),
				ConfigStateChecks: []statecheck.StateCheck{
					expectState(attr("status"), knownvalue.StringExact("ACTIVE")),
					expectState(attr("attachments_status"), knownvalue.StringExact("UPDATE_COMPLETE")),
					expectState(attr("attachments"), knownvalue.ListPartial(map[int]knownvalue.Check{
						0: knownvalue.ObjectPartial(map[string]knownvalue.Check{"type": knownvalue.StringExact("asp")}),
					})),
				},
			},
			{
				// Adding FARGATE while keeping the Auto Scaling group
				// provider: Put, then the wait for ACTIVE.
				Config: clusterConfig(env, name, `capacity_providers = ["asg-provider", "FARGATE"]`+strategyBlocks(
					`capacity_provider = "asg-provider"
    weight            = 1`,
					`capacity_provider = "FARGATE"
    weight            = 1
    base              = 1`)),
				ConfigPlanChecks: expectUpdate(),
				ConfigStateChecks: []statecheck.StateCheck{
					expectState(attr("status"), knownvalue.StringExact("ACTIVE")),
					expectState(attr("attachments_status"), knownvalue.StringExact("UPDATE_COMPLETE")),
					expectState(attr("default_capacity_provider_strategy"), knownvalue.SetExact([]knownvalue.Check{
						strategyItem("asg-provider", 1, 0), strategyItem("FARGATE", 1, 1),
					})),
				},
			},
		},
	})
}

// TestAccCluster_createFailed checks that a cluster that FAILS while it is
// provisioning is kept in state (tainted, so nothing is orphaned) with an
// error naming the reason, and is replaced by the next apply.
func TestAccCluster_createFailed(t *testing.T) {
	acctest.SkipOnAWS(t)
	t.Parallel()
	env := acctest.New(t)
	name := acctest.RandomName("ecsx-fail")
	_, err := env.ECS().CreateCapacityProvider(t.Context(), &ecs.CreateCapacityProviderInput{
		Name: aws.String("asg-fail"),
		AutoScalingGroupProvider: &ecstypes.AutoScalingGroupProvider{
			AutoScalingGroupArn: aws.String("arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:11111111-2222-3333-4444-666666666666:autoScalingGroupName/asg-fail"),
		},
	})
	if err != nil {
		t.Fatalf("creating the capacity provider: %v", err)
	}
	config := clusterConfig(env, name, `capacity_providers = ["asg-fail"]`)
	acctest.Test(t, resource.TestCase{
		CheckDestroy: env.CheckClustersDestroyed(),
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					// Provisioning lasts long enough for the failure to be
					// injected while the provider waits.
					env.Sandbox.SetLifecycle(time.Minute, 500*time.Millisecond, time.Hour)
					go failWhenProvisioning(t.Context(), env, name, "Auto Scaling group asg-fail does not exist.")
				},
				Config:      config,
				ExpectError: regexp.MustCompile(`(?s)FAILED.*asg-fail does not exist`),
			},
			{
				PreConfig: func() { env.Sandbox.SetLifecycle(500*time.Millisecond, 500*time.Millisecond, time.Hour) },
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(clusterAddr, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{expectState(attr("status"), knownvalue.StringExact("ACTIVE"))},
			},
		},
	})
}

// failWhenProvisioning fails the cluster as soon as it is PROVISIONING.
func failWhenProvisioning(ctx context.Context, env *acctest.Env, name, reason string) {
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) && ctx.Err() == nil {
		out, err := env.ECS().DescribeClusters(ctx, &ecs.DescribeClustersInput{Clusters: []string{name}})
		if err == nil && len(out.Clusters) == 1 && aws.ToString(out.Clusters[0].Status) == "PROVISIONING" {
			_ = env.Sandbox.FailCluster("", "", name, reason)
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestAccCluster_applyTimeValidation checks that values unknown at plan
// time are validated at apply, before any ECS call.
func TestAccCluster_applyTimeValidation(t *testing.T) {
	acctest.SkipOnAWS(t)
	t.Parallel()
	env := acctest.New(t)
	acctest.Test(t, resource.TestCase{
		CheckDestroy: env.CheckClustersDestroyed(),
		Steps: []resource.TestStep{
			{
				PreConfig: env.Sandbox.ResetStats,
				Config: env.ProviderConfig() + `
resource "terraform_data" "owner" {
  input = "aws:someone"
}

resource "ecsx_cluster" "test" {
  name = "late-values"
  tags = { owner = terraform_data.owner.output }
}
`,
				ExpectError: regexp.MustCompile(`(?s)tags.*reserved\s+prefix`),
			},
		},
	})
	if calls := env.Sandbox.Stats().Calls; calls["CreateCluster"] != 0 {
		t.Errorf("CreateCluster was called %d times with invalid tags, want 0", calls["CreateCluster"])
	}
}

func serviceConnectBlock(namespace string) string {
	if namespace == "" {
		return ""
	}
	return fmt.Sprintf(`service_connect_defaults {
    namespace = %q
  }`, namespace)
}

// TestAccCluster_serviceConnectDefaults gives the namespace by name: ECS
// reports its ARN, which must not show as a change.
func TestAccCluster_serviceConnectDefaults(t *testing.T) {
	// By name, ECS creates Cloud Map namespaces that outlive the cluster.
	acctest.SkipOnAWS(t)
	t.Parallel()
	env := acctest.New(t)
	name := acctest.RandomName("ecsx-sc")
	config := func(namespace string) string { return clusterConfig(env, name, serviceConnectBlock(namespace)) }
	namespaceARN := regexp.MustCompile(`^arn:aws:servicediscovery:us-east-1:\d{12}:namespace/ns-[A-Za-z0-9]+$`)
	scd := block("service_connect_defaults")
	acctest.Test(t, resource.TestCase{
		CheckDestroy: env.CheckClustersDestroyed(),
		Steps: []resource.TestStep{
			{
				Config: config("internal"),
				ConfigStateChecks: []statecheck.StateCheck{
					expectState(scd.AtMapKey("namespace"), knownvalue.StringExact("internal")),
					expectState(scd.AtMapKey("namespace_arn"), knownvalue.StringRegexp(namespaceARN)),
				},
			},
			{
				Config:           config("other"),
				ConfigPlanChecks: expectUpdate(),
				ConfigStateChecks: []statecheck.StateCheck{
					expectState(scd.AtMapKey("namespace"), knownvalue.StringExact("other")),
					expectState(scd.AtMapKey("namespace_arn"), knownvalue.StringRegexp(namespaceARN)),
				},
			},
			{
				// The same name again is no change.
				Config:   config("other"),
				PlanOnly: true,
			},
			{
				// A namespace changed outside Terraform shows as drift.
				PreConfig: func() {
					_, err := env.ECS().UpdateCluster(t.Context(), &ecs.UpdateClusterInput{
						Cluster:                aws.String(name),
						ServiceConnectDefaults: &ecstypes.ClusterServiceConnectDefaultsRequest{Namespace: aws.String("third")},
					})
					if err != nil {
						t.Fatalf("changing the namespace out of band: %v", err)
					}
				},
				Config:           config("other"),
				ConfigPlanChecks: expectUpdate(),
				ConfigStateChecks: []statecheck.StateCheck{
					expectState(scd.AtMapKey("namespace"), knownvalue.StringExact("other")),
				},
			},
			{
				Config:            config(""),
				ConfigPlanChecks:  expectUpdate(),
				ConfigStateChecks: []statecheck.StateCheck{expectState(attr("service_connect_defaults"), emptyList)},
			},
		},
	})
}

func TestAccCluster_disappears(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	name := acctest.RandomName("ecsx-gone")
	config := clusterConfig(env, name, "")
	acctest.Test(t, resource.TestCase{
		CheckDestroy: env.CheckClustersDestroyed(),
		Steps: []resource.TestStep{
			{
				Config: config,
				Check: func(*terraform.State) error {
					return env.DeleteCluster(name)
				},
				ExpectNonEmptyPlan: true,
			},
			{
				// The next plan recreates it.
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(clusterAddr, plancheck.ResourceActionCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{expectState(attr("status"), knownvalue.StringExact("ACTIVE"))},
			},
		},
	})
}

// TestAccCluster_adoptionGuard checks that an existing cluster is not taken
// over silently: the create fails and says how to import it.
func TestAccCluster_adoptionGuard(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	name := acctest.RandomName("ecsx-taken")
	if err := env.CreateCluster(name); err != nil {
		t.Fatalf("creating the pre-existing cluster: %v", err)
	}
	t.Cleanup(func() { _ = env.DeleteCluster(name) })
	acctest.Test(t, resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config:      clusterConfig(env, name, ""),
				ExpectError: regexp.MustCompile(`(?s)already exists.*terraform import ecsx_cluster\.`),
			},
		},
	})
}

// TestAccCluster_countWithoutName checks that two instances without a name
// cannot share the default cluster: the second fails with the import
// instruction, ECS sees one CreateCluster, and destroying the first leaves
// nothing behind.
func TestAccCluster_countWithoutName(t *testing.T) {
	acctest.SkipOnAWS(t) // uses the account's default cluster name
	t.Parallel()
	env := acctest.New(t)
	acctest.Test(t, resource.TestCase{
		CheckDestroy: env.CheckClustersDestroyed(),
		Steps: []resource.TestStep{
			{
				PreConfig: env.Sandbox.ResetStats,
				Config: env.ProviderConfig() + `
resource "ecsx_cluster" "test" {
  count = 2
}
`,
				ExpectError: regexp.MustCompile(`(?s)Cluster already exists.*"default".*terraform import ecsx_cluster\.`),
			},
		},
	})
	if n := env.Sandbox.Stats().Calls["CreateCluster"]; n != 1 {
		t.Errorf("CreateCluster was called %d times for two instances of one name, want 1", n)
	}
}

// TestAccCluster_deleteBlocked checks that a delete blocked by what runs in
// the cluster fails after the delete timeout, naming what blocks it.
func TestAccCluster_deleteBlocked(t *testing.T) {
	acctest.SkipOnAWS(t)
	t.Parallel()
	env := acctest.New(t)
	name := acctest.RandomName("ecsx-busy")
	acctest.Test(t, resource.TestCase{
		CheckDestroy: env.CheckClustersDestroyed(),
		Steps: []resource.TestStep{
			{
				Config: clusterConfig(env, name, `timeouts {
    delete = "2s"
  }`),
			},
			{
				PreConfig: func() {
					err := env.Sandbox.SetOccupants("", "", name, sandbox.Occupants{ActiveServices: 2, RunningTasks: 3, ContainerInstances: 1})
					if err != nil {
						t.Fatal(err)
					}
				},
				Config:      env.ProviderConfig(),
				ExpectError: regexp.MustCompile(`still has 2 active services, 3 running tasks and 1\s+registered container instance`),
			},
			{
				PreConfig: func() {
					if err := env.Sandbox.SetOccupants("", "", name, sandbox.Occupants{}); err != nil {
						t.Fatal(err)
					}
				},
				Config: env.ProviderConfig(),
			},
		},
	})
}

// TestAccCluster_apiCalls measures the ECS calls of each operation: the
// plan's refresh is counted by a PreApply plan check, the apply by Check.
func TestAccCluster_apiCalls(t *testing.T) {
	acctest.SkipOnAWS(t)
	t.Parallel()
	env := acctest.New(t)
	name := acctest.RandomName("ecsx-calls")
	read := map[string]int{"DescribeClusters": 1}
	step := func(body string, plan, apply map[string]int) resource.TestStep {
		return resource.TestStep{
			PreConfig: env.Sandbox.ResetStats,
			Config:    clusterConfig(env, name, body),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				env.ExpectCallsPlanCheck(plan),
			}},
			Check: env.ExpectCallsCheck(apply),
		}
	}
	const (
		tags1   = `tags = { a = "1", b = "2" }`
		tags2   = `tags = { a = "1", c = "3" }`
		setting = `
  setting {
    name  = "containerInsights"
    value = "enabled"
  }`
		updates = `
  configuration {
    execute_command_configuration {
      logging = "NONE"
    }
  }
  service_connect_defaults {
    namespace = "calls"
  }`
	)
	acctest.Test(t, resource.TestCase{
		CheckDestroy: env.CheckClustersDestroyed(),
		Steps: []resource.TestStep{
			// Create: the adoption check, CreateCluster and one describe.
			step(tags1, map[string]int{}, map[string]int{"DescribeClusters": 2, "CreateCluster": 1}),
			// Read is the one describe of the plan. A tags update changes
			// only the changed keys, without a describe.
			step(tags2, read, map[string]int{"TagResource": 1, "UntagResource": 1}),
			// Settings: UpdateClusterSettings, then one describe.
			step(tags2+setting, read, map[string]int{"UpdateClusterSettings": 1, "DescribeClusters": 1}),
			// Configuration and Service Connect together: one UpdateCluster.
			step(tags2+setting+updates, read, map[string]int{"UpdateCluster": 1, "DescribeClusters": 1}),
			// Capacity providers: PutClusterCapacityProviders, then one describe.
			step(tags2+setting+updates+"\n  capacity_providers = [\"FARGATE\"]", read,
				map[string]int{"PutClusterCapacityProviders": 1, "DescribeClusters": 1}),
			{
				// Delete: one call when the cluster goes INACTIVE at once.
				PreConfig: env.Sandbox.ResetStats,
				Config:    env.ProviderConfig(),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					env.ExpectCallsPlanCheck(read),
				}},
				Check: env.ExpectCallsCheck(map[string]int{"DeleteCluster": 1}),
			},
		},
	})
}

// TestAccCluster_validation checks plan-time validation: each case fails at
// plan with a diagnostic naming the attribute and the rule, with the source
// range of the argument, and no ECS call is made.
func TestAccCluster_validation(t *testing.T) {
	acctest.SkipOnAWS(t)
	t.Parallel()
	cases := map[string]struct {
		providerExtra string
		body          string
		want          string
	}{
		"name pattern": {
			body: `name = "bad name!"`,
			want: `(?s)\d+:\s+name\s+= "bad name!".*name.*letters`,
		},
		"name and name_prefix": {
			body: `name = "a"
  name_prefix = "b"`,
			want: `(?s)name_prefix.*name`,
		},
		"reserved tag key": {
			body: `tags = { "aws:owner" = "me" }`,
			want: `(?s)\d+:\s+tags = .*tags\["aws:owner"\].*reserved prefix`,
		},
		"too many tags with default_tags": {
			providerExtra: "  default_tags {\n    tags = { " + manyTags("d", 30) + " }\n  }",
			body:          `tags = { ` + manyTags("r", 30) + ` }`,
			want:          `(?s)tags.*60 tags given; at most 50`,
		},
		"setting value": {
			body: settingBlock("on"),
			want: `(?s)setting\[name = "containerInsights"\]\.value.*enhanced`,
		},
		"log configuration without OVERRIDE": {
			body: `configuration {
    execute_command_configuration {
      log_configuration {
        s3_bucket_name = "bucket"
      }
    }
  }`,
			want: `(?s)\d+:\s+log_configuration \{.*OVERRIDE`,
		},
		"logging value": {
			body: `configuration {
    execute_command_configuration {
      logging = "ALL"
    }
  }`,
			want: `(?s)\d+:\s+logging = "ALL".*configuration\[0\]\.execute_command_configuration\[0\]\.logging`,
		},
		"two configuration blocks": {
			body: `configuration {}
  configuration {}`,
			want: `(?s)configuration`,
		},
		"strategy provider not associated": {
			body: `capacity_providers = ["FARGATE"]` + strategyBlocks(`capacity_provider = "FARGATE_SPOT"
    weight            = 1`),
			want: `(?s)default_capacity_provider_strategy\[capacity_provider = "FARGATE_SPOT"\].*not in the cluster's capacity providers`,
		},
		"strategy weight range": {
			body: `capacity_providers = ["FARGATE"]` + strategyBlocks(`capacity_provider = "FARGATE"
    weight            = 1001`),
			want: `(?s)weight.*between 0 and 1000`,
		},
		"namespace characters": {
			body: serviceConnectBlock("a<b"),
			want: `(?s)\d+:\s+namespace = "a<b".*service_connect_defaults\[0\]\.namespace.*must not contain`,
		},
		"timeouts duration": {
			body: `timeouts {
    create = "soon"
  }`,
			want: `(?s)\d+:\s+create = "soon".*timeouts\.create`,
		},
		"unknown argument in a nested block": {
			body: `configuration {
    execute_command_configuration {
      loging = "NONE"
    }
  }`,
			want: `(?s)Unsupported argument.*loging`,
		},
	}
	for name, tc := range cases {
		t.Run(strings.ReplaceAll(name, " ", "_"), func(t *testing.T) {
			t.Parallel()
			env := acctest.New(t)
			acctest.Test(t, resource.TestCase{
				Steps: []resource.TestStep{
					{
						Config: env.ProviderConfigWith(tc.providerExtra) + fmt.Sprintf(`
resource "ecsx_cluster" "test" {
  %s
}
`, tc.body),
						PlanOnly:    true,
						ExpectError: regexp.MustCompile(strings.ReplaceAll(tc.want, " ", `\s+`)),
					},
				},
			})
			if n := env.Sandbox.ECSCalls(); n != 0 {
				t.Errorf("plan-time validation made %d ECS calls, want 0", n)
			}
		})
	}
}

// manyTags returns n HCL map entries with keys prefix0, prefix1, ...
func manyTags(prefix string, n int) string {
	entries := make([]string, n)
	for i := range entries {
		entries[i] = fmt.Sprintf("%s%d = \"v\"", prefix, i)
	}
	return strings.Join(entries, ", ")
}

// TestAccCluster_updateFailure checks that a failed update keeps the cluster
// managed: the next apply updates it in place and converges.
func TestAccCluster_updateFailure(t *testing.T) {
	acctest.SkipOnAWS(t)
	t.Parallel()
	env := acctest.New(t)
	name := acctest.RandomName("ecsx-upd-fail")
	provider := env.ProviderConfigWith(`  max_retries = 0`)
	config := func(tag, insights string) string {
		return provider + fmt.Sprintf(`
resource "ecsx_cluster" "test" {
  name = %[1]q
  tags = { stage = %[2]q }
  %[3]s
}
`, name, tag, settingBlock(insights))
	}
	acctest.Test(t, resource.TestCase{
		CheckDestroy: env.CheckClustersDestroyed(),
		Steps: []resource.TestStep{
			{
				Config: config("one", "disabled"),
			},
			{
				// The tags are changed, then the settings call fails.
				PreConfig:   func() { env.Sandbox.SetFault("UpdateClusterSettings", sandbox.Fault{ErrorRate: 1}) },
				Config:      config("two", "enabled"),
				ExpectError: regexp.MustCompile(`update the settings of cluster`),
			},
			{
				PreConfig:        env.Sandbox.ClearFaults,
				Config:           config("two", "enabled"),
				ConfigPlanChecks: expectUpdate(),
				ConfigStateChecks: []statecheck.StateCheck{
					expectState(attr("tags"), strMap(map[string]string{"stage": "two"})),
					expectState(attr("setting"), insights("enabled")),
				},
			},
		},
	})
}

// TestAccCluster_examples applies the documented examples against the
// sandbox, so that the documentation cannot drift from the schema.
func TestAccCluster_examples(t *testing.T) {
	acctest.SkipOnAWS(t)
	t.Parallel()
	example, err := os.ReadFile(filepath.Join("..", "..", "examples", "resources", "ecsx_cluster", "resource.tf"))
	if err != nil {
		t.Fatalf("reading the example: %v", err)
	}
	env := acctest.New(t)
	acctest.Test(t, resource.TestCase{
		CheckDestroy: env.CheckClustersDestroyed(),
		Steps: []resource.TestStep{
			{Config: env.ProviderConfig() + string(example)},
		},
	})
}

// TestAccCluster_createResponseLost checks that a CreateCluster whose
// response is lost (the change applied, the connection dropped) converges:
// the SDK retries, ECS answers the retry idempotently, and the adoption check,
// made once before the first attempt, does not refuse the cluster.
func TestAccCluster_createResponseLost(t *testing.T) {
	acctest.SkipOnAWS(t)
	t.Parallel()
	env := acctest.New(t)
	name := acctest.RandomName("ecsx-lost")
	acctest.Test(t, resource.TestCase{
		CheckDestroy: env.CheckClustersDestroyed(),
		Steps: []resource.TestStep{
			{
				PreConfig: func() { env.Sandbox.SetFault("CreateCluster", sandbox.Fault{DropAfterApply: 1}) },
				Config:    clusterConfig(env, name, `tags = { k = "v" }`),
				Check: func(*terraform.State) error {
					stats := env.Sandbox.Stats()
					if stats.Dropped != 1 || stats.Calls["CreateCluster"] != 2 {
						return fmt.Errorf("want one dropped CreateCluster and one retry, got %d dropped of %d calls", stats.Dropped, stats.Calls["CreateCluster"])
					}
					return nil
				},
				ConfigStateChecks: []statecheck.StateCheck{
					expectState(attr("status"), knownvalue.StringExact("ACTIVE")),
					expectState(attr("tags"), strMap(map[string]string{"k": "v"})),
				},
			},
		},
	})
}
