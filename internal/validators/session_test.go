package validators_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecsx/terraform-provider-ecsx/internal/validators"
)

func TestJSONObject(t *testing.T) {
	t.Parallel()
	p := path.Root("assume_role").AtListIndex(0).AtName("policy")
	var obj map[string]any
	arrayErr := json.Unmarshal([]byte(`["s3:GetObject"]`), &obj)
	syntaxErr := json.Unmarshal([]byte(`{"Version":`), &obj)
	v := validators.JSONObject()
	runExactStringCases(t, v, p, []exactCase[types.String]{
		{"null", types.StringNull(), nil},
		{"unknown", types.StringUnknown(), nil},
		{"object", types.StringValue(`{"Version":"2012-10-17","Statement":[]}`), nil},
		{"array", types.StringValue(`["s3:GetObject"]`), []exactDiag{{p, "Invalid policy",
			"Attribute assume_role[0].policy: must be an IAM policy document in JSON (an object): " + arrayErr.Error()}}},
		{"not JSON", types.StringValue(`{"Version":`), []exactDiag{{p, "Invalid policy",
			"Attribute assume_role[0].policy: must be an IAM policy document in JSON (an object): " + syntaxErr.Error()}}},
	})
	if got := v.MarkdownDescription(context.Background()); got != "must be a JSON object" {
		t.Errorf("MarkdownDescription = %q", got)
	}
}

func TestSessionTags(t *testing.T) {
	t.Parallel()
	p := path.Root("assume_role").AtListIndex(0).AtName("session_tags")
	tags := func(n int, key func(int) string, value string) types.Map {
		m := map[string]attr.Value{}
		for i := range n {
			m[key(i)] = types.StringValue(value)
		}
		return types.MapValueMust(types.StringType, m)
	}
	numbered := func(i int) string { return fmt.Sprintf("k%02d", i) }
	v := validators.SessionTags()
	runExactCases(t, func(value types.Map) diag.Diagnostics {
		resp := &validator.MapResponse{}
		v.ValidateMap(context.Background(), validator.MapRequest{Path: p, ConfigValue: value}, resp)
		return resp.Diagnostics
	}, []exactCase[types.Map]{
		{"null", types.MapNull(types.StringType), nil},
		{"unknown", types.MapUnknown(types.StringType), nil},
		{"50 tags", tags(50, numbered, "v"), nil},
		{"51 tags", tags(51, numbered, "v"), []exactDiag{{p, "Too many session tags",
			"Attribute assume_role[0].session_tags: 51 session tags given; STS accepts at most 50."}}},
		{"empty key", tags(1, func(int) string { return "" }, "v"), []exactDiag{{p.AtMapKey(""), "Invalid session tag key",
			`Attribute assume_role[0].session_tags[""]: key "" must be 1-128 characters.`}}},
		{"long key", tags(1, func(int) string { return strings.Repeat("k", 129) }, "v"), []exactDiag{{p.AtMapKey(strings.Repeat("k", 129)), "Invalid session tag key",
			fmt.Sprintf(`Attribute assume_role[0].session_tags[%q]: key %q must be 1-128 characters.`, strings.Repeat("k", 129), strings.Repeat("k", 129))}}},
		{"long value", tags(1, func(int) string { return "team" }, strings.Repeat("v", 257)), []exactDiag{{p.AtMapKey("team"), "Invalid session tag value",
			`Attribute assume_role[0].session_tags["team"]: the value of "team" must be at most 256 characters.`}}},
		{"longest value", tags(1, func(int) string { return "team" }, strings.Repeat("v", 256)), nil},
	})
	if got := v.MarkdownDescription(context.Background()); got != "at most 50 tags, keys 1-128 and values 0-256 characters" {
		t.Errorf("MarkdownDescription = %q", got)
	}
}
