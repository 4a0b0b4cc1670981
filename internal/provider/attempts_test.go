package provider

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	smithyhttp "github.com/aws/smithy-go/transport/http"

	"github.com/ecsx/terraform-provider-ecsx/internal/sandbox"
)

// TestAttemptUnknown classifies single attempts: no response, or a 5xx,
// leaves the outcome unknown; any other answer is known.
func TestAttemptUnknown(t *testing.T) {
	status := func(code int) *smithyhttp.Response {
		return &smithyhttp.Response{Response: &http.Response{StatusCode: code}}
	}
	sendErr := errors.New("connection reset by peer")
	for _, c := range []struct {
		name    string
		resp    *smithyhttp.Response
		err     error
		unknown bool
	}{
		{"answered", status(200), nil, false},
		{"client error", status(400), errors.New("ClientException"), false},
		{"throttled", status(400), errors.New("ThrottlingException"), false},
		{"access denied", status(403), errors.New("AccessDeniedException"), false},
		{"server error", status(500), errors.New("ServerException"), true},
		{"unavailable", status(503), errors.New("ServiceUnavailable"), true},
		{"no response", nil, sendErr, true},
		{"empty response", status(0), sendErr, true},
		{"deadline in flight", nil, context.DeadlineExceeded, true},
		{"canceled in flight", nil, context.Canceled, true},
	} {
		if got := attemptUnknown(c.resp, c.err); got != c.unknown {
			t.Errorf("%s: unknown = %v, want %v", c.name, got, c.unknown)
		}
	}
}

// TestAttemptLog_sdkRetries: the SDK retries inside one call, so only the
// attempt log tells that an earlier attempt was applied without a (good)
// answer. Each case runs one CreateCluster against the sandbox with a
// fault and the provider's retryer (2 retries).
func TestAttemptLog_sdkRetries(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name      string
		fault     sandbox.Fault
		fails     bool // the call returns an error
		ambiguous bool // an attempt had an unknown outcome
		uncertain bool // the error leaves the outcome unknown
	}{
		{"no fault", sandbox.Fault{}, false, false, false},
		{"answer dropped, retried", sandbox.Fault{DropAfterApply: 1}, false, true, false},
		{"5xx after apply, retried", sandbox.Fault{ErrorAfterApply: 1}, false, true, false},
		{"every attempt refused", sandbox.Fault{Error: "ClientException"}, true, false, false},
		{"dropped, then throttled to the end", sandbox.Fault{DropAfterApply: 1, RateLimit: 0.001, Burst: 1}, true, true, true},
		{"every answer lost", sandbox.Fault{DropAfterApply: 3}, true, true, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			sb := sandbox.New(sandbox.Options{})
			srv := httptest.NewServer(sb)
			t.Cleanup(srv.Close)
			sb.SetFault("CreateCluster", c.fault)
			client := pacedClient(srv.URL, newPacer())
			ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
			defer cancel()
			ctx, log := trackAttempts(ctx)
			_, err := client.CreateCluster(ctx, &ecs.CreateClusterInput{ClusterName: aws.String("attempts")}, withAttempts(3))
			if (err != nil) != c.fails {
				t.Fatalf("error %v, want failure %v", err, c.fails)
			}
			if got := log.ambiguous(); got != c.ambiguous {
				t.Errorf("ambiguous = %v, want %v (error %v)", got, c.ambiguous, err)
			}
			if got := log.uncertain(err); got != c.uncertain {
				t.Errorf("uncertain = %v, want %v (error %v)", got, c.uncertain, err)
			}
			if n := sb.Stats().Calls["CreateCluster"]; c.ambiguous && n < 2 {
				t.Errorf("%d attempts: the fault did not make the SDK retry", n)
			}
		})
	}
}

// withAttempts adds the attempt log's middleware to a call of a
// pacedClient, with the provider's retryer for at most attempts attempts.
func withAttempts(attempts int) func(*ecs.Options) {
	return func(o *ecs.Options) {
		o.Retryer = newRetryer(aws.RetryModeStandard, attempts)()
		o.APIOptions = append(o.APIOptions, attemptsOption)
	}
}

// TestAttemptLog_withoutLog: calls whose context carries no log pass
// through the middleware unchanged, and a transport error alone is
// uncertain even when the log saw no attempt.
func TestAttemptLog_withoutLog(t *testing.T) {
	sb := sandbox.New(sandbox.Options{})
	srv := httptest.NewServer(sb)
	t.Cleanup(srv.Close)
	client := pacedClient(srv.URL, newPacer())
	if _, err := client.ListClusters(t.Context(), &ecs.ListClustersInput{}, withAttempts(1)); err != nil {
		t.Fatal(err)
	}
	var log attemptLog
	if !log.uncertain(context.DeadlineExceeded) {
		t.Error("an error without an answer is certain")
	}
	if log.uncertain(nil) {
		t.Error("success is uncertain")
	}
}
