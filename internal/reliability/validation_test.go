package reliability_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/ecsx/terraform-provider-ecsx/internal/acctest"
)

// invalidCase is a configuration that must be refused at plan time.
type invalidCase struct {
	// provider is extra content of the provider block.
	provider string
	// body is the content of resource "ecsx_cluster" "test".
	body string
	// want must match the diagnostics: it names the attribute and the
	// rule. Spaces match any run of white space (Terraform wraps text).
	want string
}

// invalidInputs is the table of bad input. Every validation rule of the
// schema is represented, with wrong types, empty strings, unicode and
// boundary lengths.
func invalidInputs() map[string]invalidCase {
	long := func(c string, n int) string { return strings.Repeat(c, n) }
	return map[string]invalidCase{
		// name and name_prefix
		"name empty":              {body: `name = ""`, want: `name.*must be 1 to 255 characters`},
		"name 256 chars":          {body: fmt.Sprintf("name = %q", long("a", 256)), want: `name.*must be 1 to 255 characters`},
		"name unicode":            {body: `name = "clüster"`, want: `name.*must be 1 to 255 characters`},
		"name emoji":              {body: `name = "web-🚀"`, want: `name.*must be 1 to 255 characters`},
		"name dot":                {body: `name = "web.prod"`, want: `name.*must be 1 to 255 characters`},
		"name slash":              {body: `name = "team/web"`, want: `name.*must be 1 to 255 characters`},
		"name leading space":      {body: `name = " web"`, want: `name.*must be 1 to 255 characters`},
		"name wrong type":         {body: `name = ["web"]`, want: `Inappropriate value for attribute "name": string required`},
		"name_prefix too long":    {body: fmt.Sprintf("name_prefix = %q", long("p", 250)), want: `name_prefix.*must be at most \d+ characters`},
		"name_prefix unicode":     {body: `name_prefix = "pré-"`, want: `name_prefix.*must be at most \d+ characters`},
		"name with name_prefix":   {body: "name = \"web\"\n  name_prefix = \"web-\"", want: `name_prefix.*cannot be specified when.*name`},
		"unknown argument":        {body: `colour = "red"`, want: `Unsupported argument.*"colour"`},
		"timeouts wrong duration": {body: `timeouts = { create = "soon" }`, want: `Attribute timeouts\.create: "soon" is not a duration`},
		"timeouts zero":           {body: `timeouts = { delete = "0s" }`, want: `Attribute timeouts\.delete must be between 1s and 24h0m0s, got 0s`},

		// tags
		"51 tags":            {body: `tags = { ` + manyTags("t", 51) + ` }`, want: `tags.*51 tags given; at most 50`},
		"tag key empty":      {body: `tags = { "" = "v" }`, want: `tags.*Tag key "" is 0 characters long`},
		"tag key 129 chars":  {body: fmt.Sprintf("tags = { %q = \"v\" }", long("k", 129)), want: `tags.*is 129 characters long; a tag key must be 1 to 128`},
		"tag value 257":      {body: fmt.Sprintf("tags = { k = %q }", long("v", 257)), want: `tags.*257 characters long; a tag value must be at most 256`},
		"tag key emoji":      {body: `tags = { "team🔥" = "v" }`, want: `tags.*outside the allowed set`},
		"tag key newline":    {body: `tags = { "a\nb" = "v" }`, want: `tags.*outside the allowed set`},
		"tag value bracket":  {body: `tags = { k = "<script>" }`, want: `tags.*Value "<script>" of tag "k" contains characters outside the allowed set`},
		"tag key AWS: case":  {body: `tags = { "AWS:Owner" = "me" }`, want: `tags.*"AWS:Owner" uses the reserved prefix "aws:"`},
		"tag value aws:":     {body: `tags = { owner = "Aws:someone" }`, want: `tags.*"Aws:someone" of tag "owner" uses the reserved prefix`},
		"tags wrong type":    {body: `tags = ["a", "b"]`, want: `Inappropriate value for attribute "tags": map of string required`},
		"default_tags aws:":  {provider: `  default_tags = { tags = { "aws:team" = "x" } }`, want: `provider "ecsx".*Attribute default_tags\.tags\["aws:team"\]: Tag key "aws:team" uses the reserved prefix`},
		"default_tags 51":    {provider: `  default_tags = { tags = { ` + manyTags("d", 51) + ` } }`, want: `provider "ecsx".*Attribute default_tags\.tags: Tags: 51 tags given; at most 50`},
		"default_tags value": {provider: `  default_tags = { tags = { team = "a|b" } }`, want: `provider "ecsx".*Attribute default_tags\.tags\["team"\]: Value "a\|b" of tag "team" contains characters outside the allowed set`},

		// settings
		"settings empty list":   {body: `settings = []`, want: `settings.*at least 1`},
		"setting name case":     {body: `settings = [{ name = "containerinsights", value = "enabled" }]`, want: `settings\[0\].*"containerinsights" is not supported`},
		"setting value empty":   {body: `settings = [{ name = "containerInsights", value = "" }]`, want: `settings\[0\].*containerInsights value "" is not supported`},
		"setting value case":    {body: `settings = [{ name = "containerInsights", value = "ENABLED" }]`, want: `settings\[0\].*containerInsights value "ENABLED" is not supported`},
		"setting duplicate":     {body: `settings = [{ name = "containerInsights", value = "enabled" }, { name = "containerInsights", value = "disabled" }]`, want: `settings\[1\].*already given at index 0`},
		"settings wrong type":   {body: `settings = "enabled"`, want: `Inappropriate value for attribute "settings"`},
		"setting missing value": {body: `settings = [{ name = "containerInsights" }]`, want: `Inappropriate value for attribute "settings".*"value" is required`},

		// configuration
		"configuration empty":     {body: `configuration = {}`, want: `configuration.*set at least one of`},
		"override without logs":   {body: `configuration = { execute_command_configuration = { logging = "OVERRIDE" } }`, want: `execute_command_configuration.*logging "OVERRIDE" requires log_configuration`},
		"log config with DEFAULT": {body: `configuration = { execute_command_configuration = { logging = "DEFAULT", log_configuration = { s3_bucket_name = "bucket" } } }`, want: `log_configuration.*only allowed when logging is "OVERRIDE", but logging is "DEFAULT"`},
		"logging unknown value":   {body: `configuration = { execute_command_configuration = { logging = "VERBOSE" } }`, want: `logging.*value must be one of`},
		"exec kms empty":          {body: `configuration = { execute_command_configuration = { kms_key_id = "" } }`, want: `kms_key_id.*at least 1`},
		"log group empty": {body: `configuration = { execute_command_configuration = { logging = "OVERRIDE", log_configuration = { cloud_watch_log_group_name = "" } } }`,
			want: `cloud_watch_log_group_name.*length`},
		"s3 bucket 2 chars": {body: `configuration = { execute_command_configuration = { logging = "OVERRIDE", log_configuration = { s3_bucket_name = "ab" } } }`,
			want: `s3_bucket_name.*length`},
		"cw encryption without group": {body: `configuration = { execute_command_configuration = { logging = "OVERRIDE", log_configuration = { s3_bucket_name = "bucket", cloud_watch_encryption_enabled = true } } }`,
			want: `log_configuration.*cloud_watch_encryption_enabled = true requires cloud_watch_log_group_name`},
		"s3 encryption without bucket": {body: `configuration = { execute_command_configuration = { logging = "OVERRIDE", log_configuration = { cloud_watch_log_group_name = "g", s3_encryption_enabled = true } } }`,
			want: `log_configuration.*s3_encryption_enabled = true requires s3_bucket_name`},
		"s3 prefix without bucket": {body: `configuration = { execute_command_configuration = { logging = "OVERRIDE", log_configuration = { cloud_watch_log_group_name = "g", s3_key_prefix = "p/" } } }`,
			want: `log_configuration.*s3_key_prefix "p/" requires s3_bucket_name`},
		"managed storage empty": {body: `configuration = { managed_storage_configuration = {} }`, want: `managed_storage_configuration.*set at least one of`},
		"managed storage kms empty": {body: `configuration = { managed_storage_configuration = { kms_key_id = "" } }`,
			want: `managed_storage_configuration.kms_key_id.*at least 1`},

		// capacity providers and strategy
		"provider aws prefix":    {body: `capacity_providers = ["aws-mine"]`, want: `capacity_providers.*"aws-mine" starts with the reserved prefix`},
		"provider ECS prefix":    {body: `capacity_providers = ["ECS_pool"]`, want: `capacity_providers.*"ECS_pool" starts with the reserved prefix`},
		"provider empty":         {body: `capacity_providers = [""]`, want: `capacity_providers.*must be 1 to 255 characters`},
		"provider 256 chars":     {body: fmt.Sprintf("capacity_providers = [%q]", long("c", 256)), want: `capacity_providers.*must be 1 to 255 characters`},
		"providers wrong type":   {body: `capacity_providers = "FARGATE"`, want: `Inappropriate value for attribute "capacity_providers": set of string required`},
		"7 items with two bases": {body: sevenItemsTwoBases(), want: `default_capacity_provider_strategy.*gives a base greater than 0 to 2 items`},
		"21 strategy items":      {body: strategyItems(21), want: `default_capacity_provider_strategy.*has 21 items; at most 20`},
		"base above 100000": {body: "capacity_providers = [\"FARGATE\"]\n  default_capacity_provider_strategy = [{ capacity_provider = \"FARGATE\", base = 100001 }]",
			want: `base.*between 0 and 100000`},
		"weight negative": {body: "capacity_providers = [\"FARGATE\"]\n  default_capacity_provider_strategy = [{ capacity_provider = \"FARGATE\", weight = -1 }]",
			want: `weight.*between 0 and 1000`},
		"weight wrong type": {body: "capacity_providers = [\"FARGATE\"]\n  default_capacity_provider_strategy = [{ capacity_provider = \"FARGATE\", weight = \"heavy\" }]",
			want: `Inappropriate value for attribute "default_capacity_provider_strategy": a number is required`},
		"strategy duplicate provider": {body: "capacity_providers = [\"FARGATE\"]\n  default_capacity_provider_strategy = [{ capacity_provider = \"FARGATE\", weight = 1 }, { capacity_provider = \"FARGATE\", weight = 2 }]",
			want: `default_capacity_provider_strategy.*"FARGATE" appears more than once`},
		"strategy all weights zero": {body: "capacity_providers = [\"FARGATE\", \"FARGATE_SPOT\"]\n  default_capacity_provider_strategy = [{ capacity_provider = \"FARGATE\" }, { capacity_provider = \"FARGATE_SPOT\" }]",
			want: `default_capacity_provider_strategy.*all weights are 0`},
		"strategy without providers": {body: `default_capacity_provider_strategy = [{ capacity_provider = "FARGATE", weight = 1 }]`,
			want: `default_capacity_provider_strategy.*the cluster has no capacity providers`},
		"strategy item without provider": {body: "capacity_providers = [\"FARGATE\"]\n  default_capacity_provider_strategy = [{ weight = 1 }]",
			want: `Inappropriate value for attribute "default_capacity_provider_strategy".*"capacity_provider" is required`},

		// Service Connect
		"namespace empty":   {body: `service_connect_defaults = { namespace = "" }`, want: `service_connect_defaults.namespace: Namespace is empty`},
		"namespace 1025":    {body: fmt.Sprintf("service_connect_defaults = { namespace = %q }", long("n", 1025)), want: `namespace.*1025 characters long`},
		"namespace slash":   {body: `service_connect_defaults = { namespace = "team/web" }`, want: `namespace.*must not contain`},
		"namespace quote":   {body: `service_connect_defaults = { namespace = "a\"b" }`, want: `namespace.*must not contain`},
		"namespace gt":      {body: `service_connect_defaults = { namespace = "a>b" }`, want: `namespace.*must not contain`},
		"namespace bad ARN": {body: `service_connect_defaults = { namespace = "arn:aws:servicediscovery:us-east-1:123456789012:namespace/x" }`, want: `namespace.*not a valid Cloud Map namespace ARN`},
		"namespace missing": {body: `service_connect_defaults = {}`, want: `Inappropriate value for attribute "service_connect_defaults".*"namespace" is required`},

		// provider configuration
		"max_retries 101":  {provider: `  max_retries = 101`, want: `max_retries.*between 0 and 100`},
		"retry_mode fast":  {provider: `  retry_mode = "fast"`, want: `retry_mode.*value must be one of`},
		"computed arn set": {body: `arn = "arn:aws:ecs:us-east-1:123456789012:cluster/x"`, want: `Read-Only Attribute.*arn = "arn:aws:ecs`},
	}
}

