package provider

import (
	"testing"

	fwprovider "github.com/hashicorp/terraform-plugin-framework/provider"
	providerschema "github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	resourceschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
)

// describedAttribute is what the documentation needs from an attribute.
type describedAttribute interface {
	GetMarkdownDescription() string
}

// nestedAttributes returns the attributes nested in a, if any.
func nestedAttributes(a any) map[string]describedAttribute {
	out := map[string]describedAttribute{}
	add := func(attrs map[string]resourceschema.Attribute) {
		for k, v := range attrs {
			out[k] = v
		}
	}
	switch a := a.(type) {
	case resourceschema.SingleNestedAttribute:
		add(a.Attributes)
	case resourceschema.ListNestedAttribute:
		add(a.NestedObject.Attributes)
	case resourceschema.SetNestedAttribute:
		add(a.NestedObject.Attributes)
	case providerschema.SingleNestedAttribute:
		for k, v := range a.Attributes {
			out[k] = v
		}
	}
	return out
}

func checkDescriptions(t *testing.T, prefix string, attrs map[string]describedAttribute) {
	t.Helper()
	for name, a := range attrs {
		p := prefix + name
		if a.GetMarkdownDescription() == "" {
			t.Errorf("%s has no MarkdownDescription", p)
		}
		checkDescriptions(t, p+".", nestedAttributes(a))
	}
}

func TestSchemasAreDocumented(t *testing.T) {
	ctx := t.Context()

	var presp fwprovider.SchemaResponse
	New("test")().Schema(ctx, fwprovider.SchemaRequest{}, &presp)
	if presp.Schema.MarkdownDescription == "" {
		t.Error("provider schema has no MarkdownDescription")
	}
	pattrs := map[string]describedAttribute{}
	for k, v := range presp.Schema.Attributes {
		pattrs[k] = v
	}
	checkDescriptions(t, "provider.", pattrs)

	var rresp resource.SchemaResponse
	NewClusterResource().Schema(ctx, resource.SchemaRequest{}, &rresp)
	if diags := rresp.Schema.ValidateImplementation(ctx); diags.HasError() {
		t.Fatalf("resource schema: %v", diags)
	}
	if rresp.Schema.MarkdownDescription == "" {
		t.Error("ecsx_cluster has no MarkdownDescription")
	}
	rattrs := map[string]describedAttribute{}
	for k, v := range rresp.Schema.Attributes {
		rattrs[k] = v
	}
	checkDescriptions(t, "ecsx_cluster.", rattrs)
}
