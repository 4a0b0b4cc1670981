package provider

import (
	"context"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/ecsx/terraform-provider-ecsx/internal/sandbox"
)

func TestParseClusterImportID(t *testing.T) {
	long := strings.Repeat("a", 255)
	cases := map[string]struct {
		id   string
		want clusterImportID
	}{
		"name":                             {id: "web", want: clusterImportID{name: "web"}},
		"name with spaces":                 {id: "  web_2-b \n", want: clusterImportID{name: "web_2-b"}},
		"longest name":                     {id: long, want: clusterImportID{name: long}},
		"name@region":                      {id: "web@eu-west-1", want: clusterImportID{name: "web", region: "eu-west-1"}},
		"name@region of a China partition": {id: "web@cn-north-1", want: clusterImportID{name: "web", region: "cn-north-1"}},
		"ARN": {
			id:   "arn:aws:ecs:eu-west-1:123456789012:cluster/web",
			want: clusterImportID{name: "web", region: "eu-west-1", account: "123456789012", partition: "aws", arn: true},
		},
		"ARN of the China partition": {
			id:   "arn:aws-cn:ecs:cn-north-1:123456789012:cluster/web",
			want: clusterImportID{name: "web", region: "cn-north-1", account: "123456789012", partition: "aws-cn", arn: true},
		},
		"ARN of GovCloud": {
			id:   "arn:aws-us-gov:ecs:us-gov-west-1:123456789012:cluster/web",
			want: clusterImportID{name: "web", region: "us-gov-west-1", account: "123456789012", partition: "aws-us-gov", arn: true},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got, problem := parseClusterImportID(tc.id)
			if problem != "" {
				t.Fatalf("parseClusterImportID(%q): %s", tc.id, problem)
			}
			if diff := cmp.Diff(tc.want, got, cmp.AllowUnexported(clusterImportID{})); diff != "" {
				t.Errorf("parseClusterImportID(%q) (-want +got):\n%s", tc.id, diff)
			}
		})
	}
}

