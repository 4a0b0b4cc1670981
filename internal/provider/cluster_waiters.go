package provider

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"
)

// Cluster statuses reported by ECS.
const (
	clusterStatusActive         = "ACTIVE"
	clusterStatusProvisioning   = "PROVISIONING"
	clusterStatusDeprovisioning = "DEPROVISIONING"
	clusterStatusFailed         = "FAILED"
	clusterStatusInactive       = "INACTIVE"

	attachmentsUpdateInProgress = "UPDATE_IN_PROGRESS"
	attachmentsUpdateFailed     = "UPDATE_FAILED"
)

// allClusterFields asks DescribeClusters for every optional part of a cluster.
var allClusterFields = []ecstypes.ClusterField{
	ecstypes.ClusterFieldAttachments,
	ecstypes.ClusterFieldConfigurations,
	ecstypes.ClusterFieldSettings,
	ecstypes.ClusterFieldStatistics,
	ecstypes.ClusterFieldTags,
}

// findCluster describes one cluster, given by name or ARN, with every
// include, in a DescribeClusters call shared with the concurrent reads of
// the same client (see batcher). It returns nil and no error when
// ECS does not know the cluster; INACTIVE clusters are returned as they are.
func findCluster(ctx context.Context, client *ecsClient, nameOrARN string) (*ecstypes.Cluster, error) {
	return clusterBatcher(client).find(ctx, nameOrARN)
}

// findLiveCluster is findCluster with INACTIVE clusters treated as missing.
func findLiveCluster(ctx context.Context, client *ecsClient, nameOrARN string) (*ecstypes.Cluster, error) {
	c, err := findCluster(ctx, client, nameOrARN)
	if err != nil || c == nil {
		return nil, err
	}
	if aws.ToString(c.Status) == clusterStatusInactive {
		return nil, nil
	}
	return c, nil
}

// isServiceLinkedRolePropagation matches the CreateCluster error given while
// the ECS service-linked role created by the first call is not yet usable.
func isServiceLinkedRolePropagation(err error) bool {
	return errorCodeIs(err, "InvalidParameterException", "Unable to assume the service linked role")
}

// isDeleteBlocked matches DeleteCluster errors caused by what still runs in,
// or is attached to, the cluster.
func isDeleteBlocked(err error) bool {
	return errorCodeIs(err, "ClusterContainsContainerInstancesException", "") ||
		errorCodeIs(err, "ClusterContainsServicesException", "") ||
		errorCodeIs(err, "ClusterContainsTasksException", "") ||
		errorCodeIs(err, "ClusterContainsCapacityProviderException", "") ||
		errorCodeIs(err, "UpdateInProgressException", "") ||
		errorCodeIs(err, "ClientException", "Cluster Scoped Capacity Providers")
}

// waitClusterActive polls until the cluster is ACTIVE with no attachment
// update in progress, and returns the final description (with every include).
func waitClusterActive(ctx context.Context, client *ecsClient, nameOrARN string) (*ecstypes.Cluster, error) {
	b := backoff{next: pollFirstWait, max: pollMaxWait}
	var last *ecstypes.Cluster
	for {
		if err := b.wait(ctx); err != nil {
			if last != nil {
				return nil, waitEnded(ctx, fmt.Errorf("cluster %s is still %s (attachments %s)",
					aws.ToString(last.ClusterName), aws.ToString(last.Status), orNone(aws.ToString(last.AttachmentsStatus))))
			}
			return nil, waitEnded(ctx, err)
		}
		c, err := findCluster(ctx, client, nameOrARN)
		if err != nil {
			return nil, err
		}
		if c == nil {
			return nil, fmt.Errorf("cluster %s disappeared while waiting for it to become ACTIVE", nameOrARN)
		}
		last = c
		if done, err := clusterSettled(c); done || err != nil {
			return c, err
		}
	}
}

// clusterSettled reports whether a cluster has reached ACTIVE with its
// attachments updated, or failed (with an error naming the reasons).
func clusterSettled(c *ecstypes.Cluster) (bool, error) {
	switch status := aws.ToString(c.Status); status {
	case clusterStatusActive:
		switch aws.ToString(c.AttachmentsStatus) {
		case attachmentsUpdateInProgress:
			return false, nil
		case attachmentsUpdateFailed:
			return true, fmt.Errorf("cluster %s is ACTIVE but its capacity provider attachments failed to update%s",
				aws.ToString(c.ClusterName), attachmentReasons(c))
		}
		return true, nil
	case clusterStatusProvisioning:
		return false, nil
	case clusterStatusFailed:
		return true, fmt.Errorf("cluster %s FAILED%s", aws.ToString(c.ClusterName), attachmentReasons(c))
	default:
		return true, fmt.Errorf("cluster %s is %s while ACTIVE was expected", aws.ToString(c.ClusterName), status)
	}
}

// attachmentReasons describes the attachments that did not succeed.
func attachmentReasons(c *ecstypes.Cluster) string {
	var parts []string
	for _, a := range c.Attachments {
		status := aws.ToString(a.Status)
		if !strings.Contains(status, "FAIL") {
			continue
		}
		var details []string
		for _, d := range a.Details {
			details = append(details, aws.ToString(d.Name)+"="+aws.ToString(d.Value))
		}
		sort.Strings(details)
		part := fmt.Sprintf("%s attachment %s is %s", aws.ToString(a.Type), aws.ToString(a.Id), status)
		if len(details) > 0 {
			part += " (" + strings.Join(details, ", ") + ")"
		}
		parts = append(parts, part)
	}
	if len(parts) == 0 {
		return ""
	}
	return ": " + strings.Join(parts, "; ")
}

// waitClusterDeleted polls until the cluster is INACTIVE or unknown.
func waitClusterDeleted(ctx context.Context, client *ecsClient, nameOrARN string) error {
	b := backoff{next: pollFirstWait, max: pollMaxWait}
	for {
		if err := b.wait(ctx); err != nil {
			return waitEnded(ctx, fmt.Errorf("cluster %s was still being deleted", nameOrARN))
		}
		c, err := findLiveCluster(ctx, client, nameOrARN)
		if err != nil {
			return err
		}
		if c == nil {
			return nil
		}
		switch status := aws.ToString(c.Status); status {
		case clusterStatusActive, clusterStatusDeprovisioning:
		default:
			return fmt.Errorf("cluster %s is %s while it was being deleted", nameOrARN, status)
		}
	}
}

// deleteBlockers describes what keeps a cluster from being deleted, for
// example "2 active services, 3 running tasks and 1 registered container
// instance". It returns "" when the counts show nothing.
func deleteBlockers(c *ecstypes.Cluster) string {
	var parts []string
	add := func(n int32, singular, plural string) {
		switch {
		case n == 1:
			parts = append(parts, "1 "+singular)
		case n > 1:
			parts = append(parts, fmt.Sprintf("%d %s", n, plural))
		}
	}
	add(c.ActiveServicesCount, "active service", "active services")
	add(c.RunningTasksCount, "running task", "running tasks")
	add(c.PendingTasksCount, "pending task", "pending tasks")
	add(c.RegisteredContainerInstancesCount, "registered container instance", "registered container instances")
	for _, s := range c.Statistics {
		if name := aws.ToString(s.Name); strings.HasPrefix(name, "draining") {
			if v := aws.ToString(s.Value); v != "" && v != "0" {
				parts = append(parts, fmt.Sprintf("%s %s", v, name))
			}
		}
	}
	if aws.ToString(c.AttachmentsStatus) == attachmentsUpdateInProgress {
		parts = append(parts, "an attachment update in progress")
	}
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}
