package provider

import (
	"context"
	"fmt"
	"regexp"

	"github.com/aws/aws-sdk-go-v2/aws"
	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"
	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecsx/terraform-provider-ecsx/internal/validators"
)

var (
	_ datasource.DataSource                     = (*clusterDataSource)(nil)
	_ datasource.DataSourceWithConfigure        = (*clusterDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*clusterDataSource)(nil)
)

// clusterARNInputPattern matches a cluster ARN given to the data source.
var clusterARNInputPattern = regexp.MustCompile(`^arn:aws[a-z-]*:ecs:[a-z0-9-]+:\d{12}:cluster/[A-Za-z0-9_-]{1,255}$`)

// NewClusterDataSource returns the ecsx_cluster data source.
func NewClusterDataSource() datasource.DataSource {
	return &clusterDataSource{}
}

// clusterDataSource reads one existing Amazon ECS cluster.
type clusterDataSource struct {
	data *providerData
}

// clusterDataSourceModel is the state of the ecsx_cluster data source.
type clusterDataSourceModel struct {
	ID                                types.String `tfsdk:"id"`
	ARN                               types.String `tfsdk:"arn"`
	ClusterName                       types.String `tfsdk:"cluster_name"`
	Region                            types.String `tfsdk:"region"`
	Tags                              types.Map    `tfsdk:"tags"`
	Setting                           types.Set    `tfsdk:"setting"`
	Configuration                     types.List   `tfsdk:"configuration"`
	CapacityProviders                 types.Set    `tfsdk:"capacity_providers"`
	DefaultCapacityProviderStrategy   types.Set    `tfsdk:"default_capacity_provider_strategy"`
	ServiceConnectDefaults            types.List   `tfsdk:"service_connect_defaults"`
	Status                            types.String `tfsdk:"status"`
	RegisteredContainerInstancesCount types.Int64  `tfsdk:"registered_container_instances_count"`
	RunningTasksCount                 types.Int64  `tfsdk:"running_tasks_count"`
	PendingTasksCount                 types.Int64  `tfsdk:"pending_tasks_count"`
	ActiveServicesCount               types.Int64  `tfsdk:"active_services_count"`
	Statistics                        types.Map    `tfsdk:"statistics"`
	Attachments                       types.List   `tfsdk:"attachments"`
	AttachmentsStatus                 types.String `tfsdk:"attachments_status"`
}

func (d *clusterDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_cluster"
}

// clusterDataSourceResults are the attributes of the ecsx_cluster data
// source that report a computed result of the ecsx_cluster resource, with
// the resource's type and description.
var clusterDataSourceResults = []string{
	"id", "status", "registered_container_instances_count", "running_tasks_count", "pending_tasks_count",
	"active_services_count", "statistics", "attachments", "attachments_status",
}

// Schema derives the types of the results, and the descriptions of those
// that mean what they mean in the resource, from the ecsx_cluster
// resource's schema; the blocks of the resource become lists and sets of
// objects of the same shape.
func (d *clusterDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	r := clusterSchema()
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads an existing Amazon ECS cluster, given by `cluster_name` or by `arn`: its status, task, service and container instance counts, " +
			"statistics, attachments, settings, ECS Exec and managed storage configuration, capacity providers with the default capacity provider strategy, " +
			"Service Connect defaults and tags. Its arguments and results are those of hashicorp/aws's `aws_ecs_cluster` data source, under the same names and shapes, plus ecsx's additions.\n\n" +
			"The cluster is read with a single `DescribeClusters` call. A cluster that does not exist, or that was deleted (`INACTIVE`), is an error.",
		Attributes: map[string]schema.Attribute{
			"cluster_name": schema.StringAttribute{
				MarkdownDescription: "Name of the cluster to read: 1-255 letters, digits, hyphens (`-`) and underscores (`_`). Exactly one of `cluster_name` and `arn` must be set.",
				Optional:            true,
				Computed:            true,
				Validators:          []validator.String{validators.ClusterName()},
			},
			"arn": schema.StringAttribute{
				MarkdownDescription: "ARN of the cluster to read, `arn:<partition>:ecs:<region>:<account>:cluster/<name>`; its region is the region read. Exactly one of `cluster_name` and `arn` must be set.",
				Optional:            true,
				Computed:            true,
				Validators: []validator.String{
					stringvalidator.RegexMatches(clusterARNInputPattern, "must be a cluster ARN such as arn:aws:ecs:us-east-1:123456789012:cluster/name"),
				},
			},
			"region": schema.StringAttribute{
				MarkdownDescription: "AWS region of the cluster. Defaults to the region of `arn`, else the provider's.",
				Optional:            true,
				Computed:            true,
				Validators: []validator.String{
					stringvalidator.RegexMatches(regionPattern, "must be an AWS region name such as eu-west-1"),
				},
			},
			"tags": schema.MapAttribute{
				MarkdownDescription: "Tags of the cluster, keyed by tag key. AWS-reserved `aws:` tags are not shown.",
				Computed:            true,
				ElementType:         attributeElementType(r, "tags"),
			},
			"setting": schema.SetAttribute{
				MarkdownDescription: "Cluster settings, such as `containerInsights`: a set of objects with `name` and `value`.",
				Computed:            true,
				ElementType:         blockElementType(r, "setting"),
			},
			"configuration": schema.ListAttribute{
				MarkdownDescription: "ECS Exec and managed storage configuration, empty when the cluster has none: a list of at most one object, in the shape of the resource's `configuration` block " +
					"(`configuration[0].execute_command_configuration[0].logging`, `configuration[0].managed_storage_configuration[0].kms_key_id`, ...).",
				Computed:    true,
				ElementType: blockElementType(r, "configuration"),
			},
			"capacity_providers": schema.SetAttribute{
				MarkdownDescription: "Capacity providers associated with the cluster.",
				Computed:            true,
				ElementType:         attributeElementType(r, "capacity_providers"),
			},
			"default_capacity_provider_strategy": schema.SetAttribute{
				MarkdownDescription: "Default capacity provider strategy: a set of objects with `capacity_provider`, `weight` and `base`.",
				Computed:            true,
				ElementType:         blockElementType(r, "default_capacity_provider_strategy"),
			},
			"service_connect_defaults": schema.ListAttribute{
				MarkdownDescription: "Default Service Connect namespace, empty when the cluster has none: a list of at most one object with `namespace` (the namespace ARN, as ECS reports it) and `namespace_arn` (the same ARN).",
				Computed:            true,
				ElementType:         blockElementType(r, "service_connect_defaults"),
			},
		},
	}
	for _, name := range clusterDataSourceResults {
		resp.Schema.Attributes[name] = computedResult(r, name)
	}
}

