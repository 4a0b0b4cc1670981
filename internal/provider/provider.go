package provider

import (
	"bytes"
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/credentials/stscreds"
	"github.com/aws/aws-sdk-go-v2/feature/ec2/imds"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/ecsx/terraform-provider-ecsx/internal/attrvalue"
	"github.com/ecsx/terraform-provider-ecsx/internal/validators"
)

var (
	_ provider.Provider                  = (*ecsxProvider)(nil)
	_ provider.ProviderWithListResources = (*ecsxProvider)(nil)
)

// New returns a constructor for the provider, as providerserver.Serve expects.
func New(version string) func() provider.Provider {
	return func() provider.Provider {
		return &ecsxProvider{version: version}
	}
}

// newWithDebug is New with the debug switches given instead of read from
// the environment (for tests).
func newWithDebug(version string, debug debugSwitches) func() provider.Provider {
	return func() provider.Provider {
		return &ecsxProvider{version: version, debug: &debug}
	}
}

// ecsxProvider is the provider implementation.
type ecsxProvider struct {
	version string
	// debug, when set, replaces the ECSX_DEBUG_NO_* environment variables.
	debug *debugSwitches
}

// providerModel is the provider block.
type providerModel struct {
	Region                 types.String `tfsdk:"region"`
	Profile                types.String `tfsdk:"profile"`
	SharedConfigFiles      types.List   `tfsdk:"shared_config_files"`
	SharedCredentialsFiles types.List   `tfsdk:"shared_credentials_files"`
	AccessKey              types.String `tfsdk:"access_key"`
	SecretKey              types.String `tfsdk:"secret_key"`
	Token                  types.String `tfsdk:"token"`
	AssumeRole             types.List   `tfsdk:"assume_role"`
	AssumeRoleWebIdentity  types.List   `tfsdk:"assume_role_with_web_identity"`
	AllowedAccountIDs      types.Set    `tfsdk:"allowed_account_ids"`
	ForbiddenAccountIDs    types.Set    `tfsdk:"forbidden_account_ids"`
	IgnoreTags             types.List   `tfsdk:"ignore_tags"`
	STSRegion              types.String `tfsdk:"sts_region"`
	CustomCABundle         types.String `tfsdk:"custom_ca_bundle"`
	Endpoint               types.String `tfsdk:"endpoint"`
	Endpoints              types.List   `tfsdk:"endpoints"`
	MaxRetries             types.Int64  `tfsdk:"max_retries"`
	RetryMode              types.String `tfsdk:"retry_mode"`
	DefaultTags            types.List   `tfsdk:"default_tags"`

	SkipCredentialsValidation types.Bool `tfsdk:"skip_credentials_validation"`
	SkipMetadataAPICheck      types.Bool `tfsdk:"skip_metadata_api_check"`
	SkipRegionValidation      types.Bool `tfsdk:"skip_region_validation"`
	SkipRequestingAccountID   types.Bool `tfsdk:"skip_requesting_account_id"`
}

// assumeRoleModel is the provider's assume_role block.
type assumeRoleModel struct {
	RoleARN           types.String `tfsdk:"role_arn"`
	SessionName       types.String `tfsdk:"session_name"`
	ExternalID        types.String `tfsdk:"external_id"`
	Duration          types.String `tfsdk:"duration"`
	Policy            types.String `tfsdk:"policy"`
	PolicyARNs        types.List   `tfsdk:"policy_arns"`
	Tags              types.Map    `tfsdk:"tags"`
	TransitiveTagKeys types.Set    `tfsdk:"transitive_tag_keys"`
	SourceIdentity    types.String `tfsdk:"source_identity"`
}

// endpointsModel is the provider's endpoints block.
type endpointsModel struct {
	ECS types.String `tfsdk:"ecs"`
	STS types.String `tfsdk:"sts"`
}

// defaultTagsModel is the provider's default_tags attribute.
type defaultTagsModel struct {
	Tags types.Map `tfsdk:"tags"`
}

func (p *ecsxProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "ecsx"
	resp.Version = p.version
}

