package provider

import (
	"context"
	"fmt"
	"regexp"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecsx/terraform-provider-ecsx/internal/validators"
)

// The defaults and bounds of managed scaling, from the ECS API reference
// (ManagedScaling).
const (
	defaultTargetCapacity = 100
	defaultMinStepSize    = 1
	defaultMaxStepSize    = 10000
	defaultWarmupPeriod   = 300
	maxStepSize           = 10000
	maxWarmupPeriod       = 10000
	enabled, disabled     = "ENABLED", "DISABLED"
)

// capacityProviderSchemaVersion is the state version of ecsx_capacity_provider.
const capacityProviderSchemaVersion = 0

// autoScalingGroupARNPattern matches an Auto Scaling group ARN,
// arn:<partition>:autoscaling:<region>:<account>:autoScalingGroup:<id>:autoScalingGroupName/<name>.
var autoScalingGroupARNPattern = regexp.MustCompile(`^arn:aws[a-z-]*:autoscaling:[a-z0-9-]+:\d{12}:autoScalingGroup:[0-9a-fA-F-]+:autoScalingGroupName/[^\s]{1,255}$`)

var (
	managedScalingAttrTypes = map[string]attr.Type{
		"instance_warmup_period":    types.Int64Type,
		"maximum_scaling_step_size": types.Int64Type,
		"minimum_scaling_step_size": types.Int64Type,
		"status":                    types.StringType,
		"target_capacity":           types.Int64Type,
	}
	asgProviderAttrTypes = map[string]attr.Type{
		"auto_scaling_group_arn":         types.StringType,
		"managed_draining":               types.StringType,
		"managed_termination_protection": types.StringType,
		"managed_scaling":                types.ListType{ElemType: types.ObjectType{AttrTypes: managedScalingAttrTypes}},
	}
)

// capacityProviderResourceSchema returns the schema of ecsx_capacity_provider,
// built once.
var capacityProviderResourceSchema = sync.OnceValue(func() schema.Schema {
	return buildCapacityProviderSchema(context.Background())
})

// capacityProviderDescription is the description of ecsx_capacity_provider.
const capacityProviderDescription = "Manages an Amazon ECS capacity provider: an Auto Scaling group (`auto_scaling_group_provider`) or ECS Managed Instances (`managed_instances_provider` with `cluster`). " +
	"Its syntax is that of `aws_ecs_capacity_provider` of the hashicorp/aws provider.\n\n" +
	"Associate an Auto Scaling group provider with a cluster through `ecsx_cluster_capacity_providers` (or `capacity_providers` of `ecsx_cluster`), " +
	"referring to it by reference (`ecsx_capacity_provider.<name>.name`): Terraform then creates the association after the provider is `ACTIVE` " +
	"and destroys it before the provider, and the cluster's deletion waits until the Auto Scaling group's instances have deregistered, " +
	"so that cluster, provider and association go in one `terraform destroy`. See the complete example [examples/ec2-capacity](https://github.com/ecsx/terraform-provider-ecsx/tree/main/examples/ec2-capacity).\n\n" +
	"A Managed Instances provider belongs to the cluster named in `cluster` from its creation: ECS refuses to associate it through `PutClusterCapacityProviders`, " +
	"so it is never sent there, and the capacity provider lists of `ecsx_cluster` and `ecsx_cluster_capacity_providers` ignore it unless they name it " +
	"([PutClusterCapacityProviders](https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_PutClusterCapacityProviders.html): " +
	"\"Amazon ECS Managed Instances doesn't support this\"). Its cluster's `default_capacity_provider_strategy` may name it once it is `ACTIVE`: " +
	"creating it with `cluster` is its association, and a strategy may name the providers associated with the cluster " +
	"([CapacityProviderStrategyItem](https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CapacityProviderStrategyItem.html)). " +
	"Refer to the cluster by reference (`cluster = ecsx_cluster.<name>.name`): Terraform then deletes the provider first and the cluster after it, in one `terraform destroy`. " +
	"See the complete example [examples/managed-instances](https://github.com/ecsx/terraform-provider-ecsx/tree/main/examples/managed-instances).\n\n" +
	"Every rule of the API is checked at plan time. Create waits until the provider is `ACTIVE`, an update until it is `UPDATE_COMPLETE` " +
	"(an `UPDATE_FAILED` fails the apply with its reason), and delete until it is gone. " +
	"Deleting a provider that a cluster still uses is tried three times, not until the delete timeout, and fails naming the cluster. Existing providers are imported by name or by ARN."

