package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"
)

// usersShown is how many users of capacity providers an error names; the
// rest are counted.
const usersShown = 20

// providersInUseDetail explains a ResourceInUseException of
// PutClusterCapacityProviders, when ECS refuses to remove capacity providers
// (removed) from a cluster: it names the services and tasks of the cluster
// that use them, looked up after the refusal (ListServices, DescribeServices,
// ListTasks, DescribeTasks), and what to do. If the lookup fails, it says
// so and gives the advice alone.
func providersInUseDetail(ctx context.Context, client *ecsClient, cluster string, removed []string) string {
	advice := "Move them to another capacity provider first (their capacity provider strategy), or stop them, then apply again."
	head := fmt.Sprintf("ECS refuses to remove capacity providers %s from cluster %s while services or tasks use them.", strings.Join(removed, ", "), cluster)
	users, err := providerUsers(ctx, client, cluster, removed)
	switch {
	case err != nil:
		return fmt.Sprintf("%s (Looking up the services and tasks that use them failed: %v.) %s", head, err, advice)
	case len(users) == 0:
		return head + " No service or task that uses them was found: they may have just stopped; apply again."
	}
	shown := users
	more := ""
	if len(users) > usersShown {
		shown, more = users[:usersShown], fmt.Sprintf(", and %d more", len(users)-usersShown)
	}
	return fmt.Sprintf("%s In use by: %s%s.\n\n%s", head, strings.Join(shown, ", "), more, advice)
}

// providerUsers lists the services of cluster whose capacity provider
// strategy names one of providers (or that have neither a strategy nor a
// launch type while the cluster's default strategy names one), then the
// running tasks placed on one of them that belong to no listed service.
func providerUsers(ctx context.Context, client *ecsClient, cluster string, providers []string) ([]string, error) {
	out, err := client.DescribeClusters(ctx, &ecs.DescribeClustersInput{Clusters: []string{cluster}})
	if err != nil {
		return nil, err
	}
	var defaults []ecstypes.CapacityProviderStrategyItem
	if len(out.Clusters) == 1 {
		defaults = out.Clusters[0].DefaultCapacityProviderStrategy
	}
	names := func(items []ecstypes.CapacityProviderStrategyItem) bool {
		return slices.ContainsFunc(items, func(it ecstypes.CapacityProviderStrategyItem) bool {
			return slices.Contains(providers, aws.ToString(it.CapacityProvider))
		})
	}
	var users, services []string
	err = eachService(ctx, client, cluster, func(s ecstypes.Service) {
		own := s.CapacityProviderStrategy
		if names(own) || (len(own) == 0 && s.LaunchType == "" && names(defaults)) {
			services = append(services, aws.ToString(s.ServiceName))
			users = append(users, "service "+aws.ToString(s.ServiceName))
		}
	})
	if err != nil {
		return nil, err
	}
	tasks, err := tasksOnProviders(ctx, client, cluster, providers, services)
	return append(users, tasks...), err
}

// tasksOnProviders lists the running tasks of cluster placed on one of
// providers, except those of the given services.
func tasksOnProviders(ctx context.Context, client *ecsClient, cluster string, providers, services []string) ([]string, error) {
	var users []string
	err := eachRunningTask(ctx, client, cluster, func(t ecstypes.Task) {
		service, ofService := strings.CutPrefix(aws.ToString(t.Group), "service:")
		if !slices.Contains(providers, aws.ToString(t.CapacityProviderName)) || (ofService && slices.Contains(services, service)) {
			return
		}
		arn := aws.ToString(t.TaskArn)
		users = append(users, fmt.Sprintf("task %s (on %s)", arn[strings.LastIndex(arn, "/")+1:], aws.ToString(t.CapacityProviderName)))
	})
	return users, err
}

// putProvidersErrorDiagnostic is the diagnostic of a failed
// PutClusterCapacityProviders that was to remove the providers removed from
// cluster: when ECS refused because they are in use, it names their users.
func putProvidersErrorDiagnostic(ctx context.Context, client *ecsClient, cluster, action string, err error, removed []string) (string, string) {
	summary, detail := apiErrorDiagnostic(action, err)
	if errorCodeIs(err, "ResourceInUseException", "") && len(removed) > 0 {
		detail += "\n\n" + providersInUseDetail(ctx, client, cluster, removed)
	}
	return summary, detail
}

// removedProviders returns the providers of prior that next leaves out.
func removedProviders(prior, next []string) []string {
	var out []string
	for _, p := range prior {
		if !slices.Contains(next, p) {
			out = append(out, p)
		}
	}
	return out
}
