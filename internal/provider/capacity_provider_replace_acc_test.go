package provider_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"
	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/ecsx/terraform-provider-ecsx/internal/acctest"
	"github.com/ecsx/terraform-provider-ecsx/internal/sandbox"
)

// exampleWithoutTerraformBlock reads an example configuration and drops its
// terraform block: the test's provider block and source replace it.
func exampleWithoutTerraformBlock(t *testing.T, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "examples", rel))
	if err != nil {
		t.Fatalf("reading the example: %v", err)
	}
	text := string(b)
	start := strings.Index(text, "\nterraform {\n")
	end := strings.Index(text[start+1:], "\n}\n")
	if start < 0 || end < 0 {
		t.Fatalf("examples/%s has no terraform block", rel)
	}
	return text[:start] + text[start+1+end+len("\n}\n"):]
}

// replaceClusterVariant is examples/replace-capacity-provider with the
// association held by ecsx_cluster's capacity_providers and
// default_capacity_provider_strategy instead of
// ecsx_cluster_capacity_providers.
const replaceClusterVariant = `
variable "auto_scaling_group_arn" {
  type = string
}

resource "ecsx_capacity_provider" "ec2" {
  name_prefix = "replace-ec2-"

  auto_scaling_group_provider {
    auto_scaling_group_arn = var.auto_scaling_group_arn
  }

  lifecycle {
    create_before_destroy = true
  }
}

resource "ecsx_cluster" "this" {
  name               = "replace-capacity-provider"
  capacity_providers = [ecsx_capacity_provider.ec2.name]

  default_capacity_provider_strategy {
    capacity_provider = ecsx_capacity_provider.ec2.name
    base              = 1
    weight            = 1
  }
}
`

