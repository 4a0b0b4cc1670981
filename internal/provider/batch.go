package provider

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

// noBatchingEnv, set to 1 when the provider is configured, switches read
// batching off: every read is its own Describe call, as with other
// providers (a debugging and benchmarking aid).
const noBatchingEnv = "ECSX_DEBUG_NO_BATCHING"

// batchGather bounds how long the next call waits for reads to gather after
// a call returns, and waveGather how long a read that finds no call in
// flight waits for the rest of its wave. Either wait ends as soon as as many
// reads wait as were outstanding together at the end of the last call (see
// batcher.wave), so with no concurrency nothing waits.
var (
	batchGather = 5 * time.Millisecond
	waveGather  = 3 * time.Millisecond
)

// batchCallLimit caps the time one shared Describe call may take. A call
// runs until the latest deadline of its readers, at most batchCallLimit from
// its start: 5 minutes is above the 3.5 minutes that defaultMaxRetries
// retries of a throttled call take on average, so that a call that is still
// being retried ends by its retries, as an unshared call would, while a hung
// call read by callers without a deadline (a refresh) ends too.
const batchCallLimit = 5 * time.Minute

// batchStall is how long a call may be in flight before the reads that wait
// for the next call go out in a call of their own: a hung or slow call keeps
// only its own readers waiting. Ten seconds is far above the time a call
// takes, paced or not, and short of the backoff of a call retried for long.
const batchStall = 10 * time.Second

// batcher coalesces the reads of one ECS client (one account, region and
// set of credentials) into Describe calls of up to max objects. Reads that
// arrive while a call is in flight wait and go out together in the next
// call.
//
// Terraform works on at most -parallelism resources at once, and the reads
// of a refresh arrive spread out: when a call returns, its readers go on to
// plan their resource and the next resources' reads follow a few
// milliseconds later, while the reads that waited during the call are
// ready. Sending those at once would split every wave of -parallelism reads
// into two calls for good. So the batcher remembers the wave, the number of
// reads outstanding together at the end of the last call (its own reads
// plus those that waited for it), and the next call waits until as many
// reads wait, at most batchGather after a call and waveGather for a read
// that finds no call in flight. A lone read after a wave waits waveGather
// once; after that the wave is one read and nothing waits.
//
// Each call is bounded: it runs until the latest deadline of its readers,
// at most batchCallLimit, and is cancelled when every one of its readers
// has gone. When it is still in flight after stall, the reads waiting for
// the next call do not wait for it: a new loop sends them, and the stalled
// call serves only its own readers.
type batcher[T any] struct {
	max int
	// describe makes one Describe call for ids and returns the function
	// that picks the object of one id from its answer (nil when ECS does
	// not know it), a copy of its own for each caller.
	describe func(ctx context.Context, ids []string) (func(id string) *T, error)
	// what names the call in errors, for example "DescribeClusters".
	what string
	// off sends every read alone, at once (ECSX_DEBUG_NO_BATCHING).
	off bool
	// limit and stall are batchCallLimit and batchStall (shorter in tests).
	limit, stall time.Duration

	mu       sync.Mutex
	inFlight bool // a loop serves the pending reads
	loop     int  // the number of the loop that serves them
	pending  []*batchRead[T]
	wave     int           // reads outstanding together at the end of the last call
	arrived  chan struct{} // signalled when a read is added
}

// batchRead is one read waiting for its batch. The batcher sets v or err
// and closes done.
type batchRead[T any] struct {
	ctx  context.Context
	id   string // name or ARN
	done chan struct{}
	v    *T
	err  error
}

func newBatcher[T any](what string, maxIDs int, off bool, describe func(ctx context.Context, ids []string) (func(id string) *T, error)) *batcher[T] {
	return &batcher[T]{
		max: maxIDs, describe: describe, what: what, off: off,
		limit: batchCallLimit, stall: batchStall,
		wave: 1, arrived: make(chan struct{}, 1),
	}
}

// batcherSlot holds a batcher made on first use.
type batcherSlot[T any] struct {
	once sync.Once
	b    *batcher[T]
}

func (s *batcherSlot[T]) get(mk func() *batcher[T]) *batcher[T] {
	s.once.Do(func() { s.b = mk() })
	return s.b
}

