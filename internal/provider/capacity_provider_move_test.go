package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// awsCapacityProviderStateJSON is the state of an aws_ecs_capacity_provider
// with an Auto Scaling group as hashicorp/aws v6 writes it.
const awsCapacityProviderStateJSON = `{
  "arn": "arn:aws:ecs:eu-west-1:123456789012:capacity-provider/ec2",
  "auto_scaling_group_provider": [{
    "auto_scaling_group_arn": "arn:aws:autoscaling:eu-west-1:123456789012:autoScalingGroup:11111111-2222-3333-4444-555555555555:autoScalingGroupName/ec2",
    "managed_draining": "ENABLED",
    "managed_scaling": [{
      "instance_warmup_period": 120,
      "maximum_scaling_step_size": 50,
      "minimum_scaling_step_size": 2,
      "status": "ENABLED",
      "target_capacity": 80
    }],
    "managed_termination_protection": "ENABLED"
  }],
  "cluster": "",
  "id": "arn:aws:ecs:eu-west-1:123456789012:capacity-provider/ec2",
  "managed_instances_provider": [],
  "name": "ec2",
  "region": "eu-west-1",
  "tags": {"team": "a"},
  "tags_all": {"team": "a", "env": "prod"}
}`

// awsMinimalCapacityProviderStateJSON is hashicorp/aws v5's state of a
// provider configured with the group ARN alone: no region, and the managed
// scaling ECS applies by default.
const awsMinimalCapacityProviderStateJSON = `{
  "arn": "arn:aws:ecs:us-east-1:123456789012:capacity-provider/small",
  "auto_scaling_group_provider": [{
    "auto_scaling_group_arn": "arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:11111111-2222-3333-4444-555555555555:autoScalingGroupName/small",
    "managed_draining": "ENABLED",
    "managed_scaling": [{
      "instance_warmup_period": 300,
      "maximum_scaling_step_size": 10000,
      "minimum_scaling_step_size": 1,
      "status": "DISABLED",
      "target_capacity": 100
    }],
    "managed_termination_protection": ""
  }],
  "id": "arn:aws:ecs:us-east-1:123456789012:capacity-provider/small",
  "name": "small",
  "tags": {},
  "tags_all": {}
}`

// awsManagedInstancesStateJSON is hashicorp/aws v6's state of a Managed
// Instances provider: SDKv2 writes unset numbers as 0, unset sets as [] and
// unset strings as "".
const awsManagedInstancesStateJSON = `{
  "arn": "arn:aws:ecs:us-east-1:123456789012:capacity-provider/mi",
  "auto_scaling_group_provider": [],
  "cluster": "web",
  "id": "arn:aws:ecs:us-east-1:123456789012:capacity-provider/mi",
  "managed_instances_provider": [{
    "infrastructure_optimization": [{"scale_in_after": 300}],
    "infrastructure_role_arn": "arn:aws:iam::123456789012:role/ecsInfrastructureRole",
    "instance_launch_template": [{
      "capacity_option_type": "SPOT",
      "ec2_instance_profile_arn": "arn:aws:iam::123456789012:instance-profile/ecsInstanceRole",
      "instance_requirements": [{
        "accelerator_count": [],
        "accelerator_manufacturers": [],
        "allowed_instance_types": ["m7g.*"],
        "bare_metal": "",
        "cpu_manufacturers": [],
        "memory_mib": [{"max": 0, "min": 4096}],
        "require_hibernate_support": false,
        "vcpu_count": [{"max": 8, "min": 2}]
      }],
      "local_storage_configuration": [],
      "monitoring": "",
      "network_configuration": [{"security_groups": [], "subnets": ["subnet-0123456789abcdef0"]}],
      "storage_configuration": [{"storage_size_gib": 100}]
    }],
    "propagate_tags": "CAPACITY_PROVIDER"
  }],
  "name": "mi",
  "region": "us-east-1",
  "tags": null,
  "tags_all": {}
}`

func cpMoveRequest(typ, address string, version int64, stateJSON string) (resource.MoveStateRequest, *resource.MoveStateResponse) {
	req := resource.MoveStateRequest{
		SourceTypeName:        typ,
		SourceProviderAddress: address,
		SourceSchemaVersion:   version,
		SourceRawState:        &tfprotov6.RawState{JSON: []byte(stateJSON)},
	}
	s := capacityProviderResourceSchema()
	resp := &resource.MoveStateResponse{TargetState: tfsdk.State{Schema: s, Raw: tftypes.NewValue(s.Type().TerraformType(context.Background()), nil)}}
	return req, resp
}