// manyTags returns n HCL map entries with keys prefix0, prefix1, ...
func manyTags(prefix string, n int) string {
	entries := make([]string, n)
	for i := range entries {
		entries[i] = fmt.Sprintf("%s%d = \"v\"", prefix, i)
	}
	return strings.Join(entries, ", ")
}

// strategyItems is a cluster with n providers and a strategy of n items.
func strategyItems(n int) string {
	providers := make([]string, n)
	items := make([]string, n)
	for i := range providers {
		providers[i] = fmt.Sprintf("%q", fmt.Sprintf("pool%d", i))
		items[i] = fmt.Sprintf("{ capacity_provider = \"pool%d\", weight = 1 }", i)
	}
	return fmt.Sprintf("capacity_providers = [%s]\n  default_capacity_provider_strategy = [%s]",
		strings.Join(providers, ", "), strings.Join(items, ", "))
}

// sevenItemsTwoBases is a valid 7-item strategy except that two items have
// a base.
func sevenItemsTwoBases() string {
	names := []string{"FARGATE", "FARGATE_SPOT", "pool1", "pool2", "pool3", "pool4", "pool5"}
	providers := make([]string, len(names))
	items := make([]string, len(names))
	for i, n := range names {
		providers[i] = fmt.Sprintf("%q", n)
		base := 0
		if i < 2 {
			base = 10
		}
		items[i] = fmt.Sprintf("{ capacity_provider = %q, weight = 1, base = %d }", n, base)
	}
	return fmt.Sprintf("capacity_providers = [%s]\n  default_capacity_provider_strategy = [%s]",
		strings.Join(providers, ", "), strings.Join(items, ", "))
}

