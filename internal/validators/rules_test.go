package validators_test

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/ecsx/terraform-provider-ecsx/internal/validators"
)

func TestCheckTag(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, key, value string
		want             []string // substrings, in order
	}{
		{"simple", "Name", "web", nil},
		{"empty value", "env", "", nil},
		{"all allowed punctuation", "a_b.c:d/e=f+g-h@i", "x y_.:/=+-@", nil},
		{"unicode letters and spaces", "Größe Ω", "日本 ١٢٣", nil},
		{"max lengths", strings.Repeat("k", 128), strings.Repeat("v", 256), nil},
		{"max lengths in runes", strings.Repeat("é", 128), strings.Repeat("ü", 256), nil},
		{"aws inside key", "myaws:key", "val-aws:", nil},
		{"empty key", "", "v", []string{`Tag key "" is 0 characters long; a tag key must be 1 to 128`}},
		{"key too long", strings.Repeat("k", 129), "v", []string{"is 129 characters long; a tag key must be 1 to 128"}},
		{"value too long", "k", strings.Repeat("v", 257), []string{`Value of tag "k" is 257 characters long; a tag value must be at most 256`}},
		{"key bad char", "a#b", "", []string{`Tag key "a#b" contains characters outside the allowed set`}},
		{"value bad char", "k", "a*b", []string{`Value "a*b" of tag "k" contains characters outside the allowed set`}},
		{"reserved key", "aws:foo", "v", []string{`Tag key "aws:foo" uses the reserved prefix "aws:"; AWS reserves it for its own tags.`}},
		{"reserved key any case", "AwS:foo", "v", []string{`Tag key "AwS:foo" uses the reserved prefix "aws:"`}},
		{"reserved value", "k", "AWS:x", []string{`Value "AWS:x" of tag "k" uses the reserved prefix "aws:"`}},
		{"several", "aws:a#", "aws:", []string{"outside the allowed set", "reserved prefix", "reserved prefix"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := validators.CheckTag(tt.key, tt.value)
			if len(got) != len(tt.want) {
				t.Fatalf("CheckTag(%q, %q) = %q, want %d messages", tt.key, tt.value, got, len(tt.want))
			}
			for i, w := range tt.want {
				if !strings.Contains(got[i], w) {
					t.Errorf("message %d = %q, want it to contain %q", i, got[i], w)
				}
			}
		})
	}
}

func TestTagRuleViolations(t *testing.T) {
	t.Parallel()
	many := map[string]string{}
	for i := range 51 {
		many[strings.Repeat("k", i+1)] = "v"
	}
	fifty := map[string]string{}
	for i := range 50 {
		fifty[strings.Repeat("k", i+1)] = "v"
	}
	tests := []struct {
		name string
		tags map[string]string
		want []string
	}{
		{"nil", nil, nil},
		{"empty", map[string]string{}, nil},
		{"valid", map[string]string{"Name": "a", "env": ""}, nil},
		{"fifty", fifty, nil},
		{"fifty-one", many, []string{"Tags: 51 tags given; at most 50 tags are allowed per resource."}},
		{"sorted", map[string]string{"b#": "", "aws:x": "ok", "ok": "Aws:y"}, []string{
			`Tag key "aws:x" uses the reserved prefix "aws:"; AWS reserves it for its own tags.`,
			`Tag key "b#" contains characters outside the allowed set (letters, numbers, spaces and _ . : / = + - @).`,
			`Value "Aws:y" of tag "ok" uses the reserved prefix "aws:"; AWS reserves it for its own tags.`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := validators.TagRuleViolations(tt.tags)
			if tt.want == nil && got != nil {
				t.Fatalf("got %q, want nil", got)
			}
			if !slices.Equal(got, tt.want) {
				t.Fatalf("got %q\nwant %q", got, tt.want)
			}
			for range 5 {
				if again := validators.TagRuleViolations(tt.tags); !slices.Equal(again, got) {
					t.Fatalf("not deterministic: %q then %q", got, again)
				}
			}
		})
	}
}

