package provider

import (
	"context"
	"fmt"
	"regexp"

	"github.com/aws/aws-sdk-go-v2/aws"
	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"
	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecsx/terraform-provider-ecsx/internal/validators"
)

var (
	_ datasource.DataSource                     = (*capacityProviderDataSource)(nil)
	_ datasource.DataSourceWithConfigure        = (*capacityProviderDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*capacityProviderDataSource)(nil)
)

// capacityProviderARNInputPattern matches a capacity provider ARN given to
// the data source.
var capacityProviderARNInputPattern = regexp.MustCompile(`^arn:aws[a-z-]*:ecs:[a-z0-9-]+:\d{12}:capacity-provider/[A-Za-z0-9_-]{1,255}$`)

// NewCapacityProviderDataSource returns the ecsx_capacity_provider data
// source.
func NewCapacityProviderDataSource() datasource.DataSource {
	return &capacityProviderDataSource{}
}

// capacityProviderDataSource reads one existing capacity provider, custom or
// built in.
type capacityProviderDataSource struct {
	data *providerData
}

type capacityProviderDataSourceModel struct {
	ID                       types.String `tfsdk:"id"`
	ARN                      types.String `tfsdk:"arn"`
	Name                     types.String `tfsdk:"name"`
	Region                   types.String `tfsdk:"region"`
	Cluster                  types.String `tfsdk:"cluster"`
	Type                     types.String `tfsdk:"type"`
	Status                   types.String `tfsdk:"status"`
	UpdateStatus             types.String `tfsdk:"update_status"`
	UpdateStatusReason       types.String `tfsdk:"update_status_reason"`
	Tags                     types.Map    `tfsdk:"tags"`
	AutoScalingGroupProvider types.List   `tfsdk:"auto_scaling_group_provider"`
	ManagedInstancesProvider types.List   `tfsdk:"managed_instances_provider"`
}

func (d *capacityProviderDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_capacity_provider"
}

// resourceBlockType returns the element type of a block list of the
// ecsx_capacity_provider resource, so that the data source's results have
// exactly the shape of the resource's blocks.
func resourceBlockType(name string) attr.Type {
	t := capacityProviderResourceSchema().Blocks[name].Type()
	if l, ok := t.(types.ListType); ok {
		return l.ElemType
	}
	panic(fmt.Sprintf("ecsx_capacity_provider block %s is a %T, not a list", name, t))
}

func (d *capacityProviderDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads an existing Amazon ECS capacity provider, given by `name` or by `arn`: an Auto Scaling group provider, an ECS Managed Instances provider, " +
			"or `FARGATE` and `FARGATE_SPOT`. The results are in the shape of the `ecsx_capacity_provider` resource (the blocks become lists of objects: " +
			"`auto_scaling_group_provider[0].managed_scaling[0].target_capacity`, `managed_instances_provider[0].instance_launch_template[0].monitoring`), " +
			"plus the provider's `type` and statuses.\n\n" +
			"The provider is read with a single `DescribeCapacityProviders` call, shared with other reads of the same run. " +
			"A provider that does not exist, or that was deleted (`INACTIVE`), is an error.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The capacity provider ARN.",
				Computed:            true,
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "Name of the capacity provider to read, such as `FARGATE` or the name of a custom provider. Exactly one of `name` and `arn` must be set.",
				Optional:            true,
				Computed:            true,
				Validators:          []validator.String{validators.CapacityProviderName()},
			},
			"arn": schema.StringAttribute{
				MarkdownDescription: "ARN of the capacity provider to read, `arn:<partition>:ecs:<region>:<account>:capacity-provider/<name>`; its region is the region read. " +
					"Exactly one of `name` and `arn` must be set.",
				Optional: true,
				Computed: true,
				Validators: []validator.String{
					stringvalidator.RegexMatches(capacityProviderARNInputPattern, "must be a capacity provider ARN such as arn:aws:ecs:us-east-1:123456789012:capacity-provider/name"),
				},
			},
			"region": schema.StringAttribute{
				MarkdownDescription: "AWS region of the capacity provider. Defaults to the region of `arn`, else the provider's.",
				Optional:            true,
				Computed:            true,
				Validators: []validator.String{
					stringvalidator.RegexMatches(regionPattern, "must be an AWS region name such as eu-west-1"),
				},
			},
			"cluster": schema.StringAttribute{
				MarkdownDescription: "For a Managed Instances provider, the name of the cluster it belongs to; null otherwise.",
				Computed:            true,
			},
			"type": schema.StringAttribute{
				MarkdownDescription: "`EC2_AUTOSCALING`, `MANAGED_INSTANCES`, `FARGATE` or `FARGATE_SPOT`.",
				Computed:            true,
			},
			"status": schema.StringAttribute{
				MarkdownDescription: "`PROVISIONING`, `ACTIVE` or `DEPROVISIONING`.",
				Computed:            true,
			},
			"update_status": schema.StringAttribute{
				MarkdownDescription: "Status of the latest create, update or delete, such as `CREATE_COMPLETE` or `UPDATE_FAILED`; null when ECS reports none.",
				Computed:            true,
			},
			"update_status_reason": schema.StringAttribute{
				MarkdownDescription: "ECS's reason for `update_status`, such as why an update failed; null when there is none.",
				Computed:            true,
			},
			"tags": schema.MapAttribute{
				MarkdownDescription: "Tags of the capacity provider, keyed by tag key.",
				Computed:            true,
				ElementType:         types.StringType,
			},
			"auto_scaling_group_provider": schema.ListAttribute{
				MarkdownDescription: "For an Auto Scaling group provider, a list of one object in the shape of the resource's `auto_scaling_group_provider` block " +
					"(`auto_scaling_group_arn`, `managed_draining`, `managed_termination_protection`, `managed_scaling`); empty otherwise.",
				Computed:    true,
				ElementType: resourceBlockType("auto_scaling_group_provider"),
			},
			"managed_instances_provider": schema.ListAttribute{
				MarkdownDescription: "For a Managed Instances provider, a list of one object in the shape of the resource's `managed_instances_provider` block " +
					"(`infrastructure_role_arn`, `propagate_tags`, `instance_launch_template`, ...); empty otherwise.",
				Computed:    true,
				ElementType: resourceBlockType("managed_instances_provider"),
			},
		},
	}
}

