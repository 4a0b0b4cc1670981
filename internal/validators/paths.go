package validators

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
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
	ctx := context.Background()
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
			truncated = true
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

// addError adds an error on p, or the nearest path Terraform can show, with
// a detail that starts by naming p.
func addError(diags interface {
	AddAttributeError(path.Path, string, string)
}, p path.Path, summary, detail string) {
	at, name := DiagnosticPath(p)
	diags.AddAttributeError(at, summary, fmt.Sprintf("Attribute %s: %s", name, detail))
}
