package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
)

// checkDataSourceDescriptions fails for every attribute, nested ones
// included, without a MarkdownDescription.
func checkDataSourceDescriptions(t *testing.T, prefix string, attrs map[string]dsschema.Attribute) {
	t.Helper()
	for name, a := range attrs {
		p := prefix + name
		if a.GetMarkdownDescription() == "" {
			t.Errorf("%s has no MarkdownDescription", p)
		}
		switch a := a.(type) {
		case dsschema.SingleNestedAttribute:
			checkDataSourceDescriptions(t, p+".", a.Attributes)
		case dsschema.ListNestedAttribute:
			checkDataSourceDescriptions(t, p+".", a.NestedObject.Attributes)
		case dsschema.SetNestedAttribute:
			checkDataSourceDescriptions(t, p+".", a.NestedObject.Attributes)
		}
	}
}

func TestDataSourceSchemasAreDocumented(t *testing.T) {
	ctx := t.Context()
	for _, newDataSource := range []func() datasource.DataSource{NewClusterDataSource, NewClustersDataSource, NewCapacityProviderDataSource} {
		ds := newDataSource()
		var meta datasource.MetadataResponse
		ds.Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: "ecsx"}, &meta)
		var resp datasource.SchemaResponse
		ds.Schema(ctx, datasource.SchemaRequest{}, &resp)
		if diags := resp.Schema.ValidateImplementation(ctx); diags.HasError() {
			t.Fatalf("%s schema: %v", meta.TypeName, diags)
		}
		if resp.Schema.MarkdownDescription == "" {
			t.Errorf("%s has no MarkdownDescription", meta.TypeName)
		}
		checkDataSourceDescriptions(t, meta.TypeName+".", resp.Schema.Attributes)
	}
}

func TestClusterNameFromARN(t *testing.T) {
	for arn, want := range map[string]string{
		"arn:aws:ecs:us-east-1:123456789012:cluster/web":          "web",
		"arn:aws-cn:ecs:cn-north-1:123456789012:cluster/a_b-c":    "a_b-c",
		"arn:aws-us-gov:ecs:us-gov-west-1:123456789012:cluster/x": "x",
		"no-arn": "no-arn",
	} {
		if got := clusterNameFromARN(arn); got != want {
			t.Errorf("clusterNameFromARN(%q) = %q, want %q", arn, got, want)
		}
	}
}
