package provider

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"
	"github.com/aws/smithy-go"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/ecsx/terraform-provider-ecsx/internal/attrvalue"
)

var (
	_ resource.Resource                = (*clusterResource)(nil)
	_ resource.ResourceWithConfigure   = (*clusterResource)(nil)
	_ resource.ResourceWithImportState = (*clusterResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*clusterResource)(nil)
)

// NewClusterResource returns the ecsx_cluster resource.
func NewClusterResource() resource.Resource {
	return &clusterResource{}
}

// clusterResource manages one Amazon ECS cluster.
type clusterResource struct {
	data *providerData
}

func (r *clusterResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_cluster"
}

func (r *clusterResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = clusterSchema()
}

func (r *clusterResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	if d := configuredData(req.ProviderData, "ecsx_cluster", &resp.Diagnostics); d != nil {
		r.data = d
	}
}

// ModifyPlan plans what depends on the provider or on several attributes:
// region (the provider's unless set; a change replaces the cluster),
// name_prefix when the configuration leaves it out, tags_all (the provider's
// default tags overlaid with tags, validated together), and the values ECS
// reports of the prior state wherever an update cannot change them
// (planInformational). It works on the raw
// plan and state values: it touches a few attributes only.
func (r *clusterResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		var state map[string]tftypes.Value
		if !req.State.Raw.IsNull() && req.State.Raw.As(&state) == nil {
			r.warnForceDestroy(ctx, state, nil, &resp.Diagnostics)
		}
		return
	}
	plan, config, state := rawPlanState(req, &resp.Diagnostics)
	if plan == nil {
		return
	}
	planRegion(plan, config, state, r.data, resp)
	if state != nil {
		r.warnForceDestroy(ctx, state, plan, &resp.Diagnostics)
	}
	planNamePrefix(plan, config, state)
	if !planTagsAll(plan, r.data, &resp.Diagnostics, "cluster") {
		if !resp.Diagnostics.HasError() {
			resp.Plan.Raw = tftypes.NewValue(req.Plan.Raw.Type(), plan)
		}
		return
	}
	if state != nil {
		planInformational(plan, state)
	}
	resp.Plan.Raw = tftypes.NewValue(req.Plan.Raw.Type(), plan)
}

// planNamePrefix plans name_prefix when the configuration leaves it out:
// the prior state's (a prefix found on import) while the name is the prior
// state's, else none.
func planNamePrefix(plan, config, state map[string]tftypes.Value) {
	if !config["name_prefix"].IsNull() {
		return
	}
	null := tftypes.NewValue(tftypes.String, nil)
	if state != nil && plan["name"].IsKnown() && plan["name"].Equal(state["name"]) {
		plan["name_prefix"] = state["name_prefix"]
		return
	}
	plan["name_prefix"] = null
}

