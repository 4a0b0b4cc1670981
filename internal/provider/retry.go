package provider

import (
	"context"
	"errors"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/aws/smithy-go"
)

// Polling and retry pacing: a short first wait, doubled up to a cap, so that
// fast transitions finish quickly and slow ones do not flood the API.
const (
	pollFirstWait  = 250 * time.Millisecond
	pollMaxWait    = 5 * time.Second
	retryFirstWait = 500 * time.Millisecond
	retryMaxWait   = 10 * time.Second
)

// backoff paces polls and retries: each interval doubles the next, up to
// max, and each wait is drawn between half the interval and all of it (equal
// jitter), so that many resources waiting at once do not poll in step.
type backoff struct {
	next, max time.Duration
	// jitter returns a value in [0, 1); rand.Float64 when nil.
	jitter func() float64
}

// delay is the next wait with its jitter.
func (b *backoff) delay() time.Duration {
	j := b.jitter
	if j == nil {
		j = rand.Float64
	}
	half := b.next / 2
	return half + time.Duration(j()*float64(b.next-half))
}

// wait sleeps for the next interval, or returns the context's error.
func (b *backoff) wait(ctx context.Context) error {
	t := time.NewTimer(b.delay())
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
	}
	b.next = min(2*b.next, b.max)
	return nil
}

// limitedTries is how often an error that does not clear by itself (such as
// ResourceInUseException: a capacity provider still used by a service) is
// tried before it is returned, instead of being retried for the whole
// timeout.
const limitedTries = 3

// retryKind says whether and how long an error is retried.
type retryKind int

const (
	retryNever   retryKind = iota // returned at once
	retryUntil                    // retried until the operation's timeout: it clears by itself
	retryLimited                  // retried limitedTries times: it may clear, but usually does not
)

// retryWhile calls fn until it succeeds, returns a non-retryable error, or
// ctx ends. On expiry it returns the last error fn returned, wrapped in a
// timeoutError; when Terraform interrupts the run, in an interruptedError.
func retryWhile(ctx context.Context, fn func() (retryable bool, err error)) error {
	return retryClassified(ctx, func() (retryKind, error) {
		retryable, err := fn()
		if retryable {
			return retryUntil, err
		}
		return retryNever, err
	})
}

// retryClassified is retryWhile with errors that are retried a limited
// number of times.
func retryClassified(ctx context.Context, fn func() (retryKind, error)) error {
	b := backoff{next: retryFirstWait, max: retryMaxWait}
	limited := 0
	for {
		kind, err := fn()
		if err == nil || kind == retryNever {
			return err
		}
		if kind == retryLimited {
			if limited++; limited >= limitedTries {
				return err
			}
		}
		if ctx.Err() == nil {
			_ = b.wait(ctx)
		}
		if ctx.Err() != nil {
			return waitEnded(ctx, err)
		}
	}
}

// errorCodeIs reports whether err is an API error with the given code whose
// message contains fragment (any message when fragment is empty).
func errorCodeIs(err error, code, fragment string) bool {
	var apiErr smithy.APIError
	if !errors.As(err, &apiErr) || apiErr.ErrorCode() != code {
		return false
	}
	return fragment == "" || strings.Contains(apiErr.ErrorMessage(), fragment)
}

// capacityProviderUpdateRetry classifies PutClusterCapacityProviders errors:
// those that clear once the cluster finishes its current change are retried
// until the timeout; ResourceInUseException (a provider still used by a
// service) clears only if someone changes the service, so it is retried a
// few times only.
func capacityProviderUpdateRetry(err error) retryKind {
	switch {
	case errorCodeIs(err, "ClientException", "Cluster was not ACTIVE"), errorCodeIs(err, "UpdateInProgressException", ""):
		return retryUntil
	case errorCodeIs(err, "ResourceInUseException", ""):
		return retryLimited
	}
	return retryNever
}
