package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// accountIDsAttribute is the schema of allowed_account_ids and
// forbidden_account_ids, which conflict with each other.
func accountIDsAttribute(description, conflicting string) schema.SetAttribute {
	return schema.SetAttribute{
		MarkdownDescription: description,
		Optional:            true,
		ElementType:         types.StringType,
		Validators: []validator.Set{
			setvalidator.SizeAtLeast(1),
			setvalidator.ValueStringsAre(stringvalidator.RegexMatches(accountIDPattern, "must be a 12-digit AWS account ID")),
			setvalidator.ConflictsWith(path.MatchRoot(conflicting)),
		},
	}
}

// checkAccount refuses the account of the credentials, as answered by
// sts:GetCallerIdentity, when it is not allowed or forbidden. It runs while
// the provider is configured, so a refused account stops the run before any
// ECS call.
func checkAccount(out *sts.GetCallerIdentityOutput, allowed, forbidden []string) diag.Diagnostics {
	var diags diag.Diagnostics
	if len(allowed) == 0 && len(forbidden) == 0 {
		return diags
	}
	account := aws.ToString(out.Account)
	slices.Sort(allowed)
	slices.Sort(forbidden)
	switch {
	case len(allowed) > 0 && !slices.Contains(allowed, account):
		diags.AddAttributeError(path.Root("allowed_account_ids"), "AWS account not allowed",
			fmt.Sprintf("Attribute allowed_account_ids: the credentials (%s) belong to AWS account %s, which is not one of the allowed accounts %s. "+
				"Nothing was changed. Check the credentials, profile or role of the provider, or the list.",
				aws.ToString(out.Arn), account, strings.Join(allowed, ", ")))
	case slices.Contains(forbidden, account):
		diags.AddAttributeError(path.Root("forbidden_account_ids"), "AWS account forbidden",
			fmt.Sprintf("Attribute forbidden_account_ids: the credentials (%s) belong to AWS account %s, which is one of the forbidden accounts %s. "+
				"Nothing was changed. Check the credentials, profile or role of the provider, or the list.",
				aws.ToString(out.Arn), account, strings.Join(forbidden, ", ")))
	}
	return diags
}

// stringsOfSet converts a set of strings, skipping null and unknown sets.
func stringsOfSet(ctx context.Context, s types.Set, diags *diag.Diagnostics) []string {
	if s.IsNull() || s.IsUnknown() {
		return nil
	}
	var out []string
	diags.Append(s.ElementsAs(ctx, &out, false)...)
	return out
}
