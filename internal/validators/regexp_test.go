package validators_test

import (
	"context"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecsx/terraform-provider-ecsx/internal/validators"
)

func TestRegexp(t *testing.T) {
	t.Parallel()
	p := path.Root("name_regex")
	_, compileErr := regexp.Compile("(")
	tests := []struct {
		name  string
		value types.String
		want  []exactDiag
	}{
		{"null", types.StringNull(), nil},
		{"unknown", types.StringUnknown(), nil},
		{"valid", types.StringValue("^prod-"), nil},
		{"empty", types.StringValue(""), nil},
		{"invalid", types.StringValue("("), []exactDiag{{p, "Invalid regular expression",
			`"(" is not a valid regular expression: ` + compileErr.Error() + "."}}},
	}
	v := validators.Regexp()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			resp := &validator.StringResponse{}
			v.ValidateString(context.Background(), validator.StringRequest{Path: p, ConfigValue: tt.value}, resp)
			checkExact(t, resp.Diagnostics, tt.want)
		})
	}
	if got, want := v.MarkdownDescription(context.Background()), "Must be a valid regular expression ([RE2 syntax](https://github.com/google/re2/wiki/Syntax))."; got != want {
		t.Errorf("MarkdownDescription = %q, want %q", got, want)
	}
}
