package validators_test

import (
	"context"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/ecsx/terraform-provider-ecsx/internal/validators"
)

func TestEnumValues(t *testing.T) {
	t.Parallel()
	if got, want := validators.LoggingValues(), []string{"NONE", "DEFAULT", "OVERRIDE"}; !slices.Equal(got, want) {
		t.Errorf("LoggingValues() = %q, want %q", got, want)
	}
	if got, want := validators.ContainerInsightsValues(), []string{"enabled", "disabled", "enhanced"}; !slices.Equal(got, want) {
		t.Errorf("ContainerInsightsValues() = %q, want %q", got, want)
	}
	validators.ContainerInsightsValues()[0] = "changed"
	if validators.ContainerInsightsValues()[0] != "enabled" {
		t.Error("ContainerInsightsValues() shares its backing array")
	}
}

// TestStrategyShapes covers items with Int32, null or unknown Int32, missing
// and mistyped attributes.
func TestStrategyShapes(t *testing.T) {
	t.Parallel()
	p := path.Root("strategy")
	i32Types := map[string]attr.Type{"capacity_provider": types.StringType, "weight": types.Int32Type, "base": types.Int32Type}
	i32 := func(cp string, w, b types.Int32) attr.Value {
		return types.ObjectValueMust(i32Types, map[string]attr.Value{"capacity_provider": types.StringValue(cp), "weight": w, "base": b})
	}
	onlyName := map[string]attr.Type{"capacity_provider": types.StringType}
	wrong := map[string]attr.Type{"capacity_provider": types.BoolType, "weight": types.StringType, "base": types.StringType}
	tests := []struct {
		name  string
		value types.Set
		want  []wantDiag
	}{
		{"int32 null weights", types.SetValueMust(types.ObjectType{AttrTypes: i32Types}, []attr.Value{
			i32("a", types.Int32Null(), types.Int32Null()), i32("b", types.Int32Null(), types.Int32Value(0)),
		}), []wantDiag{{p, "all weights are 0"}}},
		{"int32 unknown weight", types.SetValueMust(types.ObjectType{AttrTypes: i32Types}, []attr.Value{
			i32("a", types.Int32Value(0), types.Int32Null()), i32("b", types.Int32Unknown(), types.Int32Null()),
		}), nil},
		{"missing weight and base", types.SetValueMust(types.ObjectType{AttrTypes: onlyName}, []attr.Value{
			types.ObjectValueMust(onlyName, map[string]attr.Value{"capacity_provider": types.StringValue("a")}),
			types.ObjectValueMust(onlyName, map[string]attr.Value{"capacity_provider": types.StringValue("b")}),
		}), []wantDiag{{p, "all weights are 0"}}},
		{"mistyped attributes", types.SetValueMust(types.ObjectType{AttrTypes: wrong}, []attr.Value{
			types.ObjectValueMust(wrong, map[string]attr.Value{"capacity_provider": types.BoolValue(true), "weight": types.StringValue("1"), "base": types.StringValue("1")}),
			types.ObjectValueMust(wrong, map[string]attr.Value{"capacity_provider": types.BoolValue(false), "weight": types.StringValue("1"), "base": types.StringValue("1")}),
		}), nil},
		{"not objects", types.SetValueMust(types.StringType, []attr.Value{types.StringValue("a"), types.StringValue("b")}), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			resp := &validator.SetResponse{}
			validators.Strategy().ValidateSet(context.Background(), validator.SetRequest{Path: p, ConfigValue: tt.value}, resp)
			checkDiags(t, resp.Diagnostics, tt.want)
		})
	}
}

// TestStrategyProvidersAssociatedList resolves the providers from a list
// attribute, and from an attribute that is not a collection of strings.
func TestStrategyProvidersAssociatedList(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := schema.Schema{
		Attributes: map[string]schema.Attribute{
			"capacity_providers": schema.ListAttribute{ElementType: types.StringType, Optional: true},
			"other":              schema.StringAttribute{Optional: true},
			"default_capacity_provider_strategy": schema.SetNestedAttribute{
				Optional: true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"capacity_provider": schema.StringAttribute{Required: true},
					"weight":            schema.Int64Attribute{Optional: true},
					"base":              schema.Int64Attribute{Optional: true},
				}},
			},
		},
	}
	listType := tftypes.List{ElementType: tftypes.String}
	cfgType := tftypes.Object{AttributeTypes: map[string]tftypes.Type{
		"capacity_providers": listType, "other": tftypes.String, "default_capacity_provider_strategy": tfStrategyType,
	}}
	p := path.Root("default_capacity_provider_strategy")
	tests := []struct {
		name      string
		expr      path.Expression
		providers tftypes.Value
		want      int
	}{
		{"list associated", path.MatchRoot("capacity_providers"), tftypes.NewValue(listType, []tftypes.Value{tftypes.NewValue(tftypes.String, "cp1"), tftypes.NewValue(tftypes.String, nil)}), 0},
		{"list missing", path.MatchRoot("capacity_providers"), tftypes.NewValue(listType, []tftypes.Value{tftypes.NewValue(tftypes.String, "cp2")}), 1},
		{"list null", path.MatchRoot("capacity_providers"), tftypes.NewValue(listType, nil), 1},
		{"not a collection", path.MatchRoot("other"), tftypes.NewValue(listType, nil), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cfg := tfsdk.Config{Schema: s, Raw: tftypes.NewValue(cfgType, map[string]tftypes.Value{
				"capacity_providers":                 tt.providers,
				"other":                              tftypes.NewValue(tftypes.String, "x"),
				"default_capacity_provider_strategy": tfStrategy(tfItem("cp1", 1)),
			})}
			var strategy types.Set
			if diags := cfg.GetAttribute(ctx, p, &strategy); diags.HasError() {
				t.Fatalf("reading strategy: %v", diags)
			}
			resp := &validator.SetResponse{}
			validators.StrategyProvidersAssociated(tt.expr).ValidateSet(ctx, validator.SetRequest{Path: p, PathExpression: p.Expression(), Config: cfg, ConfigValue: strategy}, resp)
			if got := resp.Diagnostics.ErrorsCount(); got != tt.want {
				t.Fatalf("got %d errors, want %d:\n%s", got, tt.want, dumpDiags(resp.Diagnostics))
			}
		})
	}
}

func TestUniqueSettingNamesNotObjects(t *testing.T) {
	t.Parallel()
	v := types.SetValueMust(types.StringType, []attr.Value{types.StringValue("a"), types.StringValue("b")})
	resp := &validator.SetResponse{}
	validators.UniqueSettingNames().ValidateSet(context.Background(), validator.SetRequest{Path: path.Root("setting"), ConfigValue: v}, resp)
	checkDiags(t, resp.Diagnostics, nil)
	other := map[string]attr.Type{"value": types.StringType}
	v = types.SetValueMust(types.ObjectType{AttrTypes: other}, []attr.Value{
		types.ObjectValueMust(other, map[string]attr.Value{"value": types.StringValue("a")}),
		types.ObjectValueMust(other, map[string]attr.Value{"value": types.StringValue("b")}),
	})
	validators.UniqueSettingNames().ValidateSet(context.Background(), validator.SetRequest{Path: path.Root("setting"), ConfigValue: v}, resp)
	checkDiags(t, resp.Diagnostics, nil)
}
