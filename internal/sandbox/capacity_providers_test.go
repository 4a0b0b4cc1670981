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

func TestCreateCapacityProvider(t *testing.T) {
	e := start(t, sandbox.Options{})
	p := mustASGProvider(t, e.client, "cp1")
	if aws.ToString(p.CapacityProviderArn) != "arn:aws:ecs:us-east-1:123456789012:capacity-provider/cp1" || p.Status != "ACTIVE" ||
		p.Type != types.CapacityProviderTypeEc2Autoscaling {
		t.Errorf("provider %+v", p)
	}
	ms := p.AutoScalingGroupProvider.ManagedScaling
	if aws.ToInt32(ms.TargetCapacity) != 80 || aws.ToInt32(ms.MinimumScalingStepSize) != 1 || aws.ToInt32(ms.MaximumScalingStepSize) != 10000 || aws.ToInt32(ms.InstanceWarmupPeriod) != 300 {
		t.Errorf("managed scaling defaults %+v", ms)
	}
	if p.AutoScalingGroupProvider.ManagedTerminationProtection != types.ManagedTerminationProtectionDisabled || p.Tags == nil {
		t.Errorf("provider %+v", p.AutoScalingGroupProvider)
	}

	asg := func(name string) *types.AutoScalingGroupProvider {
		return &types.AutoScalingGroupProvider{AutoScalingGroupArn: aws.String("arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:x:autoScalingGroupName/" + name)}
	}
	// Reusing an ASG, a name, a built-in name.
	_, err := e.client.CreateCapacityProvider(ctx, &ecs.CreateCapacityProviderInput{Name: aws.String("cp2"),
		AutoScalingGroupProvider: &types.AutoScalingGroupProvider{AutoScalingGroupArn: p.AutoScalingGroupProvider.AutoScalingGroupArn}})
	ce := asErr[*types.ClientException](t, err)
	if !strings.Contains(ce.ErrorMessage(), "already being used by another capacity provider") {
		t.Errorf("message %q", ce.ErrorMessage())
	}
	_, err = e.client.CreateCapacityProvider(ctx, &ecs.CreateCapacityProviderInput{Name: aws.String("cp1"), AutoScalingGroupProvider: asg("other")})
	wantErr[*types.ClientException](t, err)
	_, err = e.client.CreateCapacityProvider(ctx, &ecs.CreateCapacityProviderInput{Name: aws.String("FARGATE"), AutoScalingGroupProvider: asg("f")})
	wantErr[*types.ClientException](t, err)

	for name, in := range map[string]*ecs.CreateCapacityProviderInput{
		"prefix aws":     {Name: aws.String("awsThing"), AutoScalingGroupProvider: asg("a")},
		"prefix ECS":     {Name: aws.String("ECS-x"), AutoScalingGroupProvider: asg("a")},
		"prefix fargate": {Name: aws.String("fargate2"), AutoScalingGroupProvider: asg("a")},
		"bad chars":      {Name: aws.String("a b"), AutoScalingGroupProvider: asg("a")},
		"no config":      {Name: aws.String("none")},
		"bad arn":        {Name: aws.String("x1"), AutoScalingGroupProvider: &types.AutoScalingGroupProvider{AutoScalingGroupArn: aws.String("asg")}},
		"target 0": {Name: aws.String("x2"), AutoScalingGroupProvider: &types.AutoScalingGroupProvider{AutoScalingGroupArn: asg("b").AutoScalingGroupArn,
			ManagedScaling: &types.ManagedScaling{TargetCapacity: aws.Int32(101)}}},
		"step": {Name: aws.String("x3"), AutoScalingGroupProvider: &types.AutoScalingGroupProvider{AutoScalingGroupArn: asg("c").AutoScalingGroupArn,
			ManagedScaling: &types.ManagedScaling{MaximumScalingStepSize: aws.Int32(10001)}}},
		"tags":               {Name: aws.String("x4"), AutoScalingGroupProvider: asg("d"), Tags: []types.Tag{{Key: aws.String("aws:x"), Value: aws.String("v")}}},
		"mi without cluster": {Name: aws.String("x5"), ManagedInstancesProvider: miConfig()},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := e.client.CreateCapacityProvider(ctx, in)
			wantErr[*types.InvalidParameterException](t, err)
		})
	}
	_, err = e.client.CreateCapacityProvider(ctx, &ecs.CreateCapacityProviderInput{Name: aws.String("x6"), Cluster: aws.String("missing"),
		ManagedInstancesProvider: miConfig()})
	wantErr[*types.ClusterNotFoundException](t, err)
}

