package sandbox_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/aws/aws-sdk-go-v2/service/ecs/types"

	"github.com/ecsx/terraform-provider-ecsx/internal/sandbox"
)

func mustService(t testing.TB, c *ecs.Client, cluster, name string, desired int32, lt types.LaunchType) *types.Service {
	t.Helper()
	out, err := c.CreateService(ctx, &ecs.CreateServiceInput{Cluster: aws.String(cluster), ServiceName: aws.String(name),
		TaskDefinition: aws.String("web:3"), DesiredCount: aws.Int32(desired), LaunchType: lt})
	if err != nil {
		t.Fatalf("CreateService(%s): %v", name, err)
	}
	return out.Service
}

func describeService(t testing.TB, c *ecs.Client, cluster, name string) *types.Service {
	t.Helper()
	out, err := c.DescribeServices(ctx, &ecs.DescribeServicesInput{Cluster: aws.String(cluster), Services: []string{name}})
	if err != nil || len(out.Services) != 1 {
		t.Fatalf("DescribeServices(%s): %+v %v", name, out, err)
	}
	return &out.Services[0]
}

func listTasks(t testing.TB, c *ecs.Client, in *ecs.ListTasksInput) []string {
	t.Helper()
	var arns []string
	p := ecs.NewListTasksPaginator(c, in)
	for p.HasMorePages() {
		out, err := p.NextPage(ctx)
		if err != nil {
			t.Fatalf("ListTasks: %v", err)
		}
		arns = append(arns, out.TaskArns...)
	}
	return arns
}

func TestCreateService(t *testing.T) {
	e := start(t, sandbox.Options{})
	mustCreate(t, e.client, &ecs.CreateClusterInput{ClusterName: aws.String("web")})
	out, err := e.client.CreateService(ctx, &ecs.CreateServiceInput{Cluster: aws.String("web"), ServiceName: aws.String("api"),
		TaskDefinition: aws.String("api"), DesiredCount: aws.Int32(3), LaunchType: types.LaunchTypeFargate,
		Tags: []types.Tag{tag("team", "a")}})
	if err != nil {
		t.Fatal(err)
	}
	sv := out.Service
	if got, want := aws.ToString(sv.ServiceArn), "arn:aws:ecs:us-east-1:123456789012:service/web/api"; got != want {
		t.Errorf("serviceArn %s, want %s", got, want)
	}
	if aws.ToString(sv.Status) != "ACTIVE" || sv.DesiredCount != 3 || sv.RunningCount != 3 || sv.LaunchType != types.LaunchTypeFargate ||
		aws.ToString(sv.ClusterArn) != "arn:aws:ecs:us-east-1:123456789012:cluster/web" ||
		aws.ToString(sv.TaskDefinition) != "arn:aws:ecs:us-east-1:123456789012:task-definition/api:1" ||
		tagsMap(sv.Tags)["team"] != "a" || sv.CreatedAt == nil || len(sv.Deployments) != 1 {
		t.Errorf("service %+v", sv)
	}
	arns := listTasks(t, e.client, &ecs.ListTasksInput{Cluster: aws.String("web"), ServiceName: aws.String("api")})
	if len(arns) != 3 {
		t.Fatalf("service tasks %v", arns)
	}
	tasks, err := e.client.DescribeTasks(ctx, &ecs.DescribeTasksInput{Cluster: aws.String("web"), Tasks: arns})
	if err != nil {
		t.Fatal(err)
	}
	for _, tk := range tasks.Tasks {
		if aws.ToString(tk.Group) != "service:api" || !strings.HasPrefix(aws.ToString(tk.StartedBy), "ecs-svc/") ||
			aws.ToString(tk.LastStatus) != "RUNNING" || !strings.HasPrefix(aws.ToString(tk.TaskArn), "arn:aws:ecs:us-east-1:123456789012:task/web/") {
			t.Errorf("task %+v", tk)
		}
	}
	if c := describe(t, e.client, "web"); c.ActiveServicesCount != 1 || c.RunningTasksCount != 3 {
		t.Errorf("cluster counts: services %d tasks %d", c.ActiveServicesCount, c.RunningTasksCount)
	}
	// The default cluster is used without cluster.
	mustCreate(t, e.client, &ecs.CreateClusterInput{})
	if _, err := e.client.CreateService(ctx, &ecs.CreateServiceInput{ServiceName: aws.String("d"), TaskDefinition: aws.String("x"),
		DesiredCount: aws.Int32(0)}); err != nil {
		t.Fatal(err)
	}
	describeService(t, e.client, "default", "d")
}

