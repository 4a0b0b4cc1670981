package provider

import (
	"context"
	"errors"
	"sync"
	"time"

	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"

	"github.com/ecsx/terraform-provider-ecsx/internal/ecslimits"
)

// noPacingEnv, set to 1 when the provider is configured, switches pacing
// off: every attempt goes out at once, as with other providers (a debugging
// and benchmarking aid).
const noPacingEnv = "ECSX_DEBUG_NO_PACING"

// paceQuietPeriod is how long a paced category must go without a
// ThrottlingException, with its bucket full again, before its calls go out
// unpaced.
const paceQuietPeriod = 10 * time.Second

// pacer paces the ECS calls of one provider configuration (one provider
// process) per region and category of ECS's request throttling. A category
// is not paced until ECS answers one of its calls with ThrottlingException.
// From then on every attempt of the category takes a token from a
// client-side bucket of the documented size, refilled at the documented
// rate and starting empty (as the service's bucket is when it throttles),
// so that the provider's calls wait for their turn instead of being
// throttled and retried. After paceQuietPeriod without throttling, once the
// bucket has refilled, the category is unpaced again.
//
// Attempts, not operations, take tokens: the pacer runs in the client's
// Finalize step after the retry middleware, where each attempt passes, as
// each attempt takes a token from the service's bucket.
type pacer struct {
	now   func() time.Time
	sleep func(ctx context.Context, d time.Duration) error

	mu      sync.Mutex
	buckets map[paceKey]*paceBucket
}

type paceKey struct {
	region, category string
}

// paceBucket is the client-side bucket of a paced category. tokens is
// negative while calls wait: each waiting call has reserved a token that
// the refill has not brought yet.
type paceBucket struct {
	cat       *ecslimits.Category
	tokens    float64
	last      time.Time
	throttled time.Time // last ThrottlingException
}

func newPacer() *pacer {
	return &pacer{now: time.Now, sleep: sleepContext, buckets: make(map[paceKey]*paceBucket)}
}

func sleepContext(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// refill adds the tokens earned since the last look.
func (b *paceBucket) refill(now time.Time) {
	if d := now.Sub(b.last).Seconds(); d > 0 {
		b.tokens = min(float64(b.cat.Burst), b.tokens+d*b.cat.Refill)
		b.last = now
	}
}

// wait returns when an attempt of op in region may go out: at once when its
// category is not paced, otherwise when the bucket has a token for it. It
// fails only when ctx ends first.
func (p *pacer) wait(ctx context.Context, region, op string) error {
	cat := ecslimits.ForOperation(op)
	if cat == nil {
		return nil
	}
	k := paceKey{region: region, category: cat.Name}
	p.mu.Lock()
	b := p.buckets[k]
	if b == nil {
		p.mu.Unlock()
		return nil
	}
	now := p.now()
	b.refill(now)
	if b.tokens >= float64(cat.Burst) && now.Sub(b.throttled) >= paceQuietPeriod {
		delete(p.buckets, k)
		p.mu.Unlock()
		return nil
	}
	b.tokens--
	if b.tokens >= 0 {
		p.mu.Unlock()
		return nil
	}
	d := time.Duration(-b.tokens / cat.Refill * float64(time.Second))
	p.mu.Unlock()
	if err := p.sleep(ctx, d); err != nil {
		p.mu.Lock()
		if p.buckets[k] == b {
			b.tokens++ // the reserved token goes back
		}
		p.mu.Unlock()
		return err
	}
	return nil
}

// throttled records a ThrottlingException of op in region: the category is
// paced from now on, and its bucket is taken as empty.
func (p *pacer) throttled(region, op string) {
	cat := ecslimits.ForOperation(op)
	if cat == nil {
		return
	}
	k := paceKey{region: region, category: cat.Name}
	p.mu.Lock()
	defer p.mu.Unlock()
	now := p.now()
	b := p.buckets[k]
	if b == nil {
		b = &paceBucket{cat: cat, last: now}
		p.buckets[k] = b
	} else {
		b.refill(now)
		b.tokens = min(b.tokens, 0)
	}
	b.throttled = now
}

// isThrottlingError reports whether err is ECS's ThrottlingException.
func isThrottlingError(err error) bool {
	var apiErr smithy.APIError
	return errors.As(err, &apiErr) && apiErr.ErrorCode() == "ThrottlingException"
}

// pacingOption is the ECS client API option that adds the pacer of a new
// provider configuration, unless off (ECSX_DEBUG_NO_PACING=1). Clients
// derived from the provider's client (the other regions' clients) share it.
func pacingOption(off bool) func(*middleware.Stack) error {
	if off {
		return func(*middleware.Stack) error { return nil }
	}
	return newPacer().addMiddleware
}

// addMiddleware inserts the pacer after the retry middleware, so that it
// sees every attempt.
func (p *pacer) addMiddleware(stack *middleware.Stack) error {
	return stack.Finalize.Insert(pacingMiddleware{p: p}, "Retry", middleware.After)
}

type pacingMiddleware struct {
	p *pacer
}

func (pacingMiddleware) ID() string { return "ecsxPacing" }

func (m pacingMiddleware) HandleFinalize(ctx context.Context, in middleware.FinalizeInput, next middleware.FinalizeHandler) (
	middleware.FinalizeOutput, middleware.Metadata, error,
) {
	op := middleware.GetOperationName(ctx)
	region := awsmiddleware.GetRegion(ctx)
	if err := m.p.wait(ctx, region, op); err != nil {
		return middleware.FinalizeOutput{}, middleware.Metadata{}, err
	}
	out, md, err := next.HandleFinalize(ctx, in)
	if isThrottlingError(err) {
		m.p.throttled(region, op)
	}
	return out, md, err
}