// Checklist §9.8.
func TestDescribeAndDeleteCapacityProviders(t *testing.T) {
	e := start(t, sandbox.Options{})
	out, err := e.client.DescribeCapacityProviders(ctx, &ecs.DescribeCapacityProvidersInput{})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.CapacityProviders) != 2 || aws.ToString(out.CapacityProviders[0].Name) != "FARGATE" || aws.ToString(out.CapacityProviders[1].Name) != "FARGATE_SPOT" ||
		aws.ToString(out.CapacityProviders[0].CapacityProviderArn) != "arn:aws:ecs:us-east-1:123456789012:capacity-provider/FARGATE" ||
		string(out.CapacityProviders[0].Status) != "ACTIVE" || out.CapacityProviders[0].AutoScalingGroupProvider != nil {
		t.Fatalf("built-ins %+v", out.CapacityProviders)
	}
	for i := range 11 {
		mustASGProvider(t, e.client, fmt.Sprintf("p%02d", i))
	}
	var names []string
	var token *string
	for pages := 0; ; pages++ {
		page, err := e.client.DescribeCapacityProviders(ctx, &ecs.DescribeCapacityProvidersInput{MaxResults: aws.Int32(4), NextToken: token})
		if err != nil || pages > 10 {
			t.Fatal(err, pages)
		}
		for _, p := range page.CapacityProviders {
			names = append(names, aws.ToString(p.Name))
		}
		if token = page.NextToken; token == nil {
			break
		}
	}
	if len(names) != 13 || names[2] != "p00" {
		t.Errorf("paged names %v", names)
	}
	_, err = e.client.DescribeCapacityProviders(ctx, &ecs.DescribeCapacityProvidersInput{MaxResults: aws.Int32(11)})
	wantErr[*types.InvalidParameterException](t, err)

	if _, err := e.client.TagResource(ctx, &ecs.TagResourceInput{ResourceArn: aws.String("arn:aws:ecs:us-east-1:123456789012:capacity-provider/p01"),
		Tags: []types.Tag{{Key: aws.String("team"), Value: aws.String("a")}}}); err != nil {
		t.Fatal(err)
	}
	out, _ = e.client.DescribeCapacityProviders(ctx, &ecs.DescribeCapacityProvidersInput{
		CapacityProviders: []string{"p01", "arn:aws:ecs:us-east-1:123456789012:capacity-provider/p02", "nope", "FARGATE_SPOT"},
		Include:           []types.CapacityProviderField{types.CapacityProviderFieldTags},
	})
	if len(out.CapacityProviders) != 3 || len(out.Failures) != 1 ||
		aws.ToString(out.Failures[0].Arn) != "arn:aws:ecs:us-east-1:123456789012:capacity-provider/nope" || aws.ToString(out.Failures[0].Reason) != "MISSING" {
		t.Fatalf("by name %+v", out)
	}
	if tagsMap(out.CapacityProviders[0].Tags)["team"] != "a" {
		t.Errorf("tags %+v", out.CapacityProviders[0].Tags)
	}
	out, _ = e.client.DescribeCapacityProviders(ctx, &ecs.DescribeCapacityProvidersInput{CapacityProviders: []string{"p01"}})
	if out.CapacityProviders[0].Tags != nil {
		t.Errorf("tags without include")
	}

	// Deleting an associated provider: success with DELETE_FAILED.
	mustCreate(t, e.client, &ecs.CreateClusterInput{ClusterName: aws.String("c"), CapacityProviders: []string{"p01"}})
	del, err := e.client.DeleteCapacityProvider(ctx, &ecs.DeleteCapacityProviderInput{CapacityProvider: aws.String("p01")})
	if err != nil {
		t.Fatal(err)
	}
	if string(del.CapacityProvider.Status) != "ACTIVE" || del.CapacityProvider.UpdateStatus != types.CapacityProviderUpdateStatusDeleteFailed ||
		aws.ToString(del.CapacityProvider.UpdateStatusReason) != "The capacity provider cannot be deleted because it is associated with cluster: c. Remove the capacity provider from the cluster and try again." {
		t.Errorf("associated delete %+v", del.CapacityProvider)
	}

	// A free provider: DELETE_IN_PROGRESS, then INACTIVE/DELETE_COMPLETE.
	del, err = e.client.DeleteCapacityProvider(ctx, &ecs.DeleteCapacityProviderInput{CapacityProvider: aws.String("arn:aws:ecs:us-east-1:123456789012:capacity-provider/p02")})
	if err != nil || string(del.CapacityProvider.Status) != "ACTIVE" || del.CapacityProvider.UpdateStatus != types.CapacityProviderUpdateStatusDeleteInProgress {
		t.Fatalf("delete %+v %v", del, err)
	}
	out, _ = e.client.DescribeCapacityProviders(ctx, &ecs.DescribeCapacityProvidersInput{CapacityProviders: []string{"p02"}})
	if string(out.CapacityProviders[0].Status) != "INACTIVE" || out.CapacityProviders[0].UpdateStatus != types.CapacityProviderUpdateStatusDeleteComplete {
		t.Errorf("after delete %+v", out.CapacityProviders[0])
	}
	// The name and the ASG can be reused.
	mustASGProvider(t, e.client, "p02")

	_, err = e.client.DeleteCapacityProvider(ctx, &ecs.DeleteCapacityProviderInput{CapacityProvider: aws.String("nope")})
	ce := asErr[*types.ClientException](t, err)
	if ce.ErrorMessage() != "The specified capacity provider does not exist. Specify a valid name or ARN and try again." {
		t.Errorf("message %q", ce.ErrorMessage())
	}
	_, err = e.client.DeleteCapacityProvider(ctx, &ecs.DeleteCapacityProviderInput{CapacityProvider: aws.String("FARGATE")})
	wantErr[*types.ClientException](t, err)
	_, err = e.client.DescribeCapacityProviders(ctx, &ecs.DescribeCapacityProvidersInput{Cluster: aws.String("nope")})
	wantErr[*types.ClusterNotFoundException](t, err)
}

