package validators

import (
	"context"
	"fmt"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
)

// strategyElement is one element of a strategy set as seen in configuration.
type strategyElement struct {
	value    attr.Value
	provider basetypes.StringValue
	weight   basetypes.Int64Value
	base     basetypes.Int64Value
}

// fullyKnown reports whether the element's provider, weight and base are all
// known. Null weight and base mean 0.
func (e strategyElement) fullyKnown() bool {
	return !e.provider.IsUnknown() && !e.weight.IsUnknown() && !e.base.IsUnknown()
}

// strategyElements returns the known, non-null object elements of set, with
// their capacity_provider, weight and base attributes. Elements of another
// type are left out.
func strategyElements(ctx context.Context, set basetypes.SetValue) []strategyElement {
	var out []strategyElement
	for _, elem := range set.Elements() {
		obj, ok := asObject(ctx, elem)
		if !ok || obj.IsNull() || obj.IsUnknown() {
			continue
		}
		attrs := obj.Attributes()
		e := strategyElement{value: elem}
		if e.provider, ok = attrString(ctx, attrs, "capacity_provider"); !ok {
			e.provider = basetypes.NewStringUnknown()
		}
		if e.weight, ok = attrInt64(ctx, attrs, "weight"); !ok {
			e.weight = basetypes.NewInt64Null()
		}
		if e.base, ok = attrInt64(ctx, attrs, "base"); !ok {
			e.base = basetypes.NewInt64Null()
		}
		out = append(out, e)
	}
	return out
}

// knownPositive reports whether v is known, not null and greater than zero.
func knownPositive(v basetypes.Int64Value) bool {
	return !v.IsNull() && !v.IsUnknown() && v.ValueInt64() > 0
}

var _ validator.Set = strategyValidator{}

// strategyValidator checks the cross-item rules of a capacity provider strategy.
type strategyValidator struct{}

// Strategy returns a validator for a capacity provider strategy, a set of
// objects {capacity_provider, weight, base}: at most MaxStrategyItems items;
// at most one item with base > 0; with more than one item, at least one
// weight > 0; no capacity provider twice. A null weight or base counts as 0.
// Each rule is skipped while it could still change once unknown values are
// known. Per-item ranges belong on the weight and base attributes
// (int64validator.Between(0, MaxWeight) and int64validator.Between(0, MaxBase)).
func Strategy() validator.Set {
	return strategyValidator{}
}

func (v strategyValidator) Description(_ context.Context) string {
	return fmt.Sprintf("at most %d items; each capacity provider at most once; at most one item with base greater than 0; with more than one item, at least one weight greater than 0", MaxStrategyItems)
}

func (v strategyValidator) MarkdownDescription(_ context.Context) string {
	return fmt.Sprintf("At most %d items. Each capacity provider may appear only once, at most one item may have a `base` greater than 0, and when there is more than one item at least one `weight` must be greater than 0.", MaxStrategyItems)
}

func (v strategyValidator) ValidateSet(ctx context.Context, req validator.SetRequest, resp *validator.SetResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	all := req.ConfigValue.Elements()
	elems := strategyElements(ctx, req.ConfigValue)

	// Fully known set elements are distinct, so their number is a lower bound
	// of the final item count.
	allKnown := len(elems) == len(all)
	known := 0
	for _, e := range elems {
		if e.fullyKnown() {
			known++
		} else {
			allKnown = false
		}
	}
	if known > MaxStrategyItems {
		addError(ctx, req.Config, &resp.Diagnostics, req.Path, "Too many capacity provider strategy items",
			msgStrategyTooLong(known))
	}

	// Duplicate capacity providers among fully known items.
	seen := map[string]bool{}
	for _, e := range elems {
		if !e.fullyKnown() || e.provider.IsNull() {
			continue
		}
		name := e.provider.ValueString()
		if seen[name] {
			p := req.Path.AtSetValue(e.value).AtName("capacity_provider")
			addError(ctx, req.Config, &resp.Diagnostics, p, "Duplicate capacity provider in strategy",
				msgStrategyDuplicate(name))
		}
		seen[name] = true
	}

	// At most one item with base > 0; known bases can only add to the count.
	var withBase []string
	for _, e := range elems {
		if knownPositive(e.base) {
			name := "(unknown)"
			if s, ok := knownString(e.provider); ok {
				name = s
			}
			withBase = append(withBase, name)
		}
	}
	if len(withBase) > 1 {
		sort.Strings(withBase)
		addError(ctx, req.Config, &resp.Diagnostics, req.Path, "More than one capacity provider with a base",
			msgStrategyBases(withBase))
	}

	// With more than one item, at least one weight > 0. Only decidable when
	// every item is known.
	if allKnown && len(elems) > 1 {
		anyWeight := false
		for _, e := range elems {
			if knownPositive(e.weight) {
				anyWeight = true
				break
			}
		}
		if !anyWeight {
			addError(ctx, req.Config, &resp.Diagnostics, req.Path, "No capacity provider with a weight",
				msgStrategyNoWeight(len(elems)))
		}
	}
}

