// Package noopprovider is the floor the benchmark compares ecsx against: a
// provider on the same plugin framework whose single resource, noop_cluster,
// has the same shape as a small ECS cluster but makes no API calls. Anything
// ecsx costs beyond this provider is ecsx's own cost.
package noopprovider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// Address is the registry address the provider is served at.
const Address = "registry.terraform.io/ecsx/noop"

type noopProvider struct{}

// New returns a factory for the provider.
func New() func() provider.Provider {
	return func() provider.Provider { return &noopProvider{} }
}

func (p *noopProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "noop"
}

func (p *noopProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{Description: "A provider that manages nothing, for benchmarks."}
}

func (p *noopProvider) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {
}

func (p *noopProvider) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{newCluster}
}

func (p *noopProvider) DataSources(context.Context) []func() datasource.DataSource {
	return nil
}