func TestCheckTagCount(t *testing.T) {
	t.Parallel()
	if got := validators.CheckTagCount(validators.MaxTags); got != "" {
		t.Errorf("CheckTagCount(50) = %q, want empty", got)
	}
	if got := validators.CheckTagCount(51); !strings.Contains(got, "at most 50") {
		t.Errorf("CheckTagCount(51) = %q", got)
	}
}

func TestNameRules(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("a", 255)
	tests := []struct {
		in                    string
		cluster, capacityProv bool
	}{
		{"a", true, true},
		{"my-cluster_01", true, true},
		{long, true, true},
		{long + "a", false, false},
		{"", false, false},
		{"my cluster", false, false},
		{"clüster", false, false},
		{"arn:aws:ecs:us-east-1:123456789012:cluster/x", false, false},
		{"FARGATE", true, true},
		{"FARGATE_SPOT", true, true},
		{"fargate", true, false},
		{"Fargate_Spot", true, false},
		{"FARGATE2", true, false},
		{"aws-cp", true, false},
		{"AWScp", true, false},
		{"ecs_cp", true, false},
		{"Ecs", true, false},
		{"my-aws-cp", true, true},
	}
	for _, tt := range tests {
		if got := validators.ValidClusterName(tt.in); got != tt.cluster {
			t.Errorf("ValidClusterName(%q) = %v, want %v", tt.in, got, tt.cluster)
		}
		if got := validators.ValidCapacityProviderName(tt.in); got != tt.capacityProv {
			t.Errorf("ValidCapacityProviderName(%q) = %v, want %v", tt.in, got, tt.capacityProv)
		}
	}
}

func TestReservedCapacityProviderPrefix(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in, prefix string
		reserved   bool
	}{
		{"FARGATE", "", false},
		{"FARGATE_SPOT", "", false},
		{"fargate-x", "fargate", true},
		{"AWS", "aws", true},
		{"ecs1", "ecs", true},
		{"x-ecs", "", false},
		{"aw", "", false},
	}
	for _, tt := range tests {
		p, r := validators.ReservedCapacityProviderPrefix(tt.in)
		if p != tt.prefix || r != tt.reserved {
			t.Errorf("ReservedCapacityProviderPrefix(%q) = %q, %v; want %q, %v", tt.in, p, r, tt.prefix, tt.reserved)
		}
	}
}

func TestValidNamePrefix(t *testing.T) {
	t.Parallel()
	tests := []struct {
		prefix    string
		suffixLen int
		want      bool
	}{
		{"", 26, true},
		{"web-", 26, true},
		{strings.Repeat("a", 229), 26, true},
		{strings.Repeat("a", 230), 26, false},
		{"bad prefix", 26, false},
		{"bad!", 0, false},
		{strings.Repeat("a", 255), 0, true},
		{strings.Repeat("a", 255), -5, true},
		{"", 300, true},
		{"a", 255, false},
	}
	for _, tt := range tests {
		if got := validators.ValidNamePrefix(tt.prefix, tt.suffixLen); got != tt.want {
			t.Errorf("ValidNamePrefix(len %d, %d) = %v, want %v", len(tt.prefix), tt.suffixLen, got, tt.want)
		}
	}
	if got := validators.MaxNamePrefixLength(26); got != 229 {
		t.Errorf("MaxNamePrefixLength(26) = %d, want 229", got)
	}
	if got := validators.MaxNamePrefixLength(1000); got != 0 {
		t.Errorf("MaxNamePrefixLength(1000) = %d, want 0", got)
	}
}

func TestValidContainerInsightsValue(t *testing.T) {
	t.Parallel()
	for _, v := range []string{"enabled", "disabled", "enhanced"} {
		if !validators.ValidContainerInsightsValue(v) {
			t.Errorf("ValidContainerInsightsValue(%q) = false", v)
		}
	}
	for _, v := range []string{"", "Enabled", "on", "true"} {
		if validators.ValidContainerInsightsValue(v) {
			t.Errorf("ValidContainerInsightsValue(%q) = true", v)
		}
	}
}

