package provider

import (
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/float64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecsx/terraform-provider-ecsx/internal/validators"
)

// The documented defaults of a Managed Instances launch template (ECS API
// reference, InstanceLaunchTemplate).
const (
	defaultCapacityOptionType       = "ON_DEMAND"
	defaultMonitoring               = "BASIC"
	defaultMetadataTagsPropagation  = true
	defaultNitroEnclavesEnabled     = false
	maxScaleInAfter                 = 3600
	maxInstanceTypesPerRequirements = 400
)

var (
	iamRoleARNPattern         = regexp.MustCompile(`^arn:aws[a-z-]*:iam::\d{12}:role/[\w+=,.@/-]{1,512}$`)
	instanceProfileARNPattern = regexp.MustCompile(`^arn:aws[a-z-]*:iam::\d{12}:instance-profile/[\w+=,.@/-]{1,512}$`)
	anyARNPattern             = regexp.MustCompile(`^arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:\d{12}:.+$`)
	subnetIDPattern           = regexp.MustCompile(`^subnet-[0-9a-f]{8,17}$`)
	securityGroupIDPattern    = regexp.MustCompile(`^sg-[0-9a-f]{8,17}$`)
	instanceTypePattern       = regexp.MustCompile(`^[a-zA-Z0-9.*-]{1,30}$`)

	// The enums of the pinned SDK (types/enums.go).
	acceleratorManufacturers = []string{"amazon-web-services", "amd", "nvidia", "xilinx", "habana"}
	acceleratorNames         = []string{"a100", "inferentia", "k520", "k80", "m60", "radeon-pro-v520", "t4", "vu9p", "v100", "a10g", "h100", "t4g", "l40s", "l4"}
	acceleratorTypes         = []string{"gpu", "fpga", "inference"}
	cpuManufacturers         = []string{"intel", "amd", "amazon-web-services"}
	instanceGenerations      = []string{"current", "previous"}
	localStorageTypes        = []string{"hdd", "ssd"}
	includedRequiredExcluded = []string{"included", "required", "excluded"}
)

func enumSet(desc string, values []string) schema.SetAttribute {
	return schema.SetAttribute{
		MarkdownDescription: desc + " One or more of " + quoteList(values) + ".",
		Optional:            true,
		ElementType:         types.StringType,
		Validators:          []validator.Set{setvalidator.SizeAtLeast(1), setvalidator.ValueStringsAre(stringvalidator.OneOf(values...))},
	}
}

func enumString(desc string, values []string) schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: desc + " One of " + quoteList(values) + ".",
		Optional:            true,
		Validators:          []validator.String{stringvalidator.OneOf(values...)},
	}
}

// intRangeBlock is a min/max block of whole numbers, each at least lowest;
// minRequired makes min required (vcpu_count and memory_mib).
func intRangeBlock(desc string, lowest int64, minRequired bool) schema.ListNestedBlock {
	listValidators := []validator.List{listvalidator.SizeAtMost(1)}
	if minRequired {
		listValidators = append(listValidators, listvalidator.IsRequired())
	}
	return schema.ListNestedBlock{
		MarkdownDescription: desc,
		Validators:          listValidators,
		NestedObject: schema.NestedBlockObject{
			Validators: []validator.Object{validators.RangeOrdered()},
			Attributes: map[string]schema.Attribute{
				"min": schema.Int64Attribute{
					MarkdownDescription: "Lower bound, at least " + itoa(lowest) + ".",
					Required:            minRequired,
					Optional:            !minRequired,
					Validators:          []validator.Int64{int64validator.AtLeast(lowest)},
				},
				"max": schema.Int64Attribute{
					MarkdownDescription: "Upper bound, at least `min`. No upper bound when left out.",
					Optional:            true,
					Validators:          []validator.Int64{int64validator.AtLeast(lowest)},
				},
			},
		},
	}
}

// floatRangeBlock is a min/max block of non-negative numbers.
func floatRangeBlock(desc string) schema.ListNestedBlock {
	return schema.ListNestedBlock{
		MarkdownDescription: desc,
		Validators:          []validator.List{listvalidator.SizeAtMost(1)},
		NestedObject: schema.NestedBlockObject{
			Validators: []validator.Object{validators.RangeOrdered()},
			Attributes: map[string]schema.Attribute{
				"min": schema.Float64Attribute{MarkdownDescription: "Lower bound, at least 0.", Optional: true, Validators: []validator.Float64{float64validator.AtLeast(0)}},
				"max": schema.Float64Attribute{MarkdownDescription: "Upper bound, at least `min`. No upper bound when left out.", Optional: true, Validators: []validator.Float64{float64validator.AtLeast(0)}},
			},
		},
	}
}

