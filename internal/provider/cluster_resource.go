package provider

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"
	"github.com/aws/smithy-go"
	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/ecsx/terraform-provider-ecsx/internal/validators"
)

var (
	_ resource.Resource                = (*clusterResource)(nil)
	_ resource.ResourceWithConfigure   = (*clusterResource)(nil)
	_ resource.ResourceWithImportState = (*clusterResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*clusterResource)(nil)
)

// Default operation timeouts, overridable with the timeouts attribute.
const (
	defaultCreateTimeout = 20 * time.Minute
	defaultUpdateTimeout = 20 * time.Minute
	defaultDeleteTimeout = 20 * time.Minute
)

// NewClusterResource returns the ecsx_cluster resource.
func NewClusterResource() resource.Resource {
	return &clusterResource{}
}

// clusterResource manages one Amazon ECS cluster.
type clusterResource struct {
	data *providerData
}

// clusterResourceModel is the state of ecsx_cluster.
type clusterResourceModel struct {
	ID                                types.String   `tfsdk:"id"`
	ARN                               types.String   `tfsdk:"arn"`
	Name                              types.String   `tfsdk:"name"`
	NamePrefix                        types.String   `tfsdk:"name_prefix"`
	Tags                              types.Map      `tfsdk:"tags"`
	TagsAll                           types.Map      `tfsdk:"tags_all"`
	Settings                          types.List     `tfsdk:"settings"`
	Configuration                     types.Object   `tfsdk:"configuration"`
	CapacityProviders                 types.Set      `tfsdk:"capacity_providers"`
	DefaultCapacityProviderStrategy   types.Set      `tfsdk:"default_capacity_provider_strategy"`
	ServiceConnectDefaults            types.Object   `tfsdk:"service_connect_defaults"`
	Status                            types.String   `tfsdk:"status"`
	RegisteredContainerInstancesCount types.Int64    `tfsdk:"registered_container_instances_count"`
	RunningTasksCount                 types.Int64    `tfsdk:"running_tasks_count"`
	PendingTasksCount                 types.Int64    `tfsdk:"pending_tasks_count"`
	ActiveServicesCount               types.Int64    `tfsdk:"active_services_count"`
	Statistics                        types.Map      `tfsdk:"statistics"`
	Attachments                       types.List     `tfsdk:"attachments"`
	AttachmentsStatus                 types.String   `tfsdk:"attachments_status"`
	Timeouts                          timeouts.Value `tfsdk:"timeouts"`
}

// nameSuffixLength is the length of the unique suffix added to name_prefix.
const nameSuffixLength = 26

func (r *clusterResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_cluster"
}

func (r *clusterResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = clusterSchema()
}

var (
	clusterSchemaOnce  sync.Once
	clusterSchemaValue schema.Schema
)

// clusterSchema returns the schema of ecsx_cluster, built once.
func clusterSchema() schema.Schema {
	clusterSchemaOnce.Do(func() { clusterSchemaValue = buildClusterSchema(context.Background()) })
	return clusterSchemaValue
}

