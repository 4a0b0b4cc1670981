// Command terraform-provider-aws is a stand-in for hashicorp/aws in the
// migration tests: Terraform starts the source provider of a cross-type move
// for its schema, and this one has the schemas (version 0) of aws_ecs_cluster,
// aws_ecs_capacity_provider and aws_ecs_cluster_capacity_providers, for the
// attributes the tests use, and nothing else. It makes no API call: its
// resources keep what the state says.
package main

import (
	"context"
	"log"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func main() {
	err := providerserver.Serve(context.Background(), func() provider.Provider { return standin{} },
		providerserver.ServeOpts{Address: "registry.terraform.io/hashicorp/aws"})
	if err != nil {
		log.Fatal(err)
	}
}

type standin struct{}

func (standin) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "aws"
}

func (standin) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {}

func (standin) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {}

func (standin) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{
		func() resource.Resource { return cluster{} },
		func() resource.Resource { return capacityProvider{} },
		func() resource.Resource { return clusterCapacityProviders{} },
	}
}

func (standin) DataSources(context.Context) []func() datasource.DataSource { return nil }

type cluster struct{}

func (cluster) Metadata(_ context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = "aws_ecs_cluster"
}

func str(computed bool) schema.StringAttribute {
	return schema.StringAttribute{Optional: !computed, Computed: computed}
}

func (cluster) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Attributes: map[string]schema.Attribute{
			"arn":      str(true),
			"id":       str(true),
			"name":     schema.StringAttribute{Required: true},
			"region":   schema.StringAttribute{Optional: true, Computed: true},
			"tags":     schema.MapAttribute{Optional: true, ElementType: types.StringType},
			"tags_all": schema.MapAttribute{Optional: true, Computed: true, ElementType: types.StringType},
		},
		Blocks: map[string]schema.Block{
			"setting": schema.SetNestedBlock{NestedObject: schema.NestedBlockObject{Attributes: map[string]schema.Attribute{
				"name": schema.StringAttribute{Required: true}, "value": schema.StringAttribute{Required: true},
			}}},
			"configuration": schema.ListNestedBlock{NestedObject: schema.NestedBlockObject{Blocks: map[string]schema.Block{
				"execute_command_configuration": schema.ListNestedBlock{NestedObject: schema.NestedBlockObject{
					Attributes: map[string]schema.Attribute{"kms_key_id": str(false), "logging": str(false)},
					Blocks: map[string]schema.Block{
						"log_configuration": schema.ListNestedBlock{NestedObject: schema.NestedBlockObject{Attributes: map[string]schema.Attribute{
							"cloud_watch_encryption_enabled": schema.BoolAttribute{Optional: true},
							"cloud_watch_log_group_name":     str(false),
							"s3_bucket_encryption_enabled":   schema.BoolAttribute{Optional: true},
							"s3_bucket_name":                 str(false),
							"s3_key_prefix":                  str(false),
						}}},
					},
				}},
				"managed_storage_configuration": schema.ListNestedBlock{NestedObject: schema.NestedBlockObject{Attributes: map[string]schema.Attribute{
					"fargate_ephemeral_storage_kms_key_id": str(false), "kms_key_id": str(false),
				}}},
			}}},
			"service_connect_defaults": schema.ListNestedBlock{NestedObject: schema.NestedBlockObject{Attributes: map[string]schema.Attribute{
				"namespace": schema.StringAttribute{Required: true},
			}}},
		},
	}
}

func (cluster) Create(_ context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	resp.State.Raw = req.Plan.Raw
}

func (cluster) Read(_ context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	resp.State.Raw = req.State.Raw
}

func (cluster) Update(_ context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	resp.State.Raw = req.Plan.Raw
}

func (cluster) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}
