package acctest

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
)

// CheckClustersDestroyed returns a CheckDestroy function that fails when a
// cluster of the state is still anything but INACTIVE or unknown.
func (e *Env) CheckClustersDestroyed() resource.TestCheckFunc {
	return CheckClustersDestroyedWith(e.ECS())
}

// CheckClustersDestroyedWith is CheckClustersDestroyed with the clusters
// described by client, for clusters of another account or region.
func CheckClustersDestroyedWith(client *ecs.Client) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		for _, rs := range s.RootModule().Resources {
			if rs.Type != "ecsx_cluster" {
				continue
			}
			id := rs.Primary.ID
			out, err := client.DescribeClusters(context.Background(), &ecs.DescribeClustersInput{Clusters: []string{id}})
			if err != nil {
				return fmt.Errorf("describing cluster %s: %w", id, err)
			}
			for _, c := range out.Clusters {
				if status := aws.ToString(c.Status); status != "INACTIVE" {
					return fmt.Errorf("cluster %s still exists with status %s", id, status)
				}
			}
		}
		return nil
	}
}

// DeleteCluster deletes a cluster out of band, as another tool would.
func (e *Env) DeleteCluster(name string) error {
	_, err := e.ECS().DeleteCluster(context.Background(), &ecs.DeleteClusterInput{Cluster: aws.String(name)})
	return err
}

// CreateCluster creates a cluster out of band, as another tool would.
func (e *Env) CreateCluster(name string) error {
	_, err := e.ECS().CreateCluster(context.Background(), &ecs.CreateClusterInput{ClusterName: aws.String(name)})
	return err
}

// ClusterARN returns the ARN of a cluster given by name.
func (e *Env) ClusterARN(name string) (string, error) {
	out, err := e.ECS().DescribeClusters(context.Background(), &ecs.DescribeClustersInput{Clusters: []string{name}})
	if err != nil {
		return "", err
	}
	if len(out.Clusters) != 1 {
		return "", fmt.Errorf("cluster %s not found", name)
	}
	return aws.ToString(out.Clusters[0].ClusterArn), nil
}