func (d *capacityProviderDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{
		datasourcevalidator.ExactlyOneOf(path.MatchRoot("name"), path.MatchRoot("arn")),
	}
}

func (d *capacityProviderDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = configuredData(req.ProviderData, "The ecsx_capacity_provider data source", &resp.Diagnostics)
}

func (d *capacityProviderDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m capacityProviderDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if d.data == nil {
		resp.Diagnostics.AddError("Provider not configured",
			"The ecsx_capacity_provider data source was read before the provider was configured. This is a bug in the provider; please report it.")
		return
	}
	attribute, lookup, region := d.data.lookupOf("name", m.Name, m.ARN, m.Region)

	p, err := findCapacityProvider(ctx, d.data.ecsIn(region), lookup)
	if err != nil {
		resp.Diagnostics.AddError(apiErrorDiagnostic(fmt.Sprintf("read capacity provider %s", lookup), err))
		return
	}
	if p == nil {
		resp.Diagnostics.AddAttributeError(attribute, "Capacity provider not found",
			fmt.Sprintf("ECS has no capacity provider %s in region %s. Check the name or ARN, the region and the account of the provider.", lookup, region))
		return
	}
	if p.Status == ecstypes.CapacityProviderStatusInactive {
		resp.Diagnostics.AddAttributeError(attribute, "Capacity provider is deleted",
			fmt.Sprintf("The capacity provider %s is INACTIVE: it was deleted, and ECS keeps reporting it for a while afterwards.", lookup))
		return
	}

	// The resource's flattening, as for an import: every reported tag and
	// every optional block ECS reports is taken in.
	r := capacityProviderModel{
		Tags:                     types.MapNull(types.StringType),
		AutoScalingGroupProvider: types.ListNull(resourceBlockType("auto_scaling_group_provider")),
		ManagedInstancesProvider: types.ListNull(resourceBlockType("managed_instances_provider")),
	}
	resp.Diagnostics.Append(flattenCapacityProvider(ctx, p, &r, tagContext{ignore: d.data.IgnoreTags})...)
	if resp.Diagnostics.HasError() {
		return
	}
	m.ID, m.ARN, m.Name, m.Cluster = r.ID, r.ARN, r.Name, r.Cluster
	m.Region = types.StringValue(region)
	if r.Region.ValueString() != "" {
		m.Region = r.Region
	}
	m.Tags = r.TagsAll
	m.AutoScalingGroupProvider, m.ManagedInstancesProvider = r.AutoScalingGroupProvider, r.ManagedInstancesProvider
	m.Type = types.StringValue(string(p.Type))
	m.Status = types.StringValue(string(p.Status))
	m.UpdateStatus = stringOrNull(aws.String(string(p.UpdateStatus)))
	m.UpdateStatusReason = stringOrNull(p.UpdateStatusReason)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
