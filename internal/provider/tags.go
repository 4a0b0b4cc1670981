package provider

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/ecsx/terraform-provider-ecsx/internal/attrvalue"
	"github.com/ecsx/terraform-provider-ecsx/internal/validators"
)

// expandTags converts a tag map to ECS tags, sorted by key.
func expandTags(tags map[string]string) []ecstypes.Tag {
	keys := make([]string, 0, len(tags))
	for k := range tags {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]ecstypes.Tag, 0, len(keys))
	for _, k := range keys {
		out = append(out, ecstypes.Tag{Key: aws.String(k), Value: aws.String(tags[k])})
	}
	return out
}

// flattenTagMap converts ECS tags to a map, leaving out AWS-reserved aws:
// tags, which users cannot set or remove.
func flattenTagMap(tags []ecstypes.Tag) map[string]string {
	out := make(map[string]string, len(tags))
	for _, t := range tags {
		k := aws.ToString(t.Key)
		if strings.HasPrefix(strings.ToLower(k), validators.ReservedTagPrefix) {
			continue
		}
		out[k] = aws.ToString(t.Value)
	}
	return out
}

// flattenOwnTags derives the resource's own tags from the reported ones: a
// reported tag belongs to the resource unless it is a provider default tag
// with the default's value that the resource does not set itself. A null
// prior value stays null when no own tags remain.
func flattenOwnTags(reported map[string]string, prior types.Map, defaultTags map[string]string) (types.Map, diag.Diagnostics) {
	var diags diag.Diagnostics
	priorTags := attrvalue.StringMap(prior)
	own := make(map[string]string, len(reported))
	for k, v := range reported {
		if _, set := priorTags[k]; set {
			own[k] = v
			continue
		}
		if dv, isDefault := defaultTags[k]; isDefault && dv == v {
			continue
		}
		own[k] = v
	}
	if len(own) == 0 && prior.IsNull() {
		return types.MapNull(types.StringType), diags
	}
	out, d := stringMapValue(own)
	diags.Append(d...)
	return out, diags
}

// mergeTags returns the default tags overlaid with the resource's tags.
func mergeTags(defaultTags, tags map[string]string) map[string]string {
	out := make(map[string]string, len(defaultTags)+len(tags))
	for k, v := range defaultTags {
		out[k] = v
	}
	for k, v := range tags {
		out[k] = v
	}
	return out
}

// tagsAllOf returns the tags a resource must have: its planned tags_all, or
// the merge of default_tags and tags (without ignored tags) when the plan
// could not compute it, which it then stores in tagsAll.
func (d *providerData) tagsAllOf(tags types.Map, tagsAll *types.Map, diags *diag.Diagnostics) map[string]string {
	if !tagsAll.IsNull() && !tagsAll.IsUnknown() {
		return attrvalue.StringMap(*tagsAll)
	}
	out := d.IgnoreTags.filter(mergeTags(d.DefaultTags, attrvalue.StringMap(tags)))
	v, dg := stringMapValue(out)
	diags.Append(dg...)
	*tagsAll = v
	return out
}

// tagsToSendOf returns the tags that a create and TagResource send: the
// plan's tags_all, plus the tags of the configuration (tags and
// default_tags) that ignore_tags hides from tags_all. ignore_tags changes
// what is read, never what is sent.
func (d *providerData) tagsToSendOf(tags types.Map, tagsAll *types.Map, diags *diag.Diagnostics) map[string]string {
	all := d.tagsAllOf(tags, tagsAll, diags)
	if d.IgnoreTags.empty() {
		return all
	}
	out := maps.Clone(all)
	for k, v := range mergeTags(d.DefaultTags, attrvalue.StringMap(tags)) {
		if d.IgnoreTags.ignored(k) {
			out[k] = v
		}
	}
	return out
}

// planTagsAll plans tags_all in a raw plan: the provider's default tags
// overlaid with tags, without ignored tags, validated together (the error
// names tags and says what kind of resource it is). It reports whether
// tags_all is known; it is unknown while tags are, or before the provider
// is configured.
func planTagsAll(plan map[string]tftypes.Value, data *providerData, diags *diag.Diagnostics, kind string) bool {
	tagsAllType := tftypes.Map{ElementType: tftypes.String}
	if data == nil || !plan["tags"].IsFullyKnown() {
		plan["tags_all"] = tftypes.NewValue(tagsAllType, tftypes.UnknownValue)
		return false
	}
	own, err := rawStringMap(plan["tags"])
	if err != nil {
		diags.AddAttributeError(path.Root("tags"), "Plan Read Error", "An unexpected error was encountered reading tags. This is always an error in the provider:\n\n"+err.Error())
		return false
	}
	merged := mergeTags(data.DefaultTags, own)
	if len(validators.TagRuleViolations(own)) == 0 {
		for _, msg := range validators.TagRuleViolations(merged) {
			addAttributeError(diags, path.Root("tags"), "Invalid tags after merging the provider's default_tags",
				msg+" The "+kind+"'s tags (tags_all) are the provider's default_tags.tags overlaid with tags.")
		}
	}
	if diags.HasError() {
		return false
	}
	tagsAll := make(map[string]tftypes.Value, len(merged))
	for k, v := range data.IgnoreTags.filter(merged) {
		tagsAll[k] = tftypes.NewValue(tftypes.String, v)
	}
	plan["tags_all"] = tftypes.NewValue(tagsAllType, tagsAll)
	return true
}