func buildClusterSchema(ctx context.Context) schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Manages an Amazon ECS cluster: its name, tags, Container Insights setting, ECS Exec and managed storage configuration, " +
			"capacity providers with the default capacity provider strategy, and Service Connect defaults.\n\n" +
			"Every rule that the configuration alone decides is checked at plan time. Removing an optional attribute returns the cluster to the service default. " +
			"Creating a cluster whose name is already used by an active cluster fails with instructions to import it instead of adopting it silently. " +
			"Existing clusters are imported by name or by ARN.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The cluster ARN.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"arn": schema.StringAttribute{
				MarkdownDescription: "The cluster ARN, `arn:<partition>:ecs:<region>:<account>:cluster/<name>`.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "Cluster name: 1-255 letters, digits, hyphens (`-`) and underscores (`_`). " +
					"Defaults to `default`, the name ECS uses for a cluster created without one, unless `name_prefix` is set. " +
					"Conflicts with `name_prefix`. Changing it replaces the cluster.",
				Optional: true,
				Computed: true,
				Validators: []validator.String{
					validators.ClusterName(),
					stringvalidator.ConflictsWith(path.MatchRoot("name_prefix")),
				},
				PlanModifiers: []planmodifier.String{
					clusterNameModifier{},
					stringplanmodifier.RequiresReplace(),
				},
			},
			"name_prefix": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("Creates a unique name beginning with this prefix, followed by %d generated characters (a timestamp and a counter). "+
					"Letters, digits, hyphens and underscores, at most %d characters. Conflicts with `name`. Changing it replaces the cluster.",
					nameSuffixLength, validators.MaxNamePrefixLength(nameSuffixLength)),
				Optional: true,
				Validators: []validator.String{
					validators.NamePrefix(nameSuffixLength),
					stringvalidator.ConflictsWith(path.MatchRoot("name")),
				},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"tags": schema.MapAttribute{
				MarkdownDescription: "Tags of the cluster. " + tagRulesMarkdown + " The rules also apply to the tags merged with the provider's `default_tags`. " +
					"AWS-reserved `aws:` tags set by AWS services are not shown.",
				Optional:    true,
				ElementType: types.StringType,
				Validators:  []validator.Map{validators.Tags()},
			},
			"tags_all": schema.MapAttribute{
				MarkdownDescription: "All tags of the cluster: the provider's `default_tags` overlaid with `tags`. Known at plan time.",
				Computed:            true,
				ElementType:         types.StringType,
			},
			"settings": schema.ListNestedAttribute{
				MarkdownDescription: "Cluster settings. The only setting is `containerInsights`. " +
					"Defaults to `[{ name = \"containerInsights\", value = \"disabled\" }]`: removing the attribute turns Container Insights off again. " +
					"Note that `enhanced` observability is billed at a higher rate than `enabled`.",
				Optional: true,
				Computed: true,
				Default:  listdefault.StaticValue(defaultSettings()),
				Validators: []validator.List{
					listvalidator.SizeAtLeast(1),
					validators.UniqueSettingNames(),
				},
				NestedObject: schema.NestedAttributeObject{
					Validators: []validator.Object{validators.ContainerInsightsSetting()},
					Attributes: map[string]schema.Attribute{
						"name": schema.StringAttribute{
							MarkdownDescription: "Setting name: `containerInsights`.",
							Required:            true,
						},
						"value": schema.StringAttribute{
							MarkdownDescription: "Setting value: `enabled`, `disabled` or `enhanced`.",
							Required:            true,
						},
					},
				},
			},
			"configuration": schema.SingleNestedAttribute{
				MarkdownDescription: "ECS Exec and managed storage configuration. Removing it (or one of its parts) removes that configuration from the cluster. " +
					"When set, at least one of `execute_command_configuration` and `managed_storage_configuration` must be set.",
				Optional:   true,
				Validators: []validator.Object{atLeastOneAttribute("execute_command_configuration", "managed_storage_configuration")},
				Attributes: map[string]schema.Attribute{
					"execute_command_configuration": schema.SingleNestedAttribute{
						MarkdownDescription: "Configuration of ECS Exec sessions (`aws ecs execute-command`). " +
							"`log_configuration` is required when `logging` is `OVERRIDE` and allowed only then.",
						Optional:   true,
						Validators: []validator.Object{validators.ExecuteCommandConfiguration()},
						Attributes: map[string]schema.Attribute{
							"kms_key_id": schema.StringAttribute{
								MarkdownDescription: "KMS key ID or ARN that encrypts the data channel between the local client and the container.",
								Optional:            true,
								Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
							},
							"logging": schema.StringAttribute{
								MarkdownDescription: "Where session output is logged: `NONE` (not logged), `DEFAULT` (the `awslogs` configuration of the task definition) or `OVERRIDE` (the destinations of `log_configuration`). Defaults to `DEFAULT`.",
								Optional:            true,
								Computed:            true,
								Default:             stringdefault.StaticString(validators.LoggingDefault),
								Validators:          []validator.String{stringvalidator.OneOf(validators.LoggingValues()...)},
							},
							"log_configuration": schema.SingleNestedAttribute{
								MarkdownDescription: "Log destinations of ECS Exec sessions. Only with `logging = \"OVERRIDE\"`.",
								Optional:            true,
								Attributes: map[string]schema.Attribute{
									"cloud_watch_log_group_name": schema.StringAttribute{
										MarkdownDescription: "CloudWatch Logs log group that receives session output.",
										Optional:            true,
										Validators:          []validator.String{stringvalidator.LengthBetween(1, 512)},
									},
									"cloud_watch_encryption_enabled": schema.BoolAttribute{
										MarkdownDescription: "Whether the log group is encrypted. Requires `cloud_watch_log_group_name`. Defaults to `false`.",
										Optional:            true,
										Computed:            true,
										Default:             booldefault.StaticBool(false),
									},
									"s3_bucket_name": schema.StringAttribute{
										MarkdownDescription: "S3 bucket that receives session output.",
										Optional:            true,
										Validators:          []validator.String{stringvalidator.LengthBetween(3, 63)},
									},
									"s3_encryption_enabled": schema.BoolAttribute{
										MarkdownDescription: "Whether the S3 objects are encrypted. Requires `s3_bucket_name`. Defaults to `false`.",
										Optional:            true,
										Computed:            true,
										Default:             booldefault.StaticBool(false),
									},
									"s3_key_prefix": schema.StringAttribute{
										MarkdownDescription: "Prefix of the S3 object keys. Requires `s3_bucket_name`.",
										Optional:            true,
										Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
									},
								},
							},
						},
					},
					"managed_storage_configuration": schema.SingleNestedAttribute{
						MarkdownDescription: "KMS keys of the storage that ECS manages for tasks. When set, at least one key must be given.",
						Optional:            true,
						Validators:          []validator.Object{atLeastOneAttribute("kms_key_id", "fargate_ephemeral_storage_kms_key_id")},
						Attributes: map[string]schema.Attribute{
							"kms_key_id": schema.StringAttribute{
								MarkdownDescription: "KMS key ID or ARN that encrypts managed storage (such as Amazon EBS volumes attached to tasks).",
								Optional:            true,
								Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
							},
							"fargate_ephemeral_storage_kms_key_id": schema.StringAttribute{
								MarkdownDescription: "KMS key ID or ARN that encrypts Fargate ephemeral storage. Its key policy must let `fargate.amazonaws.com` use it.",
								Optional:            true,
								Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
							},
						},
					},
				},
			},
			"capacity_providers": schema.SetAttribute{
				MarkdownDescription: "Capacity providers associated with the cluster: `FARGATE`, `FARGATE_SPOT`, or names of Auto Scaling group capacity providers " +
					"(1-255 letters, digits, hyphens and underscores, not starting with `aws`, `ecs` or `fargate`). Defaults to none; removing the attribute disassociates them all.",
				Optional:    true,
				Computed:    true,
				ElementType: types.StringType,
				Default:     setdefault.StaticValue(types.SetValueMust(types.StringType, []attr.Value{})),
				Validators:  []validator.Set{setvalidator.ValueStringsAre(validators.CapacityProviderName())},
			},
			"default_capacity_provider_strategy": schema.SetNestedAttribute{
				MarkdownDescription: "Default capacity provider strategy of services and tasks launched without a launch type or strategy. " +
					"At most 20 items, each naming a provider of `capacity_providers` once; at most one item may have a `base` above 0, and with several items at least one `weight` must be above 0. " +
					"Defaults to none; removing the attribute clears the strategy. The order of the items does not matter.",
				Optional:      true,
				Computed:      true,
				Default:       setdefault.StaticValue(types.SetValueMust(types.ObjectType{AttrTypes: strategyItemAttrTypes}, []attr.Value{})),
				PlanModifiers: []planmodifier.Set{strategyDefaultsModifier{}},
				Validators: []validator.Set{
					validators.Strategy(),
					validators.StrategyProvidersAssociated(path.MatchRoot("capacity_providers")),
				},
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"capacity_provider": schema.StringAttribute{
							MarkdownDescription: "Capacity provider name; it must be listed in `capacity_providers`.",
							Required:            true,
							Validators:          []validator.String{validators.CapacityProviderName()},
						},
						"weight": schema.Int64Attribute{
							MarkdownDescription: "Relative share of tasks placed on this provider once the bases are met, 0-1000. Defaults to `0`.",
							Optional:            true,
							Computed:            true,
							Validators:          []validator.Int64{int64validator.Between(0, validators.MaxWeight)},
						},
						"base": schema.Int64Attribute{
							MarkdownDescription: "Minimum number of tasks placed on this provider, 0-100000. Defaults to `0`.",
							Optional:            true,
							Computed:            true,
							Validators:          []validator.Int64{int64validator.Between(0, validators.MaxBase)},
						},
					},
				},
			},
			"service_connect_defaults": schema.SingleNestedAttribute{
				MarkdownDescription: "Default Service Connect namespace of services in the cluster. Removing it removes the default from the cluster (the Cloud Map namespace itself is kept).",
				Optional:            true,
				Attributes: map[string]schema.Attribute{
					"namespace": schema.StringAttribute{
						MarkdownDescription: "Cloud Map namespace, by name (1-1024 characters, none of `>`, `<`, `\"` and `/`) or by ARN. " +
							"A name that does not exist yet makes ECS create an HTTP namespace of that name. ECS reports the namespace by ARN; a name that resolves to the reported ARN is no change.",
						Required:   true,
						Validators: []validator.String{validators.Namespace()},
					},
					"namespace_arn": schema.StringAttribute{
						MarkdownDescription: "ARN of the namespace, as ECS reports it.",
						Computed:            true,
						PlanModifiers:       []planmodifier.String{namespaceARNModifier{}},
					},
				},
			},
			"status": schema.StringAttribute{
				MarkdownDescription: "Cluster status: `ACTIVE`, `PROVISIONING`, `DEPROVISIONING`, `FAILED` or `INACTIVE`.",
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
			"timeouts": clusterTimeoutsAttribute(ctx),
		},
	}
}

