package migration

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"

	"github.com/ecsx/terraform-provider-ecsx/internal/sandbox"
)

// awsResource is one resource of hashicorp/aws in a state file.
type awsResource struct {
	typ, name string
	attrs     map[string]any
}

// awsStateOf is a Terraform state holding resources of hashicorp/aws, as
// hashicorp/aws v6 writes them.
func awsStateOf(cli CLI, resources ...awsResource) string {
	list := []any{}
	for _, r := range resources {
		list = append(list, map[string]any{
			"mode": "managed", "type": r.typ, "name": r.name,
			"provider":  fmt.Sprintf("provider[\"%s/hashicorp/aws\"]", cli.Host()),
			"instances": []any{map[string]any{"schema_version": 0, "attributes": r.attrs, "sensitive_attributes": []any{}}},
		})
	}
	state := map[string]any{
		"version": 4, "terraform_version": cli.StateVersion(), "serial": 1, "lineage": "3f0c2a4e-0000-4000-8000-000000000002",
		"outputs": map[string]any{}, "resources": list,
	}
	b, err := json.MarshalIndent(state, "", "  ")
	if err != nil {
		panic(err)
	}
	return string(b)
}

func groupARN(name string) string {
	return "arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:11111111-2222-3333-4444-555555555555:autoScalingGroupName/" + name
}

const (
	miRoleARN    = "arn:aws:iam::123456789012:role/ecsInfrastructureRole"
	miProfileARN = "arn:aws:iam::123456789012:instance-profile/ecsInstanceRole"
	miSubnet     = "subnet-0123456789abcdef0"
)

// awsCapacityProvidersConfig is the configuration the state was made from,
// in hashicorp/aws's syntax (its acceptance configurations: the basic
// provider, managed scaling, and the cluster's providers with a default
// strategy), with the types to be renamed written TYPE_.
const awsCapacityProvidersConfig = `
resource "TYPE_capacity_provider" "basic" {
  name = "moved-basic"

  auto_scaling_group_provider {
    auto_scaling_group_arn = %[1]q
  }
}

resource "TYPE_capacity_provider" "scaling" {
  name = "moved-scaling"
  tags = { team = "platform" }

  auto_scaling_group_provider {
    auto_scaling_group_arn         = %[2]q
    managed_termination_protection = "DISABLED"

    managed_scaling {
      instance_warmup_period    = 300
      maximum_scaling_step_size = 10
      minimum_scaling_step_size = 2
      status                    = "ENABLED"
      target_capacity           = 80
    }
  }
}

resource "TYPE_capacity_provider" "managed" {
  name    = "moved-managed"
  cluster = "moved-web"

  managed_instances_provider {
    infrastructure_role_arn = %[3]q
    propagate_tags          = "CAPACITY_PROVIDER"

    instance_launch_template {
      ec2_instance_profile_arn = %[4]q

      network_configuration {
        subnets = [%[5]q]
      }

      storage_configuration {
        storage_size_gib = 50
      }
    }
  }
}

resource "TYPE_cluster_capacity_providers" "web" {
  cluster_name       = "moved-web"
  capacity_providers = ["FARGATE", "moved-scaling"]

  default_capacity_provider_strategy {
    base              = 1
    weight            = 100
    capacity_provider = "FARGATE"
  }
}
`

// TestMoved_fromAWSCapacityProviders moves aws_ecs_capacity_provider (an Auto
// Scaling group provider without and with managed scaling, and a Managed
// Instances provider) and aws_ecs_cluster_capacity_providers of hashicorp/aws
// to ecsx with moved blocks, the bodies kept as they are. The apply of the
// move makes no ECS call at all, nothing is replaced or changed, and the plan
// after it is empty. It runs on the newest Terraform and the newest OpenTofu.
func TestMoved_fromAWSCapacityProviders(t *testing.T) {
	if testing.Short() {
		t.Skip("CLI test: skipped with -short")
	}
	for _, c := range movingCLIs {
		t.Run(c.label, func(t *testing.T) { testMovedFromAWSCapacityProviders(t, c.find(t)) })
	}
}

