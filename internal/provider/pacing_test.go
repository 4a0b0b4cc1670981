package provider

import (
	"context"
	"errors"
	"fmt"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/aws/smithy-go/middleware"

	"github.com/ecsx/terraform-provider-ecsx/internal/ecslimits"
	"github.com/ecsx/terraform-provider-ecsx/internal/sandbox"
)

// fakePacer is a pacer on a settable clock whose sleeps are recorded and
// take no time.
type fakePacer struct {
	*pacer
	mu     sync.Mutex
	at     time.Time
	sleeps []time.Duration
}

func newFakePacer() *fakePacer {
	f := &fakePacer{pacer: newPacer(), at: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}
	f.now = func() time.Time {
		f.mu.Lock()
		defer f.mu.Unlock()
		return f.at
	}
	f.sleep = func(ctx context.Context, d time.Duration) error {
		f.mu.Lock()
		f.sleeps = append(f.sleeps, d)
		f.mu.Unlock()
		return ctx.Err()
	}
	return f
}

func (f *fakePacer) advance(d time.Duration) {
	f.mu.Lock()
	f.at = f.at.Add(d)
	f.mu.Unlock()
}

// takeSleeps returns the sleeps since the last call, rounded to the
// millisecond.
func (f *fakePacer) takeSleeps() []time.Duration {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := make([]time.Duration, len(f.sleeps))
	for i, d := range f.sleeps {
		out[i] = d.Round(time.Millisecond)
	}
	f.sleeps = nil
	return out
}

func (f *fakePacer) mustWait(t *testing.T, region, op string) {
	t.Helper()
	if err := f.wait(context.Background(), region, op); err != nil {
		t.Fatalf("wait %s %s: %v", region, op, err)
	}
}

// TestPacer_unpacedUntilThrottled: without a ThrottlingException nothing
// waits, however many calls go out.
func TestPacer_unpacedUntilThrottled(t *testing.T) {
	f := newFakePacer()
	for range 1000 {
		f.mustWait(t, "us-east-1", "CreateCluster")
		f.mustWait(t, "us-east-1", "DescribeClusters")
	}
	if s := f.takeSleeps(); len(s) != 0 || f.paced("us-east-1", "CreateCluster") {
		t.Fatalf("unthrottled calls waited: %v", s)
	}
}

// TestPacer_pacesTheThrottledCategory: after a ThrottlingException of
// CreateCluster, every cluster-modify call of the region waits for a token
// at one per second, in the order the calls came; reads, other regions and
// operations outside the table go at once.
func TestPacer_pacesTheThrottledCategory(t *testing.T) {
	f := newFakePacer()
	f.throttled("us-east-1", "CreateCluster")
	for _, op := range []string{"CreateCluster", "UpdateClusterSettings", "DeleteCluster", "PutClusterCapacityProviders"} {
		f.mustWait(t, "us-east-1", op)
	}
	if got, want := f.takeSleeps(), []time.Duration{time.Second, 2 * time.Second, 3 * time.Second, 4 * time.Second}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("waits %v, want %v", got, want)
	}
	f.mustWait(t, "us-east-1", "DescribeClusters")
	f.mustWait(t, "us-east-1", "TagResource")
	f.mustWait(t, "eu-west-1", "CreateCluster")
	f.mustWait(t, "us-east-1", "CreateTaskSet")
	if s := f.takeSleeps(); len(s) != 0 {
		t.Errorf("other categories and regions waited: %v", s)
	}
	if f.paced("eu-west-1", "CreateCluster") || !f.paced("us-east-1", "DeleteCluster") {
		t.Error("pacing is not per region and category")
	}
	// 4 tokens are reserved; 6 s later 2 are left for calls at once.
	f.advance(6 * time.Second)
	f.mustWait(t, "us-east-1", "CreateCluster")
	f.mustWait(t, "us-east-1", "CreateCluster")
	f.mustWait(t, "us-east-1", "CreateCluster")
	if got := f.takeSleeps(); fmt.Sprint(got) != fmt.Sprint([]time.Duration{time.Second}) {
		t.Errorf("after 6 s: waits %v, want one of 1s", got)
	}
}

// TestPacer_readCategory: a throttled read category is paced at its refill
// rate of 20 per second.
func TestPacer_readCategory(t *testing.T) {
	f := newFakePacer()
	f.throttled("us-east-1", "ListClusters")
	f.mustWait(t, "us-east-1", "DescribeClusters")
	f.mustWait(t, "us-east-1", "DescribeClusters")
	if got := f.takeSleeps(); fmt.Sprint(got) != fmt.Sprint([]time.Duration{50 * time.Millisecond, 100 * time.Millisecond}) {
		t.Errorf("waits %v", got)
	}
}

// TestPacer_everyCategoryAtItsRate: once throttled, each category of
// ecslimits (which TestCategories_matchDocumentation holds to ECS's
// documented rates) is paced at its own refill rate: the first two calls
// wait one and two refill intervals.
func TestPacer_everyCategoryAtItsRate(t *testing.T) {
	for _, cat := range ecslimits.Categories {
		f := newFakePacer()
		op := cat.Operations[0]
		f.throttled("us-east-1", op)
		f.mustWait(t, "us-east-1", op)
		f.mustWait(t, "us-east-1", cat.Operations[len(cat.Operations)-1])
		interval := time.Duration(float64(time.Second) / cat.Refill)
		if got, want := f.takeSleeps(), []time.Duration{interval.Round(time.Millisecond), (2 * interval).Round(time.Millisecond)}; fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s (refill %v per second): waits %v, want %v", cat.Name, cat.Refill, got, want)
		}
	}
}

