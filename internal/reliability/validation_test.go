package reliability_test

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/ecsx/terraform-provider-ecsx/internal/acctest"
	"github.com/ecsx/terraform-provider-ecsx/internal/sandbox"
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
// schema is represented, with wrong types, empty strings, unicode,
// boundary lengths, misspelled arguments and blocks at every nesting level,
// repeated blocks and the attribute syntax of blocks.
func invalidInputs() map[string]invalidCase {
	long := func(c string, n int) string { return strings.Repeat(c, n) }
	return map[string]invalidCase{
		// name, name_prefix and region
		"name empty":               {body: `name = ""`, want: `name.*must be 1 to 255 characters`},
		"name 256 chars":           {body: fmt.Sprintf("name = %q", long("a", 256)), want: `name.*must be 1 to 255 characters`},
		"name unicode":             {body: `name = "clüster"`, want: `name.*must be 1 to 255 characters`},
		"name emoji":               {body: `name = "web-🚀"`, want: `name.*must be 1 to 255 characters`},
		"name dot":                 {body: `name = "web.prod"`, want: `name.*must be 1 to 255 characters`},
		"name slash":               {body: `name = "team/web"`, want: `name.*must be 1 to 255 characters`},
		"name leading space":       {body: `name = " web"`, want: `name.*must be 1 to 255 characters`},
		"name wrong type":          {body: `name = ["web"]`, want: `Inappropriate value for attribute "name": string required`},
		"name_prefix too long":     {body: fmt.Sprintf("name_prefix = %q", long("p", 250)), want: `name_prefix.*must be at most \d+ characters`},
		"name_prefix unicode":      {body: `name_prefix = "pré-"`, want: `name_prefix.*must be at most \d+ characters`},
		"name without name_prefix": {body: "name = \"web\"\n  name_prefix = \"api-\"", want: `Attribute name.*name "web" and name_prefix "api-" are both set, but the name does not begin with the prefix`},
		"name_prefix case":         {body: "name = \"Web-1\"\n  name_prefix = \"web-\"", want: `name "Web-1" and name_prefix "web-" are both set, but the name does not begin`},
		"region unknown shape":     {body: `region = "mars-1"`, want: `region.*must be an AWS region name such as eu-west-1`},
		"region upper case":        {body: `region = "EU-WEST-1"`, want: `region.*must be an AWS region name such as eu-west-1`},
		"region empty":             {body: `region = ""`, want: `region.*must be an AWS region name such as eu-west-1`},
		"region wrong type":        {body: `region = ["eu-west-1"]`, want: `Inappropriate value for attribute "region": string required`},
		"unknown argument":         {body: `colour = "red"`, want: `Unsupported argument.*"colour"`},
		"unknown block":            {body: `colour {}`, want: `Unsupported block type.*"colour"`},
		"timeouts wrong duration":  {body: `timeouts { create = "soon" }`, want: `Attribute timeouts\.create: "soon" is not a duration`},
		"timeouts zero":            {body: `timeouts { delete = "0s" }`, want: `Attribute timeouts\.delete must be between 1s and 24h0m0s, got 0s`},
		"timeouts misspelled":      {body: `timeouts { craete = "5m" }`, want: `Unsupported argument.*"craete" is not expected here`},
		"timeouts as attribute":    {body: `timeouts = { create = "5m" }`, want: `Unsupported argument.*"timeouts" is not expected here.*define a block`},
		"computed arn set":         {body: `arn = "arn:aws:ecs:us-east-1:123456789012:cluster/x"`, want: `Read-Only Attribute.*arn = "arn:aws:ecs`},
		"computed attachments set": {body: `attachments = []`, want: `Read-Only Attribute.*attachments`},

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
		"tags_all set":       {body: `tags_all = { k = "v" }`, want: `Read-Only Attribute.*tags_all`},
		"default_tags aws:":  {provider: defaultTags(`"aws:team" = "x"`), want: `provider "ecsx".*Attribute default_tags.*tags\["aws:team"\]: Tag key "aws:team" uses the reserved prefix`},
		"default_tags 51":    {provider: defaultTags(manyTags("d", 51)), want: `provider "ecsx".*Attribute default_tags.*tags: Tags: 51 tags given; at most 50`},
		"default_tags value": {provider: defaultTags(`team = "a|b"`), want: `provider "ecsx".*Attribute default_tags.*tags\["team"\]: Value "a\|b" of tag "team" contains characters outside the allowed set`},

		// setting
		"setting name case":        {body: setting(`name = "containerinsights"`, `value = "enabled"`), want: `Attribute setting.*setting name "containerinsights" is not supported`},
		"setting value empty":      {body: setting(`name = "containerInsights"`, `value = ""`), want: `Attribute setting.*containerInsights value "" is not supported`},
		"setting value case":       {body: setting(`name = "containerInsights"`, `value = "ENABLED"`), want: `Attribute setting.*containerInsights value "ENABLED" is not supported`},
		"setting same name twice":  {body: setting(`name = "containerInsights"`, `value = "enabled"`) + "\n  " + setting(`name = "containerInsights"`, `value = "disabled"`), want: `setting.*"containerInsights" is given more than once with different values`},
		"setting missing value":    {body: setting(`name = "containerInsights"`), want: `Missing required argument.*"value" is required`},
		"setting misspelled key":   {body: setting(`name = "containerInsights"`, `vaule = "enabled"`), want: `Unsupported argument.*"vaule" is not expected here`},
		"setting value wrong type": {body: setting(`name = "containerInsights"`, `value = ["enabled"]`), want: `Inappropriate value for attribute "value": string required`},
		"settings old name":        {body: `settings = [{ name = "containerInsights", value = "enabled" }]`, want: `Unsupported argument.*"settings" is not expected here`},
		"setting as attribute":     {body: `setting = [{ name = "containerInsights", value = "enabled" }]`, want: `Unsupported argument.*"setting" is not expected here.*define a block`},

		// configuration
		"configuration empty":          {body: `configuration {}`, want: `configuration.*set at least one of`},
		"two configuration blocks":     {body: execConfig(`logging = "NONE"`) + "\n  " + execConfig(`logging = "DEFAULT"`), want: `configuration.*must contain at most 1 elements`},
		"two exec configurations":      {body: "configuration {\n    execute_command_configuration {}\n    execute_command_configuration {}\n  }", want: `execute_command_configuration.*must contain at most 1 elements`},
		"two log configurations":       {body: execConfig(`logging = "OVERRIDE"`, `log_configuration { s3_bucket_name = "bucket" }`, `log_configuration { s3_bucket_name = "other" }`), want: `log_configuration.*must contain at most 1 elements`},
		"configuration misspelled key": {body: "configuration {\n    execute_commnd_configuration {}\n  }", want: `Unsupported block type.*"execute_commnd_configuration" are not expected here. Did you mean "execute_command_configuration"`},
		"configuration as attribute":   {body: `configuration = { execute_command_configuration = { logging = "NONE" } }`, want: `Unsupported argument.*"configuration" is not expected here.*define a block`},
		"override without logs":        {body: execConfig(`logging = "OVERRIDE"`), want: `execute_command_configuration.*logging "OVERRIDE" requires log_configuration`},
		"log config with DEFAULT":      {body: execConfig(`logging = "DEFAULT"`, `log_configuration { s3_bucket_name = "bucket" }`), want: `log_configuration.*only allowed when logging is "OVERRIDE", but logging is "DEFAULT"`},
		"logging unknown value":        {body: execConfig(`logging = "VERBOSE"`), want: `execute_command_configuration\[0\]\.logging: must be one of`},
		"exec misspelled key":          {body: execConfig(`loging = "NONE"`), want: `Unsupported argument.*"loging" is not expected here`},
		"exec kms empty":               {body: execConfig(`kms_key_id = ""`), want: `kms_key_id.*at least 1`},
		"log group empty":              {body: execConfig(`logging = "OVERRIDE"`, `log_configuration { cloud_watch_log_group_name = "" }`), want: `cloud_watch_log_group_name.*length`},
		"s3 bucket 2 chars":            {body: execConfig(`logging = "OVERRIDE"`, `log_configuration { s3_bucket_name = "ab" }`), want: `s3_bucket_name.*length`},
		"cw encryption without group": {body: execConfig(`logging = "OVERRIDE"`, "log_configuration {\n        s3_bucket_name = \"bucket\"\n        cloud_watch_encryption_enabled = true\n      }"),
			want: `log_configuration.*cloud_watch_encryption_enabled = true requires cloud_watch_log_group_name`},
		"s3 encryption without bucket": {body: execConfig(`logging = "OVERRIDE"`, "log_configuration {\n        cloud_watch_log_group_name = \"g\"\n        s3_bucket_encryption_enabled = true\n      }"),
			want: `log_configuration.*s3_bucket_encryption_enabled = true requires s3_bucket_name`},
		"s3 prefix without bucket": {body: execConfig(`logging = "OVERRIDE"`, "log_configuration {\n        cloud_watch_log_group_name = \"g\"\n        s3_key_prefix = \"p/\"\n      }"),
			want: `log_configuration.*s3_key_prefix "p/" requires s3_bucket_name`},
		"s3_encryption_enabled old name": {body: execConfig(`logging = "OVERRIDE"`, "log_configuration {\n        s3_bucket_name = \"bucket\"\n        s3_encryption_enabled = true\n      }"),
			want: `Unsupported argument.*"s3_encryption_enabled" is not expected here`},
		"log configuration misspelled key": {body: execConfig(`logging = "OVERRIDE"`, `log_configuration { s3_bucket = "bucket" }`), want: `Unsupported argument.*"s3_bucket" is not expected here`},
		"log encryption wrong type": {body: execConfig(`logging = "OVERRIDE"`, "log_configuration {\n        cloud_watch_log_group_name = \"g\"\n        cloud_watch_encryption_enabled = \"maybe\"\n      }"),
			want: `Inappropriate value for attribute "cloud_watch_encryption_enabled": a bool is required`},
		"managed storage empty":          {body: "configuration {\n    managed_storage_configuration {}\n  }", want: `managed_storage_configuration.*set at least one of`},
		"managed storage kms empty":      {body: "configuration {\n    managed_storage_configuration {\n      kms_key_id = \"\"\n    }\n  }", want: `managed_storage_configuration.*kms_key_id.*at least 1`},
		"managed storage misspelled key": {body: "configuration {\n    managed_storage_configuration {\n      kms_key = \"k\"\n    }\n  }", want: `Unsupported argument.*"kms_key" is not expected here`},
		"two managed storage blocks": {body: "configuration {\n    managed_storage_configuration {\n      kms_key_id = \"a\"\n    }\n    managed_storage_configuration {\n      kms_key_id = \"b\"\n    }\n  }",
			want: `managed_storage_configuration.*must contain at most 1 elements`},

		// capacity providers and strategy
		"provider aws prefix":    {body: `capacity_providers = ["aws-mine"]`, want: `capacity_providers.*"aws-mine" starts with the reserved prefix`},
		"provider ECS prefix":    {body: `capacity_providers = ["ECS_pool"]`, want: `capacity_providers.*"ECS_pool" starts with the reserved prefix`},
		"provider empty":         {body: `capacity_providers = [""]`, want: `capacity_providers.*must be 1 to 255 characters`},
		"provider 256 chars":     {body: fmt.Sprintf("capacity_providers = [%q]", long("c", 256)), want: `capacity_providers.*must be 1 to 255 characters`},
		"providers wrong type":   {body: `capacity_providers = "FARGATE"`, want: `Inappropriate value for attribute "capacity_providers": set of string required`},
		"7 items with two bases": {body: sevenItemsTwoBases(), want: `default_capacity_provider_strategy.*gives a base greater than 0 to 2 items`},
		"21 strategy items":      {body: strategyItems(21), want: `default_capacity_provider_strategy.*has 21 items; at most 20`},
		"base above 100000":      {body: fargate(strategyItem(`capacity_provider = "FARGATE"`, `base = 100001`)), want: `base.*between 0 and 100000`},
		"weight negative":        {body: fargate(strategyItem(`capacity_provider = "FARGATE"`, `weight = -1`)), want: `default_capacity_provider_strategy\[capacity_provider = "FARGATE"\]\.weight: must be between 0 and 1000, got -1`},
		"weight wrong type":      {body: fargate(strategyItem(`capacity_provider = "FARGATE"`, `weight = "heavy"`)), want: `Inappropriate value for attribute "weight": a number is required`},
		"strategy duplicate provider": {body: fargate(strategyItem(`capacity_provider = "FARGATE"`, `weight = 1`), strategyItem(`capacity_provider = "FARGATE"`, `weight = 2`)),
			want: `default_capacity_provider_strategy.*"FARGATE" appears more than once`},
		"strategy all weights zero": {body: "capacity_providers = [\"FARGATE\", \"FARGATE_SPOT\"]\n  " + strategyItem(`capacity_provider = "FARGATE"`) + "\n  " + strategyItem(`capacity_provider = "FARGATE_SPOT"`),
			want: `default_capacity_provider_strategy.*all weights are 0`},
		"strategy without providers":     {body: strategyItem(`capacity_provider = "FARGATE"`, `weight = 1`), want: `default_capacity_provider_strategy.*the cluster has no capacity providers`},
		"strategy item without provider": {body: fargate(strategyItem(`weight = 1`)), want: `Missing required argument.*"capacity_provider" is required`},
		"strategy misspelled key":        {body: fargate(strategyItem(`capacity_providr = "FARGATE"`, `weight = 1`)), want: `Unsupported argument.*"capacity_providr" is not expected here`},
		"strategy as attribute": {body: "capacity_providers = [\"FARGATE\"]\n  default_capacity_provider_strategy = [{ capacity_provider = \"FARGATE\", weight = 1 }]",
			want: `Unsupported argument.*"default_capacity_provider_strategy" is not expected here.*define a block`},

		// Service Connect
		"namespace empty":              {body: namespace(`""`), want: `service_connect_defaults.*namespace: Namespace is empty`},
		"namespace 1025":               {body: namespace(fmt.Sprintf("%q", long("n", 1025))), want: `namespace.*1025 characters long`},
		"namespace slash":              {body: namespace(`"team/web"`), want: `namespace.*must not contain`},
		"namespace quote":              {body: namespace(`"a\"b"`), want: `namespace.*must not contain`},
		"namespace gt":                 {body: namespace(`"a>b"`), want: `namespace.*must not contain`},
		"namespace bad ARN":            {body: namespace(`"arn:aws:servicediscovery:us-east-1:123456789012:namespace/x"`), want: `namespace.*not a valid Cloud Map namespace ARN`},
		"namespace missing":            {body: `service_connect_defaults {}`, want: `Missing required argument.*"namespace" is required`},
		"namespace misspelled key":     {body: "service_connect_defaults {\n    namepsace = \"web\"\n  }", want: `Unsupported argument.*"namepsace" is not expected here`},
		"namespace_arn set":            {body: "service_connect_defaults {\n    namespace     = \"web\"\n    namespace_arn = \"arn:aws:servicediscovery:us-east-1:123456789012:namespace/ns-1\"\n  }", want: `Read-Only Attribute.*namespace_arn`},
		"two service_connect_defaults": {body: namespace(`"a"`) + "\n  " + namespace(`"b"`), want: `service_connect_defaults.*must contain at most 1 elements`},
		"service_connect as attribute": {body: `service_connect_defaults = { namespace = "web" }`, want: `Unsupported argument.*"service_connect_defaults" is not expected here.*define a block`},

		// provider configuration
		"max_retries 101": {provider: `  max_retries = 101`, want: `max_retries.*between 0 and 100`},
		"retry_mode fast": {provider: `  retry_mode = "fast"`, want: `retry_mode.*value must be one of`},
	}
}

