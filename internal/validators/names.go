package validators

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

const nameCharsDescription = "letters, digits, hyphens (-) and underscores (_)"

// ClusterName returns a validator for a cluster name: 1 to 255 characters of
// letters, digits, hyphens and underscores. Null and unknown values are
// skipped.
func ClusterName() validator.String {
	return stringvalidator.RegexMatches(namePattern, fmt.Sprintf("must be 1 to %d characters of %s", MaxNameLength, nameCharsDescription))
}

// NamePrefix returns a validator for a name prefix that receives a generated
// suffix of suffixLen characters: letters, digits, hyphens and underscores,
// at most 255-suffixLen characters. Null and unknown values are skipped.
func NamePrefix(suffixLen int) validator.String {
	n := MaxNamePrefixLength(suffixLen)
	return stringvalidator.RegexMatches(
		regexp.MustCompile(fmt.Sprintf(`^[A-Za-z0-9_-]{0,%d}$`, n)),
		fmt.Sprintf("must be at most %d characters of %s (a %d-character suffix is appended to form a name of at most %d characters)", n, nameCharsDescription, MaxNameLength-n, MaxNameLength),
	)
}

var _ validator.String = capacityProviderNameValidator{}

// capacityProviderNameValidator checks the name pattern through
// framework-validators and then the reserved prefixes.
type capacityProviderNameValidator struct {
	pattern validator.String
}

// CapacityProviderName returns a validator for a capacity provider name:
// 1 to 255 characters of letters, digits, hyphens and underscores. FARGATE
// and FARGATE_SPOT are allowed; other names must not start with aws, ecs or
// fargate in any case. Null and unknown values are skipped.
func CapacityProviderName() validator.String {
	return capacityProviderNameValidator{
		pattern: stringvalidator.RegexMatches(namePattern, fmt.Sprintf("must be 1 to %d characters of %s", MaxNameLength, nameCharsDescription)),
	}
}

func (v capacityProviderNameValidator) Description(_ context.Context) string {
	return fmt.Sprintf("must be FARGATE, FARGATE_SPOT, or 1 to %d characters of %s not starting with aws, ecs or fargate (any case)", MaxNameLength, nameCharsDescription)
}

func (v capacityProviderNameValidator) MarkdownDescription(_ context.Context) string {
	return fmt.Sprintf("Must be `FARGATE`, `FARGATE_SPOT`, or 1 to %d characters of %s that do not start with `aws`, `ecs` or `fargate` in any case.", MaxNameLength, nameCharsDescription)
}

func (v capacityProviderNameValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	v.pattern.ValidateString(ctx, req, resp)
	name := req.ConfigValue.ValueString()
	if p, reserved := ReservedCapacityProviderPrefix(name); reserved {
		addError(ctx, req.Config, &resp.Diagnostics, req.Path, "Reserved capacity provider name",
			fmt.Sprintf("capacity provider name %q starts with the reserved prefix %q; only the built-in FARGATE and FARGATE_SPOT may start with aws, ecs or fargate (any case).", name, p))
	}
}

var _ validator.String = nameMatchesPrefixValidator{}

// nameMatchesPrefixValidator accepts name together with name_prefix when the
// name begins with the prefix, as configuration generated from an imported
// cluster writes both.
type nameMatchesPrefixValidator struct{}

// NameMatchesPrefix requires a name set together with name_prefix to
// begin with the prefix.
func NameMatchesPrefix() validator.String { return nameMatchesPrefixValidator{} }

func (v nameMatchesPrefixValidator) Description(_ context.Context) string {
	return "with name_prefix, the name must begin with the prefix"
}

func (v nameMatchesPrefixValidator) MarkdownDescription(_ context.Context) string {
	return "With `name_prefix`, the name must begin with the prefix."
}

func (v nameMatchesPrefixValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	var prefix types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("name_prefix"), &prefix)...)
	if prefix.IsNull() || prefix.IsUnknown() || strings.HasPrefix(req.ConfigValue.ValueString(), prefix.ValueString()) {
		return
	}
	addError(ctx, req.Config, &resp.Diagnostics, req.Path, "Name does not begin with name_prefix",
		fmt.Sprintf("name %q and name_prefix %q are both set, but the name does not begin with the prefix. Set one of them, or a name that begins with the prefix.",
			req.ConfigValue.ValueString(), prefix.ValueString()))
}
