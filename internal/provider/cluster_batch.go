package provider

import (
	"context"
	"errors"
	"os"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"
)

// noBatchingEnv, set to 1, switches read batching off: every read is its
// own DescribeClusters call, as with other providers (a debugging and
// benchmarking aid).
const noBatchingEnv = "ECSX_DEBUG_NO_BATCHING"

// maxDescribeClusters is the most clusters one DescribeClusters call takes.
const maxDescribeClusters = 100

// batchGather bounds how long a call waits for reads to gather before it
// goes out. A call goes out at once when as many reads wait as the last
// call carried, so with no concurrency (a last call of one read) nothing
// waits.
var batchGather = 5 * time.Millisecond

// clusterBatcher coalesces the cluster reads of one ECS client (one
// account, region and set of credentials) into DescribeClusters calls of up
// to 100 clusters. Reads that arrive while a call is in flight wait and go
// out together in the next call; a call goes out as soon as as many reads
// wait as the previous call carried, and at the latest after batchGather.
// With no concurrency every read is therefore one call without added
// latency. Terraform starts the reads of a refresh spread out, so with
// -parallelism n a refresh of N clusters takes about 2N/n calls at n = 10
// and 4N/n at n = 50 (TestLimits_refresh300), instead of N.
type clusterBatcher struct {
	client *ecs.Client

	mu       sync.Mutex
	inFlight bool
	pending  []*clusterRead
	last     int           // reads of the last call
	arrived  chan struct{} // signalled when a read is added
}

// clusterRead is one read waiting for its batch.
type clusterRead struct {
	ctx  context.Context
	id   string // name or ARN
	done chan struct{}
	c    *ecstypes.Cluster
	err  error
}

// batchers holds the batcher of each ECS client.
var batchers sync.Map // *ecs.Client -> *clusterBatcher

func batcherOf(client *ecs.Client) *clusterBatcher {
	if v, ok := batchers.Load(client); ok {
		if b, ok := v.(*clusterBatcher); ok {
			return b
		}
	}
	v, _ := batchers.LoadOrStore(client, &clusterBatcher{client: client, last: 1, arrived: make(chan struct{}, 1)})
	b, _ := v.(*clusterBatcher)
	return b
}

// find returns the cluster nameOrARN, or nil when ECS does not know it.
func (b *clusterBatcher) find(ctx context.Context, nameOrARN string) (*ecstypes.Cluster, error) {
	r := &clusterRead{ctx: ctx, id: nameOrARN, done: make(chan struct{})}
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
		return r.c, r.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// run sends the pending reads, up to 100 clusters a call, until none is
// left.
func (b *clusterBatcher) run(ctx context.Context) {
	for {
		b.gather()
		b.mu.Lock()
		batch, ids := b.take()
		if len(batch) == 0 {
			b.inFlight = false
			b.mu.Unlock()
			return
		}
		b.last = min(len(batch), maxDescribeClusters)
		b.mu.Unlock()
		b.describe(ctx, batch, ids)
	}
}

// gather returns when as many reads wait as the last call carried, or
// after batchGather.
func (b *clusterBatcher) gather() {
	timer := time.NewTimer(batchGather)
	defer timer.Stop()
	for {
		b.mu.Lock()
		enough := len(b.pending) >= b.last
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

// take removes from pending the reads of at most 100 distinct clusters,
// skipping reads whose caller has gone. b.mu is held.
func (b *clusterBatcher) take() ([]*clusterRead, []string) {
	var batch []*clusterRead
	var ids []string
	seen := map[string]bool{}
	rest := b.pending[:0]
	for _, r := range b.pending {
		if r.ctx.Err() != nil {
			continue
		}
		if !seen[r.id] && len(ids) == maxDescribeClusters {
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

// describe makes one DescribeClusters call for the batch and hands each
// read its cluster.
func (b *clusterBatcher) describe(ctx context.Context, batch []*clusterRead, ids []string) {
	out, err := b.client.DescribeClusters(ctx, &ecs.DescribeClustersInput{Clusters: ids, Include: allClusterFields})
	var notFound *ecstypes.ClusterNotFoundException
	if errors.As(err, &notFound) && len(ids) > 1 {
		// The whole call was refused for one cluster: ask for each alone.
		for _, r := range batch {
			r.c, r.err = describeOne(r.ctx, b.client, r.id)
			close(r.done)
		}
		return
	}
	for _, r := range batch {
		switch {
		case errors.As(err, &notFound):
		case err != nil:
			r.err = err
		default:
			r.c = matchCluster(out, r.id, len(ids) == 1)
		}
		close(r.done)
	}
}

// describeOne is the unbatched read of one cluster.
func describeOne(ctx context.Context, client *ecs.Client, nameOrARN string) (*ecstypes.Cluster, error) {
	out, err := client.DescribeClusters(ctx, &ecs.DescribeClustersInput{
		Clusters: []string{nameOrARN},
		Include:  allClusterFields,
	})
	var notFound *ecstypes.ClusterNotFoundException
	if errors.As(err, &notFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return matchCluster(out, nameOrARN, true), nil
}

// matchCluster picks the cluster nameOrARN from a DescribeClusters answer.
// alone reports that it was the only cluster asked for: then a single
// cluster without failures is it, whatever spelling ECS answers with.
// Each reader gets its own copy of the cluster; readers of the same
// cluster in one batch share its slices, which nothing modifies.
func matchCluster(out *ecs.DescribeClustersOutput, nameOrARN string, alone bool) *ecstypes.Cluster {
	for i := range out.Clusters {
		c := out.Clusters[i]
		if aws.ToString(c.ClusterArn) == nameOrARN || aws.ToString(c.ClusterName) == nameOrARN {
			return &c
		}
	}
	if alone && len(out.Clusters) == 1 && len(out.Failures) == 0 {
		c := out.Clusters[0]
		return &c
	}
	return nil
}

// batchingEnabled reports whether reads are batched.
func batchingEnabled() bool {
	return os.Getenv(noBatchingEnv) != "1"
}
