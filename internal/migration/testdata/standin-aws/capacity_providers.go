package main

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// passthrough is a resource whose state is what the plan or the state says.
type passthrough struct{}

func (passthrough) Create(_ context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	resp.State.Raw = req.Plan.Raw
}

func (passthrough) Read(_ context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	resp.State.Raw = req.State.Raw
}

func (passthrough) Update(_ context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	resp.State.Raw = req.Plan.Raw
}

func (passthrough) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}

func num() schema.Int64Attribute { return schema.Int64Attribute{Optional: true, Computed: true} }

func block(attrs map[string]schema.Attribute, blocks map[string]schema.Block) schema.ListNestedBlock {
	return schema.ListNestedBlock{NestedObject: schema.NestedBlockObject{Attributes: attrs, Blocks: blocks}}
}

// capacityProvider has the schema of hashicorp/aws v6's
// aws_ecs_capacity_provider, with the parts of managed_instances_provider
// that the tests use.
type capacityProvider struct{ passthrough }

func (capacityProvider) Metadata(_ context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = "aws_ecs_capacity_provider"
}

func (capacityProvider) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Attributes: map[string]schema.Attribute{
			"arn":      str(true),
			"id":       str(true),
			"name":     schema.StringAttribute{Required: true},
			"cluster":  str(false),
			"region":   schema.StringAttribute{Optional: true, Computed: true},
			"tags":     schema.MapAttribute{Optional: true, ElementType: types.StringType},
			"tags_all": schema.MapAttribute{Optional: true, Computed: true, ElementType: types.StringType},
		},
		Blocks: map[string]schema.Block{
			"auto_scaling_group_provider": block(map[string]schema.Attribute{
				"auto_scaling_group_arn":         schema.StringAttribute{Required: true},
				"managed_draining":               schema.StringAttribute{Optional: true, Computed: true},
				"managed_termination_protection": schema.StringAttribute{Optional: true, Computed: true},
			}, map[string]schema.Block{
				"managed_scaling": block(map[string]schema.Attribute{
					"instance_warmup_period":    num(),
					"maximum_scaling_step_size": num(),
					"minimum_scaling_step_size": num(),
					"status":                    schema.StringAttribute{Optional: true, Computed: true},
					"target_capacity":           num(),
				}, nil),
			}),
			"managed_instances_provider": block(map[string]schema.Attribute{
				"infrastructure_role_arn": schema.StringAttribute{Required: true},
				"propagate_tags":          str(false),
			}, map[string]schema.Block{
				"instance_launch_template": block(map[string]schema.Attribute{
					"capacity_option_type":     schema.StringAttribute{Optional: true, Computed: true},
					"ec2_instance_profile_arn": schema.StringAttribute{Required: true},
					"monitoring":               str(false),
				}, map[string]schema.Block{
					"network_configuration": block(map[string]schema.Attribute{
						"security_groups": schema.SetAttribute{Optional: true, ElementType: types.StringType},
						"subnets":         schema.SetAttribute{Required: true, ElementType: types.StringType},
					}, nil),
					"storage_configuration": block(map[string]schema.Attribute{
						"storage_size_gib": schema.Int64Attribute{Required: true},
					}, nil),
				}),
			}),
		},
	}
}

// clusterCapacityProviders has the schema of hashicorp/aws v6's
// aws_ecs_cluster_capacity_providers.
type clusterCapacityProviders struct{ passthrough }

func (clusterCapacityProviders) Metadata(_ context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = "aws_ecs_cluster_capacity_providers"
}

func (clusterCapacityProviders) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Attributes: map[string]schema.Attribute{
			"id":                 str(true),
			"cluster_name":       schema.StringAttribute{Required: true},
			"region":             schema.StringAttribute{Optional: true, Computed: true},
			"capacity_providers": schema.SetAttribute{Optional: true, ElementType: types.StringType},
		},
		Blocks: map[string]schema.Block{
			"default_capacity_provider_strategy": schema.SetNestedBlock{NestedObject: schema.NestedBlockObject{Attributes: map[string]schema.Attribute{
				"base":              schema.Int64Attribute{Optional: true},
				"capacity_provider": schema.StringAttribute{Required: true},
				"weight":            schema.Int64Attribute{Optional: true},
			}}},
		},
	}
}
