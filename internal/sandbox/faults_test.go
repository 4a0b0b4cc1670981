package sandbox_test

import (
	"errors"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/aws/aws-sdk-go-v2/service/ecs/types"
	"github.com/aws/smithy-go"

	"github.com/ecsx/terraform-provider-ecsx/internal/sandbox"
)

func TestThrottling(t *testing.T) {
	clock := newFakeClock()
	e := start(t, sandbox.Options{Now: clock.Now})
	e.srv.SetFault("ListClusters", sandbox.Fault{RateLimit: 2, Burst: 2})
	for i := range 2 {
		if _, err := e.client.ListClusters(ctx, &ecs.ListClustersInput{}); err != nil {
			t.Fatalf("call %d: %v", i, err)
		}
	}
	_, err := e.client.ListClusters(ctx, &ecs.ListClustersInput{})
	wantCode(t, err, "ThrottlingException")
	// Other operations are not throttled.
	if _, err := e.client.DescribeClusters(ctx, &ecs.DescribeClustersInput{}); err != nil {
		t.Fatal(err)
	}
	clock.Advance(500 * time.Millisecond) // one token
	if _, err := e.client.ListClusters(ctx, &ecs.ListClustersInput{}); err != nil {
		t.Fatalf("after refill: %v", err)
	}
	_, err = e.client.ListClusters(ctx, &ecs.ListClustersInput{})
	wantCode(t, err, "ThrottlingException")

	st := e.srv.Stats()
	if st.Calls["ListClusters"] != 5 || st.Calls["DescribeClusters"] != 1 || st.Throttled != 2 || e.srv.TotalCalls() != 6 {
		t.Errorf("stats %+v total %d", st, e.srv.TotalCalls())
	}
	e.srv.ClearFaults()
	for range 5 {
		if _, err := e.client.ListClusters(ctx, &ecs.ListClustersInput{}); err != nil {
			t.Fatal(err)
		}
	}
}

func TestInjectedErrorsLatencyAndDrops(t *testing.T) {
	e := start(t, sandbox.Options{})

	e.srv.SetFault("CreateCluster", sandbox.Fault{ErrorRate: 1})
	_, err := e.client.CreateCluster(ctx, &ecs.CreateClusterInput{ClusterName: aws.String("x")})
	wantErr[*types.ServerException](t, err)
	var re interface{ HTTPStatusCode() int }
	if errors.As(err, &re) && re.HTTPStatusCode() != 500 {
		t.Errorf("status %d", re.HTTPStatusCode())
	}
	if out, _ := e.client.DescribeClusters(ctx, &ecs.DescribeClustersInput{Clusters: []string{"x"}}); len(out.Clusters) != 0 {
		t.Error("a failed call applied the change")
	}
	e.srv.SetFault("CreateCluster", sandbox.Fault{})

	e.srv.SetFault("", sandbox.Fault{Latency: 40 * time.Millisecond})
	t0 := time.Now()
	if _, err := e.client.ListClusters(ctx, &ecs.ListClustersInput{}); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(t0); d < 40*time.Millisecond {
		t.Errorf("latency %v", d)
	}
	e.srv.ClearFaults()

	e.srv.SetFault("CreateCluster", sandbox.Fault{DropAfterApply: 1})
	_, err = e.client.CreateCluster(ctx, &ecs.CreateClusterInput{ClusterName: aws.String("dropped")})
	if err == nil {
		t.Fatal("dropped call succeeded")
	}
	var ae smithy.APIError
	if errors.As(err, &ae) {
		t.Fatalf("dropped call produced an API error: %v", err)
	}
	describe(t, e.client, "dropped") // the change was applied
	if _, err := e.client.CreateCluster(ctx, &ecs.CreateClusterInput{ClusterName: aws.String("dropped")}); err != nil {
		t.Errorf("second call: %v", err)
	}
	st := e.srv.Stats()
	if st.Failed != 1 || st.Dropped != 1 || st.Calls["CreateCluster"] != 3 {
		t.Errorf("stats %+v", st)
	}

	e.srv.SetFault("CreateCluster", sandbox.Fault{DropBeforeApply: 1})
	_, err = e.client.CreateCluster(ctx, &ecs.CreateClusterInput{ClusterName: aws.String("lost")})
	if err == nil || errors.As(err, &ae) {
		t.Fatalf("a call dropped before it was applied: err = %v, want a transport error", err)
	}
	if out, _ := e.client.DescribeClusters(ctx, &ecs.DescribeClustersInput{Clusters: []string{"lost"}}); len(out.Clusters) != 0 {
		t.Error("a call dropped before it was applied changed the store")
	}
	if _, err := e.client.CreateCluster(ctx, &ecs.CreateClusterInput{ClusterName: aws.String("lost")}); err != nil {
		t.Errorf("the call after the dropped one: %v", err)
	}
	if st := e.srv.Stats(); st.Dropped != 2 {
		t.Errorf("dropped = %d, want 2", st.Dropped)
	}
}

