package validators_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecsx/terraform-provider-ecsx/internal/validators"
)

func tagMap(kv map[string]string) types.Map {
	elems := make(map[string]attr.Value, len(kv))
	for k, v := range kv {
		elems[k] = types.StringValue(v)
	}
	return types.MapValueMust(types.StringType, elems)
}

func TestTags(t *testing.T) {
	t.Parallel()
	root := path.Root("tags")
	fiftyOne := map[string]string{}
	for i := range 51 {
		fiftyOne[fmt.Sprintf("k%02d", i)] = "v"
	}
	fifty := map[string]string{}
	for i := range 50 {
		fifty[fmt.Sprintf("k%02d", i)] = "v"
	}
	tests := []struct {
		name  string
		value types.Map
		want  []wantDiag
	}{
		{"null", types.MapNull(types.StringType), nil},
		{"unknown", types.MapUnknown(types.StringType), nil},
		{"empty", tagMap(nil), nil},
		{"valid", tagMap(map[string]string{"Name": "web", "env": "", "Größe": "groß 1"}), nil},
		{"fifty", tagMap(fifty), nil},
		{"fifty-one", tagMap(fiftyOne), []wantDiag{{root, "51 tags given; at most 50 tags are allowed"}}},
		{"reserved key", tagMap(map[string]string{"aws:foo": "v"}), []wantDiag{
			{root.AtMapKey("aws:foo"), `Tag key "aws:foo" uses the reserved prefix "aws:"; AWS reserves it for its own tags.`},
		}},
		{"reserved key upper case", tagMap(map[string]string{"AWS:Foo": "v"}), []wantDiag{{root.AtMapKey("AWS:Foo"), "reserved prefix"}}},
		{"reserved value", tagMap(map[string]string{"k": "Aws:bar"}), []wantDiag{{root.AtMapKey("k"), `Value "Aws:bar" of tag "k" uses the reserved prefix "aws:"`}}},
		{"empty key", tagMap(map[string]string{"": "v"}), []wantDiag{{root.AtMapKey(""), "a tag key must be 1 to 128 characters long"}}},
		{"long key", tagMap(map[string]string{strings.Repeat("k", 129): "v"}), []wantDiag{{root.AtMapKey(strings.Repeat("k", 129)), "is 129 characters long"}}},
		{"long value", tagMap(map[string]string{"k": strings.Repeat("v", 257)}), []wantDiag{{root.AtMapKey("k"), "a tag value must be at most 256 characters long"}}},
		{"bad key chars", tagMap(map[string]string{"a#b": "v"}), []wantDiag{{root.AtMapKey("a#b"), "outside the allowed set"}}},
		{"bad value chars", tagMap(map[string]string{"k": "a\tb"}), []wantDiag{{root.AtMapKey("k"), "outside the allowed set"}}},
		{"sorted by key", tagMap(map[string]string{"z#": "", "aws:a": ""}), []wantDiag{
			{root.AtMapKey("aws:a"), "reserved prefix"},
			{root.AtMapKey("z#"), "outside the allowed set"},
		}},
		{"unknown value skipped", types.MapValueMust(types.StringType, map[string]attr.Value{
			"k": types.StringUnknown(), "aws:x": types.StringUnknown(),
		}), []wantDiag{{root.AtMapKey("aws:x"), "reserved prefix"}}},
		{"null value skipped", types.MapValueMust(types.StringType, map[string]attr.Value{"k": types.StringNull()}), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			resp := &validator.MapResponse{}
			validators.Tags().ValidateMap(context.Background(), validator.MapRequest{Path: root, ConfigValue: tt.value}, resp)
			checkDiags(t, resp.Diagnostics, tt.want)
		})
	}
}

func TestTagsWrongElementType(t *testing.T) {
	t.Parallel()
	v := types.MapValueMust(types.Int64Type, map[string]attr.Value{"aws:k": types.Int64Value(1), "k": types.Int64Value(2)})
	resp := &validator.MapResponse{}
	validators.Tags().ValidateMap(context.Background(), validator.MapRequest{Path: path.Root("tags"), ConfigValue: v}, resp)
	checkDiags(t, resp.Diagnostics, []wantDiag{{path.Root("tags").AtMapKey("aws:k"), "reserved prefix"}})
}
