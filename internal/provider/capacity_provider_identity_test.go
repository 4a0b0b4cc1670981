package provider_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/ecsx/terraform-provider-ecsx/internal/acctest"
)

func cpARN(region, name string) string {
	return fmt.Sprintf("arn:aws:ecs:%s:%s:capacity-provider/%s", region, sandboxAccount, name)
}

func cpIdentity(region, name string) map[string]knownvalue.Check {
	return map[string]knownvalue.Check{"arn": knownvalue.StringExact(cpARN(region, name))}
}

// TestAccCapacityProvider_identity checks the resource identity (Terraform
// >= 1.12): the ARN, as hashicorp/aws's aws_ecs_capacity_provider has it,
// set on create, the same after an update, and import blocks by identity
// and by ID that plan no change.
func TestAccCapacityProvider_identity(t *testing.T) {
	acctest.SkipOnAWS(t) // the account ID is the sandbox's
	acctest.SkipOnOpenTofu(t, "resource identity")
	t.Parallel()
	env := acctest.New(t)
	name := acctest.RandomName("x-cp-ident")
	config := func(tag string) string {
		return cpConfig(env, name, `managed_termination_protection = "DISABLED"`, fmt.Sprintf(`tags = { stage = %q }`, tag))
	}
	identity := statecheck.ExpectIdentity(cpAddr, cpIdentity(env.Region, name))
	acctest.Test(t, resource.TestCase{
		TerraformVersionChecks: []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		CheckDestroy:           checkProvidersDestroyed(env),
		Steps: []resource.TestStep{
			{
				Config: config("one"),
				ConfigStateChecks: []statecheck.StateCheck{
					identity,
					statecheck.ExpectIdentityValueMatchesState(cpAddr, tfjsonpath.New("arn")),
				},
			},
			{
				Config:            config("two"),
				ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(cpAddr, plancheck.ResourceActionUpdate)}},
				ConfigStateChecks: []statecheck.StateCheck{identity},
			},
			{
				Config:          config("two"),
				ResourceName:    cpAddr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithResourceIdentity,
				ImportPlanChecks: resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectKnownValue(cpAddr, tfjsonpath.New("arn"), knownvalue.StringExact(cpARN(env.Region, name))),
					plancheck.ExpectKnownValue(cpAddr, tfjsonpath.New("region"), knownvalue.StringExact(env.Region)),
				}},
			},
			{
				// The ID-string import keeps working, by ARN and by name.
				Config:          config("two"),
				ResourceName:    cpAddr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
				ImportStateId:   cpARN(env.Region, name),
			},
			{
				Config:          config("two"),
				ResourceName:    cpAddr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
				ImportStateId:   name,
			},
		},
	})
}

// TestAccCapacityProvider_identityErrors: an identity that is not a
// capacity provider's ARN, or the ARN of a provider that does not exist,
// gets a clear error.
func TestAccCapacityProvider_identityErrors(t *testing.T) {
	acctest.SkipOnAWS(t)
	acctest.SkipOnOpenTofu(t, "resource identity")
	t.Parallel()
	env := acctest.New(t)
	importBlock := func(arn string) string {
		return env.ProviderConfig() + fmt.Sprintf(`
import {
  to       = ecsx_capacity_provider.test
  identity = { arn = %[1]q }
}

resource "ecsx_capacity_provider" "test" {
  name = "missing"

  auto_scaling_group_provider {
    auto_scaling_group_arn = %[2]q
  }
}
`, arn, groupARN("missing"))
	}
	acctest.Test(t, resource.TestCase{
		TerraformVersionChecks: []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		Steps: []resource.TestStep{
			{
				Config:      importBlock("arn:aws:ecs:us-east-1:123456789012:cluster/missing"),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Attribute arn:.*is\s+not\s+the\s+ARN\s+of\s+an\s+ECS\s+capacity\s+provider`),
			},
			{
				Config:      importBlock(cpARN(env.Region, "missing")),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Cannot import a capacity provider that does not exist`),
			},
		},
	})
}
