package provider

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// warnFixedNameReplacement warns when a planned update replaces an Auto
// Scaling group capacity provider whose name is fixed in the configuration.
// A cluster that uses the provider blocks its deletion, so Terraform's
// default order (delete, then create) stops at the delete; with
// create_before_destroy, the new provider cannot be created beside the old
// one under the same name. The plan does not see lifecycle settings, nor
// which clusters use the provider (ECS reports no association of an Auto
// Scaling group provider on the provider itself), so the warning says what
// happens if a cluster uses it and shows the form that replaces it in one
// apply. replaced lists the replacing paths that ModifyPlan found itself.
func warnFixedNameReplacement(plan, config, state map[string]tftypes.Value, replaced path.Paths, diags *diag.Diagnostics) {
	if config["name"].IsNull() || !listHasElements(state["auto_scaling_group_provider"]) {
		return
	}
	if len(replaced) == 0 && plan["name"].Equal(state["name"]) &&
		asgARNOf(plan["auto_scaling_group_provider"]).Equal(asgARNOf(state["auto_scaling_group_provider"])) {
		return
	}
	diags.AddAttributeWarning(path.Root("name"), "Capacity provider with a fixed name is replaced", fixedNameReplacementDetail(rawString(state["name"])))
}

// fixedNameReplacementDetail is the detail of warnFixedNameReplacement's
// warning for the capacity provider name.
func fixedNameReplacementDetail(name string) string {
	return fmt.Sprintf("This plan replaces capacity provider %[1]q, whose name is fixed by the name argument. If a cluster uses it "+
		"(in capacity_providers of ecsx_cluster_capacity_providers or ecsx_cluster), the apply stops: "+
		"ECS refuses to delete a capacity provider that a cluster uses, so it cannot be deleted before its replacement exists, "+
		"and with create_before_destroy the replacement cannot be created beside it under the same name.\n\n"+
		"To replace it in one apply, let ecsx generate the name and create the replacement first:\n\n"+
		"    resource \"ecsx_capacity_provider\" \"<name>\" {\n"+
		"      name_prefix = \"%[1]s-\"\n"+
		"      ...\n\n"+
		"      lifecycle {\n"+
		"        create_before_destroy = true\n"+
		"      }\n"+
		"    }\n\n"+
		"Terraform then creates the new capacity provider, moves the cluster's association (and a default strategy that names it) to it, "+
		"and deletes the old one. An Auto Scaling group backs one capacity provider only, so the replacement needs a new group, "+
		"and that group needs create_before_destroy and a name prefix of its own. Make the switch from name to name_prefix "+
		"together with the change to the new group.", name)
}

// asgARNOf returns auto_scaling_group_arn of a raw auto_scaling_group_provider
// block list: unknown when the list is unknown, null when it has no block.
func asgARNOf(v tftypes.Value) tftypes.Value {
	if !v.IsKnown() {
		return tftypes.NewValue(tftypes.String, tftypes.UnknownValue)
	}
	var elems []tftypes.Value
	if v.IsNull() || v.As(&elems) != nil || len(elems) == 0 {
		return tftypes.NewValue(tftypes.String, nil)
	}
	var attrs map[string]tftypes.Value
	if !elems[0].IsKnown() {
		return tftypes.NewValue(tftypes.String, tftypes.UnknownValue)
	}
	if elems[0].As(&attrs) != nil {
		return tftypes.NewValue(tftypes.String, nil)
	}
	return attrs["auto_scaling_group_arn"]
}