// buildCapacityProviderSchema is the schema of ecsx_capacity_provider: the
// syntax of hashicorp/aws's aws_ecs_capacity_provider, plus name_prefix.
// Exactly one provider block is required (checked by the resource's
// ValidateConfig).
func buildCapacityProviderSchema(ctx context.Context) schema.Schema {
	return schema.Schema{
		Version:             capacityProviderSchemaVersion,
		MarkdownDescription: capacityProviderDescription,
		Attributes:          capacityProviderAttributes(),
		Blocks: map[string]schema.Block{
			"auto_scaling_group_provider": autoScalingGroupProviderBlock(),
			"managed_instances_provider":  managedInstancesProviderBlock(),
			"timeouts": timeoutsBlock(ctx,
				"How long to wait for the capacity provider to become `ACTIVE`. Defaults to `20m`.",
				"How long to wait for an update to complete. Defaults to `20m`.",
				"How long to wait for the capacity provider to be deleted. Defaults to `20m`."),
		},
	}
}

// capacityProviderAttributes are the top-level attributes of
// ecsx_capacity_provider.
func capacityProviderAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"id": schema.StringAttribute{
			MarkdownDescription: "The capacity provider ARN.",
			Computed:            true,
			PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		},
		"arn": schema.StringAttribute{
			MarkdownDescription: "The capacity provider ARN, `arn:<partition>:ecs:<region>:<account>:capacity-provider/<name>`.",
			Computed:            true,
			PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		},
		"name": schema.StringAttribute{
			MarkdownDescription: "Capacity provider name: 1-255 letters, digits, hyphens (`-`) and underscores (`_`), not starting with `aws`, `ecs` or `fargate` in any case. " +
				"One of `name` and `name_prefix` is required; with `name_prefix`, it must begin with the prefix, and when left out it is generated at create. " +
				"Changing it replaces the capacity provider.",
			Optional: true,
			Computed: true,
			Validators: []validator.String{
				validators.CapacityProviderName(),
				stringvalidator.NoneOf("FARGATE", "FARGATE_SPOT"),
				validators.NameMatchesPrefix(),
			},
			PlanModifiers: []planmodifier.String{nameModifier{}, stringplanmodifier.RequiresReplace()},
		},
		"name_prefix": schema.StringAttribute{
			MarkdownDescription: fmt.Sprintf("Creates a unique name beginning with this prefix, followed by %d generated characters (a timestamp and a counter). "+
				"Letters, digits, hyphens and underscores, at most %d characters, not starting with `aws`, `ecs` or `fargate` in any case. "+
				"With `lifecycle { create_before_destroy = true }`, it lets a replacement be created beside the capacity provider it replaces. "+
				"A capacity provider imported by a name of that form keeps its prefix here. Changing it replaces the capacity provider.",
				nameSuffixLength, validators.MaxNamePrefixLength(nameSuffixLength)),
			Optional:      true,
			Computed:      true,
			Validators:    []validator.String{validators.CapacityProviderNamePrefix(nameSuffixLength)},
			PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplaceIfConfigured()},
		},
		"region": schema.StringAttribute{
			MarkdownDescription: "AWS region of the capacity provider, for example `eu-west-1`. Defaults to the provider's region. Changing it replaces the capacity provider.",
			Optional:            true,
			Computed:            true,
			Validators: []validator.String{
				stringvalidator.RegexMatches(regionPattern, "must be an AWS region name such as eu-west-1"),
			},
		},
		"cluster": schema.StringAttribute{
			MarkdownDescription: "Name of the cluster a Managed Instances provider belongs to. Required with `managed_instances_provider`, refused with `auto_scaling_group_provider` " +
				"(associate those through `ecsx_cluster_capacity_providers`). Changing it replaces the capacity provider.",
			Optional:      true,
			Validators:    []validator.String{validators.ClusterName()},
			PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
		},
		"tags": schema.MapAttribute{
			MarkdownDescription: "Tags of the capacity provider. " + tagRulesMarkdown + " The rules also apply to the tags merged with the provider's `default_tags`.",
			Optional:            true,
			ElementType:         types.StringType,
			Validators:          []validator.Map{validators.Tags()},
		},
		"tags_all": schema.MapAttribute{
			MarkdownDescription: "All tags of the capacity provider: the provider's `default_tags` overlaid with `tags`. Known at plan time.",
			Computed:            true,
			ElementType:         types.StringType,
		},
	}
}