var _ validator.Set = strategyProvidersAssociatedValidator{}

// strategyProvidersAssociatedValidator checks that every strategy item names a
// capacity provider from the set of strings at providers.
type strategyProvidersAssociatedValidator struct {
	providers path.Expression
}

// StrategyProvidersAssociated returns a validator for a capacity provider
// strategy set that requires every item's capacity_provider to be in the set
// (or list) of strings at providers. The expression is merged with the
// validated attribute's path expression, so it may be relative
// (path.MatchRelative().AtParent().AtName("capacity_providers")) or absolute
// (path.MatchRoot("capacity_providers")). A non-empty strategy with null or
// empty providers is a violation. Unknown providers, or unknown capacity
// providers in the strategy, are skipped.
func StrategyProvidersAssociated(providers path.Expression) validator.Set {
	return strategyProvidersAssociatedValidator{providers: providers}
}

func (v strategyProvidersAssociatedValidator) Description(_ context.Context) string {
	return fmt.Sprintf("every capacity_provider must also be listed in %s", v.providers)
}

func (v strategyProvidersAssociatedValidator) MarkdownDescription(_ context.Context) string {
	return fmt.Sprintf("Every `capacity_provider` must also be listed in `%s`.", v.providers)
}

func (v strategyProvidersAssociatedValidator) ValidateSet(ctx context.Context, req validator.SetRequest, resp *validator.SetResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() || len(req.ConfigValue.Elements()) == 0 {
		return
	}
	expr := req.PathExpression.Merge(v.providers)
	matched, diags := req.Config.PathMatches(ctx, expr)
	resp.Diagnostics.Append(diags...)
	if diags.HasError() {
		return
	}
	elems := strategyElements(ctx, req.ConfigValue)
	for _, mp := range matched {
		var raw attr.Value
		diags := req.Config.GetAttribute(ctx, mp, &raw)
		resp.Diagnostics.Append(diags...)
		if diags.HasError() || raw == nil || raw.IsUnknown() {
			continue
		}
		providers, ok := stringElements(ctx, raw)
		if !ok {
			// Not yet fully known, or not a collection of strings.
			continue
		}
		if len(providers) == 0 {
			state := "empty"
			if raw.IsNull() {
				state = "not set"
			}
			addError(ctx, req.Config, &resp.Diagnostics, req.Path, "Capacity provider strategy without capacity providers",
				fmt.Sprintf("%s %s is %s.", msgStrategyNoProviders(len(req.ConfigValue.Elements())), mp, state))
			continue
		}
		for _, e := range elems {
			name, known := knownString(e.provider)
			if !known || providers[name] {
				continue
			}
			p := req.Path.AtSetValue(e.value).AtName("capacity_provider")
			addError(ctx, req.Config, &resp.Diagnostics, p, "Capacity provider not associated with the cluster",
				fmt.Sprintf("%s Add it to %s or remove it from the strategy.", msgStrategyNotAssociated(name), mp))
		}
	}
}

// stringElements returns the known strings of a set or list value as a
// lookup table. A null collection gives an empty table; ok is false when the
// value is not a set or list of strings or has unknown elements.
func stringElements(ctx context.Context, v attr.Value) (map[string]bool, bool) {
	var elems []attr.Value
	switch c := v.(type) {
	case basetypes.SetValuable:
		s, diags := c.ToSetValue(ctx)
		if diags.HasError() {
			return nil, false
		}
		elems = s.Elements()
	case basetypes.ListValuable:
		l, diags := c.ToListValue(ctx)
		if diags.HasError() {
			return nil, false
		}
		elems = l.Elements()
	default:
		return nil, false
	}
	out := make(map[string]bool, len(elems))
	for _, elem := range elems {
		s, ok := asString(ctx, elem)
		if !ok || s.IsUnknown() {
			return nil, false
		}
		if !s.IsNull() {
			out[s.ValueString()] = true
		}
	}
	return out, true
}
