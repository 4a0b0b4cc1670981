package provider

import (
	"sort"

	"github.com/aws/aws-sdk-go-v2/aws"
	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecsx/terraform-provider-ecsx/internal/attrvalue"
	"github.com/ecsx/terraform-provider-ecsx/internal/validators"
)

// Descriptions of the attributes of a capacity provider strategy item.
const (
	descStrategyProvider = "Capacity provider name; it must be listed in `capacity_providers`."
	descStrategyWeight   = "Relative share of tasks placed on this provider once the bases are met, 0-1000. Defaults to `0`."
	descStrategyBase     = "Minimum number of tasks placed on this provider, 0-100000. Defaults to `0`."
)

// strategyItemAttrTypes are the attributes of one capacity provider
// strategy item.
var strategyItemAttrTypes = map[string]attr.Type{
	"capacity_provider": types.StringType,
	"weight":            types.Int64Type,
	"base":              types.Int64Type,
}

// expandCapacityProviders converts capacity_providers, sorted; never nil, so
// that an empty set is sent as [] (which clears the providers).
func expandCapacityProviders(s types.Set) []string {
	out := []string{}
	if s.IsNull() || s.IsUnknown() {
		return out
	}
	for _, e := range s.Elements() {
		if v, ok := e.(types.String); ok && !v.IsNull() && !v.IsUnknown() {
			out = append(out, v.ValueString())
		}
	}
	sort.Strings(out)
	return out
}

// expandStrategy converts default_capacity_provider_strategy, sorted by
// capacity provider; never nil, so that an empty set is sent as [].
func expandStrategy(s types.Set) []ecstypes.CapacityProviderStrategyItem {
	out := []ecstypes.CapacityProviderStrategyItem{}
	if s.IsNull() || s.IsUnknown() {
		return out
	}
	for _, e := range s.Elements() {
		attrs, ok := attrvalue.KnownAttrs(e)
		if !ok {
			continue
		}
		out = append(out, ecstypes.CapacityProviderStrategyItem{
			CapacityProvider: aws.String(attrvalue.String(attrs, "capacity_provider").ValueString()),
			Weight:           int32(attrvalue.Int64(attrs, "weight").ValueInt64()),
			Base:             int32(attrvalue.Int64(attrs, "base").ValueInt64()),
		})
	}
	sort.Slice(out, func(i, j int) bool {
		return aws.ToString(out[i].CapacityProvider) < aws.ToString(out[j].CapacityProvider)
	})
	return out
}

// flattenStrategy converts the reported default strategy to strategy blocks.
func flattenStrategy(items []ecstypes.CapacityProviderStrategyItem) (types.Set, diag.Diagnostics) {
	elems := make([]attr.Value, 0, len(items))
	for _, it := range items {
		elems = append(elems, types.ObjectValueMust(strategyItemAttrTypes, map[string]attr.Value{
			"capacity_provider": types.StringValue(aws.ToString(it.CapacityProvider)),
			"weight":            types.Int64Value(int64(it.Weight)),
			"base":              types.Int64Value(int64(it.Base)),
		}))
	}
	return types.SetValue(types.ObjectType{AttrTypes: strategyItemAttrTypes}, elems)
}

// strategyBlock is the default_capacity_provider_strategy block of
// ecsx_cluster and ecsx_cluster_capacity_providers: one block per item,
// weight and base defaulting to 0. The rules across items are
// strategyRules, a resource validator, so that they are reported together
// with the ranges of weight and base.
func strategyBlock(description string) schema.SetNestedBlock {
	return schema.SetNestedBlock{
		MarkdownDescription: description,
		PlanModifiers:       []planmodifier.Set{strategyDefaultsModifier{}},
		NestedObject: schema.NestedBlockObject{
			Attributes: map[string]schema.Attribute{
				"capacity_provider": schema.StringAttribute{
					MarkdownDescription: descStrategyProvider,
					Required:            true,
					Validators:          []validator.String{validators.CapacityProviderName()},
				},
				"weight": schema.Int64Attribute{
					MarkdownDescription: descStrategyWeight,
					Optional:            true,
					Computed:            true,
					Validators:          []validator.Int64{validators.ReadableInt64(int64validator.Between(0, validators.MaxWeight))},
				},
				"base": schema.Int64Attribute{
					MarkdownDescription: descStrategyBase,
					Optional:            true,
					Computed:            true,
					Validators:          []validator.Int64{validators.ReadableInt64(int64validator.Between(0, validators.MaxBase))},
				},
			},
		},
	}
}

// strategyRules checks default_capacity_provider_strategy at plan time:
// the rules across items (validators.Strategy) and every item naming a
// provider of capacity_providers.
func strategyRules() resource.ConfigValidator {
	return validators.SetBlockRules("default_capacity_provider_strategy",
		validators.Strategy(),
		validators.StrategyProvidersAssociated(path.MatchRoot("capacity_providers")),
	)
}