func TestParseClusterImportID_invalid(t *testing.T) {
	const expected = "Expected a cluster name"
	cases := map[string]struct {
		id   string
		want []string // fragments of the message
	}{
		"empty":               {id: "", want: []string{"is not a cluster name", expected}},
		"blank":               {id: "   ", want: []string{"is not a cluster name", expected}},
		"bad name":            {id: "web.prod", want: []string{`"web.prod" is not a cluster name`, expected}},
		"name too long":       {id: strings.Repeat("a", 256), want: []string{"is not a cluster name", "1-255"}},
		"path":                {id: "cluster/web", want: []string{"is not a cluster name", expected}},
		"no name before @":    {id: "@eu-west-1", want: []string{"is not a cluster name", expected}},
		"no region after @":   {id: "web@", want: []string{`names region ""`, "such as eu-west-1", expected}},
		"bad region":          {id: "web@mars", want: []string{`names region "mars"`, expected}},
		"two regions":         {id: "web@eu-west-1@us-east-1", want: []string{`names region "eu-west-1@us-east-1"`}},
		"availability zone":   {id: "web@eu-west-1a", want: []string{`names region "eu-west-1a"`}},
		"service ARN":         {id: "arn:aws:ecs:eu-west-1:123456789012:service/web/api", want: []string{"is the ARN of an ECS service, not of a cluster", expected}},
		"task definition ARN": {id: "arn:aws:ecs:eu-west-1:123456789012:task-definition/web:1", want: []string{"ECS task-definition, not of a cluster"}},
		"other service":       {id: "arn:aws:s3:::bucket", want: []string{`ARN of the "s3" service, not of an ECS cluster`, expected}},
		"other service with a cluster": {
			id:   "arn:aws:eks:eu-west-1:123456789012:cluster/web",
			want: []string{`ARN of the "eks" service`},
		},
		"other partition": {
			id:   "arn:aws-cn:ecs:eu-west-1:123456789012:cluster/web",
			want: []string{`names partition "aws-cn", but region eu-west-1 is in partition "aws"`},
		},
		"commercial partition for a China region": {
			id:   "arn:aws:ecs:cn-north-1:123456789012:cluster/web",
			want: []string{`names partition "aws", but region cn-north-1 is in partition "aws-cn"`},
		},
		"no region":         {id: "arn:aws:ecs::123456789012:cluster/web", want: []string{`has no valid region ("")`, expected}},
		"bad region in ARN": {id: "arn:aws:ecs:mars:123456789012:cluster/web", want: []string{`has no valid region ("mars")`}},
		"short account":     {id: "arn:aws:ecs:eu-west-1:12345:cluster/web", want: []string{`has no valid account ID ("12345")`, expected}},
		"no account":        {id: "arn:aws:ecs:eu-west-1::cluster/web", want: []string{`has no valid account ID ("")`}},
		"letters in the account": {
			id:   "arn:aws:ecs:eu-west-1:12345678901a:cluster/web",
			want: []string{`has no valid account ID ("12345678901a")`},
		},
		"bad name in ARN":    {id: "arn:aws:ecs:eu-west-1:123456789012:cluster/web.prod", want: []string{"has no valid cluster name", expected}},
		"no name in ARN":     {id: "arn:aws:ecs:eu-west-1:123456789012:cluster/", want: []string{"has no valid cluster name"}},
		"no slash in ARN":    {id: "arn:aws:ecs:eu-west-1:123456789012:cluster", want: []string{"has no valid cluster name"}},
		"path after name":    {id: "arn:aws:ecs:eu-west-1:123456789012:cluster/web/x", want: []string{"has no valid cluster name"}},
		"incomplete ARN":     {id: "arn:aws:ecs:eu-west-1", want: []string{"is not a cluster name", expected}},
		"name@region in ARN": {id: "arn:aws:ecs:eu-west-1:123456789012:cluster/web@eu-west-1", want: []string{"has no valid cluster name"}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got, problem := parseClusterImportID(tc.id)
			if problem == "" {
				t.Fatalf("parseClusterImportID(%q) = %+v, want an error", tc.id, got)
			}
			if got != (clusterImportID{}) {
				t.Errorf("parseClusterImportID(%q) returned %+v with its error", tc.id, got)
			}
			for _, fragment := range tc.want {
				if !strings.Contains(problem, fragment) {
					t.Errorf("parseClusterImportID(%q) = %q, want it to contain %q", tc.id, problem, fragment)
				}
			}
		})
	}
}

func TestParseARNParts(t *testing.T) {
	cases := []struct {
		s, region, account string
	}{
		{s: "arn:aws:ecs:eu-west-1:123456789012:cluster/web", region: "eu-west-1", account: "123456789012"},
		{s: "arn:aws-cn:ecs:cn-north-1:210987654321:cluster/a", region: "cn-north-1", account: "210987654321"},
		{s: "arn:aws:s3:::bucket"},
		{s: "web"},
		{s: ""},
	}
	for _, tc := range cases {
		if got := regionOfARN(tc.s); got != tc.region {
			t.Errorf("regionOfARN(%q) = %q, want %q", tc.s, got, tc.region)
		}
		if got := accountOfARN(tc.s); got != tc.account {
			t.Errorf("accountOfARN(%q) = %q, want %q", tc.s, got, tc.account)
		}
	}
	for region, want := range map[string]string{
		"us-east-1": "aws", "eu-west-1": "aws", "cn-north-1": "aws-cn", "cn-northwest-1": "aws-cn",
		"us-gov-west-1": "aws-us-gov", "us-iso-east-1": "aws-iso", "us-isob-east-1": "aws-iso-b",
		"eu-isoe-west-1": "aws-iso-e", "us-isof-south-1": "aws-iso-f",
	} {
		if got := partitionOf(region); got != want {
			t.Errorf("partitionOf(%q) = %q, want %q", region, got, want)
		}
	}
}

