package provider_test

import (
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/ecsx/terraform-provider-ecsx/internal/acctest"
)

// awsConfig is one configuration of aws_ecs_cluster from hashicorp/aws's
// registry documentation and acceptance tests, with the type renamed and the
// other providers' resources (KMS keys, log groups, Cloud Map namespaces)
// replaced by literals; the checks are its checks on configured arguments.
type awsConfig struct {
	name   string
	body   string // the resource body; %[1]q is the cluster name, %[2]q a namespace ARN
	checks map[string]knownvalue.Check
	// unmanaged are the parts the configuration leaves out, which an import
	// takes into the state.
	unmanaged []string
}

const (
	clusterAddr   = "ecsx_cluster.test"
	kmsKeyARN     = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
	kmsKeyARN2    = "arn:aws:kms:us-east-1:123456789012:key/0987dcba-09fe-87dc-65ba-ab0987654321"
	logGroupName  = "ecs-exec-sessions"
	unmanagedSets = "setting"
)

var awsClusterConfigs = []awsConfig{
	{name: "basic", body: `name = %[1]q`, unmanaged: []string{unmanagedSets}},
	{name: "tags1", body: `
  name = %[1]q
  tags = {
    key1 = "value1"
  }`, checks: map[string]knownvalue.Check{"tags": knownvalue.MapExact(map[string]knownvalue.Check{"key1": knownvalue.StringExact("value1")})}, unmanaged: []string{unmanagedSets}},
	{name: "tags2", body: `
  name = %[1]q
  tags = {
    key1 = "value1updated"
    key2 = "value2"
  }`, checks: map[string]knownvalue.Check{"tags": knownvalue.MapSizeExact(2)}, unmanaged: []string{unmanagedSets}},
	{name: "serviceConnectDefaults", body: `
  name = %[1]q

  service_connect_defaults {
    namespace = %[2]q
  }`, checks: map[string]knownvalue.Check{"service_connect_defaults": knownvalue.ListSizeExact(1)}, unmanaged: []string{unmanagedSets}},
	{name: "containerInsights enabled", body: `
  name = %[1]q

  setting {
    name  = "containerInsights"
    value = "enabled"
  }`, checks: map[string]knownvalue.Check{"setting": knownvalue.SetExact([]knownvalue.Check{knownvalue.ObjectExact(map[string]knownvalue.Check{
		"name": knownvalue.StringExact("containerInsights"), "value": knownvalue.StringExact("enabled"),
	})})}},
	{name: "containerInsights disabled", body: `
  name = %[1]q

  setting {
    name  = "containerInsights"
    value = "disabled"
  }`},
	{name: "containerInsights enhanced", body: `
  name = %[1]q

  setting {
    name  = "containerInsights"
    value = "enhanced"
  }`},
	{name: "configuration cloud watch encryption", body: `
  name = %[1]q

  configuration {
    execute_command_configuration {
      kms_key_id = "` + kmsKeyARN + `"
      logging    = "OVERRIDE"

      log_configuration {
        cloud_watch_encryption_enabled = true
        cloud_watch_log_group_name     = "` + logGroupName + `"
      }
    }
  }`, checks: map[string]knownvalue.Check{"configuration": knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectPartial(map[string]knownvalue.Check{
		"execute_command_configuration": knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectPartial(map[string]knownvalue.Check{
			"kms_key_id": knownvalue.StringExact(kmsKeyARN),
			"logging":    knownvalue.StringExact("OVERRIDE"),
			"log_configuration": knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectPartial(map[string]knownvalue.Check{
				"cloud_watch_encryption_enabled": knownvalue.Bool(true),
				"cloud_watch_log_group_name":     knownvalue.StringExact(logGroupName),
			})}),
		})}),
	})})}, unmanaged: []string{unmanagedSets}},
	{name: "configuration no cloud watch encryption", body: `
  name = %[1]q

  configuration {
    execute_command_configuration {
      kms_key_id = "` + kmsKeyARN + `"
      logging    = "OVERRIDE"

      log_configuration {
        cloud_watch_encryption_enabled = false
        cloud_watch_log_group_name     = "` + logGroupName + `"
      }
    }
  }`, unmanaged: []string{unmanagedSets}},
	{name: "managedStorageConfiguration both keys", body: `
  name = %[1]q

  configuration {
    managed_storage_configuration {
      fargate_ephemeral_storage_kms_key_id = "` + kmsKeyARN + `"
      kms_key_id                           = "` + kmsKeyARN2 + `"
    }
  }`, checks: map[string]knownvalue.Check{"configuration": knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectPartial(map[string]knownvalue.Check{
		"managed_storage_configuration": knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectExact(map[string]knownvalue.Check{
			"fargate_ephemeral_storage_kms_key_id": knownvalue.StringExact(kmsKeyARN),
			"kms_key_id":                           knownvalue.StringExact(kmsKeyARN2),
		})}),
	})})}, unmanaged: []string{unmanagedSets}},
	{name: "managedStorageConfiguration kms key only", body: `
  name = %[1]q

  configuration {
    managed_storage_configuration {
      kms_key_id = "` + kmsKeyARN2 + `"
    }
  }`, unmanaged: []string{unmanagedSets}},
	{name: "registry example with execute command logging", body: `
  name = %[1]q

  setting {
    name  = "containerInsights"
    value = "enabled"
  }

  configuration {
    execute_command_configuration {
      kms_key_id = "` + kmsKeyARN + `"
      logging    = "OVERRIDE"

      log_configuration {
        cloud_watch_encryption_enabled = true
        cloud_watch_log_group_name     = "` + logGroupName + `"
      }
    }
  }`},
}

