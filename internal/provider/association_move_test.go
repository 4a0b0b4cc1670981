package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// awsClusterCapacityProvidersStateJSON is the state of an
// aws_ecs_cluster_capacity_providers as hashicorp/aws v6 writes it.
const awsClusterCapacityProvidersStateJSON = `{
  "capacity_providers": ["FARGATE", "FARGATE_SPOT", "ec2"],
  "cluster_name": "web",
  "default_capacity_provider_strategy": [
    {"base": 1, "capacity_provider": "FARGATE", "weight": 100},
    {"base": 0, "capacity_provider": "ec2", "weight": 0}
  ],
  "id": "web",
  "region": "eu-west-1"
}`

// awsMinimalClusterCapacityProvidersStateJSON is hashicorp/aws v5's state
// with no providers: no region, an empty set and no strategy.
const awsMinimalClusterCapacityProvidersStateJSON = `{
  "capacity_providers": [],
  "cluster_name": "bare",
  "default_capacity_provider_strategy": [],
  "id": "bare"
}`

func moveClusterCapacityProviders(t *testing.T, r *clusterCapacityProvidersResource, typ, address string, version int64, stateJSON string) *resource.MoveStateResponse {
	t.Helper()
	ctx := context.Background()
	var s resource.SchemaResponse
	r.Schema(ctx, resource.SchemaRequest{}, &s)
	req := resource.MoveStateRequest{
		SourceTypeName:        typ,
		SourceProviderAddress: address,
		SourceSchemaVersion:   version,
		SourceRawState:        &tfprotov6.RawState{JSON: []byte(stateJSON)},
	}
	resp := &resource.MoveStateResponse{TargetState: tfsdk.State{Schema: s.Schema, Raw: tftypes.NewValue(s.Schema.Type().TerraformType(ctx), nil)}}
	movers := r.MoveState(ctx)
	if len(movers) != 1 {
		t.Fatalf("%d state movers, want 1", len(movers))
	}
	movers[0].StateMover(ctx, req, resp)
	return resp
}

func TestMoveState_fromAWSClusterCapacityProviders(t *testing.T) {
	for _, address := range []string{"registry.terraform.io/hashicorp/aws", "registry.opentofu.org/hashicorp/aws", "hashicorp/aws", "aws"} {
		t.Run(address, func(t *testing.T) {
			resp := moveClusterCapacityProviders(t, &clusterCapacityProvidersResource{}, awsClusterCapacityProvidersType, address, 0, awsClusterCapacityProvidersStateJSON)
			if resp.Diagnostics.HasError() {
				t.Fatalf("move failed: %v", resp.Diagnostics)
			}
			var m clusterCapacityProvidersModel
			if d := resp.TargetState.Get(context.Background(), &m); d.HasError() {
				t.Fatalf("moved state does not read: %v", d)
			}
			if m.ID.ValueString() != "web" || m.ClusterName.ValueString() != "web" || m.Region.ValueString() != "eu-west-1" {
				t.Errorf("id %s, cluster_name %s, region %s", m.ID, m.ClusterName, m.Region)
			}
			if got := strings.Join(expandCapacityProviders(m.CapacityProviders), ","); got != "FARGATE,FARGATE_SPOT,ec2" {
				t.Errorf("capacity_providers = %s", got)
			}
			strategy := expandStrategy(m.DefaultCapacityProviderStrategy)
			if len(strategy) != 2 {
				t.Fatalf("strategy = %v", m.DefaultCapacityProviderStrategy)
			}
			for _, s := range strategy {
				switch *s.CapacityProvider {
				case "FARGATE":
					if s.Base != 1 || s.Weight != 100 {
						t.Errorf("FARGATE item = base %d weight %d", s.Base, s.Weight)
					}
				case "ec2":
					if s.Base != 0 || s.Weight != 0 {
						t.Errorf("ec2 item = base %d weight %d", s.Base, s.Weight)
					}
				default:
					t.Errorf("unexpected item %s", *s.CapacityProvider)
				}
			}
		})
	}
}

func TestMoveState_fromAWSClusterCapacityProvidersMinimal(t *testing.T) {
	r := &clusterCapacityProvidersResource{data: &providerData{Region: "ap-south-1"}}
	resp := moveClusterCapacityProviders(t, r, awsClusterCapacityProvidersType, "registry.terraform.io/hashicorp/aws", 0, awsMinimalClusterCapacityProvidersStateJSON)
	if resp.Diagnostics.HasError() {
		t.Fatalf("move failed: %v", resp.Diagnostics)
	}
	var m clusterCapacityProvidersModel
	if d := resp.TargetState.Get(context.Background(), &m); d.HasError() {
		t.Fatalf("moved state does not read: %v", d)
	}
	if m.ID.ValueString() != "bare" || m.ClusterName.ValueString() != "bare" {
		t.Errorf("id %s, cluster_name %s", m.ID, m.ClusterName)
	}
	if m.Region.ValueString() != "ap-south-1" {
		t.Errorf("region = %s, want the provider's, ap-south-1", m.Region)
	}
	if !m.CapacityProviders.IsNull() {
		t.Errorf("capacity_providers = %s, want null", m.CapacityProviders)
	}
	if m.DefaultCapacityProviderStrategy.IsNull() || len(m.DefaultCapacityProviderStrategy.Elements()) != 0 {
		t.Errorf("default_capacity_provider_strategy = %s, want an empty set", m.DefaultCapacityProviderStrategy)
	}
}

func TestMoveState_clusterCapacityProvidersRefused(t *testing.T) {
	tests := []struct {
		typ, address string
		version      int64
		want         string
	}{
		{"aws_ecs_cluster", "registry.terraform.io/hashicorp/aws", 0, "aws_ecs_cluster_capacity_providers only"},
		{"aws_ecs_cluster_capacity_providers", "registry.terraform.io/example/aws", 0, "aws_ecs_cluster_capacity_providers only"},
		{"aws_ecs_capacity_provider", "aws", 0, "aws_ecs_cluster_capacity_providers only"},
		{"aws_ecs_cluster_capacity_providers", "awscc", 0, "aws_ecs_cluster_capacity_providers only"},
		{"aws_ecs_cluster_capacity_providers", "registry.example.com/hashicorp/aws", 0, "aws_ecs_cluster_capacity_providers only"},
		{"aws_ecs_cluster_capacity_providers", "aws", 2, "not version 2"},
		{"aws_ecs_cluster_capacity_providers", "registry.terraform.io/hashicorp/aws", 2, "not version 2"},
	}
	for _, tt := range tests {
		resp := moveClusterCapacityProviders(t, &clusterCapacityProvidersResource{}, tt.typ, tt.address, tt.version, awsClusterCapacityProvidersStateJSON)
		if !resp.Diagnostics.HasError() {
			t.Errorf("%s from %s v%d: moved, want an error", tt.typ, tt.address, tt.version)
			continue
		}
		if !resp.TargetState.Raw.IsNull() {
			t.Errorf("%s from %s v%d: target state set", tt.typ, tt.address, tt.version)
		}
		if d := resp.Diagnostics.Errors()[0].Detail(); !strings.Contains(d, tt.want) {
			t.Errorf("%s from %s v%d: error %q, want it to mention %q", tt.typ, tt.address, tt.version, d, tt.want)
		}
	}
}
