package validators

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits and fixed values of the Amazon ECS cluster API.
const (
	// MaxTags is the maximum number of user tags on one resource.
	MaxTags = 50
	// MaxTagKeyLength is the maximum length of a tag key, in characters.
	MaxTagKeyLength = 128
	// MaxTagValueLength is the maximum length of a tag value, in characters.
	MaxTagValueLength = 256
	// ReservedTagPrefix is the tag prefix AWS reserves for its own tags. It is
	// matched case-insensitively, in keys and in values.
	ReservedTagPrefix = "aws:"

	// MaxNameLength is the maximum length of a cluster or capacity provider name.
	MaxNameLength = 255
	// MaxNamespaceNameLength is the maximum length of a Service Connect
	// namespace given by name.
	MaxNamespaceNameLength = 1024

	// MaxStrategyItems is the maximum number of items in a capacity provider
	// strategy.
	MaxStrategyItems = 20
	// MaxWeight is the maximum weight of a capacity provider strategy item.
	MaxWeight = 1000
	// MaxBase is the maximum base of a capacity provider strategy item.
	MaxBase = 100000

	// ContainerInsightsSettingName is the only cluster setting name.
	ContainerInsightsSettingName = "containerInsights"

	// LoggingNone, LoggingDefault and LoggingOverride are the values of
	// execute_command_configuration.logging. A null value means LoggingDefault.
	LoggingNone     = "NONE"
	LoggingDefault  = "DEFAULT"
	LoggingOverride = "OVERRIDE"

	// CapacityProviderFargate and CapacityProviderFargateSpot are the built-in
	// capacity providers that exist in every account and region.
	CapacityProviderFargate     = "FARGATE"
	CapacityProviderFargateSpot = "FARGATE_SPOT"
)

var (
	namePattern         = regexp.MustCompile(`^[A-Za-z0-9_-]{1,255}$`)
	nameCharsPattern    = regexp.MustCompile(`^[A-Za-z0-9_-]*$`)
	namespaceARNPattern = regexp.MustCompile(`^arn:aws[a-z-]*:servicediscovery:[a-z0-9-]+:[0-9]{12}:namespace/ns-[A-Za-z0-9]+$`)

	reservedCapacityProviderPrefixes = []string{"aws", "ecs", "fargate"}
)

// ContainerInsightsValues returns the accepted values of the containerInsights
// cluster setting.
func ContainerInsightsValues() []string {
	return []string{"enabled", "disabled", "enhanced"}
}

// LoggingValues returns the accepted values of execute_command_configuration.logging.
func LoggingValues() []string {
	return []string{LoggingNone, LoggingDefault, LoggingOverride}
}

// TagPattern is the pattern tag keys and values must match.
const TagPattern = `^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$`

// ValidTagChars reports whether s matches TagPattern: every character is a
// letter, a separator (such as a space), a number, or one of _ . : / = + - @.
func ValidTagChars(s string) bool {
	for _, r := range s {
		if r < utf8.RuneSelf {
			switch {
			case 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z', '0' <= r && r <= '9', r == ' ':
				continue
			}
			switch r {
			case '_', '.', ':', '/', '=', '+', '-', '@':
				continue
			}
			return false
		}
		if !unicode.IsLetter(r) && !unicode.In(r, unicode.Z) && !unicode.IsNumber(r) {
			return false
		}
	}
	return true
}

// hasPrefixFold reports whether s begins with prefix, ignoring case.
func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// HasReservedTagPrefix reports whether s begins with "aws:" in any case.
func HasReservedTagPrefix(s string) bool {
	return hasPrefixFold(s, ReservedTagPrefix)
}

// CheckTagKey returns the rules the tag key breaks, as messages; nil when the
// key is valid.
func CheckTagKey(key string) []string {
	var msgs []string
	if n := utf8.RuneCountInString(key); n < 1 || n > MaxTagKeyLength {
		msgs = append(msgs, fmt.Sprintf("Tag key %q is %d characters long; a tag key must be 1 to %d characters long.", key, n, MaxTagKeyLength))
	}
	if !ValidTagChars(key) {
		msgs = append(msgs, fmt.Sprintf("Tag key %q contains characters outside the allowed set (letters, numbers, spaces and _ . : / = + - @).", key))
	}
	if HasReservedTagPrefix(key) {
		msgs = append(msgs, fmt.Sprintf("Tag key %q uses the reserved prefix %q; AWS reserves it for its own tags.", key, ReservedTagPrefix))
	}
	return msgs
}

