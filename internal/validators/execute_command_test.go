package validators_test

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecsx/terraform-provider-ecsx/internal/validators"
)

var (
	logConfigAttrTypes = map[string]attr.Type{
		"cloud_watch_log_group_name":     types.StringType,
		"cloud_watch_encryption_enabled": types.BoolType,
		"s3_bucket_name":                 types.StringType,
		"s3_bucket_encryption_enabled":   types.BoolType,
		"s3_key_prefix":                  types.StringType,
	}
	execAttrTypes = map[string]attr.Type{
		"kms_key_id":        types.StringType,
		"logging":           types.StringType,
		"log_configuration": types.ObjectType{AttrTypes: logConfigAttrTypes},
	}
)

// logConfig builds a log_configuration object; attributes not given are null.
func logConfig(set map[string]attr.Value) types.Object {
	vals := map[string]attr.Value{
		"cloud_watch_log_group_name":     types.StringNull(),
		"cloud_watch_encryption_enabled": types.BoolNull(),
		"s3_bucket_name":                 types.StringNull(),
		"s3_bucket_encryption_enabled":   types.BoolNull(),
		"s3_key_prefix":                  types.StringNull(),
	}
	for k, v := range set {
		vals[k] = v
	}
	return types.ObjectValueMust(logConfigAttrTypes, vals)
}

func execConfig(logging types.String, lc types.Object) types.Object {
	return types.ObjectValueMust(execAttrTypes, map[string]attr.Value{
		"kms_key_id":        types.StringNull(),
		"logging":           logging,
		"log_configuration": lc,
	})
}

