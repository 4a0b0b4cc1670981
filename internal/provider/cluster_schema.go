package provider

import (
	"context"
	"fmt"
	"maps"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecsx/terraform-provider-ecsx/internal/validators"
)

// Descriptions of ecsx_cluster's attributes. The ecsx_cluster data source
// takes the types of its results, and the descriptions of those that mean
// the same, from this schema (see clusterDataSource.Schema).
const (
	descClusterARN         = "The cluster ARN, `arn:<partition>:ecs:<region>:<account>:cluster/<name>`."
	descStatus             = "Cluster status: `ACTIVE`, `PROVISIONING`, `DEPROVISIONING`, `FAILED` or `INACTIVE`."
	descRegisteredCount    = "Number of container instances registered to the cluster."
	descRunningTasksCount  = "Number of tasks in the `RUNNING` state."
	descPendingTasksCount  = "Number of tasks in the `PENDING` state."
	descActiveServices     = "Number of services in the `ACTIVE` state."
	descStatistics         = "Statistics reported by ECS, such as `runningEC2TasksCount` or `drainingFargateServiceCount`, keyed by name."
	descAttachments        = "Resources attached to the cluster by ECS, such as the Auto Scaling plans of capacity providers (`asp`) and Service Connect (`sc`): a list of objects with `id`, `type`, `status` and `details` (a map)."
	descAttachmentsStatus  = "Status of the latest capacity provider update: `UPDATE_IN_PROGRESS`, `UPDATE_COMPLETE` or `UPDATE_FAILED`."
	descSettingName        = "Setting name: `containerInsights`."
	descSettingValue       = "Setting value: `enabled`, `disabled` or `enhanced`. `enhanced` observability is billed at a higher rate than `enabled`."
	descKMSKeyID           = "KMS key ID or ARN that encrypts the data channel between the local client and the container."
	descLogging            = "Where session output is logged: `NONE` (not logged), `DEFAULT` (the `awslogs` configuration of the task definition) or `OVERRIDE` (the destinations of `log_configuration`). Defaults to `DEFAULT`."
	descLogGroup           = "CloudWatch Logs log group that receives session output."
	descLogGroupEncryption = "Whether the log group is encrypted. Requires `cloud_watch_log_group_name`. Defaults to `false`."
	descS3Bucket           = "S3 bucket that receives session output."
	descS3Encryption       = "Whether the S3 objects are encrypted. Requires `s3_bucket_name`. Defaults to `false`."
	descS3KeyPrefix        = "Prefix of the S3 object keys. Requires `s3_bucket_name`."
	descStorageKMSKeyID    = "KMS key ID or ARN that encrypts managed storage (such as Amazon EBS volumes attached to tasks)."
	descFargateKMSKeyID    = "KMS key ID or ARN that encrypts Fargate ephemeral storage. Its key policy must let `fargate.amazonaws.com` use it."
	descNamespace          = "Cloud Map namespace, by name (1-1024 characters, none of `>`, `<`, `\"` and `/`) or by ARN. " +
		"A name that does not exist yet makes ECS create an HTTP namespace of that name. ECS reports the namespace by ARN; a name that resolves to the reported ARN is no change."
	descRegion = "AWS region of the cluster, for example `eu-west-1`. Defaults to the provider's region. Changing it replaces the cluster."
)

var (
	clusterSchemaOnce  sync.Once
	clusterSchemaValue schema.Schema
)

// clusterSchema returns the schema of ecsx_cluster, built once.
func clusterSchema() schema.Schema {
	clusterSchemaOnce.Do(func() { clusterSchemaValue = buildClusterSchema(context.Background()) })
	return clusterSchemaValue
}

// buildClusterSchema is the schema of ecsx_cluster: the syntax of
// hashicorp/aws's aws_ecs_cluster, plus ecsx's additions. Everything a user
// writes below the top level is a block, so that Terraform itself rejects a
// misspelled argument; read-only structured results are attributes of object
// type.
func buildClusterSchema(ctx context.Context) schema.Schema {
	attributes := clusterArgumentAttributes()
	maps.Copy(attributes, clusterInformationalAttributes())
	return schema.Schema{
		Version: clusterSchemaVersion,
		MarkdownDescription: "Manages an Amazon ECS cluster: its name, tags, Container Insights setting, ECS Exec and managed storage configuration, " +
			"capacity providers with the default capacity provider strategy, and Service Connect defaults. " +
			"Its syntax is that of `aws_ecs_cluster` of the hashicorp/aws provider, so that a configuration moves over by renaming the type.\n\n" +
			"Every rule that the configuration alone decides is checked at plan time. Removing a block returns the cluster to the service default. " +
			"Creating a cluster whose name is already used by an active cluster fails with instructions to import it instead of adopting it silently. " +
			"Existing clusters are imported by name or by ARN.",
		Attributes: attributes,
		Blocks: map[string]schema.Block{
			"setting":       clusterSettingBlock(),
			"configuration": clusterConfigurationBlock(),
			"default_capacity_provider_strategy": strategyBlock("An item of the default capacity provider strategy of services and tasks launched without a launch type or strategy. " +
				"At most 20 items, each naming a provider of `capacity_providers` once; at most one item may have a `base` above 0, and with several items at least one `weight` must be above 0. " +
				"Only with `capacity_providers`; with it, removing every item clears the strategy. The order of the items does not matter."),
			"service_connect_defaults": clusterServiceConnectDefaultsBlock(),
			"timeouts":                 clusterTimeoutsBlock(ctx),
		},
	}
}

