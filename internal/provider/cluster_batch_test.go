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

	"github.com/ecsx/terraform-provider-ecsx/internal/sandbox"
)

// batchSandbox starts a sandbox with n clusters (batch-000 ...) and
// returns it with a client whose reads are batched.
func batchSandbox(t *testing.T, n int) (*sandbox.Server, *ecs.Client) {
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
	return sb, client
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

// TestBatch_disabled: ECSX_DEBUG_NO_BATCHING=1 sends one call per read.
func TestBatch_disabled(t *testing.T) {
	t.Setenv(noBatchingEnv, "1")
	sb, client := batchSandbox(t, 20)
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