func percentage(desc string) schema.Int64Attribute {
	return schema.Int64Attribute{MarkdownDescription: desc + " A whole number of percent, at least 0.", Optional: true, Validators: []validator.Int64{int64validator.AtLeast(0)}}
}

func instanceTypeSet(desc string, other string) schema.SetAttribute {
	return schema.SetAttribute{
		MarkdownDescription: desc + " At most 400 names of 1-30 letters, digits, `.`, `*` and `-`, such as `m5.8xlarge`, `c5*.*` or `r6*`. Cannot be set with `" + other + "`.",
		Optional:            true,
		ElementType:         types.StringType,
		Validators: []validator.Set{
			setvalidator.SizeBetween(1, maxInstanceTypesPerRequirements),
			setvalidator.ValueStringsAre(stringvalidator.RegexMatches(instanceTypePattern, "must be 1-30 letters, digits, '.', '*' and '-'")),
			setvalidator.ConflictsWith(path.MatchRelative().AtParent().AtName(other)),
		},
	}
}

// managedInstancesProviderBlock is the managed_instances_provider block:
// every member of CreateManagedInstancesProviderConfiguration of the pinned
// SDK, named as hashicorp/aws names them where it has them.
func managedInstancesProviderBlock() schema.ListNestedBlock {
	return schema.ListNestedBlock{
		MarkdownDescription: "ECS Managed Instances: ECS launches, patches and retires the EC2 instances itself. Requires `cluster`: the provider belongs to that cluster " +
			"and is never associated through `ecsx_cluster_capacity_providers`. Exactly one of `auto_scaling_group_provider` and `managed_instances_provider` is required.",
		Validators: []validator.List{listvalidator.SizeAtMost(1)},
		NestedObject: schema.NestedBlockObject{
			Attributes: map[string]schema.Attribute{
				"infrastructure_role_arn": schema.StringAttribute{
					MarkdownDescription: "ARN of the IAM role that ECS assumes to manage the instances, `arn:<partition>:iam::<account>:role/<name>`.",
					Required:            true,
					Validators:          []validator.String{stringvalidator.RegexMatches(iamRoleARNPattern, "must be an IAM role ARN, arn:<partition>:iam::<account>:role/<name>")},
				},
				"propagate_tags": schema.StringAttribute{
					MarkdownDescription: "Whether the capacity provider's tags are applied to its instances: `CAPACITY_PROVIDER` or `NONE`. When left out, ECS decides and the state shows its choice.",
					Optional:            true,
					Computed:            true,
					Validators:          []validator.String{stringvalidator.OneOf("CAPACITY_PROVIDER", "NONE")},
					PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
				},
			},
			Blocks: map[string]schema.Block{
				"instance_launch_template": launchTemplateBlock(),
				"infrastructure_optimization": schema.ListNestedBlock{
					MarkdownDescription: "How soon ECS replaces idle or underused instances.",
					Validators:          []validator.List{listvalidator.SizeAtMost(1)},
					NestedObject: schema.NestedBlockObject{Attributes: map[string]schema.Attribute{
						"scale_in_after": schema.Int64Attribute{
							MarkdownDescription: "Seconds ECS waits before it optimizes an idle or underused instance, 0-3600, or `-1` to turn optimization off. ECS's default behaviour when left out.",
							Optional:            true,
							Validators:          []validator.Int64{int64validator.Between(-1, maxScaleInAfter)},
						},
					}},
				},
				"auto_repair_configuration": schema.ListNestedBlock{
					MarkdownDescription: "Whether ECS replaces instances whose health is IMPAIRED.",
					Validators:          []validator.List{listvalidator.SizeAtMost(1)},
					NestedObject: schema.NestedBlockObject{Attributes: map[string]schema.Attribute{
						"actions_status": schema.StringAttribute{
							MarkdownDescription: "`ENABLED` (ECS replaces impaired instances) or `DISABLED` (ECS only monitors them).",
							Required:            true,
							Validators:          []validator.String{stringvalidator.OneOf(enabled, disabled)},
						},
					}},
				},
			},
		},
	}
}

