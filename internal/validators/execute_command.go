package validators

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
)

var _ validator.Object = executeCommandConfigurationValidator{}

// executeCommandConfigurationValidator checks the cross-field rules of an
// execute_command_configuration object.
type executeCommandConfigurationValidator struct{}

// ExecuteCommandConfiguration returns a validator for an
// execute_command_configuration object (kms_key_id, logging,
// log_configuration{cloud_watch_log_group_name, cloud_watch_encryption_enabled,
// s3_bucket_name, s3_bucket_encryption_enabled, s3_key_prefix}):
//   - logging OVERRIDE requires log_configuration;
//   - log_configuration is only allowed with logging OVERRIDE (a null logging
//     means DEFAULT);
//   - cloud_watch_encryption_enabled = true requires cloud_watch_log_group_name;
//   - s3_bucket_encryption_enabled = true requires s3_bucket_name;
//   - s3_key_prefix requires s3_bucket_name.
//
// Empty strings count as unset. Each rule is skipped while one of its inputs
// is unknown.
func ExecuteCommandConfiguration() validator.Object {
	return executeCommandConfigurationValidator{}
}

func (v executeCommandConfigurationValidator) Description(_ context.Context) string {
	return "logging OVERRIDE requires log_configuration and log_configuration requires logging OVERRIDE; cloud_watch_encryption_enabled requires cloud_watch_log_group_name; s3_bucket_encryption_enabled and s3_key_prefix require s3_bucket_name"
}

func (v executeCommandConfigurationValidator) MarkdownDescription(_ context.Context) string {
	return "`logging = \"OVERRIDE\"` requires `log_configuration`, and `log_configuration` is only allowed with `logging = \"OVERRIDE\"`. " +
		"`cloud_watch_encryption_enabled = true` requires `cloud_watch_log_group_name`; `s3_bucket_encryption_enabled = true` and `s3_key_prefix` require `s3_bucket_name`."
}

func (v executeCommandConfigurationValidator) ValidateObject(ctx context.Context, req validator.ObjectRequest, resp *validator.ObjectResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	attrs := req.ConfigValue.Attributes()
	lcPath := req.Path.AtName("log_configuration")
	lc, lcOK := attrObject(ctx, attrs, "log_configuration")

	logging, loggingOK := attrString(ctx, attrs, "logging")
	if loggingOK && !logging.IsUnknown() && lcOK && !lc.IsUnknown() {
		mode := LoggingDefault
		if !logging.IsNull() && logging.ValueString() != "" {
			mode = logging.ValueString()
		}
		switch {
		case mode == LoggingOverride && lc.IsNull():
			addError(ctx, req.Config, &resp.Diagnostics, lcPath, "Missing log_configuration",
				msgOverrideNeedsLogConfiguration())
		case mode != LoggingOverride && !lc.IsNull():
			addError(ctx, req.Config, &resp.Diagnostics, lcPath, "log_configuration without OVERRIDE logging",
				msgLogConfigurationNeedsOverride(mode))
		}
	}

	if !lcOK || lc.IsNull() || lc.IsUnknown() {
		return
	}
	lcAttrs := lc.Attributes()
	// Inside a nested block limited to one element, the attributes are
	// addressed through the element's index.
	if _, isList := attrs["log_configuration"].(basetypes.ListValuable); isList {
		lcPath = lcPath.AtListIndex(0)
	}
	// set reports whether a string attribute is known to be set (true), known
	// to be unset (false), or not known yet (known == false).
	set := func(name string) (isSet, known bool) {
		s, ok := attrString(ctx, lcAttrs, name)
		if !ok || s.IsUnknown() {
			return false, false
		}
		return !s.IsNull() && s.ValueString() != "", true
	}
	enabled := func(name string) bool {
		b, ok := attrBool(ctx, lcAttrs, name)
		return ok && !b.IsNull() && !b.IsUnknown() && b.ValueBool()
	}

	if enabled("cloud_watch_encryption_enabled") {
		if isSet, known := set("cloud_watch_log_group_name"); known && !isSet {
			p := lcPath.AtName("cloud_watch_encryption_enabled")
			addError(ctx, req.Config, &resp.Diagnostics, p, "Missing cloud_watch_log_group_name",
				msgCloudWatchEncryptionNeedsGroup())
		}
	}
	bucketSet, bucketKnown := set("s3_bucket_name")
	if enabled("s3_bucket_encryption_enabled") && bucketKnown && !bucketSet {
		p := lcPath.AtName("s3_bucket_encryption_enabled")
		addError(ctx, req.Config, &resp.Diagnostics, p, "Missing s3_bucket_name",
			msgS3EncryptionNeedsBucket())
	}
	if prefixSet, prefixKnown := set("s3_key_prefix"); prefixKnown && prefixSet && bucketKnown && !bucketSet {
		p := lcPath.AtName("s3_key_prefix")
		prefix, _ := attrString(ctx, lcAttrs, "s3_key_prefix")
		addError(ctx, req.Config, &resp.Diagnostics, p, "Missing s3_bucket_name",
			msgS3KeyPrefixNeedsBucket(prefix.ValueString()))
	}
}