// TestAccCluster_awsConfigurations applies each configuration of
// aws_ecs_cluster with the type renamed: its checks hold, the plan after the
// apply is empty, and an import verifies (but for what the configuration
// leaves unmanaged).
func TestAccCluster_awsConfigurations(t *testing.T) {
	t.Parallel()
	for _, tc := range awsClusterConfigs {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			env := acctest.New(t)
			acctest.SkipOnAWS(t) // the namespace and KMS keys are literals of the sandbox
			name := acctest.RandomName("ecsx-aws")
			namespaceARN := sandboxNamespace(t, env)
			config := env.ProviderConfig() + fmt.Sprintf("resource \"ecsx_cluster\" \"test\" {\n"+tc.body+"\n}\n", name, namespaceARN)
			checks := []statecheck.StateCheck{statecheck.ExpectKnownValue(clusterAddr, tfjsonpath.New("name"), knownvalue.StringExact(name))}
			for attribute, check := range tc.checks {
				checks = append(checks, statecheck.ExpectKnownValue(clusterAddr, tfjsonpath.New(attribute), check))
			}
			acctest.Test(t, resource.TestCase{
				CheckDestroy: env.CheckClustersDestroyed(),
				Steps: []resource.TestStep{
					{Config: config, ConfigStateChecks: checks},
					{
						Config:                  config,
						ResourceName:            clusterAddr,
						ImportState:             true,
						ImportStateId:           name,
						ImportStateVerify:       true,
						ImportStateVerifyIgnore: append([]string{"timeouts"}, tc.unmanaged...),
					},
				},
			})
		})
	}
}

// sandboxNamespace makes ECS create a Cloud Map namespace (ECS creates one
// for a Service Connect default given by name) and returns its ARN, as
// aws_service_discovery_http_namespace.test[0].arn would be.
func sandboxNamespace(t *testing.T, env *acctest.Env) string {
	t.Helper()
	out, err := env.ECS().CreateCluster(t.Context(), &ecs.CreateClusterInput{
		ClusterName:            aws.String(acctest.RandomName("ecsx-ns")),
		ServiceConnectDefaults: &ecstypes.ClusterServiceConnectDefaultsRequest{Namespace: aws.String(acctest.RandomName("ns"))},
	})
	if err != nil {
		t.Fatal(err)
	}
	arn := aws.ToString(out.Cluster.ServiceConnectDefaults.Namespace)
	if _, err := env.ECS().DeleteCluster(t.Context(), &ecs.DeleteClusterInput{Cluster: out.Cluster.ClusterArn}); err != nil {
		t.Fatal(err)
	}
	return arn
}
