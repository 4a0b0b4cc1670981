package provider

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials/stscreds"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	ststypes "github.com/aws/aws-sdk-go-v2/service/sts/types"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecsx/terraform-provider-ecsx/internal/validators"
)

// Environment variables of the SDK's web identity credentials, which the
// assume_role_with_web_identity block falls back to, as hashicorp/aws does.
const (
	envRoleARN              = "AWS_ROLE_ARN"
	envRoleSessionName      = "AWS_ROLE_SESSION_NAME"
	envWebIdentityTokenFile = "AWS_WEB_IDENTITY_TOKEN_FILE"
)

// webIdentityModel is the provider's assume_role_with_web_identity block.
type webIdentityModel struct {
	RoleARN              types.String `tfsdk:"role_arn"`
	SessionName          types.String `tfsdk:"session_name"`
	WebIdentityToken     types.String `tfsdk:"web_identity_token"`
	WebIdentityTokenFile types.String `tfsdk:"web_identity_token_file"`
	Duration             types.String `tfsdk:"duration"`
	Policy               types.String `tfsdk:"policy"`
	PolicyARNs           types.List   `tfsdk:"policy_arns"`
}

// webIdentityBlock is the schema of assume_role_with_web_identity.
func webIdentityBlock() schema.Block {
	tokenPath := path.MatchRelative().AtParent().AtName("web_identity_token")
	tokenFilePath := path.MatchRelative().AtParent().AtName("web_identity_token_file")
	return schema.ListNestedBlock{
		MarkdownDescription: "IAM role to assume with STS `AssumeRoleWithWebIdentity`, with an OpenID Connect token such as HCP Terraform's workload identity token. " +
			"No other credentials are needed for it; with `assume_role` as well, the web identity session is the source of the `assume_role` call (role chaining). " +
			"Each argument not set falls back to the environment variable that the AWS SDK reads for web identity credentials.",
		Validators: []validator.List{listvalidator.SizeAtMost(1)},
		NestedObject: schema.NestedBlockObject{
			Attributes: map[string]schema.Attribute{
				"role_arn": schema.StringAttribute{
					MarkdownDescription: "ARN of the role to assume, for example `arn:aws:iam::123456789012:role/hcp-terraform`. Defaults to `AWS_ROLE_ARN`; one of them is required.",
					Optional:            true,
					Validators:          roleARNValidators(),
				},
				"session_name": schema.StringAttribute{
					MarkdownDescription: "Session name of the assumed role: 2-64 characters of letters, digits and `=,.@-_`. Defaults to `AWS_ROLE_SESSION_NAME`, then to a name chosen by the SDK.",
					Optional:            true,
					Validators:          sessionNameValidators(),
				},
				"web_identity_token": schema.StringAttribute{
					MarkdownDescription: "The OpenID Connect ID token (a JWT) itself, 4-20000 characters. Conflicts with `web_identity_token_file`; one of them (or `AWS_WEB_IDENTITY_TOKEN_FILE`) is required.",
					Optional:            true,
					Sensitive:           true,
					Validators: []validator.String{
						stringvalidator.LengthBetween(4, 20000),
						stringvalidator.ConflictsWith(tokenFilePath),
					},
				},
				"web_identity_token_file": schema.StringAttribute{
					MarkdownDescription: "Path of a file holding the token. The file is read again whenever the credentials are refreshed, so a token rotated in place is picked up. Defaults to `AWS_WEB_IDENTITY_TOKEN_FILE`.",
					Optional:            true,
					Validators: []validator.String{
						stringvalidator.LengthAtLeast(1),
						stringvalidator.ConflictsWith(tokenPath),
					},
				},
				"duration": schema.StringAttribute{
					MarkdownDescription: "Lifetime of the session as a Go duration between `15m` and `12h`, for example `1h`; it may not exceed the role's maximum session duration. Defaults to STS's default of one hour.",
					Optional:            true,
					Validators:          []validator.String{validators.DurationBetween(15*time.Minute, 12*time.Hour)},
				},
				"policy":      sessionPolicyAttribute(),
				"policy_arns": policyARNsAttribute(),
			},
		},
	}
}

// webIdentitySettings are the resolved arguments of the block, after the
// environment fallbacks.
type webIdentitySettings struct {
	roleARN, sessionName string
	token                string // inline token; "" when tokenFile is used
	tokenFile            string
	duration             time.Duration
	policy               string
	policyARNs           []string
}

