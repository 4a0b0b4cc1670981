package provider

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"
	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/ecsx/terraform-provider-ecsx/internal/attrvalue"
)

// capacityProviderModel is the state of ecsx_capacity_provider.
type capacityProviderModel struct {
	ID                       types.String   `tfsdk:"id"`
	ARN                      types.String   `tfsdk:"arn"`
	Name                     types.String   `tfsdk:"name"`
	NamePrefix               types.String   `tfsdk:"name_prefix"`
	Region                   types.String   `tfsdk:"region"`
	Tags                     types.Map      `tfsdk:"tags"`
	TagsAll                  types.Map      `tfsdk:"tags_all"`
	Cluster                  types.String   `tfsdk:"cluster"`
	AutoScalingGroupProvider types.List     `tfsdk:"auto_scaling_group_provider"`
	ManagedInstancesProvider types.List     `tfsdk:"managed_instances_provider"`
	Timeouts                 timeouts.Value `tfsdk:"timeouts"`
}

// defaultManagedScaling is what ECS applies when a capacity provider is
// created without managed scaling, and what an update sends when the
// managed_scaling block is removed.
func defaultManagedScaling() *ecstypes.ManagedScaling {
	return &ecstypes.ManagedScaling{
		Status:                 ecstypes.ManagedScalingStatusDisabled,
		TargetCapacity:         aws.Int32(defaultTargetCapacity),
		MinimumScalingStepSize: aws.Int32(defaultMinStepSize),
		MaximumScalingStepSize: aws.Int32(defaultMaxStepSize),
		InstanceWarmupPeriod:   aws.Int32(defaultWarmupPeriod),
	}
}

// expandManagedScaling converts the managed_scaling block; nil when it is
// absent. A status left to ECS (unknown in the plan) is not sent.
func expandManagedScaling(v attr.Value) *ecstypes.ManagedScaling {
	ms, ok := attrvalue.SingleBlock(v)
	if !ok {
		return nil
	}
	out := &ecstypes.ManagedScaling{
		TargetCapacity:         int32Of(attrvalue.Int64(ms, "target_capacity")),
		MinimumScalingStepSize: int32Of(attrvalue.Int64(ms, "minimum_scaling_step_size")),
		MaximumScalingStepSize: int32Of(attrvalue.Int64(ms, "maximum_scaling_step_size")),
		InstanceWarmupPeriod:   int32Of(attrvalue.Int64(ms, "instance_warmup_period")),
	}
	if s := attrvalue.String(ms, "status"); !s.IsNull() && !s.IsUnknown() {
		out.Status = ecstypes.ManagedScalingStatus(s.ValueString())
	}
	return out
}

// expandASGProvider converts the auto_scaling_group_provider block for
// CreateCapacityProvider.
func expandASGProvider(m *capacityProviderModel) *ecstypes.AutoScalingGroupProvider {
	asg, ok := attrvalue.SingleBlock(m.AutoScalingGroupProvider)
	if !ok {
		return nil
	}
	out := &ecstypes.AutoScalingGroupProvider{
		AutoScalingGroupArn: stringPtrOrNil(attrvalue.String(asg, "auto_scaling_group_arn")),
		ManagedScaling:      expandManagedScaling(asg["managed_scaling"]),
	}
	if v := attrvalue.String(asg, "managed_termination_protection"); !v.IsNull() && !v.IsUnknown() {
		out.ManagedTerminationProtection = ecstypes.ManagedTerminationProtection(v.ValueString())
	}
	if v := attrvalue.String(asg, "managed_draining"); !v.IsNull() && !v.IsUnknown() {
		out.ManagedDraining = ecstypes.ManagedDraining(v.ValueString())
	}
	return out
}

// expandASGProviderUpdate converts the planned auto_scaling_group_provider
// block for UpdateCapacityProvider. Managed scaling is always sent, as
// planned or, when the block is removed, as ECS's defaults, so that the
// provider matches the configuration whatever it had before.
func expandASGProviderUpdate(m *capacityProviderModel) *ecstypes.AutoScalingGroupProviderUpdate {
	full := expandASGProvider(m)
	if full == nil {
		return nil
	}
	ms := full.ManagedScaling
	if ms == nil {
		ms = defaultManagedScaling()
	}
	return &ecstypes.AutoScalingGroupProviderUpdate{
		ManagedScaling:               ms,
		ManagedTerminationProtection: full.ManagedTerminationProtection,
		ManagedDraining:              full.ManagedDraining,
	}
}

// isDefaultManagedScaling reports whether ECS reports the managed scaling
// it applies when none is given.
func isDefaultManagedScaling(ms *ecstypes.ManagedScaling) bool {
	if ms == nil {
		return true
	}
	d := defaultManagedScaling()
	status := ms.Status
	if status == "" {
		status = d.Status
	}
	eq := func(v, def *int32) bool { return v == nil || *v == *def }
	return status == d.Status && eq(ms.TargetCapacity, d.TargetCapacity) && eq(ms.MinimumScalingStepSize, d.MinimumScalingStepSize) &&
		eq(ms.MaximumScalingStepSize, d.MaximumScalingStepSize) && eq(ms.InstanceWarmupPeriod, d.InstanceWarmupPeriod)
}