func TestCreateService_validation(t *testing.T) {
	e := start(t, sandbox.Options{ServiceDrainDelay: time.Minute})
	mustCreate(t, e.client, &ecs.CreateClusterInput{ClusterName: aws.String("v")})
	mustService(t, e.client, "v", "taken", 0, types.LaunchTypeFargate)
	mustService(t, e.client, "v", "draining", 0, types.LaunchTypeFargate)
	if _, err := e.client.DeleteService(ctx, &ecs.DeleteServiceInput{Cluster: aws.String("v"), Service: aws.String("draining")}); err != nil {
		t.Fatal(err)
	}
	base := func(mod func(*ecs.CreateServiceInput)) *ecs.CreateServiceInput {
		in := &ecs.CreateServiceInput{Cluster: aws.String("v"), ServiceName: aws.String("s"), TaskDefinition: aws.String("web"),
			DesiredCount: aws.Int32(1), LaunchType: types.LaunchTypeFargate}
		mod(in)
		return in
	}
	for _, tc := range []struct {
		name string
		in   *ecs.CreateServiceInput
		code string
		msg  string
	}{
		{"bad name", base(func(in *ecs.CreateServiceInput) { in.ServiceName = aws.String("no spaces") }), "InvalidParameterException", ""},
		{"no desired count", base(func(in *ecs.CreateServiceInput) { in.DesiredCount = nil }), "InvalidParameterException", ""},
		{"negative desired count", base(func(in *ecs.CreateServiceInput) { in.DesiredCount = aws.Int32(-1) }), "InvalidParameterException", ""},
		{"launch type and strategy", base(func(in *ecs.CreateServiceInput) {
			in.CapacityProviderStrategy = []types.CapacityProviderStrategyItem{{CapacityProvider: aws.String("FARGATE"), Weight: 1}}
		}), "InvalidParameterException", "Specifying both a launch type and capacity provider strategy is not supported. Remove one and try again."},
		{"provider not associated", base(func(in *ecs.CreateServiceInput) {
			in.LaunchType = ""
			in.CapacityProviderStrategy = []types.CapacityProviderStrategyItem{{CapacityProvider: aws.String("FARGATE"), Weight: 1}}
		}), "InvalidParameterException", ""},
		{"bad launch type", base(func(in *ecs.CreateServiceInput) { in.LaunchType = "MOON" }), "InvalidParameterException", ""},
		{"missing cluster", base(func(in *ecs.CreateServiceInput) { in.Cluster = aws.String("nope") }), "ClusterNotFoundException", ""},
		{"existing name", base(func(in *ecs.CreateServiceInput) { in.ServiceName = aws.String("taken") }), "InvalidParameterException", "Creation of service was not idempotent."},
		{"draining name", base(func(in *ecs.CreateServiceInput) { in.ServiceName = aws.String("draining") }), "InvalidParameterException", "Unable to Start a service that is still Draining."},
		{"reserved tag", base(func(in *ecs.CreateServiceInput) { in.Tags = []types.Tag{tag("aws:x", "1")} }), "InvalidParameterException", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := e.client.CreateService(ctx, tc.in)
			wantCode(t, err, tc.code)
			if tc.msg != "" && !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("message of %v, want %q", err, tc.msg)
			}
		})
	}
	// An associated provider is accepted.
	if _, err := e.client.PutClusterCapacityProviders(ctx, &ecs.PutClusterCapacityProvidersInput{Cluster: aws.String("v"),
		CapacityProviders: []string{"FARGATE"}, DefaultCapacityProviderStrategy: []types.CapacityProviderStrategyItem{}}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.client.CreateService(ctx, base(func(in *ecs.CreateServiceInput) {
		in.LaunchType = ""
		in.CapacityProviderStrategy = []types.CapacityProviderStrategyItem{{CapacityProvider: aws.String("FARGATE"), Weight: 1}}
	})); err != nil {
		t.Fatalf("strategy of an associated provider: %v", err)
	}
}

