package validators

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

var _ validator.String = namespaceValidator{}

// namespaceValidator checks a Service Connect namespace given by name or ARN.
type namespaceValidator struct{}

// Namespace returns a validator for a Service Connect default namespace:
// either a Cloud Map namespace ARN
// (arn:<partition>:servicediscovery:<region>:<account>:namespace/ns-<id>) or a
// namespace name of 1 to 1024 characters containing none of > < " /. Null
// and unknown values are skipped.
func Namespace() validator.String {
	return namespaceValidator{}
}

func (v namespaceValidator) Description(_ context.Context) string {
	return fmt.Sprintf(`must be a Cloud Map namespace ARN (arn:<partition>:servicediscovery:<region>:<account>:namespace/ns-<id>) or a namespace name of 1 to %d characters without > < " or /`, MaxNamespaceNameLength)
}

func (v namespaceValidator) MarkdownDescription(_ context.Context) string {
	return fmt.Sprintf("Must be a Cloud Map namespace ARN (`arn:<partition>:servicediscovery:<region>:<account>:namespace/ns-<id>`) or a namespace name of 1 to %d characters without `>`, `<`, `\"` or `/`.", MaxNamespaceNameLength)
}

func (v namespaceValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if msg := CheckNamespace(req.ConfigValue.ValueString()); msg != "" {
		addError(ctx, req.Config, &resp.Diagnostics, req.Path, "Invalid Service Connect namespace", msg)
	}
}
