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
	validateThenCheckReserved(ctx, v.pattern, ReservedCapacityProviderPrefix, req, resp, "Reserved capacity provider name",
		"capacity provider name %q starts with the reserved prefix %q; only the built-in FARGATE and FARGATE_SPOT may start with aws, ecs or fargate (any case).")
}

// validateThenCheckReserved runs inner on a known value, then adds the error
// summary, with detail formatted from the value and the prefix, when
// reserved finds a reserved prefix at its start.
func validateThenCheckReserved(ctx context.Context, inner validator.String, reserved func(string) (string, bool),
	req validator.StringRequest, resp *validator.StringResponse, summary, detail string) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	inner.ValidateString(ctx, req, resp)
	value := req.ConfigValue.ValueString()
	if p, found := reserved(value); found {
		addError(ctx, req.Config, &resp.Diagnostics, req.Path, summary, fmt.Sprintf(detail, value, p))
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

var _ validator.String = capacityProviderNamePrefixValidator{}

// capacityProviderNamePrefixValidator checks a name prefix through NamePrefix
// and then the reserved prefixes of capacity provider names.
type capacityProviderNamePrefixValidator struct {
	prefix validator.String
}

// CapacityProviderNamePrefix returns a validator for the prefix of a
// generated capacity provider name: NamePrefix(suffixLen), and not starting
// with aws, ecs or fargate in any case, so that every name generated from it
// is a valid capacity provider name. Null and unknown values are skipped.
func CapacityProviderNamePrefix(suffixLen int) validator.String {
	return capacityProviderNamePrefixValidator{prefix: NamePrefix(suffixLen)}
}

func (v capacityProviderNamePrefixValidator) Description(ctx context.Context) string {
	return v.prefix.Description(ctx) + ", not starting with aws, ecs or fargate (any case)"
}

func (v capacityProviderNamePrefixValidator) MarkdownDescription(ctx context.Context) string {
	return v.prefix.MarkdownDescription(ctx) + ", not starting with `aws`, `ecs` or `fargate` in any case"
}

func (v capacityProviderNamePrefixValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	validateThenCheckReserved(ctx, v.prefix, ReservedCapacityProviderNamePrefix, req, resp, "Reserved capacity provider name prefix",
		"name_prefix %q starts with the reserved prefix %q: capacity provider names must not start with aws, ecs or fargate (any case), and every name generated from it would.")
}
