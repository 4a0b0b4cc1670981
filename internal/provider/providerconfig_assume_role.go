package provider

import (
	"context"
	"regexp"
	"sort"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials/stscreds"
	ststypes "github.com/aws/aws-sdk-go-v2/service/sts/types"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecsx/terraform-provider-ecsx/internal/attrvalue"
	"github.com/ecsx/terraform-provider-ecsx/internal/validators"
)

// policyARNPattern matches a managed IAM policy ARN.
var policyARNPattern = regexp.MustCompile(`^arn:aws[a-z-]*:iam::(\d{12}|aws):policy/[\w+=,.@/-]{1,512}$`)

// assumeRoleOptions maps the assume_role block onto stscreds' options.
func assumeRoleOptions(ctx context.Context, ar assumeRoleModel, diags *diag.Diagnostics) func(*stscreds.AssumeRoleOptions) {
	policyARNs := stringList(ctx, ar.PolicyARNs, diags)
	var transitive []string
	if !ar.TransitiveTagKeys.IsNull() && !ar.TransitiveTagKeys.IsUnknown() {
		diags.Append(ar.TransitiveTagKeys.ElementsAs(ctx, &transitive, false)...)
		sort.Strings(transitive)
	}
	tags := attrvalue.StringMap(ar.Tags)
	return func(o *stscreds.AssumeRoleOptions) {
		if v := ar.SessionName.ValueString(); v != "" {
			o.RoleSessionName = v
		}
		if v := ar.ExternalID.ValueString(); v != "" {
			o.ExternalID = aws.String(v)
		}
		if v := ar.Duration.ValueString(); v != "" {
			if d, err := time.ParseDuration(v); err == nil {
				o.Duration = d
			}
		}
		if v := ar.Policy.ValueString(); v != "" {
			o.Policy = aws.String(v)
		}
		for _, arn := range policyARNs {
			o.PolicyARNs = append(o.PolicyARNs, ststypes.PolicyDescriptorType{Arn: aws.String(arn)})
		}
		keys := make([]string, 0, len(tags))
		for k := range tags {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			o.Tags = append(o.Tags, ststypes.Tag{Key: aws.String(k), Value: aws.String(tags[k])})
		}
		o.TransitiveTagKeys = transitive
		if v := ar.SourceIdentity.ValueString(); v != "" {
			o.SourceIdentity = aws.String(v)
		}
	}
}

// roleARNValidators check a role_arn of assume_role and
// assume_role_with_web_identity.
func roleARNValidators() []validator.String {
	return []validator.String{
		stringvalidator.RegexMatches(roleARNPattern, "must be an IAM role ARN such as arn:aws:iam::123456789012:role/name"),
	}
}

// sessionNameValidators check a session name or source identity: STS's
// 2-64 characters of letters, digits and =,.@-_.
func sessionNameValidators() []validator.String {
	return []validator.String{
		stringvalidator.LengthBetween(2, 64),
		stringvalidator.RegexMatches(sessionNamePattern, "may contain only letters, digits and =,.@-_"),
	}
}

// sessionPolicyAttribute is the policy argument of both role blocks.
func sessionPolicyAttribute() schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: "IAM policy in JSON that further restricts the session's permissions (a session policy), at most 2048 characters.",
		Optional:            true,
		Validators:          []validator.String{stringvalidator.LengthBetween(1, 2048), validators.JSONObject()},
	}
}

// policyARNsAttribute is the policy_arns argument of both role blocks.
func policyARNsAttribute() schema.ListAttribute {
	return schema.ListAttribute{
		MarkdownDescription: "ARNs of up to 10 managed IAM policies that further restrict the session's permissions.",
		Optional:            true,
		ElementType:         types.StringType,
		Validators: []validator.List{
			listvalidator.SizeAtMost(10),
			listvalidator.ValueStringsAre(stringvalidator.RegexMatches(policyARNPattern, "must be an IAM policy ARN such as arn:aws:iam::aws:policy/ReadOnlyAccess")),
		},
	}
}

// assumeRoleBlock is the schema of the assume_role block.
func assumeRoleBlock() schema.Block {
	return schema.ListNestedBlock{
		MarkdownDescription: "IAM role to assume with STS `AssumeRole`, using the credentials found otherwise as the source. The role is assumed when the provider is configured, so a refused role fails the plan, and its credentials are refreshed before they expire.",
		Validators:          []validator.List{listvalidator.SizeAtMost(1)},
		NestedObject: schema.NestedBlockObject{
			Attributes: map[string]schema.Attribute{
				"role_arn": schema.StringAttribute{
					MarkdownDescription: "ARN of the role to assume, for example `arn:aws:iam::123456789012:role/deploy`.",
					Required:            true,
					Validators:          roleARNValidators(),
				},
				"session_name": schema.StringAttribute{
					MarkdownDescription: "Session name of the assumed role: 2-64 characters of letters, digits and `=,.@-_`. Defaults to a name chosen by the SDK.",
					Optional:            true,
					Validators:          sessionNameValidators(),
				},
				"external_id": schema.StringAttribute{
					MarkdownDescription: "External ID required by the role's trust policy: 2-1224 characters.",
					Optional:            true,
					Validators:          []validator.String{stringvalidator.LengthBetween(2, 1224)},
				},
				"duration": schema.StringAttribute{
					MarkdownDescription: "Lifetime of the assumed-role session as a Go duration between `15m` and `12h`, for example `1h`. Defaults to `15m`.",
					Optional:            true,
					Validators:          []validator.String{validators.DurationBetween(15*time.Minute, 12*time.Hour)},
				},
				"policy":      sessionPolicyAttribute(),
				"policy_arns": policyARNsAttribute(),
				"tags": schema.MapAttribute{
					MarkdownDescription: "Session tags, at most 50: keys 1-128 and values 0-256 characters.",
					Optional:            true,
					ElementType:         types.StringType,
					Validators:          []validator.Map{validators.SessionTags()},
				},
				"transitive_tag_keys": schema.SetAttribute{
					MarkdownDescription: "Keys of session tags that pass on to roles assumed from this session (role chaining); each must be a key of `tags`.",
					Optional:            true,
					ElementType:         types.StringType,
					Validators:          []validator.Set{setvalidator.SizeAtMost(50), setvalidator.ValueStringsAre(stringvalidator.LengthBetween(1, 128))},
				},
				"source_identity": schema.StringAttribute{
					MarkdownDescription: "Source identity of the session: 2-64 characters of letters, digits and `=,.@-_`.",
					Optional:            true,
					Validators:          sessionNameValidators(),
				},
			},
		},
	}
}
