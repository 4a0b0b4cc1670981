package validators

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

var _ validator.String = durationValidator{}

// DurationBetween validates a Go duration string (such as "1h30m") within
// [minimum, maximum].
func DurationBetween(minimum, maximum time.Duration) validator.String {
	return durationValidator{min: minimum, max: maximum}
}

type durationValidator struct {
	min, max time.Duration
}

func (v durationValidator) Description(_ context.Context) string {
	return fmt.Sprintf("value must be a duration such as \"1h\" or \"90m\" between %s and %s", v.min, v.max)
}

func (v durationValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v durationValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	d, err := time.ParseDuration(req.ConfigValue.ValueString())
	if err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid duration",
			fmt.Sprintf("Attribute %s: %q is not a duration (%s). Write it as a number with a unit, such as \"1h\" or \"90m\".", req.Path, req.ConfigValue.ValueString(), err))
		return
	}
	if d < v.min || d > v.max {
		resp.Diagnostics.AddAttributeError(req.Path, "Duration out of range",
			fmt.Sprintf("Attribute %s must be between %s and %s, got %s.", req.Path, v.min, v.max, d))
	}
}