func (p *ecsxProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The **ecsx** provider manages Amazon ECS clusters. " +
			"Credentials and region come from the standard AWS SDK chain (environment variables, shared config and credentials files, SSO, web identity, container and instance roles) unless set here. " +
			"When the provider is configured (at the start of `terraform plan` as of any other command), it resolves the credentials, running `AssumeRoleWithWebIdentity`, `AssumeRole`, SSO or the instance metadata service as configured, and checks them with one `sts:GetCallerIdentity` call, which the account guard shares: " +
			"unusable credentials fail the plan with an error naming the source that failed and the service's reason. The credentials are reused by every ECS call. Calls to STS keep the SDK's default of 3 attempts, not `max_retries`.",
		Attributes: providerAttributes(),
		Blocks: map[string]schema.Block{
			"assume_role_with_web_identity": webIdentityBlock(),
			"ignore_tags":                   ignoreTagsBlock(),
			"assume_role":                   assumeRoleBlock(),
			"endpoints":                     endpointsBlock(),
			"default_tags":                  defaultTagsBlock(),
		},
	}
}

// providerAttributes are the attributes of the provider block: those of
// the credentials and the others.
func providerAttributes() map[string]schema.Attribute {
	attrs := credentialAttributes()
	maps.Copy(attrs, serviceAttributes())
	return attrs
}

// credentialAttributes are the attributes of the provider block that say
// where the credentials come from and how they are checked.
func credentialAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"profile": schema.StringAttribute{
			MarkdownDescription: "Named profile of the shared config and credentials files. Defaults to `AWS_PROFILE`, then `default`.",
			Optional:            true,
			Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
		},
		"shared_config_files": schema.ListAttribute{
			MarkdownDescription: "Paths of shared config files, replacing the default `~/.aws/config` (or `AWS_CONFIG_FILE`).",
			Optional:            true,
			ElementType:         types.StringType,
			Validators:          []validator.List{listvalidator.SizeAtLeast(1), listvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1))},
		},
		"shared_credentials_files": schema.ListAttribute{
			MarkdownDescription: "Paths of shared credentials files, replacing the default `~/.aws/credentials` (or `AWS_SHARED_CREDENTIALS_FILE`).",
			Optional:            true,
			ElementType:         types.StringType,
			Validators:          []validator.List{listvalidator.SizeAtLeast(1), listvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1))},
		},
		"access_key": schema.StringAttribute{
			MarkdownDescription: "Static access key ID. Must be set together with `secret_key`; takes precedence over every other credential source.",
			Optional:            true,
			Sensitive:           true,
			Validators: []validator.String{
				stringvalidator.LengthAtLeast(1),
				stringvalidator.AlsoRequires(path.MatchRoot("secret_key")),
			},
		},
		"secret_key": schema.StringAttribute{
			MarkdownDescription: "Static secret access key. Must be set together with `access_key`.",
			Optional:            true,
			Sensitive:           true,
			Validators: []validator.String{
				stringvalidator.LengthAtLeast(1),
				stringvalidator.AlsoRequires(path.MatchRoot("access_key")),
			},
		},
		"token": schema.StringAttribute{
			MarkdownDescription: "Session token for temporary static credentials. Requires `access_key` and `secret_key`.",
			Optional:            true,
			Sensitive:           true,
			Validators: []validator.String{
				stringvalidator.AlsoRequires(path.MatchRoot("access_key"), path.MatchRoot("secret_key")),
			},
		},
		"allowed_account_ids": accountIDsAttribute("AWS account IDs (12 digits) the provider may act in. When set, the provider asks STS (`sts:GetCallerIdentity`) for the account of its credentials when it is configured, "+
			"and stops the run with an error naming that account and the allowed ones before any ECS call when it is not in the list. Conflicts with `forbidden_account_ids`.", "forbidden_account_ids"),
		"forbidden_account_ids": accountIDsAttribute("AWS account IDs (12 digits) the provider must not act in, checked as `allowed_account_ids` is: a run with credentials of one of these accounts stops before any ECS call. "+
			"Conflicts with `allowed_account_ids`.", "allowed_account_ids"),
		"sts_region": schema.StringAttribute{
			MarkdownDescription: "Region of the STS calls (`assume_role`, `assume_role_with_web_identity`, the check of the credentials and the account guard), for example to use a regional STS endpoint other than the clusters' region. Defaults to `region`.",
			Optional:            true,
			Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
		},
		"skip_credentials_validation": schema.BoolAttribute{
			MarkdownDescription: "When `true`, the credentials are not checked with `sts:GetCallerIdentity` when the provider is configured (unless `allowed_account_ids` or `forbidden_account_ids` needs that call). They are still resolved, so a role that cannot be assumed still fails the plan; credentials that AWS refuses then fail at the first ECS call.",
			Optional:            true,
		},
		"skip_metadata_api_check": schema.BoolAttribute{
			MarkdownDescription: "When `true`, credentials and region are never looked up in the EC2 instance metadata service (IMDS), as with hashicorp/aws.",
			Optional:            true,
		},
	}
}

