package provider

import (
	"context"
	"fmt"
	"regexp"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/ecsx/terraform-provider-ecsx/internal/validators"
)

// The values of the list resource's type filter: ECS's capacity provider
// types of the two kinds ecsx_capacity_provider manages.
const (
	listTypeASG = string(ecstypes.CapacityProviderTypeEc2Autoscaling)
	listTypeMI  = string(ecstypes.CapacityProviderTypeManagedInstances)
)

// capacityProviderListResource lists the capacity providers of a region for
// `terraform query` (Terraform 1.14 and later):
// list "ecsx_capacity_provider" "all" { ... }.
type capacityProviderListResource struct {
	data *providerData
}

// NewCapacityProviderListResource returns the ecsx_capacity_provider list
// resource.
func NewCapacityProviderListResource() list.ListResource { return &capacityProviderListResource{} }

var (
	_ list.ListResource                   = (*capacityProviderListResource)(nil)
	_ list.ListResourceWithConfigure      = (*capacityProviderListResource)(nil)
	_ list.ListResourceWithValidateConfig = (*capacityProviderListResource)(nil)
)

type capacityProviderListModel struct {
	NameRegex types.String `tfsdk:"name_regex"`
	Type      types.String `tfsdk:"type"`
	Cluster   types.String `tfsdk:"cluster"`
	Region    types.String `tfsdk:"region"`
}

func (l *capacityProviderListResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_capacity_provider"
}

func (l *capacityProviderListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = listschema.Schema{
		MarkdownDescription: "Lists the ECS capacity providers of a region for `terraform query` (Terraform 1.14 and later): " +
			"Auto Scaling group providers through `DescribeCapacityProviders` pages of 10, and Managed Instances providers, which belong to a cluster, " +
			"through `DescribeCapacityProviders` pages of 10 per cluster (the clusters from `ListClusters`, or the one of `cluster`). " +
			"The answers hold every provider in full, so `include_resource = true` costs no further call. " +
			"The built-in `FARGATE` and `FARGATE_SPOT`, deleted (`INACTIVE`) providers and providers being deleted are left out. " +
			"`terraform query -generate-config-out=FILE` writes an `import` block (by identity, the provider's ARN) and an `ecsx_capacity_provider` block per provider.",
		Attributes: map[string]listschema.Attribute{
			"name_regex": listNameRegexAttribute("capacity provider"),
			"type": listschema.StringAttribute{
				MarkdownDescription: "Kind of capacity provider listed, as ECS names it: `EC2_AUTOSCALING` (backed by an Auto Scaling group) or `MANAGED_INSTANCES` (ECS Managed Instances). " +
					"Defaults to both. With `EC2_AUTOSCALING` no cluster is listed.",
				Optional:   true,
				Validators: []validator.String{stringvalidator.OneOf(listTypeASG, listTypeMI)},
			},
			"cluster": listschema.StringAttribute{
				MarkdownDescription: "Name of a cluster: only the Managed Instances capacity providers of this cluster are listed (Auto Scaling group providers belong to no cluster, " +
					"so they are left out). Refused with `type = \"EC2_AUTOSCALING\"`. Defaults to the Managed Instances providers of every cluster of the region.",
				Optional:   true,
				Validators: []validator.String{validators.ClusterName()},
			},
			"region": listRegionAttribute("capacity providers"),
		},
	}
}

func (l *capacityProviderListResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	l.data = configuredData(req.ProviderData, "The ecsx_capacity_provider list resource", &resp.Diagnostics)
}

// ValidateListResourceConfig refuses cluster with type EC2_AUTOSCALING: such
// providers belong to no cluster, so the query could list nothing.
func (l *capacityProviderListResource) ValidateListResourceConfig(ctx context.Context, req list.ValidateConfigRequest, resp *list.ValidateConfigResponse) {
	var cfg capacityProviderListModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if cfg.Type.ValueString() == listTypeASG && !cfg.Cluster.IsNull() && !cfg.Cluster.IsUnknown() {
		resp.Diagnostics.AddAttributeError(path.Root("cluster"), "cluster is for Managed Instances",
			"Attribute cluster: only Managed Instances capacity providers belong to a cluster; with type = \"EC2_AUTOSCALING\" leave cluster out.")
	}
}

// capacityProviderQuery is what one List call looks for.
type capacityProviderQuery struct {
	re      *regexp.Regexp
	wantASG bool
	wantMI  bool
	cluster string // the only cluster whose Managed Instances providers are listed
	region  string
	client  *ecsClient
}

