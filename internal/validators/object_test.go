package validators_test

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecsx/terraform-provider-ecsx/internal/validators"
)

func TestAtLeastOneAttribute(t *testing.T) {
	t.Parallel()
	p := path.Root("configuration").AtListIndex(0)
	attrTypes := map[string]attr.Type{"a": types.StringType, "b": types.StringType, "c": types.StringType}
	obj := func(a, b, c types.String) types.Object {
		return types.ObjectValueMust(attrTypes, map[string]attr.Value{"a": a, "b": b, "c": c})
	}
	null := types.StringNull()
	v := validators.AtLeastOneAttribute("a", "b")
	runObjectCases(t, v, p, []exactCase[types.Object]{
		{"null", types.ObjectNull(attrTypes), nil},
		{"unknown", types.ObjectUnknown(attrTypes), nil},
		{"first set", obj(types.StringValue("x"), null, null), nil},
		{"second unknown", obj(null, types.StringUnknown(), null), nil},
		{"only another", obj(null, null, types.StringValue("x")), []exactDiag{{p, "Empty object",
			"configuration[0] is empty: set at least one of a, b, or remove configuration[0]."}}},
		{"empty", obj(null, null, null), []exactDiag{{p, "Empty object",
			"configuration[0] is empty: set at least one of a, b, or remove configuration[0]."}}},
	})
	if got, want := v.MarkdownDescription(context.Background()), "when set, at least one of `a`, `b` must be set"; got != want {
		t.Errorf("MarkdownDescription = %q, want %q", got, want)
	}
}