// TestLatencyCalls: a latency fault limited to one call slows that call
// only; the admin API takes the same limit.
func TestLatencyCalls(t *testing.T) {
	e := start(t, sandbox.Options{})
	const latency = 300 * time.Millisecond
	e.srv.SetFault("ListClusters", sandbox.Fault{Latency: latency, LatencyCalls: 1})
	took := func() time.Duration {
		t.Helper()
		t0 := time.Now()
		if _, err := e.client.ListClusters(ctx, &ecs.ListClustersInput{}); err != nil {
			t.Fatal(err)
		}
		return time.Since(t0)
	}
	if d := took(); d < latency {
		t.Errorf("the first call took %v, want at least %v", d, latency)
	}
	if d := took(); d >= latency {
		t.Errorf("the second call took %v, want less than %v: the latency applied to more than one call", d, latency)
	}

	u := e.http.URL + "/_sandbox/faults"
	if code, _ := admin(t, "POST", u, `{"operation":"ListClusters","latencyMs":300,"latencyCalls":-1}`); code != 400 {
		t.Errorf("latencyCalls -1 accepted: %d", code)
	}
	if code, _ := admin(t, "POST", u, `{"operation":"ListClusters","latencyMs":300,"latencyCalls":1}`); code != 200 {
		t.Fatalf("latencyCalls 1 refused: %d", code)
	}
	if d := took(); d < latency {
		t.Errorf("the first call after the admin fault took %v, want at least %v", d, latency)
	}
	if d := took(); d >= latency {
		t.Errorf("the second call after the admin fault took %v, want less than %v", d, latency)
	}
}