// The bounds of an operation timeout.
const (
	minTimeout = time.Second
	maxTimeout = 24 * time.Hour
)

// clusterTimeoutsAttribute is the timeouts attribute, documented.
func clusterTimeoutsAttribute(ctx context.Context) schema.Attribute {
	const duration = " A duration such as `30s`, `45m` or `1h30m`, from `1s` to `24h`."
	attr := timeouts.Attributes(ctx, timeouts.Opts{
		Create:            true,
		Update:            true,
		Delete:            true,
		CreateDescription: "How long to wait for the cluster to become `ACTIVE`, including retries while the ECS service-linked role propagates. Defaults to `20m`." + duration,
		UpdateDescription: "How long to wait for an update, including retries while the cluster is busy and the wait for `ACTIVE`. Defaults to `20m`." + duration,
		DeleteDescription: "How long to retry the deletion while services, tasks, container instances or capacity providers still block it, and to wait for `INACTIVE`. Defaults to `20m`." + duration,
	})
	nested, ok := attr.(schema.SingleNestedAttribute)
	if !ok {
		return attr
	}
	nested.MarkdownDescription = "Timeouts of the create, update and delete operations. They are not read back on import."
	for name, child := range nested.Attributes {
		if s, ok := child.(schema.StringAttribute); ok {
			s.MarkdownDescription = s.Description
			// The library's own validator does not name the attribute
			// and accepts zero or negative durations.
			s.Validators = []validator.String{durationBetween(minTimeout, maxTimeout)}
			nested.Attributes[name] = s
		}
	}
	return nested
}