// clusterArgumentAttributes are the top-level arguments of ecsx_cluster,
// with its id and ARN.
func clusterArgumentAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"id": schema.StringAttribute{
			MarkdownDescription: "The cluster ARN.",
			Computed:            true,
			PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		},
		"arn": schema.StringAttribute{
			MarkdownDescription: descClusterARN,
			Computed:            true,
			PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		},
		"name": schema.StringAttribute{
			MarkdownDescription: "Cluster name: 1-255 letters, digits, hyphens (`-`) and underscores (`_`). " +
				"Defaults to `default`, the name ECS uses for a cluster created without one, unless `name_prefix` is set. " +
				"With `name_prefix`, it must begin with the prefix. Changing it replaces the cluster.",
			Optional: true,
			Computed: true,
			Validators: []validator.String{
				validators.ClusterName(),
				validators.NameMatchesPrefix(),
			},
			PlanModifiers: []planmodifier.String{
				nameModifier{fallback: defaultClusterName},
				stringplanmodifier.RequiresReplace(),
			},
		},
		"name_prefix": schema.StringAttribute{
			MarkdownDescription: fmt.Sprintf("Creates a unique name beginning with this prefix, followed by %d generated characters (a timestamp and a counter). "+
				"Letters, digits, hyphens and underscores, at most %d characters. "+
				"A cluster imported by a name of that form keeps its prefix here. Changing it replaces the cluster.",
				nameSuffixLength, validators.MaxNamePrefixLength(nameSuffixLength)),
			Optional:      true,
			Computed:      true,
			Validators:    []validator.String{validators.NamePrefix(nameSuffixLength)},
			PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplaceIfConfigured()},
		},
		"region": schema.StringAttribute{
			MarkdownDescription: descRegion,
			Optional:            true,
			Computed:            true,
			Validators: []validator.String{
				stringvalidator.RegexMatches(regionPattern, "must be an AWS region name such as eu-west-1"),
			},
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
		"capacity_providers": schema.SetAttribute{
			MarkdownDescription: "Capacity providers associated with the cluster: `FARGATE`, `FARGATE_SPOT`, or names of Auto Scaling group capacity providers " +
				"(1-255 letters, digits, hyphens and underscores, not starting with `aws`, `ecs` or `fargate`). " +
				"When set, the cluster manages its capacity providers and `default_capacity_provider_strategy`: an empty set removes them all. " +
				"When absent, the cluster leaves both as they are, so that `ecsx_cluster_capacity_providers` (or another tool) can manage them. " +
				"Managed Instances providers created in the cluster are not associated through this list and are left out of what is read; " +
				"use `ecsx_cluster_capacity_providers` to name them in the default strategy.",
			Optional:    true,
			ElementType: types.StringType,
			Validators:  []validator.Set{setvalidator.ValueStringsAre(validators.CapacityProviderName())},
		},
		"force_destroy": schema.BoolAttribute{
			MarkdownDescription: "When `true`, destroying the cluster (or replacing it) first removes what keeps `DeleteCluster` from succeeding: " +
				"it deletes the cluster's services with `force` (which scales them to 0), stops its remaining tasks and deregisters its container instances with `force`, " +
				"then deletes the cluster, all within `timeouts.delete`. Capacity providers are left to their own resources. " +
				"The plan warns whenever such a destroy is planned, listing what the destroy would remove at that moment (services, tasks that are not a service's, container instances; read with `ListServices`, `ListTasks`, `DescribeTasks` and `ListContainerInstances`), and the apply lists what it removed, in the same words. " +
				"The value takes effect once an apply has stored it in the state. Default `false`: a destroy of a cluster that still runs something fails, naming it.",
			Optional: true,
			Computed: true,
			Default:  booldefault.StaticBool(false),
		},
	}
}

