package validators

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
)

// ReadableString wraps a validator of an attribute inside a block (such as
// stringvalidator.OneOf) so that its diagnostics name the attribute as ecsx's
// own rules do and point where Terraform can show them: a set element is
// named by its identifying attribute (setting[name = "containerInsights"].value)
// instead of the framework's rendering of the whole element
// (setting[Value({...})].value), and the diagnostic is placed as LocatePath
// places it.
func ReadableString(v validator.String) validator.String {
	return readableString{inner: v}
}

// ReadableInt64 is ReadableString for validators of Int64 attributes, such
// as int64validator.Between:
// default_capacity_provider_strategy[capacity_provider = "x"].weight: must be
// between 0 and 1000, got 2000.
func ReadableInt64(v validator.Int64) validator.Int64 {
	return readableInt64{inner: v}
}

type readableString struct{ inner validator.String }

func (v readableString) Description(ctx context.Context) string { return v.inner.Description(ctx) }

func (v readableString) MarkdownDescription(ctx context.Context) string {
	return v.inner.MarkdownDescription(ctx)
}

func (v readableString) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	inner := &validator.StringResponse{}
	v.inner.ValidateString(ctx, req, inner)
	resp.Diagnostics.Append(readableDiagnostics(ctx, req.Config, req.Path, inner.Diagnostics)...)
}

type readableInt64 struct{ inner validator.Int64 }

func (v readableInt64) Description(ctx context.Context) string { return v.inner.Description(ctx) }

func (v readableInt64) MarkdownDescription(ctx context.Context) string {
	return v.inner.MarkdownDescription(ctx)
}

func (v readableInt64) ValidateInt64(ctx context.Context, req validator.Int64Request, resp *validator.Int64Response) {
	inner := &validator.Int64Response{}
	v.inner.ValidateInt64(ctx, req, inner)
	resp.Diagnostics.Append(readableDiagnostics(ctx, req.Config, req.Path, inner.Diagnostics)...)
}

// readableDiagnostics rewrites the diagnostics that a validator of the
// attribute at p reported on p: the detail names p as LocatePath does, in
// the form "Attribute <name>: <rule>, got <value>.", and the diagnostic
// points at LocatePath's path. Other diagnostics pass unchanged.
func readableDiagnostics(ctx context.Context, config tfsdk.Config, p path.Path, in diag.Diagnostics) diag.Diagnostics {
	var out diag.Diagnostics
	for _, d := range in {
		wp, ok := d.(diag.DiagnosticWithPath)
		if !ok || !wp.Path().Equal(p) {
			out.Append(d)
			continue
		}
		at, name := LocatePath(ctx, config, p)
		detail := "Attribute " + name + ": " + readableRule(d.Detail(), p)
		if d.Severity() == diag.SeverityWarning {
			out.AddAttributeWarning(at, d.Summary(), detail)
		} else {
			out.AddAttributeError(at, d.Summary(), detail)
		}
	}
	return out
}

// readableRule turns the detail of a framework-validators diagnostic,
// "Attribute <path> value must be ..., got: <value>", into "must be ...,
// got <value>." (the rule and the value, without the path).
func readableRule(detail string, p path.Path) string {
	rule := strings.TrimPrefix(detail, "Attribute "+p.String()+" ")
	rule = strings.TrimPrefix(rule, "value ")
	rule = strings.Replace(rule, ", got: ", ", got ", 1)
	if !strings.HasSuffix(rule, ".") {
		rule += "."
	}
	return rule
}
