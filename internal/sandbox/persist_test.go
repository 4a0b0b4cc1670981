package sandbox_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/aws/aws-sdk-go-v2/service/ecs/types"

	"github.com/ecsx/terraform-provider-ecsx/internal/sandbox"
)

func TestStateRoundTrip(t *testing.T) {
	clock := newFakeClock()
	e := start(t, sandbox.Options{Now: clock.Now, ProvisionDelay: time.Minute})
	mustASGProvider(t, e.client, "asg")
	mustCreate(t, e.client, &ecs.CreateClusterInput{ClusterName: aws.String("a"), CapacityProviders: []string{"asg"},
		Tags:                   []types.Tag{tag("k", "v")},
		ServiceConnectDefaults: &types.ClusterServiceConnectDefaultsRequest{Namespace: aws.String("ns1")}})
	mustCreate(t, e.client, &ecs.CreateClusterInput{ClusterName: aws.String("gone")})
	if _, err := e.client.DeleteCluster(ctx, &ecs.DeleteClusterInput{Cluster: aws.String("gone")}); err != nil {
		t.Fatal(err)
	}
	west := newClient(e.http.URL, "eu-west-1", "AKID", "SECRET")
	mustCreate(t, west, &ecs.CreateClusterInput{ClusterName: aws.String("w")})

	path := filepath.Join(t.TempDir(), "state.json")
	if err := e.srv.SaveStateFile(path); err != nil {
		t.Fatal(err)
	}
	e2 := start(t, sandbox.Options{Now: clock.Now, ProvisionDelay: time.Minute})
	if err := e2.srv.LoadStateFile(path); err != nil {
		t.Fatal(err)
	}
	c := describe(t, e2.client, "a", types.ClusterFieldTags, types.ClusterFieldAttachments)
	if aws.ToString(c.Status) != "PROVISIONING" || tagsMap(c.Tags)["k"] != "v" || len(c.Attachments) < 2 {
		t.Errorf("restored %+v", c)
	}
	clock.Advance(time.Minute)
	if c := describe(t, e2.client, "a"); aws.ToString(c.Status) != "ACTIVE" {
		t.Errorf("lifecycle after restore: %s", aws.ToString(c.Status))
	}
	if d := describe(t, e2.client, "gone"); aws.ToString(d.Status) != "INACTIVE" {
		t.Errorf("inactive record: %s", aws.ToString(d.Status))
	}
	list, _ := e2.client.ListClusters(ctx, &ecs.ListClustersInput{})
	if len(list.ClusterArns) != 1 {
		t.Errorf("list %v", list.ClusterArns)
	}
	describe(t, newClient(e2.http.URL, "eu-west-1", "AKID", "SECRET"), "w")
	// The provider index and namespace registry are rebuilt.
	_, err := e2.client.CreateCluster(ctx, &ecs.CreateClusterInput{ClusterName: aws.String("b"), CapacityProviders: []string{"asg"}})
	wantErr[*types.InvalidParameterException](t, err)
	b := mustCreate(t, e2.client, &ecs.CreateClusterInput{ClusterName: aws.String("b"),
		ServiceConnectDefaults: &types.ClusterServiceConnectDefaultsRequest{Namespace: c.ServiceConnectDefaults.Namespace}})
	if aws.ToString(b.ServiceConnectDefaults.Namespace) != aws.ToString(c.ServiceConnectDefaults.Namespace) {
		t.Errorf("namespace ARN changed")
	}

	// A corrupt document is refused and the state is kept.
	var buf bytes.Buffer
	if err := e2.srv.WriteState(&buf); err != nil {
		t.Fatal(err)
	}
	torn := buf.Bytes()[:buf.Len()/2]
	if err := e2.srv.ReadState(bytes.NewReader(torn)); err == nil {
		t.Fatal("torn state accepted")
	}
	if err := e2.srv.ReadState(strings.NewReader("")); err == nil {
		t.Fatal("empty state accepted")
	}
	describe(t, e2.client, "a")
	if err := e2.srv.LoadStateFile(filepath.Join(t.TempDir(), "missing")); !os.IsNotExist(err) {
		t.Errorf("missing file: %v", err)
	}
}