// find returns the object nameOrARN, or nil when ECS does not know it.
func (b *batcher[T]) find(ctx context.Context, nameOrARN string) (*T, error) {
	if b.off {
		pick, err := b.describe(ctx, []string{nameOrARN})
		if err != nil {
			return nil, err
		}
		return pick(nameOrARN), nil
	}
	r := &batchRead[T]{ctx: ctx, id: nameOrARN, done: make(chan struct{})}
	b.mu.Lock()
	b.pending = append(b.pending, r)
	if !b.inFlight {
		b.startLocked()
	}
	b.mu.Unlock()
	select {
	case b.arrived <- struct{}{}:
	default:
	}
	select {
	case <-r.done:
		return r.v, r.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// startLocked starts a new loop for the pending reads. b.mu is held.
func (b *batcher[T]) startLocked() {
	b.inFlight = true
	b.loop++
	go b.run(b.loop)
}

// run sends the pending reads, up to max objects a call, until none is
// left or a newer loop has taken over.
func (b *batcher[T]) run(loop int) {
	limit := waveGather
	for {
		b.gather(limit)
		limit = batchGather
		b.mu.Lock()
		if b.loop != loop {
			b.mu.Unlock()
			return
		}
		batch, ids := b.take()
		if len(batch) == 0 {
			b.inFlight = false
			b.mu.Unlock()
			return
		}
		b.mu.Unlock()
		b.call(loop, batch, ids)
		b.mu.Lock()
		current := b.loop == loop
		if current {
			b.wave = min(len(batch)+len(b.pending), b.max)
		}
		b.mu.Unlock()
		if !current {
			return
		}
	}
}

// call makes one Describe call for batch and hands each read its object.
func (b *batcher[T]) call(loop int, batch []*batchRead[T], ids []string) {
	ctx, cancel, capped := b.callContext(batch)
	defer cancel()
	// The call is cancelled when every one of its readers has gone.
	var left atomic.Int32
	left.Store(int32(len(batch)))
	stops := make([]func() bool, 0, len(batch))
	for _, r := range batch {
		stops = append(stops, context.AfterFunc(r.ctx, func() {
			if left.Add(-1) == 0 {
				cancel()
			}
		}))
	}
	defer func() {
		for _, stop := range stops {
			stop()
		}
	}()
	// A call in flight for longer than stall hands the waiting reads to a
	// new loop.
	stalled := time.AfterFunc(b.stall, func() {
		b.mu.Lock()
		defer b.mu.Unlock()
		if b.loop != loop {
			return
		}
		if len(b.pending) == 0 {
			b.inFlight = false
			b.loop++ // a later read starts a new loop
			return
		}
		b.startLocked()
	})
	defer stalled.Stop()

	pick, err := b.describe(ctx, ids)
	for _, r := range batch {
		switch {
		case err != nil && capped && ctx.Err() != nil:
			r.err = fmt.Errorf("%s shared with other reads gave no answer within %s: %w", b.what, b.limit, err)
		case err != nil:
			r.err = err
		default:
			r.v = pick(r.id)
		}
		close(r.done)
	}
}

// callContext returns the context of a call for batch: the values of its
// first read, and the latest deadline of its reads, at most b.limit from
// now. capped reports that the limit, not a read's deadline, ends the call.
func (b *batcher[T]) callContext(batch []*batchRead[T]) (ctx context.Context, cancel context.CancelFunc, capped bool) {
	limit := time.Now().Add(b.limit)
	var deadline time.Time
	for _, r := range batch {
		d, ok := r.ctx.Deadline()
		if !ok || d.After(limit) {
			deadline, capped = limit, true
			break
		}
		if d.After(deadline) {
			deadline = d
		}
	}
	ctx, cancel = context.WithDeadline(context.WithoutCancel(batch[0].ctx), deadline)
	return ctx, cancel, capped
}

// gather returns when as many reads wait as the last wave had, or after
// limit.
func (b *batcher[T]) gather(limit time.Duration) {
	timer := time.NewTimer(limit)
	defer timer.Stop()
	for {
		b.mu.Lock()
		enough := len(b.pending) >= b.wave
		b.mu.Unlock()
		if enough {
			return
		}
		select {
		case <-b.arrived:
		case <-timer.C:
			return
		}
	}
}

// take removes from pending the reads of at most max distinct objects,
// skipping reads whose caller has gone. b.mu is held.
func (b *batcher[T]) take() ([]*batchRead[T], []string) {
	var batch []*batchRead[T]
	var ids []string
	seen := map[string]bool{}
	rest := b.pending[:0]
	for _, r := range b.pending {
		if r.ctx.Err() != nil {
			continue
		}
		if !seen[r.id] && len(ids) == b.max {
			rest = append(rest, r)
			continue
		}
		if !seen[r.id] {
			seen[r.id] = true
			ids = append(ids, r.id)
		}
		batch = append(batch, r)
	}
	clear(b.pending[len(rest):])
	b.pending = rest
	return batch, ids
}
