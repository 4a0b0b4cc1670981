package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// twoStrings is a schema of two optional, computed strings, and the
// Terraform values of its objects: null for an absent plan or state.
type twoStrings struct {
	a, b string
}

func (s twoStrings) schema() schema.Schema {
	return schema.Schema{Attributes: map[string]schema.Attribute{
		s.a: schema.StringAttribute{Optional: true, Computed: true},
		s.b: schema.StringAttribute{Optional: true, Computed: true},
	}}
}

func (s twoStrings) raw(a, b *tftypes.Value) tftypes.Value {
	typ := tftypes.Object{AttributeTypes: map[string]tftypes.Type{s.a: tftypes.String, s.b: tftypes.String}}
	if a == nil {
		return tftypes.NewValue(typ, nil)
	}
	return tftypes.NewValue(typ, map[string]tftypes.Value{s.a: *a, s.b: *b})
}

func tfString(v any) *tftypes.Value {
	tv := tftypes.NewValue(tftypes.String, v)
	return &tv
}

func TestClusterNameModifier(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := twoStrings{"name", "name_prefix"}
	null, unknown := tfString(nil), tfString(tftypes.UnknownValue)
	generated := "app-20261207081500000000000001"
	tests := []struct {
		name       string
		config     [2]*tftypes.Value // name, name_prefix; nil: destroy
		state      [2]*tftypes.Value // nil: create
		stateValue types.String
		want       types.String
	}{
		{"destroy", [2]*tftypes.Value{}, [2]*tftypes.Value{tfString("web"), null}, types.StringValue("web"), types.StringUnknown()},
		{"name configured", [2]*tftypes.Value{tfString("web"), null}, [2]*tftypes.Value{}, types.StringNull(), types.StringUnknown()},
		{"neither", [2]*tftypes.Value{null, null}, [2]*tftypes.Value{}, types.StringNull(), types.StringValue(defaultClusterName)},
		{"prefix on create", [2]*tftypes.Value{null, tfString("app-")}, [2]*tftypes.Value{}, types.StringNull(), types.StringUnknown()},
		{"prefix unchanged", [2]*tftypes.Value{null, tfString("app-")}, [2]*tftypes.Value{tfString(generated), tfString("app-")}, types.StringValue(generated), types.StringValue(generated)},
		{"prefix changed", [2]*tftypes.Value{null, tfString("web-")}, [2]*tftypes.Value{tfString(generated), tfString("app-")}, types.StringValue(generated), types.StringUnknown()},
		{"prefix unknown", [2]*tftypes.Value{null, unknown}, [2]*tftypes.Value{tfString(generated), tfString("app-")}, types.StringValue(generated), types.StringUnknown()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			configValue := types.StringNull()
			if tt.config[0] != nil && !tt.config[0].IsNull() {
				var v string
				if err := tt.config[0].As(&v); err != nil {
					t.Fatal(err)
				}
				configValue = types.StringValue(v)
			}
			req := planmodifier.StringRequest{
				Path:        path.Root("name"),
				ConfigValue: configValue,
				StateValue:  tt.stateValue,
				PlanValue:   types.StringUnknown(),
				Config:      tfsdk.Config{Schema: s.schema(), Raw: s.raw(tt.config[0], tt.config[1])},
				Plan:        tfsdk.Plan{Schema: s.schema(), Raw: s.raw(tt.config[0], tt.config[1])},
				State:       tfsdk.State{Schema: s.schema(), Raw: s.raw(tt.state[0], tt.state[1])},
			}
			resp := &planmodifier.StringResponse{PlanValue: req.PlanValue}
			clusterNameModifier{}.PlanModifyString(ctx, req, resp)
			if resp.Diagnostics.HasError() {
				t.Fatal(resp.Diagnostics)
			}
			if !resp.PlanValue.Equal(tt.want) {
				t.Errorf("planned %s, want %s", resp.PlanValue, tt.want)
			}
		})
	}
	if (clusterNameModifier{}).MarkdownDescription(ctx) == "" {
		t.Error("empty MarkdownDescription")
	}
}

