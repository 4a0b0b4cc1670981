package provider

import (
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// emptyBlockList is the value of an absent list block: Terraform represents
// blocks that are not written as an empty collection.
func emptyBlockList(attrTypes map[string]attr.Type) types.List {
	return types.ListValueMust(types.ObjectType{AttrTypes: attrTypes}, []attr.Value{})
}

// emptyBlockSet is emptyBlockList for set blocks.
func emptyBlockSet(attrTypes map[string]attr.Type) types.Set {
	return types.SetValueMust(types.ObjectType{AttrTypes: attrTypes}, []attr.Value{})
}

// blockOf returns a list block holding the one object obj.
func blockOf(attrTypes map[string]attr.Type, obj map[string]attr.Value) (types.List, diag.Diagnostics) {
	o, diags := types.ObjectValue(attrTypes, obj)
	if diags.HasError() {
		return emptyBlockList(attrTypes), diags
	}
	l, d := types.ListValue(types.ObjectType{AttrTypes: attrTypes}, []attr.Value{o})
	diags.Append(d...)
	return l, diags
}

// stringOrNull maps an absent or empty API string to null.
func stringOrNull(s *string) types.String {
	if s == nil || *s == "" {
		return types.StringNull()
	}
	return types.StringValue(*s)
}

// stringPtrOrNil maps a null, unknown or empty value to an absent API string.
func stringPtrOrNil(v types.String) *string {
	if v.IsNull() || v.IsUnknown() || v.ValueString() == "" {
		return nil
	}
	return aws.String(v.ValueString())
}

// stringMapValue converts a Go map to a map of strings.
func stringMapValue(m map[string]string) (types.Map, diag.Diagnostics) {
	elems := make(map[string]attr.Value, len(m))
	for k, v := range m {
		elems[k] = types.StringValue(v)
	}
	return types.MapValue(types.StringType, elems)
}

// int32Of converts a known Int64 value; nil when null or unknown.
func int32Of(v types.Int64) *int32 {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	return aws.Int32(int32(v.ValueInt64()))
}

// int64Or returns v as an Int64 value, def when ECS left it out.
func int64Or(v *int32, def int64) types.Int64 {
	if v == nil {
		return types.Int64Value(def)
	}
	return types.Int64Value(int64(*v))
}

func first[T any](s []T) *T {
	if len(s) == 0 {
		return nil
	}
	return &s[0]
}

func boolPtrOrNil(v types.Bool) *bool {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	return aws.Bool(v.ValueBool())
}

func float64PtrOrNil(v types.Float64) *float64 {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	return aws.Float64(v.ValueFloat64())
}

func knownString(v types.String) string {
	if v.IsNull() || v.IsUnknown() {
		return ""
	}
	return v.ValueString()
}

// setStrings returns the known strings of a set, nil when null or unknown.
func setStrings(v types.Set) []string {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	out := make([]string, 0, len(v.Elements()))
	for _, e := range v.Elements() {
		if s, ok := e.(types.String); ok && !s.IsNull() && !s.IsUnknown() {
			out = append(out, s.ValueString())
		}
	}
	return out
}

func enumsOf[T ~string](v types.Set) []T {
	var out []T
	for _, s := range setStrings(v) {
		out = append(out, T(s))
	}
	return out
}

// keep reports whether an optional block belongs in the state.
func keep[T any](reported bool, prior []T, imported bool) bool {
	return reported && (imported || len(prior) > 0)
}

// optional returns the block when keep says so, an empty list otherwise.
func optional[T any](reported bool, prior []T, imported bool, build func() []T) []T {
	if keep(reported, prior, imported) {
		return build()
	}
	return []T{}
}

// setValue returns the strings as a set. An empty report keeps the prior
// value when that is null or empty, so that a left-out set stays null and
// an empty one stays empty.
func setValue(values []string, prior types.Set) types.Set {
	if len(values) == 0 && (prior.IsNull() || (!prior.IsUnknown() && len(prior.Elements()) == 0)) {
		if prior.IsNull() {
			return types.SetNull(types.StringType)
		}
		return types.SetValueMust(types.StringType, []attr.Value{})
	}
	elems := make([]attr.Value, 0, len(values))
	for _, v := range values {
		elems = append(elems, types.StringValue(v))
	}
	return types.SetValueMust(types.StringType, elems)
}

func enumSetValue[T ~string](values []T, prior types.Set) types.Set {
	s := make([]string, 0, len(values))
	for _, v := range values {
		s = append(s, string(v))
	}
	return setValue(s, prior)
}

func enumOrNull[T ~string](v T) types.String {
	if v == "" {
		return types.StringNull()
	}
	return types.StringValue(string(v))
}

func int64OrNull(v *int32) types.Int64 {
	if v == nil {
		return types.Int64Null()
	}
	return types.Int64Value(int64(*v))
}

func float64OrNull(v *float64) types.Float64 {
	if v == nil {
		return types.Float64Null()
	}
	return types.Float64Value(*v)
}

func boolOrNull(v *bool) types.Bool {
	if v == nil {
		return types.BoolNull()
	}
	return types.BoolValue(*v)
}

func boolOr(v *bool, def bool) types.Bool {
	if v == nil {
		return types.BoolValue(def)
	}
	return types.BoolValue(*v)
}

func itoa(v int64) string { return strconv.FormatInt(v, 10) }

// quoteList renders values as a Markdown list of code spans.
func quoteList(values []string) string {
	q := make([]string, len(values))
	for i, v := range values {
		q[i] = "`" + v + "`"
	}
	return strings.Join(q, ", ")
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
