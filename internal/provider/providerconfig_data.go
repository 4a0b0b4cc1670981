package provider

import (
	"context"
	"fmt"
	"maps"
	"regexp"
	"slices"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
)

// providerData is what the provider hands to its resources and data sources.
type providerData struct {
	// ECS is the one client built by the provider's Configure.
	ECS *ecs.Client
	// DefaultTags are the provider's default_tags (never nil).
	DefaultTags map[string]string
	// Region is the resolved AWS region.
	Region string
	// IgnoreTags are the tag keys of the provider's ignore_tags, left out of
	// every tags and tags_all that is read.
	IgnoreTags ignoreTags

	// regional holds the client of each region, see ecsIn.
	regional regionalClients
	// debug are the ECSX_DEBUG_NO_* switches, read once at Configure.
	debug debugSwitches
	// names makes unique cluster names and holds the cluster name locks.
	names clusterNames
}

// debugSwitches are the debugging and benchmarking aids ECSX_DEBUG_NO_BATCHING
// and ECSX_DEBUG_NO_PACING, read from the environment once when the provider
// is configured (tests may give them to the provider's constructor).
type debugSwitches struct {
	noBatching bool // every read is its own Describe call
	noPacing   bool // every attempt goes out at once, as with other providers
}

// debugSwitchesFrom reads the switches with getenv (os.Getenv outside
// tests): each is on when set to 1.
func debugSwitchesFrom(getenv func(string) string) debugSwitches {
	return debugSwitches{noBatching: getenv(noBatchingEnv) == "1", noPacing: getenv(noPacingEnv) == "1"}
}

var (
	roleARNPattern     = regexp.MustCompile(`^arn:aws[a-z-]*:iam::\d{12}:role/[\w+=,.@/-]{1,512}$`)
	sessionNamePattern = regexp.MustCompile(`^[\w+=,.@-]*$`)
	endpointPattern    = regexp.MustCompile(`^https?://[^\s/$.?#][^\s]*$`)
)

// objectAsOptions treats unknown and null nested values as zero values.
var objectAsOptions = basetypes.ObjectAsOptions{UnhandledNullAsEmpty: true, UnhandledUnknownAsEmpty: true}

// stringList converts a list of strings, skipping null and unknown lists.
func stringList(ctx context.Context, l types.List, diags *diag.Diagnostics) []string {
	if l.IsNull() || l.IsUnknown() {
		return nil
	}
	var out []string
	diags.Append(l.ElementsAs(ctx, &out, false)...)
	return out
}

// clearCredentialsProvider wraps the SDK's credential chain so that a failure
// to obtain credentials can be told apart from an API error at the first call.
type clearCredentialsProvider struct {
	inner aws.CredentialsProvider
}

func (p *clearCredentialsProvider) Retrieve(ctx context.Context) (aws.Credentials, error) {
	creds, err := p.inner.Retrieve(ctx)
	if err != nil {
		return creds, &credentialsError{err: err}
	}
	return creds, nil
}

// firstBlock reads the one element of a provider block limited to one
// element into target; an absent block leaves target as it is.
func firstBlock(ctx context.Context, l types.List, target any) diag.Diagnostics {
	if l.IsNull() || l.IsUnknown() || len(l.Elements()) == 0 {
		return nil
	}
	obj, ok := l.Elements()[0].(types.Object)
	if !ok {
		var diags diag.Diagnostics
		diags.AddError("Provider configuration error", "A provider block has an unexpected shape. This is always an error in the provider; please report it.")
		return diags
	}
	return obj.As(ctx, target, objectAsOptions)
}

// unknownInBlock returns the name of an attribute of a provider block (a
// list of at most one object) whose value is unknown.
func unknownInBlock(v attr.Value) (string, bool) {
	l, ok := v.(types.List)
	if !ok || l.IsNull() || l.IsUnknown() || len(l.Elements()) == 0 {
		return "", false
	}
	obj, ok := l.Elements()[0].(types.Object)
	if !ok {
		return "", false
	}
	attrs := obj.Attributes()
	for _, name := range slices.Sorted(maps.Keys(attrs)) {
		tv, err := attrs[name].ToTerraformValue(context.Background())
		if err == nil && !tv.IsFullyKnown() {
			return name, true
		}
	}
	return "", false
}

// configuredData returns the provider data a resource's Configure receives;
// nil before the provider is configured. Another type is a bug, reported
// with the resource type's name.
func configuredData(data any, typeName string, diags *diag.Diagnostics) *providerData {
	if data == nil {
		return nil
	}
	d, ok := data.(*providerData)
	if !ok {
		diags.AddError("Unexpected provider data",
			fmt.Sprintf("%s expected *providerData, got %T. This is a bug in the provider; please report it.", typeName, data))
	}
	return d
}

// lookupOf returns what a data source looks up by name (the attribute
// nameAttr) or ARN: the attribute that names it, the name or ARN, and the
// region to look in (the configured one, else the ARN's, else the
// provider's).
func (p *providerData) lookupOf(nameAttr string, name, arn, region types.String) (path.Path, string, string) {
	attribute, lookup := path.Root(nameAttr), name.ValueString()
	if lookup == "" {
		attribute, lookup = path.Root("arn"), arn.ValueString()
	}
	r := region.ValueString()
	if r == "" {
		r = p.regionOr(regionOfARN(lookup))
	}
	return attribute, lookup, r
}
