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
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/ecsx/terraform-provider-ecsx/internal/acctest"
	"github.com/ecsx/terraform-provider-ecsx/internal/sandbox"
)

const clusterAddr = "ecsx_cluster.test"

var clusterARNPattern = regexp.MustCompile(`^arn:aws[a-z-]*:ecs:[a-z0-9-]+:\d{12}:cluster/[A-Za-z0-9_-]+$`)

// attr is the path of a top-level attribute of ecsx_cluster.test.
func attr(name string) tfjsonpath.Path { return tfjsonpath.New(name) }

func expectState(p tfjsonpath.Path, v knownvalue.Check) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(clusterAddr, p, v)
}

// disabledInsights is the default value of settings.
var disabledInsights = knownvalue.ListExact([]knownvalue.Check{
	knownvalue.ObjectExact(map[string]knownvalue.Check{
		"name":  knownvalue.StringExact("containerInsights"),
		"value": knownvalue.StringExact("disabled"),
	}),
})

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
						plancheck.ExpectKnownValue(clusterAddr, attr("tags_all"), knownvalue.MapExact(map[string]knownvalue.Check{})),
						plancheck.ExpectKnownValue(clusterAddr, attr("settings"), disabledInsights),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					expectState(attr("name"), knownvalue.StringExact(name)),
					expectState(attr("name_prefix"), knownvalue.Null()),
					expectState(attr("arn"), knownvalue.StringRegexp(clusterARNPattern)),
					statecheck.CompareValuePairs(clusterAddr, attr("id"), clusterAddr, attr("arn"), compare.ValuesSame()),
					expectState(attr("status"), knownvalue.StringExact("ACTIVE")),
					expectState(attr("tags"), knownvalue.Null()),
					expectState(attr("tags_all"), knownvalue.MapExact(map[string]knownvalue.Check{})),
					expectState(attr("settings"), disabledInsights),
					expectState(attr("configuration"), knownvalue.Null()),
					expectState(attr("capacity_providers"), knownvalue.SetExact([]knownvalue.Check{})),
					expectState(attr("default_capacity_provider_strategy"), knownvalue.SetExact([]knownvalue.Check{})),
					expectState(attr("service_connect_defaults"), knownvalue.Null()),
					expectState(attr("registered_container_instances_count"), knownvalue.Int64Exact(0)),
					expectState(attr("running_tasks_count"), knownvalue.Int64Exact(0)),
					expectState(attr("pending_tasks_count"), knownvalue.Int64Exact(0)),
					expectState(attr("active_services_count"), knownvalue.Int64Exact(0)),
					expectState(attr("attachments"), knownvalue.ListExact([]knownvalue.Check{})),
					expectState(attr("timeouts"), knownvalue.Null()),
				},
			},
			{
				ResourceName:            clusterAddr,
				ImportState:             true,
				ImportStateId:           name,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"timeouts"},
			},
		},
	})
}

// insights is a settings value with the given Container Insights value.
func insights(value string) knownvalue.Check {
	return knownvalue.ListExact([]knownvalue.Check{
		knownvalue.ObjectExact(map[string]knownvalue.Check{
			"name":  knownvalue.StringExact("containerInsights"),
			"value": knownvalue.StringExact(value),
		}),
	})
}

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

