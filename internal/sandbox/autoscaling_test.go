package sandbox_test

import (
	"bytes"
	"net/http"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/aws/aws-sdk-go-v2/service/ecs/types"

	"github.com/ecsx/terraform-provider-ecsx/internal/sandbox"
)

func providerStatus(t *testing.T, c *ecs.Client, name string) *types.CapacityProvider {
	t.Helper()
	out, err := c.DescribeCapacityProviders(ctx, &ecs.DescribeCapacityProvidersInput{CapacityProviders: []string{name}})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.CapacityProviders) == 0 {
		return nil
	}
	return &out.CapacityProviders[0]
}

func TestCapacityProviderProvisioning(t *testing.T) {
	clock := newFakeClock()
	e := start(t, sandbox.Options{Now: clock.Now, ProviderProvisionDelay: 5 * time.Second})
	p := mustASGProvider(t, e.client, "new")
	if p.Status != types.CapacityProviderStatusProvisioning || p.UpdateStatus != types.CapacityProviderUpdateStatusCreateInProgress {
		t.Fatalf("create answered %s/%s, want PROVISIONING/CREATE_IN_PROGRESS", p.Status, p.UpdateStatus)
	}
	// Not ACTIVE yet: it cannot be associated.
	mustCreate(t, e.client, &ecs.CreateClusterInput{ClusterName: aws.String("c")})
	_, err := e.client.PutClusterCapacityProviders(ctx, &ecs.PutClusterCapacityProvidersInput{
		Cluster: aws.String("c"), CapacityProviders: []string{"new"}, DefaultCapacityProviderStrategy: []types.CapacityProviderStrategyItem{},
	})
	wantErr[*types.InvalidParameterException](t, err)
	clock.Advance(5 * time.Second)
	p = providerStatus(t, e.client, "new")
	if p.Status != types.CapacityProviderStatusActive || p.UpdateStatus != types.CapacityProviderUpdateStatusCreateComplete {
		t.Fatalf("after the delay %s/%s, want ACTIVE/CREATE_COMPLETE", p.Status, p.UpdateStatus)
	}
	if _, err := e.client.PutClusterCapacityProviders(ctx, &ecs.PutClusterCapacityProvidersInput{
		Cluster: aws.String("c"), CapacityProviders: []string{"new"}, DefaultCapacityProviderStrategy: []types.CapacityProviderStrategyItem{},
	}); err != nil {
		t.Fatal(err)
	}
}

func TestUpdateCapacityProvider(t *testing.T) {
	clock := newFakeClock()
	e := start(t, sandbox.Options{Now: clock.Now, ProviderUpdateDelay: 3 * time.Second})
	mustASGProvider(t, e.client, "cp")
	update := func(asg *types.AutoScalingGroupProviderUpdate) (*types.CapacityProvider, error) {
		out, err := e.client.UpdateCapacityProvider(ctx, &ecs.UpdateCapacityProviderInput{Name: aws.String("cp"), AutoScalingGroupProvider: asg})
		if err != nil {
			return nil, err
		}
		return out.CapacityProvider, nil
	}
	p, err := update(&types.AutoScalingGroupProviderUpdate{
		ManagedScaling:  &types.ManagedScaling{Status: types.ManagedScalingStatusEnabled, TargetCapacity: aws.Int32(60), MaximumScalingStepSize: aws.Int32(5)},
		ManagedDraining: types.ManagedDrainingDisabled,
	})
	if err != nil {
		t.Fatal(err)
	}
	if p.UpdateStatus != types.CapacityProviderUpdateStatusUpdateInProgress {
		t.Errorf("update answered %s, want UPDATE_IN_PROGRESS", p.UpdateStatus)
	}
	ms := p.AutoScalingGroupProvider.ManagedScaling
	if aws.ToInt32(ms.TargetCapacity) != 60 || aws.ToInt32(ms.MaximumScalingStepSize) != 5 ||
		aws.ToInt32(ms.MinimumScalingStepSize) != 1 || aws.ToInt32(ms.InstanceWarmupPeriod) != 300 {
		t.Errorf("managed scaling %+v: want the given values and the defaults for the others", ms)
	}
	if p.AutoScalingGroupProvider.ManagedDraining != types.ManagedDrainingDisabled ||
		p.AutoScalingGroupProvider.ManagedTerminationProtection != types.ManagedTerminationProtectionDisabled {
		t.Errorf("draining %s, termination protection %s", p.AutoScalingGroupProvider.ManagedDraining, p.AutoScalingGroupProvider.ManagedTerminationProtection)
	}
	// One update at a time.
	_, err = update(&types.AutoScalingGroupProviderUpdate{ManagedDraining: types.ManagedDrainingEnabled})
	wantErr[*types.ClientException](t, err)
	clock.Advance(3 * time.Second)
	if got := providerStatus(t, e.client, "cp").UpdateStatus; got != types.CapacityProviderUpdateStatusUpdateComplete {
		t.Fatalf("after the delay %s, want UPDATE_COMPLETE", got)
	}

	// The API's rules.
	for name, asg := range map[string]*types.AutoScalingGroupProviderUpdate{
		"target capacity 0":          {ManagedScaling: &types.ManagedScaling{TargetCapacity: aws.Int32(0)}},
		"step 10001":                 {ManagedScaling: &types.ManagedScaling{MaximumScalingStepSize: aws.Int32(10001)}},
		"min above max":              {ManagedScaling: &types.ManagedScaling{MinimumScalingStepSize: aws.Int32(10), MaximumScalingStepSize: aws.Int32(5)}},
		"warmup 10001":               {ManagedScaling: &types.ManagedScaling{InstanceWarmupPeriod: aws.Int32(10001)}},
		"draining value":             {ManagedDraining: "ON"},
		"protection without scaling": {ManagedScaling: &types.ManagedScaling{Status: types.ManagedScalingStatusDisabled}, ManagedTerminationProtection: types.ManagedTerminationProtectionEnabled},
	} {
		if _, err := update(asg); err == nil {
			t.Errorf("%s: accepted", name)
		} else {
			wantErr[*types.InvalidParameterException](t, err)
		}
	}
	_, err = e.client.UpdateCapacityProvider(ctx, &ecs.UpdateCapacityProviderInput{Name: aws.String("nope"),
		AutoScalingGroupProvider: &types.AutoScalingGroupProviderUpdate{ManagedDraining: types.ManagedDrainingEnabled}})
	wantErr[*types.ClientException](t, err)
	_, err = e.client.UpdateCapacityProvider(ctx, &ecs.UpdateCapacityProviderInput{Name: aws.String("cp")})
	wantErr[*types.InvalidParameterException](t, err)

	// A failed update reports its reason and keeps the prior configuration.
	if err := e.srv.FailCapacityProviderUpdate("", "", "cp", "Auto Scaling group not found."); err != nil {
		t.Fatal(err)
	}
	if _, err := update(&types.AutoScalingGroupProviderUpdate{ManagedScaling: &types.ManagedScaling{Status: types.ManagedScalingStatusEnabled, TargetCapacity: aws.Int32(10)}}); err != nil {
		t.Fatal(err)
	}
	clock.Advance(3 * time.Second)
	p = providerStatus(t, e.client, "cp")
	if p.UpdateStatus != types.CapacityProviderUpdateStatusUpdateFailed || aws.ToString(p.UpdateStatusReason) != "Auto Scaling group not found." {
		t.Errorf("failed update: %s %q", p.UpdateStatus, aws.ToString(p.UpdateStatusReason))
	}
	if got := aws.ToInt32(p.AutoScalingGroupProvider.ManagedScaling.TargetCapacity); got != 60 {
		t.Errorf("target capacity %d after the failed update, want the prior 60", got)
	}
}

