package provider

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"
	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/ecsx/terraform-provider-ecsx/internal/validators"
)

var (
	_ resource.Resource                     = (*clusterCapacityProvidersResource)(nil)
	_ resource.ResourceWithConfigure        = (*clusterCapacityProvidersResource)(nil)
	_ resource.ResourceWithImportState      = (*clusterCapacityProvidersResource)(nil)
	_ resource.ResourceWithModifyPlan       = (*clusterCapacityProvidersResource)(nil)
	_ resource.ResourceWithConfigValidators = (*clusterCapacityProvidersResource)(nil)
)

// NewClusterCapacityProvidersResource returns the
// ecsx_cluster_capacity_providers resource.
func NewClusterCapacityProvidersResource() resource.Resource {
	return &clusterCapacityProvidersResource{}
}

// clusterCapacityProvidersResource manages the capacity providers and the
// default strategy of one cluster, apart from the cluster itself.
type clusterCapacityProvidersResource struct {
	data *providerData
}

// clusterCapacityProvidersModel is the state of ecsx_cluster_capacity_providers.
type clusterCapacityProvidersModel struct {
	ID                              types.String   `tfsdk:"id"`
	ClusterName                     types.String   `tfsdk:"cluster_name"`
	Region                          types.String   `tfsdk:"region"`
	CapacityProviders               types.Set      `tfsdk:"capacity_providers"`
	DefaultCapacityProviderStrategy types.Set      `tfsdk:"default_capacity_provider_strategy"`
	Timeouts                        timeouts.Value `tfsdk:"timeouts"`
}

func (r *clusterCapacityProvidersResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_cluster_capacity_providers"
}

func (r *clusterCapacityProvidersResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Manages the capacity providers and the default capacity provider strategy of an ECS cluster, " +
			"in the syntax of `aws_ecs_cluster_capacity_providers` of the hashicorp/aws provider.\n\n" +
			"It exists so that a cluster, its capacity providers and their association can be created and destroyed in one run: " +
			"the association depends on both, so Terraform creates it last and destroys it first, and a capacity provider is never deleted " +
			"while a cluster still uses it. Before associating, it waits until every named capacity provider is `ACTIVE`. " +
			"The wait is bounded by `timeouts.create` (or `timeouts.update`); a provider still `PROVISIONING` then fails the apply, naming it, before anything is associated. " +
			"Destroying it removes every capacity provider and the default strategy from the cluster.\n\n" +
			"Leave `capacity_providers` out of the `ecsx_cluster` it names: both then coexist with no diff. " +
			"Never manage one cluster's capacity providers from both.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The cluster name.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"cluster_name": schema.StringAttribute{
				MarkdownDescription: "Name of the cluster. Changing it replaces the association.",
				Required:            true,
				Validators:          []validator.String{validators.ClusterName()},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"region": schema.StringAttribute{
				MarkdownDescription: "AWS region of the cluster. Defaults to the provider's region. Changing it replaces the association.",
				Optional:            true,
				Computed:            true,
				Validators:          []validator.String{stringvalidator.RegexMatches(regionPattern, "must be an AWS region name such as eu-west-1")},
			},
			"capacity_providers": schema.SetAttribute{
				MarkdownDescription: "Capacity providers of the cluster: `FARGATE`, `FARGATE_SPOT`, or names of Auto Scaling group capacity providers. " +
					"Leaving it out or setting `[]` removes every capacity provider from the cluster. " +
					"Managed Instances providers of the cluster may be listed too: they are never sent to `PutClusterCapacityProviders` (they belong to the cluster they were created in), " +
					"and when they are not listed they are left out of what is read. The default strategy may name them.",
				Optional:    true,
				ElementType: types.StringType,
				Validators:  []validator.Set{setvalidator.ValueStringsAre(validators.CapacityProviderName())},
			},
		},
		Blocks: map[string]schema.Block{
			"default_capacity_provider_strategy": strategyBlock("An item of the cluster's default capacity provider strategy. " +
				"At most 20 items, each naming a provider of `capacity_providers` once; at most one item may have a `base` above 0, " +
				"and with several items at least one `weight` must be above 0. The order of the items does not matter."),
			"timeouts": timeoutsBlock(ctx,
				"How long to wait for the named capacity providers to become `ACTIVE`, to associate them and for the cluster to become `ACTIVE` again. Defaults to `20m`.",
				"How long an update waits for newly named capacity providers to become `ACTIVE`, associates them and waits for the cluster to become `ACTIVE` again. Defaults to `20m`.",
				"How long to retry removing the capacity providers while the cluster is busy, and to wait for it to become `ACTIVE` again. Defaults to `20m`."),
		},
	}
}

