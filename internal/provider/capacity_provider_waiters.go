package provider

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
)

// maxProvidersPerPage is the most capacity providers one
// DescribeCapacityProviders answer holds (its maxResults is 1-10), so the
// most that one batched call asks for.
const maxProvidersPerPage = 10

// findCapacityProvider describes one capacity provider, given by name or
// ARN, with its tags. It returns nil and no error when ECS does not know it;
// INACTIVE providers are returned as they are. Concurrent reads through the
// same client share DescribeCapacityProviders calls, as cluster reads do.
func findCapacityProvider(ctx context.Context, client *ecsClient, nameOrARN string) (*ecstypes.CapacityProvider, error) {
	return providerBatcher(client).find(ctx, nameOrARN)
}

// providerBatcher returns the batcher of the capacity provider reads of
// client.
func providerBatcher(client *ecsClient) *batcher[ecstypes.CapacityProvider] {
	return client.providers.get(func() *batcher[ecstypes.CapacityProvider] {
		return newBatcher("DescribeCapacityProviders", maxProvidersPerPage, !client.batching,
			func(ctx context.Context, ids []string) (func(string) *ecstypes.CapacityProvider, error) {
				out, err := describeProviders(ctx, client.Client, ids)
				if err != nil {
					return nil, err
				}
				return func(nameOrARN string) *ecstypes.CapacityProvider { return matchProvider(out, nameOrARN) }, nil
			})
	})
}

// describeProviders describes up to 10 capacity providers with their tags.
func describeProviders(ctx context.Context, client *ecs.Client, ids []string) (*ecs.DescribeCapacityProvidersOutput, error) {
	return client.DescribeCapacityProviders(ctx, &ecs.DescribeCapacityProvidersInput{
		CapacityProviders: ids,
		Include:           []ecstypes.CapacityProviderField{ecstypes.CapacityProviderFieldTags},
		MaxResults:        aws.Int32(maxProvidersPerPage),
	})
}

// matchProvider picks the provider nameOrARN from an answer, as a copy of
// its own.
func matchProvider(out *ecs.DescribeCapacityProvidersOutput, nameOrARN string) *ecstypes.CapacityProvider {
	for i := range out.CapacityProviders {
		p := out.CapacityProviders[i]
		if aws.ToString(p.Name) == nameOrARN || aws.ToString(p.CapacityProviderArn) == nameOrARN {
			return &p
		}
	}
	return nil
}

// findLiveCapacityProvider is findCapacityProvider with INACTIVE providers
// treated as missing.
func findLiveCapacityProvider(ctx context.Context, client *ecsClient, nameOrARN string) (*ecstypes.CapacityProvider, error) {
	p, err := findCapacityProvider(ctx, client, nameOrARN)
	if err != nil || p == nil || p.Status == ecstypes.CapacityProviderStatusInactive {
		return nil, err
	}
	return p, nil
}

// reasonOf formats a capacity provider's updateStatusReason for a message.
func reasonOf(p *ecstypes.CapacityProvider) string {
	if r := strings.TrimSuffix(aws.ToString(p.UpdateStatusReason), "."); r != "" {
		return ": " + r
	}
	return ""
}

// capacityProviderCreated reports whether a new capacity provider is ACTIVE,
// or failed to be created (with an error giving ECS's reason).
func capacityProviderCreated(p *ecstypes.CapacityProvider) (bool, error) {
	if p.UpdateStatus == ecstypes.CapacityProviderUpdateStatusCreateFailed {
		return true, fmt.Errorf("capacity provider %s is %s%s", aws.ToString(p.Name), p.UpdateStatus, reasonOf(p))
	}
	switch p.Status {
	case ecstypes.CapacityProviderStatusActive:
		return true, nil
	case ecstypes.CapacityProviderStatusProvisioning:
		return false, nil
	}
	return true, fmt.Errorf("capacity provider %s is %s while ACTIVE was expected%s", aws.ToString(p.Name), p.Status, reasonOf(p))
}

// capacityProviderUpdated reports whether an update of a capacity provider
// completed, or failed (with an error giving ECS's reason).
func capacityProviderUpdated(p *ecstypes.CapacityProvider) (bool, error) {
	switch p.UpdateStatus {
	case ecstypes.CapacityProviderUpdateStatusUpdateInProgress:
		return false, nil
	case ecstypes.CapacityProviderUpdateStatusUpdateFailed:
		return true, fmt.Errorf("the update of capacity provider %s is %s%s", aws.ToString(p.Name), p.UpdateStatus, reasonOf(p))
	}
	return true, nil
}