// resolveWebIdentity applies the environment fallbacks to the block and
// checks that a role and a token are known. getenv is os.Getenv outside
// tests.
func resolveWebIdentity(ctx context.Context, wi webIdentityModel, getenv func(string) string) (webIdentitySettings, diag.Diagnostics) {
	var diags diag.Diagnostics
	block := path.Root("assume_role_with_web_identity").AtListIndex(0)
	s := webIdentitySettings{
		roleARN:     wi.RoleARN.ValueString(),
		sessionName: wi.SessionName.ValueString(),
		token:       wi.WebIdentityToken.ValueString(),
		tokenFile:   wi.WebIdentityTokenFile.ValueString(),
		policy:      wi.Policy.ValueString(),
		policyARNs:  stringList(ctx, wi.PolicyARNs, &diags),
	}
	if s.roleARN == "" {
		s.roleARN = getenv(envRoleARN)
		if s.roleARN == "" {
			diags.AddAttributeError(block.AtName("role_arn"), "No role to assume with the web identity",
				"Attribute assume_role_with_web_identity.role_arn: set role_arn, or the AWS_ROLE_ARN environment variable.")
		} else if !roleARNPattern.MatchString(s.roleARN) {
			diags.AddAttributeError(block.AtName("role_arn"), "Invalid role ARN",
				fmt.Sprintf("Attribute assume_role_with_web_identity.role_arn: AWS_ROLE_ARN is %q, which is not an IAM role ARN such as arn:aws:iam::123456789012:role/name.", s.roleARN))
		}
	}
	if s.sessionName == "" {
		s.sessionName = getenv(envRoleSessionName)
	}
	if s.token == "" && s.tokenFile == "" {
		s.tokenFile = getenv(envWebIdentityTokenFile)
		if s.tokenFile == "" {
			diags.AddAttributeError(block.AtName("web_identity_token"), "No web identity token",
				"Attribute assume_role_with_web_identity.web_identity_token: set web_identity_token or web_identity_token_file, or the AWS_WEB_IDENTITY_TOKEN_FILE environment variable.")
		}
	}
	if s.tokenFile != "" && s.token == "" {
		if _, err := os.Stat(s.tokenFile); err != nil {
			diags.AddAttributeError(block.AtName("web_identity_token_file"), "Web identity token file not readable",
				fmt.Sprintf("Attribute assume_role_with_web_identity.web_identity_token_file: %s.", err))
		}
	}
	if v := wi.Duration.ValueString(); v != "" {
		if d, err := time.ParseDuration(v); err == nil {
			s.duration = d
		}
	}
	return s, diags
}

// inlineToken is an IdentityTokenRetriever for a token given in the
// configuration.
type inlineToken string

func (t inlineToken) GetIdentityToken() ([]byte, error) {
	if t == "" {
		return nil, errors.New("the web identity token is empty")
	}
	return []byte(t), nil
}

// tokenRetriever returns the source of the token: the inline value, or the
// file, read at every refresh.
func (s webIdentitySettings) tokenRetriever() stscreds.IdentityTokenRetriever {
	if s.token != "" {
		return inlineToken(s.token)
	}
	return stscreds.IdentityTokenFile(s.tokenFile)
}

// provider returns the credentials provider of the web identity session.
func (s webIdentitySettings) provider(client stscreds.AssumeRoleWithWebIdentityAPIClient) aws.CredentialsProvider {
	return stscreds.NewWebIdentityRoleProvider(client, s.roleARN, s.tokenRetriever(), func(o *stscreds.WebIdentityRoleOptions) {
		if s.sessionName != "" {
			o.RoleSessionName = s.sessionName
		}
		o.Duration = s.duration
		if s.policy != "" {
			o.Policy = aws.String(s.policy)
		}
		for _, arn := range s.policyARNs {
			o.PolicyARNs = append(o.PolicyARNs, ststypes.PolicyDescriptorType{Arn: aws.String(arn)})
		}
	})
}

// webIdentityClient is the STS client of one source of web identity
// credentials: the assume_role_with_web_identity block, or the web identity
// credentials that the SDK finds in the environment or in a shared config
// profile (AWS_ROLE_ARN and AWS_WEB_IDENTITY_TOKEN_FILE, or role_arn and
// web_identity_token_file). A refusal is returned as a *webIdentityError
// that names the source, the role and the token's claims. The SDK builds
// the provider of the environment's credentials while it loads the
// configuration, before the STS client of the provider block (endpoints.sts,
// sts_region) can exist, so client is set once the configuration is loaded;
// credentials are never retrieved before that.
type webIdentityClient struct {
	source string
	client *sts.Client
}

func (c *webIdentityClient) AssumeRoleWithWebIdentity(ctx context.Context, in *sts.AssumeRoleWithWebIdentityInput, optFns ...func(*sts.Options)) (*sts.AssumeRoleWithWebIdentityOutput, error) {
	if c.client == nil {
		return nil, errors.New("the STS client of the web identity credentials is not configured")
	}
	out, err := c.client.AssumeRoleWithWebIdentity(ctx, in, optFns...)
	if err != nil {
		claims, isJWT := claimsOf(aws.ToString(in.WebIdentityToken))
		return nil, &webIdentityError{source: c.source, roleARN: aws.ToString(in.RoleArn), claims: claims, isJWT: isJWT, err: err}
	}
	return out, nil
}
