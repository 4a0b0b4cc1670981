package provider

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/ecs"

	"github.com/ecsx/terraform-provider-ecsx/internal/sandbox"
)

// batchSandbox starts a sandbox with n clusters (batch-000 ...) and
// returns it with a client whose reads are batched.
func batchSandbox(t *testing.T, n int) (*sandbox.Server, *ecsClient) {
	t.Helper()
	sb := sandbox.New(sandbox.Options{})
	srv := httptest.NewServer(sb)
	t.Cleanup(srv.Close)
	client := batchClient(srv.URL)
	for i := range n {
		if _, err := client.CreateCluster(context.Background(), &ecs.CreateClusterInput{ClusterName: aws.String(fmt.Sprintf("batch-%03d", i))}); err != nil {
			t.Fatal(err)
		}
	}
	sb.ResetStats()
	return sb, newECSClient(client, true)
}

// batchClient is an ECS client of the sandbox at url, without retries.
func batchClient(url string) *ecs.Client {
	return ecs.New(ecs.Options{
		Region:       "us-east-1",
		BaseEndpoint: aws.String(url),
		Credentials:  credentials.NewStaticCredentialsProvider("AKID", "SECRET", ""),
		Retryer:      newRetryer(aws.RetryModeStandard, 0)(),
	})
}

// TestBatch_sequentialReadsAreSingleCalls: without concurrency each read is
// one call of its own, sent at once.
func TestBatch_sequentialReadsAreSingleCalls(t *testing.T) {
	t.Parallel()
	sb, client := batchSandbox(t, 3)
	for i := range 3 {
		name := fmt.Sprintf("batch-%03d", i)
		c, err := findCluster(context.Background(), client, name)
		if err != nil || c == nil || aws.ToString(c.ClusterName) != name {
			t.Fatalf("find %s: %v %v", name, c, err)
		}
		if len(c.Tags) != 0 || c.Settings == nil {
			t.Errorf("%s: the read lacks the includes (settings %v)", name, c.Settings)
		}
	}
	if n := sb.Stats().Calls["DescribeClusters"]; n != 3 {
		t.Errorf("3 sequential reads made %d DescribeClusters calls, want 3", n)
	}
}

// TestBatch_concurrentReadsCoalesce: 300 concurrent reads (names, ARNs,
// duplicates and missing clusters) against a sandbox with 30 ms per call
// take a few calls of up to 100 clusters, and each read gets its own
// cluster.
func TestBatch_concurrentReadsCoalesce(t *testing.T) {
	t.Parallel()
	const n = 250
	sb, client := batchSandbox(t, n)
	sb.SetLatency(30 * time.Millisecond)
	arnOf := func(name string) string {
		return "arn:aws:ecs:us-east-1:" + sandbox.DefaultAccount + ":cluster/" + name
	}
	var ids []string
	for i := range n {
		name := fmt.Sprintf("batch-%03d", i)
		if i%2 == 0 {
			ids = append(ids, name)
		} else {
			ids = append(ids, arnOf(name))
		}
	}
	ids = append(ids, "batch-000", "batch-001", arnOf("batch-002")) // duplicates
	for i := range 47 {
		ids = append(ids, fmt.Sprintf("missing-%02d", i))
	}
	var wg sync.WaitGroup
	errs := make(chan error, len(ids))
	for _, id := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c, err := findCluster(context.Background(), client, id)
			switch {
			case err != nil:
				errs <- fmt.Errorf("%s: %w", id, err)
			case len(id) > 8 && id[:8] == "missing-":
				if c != nil {
					errs <- fmt.Errorf("%s: found %s, want nil", id, aws.ToString(c.ClusterArn))
				}
			case c == nil:
				errs <- fmt.Errorf("%s: not found", id)
			case aws.ToString(c.ClusterName) != id && aws.ToString(c.ClusterArn) != id:
				errs <- fmt.Errorf("%s: got %s", id, aws.ToString(c.ClusterArn))
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	calls := sb.Stats().Calls["DescribeClusters"]
	t.Logf("%d concurrent reads: %d DescribeClusters calls", len(ids), calls)
	// 297 distinct clusters need at least 3 calls; the first read goes out
	// alone before the others gather.
	if calls < 3 || calls > 6 {
		t.Errorf("%d concurrent reads made %d DescribeClusters calls, want 3 to 6", len(ids), calls)
	}
}

// TestBatch_errorsReachEveryRead: a failed call fails each read of its
// batch, and the next reads succeed again.
func TestBatch_errorsReachEveryRead(t *testing.T) {
	t.Parallel()
	sb, client := batchSandbox(t, 2)
	sb.SetFault("DescribeClusters", sandbox.Fault{Error: "AccessDeniedException"})
	if _, err := findCluster(context.Background(), client, "batch-000"); err == nil {
		t.Fatal("a refused DescribeClusters gave no error")
	}
	sb.ClearFaults()
	if c, err := findCluster(context.Background(), client, "batch-001"); err != nil || c == nil {
		t.Fatalf("after the fault: %v %v", c, err)
	}
}

// TestBatch_cancelledReader: a reader whose context ends returns at once
// with its error; the batch still serves the others.
func TestBatch_cancelledReader(t *testing.T) {
	t.Parallel()
	sb, client := batchSandbox(t, 1)
	sb.SetLatency(200 * time.Millisecond)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	other := make(chan error, 1)
	go func() {
		_, err := findCluster(context.Background(), client, "batch-000")
		other <- err
	}()
	start := time.Now()
	if _, err := findCluster(ctx, client, "batch-000"); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("cancelled read: %v", err)
	}
	if d := time.Since(start); d > 150*time.Millisecond {
		t.Errorf("the cancelled read returned after %v", d)
	}
	if err := <-other; err != nil {
		t.Errorf("the other read: %v", err)
	}
}