func launchTemplateBlock() schema.ListNestedBlock {
	return schema.ListNestedBlock{
		MarkdownDescription: "How ECS launches the instances. Required. Changes apply to instances launched afterwards.",
		Validators:          []validator.List{listvalidator.IsRequired(), listvalidator.SizeAtMost(1)},
		NestedObject: schema.NestedBlockObject{
			Validators: []validator.Object{validators.NitroWithoutLocalStorage()},
			Attributes: map[string]schema.Attribute{
				"ec2_instance_profile_arn": schema.StringAttribute{
					MarkdownDescription: "ARN of the instance profile of the instances, `arn:<partition>:iam::<account>:instance-profile/<name>`.",
					Required:            true,
					Validators:          []validator.String{stringvalidator.RegexMatches(instanceProfileARNPattern, "must be an IAM instance profile ARN, arn:<partition>:iam::<account>:instance-profile/<name>")},
				},
				"capacity_option_type": schema.StringAttribute{
					MarkdownDescription: "`ON_DEMAND` (the default), `SPOT` or `RESERVED` (EC2 Capacity Reservations, see `capacity_reservations`). Changing it replaces the capacity provider.",
					Optional:            true,
					Computed:            true,
					Default:             stringdefault.StaticString(defaultCapacityOptionType),
					Validators:          []validator.String{stringvalidator.OneOf("ON_DEMAND", "SPOT", "RESERVED")},
					PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
				},
				"monitoring": schema.StringAttribute{
					MarkdownDescription: "CloudWatch monitoring of the instances: `BASIC` (the default) or `DETAILED`.",
					Optional:            true,
					Computed:            true,
					Default:             stringdefault.StaticString(defaultMonitoring),
					Validators:          []validator.String{stringvalidator.OneOf("BASIC", "DETAILED")},
				},
				"fips_enabled": schema.BoolAttribute{
					MarkdownDescription: "Whether the instances use FIPS 140-2 validated cryptographic modules. When left out, ECS decides (on in AWS GovCloud (US) regions, off elsewhere) and the state shows its choice. Changing it replaces the capacity provider.",
					Optional:            true,
					Computed:            true,
					PlanModifiers:       []planmodifier.Bool{boolplanmodifier.UseStateForUnknown(), boolplanmodifier.RequiresReplace()},
				},
				"instance_metadata_tags_propagation": schema.BoolAttribute{
					MarkdownDescription: "Whether the instances' tags are available through the instance metadata service (IMDS). Defaults to `true`; turn it off when tag keys contain characters IMDS does not allow, such as `/`.",
					Optional:            true,
					Computed:            true,
					Default:             booldefault.StaticBool(defaultMetadataTagsPropagation),
				},
				"nitro_enclaves_enabled": schema.BoolAttribute{
					MarkdownDescription: "Whether the instances have Nitro Sandbox enabled, for tasks of the ISOLATED_SANDBOX or CONFIDENTIAL_SANDBOX isolation modes. Defaults to `false`. " +
						"Cannot be used with `local_storage_configuration { use_local_storage = true }`. Changing it replaces the capacity provider.",
					Optional:      true,
					Computed:      true,
					Default:       booldefault.StaticBool(defaultNitroEnclavesEnabled),
					PlanModifiers: []planmodifier.Bool{boolplanmodifier.RequiresReplace()},
				},
			},
			Blocks: map[string]schema.Block{
				"network_configuration":       networkConfigurationBlock(),
				"storage_configuration":       storageConfigurationBlock(),
				"local_storage_configuration": localStorageConfigurationBlock(),
				"capacity_reservations":       capacityReservationsBlock(),
				"instance_requirements":       instanceRequirementsBlock(),
			},
		},
	}
}

// networkConfigurationBlock is the launch template's network_configuration
// block: the subnets and security groups of the instances.
func networkConfigurationBlock() schema.ListNestedBlock {
	return schema.ListNestedBlock{
		MarkdownDescription: "Subnets and security groups of the instances. Required.",
		Validators:          []validator.List{listvalidator.IsRequired(), listvalidator.SizeAtMost(1)},
		NestedObject: schema.NestedBlockObject{Attributes: map[string]schema.Attribute{
			"subnets": schema.SetAttribute{
				MarkdownDescription: "IDs of the subnets the instances are launched in (`subnet-...`), all in one VPC. At least one.",
				Required:            true,
				ElementType:         types.StringType,
				Validators: []validator.Set{setvalidator.SizeAtLeast(1),
					setvalidator.ValueStringsAre(stringvalidator.RegexMatches(subnetIDPattern, "must be a subnet ID such as subnet-0123456789abcdef0"))},
			},
			"security_groups": schema.SetAttribute{
				MarkdownDescription: "IDs of the security groups of the instances (`sg-...`).",
				Optional:            true,
				ElementType:         types.StringType,
				Validators: []validator.Set{
					setvalidator.ValueStringsAre(stringvalidator.RegexMatches(securityGroupIDPattern, "must be a security group ID such as sg-0123456789abcdef0"))},
			},
		}},
	}
}

// storageConfigurationBlock is the launch template's storage_configuration
// block: the data volume.
func storageConfigurationBlock() schema.ListNestedBlock {
	return schema.ListNestedBlock{
		MarkdownDescription: "The data volume of the instances.",
		Validators:          []validator.List{listvalidator.SizeAtMost(1)},
		NestedObject: schema.NestedBlockObject{Attributes: map[string]schema.Attribute{
			"storage_size_gib": schema.Int64Attribute{
				MarkdownDescription: "Size of the data volume in GiB, at least 1.",
				Required:            true,
				Validators:          []validator.Int64{int64validator.AtLeast(1)},
			},
		}},
	}
}

