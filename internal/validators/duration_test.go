package validators_test

import (
	"context"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecsx/terraform-provider-ecsx/internal/validators"
)

func TestDurationBetween(t *testing.T) {
	t.Parallel()
	p := path.Root("duration")
	_, parseErr := time.ParseDuration("soon")
	v := validators.DurationBetween(15*time.Minute, 12*time.Hour)
	runExactStringCases(t, v, p, []exactCase[types.String]{
		{"null", types.StringNull(), nil},
		{"unknown", types.StringUnknown(), nil},
		{"within", types.StringValue("1h"), nil},
		{"lower bound", types.StringValue("15m"), nil},
		{"upper bound", types.StringValue("12h"), nil},
		{"not a duration", types.StringValue("soon"), []exactDiag{{p, "Invalid duration",
			`Attribute duration: "soon" is not a duration (` + parseErr.Error() + `). Write it as a number with a unit, such as "1h" or "90m".`}}},
		{"too short", types.StringValue("5m"), []exactDiag{{p, "Duration out of range",
			"Attribute duration must be between 15m0s and 12h0m0s, got 5m0s."}}},
		{"too long", types.StringValue("13h"), []exactDiag{{p, "Duration out of range",
			"Attribute duration must be between 15m0s and 12h0m0s, got 13h0m0s."}}},
	})
	if got, want := v.MarkdownDescription(context.Background()), `value must be a duration such as "1h" or "90m" between 15m0s and 12h0m0s`; got != want {
		t.Errorf("MarkdownDescription = %q, want %q", got, want)
	}
}
