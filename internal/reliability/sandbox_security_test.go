package reliability_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"

	"github.com/ecsx/terraform-provider-ecsx/internal/sandbox"
)

// The sandbox's own protections and where they are tested:
//
//   - loopback only unless -allow-remote: TestFlagValidation
//     (cmd/ecsx-sandbox), with the default address by
//     TestDefaultAddressIsLoopback there;
//   - SigV4 verification with keys: TestSigV4Verification, TestSignedMode;
//   - request size limit (HTTP 413): TestProtocolEnvelope;
//   - decoder fuzzing: FuzzDecodeRequest (internal/sandbox/fuzz_test.go);
//   - torn, empty and corrupt state files refused at start:
//     TestCorruptStateRefused (cmd/ecsx-sandbox), TestStateRoundTrip;
//   - atomic state file writes: TestSandbox_stateFileAtomic below.

// TestSandbox_stateFileAtomic saves a growing state file over and over
// while readers load it: with an atomic write (temporary file, rename) a
// reader sees the old or the new file, never a torn or empty one, and no
// temporary file is left behind.
func TestSandbox_stateFileAtomic(t *testing.T) {
	t.Parallel()
	sb, _, client := startSandbox(t, sandbox.Options{})
	dir := t.TempDir()
	path := filepath.Join(dir, "state.json")
	ctx := context.Background()
	if _, err := client.CreateCluster(ctx, &ecs.CreateClusterInput{ClusterName: aws.String("seed")}); err != nil {
		t.Fatal(err)
	}
	if err := sb.SaveStateFile(path); err != nil {
		t.Fatal(err)
	}

	var stop atomic.Bool
	var loads, failures atomic.Int64
	var firstErr atomic.Value
	var wg sync.WaitGroup
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			reader := sandbox.New(sandbox.Options{})
			for !stop.Load() {
				if err := reader.LoadStateFile(path); err != nil {
					failures.Add(1)
					firstErr.CompareAndSwap(nil, err)
				}
				loads.Add(1)
			}
		}()
	}
	deadline := time.Now().Add(1500 * time.Millisecond)
	saves := 0
	for i := 0; time.Now().Before(deadline); i++ {
		if i%5 == 0 {
			// Grow the state so that a non-atomic write takes long
			// enough to be seen half done.
			name := fmt.Sprintf("c%03d-%s", i, strings.Repeat("x", 200))
			if _, err := client.CreateCluster(ctx, &ecs.CreateClusterInput{ClusterName: aws.String(name)}); err != nil {
				t.Fatal(err)
			}
		}
		if err := sb.SaveStateFile(path); err != nil {
			t.Fatal(err)
		}
		saves++
	}
	stop.Store(true)
	wg.Wait()
	if failures.Load() > 0 {
		t.Fatalf("%d of %d loads during %d saves failed; first: %v", failures.Load(), loads.Load(), saves, firstErr.Load())
	}
	if loads.Load() < 50 {
		t.Fatalf("only %d loads: the test did not exercise concurrent reads", loads.Load())
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		t.Fatalf("files left in the state directory: %v", entries)
	}
	t.Logf("%d saves, %d concurrent loads, no torn read", saves, loads.Load())
}
