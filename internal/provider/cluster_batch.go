package provider

import (
	"context"
	"errors"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"
)

// maxDescribeClusters is the most clusters one DescribeClusters call takes.
const maxDescribeClusters = 100

// batchers holds the cluster batcher of each ECS client.
var batchers sync.Map // *ecs.Client -> *batcher[ecstypes.Cluster]

func batcherOf(client *ecs.Client) *batcher[ecstypes.Cluster] {
	return loadBatcher(&batchers, client, func() *batcher[ecstypes.Cluster] {
		return newBatcher(maxDescribeClusters, func(ctx context.Context, batch []*batchRead[ecstypes.Cluster], ids []string) {
			describeClusterBatch(ctx, client, batch, ids)
		})
	})
}

// describeClusterBatch makes one DescribeClusters call for the batch and
// hands each read its cluster.
func describeClusterBatch(ctx context.Context, client *ecs.Client, batch []*batchRead[ecstypes.Cluster], ids []string) {
	out, err := client.DescribeClusters(ctx, &ecs.DescribeClustersInput{Clusters: ids, Include: allClusterFields})
	var notFound *ecstypes.ClusterNotFoundException
	if errors.As(err, &notFound) && len(ids) > 1 {
		// The whole call was refused for one cluster: ask for each alone.
		for _, r := range batch {
			r.v, r.err = describeOne(r.ctx, client, r.id)
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
			r.v = matchCluster(out, r.id, len(ids) == 1)
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