// localStorageConfigurationBlock is the launch template's
// local_storage_configuration block: the instance store volumes.
func localStorageConfigurationBlock() schema.ListNestedBlock {
	return schema.ListNestedBlock{
		MarkdownDescription: "Whether ECS uses the instance store volumes of the instances.",
		Validators:          []validator.List{listvalidator.SizeAtMost(1)},
		NestedObject: schema.NestedBlockObject{Attributes: map[string]schema.Attribute{
			"use_local_storage": schema.BoolAttribute{MarkdownDescription: "Whether ECS uses instance store volumes.", Required: true},
		}},
	}
}

// capacityReservationsBlock is the launch template's capacity_reservations
// block.
func capacityReservationsBlock() schema.ListNestedBlock {
	return schema.ListNestedBlock{
		MarkdownDescription: "Which EC2 Capacity Reservations the instances use.",
		Validators:          []validator.List{listvalidator.SizeAtMost(1)},
		NestedObject: schema.NestedBlockObject{Attributes: map[string]schema.Attribute{
			"reservation_group_arn": schema.StringAttribute{
				MarkdownDescription: "ARN of the Capacity Reservation resource group to launch into.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.RegexMatches(anyARNPattern, "must be an ARN")},
			},
			"reservation_preference": enumString("When reservations are used.", []string{"RESERVATIONS_ONLY", "RESERVATIONS_FIRST", "RESERVATIONS_EXCLUDED"}),
		}},
	}
}

func instanceRequirementsBlock() schema.ListNestedBlock {
	return schema.ListNestedBlock{
		MarkdownDescription: "Attribute-based selection of instance types. `vcpu_count` and `memory_mib` are required in it.",
		Validators:          []validator.List{listvalidator.SizeAtMost(1)},
		NestedObject: schema.NestedBlockObject{
			Attributes: map[string]schema.Attribute{
				"accelerator_manufacturers": enumSet("Accelerator manufacturers to include.", acceleratorManufacturers),
				"accelerator_names":         enumSet("Accelerators to include.", acceleratorNames),
				"accelerator_types":         enumSet("Accelerator types to include.", acceleratorTypes),
				"allowed_instance_types":    instanceTypeSet("The only instance types to consider.", "excluded_instance_types"),
				"excluded_instance_types":   instanceTypeSet("Instance types never to use.", "allowed_instance_types"),
				"bare_metal":                enumString("Whether bare metal instance types are included, required or excluded.", includedRequiredExcluded),
				"burstable_performance":     enumString("Whether burstable performance (T) instance types are included, required or excluded.", includedRequiredExcluded),
				"local_storage":             enumString("Whether instance types with instance store volumes are included, required or excluded.", includedRequiredExcluded),
				"cpu_manufacturers":         enumSet("CPU manufacturers to include.", cpuManufacturers),
				"instance_generations":      enumSet("Instance generations to include.", instanceGenerations),
				"local_storage_types":       enumSet("Instance store volume types to include.", localStorageTypes),
				"max_spot_price_as_percentage_of_optimal_on_demand_price": percentage("Highest Spot price, as a percentage of the optimal On-Demand price."),
				"on_demand_max_price_percentage_over_lowest_price":        percentage("Price protection for On-Demand instances, as a percentage over the lowest priced matching instance type."),
				"spot_max_price_percentage_over_lowest_price":             percentage("Price protection for Spot instances, as a percentage over the lowest priced matching On-Demand instance type."),
				"require_hibernate_support": schema.BoolAttribute{
					MarkdownDescription: "Whether only instance types that support hibernation are used.",
					Optional:            true,
				},
			},
			Blocks: map[string]schema.Block{
				"vcpu_count":                   intRangeBlock("Number of vCPUs. Required; `min` at least 1.", 1, true),
				"memory_mib":                   intRangeBlock("Memory in MiB. Required; `min` at least 1.", 1, true),
				"accelerator_count":            intRangeBlock("Number of accelerators (GPUs, FPGAs, inference chips).", 0, false),
				"accelerator_total_memory_mib": intRangeBlock("Total accelerator memory in MiB.", 0, false),
				"baseline_ebs_bandwidth_mbps":  intRangeBlock("Baseline EBS bandwidth in Mbps.", 0, false),
				"network_interface_count":      intRangeBlock("Number of network interfaces, at least 1.", 1, false),
				"memory_gib_per_vcpu":          floatRangeBlock("Memory per vCPU in GiB."),
				"network_bandwidth_gbps":       floatRangeBlock("Network bandwidth in Gbps."),
				"total_local_storage_gb":       floatRangeBlock("Total instance store size in GB."),
			},
		},
	}
}