func (d *clusterDataSource) ConfigValidators(_ context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{
		datasourcevalidator.ExactlyOneOf(path.MatchRoot("cluster_name"), path.MatchRoot("arn")),
	}
}

func (d *clusterDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = configuredData(req.ProviderData, "The ecsx_cluster data source", &resp.Diagnostics)
}

func (d *clusterDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m clusterDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if d.data == nil {
		resp.Diagnostics.AddError("Provider not configured",
			"The ecsx_cluster data source was read before the provider was configured. This is a bug in the provider; please report it.")
		return
	}

	attribute, lookup, region := d.data.lookupOf("cluster_name", m.ClusterName, m.ARN, m.Region)

	c, err := findCluster(ctx, d.data.ecsIn(region), lookup)
	if err != nil {
		summary, detail := apiErrorDiagnostic(fmt.Sprintf("read cluster %s", lookup), err)
		resp.Diagnostics.AddError(summary, detail)
		return
	}
	if c == nil {
		resp.Diagnostics.AddAttributeError(attribute, "Cluster not found",
			fmt.Sprintf("ECS has no cluster %s in region %s. Check the name or ARN, the region and the account of the provider.", lookup, region))
		return
	}
	if status := aws.ToString(c.Status); status == clusterStatusInactive {
		resp.Diagnostics.AddAttributeError(attribute, "Cluster is deleted",
			fmt.Sprintf("The cluster %s is INACTIVE: it was deleted, and ECS keeps reporting it for a while afterwards. An INACTIVE cluster cannot be used.", lookup))
		return
	}

	resp.Diagnostics.Append(flattenClusterDataSource(c, &m, d.data.IgnoreTags)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// flattenClusterDataSource writes a described cluster into the data source
// model through the resource's flattenCluster, adopting everything the
// cluster has: every reported tag is the cluster's own, and the Service
// Connect namespace is shown as the reported ARN.
func flattenClusterDataSource(c *ecstypes.Cluster, m *clusterDataSourceModel, ignore ignoreTags) diag.Diagnostics {
	r := clusterResourceModel{
		Tags:                   types.MapNull(types.StringType),
		ServiceConnectDefaults: emptyBlockList(serviceConnectDefaultsAttrTypes),
	}
	diags := flattenCluster(c, &r, tagContext{ignore: ignore}, true)
	if diags.HasError() {
		return diags
	}
	m.ID = r.ID
	m.ARN = r.ARN
	m.ClusterName = r.Name
	m.Region = r.Region
	m.Tags = r.TagsAll
	m.Setting = r.Setting
	m.Configuration = r.Configuration
	m.CapacityProviders = r.CapacityProviders
	m.DefaultCapacityProviderStrategy = r.DefaultCapacityProviderStrategy
	m.ServiceConnectDefaults = r.ServiceConnectDefaults
	m.Status = r.Status
	m.RegisteredContainerInstancesCount = r.RegisteredContainerInstancesCount
	m.RunningTasksCount = r.RunningTasksCount
	m.PendingTasksCount = r.PendingTasksCount
	m.ActiveServicesCount = r.ActiveServicesCount
	m.Statistics = r.Statistics
	m.Attachments = r.Attachments
	m.AttachmentsStatus = r.AttachmentsStatus
	return diags
}
