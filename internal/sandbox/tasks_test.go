package sandbox_test

import (
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/aws/aws-sdk-go-v2/service/ecs/types"

	"github.com/ecsx/terraform-provider-ecsx/internal/sandbox"
)

func mustRun(t testing.TB, c *ecs.Client, in *ecs.RunTaskInput) []types.Task {
	t.Helper()
	out, err := c.RunTask(ctx, in)
	if err != nil {
		t.Fatalf("RunTask: %v", err)
	}
	if len(out.Failures) != 0 {
		t.Fatalf("RunTask failures %+v", out.Failures)
	}
	return out.Tasks
}

func TestRunTask(t *testing.T) {
	e := start(t, sandbox.Options{})
	mustCreate(t, e.client, &ecs.CreateClusterInput{ClusterName: aws.String("r")})
	tasks := mustRun(t, e.client, &ecs.RunTaskInput{Cluster: aws.String("r"), TaskDefinition: aws.String("job:2"),
		Count: aws.Int32(3), LaunchType: types.LaunchTypeFargate, StartedBy: aws.String("ci"), Tags: []types.Tag{tag("k", "v")}})
	if len(tasks) != 3 {
		t.Fatalf("%d tasks", len(tasks))
	}
	for _, tk := range tasks {
		if !strings.HasPrefix(aws.ToString(tk.TaskArn), "arn:aws:ecs:us-east-1:123456789012:task/r/") || len(aws.ToString(tk.TaskArn)) != len("arn:aws:ecs:us-east-1:123456789012:task/r/")+32 ||
			aws.ToString(tk.LastStatus) != "RUNNING" || aws.ToString(tk.DesiredStatus) != "RUNNING" || tk.LaunchType != types.LaunchTypeFargate ||
			aws.ToString(tk.Group) != "family:job" || aws.ToString(tk.StartedBy) != "ci" || tk.StartedAt == nil ||
			aws.ToString(tk.TaskDefinitionArn) != "arn:aws:ecs:us-east-1:123456789012:task-definition/job:2" || tagsMap(tk.Tags)["k"] != "v" {
			t.Errorf("task %+v", tk)
		}
	}
	if c := describe(t, e.client, "r", types.ClusterFieldStatistics); c.RunningTasksCount != 3 ||
		statistic(c, "RunningFargateTasksCount") != "3" || statistic(c, "runningEC2TasksCount") != "0" {
		t.Errorf("cluster counts %d, statistics %+v", c.RunningTasksCount, c.Statistics)
	}

	// EC2, explicitly or by default, needs a registered container instance.
	for _, lt := range []types.LaunchType{types.LaunchTypeEc2, ""} {
		_, err := e.client.RunTask(ctx, &ecs.RunTaskInput{Cluster: aws.String("r"), TaskDefinition: aws.String("job"), LaunchType: lt})
		if ipe := asErr[*types.InvalidParameterException](t, err); ipe.ErrorMessage() != "No Container Instances were found in your cluster." {
			t.Errorf("launch type %q: %q", lt, ipe.ErrorMessage())
		}
	}
	arns, err := e.srv.RegisterContainerInstances("", "", "r", 2)
	if err != nil {
		t.Fatal(err)
	}
	ec2 := mustRun(t, e.client, &ecs.RunTaskInput{Cluster: aws.String("r"), TaskDefinition: aws.String("job"), Count: aws.Int32(4)})
	perInstance := map[string]int{}
	for _, tk := range ec2 {
		if tk.LaunchType != types.LaunchTypeEc2 {
			t.Errorf("default launch type %s", tk.LaunchType)
		}
		perInstance[aws.ToString(tk.ContainerInstanceArn)]++
	}
	if perInstance[arns[0]] != 2 || perInstance[arns[1]] != 2 {
		t.Errorf("placement %v on %v", perInstance, arns)
	}

	// The cluster's default strategy applies without a launch type.
	if _, err := e.client.PutClusterCapacityProviders(ctx, &ecs.PutClusterCapacityProvidersInput{Cluster: aws.String("r"),
		CapacityProviders:               []string{"FARGATE_SPOT"},
		DefaultCapacityProviderStrategy: []types.CapacityProviderStrategyItem{{CapacityProvider: aws.String("FARGATE_SPOT"), Weight: 1}}}); err != nil {
		t.Fatal(err)
	}
	spot := mustRun(t, e.client, &ecs.RunTaskInput{Cluster: aws.String("r"), TaskDefinition: aws.String("job")})
	if aws.ToString(spot[0].CapacityProviderName) != "FARGATE_SPOT" || spot[0].LaunchType != types.LaunchTypeFargate || spot[0].ContainerInstanceArn != nil {
		t.Errorf("strategy task %+v", spot[0])
	}
}

func statistic(c *types.Cluster, name string) string {
	for _, kv := range c.Statistics {
		if aws.ToString(kv.Name) == name {
			return aws.ToString(kv.Value)
		}
	}
	return ""
}