func TestProviderDeletionDelay(t *testing.T) {
	clock := newFakeClock()
	e := start(t, sandbox.Options{Now: clock.Now, DeprovisionDelay: 10 * time.Second, InactiveRetention: time.Minute})
	mustASGProvider(t, e.client, "slow")
	if _, err := e.client.DeleteCapacityProvider(ctx, &ecs.DeleteCapacityProviderInput{CapacityProvider: aws.String("slow")}); err != nil {
		t.Fatal(err)
	}
	status := func() string {
		out, _ := e.client.DescribeCapacityProviders(ctx, &ecs.DescribeCapacityProvidersInput{CapacityProviders: []string{"slow"}})
		if len(out.CapacityProviders) == 0 {
			return "MISSING"
		}
		return string(out.CapacityProviders[0].Status) + "/" + string(out.CapacityProviders[0].UpdateStatus)
	}
	if s := status(); s != "DEPROVISIONING/DELETE_IN_PROGRESS" {
		t.Errorf("during %s", s)
	}
	// While deleting it cannot be associated.
	_, err := e.client.CreateCluster(ctx, &ecs.CreateClusterInput{ClusterName: aws.String("x"), CapacityProviders: []string{"slow"}})
	wantErr[*types.InvalidParameterException](t, err)
	clock.Advance(10 * time.Second)
	if s := status(); s != "INACTIVE/DELETE_COMPLETE" {
		t.Errorf("after %s", s)
	}
	clock.Advance(time.Minute)
	if s := status(); s != "MISSING" {
		t.Errorf("after retention %s", s)
	}
}

