package provider

import (
	"context"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/aws/smithy-go"

	"github.com/ecsx/terraform-provider-ecsx/internal/sandbox"
)

// TestForcedDelete_redrainAfter30s: a forced delete that ECS keeps refusing
// drains at the first refusal, not again within 30 seconds, and again once
// 30 seconds have passed (the figure of the cluster resource's docs). A
// drain lists in pages of 100: 150 container instances take two
// ListContainerInstances pages.
func TestForcedDelete_redrainAfter30s(t *testing.T) {
	t.Parallel()
	sb := sandbox.New(sandbox.Options{})
	srv := httptest.NewServer(sb)
	t.Cleanup(srv.Close)
	client := pacedClient(srv.URL, newPacer())
	ctx := context.Background()
	if _, err := client.CreateCluster(ctx, &ecs.CreateClusterInput{ClusterName: aws.String("busy")}); err != nil {
		t.Fatal(err)
	}
	if _, err := sb.RegisterContainerInstances("", "", "busy", 150); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	f := &forcedDelete{client: newECSClient(client, true), cluster: "busy", now: func() time.Time { return at }}
	blocked := &smithy.GenericAPIError{Code: "ClusterContainsContainerInstancesException", Message: "still has container instances"}

	drains := func() int { return sb.Stats().Calls["ListServices"] }
	step := func(after time.Duration, wantDrains int) {
		t.Helper()
		at = at.Add(after)
		if err := f.refused(ctx, blocked); err != nil {
			t.Fatalf("after %v: %v", after, err)
		}
		if got := drains(); got != wantDrains {
			t.Errorf("after %v more: %d drains in all, want %d", after, got, wantDrains)
		}
	}
	step(0, 1)
	if got := sb.Stats().Calls["ListContainerInstances"]; got != 2 {
		t.Errorf("150 container instances listed in %d pages, want 2 of 100", got)
	}
	if got := len(f.removed.instances); got != 150 {
		t.Errorf("the drain deregistered %d container instances, want 150", got)
	}
	step(29*time.Second, 1)
	step(time.Second, 2)
	step(10*time.Second, 2)
	step(20*time.Second, 3)
}