func movedCapacityProvider(t *testing.T, address, stateJSON string) capacityProviderModel {
	t.Helper()
	req, resp := cpMoveRequest(awsCapacityProviderType, address, 0, stateJSON)
	moveCapacityProviderState(context.Background(), req, resp)
	if resp.Diagnostics.HasError() {
		t.Fatalf("move failed: %v", resp.Diagnostics)
	}
	var m capacityProviderModel
	if d := resp.TargetState.Get(context.Background(), &m); d.HasError() {
		t.Fatalf("moved state does not read: %v", d)
	}
	return m
}

func TestMoveState_fromAWSCapacityProvider(t *testing.T) {
	for _, address := range []string{"registry.terraform.io/hashicorp/aws", "registry.opentofu.org/hashicorp/aws", "hashicorp/aws", "aws"} {
		t.Run(address, func(t *testing.T) {
			m := movedCapacityProvider(t, address, awsCapacityProviderStateJSON)
			const arn = "arn:aws:ecs:eu-west-1:123456789012:capacity-provider/ec2"
			for name, c := range map[string][2]string{
				"id":       {m.ID.ValueString(), arn},
				"arn":      {m.ARN.ValueString(), arn},
				"name":     {m.Name.ValueString(), "ec2"},
				"region":   {m.Region.ValueString(), "eu-west-1"},
				"tags":     {m.Tags.String(), `{"team":"a"}`},
				"tags_all": {m.TagsAll.String(), `{"env":"prod","team":"a"}`},
			} {
				if c[0] != c[1] {
					t.Errorf("%s = %s, want %s", name, c[0], c[1])
				}
			}
			if !m.Cluster.IsNull() {
				t.Errorf("cluster = %s, want null for an Auto Scaling group provider", m.Cluster)
			}
			if len(m.ManagedInstancesProvider.Elements()) != 0 {
				t.Errorf("managed_instances_provider = %s, want none", m.ManagedInstancesProvider)
			}
			if !m.Timeouts.IsNull() {
				t.Errorf("timeouts = %v, want null", m.Timeouts)
			}
			asg := expandASGProvider(&m)
			if asg == nil || !strings.HasSuffix(*asg.AutoScalingGroupArn, "autoScalingGroupName/ec2") ||
				asg.ManagedDraining != "ENABLED" || asg.ManagedTerminationProtection != "ENABLED" {
				t.Fatalf("auto_scaling_group_provider = %s", m.AutoScalingGroupProvider)
			}
			ms := asg.ManagedScaling
			if ms == nil || ms.Status != "ENABLED" || *ms.TargetCapacity != 80 || *ms.MinimumScalingStepSize != 2 ||
				*ms.MaximumScalingStepSize != 50 || *ms.InstanceWarmupPeriod != 120 {
				t.Errorf("managed_scaling = %+v", ms)
			}
		})
	}
}

func TestMoveState_fromAWSCapacityProviderMinimal(t *testing.T) {
	m := movedCapacityProvider(t, "registry.terraform.io/hashicorp/aws", awsMinimalCapacityProviderStateJSON)
	if m.Region.ValueString() != "us-east-1" {
		t.Errorf("region = %s, want us-east-1 (from the ARN)", m.Region)
	}
	if !m.Tags.IsNull() {
		t.Errorf("tags = %s, want null", m.Tags)
	}
	asg := expandASGProvider(&m)
	if asg == nil || asg.ManagedTerminationProtection != disabled {
		t.Fatalf("auto_scaling_group_provider = %s, want managed_termination_protection DISABLED", m.AutoScalingGroupProvider)
	}
	if asg.ManagedScaling != nil {
		t.Errorf("managed_scaling = %+v, want no block for ECS's defaults", asg.ManagedScaling)
	}
}