// TestAccCapacityProvider_replaceInUse applies examples/replace-capacity-provider
// (and the same with the association in ecsx_cluster), registers the Auto
// Scaling group's instances in the cluster (with the example), changes the
// group and applies
// once: the new capacity provider is created and ACTIVE, the cluster's
// capacity providers and default strategy name it, and the old provider is
// deleted by its first DeleteCapacityProvider call, in one apply without
// error. The destroy that follows goes in one run too.
func TestAccCapacityProvider_replaceInUse(t *testing.T) {
	acctest.SkipOnAWS(t)
	t.Parallel()
	const cluster = "replace-capacity-provider"
	blue := "arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:11111111-2222-3333-4444-555555555555:autoScalingGroupName/replace-ec2-blue"
	green := groupARN("replace-ec2-green")
	generated := regexp.MustCompile(`^replace-ec2-\d{20}[0-9a-f]{6}$`)
	variants := map[string]struct {
		config      string
		association string // the resource updated to name the new provider
		// instances is how many container instances each group registers
		// in the cluster. Only with ecsx_cluster_capacity_providers does
		// the destroy delete the provider (which scales its group in)
		// before the cluster, whose deletion waits for the instances to
		// deregister; ecsx_cluster depends on the provider, so it goes
		// first.
		instances int
	}{
		"ecsx_cluster_capacity_providers": {exampleWithoutTerraformBlock(t, "replace-capacity-provider/main.tf"), "ecsx_cluster_capacity_providers.this", 2},
		"ecsx_cluster":                    {replaceClusterVariant, "ecsx_cluster.this", 0},
	}
	for label, v := range variants {
		t.Run(label, func(t *testing.T) {
			t.Parallel()
			env := acctest.New(t)
			env.Sandbox.SetProviderLifecycle(sandbox.ProviderLifecycle{Provision: 300 * time.Millisecond, ScaleIn: time.Second})
			var old string
			acctest.Test(t, resource.TestCase{
				CheckDestroy: resource.ComposeTestCheckFunc(env.CheckClustersDestroyed(), checkProvidersDestroyed(env)),
				Steps: []resource.TestStep{
					{
						Config:          env.ProviderConfig() + v.config,
						ConfigVariables: config.Variables{"auto_scaling_group_arn": config.StringVariable(blue)},
						ConfigStateChecks: []statecheck.StateCheck{
							statecheck.ExpectKnownValue("ecsx_capacity_provider.ec2", tfjsonpath.New("name"), knownvalue.StringRegexp(generated)),
						},
						Check: func(s *terraform.State) error {
							old = s.RootModule().Resources["ecsx_capacity_provider.ec2"].Primary.Attributes["name"]
							if err := expectClusterUses(t, env, cluster, old); err != nil {
								return err
							}
							return env.Sandbox.SetAutoScalingGroupInstances("", "", cluster, blue, v.instances)
						},
					},
					{
						PreConfig:       env.Sandbox.ResetStats,
						Config:          env.ProviderConfig() + v.config,
						ConfigVariables: config.Variables{"auto_scaling_group_arn": config.StringVariable(green)},
						ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
							plancheck.ExpectResourceAction("ecsx_capacity_provider.ec2", plancheck.ResourceActionCreateBeforeDestroy),
							plancheck.ExpectResourceAction(v.association, plancheck.ResourceActionUpdate),
							plancheck.ExpectUnknownValue("ecsx_capacity_provider.ec2", tfjsonpath.New("name")),
						}},
						ConfigStateChecks: []statecheck.StateCheck{
							statecheck.ExpectKnownValue("ecsx_capacity_provider.ec2", tfjsonpath.New("name"), knownvalue.StringRegexp(generated)),
							statecheck.ExpectKnownValue("ecsx_capacity_provider.ec2", asgAttr("auto_scaling_group_arn"), knownvalue.StringExact(green)),
						},
						Check: func(s *terraform.State) error {
							name := s.RootModule().Resources["ecsx_capacity_provider.ec2"].Primary.Attributes["name"]
							if name == old {
								return fmt.Errorf("the capacity provider kept its name %s", old)
							}
							if err := expectClusterUses(t, env, cluster, name); err != nil {
								return err
							}
							out, err := env.ECS().DescribeCapacityProviders(t.Context(), &ecs.DescribeCapacityProvidersInput{CapacityProviders: []string{name, old}})
							if err != nil {
								return err
							}
							for _, p := range out.CapacityProviders {
								switch n := aws.ToString(p.Name); {
								case n == name && p.Status != ecstypes.CapacityProviderStatusActive:
									return fmt.Errorf("new capacity provider %s is %s, want ACTIVE", n, p.Status)
								case n == old && p.Status != ecstypes.CapacityProviderStatusInactive && p.Status != ecstypes.CapacityProviderStatusDeprovisioning:
									return fmt.Errorf("old capacity provider %s is %s, want it deleted", n, p.Status)
								}
							}
							// One create, one association update, and the old
							// provider deleted by its first call.
							calls := env.Sandbox.Stats().Calls
							if calls["CreateCapacityProvider"] != 1 || calls["PutClusterCapacityProviders"] != 1 || calls["DeleteCapacityProvider"] != 1 {
								return fmt.Errorf("calls %v: want 1 CreateCapacityProvider, 1 PutClusterCapacityProviders and 1 DeleteCapacityProvider", calls)
							}
							return env.Sandbox.SetAutoScalingGroupInstances("", "", cluster, green, v.instances)
						},
					},
					{
						// Nothing left to change.
						Config:          env.ProviderConfig() + v.config,
						ConfigVariables: config.Variables{"auto_scaling_group_arn": config.StringVariable(green)},
						PlanOnly:        true,
					},
				},
			})
		})
	}
}

// expectClusterUses checks in ECS that the cluster's capacity providers are
// exactly provider and that its default strategy names it.
func expectClusterUses(t *testing.T, env *acctest.Env, cluster, provider string) error {
	out, err := env.ECS().DescribeClusters(t.Context(), &ecs.DescribeClustersInput{Clusters: []string{cluster}})
	if err != nil {
		return err
	}
	if len(out.Clusters) != 1 {
		return fmt.Errorf("cluster %s not found", cluster)
	}
	c := out.Clusters[0]
	if !slices.Equal(c.CapacityProviders, []string{provider}) {
		return fmt.Errorf("cluster %s has capacity providers %v, want [%s]", cluster, c.CapacityProviders, provider)
	}
	if len(c.DefaultCapacityProviderStrategy) != 1 || aws.ToString(c.DefaultCapacityProviderStrategy[0].CapacityProvider) != provider {
		return fmt.Errorf("cluster %s's default strategy is %+v, want %s", cluster, c.DefaultCapacityProviderStrategy, provider)
	}
	return nil
}
