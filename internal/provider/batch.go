package provider

import (
	"context"
	"os"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/ecs"
)

// noBatchingEnv, set to 1, switches read batching off: every read is its
// own DescribeClusters call, as with other providers (a debugging and
// benchmarking aid).
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
type batcher[T any] struct {
	max  int
	send func(ctx context.Context, batch []*batchRead[T], ids []string)

	mu       sync.Mutex
	inFlight bool
	pending  []*batchRead[T]
	wave     int           // reads outstanding together at the end of the last call
	arrived  chan struct{} // signalled when a read is added
}

// batchRead is one read waiting for its batch. send sets v or err and
// closes done.
type batchRead[T any] struct {
	ctx  context.Context
	id   string // name or ARN
	done chan struct{}
	v    *T
	err  error
}

func newBatcher[T any](maxIDs int, send func(ctx context.Context, batch []*batchRead[T], ids []string)) *batcher[T] {
	return &batcher[T]{max: maxIDs, send: send, wave: 1, arrived: make(chan struct{}, 1)}
}

func loadBatcher[T any](m *sync.Map, client *ecs.Client, mk func() *batcher[T]) *batcher[T] {
	if v, ok := m.Load(client); ok {
		if b, ok := v.(*batcher[T]); ok {
			return b
		}
	}
	v, _ := m.LoadOrStore(client, mk())
	b, _ := v.(*batcher[T])
	return b
}

// find returns the object nameOrARN, or nil when ECS does not know it.
func (b *batcher[T]) find(ctx context.Context, nameOrARN string) (*T, error) {
	r := &batchRead[T]{ctx: ctx, id: nameOrARN, done: make(chan struct{})}
	b.mu.Lock()
	b.pending = append(b.pending, r)
	start := !b.inFlight
	b.inFlight = true
	b.mu.Unlock()
	select {
	case b.arrived <- struct{}{}:
	default:
	}
	if start {
		// The loop runs apart from this read: it serves every read that
		// arrives while it runs, and a cancelled caller must not stop it.
		go b.run(context.WithoutCancel(ctx))
	}
	select {
	case <-r.done:
		return r.v, r.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// run sends the pending reads, up to max objects a call, until none is
// left.
func (b *batcher[T]) run(ctx context.Context) {
	limit := waveGather
	for {
		b.gather(limit)
		limit = batchGather
		b.mu.Lock()
		batch, ids := b.take()
		if len(batch) == 0 {
			b.inFlight = false
			b.mu.Unlock()
			return
		}
		b.mu.Unlock()
		b.send(ctx, batch, ids)
		b.mu.Lock()
		b.wave = min(len(batch)+len(b.pending), b.max)
		b.mu.Unlock()
	}
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

// batchingEnabled reports whether reads are batched.
func batchingEnabled() bool {
	return os.Getenv(noBatchingEnv) != "1"
}
