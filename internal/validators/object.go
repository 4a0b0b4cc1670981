package validators

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

var _ validator.Object = atLeastOneAttributeValidator{}

// AtLeastOneAttribute requires a non-null object to set at least one of the
// named attributes, so that an empty object is not sent (and then reported
// back as absent).
func AtLeastOneAttribute(names ...string) validator.Object {
	return atLeastOneAttributeValidator{names: names}
}

type atLeastOneAttributeValidator struct {
	names []string
}

func (v atLeastOneAttributeValidator) Description(_ context.Context) string {
	return "when set, at least one of " + strings.Join(v.names, ", ") + " must be set"
}

func (v atLeastOneAttributeValidator) MarkdownDescription(_ context.Context) string {
	quoted := make([]string, len(v.names))
	for i, n := range v.names {
		quoted[i] = "`" + n + "`"
	}
	return "when set, at least one of " + strings.Join(quoted, ", ") + " must be set"
}

func (v atLeastOneAttributeValidator) ValidateObject(_ context.Context, req validator.ObjectRequest, resp *validator.ObjectResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	attrs := req.ConfigValue.Attributes()
	for _, n := range v.names {
		if a, ok := attrs[n]; ok && !a.IsNull() {
			return
		}
	}
	resp.Diagnostics.AddAttributeError(req.Path, "Empty object",
		fmt.Sprintf("%s is empty: set at least one of %s, or remove %s.", req.Path, strings.Join(v.names, ", "), req.Path))
}
