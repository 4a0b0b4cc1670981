package provider

import (
	"context"
	"fmt"
	"regexp"

	"github.com/ecsx/terraform-provider-ecsx/internal/validators"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// listConfig reads a list resource's configuration into cfg and compiles
// its name_regex (nil when unset). When it reports false, stream already
// carries the diagnostics: the configuration is unreadable, the regular
// expression invalid, or the provider not configured (what names the list
// resource).
func listConfig(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream, data *providerData, what string,
	cfg any, nameRegex func() types.String) (*regexp.Regexp, bool) {
	diags := req.Config.Get(ctx, cfg)
	if !diags.HasError() && data == nil {
		diags.AddError("Provider not configured",
			what+" was called before the provider was configured. This is a bug in the provider; please report it.")
	}
	var re *regexp.Regexp
	if !diags.HasError() {
		if v := nameRegex().ValueString(); v != "" {
			var err error
			if re, err = regexp.Compile(v); err != nil {
				diags.AddError("Invalid regular expression", "Attribute name_regex: "+err.Error())
			}
		}
	}
	if diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return nil, false
	}
	return re, true
}

// listNameRegexAttribute is a list resource's name_regex, over the names
// of the objects called what.
func listNameRegexAttribute(what string) listschema.StringAttribute {
	return listschema.StringAttribute{
		MarkdownDescription: "Regular expression ([RE2 syntax](https://github.com/google/re2/wiki/Syntax)) that the " + what + " names must match, for example `^prod-`. " +
			"It matches anywhere in the name unless anchored. Defaults to every " + what + ".",
		Optional:   true,
		Validators: []validator.String{validators.Regexp()},
	}
}

// listRegionAttribute is a list resource's region, whose objects (called
// what) are listed.
func listRegionAttribute(what string) listschema.StringAttribute {
	return listschema.StringAttribute{
		MarkdownDescription: "AWS region whose " + what + " are listed. Defaults to the provider's region.",
		Optional:            true,
		Validators: []validator.String{
			stringvalidator.RegexMatches(regionPattern, "must be an AWS region name such as eu-west-1"),
		},
	}
}

// listSink pushes the results of one List call, up to the request's limit.
type listSink struct {
	ctx  context.Context
	req  list.ListRequest
	push func(list.ListResult) bool
	sent int64
}

// emit pushes one result and reports whether to go on.
func (s *listSink) emit(r list.ListResult) bool {
	if !s.push(r) {
		return false
	}
	s.sent++
	return s.req.Limit <= 0 || s.sent < s.req.Limit
}

// fail pushes a result carrying an error, which ends the listing.
func (s *listSink) fail(summary, detail string) {
	r := s.req.NewListResult(s.ctx)
	r.Diagnostics.AddError(summary, detail)
	s.push(r)
}

// nullAttributes is an object of type typ with every attribute null, what
// an import starts from; typeName names the resource in the error of a
// schema that is not an object.
func nullAttributes(typ tftypes.Type, typeName string) (tftypes.Object, map[string]tftypes.Value, diag.Diagnostics) {
	var diags diag.Diagnostics
	obj, ok := typ.(tftypes.Object)
	if !ok {
		diags.AddError("Unexpected schema type", fmt.Sprintf("The %s schema is a %T, not an object. This is a bug in the provider; please report it.", typeName, typ))
		return tftypes.Object{}, nil, diags
	}
	vals := make(map[string]tftypes.Value, len(obj.AttributeTypes))
	for name, t := range obj.AttributeTypes {
		vals[name] = tftypes.NewValue(t, nil)
	}
	return obj, vals, diags
}