// TestBatch_disabled: a client without batching (ECSX_DEBUG_NO_BATCHING=1
// at Configure) sends one call per read.
func TestBatch_disabled(t *testing.T) {
	t.Parallel()
	sb, batched := batchSandbox(t, 20)
	client := newECSClient(batched.Client, false)
	sb.SetLatency(20 * time.Millisecond)
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if c, err := findCluster(context.Background(), client, fmt.Sprintf("batch-%03d", i)); err != nil || c == nil {
				t.Errorf("read %d: %v %v", i, c, err)
			}
		}()
	}
	wg.Wait()
	if n := sb.Stats().Calls["DescribeClusters"]; n != 20 {
		t.Errorf("20 unbatched reads made %d calls, want 20", n)
	}
}

// workers and reads of TestBatch_wavesMerge.
const workers, reads = 10, 10

// fakeBatcher is a batcher whose calls take latency and record how many
// objects each asked for; every read is answered with an empty object.
func fakeBatcher(latency time.Duration) (*batcher[struct{}], func() []int) {
	var mu sync.Mutex
	var sizes []int
	b := newBatcher("Describe", maxDescribeClusters, false, func(_ context.Context, ids []string) (func(string) *struct{}, error) {
		time.Sleep(latency)
		mu.Lock()
		sizes = append(sizes, len(ids))
		mu.Unlock()
		return func(string) *struct{} { return &struct{}{} }, nil
	})
	return b, func() []int {
		mu.Lock()
		defer mu.Unlock()
		return slices.Clone(sizes)
	}
}

// TestBatch_wavesMerge: ten workers read one object after another, with a
// pause after each read, as Terraform's -parallelism=10 workers read and
// plan one resource after another in a refresh, but start in two
// groups of five, the second while the first group's call is in flight.
// Sending the reads that waited as soon as a call returns would keep the
// two groups apart for good, two calls of five per wave; waiting for the
// returning readers' next reads merges them into one call per wave.
func TestBatch_wavesMerge(t *testing.T) {
	// A long gathering bound makes the test independent of the machine's
	// load; the readers' next reads come within microseconds.
	defer func(g time.Duration) { batchGather = g }(batchGather)
	batchGather = 200 * time.Millisecond
	b, sizes := fakeBatcher(20 * time.Millisecond)
	b.wave = workers / 2 // the first group goes out in one call
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if w >= workers/2 {
				time.Sleep(10 * time.Millisecond)
			}
			for i := range reads {
				if v, err := b.find(context.Background(), fmt.Sprintf("c-%d-%d", w, i)); v == nil || err != nil {
					t.Errorf("read %d of worker %d: %v %v", i, w, v, err)
				}
				time.Sleep(2 * time.Millisecond) // planning the resource
			}
		}()
	}
	wg.Wait()
	got := sizes()
	t.Logf("%d reads by %d workers: %d calls %v", workers*reads, workers, len(got), got)
	// The first call carries the first group; from then on one call per
	// wave of ten.
	if len(got) > reads+2 {
		t.Errorf("%d reads in waves of %d made %d calls, want at most %d", workers*reads, workers, len(got), reads+2)
	}
}

