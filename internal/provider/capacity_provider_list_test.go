package provider_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/ecsx/terraform-provider-ecsx/internal/acctest"
)

// TestAccCapacityProvider_listQuery runs terraform query over the capacity
// providers of the sandbox (Terraform >= 1.14): Auto Scaling group and
// Managed Instances providers, filtered by name, type and cluster, with
// FARGATE, FARGATE_SPOT and deleted providers left out.
func TestAccCapacityProvider_listQuery(t *testing.T) {
	acctest.SkipOnAWS(t)
	acctest.SkipOnOpenTofu(t, "list resources or terraform query")
	t.Parallel()
	env := acctest.New(t)
	ctx := t.Context()
	client := env.ECS()
	for _, c := range []string{"lq-a", "lq-b"} {
		if err := env.CreateCluster(c); err != nil {
			t.Fatal(err)
		}
	}
	create := func(in *ecs.CreateCapacityProviderInput) {
		t.Helper()
		if _, err := client.CreateCapacityProvider(ctx, in); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 3 {
		name := fmt.Sprintf("lq-asg-%d", i)
		create(&ecs.CreateCapacityProviderInput{Name: aws.String(name),
			AutoScalingGroupProvider: &ecstypes.AutoScalingGroupProvider{AutoScalingGroupArn: aws.String(groupARN(name))}})
	}
	for i, cluster := range []string{"lq-a", "lq-a", "lq-b"} {
		create(&ecs.CreateCapacityProviderInput{Name: aws.String(fmt.Sprintf("lq-mi-%d", i)), Cluster: aws.String(cluster),
			ManagedInstancesProvider: &ecstypes.CreateManagedInstancesProviderConfiguration{
				InfrastructureRoleArn: aws.String(miRoleARN),
				InstanceLaunchTemplate: &ecstypes.InstanceLaunchTemplate{
					Ec2InstanceProfileArn: aws.String(miProfileARN),
					NetworkConfiguration:  &ecstypes.ManagedInstancesNetworkConfiguration{Subnets: []string{miSubnet}},
				},
			}})
	}
	create(&ecs.CreateCapacityProviderInput{Name: aws.String("unlisted"),
		AutoScalingGroupProvider: &ecstypes.AutoScalingGroupProvider{AutoScalingGroupArn: aws.String(groupARN("unlisted"))}})
	if _, err := client.DeleteCapacityProvider(ctx, &ecs.DeleteCapacityProviderInput{CapacityProvider: aws.String("lq-asg-2")}); err != nil {
		t.Fatal(err)
	}
	query := func(config string) string {
		// The query file uses the provider configuration of the first step.
		return fmt.Sprintf(`
list "ecsx_capacity_provider" "all" {
  provider = ecsx
  config {
    name_regex = "^lq-"
    %s
  }
}
`, config)
	}
	const all = "ecsx_capacity_provider.all"
	acctest.Test(t, resource.TestCase{
		TerraformVersionChecks: []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_14_0)},
		Steps: []resource.TestStep{
			{
				// Query steps need a configuration step before them.
				Config: env.ProviderConfig(),
			},
			{
				PreConfig: env.Sandbox.ResetStats,
				Query:     true,
				Config:    query(""),
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength(all, 5),
					querycheck.ExpectIdentity(all, cpIdentity(env.Region, "lq-asg-0")),
					querycheck.ExpectIdentity(all, cpIdentity(env.Region, "lq-asg-1")),
					querycheck.ExpectIdentity(all, cpIdentity(env.Region, "lq-mi-0")),
					querycheck.ExpectIdentity(all, cpIdentity(env.Region, "lq-mi-2")),
				},
			},
			{
				Query:  true,
				Config: query(`type = "EC2_AUTOSCALING"`),
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength(all, 2),
					querycheck.ExpectIdentity(all, cpIdentity(env.Region, "lq-asg-1")),
				},
			},
			{
				Query:  true,
				Config: query(`type = "MANAGED_INSTANCES"`),
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength(all, 3),
					querycheck.ExpectIdentity(all, cpIdentity(env.Region, "lq-mi-1")),
				},
			},
			{
				Query:  true,
				Config: query(`cluster = "lq-a"`),
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength(all, 2),
					querycheck.ExpectIdentity(all, cpIdentity(env.Region, "lq-mi-0")),
					querycheck.ExpectIdentity(all, cpIdentity(env.Region, "lq-mi-1")),
				},
			},
			{
				Query: true,
				Config: `
list "ecsx_capacity_provider" "all" {
  provider         = ecsx
  include_resource = true
  config {
    name_regex = "^lq-mi-2$"
  }
}
`,
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength(all, 1),
					querycheck.ExpectResourceDisplayName(all, queryfilter.ByResourceIdentity(cpIdentity(env.Region, "lq-mi-2")),
						knownvalue.StringExact("lq-mi-2 (cluster lq-b)")),
					querycheck.ExpectResourceKnownValues(all, queryfilter.ByResourceIdentity(cpIdentity(env.Region, "lq-mi-2")), []querycheck.KnownValueCheck{
						{Path: tfjsonpath.New("name"), KnownValue: knownvalue.StringExact("lq-mi-2")},
						{Path: tfjsonpath.New("cluster"), KnownValue: knownvalue.StringExact("lq-b")},
						{Path: tfjsonpath.New("region"), KnownValue: knownvalue.StringExact(env.Region)},
						{Path: tfjsonpath.New("auto_scaling_group_provider"), KnownValue: knownvalue.ListExact([]knownvalue.Check{})},
						{Path: miAttr("infrastructure_role_arn"), KnownValue: knownvalue.StringExact(miRoleARN)},
					}),
				},
			},
			{
				PreConfig:   env.Sandbox.ResetStats,
				Query:       true,
				Config:      query(`type = "EC2_AUTOSCALING"` + "\n    cluster = \"lq-a\""),
				ExpectError: regexp.MustCompile(`(?s)cluster is for Managed Instances`),
			},
			{
				// The refused query made no ECS call.
				PreConfig: func() {
					if n := env.Sandbox.ECSCalls(); n != 0 {
						t.Errorf("the refused query made %d ECS calls, want 0", n)
					}
				},
				Query: true,
				Config: `
list "ecsx_capacity_provider" "all" {
  provider = ecsx
  config {
    type = "FARGATE"
  }
}
`,
				ExpectError: regexp.MustCompile(`(?s)type.*EC2_AUTOSCALING`),
			},
		},
	})
}