func TestMoveState_fromAWSManagedInstancesProvider(t *testing.T) {
	m := movedCapacityProvider(t, "registry.terraform.io/hashicorp/aws", awsManagedInstancesStateJSON)
	if m.Cluster.ValueString() != "web" {
		t.Errorf("cluster = %s, want web", m.Cluster)
	}
	if len(m.AutoScalingGroupProvider.Elements()) != 0 {
		t.Errorf("auto_scaling_group_provider = %s, want none", m.AutoScalingGroupProvider)
	}
	mi, d := managedInstancesProviderOf(context.Background(), m.ManagedInstancesProvider)
	if d.HasError() || mi == nil {
		t.Fatalf("managed_instances_provider = %s: %v", m.ManagedInstancesProvider, d)
	}
	if mi.PropagateTags.ValueString() != "CAPACITY_PROVIDER" || len(mi.InfrastructureOptimization) != 1 ||
		mi.InfrastructureOptimization[0].ScaleInAfter.ValueInt64() != 300 || len(mi.AutoRepairConfiguration) != 0 {
		t.Errorf("managed_instances_provider = %+v", mi)
	}
	lt := first(mi.InstanceLaunchTemplate)
	if lt == nil {
		t.Fatal("instance_launch_template lost")
	}
	if lt.CapacityOptionType.ValueString() != "SPOT" || lt.Monitoring.ValueString() != defaultMonitoring ||
		!lt.InstanceMetadataTagsPropagation.ValueBool() || lt.NitroEnclavesEnabled.ValueBool() || !lt.FIPSEnabled.IsNull() {
		t.Errorf("launch template = %+v", lt)
	}
	if len(lt.StorageConfiguration) != 1 || lt.StorageConfiguration[0].StorageSizeGiB.ValueInt64() != 100 || len(lt.LocalStorageConfiguration) != 0 {
		t.Errorf("storage = %+v / %+v", lt.StorageConfiguration, lt.LocalStorageConfiguration)
	}
	nc := first(lt.NetworkConfiguration)
	if nc == nil || len(nc.Subnets.Elements()) != 1 || !nc.SecurityGroups.IsNull() {
		t.Errorf("network_configuration = %+v, want one subnet and null security_groups", nc)
	}
	ir := first(lt.InstanceRequirements)
	if ir == nil {
		t.Fatal("instance_requirements lost")
	}
	if !ir.AcceleratorManufacturers.IsNull() || !ir.CPUManufacturers.IsNull() || len(ir.AllowedInstanceTypes.Elements()) != 1 ||
		!ir.BareMetal.IsNull() || len(ir.AcceleratorCount) != 0 || len(ir.VCPUCount) != 1 || ir.VCPUCount[0].Max.ValueInt64() != 8 {
		t.Errorf("instance_requirements = %+v", ir)
	}
	if ir.MemoryMiB[0].Min.ValueInt64() != 4096 {
		t.Errorf("memory_mib = %+v", ir.MemoryMiB)
	}
}

func TestMoveState_capacityProviderRefused(t *testing.T) {
	tests := []struct {
		typ, address string
		version      int64
		want         string
	}{
		{"aws_ecs_cluster", "registry.terraform.io/hashicorp/aws", 0, "aws_ecs_capacity_provider only"},
		{"aws_ecs_capacity_provider", "registry.terraform.io/example/aws", 0, "aws_ecs_capacity_provider only"},
		{"aws_ecs_cluster", "aws", 0, "aws_ecs_capacity_provider only"},
		{"aws_ecs_capacity_provider", "awscc", 0, "aws_ecs_capacity_provider only"},
		{"aws_ecs_capacity_provider", "registry.example.com/hashicorp/aws", 0, "aws_ecs_capacity_provider only"},
		{"aws_ecs_capacity_provider", "aws", 1, "not version 1"},
		{"aws_ecs_capacity_provider", "registry.terraform.io/hashicorp/aws", 1, "not version 1"},
	}
	for _, tt := range tests {
		req, resp := cpMoveRequest(tt.typ, tt.address, tt.version, awsCapacityProviderStateJSON)
		moveCapacityProviderState(context.Background(), req, resp)
		if !resp.Diagnostics.HasError() {
			t.Errorf("%s from %s v%d: moved, want an error", tt.typ, tt.address, tt.version)
			continue
		}
		if !resp.TargetState.Raw.IsNull() {
			t.Errorf("%s from %s v%d: target state set", tt.typ, tt.address, tt.version)
		}
		if d := resp.Diagnostics.Errors()[0].Detail(); !strings.Contains(d, tt.want) {
			t.Errorf("%s from %s v%d: error %q, want it to mention %q", tt.typ, tt.address, tt.version, d, tt.want)
		}
	}
}
