package validators

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

var _ validator.Object = containerInsightsSettingValidator{}

// containerInsightsSettingValidator checks one cluster setting object.
type containerInsightsSettingValidator struct{}

// ContainerInsightsSetting returns a validator for a cluster setting object
// with the string attributes name and value: name must be containerInsights
// and value one of enabled, disabled or enhanced. Null and unknown objects and
// attributes are skipped.
func ContainerInsightsSetting() validator.Object {
	return containerInsightsSettingValidator{}
}

func (v containerInsightsSettingValidator) Description(_ context.Context) string {
	return fmt.Sprintf("name must be %s and value one of %s", ContainerInsightsSettingName, strings.Join(ContainerInsightsValues(), ", "))
}

func (v containerInsightsSettingValidator) MarkdownDescription(_ context.Context) string {
	return fmt.Sprintf("`name` must be `%s` and `value` one of `%s`.", ContainerInsightsSettingName, strings.Join(ContainerInsightsValues(), "`, `"))
}

func (v containerInsightsSettingValidator) ValidateObject(ctx context.Context, req validator.ObjectRequest, resp *validator.ObjectResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	attrs := req.ConfigValue.Attributes()
	if s, ok := attrString(ctx, attrs, "name"); ok {
		if name, known := knownString(s); known && name != ContainerInsightsSettingName {
			p := req.Path.AtName("name")
			addError(ctx, req.Config, &resp.Diagnostics, p, "Unsupported cluster setting",
				fmt.Sprintf("setting name %q is not supported; the only cluster setting is %q.", name, ContainerInsightsSettingName))
		}
	}
	if s, ok := attrString(ctx, attrs, "value"); ok {
		if value, known := knownString(s); known && !ValidContainerInsightsValue(value) {
			p := req.Path.AtName("value")
			addError(ctx, req.Config, &resp.Diagnostics, p, "Invalid containerInsights value",
				fmt.Sprintf("containerInsights value %q is not supported; it must be one of %s.", value, quoteJoin(ContainerInsightsValues())))
		}
	}
}

var _ validator.Set = uniqueSettingNamesValidator{}

// uniqueSettingNamesValidator checks that no setting name appears twice.
type uniqueSettingNamesValidator struct{}

// UniqueSettingNames returns a validator for a set of setting objects (with a
// string attribute name) that rejects a setting name given more than once,
// with different values. Unknown elements and names are skipped.
func UniqueSettingNames() validator.Set {
	return uniqueSettingNamesValidator{}
}

func (v uniqueSettingNamesValidator) Description(_ context.Context) string {
	return "each setting name may appear only once"
}

func (v uniqueSettingNamesValidator) MarkdownDescription(_ context.Context) string {
	return "Each setting `name` may appear only once."
}

func (v uniqueSettingNamesValidator) ValidateSet(ctx context.Context, req validator.SetRequest, resp *validator.SetResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	seen := map[string]bool{}
	for _, elem := range req.ConfigValue.Elements() {
		obj, ok := asObject(ctx, elem)
		if !ok || obj.IsNull() || obj.IsUnknown() {
			continue
		}
		s, ok := attrString(ctx, obj.Attributes(), "name")
		if !ok {
			continue
		}
		name, known := knownString(s)
		if !known {
			continue
		}
		if seen[name] {
			addError(ctx, req.Config, &resp.Diagnostics, req.Path, "Duplicate cluster setting",
				fmt.Sprintf("setting %q is given more than once with different values; each setting name may appear only once.", name))
			continue
		}
		seen[name] = true
	}
}
