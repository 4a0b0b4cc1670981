package provider

import (
	"context"
	"fmt"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/ecsx/terraform-provider-ecsx/internal/sandbox"
)

// configSandbox starts a sandbox with the clusters cfg-00 to cfg-09 and
// returns it with its URL.
func configSandbox(t *testing.T) (*sandbox.Server, string) {
	t.Helper()
	sb := sandbox.New(sandbox.Options{})
	srv := httptest.NewServer(sb)
	t.Cleanup(srv.Close)
	client := ecs.New(ecs.Options{Region: "us-east-1", BaseEndpoint: aws.String(srv.URL), Credentials: aws.AnonymousCredentials{}})
	for i := range 10 {
		if _, err := client.CreateCluster(t.Context(), &ecs.CreateClusterInput{ClusterName: aws.String(fmt.Sprintf("cfg-%02d", i))}); err != nil {
			t.Fatal(err)
		}
	}
	sb.ResetStats()
	return sb, srv.URL
}

// configure runs the provider's Configure with a provider block for the
// sandbox at url (ECS and STS) and returns the provider data it hands to
// resources.
func configure(t *testing.T, p provider.Provider, url string) *providerData {
	t.Helper()
	ctx := t.Context()
	var sch provider.SchemaResponse
	p.Schema(ctx, provider.SchemaRequest{}, &sch)
	typ, ok := sch.Schema.Type().TerraformType(ctx).(tftypes.Object)
	if !ok {
		t.Fatal("the provider schema is not an object")
	}
	vals := map[string]tftypes.Value{}
	for name, at := range typ.AttributeTypes {
		vals[name] = tftypes.NewValue(at, nil)
	}
	vals["region"] = tftypes.NewValue(tftypes.String, "us-east-1")
	vals["access_key"] = tftypes.NewValue(tftypes.String, "test")
	vals["secret_key"] = tftypes.NewValue(tftypes.String, "test")
	vals["skip_credentials_validation"] = tftypes.NewValue(tftypes.Bool, true)
	endpoints, ok := typ.AttributeTypes["endpoints"].(tftypes.List)
	if !ok {
		t.Fatal("endpoints is not a list block")
	}
	obj, ok := endpoints.ElementType.(tftypes.Object)
	if !ok {
		t.Fatal("endpoints is not a list of objects")
	}
	ep := map[string]tftypes.Value{}
	for name, at := range obj.AttributeTypes {
		ep[name] = tftypes.NewValue(at, nil)
	}
	ep["ecs"] = tftypes.NewValue(tftypes.String, url)
	ep["sts"] = tftypes.NewValue(tftypes.String, url)
	vals["endpoints"] = tftypes.NewValue(endpoints, []tftypes.Value{tftypes.NewValue(obj, ep)})

	var resp provider.ConfigureResponse
	p.Configure(ctx, provider.ConfigureRequest{Config: tfsdk.Config{Schema: sch.Schema, Raw: tftypes.NewValue(typ, vals)}}, &resp)
	if resp.Diagnostics.HasError() {
		t.Fatalf("Configure: %v", resp.Diagnostics)
	}
	d, ok := resp.ResourceData.(*providerData)
	if !ok || d == nil || resp.DataSourceData != resp.ResourceData {
		t.Fatalf("Configure handed %T to resources and %T to data sources", resp.ResourceData, resp.DataSourceData)
	}
	return d
}

// concurrentReadCalls reads the ten clusters of configSandbox at once
// through d and returns the number of DescribeClusters calls they made.
func concurrentReadCalls(t *testing.T, sb *sandbox.Server, d *providerData) int {
	t.Helper()
	sb.ResetStats()
	var wg sync.WaitGroup
	for i := range 10 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if c, err := findCluster(t.Context(), d.ecsIn(""), fmt.Sprintf("cfg-%02d", i)); err != nil || c == nil {
				t.Errorf("read cfg-%02d: %v %v", i, c, err)
			}
		}()
	}
	wg.Wait()
	return sb.Stats().Calls["DescribeClusters"]
}

// paced reports whether the ECS client of d has the pacer.
func paced(t *testing.T, d *providerData) bool {
	t.Helper()
	stack := middleware.NewStack("test", smithyhttp.NewStackRequest)
	if err := stack.Finalize.Add(middleware.FinalizeMiddlewareFunc("Retry", func(ctx context.Context, in middleware.FinalizeInput, next middleware.FinalizeHandler) (middleware.FinalizeOutput, middleware.Metadata, error) {
		return next.HandleFinalize(ctx, in)
	}), middleware.After); err != nil {
		t.Fatal(err)
	}
	for _, opt := range d.ECS.Options().APIOptions {
		_ = opt(stack) // options for steps this bare stack lacks fail; the pacer's does not
	}
	_, ok := stack.Finalize.Get("ecsxPacing")
	return ok
}