func (r *clusterResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan clusterResourceModel
	resp.Diagnostics.Append(clusterModelFromRaw(ctx, req.Plan.Raw, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, d := plan.Timeouts.Create(ctx, defaultCreateTimeout)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	stop := ctx // canceled when Terraform is interrupted
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	region := r.data.regionOr(plan.Region.ValueString())
	plan.Region = types.StringValue(region)
	client := r.data.ecsIn(region)

	name := plan.Name.ValueString()
	if plan.Name.IsUnknown() {
		name = defaultClusterName
		if !plan.NamePrefix.IsNull() {
			name = uniqueName(plan.NamePrefix.ValueString())
		}
	}
	tagsAll := r.tagsToSend(&plan, &resp.Diagnostics)
	resp.Diagnostics.Append(validateClusterModel(&plan, name, tagsAll)...)
	if resp.Diagnostics.HasError() {
		return
	}

	// Refuse to adopt a cluster that already exists: CreateCluster would
	// silently return it. The check runs once, before the first attempt, so a
	// retried CreateCluster whose first answer was lost still converges. The
	// check and the create hold the name's lock, so that two resources of one
	// run (count = 2 without a name) cannot both create, and so share, one
	// cluster.
	unlock := lockClusterName(region, name)
	defer unlock()
	existing, err := findLiveCluster(ctx, client, name)
	if err != nil {
		resp.Diagnostics.AddError(apiErrorDiagnostic(fmt.Sprintf("check whether cluster %q exists", name), err))
		return
	}
	if existing != nil {
		resp.Diagnostics.AddAttributeError(path.Root("name"), "Cluster already exists",
			fmt.Sprintf("A cluster named %q already exists (status %s, ARN %s). ecsx does not take over existing clusters silently. "+
				"To manage it with Terraform, import it:\n\n    terraform import ecsx_cluster.<resource name> %s\n\n"+
				"or add an import block:\n\n    import {\n      to = ecsx_cluster.<resource name>\n      id = %q\n    }\n\n"+
				"Otherwise choose another name (with count or for_each, give each instance its own name or a name_prefix).",
				name, aws.ToString(existing.Status), aws.ToString(existing.ClusterArn), name, name))
		return
	}

	in := expandCreateInput(&plan, name, tagsAll)
	// A new cluster has no Managed Instances providers of its own yet.
	if _, ok := waitProvidersUsable(ctx, client, name, in.CapacityProviders, nil, &resp.Diagnostics); !ok {
		return
	}
	var out *ecs.CreateClusterOutput
	err = retryWhile(ctx, func() (bool, error) {
		var err error
		out, err = client.CreateCluster(ctx, in)
		return isServiceLinkedRolePropagation(err), err
	})
	if err != nil {
		var apiErr smithy.APIError
		if errors.As(err, &apiErr) {
			// ECS answered: nothing was created.
			resp.Diagnostics.AddError(apiErrorDiagnostic(fmt.Sprintf("create cluster %q", name), err))
			return
		}
		// No answer came (timeout, dropped connection): ECS may have created
		// the cluster. Record it in the state either way, so that it is never
		// orphaned; Terraform marks it tainted.
		found := r.saveUncertainCreate(ctx, &resp.State, &plan, in, &resp.Diagnostics)
		resp.Diagnostics.Append(setClusterIdentity(ctx, resp.Identity, &plan)...)
		summary, detail := apiErrorDiagnostic(fmt.Sprintf("create cluster %q", name), err)
		if found {
			detail += "\n\nThe cluster was created nonetheless. It is recorded in the state as tainted: the next apply replaces it."
		} else {
			detail += "\n\nNo answer came, so the cluster may still appear. It is recorded in the state by name, as tainted: " +
				"the next plan reads it, then recreates it if it does not exist, or replaces it if it does."
		}
		resp.Diagnostics.AddError(summary, detail)
		return
	}
	unlock()
	created := out.Cluster
	tflog.Info(ctx, "created ECS cluster", map[string]any{"arn": aws.ToString(created.ClusterArn), "status": aws.ToString(created.Status)})

	var final *ecstypes.Cluster
	done, err := clusterSettled(created)
	switch {
	case err != nil:
	case done:
		final, err = findCluster(ctx, client, aws.ToString(created.ClusterArn))
		if err == nil && final == nil {
			err = fmt.Errorf("cluster %s was created but cannot be described", name)
		}
		if err == nil {
			if _, err = clusterSettled(final); err != nil {
				final = nil
			}
		}
	default:
		final, err = waitClusterActive(ctx, client, aws.ToString(created.ClusterArn))
	}
	if err != nil {
		// Keep the cluster in state so that it is not orphaned; Terraform
		// marks it tainted and replaces it on the next apply.
		partial := created
		if final != nil {
			partial = final
		}
		resp.Diagnostics.Append(flattenCluster(partial, &plan, r.tagContext(true), false)...)
		resp.Diagnostics.Append(setClusterState(ctx, &resp.State, &plan)...)
		resp.Diagnostics.Append(setClusterIdentity(ctx, resp.Identity, &plan)...)
		if stop.Err() != nil && aws.ToString(partial.Status) == clusterStatusProvisioning {
			// Interrupted while ECS provisions a cluster it accepted: the
			// cluster is sound, so it is saved untainted rather than
			// replaced by the next apply, whose refresh reads its status.
			resp.Diagnostics.AddWarning("Wait for ACTIVE interrupted",
				fmt.Sprintf("Terraform was interrupted while cluster %q was %s. The cluster was created and is recorded in the state; "+
					"ECS finishes provisioning it on its own, and the next plan reads its status.", name, clusterStatusProvisioning))
			return
		}
		summary, detail := waitErrorDiagnostic(fmt.Sprintf("bring cluster %q to ACTIVE", name), err)
		resp.Diagnostics.AddError(summary, detail+
			"\n\nThe cluster exists and is recorded in the state as tainted: the next apply replaces it.")
		return
	}
	promised := plan
	resp.Diagnostics.Append(flattenCluster(final, &plan, r.tagContext(true), false)...)
	keepPlannedInformational(&plan, &promised)
	resp.Diagnostics.Append(setClusterState(ctx, &resp.State, &plan)...)
	resp.Diagnostics.Append(setClusterIdentity(ctx, resp.Identity, &plan)...)
}

// saveUncertainCreate records in the state a cluster whose CreateCluster
// call got no answer. It looks the cluster up (on a fresh deadline, since the
// create's may have expired) and saves what ECS reports; if the cluster is
// not found, it saves the requested values under the cluster's name, which
// Read resolves as well as an ARN. It reports whether the cluster was found.
func (r *clusterResource) saveUncertainCreate(ctx context.Context, st *tfsdk.State, plan *clusterResourceModel, in *ecs.CreateClusterInput, diags *diag.Diagnostics) bool {
	name := aws.ToString(in.ClusterName)
	lookCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), uncertainCreateLookup)
	defer cancel()
	found, err := findLiveCluster(lookCtx, r.data.ecsIn(plan.Region.ValueString()), name)
	if err == nil && found != nil {
		diags.Append(flattenCluster(found, plan, r.tagContext(true), false)...)
		diags.Append(setClusterState(ctx, st, plan)...)
		return true
	}
	diags.Append(flattenCluster(requestedCluster(in), plan, r.tagContext(true), false)...)
	plan.ID = types.StringValue(name)
	plan.ARN = types.StringNull()
	plan.Status = types.StringNull()
	diags.Append(setClusterState(ctx, st, plan)...)
	return false
}