// block is an HCL block of the given type with one argument or nested
// block per line.
func block(kind string, indent string, lines ...string) string {
	if len(lines) == 0 {
		return kind + " {}"
	}
	return kind + " {\n" + indent + "  " + strings.Join(lines, "\n"+indent+"  ") + "\n" + indent + "}"
}

// setting is a setting block.
func setting(lines ...string) string { return block("setting", "  ", lines...) }

// execConfig is a configuration block holding one execute_command_configuration
// block with the given content.
func execConfig(lines ...string) string {
	return block("configuration", "  ", block("execute_command_configuration", "    ", lines...))
}

// strategyItem is a default_capacity_provider_strategy block.
func strategyItem(lines ...string) string {
	return block("default_capacity_provider_strategy", "  ", lines...)
}

// fargate is a cluster with the FARGATE provider and the given strategy
// items.
func fargate(items ...string) string {
	return "capacity_providers = [\"FARGATE\"]\n  " + strings.Join(items, "\n  ")
}

// namespace is a service_connect_defaults block with the given namespace
// expression.
func namespace(expr string) string {
	return block("service_connect_defaults", "  ", "namespace = "+expr)
}

// defaultTags is a provider default_tags block with the given tag entries.
func defaultTags(entries string) string {
	return "  default_tags {\n    tags = { " + entries + " }\n  }"
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
		items[i] = strategyItem(fmt.Sprintf("capacity_provider = \"pool%d\"", i), "weight = 1")
	}
	return fmt.Sprintf("capacity_providers = [%s]\n  %s", strings.Join(providers, ", "), strings.Join(items, "\n  "))
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
		items[i] = strategyItem(fmt.Sprintf("capacity_provider = %q", n), "weight = 1", fmt.Sprintf("base = %d", base))
	}
	return fmt.Sprintf("capacity_providers = [%s]\n  %s", strings.Join(providers, ", "), strings.Join(items, "\n  "))
}

