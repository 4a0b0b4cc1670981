package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/ecsx/terraform-provider-ecsx/internal/attrvalue"
	"github.com/ecsx/terraform-provider-ecsx/internal/validators"
)

var (
	_ resource.Resource                = (*capacityProviderResource)(nil)
	_ resource.ResourceWithConfigure   = (*capacityProviderResource)(nil)
	_ resource.ResourceWithImportState = (*capacityProviderResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*capacityProviderResource)(nil)

	_ resource.ResourceWithValidateConfig = (*capacityProviderResource)(nil)
)

// NewCapacityProviderResource returns the ecsx_capacity_provider resource.
func NewCapacityProviderResource() resource.Resource {
	return &capacityProviderResource{}
}

// capacityProviderResource manages one ECS capacity provider backed by an
// Auto Scaling group or by ECS Managed Instances.
type capacityProviderResource struct {
	data *providerData
}

func (r *capacityProviderResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_capacity_provider"
}

func (r *capacityProviderResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = capacityProviderResourceSchema()
}

func (r *capacityProviderResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	if d := configuredData(req.ProviderData, "ecsx_capacity_provider", &resp.Diagnostics); d != nil {
		r.data = d
	}
}

func (r *capacityProviderResource) tagContext(planned bool) tagContext {
	return tagContext{defaults: r.data.DefaultTags, ignore: r.data.IgnoreTags, planned: planned}
}

// ValidateConfig requires name or name_prefix, exactly one provider block,
// and cluster exactly with managed_instances_provider.
func (r *capacityProviderResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var name, prefix types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("name"), &name)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("name_prefix"), &prefix)...)
	if name.IsNull() && prefix.IsNull() {
		resp.Diagnostics.AddAttributeError(path.Root("name"), "Missing name",
			"Set name to the capacity provider's name, or name_prefix to have a unique name generated under that prefix "+
				"(with lifecycle { create_before_destroy = true }, a replacement is then created beside the capacity provider it replaces).")
	}
	var asg, mi types.List
	var cluster types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("auto_scaling_group_provider"), &asg)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("managed_instances_provider"), &mi)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("cluster"), &cluster)...)
	if resp.Diagnostics.HasError() || asg.IsUnknown() || mi.IsUnknown() {
		return
	}
	hasASG, hasMI := !attrvalue.BlockAbsent(asg), !attrvalue.BlockAbsent(mi)
	switch {
	case hasASG && hasMI:
		resp.Diagnostics.AddAttributeError(path.Root("managed_instances_provider"), "Two kinds of capacity provider",
			"A capacity provider is backed either by an Auto Scaling group or by ECS Managed Instances: set auto_scaling_group_provider or managed_instances_provider, not both.")
	case !hasASG && !hasMI:
		resp.Diagnostics.AddAttributeError(path.Root("auto_scaling_group_provider"), "Missing capacity provider block",
			"Set exactly one of auto_scaling_group_provider (an Auto Scaling group) and managed_instances_provider (ECS Managed Instances, with cluster).")
	case hasMI && cluster.IsNull():
		resp.Diagnostics.AddAttributeError(path.Root("cluster"), "Missing cluster",
			"A Managed Instances capacity provider belongs to one cluster from its creation: set cluster to the cluster's name (for example cluster = ecsx_cluster.<name>.name).")
	case hasASG && !cluster.IsNull():
		resp.Diagnostics.AddAttributeError(path.Root("cluster"), "cluster is for Managed Instances",
			"cluster applies to Managed Instances capacity providers only. Associate an Auto Scaling group capacity provider with a cluster through "+
				"ecsx_cluster_capacity_providers (or capacity_providers of ecsx_cluster) instead.")
	}
}