func TestAdminAPI(t *testing.T) {
	e := start(t, sandbox.Options{})
	u := e.http.URL + "/_sandbox/"
	mustCreate(t, e.client, &ecs.CreateClusterInput{ClusterName: aws.String("a")})

	if code, _ := admin(t, "POST", u+"occupants", `{"cluster":"a","runningTasks":2,"activeServices":1}`); code != 200 {
		t.Fatalf("occupants %d", code)
	}
	if c := describe(t, e.client, "a"); c.RunningTasksCount != 2 || c.ActiveServicesCount != 1 {
		t.Errorf("counts %+v", c)
	}
	_, err := e.client.DeleteCluster(ctx, &ecs.DeleteClusterInput{Cluster: aws.String("a")})
	wantErr[*types.ClusterContainsServicesException](t, err)
	if code, _ := admin(t, "POST", u+"occupants", `{"cluster":"nope"}`); code != 404 {
		t.Errorf("occupants on missing cluster: %d", code)
	}

	if code, _ := admin(t, "POST", u+"fail", `{"region":"us-east-1","cluster":"a","reason":"quota"}`); code != 200 {
		t.Fatalf("fail %d", code)
	}
	if c := describe(t, e.client, "a"); aws.ToString(c.Status) != "FAILED" {
		t.Errorf("status %s", aws.ToString(c.Status))
	}

	code, m := admin(t, "POST", u+"namespaces", `{"namespace":"arn:aws:servicediscovery:us-east-1:123456789012:namespace/ns-fromadmin000000"}`)
	if code != 200 || m["arn"] != "arn:aws:servicediscovery:us-east-1:123456789012:namespace/ns-fromadmin000000" {
		t.Errorf("namespaces %d %v", code, m)
	}

	if code, _ := admin(t, "POST", u+"faults", `{"operation":"ListClusters","errorRate":1}`); code != 200 {
		t.Fatal(code)
	}
	_, err = e.client.ListClusters(ctx, &ecs.ListClustersInput{})
	wantErr[*types.ServerException](t, err)
	if code, _ := admin(t, "POST", u+"faults", `{"operation":"Nope","errorRate":1}`); code != 400 {
		t.Errorf("unknown op accepted: %d", code)
	}
	if code, _ := admin(t, "POST", u+"faults", `{"errorRate":2}`); code != 400 {
		t.Errorf("bad rate accepted: %d", code)
	}
	if code, _ := admin(t, "POST", u+"faults", `{"operation":"ListClusters","rateLimit":20,"burst":40,"latencyMs":1,"dropAfterApply":0,"dropBeforeApply":0}`); code != 200 {
		t.Error(code)
	}
	if code, _ := admin(t, "DELETE", u+"faults", ``); code != 200 {
		t.Fatal(code)
	}
	if _, err := e.client.ListClusters(ctx, &ecs.ListClustersInput{}); err != nil {
		t.Fatal(err)
	}

	code, m = admin(t, "GET", u+"stats", ``)
	calls, _ := m["calls"].(map[string]any)
	if code != 200 || calls["ListClusters"] != 2.0 || m["failed"] != 1.0 || m["total"] == nil {
		t.Errorf("stats %d %v", code, m)
	}
	admin(t, "POST", u+"stats/reset", ``)
	if _, m = admin(t, "GET", u+"stats", ``); m["total"] != 0.0 {
		t.Errorf("stats after reset %v", m)
	}

	clock := newFakeClock()
	e2 := start(t, sandbox.Options{Now: clock.Now})
	mustASGProvider(t, e2.client, "asg")
	if code, _ := admin(t, "POST", e2.http.URL+"/_sandbox/lifecycle", `{"provisionDelayMs":2000,"deprovisionDelayMs":1000,"inactiveRetentionMs":60000}`); code != 200 {
		t.Fatal(code)
	}
	c := mustCreate(t, e2.client, &ecs.CreateClusterInput{ClusterName: aws.String("l"), CapacityProviders: []string{"asg"}})
	if aws.ToString(c.Status) != "PROVISIONING" {
		t.Errorf("status %s", aws.ToString(c.Status))
	}
	clock.Advance(2 * time.Second)
	if c := describe(t, e2.client, "l"); aws.ToString(c.Status) != "ACTIVE" {
		t.Errorf("status %s", aws.ToString(c.Status))
	}

	if code, _ := admin(t, "POST", u+"reset", ``); code != 200 {
		t.Fatal(code)
	}
	if list, _ := e.client.ListClusters(ctx, &ecs.ListClustersInput{}); len(list.ClusterArns) != 0 {
		t.Errorf("reset left %v", list.ClusterArns)
	}
	if e.srv.TotalCalls() != 1 {
		t.Errorf("admin calls counted or counters kept: %d", e.srv.TotalCalls())
	}
	if code, _ := admin(t, "GET", u+"nothing", ``); code != 404 {
		t.Errorf("unknown endpoint %d", code)
	}
	if code, _ := admin(t, "POST", u+"occupants", `{bad`); code != 400 {
		t.Errorf("bad json %d", code)
	}
}

