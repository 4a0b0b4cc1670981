package provider

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"testing"
	"time"
)

// mustLock takes the lock of a name in a region, failing the test when it
// cannot.
func mustLock(t *testing.T, names *clusterNames, region, name string) func() {
	t.Helper()
	unlock, err := names.lock(t.Context(), region, name)
	if err != nil {
		t.Fatalf("lock %s in %s: %v", name, region, err)
	}
	return unlock
}

// TestClusterNames_lockHonoursContext: waiting for a cluster name's lock
// ends with ctx, with an error naming the cluster; the lock is free again
// once released, and other names are never held up.
func TestClusterNames_lockHonoursContext(t *testing.T) {
	t.Parallel()
	var names clusterNames
	unlock := mustLock(t, &names, "us-east-1", "web")

	mustLock(t, &names, "us-east-1", "api")() // another name
	mustLock(t, &names, "eu-west-1", "web")() // the same name in another region

	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := names.lock(ctx, "us-east-1", "web")
	if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), `cluster "web" in us-east-1`) {
		t.Errorf("waiting for a held lock until the deadline: %v", err)
	}
	if took := time.Since(start); took > time.Second {
		t.Errorf("the wait ended %v after it began, for a 50ms deadline", took)
	}

	unlock()
	unlock()                                  // a second release does nothing
	mustLock(t, &names, "us-east-1", "web")() // free again after the release
	names.mu.Lock()
	left := len(names.locks)
	names.mu.Unlock()
	if left != 0 {
		t.Errorf("%d locks are remembered after every holder and waiter left, want 0", left)
	}
}

// TestClusterNames_lockWaitsForRelease: a second create of the same name
// waits until the first releases the lock.
func TestClusterNames_lockWaitsForRelease(t *testing.T) {
	t.Parallel()
	var names clusterNames
	unlock := mustLock(t, &names, "us-east-1", "web")
	got := make(chan error, 1)
	go func() {
		second, err := names.lock(t.Context(), "us-east-1", "web")
		if err == nil {
			second()
		}
		got <- err
	}()
	select {
	case err := <-got:
		t.Fatalf("the second lock was taken while the first was held: %v", err)
	case <-time.After(50 * time.Millisecond):
	}
	unlock()
	select {
	case err := <-got:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(time.Second):
		t.Fatal("the second lock was not taken after the first was released")
	}
}

func TestUniqueName(t *testing.T) {
	pattern := regexp.MustCompile(`^pfx-\d{20}[0-9a-f]{6}$`)
	seen := map[string]bool{}
	prev := ""
	var names clusterNames
	for range 1000 {
		n := names.unique("pfx-")
		if !pattern.MatchString(n) || len(n) != len("pfx-")+nameSuffixLength {
			t.Fatalf("unique gave %q", n)
		}
		if seen[n] {
			t.Fatalf("unique repeated %q", n)
		}
		seen[n] = true
		if got := namePrefixOf(n); got.ValueString() != "pfx-" {
			t.Fatalf("namePrefixOf(%q) = %s, want pfx-", n, got)
		}
		if n[:len(n)-6] < prev {
			t.Fatalf("unique went back in time: %q after %q", n, prev)
		}
		prev = n[:len(n)-6]
	}
}
