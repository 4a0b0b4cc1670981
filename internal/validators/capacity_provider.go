package validators

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecsx/terraform-provider-ecsx/internal/attrvalue"
)

// enabled is ECS's value of an enabled managed scaling status or managed
// termination protection.
const enabled = "ENABLED"

var (
	_ validator.Object = terminationProtectionNeedsScalingValidator{}
	_ validator.Object = stepSizesOrderedValidator{}
)

// terminationProtectionNeedsScalingValidator enforces the API's rule that managed
// termination protection requires managed scaling to be on: with
// managed_termination_protection = "ENABLED", the managed_scaling block must
// set status = "ENABLED".
type terminationProtectionNeedsScalingValidator struct{}

// TerminationProtectionNeedsScaling requires managed scaling to be on (in an
// auto_scaling_group_provider) when managed termination protection is.
func TerminationProtectionNeedsScaling() validator.Object {
	return terminationProtectionNeedsScalingValidator{}
}

func (terminationProtectionNeedsScalingValidator) Description(_ context.Context) string {
	return "managed_termination_protection = ENABLED requires managed_scaling with status = ENABLED"
}

func (v terminationProtectionNeedsScalingValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (terminationProtectionNeedsScalingValidator) ValidateObject(_ context.Context, req validator.ObjectRequest, resp *validator.ObjectResponse) {
	attrs, ok := attrvalue.KnownAttrs(req.ConfigValue)
	if !ok {
		return
	}
	mtp := attrvalue.String(attrs, "managed_termination_protection")
	if mtp.IsUnknown() || mtp.ValueString() != enabled {
		return
	}
	ms, isList := attrs["managed_scaling"].(types.List)
	if isList && ms.IsUnknown() {
		return
	}
	status := types.StringNull()
	if scaling, ok := attrvalue.SingleBlock(ms); ok {
		status = attrvalue.String(scaling, "status")
	}
	if status.IsUnknown() || status.ValueString() == enabled {
		return
	}
	found := "no managed_scaling block"
	if !status.IsNull() {
		found = fmt.Sprintf("managed_scaling.status = %q", status.ValueString())
	} else if !attrvalue.BlockAbsent(ms) {
		found = "managed_scaling without status (ECS would turn managed scaling off)"
	}
	resp.Diagnostics.AddAttributeError(req.Path.AtName("managed_termination_protection"), "Managed termination protection needs managed scaling",
		fmt.Sprintf("managed_termination_protection = \"ENABLED\" requires managed scaling to be on, but the configuration has %s. "+
			"Add managed_scaling { status = \"ENABLED\" } to auto_scaling_group_provider, or set managed_termination_protection = \"DISABLED\".", found))
}

// stepSizesOrderedValidator enforces minimum_scaling_step_size <= maximum_scaling_step_size
// in managed_scaling, each taking its default (1 and 10000) when left out.
type stepSizesOrderedValidator struct {
	defaultMin, defaultMax int64
}

// StepSizesOrdered requires minimum_scaling_step_size <= maximum_scaling_step_size
// in managed_scaling, each taking its default (defaultMin and defaultMax)
// when left out.
func StepSizesOrdered(defaultMin, defaultMax int64) validator.Object {
	return stepSizesOrderedValidator{defaultMin: defaultMin, defaultMax: defaultMax}
}

func (stepSizesOrderedValidator) Description(_ context.Context) string {
	return "minimum_scaling_step_size must not exceed maximum_scaling_step_size"
}

func (v stepSizesOrderedValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v stepSizesOrderedValidator) ValidateObject(_ context.Context, req validator.ObjectRequest, resp *validator.ObjectResponse) {
	attrs, ok := attrvalue.KnownAttrs(req.ConfigValue)
	if !ok {
		return
	}
	lo, hi := attrvalue.Int64(attrs, "minimum_scaling_step_size"), attrvalue.Int64(attrs, "maximum_scaling_step_size")
	if lo.IsUnknown() || hi.IsUnknown() {
		return
	}
	minStep, maxStep := v.defaultMin, v.defaultMax
	if !lo.IsNull() {
		minStep = lo.ValueInt64()
	}
	if !hi.IsNull() {
		maxStep = hi.ValueInt64()
	}
	if minStep <= maxStep {
		return
	}
	resp.Diagnostics.AddAttributeError(req.Path.AtName("minimum_scaling_step_size"), "Scaling step sizes out of order",
		fmt.Sprintf("minimum_scaling_step_size (%d) must not exceed maximum_scaling_step_size (%d%s).",
			minStep, maxStep, map[bool]string{true: ", its default", false: ""}[hi.IsNull()]))
}

var (
	_ validator.Object = rangeOrderedValidator{}
	_ validator.Object = nitroWithoutLocalStorageValidator{}
)

// rangeOrderedValidator enforces min <= max in a range block of instance_requirements.
type rangeOrderedValidator struct{}

// RangeOrdered requires min <= max in a range block (an object of min and
// max, both Int64 or both Float64).
func RangeOrdered() validator.Object { return rangeOrderedValidator{} }

func (rangeOrderedValidator) Description(_ context.Context) string { return "min must not exceed max" }

func (v rangeOrderedValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (rangeOrderedValidator) ValidateObject(_ context.Context, req validator.ObjectRequest, resp *validator.ObjectResponse) {
	attrs, ok := attrvalue.KnownAttrs(req.ConfigValue)
	if !ok {
		return
	}
	var lo, hi float64
	switch mn := attrs["min"].(type) {
	case types.Int64:
		mx, _ := attrs["max"].(types.Int64)
		if mn.IsNull() || mn.IsUnknown() || mx.IsNull() || mx.IsUnknown() {
			return
		}
		lo, hi = float64(mn.ValueInt64()), float64(mx.ValueInt64())
	case types.Float64:
		mx, _ := attrs["max"].(types.Float64)
		if mn.IsNull() || mn.IsUnknown() || mx.IsNull() || mx.IsUnknown() {
			return
		}
		lo, hi = mn.ValueFloat64(), mx.ValueFloat64()
	default:
		return
	}
	if lo > hi {
		resp.Diagnostics.AddAttributeError(req.Path.AtName("min"), "Range out of order",
			fmt.Sprintf("%s: min (%g) must not exceed max (%g).", req.Path, lo, hi))
	}
}

// nitroWithoutLocalStorageValidator enforces the API's rule that Nitro Sandbox cannot
// be enabled together with local storage.
type nitroWithoutLocalStorageValidator struct{}

// NitroWithoutLocalStorage refuses nitro_enclaves_enabled = true together
// with local_storage_configuration { use_local_storage = true }.
func NitroWithoutLocalStorage() validator.Object { return nitroWithoutLocalStorageValidator{} }

func (nitroWithoutLocalStorageValidator) Description(_ context.Context) string {
	return "nitro_enclaves_enabled cannot be true with local_storage_configuration { use_local_storage = true }"
}

func (v nitroWithoutLocalStorageValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (nitroWithoutLocalStorageValidator) ValidateObject(_ context.Context, req validator.ObjectRequest, resp *validator.ObjectResponse) {
	attrs, ok := attrvalue.KnownAttrs(req.ConfigValue)
	if !ok {
		return
	}
	nitro, _ := attrs["nitro_enclaves_enabled"].(types.Bool)
	if nitro.IsNull() || nitro.IsUnknown() || !nitro.ValueBool() {
		return
	}
	ls, ok := attrvalue.SingleBlock(attrs["local_storage_configuration"])
	if !ok {
		return
	}
	use, _ := ls["use_local_storage"].(types.Bool)
	if use.IsNull() || use.IsUnknown() || !use.ValueBool() {
		return
	}
	resp.Diagnostics.AddAttributeError(req.Path.AtName("nitro_enclaves_enabled"), "Nitro Sandbox and local storage together",
		"nitro_enclaves_enabled = true cannot be used with local_storage_configuration { use_local_storage = true }: "+
			"ECS refuses the combination. Turn one of them off.")
}