func TestCheckNamespace(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in, want string // want: "" or a message substring
	}{
		{"arn:aws:servicediscovery:us-east-1:123456789012:namespace/ns-abcdef0123456789", ""},
		{"arn:aws-cn:servicediscovery:cn-north-1:123456789012:namespace/ns-1", ""},
		{"arn:aws-us-gov:servicediscovery:us-gov-west-1:123456789012:namespace/ns-X1", ""},
		{"my-namespace", ""},
		{"example.local", ""},
		{"name with spaces:and colons", ""},
		{strings.Repeat("n", 1024), ""},
		{"", "Namespace is empty"},
		{strings.Repeat("n", 1025), "1025 characters long; a namespace name must be 1 to 1024"},
		{"a/b", `contains "/"`},
		{"a>b", `contains ">"`},
		{"a<b", `contains "<"`},
		{`say "hi"`, `contains "\""`},
		{"arn:aws:servicediscovery:us-east-1:123456789012:service/srv-1", "not a valid Cloud Map namespace ARN"},
		{"arn:aws:servicediscovery:us-east-1:1234:namespace/ns-1", "not a valid Cloud Map namespace ARN"},
		{"arn:aws:ecs:us-east-1:123456789012:namespace/ns-1", "not a valid Cloud Map namespace ARN"},
	}
	for _, tt := range tests {
		got := validators.CheckNamespace(tt.in)
		if tt.want == "" {
			if got != "" || !validators.ValidNamespace(tt.in) {
				t.Errorf("CheckNamespace(%.40q) = %q, want valid", tt.in, got)
			}
			continue
		}
		if !strings.Contains(got, tt.want) || validators.ValidNamespace(tt.in) {
			t.Errorf("CheckNamespace(%.40q) = %q, want it to contain %q", tt.in, got, tt.want)
		}
	}
}

func TestCheckExecuteCommandConfiguration(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		logging string
		lc      *validators.LogConfiguration
		want    []string
	}{
		{"empty means default", "", nil, nil},
		{"none", "NONE", nil, nil},
		{"override with log config", "OVERRIDE", &validators.LogConfiguration{CloudWatchLogGroupName: "g", CloudWatchEncryptionEnabled: true, S3BucketName: "b", S3EncryptionEnabled: true, S3KeyPrefix: "p/"}, nil},
		{"override without log config", "OVERRIDE", nil, []string{`logging "OVERRIDE" requires log_configuration`}},
		{"default with log config", "", &validators.LogConfiguration{}, []string{`only allowed when logging is "OVERRIDE", but logging is "DEFAULT"`}},
		{"none with log config", "NONE", &validators.LogConfiguration{}, []string{`but logging is "NONE"`}},
		{"cloudwatch encryption without group", "OVERRIDE", &validators.LogConfiguration{CloudWatchEncryptionEnabled: true}, []string{"cloud_watch_encryption_enabled = true requires cloud_watch_log_group_name"}},
		{"s3 encryption without bucket", "OVERRIDE", &validators.LogConfiguration{S3EncryptionEnabled: true}, []string{"s3_bucket_encryption_enabled = true requires s3_bucket_name"}},
		{"prefix without bucket", "OVERRIDE", &validators.LogConfiguration{S3KeyPrefix: "p"}, []string{`s3_key_prefix "p" requires s3_bucket_name`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := validators.CheckExecuteCommandConfiguration(tt.logging, tt.lc)
			if len(got) != len(tt.want) {
				t.Fatalf("got %q, want %d messages", got, len(tt.want))
			}
			for i, w := range tt.want {
				if !strings.Contains(got[i], w) {
					t.Errorf("message %d = %q, want it to contain %q", i, got[i], w)
				}
			}
		})
	}
}