// flattenASGProvider converts the reported Auto Scaling group provider.
// The managed_scaling block is kept when the prior value has it, and
// appears when ECS reports managed scaling other than its defaults (a
// change made outside Terraform, or an import): a configuration without the
// block has ECS's defaults, which blocks cannot hold as computed values.
func flattenASGProvider(p *ecstypes.AutoScalingGroupProvider, prior types.List) (types.List, diag.Diagnostics) {
	objType := types.ObjectType{AttrTypes: asgProviderAttrTypes}
	if p == nil {
		return types.ListValueMust(objType, []attr.Value{}), nil
	}
	var diags diag.Diagnostics
	priorScaling := types.ListNull(types.ObjectType{AttrTypes: managedScalingAttrTypes})
	if asg, ok := attrvalue.SingleBlock(prior); ok {
		if l, ok := asg["managed_scaling"].(types.List); ok {
			priorScaling = l
		}
	}
	scaling := emptyBlockList(managedScalingAttrTypes)
	if !attrvalue.BlockAbsent(priorScaling) || !isDefaultManagedScaling(p.ManagedScaling) {
		ms := p.ManagedScaling
		if ms == nil {
			ms = defaultManagedScaling()
		}
		status := string(ms.Status)
		if status == "" {
			status = disabled
		}
		var d diag.Diagnostics
		scaling, d = blockOf(managedScalingAttrTypes, map[string]attr.Value{
			"instance_warmup_period":    int64Or(ms.InstanceWarmupPeriod, defaultWarmupPeriod),
			"maximum_scaling_step_size": int64Or(ms.MaximumScalingStepSize, defaultMaxStepSize),
			"minimum_scaling_step_size": int64Or(ms.MinimumScalingStepSize, defaultMinStepSize),
			"status":                    types.StringValue(status),
			"target_capacity":           int64Or(ms.TargetCapacity, defaultTargetCapacity),
		})
		diags.Append(d...)
	}
	mtp := string(p.ManagedTerminationProtection)
	if mtp == "" {
		mtp = disabled
	}
	out, d := blockOf(asgProviderAttrTypes, map[string]attr.Value{
		"auto_scaling_group_arn":         types.StringValue(aws.ToString(p.AutoScalingGroupArn)),
		"managed_draining":               stringOrNull((*string)(&p.ManagedDraining)),
		"managed_termination_protection": types.StringValue(mtp),
		"managed_scaling":                scaling,
	})
	diags.Append(d...)
	return out, diags
}

// flattenCapacityProvider stores what ECS reports of a capacity provider in
// m, deriving tags and tags_all as for clusters.
func flattenCapacityProvider(ctx context.Context, p *ecstypes.CapacityProvider, m *capacityProviderModel, tc tagContext) diag.Diagnostics {
	var diags diag.Diagnostics
	arn := aws.ToString(p.CapacityProviderArn)
	m.ID = types.StringValue(arn)
	m.ARN = types.StringValue(arn)
	if m.Name.IsNull() || m.NamePrefix.IsUnknown() {
		// Imported (the state has no name yet): a name made from
		// name_prefix keeps its prefix, as for clusters.
		m.NamePrefix = namePrefixOf(aws.ToString(p.Name))
	}
	m.Name = types.StringValue(aws.ToString(p.Name))
	if region := regionOfARN(arn); region != "" {
		m.Region = types.StringValue(region)
	}
	reported := tc.ignore.filter(flattenTagMap(p.Tags))
	var d diag.Diagnostics
	m.TagsAll, d = stringMapValue(reported)
	diags.Append(d...)
	m.Tags, d = tc.ownTags(reported, m.Tags)
	diags.Append(d...)
	m.AutoScalingGroupProvider, d = flattenASGProvider(p.AutoScalingGroupProvider, m.AutoScalingGroupProvider)
	diags.Append(d...)
	// Only a Managed Instances provider belongs to a cluster; what ECS
	// reports as the cluster of an Auto Scaling group provider is its
	// association, which ecsx_cluster_capacity_providers manages.
	m.Cluster = types.StringNull()
	if p.ManagedInstancesProvider != nil || p.Type == ecstypes.CapacityProviderTypeManagedInstances {
		if c := aws.ToString(p.Cluster); c != "" {
			m.Cluster = types.StringValue(clusterNameOf(c))
		}
	}
	prior, d := managedInstancesProviderOf(ctx, m.ManagedInstancesProvider)
	diags.Append(d...)
	m.ManagedInstancesProvider, d = managedInstancesListOf(ctx, flattenManagedInstancesProvider(p.ManagedInstancesProvider, prior))
	diags.Append(d...)
	return diags
}

// listHasElements reports whether a raw block list has an element; an
// unknown list counts as having one.
func listHasElements(v tftypes.Value) bool {
	if !v.IsKnown() {
		return true
	}
	if v.IsNull() {
		return false
	}
	var elems []tftypes.Value
	if err := v.As(&elems); err != nil {
		return false
	}
	return len(elems) > 0
}