func (r *clusterResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	if req.ProviderData == nil {
		return
	}
	data, ok := req.ProviderData.(*providerData)
	if !ok {
		resp.Diagnostics.AddError("Unexpected provider data",
			fmt.Sprintf("ecsx_cluster expected *providerData, got %T. This is a bug in the provider; please report it.", req.ProviderData))
		return
	}
	r.data = data
}

// ModifyPlan computes tags_all (the provider's default tags overlaid with
// tags) so that the plan shows it, validates the merged tags, and keeps the
// computed attributes of the prior state when only tags change. It works on
// the raw plan and state values: it touches a few attributes only.
func (r *clusterResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	var plan map[string]tftypes.Value
	if err := req.Plan.Raw.As(&plan); err != nil {
		resp.Diagnostics.AddError("Plan Read Error", "An unexpected error was encountered reading the plan. This is always an error in the provider:\n\n"+err.Error())
		return
	}
	tagsAllType := tftypes.Map{ElementType: tftypes.String}

	if r.data == nil || !plan["tags"].IsFullyKnown() {
		plan["tags_all"] = tftypes.NewValue(tagsAllType, tftypes.UnknownValue)
		resp.Plan.Raw = tftypes.NewValue(req.Plan.Raw.Type(), plan)
		return
	}
	own, err := rawStringMap(plan["tags"])
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("tags"), "Plan Read Error", "An unexpected error was encountered reading tags. This is always an error in the provider:\n\n"+err.Error())
		return
	}
	merged := mergeTags(r.data.DefaultTags, own)
	if len(validators.TagRuleViolations(own)) == 0 {
		for _, msg := range validators.TagRuleViolations(merged) {
			addAttributeError(&resp.Diagnostics, path.Root("tags"), "Invalid tags after merging the provider's default_tags",
				msg+" The cluster's tags (tags_all) are the provider's default_tags.tags overlaid with tags.")
		}
	}
	if resp.Diagnostics.HasError() {
		return
	}
	tagsAll := make(map[string]tftypes.Value, len(merged))
	for k, v := range merged {
		tagsAll[k] = tftypes.NewValue(tftypes.String, v)
	}
	plan["tags_all"] = tftypes.NewValue(tagsAllType, tagsAll)

	if !req.State.Raw.IsNull() {
		var state map[string]tftypes.Value
		if err := req.State.Raw.As(&state); err != nil {
			resp.Diagnostics.AddError("State Read Error", "An unexpected error was encountered reading the prior state. This is always an error in the provider:\n\n"+err.Error())
			return
		}
		if rawOnlyTagsChange(plan, state) {
			for _, name := range computedClusterAttributes {
				plan[name] = state[name]
			}
		}
	}
	resp.Plan.Raw = tftypes.NewValue(req.Plan.Raw.Type(), plan)
}

