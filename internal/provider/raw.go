package provider

import (
	"math/big"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

func rawBool(v tftypes.Value) bool {
	var b bool
	if !v.IsKnown() || v.IsNull() || v.As(&b) != nil {
		return false
	}
	return b
}

func rawString(v tftypes.Value) string {
	var s string
	if !v.IsKnown() || v.IsNull() || v.As(&s) != nil {
		return ""
	}
	return s
}

func rawInt(v tftypes.Value) int {
	if !v.IsKnown() || v.IsNull() {
		return 0
	}
	var f big.Float
	if v.As(&f) != nil {
		return 0
	}
	n, _ := f.Int64()
	return int(n)
}

// rawPlanState decodes the raw plan, configuration and prior state of
// ModifyPlan; state is nil on create. plan is nil on destroy.
func rawPlanState(req resource.ModifyPlanRequest, diags *diag.Diagnostics) (plan, config, state map[string]tftypes.Value) {
	if req.Plan.Raw.IsNull() {
		return nil, nil, nil
	}
	if err := req.Plan.Raw.As(&plan); err != nil {
		diags.AddError("Plan Read Error", "An unexpected error was encountered reading the plan. This is always an error in the provider:\n\n"+err.Error())
		return nil, nil, nil
	}
	if err := req.Config.Raw.As(&config); err != nil {
		diags.AddError("Plan Read Error", "An unexpected error was encountered reading the configuration. This is always an error in the provider:\n\n"+err.Error())
		return nil, nil, nil
	}
	if !req.State.Raw.IsNull() {
		if err := req.State.Raw.As(&state); err != nil {
			diags.AddError("State Read Error", "An unexpected error was encountered reading the prior state. This is always an error in the provider:\n\n"+err.Error())
			return nil, nil, nil
		}
	}
	return plan, config, state
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
