package provider

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"
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
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/ecsx/terraform-provider-ecsx/internal/validators"
)

var (
	_ resource.Resource                = (*clusterCapacityProvidersResource)(nil)
	_ resource.ResourceWithConfigure   = (*clusterCapacityProvidersResource)(nil)
	_ resource.ResourceWithImportState = (*clusterCapacityProvidersResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*clusterCapacityProvidersResource)(nil)
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
	ID                              types.String `tfsdk:"id"`
	ClusterName                     types.String `tfsdk:"cluster_name"`
	Region                          types.String `tfsdk:"region"`
	CapacityProviders               types.Set    `tfsdk:"capacity_providers"`
	DefaultCapacityProviderStrategy types.Set    `tfsdk:"default_capacity_provider_strategy"`
}

func (r *clusterCapacityProvidersResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_cluster_capacity_providers"
}

func (r *clusterCapacityProvidersResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Manages the capacity providers and the default capacity provider strategy of an ECS cluster, " +
			"in the syntax of `aws_ecs_cluster_capacity_providers` of the hashicorp/aws provider.\n\n" +
			"It exists so that a cluster, its capacity providers and their association can be created and destroyed in one run: " +
			"the association depends on both, so Terraform creates it last and destroys it first, and a capacity provider is never deleted " +
			"while a cluster still uses it. Before associating, it waits until every named capacity provider is `ACTIVE`. " +
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
					"Leaving it out or setting `[]` removes every capacity provider from the cluster.",
				Optional:    true,
				ElementType: types.StringType,
				Validators:  []validator.Set{setvalidator.ValueStringsAre(validators.CapacityProviderName())},
			},
		},
		Blocks: map[string]schema.Block{
			"default_capacity_provider_strategy": strategyBlock("An item of the cluster's default capacity provider strategy. " +
				"At most 20 items, each naming a provider of `capacity_providers` once; at most one item may have a `base` above 0, " +
				"and with several items at least one `weight` must be above 0. The order of the items does not matter."),
		},
	}
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
	r.put(ctx, &plan, nil, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *clusterCapacityProvidersResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state clusterCapacityProvidersModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	r.put(ctx, &plan, expandCapacityProviders(state.CapacityProviders), &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// put waits until every named capacity provider is ACTIVE, associates them
// and the strategy with the cluster, and waits until the cluster's
// attachments are updated.
func (r *clusterCapacityProvidersResource) put(ctx context.Context, m *clusterCapacityProvidersModel, prior []string, diags *diag.Diagnostics) {
	ctx, cancel := context.WithTimeout(ctx, defaultCreateTimeout)
	defer cancel()
	client := r.data.ecsIn(m.Region.ValueString())
	cluster := m.ClusterName.ValueString()
	providers := expandCapacityProviders(m.CapacityProviders)
	if !waitProvidersUsable(ctx, client, cluster, providers, prior, diags) {
		return
	}
	err := retryClassified(ctx, func() (retryKind, error) {
		_, err := client.PutClusterCapacityProviders(ctx, &ecs.PutClusterCapacityProvidersInput{
			Cluster:                         aws.String(cluster),
			CapacityProviders:               providers,
			DefaultCapacityProviderStrategy: expandStrategy(m.DefaultCapacityProviderStrategy),
		})
		return capacityProviderUpdateRetry(err), err
	})
	if err != nil {
		diags.AddError(apiErrorDiagnostic(fmt.Sprintf("set the capacity providers of cluster %q", cluster), err))
		return
	}
	c, err := waitClusterActive(ctx, client, cluster)
	if err != nil {
		diags.AddError(waitErrorDiagnostic(fmt.Sprintf("bring cluster %q back to ACTIVE after setting its capacity providers", cluster), err))
		return
	}
	diags.Append(flattenClusterCapacityProviders(c, m)...)
}

// waitProvidersUsable waits until every capacity provider of providers
// other than FARGATE, FARGATE_SPOT and those of prior (already associated,
// so usable) is ACTIVE, so that associating them does not fail while one is
// still PROVISIONING. It reports false, with an error naming
// capacity_providers, when one is not usable.
func waitProvidersUsable(ctx context.Context, client *ecs.Client, cluster string, providers, prior []string, diags *diag.Diagnostics) bool {
	for _, name := range providers {
		if name == "FARGATE" || name == "FARGATE_SPOT" || slices.Contains(prior, name) {
			continue
		}
		if err := waitProviderUsable(ctx, client, name); err != nil {
			diags.AddAttributeError(path.Root("capacity_providers"), "Capacity provider is not usable",
				fmt.Sprintf("Capacity provider %q cannot be associated with cluster %q: %s.", name, cluster, err))
			return false
		}
	}
	return true
}

// waitProviderUsable waits until a capacity provider is ACTIVE, and fails
// when it does not exist, failed to be created or is being deleted.
func waitProviderUsable(ctx context.Context, client *ecs.Client, name string) error {
	p, err := findLiveCapacityProvider(ctx, client, name)
	switch {
	case err != nil:
		return err
	case p == nil:
		return errors.New("it does not exist")
	case p.UpdateStatus == ecstypes.CapacityProviderUpdateStatusDeleteInProgress:
		return errors.New("it is being deleted")
	}
	if done, err := capacityProviderCreated(p); done || err != nil {
		return err
	}
	_, err = waitCapacityProvider(ctx, client, name, "for it to become ACTIVE", capacityProviderCreated)
	return err
}

// flattenClusterCapacityProviders stores the cluster's providers and
// strategy in m. A null capacity_providers stays null while the cluster has
// none.
func flattenClusterCapacityProviders(c *ecstypes.Cluster, m *clusterCapacityProvidersModel) diag.Diagnostics {
	var diags diag.Diagnostics
	m.ID = types.StringValue(aws.ToString(c.ClusterName))
	m.ClusterName = types.StringValue(aws.ToString(c.ClusterName))
	if region := regionOfARN(aws.ToString(c.ClusterArn)); region != "" {
		m.Region = types.StringValue(region)
	}
	if len(c.CapacityProviders) == 0 && m.CapacityProviders.IsNull() {
		m.CapacityProviders = types.SetNull(types.StringType)
	} else {
		elems := make([]attr.Value, len(c.CapacityProviders))
		for i, p := range c.CapacityProviders {
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
	c, err := findLiveCluster(ctx, r.data.ecsIn(state.Region.ValueString()), cluster)
	if err != nil {
		resp.Diagnostics.AddError(apiErrorDiagnostic(fmt.Sprintf("read the capacity providers of cluster %q", cluster), err))
		return
	}
	if c == nil {
		resp.State.RemoveResource(ctx)
		return
	}
	resp.Diagnostics.Append(flattenClusterCapacityProviders(c, &state)...)
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
	ctx, cancel := context.WithTimeout(ctx, defaultDeleteTimeout)
	defer cancel()
	client := r.data.ecsIn(state.Region.ValueString())
	cluster := state.ClusterName.ValueString()
	gone := false
	err := retryClassified(ctx, func() (retryKind, error) {
		_, err := client.PutClusterCapacityProviders(ctx, &ecs.PutClusterCapacityProvidersInput{
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
	if err != nil {
		resp.Diagnostics.AddError(apiErrorDiagnostic(fmt.Sprintf("remove the capacity providers of cluster %q", cluster), err))
		return
	}
	if gone {
		return
	}
	if _, err := waitClusterActive(ctx, client, cluster); err != nil {
		resp.Diagnostics.AddError(waitErrorDiagnostic(fmt.Sprintf("wait for cluster %q to release its capacity providers", cluster), err))
	}
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
