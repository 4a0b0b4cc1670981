package validators_test

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecsx/terraform-provider-ecsx/internal/validators"
)

var settingAttrTypes = map[string]attr.Type{"name": types.StringType, "value": types.StringType}

func setting(name, value types.String) types.Object {
	return types.ObjectValueMust(settingAttrTypes, map[string]attr.Value{"name": name, "value": value})
}

func TestContainerInsightsSetting(t *testing.T) {
	t.Parallel()
	p := path.Root("setting").AtListIndex(0)
	s := types.StringValue
	tests := []struct {
		name  string
		value types.Object
		want  []wantDiag
	}{
		{"null", types.ObjectNull(settingAttrTypes), nil},
		{"unknown", types.ObjectUnknown(settingAttrTypes), nil},
		{"enabled", setting(s("containerInsights"), s("enabled")), nil},
		{"disabled", setting(s("containerInsights"), s("disabled")), nil},
		{"enhanced", setting(s("containerInsights"), s("enhanced")), nil},
		{"unknown name and value", setting(types.StringUnknown(), types.StringUnknown()), nil},
		{"null name and value", setting(types.StringNull(), types.StringNull()), nil},
		{"bad name", setting(s("executeCommandAgent"), s("enabled")), []wantDiag{
			{p.AtName("name"), `setting name "executeCommandAgent" is not supported; the only cluster setting is "containerInsights"`},
		}},
		{"bad value", setting(s("containerInsights"), s("on")), []wantDiag{
			{p.AtName("value"), `containerInsights value "on" is not supported; it must be one of "enabled", "disabled", "enhanced"`},
		}},
		{"case matters", setting(s("ContainerInsights"), s("Enabled")), []wantDiag{
			{p.AtName("name"), "is not supported"},
			{p.AtName("value"), "is not supported"},
		}},
		{"unknown value", setting(s("containerInsights"), types.StringUnknown()), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			resp := &validator.ObjectResponse{}
			validators.ContainerInsightsSetting().ValidateObject(context.Background(), validator.ObjectRequest{Path: p, ConfigValue: tt.value}, resp)
			checkDiags(t, resp.Diagnostics, tt.want)
		})
	}
}

func TestContainerInsightsSettingMissingAttributes(t *testing.T) {
	t.Parallel()
	v := types.ObjectValueMust(map[string]attr.Type{"name": types.Int64Type}, map[string]attr.Value{"name": types.Int64Value(1)})
	resp := &validator.ObjectResponse{}
	validators.ContainerInsightsSetting().ValidateObject(context.Background(), validator.ObjectRequest{Path: path.Root("setting"), ConfigValue: v}, resp)
	checkDiags(t, resp.Diagnostics, nil)
}

func TestUniqueSettingNames(t *testing.T) {
	t.Parallel()
	p := path.Root("setting")
	elemType := types.ObjectType{AttrTypes: settingAttrTypes}
	set := func(objs ...attr.Value) types.Set { return types.SetValueMust(elemType, objs) }
	s := types.StringValue
	ci := setting(s("containerInsights"), s("enabled"))
	tests := []struct {
		name  string
		value types.Set
		want  []wantDiag
	}{
		{"null", types.SetNull(elemType), nil},
		{"unknown", types.SetUnknown(elemType), nil},
		{"empty", set(), nil},
		{"one", set(ci), nil},
		{"two names", set(ci, setting(s("other"), s("x"))), nil},
		{"duplicate", set(ci, setting(s("containerInsights"), s("disabled"))), []wantDiag{
			{p, `setting "containerInsights" is given more than once with different values`},
		}},
		{"unknown name", set(ci, setting(types.StringUnknown(), s("enabled"))), nil},
		{"unknown element", set(ci, types.ObjectUnknown(settingAttrTypes)), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			resp := &validator.SetResponse{}
			validators.UniqueSettingNames().ValidateSet(context.Background(), validator.SetRequest{Path: p, ConfigValue: tt.value}, resp)
			checkDiags(t, resp.Diagnostics, tt.want)
		})
	}
}