func TestCheckStrategy(t *testing.T) {
	t.Parallel()
	twentyOne := make([]validators.StrategyItem, 21)
	for i := range twentyOne {
		twentyOne[i] = validators.StrategyItem{CapacityProvider: "cp" + strings.Repeat("x", i), Weight: 1}
	}
	tests := []struct {
		name  string
		items []validators.StrategyItem
		want  []string
	}{
		{"empty", nil, nil},
		{"single zero weight", []validators.StrategyItem{{CapacityProvider: "FARGATE"}}, nil},
		{"valid pair", []validators.StrategyItem{{"FARGATE", 1, 2}, {"FARGATE_SPOT", 0, 0}}, nil},
		{"limits", []validators.StrategyItem{{"FARGATE", validators.MaxWeight, validators.MaxBase}}, nil},
		{"too many", twentyOne, []string{"has 21 items; at most 20 are allowed"}},
		{"duplicate", []validators.StrategyItem{{"FARGATE", 1, 0}, {"FARGATE", 2, 0}}, []string{`Capacity provider "FARGATE" appears more than once`}},
		{"weight range", []validators.StrategyItem{{"a", 1001, 0}}, []string{"weight 1001; a weight must be 0 to 1000"}},
		{"negative base", []validators.StrategyItem{{"a", 1, -1}}, []string{"base -1; a base must be 0 to 100000"}},
		{"base range", []validators.StrategyItem{{"a", 1, 100001}}, []string{"base 100001"}},
		{"two bases", []validators.StrategyItem{{"b", 1, 1}, {"a", 1, 2}}, []string{`base greater than 0 to 2 items ("a", "b"); at most one item may have a base`}},
		{"no weight", []validators.StrategyItem{{"a", 0, 0}, {"b", 0, 0}}, []string{"has 2 items and all weights are 0"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := validators.CheckStrategy(tt.items)
			if len(got) != len(tt.want) {
				t.Fatalf("got %q, want %d messages", got, len(tt.want))
			}
			for i, w := range tt.want {
				if !strings.Contains(got[i], w) {
					t.Errorf("message %d = %q, want it to contain %q", i, got[i], w)
				}
			}
		})
	}
}

func TestCheckStrategyProviders(t *testing.T) {
	t.Parallel()
	items := []validators.StrategyItem{{CapacityProvider: "FARGATE"}, {CapacityProvider: "cp1"}}
	if got := validators.CheckStrategyProviders(nil, nil); got != nil {
		t.Errorf("empty strategy: got %q", got)
	}
	if got := validators.CheckStrategyProviders(items, []string{"cp1", "FARGATE"}); got != nil {
		t.Errorf("all associated: got %q", got)
	}
	got := validators.CheckStrategyProviders(items, []string{"FARGATE"})
	if len(got) != 1 || !strings.Contains(got[0], `Capacity provider "cp1" is in the capacity provider strategy but not in the cluster's capacity providers`) {
		t.Errorf("cp1 missing: got %q", got)
	}
	got = validators.CheckStrategyProviders(items, nil)
	if len(got) != 1 || !strings.Contains(got[0], "has 2 items but the cluster has no capacity providers") {
		t.Errorf("no providers: got %q", got)
	}
}

func TestValidWeightBase(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		v           int64
		weight, bse bool
	}{{-1, false, false}, {0, true, true}, {1000, true, true}, {1001, false, true}, {100000, false, true}, {100001, false, false}} {
		if got := validators.ValidWeight(c.v); got != c.weight {
			t.Errorf("ValidWeight(%d) = %v", c.v, got)
		}
		if got := validators.ValidBase(c.v); got != c.bse {
			t.Errorf("ValidBase(%d) = %v", c.v, got)
		}
	}
}

func TestValidTagCharsMatchesPattern(t *testing.T) {
	t.Parallel()
	re := regexp.MustCompile(validators.TagPattern)
	inputs := []string{
		"", "Name", "a b", "a_b.c:d/e=f+g-h@i", "a#b", "a*b", "a\tb", "a\nb", "x\u00a0y", "x\u2028y", "x\u3000y",
		"Größe", "日本語", "١٢٣", "Ⅻ", "½", "😀", "a\u0301", "\xff", "a\x00b", "$", "%", "!", "~", "`", "'", "\"",
		"(", ")", "[", "]", "{", "}", "|", "\\", "<", ">", "?", ",", ";", "^", "&",
	}
	for r := rune(0); r <= unicode.MaxRune; r++ {
		inputs = append(inputs, string(r))
	}
	for _, s := range inputs {
		if got, want := validators.ValidTagChars(s), re.MatchString(s); got != want {
			t.Errorf("ValidTagChars(%q) = %v, regexp says %v", s, got, want)
		}
	}
}
