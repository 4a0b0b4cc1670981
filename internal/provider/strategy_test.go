package provider

import (
	"testing"

	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"
	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestExpandCapacityProvidersAndStrategy(t *testing.T) {
	if diff := cmp.Diff([]string{"FARGATE", "FARGATE_SPOT", "ec2-a"}, expandCapacityProviders(stringSet("ec2-a", "FARGATE_SPOT", "FARGATE"))); diff != "" {
		t.Errorf("capacity providers must be sorted (-want +got):\n%s", diff)
	}
	for name, s := range map[string]types.Set{
		"null": types.SetNull(types.StringType), "unknown": types.SetUnknown(types.StringType), "empty": stringSet(),
	} {
		if got := expandCapacityProviders(s); got == nil || len(got) != 0 {
			t.Errorf("%s capacity_providers must expand to [] (not nil), got %#v", name, got)
		}
	}

	got := expandStrategy(strategySet(strategyItem("b", 2, 0), strategyItem("a", 1, 5)))
	if diff := cmp.Diff([]ecstypes.CapacityProviderStrategyItem{strategyItem("a", 1, 5), strategyItem("b", 2, 0)}, got, ignoreSDKUnexported); diff != "" {
		t.Errorf("strategy must be sorted by provider (-want +got):\n%s", diff)
	}
	for name, s := range map[string]types.Set{
		"null":    types.SetNull(types.ObjectType{AttrTypes: strategyItemAttrTypes}),
		"unknown": types.SetUnknown(types.ObjectType{AttrTypes: strategyItemAttrTypes}),
		"empty":   emptyBlockSet(strategyItemAttrTypes),
	} {
		if got := expandStrategy(s); got == nil || len(got) != 0 {
			t.Errorf("%s strategy must expand to [] (not nil), got %#v", name, got)
		}
	}
	// Weight and base left null (before the plan modifier fills them) are 0.
	nulls := types.SetValueMust(types.ObjectType{AttrTypes: strategyItemAttrTypes}, []attr.Value{
		types.ObjectValueMust(strategyItemAttrTypes, map[string]attr.Value{
			"capacity_provider": types.StringValue("FARGATE"), "weight": types.Int64Null(), "base": types.Int64Unknown(),
		}),
	})
	if diff := cmp.Diff([]ecstypes.CapacityProviderStrategyItem{strategyItem("FARGATE", 0, 0)}, expandStrategy(nulls), ignoreSDKUnexported); diff != "" {
		t.Errorf("null weight and unknown base (-want +got):\n%s", diff)
	}
}

func TestFlattenStrategy(t *testing.T) {
	got, diags := flattenStrategy([]ecstypes.CapacityProviderStrategyItem{strategyItem("FARGATE", 1, 2), strategyItem("FARGATE_SPOT", 3, 0)})
	if diags.HasError() {
		t.Fatal(diags)
	}
	want := types.SetValueMust(types.ObjectType{AttrTypes: strategyItemAttrTypes}, []attr.Value{
		types.ObjectValueMust(strategyItemAttrTypes, map[string]attr.Value{
			"capacity_provider": types.StringValue("FARGATE_SPOT"), "weight": types.Int64Value(3), "base": types.Int64Value(0),
		}),
		types.ObjectValueMust(strategyItemAttrTypes, map[string]attr.Value{
			"capacity_provider": types.StringValue("FARGATE"), "weight": types.Int64Value(1), "base": types.Int64Value(2),
		}),
	})
	if !got.Equal(want) {
		t.Errorf("got %s\nwant %s", got, want)
	}
}
