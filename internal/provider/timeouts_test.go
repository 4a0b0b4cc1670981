package provider

import (
	"context"
	"regexp"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
)

// TestTimeoutsDocumentedDefaults: the default that each timeouts attribute
// documents ("Defaults to `20m`") is the one its operation uses.
func TestTimeoutsDocumentedDefaults(t *testing.T) {
	ctx := context.Background()
	defaults := map[string]time.Duration{"create": defaultCreateTimeout, "update": defaultUpdateTimeout, "delete": defaultDeleteTimeout}
	documented := regexp.MustCompile("Defaults to `([0-9a-z]+)`")
	for name, r := range map[string]resource.Resource{
		"ecsx_cluster":                    NewClusterResource(),
		"ecsx_cluster_capacity_providers": NewClusterCapacityProvidersResource(),
	} {
		var resp resource.SchemaResponse
		r.Schema(ctx, resource.SchemaRequest{}, &resp)
		block, ok := resp.Schema.Blocks["timeouts"].(schema.SingleNestedBlock)
		if !ok {
			t.Fatalf("%s has no timeouts block", name)
		}
		for op, want := range defaults {
			attr, ok := block.Attributes[op].(schema.StringAttribute)
			if !ok {
				t.Fatalf("%s: no timeouts.%s", name, op)
			}
			m := documented.FindStringSubmatch(attr.MarkdownDescription)
			if m == nil {
				t.Errorf("%s: timeouts.%s documents no default: %q", name, op, attr.MarkdownDescription)
				continue
			}
			if got, err := time.ParseDuration(m[1]); err != nil || got != want {
				t.Errorf("%s: timeouts.%s documents %s, the operation uses %s", name, op, m[1], want)
			}
		}
	}
}