// rawStringMap converts a known map of strings; null elements are left out.
func rawStringMap(v tftypes.Value) (map[string]string, error) {
	out := map[string]string{}
	if v.IsNull() {
		return out, nil
	}
	var elems map[string]tftypes.Value
	if err := v.As(&elems); err != nil {
		return nil, err
	}
	for k, e := range elems {
		if e.IsNull() {
			continue
		}
		var s string
		if err := e.As(&s); err != nil {
			return nil, err
		}
		out[k] = s
	}
	return out, nil
}

// configuredClusterAttributes are the attributes of a planned update that,
// when unchanged, leave every computed attribute as it is (tags aside).
var configuredClusterAttributes = []string{
	"name", "name_prefix", "settings", "configuration", "capacity_providers",
	"default_capacity_provider_strategy", "service_connect_defaults",
}

// computedClusterAttributes are the values ECS computes, which copyComputed
// takes from the prior state.
var computedClusterAttributes = []string{
	"id", "arn", "status", "registered_container_instances_count", "running_tasks_count",
	"pending_tasks_count", "active_services_count", "statistics", "attachments", "attachments_status",
}

// rawOnlyTagsChange reports whether a planned update changes nothing but
// tags (and timeouts), so that no computed value can change.
func rawOnlyTagsChange(plan, state map[string]tftypes.Value) bool {
	for _, name := range configuredClusterAttributes {
		if !plan[name].Equal(state[name]) {
			return false
		}
	}
	return true
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
	client := r.data.ECS

	name := plan.Name.ValueString()
	if plan.Name.IsUnknown() {
		name = defaultClusterName
		if !plan.NamePrefix.IsNull() {
			name = uniqueName(plan.NamePrefix.ValueString())
		}
	}
	tagsAll := r.tagsAll(&plan, &resp.Diagnostics)
	resp.Diagnostics.Append(validateClusterModel(&plan, name, tagsAll)...)
	if resp.Diagnostics.HasError() {
		return
	}

	// Refuse to adopt a cluster that already exists: CreateCluster would
	// silently return it. The check runs once, before the first attempt, so a
	// retried CreateCluster whose first answer was lost still converges.
	existing, err := findLiveCluster(ctx, client, name)
	if err != nil {
		resp.Diagnostics.AddError(apiErrorDiagnostic(fmt.Sprintf("check whether cluster %q exists", name), err))
		return
	}
	if existing != nil {
		resp.Diagnostics.AddAttributeError(path.Root("name"), "Cluster already exists",
			fmt.Sprintf("A cluster named %q already exists (status %s, ARN %s). ecsx does not take over existing clusters silently. "+
				"To manage it with Terraform, import it:\n\n    terraform import ecsx_cluster.<resource name> %s\n\n"+
				"or add an import block:\n\n    import {\n      to = ecsx_cluster.<resource name>\n      id = %q\n    }\n\nOtherwise choose another name.",
				name, aws.ToString(existing.Status), aws.ToString(existing.ClusterArn), name, name))
		return
	}

	in := expandCreateInput(&plan, name, tagsAll)
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
		resp.Diagnostics.Append(flattenCluster(partial, &plan, r.data.DefaultTags)...)
		resp.Diagnostics.Append(setClusterState(ctx, &resp.State, &plan)...)
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
	resp.Diagnostics.Append(flattenCluster(final, &plan, r.data.DefaultTags)...)
	resp.Diagnostics.Append(setClusterState(ctx, &resp.State, &plan)...)
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
	found, err := findLiveCluster(lookCtx, r.data.ECS, name)
	if err == nil && found != nil {
		diags.Append(flattenCluster(found, plan, r.data.DefaultTags)...)
		diags.Append(setClusterState(ctx, st, plan)...)
		return true
	}
	diags.Append(flattenCluster(requestedCluster(in), plan, r.data.DefaultTags)...)
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
	c, err := findLiveCluster(ctx, r.data.ECS, id)
	if err != nil {
		resp.Diagnostics.AddError(apiErrorDiagnostic(fmt.Sprintf("read cluster %q", id), err))
		return
	}
	if c == nil {
		tflog.Warn(ctx, "ECS cluster is gone (INACTIVE or missing); removing it from state", map[string]any{"id": id})
		resp.State.RemoveResource(ctx)
		return
	}
	if aws.ToString(c.Status) == clusterStatusFailed {
		resp.Diagnostics.AddWarning("Cluster is FAILED",
			fmt.Sprintf("ECS reports cluster %s as %s%s. Fix its capacity providers, or recreate it with "+
				"terraform apply -replace=<resource address>.", aws.ToString(c.ClusterName), clusterStatusFailed, attachmentReasons(c)))
	}
	resp.Diagnostics.Append(flattenCluster(c, &state, r.data.DefaultTags)...)
	resp.Diagnostics.Append(setClusterState(ctx, &resp.State, &state)...)
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
	client := r.data.ECS
	arn := state.ARN.ValueString()
	name := state.Name.ValueString()

	newTags := r.tagsAll(&plan, &resp.Diagnostics)
	resp.Diagnostics.Append(validateClusterModel(&plan, name, newTags)...)
	if resp.Diagnostics.HasError() {
		return
	}

	// Tags: only the keys that changed.
	removed, changed := diffTags(stringMapOf(state.TagsAll), newTags)
	if len(removed) > 0 {
		if _, err := client.UntagResource(ctx, &ecs.UntagResourceInput{ResourceArn: aws.String(arn), TagKeys: removed}); err != nil {
			resp.Diagnostics.AddError(apiErrorDiagnostic(fmt.Sprintf("remove tags from cluster %q", name), err))
			return
		}
	}
	if len(changed) > 0 {
		if _, err := client.TagResource(ctx, &ecs.TagResourceInput{ResourceArn: aws.String(arn), Tags: expandTags(changed)}); err != nil {
			resp.Diagnostics.AddError(apiErrorDiagnostic(fmt.Sprintf("tag cluster %q", name), err))
			return
		}
	}

	otherCalls := false
	if !plan.Settings.Equal(state.Settings) {
		settings := expandSettings(plan.Settings)
		if settings == nil {
			settings = expandSettings(defaultSettings())
		}
		if _, err := client.UpdateClusterSettings(ctx, &ecs.UpdateClusterSettingsInput{Cluster: aws.String(arn), Settings: settings}); err != nil {
			resp.Diagnostics.AddError(apiErrorDiagnostic(fmt.Sprintf("update the settings of cluster %q", name), err))
			return
		}
		otherCalls = true
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

	if !plan.CapacityProviders.Equal(state.CapacityProviders) || !plan.DefaultCapacityProviderStrategy.Equal(state.DefaultCapacityProviderStrategy) {
		providers := expandCapacityProviders(plan.CapacityProviders)
		strategy := expandStrategy(plan.DefaultCapacityProviderStrategy)
		err := retryWhile(ctx, func() (bool, error) {
			_, err := client.PutClusterCapacityProviders(ctx, &ecs.PutClusterCapacityProvidersInput{
				Cluster:                         aws.String(arn),
				CapacityProviders:               providers,
				DefaultCapacityProviderStrategy: strategy,
			})
			return isCapacityProviderUpdateRetryable(err), err
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
	if err != nil {
		resp.Diagnostics.AddError(waitErrorDiagnostic(fmt.Sprintf("bring cluster %q back to ACTIVE after the update", name), err))
		return
	}
	resp.Diagnostics.Append(flattenCluster(final, &plan, r.data.DefaultTags)...)
	resp.Diagnostics.Append(setClusterState(ctx, &resp.State, &plan)...)
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
	client := r.data.ECS
	// A create whose outcome was unknown is recorded by name, without an ARN
	// (see saveUncertainCreate); ECS accepts either.
	arn := state.ARN.ValueString()
	if arn == "" {
		arn = state.ID.ValueString()
	}
	name := state.Name.ValueString()

	var out *ecs.DeleteClusterOutput
	err := retryWhile(deleteCtx, func() (bool, error) {
		var err error
		out, err = client.DeleteCluster(deleteCtx, &ecs.DeleteClusterInput{Cluster: aws.String(arn)})
		var notFound *ecstypes.ClusterNotFoundException
		if errors.As(err, &notFound) {
			out = nil
			return false, nil
		}
		return isDeleteBlocked(err), err
	})
	if err != nil {
		var timedOut *timeoutError
		if errors.As(err, &timedOut) && isDeleteBlocked(timedOut.last) {
			resp.Diagnostics.AddError("Cluster cannot be deleted", r.deleteBlockedDetail(ctx, arn, name, timeout, timedOut.last))
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
	c, err := findCluster(describeCtx, r.data.ECS, arn)
	blockers := ""
	if err == nil && c != nil {
		blockers = deleteBlockers(c)
	}
	if blockers == "" {
		return fmt.Sprintf("Cluster %s could not be deleted within %s. %s", name, timeout, lastDetail)
	}
	return fmt.Sprintf("Cluster %s could not be deleted within %s: cluster %s still has %s. "+
		"Delete its services, stop its tasks, deregister its container instances and detach cluster-scoped capacity providers, "+
		"or raise timeouts.delete. %s", name, timeout, name, blockers, lastDetail)
}

func (r *clusterResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	resource.ImportStatePassthroughID(ctx, path.Root("id"), req, resp)
}

// setClusterState stores m as the new state, as tfsdk.State.Set does.
func setClusterState(ctx context.Context, st *tfsdk.State, m *clusterResourceModel) diag.Diagnostics {
	raw, diags := clusterModelToRaw(ctx, clusterTerraformType(), m)
	if !diags.HasError() {
		st.Raw = raw
	}
	return diags
}

// tagsAll returns the tags the cluster must have: tags_all of the plan, or
// the merge of default_tags and tags when the plan could not compute it.
func (r *clusterResource) tagsAll(m *clusterResourceModel, diags *diag.Diagnostics) map[string]string {
	if !m.TagsAll.IsNull() && !m.TagsAll.IsUnknown() {
		return stringMapOf(m.TagsAll)
	}
	out := mergeTags(r.data.DefaultTags, stringMapOf(m.Tags))
	v, d := stringMapValue(out)
	diags.Append(d...)
	m.TagsAll = v
	return out
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

// diffTags returns the keys to remove and the tags to add or change.
func diffTags(old, want map[string]string) ([]string, map[string]string) {
	var removed []string
	for k := range old {
		if _, ok := want[k]; !ok {
			removed = append(removed, k)
		}
	}
	sort.Strings(removed)
	changed := map[string]string{}
	for k, v := range want {
		if ov, ok := old[k]; !ok || ov != v {
			changed[k] = v
		}
	}
	return removed, changed
}

// namespaceOf returns the configured Service Connect namespace, "" when none.
func namespaceOf(o types.Object) string {
	attrs, ok := knownAttrs(o)
	if !ok {
		return ""
	}
	return attrString(attrs, "namespace").ValueString()
}

// mapFullyKnown reports whether a map and all its elements are known.
func mapFullyKnown(m types.Map) bool {
	if m.IsUnknown() {
		return false
	}
	for _, v := range m.Elements() {
		if v.IsUnknown() {
			return false
		}
	}
	return true
}
