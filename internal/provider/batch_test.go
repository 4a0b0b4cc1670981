package provider

import (
	"context"
	"errors"
	"fmt"
	"net/http/httptest"
	"slices"
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
	client := ecs.New(ecs.Options{
		Region:       "us-east-1",
		BaseEndpoint: aws.String(srv.URL),
		Credentials:  credentials.NewStaticCredentialsProvider("AKID", "SECRET", ""),
		Retryer:      newRetryer(aws.RetryModeStandard, 0)(),
	})
	for i := range n {
		if _, err := client.CreateCluster(context.Background(), &ecs.CreateClusterInput{ClusterName: aws.String(fmt.Sprintf("batch-%03d", i))}); err != nil {
			t.Fatal(err)
		}
	}
	sb.ResetStats()
	return sb, newECSClient(client, true)
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
