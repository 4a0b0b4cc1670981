package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"
)

var _ resource.ResourceWithMoveState = (*clusterCapacityProvidersResource)(nil)

// awsClusterCapacityProvidersType is hashicorp/aws's resource type that
// ecsx_cluster_capacity_providers replaces.
const awsClusterCapacityProvidersType = "aws_ecs_cluster_capacity_providers"

// MoveState accepts the state of hashicorp/aws's
// aws_ecs_cluster_capacity_providers (schema version 0) in a moved block.
// The state is converted offline: no ECS call is made, and the cluster's
// capacity providers are not changed.
func (r *clusterCapacityProvidersResource) MoveState(_ context.Context) []resource.StateMover {
	return []resource.StateMover{{StateMover: func(ctx context.Context, req resource.MoveStateRequest, resp *resource.MoveStateResponse) {
		src, ok := movedSource(req, "ecsx_cluster_capacity_providers", awsClusterCapacityProvidersType, &resp.Diagnostics)
		if !ok {
			return
		}
		var s resource.SchemaResponse
		r.Schema(ctx, resource.SchemaRequest{}, &s)
		typ := s.Schema.Type().TerraformType(ctx)
		providerRegion := ""
		if r.data != nil {
			providerRegion = r.data.Region
		}
		out, _ := shapeLike(typ, src).(map[string]any)
		stateFromAWSClusterCapacityProviders(out, providerRegion)
		v, diags := stateValueOf(typ, out, "ecsx_cluster_capacity_providers")
		resp.Diagnostics.Append(diags...)
		if diags.HasError() {
			return
		}
		resp.TargetState.Raw = v
	}}}
}

// stateFromAWSClusterCapacityProviders completes the converted state of an
// aws_ecs_cluster_capacity_providers (hashicorp/aws v5 and v6): the ID is
// the cluster name, and a state without region (hashicorp/aws v5) is in the
// provider's region.
func stateFromAWSClusterCapacityProviders(out map[string]any, providerRegion string) {
	if out["cluster_name"] == nil {
		if id, ok := out["id"].(string); ok {
			out["cluster_name"] = clusterNameOf(id)
		}
	}
	out["id"] = out["cluster_name"]
	if out["region"] == nil && providerRegion != "" {
		out["region"] = providerRegion
	}
	for _, item := range jsonObjects(out["default_capacity_provider_strategy"]) {
		orDefault(item, "base", 0)
		orDefault(item, "weight", 0)
	}
}
