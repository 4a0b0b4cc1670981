package provider_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/ecsx/terraform-provider-ecsx/internal/acctest"
)

// sandboxAccount is the account of the sandbox's access keys.
const sandboxAccount = "123456789012"

func clusterIdentity(region, name string) map[string]knownvalue.Check {
	return map[string]knownvalue.Check{
		"account_id": knownvalue.StringExact(sandboxAccount),
		"region":     knownvalue.StringExact(region),
		"name":       knownvalue.StringExact(name),
	}
}

// TestAccCluster_identity checks the resource identity (Terraform >= 1.12):
// set on create, the same after an update, and an import block by identity
// that plans no change.
func TestAccCluster_identity(t *testing.T) {
	acctest.SkipOnAWS(t) // the account ID is the sandbox's
	acctest.SkipOnOpenTofu(t, "resource identity")
	t.Parallel()
	env := acctest.New(t)
	name := acctest.RandomName("ecsx-ident")
	// Everything the import takes in is in the configuration, so that the
	// import plans no change.
	config := func(tag string) string {
		return clusterConfig(env, name, fmt.Sprintf(`tags = { stage = %q }
  capacity_providers = []
  %s`, tag, settingBlock("disabled")))
	}
	identity := statecheck.ExpectIdentity(clusterAddr, clusterIdentity(env.Region, name))
	acctest.Test(t, resource.TestCase{
		TerraformVersionChecks: []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		CheckDestroy:           env.CheckClustersDestroyed(),
		Steps: []resource.TestStep{
			{
				Config:            config("one"),
				ConfigStateChecks: []statecheck.StateCheck{identity},
			},
			{
				Config:            config("two"),
				ConfigPlanChecks:  expectUpdate(),
				ConfigStateChecks: []statecheck.StateCheck{identity},
			},
			{
				Config:          config("two"),
				ResourceName:    clusterAddr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithResourceIdentity,
			},
			{
				// The ID-string import keeps working.
				Config:            config("two"),
				ResourceName:      clusterAddr,
				ImportState:       true,
				ImportStateKind:   resource.ImportBlockWithID,
				ImportStateIdFunc: stateAttr("arn"),
			},
		},
	})
}

// TestAccCluster_listQuery runs terraform query over the clusters of the
// sandbox (Terraform >= 1.14): every live cluster that matches name_regex,
// with its identity, and the full resource with include_resource.
func TestAccCluster_listQuery(t *testing.T) {
	acctest.SkipOnAWS(t)
	acctest.SkipOnOpenTofu(t, "list resources or query command")
	t.Parallel()
	env := acctest.New(t)
	for i := range 5 {
		if err := env.CreateCluster(fmt.Sprintf("list-%d", i)); err != nil {
			t.Fatal(err)
		}
	}
	if err := env.CreateCluster("unlisted"); err != nil {
		t.Fatal(err)
	}
	if _, err := env.ECS().DeleteCluster(t.Context(), &ecs.DeleteClusterInput{Cluster: aws.String("list-4")}); err != nil {
		t.Fatal(err)
	}
	query := func(extra string) string {
		// The query file uses the provider configuration of the first step.
		return fmt.Sprintf(`
list "ecsx_cluster" "all" {
  provider = ecsx
  %s
  config {
    name_regex = "^list-"
  }
}
`, extra)
	}
	acctest.Test(t, resource.TestCase{
		TerraformVersionChecks: []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_14_0)},
		Steps: []resource.TestStep{
			{
				// Query steps need a configuration step before them.
				Config: env.ProviderConfig(),
			},
			{
				Query:  true,
				Config: query(""),
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength("ecsx_cluster.all", 4),
					querycheck.ExpectIdentity("ecsx_cluster.all", clusterIdentity(env.Region, "list-0")),
					querycheck.ExpectIdentity("ecsx_cluster.all", clusterIdentity(env.Region, "list-3")),
				},
			},
			{
				Query:  true,
				Config: query("include_resource = true"),
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength("ecsx_cluster.all", 4),
					querycheck.ExpectIdentity("ecsx_cluster.all", clusterIdentity(env.Region, "list-2")),
				},
			},
			{
				Query: true,
				Config: `
list "ecsx_cluster" "all" {
  provider = ecsx
  config {
    region = "mars"
  }
}
`,
				ExpectError: regexp.MustCompile(`(?s)region.*mars`),
			},
		},
	})
}
