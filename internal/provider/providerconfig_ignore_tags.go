package provider

import (
	"context"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Environment variables that add to ignore_tags, as in hashicorp/aws: comma
// separated keys and key prefixes.
const (
	envIgnoreTagsKeys        = "TF_AWS_IGNORE_TAGS_KEYS"
	envIgnoreTagsKeyPrefixes = "TF_AWS_IGNORE_TAGS_KEY_PREFIXES"
)

// ignoreTagsModel is the provider's ignore_tags block.
type ignoreTagsModel struct {
	Keys        types.Set `tfsdk:"keys"`
	KeyPrefixes types.Set `tfsdk:"key_prefixes"`
}

// ignoreTagsBlock is the schema of ignore_tags.
func ignoreTagsBlock() schema.Block {
	elem := []validator.Set{
		setvalidator.SizeAtLeast(1),
		setvalidator.ValueStringsAre(stringvalidator.LengthBetween(1, 128)),
	}
	return schema.ListNestedBlock{
		MarkdownDescription: "Tags that another system manages on the clusters (tag policies, cost allocation tools, controllers), which ecsx leaves alone. " +
			"An ignored tag never appears in any `tags` or `tags_all` attribute that ecsx reads, so it never shows as a difference, and ecsx never removes it. " +
			"ecsx still sends a tag that the configuration sets (`tags` or `default_tags`) even when it is ignored; since it is not read back, such a tag shows as a perpetual difference " +
			"until it is removed from the configuration, as with hashicorp/aws.",
		Validators: []validator.List{listvalidator.SizeAtMost(1)},
		NestedObject: schema.NestedBlockObject{
			Attributes: map[string]schema.Attribute{
				"keys": schema.SetAttribute{
					MarkdownDescription: "Exact tag keys to ignore (case-sensitive, as ECS tag keys are). Also read, comma-separated, from `" + envIgnoreTagsKeys + "`.",
					Optional:            true,
					ElementType:         types.StringType,
					Validators:          elem,
				},
				"key_prefixes": schema.SetAttribute{
					MarkdownDescription: "Tag key prefixes to ignore: every tag whose key starts with one of them is ignored. Also read, comma-separated, from `" + envIgnoreTagsKeyPrefixes + "`.",
					Optional:            true,
					ElementType:         types.StringType,
					Validators:          elem,
				},
			},
		},
	}
}

// newIgnoreTags merges the block with the environment variables.
func newIgnoreTags(ctx context.Context, m ignoreTagsModel, getenv func(string) string, diags *diag.Diagnostics) ignoreTags {
	ig := ignoreTags{
		keys:     stringsOfSet(ctx, m.Keys, diags),
		prefixes: stringsOfSet(ctx, m.KeyPrefixes, diags),
	}
	ig.keys = append(ig.keys, splitEnvList(getenv(envIgnoreTagsKeys))...)
	ig.prefixes = append(ig.prefixes, splitEnvList(getenv(envIgnoreTagsKeyPrefixes))...)
	slices.Sort(ig.keys)
	ig.keys = slices.Compact(ig.keys)
	slices.Sort(ig.prefixes)
	ig.prefixes = slices.Compact(ig.prefixes)
	return ig
}

// splitEnvList splits a comma-separated list, dropping empty elements.
func splitEnvList(v string) []string {
	var out []string
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}
