package provider

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"
	"github.com/aws/smithy-go"
)

func apiError(code, message string) error {
	return fmt.Errorf("operation error ECS: wrapped: %w", &smithy.GenericAPIError{Code: code, Message: message})
}

func TestErrorClassifiers(t *testing.T) {
	cases := []struct {
		name                          string
		err                           error
		serviceLinkedRole, delBlocked bool
		putRetry                      retryKind
	}{
		{name: "nil", err: nil},
		{name: "service-linked role", err: apiError("InvalidParameterException", "Unable to assume the service linked role. Please verify that the ECS service linked role exists."), serviceLinkedRole: true},
		{name: "other invalid parameter", err: apiError("InvalidParameterException", "Cluster name is invalid")},
		{name: "cluster not active", err: apiError("ClientException", "Cluster was not ACTIVE."), putRetry: retryUntil},
		{name: "other client error", err: apiError("ClientException", "The specified capacity provider does not exist.")},
		{name: "provider in use", err: apiError("ResourceInUseException", "The specified capacity provider is in use and cannot be removed."), putRetry: retryLimited},
		{name: "update in progress", err: apiError("UpdateInProgressException", "busy"), putRetry: retryUntil, delBlocked: true},
		{name: "services", err: apiError("ClusterContainsServicesException", "The Cluster cannot be deleted while Services are active."), delBlocked: true},
		{name: "tasks", err: apiError("ClusterContainsTasksException", "The Cluster cannot be deleted while Tasks are active."), delBlocked: true},
		{name: "instances", err: apiError("ClusterContainsContainerInstancesException", "…"), delBlocked: true},
		{name: "modeled scoped providers", err: apiError("ClusterContainsCapacityProviderException", "…"), delBlocked: true},
		{name: "observed scoped providers", err: apiError("ClientException", "The Cluster cannot be deleted while Cluster Scoped Capacity Providers are attached to the cluster"), delBlocked: true},
		{name: "not an API error", err: errors.New("connection reset")},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := isServiceLinkedRolePropagation(tc.err); got != tc.serviceLinkedRole {
				t.Errorf("isServiceLinkedRolePropagation = %v, want %v", got, tc.serviceLinkedRole)
			}
			if got := capacityProviderUpdateRetry(tc.err); got != tc.putRetry {
				t.Errorf("capacityProviderUpdateRetry = %v, want %v", got, tc.putRetry)
			}
			if got := isDeleteBlocked(tc.err); got != tc.delBlocked {
				t.Errorf("isDeleteBlocked = %v, want %v", got, tc.delBlocked)
			}
		})
	}
}

func TestClusterSettled(t *testing.T) {
	cases := map[string]struct {
		cluster ecstypes.Cluster
		done    bool
		errText string
	}{
		"active":           {cluster: ecstypes.Cluster{Status: aws.String("ACTIVE")}, done: true},
		"active, updating": {cluster: ecstypes.Cluster{Status: aws.String("ACTIVE"), AttachmentsStatus: aws.String("UPDATE_IN_PROGRESS")}},
		"provisioning":     {cluster: ecstypes.Cluster{Status: aws.String("PROVISIONING")}},
		"update failed":    {cluster: ecstypes.Cluster{ClusterName: aws.String("c"), Status: aws.String("ACTIVE"), AttachmentsStatus: aws.String("UPDATE_FAILED")}, done: true, errText: "failed to update"},
		"inactive":         {cluster: ecstypes.Cluster{ClusterName: aws.String("c"), Status: aws.String("INACTIVE")}, done: true, errText: "is INACTIVE"},
		"failed, with why": {
			cluster: ecstypes.Cluster{
				ClusterName: aws.String("c"), Status: aws.String("FAILED"),
				Attachments: []ecstypes.Attachment{
					{Id: aws.String("a1"), Type: aws.String("asp"), Status: aws.String("FAILED"), Details: []ecstypes.KeyValuePair{{Name: aws.String("reason"), Value: aws.String("no ASG")}}},
					{Id: aws.String("a2"), Type: aws.String("sc"), Status: aws.String("ATTACHED")},
				},
			},
			done:    true,
			errText: "cluster c FAILED: asp attachment a1 is FAILED (reason=no ASG)",
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			done, err := clusterSettled(&tc.cluster)
			if done != tc.done {
				t.Errorf("done = %v, want %v", done, tc.done)
			}
			switch {
			case tc.errText == "" && err != nil:
				t.Errorf("unexpected error %v", err)
			case tc.errText != "" && (err == nil || !strings.Contains(err.Error(), tc.errText)):
				t.Errorf("error %v, want one containing %q", err, tc.errText)
			}
		})
	}
}
