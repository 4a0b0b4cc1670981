package acctest

import (
	"fmt"
	"net/http/httptest"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"

	"github.com/ecsx/terraform-provider-ecsx/internal/sandbox"
)

// recorder is a testing.TB that records failures and cleanups instead of
// acting on them.
type recorder struct {
	testing.TB
	errors   []string
	cleanups []func()
}

func (r *recorder) Helper()                   {}
func (r *recorder) Cleanup(f func())          { r.cleanups = append(r.cleanups, f) }
func (r *recorder) Failed() bool              { return len(r.errors) > 0 }
func (r *recorder) Error(args ...any)         { r.errors = append(r.errors, fmt.Sprint(args...)) }
func (r *recorder) Errorf(f string, a ...any) { r.errors = append(r.errors, fmt.Sprintf(f, a...)) }

func (r *recorder) end() {
	for i := len(r.cleanups) - 1; i >= 0; i-- {
		r.cleanups[i]()
	}
}

// TestExpectCallsBetween is the negative control of the call-count checks
// that run in the PreConfig after a step that fails as expected: with the
// sandbox's counter set by the test to a violating value, each bound the
// acceptance tests use fails, and a check that never runs fails the test.
func TestExpectCallsBetween(t *testing.T) {
	sb := sandbox.New(sandbox.Options{AccessKey: SandboxAccessKey, SecretKey: SandboxSecretKey})
	srv := httptest.NewServer(sb)
	t.Cleanup(srv.Close)
	env := &Env{Sandbox: sb, Endpoint: srv.URL, Region: SandboxRegion}
	// call makes n calls of op against the sandbox: each fails (nothing
	// exists), and each counts.
	call := func(op string, n int) {
		for range n {
			var err error
			switch op {
			case "DeleteCluster":
				_, err = env.ECS().DeleteCluster(t.Context(), &ecs.DeleteClusterInput{Cluster: aws.String("none")})
			case "DeleteCapacityProvider":
				_, err = env.ECS().DeleteCapacityProvider(t.Context(), &ecs.DeleteCapacityProviderInput{CapacityProvider: aws.String("none")})
			case "PutClusterCapacityProviders":
				_, err = env.ECS().PutClusterCapacityProviders(t.Context(), &ecs.PutClusterCapacityProvidersInput{Cluster: aws.String("none"), CapacityProviders: []string{}, DefaultCapacityProviderStrategy: []ecstypes.CapacityProviderStrategyItem{}})
			}
			if err == nil {
				t.Fatalf("%s on nothing succeeded", op)
			}
		}
	}
	cases := []struct {
		op          string
		least, most int
		calls       int
		fails       bool
	}{
		// TestAccCapacityProvider_deleteAttached: 3 DeleteCapacityProvider.
		{"DeleteCapacityProvider", 3, 3, 2, true},
		{"DeleteCapacityProvider", 3, 3, 3, false},
		{"DeleteCapacityProvider", 3, 3, 4, true},
		{"DeleteCapacityProvider", 1, 3, 0, true},
		// TestAccCapacityProvider_managedInstancesBlockDelete: 1 DeleteCluster.
		{"DeleteCluster", 1, 1, 1, false},
		{"DeleteCluster", 1, 1, 2, true},
		{"DeleteCluster", 1, 1, 0, true},
		// TestAccClusterCapacityProviders_missingProvider: no PutClusterCapacityProviders.
		{"PutClusterCapacityProviders", 0, 0, 0, false},
		{"PutClusterCapacityProviders", 0, 0, 1, true},
	}
	for _, c := range cases {
		sb.ResetStats()
		call(c.op, c.calls)
		if got := sb.Stats().Calls[c.op]; got != c.calls {
			t.Fatalf("%s: the sandbox counted %d calls, the test made %d", c.op, got, c.calls)
		}
		rec := &recorder{TB: t}
		env.ExpectCallsBetween(rec, c.op, c.least, c.most)()
		rec.end()
		if failed := len(rec.errors) > 0; failed != c.fails {
			t.Errorf("%s %d to %d after %d calls: failures %q, want failure %v", c.op, c.least, c.most, c.calls, rec.errors, c.fails)
		}
	}

	// A check that is set up and never called fails the test when it ends.
	rec := &recorder{TB: t}
	env.ExpectCallsBetween(rec, "DeleteCluster", 1, 1)
	rec.end()
	if len(rec.errors) != 1 {
		t.Errorf("a check that never ran: failures %q, want one", rec.errors)
	}
}