// CheckTagValue returns the rules the value of the tag key breaks, as
// messages; nil when the value is valid.
func CheckTagValue(key, value string) []string {
	var msgs []string
	if n := utf8.RuneCountInString(value); n > MaxTagValueLength {
		msgs = append(msgs, fmt.Sprintf("Value of tag %q is %d characters long; a tag value must be at most %d characters long.", key, n, MaxTagValueLength))
	}
	if !ValidTagChars(value) {
		msgs = append(msgs, fmt.Sprintf("Value %q of tag %q contains characters outside the allowed set (letters, numbers, spaces and _ . : / = + - @).", value, key))
	}
	if HasReservedTagPrefix(value) {
		msgs = append(msgs, fmt.Sprintf("Value %q of tag %q uses the reserved prefix %q; AWS reserves it for its own tags.", value, key, ReservedTagPrefix))
	}
	return msgs
}

// CheckTag returns the rules one tag breaks (key rules first, then value
// rules), as messages; nil when the tag is valid.
func CheckTag(key, value string) []string {
	return append(CheckTagKey(key), CheckTagValue(key, value)...)
}

// CheckTagCount returns a message when n tags exceed MaxTags; "" otherwise.
func CheckTagCount(n int) string {
	if n > MaxTags {
		return fmt.Sprintf("Tags: %d tags given; at most %d tags are allowed per resource.", n, MaxTags)
	}
	return ""
}

// TagRuleViolations checks a complete tag map (for example resource tags
// merged with provider default tags) against the tag rules. It returns the
// violations as sorted messages, or nil when the tags are valid.
func TagRuleViolations(tags map[string]string) []string {
	var msgs []string
	if msg := CheckTagCount(len(tags)); msg != "" {
		msgs = append(msgs, msg)
	}
	for k, v := range tags {
		msgs = append(msgs, CheckTag(k, v)...)
	}
	if len(msgs) == 0 {
		return nil
	}
	sort.Strings(msgs)
	return msgs
}

// ValidClusterName reports whether name is 1 to 255 characters of letters,
// digits, hyphens and underscores.
func ValidClusterName(name string) bool {
	return namePattern.MatchString(name)
}

// ReservedCapacityProviderPrefix returns the reserved prefix ("aws", "ecs" or
// "fargate", compared case-insensitively) that a capacity provider name starts
// with. The built-in FARGATE and FARGATE_SPOT are exempt.
func ReservedCapacityProviderPrefix(name string) (string, bool) {
	if name == CapacityProviderFargate || name == CapacityProviderFargateSpot {
		return "", false
	}
	for _, p := range reservedCapacityProviderPrefixes {
		if hasPrefixFold(name, p) {
			return p, true
		}
	}
	return "", false
}

// ReservedCapacityProviderNamePrefix returns the reserved prefix ("aws",
// "ecs" or "fargate", compared case-insensitively) that a capacity provider
// name prefix starts with; every name generated from it would start with it
// too. A prefix that stops short of a reserved word (such as "ec") cannot
// complete it: the generated suffix begins with a digit. FARGATE and
// FARGATE_SPOT are not exempt here, as a name generated from them is neither.
func ReservedCapacityProviderNamePrefix(prefix string) (string, bool) {
	for _, p := range reservedCapacityProviderPrefixes {
		if hasPrefixFold(prefix, p) {
			return p, true
		}
	}
	return "", false
}

// ValidCapacityProviderName reports whether name is a valid capacity provider
// name: FARGATE, FARGATE_SPOT, or 1 to 255 characters of letters, digits,
// hyphens and underscores that do not start with aws, ecs or fargate in any case.
func ValidCapacityProviderName(name string) bool {
	if !namePattern.MatchString(name) {
		return false
	}
	_, reserved := ReservedCapacityProviderPrefix(name)
	return !reserved
}

// MaxNamePrefixLength returns the longest name prefix that leaves room for a
// generated suffix of suffixLen characters (never below zero).
func MaxNamePrefixLength(suffixLen int) int {
	return max(MaxNameLength-max(suffixLen, 0), 0)
}

// ValidNamePrefix reports whether prefix consists of letters, digits, hyphens
// and underscores and is at most MaxNamePrefixLength(suffixLen) characters long.
func ValidNamePrefix(prefix string, suffixLen int) bool {
	return len(prefix) <= MaxNamePrefixLength(suffixLen) && nameCharsPattern.MatchString(prefix)
}

