package provider

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/smithy-go"
)

// TestNewRetryer_noClientWideQuota: a run of many resources shares one
// client; a throttled run must not exhaust a client-wide retry budget. The
// SDK's default quota refuses a retry token after 100 retries.
func TestNewRetryer_noClientWideQuota(t *testing.T) {
	for _, mode := range []aws.RetryMode{aws.RetryModeStandard, aws.RetryModeAdaptive} {
		r := newRetryer(mode, 31)()
		if got := r.MaxAttempts(); got != 31 {
			t.Errorf("%s: MaxAttempts = %d, want 31", mode, got)
		}
		throttled := errors.New("throttled")
		for i := range 1000 {
			if _, err := r.GetRetryToken(context.Background(), throttled); err != nil {
				t.Fatalf("%s: retry token %d refused: %v", mode, i, err)
			}
		}
	}
}

func TestNewRetryer_mode(t *testing.T) {
	if _, ok := newRetryer(aws.RetryModeAdaptive, 0)().(*retry.AdaptiveMode); !ok {
		t.Error("adaptive retry mode did not give the SDK's adaptive retryer")
	}
	r := newRetryer(aws.RetryModeStandard, 0)()
	if _, ok := r.(*retry.Standard); !ok {
		t.Errorf("standard retry mode gave %T", r)
	}
	if got := r.MaxAttempts(); got != defaultMaxRetries+1 {
		t.Errorf("unset attempts: MaxAttempts = %d, want %d (25 retries, as hashicorp/aws)", got, defaultMaxRetries+1)
	}
	if got := newRetryer(aws.RetryModeAdaptive, 0)().MaxAttempts(); got != 26 {
		t.Errorf("adaptive, unset attempts: MaxAttempts = %d, want 26", got)
	}
	if got := newRetryer(aws.RetryModeStandard, 1)().MaxAttempts(); got != 1 {
		t.Errorf("max_retries = 0: MaxAttempts = %d, want 1", got)
	}
}

// TestNewRetryer_throttleBackoff: ThrottlingException is retried, with a
// jittered exponential wait that reaches seconds (so that the default
// retries outlast a bucket refilled at one call per second) and never
// exceeds maxBackoff.
func TestNewRetryer_throttleBackoff(t *testing.T) {
	r := newRetryer(aws.RetryModeStandard, 0)()
	throttle := &smithy.GenericAPIError{Code: "ThrottlingException", Message: "Rate exceeded"}
	if !r.IsErrorRetryable(throttle) {
		t.Fatal("ThrottlingException is not retried")
	}
	var total time.Duration
	distinct := map[time.Duration]bool{}
	for attempt := 1; attempt < r.MaxAttempts(); attempt++ {
		d, err := r.RetryDelay(attempt, throttle)
		if err != nil {
			t.Fatal(err)
		}
		if d < 0 || d > maxBackoff {
			t.Fatalf("attempt %d: delay %v outside [0, %v]", attempt, d, maxBackoff)
		}
		total += d
		distinct[d] = true
	}
	if len(distinct) < 20 {
		t.Errorf("only %d distinct delays in 25 retries: no jitter", len(distinct))
	}
	// The expected sum is about 215 s; 60 s is far in its lower tail.
	if total < 60*time.Second {
		t.Errorf("25 throttled retries wait %v in all, want minutes", total)
	}
}