func TestListServices_paging(t *testing.T) {
	e := start(t, sandbox.Options{})
	mustCreate(t, e.client, &ecs.CreateClusterInput{ClusterName: aws.String("p")})
	want := map[string]bool{}
	for i := range 23 {
		sv := mustService(t, e.client, "p", fmt.Sprintf("svc-%02d", i), 0, types.LaunchTypeFargate)
		want[aws.ToString(sv.ServiceArn)] = true
	}
	first, err := e.client.ListServices(ctx, &ecs.ListServicesInput{Cluster: aws.String("p")})
	if err != nil || len(first.ServiceArns) != 10 || first.NextToken == nil {
		t.Fatalf("default page: %d services, token %v, %v", len(first.ServiceArns), first.NextToken, err)
	}
	for _, size := range []int32{1, 7, 100} {
		seen := map[string]bool{}
		pages := 0
		p := ecs.NewListServicesPaginator(e.client, &ecs.ListServicesInput{Cluster: aws.String("p"), MaxResults: aws.Int32(size)})
		for p.HasMorePages() {
			out, err := p.NextPage(ctx)
			if err != nil {
				t.Fatal(err)
			}
			pages++
			if len(out.ServiceArns) > int(size) {
				t.Fatalf("page of %d with maxResults %d", len(out.ServiceArns), size)
			}
			for _, a := range out.ServiceArns {
				if seen[a] {
					t.Fatalf("%s twice", a)
				}
				seen[a] = true
			}
		}
		if len(seen) != len(want) || pages != (23+int(size)-1)/int(size) {
			t.Errorf("maxResults %d: %d services in %d pages", size, len(seen), pages)
		}
	}
	for _, bad := range []*ecs.ListServicesInput{
		{Cluster: aws.String("p"), MaxResults: aws.Int32(0)},
		{Cluster: aws.String("p"), MaxResults: aws.Int32(101)},
		{Cluster: aws.String("p"), NextToken: aws.String("garbage!")},
	} {
		_, err := e.client.ListServices(ctx, bad)
		wantErr[*types.InvalidParameterException](t, err)
	}
	_, err = e.client.ListServices(ctx, &ecs.ListServicesInput{Cluster: aws.String("absent")})
	wantErr[*types.ClusterNotFoundException](t, err)
}

func TestDescribeServices(t *testing.T) {
	e := start(t, sandbox.Options{})
	mustCreate(t, e.client, &ecs.CreateClusterInput{ClusterName: aws.String("d")})
	sv := mustService(t, e.client, "d", "one", 0, types.LaunchTypeFargate)
	out, err := e.client.DescribeServices(ctx, &ecs.DescribeServicesInput{Cluster: aws.String("d"),
		Services: []string{"one", aws.ToString(sv.ServiceArn), "two"}, Include: []types.ServiceField{types.ServiceFieldTags}})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Services) != 2 || len(out.Failures) != 1 || out.Services[0].Tags == nil ||
		aws.ToString(out.Failures[0].Arn) != "arn:aws:ecs:us-east-1:123456789012:service/d/two" || aws.ToString(out.Failures[0].Reason) != "MISSING" {
		t.Errorf("describe %+v", out)
	}
	eleven := make([]string, 11)
	for i := range eleven {
		eleven[i] = "one"
	}
	_, err = e.client.DescribeServices(ctx, &ecs.DescribeServicesInput{Cluster: aws.String("d"), Services: eleven})
	wantErr[*types.InvalidParameterException](t, err)
}

func TestUpdateService(t *testing.T) {
	clock := newFakeClock()
	e := start(t, sandbox.Options{Now: clock.Now, ServiceDrainDelay: time.Minute})
	mustCreate(t, e.client, &ecs.CreateClusterInput{ClusterName: aws.String("u")})
	mustService(t, e.client, "u", "s", 2, types.LaunchTypeFargate)
	for _, n := range []int32{5, 1, 0, 2} {
		out, err := e.client.UpdateService(ctx, &ecs.UpdateServiceInput{Cluster: aws.String("u"), Service: aws.String("s"), DesiredCount: aws.Int32(n)})
		if err != nil {
			t.Fatal(err)
		}
		if out.Service.DesiredCount != n || out.Service.RunningCount != n {
			t.Errorf("desired %d: service %d/%d", n, out.Service.DesiredCount, out.Service.RunningCount)
		}
		if got := listTasks(t, e.client, &ecs.ListTasksInput{Cluster: aws.String("u"), ServiceName: aws.String("s")}); len(got) != int(n) {
			t.Errorf("desired %d: %d running tasks", n, len(got))
		}
	}
	if stopped := listTasks(t, e.client, &ecs.ListTasksInput{Cluster: aws.String("u"), DesiredStatus: types.DesiredStatusStopped}); len(stopped) != 5 {
		t.Errorf("scaled-in tasks stopped: %d", len(stopped))
	}
	_, err := e.client.UpdateService(ctx, &ecs.UpdateServiceInput{Cluster: aws.String("u"), Service: aws.String("absent"), DesiredCount: aws.Int32(1)})
	wantErr[*types.ServiceNotFoundException](t, err)
	if _, err := e.client.DeleteService(ctx, &ecs.DeleteServiceInput{Cluster: aws.String("u"), Service: aws.String("s"), Force: aws.Bool(true)}); err != nil {
		t.Fatal(err)
	}
	_, err = e.client.UpdateService(ctx, &ecs.UpdateServiceInput{Cluster: aws.String("u"), Service: aws.String("s"), DesiredCount: aws.Int32(1)})
	if nae := asErr[*types.ServiceNotActiveException](t, err); nae.ErrorMessage() != "Service was not ACTIVE." {
		t.Errorf("message %q", nae.ErrorMessage())
	}
}

