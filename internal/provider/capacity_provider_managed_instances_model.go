package provider

import (
	"context"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// The managed_instances_provider block as Go values. Nested blocks are
// slices (a block list holds at most one element); leaves keep the
// framework's types so that unknown values survive validation.
type (
	miProviderModel struct {
		InfrastructureRoleARN      types.String            `tfsdk:"infrastructure_role_arn"`
		PropagateTags              types.String            `tfsdk:"propagate_tags"`
		InstanceLaunchTemplate     []miLaunchTemplateModel `tfsdk:"instance_launch_template"`
		InfrastructureOptimization []miOptimizationModel   `tfsdk:"infrastructure_optimization"`
		AutoRepairConfiguration    []miAutoRepairModel     `tfsdk:"auto_repair_configuration"`
	}
	miOptimizationModel struct {
		ScaleInAfter types.Int64 `tfsdk:"scale_in_after"`
	}
	miAutoRepairModel struct {
		ActionsStatus types.String `tfsdk:"actions_status"`
	}
	miLaunchTemplateModel struct {
		EC2InstanceProfileARN           types.String          `tfsdk:"ec2_instance_profile_arn"`
		CapacityOptionType              types.String          `tfsdk:"capacity_option_type"`
		Monitoring                      types.String          `tfsdk:"monitoring"`
		FIPSEnabled                     types.Bool            `tfsdk:"fips_enabled"`
		InstanceMetadataTagsPropagation types.Bool            `tfsdk:"instance_metadata_tags_propagation"`
		NitroEnclavesEnabled            types.Bool            `tfsdk:"nitro_enclaves_enabled"`
		NetworkConfiguration            []miNetworkModel      `tfsdk:"network_configuration"`
		StorageConfiguration            []miStorageModel      `tfsdk:"storage_configuration"`
		LocalStorageConfiguration       []miLocalStorageModel `tfsdk:"local_storage_configuration"`
		CapacityReservations            []miReservationsModel `tfsdk:"capacity_reservations"`
		InstanceRequirements            []miRequirementsModel `tfsdk:"instance_requirements"`
	}
	miNetworkModel struct {
		Subnets        types.Set `tfsdk:"subnets"`
		SecurityGroups types.Set `tfsdk:"security_groups"`
	}
	miStorageModel struct {
		StorageSizeGiB types.Int64 `tfsdk:"storage_size_gib"`
	}
	miLocalStorageModel struct {
		UseLocalStorage types.Bool `tfsdk:"use_local_storage"`
	}
	miReservationsModel struct {
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
	miRequirementsModel struct {
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

// miObjectType is the element type of the managed_instances_provider block
// list, taken from the schema so that the two never disagree.
func miObjectType() attr.Type {
	return resourceBlockType("managed_instances_provider")
}

// miProviderOf decodes the managed_instances_provider block; nil when it is
// absent, null or unknown.
func miProviderOf(ctx context.Context, v types.List) (*miProviderModel, diag.Diagnostics) {
	if v.IsNull() || v.IsUnknown() || len(v.Elements()) == 0 {
		return nil, nil
	}
	var out []miProviderModel
	diags := v.ElementsAs(ctx, &out, false)
	if diags.HasError() || len(out) == 0 {
		return nil, diags
	}
	return &out[0], diags
}

// miListOf encodes a managed_instances_provider block list; an empty list
// for nil.
func miListOf(ctx context.Context, m *miProviderModel) (types.List, diag.Diagnostics) {
	elems := []miProviderModel{}
	if m != nil {
		elems = append(elems, *m)
	}
	return types.ListValueFrom(ctx, miObjectType(), elems)
}

func first[T any](s []T) *T {
	if len(s) == 0 {
		return nil
	}
	return &s[0]
}

func boolPtrOrNil(v types.Bool) *bool {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	return aws.Bool(v.ValueBool())
}

func float64PtrOrNil(v types.Float64) *float64 {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	return aws.Float64(v.ValueFloat64())
}

func knownString(v types.String) string {
	if v.IsNull() || v.IsUnknown() {
		return ""
	}
	return v.ValueString()
}

// setStrings returns the known strings of a set, nil when null or unknown.
func setStrings(v types.Set) []string {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	out := make([]string, 0, len(v.Elements()))
	for _, e := range v.Elements() {
		if s, ok := e.(types.String); ok && !s.IsNull() && !s.IsUnknown() {
			out = append(out, s.ValueString())
		}
	}
	return out
}

func enumsOf[T ~string](v types.Set) []T {
	var out []T
	for _, s := range setStrings(v) {
		out = append(out, T(s))
	}
	return out
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

func (r *miRequirementsModel) expand() *ecstypes.InstanceRequirementsRequest {
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

func (n *miNetworkModel) expand() *ecstypes.ManagedInstancesNetworkConfiguration {
	if n == nil {
		return nil
	}
	return &ecstypes.ManagedInstancesNetworkConfiguration{Subnets: setStrings(n.Subnets), SecurityGroups: setStrings(n.SecurityGroups)}
}

func (lt *miLaunchTemplateModel) storage() *ecstypes.ManagedInstancesStorageConfiguration {
	if s := first(lt.StorageConfiguration); s != nil {
		return &ecstypes.ManagedInstancesStorageConfiguration{StorageSizeGiB: int32Of(s.StorageSizeGiB)}
	}
	return nil
}

func (lt *miLaunchTemplateModel) localStorage() *ecstypes.ManagedInstancesLocalStorageConfiguration {
	if s := first(lt.LocalStorageConfiguration); s != nil {
		return &ecstypes.ManagedInstancesLocalStorageConfiguration{UseLocalStorage: s.UseLocalStorage.ValueBool()}
	}
	return nil
}

func (lt *miLaunchTemplateModel) reservations() *ecstypes.CapacityReservationRequest {
	if r := first(lt.CapacityReservations); r != nil {
		return &ecstypes.CapacityReservationRequest{
			ReservationGroupArn:   stringPtrOrNil(r.ReservationGroupARN),
			ReservationPreference: ecstypes.CapacityReservationPreference(knownString(r.ReservationPreference)),
		}
	}
	return nil
}

func (m *miProviderModel) optimization() *ecstypes.InfrastructureOptimization {
	if o := first(m.InfrastructureOptimization); o != nil {
		return &ecstypes.InfrastructureOptimization{ScaleInAfter: int32Of(o.ScaleInAfter)}
	}
	return nil
}

func (m *miProviderModel) autoRepair() *ecstypes.AutoRepairConfiguration {
	if a := first(m.AutoRepairConfiguration); a != nil {
		return &ecstypes.AutoRepairConfiguration{ActionsStatus: ecstypes.AutoRepairActionsStatus(knownString(a.ActionsStatus))}
	}
	return nil
}

// expandCreate converts the block for CreateCapacityProvider.
func (m *miProviderModel) expandCreate() *ecstypes.CreateManagedInstancesProviderConfiguration {
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
func (m *miProviderModel) expandUpdate() *ecstypes.UpdateManagedInstancesProviderConfiguration {
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

// keep reports whether an optional block belongs in the state.
func keep[T any](reported bool, prior []T, imported bool) bool {
	return reported && (imported || len(prior) > 0)
}

// setValue returns the strings as a set. An empty report keeps the prior
// value when that is null or empty, so that a left-out set stays null and
// an empty one stays empty.
func setValue(values []string, prior types.Set) types.Set {
	if len(values) == 0 && (prior.IsNull() || (!prior.IsUnknown() && len(prior.Elements()) == 0)) {
		if prior.IsNull() {
			return types.SetNull(types.StringType)
		}
		return types.SetValueMust(types.StringType, []attr.Value{})
	}
	elems := make([]attr.Value, 0, len(values))
	for _, v := range values {
		elems = append(elems, types.StringValue(v))
	}
	return types.SetValueMust(types.StringType, elems)
}

func enumSetValue[T ~string](values []T, prior types.Set) types.Set {
	s := make([]string, 0, len(values))
	for _, v := range values {
		s = append(s, string(v))
	}
	return setValue(s, prior)
}

func enumOrNull[T ~string](v T) types.String {
	if v == "" {
		return types.StringNull()
	}
	return types.StringValue(string(v))
}

func int64OrNull(v *int32) types.Int64 {
	if v == nil {
		return types.Int64Null()
	}
	return types.Int64Value(int64(*v))
}

func float64OrNull(v *float64) types.Float64 {
	if v == nil {
		return types.Float64Null()
	}
	return types.Float64Value(*v)
}

func boolOrNull(v *bool) types.Bool {
	if v == nil {
		return types.BoolNull()
	}
	return types.BoolValue(*v)
}

func boolOr(v *bool, def bool) types.Bool {
	if v == nil {
		return types.BoolValue(def)
	}
	return types.BoolValue(*v)
}

func intRange(lo, hi *int32) []intRangeModel {
	return []intRangeModel{{Min: int64OrNull(lo), Max: int64OrNull(hi)}}
}

func floatRange(lo, hi *float64) []floatRangeModel {
	return []floatRangeModel{{Min: float64OrNull(lo), Max: float64OrNull(hi)}}
}

// optional returns the block when keep says so, an empty list otherwise.
func optional[T any](reported bool, prior []T, imported bool, build func() []T) []T {
	if keep(reported, prior, imported) {
		return build()
	}
	return []T{}
}

func flattenRequirements(r *ecstypes.InstanceRequirementsRequest, prior *miRequirementsModel, imported bool) miRequirementsModel {
	if prior == nil {
		prior = &miRequirementsModel{}
		imported = true
		prior.nullSets()
	}
	out := miRequirementsModel{
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
func (r *miRequirementsModel) nullSets() {
	n := types.SetNull(types.StringType)
	r.AcceleratorManufacturers, r.AcceleratorNames, r.AcceleratorTypes = n, n, n
	r.AllowedInstanceTypes, r.ExcludedInstanceTypes = n, n
	r.CPUManufacturers, r.InstanceGenerations, r.LocalStorageTypes = n, n, n
}

// flattenMIProvider converts the reported Managed Instances configuration,
// with prior (the plan or the state) deciding which optional blocks belong
// in the state; prior nil means an import.
func flattenMIProvider(p *ecstypes.ManagedInstancesProvider, prior *miProviderModel) *miProviderModel {
	if p == nil {
		return nil
	}
	imported := prior == nil
	if imported {
		prior = &miProviderModel{}
	}
	out := &miProviderModel{
		InfrastructureRoleARN:  stringOrNull(p.InfrastructureRoleArn),
		PropagateTags:          enumOrNull(p.PropagateTags),
		InstanceLaunchTemplate: []miLaunchTemplateModel{},
	}
	out.InfrastructureOptimization = optional(p.InfrastructureOptimization != nil, prior.InfrastructureOptimization, imported, func() []miOptimizationModel {
		return []miOptimizationModel{{ScaleInAfter: int64OrNull(p.InfrastructureOptimization.ScaleInAfter)}}
	})
	out.AutoRepairConfiguration = optional(p.AutoRepairConfiguration != nil, prior.AutoRepairConfiguration, imported, func() []miAutoRepairModel {
		return []miAutoRepairModel{{ActionsStatus: enumOrNull(p.AutoRepairConfiguration.ActionsStatus)}}
	})
	lt := p.InstanceLaunchTemplate
	if lt == nil {
		return out
	}
	priorLT := first(prior.InstanceLaunchTemplate)
	ltImported := imported || priorLT == nil
	if priorLT == nil {
		priorLT = &miLaunchTemplateModel{}
	}
	capacityType := string(lt.CapacityOptionType)
	if capacityType == "" {
		capacityType = defaultCapacityOptionType
	}
	monitoring := string(lt.Monitoring)
	if monitoring == "" {
		monitoring = defaultMonitoring
	}
	t := miLaunchTemplateModel{
		EC2InstanceProfileARN:           stringOrNull(lt.Ec2InstanceProfileArn),
		CapacityOptionType:              types.StringValue(capacityType),
		Monitoring:                      types.StringValue(monitoring),
		FIPSEnabled:                     boolOrNull(lt.FipsEnabled),
		InstanceMetadataTagsPropagation: boolOr(lt.InstanceMetadataTagsPropagation, defaultMetadataTagsPropagation),
		NitroEnclavesEnabled:            boolOr(lt.NitroEnclavesEnabled, defaultNitroEnclavesEnabled),
		NetworkConfiguration:            []miNetworkModel{},
		InstanceRequirements:            []miRequirementsModel{},
	}
	if n := lt.NetworkConfiguration; n != nil {
		priorNet := first(priorLT.NetworkConfiguration)
		if priorNet == nil {
			priorNet = &miNetworkModel{Subnets: types.SetNull(types.StringType), SecurityGroups: types.SetNull(types.StringType)}
		}
		t.NetworkConfiguration = []miNetworkModel{{Subnets: setValue(n.Subnets, priorNet.Subnets), SecurityGroups: setValue(n.SecurityGroups, priorNet.SecurityGroups)}}
	}
	t.StorageConfiguration = optional(lt.StorageConfiguration != nil, priorLT.StorageConfiguration, ltImported, func() []miStorageModel {
		return []miStorageModel{{StorageSizeGiB: int64OrNull(lt.StorageConfiguration.StorageSizeGiB)}}
	})
	t.LocalStorageConfiguration = optional(lt.LocalStorageConfiguration != nil, priorLT.LocalStorageConfiguration, ltImported, func() []miLocalStorageModel {
		return []miLocalStorageModel{{UseLocalStorage: types.BoolValue(lt.LocalStorageConfiguration.UseLocalStorage)}}
	})
	t.CapacityReservations = optional(lt.CapacityReservations != nil, priorLT.CapacityReservations, ltImported, func() []miReservationsModel {
		return []miReservationsModel{{
			ReservationGroupARN:   stringOrNull(lt.CapacityReservations.ReservationGroupArn),
			ReservationPreference: enumOrNull(lt.CapacityReservations.ReservationPreference),
		}}
	})
	t.InstanceRequirements = optional(lt.InstanceRequirements != nil, priorLT.InstanceRequirements, ltImported, func() []miRequirementsModel {
		return []miRequirementsModel{flattenRequirements(lt.InstanceRequirements, first(priorLT.InstanceRequirements), ltImported)}
	})
	out.InstanceLaunchTemplate = []miLaunchTemplateModel{t}
	return out
}

// clusterNameOf returns the name of a cluster given by name or ARN.
func clusterNameOf(s string) string {
	if strings.HasPrefix(s, "arn:") {
		if i := strings.LastIndex(s, "/"); i >= 0 {
			return s[i+1:]
		}
	}
	return s
}

func itoa(v int64) string { return strconv.FormatInt(v, 10) }

// quoteList renders values as a Markdown list of code spans.
func quoteList(values []string) string {
	q := make([]string, len(values))
	for i, v := range values {
		q[i] = "`" + v + "`"
	}
	return strings.Join(q, ", ")
}
