package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

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

func TestRetryWhile(t *testing.T) {
	t.Run("retries until success", func(t *testing.T) {
		calls := 0
		err := retryWhile(t.Context(), func() (bool, error) {
			calls++
			if calls < 3 {
				return true, apiError("UpdateInProgressException", "busy")
			}
			return false, nil
		})
		if err != nil || calls != 3 {
			t.Errorf("got err %v after %d calls, want success after 3", err, calls)
		}
	})
	t.Run("stops on a permanent error", func(t *testing.T) {
		calls := 0
		want := apiError("InvalidParameterException", "bad")
		err := retryWhile(t.Context(), func() (bool, error) {
			calls++
			return false, want
		})
		if !errors.Is(err, want) || calls != 1 {
			t.Errorf("got err %v after %d calls, want the permanent error after 1", err, calls)
		}
	})
	t.Run("keeps the last error on timeout", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
		defer cancel()
		err := retryWhile(ctx, func() (bool, error) {
			return true, apiError("ClusterContainsTasksException", "tasks")
		})
		var timedOut *timeoutError
		if !errors.As(err, &timedOut) || !isDeleteBlocked(timedOut.last) {
			t.Errorf("got %v, want a timeoutError wrapping the last blocking error", err)
		}
	})
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

func TestAPIErrorDiagnostic(t *testing.T) {
	summary, detail := apiErrorDiagnostic("read cluster \"x\"", fmt.Errorf("get identity: %w", &credentialsError{err: errors.New("no EC2 IMDS role found")}))
	if summary != "No usable AWS credentials" || !strings.Contains(detail, "no EC2 IMDS role found") {
		t.Errorf("credentials failure gave %q / %q", summary, detail)
	}
	summary, _ = apiErrorDiagnostic("read cluster \"x\"", apiError("ExpiredTokenException", "The security token included in the request is expired"))
	if summary != "AWS credentials rejected" {
		t.Errorf("expired token gave %q", summary)
	}
	summary, detail = apiErrorDiagnostic("create cluster \"x\"", apiError("InvalidParameterException", "bad"))
	if summary != "ECS API error" || detail != `ecsx could not create cluster "x": InvalidParameterException: bad` {
		t.Errorf("API error gave %q / %q", summary, detail)
	}
}

func TestBackoffJitter(t *testing.T) {
	for _, j := range []float64{0, 0.5, 0.999} {
		b := backoff{next: time.Second, max: 4 * time.Second, jitter: func() float64 { return j }}
		d := b.delay()
		if d < 500*time.Millisecond || d > time.Second {
			t.Errorf("jitter %v: delay %v, want between 500ms and 1s", j, d)
		}
	}
	b := backoff{next: time.Second, max: 4 * time.Second, jitter: func() float64 { return 0 }}
	if b.delay() != 500*time.Millisecond {
		t.Errorf("jitter 0: delay %v, want half the interval", b.delay())
	}
}

func TestRetryClassified(t *testing.T) {
	t.Run("limited errors stop after a few tries", func(t *testing.T) {
		calls := 0
		inUse := apiError("ResourceInUseException", "The specified capacity provider is in use and cannot be removed.")
		err := retryClassified(t.Context(), func() (retryKind, error) {
			calls++
			return capacityProviderUpdateRetry(inUse), inUse
		})
		if !errors.Is(err, inUse) || calls != limitedTries {
			t.Errorf("got %v after %d calls, want the error after %d", err, calls, limitedTries)
		}
	})
	t.Run("errors that clear are retried", func(t *testing.T) {
		calls := 0
		err := retryClassified(t.Context(), func() (retryKind, error) {
			calls++
			if calls < limitedTries+2 {
				e := apiError("UpdateInProgressException", "busy")
				return capacityProviderUpdateRetry(e), e
			}
			return retryNever, nil
		})
		if err != nil || calls != limitedTries+2 {
			t.Errorf("got %v after %d calls, want success after %d", err, calls, limitedTries+2)
		}
	})
	t.Run("an interruption is not a timeout", func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		calls := 0
		err := retryWhile(ctx, func() (bool, error) {
			calls++
			cancel()
			return true, apiError("ClusterContainsTasksException", "tasks")
		})
		var interrupted *interruptedError
		var timedOut *timeoutError
		if !errors.As(err, &interrupted) || errors.As(err, &timedOut) {
			t.Fatalf("got %v, want an interruption", err)
		}
		summary, detail := waitErrorDiagnostic("delete cluster \"x\"", err)
		if summary != "Interrupted" || !strings.Contains(detail, "interrupted") {
			t.Errorf("diagnostic %q: %q", summary, detail)
		}
	})
	t.Run("a deadline is a timeout", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
		defer cancel()
		err := retryWhile(ctx, func() (bool, error) { return true, apiError("ClusterContainsTasksException", "tasks") })
		summary, _ := waitErrorDiagnostic("delete cluster \"x\"", err)
		if summary != "Timeout" {
			t.Errorf("diagnostic %q for %v, want Timeout", summary, err)
		}
	})
}