// Errors the sandbox never produces on its own (AccessDenied, LimitExceeded,
// UnsupportedFeature, UpdateInProgress on settings) can be injected, and reach
// the SDK as typed errors.
func TestInjectedModeledErrors(t *testing.T) {
	e := start(t, sandbox.Options{})
	mustCreate(t, e.client, &ecs.CreateClusterInput{ClusterName: aws.String("c")})

	e.srv.SetFault("", sandbox.Fault{Error: "AccessDeniedException"})
	_, err := e.client.ListClusters(ctx, &ecs.ListClustersInput{})
	wantErr[*types.AccessDeniedException](t, err)
	assertStatus(t, err, 403)
	e.srv.ClearFaults()

	e.srv.SetFault("UpdateClusterSettings", sandbox.Fault{Error: "UpdateInProgressException"})
	_, err = e.client.UpdateClusterSettings(ctx, &ecs.UpdateClusterSettingsInput{Cluster: aws.String("c"), Settings: []types.ClusterSetting{}})
	wantErr[*types.UpdateInProgressException](t, err)
	e.srv.SetFault("CreateCapacityProvider", sandbox.Fault{Error: "UnsupportedFeatureException"})
	_, err = e.client.CreateCapacityProvider(ctx, &ecs.CreateCapacityProviderInput{Name: aws.String("x")})
	wantErr[*types.UnsupportedFeatureException](t, err)
	e.srv.SetFault("TagResource", sandbox.Fault{Error: "LimitExceededException"})
	_, err = e.client.TagResource(ctx, &ecs.TagResourceInput{ResourceArn: aws.String("arn:aws:ecs:us-east-1:123456789012:cluster/c"), Tags: []types.Tag{}})
	wantErr[*types.LimitExceededException](t, err)

	code, _ := admin(t, "POST", e.http.URL+"/_sandbox/faults", `{"operation":"DeleteCluster","error":"AccessDeniedException"}`)
	if code != 200 {
		t.Fatal(code)
	}
	_, err = e.client.DeleteCluster(ctx, &ecs.DeleteClusterInput{Cluster: aws.String("c")})
	wantErr[*types.AccessDeniedException](t, err)
	describe(t, e.client, "c")
}

func TestInvalidScopeRegion(t *testing.T) {
	e := start(t, sandbox.Options{})
	resp, m := post(t, e.http.URL, target+"ListClusters", `{}`,
		"Authorization", "AWS4-HMAC-SHA256 Credential=AKID/20260101/us:east/ecs/aws4_request, SignedHeaders=host, Signature=00")
	if resp.StatusCode != 403 || m["__type"] != "IncompleteSignatureException" {
		t.Errorf("got %d %v", resp.StatusCode, m)
	}
	_, err := e.client.DeleteCapacityProvider(ctx, &ecs.DeleteCapacityProviderInput{CapacityProvider: aws.String("x"), Cluster: aws.String("missing")})
	wantErr[*types.ClusterNotFoundException](t, err)
}