// wantRegexp compiles a case's expectation: (?s), spaces as \s+.
func wantRegexp(want string) *regexp.Regexp {
	return regexp.MustCompile(`(?s)` + strings.ReplaceAll(want, " ", `\s+`))
}

// invalidInputCount is the size of the invalidInputs table, a figure of the
// README.
const invalidInputCount = 99

// TestValidation_invalidInputs plans every invalid configuration of the
// table against its own sandbox: each must fail at plan time with a
// diagnostic naming the attribute and the rule, and ECS must not be called.
func TestValidation_invalidInputs(t *testing.T) {
	acctest.SkipOnAWS(t)
	t.Parallel()
	cases := invalidInputs()
	if len(cases) != invalidInputCount {
		t.Fatalf("the table has %d invalid inputs, the README and internal/reliability/README.md say %d: update them and invalidInputCount", len(cases), invalidInputCount)
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
			if n := env.Sandbox.ECSCalls(); n != 0 {
				t.Errorf("an invalid configuration made %d ECS calls, want 0: %v", n, env.Sandbox.Stats().Calls)
			}
		})
	}
}

// TestValidation_invalidChange applies every invalid configuration of the
// table as a change to a cluster that exists: each fails at plan, as
// terraform plan runs it (with a refresh), and ECS gets no write call, only
// reads. A valid change, observed the same way, makes a TagResource.
func TestValidation_invalidChange(t *testing.T) {
	acctest.SkipOnAWS(t)
	t.Parallel()
	cases := invalidInputs()
	names := slices.Sorted(maps.Keys(cases))
	const parts = 4
	for part := range parts {
		mine := names[part*len(names)/parts : (part+1)*len(names)/parts]
		t.Run(fmt.Sprintf("part_%d_of_%d", part+1, parts), func(t *testing.T) {
			t.Parallel()
			env := acctest.New(t)
			config := func(provider, body string) string {
				return env.ProviderConfigWith(provider) + fmt.Sprintf(`
resource "ecsx_cluster" "test" {
  %s
}
`, body)
			}
			valid := config("", `name = "existing"`)
			checked, silent := 0, 0
			// readsOnly checks the calls of the step before, which failed
			// as expected, so that its own Check cannot run.
			readsOnly := func(name string) func() {
				return func() {
					calls := env.Sandbox.Stats().Calls
					env.Sandbox.ResetStats()
					checked++
					if len(calls) == 0 {
						silent++
					}
					if err := noWriteCalls(calls); err != nil {
						t.Errorf("%s, as a change: %v", name, err)
					}
				}
			}
			steps := []resource.TestStep{{Config: valid}}
			next := env.Sandbox.ResetStats
			for _, name := range mine {
				tc := cases[name]
				steps = append(steps, resource.TestStep{
					PreConfig:   next,
					Config:      config(tc.provider, tc.body),
					ExpectError: wantRegexp(tc.want),
				})
				next = readsOnly(name)
			}
			// The control: a valid change, seen by the same observation,
			// makes a write.
			changed := config("", "name = \"existing\"\n  tags = { team = \"web\" }")
			controlled := false
			steps = append(steps, resource.TestStep{
				PreConfig: next,
				Config:    changed,
			}, resource.TestStep{
				PreConfig: func() {
					calls := env.Sandbox.Stats().Calls
					if noWriteCalls(calls) == nil || calls["TagResource"] != 1 {
						t.Errorf("the valid change made calls %v, want a TagResource", calls)
					}
					controlled = true
				},
				Config: changed,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectEmptyPlan(),
				}},
			})
			acctest.Test(t, resource.TestCase{CheckDestroy: env.CheckClustersDestroyed(), Steps: steps})
			if checked != len(mine) || !controlled {
				t.Errorf("checked the calls of %d invalid changes, want %d; control checked: %v", checked, len(mine), controlled)
			}
			t.Logf("%d invalid changes: %d made no call at all, the others only reads", checked, silent)
		})
	}
}