func TestNamespaceARNModifier(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := twoStrings{"namespace", "namespace_arn"}
	arn := "arn:aws:servicediscovery:eu-west-1:123456789012:namespace/ns-1"
	unknown := tfString(tftypes.UnknownValue)
	tests := []struct {
		name       string
		plan       [2]*tftypes.Value // namespace, namespace_arn; nil: destroy
		state      [2]*tftypes.Value // nil: create
		stateValue types.String
		planValue  types.String
		want       types.String
	}{
		{"create", [2]*tftypes.Value{tfString("svc"), unknown}, [2]*tftypes.Value{}, types.StringNull(), types.StringUnknown(), types.StringUnknown()},
		{"destroy", [2]*tftypes.Value{}, [2]*tftypes.Value{tfString("svc"), tfString(arn)}, types.StringValue(arn), types.StringUnknown(), types.StringUnknown()},
		{"namespace unchanged", [2]*tftypes.Value{tfString("svc"), unknown}, [2]*tftypes.Value{tfString("svc"), tfString(arn)}, types.StringValue(arn), types.StringUnknown(), types.StringValue(arn)},
		{"namespace changed", [2]*tftypes.Value{tfString("other"), unknown}, [2]*tftypes.Value{tfString("svc"), tfString(arn)}, types.StringValue(arn), types.StringUnknown(), types.StringUnknown()},
		{"namespace unknown", [2]*tftypes.Value{unknown, unknown}, [2]*tftypes.Value{tfString("svc"), tfString(arn)}, types.StringValue(arn), types.StringUnknown(), types.StringUnknown()},
		{"planned value known", [2]*tftypes.Value{tfString("svc"), tfString("x")}, [2]*tftypes.Value{tfString("svc"), tfString(arn)}, types.StringValue(arn), types.StringValue("x"), types.StringValue("x")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			req := planmodifier.StringRequest{
				Path:       path.Root("namespace_arn"),
				StateValue: tt.stateValue,
				PlanValue:  tt.planValue,
				Plan:       tfsdk.Plan{Schema: s.schema(), Raw: s.raw(tt.plan[0], tt.plan[1])},
				State:      tfsdk.State{Schema: s.schema(), Raw: s.raw(tt.state[0], tt.state[1])},
			}
			resp := &planmodifier.StringResponse{PlanValue: req.PlanValue}
			namespaceARNModifier{}.PlanModifyString(ctx, req, resp)
			if resp.Diagnostics.HasError() {
				t.Fatal(resp.Diagnostics)
			}
			if !resp.PlanValue.Equal(tt.want) {
				t.Errorf("planned %s, want %s", resp.PlanValue, tt.want)
			}
		})
	}
	if (namespaceARNModifier{}).MarkdownDescription(ctx) == "" {
		t.Error("empty MarkdownDescription")
	}
}

func TestStrategyDefaultsModifier(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	elemType := types.ObjectType{AttrTypes: strategyItemAttrTypes}
	item := func(name string, weight, base types.Int64) attr.Value {
		return types.ObjectValueMust(strategyItemAttrTypes, map[string]attr.Value{"capacity_provider": types.StringValue(name), "weight": weight, "base": base})
	}
	tests := []struct {
		name   string
		config types.Set
		want   types.Set
	}{
		{"null", types.SetNull(elemType), types.SetUnknown(elemType)},
		{"unknown", types.SetUnknown(elemType), types.SetUnknown(elemType)},
		{"defaults planned", types.SetValueMust(elemType, []attr.Value{item("FARGATE", types.Int64Null(), types.Int64Null())}),
			types.SetValueMust(elemType, []attr.Value{item("FARGATE", types.Int64Value(0), types.Int64Value(0))})},
		{"set values kept", types.SetValueMust(elemType, []attr.Value{item("FARGATE", types.Int64Value(3), types.Int64Null()), item("FARGATE_SPOT", types.Int64Unknown(), types.Int64Value(2))}),
			types.SetValueMust(elemType, []attr.Value{item("FARGATE", types.Int64Value(3), types.Int64Value(0)), item("FARGATE_SPOT", types.Int64Unknown(), types.Int64Value(2))})},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			req := planmodifier.SetRequest{Path: path.Root("default_capacity_provider_strategy"), ConfigValue: tt.config, PlanValue: types.SetUnknown(elemType)}
			resp := &planmodifier.SetResponse{PlanValue: req.PlanValue}
			strategyDefaultsModifier{}.PlanModifySet(ctx, req, resp)
			if resp.Diagnostics.HasError() {
				t.Fatal(resp.Diagnostics)
			}
			if !resp.PlanValue.Equal(tt.want) {
				t.Errorf("planned %s, want %s", resp.PlanValue, tt.want)
			}
		})
	}
	if got := (strategyDefaultsModifier{}).MarkdownDescription(ctx); got != "`weight` and `base` default to `0`" {
		t.Errorf("MarkdownDescription = %q", got)
	}
}