// ValidContainerInsightsValue reports whether value is an accepted value of
// the containerInsights setting.
func ValidContainerInsightsValue(value string) bool {
	return slices.Contains(ContainerInsightsValues(), value)
}

// ValidNamespaceARN reports whether s is a Cloud Map namespace ARN,
// arn:<partition>:servicediscovery:<region>:<account>:namespace/ns-<id>.
func ValidNamespaceARN(s string) bool {
	return namespaceARNPattern.MatchString(s)
}

// CheckNamespace returns a message when s is neither a Cloud Map namespace
// ARN nor a namespace name (1 to 1024 characters, none of > < " /); "" when
// s is valid.
func CheckNamespace(s string) string {
	if ValidNamespaceARN(s) {
		return ""
	}
	if strings.HasPrefix(s, "arn:") && strings.Contains(s, "/") {
		return fmt.Sprintf("Namespace %q is not a valid Cloud Map namespace ARN; expected arn:<partition>:servicediscovery:<region>:<account>:namespace/ns-<id>.", s)
	}
	if s == "" {
		return "Namespace is empty; give a Cloud Map namespace name (1 to 1024 characters) or ARN."
	}
	if n := utf8.RuneCountInString(s); n > MaxNamespaceNameLength {
		return fmt.Sprintf("Namespace name is %d characters long; a namespace name must be 1 to %d characters long.", n, MaxNamespaceNameLength)
	}
	if i := strings.IndexAny(s, `><"/`); i >= 0 {
		return fmt.Sprintf("Namespace name %q contains %q; a namespace name must not contain > < \" or /.", s, s[i:i+1])
	}
	return ""
}

// ValidNamespace reports whether s is a Cloud Map namespace ARN or name.
func ValidNamespace(s string) bool {
	return CheckNamespace(s) == ""
}

// LogConfiguration is the known content of
// execute_command_configuration.log_configuration. Empty strings mean unset.
type LogConfiguration struct {
	CloudWatchLogGroupName      string
	CloudWatchEncryptionEnabled bool
	S3BucketName                string
	S3EncryptionEnabled         bool
	S3KeyPrefix                 string
}

func msgOverrideNeedsLogConfiguration() string {
	return fmt.Sprintf("execute_command_configuration: logging %q requires log_configuration.", LoggingOverride)
}

func msgLogConfigurationNeedsOverride(logging string) string {
	return fmt.Sprintf("execute_command_configuration: log_configuration is only allowed when logging is %q, but logging is %q.", LoggingOverride, logging)
}

func msgCloudWatchEncryptionNeedsGroup() string {
	return "log_configuration: cloud_watch_encryption_enabled = true requires cloud_watch_log_group_name."
}

func msgS3EncryptionNeedsBucket() string {
	return "log_configuration: s3_bucket_encryption_enabled = true requires s3_bucket_name."
}

func msgS3KeyPrefixNeedsBucket(prefix string) string {
	return fmt.Sprintf("log_configuration: s3_key_prefix %q requires s3_bucket_name.", prefix)
}

// CheckExecuteCommandConfiguration returns the rules an execute command
// configuration breaks, as messages; nil when it is valid. An empty logging
// means DEFAULT; lc is nil when no log_configuration is given.
func CheckExecuteCommandConfiguration(logging string, lc *LogConfiguration) []string {
	if logging == "" {
		logging = LoggingDefault
	}
	var msgs []string
	if logging == LoggingOverride && lc == nil {
		msgs = append(msgs, msgOverrideNeedsLogConfiguration())
	}
	if logging != LoggingOverride && lc != nil {
		msgs = append(msgs, msgLogConfigurationNeedsOverride(logging))
	}
	if lc != nil {
		msgs = append(msgs, CheckLogConfiguration(*lc)...)
	}
	return msgs
}

// CheckLogConfiguration returns the rules a log configuration breaks: an
// encryption flag without its destination, or an S3 key prefix without a
// bucket. It returns nil when the configuration is valid.
func CheckLogConfiguration(lc LogConfiguration) []string {
	var msgs []string
	if lc.CloudWatchEncryptionEnabled && lc.CloudWatchLogGroupName == "" {
		msgs = append(msgs, msgCloudWatchEncryptionNeedsGroup())
	}
	if lc.S3EncryptionEnabled && lc.S3BucketName == "" {
		msgs = append(msgs, msgS3EncryptionNeedsBucket())
	}
	if lc.S3KeyPrefix != "" && lc.S3BucketName == "" {
		msgs = append(msgs, msgS3KeyPrefixNeedsBucket(lc.S3KeyPrefix))
	}
	return msgs
}

