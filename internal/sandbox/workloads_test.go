package sandbox_test

import (
	"bytes"
	"errors"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/aws/aws-sdk-go-v2/service/ecs/types"
	"github.com/aws/smithy-go"

	"github.com/ecsx/terraform-provider-ecsx/internal/sandbox"
)

// TestDeleteCluster_realObjects: DeleteCluster is refused with the
// ClusterContains* error of each kind of real object, container instances
// first, then services, then tasks, and allowed once they are gone.
func TestDeleteCluster_realObjects(t *testing.T) {
	clock := newFakeClock()
	e := start(t, sandbox.Options{Now: clock.Now, ServiceDrainDelay: time.Minute})
	c := e.client
	mustCreate(t, c, &ecs.CreateClusterInput{ClusterName: aws.String("full")})
	instances, err := e.srv.RegisterContainerInstances("", "", "full", 1)
	if err != nil {
		t.Fatal(err)
	}
	mustService(t, c, "full", "svc", 1, types.LaunchTypeEc2)
	job := mustRun(t, c, &ecs.RunTaskInput{Cluster: aws.String("full"), TaskDefinition: aws.String("job"), LaunchType: types.LaunchTypeFargate})[0]

	del := func() error {
		_, err := c.DeleteCluster(ctx, &ecs.DeleteClusterInput{Cluster: aws.String("full")})
		return err
	}
	steps := []struct {
		name  string
		check func(error)
		drain func()
	}{
		{"instances", func(err error) { wantErr[*types.ClusterContainsContainerInstancesException](t, err) }, func() {
			if _, err := c.DeregisterContainerInstance(ctx, &ecs.DeregisterContainerInstanceInput{Cluster: aws.String("full"),
				ContainerInstance: aws.String(instances[0]), Force: aws.Bool(true)}); err != nil {
				t.Fatal(err)
			}
		}},
		{"active service", func(err error) { wantErr[*types.ClusterContainsServicesException](t, err) }, func() {
			if _, err := c.DeleteService(ctx, &ecs.DeleteServiceInput{Cluster: aws.String("full"), Service: aws.String("svc"), Force: aws.Bool(true)}); err != nil {
				t.Fatal(err)
			}
		}},
		{"draining service", func(err error) { wantErr[*types.ClusterContainsServicesException](t, err) }, func() { clock.Advance(time.Minute) }},
		{"tasks", func(err error) { wantErr[*types.ClusterContainsTasksException](t, err) }, func() {
			if _, err := c.StopTask(ctx, &ecs.StopTaskInput{Cluster: aws.String("full"), Task: job.TaskArn}); err != nil {
				t.Fatal(err)
			}
		}},
	}
	for _, step := range steps {
		step.check(del())
		step.drain()
	}
	if err := del(); err != nil {
		t.Fatalf("DeleteCluster after draining: %v", err)
	}
	if cl := describe(t, c, "full"); aws.ToString(cl.Status) != "INACTIVE" {
		t.Errorf("status %s", aws.ToString(cl.Status))
	}
}

