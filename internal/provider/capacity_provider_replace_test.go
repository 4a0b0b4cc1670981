package provider

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// cpRaw is a raw ecsx_capacity_provider value with the attributes that
// warnFixedNameReplacement reads; group "" means no auto_scaling_group_provider
// block, and unknownGroup an unknown auto_scaling_group_arn.
func cpRaw(name, group string) map[string]tftypes.Value {
	blockType := tftypes.Object{AttributeTypes: map[string]tftypes.Type{"auto_scaling_group_arn": tftypes.String}}
	var blocks []tftypes.Value
	switch group {
	case "":
	case unknownGroup:
		blocks = append(blocks, tftypes.NewValue(blockType, map[string]tftypes.Value{"auto_scaling_group_arn": tftypes.NewValue(tftypes.String, tftypes.UnknownValue)}))
	default:
		blocks = append(blocks, tftypes.NewValue(blockType, map[string]tftypes.Value{"auto_scaling_group_arn": tftypes.NewValue(tftypes.String, group)}))
	}
	n := tftypes.NewValue(tftypes.String, name)
	if name == "" {
		n = tftypes.NewValue(tftypes.String, nil)
	}
	return map[string]tftypes.Value{
		"name":                        n,
		"auto_scaling_group_provider": tftypes.NewValue(tftypes.List{ElementType: blockType}, blocks),
	}
}

const unknownGroup = "(unknown)"

func TestWarnFixedNameReplacement(t *testing.T) {
	unknownName := cpRaw("", "group-b")
	unknownName["name"] = tftypes.NewValue(tftypes.String, tftypes.UnknownValue)
	cases := map[string]struct {
		config, plan, state map[string]tftypes.Value
		replaced            path.Paths
		warn                bool
	}{
		"a new group under a fixed name":          {cpRaw("ec2", "group-b"), cpRaw("ec2", "group-b"), cpRaw("ec2", "group-a"), nil, true},
		"a group created in the same apply":       {cpRaw("ec2", unknownGroup), cpRaw("ec2", unknownGroup), cpRaw("ec2", "group-a"), nil, true},
		"a new fixed name":                        {cpRaw("ec3", "group-a"), cpRaw("ec3", "group-a"), cpRaw("ec2", "group-a"), nil, true},
		"a new region":                            {cpRaw("ec2", "group-a"), cpRaw("ec2", "group-a"), cpRaw("ec2", "group-a"), path.Paths{path.Root("region")}, true},
		"an update in place":                      {cpRaw("ec2", "group-a"), cpRaw("ec2", "group-a"), cpRaw("ec2", "group-a"), nil, false},
		"a new group under name_prefix":           {cpRaw("", "group-b"), unknownName, cpRaw("ec2-20261207084800000000000001", "group-a"), nil, false},
		"a Managed Instances provider (no group)": {cpRaw("mi", ""), cpRaw("mi", ""), cpRaw("mi", ""), path.Paths{path.Root("region")}, false},
	}
	for label, tc := range cases {
		t.Run(label, func(t *testing.T) {
			var diags diag.Diagnostics
			warnFixedNameReplacement(tc.plan, tc.config, tc.state, tc.replaced, &diags)
			if !tc.warn {
				if len(diags) != 0 {
					t.Fatalf("want no diagnostic, got %v", diags)
				}
				return
			}
			if len(diags) != 1 || diags.WarningsCount() != 1 {
				t.Fatalf("want one warning, got %v", diags)
			}
			if got := diags[0].Summary(); got != "Capacity provider with a fixed name is replaced" {
				t.Errorf("summary %q", got)
			}
			detail := diags[0].Detail()
			for _, want := range []string{
				`This plan replaces capacity provider "ec2", whose name is fixed by the name argument.`,
				"If a cluster uses it (in capacity_providers of ecsx_cluster_capacity_providers or ecsx_cluster), the apply stops",
				"ECS refuses to delete a capacity provider that a cluster uses",
				"with create_before_destroy the replacement cannot be created beside it under the same name",
				"    resource \"ecsx_capacity_provider\" \"<name>\" {\n      name_prefix = \"ec2-\"\n      ...\n\n      lifecycle {\n        create_before_destroy = true\n      }\n    }\n",
				"moves the cluster's association (and a default strategy that names it) to it, and deletes the old one",
				"the replacement needs a new group, and that group needs create_before_destroy and a name prefix of its own",
			} {
				if !strings.Contains(detail, want) {
					t.Errorf("detail lacks %q:\n%s", want, detail)
				}
			}
		})
	}
}
