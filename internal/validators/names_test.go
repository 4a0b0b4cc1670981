package validators_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecsx/terraform-provider-ecsx/internal/validators"
)

type stringCase struct {
	name  string
	value types.String
	want  []string // detail substrings, all at the request path
}

func runStringCases(t *testing.T, v validator.String, attrName string, cases []stringCase) {
	t.Helper()
	p := path.Root(attrName)
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			resp := &validator.StringResponse{}
			v.ValidateString(context.Background(), validator.StringRequest{Path: p, PathExpression: p.Expression(), ConfigValue: tt.value}, resp)
			want := make([]wantDiag, len(tt.want))
			for i, s := range tt.want {
				want[i] = wantDiag{p, s}
			}
			checkDiags(t, resp.Diagnostics, want)
		})
	}
}

func TestClusterName(t *testing.T) {
	t.Parallel()
	const rule = "must be 1 to 255 characters of letters, digits, hyphens (-) and underscores (_)"
	runStringCases(t, validators.ClusterName(), "name", []stringCase{
		{"null", types.StringNull(), nil},
		{"unknown", types.StringUnknown(), nil},
		{"simple", types.StringValue("my-cluster_1"), nil},
		{"max length", types.StringValue(strings.Repeat("a", 255)), nil},
		{"default", types.StringValue("default"), nil},
		{"empty", types.StringValue(""), []string{rule}},
		{"too long", types.StringValue(strings.Repeat("a", 256)), []string{rule}},
		{"space", types.StringValue("my cluster"), []string{"Attribute name " + rule + `, got: my cluster`}},
		{"non-ascii", types.StringValue("clüster"), []string{rule}},
		{"arn", types.StringValue("arn:aws:ecs:us-east-1:123456789012:cluster/x"), []string{rule}},
	})
}

func TestCapacityProviderName(t *testing.T) {
	t.Parallel()
	const pattern = "must be 1 to 255 characters of letters, digits"
	runStringCases(t, validators.CapacityProviderName(), "capacity_provider", []stringCase{
		{"null", types.StringNull(), nil},
		{"unknown", types.StringUnknown(), nil},
		{"fargate", types.StringValue("FARGATE"), nil},
		{"fargate spot", types.StringValue("FARGATE_SPOT"), nil},
		{"custom", types.StringValue("my-asg-cp"), nil},
		{"max length", types.StringValue("c" + strings.Repeat("a", 254)), nil},
		{"aws prefix", types.StringValue("AWS-cp"), []string{`capacity provider name "AWS-cp" starts with the reserved prefix "aws"`}},
		{"ecs prefix", types.StringValue("ecs_cp"), []string{`reserved prefix "ecs"`}},
		{"fargate lower", types.StringValue("fargate"), []string{`reserved prefix "fargate"`}},
		{"fargate variant", types.StringValue("FARGATE_SPOT2"), []string{`reserved prefix "fargate"`}},
		{"bad chars", types.StringValue("my cp"), []string{pattern}},
		{"empty", types.StringValue(""), []string{pattern}},
		{"too long", types.StringValue("c" + strings.Repeat("a", 255)), []string{pattern}},
		{"both", types.StringValue("aws cp"), []string{pattern, "reserved prefix"}},
	})
}

func TestNamePrefix(t *testing.T) {
	t.Parallel()
	runStringCases(t, validators.NamePrefix(26), "name_prefix", []stringCase{
		{"null", types.StringNull(), nil},
		{"unknown", types.StringUnknown(), nil},
		{"empty", types.StringValue(""), nil},
		{"simple", types.StringValue("web-"), nil},
		{"max length", types.StringValue(strings.Repeat("a", 229)), nil},
		{"too long", types.StringValue(strings.Repeat("a", 230)), []string{"must be at most 229 characters of letters, digits, hyphens (-) and underscores (_) (a 26-character suffix"}},
		{"bad chars", types.StringValue("web."), []string{"at most 229 characters"}},
	})
	runStringCases(t, validators.NamePrefix(300), "name_prefix", []stringCase{
		{"no room empty", types.StringValue(""), nil},
		{"no room", types.StringValue("a"), []string{"must be at most 0 characters"}},
	})
}

