package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

var _ resource.ResourceWithMoveState = (*capacityProviderResource)(nil)

// awsCapacityProviderType is hashicorp/aws's resource type that
// ecsx_capacity_provider replaces.
const awsCapacityProviderType = "aws_ecs_capacity_provider"

// MoveState accepts the state of hashicorp/aws's aws_ecs_capacity_provider
// (schema version 0) in a moved block. The state is converted offline: no
// ECS call is made, and the capacity provider is neither replaced nor
// changed. The first plan reads the provider as ECS reports it.
func (r *capacityProviderResource) MoveState(_ context.Context) []resource.StateMover {
	return []resource.StateMover{{StateMover: moveCapacityProviderState}}
}

func moveCapacityProviderState(_ context.Context, req resource.MoveStateRequest, resp *resource.MoveStateResponse) {
	src, ok := movedSource(req, "ecsx_capacity_provider", awsCapacityProviderType, &resp.Diagnostics)
	if !ok {
		return
	}
	typ := capacityProviderResourceSchema().Type().TerraformType(context.Background())
	v, diags := stateValueOf(typ, stateFromAWSCapacityProvider(typ, src), "ecsx_capacity_provider")
	resp.Diagnostics.Append(diags...)
	if diags.HasError() {
		return
	}
	resp.TargetState.Raw = v
}

// stateFromAWSCapacityProvider converts the state of aws_ecs_capacity_provider
// (hashicorp/aws v5 and v6) into the JSON shape of typ. hashicorp/aws
// stores the managed scaling that ECS reports even when none was
// configured; ecsx holds no managed_scaling block then, so ECS's defaults
// are dropped and any other managed scaling is kept.
func stateFromAWSCapacityProvider(typ tftypes.Type, src map[string]any) map[string]any {
	out, _ := shapeLike(typ, src).(map[string]any)
	arn := jsonString(src, "arn")
	if arn == nil {
		arn = jsonString(src, "id")
	}
	out["id"], out["arn"] = arn, arn
	if out["region"] == nil {
		if a, ok := arn.(string); ok && regionOfARN(a) != "" {
			out["region"] = regionOfARN(a)
		}
	}
	if tags, ok := out["tags"].(map[string]any); ok && len(tags) == 0 {
		out["tags"] = nil
	}
	out["timeouts"] = nil

	if asg := firstJSONBlock(out["auto_scaling_group_provider"]); asg != nil {
		orDefault(asg, "managed_termination_protection", disabled)
		if ms := firstJSONBlock(asg["managed_scaling"]); ms != nil {
			status, _ := ms["status"].(string)
			if (status == "" || status == disabled) && numberIs(ms["target_capacity"], defaultTargetCapacity) &&
				numberIs(ms["minimum_scaling_step_size"], defaultMinStepSize) && numberIs(ms["maximum_scaling_step_size"], defaultMaxStepSize) &&
				numberIs(ms["instance_warmup_period"], defaultWarmupPeriod) {
				asg["managed_scaling"] = []any{}
			} else {
				orDefault(ms, "status", disabled)
				orDefault(ms, "target_capacity", defaultTargetCapacity)
				orDefault(ms, "minimum_scaling_step_size", defaultMinStepSize)
				orDefault(ms, "maximum_scaling_step_size", defaultMaxStepSize)
				orDefault(ms, "instance_warmup_period", defaultWarmupPeriod)
			}
		}
	}

	mi := firstJSONBlock(out["managed_instances_provider"])
	if mi == nil {
		// Only a Managed Instances provider belongs to a cluster.
		out["cluster"] = nil
	} else {
		if c, ok := out["cluster"].(string); ok {
			out["cluster"] = clusterNameOf(c)
		}
		if lt := firstJSONBlock(mi["instance_launch_template"]); lt != nil {
			orDefault(lt, "capacity_option_type", defaultCapacityOptionType)
			orDefault(lt, "monitoring", defaultMonitoring)
			orDefault(lt, "instance_metadata_tags_propagation", defaultMetadataTagsPropagation)
			orDefault(lt, "nitro_enclaves_enabled", defaultNitroEnclavesEnabled)
		}
	}
	return out
}