func testMovedFromAWSCapacityProviders(t *testing.T, cli CLI) {
	sb, endpoint, client := startSandbox(t)
	ctx := t.Context()

	_, err := client.CreateCluster(ctx, &ecs.CreateClusterInput{ClusterName: aws.String("moved-web")})
	mustECS(t, err)
	basic, err := client.CreateCapacityProvider(ctx, &ecs.CreateCapacityProviderInput{
		Name:                     aws.String("moved-basic"),
		AutoScalingGroupProvider: &ecstypes.AutoScalingGroupProvider{AutoScalingGroupArn: aws.String(groupARN("moved-basic"))},
	})
	mustECS(t, err)
	scaling, err := client.CreateCapacityProvider(ctx, &ecs.CreateCapacityProviderInput{
		Name: aws.String("moved-scaling"),
		AutoScalingGroupProvider: &ecstypes.AutoScalingGroupProvider{
			AutoScalingGroupArn:          aws.String(groupARN("moved-scaling")),
			ManagedTerminationProtection: ecstypes.ManagedTerminationProtectionDisabled,
			ManagedScaling: &ecstypes.ManagedScaling{
				InstanceWarmupPeriod: aws.Int32(300), MaximumScalingStepSize: aws.Int32(10), MinimumScalingStepSize: aws.Int32(2),
				Status: ecstypes.ManagedScalingStatusEnabled, TargetCapacity: aws.Int32(80),
			},
		},
		Tags: []ecstypes.Tag{{Key: aws.String("team"), Value: aws.String("platform")}},
	})
	mustECS(t, err)
	managed, err := client.CreateCapacityProvider(ctx, &ecs.CreateCapacityProviderInput{
		Name:    aws.String("moved-managed"),
		Cluster: aws.String("moved-web"),
		ManagedInstancesProvider: &ecstypes.CreateManagedInstancesProviderConfiguration{
			InfrastructureRoleArn: aws.String(miRoleARN),
			PropagateTags:         ecstypes.PropagateMITagsCapacityProvider,
			InstanceLaunchTemplate: &ecstypes.InstanceLaunchTemplate{
				Ec2InstanceProfileArn: aws.String(miProfileARN),
				NetworkConfiguration:  &ecstypes.ManagedInstancesNetworkConfiguration{Subnets: []string{miSubnet}},
				StorageConfiguration:  &ecstypes.ManagedInstancesStorageConfiguration{StorageSizeGiB: aws.Int32(50)},
			},
		},
	})
	mustECS(t, err)
	_, err = client.PutClusterCapacityProviders(ctx, &ecs.PutClusterCapacityProvidersInput{
		Cluster:           aws.String("moved-web"),
		CapacityProviders: []string{"FARGATE", "moved-scaling"},
		DefaultCapacityProviderStrategy: []ecstypes.CapacityProviderStrategyItem{
			{CapacityProvider: aws.String("FARGATE"), Base: 1, Weight: 100},
		},
	})
	mustECS(t, err)

	arnOf := func(p *ecs.CreateCapacityProviderOutput) string {
		return aws.ToString(p.CapacityProvider.CapacityProviderArn)
	}
	// What hashicorp/aws v6 stores: ECS's managed scaling even when none
	// is configured, "" and [] for what is not set.
	defaultScaling := []any{map[string]any{
		"instance_warmup_period": 300, "maximum_scaling_step_size": 10000, "minimum_scaling_step_size": 1, "status": "DISABLED", "target_capacity": 100,
	}}
	w := newWorkspace(t, cli)
	w.write("terraform.tfstate", awsStateOf(cli,
		awsResource{"aws_ecs_capacity_provider", "basic", map[string]any{
			"arn": arnOf(basic), "id": arnOf(basic), "name": "moved-basic", "cluster": "", "region": sandboxRegion,
			"tags": map[string]string{}, "tags_all": map[string]string{},
			"auto_scaling_group_provider": []any{map[string]any{
				"auto_scaling_group_arn": groupARN("moved-basic"), "managed_draining": "ENABLED",
				"managed_termination_protection": "DISABLED", "managed_scaling": defaultScaling,
			}},
			"managed_instances_provider": []any{},
		}},
		awsResource{"aws_ecs_capacity_provider", "scaling", map[string]any{
			"arn": arnOf(scaling), "id": arnOf(scaling), "name": "moved-scaling", "cluster": "", "region": sandboxRegion,
			"tags": map[string]string{"team": "platform"}, "tags_all": map[string]string{"team": "platform"},
			"auto_scaling_group_provider": []any{map[string]any{
				"auto_scaling_group_arn": groupARN("moved-scaling"), "managed_draining": "ENABLED", "managed_termination_protection": "DISABLED",
				"managed_scaling": []any{map[string]any{
					"instance_warmup_period": 300, "maximum_scaling_step_size": 10, "minimum_scaling_step_size": 2, "status": "ENABLED", "target_capacity": 80,
				}},
			}},
			"managed_instances_provider": []any{},
		}},
		awsResource{"aws_ecs_capacity_provider", "managed", map[string]any{
			"arn": arnOf(managed), "id": arnOf(managed), "name": "moved-managed", "cluster": "moved-web", "region": sandboxRegion,
			"tags": nil, "tags_all": map[string]string{},
			"auto_scaling_group_provider": []any{},
			"managed_instances_provider": []any{map[string]any{
				"infrastructure_role_arn": miRoleARN, "propagate_tags": "CAPACITY_PROVIDER",
				"instance_launch_template": []any{map[string]any{
					"capacity_option_type": "ON_DEMAND", "ec2_instance_profile_arn": miProfileARN, "monitoring": "",
					"network_configuration": []any{map[string]any{"security_groups": []any{}, "subnets": []any{miSubnet}}},
					"storage_configuration": []any{map[string]any{"storage_size_gib": 50}},
				}},
			}},
		}},
		awsResource{"aws_ecs_cluster_capacity_providers", "web", map[string]any{
			"id": "moved-web", "cluster_name": "moved-web", "region": sandboxRegion,
			"capacity_providers":                 []any{"FARGATE", "moved-scaling"},
			"default_capacity_provider_strategy": []any{map[string]any{"base": 1, "weight": 100, "capacity_provider": "FARGATE"}},
		}},
	))
	body := fmt.Sprintf(awsCapacityProvidersConfig, groupARN("moved-basic"), groupARN("moved-scaling"), miRoleARN, miProfileARN, miSubnet)
	moves := []string{"capacity_provider.basic", "capacity_provider.scaling", "capacity_provider.managed", "cluster_capacity_providers.web"}
	config := providerBlock(endpoint, `    aws = { source = "hashicorp/aws" }`) + strings.ReplaceAll(body, "TYPE_", "ecsx_")
	for _, m := range moves {
		config += fmt.Sprintf("\nmoved {\n  from = aws_ecs_%s\n  to   = ecsx_%s\n}\n", m, m)
	}
	w.write("main.tf", config)
	w.mustRun("init", "-input=false", "-no-color")
	sb.ResetStats()
	plan, code := w.run("plan", "-input=false", "-no-color", "-detailed-exitcode", "-out=move.tfplan")
	if code == 1 {
		t.Fatalf("plan with the moved blocks failed:\n%s", plan)
	}
	if calls := modifyingCalls(sb); len(calls) > 0 {
		t.Errorf("the moving plan made changing ECS calls: %v", calls)
	}
	for _, m := range moves {
		if want := fmt.Sprintf("aws_ecs_%s has moved to ecsx_%s", m, m); !strings.Contains(plan, want) {
			t.Errorf("plan does not show %q:\n%s", want, plan)
		}
	}
	for _, bad := range []string{"must be replaced", "will be destroyed", "will be created", "will be updated in-place"} {
		if strings.Contains(plan, bad) {
			t.Errorf("plan: a resource %s:\n%s", bad, plan)
		}
	}
	sb.ResetStats()
	w.mustRun("apply", "-input=false", "-no-color", "move.tfplan")
	calls := map[string]int{}
	for op, n := range sb.Stats().Calls {
		if n > 0 && !strings.HasPrefix(op, sandbox.STSCallPrefix) {
			calls[op] = n
		}
	}
	if !maps.Equal(calls, map[string]int{}) {
		t.Errorf("the apply of the move made ECS calls: %v", calls)
	}
	w.expectNoChanges()

	if got, want := w.resourceTypes(), map[string]int{"ecsx_capacity_provider": 3, "ecsx_cluster_capacity_providers": 1}; !maps.Equal(got, want) {
		t.Errorf("resources in the state after the move: %v, want %v", got, want)
	}
	out, err := client.DescribeClusters(ctx, &ecs.DescribeClustersInput{Clusters: []string{"moved-web"}})
	mustECS(t, err)
	// DescribeClusters lists the Managed Instances provider after the
	// associated ones: the move changed nothing on the cluster.
	if got := out.Clusters[0].CapacityProviders; !slices.Equal(got, []string{"FARGATE", "moved-scaling", "moved-managed"}) {
		t.Errorf("cluster capacity providers after the move: %v", got)
	}
}
