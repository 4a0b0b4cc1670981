package reliability_test

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"

	"github.com/ecsx/terraform-provider-ecsx/internal/acctest"
	"github.com/ecsx/terraform-provider-ecsx/internal/sandbox"
)

// lostAnswerGroup is the Auto Scaling group of the capacity provider rows.
const lostAnswerGroup = "arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:11111111-2222-3333-4444-555555555555:autoScalingGroupName/la"

// lostAnswerOp is one mutating ECS operation of the provider and the
// configuration change that makes it: the apply of before, then the
// faulted apply of after (a destroy when after leaves the object out).
type lostAnswerOp struct {
	op    string
	label string // the row's name when op has several rows
	// kept, when set, is a resource type that a failed faulted run must
	// leave in the state besides the clusters and capacity providers that
	// exist in ECS.
	kept          string
	before, after string
	// setup, when set, runs after the apply of before: what force_destroy
	// removes.
	setup func(ctx context.Context, sb *sandbox.Server, client *ecs.Client) error
	// recovers: when the operation fails after an applied attempt, the
	// provider's lookup finds the change made and the run succeeds. Other
	// operations fail with the object in the state, as failed says.
	recovers bool
	failed   lostAnswerState
	// warns, when set, is a warning every faulted run gives.
	warns string
}

// failSays is what a failed faulted run says, by what it leaves.
var failSays = map[lostAnswerState]string{
	readBack:   "Outcome of the change unknown",
	tainted:    "",
	stillThere: "so ECS may have done it",
}

// lostAnswerState is what the state holds after a faulted run that failed,
// seen by a plan without refresh.
type lostAnswerState int

const (
	// readBack: the object as ECS reports it, with the change applied:
	// the plan is empty.
	readBack lostAnswerState = iota
	// tainted: the object created, tainted: the plan replaces it.
	tainted
	// stillThere: the cluster whose forced delete failed: the plan
	// destroys it.
	stillThere
)

func laCluster(body string) string {
	return fmt.Sprintf("resource \"ecsx_cluster\" \"la\" {\n  name = \"la\"\n  %s\n}\n", body)
}

func laProvider(asgBody string) string {
	return fmt.Sprintf(`resource "ecsx_capacity_provider" "la" {
  name = "la-cp"
  auto_scaling_group_provider {
    auto_scaling_group_arn = %q
    %s
  }
}
`, lostAnswerGroup, asgBody)
}

// laManagedInstances is the cluster la and a Managed Instances capacity
// provider of it.
var laManagedInstances = laCluster("") + `resource "ecsx_capacity_provider" "la" {
  name    = "la-mi"
  cluster = ecsx_cluster.la.name

` + managedInstancesBlock + `
}
`

// laAssociation is the cluster la and its association with FARGATE.
var laAssociation = laCluster("") + `resource "ecsx_cluster_capacity_providers" "la" {
  cluster_name       = ecsx_cluster.la.name
  capacity_providers = ["FARGATE"]
}
`