// serviceAttributes are the attributes of the provider block about the
// region, the ECS endpoint and retries.
func serviceAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"region": schema.StringAttribute{
			MarkdownDescription: "AWS region of the clusters, for example `eu-west-1`. Defaults to `AWS_REGION`, `AWS_DEFAULT_REGION` or the `region` of the shared config profile. A region is required; it must have the form of an AWS region name unless `skip_region_validation` is `true`.",
			Optional:            true,
		},
		"endpoint": schema.StringAttribute{
			MarkdownDescription: "Deprecated: write `endpoints { ecs = \"...\" }` instead. URL of the ECS API endpoint. Conflicts with `endpoints.ecs`.",
			DeprecationMessage:  "Use endpoints { ecs = \"...\" } instead of endpoint: the endpoints block has hashicorp/aws's syntax and also sets the STS endpoint. endpoint will be removed in a future release.",
			Optional:            true,
			Validators: []validator.String{
				stringvalidator.RegexMatches(endpointPattern, "must be an absolute http:// or https:// URL"),
			},
		},
		"custom_ca_bundle": schema.StringAttribute{
			MarkdownDescription: "Path of a file of PEM certificates (root and intermediate) that the provider trusts for its HTTPS connections to ECS and STS, instead of the system's certificate authorities: " +
				"for a TLS-intercepting proxy or a private endpoint. Defaults to `AWS_CA_BUNDLE`. A leading `~/` is the home directory.",
			Optional:   true,
			Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
		},
		"max_retries": schema.Int64Attribute{
			MarkdownDescription: "How many times a throttled or failed ECS API call is retried before the error is reported, 0-100. Defaults to `AWS_MAX_ATTEMPTS` minus one, otherwise 25, as hashicorp/aws. Retries back off exponentially with full jitter (a random wait of up to 1 s, 2 s, 4 s ... and at most 20 s), so the default allows several minutes of throttling. Once ECS throttles a category of calls, the provider also paces that category at ECS's documented refill rate.",
			Optional:            true,
			Validators:          []validator.Int64{int64validator.Between(0, 100)},
		},
		"retry_mode": schema.StringAttribute{
			MarkdownDescription: "Retry strategy of the AWS SDK: `standard` or `adaptive` (client-side rate limiting after throttling). Defaults to `AWS_RETRY_MODE`, then `standard`.",
			Optional:            true,
			Validators:          []validator.String{stringvalidator.OneOf("standard", "adaptive")},
		},
		"skip_region_validation": schema.BoolAttribute{
			MarkdownDescription: "When `true`, `region` may be any name, not only one of the AWS region form (such as a region of a private cloud that speaks the ECS API).",
			Optional:            true,
		},
		"skip_requesting_account_id": schema.BoolAttribute{
			MarkdownDescription: "Accepted for compatibility with hashicorp/aws's provider block; ecsx does not request the account ID, so this has no effect.",
			Optional:            true,
		},
	}
}

