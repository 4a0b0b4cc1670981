package attrvalue_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecsx/terraform-provider-ecsx/internal/attrvalue"
)

var objTypes = map[string]attr.Type{"s": types.StringType, "b": types.BoolType, "i": types.Int64Type}

func object(s types.String, b types.Bool, i types.Int64) types.Object {
	return types.ObjectValueMust(objTypes, map[string]attr.Value{"s": s, "b": b, "i": i})
}

func TestKnownAttrsAndTypedAccess(t *testing.T) {
	attrs, ok := attrvalue.KnownAttrs(object(types.StringValue("x"), types.BoolValue(true), types.Int64Value(7)))
	if !ok {
		t.Fatal("known object: not ok")
	}
	if got := attrvalue.String(attrs, "s"); !got.Equal(types.StringValue("x")) {
		t.Errorf("String = %s", got)
	}
	if got := attrvalue.Bool(attrs, "b"); !got.Equal(types.BoolValue(true)) {
		t.Errorf("Bool = %s", got)
	}
	if got := attrvalue.Int64(attrs, "i"); !got.Equal(types.Int64Value(7)) {
		t.Errorf("Int64 = %s", got)
	}
	// A missing attribute, or one of another type, reads as null.
	if got := attrvalue.String(attrs, "missing"); !got.IsNull() {
		t.Errorf("String(missing) = %s, want null", got)
	}
	if got := attrvalue.Int64(attrs, "s"); !got.IsNull() {
		t.Errorf("Int64(a string) = %s, want null", got)
	}
	if got := attrvalue.Bool(attrs, "i"); !got.IsNull() {
		t.Errorf("Bool(an integer) = %s, want null", got)
	}
	for name, v := range map[string]attr.Value{
		"null object":    types.ObjectNull(objTypes),
		"unknown object": types.ObjectUnknown(objTypes),
		"not an object":  types.StringValue("x"),
	} {
		if _, ok := attrvalue.KnownAttrs(v); ok {
			t.Errorf("KnownAttrs(%s): ok", name)
		}
	}
}

func TestSingleBlockAndBlockAbsent(t *testing.T) {
	elem := types.ObjectType{AttrTypes: objTypes}
	one := types.ListValueMust(elem, []attr.Value{object(types.StringValue("x"), types.BoolNull(), types.Int64Null())})
	empty := types.ListValueMust(elem, nil)
	unknownElem := types.ListValueMust(elem, []attr.Value{types.ObjectUnknown(objTypes)})
	tests := []struct {
		name        string
		v           attr.Value
		single      bool
		absent      bool
		firstString string
	}{
		{"one block", one, true, false, "x"},
		{"empty list", empty, false, true, ""},
		{"null list", types.ListNull(elem), false, true, ""},
		{"unknown list", types.ListUnknown(elem), false, false, ""},
		{"unknown element", unknownElem, false, false, ""},
		{"empty set", types.SetValueMust(elem, nil), false, true, ""},
		{"unknown set", types.SetUnknown(elem), false, false, ""},
		{"null string", types.StringNull(), false, true, ""},
		{"nil", nil, false, true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.v != nil {
				attrs, ok := attrvalue.SingleBlock(tt.v)
				if ok != tt.single {
					t.Errorf("SingleBlock ok = %v, want %v", ok, tt.single)
				}
				if ok && attrvalue.String(attrs, "s").ValueString() != tt.firstString {
					t.Errorf("SingleBlock s = %s, want %q", attrvalue.String(attrs, "s"), tt.firstString)
				}
			}
			if got := attrvalue.BlockAbsent(tt.v); got != tt.absent {
				t.Errorf("BlockAbsent = %v, want %v", got, tt.absent)
			}
		})
	}
}

func TestStringMap(t *testing.T) {
	m := types.MapValueMust(types.StringType, map[string]attr.Value{
		"a": types.StringValue("1"),
		"b": types.StringUnknown(),
		"c": types.StringNull(),
	})
	got := attrvalue.StringMap(m)
	if len(got) != 1 || got["a"] != "1" {
		t.Errorf("StringMap = %v, want map[a:1]", got)
	}
	if got := attrvalue.StringMap(types.MapUnknown(types.StringType)); got == nil || len(got) != 0 {
		t.Errorf("StringMap(unknown) = %#v, want an empty map", got)
	}
	if got := attrvalue.StringMap(types.MapNull(types.StringType)); got == nil || len(got) != 0 {
		t.Errorf("StringMap(null) = %#v, want an empty map", got)
	}
}