func TestRunTask_validation(t *testing.T) {
	e := start(t, sandbox.Options{})
	mustCreate(t, e.client, &ecs.CreateClusterInput{ClusterName: aws.String("v")})
	gone := mustCreate(t, e.client, &ecs.CreateClusterInput{ClusterName: aws.String("gone")})
	if _, err := e.client.DeleteCluster(ctx, &ecs.DeleteClusterInput{Cluster: gone.ClusterName}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		in   ecs.RunTaskInput
		code string
	}{
		{"count 0", ecs.RunTaskInput{Count: aws.Int32(0)}, "InvalidParameterException"},
		{"count 11", ecs.RunTaskInput{Count: aws.Int32(11)}, "InvalidParameterException"},
		{"bad launch type", ecs.RunTaskInput{LaunchType: "MOON"}, "InvalidParameterException"},
		{"launch type and strategy", ecs.RunTaskInput{
			CapacityProviderStrategy: []types.CapacityProviderStrategyItem{{CapacityProvider: aws.String("FARGATE")}}}, "InvalidParameterException"},
		{"unknown cluster", ecs.RunTaskInput{Cluster: aws.String("nope")}, "ClusterNotFoundException"},
		{"inactive cluster", ecs.RunTaskInput{Cluster: aws.String("gone")}, "InvalidParameterException"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := tc.in
			if in.Cluster == nil {
				in.Cluster = aws.String("v")
			}
			in.TaskDefinition = aws.String("job")
			if in.LaunchType == "" {
				in.LaunchType = types.LaunchTypeFargate
			}
			_, err := e.client.RunTask(ctx, &in)
			wantCode(t, err, tc.code)
		})
	}
	// taskDefinition is required (the SDK checks it too).
	resp, m := post(t, e.http.URL, target+"RunTask", `{"cluster":"v","launchType":"FARGATE"}`)
	if resp.StatusCode != 400 || m["__type"] != "InvalidParameterException" {
		t.Errorf("no task definition: %d %v", resp.StatusCode, m)
	}
}

// TestStopTask: a stopped task no longer counts as running, is listed with
// desiredStatus STOPPED and describable for the stopped task retention, then
// gone; a service's stopped task is replaced while the service wants it.
func TestStopTask(t *testing.T) {
	clock := newFakeClock()
	e := start(t, sandbox.Options{Now: clock.Now, StoppedTaskRetention: 10 * time.Minute})
	mustCreate(t, e.client, &ecs.CreateClusterInput{ClusterName: aws.String("s")})
	tk := mustRun(t, e.client, &ecs.RunTaskInput{Cluster: aws.String("s"), TaskDefinition: aws.String("job"), LaunchType: types.LaunchTypeFargate})[0]
	out, err := e.client.StopTask(ctx, &ecs.StopTaskInput{Cluster: aws.String("s"), Task: tk.TaskArn, Reason: aws.String("done")})
	if err != nil {
		t.Fatal(err)
	}
	if st := out.Task; aws.ToString(st.LastStatus) != "STOPPED" || aws.ToString(st.DesiredStatus) != "STOPPED" ||
		aws.ToString(st.StoppedReason) != "done" || st.StopCode != types.TaskStopCodeUserInitiated || st.StoppedAt == nil {
		t.Errorf("stopped task %+v", st)
	}
	if c := describe(t, e.client, "s"); c.RunningTasksCount != 0 {
		t.Errorf("running %d", c.RunningTasksCount)
	}
	if got := listTasks(t, e.client, &ecs.ListTasksInput{Cluster: aws.String("s")}); len(got) != 0 {
		t.Errorf("RUNNING list %v", got)
	}
	if got := listTasks(t, e.client, &ecs.ListTasksInput{Cluster: aws.String("s"), DesiredStatus: types.DesiredStatusStopped}); len(got) != 1 {
		t.Errorf("STOPPED list %v", got)
	}
	// Stopping again answers the stopped task; the ID alone is accepted.
	id := aws.ToString(tk.TaskArn)[strings.LastIndex(aws.ToString(tk.TaskArn), "/")+1:]
	if again, err := e.client.StopTask(ctx, &ecs.StopTaskInput{Cluster: aws.String("s"), Task: aws.String(id)}); err != nil ||
		aws.ToString(again.Task.StoppedReason) != "done" {
		t.Errorf("second StopTask: %+v %v", again, err)
	}
	clock.Advance(10*time.Minute - time.Second)
	if d, _ := e.client.DescribeTasks(ctx, &ecs.DescribeTasksInput{Cluster: aws.String("s"), Tasks: []string{id}}); len(d.Tasks) != 1 {
		t.Errorf("within the retention: %+v", d)
	}
	clock.Advance(time.Second)
	d, err := e.client.DescribeTasks(ctx, &ecs.DescribeTasksInput{Cluster: aws.String("s"), Tasks: []string{id}})
	if err != nil || len(d.Tasks) != 0 || len(d.Failures) != 1 || aws.ToString(d.Failures[0].Reason) != "MISSING" ||
		aws.ToString(d.Failures[0].Arn) != aws.ToString(tk.TaskArn) {
		t.Errorf("after the retention: %+v %v", d, err)
	}
	_, err = e.client.StopTask(ctx, &ecs.StopTaskInput{Cluster: aws.String("s"), Task: aws.String(id)})
	wantErr[*types.InvalidParameterException](t, err)

	// The scheduler replaces a service's stopped task.
	mustService(t, e.client, "s", "svc", 2, types.LaunchTypeFargate)
	svcTasks := listTasks(t, e.client, &ecs.ListTasksInput{Cluster: aws.String("s"), ServiceName: aws.String("svc")})
	if _, err := e.client.StopTask(ctx, &ecs.StopTaskInput{Cluster: aws.String("s"), Task: aws.String(svcTasks[0])}); err != nil {
		t.Fatal(err)
	}
	after := listTasks(t, e.client, &ecs.ListTasksInput{Cluster: aws.String("s"), ServiceName: aws.String("svc")})
	if len(after) != 2 || after[0] == svcTasks[0] && after[1] == svcTasks[1] {
		t.Errorf("service tasks %v after stopping %s", after, svcTasks[0])
	}
	if sv := describeService(t, e.client, "s", "svc"); sv.RunningCount != 2 {
		t.Errorf("running count %d", sv.RunningCount)
	}
}