// endpointsBlock is the schema of the endpoints block.
func endpointsBlock() schema.Block {
	return schema.ListNestedBlock{
		MarkdownDescription: "Endpoint URLs of the services ecsx calls, for example a local ECS sandbox. Each defaults to `AWS_ENDPOINT_URL_<SERVICE>`, then `AWS_ENDPOINT_URL`, then the regional AWS endpoint. A region is still required for request signing.",
		Validators:          []validator.List{listvalidator.SizeAtMost(1)},
		NestedObject: schema.NestedBlockObject{
			Attributes: map[string]schema.Attribute{
				"ecs": schema.StringAttribute{
					MarkdownDescription: "URL of the ECS API, for example `http://127.0.0.1:4599`.",
					Optional:            true,
					Validators:          []validator.String{stringvalidator.RegexMatches(endpointPattern, "must be an absolute http:// or https:// URL")},
				},
				"sts": schema.StringAttribute{
					MarkdownDescription: "URL of the STS API, used by `assume_role`, `assume_role_with_web_identity` (and web identity credentials from the environment or a shared config profile), the check of the credentials (`sts:GetCallerIdentity`, see `skip_credentials_validation`) and the account guard (`allowed_account_ids`, `forbidden_account_ids`).",
					Optional:            true,
					Validators:          []validator.String{stringvalidator.RegexMatches(endpointPattern, "must be an absolute http:// or https:// URL")},
				},
			},
		},
	}
}

// defaultTagsBlock is the schema of the default_tags block.
func defaultTagsBlock() schema.Block {
	return schema.ListNestedBlock{
		MarkdownDescription: "Tags added to every cluster this provider manages. A resource's own `tags` win over a default tag with the same key. The merged tags appear in each resource's `tags_all` and must obey the ECS tag rules together (at most 50 tags).",
		Validators:          []validator.List{listvalidator.SizeAtMost(1)},
		NestedObject: schema.NestedBlockObject{
			Attributes: map[string]schema.Attribute{
				"tags": schema.MapAttribute{
					MarkdownDescription: "Tag keys and values. " + tagRulesMarkdown,
					Optional:            true,
					ElementType:         types.StringType,
					Validators:          []validator.Map{validators.Tags()},
				},
			},
		},
	}
}

func (p *ecsxProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var m providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}

	unknown := map[string]attr.Value{
		"region": m.Region, "profile": m.Profile, "shared_config_files": m.SharedConfigFiles,
		"shared_credentials_files": m.SharedCredentialsFiles, "access_key": m.AccessKey,
		"secret_key": m.SecretKey, "token": m.Token, "assume_role": m.AssumeRole,
		"endpoint": m.Endpoint, "endpoints": m.Endpoints, "max_retries": m.MaxRetries, "retry_mode": m.RetryMode,
		"default_tags": m.DefaultTags, "skip_region_validation": m.SkipRegionValidation, "skip_metadata_api_check": m.SkipMetadataAPICheck,
		"assume_role_with_web_identity": m.AssumeRoleWebIdentity, "allowed_account_ids": m.AllowedAccountIDs,
		"forbidden_account_ids": m.ForbiddenAccountIDs, "ignore_tags": m.IgnoreTags, "sts_region": m.STSRegion,
		"custom_ca_bundle": m.CustomCABundle, "skip_credentials_validation": m.SkipCredentialsValidation,
	}
	for _, name := range slices.Sorted(maps.Keys(unknown)) {
		if unknown[name].IsUnknown() {
			resp.Diagnostics.AddAttributeError(path.Root(name), "Provider attribute unknown at plan time",
				fmt.Sprintf("The provider cannot be configured because %q depends on a value that is only known after apply. "+
					"Use a value known at plan time (a literal, a variable or a data source), or apply the resources it depends on first with -target.", name))
		}
	}
	for _, block := range []string{"assume_role", "assume_role_with_web_identity", "endpoints", "ignore_tags"} {
		if attrName, ok := unknownInBlock(unknown[block]); ok {
			resp.Diagnostics.AddAttributeError(path.Root(block).AtListIndex(0).AtName(attrName), "Provider attribute unknown at plan time",
				fmt.Sprintf("The provider cannot be configured because %s.%s depends on a value that is only known after apply. "+
					"Use a value known at plan time (a literal, a variable or a data source), or apply the resources it depends on first with -target.", block, attrName))
		}
	}
	if resp.Diagnostics.HasError() {
		return
	}

	debug := debugSwitchesFrom(os.Getenv)
	if p.debug != nil {
		debug = *p.debug
	}
	data, diags := newProviderData(ctx, m, p.version, debug)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.ResourceData = data
	resp.DataSourceData = data
	resp.ListResourceData = data
}

