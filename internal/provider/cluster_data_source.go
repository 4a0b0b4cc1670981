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
	Name                              types.String `tfsdk:"name"`
	Tags                              types.Map    `tfsdk:"tags"`
	Settings                          types.List   `tfsdk:"settings"`
	Configuration                     types.Object `tfsdk:"configuration"`
	CapacityProviders                 types.Set    `tfsdk:"capacity_providers"`
	DefaultCapacityProviderStrategy   types.Set    `tfsdk:"default_capacity_provider_strategy"`
	ServiceConnectDefaults            types.Object `tfsdk:"service_connect_defaults"`
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

func (d *clusterDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads an existing Amazon ECS cluster, given by `name` or by `arn`: its status, task, service and container instance counts, " +
			"statistics, attachments, settings, ECS Exec and managed storage configuration, capacity providers with the default capacity provider strategy, " +
			"Service Connect defaults and tags.\n\n" +
			"The cluster is read with a single `DescribeClusters` call. A cluster that does not exist, or that was deleted (`INACTIVE`), is an error.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The cluster ARN.",
				Computed:            true,
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "Name of the cluster to read: 1-255 letters, digits, hyphens (`-`) and underscores (`_`). Exactly one of `name` and `arn` must be set.",
				Optional:            true,
				Computed:            true,
				Validators:          []validator.String{validators.ClusterName()},
			},
			"arn": schema.StringAttribute{
				MarkdownDescription: "ARN of the cluster to read, `arn:<partition>:ecs:<region>:<account>:cluster/<name>`. Exactly one of `name` and `arn` must be set.",
				Optional:            true,
				Computed:            true,
				Validators: []validator.String{
					stringvalidator.RegexMatches(clusterARNInputPattern, "must be a cluster ARN such as arn:aws:ecs:us-east-1:123456789012:cluster/name"),
				},
			},
			"tags": schema.MapAttribute{
				MarkdownDescription: "Tags of the cluster, keyed by tag key. AWS-reserved `aws:` tags are not shown.",
				Computed:            true,
				ElementType:         types.StringType,
			},
			"settings": schema.ListNestedAttribute{
				MarkdownDescription: "Cluster settings, such as `containerInsights`.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"name": schema.StringAttribute{
							MarkdownDescription: "Setting name: `containerInsights`.",
							Computed:            true,
						},
						"value": schema.StringAttribute{
							MarkdownDescription: "Setting value: `enabled`, `disabled` or `enhanced`.",
							Computed:            true,
						},
					},
				},
			},
			"configuration": schema.SingleNestedAttribute{
				MarkdownDescription: "ECS Exec and managed storage configuration; null when the cluster has none.",
				Computed:            true,
				Attributes: map[string]schema.Attribute{
					"execute_command_configuration": schema.SingleNestedAttribute{
						MarkdownDescription: "Configuration of ECS Exec sessions (`aws ecs execute-command`).",
						Computed:            true,
						Attributes: map[string]schema.Attribute{
							"kms_key_id": schema.StringAttribute{
								MarkdownDescription: "KMS key ID or ARN that encrypts the data channel between the local client and the container.",
								Computed:            true,
							},
							"logging": schema.StringAttribute{
								MarkdownDescription: "Where session output is logged: `NONE`, `DEFAULT` or `OVERRIDE`.",
								Computed:            true,
							},
							"log_configuration": schema.SingleNestedAttribute{
								MarkdownDescription: "Log destinations of ECS Exec sessions, used with `logging = \"OVERRIDE\"`.",
								Computed:            true,
								Attributes: map[string]schema.Attribute{
									"cloud_watch_log_group_name": schema.StringAttribute{
										MarkdownDescription: "CloudWatch Logs log group that receives session output.",
										Computed:            true,
									},
									"cloud_watch_encryption_enabled": schema.BoolAttribute{
										MarkdownDescription: "Whether the log group is encrypted.",
										Computed:            true,
									},
									"s3_bucket_name": schema.StringAttribute{
										MarkdownDescription: "S3 bucket that receives session output.",
										Computed:            true,
									},
									"s3_encryption_enabled": schema.BoolAttribute{
										MarkdownDescription: "Whether the S3 objects are encrypted.",
										Computed:            true,
									},
									"s3_key_prefix": schema.StringAttribute{
										MarkdownDescription: "Prefix of the S3 object keys.",
										Computed:            true,
									},
								},
							},
						},
					},
					"managed_storage_configuration": schema.SingleNestedAttribute{
						MarkdownDescription: "KMS keys of the storage that ECS manages for tasks.",
						Computed:            true,
						Attributes: map[string]schema.Attribute{
							"kms_key_id": schema.StringAttribute{
								MarkdownDescription: "KMS key ID or ARN that encrypts managed storage (such as Amazon EBS volumes attached to tasks).",
								Computed:            true,
							},
							"fargate_ephemeral_storage_kms_key_id": schema.StringAttribute{
								MarkdownDescription: "KMS key ID or ARN that encrypts Fargate ephemeral storage.",
								Computed:            true,
							},
						},
					},
				},
			},
			"capacity_providers": schema.SetAttribute{
				MarkdownDescription: "Capacity providers associated with the cluster, such as `FARGATE`, `FARGATE_SPOT` or Auto Scaling group capacity providers.",
				Computed:            true,
				ElementType:         types.StringType,
			},
			"default_capacity_provider_strategy": schema.SetNestedAttribute{
				MarkdownDescription: "Default capacity provider strategy of services and tasks launched without a launch type or strategy.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"capacity_provider": schema.StringAttribute{
							MarkdownDescription: "Capacity provider name.",
							Computed:            true,
						},
						"weight": schema.Int64Attribute{
							MarkdownDescription: "Relative share of tasks placed on this provider once the bases are met.",
							Computed:            true,
						},
						"base": schema.Int64Attribute{
							MarkdownDescription: "Minimum number of tasks placed on this provider.",
							Computed:            true,
						},
					},
				},
			},
			"service_connect_defaults": schema.SingleNestedAttribute{
				MarkdownDescription: "Default Service Connect namespace of services in the cluster; null when the cluster has none.",
				Computed:            true,
				Attributes: map[string]schema.Attribute{
					"namespace": schema.StringAttribute{
						MarkdownDescription: "The Cloud Map namespace as ECS reports it: its ARN. The same value as `namespace_arn`, so that references written for the `ecsx_cluster` resource work unchanged.",
						Computed:            true,
					},
					"namespace_arn": schema.StringAttribute{
						MarkdownDescription: "ARN of the Cloud Map namespace.",
						Computed:            true,
					},
				},
			},
			"status": schema.StringAttribute{
				MarkdownDescription: "Cluster status: `ACTIVE`, `PROVISIONING`, `DEPROVISIONING` or `FAILED`.",
				Computed:            true,
			},
			"registered_container_instances_count": schema.Int64Attribute{
				MarkdownDescription: "Number of container instances registered to the cluster.",
				Computed:            true,
			},
			"running_tasks_count": schema.Int64Attribute{
				MarkdownDescription: "Number of tasks in the `RUNNING` state.",
				Computed:            true,
			},
			"pending_tasks_count": schema.Int64Attribute{
				MarkdownDescription: "Number of tasks in the `PENDING` state.",
				Computed:            true,
			},
			"active_services_count": schema.Int64Attribute{
				MarkdownDescription: "Number of services in the `ACTIVE` state.",
				Computed:            true,
			},
			"statistics": schema.MapAttribute{
				MarkdownDescription: "Statistics reported by ECS, such as `runningEC2TasksCount` or `drainingFargateServiceCount`, keyed by name.",
				Computed:            true,
				ElementType:         types.StringType,
			},
			"attachments": schema.ListNestedAttribute{
				MarkdownDescription: "Resources attached to the cluster by ECS, such as the Auto Scaling plans of capacity providers (`asp`) and Service Connect (`sc`).",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"id": schema.StringAttribute{
							MarkdownDescription: "Attachment ID.",
							Computed:            true,
						},
						"type": schema.StringAttribute{
							MarkdownDescription: "Attachment type, such as `asp`, `as_policy`, `managed_draining` or `sc`.",
							Computed:            true,
						},
						"status": schema.StringAttribute{
							MarkdownDescription: "Attachment status, such as `ACTIVE`, `CREATED`, `ATTACHED`, `DELETING` or `FAILED`.",
							Computed:            true,
						},
						"details": schema.MapAttribute{
							MarkdownDescription: "Attachment details, keyed by name.",
							Computed:            true,
							ElementType:         types.StringType,
						},
					},
				},
			},
			"attachments_status": schema.StringAttribute{
				MarkdownDescription: "Status of the latest capacity provider update: `UPDATE_IN_PROGRESS`, `UPDATE_COMPLETE` or `UPDATE_FAILED`.",
				Computed:            true,
			},
		},
	}
}

