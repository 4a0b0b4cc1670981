package reliability_test

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"

	"github.com/ecsx/terraform-provider-ecsx/internal/sandbox"
)

// planConverged fails the test unless `terraform plan -detailed-exitcode`
// reports no change.
func planConverged(t *testing.T, c *cli) {
	t.Helper()
	out, err := c.run("plan", "-input=false", "-no-color", "-detailed-exitcode", "-parallelism=50")
	if err != nil {
		t.Fatalf("the plan after the apply is not empty (%v):\n%s", err, out)
	}
}

// stateMatchesSandbox fails the test when the state and the sandbox do not
// hold the same clusters.
func stateMatchesSandbox(t *testing.T, c *cli, client *ecs.Client) []showResource {
	t.Helper()
	js := c.mustRun("show", "-json")
	res := parseShow(t, js)
	live, err := liveClusters(context.Background(), client)
	if err != nil {
		t.Fatal(err)
	}
	if err := compareClusters(live, idsFromShowJSON(t, js)); err != nil {
		t.Fatal(err)
	}
	list := strings.Fields(c.mustRun("state", "list"))
	if len(list) != len(res) {
		t.Fatalf("terraform state list has %d entries, show -json %d", len(list), len(res))
	}
	return res
}

// TestInterrupt_applySIGINT interrupts `terraform apply` of 20 clusters
// while the provider waits for them to leave PROVISIONING (an Auto Scaling
// group capacity provider keeps them there for 4 s). Afterwards the state
// and the sandbox hold the same clusters, none of them tainted, and the next
// apply converges without replacing any.
func TestInterrupt_applySIGINT(t *testing.T) {
	longTest(t)
	t.Parallel()
	sb, url, client := startSandbox(t, sandbox.Options{
		ProvisionDelay:   4 * time.Second,
		DeprovisionDelay: 500 * time.Millisecond,
		AccessKey:        "test", SecretKey: "test",
	})
	ctx := t.Context()
	// An Auto Scaling group provider belongs to one cluster: one each.
	for i := range 20 {
		_, err := client.CreateCapacityProvider(ctx, &ecs.CreateCapacityProviderInput{
			Name: aws.String(fmt.Sprintf("asg-%d", i)),
			AutoScalingGroupProvider: &ecstypes.AutoScalingGroupProvider{
				AutoScalingGroupArn: aws.String(fmt.Sprintf("arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:11111111-2222-3333-4444-%012d:autoScalingGroupName/asg-%d", i, i)),
			},
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	c := newCLI(t)
	c.write(cliProvider(url, "test", "test", "") + `
resource "ecsx_cluster" "c" {
  count              = 20
  name               = "interrupted-${count.index}"
  capacity_providers = ["asg-${count.index}"]

  default_capacity_provider_strategy {
    capacity_provider = "asg-${count.index}"
    weight            = 1
  }
}
`)
	runCtx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	cmd, out := c.command(runCtx, "apply", "-auto-approve", "-input=false", "-no-color", "-parallelism=20")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Wait until ECS has seen the 20 creates, then interrupt during the wait
	// for ACTIVE.
	deadline := time.Now().Add(60 * time.Second)
	for {
		live, err := liveClusters(ctx, client)
		if err == nil && len(live) == 20 {
			break
		}
		if time.Now().After(deadline) {
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
			t.Fatalf("the 20 clusters were not created in time:\n%s", out)
		}
		time.Sleep(50 * time.Millisecond)
	}
	time.Sleep(500 * time.Millisecond)
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	err := cmd.Wait()
	var exitErr *exec.ExitError
	if err != nil && !errors.As(err, &exitErr) {
		t.Fatalf("terraform apply: %v\n%s", err, out)
	}
	if !strings.Contains(out.String(), "Interrupt received") {
		t.Fatalf("terraform did not see the interrupt:\n%s", out)
	}
	t.Logf("interrupted apply exited with %v", err)

	res := stateMatchesSandbox(t, c, client)
	tainted := 0
	for _, r := range res {
		if r.Tainted {
			tainted++
		}
	}
	t.Logf("after the interrupt: %d clusters in state and sandbox, %d tainted", len(res), tainted)
	// The clusters ECS accepted are sound (still PROVISIONING): the
	// interrupt must not condemn them to replacement.
	if tainted != 0 {
		t.Errorf("%d clusters tainted by the interrupt, want 0", tainted)
	}

	sb.ResetStats()
	c.mustRun("apply", "-auto-approve", "-input=false", "-no-color", "-parallelism=20")
	if n := sb.Stats().Calls["DeleteCluster"]; n != 0 {
		t.Errorf("the apply after the interrupt deleted %d clusters, want 0", n)
	}
	res = stateMatchesSandbox(t, c, client)
	if len(res) != 20 {
		t.Fatalf("after the second apply: %d clusters, want 20", len(res))
	}
	planConverged(t, c)

	// ECS finishes provisioning on its own; a refresh records it.
	time.Sleep(4 * time.Second)
	c.mustRun("apply", "-refresh-only", "-auto-approve", "-input=false", "-no-color", "-parallelism=20")
	res = stateMatchesSandbox(t, c, client)
	for _, r := range res {
		if r.Values["status"] != "ACTIVE" || r.Tainted {
			t.Errorf("%s: status %v, tainted %v", r.Address, r.Values["status"], r.Tainted)
		}
	}
	planConverged(t, c)
}

// TestConcurrency_200Clusters creates 200 clusters at -parallelism=50
// against a sandbox limited to 50 calls per second (burst 50), then updates
// all their tags: no error, and every cluster carries the configured tags
// (no lost update).
func TestConcurrency_200Clusters(t *testing.T) {
	longTest(t)
	t.Parallel()
	const n = 200
	sb, url, client := startSandbox(t, sandbox.Options{AccessKey: "test", SecretKey: "test"})
	sb.SetFault("", sandbox.Fault{RateLimit: 50, Burst: 50})
	c := newCLI(t)
	config := func(round string) string {
		return cliProvider(url, "test", "test", "  max_retries = 100") + fmt.Sprintf(`
resource "ecsx_cluster" "c" {
  count = %d
  name  = "busy-${count.index}"
  tags  = { round = %q, index = "${count.index}" }
}
`, n, round)
	}
	for _, round := range []string{"one", "two"} {
		c.write(config(round))
		start := time.Now()
		c.mustRun("apply", "-auto-approve", "-input=false", "-no-color", "-parallelism=50")
		t.Logf("round %s: apply of %d clusters in %v, %d calls throttled so far", round, n, time.Since(start).Round(time.Second), sb.Stats().Throttled)
	}
	if sb.Stats().Throttled == 0 {
		t.Fatal("no call was throttled: the rate limit was not exercised")
	}
	sb.ClearFaults()
	res := stateMatchesSandbox(t, c, client)
	if len(res) != n {
		t.Fatalf("%d clusters in state, want %d", len(res), n)
	}
	ctx := t.Context()
	wrong := 0
	for _, r := range res {
		arn, _ := r.Values["arn"].(string)
		out, err := client.ListTagsForResource(ctx, &ecs.ListTagsForResourceInput{ResourceArn: aws.String(arn)})
		if err != nil {
			t.Fatal(err)
		}
		idx := strings.TrimPrefix(arn[strings.LastIndex(arn, "/")+1:], "busy-")
		got := map[string]string{}
		for _, tag := range out.Tags {
			got[aws.ToString(tag.Key)] = aws.ToString(tag.Value)
		}
		if len(got) != 2 || got["round"] != "two" || got["index"] != idx {
			wrong++
			if wrong <= 5 {
				t.Errorf("%s: tags %v, want round=two index=%s", arn, got, idx)
			}
		}
	}
	if wrong > 0 {
		t.Fatalf("%d of %d clusters have lost a tag update", wrong, n)
	}
	planConverged(t, c)
}