// clusterInformationalAttributes are the values that ECS reports about the
// cluster. An update keeps their prior values in the plan (see
// planInformational) and a refresh updates them.
func clusterInformationalAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"status": schema.StringAttribute{
			MarkdownDescription: descStatus,
			Computed:            true,
		},
		"registered_container_instances_count": schema.Int64Attribute{
			MarkdownDescription: descRegisteredCount,
			Computed:            true,
		},
		"running_tasks_count": schema.Int64Attribute{
			MarkdownDescription: descRunningTasksCount,
			Computed:            true,
		},
		"pending_tasks_count": schema.Int64Attribute{
			MarkdownDescription: descPendingTasksCount,
			Computed:            true,
		},
		"active_services_count": schema.Int64Attribute{
			MarkdownDescription: descActiveServices,
			Computed:            true,
		},
		"statistics": schema.MapAttribute{
			MarkdownDescription: descStatistics,
			Computed:            true,
			ElementType:         types.StringType,
		},
		"attachments": schema.ListAttribute{
			MarkdownDescription: descAttachments,
			Computed:            true,
			ElementType:         types.ObjectType{AttrTypes: attachmentAttrTypes},
		},
		"attachments_status": schema.StringAttribute{
			MarkdownDescription: descAttachmentsStatus,
			Computed:            true,
		},
	}
}

// clusterSettingBlock is the setting block: one containerInsights setting.
func clusterSettingBlock() schema.Block {
	return schema.SetNestedBlock{
		MarkdownDescription: "A cluster setting; the only one is `containerInsights`. " +
			"Without this block ecsx neither sends nor tracks the setting: the cluster gets the account's default (`PutAccountSettingDefault`), as with the AWS CLI. " +
			"Removing the block after ecsx managed it sets the account's effective default again, then stops tracking it.",
		NestedObject: schema.NestedBlockObject{
			Validators: []validator.Object{validators.ContainerInsightsSetting()},
			Attributes: map[string]schema.Attribute{
				"name": schema.StringAttribute{
					MarkdownDescription: descSettingName,
					Required:            true,
				},
				"value": schema.StringAttribute{
					MarkdownDescription: descSettingValue,
					Required:            true,
				},
			},
		},
	}
}

// clusterConfigurationBlock is the configuration block: ECS Exec and managed storage.
func clusterConfigurationBlock() schema.Block {
	return schema.ListNestedBlock{
		MarkdownDescription: "ECS Exec and managed storage configuration. Removing it (or one of its blocks) removes that configuration from the cluster. " +
			"When set, at least one of `execute_command_configuration` and `managed_storage_configuration` must be set.",
		Validators: []validator.List{listvalidator.SizeAtMost(1)},
		NestedObject: schema.NestedBlockObject{
			Validators: []validator.Object{validators.AtLeastOneAttribute("execute_command_configuration", "managed_storage_configuration")},
			Blocks: map[string]schema.Block{
				"execute_command_configuration": clusterExecuteCommandBlock(),
				"managed_storage_configuration": clusterManagedStorageBlock(),
			},
		},
	}
}

// clusterExecuteCommandBlock is configuration.execute_command_configuration.
func clusterExecuteCommandBlock() schema.Block {
	return schema.ListNestedBlock{
		MarkdownDescription: "Configuration of ECS Exec sessions (`aws ecs execute-command`). " +
			"`log_configuration` is required when `logging` is `OVERRIDE` and allowed only then.",
		Validators: []validator.List{listvalidator.SizeAtMost(1)},
		NestedObject: schema.NestedBlockObject{
			Validators: []validator.Object{validators.ExecuteCommandConfiguration()},
			Attributes: map[string]schema.Attribute{
				"kms_key_id": schema.StringAttribute{
					MarkdownDescription: descKMSKeyID,
					Optional:            true,
					Validators:          []validator.String{validators.ReadableString(stringvalidator.LengthAtLeast(1))},
				},
				"logging": schema.StringAttribute{
					MarkdownDescription: descLogging,
					Optional:            true,
					Computed:            true,
					Default:             stringdefault.StaticString(validators.LoggingDefault),
					Validators:          []validator.String{validators.ReadableString(stringvalidator.OneOf(validators.LoggingValues()...))},
				},
			},
			Blocks: map[string]schema.Block{
				"log_configuration": clusterExecuteCommandLogBlock(),
			},
		},
	}
}