func TestParseNamePrefix(t *testing.T) {
	const suffix = "20261205155513123456" + "00a0ff"
	longest := strings.Repeat("p", 255-nameSuffixLength)
	cases := map[string]struct {
		name string
		want types.String
	}{
		"generated":                    {name: "web-" + suffix, want: types.StringValue("web-")},
		"prefix ending in a digit":     {name: "app1" + suffix, want: types.StringValue("app1")},
		"prefix with an underscore":    {name: "team_a-" + suffix, want: types.StringValue("team_a-")},
		"one-character prefix":         {name: "x" + suffix, want: types.StringValue("x")},
		"longest prefix":               {name: longest + suffix, want: types.StringValue(longest)},
		"prefix made of digits":        {name: "2026" + suffix, want: types.StringValue("2026")},
		"plain name":                   {name: "web", want: types.StringNull()},
		"suffix alone":                 {name: suffix, want: types.StringNull()},
		"suffix too short":             {name: "web-" + suffix[1:], want: types.StringNull()},
		"upper-case counter":           {name: "web-2026120515551312345600A0FF", want: types.StringNull()},
		"letters in the time":          {name: "web-2026120515551312345x00a0ff", want: types.StringNull()},
		"suffix not at the end":        {name: "web-" + suffix + "-x", want: types.StringNull()},
		"prefix with a dot":            {name: "web." + suffix, want: types.StringNull()},
		"prefix too long for the name": {name: longest + "p" + suffix, want: types.StringNull()},
		"empty":                        {name: "", want: types.StringNull()},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			if got := namePrefixOf(tc.name); !got.Equal(tc.want) {
				t.Errorf("namePrefixOf(%q) = %s, want %s", tc.name, got, tc.want)
			}
		})
	}
	// Every name clusterNames.unique makes gives its prefix back.
	var names clusterNames
	for _, prefix := range []string{"a", "web-", "team_a-", longest} {
		if got := namePrefixOf(names.unique(prefix)); got.ValueString() != prefix {
			t.Errorf("namePrefixOf(unique(%q)) = %s", prefix, got)
		}
	}
}

// privateState is a private state holding keys, as the framework's.
type privateState map[string][]byte

func (p privateState) GetKey(_ context.Context, key string) ([]byte, diag.Diagnostics) {
	return p[key], nil
}

func TestParseImportMark(t *testing.T) {
	ctx := context.Background()
	cases := map[string]struct {
		private privateState
		want    bool
	}{
		"no private state": {private: nil},
		"empty":            {private: privateState{}},
		"other key":        {private: privateState{"other": []byte(`true`)}},
		"imported":         {private: privateState{privateImported: []byte(`true`)}, want: true},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			var private interface {
				GetKey(context.Context, string) ([]byte, diag.Diagnostics)
			}
			if tc.private != nil {
				private = tc.private
			}
			got, diags := isImported(ctx, private)
			if diags.HasError() {
				t.Fatal(diags)
			}
			if got != tc.want {
				t.Errorf("isImported = %v, want %v", got, tc.want)
			}
		})
	}
}

// sandboxResource returns an ecsx_cluster resource whose provider is
// configured for an in-process sandbox in us-east-1, and an SDK client of
// the sandbox for region.
func sandboxResource(t *testing.T) (*clusterResource, func(region string) *ecs.Client) {
	t.Helper()
	srv := httptest.NewServer(sandbox.New(sandbox.Options{}))
	t.Cleanup(srv.Close)
	client := func(region string) *ecs.Client {
		return ecs.New(ecs.Options{
			Region:       region,
			BaseEndpoint: aws.String(srv.URL),
			Credentials:  credentials.NewStaticCredentialsProvider("test", "test", ""),
		})
	}
	return &clusterResource{data: &providerData{ECS: client("us-east-1"), Region: "us-east-1", DefaultTags: map[string]string{}}}, client
}

// importState runs ImportState for id and returns the state and the
// diagnostics.
func importState(t *testing.T, r *clusterResource, id string) (*resource.ImportStateResponse, diag.Diagnostics) {
	t.Helper()
	typ := clusterTerraformType()
	resp := &resource.ImportStateResponse{State: tfsdk.State{Schema: clusterSchema(), Raw: tftypes.NewValue(typ, nil)}}
	// The private state's type is internal to the framework: make one by
	// reflection, as the framework does before it calls ImportState.
	private := reflect.ValueOf(resp).Elem().FieldByName("Private")
	private.Set(reflect.New(private.Type().Elem()))
	r.ImportState(context.Background(), resource.ImportStateRequest{ID: id}, resp)
	return resp, resp.Diagnostics
}

