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
	"github.com/ecsx/terraform-provider-ecsx/internal/attrvalue"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-log/tflog"
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
			name = r.data.names.unique(plan.NamePrefix.ValueString())
		}
	}
	tagsAll := r.tagsToSend(&plan, &resp.Diagnostics)
	resp.Diagnostics.Append(validateClusterModel(&plan, name, tagsAll)...)
	if resp.Diagnostics.HasError() {
		return
	}

	// Refuse to adopt a cluster that already exists: CreateCluster would
	// silently return it. The check runs once, before the first attempt, so a
	// retried CreateCluster whose first answer was lost still converges, and
	// a cluster found after an uncertain create is this apply's. The check
	// and the create hold the name's lock, so that two resources of one run
	// (count = 2 without a name) cannot both create, and so share, one
	// cluster.
	unlock, err := r.data.names.lock(ctx, region, name)
	if err != nil {
		resp.Diagnostics.AddError("Cluster name in use", fmt.Sprintf("Cluster %q was not created: %s.", name, err))
		return
	}
	defer unlock()
	if !checkClusterNameFree(ctx, client, name, &resp.Diagnostics) {
		return
	}
	in := expandCreateInput(&plan, name, tagsAll)
	// A new cluster has no Managed Instances providers of its own yet.
	if _, ok := waitProvidersUsable(ctx, client, name, in.CapacityProviders, nil, &resp.Diagnostics); !ok {
		return
	}
	created := r.createCluster(ctx, client, in, &plan, resp)
	if created == nil {
		return
	}
	unlock()
	tflog.Info(ctx, "created ECS cluster", map[string]any{"arn": aws.ToString(created.ClusterArn), "status": aws.ToString(created.Status)})
	r.settleCreated(ctx, stop, client, created, &plan, resp)
}

// checkClusterNameFree reports whether no live cluster is named name, with
// an error that explains how to import it otherwise.
func checkClusterNameFree(ctx context.Context, client *ecsClient, name string, diags *diag.Diagnostics) bool {
	existing, err := findLiveCluster(ctx, client, name)
	if err != nil {
		diags.AddError(apiErrorDiagnostic(fmt.Sprintf("check whether cluster %q exists", name), err))
		return false
	}
	if existing != nil {
		diags.AddAttributeError(path.Root("name"), "Cluster already exists",
			fmt.Sprintf("A cluster named %q already exists (status %s, ARN %s). ecsx does not take over existing clusters silently. "+
				"To manage it with Terraform, import it:\n\n    terraform import ecsx_cluster.<resource name> %s\n\n"+
				"or add an import block:\n\n    import {\n      to = ecsx_cluster.<resource name>\n      id = %q\n    }\n\n"+
				"Otherwise choose another name (with count or for_each, give each instance its own name or a name_prefix).",
				name, aws.ToString(existing.Status), aws.ToString(existing.ClusterArn), name, name))
		return false
	}
	return true
}

// createCluster calls CreateCluster and returns the cluster created. When
// the call fails it returns nil; if an attempt's outcome was unknown (no
// answer, or a 5xx, on this or an earlier attempt), ECS may have created the
// cluster whatever the last answer was, so it is recorded in the state (see
// saveUncertainCreate) and never orphaned; Terraform marks it tainted.
func (r *clusterResource) createCluster(ctx context.Context, client *ecsClient, in *ecs.CreateClusterInput, plan *clusterResourceModel, resp *resource.CreateResponse) *ecstypes.Cluster {
	name := aws.ToString(in.ClusterName)
	callCtx, attempts := trackAttempts(ctx)
	var out *ecs.CreateClusterOutput
	err := retryWhile(ctx, func() (bool, error) {
		var err error
		out, err = client.CreateCluster(callCtx, in)
		return isServiceLinkedRolePropagation(err), err
	})
	if err == nil {
		return out.Cluster
	}
	if !attempts.uncertain(err) {
		// Every attempt was answered, and refused: nothing was created.
		resp.Diagnostics.AddError(apiErrorDiagnostic(fmt.Sprintf("create cluster %q", name), err))
		return nil
	}
	found := r.saveUncertainCreate(ctx, &resp.State, plan, in, &resp.Diagnostics)
	resp.Diagnostics.Append(setClusterIdentity(ctx, resp.Identity, plan)...)
	summary, detail := apiErrorDiagnostic(fmt.Sprintf("create cluster %q", name), err)
	var apiErr smithy.APIError
	if errors.As(err, &apiErr) {
		detail += "\n\nAn earlier attempt of this call got no answer or a server error, so ECS may have created the cluster."
	}
	if found {
		detail += "\n\nThe cluster was created nonetheless. It is recorded in the state as tainted: the next apply replaces it."
	} else {
		detail += "\n\nThe cluster was not found, but it may still appear. It is recorded in the state by name, as tainted: " +
			"the next plan reads it, then recreates it if it does not exist, or replaces it if it does."
	}
	resp.Diagnostics.AddError(summary, detail)
	return nil
}

