package provider

import (
	"context"
	"errors"
)

// waitEnded wraps the last error of a wait that ctx ended: an interruption
// (Terraform was stopped) or a timeout.
func waitEnded(ctx context.Context, last error) error {
	if errors.Is(ctx.Err(), context.Canceled) {
		return &interruptedError{last: last}
	}
	return &timeoutError{last: last}
}

// interruptedError is returned when Terraform stopped the run (Ctrl-C,
// a cancelled HCP Terraform run) during retries or a wait.
type interruptedError struct {
	last error
}

func (e *interruptedError) Error() string {
	if e.last == nil {
		return "interrupted"
	}
	return "interrupted; last error: " + e.last.Error()
}

func (e *interruptedError) Unwrap() error { return e.last }

// timeoutError is returned when retries ran out of time; it keeps the last
// error, which says what blocked the operation.
type timeoutError struct {
	last error
}

func (e *timeoutError) Error() string { return "timed out; last error: " + e.last.Error() }

func (e *timeoutError) Unwrap() error { return e.last }