// TestConfigure_eachConfigureStartsFresh: every Configure builds its own
// clients, batchers and name locks, so that nothing of an earlier
// configuration survives: a call held up in the first configuration's
// batcher does not hold the second's reads, and a name locked in one is
// free in the other.
func TestConfigure_eachConfigureStartsFresh(t *testing.T) {
	t.Parallel()
	sb, url := configSandbox(t)
	p := newWithDebug("test", debugSwitches{})()
	first, second := configure(t, p, url), configure(t, p, url)
	if first == second {
		t.Fatal("two Configures handed out the same provider data")
	}
	c1, c2 := first.ecsIn(""), second.ecsIn("")
	if c1 != first.ecsIn("us-east-1") {
		t.Error("the provider's region and the empty region got different clients")
	}
	if c1 == c2 || clusterBatcher(c1) == clusterBatcher(c2) || providerBatcher(c1) == providerBatcher(c2) {
		t.Fatal("two Configures share a client or a batcher")
	}
	if clusterBatcher(c1) != clusterBatcher(first.ecsIn("")) {
		t.Error("one configuration's reads of one region use two batchers")
	}

	// A slow call in the first configuration's batcher.
	sb.SetFault("DescribeClusters", sandbox.Fault{Latency: 3 * time.Second, LatencyCalls: 1})
	slow := make(chan error, 1)
	go func() {
		_, err := findCluster(context.Background(), c1, "cfg-00")
		slow <- err
	}()
	for sb.Stats().Calls["DescribeClusters"] == 0 {
		time.Sleep(time.Millisecond)
	}
	start := time.Now()
	if c, err := findCluster(t.Context(), c2, "cfg-01"); err != nil || c == nil {
		t.Fatalf("read through the second configuration: %v %v", c, err)
	}
	if took := time.Since(start); took > time.Second {
		t.Errorf("a read through the second configuration took %v behind the first's slow call", took)
	}

	unlock, err := first.names.lock(t.Context(), "us-east-1", "web")
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	ctx, cancel := context.WithTimeout(t.Context(), time.Second)
	defer cancel()
	other, err := second.names.lock(ctx, "us-east-1", "web")
	if err != nil {
		t.Fatalf("a name locked by the first configuration is held in the second: %v", err)
	}
	other()
	if err := <-slow; err != nil {
		t.Errorf("the slow read: %v", err)
	}
}

// TestConfigure_debugSwitchesReadOnce: ECSX_DEBUG_NO_BATCHING and
// ECSX_DEBUG_NO_PACING are read when the provider is configured, not at
// each read: changing them afterwards changes nothing until the next
// Configure. A provider given its switches by its constructor ignores the
// environment.
func TestConfigure_debugSwitchesReadOnce(t *testing.T) {
	sb, url := configSandbox(t)
	sb.SetLatency(20 * time.Millisecond)
	t.Setenv(noBatchingEnv, "1")
	t.Setenv(noPacingEnv, "1")
	p := New("test")()
	off := configure(t, p, url)
	t.Setenv(noBatchingEnv, "")
	t.Setenv(noPacingEnv, "")
	if n := concurrentReadCalls(t, sb, off); n != 10 {
		t.Errorf("configured with ECSX_DEBUG_NO_BATCHING=1, then unset: 10 concurrent reads made %d calls, want 10", n)
	}
	if paced(t, off) {
		t.Error("configured with ECSX_DEBUG_NO_PACING=1: the client is paced")
	}

	on := configure(t, p, url)
	t.Setenv(noBatchingEnv, "1")
	t.Setenv(noPacingEnv, "1")
	if n := concurrentReadCalls(t, sb, on); n >= 10 {
		t.Errorf("configured without ECSX_DEBUG_NO_BATCHING, then set: 10 concurrent reads made %d calls, want fewer", n)
	}
	if !paced(t, on) {
		t.Error("configured without ECSX_DEBUG_NO_PACING: the client is not paced")
	}

	given := configure(t, newWithDebug("test", debugSwitches{})(), url)
	if n := concurrentReadCalls(t, sb, given); n >= 10 || !paced(t, given) {
		t.Errorf("switches off given to the constructor, the environment's on: %d calls for 10 reads, paced %v", n, paced(t, given))
	}
	given = configure(t, newWithDebug("test", debugSwitches{noBatching: true, noPacing: true})(), url)
	t.Setenv(noBatchingEnv, "")
	t.Setenv(noPacingEnv, "")
	if n := concurrentReadCalls(t, sb, given); n != 10 || paced(t, given) {
		t.Errorf("switches on given to the constructor, the environment's off: %d calls for 10 reads, paced %v", n, paced(t, given))
	}
}