// noWriteCalls fails when calls, counts per operation, holds an ECS call
// that is not a read (Describe, List or Get).
func noWriteCalls(calls map[string]int) error {
	var writes []string
	for _, op := range slices.Sorted(maps.Keys(calls)) {
		if calls[op] == 0 || strings.HasPrefix(op, sandbox.STSCallPrefix) {
			continue
		}
		if !strings.HasPrefix(op, "Describe") && !strings.HasPrefix(op, "List") && !strings.HasPrefix(op, "Get") {
			writes = append(writes, fmt.Sprintf("%s=%d", op, calls[op]))
		}
	}
	if len(writes) > 0 {
		return fmt.Errorf("write calls %v (all calls: %v)", writes, calls)
	}
	return nil
}

// TestNoWriteCalls is the negative control of noWriteCalls.
func TestNoWriteCalls(t *testing.T) {
	for _, c := range []struct {
		calls map[string]int
		fails bool
	}{
		{nil, false},
		{map[string]int{"DescribeClusters": 2, "ListAccountSettings": 1}, false},
		{map[string]int{sandbox.STSCallPrefix + "GetCallerIdentity": 1}, false},
		{map[string]int{"DescribeClusters": 1, "TagResource": 1}, true},
		{map[string]int{"UpdateCluster": 1}, true},
		{map[string]int{"PutClusterCapacityProviders": 1}, true},
		{map[string]int{"CreateCluster": 1}, true},
		{map[string]int{"DeleteCluster": 1}, true},
		{map[string]int{"UpdateCluster": 0}, false},
	} {
		if err := noWriteCalls(c.calls); (err != nil) != c.fails {
			t.Errorf("%v: error %v, want failure %v", c.calls, err, c.fails)
		}
	}
}
