package provider

import (
	"context"

	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// The managed_instances_provider block as Go values. Nested blocks are
// slices (a block list holds at most one element); leaves keep the
// framework's types so that unknown values survive validation.
type (
	managedInstancesProviderModel struct {
		InfrastructureRoleARN      types.String                          `tfsdk:"infrastructure_role_arn"`
		PropagateTags              types.String                          `tfsdk:"propagate_tags"`
		InstanceLaunchTemplate     []managedInstancesLaunchTemplateModel `tfsdk:"instance_launch_template"`
		InfrastructureOptimization []managedInstancesOptimizationModel   `tfsdk:"infrastructure_optimization"`
		AutoRepairConfiguration    []managedInstancesAutoRepairModel     `tfsdk:"auto_repair_configuration"`
	}
	managedInstancesOptimizationModel struct {
		ScaleInAfter types.Int64 `tfsdk:"scale_in_after"`
	}
	managedInstancesAutoRepairModel struct {
		ActionsStatus types.String `tfsdk:"actions_status"`
	}
	managedInstancesLaunchTemplateModel struct {
		EC2InstanceProfileARN           types.String                        `tfsdk:"ec2_instance_profile_arn"`
		CapacityOptionType              types.String                        `tfsdk:"capacity_option_type"`
		Monitoring                      types.String                        `tfsdk:"monitoring"`
		FIPSEnabled                     types.Bool                          `tfsdk:"fips_enabled"`
		InstanceMetadataTagsPropagation types.Bool                          `tfsdk:"instance_metadata_tags_propagation"`
		NitroEnclavesEnabled            types.Bool                          `tfsdk:"nitro_enclaves_enabled"`
		NetworkConfiguration            []managedInstancesNetworkModel      `tfsdk:"network_configuration"`
		StorageConfiguration            []managedInstancesStorageModel      `tfsdk:"storage_configuration"`
		LocalStorageConfiguration       []managedInstancesLocalStorageModel `tfsdk:"local_storage_configuration"`
		CapacityReservations            []managedInstancesReservationsModel `tfsdk:"capacity_reservations"`
		InstanceRequirements            []managedInstancesRequirementsModel `tfsdk:"instance_requirements"`
	}
	managedInstancesNetworkModel struct {
		Subnets        types.Set `tfsdk:"subnets"`
		SecurityGroups types.Set `tfsdk:"security_groups"`
	}
	managedInstancesStorageModel struct {
		StorageSizeGiB types.Int64 `tfsdk:"storage_size_gib"`
	}
	managedInstancesLocalStorageModel struct {
		UseLocalStorage types.Bool `tfsdk:"use_local_storage"`
	}
	managedInstancesReservationsModel struct {
		ReservationGroupARN   types.String `tfsdk:"reservation_group_arn"`
		ReservationPreference types.String `tfsdk:"reservation_preference"`
	}
	intRangeModel struct {
		Min types.Int64 `tfsdk:"min"`
		Max types.Int64 `tfsdk:"max"`
	}
	floatRangeModel struct {
		Min types.Float64 `tfsdk:"min"`
		Max types.Float64 `tfsdk:"max"`
	}
	managedInstancesRequirementsModel struct {
		AcceleratorManufacturers                       types.Set         `tfsdk:"accelerator_manufacturers"`
		AcceleratorNames                               types.Set         `tfsdk:"accelerator_names"`
		AcceleratorTypes                               types.Set         `tfsdk:"accelerator_types"`
		AllowedInstanceTypes                           types.Set         `tfsdk:"allowed_instance_types"`
		ExcludedInstanceTypes                          types.Set         `tfsdk:"excluded_instance_types"`
		BareMetal                                      types.String      `tfsdk:"bare_metal"`
		BurstablePerformance                           types.String      `tfsdk:"burstable_performance"`
		LocalStorage                                   types.String      `tfsdk:"local_storage"`
		CPUManufacturers                               types.Set         `tfsdk:"cpu_manufacturers"`
		InstanceGenerations                            types.Set         `tfsdk:"instance_generations"`
		LocalStorageTypes                              types.Set         `tfsdk:"local_storage_types"`
		MaxSpotPriceAsPercentageOfOptimalOnDemandPrice types.Int64       `tfsdk:"max_spot_price_as_percentage_of_optimal_on_demand_price"`
		OnDemandMaxPricePercentageOverLowestPrice      types.Int64       `tfsdk:"on_demand_max_price_percentage_over_lowest_price"`
		SpotMaxPricePercentageOverLowestPrice          types.Int64       `tfsdk:"spot_max_price_percentage_over_lowest_price"`
		RequireHibernateSupport                        types.Bool        `tfsdk:"require_hibernate_support"`
		VCPUCount                                      []intRangeModel   `tfsdk:"vcpu_count"`
		MemoryMiB                                      []intRangeModel   `tfsdk:"memory_mib"`
		AcceleratorCount                               []intRangeModel   `tfsdk:"accelerator_count"`
		AcceleratorTotalMemoryMiB                      []intRangeModel   `tfsdk:"accelerator_total_memory_mib"`
		BaselineEBSBandwidthMbps                       []intRangeModel   `tfsdk:"baseline_ebs_bandwidth_mbps"`
		NetworkInterfaceCount                          []intRangeModel   `tfsdk:"network_interface_count"`
		MemoryGiBPerVCPU                               []floatRangeModel `tfsdk:"memory_gib_per_vcpu"`
		NetworkBandwidthGbps                           []floatRangeModel `tfsdk:"network_bandwidth_gbps"`
		TotalLocalStorageGB                            []floatRangeModel `tfsdk:"total_local_storage_gb"`
	}
)

// managedInstancesObjectType is the element type of the managed_instances_provider block
// list, taken from the schema so that the two never disagree.
func managedInstancesObjectType() attr.Type {
	return resourceBlockType("managed_instances_provider")
}

// managedInstancesProviderOf decodes the managed_instances_provider block; nil when it is
// absent, null or unknown.
func managedInstancesProviderOf(ctx context.Context, v types.List) (*managedInstancesProviderModel, diag.Diagnostics) {
	if v.IsNull() || v.IsUnknown() || len(v.Elements()) == 0 {
		return nil, nil
	}
	var out []managedInstancesProviderModel
	diags := v.ElementsAs(ctx, &out, false)
	if diags.HasError() || len(out) == 0 {
		return nil, diags
	}
	return &out[0], diags
}

// managedInstancesListOf encodes a managed_instances_provider block list; an empty list
// for nil.
func managedInstancesListOf(ctx context.Context, m *managedInstancesProviderModel) (types.List, diag.Diagnostics) {
	elems := []managedInstancesProviderModel{}
	if m != nil {
		elems = append(elems, *m)
	}
	return types.ListValueFrom(ctx, managedInstancesObjectType(), elems)
}

func intRangeOf[T any](s []intRangeModel, mk func(lo, hi *int32) *T) *T {
	r := first(s)
	if r == nil {
		return nil
	}
	return mk(int32Of(r.Min), int32Of(r.Max))
}

func floatRangeOf[T any](s []floatRangeModel, mk func(lo, hi *float64) *T) *T {
	r := first(s)
	if r == nil {
		return nil
	}
	return mk(float64PtrOrNil(r.Min), float64PtrOrNil(r.Max))
}

func (r *managedInstancesRequirementsModel) expand() *ecstypes.InstanceRequirementsRequest {
	if r == nil {
		return nil
	}
	return &ecstypes.InstanceRequirementsRequest{
		VCpuCount: intRangeOf(r.VCPUCount, func(lo, hi *int32) *ecstypes.VCpuCountRangeRequest {
			return &ecstypes.VCpuCountRangeRequest{Min: lo, Max: hi}
		}),
		MemoryMiB: intRangeOf(r.MemoryMiB, func(lo, hi *int32) *ecstypes.MemoryMiBRequest { return &ecstypes.MemoryMiBRequest{Min: lo, Max: hi} }),
		AcceleratorCount: intRangeOf(r.AcceleratorCount, func(lo, hi *int32) *ecstypes.AcceleratorCountRequest {
			return &ecstypes.AcceleratorCountRequest{Min: lo, Max: hi}
		}),
		AcceleratorTotalMemoryMiB: intRangeOf(r.AcceleratorTotalMemoryMiB, func(lo, hi *int32) *ecstypes.AcceleratorTotalMemoryMiBRequest {
			return &ecstypes.AcceleratorTotalMemoryMiBRequest{Min: lo, Max: hi}
		}),
		BaselineEbsBandwidthMbps: intRangeOf(r.BaselineEBSBandwidthMbps, func(lo, hi *int32) *ecstypes.BaselineEbsBandwidthMbpsRequest {
			return &ecstypes.BaselineEbsBandwidthMbpsRequest{Min: lo, Max: hi}
		}),
		NetworkInterfaceCount: intRangeOf(r.NetworkInterfaceCount, func(lo, hi *int32) *ecstypes.NetworkInterfaceCountRequest {
			return &ecstypes.NetworkInterfaceCountRequest{Min: lo, Max: hi}
		}),
		MemoryGiBPerVCpu: floatRangeOf(r.MemoryGiBPerVCPU, func(lo, hi *float64) *ecstypes.MemoryGiBPerVCpuRequest {
			return &ecstypes.MemoryGiBPerVCpuRequest{Min: lo, Max: hi}
		}),
		NetworkBandwidthGbps: floatRangeOf(r.NetworkBandwidthGbps, func(lo, hi *float64) *ecstypes.NetworkBandwidthGbpsRequest {
			return &ecstypes.NetworkBandwidthGbpsRequest{Min: lo, Max: hi}
		}),
		TotalLocalStorageGB: floatRangeOf(r.TotalLocalStorageGB, func(lo, hi *float64) *ecstypes.TotalLocalStorageGBRequest {
			return &ecstypes.TotalLocalStorageGBRequest{Min: lo, Max: hi}
		}),
		AcceleratorManufacturers: enumsOf[ecstypes.AcceleratorManufacturer](r.AcceleratorManufacturers),
		AcceleratorNames:         enumsOf[ecstypes.AcceleratorName](r.AcceleratorNames),
		AcceleratorTypes:         enumsOf[ecstypes.AcceleratorType](r.AcceleratorTypes),
		AllowedInstanceTypes:     setStrings(r.AllowedInstanceTypes),
		ExcludedInstanceTypes:    setStrings(r.ExcludedInstanceTypes),
		BareMetal:                ecstypes.BareMetal(knownString(r.BareMetal)),
		BurstablePerformance:     ecstypes.BurstablePerformance(knownString(r.BurstablePerformance)),
		LocalStorage:             ecstypes.LocalStorage(knownString(r.LocalStorage)),
		CpuManufacturers:         enumsOf[ecstypes.CpuManufacturer](r.CPUManufacturers),
		InstanceGenerations:      enumsOf[ecstypes.InstanceGeneration](r.InstanceGenerations),
		LocalStorageTypes:        enumsOf[ecstypes.LocalStorageType](r.LocalStorageTypes),
		MaxSpotPriceAsPercentageOfOptimalOnDemandPrice: int32Of(r.MaxSpotPriceAsPercentageOfOptimalOnDemandPrice),
		OnDemandMaxPricePercentageOverLowestPrice:      int32Of(r.OnDemandMaxPricePercentageOverLowestPrice),
		SpotMaxPricePercentageOverLowestPrice:          int32Of(r.SpotMaxPricePercentageOverLowestPrice),
		RequireHibernateSupport:                        boolPtrOrNil(r.RequireHibernateSupport),
	}
}

func (n *managedInstancesNetworkModel) expand() *ecstypes.ManagedInstancesNetworkConfiguration {
	if n == nil {
		return nil
	}
	return &ecstypes.ManagedInstancesNetworkConfiguration{Subnets: setStrings(n.Subnets), SecurityGroups: setStrings(n.SecurityGroups)}
}

func (lt *managedInstancesLaunchTemplateModel) storage() *ecstypes.ManagedInstancesStorageConfiguration {
	if s := first(lt.StorageConfiguration); s != nil {
		return &ecstypes.ManagedInstancesStorageConfiguration{StorageSizeGiB: int32Of(s.StorageSizeGiB)}
	}
	return nil
}

func (lt *managedInstancesLaunchTemplateModel) localStorage() *ecstypes.ManagedInstancesLocalStorageConfiguration {
	if s := first(lt.LocalStorageConfiguration); s != nil {
		return &ecstypes.ManagedInstancesLocalStorageConfiguration{UseLocalStorage: s.UseLocalStorage.ValueBool()}
	}
	return nil
}

func (lt *managedInstancesLaunchTemplateModel) reservations() *ecstypes.CapacityReservationRequest {
	if r := first(lt.CapacityReservations); r != nil {
		return &ecstypes.CapacityReservationRequest{
			ReservationGroupArn:   stringPtrOrNil(r.ReservationGroupARN),
			ReservationPreference: ecstypes.CapacityReservationPreference(knownString(r.ReservationPreference)),
		}
	}
	return nil
}

func (m *managedInstancesProviderModel) optimization() *ecstypes.InfrastructureOptimization {
	if o := first(m.InfrastructureOptimization); o != nil {
		return &ecstypes.InfrastructureOptimization{ScaleInAfter: int32Of(o.ScaleInAfter)}
	}
	return nil
}

func (m *managedInstancesProviderModel) autoRepair() *ecstypes.AutoRepairConfiguration {
	if a := first(m.AutoRepairConfiguration); a != nil {
		return &ecstypes.AutoRepairConfiguration{ActionsStatus: ecstypes.AutoRepairActionsStatus(knownString(a.ActionsStatus))}
	}
	return nil
}

// expandCreate converts the block for CreateCapacityProvider.
func (m *managedInstancesProviderModel) expandCreate() *ecstypes.CreateManagedInstancesProviderConfiguration {
	if m == nil {
		return nil
	}
	out := &ecstypes.CreateManagedInstancesProviderConfiguration{
		InfrastructureRoleArn:      stringPtrOrNil(m.InfrastructureRoleARN),
		PropagateTags:              ecstypes.PropagateMITags(knownString(m.PropagateTags)),
		InfrastructureOptimization: m.optimization(),
		AutoRepairConfiguration:    m.autoRepair(),
	}
	if lt := first(m.InstanceLaunchTemplate); lt != nil {
		out.InstanceLaunchTemplate = &ecstypes.InstanceLaunchTemplate{
			Ec2InstanceProfileArn:           stringPtrOrNil(lt.EC2InstanceProfileARN),
			CapacityOptionType:              ecstypes.CapacityOptionType(knownString(lt.CapacityOptionType)),
			Monitoring:                      ecstypes.ManagedInstancesMonitoringOptions(knownString(lt.Monitoring)),
			FipsEnabled:                     boolPtrOrNil(lt.FIPSEnabled),
			InstanceMetadataTagsPropagation: boolPtrOrNil(lt.InstanceMetadataTagsPropagation),
			NitroEnclavesEnabled:            boolPtrOrNil(lt.NitroEnclavesEnabled),
			NetworkConfiguration:            first(lt.NetworkConfiguration).expand(),
			StorageConfiguration:            lt.storage(),
			LocalStorageConfiguration:       lt.localStorage(),
			CapacityReservations:            lt.reservations(),
			InstanceRequirements:            first(lt.InstanceRequirements).expand(),
		}
	}
	return out
}

// expandUpdate converts the block for UpdateCapacityProvider: every
// updatable member, as planned. capacity_option_type, fips_enabled and
// nitro_enclaves_enabled are not updatable; changing them replaces the
// provider.
func (m *managedInstancesProviderModel) expandUpdate() *ecstypes.UpdateManagedInstancesProviderConfiguration {
	if m == nil {
		return nil
	}
	out := &ecstypes.UpdateManagedInstancesProviderConfiguration{
		InfrastructureRoleArn:      stringPtrOrNil(m.InfrastructureRoleARN),
		PropagateTags:              ecstypes.PropagateMITags(knownString(m.PropagateTags)),
		InfrastructureOptimization: m.optimization(),
		AutoRepairConfiguration:    m.autoRepair(),
	}
	if lt := first(m.InstanceLaunchTemplate); lt != nil {
		out.InstanceLaunchTemplate = &ecstypes.InstanceLaunchTemplateUpdate{
			Ec2InstanceProfileArn:           stringPtrOrNil(lt.EC2InstanceProfileARN),
			Monitoring:                      ecstypes.ManagedInstancesMonitoringOptions(knownString(lt.Monitoring)),
			InstanceMetadataTagsPropagation: boolPtrOrNil(lt.InstanceMetadataTagsPropagation),
			NetworkConfiguration:            first(lt.NetworkConfiguration).expand(),
			StorageConfiguration:            lt.storage(),
			LocalStorageConfiguration:       lt.localStorage(),
			CapacityReservations:            lt.reservations(),
			InstanceRequirements:            first(lt.InstanceRequirements).expand(),
		}
	}
	return out
}

// Flattening. ECS echoes the configuration; a member it leaves out takes
// its documented default. An optional block that the prior value (plan or
// state) does not have stays out of the state, whatever ECS reports for it,
// so that ECS's own defaults for unconfigured blocks never show as a
// change; on import (no prior value) every reported block is taken.

func intRange(lo, hi *int32) []intRangeModel {
	return []intRangeModel{{Min: int64OrNull(lo), Max: int64OrNull(hi)}}
}

func floatRange(lo, hi *float64) []floatRangeModel {
	return []floatRangeModel{{Min: float64OrNull(lo), Max: float64OrNull(hi)}}
}

func flattenRequirements(r *ecstypes.InstanceRequirementsRequest, prior *managedInstancesRequirementsModel, imported bool) managedInstancesRequirementsModel {
	if prior == nil {
		prior = &managedInstancesRequirementsModel{}
		imported = true
		prior.nullSets()
	}
	out := managedInstancesRequirementsModel{
		AcceleratorManufacturers: enumSetValue(r.AcceleratorManufacturers, prior.AcceleratorManufacturers),
		AcceleratorNames:         enumSetValue(r.AcceleratorNames, prior.AcceleratorNames),
		AcceleratorTypes:         enumSetValue(r.AcceleratorTypes, prior.AcceleratorTypes),
		AllowedInstanceTypes:     setValue(r.AllowedInstanceTypes, prior.AllowedInstanceTypes),
		ExcludedInstanceTypes:    setValue(r.ExcludedInstanceTypes, prior.ExcludedInstanceTypes),
		BareMetal:                enumOrNull(r.BareMetal),
		BurstablePerformance:     enumOrNull(r.BurstablePerformance),
		LocalStorage:             enumOrNull(r.LocalStorage),
		CPUManufacturers:         enumSetValue(r.CpuManufacturers, prior.CPUManufacturers),
		InstanceGenerations:      enumSetValue(r.InstanceGenerations, prior.InstanceGenerations),
		LocalStorageTypes:        enumSetValue(r.LocalStorageTypes, prior.LocalStorageTypes),
		MaxSpotPriceAsPercentageOfOptimalOnDemandPrice: int64OrNull(r.MaxSpotPriceAsPercentageOfOptimalOnDemandPrice),
		OnDemandMaxPricePercentageOverLowestPrice:      int64OrNull(r.OnDemandMaxPricePercentageOverLowestPrice),
		SpotMaxPricePercentageOverLowestPrice:          int64OrNull(r.SpotMaxPricePercentageOverLowestPrice),
		RequireHibernateSupport:                        boolOrNull(r.RequireHibernateSupport),
		VCPUCount:                                      []intRangeModel{},
		MemoryMiB:                                      []intRangeModel{},
	}
	if v := r.VCpuCount; v != nil {
		out.VCPUCount = intRange(v.Min, v.Max)
	}
	if v := r.MemoryMiB; v != nil {
		out.MemoryMiB = intRange(v.Min, v.Max)
	}
	out.AcceleratorCount = optional(r.AcceleratorCount != nil, prior.AcceleratorCount, imported, func() []intRangeModel {
		return intRange(r.AcceleratorCount.Min, r.AcceleratorCount.Max)
	})
	out.AcceleratorTotalMemoryMiB = optional(r.AcceleratorTotalMemoryMiB != nil, prior.AcceleratorTotalMemoryMiB, imported, func() []intRangeModel {
		return intRange(r.AcceleratorTotalMemoryMiB.Min, r.AcceleratorTotalMemoryMiB.Max)
	})
	out.BaselineEBSBandwidthMbps = optional(r.BaselineEbsBandwidthMbps != nil, prior.BaselineEBSBandwidthMbps, imported, func() []intRangeModel {
		return intRange(r.BaselineEbsBandwidthMbps.Min, r.BaselineEbsBandwidthMbps.Max)
	})
	out.NetworkInterfaceCount = optional(r.NetworkInterfaceCount != nil, prior.NetworkInterfaceCount, imported, func() []intRangeModel {
		return intRange(r.NetworkInterfaceCount.Min, r.NetworkInterfaceCount.Max)
	})
	out.MemoryGiBPerVCPU = optional(r.MemoryGiBPerVCpu != nil, prior.MemoryGiBPerVCPU, imported, func() []floatRangeModel {
		return floatRange(r.MemoryGiBPerVCpu.Min, r.MemoryGiBPerVCpu.Max)
	})
	out.NetworkBandwidthGbps = optional(r.NetworkBandwidthGbps != nil, prior.NetworkBandwidthGbps, imported, func() []floatRangeModel {
		return floatRange(r.NetworkBandwidthGbps.Min, r.NetworkBandwidthGbps.Max)
	})
	out.TotalLocalStorageGB = optional(r.TotalLocalStorageGB != nil, prior.TotalLocalStorageGB, imported, func() []floatRangeModel {
		return floatRange(r.TotalLocalStorageGB.Min, r.TotalLocalStorageGB.Max)
	})
	return out
}

// nullSets sets every set of an empty prior to null (what an import has).
func (r *managedInstancesRequirementsModel) nullSets() {
	n := types.SetNull(types.StringType)
	r.AcceleratorManufacturers, r.AcceleratorNames, r.AcceleratorTypes = n, n, n
	r.AllowedInstanceTypes, r.ExcludedInstanceTypes = n, n
	r.CPUManufacturers, r.InstanceGenerations, r.LocalStorageTypes = n, n, n
}

// flattenManagedInstancesProvider converts the reported Managed Instances configuration,
// with prior (the plan or the state) deciding which optional blocks belong
// in the state; prior nil means an import.
func flattenManagedInstancesProvider(p *ecstypes.ManagedInstancesProvider, prior *managedInstancesProviderModel) *managedInstancesProviderModel {
	if p == nil {
		return nil
	}
	imported := prior == nil
	if imported {
		prior = &managedInstancesProviderModel{}
	}
	out := &managedInstancesProviderModel{
		InfrastructureRoleARN:  stringOrNull(p.InfrastructureRoleArn),
		PropagateTags:          enumOrNull(p.PropagateTags),
		InstanceLaunchTemplate: []managedInstancesLaunchTemplateModel{},
	}
	out.InfrastructureOptimization = optional(p.InfrastructureOptimization != nil, prior.InfrastructureOptimization, imported, func() []managedInstancesOptimizationModel {
		return []managedInstancesOptimizationModel{{ScaleInAfter: int64OrNull(p.InfrastructureOptimization.ScaleInAfter)}}
	})
	out.AutoRepairConfiguration = optional(p.AutoRepairConfiguration != nil, prior.AutoRepairConfiguration, imported, func() []managedInstancesAutoRepairModel {
		return []managedInstancesAutoRepairModel{{ActionsStatus: enumOrNull(p.AutoRepairConfiguration.ActionsStatus)}}
	})
	lt := p.InstanceLaunchTemplate
	if lt == nil {
		return out
	}
	priorLT := first(prior.InstanceLaunchTemplate)
	ltImported := imported || priorLT == nil
	if priorLT == nil {
		priorLT = &managedInstancesLaunchTemplateModel{}
	}
	capacityType := string(lt.CapacityOptionType)
	if capacityType == "" {
		capacityType = defaultCapacityOptionType
	}
	monitoring := string(lt.Monitoring)
	if monitoring == "" {
		monitoring = defaultMonitoring
	}
	t := managedInstancesLaunchTemplateModel{
		EC2InstanceProfileARN:           stringOrNull(lt.Ec2InstanceProfileArn),
		CapacityOptionType:              types.StringValue(capacityType),
		Monitoring:                      types.StringValue(monitoring),
		FIPSEnabled:                     boolOrNull(lt.FipsEnabled),
		InstanceMetadataTagsPropagation: boolOr(lt.InstanceMetadataTagsPropagation, defaultMetadataTagsPropagation),
		NitroEnclavesEnabled:            boolOr(lt.NitroEnclavesEnabled, defaultNitroEnclavesEnabled),
		NetworkConfiguration:            []managedInstancesNetworkModel{},
		InstanceRequirements:            []managedInstancesRequirementsModel{},
	}
	if n := lt.NetworkConfiguration; n != nil {
		priorNet := first(priorLT.NetworkConfiguration)
		if priorNet == nil {
			priorNet = &managedInstancesNetworkModel{Subnets: types.SetNull(types.StringType), SecurityGroups: types.SetNull(types.StringType)}
		}
		t.NetworkConfiguration = []managedInstancesNetworkModel{{Subnets: setValue(n.Subnets, priorNet.Subnets), SecurityGroups: setValue(n.SecurityGroups, priorNet.SecurityGroups)}}
	}
	t.StorageConfiguration = optional(lt.StorageConfiguration != nil, priorLT.StorageConfiguration, ltImported, func() []managedInstancesStorageModel {
		return []managedInstancesStorageModel{{StorageSizeGiB: int64OrNull(lt.StorageConfiguration.StorageSizeGiB)}}
	})
	t.LocalStorageConfiguration = optional(lt.LocalStorageConfiguration != nil, priorLT.LocalStorageConfiguration, ltImported, func() []managedInstancesLocalStorageModel {
		return []managedInstancesLocalStorageModel{{UseLocalStorage: types.BoolValue(lt.LocalStorageConfiguration.UseLocalStorage)}}
	})
	t.CapacityReservations = optional(lt.CapacityReservations != nil, priorLT.CapacityReservations, ltImported, func() []managedInstancesReservationsModel {
		return []managedInstancesReservationsModel{{
			ReservationGroupARN:   stringOrNull(lt.CapacityReservations.ReservationGroupArn),
			ReservationPreference: enumOrNull(lt.CapacityReservations.ReservationPreference),
		}}
	})
	t.InstanceRequirements = optional(lt.InstanceRequirements != nil, priorLT.InstanceRequirements, ltImported, func() []managedInstancesRequirementsModel {
		return []managedInstancesRequirementsModel{flattenRequirements(lt.InstanceRequirements, first(priorLT.InstanceRequirements), ltImported)}
	})
	out.InstanceLaunchTemplate = []managedInstancesLaunchTemplateModel{t}
	return out
}
