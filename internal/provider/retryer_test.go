package provider

import (
	"context"
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
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
	if got := r.MaxAttempts(); got != retry.DefaultMaxAttempts {
		t.Errorf("unset attempts: MaxAttempts = %d, want the SDK default %d", got, retry.DefaultMaxAttempts)
	}
}
