package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"
	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// Managed Instances capacity providers belong to the cluster they were
// created in. ECS lists them among the cluster's capacityProviders, but
// refuses them in PutClusterCapacityProviders ("Cannot associate Managed
// Instances capacity provider to clusters using this API", and the API
// reference of PutClusterCapacityProviders: "Amazon ECS Managed Instances
// doesn't support this"). They can be named in a default strategy, since
// they are associated with their cluster (CapacityProviderStrategyItem).
//
// So capacity_providers may name them (which lets the strategy refer to
// them) but they are never sent to Put; when capacity_providers does not
// name them, reading ignores them, so that they never show as a change.
// The names of capacity_providers that are such providers are kept in the
// resource's private state, so that later updates need not look them up.

// privateScopedKey is the private state key of those names.
const privateScopedKey = "scoped_capacity_providers"

// privateGetter and privateSetter are the private state methods of the
// framework's requests and responses.
type (
	privateGetter interface {
		GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
	}
	privateSetter interface {
		SetKey(ctx context.Context, key string, value []byte) diag.Diagnostics
	}
)

// scopedFromPrivate returns the recorded names; none when there is no
// private state (a resource created before, or imported).
func scopedFromPrivate(ctx context.Context, p privateGetter) []string {
	if p == nil {
		return nil
	}
	raw, diags := p.GetKey(ctx, privateScopedKey)
	if diags.HasError() || len(raw) == 0 {
		return nil
	}
	var names []string
	if json.Unmarshal(raw, &names) != nil {
		return nil
	}
	return names
}

// recordScoped stores the names of providers that are scoped ones.
func recordScoped(ctx context.Context, p privateSetter, providers, scoped []string) diag.Diagnostics {
	var keep []string
	for _, n := range providers {
		if slices.Contains(scoped, n) {
			keep = append(keep, n)
		}
	}
	if len(keep) == 0 {
		return p.SetKey(ctx, privateScopedKey, nil)
	}
	raw, err := json.Marshal(keep)
	if err != nil {
		return nil
	}
	return p.SetKey(ctx, privateScopedKey, raw)
}

// withoutScoped returns providers without the scoped ones: what
// PutClusterCapacityProviders takes.
func withoutScoped(providers, scoped []string) []string {
	out := make([]string, 0, len(providers))
	for _, n := range providers {
		if !slices.Contains(scoped, n) {
			out = append(out, n)
		}
	}
	return out
}

// isScopedProvider reports whether a capacity provider belongs to a
// cluster (a Managed Instances provider).
func isScopedProvider(p *ecstypes.CapacityProvider) bool {
	return p.Type == ecstypes.CapacityProviderTypeManagedInstances || p.ManagedInstancesProvider != nil
}

// dropUnlistedScoped returns the cluster's reported capacity providers
// without the scoped ones that known does not name. Reported names that
// known names, FARGATE and FARGATE_SPOT need no lookup; the others are
// looked up (DescribeCapacityProviders, 10 a page), so a cluster without
// such names costs no call.
func dropUnlistedScoped(ctx context.Context, client *ecsClient, reported, known []string) ([]string, error) {
	var unknown []string
	for _, n := range reported {
		if n != "FARGATE" && n != "FARGATE_SPOT" && !slices.Contains(known, n) {
			unknown = append(unknown, n)
		}
	}
	if len(unknown) == 0 {
		return reported, nil
	}
	scoped := map[string]bool{}
	for batch := range slices.Chunk(unknown, maxDescribeClusters) {
		in := &ecs.DescribeCapacityProvidersInput{CapacityProviders: batch}
		for {
			out, err := client.DescribeCapacityProviders(ctx, in)
			if err != nil {
				return nil, err
			}
			for i := range out.CapacityProviders {
				if p := &out.CapacityProviders[i]; isScopedProvider(p) {
					scoped[aws.ToString(p.Name)] = true
				}
			}
			if aws.ToString(out.NextToken) == "" {
				break
			}
			in.NextToken = out.NextToken
		}
	}
	out := make([]string, 0, len(reported))
	for _, n := range reported {
		if !scoped[n] {
			out = append(out, n)
		}
	}
	return out, nil
}

// isScopedProviderBlock matches the DeleteCluster error of a cluster that
// still has Managed Instances providers: ClientException as observed, or
// ClusterContainsCapacityProviderException as the model has it.
func isScopedProviderBlock(err error) bool {
	return errorCodeIs(err, "ClientException", "Cluster Scoped Capacity Providers") ||
		errorCodeIs(err, "ClusterContainsCapacityProviderException", "")
}

// scopedProvidersOf lists the Managed Instances providers of a cluster that
// are not yet deleted, and whether one of them is being deleted.
func scopedProvidersOf(ctx context.Context, client *ecsClient, cluster string) (names []string, deleting bool, err error) {
	in := &ecs.DescribeCapacityProvidersInput{Cluster: aws.String(cluster)}
	for {
		out, err := client.DescribeCapacityProviders(ctx, in)
		if err != nil {
			return nil, false, err
		}
		for i := range out.CapacityProviders {
			p := &out.CapacityProviders[i]
			if !isScopedProvider(p) || p.Status == ecstypes.CapacityProviderStatusInactive {
				continue
			}
			names = append(names, aws.ToString(p.Name))
			if p.Status == ecstypes.CapacityProviderStatusDeprovisioning || p.UpdateStatus == ecstypes.CapacityProviderUpdateStatusDeleteInProgress {
				deleting = true
			}
		}
		if aws.ToString(out.NextToken) == "" {
			return names, deleting, nil
		}
		in.NextToken = out.NextToken
	}
}

// scopedProvidersError is a cluster deletion refused because of Managed
// Instances providers that nobody is deleting.
type scopedProvidersError struct {
	cluster   string
	providers []string
	last      error
}

func (e *scopedProvidersError) Error() string {
	return fmt.Sprintf("Cluster %s cannot be deleted while it has Managed Instances capacity providers, and it still has %s, which nothing is deleting. "+
		"Delete them first: destroy their ecsx_capacity_provider resources (with cluster = ecsx_cluster.<name>.name, Terraform deletes them before the cluster), "+
		"or delete them in ECS. ECS said: %s", e.cluster, quoteNames(e.providers), e.last)
}

func (e *scopedProvidersError) Unwrap() error { return e.last }

// quoteNames lists names as "a", "b" and "c".
func quoteNames(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = strconv.Quote(n)
	}
	switch len(q) {
	case 0:
		return ""
	case 1:
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " and " + q[len(q)-1]
}