// ModifyPlan plans region (the provider's unless set; a change replaces the
// capacity provider), name_prefix when the configuration leaves it out, and
// tags_all (the provider's default tags overlaid with tags, validated
// together), and warns when a capacity provider with a fixed name is
// replaced.
func (r *capacityProviderResource) ModifyPlan(_ context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	plan, config, state := rawPlanState(req, &resp.Diagnostics)
	if plan == nil {
		return
	}
	planRegion(plan, config, state, r.data, resp)
	planNamePrefix(plan, config, state)
	planTagsAll(plan, r.data, &resp.Diagnostics, "capacity provider")
	if state != nil {
		// Changing from one kind of provider to the other replaces it.
		wasASG := listHasElements(state["auto_scaling_group_provider"])
		isASG := listHasElements(plan["auto_scaling_group_provider"])
		wasMI := listHasElements(state["managed_instances_provider"])
		isMI := listHasElements(plan["managed_instances_provider"])
		if wasASG != isASG || wasMI != isMI {
			resp.RequiresReplace = append(resp.RequiresReplace, path.Root("auto_scaling_group_provider"), path.Root("managed_instances_provider"))
		}
		warnFixedNameReplacement(plan, config, state, resp.RequiresReplace, &resp.Diagnostics)
	}
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Plan.Raw = tftypes.NewValue(req.Plan.Raw.Type(), plan)
}