// lostAnswerOps are every mutating ECS operation the provider makes.
var lostAnswerOps = []lostAnswerOp{
	{op: "CreateCluster", failed: tainted, after: laCluster(`tags = { k = "v" }`)},
	{op: "UpdateCluster", before: laCluster(""), after: laCluster(`configuration {
    execute_command_configuration {
      logging = "DEFAULT"
    }
  }`)},
	{op: "UpdateClusterSettings",
		before: laCluster("setting {\n    name  = \"containerInsights\"\n    value = \"disabled\"\n  }"),
		after:  laCluster("setting {\n    name  = \"containerInsights\"\n    value = \"enabled\"\n  }")},
	{op: "PutClusterCapacityProviders", before: laCluster(""), after: laCluster(`capacity_providers = ["FARGATE"]`)},
	{op: "PutClusterCapacityProviders", label: "PutClusterCapacityProviders of ecsx_cluster_capacity_providers",
		kept: "ecsx_cluster_capacity_providers", failed: tainted, before: laCluster(""), after: laAssociation},
	{op: "PutClusterCapacityProviders", label: "PutClusterCapacityProviders removing ecsx_cluster_capacity_providers",
		recovers: true, before: laAssociation, after: laCluster("")},
	{op: "TagResource", before: laCluster(`tags = { a = "1" }`), after: laCluster(`tags = { a = "2" }`)},
	{op: "UntagResource", before: laCluster(`tags = { a = "1", b = "2" }`), after: laCluster(`tags = { a = "1" }`)},
	{op: "DeleteCluster", recovers: true, before: laCluster("")},
	{op: "CreateCapacityProvider", recovers: true, warns: "Capacity provider created although an answer was lost", after: laProvider("")},
	{op: "CreateCapacityProvider", label: "CreateCapacityProvider of a Managed Instances provider", recovers: true,
		warns: "Capacity provider created although an answer was lost", after: laManagedInstances},
	{op: "UpdateCapacityProvider", before: laProvider(`managed_draining = "ENABLED"`), after: laProvider(`managed_draining = "DISABLED"`)},
	{op: "DeleteCapacityProvider", recovers: true, before: laProvider("")},
	{op: "DeleteService", failed: stillThere, before: laCluster("force_destroy = true"), setup: func(ctx context.Context, _ *sandbox.Server, client *ecs.Client) error {
		_, err := client.CreateService(ctx, &ecs.CreateServiceInput{Cluster: aws.String("la"), ServiceName: aws.String("web"),
			TaskDefinition: aws.String("web:1"), DesiredCount: aws.Int32(0), LaunchType: ecstypes.LaunchTypeFargate})
		return err
	}},
	{op: "StopTask", failed: stillThere, before: laCluster("force_destroy = true"), setup: func(ctx context.Context, _ *sandbox.Server, client *ecs.Client) error {
		_, err := client.RunTask(ctx, &ecs.RunTaskInput{Cluster: aws.String("la"), TaskDefinition: aws.String("job:1"),
			Count: aws.Int32(1), LaunchType: ecstypes.LaunchTypeFargate})
		return err
	}},
	{op: "DeregisterContainerInstance", failed: stillThere, before: laCluster("force_destroy = true"), setup: func(_ context.Context, sb *sandbox.Server, _ *ecs.Client) error {
		_, err := sb.RegisterContainerInstances("", "", "la", 1)
		return err
	}},
}

// lostAnswerFault is one way an answer is lost.
type lostAnswerFault struct {
	name  string
	fault sandbox.Fault
}

// lostAnswerFaults: the answer is dropped after ECS applied the call (the
// SDK retries); ECS applies the call and answers 5xx (the SDK retries); the
// answer is dropped and every retry is throttled until max_retries (2) runs
// out, so the operation fails with an API error after an applied attempt.
var lostAnswerFaults = []lostAnswerFault{
	{"dropped", sandbox.Fault{DropAfterApply: 1}},
	{"5xx", sandbox.Fault{ErrorAfterApply: 1}},
	{"dropped, then throttled", sandbox.Fault{DropAfterApply: 1, RateLimit: 0.001, Burst: 1}},
}

// fastLostAnswerRows run in make test; the others with ECSX_FAULT_TESTS=1.
var fastLostAnswerRows = []string{
	"CreateCapacityProvider/dropped",
	"CreateCapacityProvider/5xx",
	"CreateCapacityProvider/dropped, then throttled",
	"CreateCapacityProvider of a Managed Instances provider/dropped",
	"CreateCluster/dropped, then throttled",
}

// TestLostAnswers is the table of every mutating ECS operation of the
// provider × every way its answer is lost after ECS applied it. In each
// row, with the real Terraform CLI against an in-process sandbox: the
// faulted apply (or destroy) succeeds, or, when the operation fails after
// its retries and no lookup can prove it done, fails with every object that
// exists in ECS in the state; one more plain apply succeeds and the
// plan after it is empty; the destroy leaves no cluster and no capacity
// provider in the sandbox. Each row also checks that its fault fired.
func TestLostAnswers(t *testing.T) {
	acctest.SkipOnAWS(t)
	t.Parallel()
	for _, op := range lostAnswerOps {
		for _, f := range lostAnswerFaults {
			label := op.op
			if op.label != "" {
				label = op.label
			}
			row := label + "/" + f.name
			t.Run(row, func(t *testing.T) {
				if !slices.Contains(fastLostAnswerRows, row) {
					longTest(t)
				}
				t.Parallel()
				outcome := runLostAnswerRow(t, op, f)
				t.Logf("%s: faulted run %s", row, outcome)
			})
		}
	}
}

