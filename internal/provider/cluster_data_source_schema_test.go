package provider

import (
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

var updateSnapshots = flag.Bool("update-snapshots", false, "rewrite the schema snapshots of testdata/ instead of comparing with them")

// clusterDataSourceSchemaSnapshot is the schema of the ecsx_cluster data
// source as Terraform receives it (names, types, descriptions, optional and
// computed), with the descriptions of the validators of each attribute.
type clusterDataSourceSchemaSnapshot struct {
	Schema     *tfprotov6.Schema   `json:"schema"`
	Validators map[string][]string `json:"validators"`
}

// TestClusterDataSource_schemaSnapshot compares the ecsx_cluster data
// source's schema with testdata/cluster_data_source_schema.json, so that
// deriving it from the resource's schema changes nothing a user sees. Run
// with -update-snapshots to rewrite the file after a deliberate change.
func TestClusterDataSource_schemaSnapshot(t *testing.T) {
	ctx := t.Context()
	server, err := providerserver.NewProtocol6WithError(New("test")())()
	if err != nil {
		t.Fatal(err)
	}
	resp, err := server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	snap := clusterDataSourceSchemaSnapshot{Schema: resp.DataSourceSchemas["ecsx_cluster"], Validators: map[string][]string{}}
	if snap.Schema == nil {
		t.Fatal("no ecsx_cluster data source schema")
	}
	var sch datasource.SchemaResponse
	NewClusterDataSource().Schema(ctx, datasource.SchemaRequest{}, &sch)
	for name, a := range sch.Schema.Attributes {
		// Every attribute type keeps its validators in a field Validators.
		if v := reflect.ValueOf(a).FieldByName("Validators"); v.IsValid() {
			for i := range v.Len() {
				if d, ok := v.Index(i).Interface().(interface{ MarkdownDescription(context.Context) string }); ok {
					snap.Validators[name] = append(snap.Validators[name], d.MarkdownDescription(ctx))
				}
			}
		}
	}
	var cv datasource.DataSourceWithConfigValidators = &clusterDataSource{}
	for _, v := range cv.ConfigValidators(ctx) {
		snap.Validators[""] = append(snap.Validators[""], v.MarkdownDescription(ctx))
	}
	got, err := json.MarshalIndent(snap, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join("testdata", "cluster_data_source_schema.json")
	if *updateSnapshots {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, append(got, '\n'), 0o600); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), string(got)+"\n"); diff != "" {
		t.Errorf("the ecsx_cluster data source schema changed (-snapshot +now):\n%s", diff)
	}
}