// tagContext is what flattenCluster needs to derive tags and tags_all from
// the reported tags: the provider's default tags and ignore_tags, and
// whether the prior value is the plan of an apply (Create, Update), or the
// state of a refresh.
type tagContext struct {
	defaults map[string]string
	ignore   ignoreTags
	// planned keeps the ignored tags that the plan's tags set: an apply must
	// return the configured tags. The next refresh drops them.
	planned bool
}

// ownTags is flattenOwnTags with ignore_tags: reported holds no ignored tag;
// during an apply the ignored tags the plan sets are kept.
func (tc tagContext) ownTags(reported map[string]string, prior types.Map) (types.Map, diag.Diagnostics) {
	if tc.planned && !tc.ignore.empty() {
		var keep map[string]string
		for k, v := range attrvalue.StringMap(prior) {
			if tc.ignore.ignored(k) {
				if keep == nil {
					keep = maps.Clone(reported)
				}
				keep[k] = v
			}
		}
		if keep != nil {
			reported = keep
		}
	}
	return flattenOwnTags(reported, prior, tc.defaults)
}

// diffTags returns the keys to remove and the tags to add or change.
func diffTags(old, want map[string]string) ([]string, map[string]string) {
	var removed []string
	for k := range old {
		if _, ok := want[k]; !ok {
			removed = append(removed, k)
		}
	}
	sort.Strings(removed)
	changed := map[string]string{}
	for k, v := range want {
		if ov, ok := old[k]; !ok || ov != v {
			changed[k] = v
		}
	}
	return removed, changed
}

// mapFullyKnown reports whether a map and all its elements are known.
func mapFullyKnown(m types.Map) bool {
	if m.IsUnknown() {
		return false
	}
	for _, v := range m.Elements() {
		if v.IsUnknown() {
			return false
		}
	}
	return true
}

// updateTags changes the tags of the resource arn (a kind such as
// "cluster", named name in errors) from old to want: one UntagResource for
// the removed keys and one TagResource for the added and changed ones, each
// only when needed. It reports false after an error.
func updateTags(ctx context.Context, client *ecsClient, arn, kind, name string, old, want map[string]string, diags *diag.Diagnostics) bool {
	removed, changed := diffTags(old, want)
	if len(removed) > 0 {
		if _, err := client.UntagResource(ctx, &ecs.UntagResourceInput{ResourceArn: aws.String(arn), TagKeys: removed}); err != nil {
			diags.AddError(apiErrorDiagnostic(fmt.Sprintf("remove tags from %s %q", kind, name), err))
			return false
		}
	}
	if len(changed) > 0 {
		if _, err := client.TagResource(ctx, &ecs.TagResourceInput{ResourceArn: aws.String(arn), Tags: expandTags(changed)}); err != nil {
			diags.AddError(apiErrorDiagnostic(fmt.Sprintf("tag %s %q", kind, name), err))
			return false
		}
	}
	return true
}

const tagRulesMarkdown = "At most 50 tags; keys 1-128 and values 0-256 characters of Unicode letters, digits, spaces and `_ . : / = + - @`; " +
	"keys and values must not start with the reserved prefix `aws:` (in any case)."

// ignoreTags are the tag keys ecsx does not read. The zero value ignores
// nothing.
type ignoreTags struct {
	keys     []string
	prefixes []string
}

// empty reports whether nothing is ignored.
func (ig ignoreTags) empty() bool { return len(ig.keys) == 0 && len(ig.prefixes) == 0 }

// ignored reports whether the tag key k is ignored.
func (ig ignoreTags) ignored(k string) bool {
	if slices.Contains(ig.keys, k) {
		return true
	}
	for _, p := range ig.prefixes {
		if strings.HasPrefix(k, p) {
			return true
		}
	}
	return false
}

// filter returns tags without the ignored ones; tags itself is not changed.
func (ig ignoreTags) filter(tags map[string]string) map[string]string {
	if ig.empty() {
		return tags
	}
	out := make(map[string]string, len(tags))
	for k, v := range tags {
		if !ig.ignored(k) {
			out[k] = v
		}
	}
	return out
}