// TestLostAnswers_table checks the table that the README reports: every
// mutating operation of the provider (13) has its rows, 48 in all, and the
// rows of make test exist.
func TestLostAnswers_table(t *testing.T) {
	ops := map[string]bool{}
	var rows []string
	for _, op := range lostAnswerOps {
		ops[op.op] = true
		label := op.op
		if op.label != "" {
			label = op.label
		}
		for _, f := range lostAnswerFaults {
			rows = append(rows, label+"/"+f.name)
		}
	}
	for _, op := range []string{"CreateCluster", "UpdateCluster", "UpdateClusterSettings", "PutClusterCapacityProviders", "TagResource",
		"UntagResource", "DeleteCluster", "CreateCapacityProvider", "UpdateCapacityProvider", "DeleteCapacityProvider",
		"DeleteService", "StopTask", "DeregisterContainerInstance"} {
		if !ops[op] {
			t.Errorf("no row faults %s", op)
		}
	}
	if len(ops) != 13 {
		t.Errorf("%d operations, the README reports 13", len(ops))
	}
	if len(rows) != 48 {
		t.Errorf("%d rows, the README reports 48", len(rows))
	}
	for _, r := range fastLostAnswerRows {
		if !slices.Contains(rows, r) {
			t.Errorf("fast row %q is not a row of the table", r)
		}
	}
	if len(fastLostAnswerRows) != 5 {
		t.Errorf("%d rows in make test, the README reports 5", len(fastLostAnswerRows))
	}
}

// runLostAnswerRow runs one row of TestLostAnswers and returns the outcome
// of the faulted run ("succeeded" or "failed, object in the state").
func runLostAnswerRow(t *testing.T, op lostAnswerOp, f lostAnswerFault) string {
	sb, url, client := startSandbox(t, sandbox.Options{AccessKey: "test", SecretKey: "test"})
	ctx := t.Context()
	c := newCLI(t)
	provider := cliProvider(url, "test", "test", "  max_retries = 2")
	apply := []string{"apply", "-auto-approve", "-input=false", "-no-color"}
	if op.before != "" {
		c.write(provider + op.before)
		c.mustRun(apply...)
	}
	if op.setup != nil {
		if err := op.setup(ctx, sb, client); err != nil {
			t.Fatalf("setup: %v", err)
		}
	}

	c.write(provider + op.after)
	sb.ResetStats()
	sb.SetFault(op.op, f.fault)
	out, err := c.run(apply...)
	sb.ClearFaults()
	st := sb.Stats()
	if st.Dropped+st.Failed == 0 || (f.fault.RateLimit > 0 && st.ThrottledCalls[op.op] == 0) {
		t.Fatalf("the fault on %s did not fire (calls %v, dropped %d, failed %d, throttled %v):\n%s",
			op.op, st.Calls, st.Dropped, st.Failed, st.ThrottledCalls, out)
	}
	// The SDK's retry goes through after a dropped answer or a 5xx; after
	// a dropped answer and throttled retries only a lookup can tell.
	wantFailure := f.fault.RateLimit > 0 && !op.recovers
	if (err != nil) != wantFailure {
		t.Errorf("faulted run: error %v, want failure %v:\n%s", err, wantFailure, out)
	}
	if op.warns != "" && !strings.Contains(out, op.warns) {
		t.Errorf("the faulted run does not warn %q:\n%s", op.warns, out)
	}
	outcome := "succeeded"
	if err != nil {
		outcome = "failed, object in the state"
		if orphans := lostAnswerOrphans(t, c, client, op.kept); len(orphans) > 0 {
			t.Fatalf("the faulted run failed and left %v in ECS but not in the state:\n%s", orphans, out)
		}
		checkFailedState(t, c, op.failed)
		if say := failSays[op.failed]; !strings.Contains(strings.Join(strings.Fields(out), " "), say) {
			t.Errorf("the failed run does not say %q:\n%s", say, out)
		}
	}

	c.mustRun(apply...)
	if pout, err := c.run("plan", "-detailed-exitcode", "-input=false", "-no-color"); err != nil {
		t.Fatalf("the plan after one more apply is not empty (%v):\n%s", err, pout)
	}
	c.mustRun("destroy", "-auto-approve", "-input=false", "-no-color")
	if live := liveObjects(t, client); len(live) > 0 {
		t.Fatalf("destroy left %v in ECS", live)
	}
	return outcome
}

