package noopschema

import (
	"context"
	"math/big"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/ecsx/terraform-provider-ecsx/internal/provider"
)

const arnPrefix = "arn:aws:ecs:us-east-1:000000000000:cluster/"

var _ resource.Resource = (*cluster)(nil)

type cluster struct{}

func newCluster() resource.Resource { return &cluster{} }

func (r *cluster) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_cluster"
}

func (r *cluster) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = provider.ClusterResourceSchema(ctx)
}

// Create stores the plan with every unknown value resolved as ECS would
// answer for a new cluster (see resolve).
func (r *cluster) Create(_ context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	v, err := resolve(req.Plan.Raw)
	if err != nil {
		resp.Diagnostics.AddError("noopschema", err.Error())
		return
	}
	resp.State.Raw = v
}

// Read keeps the state as it is.
func (r *cluster) Read(_ context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	resp.State.Raw = req.State.Raw
}

func (r *cluster) Update(_ context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	v, err := resolve(req.Plan.Raw)
	if err != nil {
		resp.Diagnostics.AddError("noopschema", err.Error())
		return
	}
	resp.State.Raw = v
}

func (r *cluster) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}

// resolve replaces the unknown values of a planned cluster with what ecsx
// stores for a new cluster in us-east-1: the ARN for id and arn, the region,
// tags_all equal to tags, status ACTIVE, zero counts, empty collections and
// null for anything else.
func resolve(plan tftypes.Value) (tftypes.Value, error) {
	var top map[string]tftypes.Value
	if err := plan.As(&top); err != nil {
		return plan, err
	}
	var name string
	if v := top["name"]; v.IsKnown() && !v.IsNull() {
		if err := v.As(&name); err != nil {
			return plan, err
		}
	}
	return tftypes.Transform(plan, func(p *tftypes.AttributePath, v tftypes.Value) (tftypes.Value, error) {
		if v.IsKnown() {
			return v, nil
		}
		steps := p.Steps()
		if len(steps) == 1 {
			if a, ok := steps[0].(tftypes.AttributeName); ok {
				switch a {
				case "id", "arn":
					return tftypes.NewValue(tftypes.String, arnPrefix+name), nil
				case "region":
					return tftypes.NewValue(tftypes.String, "us-east-1"), nil
				case "status":
					return tftypes.NewValue(tftypes.String, "ACTIVE"), nil
				case "tags_all":
					if t := top["tags"]; t.IsKnown() && !t.IsNull() {
						return t, nil
					}
				}
			}
		}
		t := v.Type()
		switch {
		case t.Is(tftypes.Number):
			return tftypes.NewValue(t, big.NewFloat(0)), nil
		case t.Is(tftypes.Map{}):
			return tftypes.NewValue(t, map[string]tftypes.Value{}), nil
		case t.Is(tftypes.List{}), t.Is(tftypes.Set{}):
			return tftypes.NewValue(t, []tftypes.Value{}), nil
		}
		return tftypes.NewValue(t, nil), nil
	})
}