func (p *ecsxProvider) Resources(_ context.Context) []func() resource.Resource {
	return []func() resource.Resource{
		NewClusterResource,
		NewCapacityProviderResource,
		NewClusterCapacityProvidersResource,
	}
}

func (p *ecsxProvider) ListResources(_ context.Context) []func() list.ListResource {
	return []func() list.ListResource{
		NewClusterListResource,
		NewCapacityProviderListResource,
	}
}

func (p *ecsxProvider) DataSources(_ context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		NewClusterDataSource,
		NewClustersDataSource,
		NewCapacityProviderDataSource,
	}
}

// providerSettings are the values of the provider block that Configure
// uses once the AWS configuration is loaded.
type providerSettings struct {
	ecsEndpoint, stsEndpoint, stsRegion string
	// maxAttempts is max_retries plus one; 0 when max_retries is not set.
	maxAttempts int
	// retryMode is retry_mode; "" when it is not set.
	retryMode aws.RetryMode
	// staticKeys is true when access_key and secret_key are set.
	staticKeys bool
	// profile is the profile attribute.
	profile     string
	webIdentity *webIdentitySettings
	assumeRole  *assumeRoleModel
	ignoreTags  ignoreTags
	defaultTags map[string]string
	// allowed and forbidden are the account guard's lists.
	allowed, forbidden        []string
	skipCredentialsValidation bool
}

// stsClient returns an STS client of the provider block's STS endpoint and
// region, with the credentials of cfg and the credential calls' own retries
// (see credentialRetries).
func (s *providerSettings) stsClient(cfg aws.Config) *sts.Client {
	return sts.NewFromConfig(cfg, func(o *sts.Options) {
		if s.stsEndpoint != "" {
			o.BaseEndpoint = aws.String(s.stsEndpoint)
		}
		if s.stsRegion != "" {
			o.Region = s.stsRegion
		}
		credentialRetries(o)
	})
}

// newProviderData loads the AWS configuration, resolves the credentials
// and builds the ECS client. Besides local files and the environment, it
// calls what the credentials need (STS AssumeRole and
// AssumeRoleWithWebIdentity, SSO, the instance metadata service) and,
// unless skip_credentials_validation is true and no account guard is set,
// one sts:GetCallerIdentity, so that unusable credentials fail the plan.
func newProviderData(ctx context.Context, m providerModel, version string, debug debugSwitches) (*providerData, diag.Diagnostics) {
	s := &providerSettings{}
	opts, diags := loadOptions(ctx, m, s)
	if diags.HasError() {
		return nil, diags
	}
	diags.Append(readProviderBlocks(ctx, m, s)...)
	if diags.HasError() {
		return nil, diags
	}
	// Web identity credentials that the SDK finds in the environment or a
	// profile call STS through the endpoint and region of the provider block.
	envWebIdentity := &webIdentityClient{source: sourceEnvWebIdentity}
	opts = append(opts, config.WithWebIdentityRoleCredentialOptions(func(o *stscreds.WebIdentityRoleOptions) {
		o.Client = envWebIdentity
	}))
	cfg, d := loadAWSConfig(ctx, opts, s)
	diags.Append(d...)
	if diags.HasError() {
		return nil, diags
	}
	envWebIdentity.client = s.stsClient(anonymous(cfg))
	chainCredentials(ctx, &cfg, s, &diags)
	if diags.HasError() {
		return nil, diags
	}
	diags.Append(checkCredentials(ctx, cfg, s)...)
	if diags.HasError() {
		return nil, diags
	}
	if cfg.Credentials != nil {
		cfg.Credentials = &clearCredentialsProvider{inner: cfg.Credentials}
	}
	client := ecs.NewFromConfig(cfg, func(o *ecs.Options) {
		if s.ecsEndpoint != "" {
			o.BaseEndpoint = aws.String(s.ecsEndpoint)
		}
		o.APIOptions = append(o.APIOptions, awsmiddleware.AddUserAgentKeyValue("terraform-provider-ecsx", version))
		o.APIOptions = append(o.APIOptions, pacingOption(debug.noPacing), attemptsOption)
	})
	tflog.Debug(ctx, "configured ecsx provider", map[string]any{
		"region": cfg.Region, "endpoint": s.ecsEndpoint, "default_tags": len(s.defaultTags),
		"web_identity": s.webIdentity != nil, "assume_role": s.assumeRole != nil,
		"account_guard": len(s.allowed)+len(s.forbidden) > 0, "skip_credentials_validation": s.skipCredentialsValidation,
	})
	return &providerData{
		ECS:         client,
		Region:      cfg.Region,
		DefaultTags: s.defaultTags,
		IgnoreTags:  s.ignoreTags,
		debug:       debug,
	}, diags
}

