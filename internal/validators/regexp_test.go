package validators_test

import (
	"context"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecsx/terraform-provider-ecsx/internal/validators"
)

func TestRegexp(t *testing.T) {
	t.Parallel()
	p := path.Root("name_regex")
	_, compileErr := regexp.Compile("(") //nolint:staticcheck // an invalid expression on purpose
	v := validators.Regexp()
	runExactStringCases(t, v, p, []exactCase[types.String]{
		{"null", types.StringNull(), nil},
		{"unknown", types.StringUnknown(), nil},
		{"valid", types.StringValue("^prod-"), nil},
		{"empty", types.StringValue(""), nil},
		{"invalid", types.StringValue("("), []exactDiag{{p, "Invalid regular expression",
			`"(" is not a valid regular expression: ` + compileErr.Error() + "."}}},
	})
	if got, want := v.MarkdownDescription(context.Background()), "Must be a valid regular expression ([RE2 syntax](https://github.com/google/re2/wiki/Syntax))."; got != want {
		t.Errorf("MarkdownDescription = %q, want %q", got, want)
	}
}
