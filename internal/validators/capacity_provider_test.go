package validators_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecsx/terraform-provider-ecsx/internal/validators"
)

func TestTerminationProtectionNeedsScaling(t *testing.T) {
	t.Parallel()
	p := path.Root("auto_scaling_group_provider").AtListIndex(0)
	scalingTypes := map[string]attr.Type{"status": types.StringType}
	scalingList := types.ListType{ElemType: types.ObjectType{AttrTypes: scalingTypes}}
	attrTypes := map[string]attr.Type{"managed_termination_protection": types.StringType, "managed_scaling": scalingList}
	obj := func(mtp types.String, scaling types.List) types.Object {
		return types.ObjectValueMust(attrTypes, map[string]attr.Value{"managed_termination_protection": mtp, "managed_scaling": scaling})
	}
	scaling := func(status types.String) types.List {
		return types.ListValueMust(scalingList.ElemType, []attr.Value{types.ObjectValueMust(scalingTypes, map[string]attr.Value{"status": status})})
	}
	on, off := types.StringValue("ENABLED"), types.StringValue("DISABLED")
	noBlock := types.ListNull(scalingList.ElemType)
	at := p.AtName("managed_termination_protection")
	const summary = "Managed termination protection needs managed scaling"
	detail := func(found string) string {
		return `managed_termination_protection = "ENABLED" requires managed scaling to be on, but the configuration has ` + found + `. ` +
			`Add managed_scaling { status = "ENABLED" } to auto_scaling_group_provider, or set managed_termination_protection = "DISABLED".`
	}
	runObjectCases(t, validators.TerminationProtectionNeedsScaling(), p, []exactCase[types.Object]{
		{"null", types.ObjectNull(attrTypes), nil},
		{"protection off", obj(off, noBlock), nil},
		{"protection unset", obj(types.StringNull(), noBlock), nil},
		{"protection unknown", obj(types.StringUnknown(), noBlock), nil},
		{"scaling on", obj(on, scaling(on)), nil},
		{"scaling unknown", obj(on, types.ListUnknown(scalingList.ElemType)), nil},
		{"status unknown", obj(on, scaling(types.StringUnknown())), nil},
		{"no scaling block", obj(on, noBlock), []exactDiag{{at, summary, detail("no managed_scaling block")}}},
		{"empty scaling block list", obj(on, types.ListValueMust(scalingList.ElemType, nil)), []exactDiag{{at, summary, detail("no managed_scaling block")}}},
		{"scaling off", obj(on, scaling(off)), []exactDiag{{at, summary, detail(`managed_scaling.status = "DISABLED"`)}}},
		{"scaling without status", obj(on, scaling(types.StringNull())), []exactDiag{{at, summary, detail("managed_scaling without status (ECS would turn managed scaling off)")}}},
	})
}

func TestStepSizesOrdered(t *testing.T) {
	t.Parallel()
	p := path.Root("auto_scaling_group_provider").AtListIndex(0).AtName("managed_scaling").AtListIndex(0)
	attrTypes := map[string]attr.Type{"minimum_scaling_step_size": types.Int64Type, "maximum_scaling_step_size": types.Int64Type}
	obj := func(lo, hi types.Int64) types.Object {
		return types.ObjectValueMust(attrTypes, map[string]attr.Value{"minimum_scaling_step_size": lo, "maximum_scaling_step_size": hi})
	}
	i := types.Int64Value
	at := p.AtName("minimum_scaling_step_size")
	const summary = "Scaling step sizes out of order"
	runObjectCases(t, validators.StepSizesOrdered(1, 10000), p, []exactCase[types.Object]{
		{"null", types.ObjectNull(attrTypes), nil},
		{"defaults", obj(types.Int64Null(), types.Int64Null()), nil},
		{"ordered", obj(i(2), i(5)), nil},
		{"equal", obj(i(5), i(5)), nil},
		{"unknown", obj(types.Int64Unknown(), i(1)), nil},
		{"out of order", obj(i(5), i(3)), []exactDiag{{at, summary, "minimum_scaling_step_size (5) must not exceed maximum_scaling_step_size (3)."}}},
		{"above the default maximum", obj(i(20000), types.Int64Null()), []exactDiag{{at, summary, "minimum_scaling_step_size (20000) must not exceed maximum_scaling_step_size (10000, its default)."}}},
		{"below the default minimum", obj(types.Int64Null(), i(0)), []exactDiag{{at, summary, "minimum_scaling_step_size (1) must not exceed maximum_scaling_step_size (0)."}}},
	})
}

