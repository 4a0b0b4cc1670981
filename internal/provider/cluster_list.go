package provider

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// describeBatch is the most clusters one DescribeClusters call takes.
const describeBatch = 100

// clusterListResource lists the clusters of a region for `terraform query`
// (Terraform 1.14 and later): list "ecsx_cluster" "all" { ... }.
type clusterListResource struct {
	data *providerData
}

// NewClusterListResource returns the ecsx_cluster list resource.
func NewClusterListResource() list.ListResource { return &clusterListResource{} }

var (
	_ list.ListResource              = (*clusterListResource)(nil)
	_ list.ListResourceWithConfigure = (*clusterListResource)(nil)
)

type clusterListModel struct {
	NameRegex types.String `tfsdk:"name_regex"`
	Region    types.String `tfsdk:"region"`
}

func (l *clusterListResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_cluster"
}

func (l *clusterListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = listschema.Schema{
		MarkdownDescription: "Lists the ECS clusters of a region for `terraform query` (Terraform 1.14 and later): " +
			"`ListClusters` pages of 100, then, with `include_resource = true`, one `DescribeClusters` of up to 100 clusters per page. " +
			"Deleted (`INACTIVE`) and deleting (`DEPROVISIONING`) clusters are left out. " +
			"`terraform query -generate-config-out=FILE` writes an `import` block (by identity) and an `ecsx_cluster` block per cluster.",
		Attributes: map[string]listschema.Attribute{
			"name_regex": listNameRegexAttribute("cluster"),
			"region":     listRegionAttribute("clusters"),
		},
	}
}

func (l *clusterListResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	l.data = configuredData(req.ProviderData, "The ecsx_cluster list resource", &resp.Diagnostics)
}

func (l *clusterListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var cfg clusterListModel
	re, ok := listConfig(ctx, req, stream, l.data, "The ecsx_cluster list resource", &cfg, func() types.String { return cfg.NameRegex })
	if !ok {
		return
	}
	region := l.data.regionOr(cfg.Region.ValueString())
	client := l.data.ecsIn(region)

	stream.Results = func(push func(list.ListResult) bool) {
		sink := &listSink{ctx: ctx, req: req, push: push}
		emit, fail := sink.emit, sink.fail
		pages := ecs.NewListClustersPaginator(client, &ecs.ListClustersInput{MaxResults: aws.Int32(describeBatch)})
		for pages.HasMorePages() {
			page, err := pages.NextPage(ctx)
			if err != nil {
				fail(apiErrorDiagnostic("list the clusters", err))
				return
			}
			var arns []string
			for _, arn := range page.ClusterArns {
				if re == nil || re.MatchString(clusterNameFromARN(arn)) {
					arns = append(arns, arn)
				}
			}
			if len(arns) == 0 {
				continue
			}
			if !req.IncludeResource {
				for _, arn := range arns {
					if !emit(l.identityResult(ctx, req, arn, region)) {
						return
					}
				}
				continue
			}
			clusters, err := describeClusters(ctx, client, arns)
			if err != nil {
				fail(apiErrorDiagnostic("describe the listed clusters", err))
				return
			}
			for i := range clusters {
				c := &clusters[i]
				if s := aws.ToString(c.Status); s == clusterStatusInactive || s == clusterStatusDeprovisioning {
					continue
				}
				r := l.identityResult(ctx, req, aws.ToString(c.ClusterArn), region)
				r.Diagnostics.Append(l.resourceOf(ctx, c, region, r.Resource)...)
				if !emit(r) {
					return
				}
			}
		}
	}
}

// identityResult is a result with the display name and identity of the
// cluster of an ARN.
func (l *clusterListResource) identityResult(ctx context.Context, req list.ListRequest, arn, region string) list.ListResult {
	r := req.NewListResult(ctx)
	name := clusterNameFromARN(arn)
	r.DisplayName = name
	if rg := regionOfARN(arn); rg != "" {
		region = rg
	}
	r.Diagnostics.Append(r.Identity.Set(ctx, clusterIdentityModel{
		AccountID: types.StringValue(accountOfARN(arn)),
		Region:    types.StringValue(region),
		Name:      types.StringValue(name),
	})...)
	return r
}

// resourceOf writes the cluster into a listed resource exactly as an import
// and its first refresh would: everything the cluster has is taken in, so
// that the configuration generated from it plans no change.
func (l *clusterListResource) resourceOf(ctx context.Context, c *ecstypes.Cluster, region string, res *tfsdk.Resource) diag.Diagnostics {
	typ := clusterTerraformType()
	_, vals, diags := nullAttributes(typ, "ecsx_cluster")
	if diags.HasError() {
		return diags
	}
	arn := aws.ToString(c.ClusterArn)
	vals["id"] = tftypes.NewValue(tftypes.String, arn)
	vals["arn"] = tftypes.NewValue(tftypes.String, arn)
	vals["region"] = tftypes.NewValue(tftypes.String, region)
	var m clusterResourceModel
	diags.Append(clusterModelFromRaw(ctx, tftypes.NewValue(typ, vals), &m)...)
	if diags.HasError() {
		return diags
	}
	diags.Append(flattenCluster(c, &m, tagContext{defaults: l.data.DefaultTags, ignore: l.data.IgnoreTags}, true)...)
	if diags.HasError() {
		return diags
	}
	raw, d := clusterModelToRaw(ctx, typ, &m)
	diags.Append(d...)
	if !diags.HasError() {
		res.Raw = raw
	}
	return diags
}

// describeClusters describes clusters in batches of 100 with every include.
func describeClusters(ctx context.Context, client *ecsClient, ids []string) ([]ecstypes.Cluster, error) {
	var out []ecstypes.Cluster
	for start := 0; start < len(ids); start += describeBatch {
		end := min(start+describeBatch, len(ids))
		resp, err := client.DescribeClusters(ctx, &ecs.DescribeClustersInput{
			Clusters: ids[start:end],
			Include:  allClusterFields,
		})
		if err != nil {
			return nil, err
		}
		out = append(out, resp.Clusters...)
	}
	return out, nil
}
