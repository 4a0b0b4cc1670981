package sandbox

import (
	"context"
	"maps"
	"math/rand/v2"
	"strings"
	"sync"
	"time"
)

// Fault describes the failures injected into one operation (or every
// operation, see SetFault).
type Fault struct {
	RateLimit       float64       // requests per second for a token bucket; 0 = no throttling
	Burst           int           // token bucket size
	ErrorRate       float64       // probability 0..1 of a 500 ServerException (before the change is applied)
	Latency         time.Duration // added before handling
	LatencyCalls    int           // when above 0, Latency is added to the next N calls only
	DropAfterApply  int           // the next N calls are applied, then their connection is dropped without a response
	DropBeforeApply int           // the next N calls are dropped without a response and without being applied
	ErrorAfterApply int           // the next N calls are applied, then answered with a 500 ServerException

	// Error, when set, answers every call with this modeled error (for
	// example "AccessDeniedException", HTTP 403, or
	// "UnsupportedFeatureException") before the change is applied.
	Error string
}

// Stats are the request counters.
type Stats struct {
	Calls     map[string]int // per operation, every request received (including throttled/failed ones), admin calls excluded; STS actions as "sts:AssumeRole"
	Throttled int            // ThrottlingException answers, of the faults' buckets and of the ECS limits
	// ThrottledCalls counts the ThrottlingException answers per operation.
	ThrottledCalls map[string]int
	Failed         int // injected 500s, before or after the change is applied
	Dropped        int
}

// faultState is a configured fault with its token bucket.
type faultState struct {
	Fault
	tokens float64
	last   time.Time
}

type faultSet struct {
	mu     sync.Mutex
	byOp   map[string]*faultState // "" applies to every operation
	stats  Stats
	random func() float64
	// after holds the hooks of AfterNextCall, by operation.
	after map[string]func()
}

func (fs *faultSet) init() {
	fs.byOp = make(map[string]*faultState)
	fs.stats.Calls = make(map[string]int)
	fs.stats.ThrottledCalls = make(map[string]int)
	fs.random = rand.Float64
	fs.after = make(map[string]func())
}

// throttled counts a ThrottlingException answer to op.
func (fs *faultSet) throttled(op string) {
	fs.mu.Lock()
	fs.stats.Throttled++
	fs.stats.ThrottledCalls[op]++
	fs.mu.Unlock()
}

func (fs *faultSet) count(op string) {
	fs.mu.Lock()
	fs.stats.Calls[op]++
	fs.mu.Unlock()
}

// dropTicket tells the server whether to drop the connection or fail the
// call after applying it, and when.
type dropTicket int

const (
	noDrop     dropTicket = iota
	dropBefore            // drop without applying the change
	dropAfter             // apply the change, then drop
	errorAfter            // apply the change, then answer ServerException
)

// before applies the faults of op, in order: latency, throttling, injected
// server errors. The faults for "" apply first, then those of op itself.
func (fs *faultSet) before(ctx context.Context, op string, now func() time.Time) (dropTicket, *apiError) {
	fs.mu.Lock()
	var states []*faultState
	for _, k := range []string{"", op} {
		if f := fs.byOp[k]; f != nil {
			states = append(states, f)
		}
	}
	var latency time.Duration
	for _, f := range states {
		latency += f.Latency
		if f.Latency > 0 && f.LatencyCalls > 0 {
			if f.LatencyCalls--; f.LatencyCalls == 0 {
				f.Latency = 0
			}
		}
	}
	fs.mu.Unlock()
	if len(states) == 0 {
		return noDrop, nil
	}

	if latency > 0 {
		t := time.NewTimer(latency)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
		}
	}

	fs.mu.Lock()
	defer fs.mu.Unlock()
	t := now()
	for _, f := range states {
		if f.RateLimit > 0 && !f.take(t) {
			fs.stats.Throttled++
			fs.stats.ThrottledCalls[op]++
			return noDrop, errorf("ThrottlingException", "Rate exceeded")
		}
	}
	for _, f := range states {
		if f.ErrorRate > 0 && fs.random() < f.ErrorRate {
			fs.stats.Failed++
			return noDrop, serverError()
		}
	}
	for _, f := range states {
		if f.Error != "" {
			return noDrop, errorf(f.Error, "%s injected by the sandbox.", f.Error)
		}
	}
	for _, f := range states {
		if f.DropBeforeApply > 0 {
			f.DropBeforeApply--
			fs.stats.Dropped++
			return dropBefore, nil
		}
	}
	for _, f := range states {
		if f.DropAfterApply > 0 {
			f.DropAfterApply--
			fs.stats.Dropped++
			return dropAfter, nil
		}
	}
	for _, f := range states {
		if f.ErrorAfterApply > 0 {
			f.ErrorAfterApply--
			fs.stats.Failed++
			return errorAfter, nil
		}
	}
	return noDrop, nil
}

// serverError is the injected HTTP 500, before or after the change is
// applied.
func serverError() *apiError {
	return errorf("ServerException", "Service unavailable. Please try again later.")
}

// take removes one token from the bucket, refilled at RateLimit per second up
// to Burst.
func (f *faultState) take(now time.Time) bool {
	burst := float64(f.Burst)
	if burst < 1 {
		burst = 1
	}
	if f.last.IsZero() {
		f.tokens = burst
	} else if d := now.Sub(f.last).Seconds(); d > 0 {
		f.tokens = min(burst, f.tokens+d*f.RateLimit)
	}
	f.last = now
	if f.tokens >= 1 {
		f.tokens--
		return true
	}
	return false
}

// SetFault configures the faults of an operation, named like
// "CreateCluster"; "" configures faults for every operation. A zero Fault
// removes the configuration.
func (s *Server) SetFault(operation string, f Fault) {
	s.faults.mu.Lock()
	defer s.faults.mu.Unlock()
	if f == (Fault{}) {
		delete(s.faults.byOp, operation)
		return
	}
	s.faults.byOp[operation] = &faultState{Fault: f}
}

// ClearFaults removes every configured fault and every hook of
// AfterNextCall that has not run.
func (s *Server) ClearFaults() {
	s.faults.mu.Lock()
	defer s.faults.mu.Unlock()
	clear(s.faults.byOp)
	clear(s.faults.after)
}

// Stats returns a copy of the counters.
func (s *Server) Stats() Stats {
	s.faults.mu.Lock()
	defer s.faults.mu.Unlock()
	st := s.faults.stats
	st.Calls = maps.Clone(st.Calls)
	st.ThrottledCalls = maps.Clone(st.ThrottledCalls)
	return st
}

// TotalCalls returns the number of protocol requests received, ECS and STS
// (see ECSCalls).
func (s *Server) TotalCalls() int {
	s.faults.mu.Lock()
	defer s.faults.mu.Unlock()
	n := 0
	for _, c := range s.faults.stats.Calls {
		n += c
	}
	return n
}

// ECSCalls returns the number of ECS protocol requests received: the calls
// of Stats.Calls without the STS actions (keys starting with STSCallPrefix).
func (s *Server) ECSCalls() int {
	s.faults.mu.Lock()
	defer s.faults.mu.Unlock()
	n := 0
	for op, c := range s.faults.stats.Calls {
		if !strings.HasPrefix(op, STSCallPrefix) {
			n += c
		}
	}
	return n
}

// ResetStats sets every counter to zero.
func (s *Server) ResetStats() {
	s.faults.mu.Lock()
	defer s.faults.mu.Unlock()
	s.faults.stats = Stats{Calls: make(map[string]int), ThrottledCalls: make(map[string]int)}
}