func (l *capacityProviderListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var cfg capacityProviderListModel
	re, ok := listConfig(ctx, req, stream, l.data, "The ecsx_capacity_provider list resource", &cfg, func() types.String { return cfg.NameRegex })
	if !ok {
		return
	}
	q := capacityProviderQuery{
		re:      re,
		wantASG: cfg.Type.ValueString() != listTypeMI && cfg.Cluster.IsNull(),
		wantMI:  cfg.Type.ValueString() != listTypeASG,
		cluster: cfg.Cluster.ValueString(),
		region:  l.data.regionOr(cfg.Region.ValueString()),
	}
	q.client = l.data.ecsIn(q.region)

	stream.Results = func(push func(list.ListResult) bool) {
		sink := &listSink{ctx: ctx, req: req, push: push}
		fail := sink.fail
		// emit pushes the result of one provider and reports whether to go on.
		emit := func(p *ecstypes.CapacityProvider) bool {
			return sink.emit(l.result(ctx, req, p, q.region))
		}
		if q.wantASG {
			more, err := q.page(ctx, "", listTypeASG, emit)
			if err != nil {
				fail(apiErrorDiagnostic("list the capacity providers", err))
			}
			if err != nil || !more {
				return
			}
		}
		if !q.wantMI {
			return
		}
		if q.cluster != "" {
			if _, err := q.page(ctx, q.cluster, listTypeMI, emit); err != nil {
				fail(apiErrorDiagnostic(fmt.Sprintf("list the capacity providers of cluster %q", q.cluster), err))
			}
			return
		}
		clusters := ecs.NewListClustersPaginator(q.client, &ecs.ListClustersInput{MaxResults: aws.Int32(100)})
		for clusters.HasMorePages() {
			page, err := clusters.NextPage(ctx)
			if err != nil {
				fail(apiErrorDiagnostic("list the clusters", err))
				return
			}
			for _, arn := range page.ClusterArns {
				more, err := q.page(ctx, arn, listTypeMI, emit)
				if isClusterGone(err) {
					// Deleted since ListClusters answered: it has no providers.
					continue
				}
				if err != nil {
					fail(apiErrorDiagnostic(fmt.Sprintf("list the capacity providers of cluster %q", clusterNameOf(arn)), err))
				}
				if err != nil || !more {
					return
				}
			}
		}
	}
}

// page pages through DescribeCapacityProviders, of one cluster when cluster
// is set, and emits each live provider of kind whose name matches. It
// reports whether emit asked for more.
func (q *capacityProviderQuery) page(ctx context.Context, cluster, kind string, emit func(*ecstypes.CapacityProvider) bool) (bool, error) {
	in := &ecs.DescribeCapacityProvidersInput{
		Include:    []ecstypes.CapacityProviderField{ecstypes.CapacityProviderFieldTags},
		MaxResults: aws.Int32(maxProvidersPerPage),
	}
	if cluster != "" {
		in.Cluster = aws.String(cluster)
	}
	for {
		out, err := q.client.DescribeCapacityProviders(ctx, in)
		if err != nil {
			return false, err
		}
		for i := range out.CapacityProviders {
			p := &out.CapacityProviders[i]
			if capacityProviderKind(p) != kind || !listedProvider(p) || (q.re != nil && !q.re.MatchString(aws.ToString(p.Name))) {
				continue
			}
			if !emit(p) {
				return false, nil
			}
		}
		if aws.ToString(out.NextToken) == "" {
			return true, nil
		}
		in.NextToken = out.NextToken
	}
}

// capacityProviderKind is the type filter's value for a provider: "" for
// FARGATE and FARGATE_SPOT. Each kind is taken from one listing only (Auto
// Scaling group providers from the region's, Managed Instances providers
// from their cluster's), so that none is listed twice whatever else ECS
// puts in those listings.
func capacityProviderKind(p *ecstypes.CapacityProvider) string {
	switch {
	case p.ManagedInstancesProvider != nil || p.Type == ecstypes.CapacityProviderTypeManagedInstances:
		return listTypeMI
	case p.AutoScalingGroupProvider != nil || p.Type == ecstypes.CapacityProviderTypeEc2Autoscaling:
		return listTypeASG
	}
	return ""
}

// listedProvider reports whether a provider is live: neither deleted nor
// being deleted.
func listedProvider(p *ecstypes.CapacityProvider) bool {
	switch {
	case p.Status == ecstypes.CapacityProviderStatusInactive:
		return false
	case p.UpdateStatus == ecstypes.CapacityProviderUpdateStatusDeleteInProgress,
		p.UpdateStatus == ecstypes.CapacityProviderUpdateStatusDeleteComplete:
		return false
	}
	return true
}

// isClusterGone matches the error of a cluster deleted meanwhile.
func isClusterGone(err error) bool {
	return errorCodeIs(err, "ClusterNotFoundException", "")
}

// result is the list result of one provider: its display name, identity
// and, with include_resource, the resource as an import and its first
// refresh would record it.
func (l *capacityProviderListResource) result(ctx context.Context, req list.ListRequest, p *ecstypes.CapacityProvider, region string) list.ListResult {
	r := req.NewListResult(ctx)
	arn := aws.ToString(p.CapacityProviderArn)
	r.DisplayName = aws.ToString(p.Name)
	if c := aws.ToString(p.Cluster); c != "" && capacityProviderKind(p) == listTypeMI {
		r.DisplayName += " (cluster " + clusterNameOf(c) + ")"
	}
	r.Diagnostics.Append(setCapacityProviderIdentity(ctx, r.Identity, arn)...)
	if req.IncludeResource && !r.Diagnostics.HasError() {
		r.Diagnostics.Append(l.resourceOf(ctx, p, region, r.Resource)...)
	}
	return r
}

// resourceOf writes the provider into a listed resource exactly as an import
// (its ARN and region) and the Read after it would: everything the provider
// has is taken in, so that the configuration generated from it plans no
// change.
func (l *capacityProviderListResource) resourceOf(ctx context.Context, p *ecstypes.CapacityProvider, region string, res *tfsdk.Resource) diag.Diagnostics {
	obj, vals, diags := nullAttributes(res.Raw.Type(), "ecsx_capacity_provider")
	if diags.HasError() {
		return diags
	}
	res.Raw = tftypes.NewValue(obj, vals)
	var m capacityProviderModel
	if diags.Append(res.Get(ctx, &m)...); diags.HasError() {
		return diags
	}
	m.Region = types.StringValue(region)
	diags.Append(flattenCapacityProvider(ctx, p, &m, tagContext{defaults: l.data.DefaultTags, ignore: l.data.IgnoreTags})...)
	if diags.HasError() {
		return diags
	}
	diags.Append(res.Set(ctx, &m)...)
	return diags
}
