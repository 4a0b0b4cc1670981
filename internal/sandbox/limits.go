package sandbox

import (
	"context"
	"sync"
	"time"

	"github.com/ecsx/terraform-provider-ecsx/internal/ecslimits"
)

// limitSet enforces Amazon ECS's request throttling (the token buckets of
// package ecslimits) per account, region and category, and adds the per-call
// latency. Unlike the faults, which configure one operation at a time, the
// buckets are shared by every operation of a category.
type limitSet struct {
	mu      sync.Mutex
	enabled bool
	latency time.Duration
	buckets map[limitKey]*limitBucket
}

type limitKey struct {
	account, region, category string
}

// limitBucket holds the tokens of one category, refilled continuously at
// the category's rate up to its burst.
type limitBucket struct {
	tokens float64
	last   time.Time
}

func (ls *limitSet) init(enabled bool, latency time.Duration) {
	ls.enabled = enabled
	ls.latency = latency
	ls.buckets = make(map[limitKey]*limitBucket)
}

// delay waits for the configured latency; a client that gives up during it
// does not cancel the call (see the faults' Latency).
func (ls *limitSet) delay(ctx context.Context) {
	ls.mu.Lock()
	d := ls.latency
	ls.mu.Unlock()
	if d <= 0 {
		return
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	}
}

// admit takes a token for op from the bucket of its category in the account
// and region, and reports whether there was one. Operations outside the
// table, and every operation while the limits are off, are admitted.
func (ls *limitSet) admit(account, region, op string, now time.Time) bool {
	cat := ecslimits.ForOperation(op)
	if cat == nil {
		return true
	}
	ls.mu.Lock()
	defer ls.mu.Unlock()
	if !ls.enabled {
		return true
	}
	k := limitKey{account: account, region: region, category: cat.Name}
	b := ls.buckets[k]
	if b == nil {
		b = &limitBucket{tokens: float64(cat.Burst), last: now}
		ls.buckets[k] = b
	} else if d := now.Sub(b.last).Seconds(); d > 0 {
		b.tokens = min(float64(cat.Burst), b.tokens+d*cat.Refill)
		b.last = now
	}
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

// refill fills every bucket.
func (ls *limitSet) refill() {
	ls.mu.Lock()
	defer ls.mu.Unlock()
	clear(ls.buckets)
}

// SetECSLimits switches the enforcement of ECS's documented request
// throttling on or off. The buckets start full each time it is switched on.
func (s *Server) SetECSLimits(enabled bool) {
	s.limits.mu.Lock()
	defer s.limits.mu.Unlock()
	if enabled && !s.limits.enabled {
		clear(s.limits.buckets)
	}
	s.limits.enabled = enabled
}

// ECSLimits reports whether ECS's request throttling is enforced.
func (s *Server) ECSLimits() bool {
	s.limits.mu.Lock()
	defer s.limits.mu.Unlock()
	return s.limits.enabled
}

// SetLatency sets the time added to every protocol call before it is
// handled (and before it is throttled); 0 removes it.
func (s *Server) SetLatency(d time.Duration) {
	s.limits.mu.Lock()
	defer s.limits.mu.Unlock()
	s.limits.latency = max(d, 0)
}

// Latency returns the time added to every protocol call.
func (s *Server) Latency() time.Duration {
	s.limits.mu.Lock()
	defer s.limits.mu.Unlock()
	return s.limits.latency
}
