package provider

import (
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/smithy-go"
)

// TestNewRetryer_backoffFigures holds the figures of the provider docs: a
// throttled call waits a random time of up to 1 s, 2 s, 4 s ... before its
// retries (full jitter), and never more than 20 s.
func TestNewRetryer_backoffFigures(t *testing.T) {
	throttle := &smithy.GenericAPIError{Code: "ThrottlingException", Message: "Rate exceeded"}
	for _, mode := range []aws.RetryMode{aws.RetryModeStandard, aws.RetryModeAdaptive} {
		r := newRetryer(mode, 0)()
		for attempt, ceiling := range map[int]time.Duration{1: time.Second, 2: 2 * time.Second, 3: 4 * time.Second, 10: 20 * time.Second, 24: 20 * time.Second} {
			lo, hi := time.Hour, time.Duration(0)
			for range 500 {
				d, err := r.RetryDelay(attempt, throttle)
				if err != nil {
					t.Fatal(err)
				}
				lo, hi = min(lo, d), max(hi, d)
			}
			// 500 uniform draws: the largest is within 10 % of the
			// ceiling and the smallest in its lowest tenth, but for a
			// chance of about 1e-23.
			if hi > ceiling || hi < ceiling*9/10 || lo > ceiling/10 {
				t.Errorf("%s, retry %d: waits from %v to %v, want random waits up to %v", mode, attempt, lo, hi, ceiling)
			}
		}
	}
}
