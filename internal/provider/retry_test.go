package provider

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestRetryWhile(t *testing.T) {
	t.Run("retries until success", func(t *testing.T) {
		calls := 0
		err := retryWhile(t.Context(), func() (bool, error) {
			calls++
			if calls < 3 {
				return true, apiError("UpdateInProgressException", "busy")
			}
			return false, nil
		})
		if err != nil || calls != 3 {
			t.Errorf("got err %v after %d calls, want success after 3", err, calls)
		}
	})
	t.Run("stops on a permanent error", func(t *testing.T) {
		calls := 0
		want := apiError("InvalidParameterException", "bad")
		err := retryWhile(t.Context(), func() (bool, error) {
			calls++
			return false, want
		})
		if !errors.Is(err, want) || calls != 1 {
			t.Errorf("got err %v after %d calls, want the permanent error after 1", err, calls)
		}
	})
	t.Run("keeps the last error on timeout", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
		defer cancel()
		err := retryWhile(ctx, func() (bool, error) {
			return true, apiError("ClusterContainsTasksException", "tasks")
		})
		var timedOut *timeoutError
		if !errors.As(err, &timedOut) || !isDeleteBlocked(timedOut.last) {
			t.Errorf("got %v, want a timeoutError wrapping the last blocking error", err)
		}
	})
}

func TestRetryClassified(t *testing.T) {
	t.Run("limited errors stop after a few tries", func(t *testing.T) {
		calls := 0
		inUse := apiError("ResourceInUseException", "The specified capacity provider is in use and cannot be removed.")
		err := retryClassified(t.Context(), func() (retryKind, error) {
			calls++
			return capacityProviderUpdateRetry(inUse), inUse
		})
		if !errors.Is(err, inUse) || calls != limitedTries {
			t.Errorf("got %v after %d calls, want the error after %d", err, calls, limitedTries)
		}
	})
	t.Run("errors that clear are retried", func(t *testing.T) {
		calls := 0
		err := retryClassified(t.Context(), func() (retryKind, error) {
			calls++
			if calls < limitedTries+2 {
				e := apiError("UpdateInProgressException", "busy")
				return capacityProviderUpdateRetry(e), e
			}
			return retryNever, nil
		})
		if err != nil || calls != limitedTries+2 {
			t.Errorf("got %v after %d calls, want success after %d", err, calls, limitedTries+2)
		}
	})
	t.Run("an interruption is not a timeout", func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		calls := 0
		err := retryWhile(ctx, func() (bool, error) {
			calls++
			cancel()
			return true, apiError("ClusterContainsTasksException", "tasks")
		})
		var interrupted *interruptedError
		var timedOut *timeoutError
		if !errors.As(err, &interrupted) || errors.As(err, &timedOut) {
			t.Fatalf("got %v, want an interruption", err)
		}
		summary, detail := waitErrorDiagnostic("delete cluster \"x\"", err)
		if summary != "Interrupted" || !strings.Contains(detail, "interrupted") {
			t.Errorf("diagnostic %q: %q", summary, detail)
		}
	})
	t.Run("a deadline is a timeout", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
		defer cancel()
		err := retryWhile(ctx, func() (bool, error) { return true, apiError("ClusterContainsTasksException", "tasks") })
		summary, _ := waitErrorDiagnostic("delete cluster \"x\"", err)
		if summary != "Timeout" {
			t.Errorf("diagnostic %q for %v, want Timeout", summary, err)
		}
	})
}

func TestBackoffJitter(t *testing.T) {
	for _, j := range []float64{0, 0.5, 0.999} {
		b := backoff{next: time.Second, max: 4 * time.Second, jitter: func() float64 { return j }}
		d := b.delay()
		if d < 500*time.Millisecond || d > time.Second {
			t.Errorf("jitter %v: delay %v, want between 500ms and 1s", j, d)
		}
	}
	b := backoff{next: time.Second, max: 4 * time.Second, jitter: func() float64 { return 0 }}
	if b.delay() != 500*time.Millisecond {
		t.Errorf("jitter 0: delay %v, want half the interval", b.delay())
	}
}
