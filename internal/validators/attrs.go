package validators

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
)

// asString converts v to a string value. ok is false when v is not a string.
func asString(ctx context.Context, v attr.Value) (basetypes.StringValue, bool) {
	sv, ok := v.(basetypes.StringValuable)
	if !ok {
		return basetypes.StringValue{}, false
	}
	s, diags := sv.ToStringValue(ctx)
	return s, !diags.HasError()
}

// asBool converts v to a bool value. ok is false when v is not a bool.
func asBool(ctx context.Context, v attr.Value) (basetypes.BoolValue, bool) {
	bv, ok := v.(basetypes.BoolValuable)
	if !ok {
		return basetypes.BoolValue{}, false
	}
	b, diags := bv.ToBoolValue(ctx)
	return b, !diags.HasError()
}

// asInt64 converts v, an Int64 or Int32 value, to an int64 value. ok is false
// for any other type.
func asInt64(ctx context.Context, v attr.Value) (basetypes.Int64Value, bool) {
	switch iv := v.(type) {
	case basetypes.Int64Valuable:
		i, diags := iv.ToInt64Value(ctx)
		return i, !diags.HasError()
	case basetypes.Int32Valuable:
		i, diags := iv.ToInt32Value(ctx)
		if diags.HasError() {
			return basetypes.Int64Value{}, false
		}
		switch {
		case i.IsNull():
			return basetypes.NewInt64Null(), true
		case i.IsUnknown():
			return basetypes.NewInt64Unknown(), true
		}
		return basetypes.NewInt64Value(int64(i.ValueInt32())), true
	}
	return basetypes.Int64Value{}, false
}

// asObject converts v to an object value. ok is false when v is not an object.
func asObject(ctx context.Context, v attr.Value) (basetypes.ObjectValue, bool) {
	ov, ok := v.(basetypes.ObjectValuable)
	if !ok {
		return basetypes.ObjectValue{}, false
	}
	o, diags := ov.ToObjectValue(ctx)
	return o, !diags.HasError()
}

// attrString returns the string attribute name of attrs; a missing attribute
// or one of another type gives ok == false.
func attrString(ctx context.Context, attrs map[string]attr.Value, name string) (basetypes.StringValue, bool) {
	v, ok := attrs[name]
	if !ok || v == nil {
		return basetypes.StringValue{}, false
	}
	return asString(ctx, v)
}

// attrBool returns the bool attribute name of attrs.
func attrBool(ctx context.Context, attrs map[string]attr.Value, name string) (basetypes.BoolValue, bool) {
	v, ok := attrs[name]
	if !ok || v == nil {
		return basetypes.BoolValue{}, false
	}
	return asBool(ctx, v)
}

// attrInt64 returns the integer attribute name of attrs.
func attrInt64(ctx context.Context, attrs map[string]attr.Value, name string) (basetypes.Int64Value, bool) {
	v, ok := attrs[name]
	if !ok || v == nil {
		return basetypes.Int64Value{}, false
	}
	return asInt64(ctx, v)
}

// attrObject returns the object attribute name of attrs. A nested block
// limited to one element (a list of at most one object) reads as that object,
// or as a null object when the list is empty or null; an unknown list reads
// as an unknown object.
func attrObject(ctx context.Context, attrs map[string]attr.Value, name string) (basetypes.ObjectValue, bool) {
	v, ok := attrs[name]
	if !ok || v == nil {
		return basetypes.ObjectValue{}, false
	}
	if l, isList := v.(basetypes.ListValuable); isList {
		lv, diags := l.ToListValue(ctx)
		if diags.HasError() {
			return basetypes.ObjectValue{}, false
		}
		objType, isObj := lv.ElementType(ctx).(basetypes.ObjectType)
		if !isObj {
			return basetypes.ObjectValue{}, false
		}
		switch {
		case lv.IsUnknown():
			return basetypes.NewObjectUnknown(objType.AttrTypes), true
		case lv.IsNull() || len(lv.Elements()) == 0:
			return basetypes.NewObjectNull(objType.AttrTypes), true
		}
		return asObject(ctx, lv.Elements()[0])
	}
	return asObject(ctx, v)
}

// knownString returns the string and true when s is known and not null.
func knownString(s basetypes.StringValue) (string, bool) {
	if s.IsNull() || s.IsUnknown() {
		return "", false
	}
	return s.ValueString(), true
}
