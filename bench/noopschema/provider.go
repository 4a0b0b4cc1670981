// Package noopschema is the benchmark's same-schema floor: a provider whose
// single resource, noopschema_cluster, serves exactly ecsx_cluster's schema
// (provider.ClusterResourceSchema, with its validators, plan modifiers and
// defaults) but makes no API calls and has no resource-level plan logic.
// Terraform and the framework spend on it what they spend on ecsx_cluster's
// 20-attribute schema, so ecsx's time divided by this floor's is ecsx's own
// cost: its plan modifier, reads, conversions and ECS calls.
package noopschema

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// Address is the registry address the provider is served at.
const Address = "registry.terraform.io/ecsx/noopschema"

type noopSchemaProvider struct{}

// New returns a factory for the provider.
func New() func() provider.Provider {
	return func() provider.Provider { return &noopSchemaProvider{} }
}

func (p *noopSchemaProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "noopschema"
}

func (p *noopSchemaProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{Description: "A provider that manages nothing with ecsx_cluster's schema, for benchmarks."}
}

func (p *noopSchemaProvider) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {
}

func (p *noopSchemaProvider) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{newCluster}
}

func (p *noopSchemaProvider) DataSources(context.Context) []func() datasource.DataSource {
	return nil
}
