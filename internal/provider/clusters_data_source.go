package provider

import (
	"context"
	"regexp"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecsx/terraform-provider-ecsx/internal/validators"
)

var (
	_ datasource.DataSource              = (*clustersDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*clustersDataSource)(nil)
)

// clusterSummaryAttrTypes are the attribute types of an item of clusters.
var clusterSummaryAttrTypes = map[string]attr.Type{
	"name": types.StringType,
	"arn":  types.StringType,
}

// NewClustersDataSource returns the ecsx_clusters data source.
func NewClustersDataSource() datasource.DataSource {
	return &clustersDataSource{}
}

// clustersDataSource lists the clusters of the region.
type clustersDataSource struct {
	data *providerData
}

// clustersDataSourceModel is the state of the ecsx_clusters data source.
type clustersDataSourceModel struct {
	NameRegex types.String `tfsdk:"name_regex"`
	Clusters  types.List   `tfsdk:"clusters"`
	Names     types.List   `tfsdk:"names"`
	ARNs      types.List   `tfsdk:"cluster_arns"`
	Region    types.String `tfsdk:"region"`
}

// clusterSummary is one listed cluster.
type clusterSummary struct {
	Name string
	ARN  string
}

func (d *clustersDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_clusters"
}

func (d *clustersDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the Amazon ECS clusters of a region (the provider's unless `region` is set), by name and ARN, sorted by name, optionally filtered by a regular expression on the name. " +
			"Deleted (`INACTIVE`) clusters are not listed.\n\n" +
			"The list comes from `ListClusters` alone (one call per 100 clusters); use the `ecsx_cluster` data source for the details of a cluster.",
		Attributes: map[string]schema.Attribute{
			"name_regex": schema.StringAttribute{
				MarkdownDescription: "Regular expression ([RE2 syntax](https://github.com/google/re2/wiki/Syntax)) that the cluster names must match, for example `^prod-`. " +
					"It matches anywhere in the name unless anchored with `^` and `$`. Defaults to every cluster.",
				Optional:   true,
				Validators: []validator.String{validators.Regexp()},
			},
			"region": schema.StringAttribute{
				MarkdownDescription: "AWS region whose clusters are listed. Defaults to the provider's region.",
				Optional:            true,
				Computed:            true,
				Validators: []validator.String{
					stringvalidator.RegexMatches(regionPattern, "must be an AWS region name such as eu-west-1"),
				},
			},
			"clusters": schema.ListAttribute{
				MarkdownDescription: "The clusters, sorted by name: a list of objects with `name` and `arn`.",
				Computed:            true,
				ElementType:         types.ObjectType{AttrTypes: clusterSummaryAttrTypes},
			},
			"names": schema.ListAttribute{
				MarkdownDescription: "Names of the clusters, sorted.",
				Computed:            true,
				ElementType:         types.StringType,
			},
			"cluster_arns": schema.ListAttribute{
				MarkdownDescription: "ARNs of the clusters, in the order of `names` (hashicorp/aws's name of this list).",
				Computed:            true,
				ElementType:         types.StringType,
			},
		},
	}
}

func (d *clustersDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = configuredData(req.ProviderData, "The ecsx_clusters data source", &resp.Diagnostics)
}

func (d *clustersDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m clustersDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if d.data == nil {
		resp.Diagnostics.AddError("Provider not configured",
			"The ecsx_clusters data source was read before the provider was configured. This is a bug in the provider; please report it.")
		return
	}

	var re *regexp.Regexp
	if v := m.NameRegex.ValueString(); v != "" {
		var err error
		if re, err = regexp.Compile(v); err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("name_regex"), "Invalid regular expression", err.Error())
			return
		}
	}

	region := d.data.regionOr(m.Region.ValueString())
	m.Region = types.StringValue(region)
	clusters, err := listClusters(ctx, d.data.ecsIn(region))
	if err != nil {
		summary, detail := apiErrorDiagnostic("list the clusters", err)
		resp.Diagnostics.AddError(summary, detail)
		return
	}
	if re != nil {
		clusters = slices.DeleteFunc(clusters, func(c clusterSummary) bool { return !re.MatchString(c.Name) })
	}

	resp.Diagnostics.Append(flattenClusterSummaries(clusters, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// listClusters returns every cluster that ListClusters reports, sorted by
// name. The names are taken from the ARNs: no cluster is described.
func listClusters(ctx context.Context, client *ecsClient) ([]clusterSummary, error) {
	var out []clusterSummary
	pages := ecs.NewListClustersPaginator(client, &ecs.ListClustersInput{})
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err != nil {
			return nil, err
		}
		for _, arn := range page.ClusterArns {
			out = append(out, clusterSummary{Name: clusterNameFromARN(arn), ARN: arn})
		}
	}
	slices.SortFunc(out, func(a, b clusterSummary) int {
		if c := strings.Compare(a.Name, b.Name); c != 0 {
			return c
		}
		return strings.Compare(a.ARN, b.ARN)
	})
	return out, nil
}

// clusterNameFromARN returns the name part of a cluster ARN
// (arn:<partition>:ecs:<region>:<account>:cluster/<name>).
func clusterNameFromARN(arn string) string {
	if _, name, ok := strings.Cut(arn, ":cluster/"); ok {
		return name
	}
	return arn[strings.LastIndex(arn, "/")+1:]
}

// flattenClusterSummaries writes clusters, names and arns.
func flattenClusterSummaries(clusters []clusterSummary, m *clustersDataSourceModel) diag.Diagnostics {
	var diags diag.Diagnostics
	items := make([]attr.Value, 0, len(clusters))
	names := make([]attr.Value, 0, len(clusters))
	arns := make([]attr.Value, 0, len(clusters))
	for _, c := range clusters {
		item, d := types.ObjectValue(clusterSummaryAttrTypes, map[string]attr.Value{
			"name": types.StringValue(c.Name),
			"arn":  types.StringValue(c.ARN),
		})
		diags.Append(d...)
		items = append(items, item)
		names = append(names, types.StringValue(c.Name))
		arns = append(arns, types.StringValue(c.ARN))
	}
	var d diag.Diagnostics
	m.Clusters, d = types.ListValue(types.ObjectType{AttrTypes: clusterSummaryAttrTypes}, items)
	diags.Append(d...)
	m.Names, d = types.ListValue(types.StringType, names)
	diags.Append(d...)
	m.ARNs, d = types.ListValue(types.StringType, arns)
	diags.Append(d...)
	return diags
}