func (r *capacityProviderResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan capacityProviderModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, d := plan.Timeouts.Create(ctx, defaultCreateTimeout)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	region := r.data.regionOr(plan.Region.ValueString())
	plan.Region = types.StringValue(region)
	client := r.data.ecsIn(region)
	name := plan.Name.ValueString()
	if plan.Name.IsUnknown() {
		name = r.data.names.unique(plan.NamePrefix.ValueString())
	}

	tags := r.data.tagsToSendOf(plan.Tags, &plan.TagsAll, &resp.Diagnostics)
	for _, msg := range validators.TagRuleViolations(tags) {
		resp.Diagnostics.AddAttributeError(path.Root("tags"), "Invalid tags", msg)
	}
	asg := expandASGProvider(&plan)
	mi, d := managedInstancesProviderOf(ctx, plan.ManagedInstancesProvider)
	resp.Diagnostics.Append(d...)
	if asg == nil && mi == nil {
		resp.Diagnostics.AddAttributeError(path.Root("auto_scaling_group_provider"), "Missing capacity provider block",
			"The auto_scaling_group_provider or managed_instances_provider block must be known when the capacity provider is created.")
	}
	if resp.Diagnostics.HasError() {
		return
	}
	in := &ecs.CreateCapacityProviderInput{Name: aws.String(name), AutoScalingGroupProvider: asg,
		ManagedInstancesProvider: mi.expandCreate(), Cluster: stringPtrOrNil(plan.Cluster)}
	if len(tags) > 0 {
		in.Tags = expandTags(tags)
	}
	// The name must be free before the first attempt: CreateCapacityProvider
	// is not idempotent, so a provider found after an attempt whose answer
	// was lost is this apply's only if nobody held the name before.
	existing, err := findLiveCapacityProvider(ctx, client, name)
	if err != nil {
		resp.Diagnostics.AddError(apiErrorDiagnostic(fmt.Sprintf("check whether capacity provider %q exists", name), err))
		return
	}
	if existing != nil {
		resp.Diagnostics.AddAttributeError(path.Root("name"), "Capacity provider already exists",
			fmt.Sprintf("A capacity provider named %q already exists (ARN %s). %s", name, aws.ToString(existing.CapacityProviderArn), importCapacityProviderHint(name)))
		return
	}
	created := r.createCapacityProvider(ctx, client, region, in, req, resp)
	if created == nil {
		return
	}
	tflog.Info(ctx, "created ECS capacity provider", map[string]any{"arn": aws.ToString(created.CapacityProviderArn), "status": string(created.Status)})
	final := created
	done, err := capacityProviderCreated(created)
	if !done && err == nil {
		final, err = waitCapacityProvider(ctx, client, aws.ToString(created.CapacityProviderArn), "for it to become ACTIVE", capacityProviderCreated)
		if final == nil {
			final = created
		}
	}
	resp.Diagnostics.Append(flattenCapacityProvider(ctx, final, &plan, r.tagContext(true))...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	resp.Diagnostics.Append(setCapacityProviderIdentity(ctx, resp.Identity, plan.ARN.ValueString())...)
	if err != nil {
		summary, detail := waitErrorDiagnosticFor("capacity provider", fmt.Sprintf("bring capacity provider %q to ACTIVE", name), err)
		resp.Diagnostics.AddError(summary, detail+
			"\n\nThe capacity provider exists and is recorded in the state as tainted: the next apply replaces it.")
	}
}

// importCapacityProviderHint tells how to manage an existing capacity
// provider.
func importCapacityProviderHint(name string) string {
	return fmt.Sprintf("ecsx does not take over existing capacity providers. To manage it with Terraform, import it:\n\n"+
		"    terraform import ecsx_capacity_provider.<resource name> %s\n\nor choose another name.", name)
}

// createCapacityProvider calls CreateCapacityProvider and returns the
// provider created, or nil after reporting the failure. When an attempt's
// outcome was unknown (no answer, or a 5xx, on this or an earlier attempt),
// ECS may have created the provider whatever the last answer was (a retry
// then meets "already exists"): the provider is looked up, and one that
// matches the request (its name was free before the first attempt, see
// Create) is this apply's and is returned, with a warning. When the lookup
// finds nothing, or fails, the provider is recorded in the state by name
// (tainted), so that one that appears is never orphaned.
func (r *capacityProviderResource) createCapacityProvider(ctx context.Context, client *ecsClient, region string, in *ecs.CreateCapacityProviderInput,
	req resource.CreateRequest, resp *resource.CreateResponse,
) *ecstypes.CapacityProvider {
	name := aws.ToString(in.Name)
	callCtx, attempts := trackAttempts(ctx)
	out, err := client.CreateCapacityProvider(callCtx, in)
	if err == nil {
		return out.CapacityProvider
	}
	summary, detail := apiErrorDiagnostic(fmt.Sprintf("create capacity provider %q", name), err)
	if !attempts.uncertain(err) {
		if errorCodeIs(err, "ClientException", "already exists") {
			// Created by someone else since the check of the name.
			detail += "\n\n" + importCapacityProviderHint(name)
		}
		resp.Diagnostics.AddError(summary, detail)
		return nil
	}
	lookCtx, cancel := lookupContext(ctx)
	defer cancel()
	p, lookErr := findLiveCapacityProvider(lookCtx, client, name)
	switch {
	case lookErr == nil && p != nil && capacityProviderMatches(p, in):
		resp.Diagnostics.AddWarning("Capacity provider created although an answer was lost",
			fmt.Sprintf("An attempt to create capacity provider %s got no answer or a server error, and ECS applied it: "+
				"the capacity provider exists with the Auto Scaling group or cluster requested, under a name that was free before this apply, "+
				"so it is this apply's and is recorded in the state. The error of the last attempt was: %s", name, err))
		return p
	case lookErr == nil && p != nil:
		resp.Diagnostics.AddError(summary, detail+fmt.Sprintf("\n\nA capacity provider named %s now exists, but not with the Auto Scaling group "+
			"or cluster this apply requested, so it was created by someone else. %s", name, importCapacityProviderHint(name)))
		return nil
	}
	resp.Diagnostics.Append(saveRequestedByName(ctx, req.Plan.Raw, name, region, &resp.State)...)
	resp.Diagnostics.AddError(summary, detail+fmt.Sprintf("\n\nAn attempt got no answer or a server error, so capacity provider %s may still appear. "+
		"It is recorded in the state by name, as tainted: the next plan reads it, then creates it if it does not exist, or replaces it if it does.", name))
	return nil
}

// capacityProviderMatches reports whether p is what in asked for: the same
// Auto Scaling group, or a Managed Instances provider of the same cluster.
func capacityProviderMatches(p *ecstypes.CapacityProvider, in *ecs.CreateCapacityProviderInput) bool {
	if in.AutoScalingGroupProvider != nil {
		return p.AutoScalingGroupProvider != nil &&
			aws.ToString(p.AutoScalingGroupProvider.AutoScalingGroupArn) == aws.ToString(in.AutoScalingGroupProvider.AutoScalingGroupArn)
	}
	return in.ManagedInstancesProvider != nil && p.ManagedInstancesProvider != nil &&
		clusterNameOf(aws.ToString(p.Cluster)) == clusterNameOf(aws.ToString(in.Cluster))
}

func (r *capacityProviderResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state capacityProviderModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ID.ValueString()
	region := r.data.regionOr(state.Region.ValueString())
	state.Region = types.StringValue(region)
	p, err := findLiveCapacityProvider(ctx, r.data.ecsIn(region), id)
	if err != nil {
		resp.Diagnostics.AddError(apiErrorDiagnostic(fmt.Sprintf("read capacity provider %q", id), err))
		return
	}
	if p == nil {
		tflog.Warn(ctx, "ECS capacity provider is gone (INACTIVE or missing); removing it from state", map[string]any{"id": id})
		// The framework wants an identity even for a removed resource.
		resp.Diagnostics.Append(setCapacityProviderIdentity(ctx, resp.Identity, id)...)
		resp.State.RemoveResource(ctx)
		return
	}
	if p.UpdateStatus == ecstypes.CapacityProviderUpdateStatusUpdateFailed {
		resp.Diagnostics.AddWarning("Capacity provider update failed",
			fmt.Sprintf("ECS reports that the last update of capacity provider %s failed%s. The state shows the provider as ECS reports it; "+
				"apply again to retry the configured values.", aws.ToString(p.Name), reasonOf(p)))
	}
	resp.Diagnostics.Append(flattenCapacityProvider(ctx, p, &state, r.tagContext(false))...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	resp.Diagnostics.Append(setCapacityProviderIdentity(ctx, resp.Identity, state.ARN.ValueString())...)
}

func (r *capacityProviderResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state capacityProviderModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// Should a call fail, the prior state is kept; the next refresh shows
	// what the failed update left.
	resp.State.Raw = req.State.Raw.Copy()
	timeout, d := plan.Timeouts.Update(ctx, defaultUpdateTimeout)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	client := r.data.ecsIn(plan.Region.ValueString())
	arn := state.ARN.ValueString()
	name := state.Name.ValueString()
	// The identity (the ARN) never changes; every outcome below keeps it.
	resp.Diagnostics.Append(setCapacityProviderIdentity(ctx, resp.Identity, arn)...)

	newTags := r.data.tagsToSendOf(plan.Tags, &plan.TagsAll, &resp.Diagnostics)
	for _, msg := range validators.TagRuleViolations(newTags) {
		resp.Diagnostics.AddAttributeError(path.Root("tags"), "Invalid tags", msg)
	}
	if resp.Diagnostics.HasError() {
		return
	}
	tagCtx, tagAttempts := trackAttempts(ctx)
	if !updateTags(tagCtx, client, arn, "capacity provider", name, attrvalue.StringMap(state.TagsAll), newTags, &resp.Diagnostics) {
		if tagAttempts.ambiguous() {
			r.saveUncertainUpdate(ctx, client, &state, resp)
		}
		return
	}

	if plan.AutoScalingGroupProvider.Equal(state.AutoScalingGroupProvider) && plan.ManagedInstancesProvider.Equal(state.ManagedInstancesProvider) {
		// Tags only: nothing else changed.
		plan.ID, plan.ARN = state.ID, state.ARN
		resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
		return
	}
	mi, d := managedInstancesProviderOf(ctx, plan.ManagedInstancesProvider)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	upd := &ecs.UpdateCapacityProviderInput{Name: aws.String(name), Cluster: stringPtrOrNil(state.Cluster)}
	if mi != nil {
		upd.ManagedInstancesProvider = mi.expandUpdate()
	} else {
		upd.AutoScalingGroupProvider = expandASGProviderUpdate(&plan)
	}
	var out *ecs.UpdateCapacityProviderOutput
	callCtx, attempts := trackAttempts(ctx)
	err := retryWhile(ctx, func() (bool, error) {
		var err error
		out, err = client.UpdateCapacityProvider(callCtx, upd)
		return isCapacityProviderBusy(err), err
	})
	if err != nil {
		resp.Diagnostics.AddError(waitErrorDiagnosticFor("capacity provider", fmt.Sprintf("update capacity provider %q", name), err))
		if attempts.uncertain(err) {
			r.saveUncertainUpdate(ctx, client, &state, resp)
		}
		return
	}
	final := out.CapacityProvider
	if final == nil || final.UpdateStatus != ecstypes.CapacityProviderUpdateStatusUpdateComplete {
		final, err = waitCapacityProvider(ctx, client, arn, "for its update to complete", capacityProviderUpdated)
	}
	if err != nil {
		summary, detail := waitErrorDiagnosticFor("capacity provider", fmt.Sprintf("update capacity provider %q", name), err)
		if final != nil {
			// The state shows what ECS reports (an UPDATE_FAILED provider
			// keeps its prior configuration), so that the next plan
			// proposes the update again.
			resp.Diagnostics.Append(flattenCapacityProvider(ctx, final, &plan, r.tagContext(true))...)
			resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
		}
		resp.Diagnostics.AddError(summary, detail)
		return
	}
	resp.Diagnostics.Append(flattenCapacityProvider(ctx, final, &plan, r.tagContext(true))...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// saveUncertainUpdate records the capacity provider as ECS reports it
// after an update call whose outcome is unknown, as a refresh would, so that
// the next plan proposes what remains. When the lookup fails, the prior
// state is kept.
func (r *capacityProviderResource) saveUncertainUpdate(ctx context.Context, client *ecsClient, state *capacityProviderModel, resp *resource.UpdateResponse) {
	lookCtx, cancel := lookupContext(ctx)
	defer cancel()
	name := state.Name.ValueString()
	p, err := findLiveCapacityProvider(lookCtx, client, state.ID.ValueString())
	if err != nil || p == nil {
		resp.Diagnostics.AddWarning(uncertainChangeSummary, uncertainChangeDetail(fmt.Sprintf("capacity provider %q", name), false))
		return
	}
	resp.Diagnostics.Append(flattenCapacityProvider(ctx, p, state, r.tagContext(false))...)
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
	resp.Diagnostics.AddWarning(uncertainChangeSummary, uncertainChangeDetail(fmt.Sprintf("capacity provider %q", name), true))
}

func (r *capacityProviderResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state capacityProviderModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, d := state.Timeouts.Delete(ctx, defaultDeleteTimeout)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	client := r.data.ecsIn(state.Region.ValueString())
	arn := state.ID.ValueString()
	name := state.Name.ValueString()

	// A provider that a cluster still uses is refused with DELETE_FAILED.
	// It may be the moment the association is being removed, so the call
	// is tried a few times, never for the whole timeout.
	gone := false
	callCtx, attempts := trackAttempts(ctx)
	err := retryClassified(ctx, func() (retryKind, error) {
		out, err := client.DeleteCapacityProvider(callCtx, &ecs.DeleteCapacityProviderInput{CapacityProvider: aws.String(arn), Cluster: stringPtrOrNil(state.Cluster)})
		switch {
		case isCapacityProviderMissing(err):
			gone = true
			return retryNever, nil
		case isCapacityProviderBusy(err):
			return retryUntil, err
		case err != nil:
			return retryNever, err
		}
		if p := out.CapacityProvider; p != nil && p.UpdateStatus == ecstypes.CapacityProviderUpdateStatusDeleteFailed {
			return retryLimited, &deleteFailedError{name: name, reason: orNone(aws.ToString(p.UpdateStatusReason))}
		}
		if p := out.CapacityProvider; p != nil && p.Status == ecstypes.CapacityProviderStatusInactive {
			gone = true
		}
		return retryNever, nil
	})
	if err == nil && !gone {
		err = waitCapacityProviderDeleted(ctx, client, arn)
	}
	if err == nil || attempts.uncertain(err) && goneAfterAll(ctx,
		func(ctx context.Context) (*ecstypes.CapacityProvider, error) {
			return findLiveCapacityProvider(ctx, client, arn)
		},
		func(p *ecstypes.CapacityProvider) bool {
			return p.UpdateStatus == ecstypes.CapacityProviderUpdateStatusDeleteInProgress
		},
		func(ctx context.Context) error { return waitCapacityProviderDeleted(ctx, client, arn) }) {
		// Done, or a delete whose answer was lost went through.
		return
	}
	var failed *deleteFailedError
	if errors.As(err, &failed) {
		resp.Diagnostics.AddError("Capacity provider is still in use", fmt.Sprintf(
			"%s.\n\nRemove capacity provider %s from every cluster first: from capacity_providers and default_capacity_provider_strategy "+
				"of the cluster's ecsx_cluster_capacity_providers (or ecsx_cluster), and from the capacity provider strategies of its services. "+
				"When that association is in this configuration, refer to this provider by reference (ecsx_capacity_provider.<name>.name), "+
				"so that Terraform removes the association before it deletes the provider.", failed.Error(), name))
		return
	}
	resp.Diagnostics.AddError(waitErrorDiagnosticFor("capacity provider", fmt.Sprintf("delete capacity provider %q", name), err))
}

// ImportState takes a capacity provider name or ARN, or an identity (its
// ARN). It looks the provider up, so that a wrong ID gets an error of its
// own, and records its ARN, region and identity; the Read that follows takes
// everything else into the state.
func (r *capacityProviderResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	id := strings.TrimSpace(req.ID)
	if id == "" && req.Identity != nil {
		// An import block with identity (Terraform 1.12 and later).
		var d diag.Diagnostics
		id, d = capacityProviderImportIDFromIdentity(ctx, req.Identity)
		if resp.Diagnostics.Append(d...); resp.Diagnostics.HasError() {
			return
		}
	}
	const expected = "Expected a capacity provider name (such as `ec2`) or ARN (`arn:aws:ecs:eu-west-1:123456789012:capacity-provider/ec2`)."
	region := ""
	if m := arnPattern.FindStringSubmatch(id); m != nil {
		kind, _, _ := strings.Cut(m[5], "/")
		if m[2] != "ecs" || kind != "capacity-provider" {
			resp.Diagnostics.AddError("Invalid import ID", fmt.Sprintf("%q is not the ARN of an ECS capacity provider. %s", id, expected))
			return
		}
		region = m[3]
	} else if !validators.ValidCapacityProviderName(id) {
		resp.Diagnostics.AddError("Invalid import ID", fmt.Sprintf("%q is not a capacity provider name (1-255 letters, digits, hyphens and underscores) or ARN. %s", id, expected))
		return
	}
	region = r.data.regionOr(region)
	p, err := findLiveCapacityProvider(ctx, r.data.ecsIn(region), id)
	if err != nil {
		resp.Diagnostics.AddError(apiErrorDiagnostic(fmt.Sprintf("look up capacity provider %q for import", id), err))
		return
	}
	if p == nil {
		resp.Diagnostics.AddError("Cannot import a capacity provider that does not exist",
			fmt.Sprintf("No capacity provider %q exists in region %s of this account.", id, region))
		return
	}
	if p.AutoScalingGroupProvider == nil && p.ManagedInstancesProvider == nil {
		resp.Diagnostics.AddError("Capacity provider cannot be imported",
			fmt.Sprintf("Capacity provider %q has neither an Auto Scaling group nor a Managed Instances configuration (it is of type %s); "+
				"ecsx_capacity_provider manages those two kinds. FARGATE and FARGATE_SPOT are built in and need no resource.", id, p.Type))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), aws.ToString(p.CapacityProviderArn))...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("region"), region)...)
	resp.Diagnostics.Append(setCapacityProviderIdentity(ctx, resp.Identity, aws.ToString(p.CapacityProviderArn))...)
}