func TestRangeOrdered(t *testing.T) {
	t.Parallel()
	p := path.Root("vcpu_count").AtListIndex(0)
	intTypes := map[string]attr.Type{"min": types.Int64Type, "max": types.Int64Type}
	floatTypes := map[string]attr.Type{"min": types.Float64Type, "max": types.Float64Type}
	ints := func(lo, hi types.Int64) types.Object {
		return types.ObjectValueMust(intTypes, map[string]attr.Value{"min": lo, "max": hi})
	}
	floats := func(lo, hi types.Float64) types.Object {
		return types.ObjectValueMust(floatTypes, map[string]attr.Value{"min": lo, "max": hi})
	}
	at := p.AtName("min")
	runObjectCases(t, validators.RangeOrdered(), p, []exactCase[types.Object]{
		{"null", types.ObjectNull(intTypes), nil},
		{"ordered", ints(types.Int64Value(1), types.Int64Value(4)), nil},
		{"no max", ints(types.Int64Value(8), types.Int64Null()), nil},
		{"unknown max", ints(types.Int64Value(8), types.Int64Unknown()), nil},
		{"out of order", ints(types.Int64Value(5), types.Int64Value(3)), []exactDiag{{at, "Range out of order", "vcpu_count[0]: min (5) must not exceed max (3)."}}},
		{"floats ordered", floats(types.Float64Value(0.5), types.Float64Value(1)), nil},
		{"floats out of order", floats(types.Float64Value(2.5), types.Float64Value(1)), []exactDiag{{at, "Range out of order", "vcpu_count[0]: min (2.5) must not exceed max (1)."}}},
	})
}

func TestNitroWithoutLocalStorage(t *testing.T) {
	t.Parallel()
	p := path.Root("managed_instances_provider").AtListIndex(0).AtName("instance_launch_template").AtListIndex(0)
	storageTypes := map[string]attr.Type{"use_local_storage": types.BoolType}
	storageElem := types.ObjectType{AttrTypes: storageTypes}
	attrTypes := map[string]attr.Type{"nitro_enclaves_enabled": types.BoolType, "local_storage_configuration": types.ListType{ElemType: storageElem}}
	obj := func(nitro types.Bool, storage types.List) types.Object {
		return types.ObjectValueMust(attrTypes, map[string]attr.Value{"nitro_enclaves_enabled": nitro, "local_storage_configuration": storage})
	}
	storage := func(use types.Bool) types.List {
		return types.ListValueMust(storageElem, []attr.Value{types.ObjectValueMust(storageTypes, map[string]attr.Value{"use_local_storage": use})})
	}
	yes, no := types.BoolValue(true), types.BoolValue(false)
	runObjectCases(t, validators.NitroWithoutLocalStorage(), p, []exactCase[types.Object]{
		{"null", types.ObjectNull(attrTypes), nil},
		{"nitro without storage block", obj(yes, types.ListNull(storageElem)), nil},
		{"nitro off", obj(no, storage(yes)), nil},
		{"nitro unknown", obj(types.BoolUnknown(), storage(yes)), nil},
		{"local storage off", obj(yes, storage(no)), nil},
		{"local storage unknown", obj(yes, storage(types.BoolUnknown())), nil},
		{"both", obj(yes, storage(yes)), []exactDiag{{p.AtName("nitro_enclaves_enabled"), "Nitro Sandbox and local storage together",
			"nitro_enclaves_enabled = true cannot be used with local_storage_configuration { use_local_storage = true }: ECS refuses the combination. Turn one of them off."}}},
	})
}