// stateARN returns an ImportStateIdFunc giving the cluster's ARN.
func stateARN(s *terraform.State) (string, error) {
	rs, ok := s.RootModule().Resources[clusterAddr]
	if !ok {
		return "", fmt.Errorf("%s not in state", clusterAddr)
	}
	return rs.Primary.Attributes["arn"], nil
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
		serviceConnect = fmt.Sprintf(`service_connect_defaults = { namespace = %q }`, namespaceARN)
	}
	timeoutsBlock := `timeouts = {
    create = "5m"
    delete = "5m"
  }`
	configWith := func(timeouts string) string {
		return env.ProviderConfigWith(`  default_tags = { tags = { team = "platform" } }`) + fmt.Sprintf(`
resource "ecsx_cluster" "test" {
  name = %[1]q
  tags = {
    env   = "test"
    owner = "ecsx"
  }
  settings = [{ name = "containerInsights", value = "enhanced" }]
  configuration = {
    execute_command_configuration = {
      kms_key_id = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
      logging    = "OVERRIDE"
      log_configuration = {
        cloud_watch_log_group_name     = "/ecs/exec/full"
        cloud_watch_encryption_enabled = true
        s3_bucket_name                 = "ecsx-exec-audit"
        s3_encryption_enabled          = true
        s3_key_prefix                  = "full/"
      }
    }
    managed_storage_configuration = {
      kms_key_id                           = "arn:aws:kms:us-east-1:123456789012:key/aaaaaaaa-12ab-34cd-56ef-1234567890ab"
      fargate_ephemeral_storage_kms_key_id = "arn:aws:kms:us-east-1:123456789012:key/bbbbbbbb-12ab-34cd-56ef-1234567890ab"
    }
  }
  capacity_providers = ["FARGATE", "FARGATE_SPOT"]
  default_capacity_provider_strategy = [
    { capacity_provider = "FARGATE", base = 1, weight = 1 },
    { capacity_provider = "FARGATE_SPOT", weight = 3 },
  ]
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
		expectState(attr("settings"), insights("enhanced")),
		expectState(attr("configuration"), knownvalue.ObjectExact(map[string]knownvalue.Check{
			"execute_command_configuration": knownvalue.ObjectExact(map[string]knownvalue.Check{
				"kms_key_id": knownvalue.StringExact("arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"),
				"logging":    knownvalue.StringExact("OVERRIDE"),
				"log_configuration": knownvalue.ObjectExact(map[string]knownvalue.Check{
					"cloud_watch_log_group_name":     knownvalue.StringExact("/ecs/exec/full"),
					"cloud_watch_encryption_enabled": knownvalue.Bool(true),
					"s3_bucket_name":                 knownvalue.StringExact("ecsx-exec-audit"),
					"s3_encryption_enabled":          knownvalue.Bool(true),
					"s3_key_prefix":                  knownvalue.StringExact("full/"),
				}),
			}),
			"managed_storage_configuration": knownvalue.ObjectExact(map[string]knownvalue.Check{
				"kms_key_id":                           knownvalue.StringExact("arn:aws:kms:us-east-1:123456789012:key/aaaaaaaa-12ab-34cd-56ef-1234567890ab"),
				"fargate_ephemeral_storage_kms_key_id": knownvalue.StringExact("arn:aws:kms:us-east-1:123456789012:key/bbbbbbbb-12ab-34cd-56ef-1234567890ab"),
			}),
		})),
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
		checks = append(checks, expectState(attr("service_connect_defaults"), knownvalue.ObjectExact(map[string]knownvalue.Check{
			"namespace":     knownvalue.StringExact(namespaceARN),
			"namespace_arn": knownvalue.StringExact(namespaceARN),
		})))
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
				ImportStateIdFunc: stateARN,
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
		},
	})
}

func TestAccCluster_tags(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	name := acctest.RandomName("ecsx-tags")
	provider := env.ProviderConfigWith(`  default_tags = { tags = { team = "platform", env = "test" } }`)
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
				Config: env.ProviderConfigWith(`  default_tags = { tags = { team = "core" } }`) + fmt.Sprintf(`
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

func TestAccCluster_settings(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	name := acctest.RandomName("ecsx-settings")
	config := func(value string) string {
		settings := ""
		if value != "" {
			settings = fmt.Sprintf(`settings = [{ name = "containerInsights", value = %q }]`, value)
		}
		return env.ProviderConfig() + fmt.Sprintf(`
resource "ecsx_cluster" "test" {
  name = %[1]q
  %[2]s
}
`, name, settings)
	}
	step := func(value, want string) resource.TestStep {
		return resource.TestStep{
			Config:            config(value),
			ConfigPlanChecks:  expectUpdate(),
			ConfigStateChecks: []statecheck.StateCheck{expectState(attr("settings"), insights(want))},
		}
	}
	acctest.Test(t, resource.TestCase{
		CheckDestroy: env.CheckClustersDestroyed(),
		Steps: []resource.TestStep{
			{
				Config:            config(""),
				ConfigStateChecks: []statecheck.StateCheck{expectState(attr("settings"), insights("disabled"))},
			},
			step("enabled", "enabled"),
			{
				// A setting changed outside Terraform shows as drift.
				PreConfig: func() {
					_, err := env.ECS().UpdateClusterSettings(t.Context(), &ecs.UpdateClusterSettingsInput{
						Cluster:  aws.String(name),
						Settings: []ecstypes.ClusterSetting{{Name: ecstypes.ClusterSettingNameContainerInsights, Value: aws.String("disabled")}},
					})
					if err != nil {
						t.Fatalf("changing the setting out of band: %v", err)
					}
				},
				Config:            config("enabled"),
				ConfigPlanChecks:  expectUpdate(),
				ConfigStateChecks: []statecheck.StateCheck{expectState(attr("settings"), insights("enabled"))},
			},
			step("enhanced", "enhanced"),
			// Removing settings returns the cluster to the default.
			step("", "disabled"),
		},
	})
}

func TestAccCluster_configuration(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	name := acctest.RandomName("ecsx-config")
	config := func(configuration string) string {
		return env.ProviderConfig() + fmt.Sprintf(`
resource "ecsx_cluster" "test" {
  name = %[1]q
  %[2]s
}
`, name, configuration)
	}
	const kmsKey = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
	acctest.Test(t, resource.TestCase{
		CheckDestroy: env.CheckClustersDestroyed(),
		Steps: []resource.TestStep{
			{
				// logging is left out: it defaults to DEFAULT, as ECS reports.
				Config: config(fmt.Sprintf(`configuration = { execute_command_configuration = { kms_key_id = %q } }`, kmsKey)),
				ConfigStateChecks: []statecheck.StateCheck{
					expectState(attr("configuration").AtMapKey("execute_command_configuration").AtMapKey("logging"), knownvalue.StringExact("DEFAULT")),
					expectState(attr("configuration").AtMapKey("execute_command_configuration").AtMapKey("log_configuration"), knownvalue.Null()),
					expectState(attr("configuration").AtMapKey("managed_storage_configuration"), knownvalue.Null()),
				},
			},
			{
				Config: config(fmt.Sprintf(`configuration = {
    execute_command_configuration = {
      kms_key_id        = %q
      logging           = "OVERRIDE"
      log_configuration = { cloud_watch_log_group_name = "/ecs/exec" }
    }
    managed_storage_configuration = { kms_key_id = %[1]q }
  }`, kmsKey)),
				ConfigPlanChecks: expectUpdate(),
				ConfigStateChecks: []statecheck.StateCheck{
					expectState(attr("configuration").AtMapKey("execute_command_configuration").AtMapKey("logging"), knownvalue.StringExact("OVERRIDE")),
					expectState(attr("configuration").AtMapKey("execute_command_configuration").AtMapKey("log_configuration"), knownvalue.ObjectExact(map[string]knownvalue.Check{
						"cloud_watch_log_group_name":     knownvalue.StringExact("/ecs/exec"),
						"cloud_watch_encryption_enabled": knownvalue.Bool(false),
						"s3_bucket_name":                 knownvalue.Null(),
						"s3_encryption_enabled":          knownvalue.Bool(false),
						"s3_key_prefix":                  knownvalue.Null(),
					})),
					expectState(attr("configuration").AtMapKey("managed_storage_configuration").AtMapKey("kms_key_id"), knownvalue.StringExact(kmsKey)),
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
				Config: config(fmt.Sprintf(`configuration = {
    execute_command_configuration = {
      kms_key_id        = %q
      logging           = "OVERRIDE"
      log_configuration = { cloud_watch_log_group_name = "/ecs/exec" }
    }
    managed_storage_configuration = { kms_key_id = %[1]q }
  }`, kmsKey)),
				ConfigPlanChecks: expectUpdate(),
				ConfigStateChecks: []statecheck.StateCheck{
					expectState(attr("configuration").AtMapKey("execute_command_configuration").AtMapKey("logging"), knownvalue.StringExact("OVERRIDE")),
				},
			},
			{
				// Removing a part keeps the rest.
				Config:           config(fmt.Sprintf(`configuration = { managed_storage_configuration = { kms_key_id = %q } }`, kmsKey)),
				ConfigPlanChecks: expectUpdate(),
				ConfigStateChecks: []statecheck.StateCheck{
					expectState(attr("configuration").AtMapKey("execute_command_configuration"), knownvalue.Null()),
					expectState(attr("configuration").AtMapKey("managed_storage_configuration").AtMapKey("kms_key_id"), knownvalue.StringExact(kmsKey)),
				},
			},
			{
				// Removing configuration clears it on the cluster.
				Config:            config(""),
				ConfigPlanChecks:  expectUpdate(),
				ConfigStateChecks: []statecheck.StateCheck{expectState(attr("configuration"), knownvalue.Null())},
			},
		},
	})
}

func TestAccCluster_capacityProviders(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	name := acctest.RandomName("ecsx-cp")
	config := func(body string) string {
		return env.ProviderConfig() + fmt.Sprintf(`
resource "ecsx_cluster" "test" {
  name = %[1]q
  %[2]s
}
`, name, body)
	}
	acctest.Test(t, resource.TestCase{
		CheckDestroy: env.CheckClustersDestroyed(),
		Steps: []resource.TestStep{
			{
				Config: config(""),
			},
			{
				Config: config(`capacity_providers = ["FARGATE"]
  default_capacity_provider_strategy = [{ capacity_provider = "FARGATE", base = 2, weight = 1 }]`),
				ConfigPlanChecks: expectUpdate(),
				ConfigStateChecks: []statecheck.StateCheck{
					expectState(attr("capacity_providers"), knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("FARGATE")})),
					expectState(attr("default_capacity_provider_strategy"), knownvalue.SetExact([]knownvalue.Check{strategyItem("FARGATE", 1, 2)})),
				},
			},
			{
				Config: config(`capacity_providers = ["FARGATE", "FARGATE_SPOT"]
  default_capacity_provider_strategy = [
    { capacity_provider = "FARGATE", weight = 1 },
    { capacity_provider = "FARGATE_SPOT", weight = 4 },
  ]`),
				ConfigPlanChecks: expectUpdate(),
				ConfigStateChecks: []statecheck.StateCheck{
					expectState(attr("default_capacity_provider_strategy"), knownvalue.SetExact([]knownvalue.Check{
						strategyItem("FARGATE", 1, 0), strategyItem("FARGATE_SPOT", 4, 0),
					})),
				},
			},
			{
				// Providers removed outside Terraform show as drift.
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
				Config: config(`capacity_providers = ["FARGATE", "FARGATE_SPOT"]
  default_capacity_provider_strategy = [
    { capacity_provider = "FARGATE", weight = 1 },
    { capacity_provider = "FARGATE_SPOT", weight = 4 },
  ]`),
				ConfigPlanChecks: expectUpdate(),
				ConfigStateChecks: []statecheck.StateCheck{
					expectState(attr("capacity_providers"), knownvalue.SetSizeExact(2)),
				},
			},
			{
				// The same items in another order are no change.
				Config: config(`capacity_providers = ["FARGATE_SPOT", "FARGATE"]
  default_capacity_provider_strategy = [
    { capacity_provider = "FARGATE_SPOT", weight = 4 },
    { capacity_provider = "FARGATE", weight = 1 },
  ]`),
				PlanOnly: true,
			},
			{
				// Removing both clears them on the cluster.
				Config:           config(""),
				ConfigPlanChecks: expectUpdate(),
				ConfigStateChecks: []statecheck.StateCheck{
					expectState(attr("capacity_providers"), knownvalue.SetExact([]knownvalue.Check{})),
					expectState(attr("default_capacity_provider_strategy"), knownvalue.SetExact([]knownvalue.Check{})),
				},
			},
		},
	})
}

// TestAccCluster_capacityProviderProvisioning attaches an Auto Scaling group
// capacity provider, which keeps the cluster PROVISIONING for a while at
// create and DEPROVISIONING at delete: both waits are exercised.
func TestAccCluster_capacityProviderProvisioning(t *testing.T) {
	acctest.SkipOnAWS(t)
	t.Parallel()
	env := acctest.New(t)
	name := acctest.RandomName("ecsx-asg")
	_, err := env.ECS().CreateCapacityProvider(t.Context(), &ecs.CreateCapacityProviderInput{
		Name: aws.String("asg-provider"),
		AutoScalingGroupProvider: &ecstypes.AutoScalingGroupProvider{
			AutoScalingGroupArn: aws.String("arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:11111111-2222-3333-4444-555555555555:autoScalingGroupName/asg"),
		},
	})
	if err != nil {
		t.Fatalf("creating the capacity provider: %v", err)
	}
	acctest.Test(t, resource.TestCase{
		CheckDestroy: env.CheckClustersDestroyed(),
		Steps: []resource.TestStep{
			{
				Config: env.ProviderConfig() + fmt.Sprintf(`
resource "ecsx_cluster" "test" {
  name               = %[1]q
  capacity_providers = ["asg-provider"]
  default_capacity_provider_strategy = [{ capacity_provider = "asg-provider", weight = 1 }]
}
`, name),
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
				Config: env.ProviderConfig() + fmt.Sprintf(`
resource "ecsx_cluster" "test" {
  name               = %[1]q
  capacity_providers = ["asg-provider", "FARGATE"]
  default_capacity_provider_strategy = [
    { capacity_provider = "asg-provider", weight = 1 },
    { capacity_provider = "FARGATE", weight = 1, base = 1 },
  ]
}
`, name),
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
	config := env.ProviderConfig() + fmt.Sprintf(`
resource "ecsx_cluster" "test" {
  name               = %[1]q
  capacity_providers = ["asg-fail"]
}
`, name)
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

// TestAccCluster_serviceConnectDefaults gives the namespace by name: ECS
// reports its ARN, which must not show as a change.
func TestAccCluster_serviceConnectDefaults(t *testing.T) {
	// By name, ECS creates Cloud Map namespaces that outlive the cluster.
	acctest.SkipOnAWS(t)
	t.Parallel()
	env := acctest.New(t)
	name := acctest.RandomName("ecsx-sc")
	config := func(namespace string) string {
		body := ""
		if namespace != "" {
			body = fmt.Sprintf(`service_connect_defaults = { namespace = %q }`, namespace)
		}
		return env.ProviderConfig() + fmt.Sprintf(`
resource "ecsx_cluster" "test" {
  name = %[1]q
  %[2]s
}
`, name, body)
	}
	namespaceARN := regexp.MustCompile(`^arn:aws:servicediscovery:us-east-1:\d{12}:namespace/ns-[A-Za-z0-9]+$`)
	acctest.Test(t, resource.TestCase{
		CheckDestroy: env.CheckClustersDestroyed(),
		Steps: []resource.TestStep{
			{
				Config: config("internal"),
				ConfigStateChecks: []statecheck.StateCheck{
					expectState(attr("service_connect_defaults").AtMapKey("namespace"), knownvalue.StringExact("internal")),
					expectState(attr("service_connect_defaults").AtMapKey("namespace_arn"), knownvalue.StringRegexp(namespaceARN)),
				},
			},
			{
				Config:           config("other"),
				ConfigPlanChecks: expectUpdate(),
				ConfigStateChecks: []statecheck.StateCheck{
					expectState(attr("service_connect_defaults").AtMapKey("namespace"), knownvalue.StringExact("other")),
					expectState(attr("service_connect_defaults").AtMapKey("namespace_arn"), knownvalue.StringRegexp(namespaceARN)),
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
					expectState(attr("service_connect_defaults").AtMapKey("namespace"), knownvalue.StringExact("other")),
				},
			},
			{
				Config:            config(""),
				ConfigPlanChecks:  expectUpdate(),
				ConfigStateChecks: []statecheck.StateCheck{expectState(attr("service_connect_defaults"), knownvalue.Null())},
			},
		},
	})
}

func TestAccCluster_disappears(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	name := acctest.RandomName("ecsx-gone")
	config := env.ProviderConfig() + fmt.Sprintf(`
resource "ecsx_cluster" "test" {
  name = %[1]q
}
`, name)
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
		CheckDestroy: env.CheckClustersDestroyed(),
		Steps: []resource.TestStep{
			{
				Config: env.ProviderConfig() + fmt.Sprintf(`
resource "ecsx_cluster" "test" {
  name = %[1]q
}
`, name),
				ExpectError: regexp.MustCompile(`(?s)already exists.*terraform import ecsx_cluster\.`),
			},
		},
	})
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
				Config: env.ProviderConfig() + fmt.Sprintf(`
resource "ecsx_cluster" "test" {
  name     = %[1]q
  timeouts = { delete = "2s" }
}
`, name),
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
	config := func(body string) string {
		return env.ProviderConfig() + fmt.Sprintf(`
resource "ecsx_cluster" "test" {
  name = %[1]q
  %[2]s
}
`, name, body)
	}
	read := map[string]int{"DescribeClusters": 1}
	step := func(body string, plan, apply map[string]int) resource.TestStep {
		return resource.TestStep{
			PreConfig: env.Sandbox.ResetStats,
			Config:    config(body),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				env.ExpectCallsPlanCheck(plan),
			}},
			Check: env.ExpectCallsCheck(apply),
		}
	}
	acctest.Test(t, resource.TestCase{
		CheckDestroy: env.CheckClustersDestroyed(),
		Steps: []resource.TestStep{
			// Create: the adoption check, CreateCluster and one describe.
			step(`tags = { a = "1", b = "2" }`, map[string]int{}, map[string]int{"DescribeClusters": 2, "CreateCluster": 1}),
			// Read is the one describe of the plan. A tags update changes
			// only the changed keys, without a describe.
			step(`tags = { a = "1", c = "3" }`, read, map[string]int{"TagResource": 1, "UntagResource": 1}),
			// Settings: UpdateClusterSettings, then one describe.
			step(`tags = { a = "1", c = "3" }
  settings = [{ name = "containerInsights", value = "enabled" }]`,
				read, map[string]int{"UpdateClusterSettings": 1, "DescribeClusters": 1}),
			// Configuration and Service Connect together: one UpdateCluster.
			step(`tags = { a = "1", c = "3" }
  settings = [{ name = "containerInsights", value = "enabled" }]
  configuration = { execute_command_configuration = { logging = "NONE" } }
  service_connect_defaults = { namespace = "calls" }`,
				read, map[string]int{"UpdateCluster": 1, "DescribeClusters": 1}),
			// Capacity providers: PutClusterCapacityProviders, then one describe.
			step(`tags = { a = "1", c = "3" }
  settings = [{ name = "containerInsights", value = "enabled" }]
  configuration = { execute_command_configuration = { logging = "NONE" } }
  service_connect_defaults = { namespace = "calls" }
  capacity_providers = ["FARGATE"]`,
				read, map[string]int{"PutClusterCapacityProviders": 1, "DescribeClusters": 1}),
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
// plan with a diagnostic naming the attribute and the rule, and no ECS call
// is made.
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
			want: `(?s)name.*letters`,
		},
		"name and name_prefix": {
			body: `name = "a"
  name_prefix = "b"`,
			want: `(?s)name_prefix.*name`,
		},
		"reserved tag key": {
			body: `tags = { "aws:owner" = "me" }`,
			want: `(?s)tags.*reserved prefix`,
		},
		"too many tags with default_tags": {
			providerExtra: `  default_tags = { tags = { ` + manyTags("d", 30) + ` } }`,
			body:          `tags = { ` + manyTags("r", 30) + ` }`,
			want:          `(?s)tags.*60 tags given; at most 50`,
		},
		"setting value": {
			body: `settings = [{ name = "containerInsights", value = "on" }]`,
			want: `(?s)settings.*enhanced`,
		},
		"log configuration without OVERRIDE": {
			body: `configuration = { execute_command_configuration = {
    log_configuration = { s3_bucket_name = "bucket" }
  } }`,
			want: `(?s)execute_command_configuration.*OVERRIDE`,
		},
		"strategy provider not associated": {
			body: `capacity_providers = ["FARGATE"]
  default_capacity_provider_strategy = [{ capacity_provider = "FARGATE_SPOT", weight = 1 }]`,
			want: `(?s)default_capacity_provider_strategy.*not in the cluster's capacity providers`,
		},
		"strategy weight range": {
			body: `capacity_providers = ["FARGATE"]
  default_capacity_provider_strategy = [{ capacity_provider = "FARGATE", weight = 1001 }]`,
			want: `(?s)weight.*between 0 and 1000`,
		},
		"namespace characters": {
			body: `service_connect_defaults = { namespace = "a<b" }`,
			want: `(?s)namespace.*must not contain`,
		},
	}
	for name, tc := range cases {
		t.Run(strings.ReplaceAll(name, " ", "_"), func(t *testing.T) {
			t.Parallel()
			env := acctest.New(t)
			acctest.Test(t, resource.TestCase{
				CheckDestroy: env.CheckClustersDestroyed(),
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
			if n := env.Sandbox.TotalCalls(); n != 0 {
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
  name     = %[1]q
  tags     = { stage = %[2]q }
  settings = [{ name = "containerInsights", value = %[3]q }]
}
`, name, tag, insights)
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
					expectState(attr("settings"), insights("enabled")),
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
				Config: env.ProviderConfig() + fmt.Sprintf(`
resource "ecsx_cluster" "test" {
  name = %[1]q
  tags = { k = "v" }
}
`, name),
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
