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
			resp.Diagnostics.AddAttributeError(p, "Unsupported cluster setting",
				fmt.Sprintf("Attribute %s: setting name %q is not supported; the only cluster setting is %q.", p, name, ContainerInsightsSettingName))
		}
	}
	if s, ok := attrString(ctx, attrs, "value"); ok {
		if value, known := knownString(s); known && !ValidContainerInsightsValue(value) {
			p := req.Path.AtName("value")
			resp.Diagnostics.AddAttributeError(p, "Invalid containerInsights value",
				fmt.Sprintf("Attribute %s: containerInsights value %q is not supported; it must be one of %s.", p, value, quoteJoin(ContainerInsightsValues())))
		}
	}
}

var _ validator.List = uniqueSettingNamesValidator{}

// uniqueSettingNamesValidator checks that no setting name appears twice.
type uniqueSettingNamesValidator struct{}

// UniqueSettingNames returns a validator for a list of setting objects (with a
// string attribute name) that rejects a setting name given more than once.
// Unknown elements and names are skipped.
func UniqueSettingNames() validator.List {
	return uniqueSettingNamesValidator{}
}

func (v uniqueSettingNamesValidator) Description(_ context.Context) string {
	return "each setting name may appear only once"
}

func (v uniqueSettingNamesValidator) MarkdownDescription(_ context.Context) string {
	return "Each setting `name` may appear only once."
}

func (v uniqueSettingNamesValidator) ValidateList(ctx context.Context, req validator.ListRequest, resp *validator.ListResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	first := map[string]int{}
	for i, elem := range req.ConfigValue.Elements() {
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
		if j, dup := first[name]; dup {
			p := req.Path.AtListIndex(i).AtName("name")
			resp.Diagnostics.AddAttributeError(p, "Duplicate cluster setting",
				fmt.Sprintf("Attribute %s: setting %q is already given at index %d; each setting name may appear only once.", p, name, j))
			continue
		}
		first[name] = i
	}
}