// TestBatch_loneReadAfterWave: a read that comes alone after a wave waits
// at most waveGather for company, and the one after it not at all.
func TestBatch_loneReadAfterWave(t *testing.T) {
	t.Parallel()
	b, sizes := fakeBatcher(0)
	b.wave = 10 // as after a wave of ten reads
	start := time.Now()
	if v, err := b.find(context.Background(), "alone"); v == nil || err != nil {
		t.Fatalf("lone read: %v %v", v, err)
	}
	if d := time.Since(start); d < waveGather {
		t.Errorf("the first lone read after a wave returned after %v, before waveGather (%v)", d, waveGather)
	} else if d > 100*time.Millisecond {
		t.Errorf("the first lone read after a wave waited %v", d)
	}
	// The wave is now one read: the next read goes out without waiting for
	// others.
	deadline := time.Now().Add(time.Second)
	for {
		b.mu.Lock()
		idle, wave := !b.inFlight, b.wave
		b.mu.Unlock()
		if idle {
			if wave != 1 {
				t.Fatalf("after a lone read the wave is %d, want 1", wave)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the batcher did not go idle")
		}
		time.Sleep(time.Millisecond)
	}
	if v, err := b.find(context.Background(), "alone-again"); v == nil || err != nil {
		t.Fatalf("second lone read: %v %v", v, err)
	}
	if got := sizes(); len(got) != 2 || got[0] != 1 || got[1] != 1 {
		t.Errorf("two lone reads made calls %v, want [1 1]", got)
	}
}

// boundedSubject is one batcher under test: its Describe operation, a read
// of one object, two objects that exist and a way to shorten its stall.
type boundedSubject struct {
	op       string
	find     func(ctx context.Context, c *ecsClient, id string) (bool, error)
	ids      [2]string
	setStall func(c *ecsClient, d time.Duration)
}

func boundedSubjectOf[T any](op string, ids [2]string, batcherOf func(*ecsClient) *batcher[T]) boundedSubject {
	return boundedSubject{
		op:  op,
		ids: ids,
		find: func(ctx context.Context, c *ecsClient, id string) (bool, error) {
			v, err := batcherOf(c).find(ctx, id)
			return v != nil, err
		},
		setStall: func(c *ecsClient, d time.Duration) { batcherOf(c).stall = d },
	}
}

// forEachBatcher runs test, in parallel, for the cluster batcher and the
// capacity provider batcher, each with a sandbox of its own (see
// boundedSandbox).
func forEachBatcher(t *testing.T, test func(t *testing.T, s boundedSubject, sb *sandbox.Server, client *ecsClient, cancelled func() []time.Duration)) {
	t.Helper()
	t.Parallel()
	for _, s := range []boundedSubject{
		boundedSubjectOf("DescribeClusters", [2]string{"batch-000", "batch-001"}, clusterBatcher),
		boundedSubjectOf("DescribeCapacityProviders", [2]string{"FARGATE", "FARGATE_SPOT"}, providerBatcher),
	} {
		t.Run(s.op, func(t *testing.T) {
			t.Parallel()
			sb, client, cancelled := boundedSandbox(t, s.op)
			test(t, s, sb, client, cancelled)
		})
	}
}

// boundedSandbox starts a sandbox with the clusters batch-000 and
// batch-001 and returns it, a batching client, and a function that returns
// the durations of the requests of op that the server saw cancelled by the
// client so far.
func boundedSandbox(t *testing.T, op string) (*sandbox.Server, *ecsClient, func() []time.Duration) {
	t.Helper()
	sb := sandbox.New(sandbox.Options{})
	var mu sync.Mutex
	var cancelled []time.Duration
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sb.ServeHTTP(w, r)
		if r.Context().Err() != nil && strings.HasSuffix(r.Header.Get("X-Amz-Target"), "."+op) {
			mu.Lock()
			cancelled = append(cancelled, time.Since(start))
			mu.Unlock()
		}
	}))
	t.Cleanup(srv.Close)
	client := batchClient(srv.URL)
	for i := range 2 {
		if _, err := client.CreateCluster(t.Context(), &ecs.CreateClusterInput{ClusterName: aws.String(fmt.Sprintf("batch-%03d", i))}); err != nil {
			t.Fatal(err)
		}
	}
	return sb, newECSClient(client, true), func() []time.Duration {
		mu.Lock()
		defer mu.Unlock()
		return slices.Clone(cancelled)
	}
}