// loadOptions checks the provider block's top-level attributes and returns
// the SDK's load options for them; the endpoints and retries go to s.
func loadOptions(ctx context.Context, m providerModel, s *providerSettings) ([]func(*config.LoadOptions) error, diag.Diagnostics) {
	var diags diag.Diagnostics
	var opts []func(*config.LoadOptions) error
	if v := m.Region.ValueString(); v != "" {
		if !m.SkipRegionValidation.ValueBool() && !regionPattern.MatchString(v) {
			diags.AddAttributeError(path.Root("region"), "Invalid region",
				fmt.Sprintf("Attribute region: %q must be an AWS region name such as eu-west-1 (or set skip_region_validation = true).", v))
			return nil, diags
		}
		opts = append(opts, config.WithRegion(v))
	}
	s.stsRegion = m.STSRegion.ValueString()
	if s.stsRegion != "" && !m.SkipRegionValidation.ValueBool() && !regionPattern.MatchString(s.stsRegion) {
		diags.AddAttributeError(path.Root("sts_region"), "Invalid region",
			fmt.Sprintf("Attribute sts_region: %q must be an AWS region name such as eu-west-1 (or set skip_region_validation = true).", s.stsRegion))
		return nil, diags
	}
	if m.SkipMetadataAPICheck.ValueBool() {
		opts = append(opts, config.WithEC2IMDSClientEnableState(imds.ClientDisabled))
	}
	if s.profile = m.Profile.ValueString(); s.profile != "" {
		opts = append(opts, config.WithSharedConfigProfile(s.profile))
	}
	if files := stringList(ctx, m.SharedConfigFiles, &diags); len(files) > 0 {
		opts = append(opts, config.WithSharedConfigFiles(files))
	}
	if files := stringList(ctx, m.SharedCredentialsFiles, &diags); len(files) > 0 {
		opts = append(opts, config.WithSharedCredentialsFiles(files))
	}
	if s.staticKeys = m.AccessKey.ValueString() != ""; s.staticKeys {
		opts = append(opts, config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider(
			m.AccessKey.ValueString(), m.SecretKey.ValueString(), m.Token.ValueString())))
	}
	if v := m.CustomCABundle.ValueString(); v != "" {
		bundle, err := readCABundle(v)
		if err != nil {
			diags.AddAttributeError(path.Root("custom_ca_bundle"), "Invalid CA bundle", "Attribute custom_ca_bundle: "+err.Error())
			return nil, diags
		}
		opts = append(opts, config.WithCustomCABundle(bytes.NewReader(bundle)))
	}
	// max_retries and retry_mode are applied to the ECS client only, once
	// the configuration is loaded: the clients that the SDK builds for
	// credentials keep their own small budget.
	if !m.MaxRetries.IsNull() {
		s.maxAttempts = int(m.MaxRetries.ValueInt64()) + 1
	}
	if v := m.RetryMode.ValueString(); v != "" {
		mode, err := aws.ParseRetryMode(v)
		if err != nil {
			diags.AddAttributeError(path.Root("retry_mode"), "Invalid retry mode", err.Error())
			return nil, diags
		}
		s.retryMode = mode
	}
	s.skipCredentialsValidation = m.SkipCredentialsValidation.ValueBool()
	return opts, diags
}