func TestAutoScalingGroupInstancesBlockDeleteUntilScaledIn(t *testing.T) {
	clock := newFakeClock()
	e := start(t, sandbox.Options{Now: clock.Now, DeprovisionDelay: 2 * time.Second, ScaleInDelay: 30 * time.Second})
	p := mustASGProvider(t, e.client, "ec2")
	groupARN := aws.ToString(p.AutoScalingGroupProvider.AutoScalingGroupArn)
	mustCreate(t, e.client, &ecs.CreateClusterInput{ClusterName: aws.String("c")})
	if _, err := e.client.PutClusterCapacityProviders(ctx, &ecs.PutClusterCapacityProvidersInput{
		Cluster: aws.String("c"), CapacityProviders: []string{"ec2"},
		DefaultCapacityProviderStrategy: []types.CapacityProviderStrategyItem{{CapacityProvider: aws.String("ec2"), Weight: 1}},
	}); err != nil {
		t.Fatal(err)
	}
	// Registered through the admin API, as a test does over HTTP.
	body := `{"cluster":"c","autoScalingGroupArn":"` + groupARN + `","instances":2}`
	resp, err := http.Post(e.http.URL+"/_sandbox/autoscaling-groups", "application/json", bytes.NewBufferString(body))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("admin status %d", resp.StatusCode)
	}
	if n := describe(t, e.client, "c").RegisteredContainerInstancesCount; n != 2 {
		t.Fatalf("registered instances %d, want 2", n)
	}
	_, err = e.client.DeleteCluster(ctx, &ecs.DeleteClusterInput{Cluster: aws.String("c")})
	wantErr[*types.ClusterContainsContainerInstancesException](t, err)

	// Attached: the provider is not deleted.
	out, err := e.client.DeleteCapacityProvider(ctx, &ecs.DeleteCapacityProviderInput{CapacityProvider: aws.String("ec2")})
	if err != nil {
		t.Fatal(err)
	}
	if out.CapacityProvider.UpdateStatus != types.CapacityProviderUpdateStatusDeleteFailed {
		t.Fatalf("delete of an attached provider: %s", out.CapacityProvider.UpdateStatus)
	}
	if _, err := e.client.PutClusterCapacityProviders(ctx, &ecs.PutClusterCapacityProvidersInput{
		Cluster: aws.String("c"), CapacityProviders: []string{}, DefaultCapacityProviderStrategy: []types.CapacityProviderStrategyItem{},
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.client.DeleteCapacityProvider(ctx, &ecs.DeleteCapacityProviderInput{CapacityProvider: aws.String("ec2")}); err != nil {
		t.Fatal(err)
	}
	clock.Advance(29 * time.Second)
	if got := providerStatus(t, e.client, "ec2").Status; got != types.CapacityProviderStatusInactive {
		t.Errorf("provider %s, want INACTIVE", got)
	}
	_, err = e.client.DeleteCluster(ctx, &ecs.DeleteClusterInput{Cluster: aws.String("c")})
	wantErr[*types.ClusterContainsContainerInstancesException](t, err)
	clock.Advance(time.Second)
	if n := describe(t, e.client, "c").RegisteredContainerInstancesCount; n != 0 {
		t.Fatalf("registered instances %d after the scale-in, want 0", n)
	}
	if _, err := e.client.DeleteCluster(ctx, &ecs.DeleteClusterInput{Cluster: aws.String("c")}); err != nil {
		t.Fatal(err)
	}
	// The group's ARN is free again.
	mustASGProvider(t, e.client, "ec2")
}