// TestWorkloads_withOccupants: the cluster counts and statistics add the
// real objects to the occupants, and each still blocks DeleteCluster alone.
func TestWorkloads_withOccupants(t *testing.T) {
	e := start(t, sandbox.Options{})
	mustCreate(t, e.client, &ecs.CreateClusterInput{ClusterName: aws.String("o")})
	if err := e.srv.SetOccupants("", "", "o", sandbox.Occupants{RunningTasks: 2, ActiveServices: 1, DrainingServices: 1, ContainerInstances: 1}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.srv.RegisterContainerInstances("", "", "o", 2); err != nil {
		t.Fatal(err)
	}
	mustService(t, e.client, "o", "f", 2, types.LaunchTypeFargate)
	mustRun(t, e.client, &ecs.RunTaskInput{Cluster: aws.String("o"), TaskDefinition: aws.String("j"), Count: aws.Int32(3)})
	c := describe(t, e.client, "o", types.ClusterFieldStatistics)
	if c.RegisteredContainerInstancesCount != 3 || c.RunningTasksCount != 7 || c.ActiveServicesCount != 2 {
		t.Errorf("counts: instances %d tasks %d services %d", c.RegisteredContainerInstancesCount, c.RunningTasksCount, c.ActiveServicesCount)
	}
	for name, want := range map[string]string{
		"runningEC2TasksCount": "5", "RunningFargateTasksCount": "2", "activeEC2ServiceCount": "1",
		"activeFargateServiceCount": "1", "drainingEC2ServiceCount": "1", "pendingEC2TasksCount": "0",
	} {
		if got := statistic(c, name); got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	// Clearing the occupants leaves the real objects in charge.
	if err := e.srv.SetOccupants("", "", "o", sandbox.Occupants{}); err != nil {
		t.Fatal(err)
	}
	_, err := e.client.DeleteCluster(ctx, &ecs.DeleteClusterInput{Cluster: aws.String("o")})
	wantErr[*types.ClusterContainsContainerInstancesException](t, err)
}

// TestWorkloads_forceDestroy drives the sequence a provider uses to drain a
// cluster through the SDK: scale and delete the services, stop the tasks,
// deregister the container instances, delete the cluster.
func TestWorkloads_forceDestroy(t *testing.T) {
	e := start(t, sandbox.Options{})
	c := e.client
	mustCreate(t, c, &ecs.CreateClusterInput{ClusterName: aws.String("fd")})
	if _, err := c.RegisterContainerInstance(ctx, &ecs.RegisterContainerInstanceInput{Cluster: aws.String("fd")}); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"a", "b", "c"} {
		mustService(t, c, "fd", name, 2, types.LaunchTypeEc2)
	}
	mustRun(t, c, &ecs.RunTaskInput{Cluster: aws.String("fd"), TaskDefinition: aws.String("batch"), Count: aws.Int32(4)})

	services := ecs.NewListServicesPaginator(c, &ecs.ListServicesInput{Cluster: aws.String("fd"), MaxResults: aws.Int32(2)})
	for services.HasMorePages() {
		page, err := services.NextPage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, arn := range page.ServiceArns {
			if _, err := c.UpdateService(ctx, &ecs.UpdateServiceInput{Cluster: aws.String("fd"), Service: aws.String(arn), DesiredCount: aws.Int32(0)}); err != nil {
				t.Fatal(err)
			}
			if _, err := c.DeleteService(ctx, &ecs.DeleteServiceInput{Cluster: aws.String("fd"), Service: aws.String(arn)}); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, arn := range listTasks(t, c, &ecs.ListTasksInput{Cluster: aws.String("fd"), MaxResults: aws.Int32(3)}) {
		if _, err := c.StopTask(ctx, &ecs.StopTaskInput{Cluster: aws.String("fd"), Task: aws.String(arn), Reason: aws.String("force_destroy")}); err != nil {
			t.Fatal(err)
		}
	}
	instances := ecs.NewListContainerInstancesPaginator(c, &ecs.ListContainerInstancesInput{Cluster: aws.String("fd")})
	for instances.HasMorePages() {
		page, err := instances.NextPage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, arn := range page.ContainerInstanceArns {
			if _, err := c.DeregisterContainerInstance(ctx, &ecs.DeregisterContainerInstanceInput{Cluster: aws.String("fd"), ContainerInstance: aws.String(arn)}); err != nil {
				t.Fatal(err)
			}
		}
	}
	if _, err := c.DeleteCluster(ctx, &ecs.DeleteClusterInput{Cluster: aws.String("fd")}); err != nil {
		t.Fatalf("DeleteCluster: %v", err)
	}
}

func TestWorkloads_persistAndReset(t *testing.T) {
	clock := newFakeClock()
	e := start(t, sandbox.Options{Now: clock.Now, ServiceDrainDelay: time.Minute})
	mustCreate(t, e.client, &ecs.CreateClusterInput{ClusterName: aws.String("p")})
	arns, err := e.srv.RegisterContainerInstances("", "", "p", 1)
	if err != nil {
		t.Fatal(err)
	}
	mustService(t, e.client, "p", "keep", 2, types.LaunchTypeEc2)
	mustService(t, e.client, "p", "drain", 0, types.LaunchTypeFargate)
	if _, err := e.client.DeleteService(ctx, &ecs.DeleteServiceInput{Cluster: aws.String("p"), Service: aws.String("drain")}); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := e.srv.WriteState(&buf); err != nil {
		t.Fatal(err)
	}
	e2 := start(t, sandbox.Options{Now: clock.Now, ServiceDrainDelay: time.Minute})
	if err := e2.srv.ReadState(&buf); err != nil {
		t.Fatal(err)
	}
	if sv := describeService(t, e2.client, "p", "keep"); sv.RunningCount != 2 {
		t.Errorf("restored service running %d", sv.RunningCount)
	}
	if got := listTasks(t, e2.client, &ecs.ListTasksInput{Cluster: aws.String("p"), ContainerInstance: aws.String(arns[0])}); len(got) != 2 {
		t.Errorf("restored tasks on the instance %v", got)
	}
	if sv := describeService(t, e2.client, "p", "drain"); aws.ToString(sv.Status) != "DRAINING" {
		t.Errorf("restored draining service %s", aws.ToString(sv.Status))
	}
	clock.Advance(time.Minute)
	if sv := describeService(t, e2.client, "p", "drain"); aws.ToString(sv.Status) != "INACTIVE" {
		t.Errorf("restored drain ends: %s", aws.ToString(sv.Status))
	}

	e2.srv.Reset()
	_, err = e2.client.ListServices(ctx, &ecs.ListServicesInput{Cluster: aws.String("p")})
	wantErr[*types.ClusterNotFoundException](t, err)
}

// TestWorkloads_faultsAndLimits: the new operations go through the faults,
// and the ECS limits throttle them with their documented buckets: the
// cluster resource read actions (ListTasks) take 100 at once, then 20 per
// second.
func TestWorkloads_faultsAndLimits(t *testing.T) {
	clock := newFakeClock()
	e := start(t, sandbox.Options{Now: clock.Now, ECSLimits: true})
	mustCreate(t, e.client, &ecs.CreateClusterInput{ClusterName: aws.String("f")})
	e.srv.SetFault("RunTask", sandbox.Fault{Error: "AccessDeniedException"})
	_, err := e.client.RunTask(ctx, &ecs.RunTaskInput{Cluster: aws.String("f"), TaskDefinition: aws.String("j"), LaunchType: types.LaunchTypeFargate})
	wantErr[*types.AccessDeniedException](t, err)
	e.srv.ClearFaults()
	isThrottled := func(err error) bool {
		var apiErr smithy.APIError
		return errors.As(err, &apiErr) && apiErr.ErrorCode() == "ThrottlingException"
	}
	listTasks := func() error {
		_, err := e.client.ListTasks(ctx, &ecs.ListTasksInput{Cluster: aws.String("f")})
		return err
	}
	for i := range 100 {
		if err := listTasks(); err != nil {
			t.Fatalf("ListTasks %d of the burst of 100: %v", i+1, err)
		}
	}
	if err := listTasks(); !isThrottled(err) {
		t.Fatalf("ListTasks 101 with the bucket empty: %v, want ThrottlingException", err)
	}
	clock.Advance(time.Second)
	for i := range 20 {
		if err := listTasks(); err != nil {
			t.Fatalf("ListTasks %d of the 20 refilled in a second: %v", i+1, err)
		}
	}
	if err := listTasks(); !isThrottled(err) {
		t.Fatalf("ListTasks beyond the refill: %v, want ThrottlingException", err)
	}
	if st := e.srv.Stats(); st.Calls["ListTasks"] != 122 || st.Calls["RunTask"] != 1 || st.ThrottledCalls["ListTasks"] != 2 {
		t.Errorf("calls %v, throttled %v", st.Calls, st.ThrottledCalls)
	}
}