// checkFailedState checks, with a plan without refresh, what the state
// holds after a faulted run that failed.
func checkFailedState(t *testing.T, c *cli, want lostAnswerState) {
	t.Helper()
	out, err := c.run("plan", "-refresh=false", "-detailed-exitcode", "-input=false", "-no-color")
	switch want {
	case readBack:
		if err != nil {
			t.Errorf("after the failed run the state does not show the change ECS applied (%v):\n%s", err, out)
		}
	case tainted:
		if !strings.Contains(out, "is tainted, so must be replaced") {
			t.Errorf("after the failed create the object is not tainted:\n%s", out)
		}
	case stillThere:
		if !strings.Contains(out, "will be destroyed") {
			t.Errorf("after the failed destroy the cluster is not in the state to be destroyed:\n%s", out)
		}
	}
}

// shownResource is a resource of terraform show -json.
type shownResource struct {
	Type   string         `json:"type"`
	Values map[string]any `json:"values"`
}

// lostAnswerOrphans returns the live clusters and capacity providers of the
// sandbox that the state does not hold, by name, and kept when the state
// holds no resource of that type.
func lostAnswerOrphans(t *testing.T, c *cli, client *ecs.Client, kept string) []string {
	t.Helper()
	var show struct {
		Values struct {
			RootModule struct {
				Resources []shownResource `json:"resources"`
			} `json:"root_module"`
		} `json:"values"`
	}
	out := c.mustRun("show", "-json", "-no-color")
	if err := json.Unmarshal([]byte(out), &show); err != nil {
		t.Fatalf("terraform show -json: %v\n%s", err, out)
	}
	var inState, orphans []string
	if kept != "" && !slices.ContainsFunc(show.Values.RootModule.Resources, func(r shownResource) bool { return r.Type == kept }) {
		orphans = append(orphans, kept)
	}
	for _, r := range show.Values.RootModule.Resources {
		name, _ := r.Values["name"].(string)
		if r.Type == "ecsx_cluster" || r.Type == "ecsx_capacity_provider" {
			inState = append(inState, strings.TrimPrefix(r.Type, "ecsx_")+" "+name)
		}
	}
	for _, o := range liveObjects(t, client) {
		if !slices.Contains(inState, o) {
			orphans = append(orphans, o)
		}
	}
	return orphans
}

// liveObjects returns the clusters and capacity providers that exist in the
// sandbox (every status but INACTIVE; FARGATE and FARGATE_SPOT aside), as
// "cluster <name>" and "capacity_provider <name>".
func liveObjects(t *testing.T, client *ecs.Client) []string {
	t.Helper()
	ctx := t.Context()
	arns, err := liveClusters(ctx, client)
	if err != nil {
		t.Fatal(err)
	}
	var live []string
	if len(arns) > 0 {
		out, err := client.DescribeClusters(ctx, &ecs.DescribeClustersInput{Clusters: arns})
		if err != nil {
			t.Fatal(err)
		}
		for _, cl := range out.Clusters {
			if aws.ToString(cl.Status) != "INACTIVE" {
				live = append(live, "cluster "+aws.ToString(cl.ClusterName))
			}
		}
	}
	in := &ecs.DescribeCapacityProvidersInput{}
	for {
		out, err := client.DescribeCapacityProviders(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		for _, cp := range out.CapacityProviders {
			name := aws.ToString(cp.Name)
			if cp.Status != ecstypes.CapacityProviderStatusInactive && name != "FARGATE" && name != "FARGATE_SPOT" {
				live = append(live, "capacity_provider "+name)
			}
		}
		if aws.ToString(out.NextToken) == "" {
			return live
		}
		in.NextToken = out.NextToken
	}
}
