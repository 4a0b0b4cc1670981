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

func TestRegisterContainerInstance(t *testing.T) {
	e := start(t, sandbox.Options{})
	mustCreate(t, e.client, &ecs.CreateClusterInput{ClusterName: aws.String("ci")})
	out, err := e.client.RegisterContainerInstance(ctx, &ecs.RegisterContainerInstanceInput{Cluster: aws.String("ci"),
		InstanceIdentityDocument: aws.String(`{"instanceId":"i-0123456789abcdef0","region":"us-east-1"}`),
		TotalResources:           []types.Resource{{Name: aws.String("CPU"), Type: aws.String("INTEGER"), IntegerValue: 2048}},
		VersionInfo:              &types.VersionInfo{AgentVersion: aws.String("1.80.0")},
		Tags:                     []types.Tag{tag("k", "v")}})
	if err != nil {
		t.Fatal(err)
	}
	ci := out.ContainerInstance
	if !strings.HasPrefix(aws.ToString(ci.ContainerInstanceArn), "arn:aws:ecs:us-east-1:123456789012:container-instance/ci/") ||
		aws.ToString(ci.Ec2InstanceId) != "i-0123456789abcdef0" || aws.ToString(ci.Status) != "ACTIVE" || !ci.AgentConnected ||
		len(ci.RegisteredResources) != 1 || ci.RegisteredResources[0].IntegerValue != 2048 ||
		aws.ToString(ci.VersionInfo.AgentVersion) != "1.80.0" || tagsMap(ci.Tags)["k"] != "v" || ci.RegisteredAt == nil {
		t.Errorf("container instance %+v", ci)
	}
	// Re-registration keeps the instance.
	again, err := e.client.RegisterContainerInstance(ctx, &ecs.RegisterContainerInstanceInput{Cluster: aws.String("ci"), ContainerInstanceArn: ci.ContainerInstanceArn})
	if err != nil || aws.ToString(again.ContainerInstance.ContainerInstanceArn) != aws.ToString(ci.ContainerInstanceArn) {
		t.Errorf("re-registration: %+v %v", again, err)
	}
	// The hook and the admin endpoint register more.
	if _, err := e.srv.RegisterContainerInstances("", "", "ci", 2); err != nil {
		t.Fatal(err)
	}
	code, m := admin(t, "POST", e.http.URL+"/_sandbox/container-instances", `{"cluster":"ci","count":2}`)
	if arns, ok := m["containerInstanceArns"].([]any); code != 200 || !ok || len(arns) != 2 {
		t.Fatalf("admin: %d %v", code, m)
	}
	if code, _ := admin(t, "POST", e.http.URL+"/_sandbox/container-instances", `{"cluster":"missing"}`); code != 400 {
		t.Errorf("admin on a missing cluster: %d", code)
	}
	if c := describe(t, e.client, "ci"); c.RegisteredContainerInstancesCount != 5 {
		t.Errorf("registered %d", c.RegisteredContainerInstancesCount)
	}
	_, err = e.client.RegisterContainerInstance(ctx, &ecs.RegisterContainerInstanceInput{Cluster: aws.String("absent")})
	wantErr[*types.ClusterNotFoundException](t, err)
}

func TestListContainerInstances(t *testing.T) {
	e := start(t, sandbox.Options{})
	mustCreate(t, e.client, &ecs.CreateClusterInput{ClusterName: aws.String("li")})
	arns, err := e.srv.RegisterContainerInstances("", "us-east-1", "li", 7)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	p := ecs.NewListContainerInstancesPaginator(e.client, &ecs.ListContainerInstancesInput{Cluster: aws.String("li"), MaxResults: aws.Int32(2)})
	pages := 0
	for p.HasMorePages() {
		out, err := p.NextPage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		pages++
		for _, a := range out.ContainerInstanceArns {
			seen[a] = true
		}
	}
	if len(seen) != 7 || pages != 4 {
		t.Errorf("%d instances in %d pages", len(seen), pages)
	}
	for _, a := range arns {
		if !seen[a] {
			t.Errorf("%s not listed", a)
		}
	}
	for status, want := range map[types.ContainerInstanceStatus]int{"ACTIVE": 7, "DRAINING": 0, "REGISTERING": 0} {
		out, err := e.client.ListContainerInstances(ctx, &ecs.ListContainerInstancesInput{Cluster: aws.String("li"), Status: status})
		if err != nil || len(out.ContainerInstanceArns) != want {
			t.Errorf("status %s: %v %v", status, out, err)
		}
	}
	for _, bad := range []ecs.ListContainerInstancesInput{
		{Status: "INACTIVE"},
		{MaxResults: aws.Int32(101)},
		{NextToken: aws.String("%%%")},
	} {
		in := bad
		in.Cluster = aws.String("li")
		_, err := e.client.ListContainerInstances(ctx, &in)
		wantErr[*types.InvalidParameterException](t, err)
	}

	out, err := e.client.DescribeContainerInstances(ctx, &ecs.DescribeContainerInstancesInput{Cluster: aws.String("li"),
		ContainerInstances: []string{arns[0], arns[1][strings.LastIndex(arns[1], "/")+1:], "0123"}})
	if err != nil || len(out.ContainerInstances) != 2 || len(out.Failures) != 1 || aws.ToString(out.Failures[0].Reason) != "MISSING" ||
		aws.ToString(out.Failures[0].Arn) != "arn:aws:ecs:us-east-1:123456789012:container-instance/li/0123" {
		t.Errorf("describe %+v %v", out, err)
	}
}

