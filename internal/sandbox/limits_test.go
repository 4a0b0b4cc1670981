package sandbox_test

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/aws/aws-sdk-go-v2/service/ecs/types"

	"github.com/ecsx/terraform-provider-ecsx/internal/ecslimits"
	"github.com/ecsx/terraform-provider-ecsx/internal/sandbox"
)

// rawCall sends one protocol request with an empty JSON object and returns
// the HTTP status and the error type ("" on success). Without an
// Authorization header the call is in the default account and us-east-1.
func rawCall(t *testing.T, url, op string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, url, strings.NewReader("{}"))
	req.Header.Set("X-Amz-Target", "AmazonEC2ContainerServiceV20141113."+op)
	req.Header.Set("Content-Type", "application/x-amz-json-1.1")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode == http.StatusOK {
		return resp.StatusCode, ""
	}
	var e struct {
		Type    string `json:"__type"`
		Message string `json:"message"`
	}
	if err := json.Unmarshal(b, &e); err != nil {
		t.Fatalf("%s: undecodable error body %q", op, b)
	}
	if e.Type == "ThrottlingException" && e.Message != "Rate exceeded" {
		t.Errorf("%s: throttling message %q", op, e.Message)
	}
	return resp.StatusCode, e.Type
}

// TestECSLimits_everyCategory drives each documented bucket with the
// operations of its category in turn: Burst calls are admitted (whatever
// their own outcome), the next one is answered HTTP 400 ThrottlingException,
// and a second later Refill more calls are admitted.
func TestECSLimits_everyCategory(t *testing.T) {
	clock := newFakeClock()
	e := start(t, sandbox.Options{ECSLimits: true, Now: clock.Now})
	supported := sandbox.Operations()
	for _, cat := range ecslimits.Categories {
		var ops []string
		for _, op := range cat.Operations {
			if slices.Contains(supported, op) {
				ops = append(ops, op)
			}
		}
		if len(ops) == 0 {
			continue
		}
		e.srv.ResetStats()
		for i := range cat.Burst {
			op := ops[i%len(ops)]
			if status, typ := rawCall(t, e.http.URL, op); typ == "ThrottlingException" {
				t.Fatalf("%s: call %d (%s) throttled with %d tokens left", cat.Name, i, op, cat.Burst-i)
			} else if status == 0 {
				t.Fatal("no status")
			}
		}
		last := ops[len(ops)-1]
		status, typ := rawCall(t, e.http.URL, last)
		if status != http.StatusBadRequest || typ != "ThrottlingException" {
			t.Fatalf("%s: call %d of %s got %d %q, want 400 ThrottlingException", cat.Name, cat.Burst+1, last, status, typ)
		}
		if st := e.srv.Stats(); st.Throttled != 1 || st.ThrottledCalls[last] != 1 {
			t.Errorf("%s: throttled %d %v", cat.Name, st.Throttled, st.ThrottledCalls)
		}
		clock.Advance(time.Second)
		for i := range int(cat.Refill) {
			if _, typ := rawCall(t, e.http.URL, ops[0]); typ == "ThrottlingException" {
				t.Fatalf("%s: refilled call %d throttled", cat.Name, i)
			}
		}
		if _, typ := rawCall(t, e.http.URL, ops[0]); typ != "ThrottlingException" {
			t.Fatalf("%s: more than %v calls admitted one second after the bucket was empty", cat.Name, cat.Refill)
		}
	}
}

