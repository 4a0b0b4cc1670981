package provider

import (
	"errors"
	"strings"
	"testing"

	"github.com/aws/smithy-go"
	"github.com/hashicorp/terraform-plugin-framework/diag"
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

func TestWarnForceDestroy(t *testing.T) {
	unknownName := clusterRawState(true, "web", "us-east-1", 0, 0, 0, 0)
	unknownName["name"] = tftypes.NewValue(tftypes.String, tftypes.UnknownValue)
	cases := map[string]struct {
		state, plan map[string]tftypes.Value
		want        []string // fragments of the one warning; nil: no warning
	}{
		"destroy with force_destroy": {
			state: clusterRawState(true, "web", "us-east-1", 3, 4, 1, 2),
			want:  []string{"Destroying cluster web", "3 active services", "5 running or pending tasks", "2 registered container instances"},
		},
		"destroy of an idle cluster still warns": {
			state: clusterRawState(true, "web", "us-east-1", 0, 1, 0, 1),
			want:  []string{"Destroying cluster web", "0 active services", "1 running or pending task and", "1 registered container instance."},
		},
		"destroy without force_destroy": {
			state: clusterRawState(false, "web", "us-east-1", 3, 4, 1, 2),
		},
		"replacement by a new name": {
			state: clusterRawState(true, "web", "us-east-1", 1, 0, 0, 0),
			plan:  clusterRawState(true, "api", "us-east-1", 1, 0, 0, 0),
			want:  []string{"Replacing cluster web", "1 active service,"},
		},
		"replacement by a new region": {
			state: clusterRawState(true, "web", "us-east-1", 0, 0, 0, 0),
			plan:  clusterRawState(true, "web", "eu-west-1", 0, 0, 0, 0),
			want:  []string{"Replacing cluster web"},
		},
		"replacement by a new name_prefix (unknown name)": {
			state: clusterRawState(true, "web", "us-east-1", 0, 0, 0, 0),
			plan:  unknownName,
			want:  []string{"Replacing cluster web"},
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
			var diags diag.Diagnostics
			warnForceDestroy(tc.state, tc.plan, &diags)
			if tc.want == nil {
				if len(diags) != 0 {
					t.Fatalf("want no diagnostic, got %v", diags)
				}
				return
			}
			if len(diags) != 1 || diags.WarningsCount() != 1 {
				t.Fatalf("want one warning, got %v", diags)
			}
			detail := diags[0].Detail()
			for _, w := range tc.want {
				if !strings.Contains(detail, w) {
					t.Errorf("warning %q lacks %q", detail, w)
				}
			}
		})
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