// clusterExecuteCommandLogBlock is configuration.execute_command_configuration.log_configuration.
func clusterExecuteCommandLogBlock() schema.Block {
	return schema.ListNestedBlock{
		MarkdownDescription: "Log destinations of ECS Exec sessions. Only with `logging = \"OVERRIDE\"`.",
		Validators:          []validator.List{listvalidator.SizeAtMost(1)},
		NestedObject: schema.NestedBlockObject{
			Attributes: map[string]schema.Attribute{
				"cloud_watch_encryption_enabled": schema.BoolAttribute{
					MarkdownDescription: descLogGroupEncryption,
					Optional:            true,
					Computed:            true,
					Default:             booldefault.StaticBool(false),
				},
				"cloud_watch_log_group_name": schema.StringAttribute{
					MarkdownDescription: descLogGroup,
					Optional:            true,
					Validators:          []validator.String{validators.ReadableString(stringvalidator.LengthBetween(1, 512))},
				},
				"s3_bucket_name": schema.StringAttribute{
					MarkdownDescription: descS3Bucket,
					Optional:            true,
					Validators:          []validator.String{validators.ReadableString(stringvalidator.LengthBetween(3, 63))},
				},
				"s3_bucket_encryption_enabled": schema.BoolAttribute{
					MarkdownDescription: descS3Encryption,
					Optional:            true,
					Computed:            true,
					Default:             booldefault.StaticBool(false),
				},
				"s3_key_prefix": schema.StringAttribute{
					MarkdownDescription: descS3KeyPrefix,
					Optional:            true,
					Validators:          []validator.String{validators.ReadableString(stringvalidator.LengthAtLeast(1))},
				},
			},
		},
	}
}

// clusterManagedStorageBlock is configuration.managed_storage_configuration.
func clusterManagedStorageBlock() schema.Block {
	return schema.ListNestedBlock{
		MarkdownDescription: "KMS keys of the storage that ECS manages for tasks. When set, at least one key must be given.",
		Validators:          []validator.List{listvalidator.SizeAtMost(1)},
		NestedObject: schema.NestedBlockObject{
			Validators: []validator.Object{validators.AtLeastOneAttribute("kms_key_id", "fargate_ephemeral_storage_kms_key_id")},
			Attributes: map[string]schema.Attribute{
				"fargate_ephemeral_storage_kms_key_id": schema.StringAttribute{
					MarkdownDescription: descFargateKMSKeyID,
					Optional:            true,
					Validators:          []validator.String{validators.ReadableString(stringvalidator.LengthAtLeast(1))},
				},
				"kms_key_id": schema.StringAttribute{
					MarkdownDescription: descStorageKMSKeyID,
					Optional:            true,
					Validators:          []validator.String{validators.ReadableString(stringvalidator.LengthAtLeast(1))},
				},
			},
		},
	}
}

// clusterServiceConnectDefaultsBlock is the service_connect_defaults block.
func clusterServiceConnectDefaultsBlock() schema.Block {
	return schema.ListNestedBlock{
		MarkdownDescription: "Default Service Connect namespace of services in the cluster. Removing it removes the default from the cluster (the Cloud Map namespace itself is kept).",
		Validators:          []validator.List{listvalidator.SizeAtMost(1)},
		NestedObject: schema.NestedBlockObject{
			Attributes: map[string]schema.Attribute{
				"namespace": schema.StringAttribute{
					MarkdownDescription: descNamespace,
					Required:            true,
					Validators:          []validator.String{validators.Namespace()},
				},
				"namespace_arn": schema.StringAttribute{
					MarkdownDescription: "ARN of the namespace, as ECS reports it.",
					Computed:            true,
					PlanModifiers:       []planmodifier.String{namespaceARNModifier{}},
				},
			},
		},
	}
}

// ConfigValidators checks the rules across the elements of the set blocks.
// They run as resource validators so that the rules of the attributes inside
// the blocks are reported in the same run (see validators.SetBlockRules).
func (r *clusterResource) ConfigValidators(context.Context) []resource.ConfigValidator {
	return []resource.ConfigValidator{
		validators.SetBlockRules("setting", setvalidator.SizeAtMost(1), validators.UniqueSettingNames()),
		strategyRules(),
	}
}

var _ resource.ResourceWithConfigValidators = (*clusterResource)(nil)

// clusterSchemaVersion is the version of the ecsx_cluster state. Version 1
// is the block syntax of aws_ecs_cluster.
const clusterSchemaVersion = 1

// clusterTimeoutsBlock is the timeouts block of ecsx_cluster, documented.
func clusterTimeoutsBlock(ctx context.Context) schema.Block {
	return timeoutsBlock(ctx,
		"How long to wait for the cluster to become `ACTIVE`, including retries while the ECS service-linked role propagates. Defaults to `20m`.",
		"How long to wait for an update, including retries while the cluster is busy and the wait for `ACTIVE`. Defaults to `20m`.",
		"How long to retry the deletion while services, tasks, container instances or capacity providers still block it, and to wait for `INACTIVE`. Defaults to `20m`.")
}