func TestExecuteCommandConfiguration(t *testing.T) {
	t.Parallel()
	p := path.Root("configuration").AtName("execute_command_configuration")
	lcp := p.AtName("log_configuration")
	s := types.StringValue
	b := types.BoolValue
	noLC := types.ObjectNull(logConfigAttrTypes)
	fullLC := logConfig(map[string]attr.Value{
		"cloud_watch_log_group_name": s("/ecs/exec"), "cloud_watch_encryption_enabled": b(true),
		"s3_bucket_name": s("bucket"), "s3_bucket_encryption_enabled": b(true), "s3_key_prefix": s("exec/"),
	})
	tests := []struct {
		name  string
		value types.Object
		want  []wantDiag
	}{
		{"null", types.ObjectNull(execAttrTypes), nil},
		{"unknown", types.ObjectUnknown(execAttrTypes), nil},
		{"null logging no log config", execConfig(types.StringNull(), noLC), nil},
		{"default", execConfig(s("DEFAULT"), noLC), nil},
		{"none", execConfig(s("NONE"), noLC), nil},
		{"override full", execConfig(s("OVERRIDE"), fullLC), nil},
		{"override empty log config", execConfig(s("OVERRIDE"), logConfig(nil)), nil},
		{"override without log config", execConfig(s("OVERRIDE"), noLC), []wantDiag{
			{lcp, `logging "OVERRIDE" requires log_configuration`},
		}},
		{"null logging with log config", execConfig(types.StringNull(), fullLC), []wantDiag{
			{lcp, `log_configuration is only allowed when logging is "OVERRIDE", but logging is "DEFAULT"`},
		}},
		{"none with log config", execConfig(s("NONE"), logConfig(nil)), []wantDiag{{lcp, `but logging is "NONE"`}}},
		{"unknown logging", execConfig(types.StringUnknown(), noLC), nil},
		{"unknown logging with log config", execConfig(types.StringUnknown(), fullLC), nil},
		{"override unknown log config", execConfig(s("OVERRIDE"), types.ObjectUnknown(logConfigAttrTypes)), nil},
		{"cloudwatch encryption without group", execConfig(s("OVERRIDE"), logConfig(map[string]attr.Value{"cloud_watch_encryption_enabled": b(true)})), []wantDiag{
			{lcp.AtName("cloud_watch_encryption_enabled"), "cloud_watch_encryption_enabled = true requires cloud_watch_log_group_name"},
		}},
		{"cloudwatch encryption empty group", execConfig(s("OVERRIDE"), logConfig(map[string]attr.Value{"cloud_watch_encryption_enabled": b(true), "cloud_watch_log_group_name": s("")})), []wantDiag{
			{lcp.AtName("cloud_watch_encryption_enabled"), "requires cloud_watch_log_group_name"},
		}},
		{"cloudwatch encryption unknown group", execConfig(s("OVERRIDE"), logConfig(map[string]attr.Value{"cloud_watch_encryption_enabled": b(true), "cloud_watch_log_group_name": types.StringUnknown()})), nil},
		{"cloudwatch encryption false", execConfig(s("OVERRIDE"), logConfig(map[string]attr.Value{"cloud_watch_encryption_enabled": b(false)})), nil},
		{"cloudwatch encryption unknown", execConfig(s("OVERRIDE"), logConfig(map[string]attr.Value{"cloud_watch_encryption_enabled": types.BoolUnknown()})), nil},
		{"s3 encryption without bucket", execConfig(s("OVERRIDE"), logConfig(map[string]attr.Value{"s3_bucket_encryption_enabled": b(true)})), []wantDiag{
			{lcp.AtName("s3_bucket_encryption_enabled"), "s3_bucket_encryption_enabled = true requires s3_bucket_name"},
		}},
		{"s3 key prefix without bucket", execConfig(s("OVERRIDE"), logConfig(map[string]attr.Value{"s3_key_prefix": s("exec/")})), []wantDiag{
			{lcp.AtName("s3_key_prefix"), `s3_key_prefix "exec/" requires s3_bucket_name`},
		}},
		{"s3 both without bucket", execConfig(s("OVERRIDE"), logConfig(map[string]attr.Value{"s3_key_prefix": s("x"), "s3_bucket_encryption_enabled": b(true)})), []wantDiag{
			{lcp.AtName("s3_bucket_encryption_enabled"), "requires s3_bucket_name"},
			{lcp.AtName("s3_key_prefix"), "requires s3_bucket_name"},
		}},
		{"s3 unknown bucket", execConfig(s("OVERRIDE"), logConfig(map[string]attr.Value{"s3_key_prefix": s("x"), "s3_bucket_encryption_enabled": b(true), "s3_bucket_name": types.StringUnknown()})), nil},
		{"s3 unknown prefix", execConfig(s("OVERRIDE"), logConfig(map[string]attr.Value{"s3_key_prefix": types.StringUnknown()})), nil},
		{"s3 empty prefix", execConfig(s("OVERRIDE"), logConfig(map[string]attr.Value{"s3_key_prefix": s("")})), nil},
		{"all rules", execConfig(types.StringNull(), logConfig(map[string]attr.Value{
			"cloud_watch_encryption_enabled": b(true), "s3_bucket_encryption_enabled": b(true), "s3_key_prefix": s("p"),
		})), []wantDiag{
			{lcp, "only allowed when logging is"},
			{lcp.AtName("cloud_watch_encryption_enabled"), "requires cloud_watch_log_group_name"},
			{lcp.AtName("s3_bucket_encryption_enabled"), "requires s3_bucket_name"},
			{lcp.AtName("s3_key_prefix"), "requires s3_bucket_name"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			resp := &validator.ObjectResponse{}
			validators.ExecuteCommandConfiguration().ValidateObject(context.Background(), validator.ObjectRequest{Path: p, ConfigValue: tt.value}, resp)
			checkDiags(t, resp.Diagnostics, tt.want)
		})
	}
}

func TestExecuteCommandConfigurationUnexpectedShape(t *testing.T) {
	t.Parallel()
	v := types.ObjectValueMust(
		map[string]attr.Type{"logging": types.BoolType, "log_configuration": types.StringType},
		map[string]attr.Value{"logging": types.BoolValue(true), "log_configuration": types.StringValue("x")},
	)
	resp := &validator.ObjectResponse{}
	validators.ExecuteCommandConfiguration().ValidateObject(context.Background(), validator.ObjectRequest{Path: path.Root("x"), ConfigValue: v}, resp)
	checkDiags(t, resp.Diagnostics, nil)
}