func TestPutClusterCapacityProviders(t *testing.T) {
	e := start(t, sandbox.Options{})
	mustCreate(t, e.client, &ecs.CreateClusterInput{ClusterName: aws.String("c")})
	mustASGProvider(t, e.client, "asg1")
	mustASGProvider(t, e.client, "asg2")

	put := func(cluster string, providers []string, strategy []types.CapacityProviderStrategyItem) (*types.Cluster, error) {
		out, err := e.client.PutClusterCapacityProviders(ctx, &ecs.PutClusterCapacityProvidersInput{
			Cluster: aws.String(cluster), CapacityProviders: providers, DefaultCapacityProviderStrategy: strategy})
		if err != nil {
			return nil, err
		}
		return out.Cluster, nil
	}
	c, err := put("c", []string{"FARGATE", "asg1"}, []types.CapacityProviderStrategyItem{
		{CapacityProvider: aws.String("asg1"), Weight: 1, Base: 2}, {CapacityProvider: aws.String("FARGATE"), Weight: 3}})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(c.CapacityProviders, ",") != "FARGATE,asg1" || len(c.DefaultCapacityProviderStrategy) != 2 ||
		c.DefaultCapacityProviderStrategy[0].Base != 2 || c.DefaultCapacityProviderStrategy[1].Weight != 3 {
		t.Errorf("stored %+v", c)
	}
	if aws.ToString(c.Status) != "ACTIVE" || aws.ToString(c.AttachmentsStatus) != "UPDATE_COMPLETE" || c.Settings == nil {
		t.Errorf("status %s %s", aws.ToString(c.Status), aws.ToString(c.AttachmentsStatus))
	}
	types_ := map[string]bool{}
	for _, a := range c.Attachments {
		types_[aws.ToString(a.Type)] = true
	}
	if !types_["asp"] || !types_["as_policy"] || !types_["managed_draining"] {
		t.Errorf("attachments %+v", c.Attachments)
	}
	// Raw JSON echoes base and weight even when 0.
	_, m := post(t, e.http.URL, target+"DescribeClusters", `{"clusters":["c"]}`)
	item, _ := dig(t, m, "clusters", 0, "defaultCapacityProviderStrategy", 1).(map[string]any)
	if _, ok := item["base"]; !ok {
		t.Errorf("base 0 not echoed: %v", item)
	}

	checkStrategyRules(t, e, put)

	// An ASG provider belongs to one cluster.
	mustCreate(t, e.client, &ecs.CreateClusterInput{ClusterName: aws.String("other")})
	_, err = put("other", []string{"asg1"}, []types.CapacityProviderStrategyItem{})
	wantErr[*types.InvalidParameterException](t, err)
	_, err = e.client.CreateCluster(ctx, &ecs.CreateClusterInput{ClusterName: aws.String("third"), CapacityProviders: []string{"asg1"}})
	wantErr[*types.InvalidParameterException](t, err)

	// Removing a provider of the default strategy while tasks run.
	if _, err := put("c", []string{"FARGATE", "asg1"}, []types.CapacityProviderStrategyItem{{CapacityProvider: aws.String("asg1"), Weight: 1}}); err != nil {
		t.Fatal(err)
	}
	if err := e.srv.SetOccupants("", "", "c", sandbox.Occupants{RunningTasks: 1}); err != nil {
		t.Fatal(err)
	}
	_, err = put("c", []string{"FARGATE"}, []types.CapacityProviderStrategyItem{})
	wantErr[*types.ResourceInUseException](t, err)
	if err := e.srv.SetOccupants("", "", "c", sandbox.Occupants{}); err != nil {
		t.Fatal(err)
	}

	// [] / [] clears both lists and frees the provider.
	c, err = put("c", []string{}, []types.CapacityProviderStrategyItem{})
	if err != nil || len(c.CapacityProviders) != 0 || len(c.DefaultCapacityProviderStrategy) != 0 {
		t.Fatalf("clear: %+v %v", c, err)
	}
	for _, a := range c.Attachments {
		if aws.ToString(a.Type) == "asp" {
			t.Errorf("asp attachment left: %+v", a)
		}
	}
	if _, err := put("other", []string{"asg1"}, []types.CapacityProviderStrategyItem{}); err != nil {
		t.Errorf("freed provider: %v", err)
	}

	_, err = put("missing", []string{}, []types.CapacityProviderStrategyItem{})
	wantErr[*types.ClusterNotFoundException](t, err)
	if err := e.srv.FailCluster("", "", "c", "boom"); err != nil {
		t.Fatal(err)
	}
	_, err = put("c", []string{}, []types.CapacityProviderStrategyItem{})
	ce := asErr[*types.ClientException](t, err)
	if ce.ErrorMessage() != "Cluster was not ACTIVE." {
		t.Errorf("message %q", ce.ErrorMessage())
	}
}

