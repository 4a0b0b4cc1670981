package provider

import (
	"context"
	"fmt"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

var _ validator.String = regexpValidator{}

// regexpValidator checks that a string is a valid RE2 regular expression.
// Null and unknown values are skipped.
type regexpValidator struct{}

func (v regexpValidator) Description(_ context.Context) string {
	return "must be a valid regular expression (RE2 syntax)"
}

func (v regexpValidator) MarkdownDescription(_ context.Context) string {
	return "Must be a valid regular expression ([RE2 syntax](https://github.com/google/re2/wiki/Syntax))."
}

func (v regexpValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if _, err := regexp.Compile(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid regular expression",
			fmt.Sprintf("%q is not a valid regular expression: %s.", req.ConfigValue.ValueString(), err))
	}
}
