package validators

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
)

var _ resource.ConfigValidator = setBlockRules{}

// SetBlockRules returns a resource validator that applies the set validators
// vs to the top-level set block name. Rules across the elements of a block
// belong here rather than in the block's Validators: the framework skips the
// validators of a block's attributes once a validator of the block itself has
// reported an error, so that a strategy with two bases would hide a weight
// out of range until the next plan. As a resource validator, the rule runs
// beside the attribute validators and every error is reported in one run.
func SetBlockRules(name string, vs ...validator.Set) resource.ConfigValidator {
	return setBlockRules{path: path.Root(name), validators: vs}
}

type setBlockRules struct {
	path       path.Path
	validators []validator.Set
}

func (v setBlockRules) Description(ctx context.Context) string {
	parts := make([]string, 0, len(v.validators))
	for _, sv := range v.validators {
		parts = append(parts, sv.Description(ctx))
	}
	return v.path.String() + ": " + strings.Join(parts, "; ")
}

func (v setBlockRules) MarkdownDescription(ctx context.Context) string {
	parts := make([]string, 0, len(v.validators))
	for _, sv := range v.validators {
		parts = append(parts, sv.MarkdownDescription(ctx))
	}
	return "`" + v.path.String() + "`: " + strings.Join(parts, " ")
}

func (v setBlockRules) ValidateResource(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var raw attr.Value
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, v.path, &raw)...)
	if resp.Diagnostics.HasError() || raw == nil {
		return
	}
	sv, ok := raw.(basetypes.SetValuable)
	if !ok {
		return
	}
	set, diags := sv.ToSetValue(ctx)
	resp.Diagnostics.Append(diags...)
	if diags.HasError() {
		return
	}
	for _, rule := range v.validators {
		setReq := validator.SetRequest{
			Path:           v.path,
			PathExpression: v.path.Expression(),
			Config:         req.Config,
			ConfigValue:    set,
		}
		setResp := &validator.SetResponse{}
		rule.ValidateSet(ctx, setReq, setResp)
		resp.Diagnostics.Append(setResp.Diagnostics...)
	}
}