func TestListTasks(t *testing.T) {
	e := start(t, sandbox.Options{})
	mustCreate(t, e.client, &ecs.CreateClusterInput{ClusterName: aws.String("l")})
	arns, err := e.srv.RegisterContainerInstances("", "", "l", 1)
	if err != nil {
		t.Fatal(err)
	}
	mustRun(t, e.client, &ecs.RunTaskInput{Cluster: aws.String("l"), TaskDefinition: aws.String("a"), Count: aws.Int32(5), LaunchType: types.LaunchTypeFargate})
	mustRun(t, e.client, &ecs.RunTaskInput{Cluster: aws.String("l"), TaskDefinition: aws.String("b"), Count: aws.Int32(2), StartedBy: aws.String("me")})
	mustService(t, e.client, "l", "svc", 3, types.LaunchTypeFargate)

	seen := map[string]bool{}
	pages := 0
	p := ecs.NewListTasksPaginator(e.client, &ecs.ListTasksInput{Cluster: aws.String("l"), MaxResults: aws.Int32(3)})
	for p.HasMorePages() {
		out, err := p.NextPage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		pages++
		for _, a := range out.TaskArns {
			seen[a] = true
		}
	}
	if len(seen) != 10 || pages != 4 {
		t.Errorf("%d tasks in %d pages", len(seen), pages)
	}
	for name, tc := range map[string]struct {
		in   ecs.ListTasksInput
		want int
	}{
		"service":            {ecs.ListTasksInput{ServiceName: aws.String("svc")}, 3},
		"started by":         {ecs.ListTasksInput{StartedBy: aws.String("me")}, 2},
		"container instance": {ecs.ListTasksInput{ContainerInstance: aws.String(arns[0])}, 2},
		"family":             {ecs.ListTasksInput{Family: aws.String("a")}, 5},
		"launch type":        {ecs.ListTasksInput{LaunchType: types.LaunchTypeEc2}, 2},
		"pending":            {ecs.ListTasksInput{DesiredStatus: types.DesiredStatusPending}, 0},
		"stopped":            {ecs.ListTasksInput{DesiredStatus: types.DesiredStatusStopped}, 0},
	} {
		in := tc.in
		in.Cluster = aws.String("l")
		if got := listTasks(t, e.client, &in); len(got) != tc.want {
			t.Errorf("%s: %d tasks, want %d", name, len(got), tc.want)
		}
	}
	for _, bad := range []ecs.ListTasksInput{
		{MaxResults: aws.Int32(0)},
		{MaxResults: aws.Int32(101)},
		{DesiredStatus: "DONE"},
		{StartedBy: aws.String("me"), ServiceName: aws.String("svc")},
		{NextToken: aws.String("bm90IGEgdG9rZW4")},
	} {
		in := bad
		in.Cluster = aws.String("l")
		_, err := e.client.ListTasks(ctx, &in)
		wantErr[*types.InvalidParameterException](t, err)
	}
	hundredOne := make([]string, 101)
	for i := range hundredOne {
		hundredOne[i] = "x"
	}
	_, err = e.client.DescribeTasks(ctx, &ecs.DescribeTasksInput{Cluster: aws.String("l"), Tasks: hundredOne})
	wantErr[*types.InvalidParameterException](t, err)
}