// autoScalingGroupProviderBlock is the auto_scaling_group_provider block.
func autoScalingGroupProviderBlock() schema.ListNestedBlock {
	enabledDisabled := []validator.String{stringvalidator.OneOf(enabled, disabled)}
	return schema.ListNestedBlock{
		MarkdownDescription: "The Auto Scaling group behind the capacity provider. An Auto Scaling group backs at most one capacity provider. " +
			"Exactly one of `auto_scaling_group_provider` and `managed_instances_provider` is required; changing from one to the other replaces the capacity provider.",
		Validators: []validator.List{listvalidator.SizeAtMost(1)},
		NestedObject: schema.NestedBlockObject{
			Validators: []validator.Object{validators.TerminationProtectionNeedsScaling()},
			Attributes: map[string]schema.Attribute{
				"auto_scaling_group_arn": schema.StringAttribute{
					MarkdownDescription: "ARN of the Auto Scaling group, `arn:<partition>:autoscaling:<region>:<account>:autoScalingGroup:<id>:autoScalingGroupName/<name>`. Changing it replaces the capacity provider.",
					Required:            true,
					Validators: []validator.String{
						stringvalidator.RegexMatches(autoScalingGroupARNPattern, "must be an Auto Scaling group ARN, arn:<partition>:autoscaling:<region>:<account>:autoScalingGroup:<id>:autoScalingGroupName/<name>"),
					},
					PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
				},
				"managed_draining": schema.StringAttribute{
					MarkdownDescription: "Whether ECS drains the group's container instances gracefully before they are terminated: `ENABLED` or `DISABLED`. " +
						"When left out, ECS decides (it enables it for new providers) and the state shows its choice.",
					Optional:      true,
					Computed:      true,
					Validators:    enabledDisabled,
					PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
				},
				"managed_termination_protection": schema.StringAttribute{
					MarkdownDescription: "Whether ECS protects instances that run tasks from scale-in: `ENABLED` or `DISABLED` (the default). " +
						"`ENABLED` requires `managed_scaling` with `status = \"ENABLED\"`, and the group must protect new instances from scale-in.",
					Optional:   true,
					Computed:   true,
					Default:    stringdefault.StaticString(disabled),
					Validators: enabledDisabled,
				},
			},
			Blocks: map[string]schema.Block{
				"managed_scaling": managedScalingBlock(enabledDisabled),
			},
		},
	}
}

// managedScalingBlock is the managed_scaling block of
// auto_scaling_group_provider.
func managedScalingBlock(enabledDisabled []validator.String) schema.ListNestedBlock {
	return schema.ListNestedBlock{
		MarkdownDescription: "Managed scaling of the Auto Scaling group. Without it ECS applies its defaults (managed scaling off), and the state holds no block. " +
			"Removing it returns the provider to those defaults; removing an argument returns that argument to its default.",
		Validators: []validator.List{listvalidator.SizeAtMost(1)},
		NestedObject: schema.NestedBlockObject{
			Validators: []validator.Object{validators.StepSizesOrdered(defaultMinStepSize, defaultMaxStepSize)},
			Attributes: map[string]schema.Attribute{
				"instance_warmup_period": schema.Int64Attribute{
					MarkdownDescription: "Seconds after launch before a new instance counts in the group's CloudWatch metrics, 0-10000. Defaults to `300`.",
					Optional:            true,
					Computed:            true,
					Default:             int64default.StaticInt64(defaultWarmupPeriod),
					Validators:          []validator.Int64{int64validator.Between(0, maxWarmupPeriod)},
				},
				"maximum_scaling_step_size": schema.Int64Attribute{
					MarkdownDescription: "Most instances ECS launches at once, 1-10000. Defaults to `10000`.",
					Optional:            true,
					Computed:            true,
					Default:             int64default.StaticInt64(defaultMaxStepSize),
					Validators:          []validator.Int64{int64validator.Between(1, maxStepSize)},
				},
				"minimum_scaling_step_size": schema.Int64Attribute{
					MarkdownDescription: "Fewest instances ECS launches at once, 1-10000, at most `maximum_scaling_step_size`. Defaults to `1`.",
					Optional:            true,
					Computed:            true,
					Default:             int64default.StaticInt64(defaultMinStepSize),
					Validators:          []validator.Int64{int64validator.Between(1, maxStepSize)},
				},
				"status": schema.StringAttribute{
					MarkdownDescription: "Whether managed scaling is on: `ENABLED` or `DISABLED`. When left out, ECS decides and the state shows its choice.",
					Optional:            true,
					Computed:            true,
					Validators:          enabledDisabled,
					PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
				},
				"target_capacity": schema.Int64Attribute{
					MarkdownDescription: "Target utilization of the group's instances in percent, 1-100. Defaults to `100`.",
					Optional:            true,
					Computed:            true,
					Default:             int64default.StaticInt64(defaultTargetCapacity),
					Validators:          []validator.Int64{int64validator.Between(1, 100)},
				},
			},
		},
	}
}