func TestParseClusterImportID_importState(t *testing.T) {
	r, client := sandboxResource(t)
	ctx := context.Background()
	created := map[string]string{}
	for _, c := range []struct{ region, name string }{{"us-east-1", "web"}, {"eu-west-1", "web"}, {"eu-west-1", "far"}} {
		out, err := client(c.region).CreateCluster(ctx, &ecs.CreateClusterInput{ClusterName: aws.String(c.name)})
		if err != nil {
			t.Fatal(err)
		}
		created[c.name+"@"+c.region] = aws.ToString(out.Cluster.ClusterArn)
	}
	homeARN, awayARN, farARN := created["web@us-east-1"], created["web@eu-west-1"], created["far@eu-west-1"]

	found := map[string]struct{ arn, region string }{
		"name":                 {arn: homeARN, region: "us-east-1"},
		"name with spaces":     {arn: homeARN, region: "us-east-1"},
		"name@region":          {arn: awayARN, region: "eu-west-1"},
		"ARN of the region":    {arn: homeARN, region: "us-east-1"},
		"ARN of another":       {arn: farARN, region: "eu-west-1"},
		"ARN with spaces":      {arn: farARN, region: "eu-west-1"},
		"name@provider region": {arn: homeARN, region: "us-east-1"},
	}
	ids := map[string]string{
		"name": "web", "name with spaces": "  web\n", "name@region": "web@eu-west-1",
		"ARN of the region": homeARN, "ARN of another": farARN, "ARN with spaces": " " + farARN + "\n",
		"name@provider region": "web@us-east-1",
	}
	for name, want := range found {
		t.Run(name, func(t *testing.T) {
			resp, diags := importState(t, r, ids[name])
			if diags.HasError() {
				t.Fatalf("import %q: %v", ids[name], diags)
			}
			for attribute, value := range map[string]string{"id": want.arn, "arn": want.arn, "region": want.region} {
				var got types.String
				if d := resp.State.GetAttribute(ctx, path.Root(attribute), &got); d.HasError() {
					t.Fatal(d)
				}
				if got.ValueString() != value {
					t.Errorf("import %q: %s = %s, want %s", ids[name], attribute, got, value)
				}
			}
			if imported, d := isImported(ctx, resp.Private); d.HasError() || !imported {
				t.Errorf("import %q: no import mark in the private state (%v)", ids[name], d)
			}
		})
	}

	notFound := map[string]struct {
		id   string
		want []string
	}{
		"missing name":             {id: "nothing", want: []string{`No active ECS cluster "nothing" exists in region us-east-1`, "give its ARN or name@region"}},
		"name of another region":   {id: "far", want: []string{`"far"`, "region us-east-1"}},
		"missing name@region":      {id: "nothing@eu-west-1", want: []string{"region eu-west-1"}},
		"ARN of another account":   {id: strings.Replace(farARN, "123456789012", "210987654321", 1), want: []string{"account 210987654321", "assume_role"}},
		"ARN of a missing cluster": {id: strings.Replace(farARN, "/far", "/nothing", 1), want: []string{`"nothing"`, "region eu-west-1"}},
	}
	for name, tc := range notFound {
		t.Run(name, func(t *testing.T) {
			_, diags := importState(t, r, tc.id)
			if !diags.HasError() {
				t.Fatalf("import %q: no error", tc.id)
			}
			if got := diags[0].Summary(); got != "Cluster not found" {
				t.Errorf("import %q: summary %q, want Cluster not found (%s)", tc.id, got, diags[0].Detail())
			}
			for _, fragment := range tc.want {
				if !strings.Contains(diags[0].Detail(), fragment) {
					t.Errorf("import %q: %q does not contain %q", tc.id, diags[0].Detail(), fragment)
				}
			}
		})
	}

	if _, diags := importState(t, r, "arn:aws:ecs:us-east-1:123456789012:service/web/api"); !diags.HasError() || diags[0].Summary() != "Invalid import ID" {
		t.Errorf("a service ARN must be an invalid import ID: %v", diags)
	}
}
