package provider

import (
	"context"
	"fmt"
	"slices"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"
)

// Page sizes of the listings of a cluster's workloads: the most ARNs that
// ListServices, ListTasks and ListContainerInstances return per call, and
// the most that DescribeServices and DescribeTasks take.
const (
	workloadPageSize     = 100
	describeServicesPage = 10
	describeTasksPage    = 100
)

// listError is a failed listing of a cluster's workloads; step says what
// was listed ("list the services of cluster web").
type listError struct {
	step string
	err  error
}

func (e *listError) Error() string { return fmt.Sprintf("could not %s: %v", e.step, e.err) }
func (e *listError) Unwrap() error { return e.err }

// eachServicePage calls visit with each page of the cluster's service ARNs.
// A failed List call is a *listError; visit's errors are returned as they
// are.
func eachServicePage(ctx context.Context, client *ecsClient, cluster string, visit func([]string) error) error {
	pages := ecs.NewListServicesPaginator(client, &ecs.ListServicesInput{
		Cluster: aws.String(cluster), MaxResults: aws.Int32(workloadPageSize),
	})
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err != nil {
			return &listError{step: "list the services of cluster " + cluster, err: err}
		}
		if err := visit(page.ServiceArns); err != nil {
			return err
		}
	}
	return nil
}

// eachTaskPage is eachServicePage for the tasks whose desired status is
// RUNNING.
func eachTaskPage(ctx context.Context, client *ecsClient, cluster string, visit func([]string) error) error {
	pages := ecs.NewListTasksPaginator(client, &ecs.ListTasksInput{
		Cluster: aws.String(cluster), DesiredStatus: ecstypes.DesiredStatusRunning, MaxResults: aws.Int32(workloadPageSize),
	})
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err != nil {
			return &listError{step: "list the tasks of cluster " + cluster, err: err}
		}
		if err := visit(page.TaskArns); err != nil {
			return err
		}
	}
	return nil
}

// eachInstancePage is eachServicePage for the container instances.
func eachInstancePage(ctx context.Context, client *ecsClient, cluster string, visit func([]string) error) error {
	pages := ecs.NewListContainerInstancesPaginator(client, &ecs.ListContainerInstancesInput{
		Cluster: aws.String(cluster), MaxResults: aws.Int32(workloadPageSize),
	})
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err != nil {
			return &listError{step: "list the container instances of cluster " + cluster, err: err}
		}
		if err := visit(page.ContainerInstanceArns); err != nil {
			return err
		}
	}
	return nil
}

// eachService calls visit with every service of the cluster, described
// (ListServices, then DescribeServices per 10).
func eachService(ctx context.Context, client *ecsClient, cluster string, visit func(ecstypes.Service)) error {
	return eachServicePage(ctx, client, cluster, func(arns []string) error {
		for batch := range slices.Chunk(arns, describeServicesPage) {
			out, err := client.DescribeServices(ctx, &ecs.DescribeServicesInput{Cluster: aws.String(cluster), Services: batch})
			if err != nil {
				return err
			}
			for _, s := range out.Services {
				visit(s)
			}
		}
		return nil
	})
}

// eachRunningTask calls visit with every task of the cluster whose desired
// status is RUNNING, described (ListTasks, then DescribeTasks per page).
func eachRunningTask(ctx context.Context, client *ecsClient, cluster string, visit func(ecstypes.Task)) error {
	return eachTaskPage(ctx, client, cluster, func(arns []string) error {
		for batch := range slices.Chunk(arns, describeTasksPage) {
			out, err := client.DescribeTasks(ctx, &ecs.DescribeTasksInput{Cluster: aws.String(cluster), Tasks: batch})
			if err != nil {
				return err
			}
			for _, t := range out.Tasks {
				visit(t)
			}
		}
		return nil
	})
}