// ConfigValidators checks the rules across the items of the strategy.
func (r *clusterCapacityProvidersResource) ConfigValidators(context.Context) []resource.ConfigValidator {
	return []resource.ConfigValidator{strategyRules()}
}

func (r *clusterCapacityProvidersResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	if d := configuredData(req.ProviderData, "ecsx_cluster_capacity_providers", &resp.Diagnostics); d != nil {
		r.data = d
	}
}

// ModifyPlan plans region: the provider's unless set; a change replaces the
// association.
func (r *clusterCapacityProvidersResource) ModifyPlan(_ context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	plan, config, state := rawPlanState(req, &resp.Diagnostics)
	if plan == nil {
		return
	}
	planRegion(plan, config, state, r.data, resp)
	resp.Plan.Raw = tftypes.NewValue(req.Plan.Raw.Type(), plan)
}

func (r *clusterCapacityProvidersResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan clusterCapacityProvidersModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	plan.Region = types.StringValue(r.data.regionOr(plan.Region.ValueString()))
	timeout, d := plan.Timeouts.Create(ctx, defaultCreateTimeout)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	scoped, uncertain := r.put(ctx, timeout, &plan, nil, nil, &resp.Diagnostics)
	if uncertain {
		// Recorded as ECS reports it, tainted: the next apply sets the
		// providers again.
		r.saveUncertain(ctx, &plan, &resp.State, &resp.Diagnostics)
	}
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	resp.Diagnostics.Append(recordScoped(ctx, resp.Private, expandCapacityProviders(plan.CapacityProviders), scoped)...)
}

func (r *clusterCapacityProvidersResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state clusterCapacityProvidersModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, d := plan.Timeouts.Update(ctx, defaultUpdateTimeout)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	scoped, uncertain := r.put(ctx, timeout, &plan, expandCapacityProviders(state.CapacityProviders), scopedFromPrivate(ctx, req.Private), &resp.Diagnostics)
	if uncertain {
		r.saveUncertain(ctx, &state, &resp.State, &resp.Diagnostics)
	}
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	resp.Diagnostics.Append(recordScoped(ctx, resp.Private, expandCapacityProviders(plan.CapacityProviders), scoped)...)
}

// put waits until every named capacity provider is ACTIVE, associates them
// and the strategy with the cluster, and waits until the cluster's
// attachments are updated, all within timeout. The Managed Instances providers among them
// (those of priorScoped, and the new ones it finds) belong to the cluster
// already and are not sent; it returns their names. When the
// PutClusterCapacityProviders call fails with an unknown outcome (an attempt
// got no answer or a 5xx), it reports uncertain.
func (r *clusterCapacityProvidersResource) put(ctx context.Context, timeout time.Duration, m *clusterCapacityProvidersModel, prior, priorScoped []string, diags *diag.Diagnostics) (_ []string, uncertain bool) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	client := r.data.ecsIn(m.Region.ValueString())
	cluster := m.ClusterName.ValueString()
	providers := expandCapacityProviders(m.CapacityProviders)
	newScoped, ok := waitProvidersUsable(ctx, client, cluster, providers, prior, diags)
	if !ok {
		return nil, false
	}
	scoped := append(newScoped, priorScoped...)
	callCtx, attempts := trackAttempts(ctx)
	err := retryClassified(ctx, func() (retryKind, error) {
		_, err := client.PutClusterCapacityProviders(callCtx, &ecs.PutClusterCapacityProvidersInput{
			Cluster:                         aws.String(cluster),
			CapacityProviders:               withoutScoped(providers, scoped),
			DefaultCapacityProviderStrategy: expandStrategy(m.DefaultCapacityProviderStrategy),
		})
		return capacityProviderUpdateRetry(err), err
	})
	if err != nil {
		diags.AddError(putProvidersErrorDiagnostic(ctx, client, cluster, fmt.Sprintf("set the capacity providers of cluster %q", cluster), err, removedProviders(prior, providers)))
		return nil, attempts.uncertain(err)
	}
	c, err := waitClusterActive(ctx, client, cluster)
	if err != nil {
		diags.AddError(waitErrorDiagnostic(fmt.Sprintf("bring cluster %q back to ACTIVE after setting its capacity providers", cluster), err))
		return nil, false
	}
	diags.Append(flattenClusterCapacityProviders(ctx, client, c, m, providers)...)
	return scoped, false
}