func (d *clusterDataSource) ConfigValidators(_ context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{
		datasourcevalidator.ExactlyOneOf(path.MatchRoot("name"), path.MatchRoot("arn")),
	}
}

func (d *clusterDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	if req.ProviderData == nil {
		return
	}
	data, ok := req.ProviderData.(*providerData)
	if !ok {
		resp.Diagnostics.AddError("Unexpected provider data",
			fmt.Sprintf("The ecsx_cluster data source expected *providerData, got %T. This is a bug in the provider; please report it.", req.ProviderData))
		return
	}
	d.data = data
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

	attribute, lookup := path.Root("name"), m.Name.ValueString()
	if lookup == "" {
		attribute, lookup = path.Root("arn"), m.ARN.ValueString()
	}

	c, err := findCluster(ctx, d.data.ECS, lookup)
	if err != nil {
		summary, detail := apiErrorDiagnostic(fmt.Sprintf("read cluster %s", lookup), err)
		resp.Diagnostics.AddError(summary, detail)
		return
	}
	if c == nil {
		resp.Diagnostics.AddAttributeError(attribute, "Cluster not found",
			fmt.Sprintf("ECS has no cluster %s in region %s. Check the name or ARN, the region and the account of the provider.", lookup, d.data.Region))
		return
	}
	if status := aws.ToString(c.Status); status == clusterStatusInactive {
		resp.Diagnostics.AddAttributeError(attribute, "Cluster is deleted",
			fmt.Sprintf("The cluster %s is INACTIVE: it was deleted, and ECS keeps reporting it for a while afterwards. An INACTIVE cluster cannot be used.", lookup))
		return
	}

	resp.Diagnostics.Append(flattenClusterDataSource(c, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// flattenClusterDataSource writes a described cluster into the data source
// model through the resource's flattenCluster, with no prior values: every
// reported tag is the cluster's own, and the Service Connect namespace is
// shown as the reported ARN.
func flattenClusterDataSource(c *ecstypes.Cluster, m *clusterDataSourceModel) diag.Diagnostics {
	r := clusterResourceModel{
		Tags:                   types.MapNull(types.StringType),
		Settings:               types.ListNull(types.ObjectType{AttrTypes: settingAttrTypes}),
		ServiceConnectDefaults: types.ObjectNull(serviceConnectDefaultsAttrTypes),
	}
	diags := flattenCluster(c, &r, nil)
	if diags.HasError() {
		return diags
	}
	m.ID = r.ID
	m.ARN = r.ARN
	m.Name = r.Name
	m.Tags = r.TagsAll
	m.Settings = r.Settings
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
