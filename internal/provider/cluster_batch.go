package provider

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"
)

// maxDescribeClusters is the most clusters one DescribeClusters call takes.
const maxDescribeClusters = 100

// clusterBatcher returns the batcher of the cluster reads of client.
func clusterBatcher(client *ecsClient) *batcher[ecstypes.Cluster] {
	return client.clusters.get(func() *batcher[ecstypes.Cluster] {
		return newBatcher("DescribeClusters", maxDescribeClusters, !client.batching,
			func(ctx context.Context, ids []string) (func(string) *ecstypes.Cluster, error) {
				return describeClusterBatch(ctx, client.Client, ids)
			})
	})
}

// describeClusterBatch makes one DescribeClusters call for ids, with every
// include, and returns the function that picks one cluster of its answer.
// ECS reports the clusters it does not know as MISSING failures, never as
// ClusterNotFoundException.
func describeClusterBatch(ctx context.Context, client *ecs.Client, ids []string) (func(string) *ecstypes.Cluster, error) {
	out, err := client.DescribeClusters(ctx, &ecs.DescribeClustersInput{Clusters: ids, Include: allClusterFields})
	if err != nil {
		return nil, err
	}
	alone := len(ids) == 1
	return func(nameOrARN string) *ecstypes.Cluster { return matchCluster(out, nameOrARN, alone) }, nil
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