// waitCapacityProvider polls a capacity provider until done says so, and
// returns its last description.
func waitCapacityProvider(ctx context.Context, client *ecsClient, nameOrARN, what string, done func(*ecstypes.CapacityProvider) (bool, error)) (*ecstypes.CapacityProvider, error) {
	b := backoff{next: pollFirstWait, max: pollMaxWait}
	var last *ecstypes.CapacityProvider
	for {
		if err := b.wait(ctx); err != nil {
			if last != nil {
				return last, waitEnded(ctx, fmt.Errorf("capacity provider %s is still %s (update status %s) while waiting %s",
					aws.ToString(last.Name), last.Status, orNone(string(last.UpdateStatus)), what))
			}
			return nil, waitEnded(ctx, err)
		}
		p, err := findCapacityProvider(ctx, client, nameOrARN)
		if err != nil {
			return last, err
		}
		if p == nil {
			return last, fmt.Errorf("capacity provider %s disappeared while waiting %s", nameOrARN, what)
		}
		last = p
		if ok, err := done(p); ok || err != nil {
			return p, err
		}
	}
}

// deleteFailedError is a capacity provider deletion that ECS refused with
// DELETE_FAILED, most often because a cluster still uses the provider.
type deleteFailedError struct {
	name, reason string
}

func (e *deleteFailedError) Error() string {
	return fmt.Sprintf("ECS refused to delete capacity provider %s (DELETE_FAILED): %s", e.name, strings.TrimSuffix(e.reason, "."))
}

// waitCapacityProviderDeleted polls until the capacity provider is INACTIVE
// or unknown. A DELETE_FAILED status ends the wait at once.
func waitCapacityProviderDeleted(ctx context.Context, client *ecsClient, nameOrARN string) error {
	b := backoff{next: pollFirstWait, max: pollMaxWait}
	for {
		if err := b.wait(ctx); err != nil {
			return waitEnded(ctx, fmt.Errorf("capacity provider %s was still being deleted", nameOrARN))
		}
		p, err := findLiveCapacityProvider(ctx, client, nameOrARN)
		if err != nil {
			return err
		}
		if p == nil {
			return nil
		}
		if p.UpdateStatus == ecstypes.CapacityProviderUpdateStatusDeleteFailed {
			return &deleteFailedError{name: aws.ToString(p.Name), reason: orNone(aws.ToString(p.UpdateStatusReason))}
		}
	}
}

// isCapacityProviderBusy matches UpdateCapacityProvider errors that clear by
// themselves: the provider is still being created or has another update in
// progress.
func isCapacityProviderBusy(err error) bool {
	return errorCodeIs(err, "ClientException", "update in progress") ||
		errorCodeIs(err, "ClientException", "is being created") ||
		errorCodeIs(err, "UpdateInProgressException", "")
}

// isCapacityProviderMissing matches the ClientException ECS answers for a
// capacity provider it does not know.
func isCapacityProviderMissing(err error) bool {
	return errorCodeIs(err, "ClientException", "does not exist")
}

// waitProvidersUsable waits until every capacity provider of providers
// other than FARGATE, FARGATE_SPOT and those of prior (already associated,
// so usable) is ACTIVE, so that associating them does not fail while one is
// still PROVISIONING. It reports false, with an error naming
// capacity_providers, when one is not usable.
func waitProvidersUsable(ctx context.Context, client *ecsClient, cluster string, providers, prior []string, diags *diag.Diagnostics) (scoped []string, ok bool) {
	for _, name := range providers {
		if name == "FARGATE" || name == "FARGATE_SPOT" || slices.Contains(prior, name) {
			continue
		}
		p, err := waitProviderUsable(ctx, client, name)
		if err == nil && isScopedProvider(p) {
			if owner := clusterNameOf(aws.ToString(p.Cluster)); owner != cluster {
				err = fmt.Errorf("it is a Managed Instances capacity provider of cluster %q, and such a provider can only be used in the cluster it was created in", owner)
			} else {
				scoped = append(scoped, name)
			}
		}
		if err != nil {
			diags.AddAttributeError(path.Root("capacity_providers"), "Capacity provider is not usable",
				fmt.Sprintf("Capacity provider %q cannot be associated with cluster %q: %s.", name, cluster, err))
			return nil, false
		}
	}
	return scoped, true
}

// waitProviderUsable waits until a capacity provider is ACTIVE, and fails
// when it does not exist, failed to be created or is being deleted.
func waitProviderUsable(ctx context.Context, client *ecsClient, name string) (*ecstypes.CapacityProvider, error) {
	p, err := findLiveCapacityProvider(ctx, client, name)
	switch {
	case err != nil:
		return nil, err
	case p == nil:
		return nil, errors.New("it does not exist")
	case p.UpdateStatus == ecstypes.CapacityProviderUpdateStatusDeleteInProgress:
		return nil, errors.New("it is being deleted")
	}
	if done, err := capacityProviderCreated(p); done || err != nil {
		return p, err
	}
	return waitCapacityProvider(ctx, client, name, "for it to become ACTIVE", capacityProviderCreated)
}