// TestPacer_quietPeriod: once the bucket is full again and no throttling
// was seen for the quiet period, calls go out at once; a new throttle
// while paced empties the bucket and keeps the pacing on.
func TestPacer_quietPeriod(t *testing.T) {
	f := newFakePacer()
	f.throttled("us-east-1", "CreateCluster")
	f.advance(15 * time.Second) // quiet long enough, but 15 of 20 tokens
	f.mustWait(t, "us-east-1", "CreateCluster")
	if !f.paced("us-east-1", "CreateCluster") {
		t.Fatal("unpaced before the bucket refilled")
	}
	f.advance(4 * time.Second)
	f.throttled("us-east-1", "DeleteCluster") // another client spends the tokens
	f.mustWait(t, "us-east-1", "CreateCluster")
	if got := f.takeSleeps(); fmt.Sprint(got) != fmt.Sprint([]time.Duration{time.Second}) {
		t.Errorf("after a new throttle: waits %v, want 1s", got)
	}
	f.advance(21 * time.Second) // full and quiet
	for range 50 {
		f.mustWait(t, "us-east-1", "CreateCluster")
	}
	if s := f.takeSleeps(); len(s) != 0 || f.paced("us-east-1", "CreateCluster") {
		t.Errorf("still paced after the quiet period: %d waits", len(s))
	}
}

// TestPacer_cancelReturnsToken: a call that gives up while waiting does not
// keep its token.
func TestPacer_cancelReturnsToken(t *testing.T) {
	f := newFakePacer()
	f.throttled("us-east-1", "CreateCluster")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := f.wait(ctx, "us-east-1", "CreateCluster"); !errors.Is(err, context.Canceled) {
		t.Fatalf("wait with a cancelled context: %v", err)
	}
	f.takeSleeps()
	f.mustWait(t, "us-east-1", "CreateCluster")
	if got := f.takeSleeps(); fmt.Sprint(got) != fmt.Sprint([]time.Duration{time.Second}) {
		t.Errorf("waits %v, want the first place (1s)", got)
	}
}

// pacedClient is an ECS client with the provider's default retryer and a
// pacer, against url.
func pacedClient(url string, p *pacer) *ecs.Client {
	return ecs.New(ecs.Options{
		Region:       "us-east-1",
		BaseEndpoint: aws.String(url),
		Credentials:  credentials.NewStaticCredentialsProvider("AKID", "SECRET", ""),
		Retryer:      newRetryer(aws.RetryModeStandard, 0)(),
		APIOptions:   []func(*middleware.Stack) error{p.addMiddleware},
	})
}

// TestPacing_againstECSLimits: 26 clusters created by 10 concurrent
// callers against ECS's buckets (20, then one per second): every create
// succeeds with the default retries, and once the first calls are
// throttled the pacer keeps the rest from being throttled again, so at most
// one throttled attempt per caller.
func TestPacing_againstECSLimits(t *testing.T) {
	t.Parallel()
	sb := sandbox.New(sandbox.Options{ECSLimits: true})
	srv := httptest.NewServer(sb)
	t.Cleanup(srv.Close)
	p := newPacer()
	client := pacedClient(srv.URL, p)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()

	const n, workers = 26, 10
	names := make(chan string, n)
	for i := range n {
		names <- fmt.Sprintf("paced-%02d", i)
	}
	close(names)
	var wg sync.WaitGroup
	errs := make(chan error, n)
	start := time.Now()
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for name := range names {
				if _, err := client.CreateCluster(ctx, &ecs.CreateClusterInput{ClusterName: aws.String(name)}); err != nil {
					errs <- fmt.Errorf("%s: %w", name, err)
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	elapsed := time.Since(start)
	st := sb.Stats()
	t.Logf("%d creates with %d callers: %d attempts, %d throttled, %v", n, workers, st.Calls["CreateCluster"], st.Throttled, elapsed.Round(time.Millisecond))
	if st.Throttled == 0 || !p.paced("us-east-1", "CreateCluster") {
		t.Fatalf("the bucket was never empty (%d throttled): the test did not exercise pacing", st.Throttled)
	}
	if st.Throttled > workers {
		t.Errorf("%d throttled attempts, want at most one per caller (%d)", st.Throttled, workers)
	}
	if p.paced("us-east-1", "DescribeClusters") {
		t.Error("reads are paced although none was throttled")
	}
	// The floor: 20 at once, then one per second.
	if elapsed < (n-20-1)*time.Second {
		t.Errorf("%d creates took %v, faster than the bucket allows", n, elapsed)
	}
}

// paced reports whether the category of op is paced in region.
func (p *pacer) paced(region, op string) bool {
	cat := ecslimits.ForOperation(op)
	if cat == nil {
		return false
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.buckets[paceKey{region: region, category: cat.Name}] != nil
}
