package validators

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
)

// setElementKeys are the attributes that identify an element of a set of
// objects in messages, in order of preference.
var setElementKeys = []string{"capacity_provider", "name"}

// DiagnosticPath returns where a diagnostic about p can point, and how its
// message names p. Terraform cannot address an element of a set, so a path
// through a set element points at the set itself, and the message names the
// element by its identifying attribute: setting["containerInsights"].value
// instead of setting[Value({"name":...})].value.
func DiagnosticPath(p path.Path) (path.Path, string) {
	return LocatePath(context.Background(), tfsdk.Config{}, p)
}

// LocatePath is DiagnosticPath with the configuration at hand: a set block
// given once in config is addressed as its first block, so that Terraform
// shows the line of the attribute inside it (Terraform locates blocks by
// their position, and a set of one element has only one). A set of several
// elements cannot be placed: the path stops at the set, and Terraform shows
// the resource's first line, with the message naming the element.
func LocatePath(ctx context.Context, config tfsdk.Config, p path.Path) (path.Path, string) {
	out := path.Empty()
	var b strings.Builder
	truncated := false
	for _, step := range p.Steps() {
		switch s := step.(type) {
		case path.PathStepAttributeName:
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(string(s))
			if !truncated {
				out = out.AtName(string(s))
			}
		case path.PathStepElementKeyInt:
			fmt.Fprintf(&b, "[%d]", int64(s))
			if !truncated {
				out = out.AtListIndex(int(s))
			}
		case path.PathStepElementKeyString:
			fmt.Fprintf(&b, "[%q]", string(s))
			if !truncated {
				out = out.AtMapKey(string(s))
			}
		case path.PathStepElementKeyValue:
			b.WriteString(setElementLabel(ctx, s.Value))
			if !truncated && setLength(ctx, config, out) == 1 {
				out = out.AtListIndex(0)
			} else {
				truncated = true
			}
		default:
			b.WriteString(step.String())
		}
	}
	return out, b.String()
}

// setElementLabel renders a set element by its identifying attribute.
func setElementLabel(ctx context.Context, v attr.Value) string {
	if obj, ok := asObject(ctx, v); ok && !obj.IsNull() && !obj.IsUnknown() {
		for _, k := range setElementKeys {
			if s, ok := attrString(ctx, obj.Attributes(), k); ok {
				if name, known := knownString(s); known {
					return fmt.Sprintf("[%s = %q]", k, name)
				}
			}
		}
	}
	if s, ok := asString(ctx, v); ok {
		if name, known := knownString(s); known {
			return fmt.Sprintf("[%q]", name)
		}
	}
	return "[…]"
}

// setLength returns the number of elements of the set at p in config, or -1
// when config holds no such known set.
func setLength(ctx context.Context, config tfsdk.Config, p path.Path) int {
	if config.Raw.IsNull() || config.Schema == nil {
		return -1
	}
	var v attr.Value
	if diags := config.GetAttribute(ctx, p, &v); diags.HasError() || v == nil {
		return -1
	}
	sv, ok := v.(basetypes.SetValuable)
	if !ok {
		return -1
	}
	set, diags := sv.ToSetValue(ctx)
	if diags.HasError() || set.IsNull() || set.IsUnknown() {
		return -1
	}
	return len(set.Elements())
}

// addError adds an error on p, or the nearest path Terraform can show, with
// a detail that starts by naming p.
func addError(ctx context.Context, config tfsdk.Config, diags interface {
	AddAttributeError(path.Path, string, string)
}, p path.Path, summary, detail string) {
	at, name := LocatePath(ctx, config, p)
	diags.AddAttributeError(at, summary, fmt.Sprintf("Attribute %s: %s", name, detail))
}