func TestCapacityProviderNamePrefix(t *testing.T) {
	t.Parallel()
	runStringCases(t, validators.CapacityProviderNamePrefix(26), "name_prefix", []stringCase{
		{"null", types.StringNull(), nil},
		{"unknown", types.StringUnknown(), nil},
		{"empty", types.StringValue(""), nil},
		{"simple", types.StringValue("ec2-"), nil},
		{"short of a reserved word", types.StringValue("fargat"), nil},
		{"short of ecs", types.StringValue("ec"), nil},
		{"max length", types.StringValue("c" + strings.Repeat("a", 228)), nil},
		{"too long", types.StringValue("c" + strings.Repeat("a", 229)), []string{"must be at most 229 characters"}},
		{"aws", types.StringValue("AWS-"), []string{`name_prefix "AWS-" starts with the reserved prefix "aws"`}},
		{"ecs", types.StringValue("ecs_"), []string{`reserved prefix "ecs"`}},
		{"fargate is not exempt", types.StringValue("FARGATE"), []string{`reserved prefix "fargate"`}},
		{"both", types.StringValue("aws."), []string{"must be at most 229 characters", `reserved prefix "aws"`}},
	})
}

func TestNamespace(t *testing.T) {
	t.Parallel()
	runStringCases(t, validators.Namespace(), "service_connect_defaults.namespace", []stringCase{
		{"null", types.StringNull(), nil},
		{"unknown", types.StringUnknown(), nil},
		{"arn", types.StringValue("arn:aws:servicediscovery:us-east-1:123456789012:namespace/ns-abcdef0123456789"), nil},
		{"name", types.StringValue("my-namespace.local"), nil},
		{"empty", types.StringValue(""), []string{"Namespace is empty"}},
		{"slash", types.StringValue("a/b"), []string{`Namespace name "a/b" contains "/"`}},
		{"quote", types.StringValue(`a"b`), []string{"must not contain"}},
		{"too long", types.StringValue(strings.Repeat("n", 1025)), []string{"must be 1 to 1024 characters long"}},
		{"wrong arn", types.StringValue("arn:aws:servicediscovery:us-east-1:123456789012:service/srv-1"), []string{"not a valid Cloud Map namespace ARN"}},
	})
}

func TestDescriptions(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	describers := map[string]validator.Describer{
		"Tags":                        validators.Tags(),
		"ClusterName":                 validators.ClusterName(),
		"CapacityProviderName":        validators.CapacityProviderName(),
		"NamePrefix":                  validators.NamePrefix(26),
		"CapacityProviderNamePrefix":  validators.CapacityProviderNamePrefix(26),
		"ContainerInsightsSetting":    validators.ContainerInsightsSetting(),
		"UniqueSettingNames":          validators.UniqueSettingNames(),
		"ExecuteCommandConfiguration": validators.ExecuteCommandConfiguration(),
		"Strategy":                    validators.Strategy(),
		"StrategyProvidersAssociated": validators.StrategyProvidersAssociated(path.MatchRoot("capacity_providers")),
		"Namespace":                   validators.Namespace(),
		"NameMatchesPrefix":           validators.NameMatchesPrefix(),
		"DurationBetween":             validators.DurationBetween(time.Second, time.Hour),
		"AtLeastOneAttribute":         validators.AtLeastOneAttribute("a", "b"),
		"Regexp":                      validators.Regexp(),
		"JSONObject":                  validators.JSONObject(),
		"SessionTags":                 validators.SessionTags(),
		"TerminationProtection":       validators.TerminationProtectionNeedsScaling(),
		"StepSizesOrdered":            validators.StepSizesOrdered(1, 10000),
		"RangeOrdered":                validators.RangeOrdered(),
		"NitroWithoutLocalStorage":    validators.NitroWithoutLocalStorage(),
	}
	for name, d := range describers {
		if d.Description(ctx) == "" {
			t.Errorf("%s: empty Description", name)
		}
		if d.MarkdownDescription(ctx) == "" {
			t.Errorf("%s: empty MarkdownDescription", name)
		}
	}
	if got := validators.StrategyProvidersAssociated(path.MatchRoot("capacity_providers")).Description(ctx); !strings.Contains(got, "capacity_providers") {
		t.Errorf("StrategyProvidersAssociated description %q does not name the providers attribute", got)
	}
}