// TestDeregisterContainerInstance: without force an instance that runs
// tasks is refused; with force it is INACTIVE, its tasks are orphaned (no
// longer listed or counted) and the scheduler replaces service tasks on
// another instance.
func TestDeregisterContainerInstance(t *testing.T) {
	clock := newFakeClock()
	e := start(t, sandbox.Options{Now: clock.Now})
	mustCreate(t, e.client, &ecs.CreateClusterInput{ClusterName: aws.String("dr")})
	arns, err := e.srv.RegisterContainerInstances("", "", "dr", 1)
	if err != nil {
		t.Fatal(err)
	}
	mustService(t, e.client, "dr", "svc", 2, types.LaunchTypeEc2)
	mustRun(t, e.client, &ecs.RunTaskInput{Cluster: aws.String("dr"), TaskDefinition: aws.String("job"), LaunchType: types.LaunchTypeEc2})

	_, err = e.client.DeregisterContainerInstance(ctx, &ecs.DeregisterContainerInstanceInput{Cluster: aws.String("dr"), ContainerInstance: aws.String(arns[0])})
	if ipe := asErr[*types.InvalidParameterException](t, err); ipe.ErrorMessage() != "Found running tasks on the instance." {
		t.Errorf("message %q", ipe.ErrorMessage())
	}
	more, err := e.srv.RegisterContainerInstances("", "", "dr", 1)
	if err != nil {
		t.Fatal(err)
	}
	out, err := e.client.DeregisterContainerInstance(ctx, &ecs.DeregisterContainerInstanceInput{Cluster: aws.String("dr"),
		ContainerInstance: aws.String(arns[0]), Force: aws.Bool(true)})
	if err != nil {
		t.Fatal(err)
	}
	if aws.ToString(out.ContainerInstance.Status) != "INACTIVE" {
		t.Errorf("status %s", aws.ToString(out.ContainerInstance.Status))
	}
	if got := listTasks(t, e.client, &ecs.ListTasksInput{Cluster: aws.String("dr"), ContainerInstance: aws.String(arns[0])}); len(got) != 0 {
		t.Errorf("orphaned tasks listed: %v", got)
	}
	onNew := listTasks(t, e.client, &ecs.ListTasksInput{Cluster: aws.String("dr"), ContainerInstance: aws.String(more[0])})
	if len(onNew) != 2 {
		t.Errorf("service tasks on the other instance: %v", onNew)
	}
	c := describe(t, e.client, "dr")
	if c.RegisteredContainerInstancesCount != 1 || c.RunningTasksCount != 2 {
		t.Errorf("cluster counts: instances %d tasks %d", c.RegisteredContainerInstancesCount, c.RunningTasksCount)
	}
	list, _ := e.client.ListContainerInstances(ctx, &ecs.ListContainerInstancesInput{Cluster: aws.String("dr")})
	if len(list.ContainerInstanceArns) != 1 || list.ContainerInstanceArns[0] != more[0] {
		t.Errorf("listed %v", list.ContainerInstanceArns)
	}
	// Deregistered instances are describable as INACTIVE during the
	// retention, and cannot be deregistered again.
	d, _ := e.client.DescribeContainerInstances(ctx, &ecs.DescribeContainerInstancesInput{Cluster: aws.String("dr"), ContainerInstances: []string{arns[0]}})
	if len(d.ContainerInstances) != 1 || aws.ToString(d.ContainerInstances[0].Status) != "INACTIVE" {
		t.Errorf("describe deregistered %+v", d)
	}
	_, err = e.client.DeregisterContainerInstance(ctx, &ecs.DeregisterContainerInstanceInput{Cluster: aws.String("dr"), ContainerInstance: aws.String(arns[0])})
	wantErr[*types.InvalidParameterException](t, err)
	clock.Advance(time.Hour)
	if d, _ := e.client.DescribeContainerInstances(ctx, &ecs.DescribeContainerInstancesInput{Cluster: aws.String("dr"), ContainerInstances: []string{arns[0]}}); len(d.Failures) != 1 {
		t.Errorf("after the retention %+v", d)
	}

	// Without an instance left, the service's tasks wait for one.
	if _, err := e.client.DeregisterContainerInstance(ctx, &ecs.DeregisterContainerInstanceInput{Cluster: aws.String("dr"),
		ContainerInstance: aws.String(more[0]), Force: aws.Bool(true)}); err != nil {
		t.Fatal(err)
	}
	if sv := describeService(t, e.client, "dr", "svc"); sv.RunningCount != 0 {
		t.Errorf("running without instances: %d", sv.RunningCount)
	}
	if _, err := e.srv.RegisterContainerInstances("", "", "dr", 1); err != nil {
		t.Fatal(err)
	}
	if sv := describeService(t, e.client, "dr", "svc"); sv.RunningCount != 2 {
		t.Errorf("running after a new instance: %d", sv.RunningCount)
	}
}