// checkStrategyRules checks that put, a PutClusterCapacityProviders of
// cluster "c" (which has FARGATE and asg1), enforces the strategy rules.
func checkStrategyRules(t *testing.T, e *env, put func(cluster string, providers []string, strategy []types.CapacityProviderStrategyItem) (*types.Cluster, error)) {
	t.Helper()
	// Strategy rules (§7).
	tooMany := make([]string, 21)
	for i := range tooMany {
		tooMany[i] = fmt.Sprint("p", i)
	}
	for name, tc := range map[string]struct {
		providers []string
		strategy  []types.CapacityProviderStrategyItem
	}{
		"two bases":      {[]string{"FARGATE", "FARGATE_SPOT"}, []types.CapacityProviderStrategyItem{{CapacityProvider: aws.String("FARGATE"), Base: 1}, {CapacityProvider: aws.String("FARGATE_SPOT"), Base: 1}}},
		"weight range":   {[]string{"FARGATE"}, []types.CapacityProviderStrategyItem{{CapacityProvider: aws.String("FARGATE"), Weight: 1001}}},
		"base range":     {[]string{"FARGATE"}, []types.CapacityProviderStrategyItem{{CapacityProvider: aws.String("FARGATE"), Base: 100001}}},
		"negative":       {[]string{"FARGATE"}, []types.CapacityProviderStrategyItem{{CapacityProvider: aws.String("FARGATE"), Weight: -1}}},
		"not associated": {[]string{"FARGATE"}, []types.CapacityProviderStrategyItem{{CapacityProvider: aws.String("FARGATE_SPOT"), Weight: 1}}},
		"unknown":        {[]string{"nope"}, []types.CapacityProviderStrategyItem{}},
		"21 providers":   {tooMany, []types.CapacityProviderStrategyItem{}},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := put("c", tc.providers, tc.strategy)
			ipe := asErr[*types.InvalidParameterException](t, err)
			if name == "not associated" && !strings.HasPrefix(ipe.ErrorMessage(), "The specified capacity provider strategy cannot contain a capacity provider that is not associated with the cluster.") {
				t.Errorf("message %q", ipe.ErrorMessage())
			}
			if name == "21 providers" && ipe.ErrorMessage() != "The maximum number of capacity providers per cluster has been exceeded." {
				t.Errorf("message %q", ipe.ErrorMessage())
			}
		})
	}
	_, m := post(t, e.http.URL, target+"PutClusterCapacityProviders", `{"cluster":"c","capacityProviders":["FARGATE"]}`)
	if m["__type"] != "InvalidParameterException" {
		t.Errorf("missing strategy: %v", m)
	}
	// All-zero weights are accepted.
	if _, err := put("c", []string{"FARGATE", "asg1"}, []types.CapacityProviderStrategyItem{{CapacityProvider: aws.String("FARGATE")}}); err != nil {
		t.Errorf("zero weights: %v", err)
	}
}

