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

// stringModifierCase is the request of a string plan modifier and the value
// it must plan.
type stringModifierCase struct {
	name string
	req  planmodifier.StringRequest
	want types.String
}

// runStringModifierCases runs m on each case and checks its description.
func runStringModifierCases(t *testing.T, m planmodifier.String, cases []stringModifierCase) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			resp := &planmodifier.StringResponse{PlanValue: tt.req.PlanValue}
			m.PlanModifyString(context.Background(), tt.req, resp)
			if resp.Diagnostics.HasError() {
				t.Fatal(resp.Diagnostics)
			}
			if !resp.PlanValue.Equal(tt.want) {
				t.Errorf("planned %s, want %s", resp.PlanValue, tt.want)
			}
		})
	}
	if m.MarkdownDescription(context.Background()) == "" {
		t.Error("empty MarkdownDescription")
	}
}

func TestClusterNameModifier(t *testing.T) {
	t.Parallel()
	s := twoStrings{"name", "name_prefix"}
	null, unknown := tfString(nil), tfString(tftypes.UnknownValue)
	generated := "app-20261207081500000000000001"
	// req plans name with config (name, name_prefix; nil name: destroy)
	// and state (nil name: create).
	req := func(config, state [2]*tftypes.Value, stateValue types.String) planmodifier.StringRequest {
		configValue := types.StringNull()
		if config[0] != nil && !config[0].IsNull() {
			var v string
			if err := config[0].As(&v); err != nil {
				t.Fatal(err)
			}
			configValue = types.StringValue(v)
		}
		return planmodifier.StringRequest{
			Path:        path.Root("name"),
			ConfigValue: configValue,
			StateValue:  stateValue,
			PlanValue:   types.StringUnknown(),
			Config:      tfsdk.Config{Schema: s.schema(), Raw: s.raw(config[0], config[1])},
			Plan:        tfsdk.Plan{Schema: s.schema(), Raw: s.raw(config[0], config[1])},
			State:       tfsdk.State{Schema: s.schema(), Raw: s.raw(state[0], state[1])},
		}
	}
	none := [2]*tftypes.Value{}
	stored := [2]*tftypes.Value{tfString(generated), tfString("app-")}
	// A capacity provider's name has no fallback: without name and
	// name_prefix it stays as planned (its ValidateConfig refuses that).
	runStringModifierCases(t, nameModifier{}, []stringModifierCase{
		{"neither, no fallback", req([2]*tftypes.Value{null, null}, none, types.StringNull()), types.StringUnknown()},
		{"prefix unchanged, no fallback", req([2]*tftypes.Value{null, tfString("app-")}, stored, types.StringValue(generated)), types.StringValue(generated)},
	})
	runStringModifierCases(t, nameModifier{fallback: defaultClusterName}, []stringModifierCase{
		{"destroy", req(none, [2]*tftypes.Value{tfString("web"), null}, types.StringValue("web")), types.StringUnknown()},
		{"name configured", req([2]*tftypes.Value{tfString("web"), null}, none, types.StringNull()), types.StringUnknown()},
		{"neither", req([2]*tftypes.Value{null, null}, none, types.StringNull()), types.StringValue(defaultClusterName)},
		{"prefix on create", req([2]*tftypes.Value{null, tfString("app-")}, none, types.StringNull()), types.StringUnknown()},
		{"prefix unchanged", req([2]*tftypes.Value{null, tfString("app-")}, stored, types.StringValue(generated)), types.StringValue(generated)},
		{"prefix changed", req([2]*tftypes.Value{null, tfString("web-")}, stored, types.StringValue(generated)), types.StringUnknown()},
		{"prefix unknown", req([2]*tftypes.Value{null, unknown}, stored, types.StringValue(generated)), types.StringUnknown()},
	})
}

func TestNamespaceARNModifier(t *testing.T) {
	t.Parallel()
	s := twoStrings{"namespace", "namespace_arn"}
	arn := "arn:aws:servicediscovery:eu-west-1:123456789012:namespace/ns-1"
	unknown := tfString(tftypes.UnknownValue)
	// req plans namespace_arn with plan (namespace, namespace_arn; nil:
	// destroy) and state (nil: create).
	req := func(plan, state [2]*tftypes.Value, stateValue, planValue types.String) planmodifier.StringRequest {
		return planmodifier.StringRequest{
			Path:       path.Root("namespace_arn"),
			StateValue: stateValue,
			PlanValue:  planValue,
			Plan:       tfsdk.Plan{Schema: s.schema(), Raw: s.raw(plan[0], plan[1])},
			State:      tfsdk.State{Schema: s.schema(), Raw: s.raw(state[0], state[1])},
		}
	}
	stored := [2]*tftypes.Value{tfString("svc"), tfString(arn)}
	runStringModifierCases(t, namespaceARNModifier{}, []stringModifierCase{
		{"create", req([2]*tftypes.Value{tfString("svc"), unknown}, [2]*tftypes.Value{}, types.StringNull(), types.StringUnknown()), types.StringUnknown()},
		{"destroy", req([2]*tftypes.Value{}, stored, types.StringValue(arn), types.StringUnknown()), types.StringUnknown()},
		{"namespace unchanged", req([2]*tftypes.Value{tfString("svc"), unknown}, stored, types.StringValue(arn), types.StringUnknown()), types.StringValue(arn)},
		{"namespace changed", req([2]*tftypes.Value{tfString("other"), unknown}, stored, types.StringValue(arn), types.StringUnknown()), types.StringUnknown()},
		{"namespace unknown", req([2]*tftypes.Value{unknown, unknown}, stored, types.StringValue(arn), types.StringUnknown()), types.StringUnknown()},
		{"planned value known", req([2]*tftypes.Value{tfString("svc"), tfString("x")}, stored, types.StringValue(arn), types.StringValue("x")), types.StringValue("x")},
	})
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