// wantRegexp compiles a case's expectation: (?s), spaces as \s+.
func wantRegexp(want string) *regexp.Regexp {
	return regexp.MustCompile(`(?s)` + strings.ReplaceAll(want, " ", `\s+`))
}

// TestValidation_invalidInputs plans every invalid configuration of the
// table against its own sandbox: each must fail at plan time with a
// diagnostic naming the attribute and the rule, and ECS must not be called.
func TestValidation_invalidInputs(t *testing.T) {
	acctest.SkipOnAWS(t)
	t.Parallel()
	cases := invalidInputs()
	if len(cases) < 40 {
		t.Fatalf("the table has %d invalid inputs, want at least 40", len(cases))
	}
	for name, tc := range cases {
		t.Run(strings.ReplaceAll(name, " ", "_"), func(t *testing.T) {
			t.Parallel()
			env := acctest.New(t)
			acctest.Test(t, resource.TestCase{
				Steps: []resource.TestStep{{
					Config: env.ProviderConfigWith(tc.provider) + fmt.Sprintf(`
resource "ecsx_cluster" "test" {
  %s
}
`, tc.body),
					PlanOnly:    true,
					ExpectError: wantRegexp(tc.want),
				}},
			})
			if n := env.Sandbox.TotalCalls(); n != 0 {
				t.Errorf("an invalid configuration made %d ECS calls, want 0: %v", n, env.Sandbox.Stats().Calls)
			}
		})
	}
}
