package provider

import (
	"errors"
	"strings"
	"testing"

	"github.com/aws/smithy-go"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

func clusterRawState(force bool, name, region string, services, running, pending, instances int) map[string]tftypes.Value {
	return map[string]tftypes.Value{
		"force_destroy":                        tftypes.NewValue(tftypes.Bool, force),
		"name":                                 tftypes.NewValue(tftypes.String, name),
		"region":                               tftypes.NewValue(tftypes.String, region),
		"active_services_count":                tftypes.NewValue(tftypes.Number, services),
		"running_tasks_count":                  tftypes.NewValue(tftypes.Number, running),
		"pending_tasks_count":                  tftypes.NewValue(tftypes.Number, pending),
		"registered_container_instances_count": tftypes.NewValue(tftypes.Number, instances),
	}
}

func TestForceDestroyAction(t *testing.T) {
	unknownName := clusterRawState(true, "web", "us-east-1", 0, 0, 0, 0)
	unknownName["name"] = tftypes.NewValue(tftypes.String, tftypes.UnknownValue)
	cases := map[string]struct {
		state, plan map[string]tftypes.Value
		want        string // "": no warning
	}{
		"destroy with force_destroy":    {state: clusterRawState(true, "web", "us-east-1", 3, 4, 1, 2), want: "Destroying"},
		"destroy without force_destroy": {state: clusterRawState(false, "web", "us-east-1", 3, 4, 1, 2)},
		"replacement by a new name": {
			state: clusterRawState(true, "web", "us-east-1", 1, 0, 0, 0),
			plan:  clusterRawState(true, "api", "us-east-1", 1, 0, 0, 0),
			want:  "Replacing",
		},
		"replacement by a new region": {
			state: clusterRawState(true, "web", "us-east-1", 0, 0, 0, 0),
			plan:  clusterRawState(true, "web", "eu-west-1", 0, 0, 0, 0),
			want:  "Replacing",
		},
		"replacement by a new name_prefix (unknown name)": {
			state: clusterRawState(true, "web", "us-east-1", 0, 0, 0, 0),
			plan:  unknownName,
			want:  "Replacing",
		},
		"an update in place": {
			state: clusterRawState(true, "web", "us-east-1", 2, 0, 0, 0),
			plan:  clusterRawState(true, "web", "us-east-1", 2, 0, 0, 0),
		},
		"force_destroy set by the planned update only": {
			state: clusterRawState(false, "web", "us-east-1", 2, 0, 0, 0),
			plan:  clusterRawState(true, "api", "us-east-1", 2, 0, 0, 0),
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			action, ok := forceDestroyAction(tc.state, tc.plan)
			if ok != (tc.want != "") || action != tc.want {
				t.Fatalf("got %q, %v; want %q", action, ok, tc.want)
			}
		})
	}
}

// TestForceDestroyWarningAndReport: the plan's warning lists what a drain
// would remove in the words and lines of the apply's report: for the same
// services, tasks that are not a service's and instances, the report's
// lines appear as they are in the warning.
func TestForceDestroyWarningAndReport(t *testing.T) {
	state := clusterRawState(true, "busy", "us-east-1", 3, 5, 0, 2)
	rep := drainReport{services: []string{"web", "worker", "batch"}, tasks: []string{"t1", "t2", "t3"}, instances: []string{"i1", "i2"}}
	lines := "\n  - 3 services: web, worker, batch\n  - 3 tasks: t1, t2, t3\n  - 2 container instances: i1, i2"

	summary, warning := forceDestroyWarning("Destroying", "busy", rep, nil, state)
	if summary != "force_destroy will remove what runs in the cluster" {
		t.Errorf("warning summary %q", summary)
	}
	wantWarning := "Destroying cluster busy with force_destroy = true first removes what runs in it:" + lines +
		"\nA service's tasks stop with the service and are not listed. Set force_destroy = false and apply first to keep them."
	if warning != wantWarning {
		t.Errorf("warning:\n%s\nwant:\n%s", warning, wantWarning)
	}
	reportSummary, report := rep.warning("busy")
	if reportSummary != "force_destroy removed what ran in the cluster" {
		t.Errorf("report summary %q", reportSummary)
	}
	if want := "To delete cluster busy, force_destroy removed what ran in it:" + lines; report != want {
		t.Errorf("report:\n%s\nwant:\n%s", report, want)
	}

	_, idle := forceDestroyWarning("Replacing", "idle", drainReport{}, nil, state)
	if want := "Replacing cluster idle with force_destroy = true first removes what runs in it: nothing runs in it now. Set force_destroy = false and apply first to keep them."; idle != want {
		t.Errorf("idle warning %q", idle)
	}
	_, failed := forceDestroyWarning("Destroying", "busy", drainReport{}, errors.New("AccessDeniedException: no"), state)
	for _, w := range []string{"Listing it failed (AccessDeniedException: no)", "3 services, 5 tasks (a service's tasks included) and 2 container instances."} {
		if !strings.Contains(failed, w) {
			t.Errorf("warning %q lacks %q", failed, w)
		}
	}
}

func TestDrainReportWarning(t *testing.T) {
	var r drainReport
	r.add(drainReport{services: []string{"web", "api"}, tasks: []string{"t1"}})
	r.add(drainReport{instances: []string{"i1", "i2"}})
	summary, detail := r.warning("busy")
	if summary != "force_destroy removed what ran in the cluster" {
		t.Errorf("summary %q", summary)
	}
	for _, w := range []string{"cluster busy", "2 services: web, api", "1 task: t1", "2 container instances: i1, i2"} {
		if !strings.Contains(detail, w) {
			t.Errorf("detail %q lacks %q", detail, w)
		}
	}
	if (drainReport{}).empty() != true || r.empty() {
		t.Error("empty() is wrong")
	}

	many := make([]string, drainListLimit+3)
	for i := range many {
		many[i] = "t"
	}
	if got := listAtMost(many, drainListLimit); !strings.HasSuffix(got, " and 3 more") {
		t.Errorf("listAtMost: %q", got)
	}
}

func TestIsWorkloadBlock(t *testing.T) {
	for code, want := range map[string]bool{
		"ClusterContainsServicesException":           true,
		"ClusterContainsTasksException":              true,
		"ClusterContainsContainerInstancesException": true,
		"ClusterContainsCapacityProviderException":   false,
		"UpdateInProgressException":                  false,
		"ClientException":                            false,
	} {
		err := &smithy.GenericAPIError{Code: code, Message: "m"}
		if got := isWorkloadBlock(err); got != want {
			t.Errorf("%s: %v, want %v", code, got, want)
		}
	}
	if isWorkloadBlock(errors.New("ClusterContainsTasksException")) {
		t.Error("a plain error is no refusal")
	}
	if got := lastSegment("arn:aws:ecs:us-east-1:123456789012:task/busy/0a1b2c"); got != "0a1b2c" {
		t.Errorf("lastSegment: %q", got)
	}
}