// saveUncertain records the cluster's capacity providers as ECS reports
// them after a PutClusterCapacityProviders whose outcome is unknown, so
// that the state never misses an association that ECS made. When the
// cluster cannot be read, nothing is recorded.
func (r *clusterCapacityProvidersResource) saveUncertain(ctx context.Context, m *clusterCapacityProvidersModel, st *tfsdk.State, diags *diag.Diagnostics) {
	lookCtx, cancel := lookupContext(ctx)
	defer cancel()
	client := r.data.ecsIn(m.Region.ValueString())
	cluster := m.ClusterName.ValueString()
	c, err := findLiveCluster(lookCtx, client, cluster)
	if err != nil || c == nil {
		diags.AddWarning(uncertainChangeSummary, uncertainChangeDetail(fmt.Sprintf("the capacity providers of cluster %q", cluster), false))
		return
	}
	var d diag.Diagnostics
	d.Append(flattenClusterCapacityProviders(lookCtx, client, c, m, expandCapacityProviders(m.CapacityProviders))...)
	if d.HasError() {
		diags.Append(d...)
		return
	}
	diags.Append(st.Set(ctx, m)...)
	diags.AddWarning(uncertainChangeSummary, uncertainChangeDetail(fmt.Sprintf("the capacity providers of cluster %q", cluster), true))
}

// flattenClusterCapacityProviders stores the cluster's providers and
// strategy in m. A null capacity_providers stays null while the cluster has
// none. Managed Instances providers that known does not name are left out.
func flattenClusterCapacityProviders(ctx context.Context, client *ecsClient, c *ecstypes.Cluster, m *clusterCapacityProvidersModel, known []string) diag.Diagnostics {
	var diags diag.Diagnostics
	reported, err := dropUnlistedScoped(ctx, client, c.CapacityProviders, known)
	if err != nil {
		diags.AddError(apiErrorDiagnostic(fmt.Sprintf("look up the capacity providers of cluster %q", aws.ToString(c.ClusterName)), err))
		return diags
	}
	m.ID = types.StringValue(aws.ToString(c.ClusterName))
	m.ClusterName = types.StringValue(aws.ToString(c.ClusterName))
	if region := regionOfARN(aws.ToString(c.ClusterArn)); region != "" {
		m.Region = types.StringValue(region)
	}
	if len(reported) == 0 && m.CapacityProviders.IsNull() {
		m.CapacityProviders = types.SetNull(types.StringType)
	} else {
		elems := make([]attr.Value, len(reported))
		for i, p := range reported {
			elems[i] = types.StringValue(p)
		}
		var d diag.Diagnostics
		m.CapacityProviders, d = types.SetValue(types.StringType, elems)
		diags.Append(d...)
	}
	var d diag.Diagnostics
	m.DefaultCapacityProviderStrategy, d = flattenStrategy(c.DefaultCapacityProviderStrategy)
	diags.Append(d...)
	return diags
}

