package provider_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/ecsx/terraform-provider-ecsx/internal/acctest"
	"github.com/ecsx/terraform-provider-ecsx/internal/sandbox"
)

// TestAccCluster_importErrors checks that each kind of bad import ID gets
// its own error, with no guessing.
func TestAccCluster_importErrors(t *testing.T) {
	acctest.SkipOnAWS(t)
	t.Parallel()
	env := acctest.New(t)
	name := acctest.RandomName("ecsx-imp")
	config := clusterConfig(env, name, "")
	cases := []struct{ id, want string }{
		{"bad name!", `is not a cluster name .*or ARN`},
		{"nope-" + name, `(?s)Cluster not found.*No active ECS cluster "nope-` + name + `" exists in region us-east-1.*name@region`},
		{"arn:aws:ecs:eu-west-1:123456789012:cluster/" + name, `(?s)Cluster not found.*exists in region eu-west-1`},
		{"arn:aws:ecs:us-east-1:123456789012:service/" + name + "/web", `is the ARN of an ECS service, not of a cluster`},
		{"arn:aws:s3:::" + name, `is an ARN of the "s3" service, not of an ECS cluster`},
		{"arn:aws-cn:ecs:us-east-1:123456789012:cluster/" + name, `names partition "aws-cn", but region us-east-1 is in partition "aws"`},
		{"arn:aws:ecs:us-east-1:12345:cluster/" + name, `has no valid account ID \("12345"\)`},
		{"arn:aws:ecs:us-east-1:999999999999:cluster/" + name, `(?s)Cluster not found.*account 999999999999.*assume_role`},
		{name + "@moon-1", `names region "moon-1", which is not an AWS region name`},
	}
	steps := []resource.TestStep{{Config: config}}
	for _, tc := range cases {
		steps = append(steps, resource.TestStep{
			Config:        config,
			ResourceName:  clusterAddr,
			ImportState:   true,
			ImportStateId: tc.id,
			ExpectError:   regexp.MustCompile("(?s)" + strings.ReplaceAll(tc.want, " ", `\s+`)),
		})
	}
	acctest.Test(t, resource.TestCase{CheckDestroy: env.CheckClustersDestroyed(), Steps: steps})
}

// TestAccCluster_importAlignment imports a cluster whose setting, capacity
// providers and strategy were chosen outside the configuration (by the
// account default and another owner) with an import block: the apply only
// aligns the state with the configuration, makes no mutating ECS call, and
// leaves the cluster as it was; the next plan is empty.
func TestAccCluster_importAlignment(t *testing.T) {
	acctest.SkipOnAWS(t)
	t.Parallel()
	env := acctest.New(t)
	name := acctest.RandomName("ecsx-align")
	_, err := env.ECS().CreateCluster(t.Context(), &ecs.CreateClusterInput{
		ClusterName:       aws.String(name),
		Settings:          []ecstypes.ClusterSetting{{Name: ecstypes.ClusterSettingNameContainerInsights, Value: aws.String("enhanced")}},
		CapacityProviders: []string{"FARGATE"},
		DefaultCapacityProviderStrategy: []ecstypes.CapacityProviderStrategyItem{
			{CapacityProvider: aws.String("FARGATE"), Weight: 1},
		},
	})
	if err != nil {
		t.Fatalf("creating the cluster out of band: %v", err)
	}
	config := env.ProviderConfig() + fmt.Sprintf(`
import {
  to = ecsx_cluster.test
  id = %[1]q
}

resource "ecsx_cluster" "test" {
  name = %[1]q
}
`, name)
	unchanged := func(*terraform.State) error {
		if got := insightsOf(t, env.ECS(), name); got != "enhanced" {
			return fmt.Errorf("containerInsights is %q after the import, want enhanced (untouched)", got)
		}
		if c := describe(t, env.ECS(), name); len(c.CapacityProviders) != 1 || len(c.DefaultCapacityProviderStrategy) != 1 {
			return fmt.Errorf("capacity providers %v and strategy of %d items after the import, want untouched", c.CapacityProviders, len(c.DefaultCapacityProviderStrategy))
		}
		for op, n := range env.Sandbox.Stats().Calls {
			if !strings.HasPrefix(op, "Describe") && !strings.HasPrefix(op, "List") && !strings.HasPrefix(op, sandbox.STSCallPrefix) && n > 0 {
				return fmt.Errorf("the import's apply called %s %d times, want no mutating call", op, n)
			}
		}
		return nil
	}
	acctest.Test(t, resource.TestCase{
		CheckDestroy: env.CheckClustersDestroyed(),
		Steps: []resource.TestStep{
			{
				PreConfig: env.Sandbox.ResetStats,
				Config:    config,
				ConfigStateChecks: []statecheck.StateCheck{
					expectState(attr("setting"), emptySet),
					expectState(attr("capacity_providers"), knownvalue.Null()),
					expectState(attr("default_capacity_provider_strategy"), emptySet),
				},
				Check: unchanged,
			},
			{
				PreConfig:        env.Sandbox.ResetStats,
				Config:           config,
				ConfigPlanChecks: expectNoop(),
				Check:            unchanged,
			},
		},
	})
}