// Checklist §9.6 with the provisioning delays.
func TestProvisioningLifecycle(t *testing.T) {
	clock := newFakeClock()
	e := start(t, sandbox.Options{Now: clock.Now, ProvisionDelay: 5 * time.Second, DeprovisionDelay: 3 * time.Second})
	mustASGProvider(t, e.client, "asg")

	c := mustCreate(t, e.client, &ecs.CreateClusterInput{ClusterName: aws.String("p"), CapacityProviders: []string{"asg"},
		DefaultCapacityProviderStrategy: []types.CapacityProviderStrategyItem{{CapacityProvider: aws.String("asg"), Weight: 1}}})
	if aws.ToString(c.Status) != "PROVISIONING" || aws.ToString(c.AttachmentsStatus) != "UPDATE_IN_PROGRESS" {
		t.Errorf("create: %s %s", aws.ToString(c.Status), aws.ToString(c.AttachmentsStatus))
	}
	_, err := e.client.PutClusterCapacityProviders(ctx, &ecs.PutClusterCapacityProvidersInput{Cluster: aws.String("p"),
		CapacityProviders: []string{}, DefaultCapacityProviderStrategy: []types.CapacityProviderStrategyItem{}})
	wantErr[*types.ClientException](t, err)
	_, err = e.client.DeleteCluster(ctx, &ecs.DeleteClusterInput{Cluster: aws.String("p")})
	wantErr[*types.UpdateInProgressException](t, err)

	clock.Advance(5 * time.Second)
	d := describe(t, e.client, "p", types.ClusterFieldAttachments)
	if aws.ToString(d.Status) != "ACTIVE" || aws.ToString(d.AttachmentsStatus) != "UPDATE_COMPLETE" {
		t.Errorf("after delay: %s %s", aws.ToString(d.Status), aws.ToString(d.AttachmentsStatus))
	}

	// Removing the ASG provider: attachments DELETING during the update.
	out, err := e.client.PutClusterCapacityProviders(ctx, &ecs.PutClusterCapacityProvidersInput{Cluster: aws.String("p"),
		CapacityProviders: []string{"FARGATE"}, DefaultCapacityProviderStrategy: []types.CapacityProviderStrategyItem{}})
	if err != nil {
		t.Fatal(err)
	}
	if aws.ToString(out.Cluster.Status) != "ACTIVE" || aws.ToString(out.Cluster.AttachmentsStatus) != "UPDATE_IN_PROGRESS" || aws.ToString(out.Cluster.Attachments[0].Status) != "DELETING" {
		t.Errorf("removal: %+v", out.Cluster)
	}
	_, err = e.client.PutClusterCapacityProviders(ctx, &ecs.PutClusterCapacityProvidersInput{Cluster: aws.String("p"),
		CapacityProviders: []string{}, DefaultCapacityProviderStrategy: []types.CapacityProviderStrategyItem{}})
	wantErr[*types.UpdateInProgressException](t, err)
	clock.Advance(5 * time.Second)
	if d := describe(t, e.client, "p", types.ClusterFieldAttachments); len(d.Attachments) != 0 {
		t.Errorf("attachments left %+v", d.Attachments)
	}

	// Delete with ASG attachments: DEPROVISIONING, then INACTIVE.
	if _, err := e.client.PutClusterCapacityProviders(ctx, &ecs.PutClusterCapacityProvidersInput{Cluster: aws.String("p"),
		CapacityProviders: []string{"asg"}, DefaultCapacityProviderStrategy: []types.CapacityProviderStrategyItem{}}); err != nil {
		t.Fatal(err)
	}
	clock.Advance(5 * time.Second)
	del, err := e.client.DeleteCluster(ctx, &ecs.DeleteClusterInput{Cluster: aws.String("p")})
	if err != nil || aws.ToString(del.Cluster.Status) != "DEPROVISIONING" {
		t.Fatalf("delete: %+v %v", del, err)
	}
	if list, _ := e.client.ListClusters(ctx, &ecs.ListClustersInput{}); len(list.ClusterArns) != 1 {
		t.Errorf("DEPROVISIONING cluster not listed")
	}
	clock.Advance(3 * time.Second)
	if d := describe(t, e.client, "p"); aws.ToString(d.Status) != "INACTIVE" {
		t.Errorf("after deprovision: %s", aws.ToString(d.Status))
	}
	if list, _ := e.client.ListClusters(ctx, &ecs.ListClustersInput{}); len(list.ClusterArns) != 0 {
		t.Errorf("INACTIVE cluster listed")
	}
	// The provider is free again.
	mustCreate(t, e.client, &ecs.CreateClusterInput{ClusterName: aws.String("q"), CapacityProviders: []string{"asg"}})
}