// uncertainCreateLookup bounds the lookup after a CreateCluster without an
// answer.
const uncertainCreateLookup = 30 * time.Second

// requestedCluster is the cluster a CreateCluster input asks for, as ECS
// would describe it: what the state holds until the cluster can be read.
func requestedCluster(in *ecs.CreateClusterInput) *ecstypes.Cluster {
	c := &ecstypes.Cluster{
		ClusterName:                     in.ClusterName,
		Tags:                            in.Tags,
		Settings:                        in.Settings,
		Configuration:                   in.Configuration,
		CapacityProviders:               in.CapacityProviders,
		DefaultCapacityProviderStrategy: in.DefaultCapacityProviderStrategy,
	}
	if in.ServiceConnectDefaults != nil {
		c.ServiceConnectDefaults = &ecstypes.ClusterServiceConnectDefaults{Namespace: in.ServiceConnectDefaults.Namespace}
	}
	return c
}

func (r *clusterResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state clusterResourceModel
	resp.Diagnostics.Append(clusterModelFromRaw(ctx, req.State.Raw, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ID.ValueString()
	region := r.data.regionOr(state.Region.ValueString())
	state.Region = types.StringValue(region)
	adopt, d := isImported(ctx, req.Private)
	resp.Diagnostics.Append(d...)
	client := r.data.ecsIn(region)
	c, err := findLiveCluster(ctx, client, id)
	if err == nil && c != nil {
		c, err = withoutUnlistedScoped(ctx, client, c, state.CapacityProviders, adopt)
	}
	if err != nil {
		resp.Diagnostics.AddError(apiErrorDiagnostic(fmt.Sprintf("read cluster %q", id), err))
		return
	}
	if c == nil {
		tflog.Warn(ctx, "ECS cluster is gone (INACTIVE or missing); removing it from state", map[string]any{"id": id})
		resp.State.RemoveResource(ctx)
		// The framework wants an identity even for a removed resource.
		resp.Diagnostics.Append(setGoneClusterIdentity(ctx, resp.Identity, &state)...)
		return
	}
	if aws.ToString(c.Status) == clusterStatusFailed {
		resp.Diagnostics.AddWarning("Cluster is FAILED",
			fmt.Sprintf("ECS reports cluster %s as %s%s. Fix its capacity providers, or recreate it with "+
				"terraform apply -replace=<resource address>.", aws.ToString(c.ClusterName), clusterStatusFailed, attachmentReasons(c)))
	}
	resp.Diagnostics.Append(flattenCluster(c, &state, r.tagContext(false), adopt)...)
	resp.Diagnostics.Append(setClusterState(ctx, &resp.State, &state)...)
	resp.Diagnostics.Append(setClusterIdentity(ctx, resp.Identity, &state)...)
	if adopt {
		resp.Diagnostics.Append(resp.Private.SetKey(ctx, privateImported, nil)...)
		if !attrvalue.BlockAbsent(state.Setting) {
			resp.Diagnostics.Append(resp.Private.SetKey(ctx, privateSettingAdopted, settingAdoptedFresh)...)
		}
		return
	}
	resp.Diagnostics.Append(ageSettingAdopted(ctx, req.Private, resp.Private)...)
}

func (r *clusterResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state clusterResourceModel
	resp.Diagnostics.Append(clusterModelFromRaw(ctx, req.Plan.Raw, &plan)...)
	resp.Diagnostics.Append(clusterModelFromRaw(ctx, req.State.Raw, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// Should a call fail, the prior state is kept: the cluster stays
	// managed, and the next refresh shows what the failed update left.
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

	newTags := r.tagsToSend(&plan, &resp.Diagnostics)
	resp.Diagnostics.Append(validateClusterModel(&plan, name, newTags)...)
	if resp.Diagnostics.HasError() {
		return
	}

	// Tags: only the keys that changed.
	if !updateTags(ctx, client, arn, "cluster", name, attrvalue.StringMap(state.TagsAll), newTags, &resp.Diagnostics) {
		return
	}

	otherCalls := false
	settingAdopted, d := hasPrivateKey(ctx, req.Private, privateSettingAdopted)
	resp.Diagnostics.Append(d...)
	if !attrvalue.BlockAbsent(plan.Setting) && settingAdopted {
		// The configuration manages the setting from now on.
		resp.Diagnostics.Append(resp.Private.SetKey(ctx, privateSettingAdopted, nil)...)
	}
	if !plan.Setting.Equal(state.Setting) && (!attrvalue.BlockAbsent(plan.Setting) || !settingAdopted) {
		settings := expandSettings(plan.Setting)
		if settings == nil {
			// The block was removed: the account's effective default
			// applies again, as if the cluster had been created without it.
			var err error
			settings, err = accountDefaultSettings(ctx, client, expandSettings(state.Setting))
			if err != nil {
				_, detail := apiErrorDiagnostic("read the account's default settings", err)
				resp.Diagnostics.AddAttributeError(path.Root("setting"), "Cannot restore the account's default setting",
					fmt.Sprintf("The setting block of cluster %q was removed, so ecsx sets the account's effective default again, "+
						"but reading it with ListAccountSettings failed. The cluster keeps its current setting.\n\n%s", name, detail))
				return
			}
		}
		if len(settings) > 0 {
			if _, err := client.UpdateClusterSettings(ctx, &ecs.UpdateClusterSettingsInput{Cluster: aws.String(arn), Settings: settings}); err != nil {
				resp.Diagnostics.AddError(apiErrorDiagnostic(fmt.Sprintf("update the settings of cluster %q", name), err))
				return
			}
			otherCalls = true
		}
	}

	configChanged := !plan.Configuration.Equal(state.Configuration)
	namespaceChanged := namespaceOf(plan.ServiceConnectDefaults) != namespaceOf(state.ServiceConnectDefaults)
	if configChanged || namespaceChanged {
		in := &ecs.UpdateClusterInput{Cluster: aws.String(arn)}
		if configChanged {
			cfg := expandConfiguration(plan.Configuration)
			if cfg == nil {
				cfg = &ecstypes.ClusterConfiguration{}
			}
			in.Configuration = cfg
		}
		if namespaceChanged {
			in.ServiceConnectDefaults = expandServiceConnectDefaults(plan.ServiceConnectDefaults)
		}
		if _, err := client.UpdateCluster(ctx, in); err != nil {
			resp.Diagnostics.AddError(apiErrorDiagnostic(fmt.Sprintf("update cluster %q", name), err))
			return
		}
		otherCalls = true
	}

	// Without capacity_providers the cluster leaves its providers and
	// strategy to whoever manages them: no call.
	providersChanged := !plan.CapacityProviders.Equal(state.CapacityProviders) ||
		!plan.DefaultCapacityProviderStrategy.Equal(state.DefaultCapacityProviderStrategy)
	if !plan.CapacityProviders.IsNull() && providersChanged {
		providers := expandCapacityProviders(plan.CapacityProviders)
		newScoped, ok := waitProvidersUsable(ctx, client, name, providers, expandCapacityProviders(state.CapacityProviders), &resp.Diagnostics)
		if !ok {
			return
		}
		scoped := append(newScoped, scopedFromPrivate(ctx, req.Private)...)
		resp.Diagnostics.Append(recordScoped(ctx, resp.Private, providers, scoped)...)
		strategy := expandStrategy(plan.DefaultCapacityProviderStrategy)
		err := retryClassified(ctx, func() (retryKind, error) {
			_, err := client.PutClusterCapacityProviders(ctx, &ecs.PutClusterCapacityProvidersInput{
				Cluster:                         aws.String(arn),
				CapacityProviders:               withoutScoped(providers, scoped),
				DefaultCapacityProviderStrategy: strategy,
			})
			return capacityProviderUpdateRetry(err), err
		})
		if err != nil {
			resp.Diagnostics.AddError(apiErrorDiagnostic(fmt.Sprintf("update the capacity providers of cluster %q", name), err))
			return
		}
		otherCalls = true
	}

	if !otherCalls {
		// Tags only: nothing else can have changed.
		copyComputed(&plan, &state)
		resp.Diagnostics.Append(setClusterState(ctx, &resp.State, &plan)...)
		resp.Diagnostics.Append(setClusterIdentity(ctx, resp.Identity, &plan)...)
		return
	}

	final, err := findCluster(ctx, client, arn)
	if err == nil && final == nil {
		err = fmt.Errorf("cluster %s disappeared during the update", name)
	}
	if err == nil {
		var done bool
		if done, err = clusterSettled(final); !done && err == nil {
			final, err = waitClusterActive(ctx, client, arn)
		}
	}
	if err == nil {
		final, err = withoutUnlistedScoped(ctx, client, final, plan.CapacityProviders, false)
	}
	if err != nil {
		resp.Diagnostics.AddError(waitErrorDiagnostic(fmt.Sprintf("bring cluster %q back to ACTIVE after the update", name), err))
		return
	}
	promised := plan
	resp.Diagnostics.Append(flattenCluster(final, &plan, r.tagContext(true), false)...)
	keepPlannedInformational(&plan, &promised)
	resp.Diagnostics.Append(setClusterState(ctx, &resp.State, &plan)...)
	resp.Diagnostics.Append(setClusterIdentity(ctx, resp.Identity, &plan)...)
}

func (r *clusterResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state clusterResourceModel
	resp.Diagnostics.Append(clusterModelFromRaw(ctx, req.State.Raw, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, d := state.Timeouts.Delete(ctx, defaultDeleteTimeout)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	deleteCtx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	client := r.data.ecsIn(state.Region.ValueString())
	// A create whose outcome was unknown is recorded by name, without an ARN
	// (see saveUncertainCreate); ECS accepts either.
	arn := state.ARN.ValueString()
	if arn == "" {
		arn = state.ID.ValueString()
	}
	name := state.Name.ValueString()

	var forced *forcedDelete
	if state.ForceDestroy.ValueBool() {
		forced = &forcedDelete{client: client, cluster: arn, now: time.Now}
		defer forced.report(&resp.Diagnostics, name)
	}
	var out *ecs.DeleteClusterOutput
	err := retryWhile(deleteCtx, func() (bool, error) {
		var err error
		out, err = client.DeleteCluster(deleteCtx, &ecs.DeleteClusterInput{Cluster: aws.String(arn)})
		var notFound *ecstypes.ClusterNotFoundException
		if errors.As(err, &notFound) {
			out = nil
			return false, nil
		}
		if forced != nil {
			if derr := forced.refused(deleteCtx, err); derr != nil {
				return false, derr
			}
		}
		if isScopedProviderBlock(err) {
			// Providers being deleted clear by themselves; the others stay
			// until someone deletes them, so waiting would be in vain.
			remaining, deleting, lookErr := scopedProvidersOf(deleteCtx, client, name)
			if lookErr == nil && len(remaining) > 0 && !deleting {
				return false, &scopedProvidersError{cluster: name, providers: remaining, last: err}
			}
		}
		return isDeleteBlocked(err), err
	})
	var drainErr *forceDestroyError
	if errors.As(err, &drainErr) {
		resp.Diagnostics.AddError(apiErrorDiagnostic(fmt.Sprintf("delete cluster %q", name), drainErr))
		return
	}
	var scopedErr *scopedProvidersError
	if errors.As(err, &scopedErr) {
		resp.Diagnostics.AddError("Cluster still has Managed Instances capacity providers", scopedErr.Error())
		return
	}
	if err != nil {
		var timedOut *timeoutError
		if errors.As(err, &timedOut) && isDeleteBlocked(timedOut.last) {
			resp.Diagnostics.AddError("Cluster cannot be deleted", r.deleteBlockedDetail(ctx, arn, name, timeout, timedOut.last))
			return
		}
		var interrupted *interruptedError
		if errors.As(err, &interrupted) {
			resp.Diagnostics.AddError(waitErrorDiagnostic(fmt.Sprintf("delete cluster %q", name), err))
			return
		}
		resp.Diagnostics.AddError(apiErrorDiagnostic(fmt.Sprintf("delete cluster %q", name), err))
		return
	}
	if out == nil || out.Cluster == nil || aws.ToString(out.Cluster.Status) == clusterStatusInactive {
		return
	}
	if err := waitClusterDeleted(deleteCtx, client, arn); err != nil {
		resp.Diagnostics.AddError(waitErrorDiagnostic(fmt.Sprintf("wait for cluster %q to be deleted", name), err))
	}
}

// deleteBlockedDetail explains, from one fresh description of the cluster,
// what kept it from being deleted until the timeout.
func (r *clusterResource) deleteBlockedDetail(ctx context.Context, arn, name string, timeout time.Duration, last error) string {
	_, lastDetail := apiErrorDiagnostic("delete cluster "+name, last)
	describeCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
	defer cancel()
	c, err := findCluster(describeCtx, r.data.ecsIn(regionOfARN(arn)), arn)
	blockers := ""
	if err == nil && c != nil {
		blockers = deleteBlockers(c)
	}
	if blockers == "" {
		return fmt.Sprintf("Cluster %s could not be deleted within %s. %s", name, timeout, lastDetail)
	}
	return fmt.Sprintf("Cluster %s could not be deleted within %s: cluster %s still has %s. "+
		"Delete its services, stop its tasks, deregister its container instances and detach cluster-scoped capacity providers, "+
		"or raise timeouts.delete; with force_destroy = true (applied before the destroy) ecsx removes the services, tasks and container instances itself. %s",
		name, timeout, name, blockers, lastDetail)
}

// setClusterState stores m as the new state, as tfsdk.State.Set does.
func setClusterState(ctx context.Context, st *tfsdk.State, m *clusterResourceModel) diag.Diagnostics {
	raw, diags := clusterModelToRaw(ctx, clusterTerraformType(), m)
	if !diags.HasError() {
		st.Raw = raw
	}
	return diags
}

// copyComputed copies the values ECS computes from the prior state.
func copyComputed(plan, state *clusterResourceModel) {
	plan.ID = state.ID
	plan.ARN = state.ARN
	plan.Status = state.Status
	plan.RegisteredContainerInstancesCount = state.RegisteredContainerInstancesCount
	plan.RunningTasksCount = state.RunningTasksCount
	plan.PendingTasksCount = state.PendingTasksCount
	plan.ActiveServicesCount = state.ActiveServicesCount
	plan.Statistics = state.Statistics
	plan.Attachments = state.Attachments
	plan.AttachmentsStatus = state.AttachmentsStatus
}

// withoutUnlistedScoped returns the cluster without the Managed Instances
// providers that known does not name (see dropUnlistedScoped). Without
// capacity_providers (known null) the cluster's providers are not read, so
// nothing is looked up, unless the cluster is being imported.
func withoutUnlistedScoped(ctx context.Context, client *ecs.Client, c *ecstypes.Cluster, known types.Set, adopt bool) (*ecstypes.Cluster, error) {
	if !adopt && known.IsNull() {
		return c, nil
	}
	reported, err := dropUnlistedScoped(ctx, client, c.CapacityProviders, expandCapacityProviders(known))
	if err != nil {
		return nil, err
	}
	cc := *c
	cc.CapacityProviders = reported
	return &cc, nil
}

// tagsToSend returns the tags that CreateCluster and TagResource send; see
// tagsToSendOf.
func (r *clusterResource) tagsToSend(m *clusterResourceModel, diags *diag.Diagnostics) map[string]string {
	return r.data.tagsToSendOf(m.Tags, &m.TagsAll, diags)
}

// tagContext returns the tag context of the resource.
func (r *clusterResource) tagContext(planned bool) tagContext {
	return tagContext{defaults: r.data.DefaultTags, ignore: r.data.IgnoreTags, planned: planned}
}