// readProviderBlocks reads the provider's blocks and account lists into s.
func readProviderBlocks(ctx context.Context, m providerModel, s *providerSettings) diag.Diagnostics {
	var diags diag.Diagnostics
	var endpoints endpointsModel
	diags.Append(firstBlock(ctx, m.Endpoints, &endpoints)...)
	if !m.Endpoint.IsNull() && !endpoints.ECS.IsNull() {
		diags.AddAttributeError(path.Root("endpoint"), "Conflicting ECS endpoints",
			"Attribute endpoint: endpoint and endpoints.ecs are both set. endpoint is deprecated: keep endpoints { ecs = \"...\" } only.")
	}
	s.ecsEndpoint = endpoints.ECS.ValueString()
	if s.ecsEndpoint == "" {
		s.ecsEndpoint = m.Endpoint.ValueString()
	}
	s.stsEndpoint = endpoints.STS.ValueString()
	if !attrvalue.BlockAbsent(m.AssumeRoleWebIdentity) {
		var wi webIdentityModel
		diags.Append(firstBlock(ctx, m.AssumeRoleWebIdentity, &wi)...)
		settings, d := resolveWebIdentity(ctx, wi, os.Getenv)
		diags.Append(d...)
		s.webIdentity = &settings
	}
	if !attrvalue.BlockAbsent(m.AssumeRole) {
		s.assumeRole = &assumeRoleModel{}
		diags.Append(firstBlock(ctx, m.AssumeRole, s.assumeRole)...)
	}
	var ignore ignoreTagsModel
	diags.Append(firstBlock(ctx, m.IgnoreTags, &ignore)...)
	s.ignoreTags = newIgnoreTags(ctx, ignore, os.Getenv, &diags)
	s.allowed = stringsOfSet(ctx, m.AllowedAccountIDs, &diags)
	s.forbidden = stringsOfSet(ctx, m.ForbiddenAccountIDs, &diags)
	s.defaultTags = map[string]string{}
	if !attrvalue.BlockAbsent(m.DefaultTags) {
		var dt defaultTagsModel
		diags.Append(firstBlock(ctx, m.DefaultTags, &dt)...)
		if !mapFullyKnown(dt.Tags) {
			diags.AddAttributeError(path.Root("default_tags").AtListIndex(0).AtName("tags"), "Provider attribute unknown at plan time",
				"The provider cannot be configured because default_tags depends on a value that is only known after apply.")
		}
		s.defaultTags = attrvalue.StringMap(dt.Tags)
	}
	return diags
}

// loadAWSConfig loads the SDK's configuration, checks that it has a region
// and gives it the ECS retryer.
func loadAWSConfig(ctx context.Context, opts []func(*config.LoadOptions) error, s *providerSettings) (aws.Config, diag.Diagnostics) {
	var diags diag.Diagnostics
	cfg, err := config.LoadDefaultConfig(ctx, opts...)
	if err != nil {
		var noProfile config.SharedConfigProfileNotExistError
		if errors.As(err, &noProfile) {
			diags.AddAttributeError(path.Root("profile"), "AWS profile not found",
				fmt.Sprintf("The profile %q does not exist in the shared config or credentials files (%s). "+
					"Check profile, AWS_PROFILE, shared_config_files and shared_credentials_files.",
					noProfile.Profile, strings.Join(noProfile.Filename, ", ")))
			return cfg, diags
		}
		diags.AddError("Unable to load the AWS configuration",
			"The AWS SDK could not read its configuration from the environment and the shared files: "+err.Error())
		return cfg, diags
	}
	if cfg.Region == "" {
		diags.AddAttributeError(path.Root("region"), "No AWS region configured",
			"ecsx needs a region to sign requests and build cluster ARNs. Set region in the provider block, "+
				"or the AWS_REGION environment variable, or region in the shared config profile.")
		return cfg, diags
	}
	// The attributes win over AWS_MAX_ATTEMPTS, AWS_RETRY_MODE and the
	// profile's max_attempts and retry_mode.
	if s.maxAttempts > 0 {
		cfg.RetryMaxAttempts = s.maxAttempts
	}
	if s.retryMode != "" {
		cfg.RetryMode = s.retryMode
	}
	cfg.Retryer = newRetryer(cfg.RetryMode, cfg.RetryMaxAttempts)
	return cfg, diags
}

