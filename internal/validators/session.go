package validators

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/ecsx/terraform-provider-ecsx/internal/attrvalue"
)

var _ validator.String = jsonObjectValidator{}

// jsonObjectValidator requires a JSON object, as IAM policies are.
type jsonObjectValidator struct{}

// JSONObject requires a JSON object, such as an IAM policy document.
func JSONObject() validator.String { return jsonObjectValidator{} }

func (v jsonObjectValidator) Description(_ context.Context) string { return "must be a JSON object" }

func (v jsonObjectValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v jsonObjectValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	var obj map[string]any
	if err := json.Unmarshal([]byte(req.ConfigValue.ValueString()), &obj); err != nil {
		addError(ctx, req.Config, &resp.Diagnostics, req.Path, "Invalid policy", "must be an IAM policy document in JSON (an object): "+err.Error())
	}
}

var _ validator.Map = sessionTagsValidator{}

// sessionTagsValidator checks STS session tags: at most 50, keys 1-128 and
// values 0-256 characters.
type sessionTagsValidator struct{}

// SessionTags checks STS session tags: at most 50, keys 1-128 and values
// 0-256 characters.
func SessionTags() validator.Map { return sessionTagsValidator{} }

func (v sessionTagsValidator) Description(_ context.Context) string {
	return "at most 50 tags, keys 1-128 and values 0-256 characters"
}

func (v sessionTagsValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v sessionTagsValidator) ValidateMap(ctx context.Context, req validator.MapRequest, resp *validator.MapResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	tags := attrvalue.StringMap(req.ConfigValue)
	if len(req.ConfigValue.Elements()) > 50 {
		addError(ctx, req.Config, &resp.Diagnostics, req.Path, "Too many session tags", fmt.Sprintf("%d session tags given; STS accepts at most 50.", len(req.ConfigValue.Elements())))
	}
	for k, val := range tags {
		if len(k) < 1 || len(k) > 128 {
			addError(ctx, req.Config, &resp.Diagnostics, req.Path.AtMapKey(k), "Invalid session tag key", fmt.Sprintf("key %q must be 1-128 characters.", k))
		}
		if len(val) > 256 {
			addError(ctx, req.Config, &resp.Diagnostics, req.Path.AtMapKey(k), "Invalid session tag value", fmt.Sprintf("the value of %q must be at most 256 characters.", k))
		}
	}
}