// slowCallLatency is the latency of the one slow call of the tests below,
// and prompt the most a read not caught in it may take.
const (
	slowCallLatency = 3 * time.Second
	prompt          = time.Second
)

// startSlowRead sets a latency fault on the next call of s.op, starts a
// read of s.ids[0] with ctx and waits until its call reaches the sandbox.
// The returned channel gives the read's error and duration.
func startSlowRead(t *testing.T, ctx context.Context, sb *sandbox.Server, client *ecsClient, s boundedSubject) <-chan readResult {
	t.Helper()
	sb.SetFault(s.op, sandbox.Fault{Latency: slowCallLatency, LatencyCalls: 1})
	done := make(chan readResult, 1)
	go func() {
		start := time.Now()
		found, err := s.find(ctx, client, s.ids[0])
		done <- readResult{found: found, err: err, took: time.Since(start)}
	}()
	deadline := time.Now().Add(prompt)
	for sb.Stats().Calls[s.op] == 0 {
		if time.Now().After(deadline) {
			t.Fatalf("the slow %s call did not reach the sandbox", s.op)
		}
		time.Sleep(time.Millisecond)
	}
	return done
}

type readResult struct {
	found bool
	err   error
	took  time.Duration
}

// laterReads reads s.ids[1] three times, one after another, as reads that
// arrive while the slow call is in flight, and returns how long they took.
func laterReads(t *testing.T, client *ecsClient, s boundedSubject) time.Duration {
	t.Helper()
	start := time.Now()
	for range 3 {
		if found, err := s.find(context.Background(), client, s.ids[1]); err != nil || !found {
			t.Fatalf("a later read of %s: found %v, %v", s.ids[1], found, err)
		}
	}
	return time.Since(start)
}

// TestBatch_slowCallKeepsOnlyItsReaders: a call held by a latency fault
// keeps only its own readers waiting. Reads that arrive while it is in
// flight go out in a call of their own once it has stalled, and finish
// promptly; the slow call's reader gets its object when the call returns.
func TestBatch_slowCallKeepsOnlyItsReaders(t *testing.T) {
	forEachBatcher(t, func(t *testing.T, s boundedSubject, sb *sandbox.Server, client *ecsClient, _ func() []time.Duration) {
		s.setStall(client, 100*time.Millisecond)
		slow := startSlowRead(t, context.Background(), sb, client, s)
		if took := laterReads(t, client, s); took > prompt {
			t.Errorf("3 reads behind a slow call took %v, want at most %v", took, prompt)
		}
		r := <-slow
		if r.err != nil || !r.found {
			t.Fatalf("the slow call's read: found %v, %v", r.found, r.err)
		}
		if r.took < slowCallLatency {
			t.Errorf("the slow call's read took %v, less than the fault's %v", r.took, slowCallLatency)
		}
	})
}

// TestBatch_callEndsAtItsReadersDeadline: with the default stall, a slow
// call ends at the deadline of its reader; the reads that arrived during
// it then go out at once, and the sandbox sees the slow request cancelled.
func TestBatch_callEndsAtItsReadersDeadline(t *testing.T) {
	forEachBatcher(t, func(t *testing.T, s boundedSubject, sb *sandbox.Server, client *ecsClient, cancelled func() []time.Duration) {
		ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
		defer cancel()
		slow := startSlowRead(t, ctx, sb, client, s)
		if took := laterReads(t, client, s); took > prompt {
			t.Errorf("3 reads behind a call whose reader's deadline is 300ms took %v, want at most %v", took, prompt)
		}
		if r := <-slow; !errors.Is(r.err, context.DeadlineExceeded) {
			t.Errorf("the slow call's read: %v, want its deadline exceeded", r.err)
		}
		waitCancelled(t, cancelled)
	})
}