// StrategyItem is one known capacity provider strategy item.
type StrategyItem struct {
	CapacityProvider string
	Weight           int64
	Base             int64
}

func msgStrategyTooLong(n int) string {
	return fmt.Sprintf("Capacity provider strategy has %d items; at most %d are allowed.", n, MaxStrategyItems)
}

func msgStrategyBases(providers []string) string {
	return fmt.Sprintf("Capacity provider strategy gives a base greater than 0 to %d items (%s); at most one item may have a base.", len(providers), quoteJoin(providers))
}

func msgStrategyNoWeight(n int) string {
	return fmt.Sprintf("Capacity provider strategy has %d items and all weights are 0; when a strategy has more than one item, at least one weight must be greater than 0.", n)
}

func msgStrategyDuplicate(provider string) string {
	return fmt.Sprintf("Capacity provider %q appears more than once in the capacity provider strategy; each capacity provider may appear only once.", provider)
}

func msgStrategyNotAssociated(provider string) string {
	return fmt.Sprintf("Capacity provider %q is in the capacity provider strategy but not in the cluster's capacity providers; a strategy may only use capacity providers associated with the cluster.", provider)
}

func msgStrategyNoProviders(n int) string {
	noun := "items"
	if n == 1 {
		noun = "item"
	}
	return fmt.Sprintf("Capacity provider strategy has %d %s but the cluster has no capacity providers; a strategy may only use capacity providers associated with the cluster.", n, noun)
}

func quoteJoin(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}

// ValidWeight reports whether w is a valid strategy weight (0 to MaxWeight).
func ValidWeight(w int64) bool { return w >= 0 && w <= MaxWeight }

// ValidBase reports whether b is a valid strategy base (0 to MaxBase).
func ValidBase(b int64) bool { return b >= 0 && b <= MaxBase }

// CheckStrategy returns the rules a capacity provider strategy breaks, as
// messages; nil when it is valid. Rules: at most MaxStrategyItems items, each
// capacity provider at most once, weight 0 to MaxWeight, base 0 to MaxBase, at
// most one item with base > 0, and with more than one item at least one
// weight > 0.
func CheckStrategy(items []StrategyItem) []string {
	var msgs []string
	if len(items) > MaxStrategyItems {
		msgs = append(msgs, msgStrategyTooLong(len(items)))
	}
	seen := make(map[string]bool, len(items))
	var withBase []string
	anyWeight := false
	for _, it := range items {
		if seen[it.CapacityProvider] {
			msgs = append(msgs, msgStrategyDuplicate(it.CapacityProvider))
		}
		seen[it.CapacityProvider] = true
		if !ValidWeight(it.Weight) {
			msgs = append(msgs, fmt.Sprintf("Capacity provider %q has weight %d; a weight must be 0 to %d.", it.CapacityProvider, it.Weight, MaxWeight))
		}
		if !ValidBase(it.Base) {
			msgs = append(msgs, fmt.Sprintf("Capacity provider %q has base %d; a base must be 0 to %d.", it.CapacityProvider, it.Base, MaxBase))
		}
		if it.Base > 0 {
			withBase = append(withBase, it.CapacityProvider)
		}
		if it.Weight > 0 {
			anyWeight = true
		}
	}
	if len(withBase) > 1 {
		sort.Strings(withBase)
		msgs = append(msgs, msgStrategyBases(withBase))
	}
	if len(items) > 1 && !anyWeight {
		msgs = append(msgs, msgStrategyNoWeight(len(items)))
	}
	return msgs
}

// CheckStrategyProviders returns a message for every strategy item whose
// capacity provider is not in providers; nil when all are associated. A
// non-empty strategy with no providers is one violation.
func CheckStrategyProviders(items []StrategyItem, providers []string) []string {
	if len(items) == 0 {
		return nil
	}
	if len(providers) == 0 {
		return []string{msgStrategyNoProviders(len(items))}
	}
	var msgs []string
	for _, it := range items {
		if !slices.Contains(providers, it.CapacityProvider) {
			msgs = append(msgs, msgStrategyNotAssociated(it.CapacityProvider))
		}
	}
	return msgs
}