func TestManagedInstancesProvider(t *testing.T) {
	for _, choice := range []string{"", "ClusterContainsCapacityProviderException"} {
		e := start(t, sandbox.Options{ClusterScopedDeleteError: choice})
		mustCreate(t, e.client, &ecs.CreateClusterInput{ClusterName: aws.String("mi")})
		out, err := e.client.CreateCapacityProvider(ctx, &ecs.CreateCapacityProviderInput{Name: aws.String("mip"), Cluster: aws.String("mi"),
			ManagedInstancesProvider: miConfig()})
		if err != nil {
			t.Fatal(err)
		}
		if out.CapacityProvider.Type != types.CapacityProviderTypeManagedInstances || aws.ToString(out.CapacityProvider.Cluster) != "mi" ||
			aws.ToString(out.CapacityProvider.ManagedInstancesProvider.InfrastructureRoleArn) != "arn:aws:iam::123456789012:role/infra" ||
			aws.ToString(out.CapacityProvider.ManagedInstancesProvider.InstanceLaunchTemplate.Ec2InstanceProfileArn) != "arn:aws:iam::123456789012:instance-profile/p" {
			t.Errorf("provider %+v", out.CapacityProvider)
		}
		_, err = e.client.PutClusterCapacityProviders(ctx, &ecs.PutClusterCapacityProvidersInput{Cluster: aws.String("mi"),
			CapacityProviders: []string{"mip"}, DefaultCapacityProviderStrategy: []types.CapacityProviderStrategyItem{}})
		ipe := asErr[*types.InvalidParameterException](t, err)
		if !strings.HasPrefix(ipe.ErrorMessage(), "Cannot associate Managed Instances capacity provider to clusters using this API") {
			t.Errorf("message %q", ipe.ErrorMessage())
		}
		_, err = e.client.DeleteCluster(ctx, &ecs.DeleteClusterInput{Cluster: aws.String("mi")})
		if choice == "" {
			ce := asErr[*types.ClientException](t, err)
			if ce.ErrorMessage() != "The Cluster cannot be deleted while Cluster Scoped Capacity Providers are attached to the cluster" {
				t.Errorf("message %q", ce.ErrorMessage())
			}
		} else {
			wantErr[*types.ClusterContainsCapacityProviderException](t, err)
		}
		list, _ := e.client.DescribeCapacityProviders(ctx, &ecs.DescribeCapacityProvidersInput{Cluster: aws.String("mi")})
		if len(list.CapacityProviders) != 1 {
			t.Errorf("scoped list %+v", list.CapacityProviders)
		}
		if _, err := e.client.DeleteCapacityProvider(ctx, &ecs.DeleteCapacityProviderInput{CapacityProvider: aws.String("mip"), Cluster: aws.String("mi")}); err != nil {
			t.Fatal(err)
		}
		if _, err := e.client.DeleteCluster(ctx, &ecs.DeleteClusterInput{Cluster: aws.String("mi")}); err != nil {
			t.Errorf("delete after provider removal: %v", err)
		}
	}
}

func miConfig() *types.CreateManagedInstancesProviderConfiguration {
	return &types.CreateManagedInstancesProviderConfiguration{
		InfrastructureRoleArn: aws.String("arn:aws:iam::123456789012:role/infra"),
		InstanceLaunchTemplate: &types.InstanceLaunchTemplate{
			Ec2InstanceProfileArn: aws.String("arn:aws:iam::123456789012:instance-profile/p"),
			NetworkConfiguration:  &types.ManagedInstancesNetworkConfiguration{Subnets: []string{"subnet-1"}},
		},
	}
}
