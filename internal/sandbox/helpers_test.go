package sandbox_test

import (
	"context"
	"errors"
	"net/http/httptest"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/aws/aws-sdk-go-v2/service/ecs/types"

	"github.com/ecsx/terraform-provider-ecsx/internal/sandbox"
	"github.com/ecsx/terraform-provider-ecsx/internal/sandbox/sandboxtest"
)

// The shared helpers, under the names these tests use.
var (
	newFakeClock = sandboxtest.NewClock
	newClient    = sandboxtest.ECSClient
	wantCode     = sandboxtest.WantCode
	assertStatus = sandboxtest.AssertStatus
	mustCreate   = sandboxtest.MustCreate
	post         = sandboxtest.Post
	admin        = sandboxtest.Admin
)

const target = sandboxtest.Target

type env struct {
	srv    *sandbox.Server
	http   *httptest.Server
	client *ecs.Client
}

// start runs a sandbox with opts behind httptest and returns an SDK client
// for us-east-1.
func start(t testing.TB, opts sandbox.Options) *env {
	t.Helper()
	e := sandboxtest.Start(t, opts)
	return &env{srv: e.Srv, http: e.HTTP, client: e.Client}
}

var ctx = context.Background()

// wantErr asserts that err is the typed ECS error T.
func wantErr[T error](t testing.TB, err error) {
	t.Helper()
	asErr[T](t, err)
}

// dig walks decoded JSON along keys (object members) and indexes (array
// elements) and returns the value found, failing the test when a step does
// not exist.
func dig(t testing.TB, v any, steps ...any) any {
	t.Helper()
	for _, step := range steps {
		switch step := step.(type) {
		case string:
			m, ok := v.(map[string]any)
			if !ok {
				t.Fatalf("dig %v: %v is not an object", steps, v)
			}
			if v, ok = m[step]; !ok {
				t.Fatalf("dig %v: no member %q in %v", steps, step, m)
			}
		case int:
			a, ok := v.([]any)
			if !ok || step >= len(a) {
				t.Fatalf("dig %v: no element %d in %v", steps, step, v)
			}
			v = a[step]
		}
	}
	return v
}

// asErr asserts that err is the typed ECS error T and returns it.
func asErr[T error](t testing.TB, err error) T {
	t.Helper()
	var target T
	if !errors.As(err, &target) {
		t.Fatalf("got error %v (%T), want %T", err, err, target)
	}
	return target
}

func describe(t testing.TB, c *ecs.Client, name string, include ...types.ClusterField) *types.Cluster {
	t.Helper()
	out, err := c.DescribeClusters(ctx, &ecs.DescribeClustersInput{Clusters: []string{name}, Include: include})
	if err != nil {
		t.Fatalf("DescribeClusters: %v", err)
	}
	if len(out.Clusters) != 1 {
		t.Fatalf("DescribeClusters(%s): clusters %d, failures %+v", name, len(out.Clusters), out.Failures)
	}
	return &out.Clusters[0]
}

func mustASGProvider(t testing.TB, c *ecs.Client, name string) *types.CapacityProvider {
	t.Helper()
	out, err := c.CreateCapacityProvider(ctx, &ecs.CreateCapacityProviderInput{
		Name: aws.String(name),
		AutoScalingGroupProvider: &types.AutoScalingGroupProvider{
			AutoScalingGroupArn: aws.String("arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:uuid:autoScalingGroupName/" + name),
			ManagedScaling:      &types.ManagedScaling{Status: types.ManagedScalingStatusEnabled, TargetCapacity: aws.Int32(80)},
		},
	})
	if err != nil {
		t.Fatalf("CreateCapacityProvider(%s): %v", name, err)
	}
	return out.CapacityProvider
}

func tagsMap(tags []types.Tag) map[string]string {
	m := make(map[string]string, len(tags))
	for _, t := range tags {
		m[aws.ToString(t.Key)] = aws.ToString(t.Value)
	}
	return m
}