// TestBatch_callCancelledWhenReadersLeave: a call whose readers have all
// gone is cancelled: the sandbox sees its request end long before the
// fault's latency.
func TestBatch_callCancelledWhenReadersLeave(t *testing.T) {
	forEachBatcher(t, func(t *testing.T, s boundedSubject, sb *sandbox.Server, client *ecsClient, cancelled func() []time.Duration) {
		ctx, cancel := context.WithCancel(context.Background())
		slow := startSlowRead(t, ctx, sb, client, s)
		cancel()
		if r := <-slow; !errors.Is(r.err, context.Canceled) || r.took > prompt {
			t.Errorf("the cancelled read: %v after %v, want context.Canceled at once", r.err, r.took)
		}
		waitCancelled(t, cancelled)
	})
}

// waitCancelled waits until the sandbox has seen one request cancelled by
// the client, and checks that it ended long before the fault's latency.
func waitCancelled(t *testing.T, cancelled func() []time.Duration) {
	t.Helper()
	deadline := time.Now().Add(slowCallLatency)
	for len(cancelled()) == 0 {
		if time.Now().After(deadline) {
			t.Fatal("the sandbox saw no request cancelled: the slow call went on")
		}
		time.Sleep(5 * time.Millisecond)
	}
	if got := cancelled(); len(got) != 1 || got[0] > prompt {
		t.Errorf("requests cancelled by the client, with their durations: %v, want one within %v", got, prompt)
	}
}

// waitIdle waits until no loop of b runs.
func waitIdle[T any](t *testing.T, b *batcher[T]) {
	t.Helper()
	deadline := time.Now().Add(time.Second)
	for {
		b.mu.Lock()
		idle := !b.inFlight
		b.mu.Unlock()
		if idle {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("the batcher did not go idle")
		}
		time.Sleep(time.Millisecond)
	}
}

// TestBatch_callDeadline: a call runs until the latest deadline of its
// readers, at most the batcher's limit, and a reader without a deadline
// whose call reaches the limit gets an error that says so.
func TestBatch_callDeadline(t *testing.T) {
	t.Parallel()
	deadlines := make(chan time.Time, 4)
	b := newBatcher("Describe", maxDescribeClusters, false, func(ctx context.Context, ids []string) (func(string) *struct{}, error) {
		d, _ := ctx.Deadline()
		deadlines <- d
		if slices.Contains(ids, "hang") {
			select {
			case <-ctx.Done():
				return nil, ctx.Err()
			case <-time.After(2 * prompt):
				return nil, errors.New("the call was not ended")
			}
		}
		return func(string) *struct{} { return &struct{}{} }, nil
	})
	b.wave = 2 // the two reads below go out together
	short, cancelShort := context.WithTimeout(context.Background(), time.Minute)
	defer cancelShort()
	long, cancelLong := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancelLong()
	var wg sync.WaitGroup
	for _, ctx := range []context.Context{short, long} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if v, err := b.find(ctx, "a"); v == nil || err != nil {
				t.Errorf("read: %v %v", v, err)
			}
		}()
	}
	wg.Wait()
	want, _ := long.Deadline()
	if got := <-deadlines; !got.Equal(want) {
		t.Errorf("the call's deadline is %v, want the later reader's %v", got, want)
	}

	waitIdle(t, b)
	b.mu.Lock()
	b.wave = 1
	b.limit = 100 * time.Millisecond
	b.mu.Unlock()
	start := time.Now()
	_, err := b.find(context.Background(), "hang")
	if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "gave no answer within 100ms") {
		t.Errorf("a read of a hung call capped at 100ms: %v", err)
	}
	if took := time.Since(start); took > prompt {
		t.Errorf("the capped call ended after %v", took)
	}
	if d := <-deadlines; d.Sub(start) > 200*time.Millisecond {
		t.Errorf("the capped call's deadline is %v after its start, want about 100ms", d.Sub(start))
	}
}