// chainCredentials sets the credentials of the provider's blocks on cfg.
// They are chained: the web identity session replaces the credentials found
// otherwise, and assume_role assumes its role with whatever came before.
func chainCredentials(ctx context.Context, cfg *aws.Config, s *providerSettings, diags *diag.Diagnostics) {
	if s.webIdentity != nil {
		client := &webIdentityClient{source: sourceWebIdentityBlock, client: s.stsClient(anonymous(*cfg))}
		cfg.Credentials = aws.NewCredentialsCache(&namedCredentials{source: sourceWebIdentityBlock, inner: s.webIdentity.provider(client)})
	}
	if s.assumeRole != nil {
		client := &assumeRoleClient{caller: s.baseSourceOf(aws.Credentials{}), client: s.stsClient(*cfg)}
		provider := stscreds.NewAssumeRoleProvider(client, s.assumeRole.RoleARN.ValueString(), assumeRoleOptions(ctx, *s.assumeRole, diags))
		cfg.Credentials = aws.NewCredentialsCache(&namedCredentials{source: sourceAssumeRoleBlock, inner: provider})
	}
}

// defaultMaxRetries is max_retries when neither the attribute nor
// AWS_MAX_ATTEMPTS sets it: hashicorp/aws's default. With the SDK's backoff
// (full jitter, at most maxBackoff) 25 retries wait about 3.5 minutes on
// average, far longer than a cluster-modify bucket of ECS (refilled at one
// call per second) keeps a call waiting.
const defaultMaxRetries = 25

// maxBackoff caps the wait between two attempts of a call.
const maxBackoff = retry.DefaultMaxBackoff

// anonymous returns cfg without credentials, for AssumeRoleWithWebIdentity,
// which is not signed: the token is the proof of identity.
func anonymous(cfg aws.Config) aws.Config {
	cfg.Credentials = aws.AnonymousCredentials{}
	return cfg
}

// readCABundle reads a file of PEM certificates and checks that it holds
// at least one.
func readCABundle(name string) ([]byte, error) {
	if rest, ok := strings.CutPrefix(name, "~/"); ok {
		if home, err := os.UserHomeDir(); err == nil {
			name = filepath.Join(home, rest)
		}
	}
	b, err := os.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("cannot read the CA bundle: %w", err)
	}
	if !x509.NewCertPool().AppendCertsFromPEM(b) {
		return nil, fmt.Errorf("%s holds no PEM certificate (-----BEGIN CERTIFICATE-----)", name)
	}
	return b, nil
}

// newRetryer returns the retryer constructor of the ECS client: the SDK's
// standard or adaptive mode with the configured attempts (0: the default of
// defaultMaxRetries retries), and without the client-wide retry quota. That
// quota (500 tokens, 5 per retry) is shared by every resource of a run, so a
// throttled apply of a few hundred clusters would exhaust it and fail calls
// the service would have accepted moments later; each call is bounded by its
// attempts and backoff instead.
func newRetryer(mode aws.RetryMode, maxAttempts int) func() aws.Retryer {
	if maxAttempts <= 0 {
		maxAttempts = defaultMaxRetries + 1
	}
	standard := func(o *retry.StandardOptions) {
		o.RateLimiter = ratelimit.None
		o.MaxAttempts = maxAttempts
		o.MaxBackoff = maxBackoff
	}
	return func() aws.Retryer {
		if mode == aws.RetryModeAdaptive {
			return retry.NewAdaptiveMode(func(o *retry.AdaptiveModeOptions) {
				o.StandardOptions = append(o.StandardOptions, standard)
			})
		}
		return retry.NewStandard(standard)
	}
}
