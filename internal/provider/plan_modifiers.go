package provider

import (
	"context"
	"fmt"
	"maps"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// defaultClusterName is the name ECS gives a cluster created without one.
const defaultClusterName = "default"

var (
	_ planmodifier.String = nameModifier{}
	_ planmodifier.String = namespaceARNModifier{}
)

// nameModifier plans a name that is not configured: with name_prefix, the
// generated name of the prior state while name_prefix is unchanged,
// otherwise unknown until apply generates one (a replacement's new half is
// planned without a prior state, so its name is unknown); without
// name_prefix, fallback when there is one (so that it is known at plan
// time). The cluster's fallback is "default"; a capacity provider has none
// (its ValidateConfig requires name or name_prefix).
type nameModifier struct {
	fallback string
}

func (m nameModifier) Description(_ context.Context) string {
	const kept = "With name_prefix, a generated name is kept while name_prefix is unchanged."
	if m.fallback == "" {
		return kept
	}
	return fmt.Sprintf("Without name and name_prefix, the name is %q. %s", m.fallback, kept)
}

func (m nameModifier) MarkdownDescription(ctx context.Context) string {
	return m.Description(ctx)
}

func (m nameModifier) PlanModifyString(ctx context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if req.Plan.Raw.IsNull() || !req.ConfigValue.IsNull() {
		return
	}
	var prefix types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("name_prefix"), &prefix)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if prefix.IsNull() {
		if m.fallback != "" {
			resp.PlanValue = types.StringValue(m.fallback)
		}
		return
	}
	if !req.State.Raw.IsNull() && !prefix.IsUnknown() {
		var statePrefix types.String
		resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("name_prefix"), &statePrefix)...)
		if statePrefix.Equal(prefix) && !req.StateValue.IsNull() {
			resp.PlanValue = req.StateValue
			return
		}
	}
	resp.PlanValue = types.StringUnknown()
}

// namespaceARNModifier keeps service_connect_defaults.namespace_arn from the
// prior state while the configured namespace is unchanged.
type namespaceARNModifier struct{}

func (m namespaceARNModifier) Description(_ context.Context) string {
	return "The namespace ARN of the prior state is kept while the namespace is unchanged."
}

func (m namespaceARNModifier) MarkdownDescription(ctx context.Context) string {
	return m.Description(ctx)
}

func (m namespaceARNModifier) PlanModifyString(ctx context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if req.State.Raw.IsNull() || req.Plan.Raw.IsNull() || req.StateValue.IsNull() || !req.PlanValue.IsUnknown() {
		return
	}
	namespacePath := req.Path.ParentPath().AtName("namespace")
	var planned, prior types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, namespacePath, &planned)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, namespacePath, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if !planned.IsUnknown() && planned.Equal(prior) {
		resp.PlanValue = req.StateValue
	}
}

var _ planmodifier.Set = strategyDefaultsModifier{}

// strategyDefaultsModifier plans 0 for the weight and base that a
// default_capacity_provider_strategy item leaves out. Defaults of attributes
// nested in a set cannot be planned per attribute (set elements have no
// stable identity), so the whole set is planned from the configuration.
type strategyDefaultsModifier struct{}

func (m strategyDefaultsModifier) Description(_ context.Context) string {
	return "weight and base default to 0"
}

func (m strategyDefaultsModifier) MarkdownDescription(_ context.Context) string {
	return "`weight` and `base` default to `0`"
}

func (m strategyDefaultsModifier) PlanModifySet(ctx context.Context, req planmodifier.SetRequest, resp *planmodifier.SetResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	elems := make([]attr.Value, 0, len(req.ConfigValue.Elements()))
	for _, e := range req.ConfigValue.Elements() {
		obj, ok := e.(types.Object)
		if !ok || obj.IsNull() || obj.IsUnknown() {
			elems = append(elems, e)
			continue
		}
		attrs := maps.Clone(obj.Attributes())
		for _, name := range []string{"weight", "base"} {
			if v, ok := attrs[name].(types.Int64); ok && v.IsNull() {
				attrs[name] = types.Int64Value(0)
			}
		}
		planned, d := types.ObjectValue(strategyItemAttrTypes, attrs)
		resp.Diagnostics.Append(d...)
		elems = append(elems, planned)
	}
	planned, d := types.SetValue(types.ObjectType{AttrTypes: strategyItemAttrTypes}, elems)
	resp.Diagnostics.Append(d...)
	if !resp.Diagnostics.HasError() {
		resp.PlanValue = planned
	}
}

// Values that ECS reports about a cluster, which an update keeps in the plan
// from the prior state so that a plan shows only what the configuration
// changes. A refresh updates them afterwards.
var (
	// steadyClusterAttributes are left as they are by every update call
	// (UpdateCluster, UpdateClusterSettings, PutClusterCapacityProviders,
	// TagResource, UntagResource): the identifiers, the counts of instances,
	// tasks and services, and the statistics.
	steadyClusterAttributes = []string{
		"id", "arn", "registered_container_instances_count", "running_tasks_count",
		"pending_tasks_count", "active_services_count", "statistics",
	}
	// capacityClusterAttributes change in ECS's answer when the capacity
	// providers or the default strategy change (PutClusterCapacityProviders
	// updates the Auto Scaling attachments and their status): they are
	// planned unknown for such a change and kept otherwise.
	capacityClusterAttributes = []string{"status", "attachments", "attachments_status"}
	// capacityClusterArguments are the arguments whose change updates the
	// capacity attributes, when capacity_providers is set.
	capacityClusterArguments = []string{"capacity_providers", "default_capacity_provider_strategy"}
)

// planInformational plans, for an update of ecsx_cluster, the prior state's
// value of each value ECS reports that the update cannot change, in place of
// unknown. Update returns exactly these planned values
// (keepPlannedInformational), as Terraform requires.
func planInformational(plan, state map[string]tftypes.Value) {
	keep := slices.Clone(steadyClusterAttributes)
	// Without capacity_providers the cluster leaves its providers alone:
	// no call, whatever the state tracked (an import records them).
	capacityChanged := false
	if !plan["capacity_providers"].IsNull() {
		for _, name := range capacityClusterArguments {
			capacityChanged = capacityChanged || !plan[name].Equal(state[name])
		}
	}
	if !capacityChanged {
		keep = append(keep, capacityClusterAttributes...)
	}
	for _, name := range keep {
		if v, ok := plan[name]; ok && !v.IsFullyKnown() {
			plan[name] = state[name]
		}
	}
}