// settleCreated waits until a created cluster is ACTIVE and records it. A
// wait that fails keeps the cluster in the state (tainted) so that it is not
// orphaned.
func (r *clusterResource) settleCreated(ctx, stop context.Context, client *ecsClient, created *ecstypes.Cluster, plan *clusterResourceModel, resp *resource.CreateResponse) {
	name := aws.ToString(created.ClusterName)
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
		resp.Diagnostics.Append(flattenCluster(partial, plan, r.tagContext(true), false)...)
		resp.Diagnostics.Append(setClusterState(ctx, &resp.State, plan)...)
		resp.Diagnostics.Append(setClusterIdentity(ctx, resp.Identity, plan)...)
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
	promised := *plan
	resp.Diagnostics.Append(flattenCluster(final, plan, r.tagContext(true), false)...)
	keepPlannedInformational(plan, &promised)
	resp.Diagnostics.Append(setClusterState(ctx, &resp.State, plan)...)
	resp.Diagnostics.Append(setClusterIdentity(ctx, resp.Identity, plan)...)
}

// saveUncertainCreate records in the state a cluster whose CreateCluster
// call had an attempt with an unknown outcome. It looks the cluster up (on a fresh deadline, since the
// create's may have expired) and saves what ECS reports; if the cluster is
// not found, it saves the requested values under the cluster's name, which
// Read resolves as well as an ARN. It reports whether the cluster was found.
func (r *clusterResource) saveUncertainCreate(ctx context.Context, st *tfsdk.State, plan *clusterResourceModel, in *ecs.CreateClusterInput, diags *diag.Diagnostics) bool {
	name := aws.ToString(in.ClusterName)
	lookCtx, cancel := lookupContext(ctx)
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
	// managed, and the next refresh shows what the failed update left. When
	// the failed call's outcome is unknown, the state shows the cluster as
	// ECS reports it (see saveUncertainUpdate).
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
	tagCtx, attempts := trackAttempts(ctx)
	if !updateTags(tagCtx, client, arn, "cluster", name, attrvalue.StringMap(state.TagsAll), newTags, &resp.Diagnostics) {
		if attempts.ambiguous() {
			r.saveUncertainUpdate(ctx, client, arn, &state, plan.CapacityProviders, resp)
		}
		return
	}
	u := clusterUpdate{r: r, client: client, arn: arn, name: name, plan: &plan, state: &state, req: req, resp: resp}
	settings, ok := u.settings(ctx)
	if !ok {
		return
	}
	configuration, ok := u.configuration(ctx)
	if !ok {
		return
	}
	providers, ok := u.providers(ctx)
	if !ok {
		return
	}
	if !settings && !configuration && !providers {
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

// clusterUpdate is one Update of a cluster: the calls after the tags, each
// of which reports whether it made a call and whether the update goes on.
type clusterUpdate struct {
	r           *clusterResource
	client      *ecsClient
	arn, name   string
	plan, state *clusterResourceModel
	req         resource.UpdateRequest
	resp        *resource.UpdateResponse
}

// failed reports the failure of a call of the update. When its outcome is
// unknown, ECS may have applied it: the state then shows the cluster as ECS
// reports it.
func (u *clusterUpdate) failed(ctx context.Context, what string, err error, attempts *attemptLog) {
	u.resp.Diagnostics.AddError(apiErrorDiagnostic(fmt.Sprintf("%s %q", what, u.name), err))
	if attempts.uncertain(err) {
		u.r.saveUncertainUpdate(ctx, u.client, u.arn, u.state, u.plan.CapacityProviders, u.resp)
	}
}

// settings calls UpdateClusterSettings when the setting block changed.
func (u *clusterUpdate) settings(ctx context.Context) (called, ok bool) {
	plan, state, diags := u.plan, u.state, &u.resp.Diagnostics
	settingAdopted, d := hasPrivateKey(ctx, u.req.Private, privateSettingAdopted)
	diags.Append(d...)
	if !attrvalue.BlockAbsent(plan.Setting) && settingAdopted {
		// The configuration manages the setting from now on.
		diags.Append(u.resp.Private.SetKey(ctx, privateSettingAdopted, nil)...)
	}
	if plan.Setting.Equal(state.Setting) || (attrvalue.BlockAbsent(plan.Setting) && settingAdopted) {
		return false, true
	}
	settings := expandSettings(plan.Setting)
	if settings == nil {
		// The block was removed: the account's effective default
		// applies again, as if the cluster had been created without it.
		var err error
		settings, err = accountDefaultSettings(ctx, u.client, expandSettings(state.Setting))
		if err != nil {
			_, detail := apiErrorDiagnostic("read the account's default settings", err)
			diags.AddAttributeError(path.Root("setting"), "Cannot restore the account's default setting",
				fmt.Sprintf("The setting block of cluster %q was removed, so ecsx sets the account's effective default again, "+
					"but reading it with ListAccountSettings failed. The cluster keeps its current setting.\n\n%s", u.name, detail))
			return false, false
		}
	}
	if len(settings) == 0 {
		return false, true
	}
	callCtx, attempts := trackAttempts(ctx)
	if _, err := u.client.UpdateClusterSettings(callCtx, &ecs.UpdateClusterSettingsInput{Cluster: aws.String(u.arn), Settings: settings}); err != nil {
		u.failed(ctx, "update the settings of cluster", err, attempts)
		return false, false
	}
	return true, true
}

// configuration calls UpdateCluster when configuration or the Service
// Connect namespace changed.
func (u *clusterUpdate) configuration(ctx context.Context) (called, ok bool) {
	plan, state := u.plan, u.state
	configChanged := !plan.Configuration.Equal(state.Configuration)
	namespaceChanged := namespaceOf(plan.ServiceConnectDefaults) != namespaceOf(state.ServiceConnectDefaults)
	if !configChanged && !namespaceChanged {
		return false, true
	}
	in := &ecs.UpdateClusterInput{Cluster: aws.String(u.arn)}
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
	callCtx, attempts := trackAttempts(ctx)
	if _, err := u.client.UpdateCluster(callCtx, in); err != nil {
		u.failed(ctx, "update cluster", err, attempts)
		return false, false
	}
	return true, true
}

// providers calls PutClusterCapacityProviders when capacity_providers or
// the default strategy changed. Without capacity_providers the cluster
// leaves its providers and strategy to whoever manages them: no call.
func (u *clusterUpdate) providers(ctx context.Context) (called, ok bool) {
	plan, state := u.plan, u.state
	providersChanged := !plan.CapacityProviders.Equal(state.CapacityProviders) ||
		!plan.DefaultCapacityProviderStrategy.Equal(state.DefaultCapacityProviderStrategy)
	if plan.CapacityProviders.IsNull() || !providersChanged {
		return false, true
	}
	providers := expandCapacityProviders(plan.CapacityProviders)
	newScoped, ok := waitProvidersUsable(ctx, u.client, u.name, providers, expandCapacityProviders(state.CapacityProviders), &u.resp.Diagnostics)
	if !ok {
		return false, false
	}
	scoped := append(newScoped, scopedFromPrivate(ctx, u.req.Private)...)
	u.resp.Diagnostics.Append(recordScoped(ctx, u.resp.Private, providers, scoped)...)
	strategy := expandStrategy(plan.DefaultCapacityProviderStrategy)
	callCtx, attempts := trackAttempts(ctx)
	err := retryClassified(ctx, func() (retryKind, error) {
		_, err := u.client.PutClusterCapacityProviders(callCtx, &ecs.PutClusterCapacityProvidersInput{
			Cluster:                         aws.String(u.arn),
			CapacityProviders:               withoutScoped(providers, scoped),
			DefaultCapacityProviderStrategy: strategy,
		})
		return capacityProviderUpdateRetry(err), err
	})
	if err != nil {
		u.resp.Diagnostics.AddError(putProvidersErrorDiagnostic(ctx, u.client, u.name, fmt.Sprintf("update the capacity providers of cluster %q", u.name), err,
			removedProviders(expandCapacityProviders(state.CapacityProviders), providers)))
		if attempts.uncertain(err) {
			u.r.saveUncertainUpdate(ctx, u.client, u.arn, u.state, u.plan.CapacityProviders, u.resp)
		}
		return false, false
	}
	return true, true
}

// saveUncertainUpdate records the cluster as ECS reports it after a call of
// an update whose outcome is unknown, as a refresh would, so that the state
// shows what the call left and the next plan proposes what remains. The
// cluster's providers are read when the planned capacity_providers are
// managed (not null). When the lookup fails, the prior state is kept.
func (r *clusterResource) saveUncertainUpdate(ctx context.Context, client *ecsClient, arn string, state *clusterResourceModel,
	plannedProviders types.Set, resp *resource.UpdateResponse,
) {
	lookCtx, cancel := lookupContext(ctx)
	defer cancel()
	known := state.CapacityProviders
	if !plannedProviders.IsNull() {
		known = plannedProviders
		if state.CapacityProviders.IsNull() {
			state.CapacityProviders = types.SetValueMust(types.StringType, nil) // read them
		}
	}
	c, err := findLiveCluster(lookCtx, client, arn)
	if err == nil && c != nil {
		c, err = withoutUnlistedScoped(lookCtx, client, c, known, false)
	}
	if err != nil || c == nil {
		resp.Diagnostics.AddWarning(uncertainChangeSummary, uncertainChangeDetail(fmt.Sprintf("cluster %q", state.Name.ValueString()), false))
		return
	}
	resp.Diagnostics.Append(flattenCluster(c, state, r.tagContext(false), false)...)
	resp.Diagnostics.Append(setClusterState(ctx, &resp.State, state)...)
	resp.Diagnostics.Append(setClusterIdentity(ctx, resp.Identity, state)...)
	resp.Diagnostics.AddWarning(uncertainChangeSummary, uncertainChangeDetail(fmt.Sprintf("cluster %q", state.Name.ValueString()), true))
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
	callCtx, attempts := trackAttempts(deleteCtx)
	err := retryWhile(deleteCtx, func() (bool, error) {
		var err error
		out, err = client.DeleteCluster(callCtx, &ecs.DeleteClusterInput{Cluster: aws.String(arn)})
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
	if attempts.uncertain(err) && goneAfterAll(ctx,
		func(ctx context.Context) (*ecstypes.Cluster, error) { return findLiveCluster(ctx, client, arn) },
		func(c *ecstypes.Cluster) bool { return aws.ToString(c.Status) == clusterStatusDeprovisioning },
		func(ctx context.Context) error { return waitClusterDeleted(ctx, client, arn) }) {
		// A DeleteCluster whose answer was lost went through.
		return
	}
	var drainErr *forceDestroyError
	if errors.As(err, &drainErr) {
		summary, detail := apiErrorDiagnostic(fmt.Sprintf("delete cluster %q", name), drainErr)
		resp.Diagnostics.AddError(summary, detail+"\n\n"+drainErr.detail())
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
func withoutUnlistedScoped(ctx context.Context, client *ecsClient, c *ecstypes.Cluster, known types.Set, adopt bool) (*ecstypes.Cluster, error) {
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
