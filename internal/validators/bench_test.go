package validators_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecsx/terraform-provider-ecsx/internal/validators"
)

func fiftyTags() map[string]string {
	tags := make(map[string]string, validators.MaxTags)
	for i := range validators.MaxTags {
		tags[fmt.Sprintf("team:service/key-%02d", i)] = fmt.Sprintf("value with spaces and symbols _.:/=+-@ %02d", i)
	}
	return tags
}

func BenchmarkTags50(b *testing.B) {
	ctx := context.Background()
	v := validators.Tags()
	req := validator.MapRequest{Path: path.Root("tags"), ConfigValue: tagMap(fiftyTags())}
	b.ReportAllocs()
	for b.Loop() {
		resp := &validator.MapResponse{}
		v.ValidateMap(ctx, req, resp)
		if resp.Diagnostics.HasError() {
			b.Fatal(resp.Diagnostics)
		}
	}
}

func BenchmarkStrategy20(b *testing.B) {
	ctx := context.Background()
	v := validators.Strategy()
	items := make([]attr.Value, validators.MaxStrategyItems)
	for i := range items {
		items[i] = it(fmt.Sprintf("provider-%02d", i), int64(i%3), 0)
	}
	p := path.Root("default_capacity_provider_strategy")
	req := validator.SetRequest{Path: p, PathExpression: p.Expression(), ConfigValue: types.SetValueMust(strategyElemType, items)}
	b.ReportAllocs()
	for b.Loop() {
		resp := &validator.SetResponse{}
		v.ValidateSet(ctx, req, resp)
		if resp.Diagnostics.HasError() {
			b.Fatal(resp.Diagnostics)
		}
	}
}

func BenchmarkTagRuleViolations(b *testing.B) {
	tags := fiftyTags()
	b.ReportAllocs()
	for b.Loop() {
		if got := validators.TagRuleViolations(tags); got != nil {
			b.Fatal(got)
		}
	}
}
