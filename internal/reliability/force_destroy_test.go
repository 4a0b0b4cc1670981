package reliability_test

import (
	"context"
	"errors"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"

	"github.com/ecsx/terraform-provider-ecsx/internal/acctest"
	"github.com/ecsx/terraform-provider-ecsx/internal/sandbox"
)

// TestForceDestroy_warnsAndResumes: the plan of a destroy of a cluster with
// force_destroy = true warns with what it will remove; a destroy
// interrupted in the middle of stopping the cluster's tasks leaves the
// cluster in the state, and the next destroy resumes, finishes and lists
// what it removed.
func TestForceDestroy_warnsAndResumes(t *testing.T) {
	acctest.SkipOnAWS(t)
	t.Parallel()
	// 100 ms per call: stopping 20 tasks takes 2 s, time to interrupt.
	sb, url, client := startSandbox(t, sandbox.Options{
		AccessKey: "test", SecretKey: "test",
		Latency: 100 * time.Millisecond,
	})
	ctx := t.Context()
	c := newCLI(t)
	c.write(cliProvider(url, "test", "test", "") + `
resource "ecsx_cluster" "busy" {
  name          = "busy"
  force_destroy = true
}
`)
	c.mustRun("apply", "-auto-approve", "-input=false", "-no-color")

	if _, err := sb.RegisterContainerInstances("", "", "busy", 2); err != nil {
		t.Fatal(err)
	}
	if _, err := client.CreateService(ctx, &ecs.CreateServiceInput{
		Cluster: aws.String("busy"), ServiceName: aws.String("web"), TaskDefinition: aws.String("web:1"),
		DesiredCount: aws.Int32(0), LaunchType: ecstypes.LaunchTypeEc2,
	}); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		out, err := client.RunTask(ctx, &ecs.RunTaskInput{
			Cluster: aws.String("busy"), TaskDefinition: aws.String("job:1"), Count: aws.Int32(10), LaunchType: ecstypes.LaunchTypeEc2,
		})
		if err != nil || len(out.Tasks) != 10 {
			t.Fatalf("RunTask: %v, %d tasks", err, len(out.Tasks))
		}
	}

	// Terraform wraps diagnostics: compare with single spaces.
	oneLine := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	plan := oneLine(c.mustRun("plan", "-destroy", "-input=false", "-no-color"))
	for _, want := range []string{
		"force_destroy will remove what runs in the cluster",
		"Destroying cluster busy with force_destroy = true first removes what runs in it:",
		"- 1 service: web - 20 tasks: ",
		"- 2 container instances: ",
	} {
		if !strings.Contains(plan, want) {
			t.Errorf("plan -destroy lacks %q:\n%s", want, plan)
		}
	}

	sb.ResetStats()
	runCtx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	cmd, out := c.command(runCtx, "destroy", "-auto-approve", "-input=false", "-no-color")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(60 * time.Second)
	for sb.Stats().Calls["StopTask"] < 3 {
		if time.Now().After(deadline) {
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
			t.Fatalf("the destroy stopped no task in time:\n%s", out)
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	err := cmd.Wait()
	var exitErr *exec.ExitError
	if !errors.As(err, &exitErr) {
		t.Fatalf("the interrupted destroy ended with %v, want a failure:\n%s", err, out)
	}
	stopped := sb.Stats().Calls["StopTask"]
	if stopped >= 20 {
		t.Fatalf("all %d tasks were stopped before the interrupt took effect:\n%s", stopped, out)
	}
	if state := c.mustRun("state", "list"); !strings.Contains(state, "ecsx_cluster.busy") {
		t.Fatalf("the interrupted destroy dropped the cluster from the state:\n%s", state)
	}
	running, err := client.ListTasks(ctx, &ecs.ListTasksInput{Cluster: aws.String("busy")})
	if err != nil || len(running.TaskArns) == 0 {
		t.Fatalf("after the interrupt: %v, %d tasks running, want some left", err, len(running.TaskArns))
	}
	t.Logf("interrupted after %d StopTask calls; %d tasks left", stopped, len(running.TaskArns))

	final := oneLine(c.mustRun("destroy", "-auto-approve", "-input=false", "-no-color"))
	for _, want := range []string{"force_destroy removed what ran in the cluster", "2 container instances:"} {
		if !strings.Contains(final, want) {
			t.Errorf("destroy output lacks %q:\n%s", want, final)
		}
	}
	if live, err := liveClusters(ctx, client); err != nil || len(live) != 0 {
		t.Fatalf("after the resumed destroy: clusters %v, error %v", live, err)
	}
	// The resumed destroy stops only what is still running; a call cut off
	// by the interrupt may be repeated.
	if calls := sb.Stats().Calls["StopTask"]; calls > 21 {
		t.Errorf("%d StopTask calls for 20 tasks: the resumed destroy repeated work", calls)
	}
}

// TestForceDestroy_warningMatchesReport: the plan's warning counts what the
// destroy then reports, in the same words: a cluster with 3 services (one
// running 2 tasks), 3 tasks of its own and 2 container instances is planned
// and reported as 3 services, 3 tasks and 2 container instances (a
// service's tasks stop with it and are in neither text).
func TestForceDestroy_warningMatchesReport(t *testing.T) {
	acctest.SkipOnAWS(t)
	t.Parallel()
	_, url, client := startSandbox(t, sandbox.Options{AccessKey: "test", SecretKey: "test"})
	ctx := t.Context()
	c := newCLI(t)
	c.write(cliProvider(url, "test", "test", "") + `
resource "ecsx_cluster" "busy" {
  name          = "busy"
  force_destroy = true
}
`)
	c.mustRun("apply", "-auto-approve", "-input=false", "-no-color")
	if err := busyCluster(ctx, client, "busy"); err != nil {
		t.Fatal(err)
	}

	oneLine := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	plan := oneLine(c.mustRun("plan", "-destroy", "-input=false", "-no-color"))
	report := oneLine(c.mustRun("destroy", "-auto-approve", "-input=false", "-no-color"))
	for _, want := range []string{"- 3 services: ", "- 3 tasks: ", "- 2 container instances: "} {
		if !strings.Contains(plan, want) {
			t.Errorf("plan -destroy lacks %q:\n%s", want, plan)
		}
		if !strings.Contains(report, want) {
			t.Errorf("destroy lacks %q:\n%s", want, report)
		}
	}
	for _, text := range []string{plan, report} {
		for _, wrong := range []string{"5 tasks", "running or pending"} {
			if strings.Contains(text, wrong) {
				t.Errorf("output counts a service's tasks (%q):\n%s", wrong, text)
			}
		}
	}
	if !strings.Contains(plan, "Destroying cluster busy with force_destroy = true first removes what runs in it:") ||
		!strings.Contains(report, "To delete cluster busy, force_destroy removed what ran in it:") {
		t.Errorf("warning or report heading missing:\nplan: %s\ndestroy: %s", plan, report)
	}
}

// busyCluster gives cluster 2 container instances, 3 services (web runs 2
// tasks) and 3 tasks that are no service's.
func busyCluster(ctx context.Context, client *ecs.Client, cluster string) error {
	for range 2 {
		_, err := client.RegisterContainerInstance(ctx, &ecs.RegisterContainerInstanceInput{Cluster: aws.String(cluster)})
		if err != nil {
			return err
		}
	}
	for name, desired := range map[string]int32{"web": 2, "worker": 0, "batch": 0} {
		_, err := client.CreateService(ctx, &ecs.CreateServiceInput{
			Cluster: aws.String(cluster), ServiceName: aws.String(name), TaskDefinition: aws.String(name + ":1"),
			DesiredCount: aws.Int32(desired), LaunchType: ecstypes.LaunchTypeEc2,
		})
		if err != nil {
			return err
		}
	}
	_, err := client.RunTask(ctx, &ecs.RunTaskInput{
		Cluster: aws.String(cluster), TaskDefinition: aws.String("job:1"), Count: aws.Int32(3), LaunchType: ecstypes.LaunchTypeEc2,
	})
	return err
}
