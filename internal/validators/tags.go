package validators

import (
	"context"
	"fmt"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

var _ validator.Map = tagsValidator{}

// tagsValidator checks a map of string tags against the ECS tag rules.
type tagsValidator struct{}

// Tags returns a validator for a map of string tags: at most MaxTags entries;
// keys 1 to 128 and values 0 to 256 characters of letters, numbers, spaces
// and _ . : / = + - @; the aws: prefix (any case) is reserved in keys and
// values. Unknown values are skipped; when the map is unknown or null nothing
// is checked.
func Tags() validator.Map {
	return tagsValidator{}
}

func (v tagsValidator) Description(_ context.Context) string {
	return fmt.Sprintf("at most %d tags; keys are 1-%d and values 0-%d characters of letters, numbers, spaces and _ . : / = + - @; keys and values must not start with %q (any case)",
		MaxTags, MaxTagKeyLength, MaxTagValueLength, ReservedTagPrefix)
}

func (v tagsValidator) MarkdownDescription(_ context.Context) string {
	return fmt.Sprintf("At most %d tags. Keys are 1-%d and values 0-%d characters of letters, numbers, spaces and `_ . : / = + - @`. Keys and values must not start with `%s` in any case; AWS reserves that prefix.",
		MaxTags, MaxTagKeyLength, MaxTagValueLength, ReservedTagPrefix)
}

func (v tagsValidator) ValidateMap(ctx context.Context, req validator.MapRequest, resp *validator.MapResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	elems := req.ConfigValue.Elements()
	if msg := CheckTagCount(len(elems)); msg != "" {
		addError(ctx, req.Config, &resp.Diagnostics, req.Path, "Too many tags", msg)
	}
	keys := make([]string, 0, len(elems))
	for k := range elems {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		p := req.Path.AtMapKey(k)
		for _, msg := range CheckTagKey(k) {
			addError(ctx, req.Config, &resp.Diagnostics, p, "Invalid tag key", msg)
		}
		s, ok := asString(ctx, elems[k])
		if !ok {
			continue
		}
		value, ok := knownString(s)
		if !ok {
			continue
		}
		for _, msg := range CheckTagValue(k, value) {
			addError(ctx, req.Config, &resp.Diagnostics, p, "Invalid tag value", msg)
		}
	}
}