func (r *clusterCapacityProvidersResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state clusterCapacityProvidersModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	state.Region = types.StringValue(r.data.regionOr(state.Region.ValueString()))
	cluster := state.ClusterName.ValueString()
	client := r.data.ecsIn(state.Region.ValueString())
	c, err := findLiveCluster(ctx, client, cluster)
	if err != nil {
		resp.Diagnostics.AddError(apiErrorDiagnostic(fmt.Sprintf("read the capacity providers of cluster %q", cluster), err))
		return
	}
	if c == nil {
		resp.State.RemoveResource(ctx)
		return
	}
	resp.Diagnostics.Append(flattenClusterCapacityProviders(ctx, client, c, &state, expandCapacityProviders(state.CapacityProviders))...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Delete removes every capacity provider and the default strategy from the
// cluster. A cluster that is already gone has none.
func (r *clusterCapacityProvidersResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state clusterCapacityProvidersModel
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
	cluster := state.ClusterName.ValueString()
	gone := false
	callCtx, attempts := trackAttempts(ctx)
	err := retryClassified(ctx, func() (retryKind, error) {
		_, err := client.PutClusterCapacityProviders(callCtx, &ecs.PutClusterCapacityProvidersInput{
			Cluster:                         aws.String(cluster),
			CapacityProviders:               []string{},
			DefaultCapacityProviderStrategy: []ecstypes.CapacityProviderStrategyItem{},
		})
		var notFound *ecstypes.ClusterNotFoundException
		if errors.As(err, &notFound) || errorCodeIs(err, "ClientException", "INACTIVE") {
			gone = true
			return retryNever, nil
		}
		return capacityProviderUpdateRetry(err), err
	})
	if err != nil && attempts.uncertain(err) {
		r.settleUncertainDelete(ctx, client, &state, err, resp)
		return
	}
	if err != nil {
		resp.Diagnostics.AddError(putProvidersErrorDiagnostic(ctx, client, cluster, fmt.Sprintf("remove the capacity providers of cluster %q", cluster), err,
			expandCapacityProviders(state.CapacityProviders)))
		return
	}
	if gone {
		return
	}
	if _, err := waitClusterActive(ctx, client, cluster); err != nil {
		resp.Diagnostics.AddError(waitErrorDiagnostic(fmt.Sprintf("wait for cluster %q to release its capacity providers", cluster), err))
	}
}

// settleUncertainDelete ends a delete whose PutClusterCapacityProviders
// failed with an unknown outcome (an attempt got no answer or a 5xx, so ECS
// may have applied it): it reads the cluster again on a fresh deadline. A
// cluster that is gone, or that has no capacity provider (Managed Instances
// providers aside: they belong to the cluster and the delete does not send
// them) and no default strategy, is as the delete wanted: once it is ACTIVE
// again, the delete succeeds. Otherwise the error says what ECS reports, and
// the association stays in the state as ECS reports it.
func (r *clusterCapacityProvidersResource) settleUncertainDelete(ctx context.Context, client *ecsClient, state *clusterCapacityProvidersModel, callErr error, resp *resource.DeleteResponse) {
	cluster := state.ClusterName.ValueString()
	summary, detail := apiErrorDiagnostic(fmt.Sprintf("remove the capacity providers of cluster %q", cluster), callErr)
	detail += "\n\nAn attempt got no answer or a server error, so ECS may have removed them."
	lookCtx, cancel := lookupContext(ctx)
	defer cancel()
	c, err := findLiveCluster(lookCtx, client, cluster)
	if err == nil && c == nil {
		return
	}
	var left []string
	if err == nil {
		left, err = dropUnlistedScoped(lookCtx, client, c.CapacityProviders, nil)
	}
	if err != nil {
		resp.Diagnostics.AddError(summary, detail+fmt.Sprintf(" The cluster could not be read again (%s): the association stays in the state, and the next destroy removes them again.", err))
		return
	}
	if len(left) == 0 && len(c.DefaultCapacityProviderStrategy) == 0 {
		if _, err := waitClusterActive(lookCtx, client, cluster); err != nil {
			resp.Diagnostics.AddError(waitErrorDiagnostic(fmt.Sprintf("wait for cluster %q to release its capacity providers", cluster), err))
		}
		return
	}
	d := flattenClusterCapacityProviders(lookCtx, client, c, state, expandCapacityProviders(state.CapacityProviders))
	if !d.HasError() {
		d.Append(resp.State.Set(ctx, state)...)
	}
	resp.Diagnostics.Append(d...)
	resp.Diagnostics.AddError(summary, detail+fmt.Sprintf(" ECS still reports capacity providers %v and %d default strategy items for the cluster: "+
		"the association stays in the state as ECS reports it, and the next destroy removes them again.", left, len(c.DefaultCapacityProviderStrategy)))
}

// ImportState takes the cluster name, as hashicorp/aws does.
func (r *clusterCapacityProvidersResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	id, problem := parseClusterImportID(req.ID)
	if problem != "" {
		resp.Diagnostics.AddError("Invalid import ID", problem)
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id.name)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("cluster_name"), id.name)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("region"), r.data.regionOr(id.region))...)
}
