package validators_test

import (
	"context"
	"fmt"
	"math/big"
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

var (
	strategyAttrTypes = map[string]attr.Type{
		"capacity_provider": types.StringType,
		"weight":            types.Int64Type,
		"base":              types.Int64Type,
	}
	strategyElemType = types.ObjectType{AttrTypes: strategyAttrTypes}
)

func item(cp types.String, weight, base types.Int64) types.Object {
	return types.ObjectValueMust(strategyAttrTypes, map[string]attr.Value{"capacity_provider": cp, "weight": weight, "base": base})
}

// it builds a fully known item.
func it(cp string, weight, base int64) types.Object {
	return item(types.StringValue(cp), types.Int64Value(weight), types.Int64Value(base))
}

func strategySet(items ...attr.Value) types.Set {
	return types.SetValueMust(strategyElemType, items)
}

func manyItems(n int) []attr.Value {
	out := make([]attr.Value, n)
	for i := range out {
		out[i] = it(fmt.Sprintf("cp%02d", i), 1, 0)
	}
	return out
}

func TestStrategy(t *testing.T) {
	t.Parallel()
	p := path.Root("default_capacity_provider_strategy")
	s := types.StringValue
	i := types.Int64Value
	twentyOne := manyItems(21)
	twentyOnePartly := manyItems(20)
	twentyOnePartly = append(twentyOnePartly, item(s("cpXX"), types.Int64Unknown(), i(0)))
	dupA, dupB := it("FARGATE", 1, 0), it("FARGATE", 2, 0)
	tests := []struct {
		name  string
		value types.Set
		want  []wantDiag
	}{
		{"null", types.SetNull(strategyElemType), nil},
		{"unknown", types.SetUnknown(strategyElemType), nil},
		{"empty", strategySet(), nil},
		{"single zero weight", strategySet(it("FARGATE", 0, 0)), nil},
		{"single null weight and base", strategySet(item(s("FARGATE"), types.Int64Null(), types.Int64Null())), nil},
		{"valid pair", strategySet(it("FARGATE", 1, 2), it("FARGATE_SPOT", 3, 0)), nil},
		{"twenty", strategySet(manyItems(20)...), nil},
		{"twenty-one", strategySet(twentyOne...), []wantDiag{{p, "has 21 items; at most 20 are allowed"}}},
		{"twenty-one with one unknown", strategySet(twentyOnePartly...), nil},
		{"two bases", strategySet(it("FARGATE", 1, 1), it("FARGATE_SPOT", 1, 5)), []wantDiag{
			{p, `gives a base greater than 0 to 2 items ("FARGATE", "FARGATE_SPOT"); at most one item may have a base`},
		}},
		{"one base and an unknown base", strategySet(it("FARGATE", 1, 1), item(s("FARGATE_SPOT"), i(1), types.Int64Unknown())), nil},
		{"two bases and an unknown provider", strategySet(it("FARGATE", 1, 1), item(types.StringUnknown(), i(1), i(2))), []wantDiag{
			{p, `("(unknown)", "FARGATE")`},
		}},
		{"no weight", strategySet(it("FARGATE", 0, 0), it("FARGATE_SPOT", 0, 0)), []wantDiag{
			{p, "has 2 items and all weights are 0; when a strategy has more than one item, at least one weight must be greater than 0"},
		}},
		{"null weights", strategySet(item(s("a"), types.Int64Null(), i(0)), item(s("b"), types.Int64Null(), i(0))), []wantDiag{{p, "all weights are 0"}}},
		{"unknown weight", strategySet(it("FARGATE", 0, 0), item(s("FARGATE_SPOT"), types.Int64Unknown(), i(0))), nil},
		{"unknown element", strategySet(it("FARGATE", 0, 0), types.ObjectUnknown(strategyAttrTypes)), nil},
		{"duplicate", strategySet(dupA, dupB), []wantDiag{
			{p, `Capacity provider "FARGATE" appears more than once in the capacity provider strategy`},
		}},
		{"duplicate unknown weight", strategySet(dupA, item(s("FARGATE"), types.Int64Unknown(), i(0))), nil},
		{"everything", strategySet(it("a", 0, 1), it("a", 0, 2)), []wantDiag{
			{p, "appears more than once"},
			{p, "at most one item may have a base"},
			{p, "all weights are 0"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			resp := &validator.SetResponse{}
			validators.Strategy().ValidateSet(context.Background(), validator.SetRequest{Path: p, PathExpression: p.Expression(), ConfigValue: tt.value}, resp)
			checkDiags(t, resp.Diagnostics, tt.want)
		})
	}
}

func TestStrategyInt32Attributes(t *testing.T) {
	t.Parallel()
	attrTypes := map[string]attr.Type{"capacity_provider": types.StringType, "weight": types.Int32Type, "base": types.Int32Type}
	obj := func(cp string, w, b int32) attr.Value {
		return types.ObjectValueMust(attrTypes, map[string]attr.Value{"capacity_provider": types.StringValue(cp), "weight": types.Int32Value(w), "base": types.Int32Value(b)})
	}
	v := types.SetValueMust(types.ObjectType{AttrTypes: attrTypes}, []attr.Value{obj("a", 0, 1), obj("b", 0, 1)})
	p := path.Root("strategy")
	resp := &validator.SetResponse{}
	validators.Strategy().ValidateSet(context.Background(), validator.SetRequest{Path: p, ConfigValue: v}, resp)
	checkDiags(t, resp.Diagnostics, []wantDiag{{p, "at most one item may have a base"}, {p, "all weights are 0"}})
}

// clusterSchema is a minimal resource schema with capacity providers and a
// default strategy.
var clusterSchema = schema.Schema{
	Attributes: map[string]schema.Attribute{
		"capacity_providers": schema.SetAttribute{ElementType: types.StringType, Optional: true},
		"default_capacity_provider_strategy": schema.SetNestedAttribute{
			Optional: true,
			NestedObject: schema.NestedAttributeObject{
				Attributes: map[string]schema.Attribute{
					"capacity_provider": schema.StringAttribute{Required: true},
					"weight":            schema.Int64Attribute{Optional: true},
					"base":              schema.Int64Attribute{Optional: true},
				},
			},
		},
	},
}

var (
	tfItemType = tftypes.Object{AttributeTypes: map[string]tftypes.Type{
		"capacity_provider": tftypes.String, "weight": tftypes.Number, "base": tftypes.Number,
	}}
	tfProvidersType = tftypes.Set{ElementType: tftypes.String}
	tfStrategyType  = tftypes.Set{ElementType: tfItemType}
	tfConfigType    = tftypes.Object{AttributeTypes: map[string]tftypes.Type{
		"capacity_providers": tfProvidersType, "default_capacity_provider_strategy": tfStrategyType,
	}}
)

func tfItem(cp any, weight int64) tftypes.Value {
	return tftypes.NewValue(tfItemType, map[string]tftypes.Value{
		"capacity_provider": tftypes.NewValue(tftypes.String, cp),
		"weight":            tftypes.NewValue(tftypes.Number, big.NewFloat(float64(weight))),
		"base":              tftypes.NewValue(tftypes.Number, nil),
	})
}

func tfProviders(names ...any) tftypes.Value {
	elems := make([]tftypes.Value, len(names))
	for i, n := range names {
		elems[i] = tftypes.NewValue(tftypes.String, n)
	}
	return tftypes.NewValue(tfProvidersType, elems)
}

func tfStrategy(items ...tftypes.Value) tftypes.Value {
	return tftypes.NewValue(tfStrategyType, items)
}

func TestStrategyProvidersAssociated(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	p := path.Root("default_capacity_provider_strategy")
	nullProviders := tftypes.NewValue(tfProvidersType, nil)
	unknownProviders := tftypes.NewValue(tfProvidersType, tftypes.UnknownValue)
	absolute := path.MatchRoot("capacity_providers")
	relative := path.MatchRelative().AtParent().AtName("capacity_providers")
	tests := []struct {
		name      string
		expr      path.Expression
		providers tftypes.Value
		strategy  tftypes.Value
		want      []wantDiag
	}{
		{"all associated", absolute, tfProviders("FARGATE", "FARGATE_SPOT"), tfStrategy(tfItem("FARGATE", 1), tfItem("FARGATE_SPOT", 1)), nil},
		{"all associated relative", relative, tfProviders("FARGATE", "cp1"), tfStrategy(tfItem("cp1", 1)), nil},
		{"missing one", absolute, tfProviders("FARGATE"), tfStrategy(tfItem("FARGATE", 1), tfItem("cp1", 2)), []wantDiag{
			{p, `Capacity provider "cp1" is in the capacity provider strategy but not in the cluster's capacity providers`},
		}},
		// A strategy of one item is addressed as its first block, so that
		// Terraform shows the line of capacity_provider.
		{"missing one relative", relative, tfProviders("FARGATE"), tfStrategy(tfItem("cp1", 2)), []wantDiag{
			{p.AtListIndex(0).AtName("capacity_provider"), "Add it to capacity_providers or remove it from the strategy."},
		}},
		{"case sensitive", absolute, tfProviders("fargate"), tfStrategy(tfItem("FARGATE", 1)), []wantDiag{{p.AtListIndex(0).AtName("capacity_provider"), `"FARGATE"`}}},
		{"null providers", absolute, nullProviders, tfStrategy(tfItem("FARGATE", 1)), []wantDiag{
			{p, "Capacity provider strategy has 1 item but the cluster has no capacity providers; a strategy may only use capacity providers associated with the cluster. capacity_providers is not set."},
		}},
		{"empty providers", absolute, tfProviders(), tfStrategy(tfItem("FARGATE", 1), tfItem("FARGATE_SPOT", 1)), []wantDiag{
			{p, "has 2 items but the cluster has no capacity providers; a strategy may only use capacity providers associated with the cluster. capacity_providers is empty."},
		}},
		{"null providers empty strategy", absolute, nullProviders, tfStrategy(), nil},
		{"null providers null strategy", absolute, nullProviders, tftypes.NewValue(tfStrategyType, nil), nil},
		{"unknown strategy", absolute, nullProviders, tftypes.NewValue(tfStrategyType, tftypes.UnknownValue), nil},
		{"unknown providers", absolute, unknownProviders, tfStrategy(tfItem("cp1", 1)), nil},
		{"unknown provider element", absolute, tfProviders("FARGATE", tftypes.UnknownValue), tfStrategy(tfItem("cp1", 1)), nil},
		{"unknown strategy provider", absolute, tfProviders("FARGATE"), tfStrategy(tfItem(tftypes.UnknownValue, 1), tfItem("FARGATE", 2)), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cfg := tfsdk.Config{
				Schema: clusterSchema,
				Raw: tftypes.NewValue(tfConfigType, map[string]tftypes.Value{
					"capacity_providers":                 tt.providers,
					"default_capacity_provider_strategy": tt.strategy,
				}),
			}
			var strategy types.Set
			if diags := cfg.GetAttribute(ctx, p, &strategy); diags.HasError() {
				t.Fatalf("reading strategy: %v", diags)
			}
			req := validator.SetRequest{Path: p, PathExpression: p.Expression(), Config: cfg, ConfigValue: strategy}
			resp := &validator.SetResponse{}
			validators.StrategyProvidersAssociated(tt.expr).ValidateSet(ctx, req, resp)
			checkDiags(t, resp.Diagnostics, tt.want)
		})
	}
}

func TestStrategyProvidersAssociatedBadExpression(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	p := path.Root("default_capacity_provider_strategy")
	cfg := tfsdk.Config{
		Schema: clusterSchema,
		Raw: tftypes.NewValue(tfConfigType, map[string]tftypes.Value{
			"capacity_providers":                 tfProviders("FARGATE"),
			"default_capacity_provider_strategy": tfStrategy(tfItem("FARGATE", 1)),
		}),
	}
	var strategy types.Set
	if diags := cfg.GetAttribute(ctx, p, &strategy); diags.HasError() {
		t.Fatalf("reading strategy: %v", diags)
	}
	resp := &validator.SetResponse{}
	validators.StrategyProvidersAssociated(path.MatchRoot("no_such_attribute")).ValidateSet(ctx,
		validator.SetRequest{Path: p, PathExpression: p.Expression(), Config: cfg, ConfigValue: strategy}, resp)
	if !resp.Diagnostics.HasError() {
		t.Fatal("want an error for a path expression that matches nothing in the schema")
	}
}