// TestECSLimits_clusterModify: CreateCluster, UpdateClusterSettings and
// DeleteCluster share one bucket of 20 refilled at 1/s; reads and tags have
// buckets of their own; a long pause refills to the burst, not beyond.
func TestECSLimits_clusterModify(t *testing.T) {
	clock := newFakeClock()
	e := start(t, sandbox.Options{ECSLimits: true, Now: clock.Now})
	for i := range 10 {
		mustCreate(t, e.client, &ecs.CreateClusterInput{ClusterName: aws.String("c" + string(rune('a'+i)))})
	}
	for i := range 5 {
		if _, err := e.client.UpdateClusterSettings(ctx, &ecs.UpdateClusterSettingsInput{Cluster: aws.String("ca"),
			Settings: []types.ClusterSetting{{Name: types.ClusterSettingNameContainerInsights, Value: aws.String("enabled")}}}); err != nil {
			t.Fatalf("settings %d: %v", i, err)
		}
	}
	for i := range 5 {
		if _, err := e.client.DeleteCluster(ctx, &ecs.DeleteClusterInput{Cluster: aws.String("c" + string(rune('a'+i)))}); err != nil {
			t.Fatalf("delete %d: %v", i, err)
		}
	}
	_, err := e.client.CreateCluster(ctx, &ecs.CreateClusterInput{ClusterName: aws.String("late")})
	wantCode(t, err, "ThrottlingException")
	var re interface{ HTTPStatusCode() int }
	if !errors.As(err, &re) || re.HTTPStatusCode() != http.StatusBadRequest {
		t.Errorf("throttled status: %v", err)
	}
	if out, _ := e.client.DescribeClusters(ctx, &ecs.DescribeClustersInput{Clusters: []string{"late"}}); out == nil || len(out.Clusters) != 0 {
		t.Error("a throttled create made the cluster")
	}
	// Other categories are not affected.
	if _, err := e.client.ListClusters(ctx, &ecs.ListClustersInput{}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.client.ListTagsForResource(ctx, &ecs.ListTagsForResourceInput{
		ResourceArn: aws.String("arn:aws:ecs:us-east-1:123456789012:cluster/cf")}); err != nil {
		t.Fatal(err)
	}
	clock.Advance(999 * time.Millisecond)
	_, err = e.client.CreateCluster(ctx, &ecs.CreateClusterInput{ClusterName: aws.String("late")})
	wantCode(t, err, "ThrottlingException")
	clock.Advance(2 * time.Millisecond)
	mustCreate(t, e.client, &ecs.CreateClusterInput{ClusterName: aws.String("late")})

	clock.Advance(time.Hour)
	admitted := 0
	for range 25 {
		if _, err := e.client.UpdateCluster(ctx, &ecs.UpdateClusterInput{Cluster: aws.String("late")}); !isThrottle(err) {
			admitted++
		}
	}
	if admitted != 20 {
		t.Errorf("after an hour's pause %d calls admitted, want the burst of 20", admitted)
	}
	if st := e.srv.Stats(); st.ThrottledCalls["CreateCluster"] != 2 || st.ThrottledCalls["UpdateCluster"] != 5 || st.Throttled != 7 {
		t.Errorf("stats %+v", st)
	}
}

func isThrottle(err error) bool {
	return err != nil && strings.Contains(err.Error(), "ThrottlingException")
}

// TestECSLimits_perAccountAndRegion: the buckets are kept per account and
// region.
func TestECSLimits_perAccountAndRegion(t *testing.T) {
	clock := newFakeClock()
	e := start(t, sandbox.Options{ECSLimits: true, Now: clock.Now,
		AccountsByAccessKey: map[string]string{"OTHER": "444455556666"}})
	exhaust := func(c *ecs.Client, what string) {
		t.Helper()
		for i := range 10 {
			if _, err := c.PutAccountSettingDefault(ctx, &ecs.PutAccountSettingDefaultInput{
				Name: "containerInsights", Value: aws.String("enabled")}); err != nil {
				t.Fatalf("%s: call %d: %v", what, i, err)
			}
		}
		_, err := c.PutAccountSettingDefault(ctx, &ecs.PutAccountSettingDefaultInput{Name: "containerInsights", Value: aws.String("enabled")})
		wantCode(t, err, "ThrottlingException")
	}
	exhaust(e.client, "default account, us-east-1")
	exhaust(newClient(e.http.URL, "us-west-2", "AKID", "SECRET"), "default account, us-west-2")
	exhaust(newClient(e.http.URL, "us-east-1", "OTHER", "SECRET"), "other account, us-east-1")
}

// TestECSLimits_offByDefaultAndAdmin: without the option nothing is
// throttled; the admin API switches the limits on and off at run time,
// reports the table and its source, and sets the latency.
func TestECSLimits_offByDefaultAndAdmin(t *testing.T) {
	clock := newFakeClock()
	e := start(t, sandbox.Options{Now: clock.Now})
	for i := range 30 {
		if _, typ := rawCall(t, e.http.URL, "DeleteCluster"); typ == "ThrottlingException" {
			t.Fatalf("call %d throttled with the limits off", i)
		}
	}
	u := e.http.URL + "/_sandbox/limits"
	code, st := admin(t, "GET", u, "")
	if code != 200 || st["enabled"] != false || st["source"] != ecslimits.Source {
		t.Fatalf("GET limits: %d %v", code, st)
	}
	if cats, _ := st["categories"].([]any); len(cats) != len(ecslimits.Categories) {
		t.Errorf("categories %v", st["categories"])
	}
	if code, st = admin(t, "POST", u, `{"enabled":true}`); code != 200 || st["enabled"] != true || !e.srv.ECSLimits() {
		t.Fatalf("POST limits: %d %v", code, st)
	}
	for i := range 20 {
		if _, typ := rawCall(t, e.http.URL, "DeleteCluster"); typ == "ThrottlingException" {
			t.Fatalf("call %d throttled", i)
		}
	}
	if _, typ := rawCall(t, e.http.URL, "CreateCluster"); typ != "ThrottlingException" {
		t.Fatalf("call 21 got %q", typ)
	}
	// Reset refills the buckets and keeps the limits on.
	e.srv.Reset()
	if _, typ := rawCall(t, e.http.URL, "CreateCluster"); typ == "ThrottlingException" || !e.srv.ECSLimits() {
		t.Fatalf("after reset: %q, limits %v", typ, e.srv.ECSLimits())
	}
	code, stats := admin(t, "GET", e.http.URL+"/_sandbox/stats", "")
	if code != 200 || stats["throttled"] != float64(0) {
		t.Errorf("stats after reset %v", stats)
	}

	if code, st = admin(t, "POST", u, `{"latencyMs":60}`); code != 200 || st["enabled"] != true || st["latencyMs"] != float64(60) {
		t.Fatalf("POST latency: %d %v", code, st)
	}
	t0 := time.Now()
	if _, err := e.client.ListClusters(ctx, &ecs.ListClustersInput{}); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(t0); d < 60*time.Millisecond {
		t.Errorf("a call took %v with 60 ms latency", d)
	}
	if code, _ := admin(t, "POST", u, `{"latencyMs":-1}`); code != 400 {
		t.Errorf("negative latency accepted: %d", code)
	}
	if code, st = admin(t, "POST", u, `{"enabled":false,"latencyMs":0}`); code != 200 || st["enabled"] != false || e.srv.Latency() != 0 {
		t.Fatalf("POST off: %d %v", code, st)
	}
	for range 30 {
		if _, typ := rawCall(t, e.http.URL, "CreateCluster"); typ == "ThrottlingException" {
			t.Fatal("throttled after the limits were switched off")
		}
	}
}

// TestECSLimits_withFaults: the flat throttle of the faults still applies
// on top of the documented buckets.
func TestECSLimits_withFaults(t *testing.T) {
	clock := newFakeClock()
	e := start(t, sandbox.Options{ECSLimits: true, Now: clock.Now})
	e.srv.SetFault("", sandbox.Fault{RateLimit: 1, Burst: 2})
	for range 2 {
		if _, err := e.client.ListClusters(ctx, &ecs.ListClustersInput{}); err != nil {
			t.Fatal(err)
		}
	}
	_, err := e.client.ListClusters(ctx, &ecs.ListClustersInput{})
	wantCode(t, err, "ThrottlingException")
	if st := e.srv.Stats(); st.Throttled != 1 || st.ThrottledCalls["ListClusters"] != 1 {
		t.Errorf("stats %+v", st)
	}
}