// TestErrorAfterApply: ErrorAfterApply applies the next N calls of any
// mutating operation and answers them with HTTP 500 ServerException, so the
// client sees a server error although the change happened. The admin API
// sets it too.
func TestErrorAfterApply(t *testing.T) {
	e := start(t, sandbox.Options{})
	mustCreate(t, e.client, &ecs.CreateClusterInput{ClusterName: aws.String("tagged")})
	cases := []struct {
		op      string
		call    func() error
		applied func() bool
	}{
		{"CreateCluster",
			func() error {
				_, err := e.client.CreateCluster(ctx, &ecs.CreateClusterInput{ClusterName: aws.String("after")})
				return err
			},
			func() bool { return aws.ToString(describe(t, e.client, "after").Status) != "" },
		},
		{"TagResource",
			func() error {
				_, err := e.client.TagResource(ctx, &ecs.TagResourceInput{ResourceArn: describe(t, e.client, "tagged").ClusterArn,
					Tags: []types.Tag{{Key: aws.String("k"), Value: aws.String("v")}}})
				return err
			},
			func() bool {
				return len(describe(t, e.client, "tagged", types.ClusterFieldTags).Tags) == 1
			},
		},
		{"DeleteCluster",
			func() error {
				_, err := e.client.DeleteCluster(ctx, &ecs.DeleteClusterInput{Cluster: aws.String("after")})
				return err
			},
			func() bool { return aws.ToString(describe(t, e.client, "after").Status) != "ACTIVE" },
		},
	}
	for i, c := range cases {
		e.srv.SetFault(c.op, sandbox.Fault{ErrorAfterApply: 1})
		err := c.call()
		wantCode(t, err, "ServerException")
		var re interface{ HTTPStatusCode() int }
		if !errors.As(err, &re) || re.HTTPStatusCode() != 500 {
			t.Errorf("%s: status of %v, want 500", c.op, err)
		}
		if !c.applied() {
			t.Errorf("%s: the call answered ServerException was not applied", c.op)
		}
		if st := e.srv.Stats(); st.Failed != i+1 {
			t.Errorf("%s: failed = %d, want %d", c.op, st.Failed, i+1)
		}
	}
	// The fault is used up: the next call is answered normally.
	if _, err := e.client.CreateCluster(ctx, &ecs.CreateClusterInput{ClusterName: aws.String("normal")}); err != nil {
		t.Errorf("the call after the faulted one: %v", err)
	}

	u := e.http.URL + "/_sandbox/"
	if code, _ := admin(t, "POST", u+"faults", `{"operation":"UpdateCluster","errorAfterApply":1}`); code != 200 {
		t.Fatalf("faults: %d", code)
	}
	_, err := e.client.UpdateCluster(ctx, &ecs.UpdateClusterInput{Cluster: aws.String("normal"),
		Settings: []types.ClusterSetting{{Name: types.ClusterSettingNameContainerInsights, Value: aws.String("enabled")}}})
	wantCode(t, err, "ServerException")
	if s := describe(t, e.client, "normal", types.ClusterFieldSettings).Settings; len(s) != 1 || aws.ToString(s[0].Value) != "enabled" {
		t.Errorf("UpdateCluster answered ServerException was not applied: settings %+v", s)
	}
	if code, _ := admin(t, "POST", u+"faults", `{"operation":"UpdateCluster","errorAfterApply":-1}`); code != 400 {
		t.Errorf("negative errorAfterApply: %d, want 400", code)
	}
}

// TestAfterNextCall: the hook runs once, after the next call of its
// operation is handled (here dropped before it was applied) and before the
// client gets the answer, may call the sandbox, and is removed by
// ClearFaults when it has not run.
func TestAfterNextCall(t *testing.T) {
	e := start(t, sandbox.Options{})
	runs, seen := 0, -1
	e.srv.AfterNextCall("CreateCluster", func() {
		runs++
		out, err := e.client.DescribeClusters(ctx, &ecs.DescribeClustersInput{Clusters: []string{"first"}})
		if err == nil {
			seen = len(out.Clusters)
		}
		mustCreate(t, e.client, &ecs.CreateClusterInput{ClusterName: aws.String("other")})
	})
	e.srv.SetFault("CreateCluster", sandbox.Fault{DropBeforeApply: 1})
	if _, err := e.client.CreateCluster(ctx, &ecs.CreateClusterInput{ClusterName: aws.String("first")}); err == nil {
		t.Fatal("the dropped create got an answer")
	}
	if runs != 1 || seen != 0 {
		t.Errorf("hook ran %d times (want 1) and saw %d clusters named first (want 0: dropped before it was applied)", runs, seen)
	}
	if aws.ToString(describe(t, e.client, "other").Status) != "ACTIVE" {
		t.Error("the cluster the hook created is not ACTIVE")
	}
	mustCreate(t, e.client, &ecs.CreateClusterInput{ClusterName: aws.String("first")})
	if runs != 1 {
		t.Errorf("hook ran %d times, want once", runs)
	}
	e.srv.AfterNextCall("DeleteCluster", func() { runs++ })
	e.srv.ClearFaults()
	if _, err := e.client.DeleteCluster(ctx, &ecs.DeleteClusterInput{Cluster: aws.String("first")}); err != nil {
		t.Fatal(err)
	}
	if runs != 1 {
		t.Error("a hook removed by ClearFaults ran")
	}
}