// TestAccCluster_region checks the per-resource region: a cluster in
// another region than the provider's, without an alias; import by ARN and
// by name@region takes the cluster's region; a change of region replaces it.
func TestAccCluster_region(t *testing.T) {
	acctest.SkipOnAWS(t)
	t.Parallel()
	env := acctest.New(t)
	name := acctest.RandomName("ecsx-region")
	other := env.ECSIn(acctest.OtherRegion)
	config := func(region string) string { return clusterConfig(env, name, fmt.Sprintf("region = %q", region)) }
	exists := func(client *ecs.Client, want bool) error {
		out, err := client.DescribeClusters(t.Context(), &ecs.DescribeClustersInput{Clusters: []string{name}})
		if err != nil {
			return err
		}
		active := len(out.Clusters) == 1 && aws.ToString(out.Clusters[0].Status) == "ACTIVE"
		if active != want {
			return fmt.Errorf("cluster %s active in %s: %v, want %v", name, client.Options().Region, active, want)
		}
		return nil
	}
	acctest.Test(t, resource.TestCase{
		CheckDestroy: func(s *terraform.State) error {
			if err := exists(other, false); err != nil {
				return err
			}
			return env.CheckClustersDestroyed()(s)
		},
		Steps: []resource.TestStep{
			{
				Config:      config("mars-1"),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)region.*mars-1`),
			},
			{
				Config: config(acctest.OtherRegion),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectKnownValue(clusterAddr, attr("region"), knownvalue.StringExact(acctest.OtherRegion)),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					expectState(attr("region"), knownvalue.StringExact(acctest.OtherRegion)),
					expectState(attr("arn"), knownvalue.StringRegexp(regexp.MustCompile(`^arn:aws:ecs:eu-west-1:\d{12}:cluster/`+name+`$`))),
				},
				Check: func(*terraform.State) error {
					if err := exists(other, true); err != nil {
						return err
					}
					return exists(env.ECS(), false)
				},
			},
			{
				ResourceName:            clusterAddr,
				ImportState:             true,
				ImportStateIdFunc:       stateAttr("arn"),
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"timeouts", "setting"},
			},
			{
				ResourceName:            clusterAddr,
				ImportState:             true,
				ImportStateId:           name + "@" + acctest.OtherRegion,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"timeouts", "setting"},
			},
			{
				// Without region the provider's applies: a new cluster
				// there, the old one deleted.
				Config: clusterConfig(env, name, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(clusterAddr, plancheck.ResourceActionDestroyBeforeCreate),
					plancheck.ExpectKnownValue(clusterAddr, attr("region"), knownvalue.StringExact(env.Region)),
				}},
				Check: func(*terraform.State) error {
					if err := exists(other, false); err != nil {
						return err
					}
					return exists(env.ECS(), true)
				},
			},
		},
	})
}

// TestAccCluster_importNamespaceByName imports a cluster whose Service
// Connect namespace the configuration gives by name. ECS reports only the
// ARN and an import sees no configuration, so the first apply aligns the
// state with one UpdateCluster by name, which leaves the namespace as it is;
// from then on the plan is empty. (A namespace given by ARN, as hashicorp/aws
// documents it, imports with no change at all: see the aws configurations
// test.)
func TestAccCluster_importNamespaceByName(t *testing.T) {
	acctest.SkipOnAWS(t)
	t.Parallel()
	env := acctest.New(t)
	name := acctest.RandomName("ecsx-nsimp")
	_, err := env.ECS().CreateCluster(t.Context(), &ecs.CreateClusterInput{
		ClusterName:            aws.String(name),
		ServiceConnectDefaults: &ecstypes.ClusterServiceConnectDefaultsRequest{Namespace: aws.String("internal")},
	})
	if err != nil {
		t.Fatalf("creating the cluster out of band: %v", err)
	}
	namespaceARN := aws.ToString(describe(t, env.ECS(), name).ServiceConnectDefaults.Namespace)
	config := env.ProviderConfig() + fmt.Sprintf(`
import {
  to = ecsx_cluster.test
  id = %[1]q
}

resource "ecsx_cluster" "test" {
  name = %[1]q
  service_connect_defaults {
    namespace = "internal"
  }
}
`, name)
	sameNamespace := func(*terraform.State) error {
		if got := aws.ToString(describe(t, env.ECS(), name).ServiceConnectDefaults.Namespace); got != namespaceARN {
			return fmt.Errorf("namespace is %s after the import, want %s", got, namespaceARN)
		}
		return nil
	}
	acctest.Test(t, resource.TestCase{
		CheckDestroy: env.CheckClustersDestroyed(),
		Steps: []resource.TestStep{
			{
				PreConfig: env.Sandbox.ResetStats,
				Config:    config,
				ConfigStateChecks: []statecheck.StateCheck{
					expectState(block("service_connect_defaults").AtMapKey("namespace"), knownvalue.StringExact("internal")),
					expectState(block("service_connect_defaults").AtMapKey("namespace_arn"), knownvalue.StringExact(namespaceARN)),
				},
				Check: resource.ComposeTestCheckFunc(func(*terraform.State) error {
					if n := env.Sandbox.Stats().Calls["UpdateCluster"]; n != 1 {
						return fmt.Errorf("UpdateCluster called %d times, want 1", n)
					}
					return nil
				}, sameNamespace),
			},
			{
				Config:           config,
				ConfigPlanChecks: expectNoop(),
				Check:            sameNamespace,
			},
		},
	})
}
