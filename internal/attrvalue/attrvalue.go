// Package attrvalue reads terraform-plugin-framework values of objects and
// blocks: the attributes of a known object, the one element of a block
// limited to one element, whether a block is written, typed attribute
// access and string maps. The provider's models and the schema validators
// share it.
package attrvalue

import (
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// KnownAttrs returns the attributes of a known, non-null object value.
func KnownAttrs(v attr.Value) (map[string]attr.Value, bool) {
	o, ok := v.(types.Object)
	if !ok || o.IsNull() || o.IsUnknown() {
		return nil, false
	}
	return o.Attributes(), true
}

// SingleBlock returns the attributes of the one element of a list block
// limited to one element, and false when the block is absent or unknown.
func SingleBlock(v attr.Value) (map[string]attr.Value, bool) {
	l, ok := v.(types.List)
	if !ok || l.IsNull() || l.IsUnknown() || len(l.Elements()) == 0 {
		return nil, false
	}
	return KnownAttrs(l.Elements()[0])
}

// BlockAbsent reports whether a list or set block is written nowhere: null,
// or no element.
func BlockAbsent(v attr.Value) bool {
	switch c := v.(type) {
	case types.List:
		return c.IsNull() || (!c.IsUnknown() && len(c.Elements()) == 0)
	case types.Set:
		return c.IsNull() || (!c.IsUnknown() && len(c.Elements()) == 0)
	}
	return v == nil || v.IsNull()
}

// String returns the string attribute name of attrs. A missing attribute or
// one of another type reads as null, as in Bool and Int64.
func String(attrs map[string]attr.Value, name string) types.String {
	if v, ok := attrs[name].(types.String); ok {
		return v
	}
	return types.StringNull()
}

// Bool returns the bool attribute name of attrs, null when missing.
func Bool(attrs map[string]attr.Value, name string) types.Bool {
	if v, ok := attrs[name].(types.Bool); ok {
		return v
	}
	return types.BoolNull()
}

// Int64 returns the integer attribute name of attrs, null when missing.
func Int64(attrs map[string]attr.Value, name string) types.Int64 {
	if v, ok := attrs[name].(types.Int64); ok {
		return v
	}
	return types.Int64Null()
}

// StringMap converts a map of strings; null, unknown and unknown elements
// are left out.
func StringMap(m types.Map) map[string]string {
	out := make(map[string]string, len(m.Elements()))
	if m.IsNull() || m.IsUnknown() {
		return out
	}
	for k, v := range m.Elements() {
		if s, ok := v.(types.String); ok && !s.IsNull() && !s.IsUnknown() {
			out[k] = s.ValueString()
		}
	}
	return out
}