// TestDeleteService: without force a service scaled above 0 is refused;
// deletion stops its tasks, the service is DRAINING (describable, not
// listed) for the drain delay and then INACTIVE.
func TestDeleteService(t *testing.T) {
	clock := newFakeClock()
	e := start(t, sandbox.Options{Now: clock.Now, ServiceDrainDelay: 30 * time.Second})
	mustCreate(t, e.client, &ecs.CreateClusterInput{ClusterName: aws.String("del")})
	mustService(t, e.client, "del", "up", 2, types.LaunchTypeFargate)

	_, err := e.client.DeleteService(ctx, &ecs.DeleteServiceInput{Cluster: aws.String("del"), Service: aws.String("up")})
	if ipe := asErr[*types.InvalidParameterException](t, err); ipe.ErrorMessage() != "The service cannot be stopped while it is scaled above 0." {
		t.Errorf("message %q", ipe.ErrorMessage())
	}
	out, err := e.client.DeleteService(ctx, &ecs.DeleteServiceInput{Cluster: aws.String("del"), Service: aws.String("up"), Force: aws.Bool(true)})
	if err != nil {
		t.Fatal(err)
	}
	if aws.ToString(out.Service.Status) != "DRAINING" || out.Service.DesiredCount != 0 {
		t.Errorf("deleted service %s desired %d", aws.ToString(out.Service.Status), out.Service.DesiredCount)
	}
	if running := listTasks(t, e.client, &ecs.ListTasksInput{Cluster: aws.String("del")}); len(running) != 0 {
		t.Errorf("tasks still running: %v", running)
	}
	list, _ := e.client.ListServices(ctx, &ecs.ListServicesInput{Cluster: aws.String("del")})
	if len(list.ServiceArns) != 0 {
		t.Errorf("DRAINING service listed: %v", list.ServiceArns)
	}
	_, err = e.client.DeleteService(ctx, &ecs.DeleteServiceInput{Cluster: aws.String("del"), Service: aws.String("up")})
	wantErr[*types.ServiceNotActiveException](t, err)

	clock.Advance(29 * time.Second)
	if sv := describeService(t, e.client, "del", "up"); aws.ToString(sv.Status) != "DRAINING" {
		t.Errorf("before the delay: %s", aws.ToString(sv.Status))
	}
	clock.Advance(time.Second)
	if sv := describeService(t, e.client, "del", "up"); aws.ToString(sv.Status) != "INACTIVE" {
		t.Errorf("after the delay: %s", aws.ToString(sv.Status))
	}
	// The name is free again.
	mustService(t, e.client, "del", "up", 0, types.LaunchTypeFargate)
	// INACTIVE services are forgotten after the inactive retention.
	mustService(t, e.client, "del", "old", 0, types.LaunchTypeFargate)
	if _, err := e.client.DeleteService(ctx, &ecs.DeleteServiceInput{Cluster: aws.String("del"), Service: aws.String("old")}); err != nil {
		t.Fatal(err)
	}
	clock.Advance(30*time.Second + time.Hour)
	d, err := e.client.DescribeServices(ctx, &ecs.DescribeServicesInput{Cluster: aws.String("del"), Services: []string{"old"}})
	if err != nil || len(d.Failures) != 1 || aws.ToString(d.Failures[0].Reason) != "MISSING" {
		t.Errorf("after the retention: %+v %v", d, err)
	}
	_, err = e.client.DeleteService(ctx, &ecs.DeleteServiceInput{Cluster: aws.String("del"), Service: aws.String("old")})
	wantErr[*types.ServiceNotFoundException](t, err)
}

func TestDeleteService_noDrainDelay(t *testing.T) {
	e := start(t, sandbox.Options{})
	mustCreate(t, e.client, &ecs.CreateClusterInput{ClusterName: aws.String("n")})
	mustService(t, e.client, "n", "s", 0, types.LaunchTypeFargate)
	out, err := e.client.DeleteService(ctx, &ecs.DeleteServiceInput{Cluster: aws.String("n"), Service: aws.String("s")})
	if err != nil || aws.ToString(out.Service.Status) != "INACTIVE" {
		t.Fatalf("DeleteService: %v %v", out, err)
	}
	if _, err := e.client.DeleteCluster(ctx, &ecs.DeleteClusterInput{Cluster: aws.String("n")}); err != nil {
		t.Fatalf("DeleteCluster after the deletion: %v", err)
	}
}
