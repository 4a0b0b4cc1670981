package reliability_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/ecsx/terraform-provider-ecsx/internal/sandbox"
)

// TestLimits_realBuckets runs a whole lifecycle of 30 clusters through the
// Terraform CLI against Amazon ECS's documented request throttling (token
// buckets per category, 30 ms per call), with the provider's default
// settings: no error in any phase; the refresh coalesces reads into few
// DescribeClusters calls; once a category is throttled, pacing keeps the
// throttled attempts to a small share.
func TestLimits_realBuckets(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the provider: skipped with -short")
	}
	t.Parallel()
	const n = 30
	sb, url, client := startSandbox(t, sandbox.Options{AccessKey: "test", SecretKey: "test", ECSLimits: true, Latency: 30 * time.Millisecond})
	c := newCLI(t)
	config := func(round string) string {
		return cliProvider(url, "test", "test", "") + fmt.Sprintf(`
resource "ecsx_cluster" "c" {
  count = %d
  name  = "limited-${count.index}"
  tags  = { round = %q }
}
`, n, round)
	}
	phase := func(name string, args ...string) {
		t.Helper()
		sb.ResetStats()
		start := time.Now()
		c.mustRun(args...)
		st := sb.Stats()
		t.Logf("%s: %v, %d ECS calls (%d throttled), DescribeClusters %d", name,
			time.Since(start).Round(100*time.Millisecond), sb.ECSCalls(), st.Throttled, st.Calls["DescribeClusters"])
	}

	c.write(config("one"))
	phase("create", "apply", "-auto-approve", "-input=false", "-no-color", "-parallelism=10")
	createThrottled := sb.Stats().Throttled
	if got := sb.Stats().Calls["CreateCluster"]; got-createThrottled != n {
		t.Errorf("%d accepted CreateCluster calls, want %d", got-createThrottled, n)
	}
	// 20 creates take the burst; the pacer then lets one a second through,
	// so few of the later attempts are throttled.
	if createThrottled > 15 {
		t.Errorf("%d throttled CreateCluster attempts for %d creates: pacing did not hold", createThrottled, n)
	}

	for _, parallelism := range []int{10, 50} {
		sb.ResetStats()
		out := c.mustRun("plan", "-input=false", "-no-color", "-detailed-exitcode", fmt.Sprintf("-parallelism=%d", parallelism))
		if !strings.Contains(out, "No changes") {
			t.Fatalf("refresh at -parallelism=%d planned changes:\n%s", parallelism, out)
		}
		calls := sb.Stats().Calls["DescribeClusters"]
		t.Logf("refresh of %d clusters at -parallelism=%d: %d DescribeClusters calls", n, parallelism, calls)
		// One call per cluster would be 30; measured 8 and 2.
		if calls > n/3 {
			t.Errorf("refresh at -parallelism=%d made %d DescribeClusters calls for %d clusters, want at most %d", parallelism, calls, n, n/3)
		}
	}

	c.write(config("two"))
	phase("tag update", "apply", "-auto-approve", "-input=false", "-no-color", "-parallelism=10")
	phase("destroy", "destroy", "-auto-approve", "-input=false", "-no-color", "-parallelism=10")
	if live, err := liveClusters(t.Context(), client); err != nil || len(live) != 0 {
		t.Fatalf("after destroy: %d clusters left, %v", len(live), err)
	}

	// The same at -parallelism=50, each phase from full buckets: more calls
	// at once than the cluster modify burst, still no error.
	refill := func() {
		sb.SetECSLimits(false)
		sb.SetECSLimits(true)
	}
	refill()
	phase("create at -parallelism=50", "apply", "-auto-approve", "-input=false", "-no-color", "-parallelism=50")
	if throttled := sb.Stats().Throttled; throttled > 15 {
		t.Errorf("%d throttled attempts for %d creates at -parallelism=50: pacing did not hold", throttled, n)
	}
	refill()
	phase("destroy at -parallelism=50", "destroy", "-auto-approve", "-input=false", "-no-color", "-parallelism=50")
	if live, err := liveClusters(t.Context(), client); err != nil || len(live) != 0 {
		t.Fatalf("after destroy at -parallelism=50: %d clusters left, %v", len(live), err)
	}
}

// TestLimits_refresh300 refreshes 300 clusters (created with the buckets
// off) under ECS's buckets at -parallelism=10 and 50: no error, no change,
// and reads coalesced into far fewer DescribeClusters calls than clusters.
func TestLimits_refresh300(t *testing.T) {
	longTest(t)
	t.Parallel()
	const n = 300
	sb, url, _ := startSandbox(t, sandbox.Options{AccessKey: "test", SecretKey: "test"})
	c := newCLI(t)
	c.write(cliProvider(url, "test", "test", "") + fmt.Sprintf(`
resource "ecsx_cluster" "c" {
  count = %d
  name  = "refreshed-${count.index}"
}
`, n))
	c.mustRun("apply", "-auto-approve", "-input=false", "-no-color", "-parallelism=50")
	sb.SetECSLimits(true)
	sb.SetLatency(30 * time.Millisecond)
	for _, parallelism := range []int{10, 50} {
		sb.ResetStats()
		start := time.Now()
		out := c.mustRun("plan", "-input=false", "-no-color", "-detailed-exitcode", fmt.Sprintf("-parallelism=%d", parallelism))
		if !strings.Contains(out, "No changes") {
			t.Fatalf("refresh at -parallelism=%d planned changes:\n%s", parallelism, out)
		}
		st := sb.Stats()
		calls := st.Calls["DescribeClusters"]
		t.Logf("refresh of %d clusters at -parallelism=%d: %v, %d DescribeClusters calls, %d throttled",
			n, parallelism, time.Since(start).Round(100*time.Millisecond), calls, st.Throttled)
		// One call per cluster would be 300; measured about 60 at
		// -parallelism=10 here and 80 on a loaded CI machine, 21 to 37 at
		// 50 (Terraform starts the reads of a refresh spread out, so each
		// wave takes two to four calls, more when the machine is slow).
		limit := map[int]int{10: n / 3, 50: n / 6}[parallelism]
		if calls > limit {
			t.Errorf("refresh at -parallelism=%d made %d DescribeClusters calls, want at most %d", parallelism, calls, limit)
		}
		if st.Throttled != 0 {
			t.Errorf("refresh at -parallelism=%d: %d calls throttled, want 0", parallelism, st.Throttled)
		}
	}
}
