package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// forceDestroyStopReason is the reason StopTask records on the tasks that
// force_destroy stops; ECS shows it as the task's stoppedReason.
const forceDestroyStopReason = "Stopped by ecsx: the cluster is being destroyed with force_destroy"

// forceDestroyRedrainAfter is how long a forced delete that stays blocked
// waits before it looks for workloads again (a task started, an instance
// registered since the last drain). Services being deleted and tasks being
// stopped clear by themselves within that time.
const forceDestroyRedrainAfter = 30 * time.Second

// isWorkloadBlock matches the DeleteCluster refusals that force_destroy
// clears: services, tasks and container instances. Capacity providers are
// resources of their own and are never touched.
func isWorkloadBlock(err error) bool {
	return errorCodeIs(err, "ClusterContainsServicesException", "") ||
		errorCodeIs(err, "ClusterContainsTasksException", "") ||
		errorCodeIs(err, "ClusterContainsContainerInstancesException", "")
}

// drainReport is what a forced delete removed, by name (services) or ID
// (tasks, container instances), in the order it removed them.
type drainReport struct {
	services, tasks, instances []string
}

func (r *drainReport) add(o drainReport) {
	r.services = append(r.services, o.services...)
	r.tasks = append(r.tasks, o.tasks...)
	r.instances = append(r.instances, o.instances...)
}

func (r drainReport) empty() bool {
	return len(r.services)+len(r.tasks)+len(r.instances) == 0
}

// drainListLimit is how many names of each kind the apply's warning lists.
const drainListLimit = 25

// kinds are the kinds of what a drain removes, in its order,
// with the words the plan's warning and the apply's report both use.
func (r drainReport) kinds() []struct {
	what  string
	items []string
} {
	return []struct {
		what  string
		items []string
	}{
		{"service", r.services},
		{"task", r.tasks},
		{"container instance", r.instances},
	}
}

// lines writes one line per kind that has items: "\n  - 2 services: web, api".
func (r drainReport) lines(b *strings.Builder) {
	for _, part := range r.kinds() {
		if len(part.items) == 0 {
			continue
		}
		fmt.Fprintf(b, "\n  - %s: %s", plural(len(part.items), part.what), listAtMost(part.items, drainListLimit))
	}
}

// warning is the apply's account of what was removed.
func (r drainReport) warning(cluster string) (summary, detail string) {
	var b strings.Builder
	fmt.Fprintf(&b, "To delete cluster %s, force_destroy removed what ran in it:", cluster)
	r.lines(&b)
	return "force_destroy removed what ran in the cluster", b.String()
}

// asDrainStep makes a failed listing of the drain a forceDestroyError, as
// the drain's other steps are.
func asDrainStep(err error) error {
	var le *listError
	if errors.As(err, &le) {
		return &forceDestroyError{step: le.step, err: le.err}
	}
	return err
}

// forceDestroyError is a drain step that failed; the delete stops, and
// what was removed before is still reported.
type forceDestroyError struct {
	step string
	err  error
	// uncertain: an attempt of the step got no answer or a server error,
	// so ECS may have done it.
	uncertain bool
}

func (e *forceDestroyError) Error() string {
	return fmt.Sprintf("force_destroy could not %s: %v", e.step, e.err)
}

// detail is what the delete's error adds to ECS's answer.
func (e *forceDestroyError) detail() string {
	d := fmt.Sprintf("force_destroy could not %s.", e.step)
	if e.uncertain {
		d += " An attempt got no answer or a server error, so ECS may have done it."
	}
	return d + " The cluster stays in the state; the next destroy resumes and skips what is gone."
}
func (e *forceDestroyError) Unwrap() error { return e.err }

// drainCluster removes what keeps DeleteCluster from succeeding, in the
// order that keeps anything from coming back: services first (DeleteService
// with force scales a service to 0, so its scheduler starts no new task),
// then the tasks still running, then the container instances (with force,
// which ECS needs for instances that still report tasks). Every step is
// idempotent: what another run or ECS has already removed is skipped, so an
// interrupted drain resumes where it stopped.
func drainCluster(ctx context.Context, client *ecsClient, cluster string) (rep drainReport, err error) {
	defer func() { err = asDrainStep(err) }()
	err = eachServicePage(ctx, client, cluster, func(arns []string) error {
		for _, arn := range arns {
			callCtx, attempts := trackAttempts(ctx)
			_, err := client.DeleteService(callCtx, &ecs.DeleteServiceInput{
				Cluster: aws.String(cluster), Service: aws.String(arn), Force: aws.Bool(true),
			})
			if serviceAlreadyGone(err) {
				continue
			}
			if err != nil {
				return &forceDestroyError{step: "delete service " + lastSegment(arn), err: err, uncertain: attempts.uncertain(err)}
			}
			rep.services = append(rep.services, lastSegment(arn))
		}
		return nil
	})
	if err != nil {
		return rep, err
	}
	err = eachTaskPage(ctx, client, cluster, func(arns []string) error {
		for _, arn := range arns {
			callCtx, attempts := trackAttempts(ctx)
			_, err := client.StopTask(callCtx, &ecs.StopTaskInput{
				Cluster: aws.String(cluster), Task: aws.String(arn), Reason: aws.String(forceDestroyStopReason),
			})
			if taskAlreadyGone(err) {
				continue
			}
			if err != nil {
				return &forceDestroyError{step: "stop task " + lastSegment(arn), err: err, uncertain: attempts.uncertain(err)}
			}
			rep.tasks = append(rep.tasks, lastSegment(arn))
		}
		return nil
	})
	if err != nil {
		return rep, err
	}
	err = eachInstancePage(ctx, client, cluster, func(arns []string) error {
		for _, arn := range arns {
			callCtx, attempts := trackAttempts(ctx)
			_, err := client.DeregisterContainerInstance(callCtx, &ecs.DeregisterContainerInstanceInput{
				Cluster: aws.String(cluster), ContainerInstance: aws.String(arn), Force: aws.Bool(true),
			})
			if instanceAlreadyGone(err) {
				continue
			}
			if err != nil {
				return &forceDestroyError{step: "deregister container instance " + lastSegment(arn), err: err, uncertain: attempts.uncertain(err)}
			}
			rep.instances = append(rep.instances, lastSegment(arn))
		}
		return nil
	})
	return rep, err
}

// serviceAlreadyGone matches DeleteService errors for a service that is
// already being deleted (DRAINING) or gone.
func serviceAlreadyGone(err error) bool {
	return errorCodeIs(err, "ServiceNotActiveException", "") || errorCodeIs(err, "ServiceNotFoundException", "")
}

// taskAlreadyGone matches StopTask errors for a task that no longer exists.
func taskAlreadyGone(err error) bool {
	return errorCodeIs(err, "InvalidParameterException", "not found")
}

// instanceAlreadyGone matches DeregisterContainerInstance errors for an
// instance that is no longer registered.
func instanceAlreadyGone(err error) bool {
	return errorCodeIs(err, "InvalidParameterException", "not found") ||
		errorCodeIs(err, "ClientException", "not found")
}

// forcedDelete tracks the drains of one forced delete: it drains at the
// first workload refusal and again when the refusal outlasts
// forceDestroyRedrainAfter, and gathers what every drain removed.
type forcedDelete struct {
	client    *ecsClient
	cluster   string
	lastDrain time.Time
	removed   drainReport
	now       func() time.Time
}

// refused handles a DeleteCluster refusal: it drains when due and returns
// the error that ends the delete, if a drain step failed.
func (f *forcedDelete) refused(ctx context.Context, err error) error {
	if !isWorkloadBlock(err) {
		return nil
	}
	now := f.now()
	if !f.lastDrain.IsZero() && now.Sub(f.lastDrain) < forceDestroyRedrainAfter {
		return nil
	}
	f.lastDrain = now
	rep, derr := drainCluster(ctx, f.client, f.cluster)
	f.removed.add(rep)
	if derr != nil && ctx.Err() != nil {
		// Stopped or out of time: the next destroy resumes the drain.
		return waitEnded(ctx, derr)
	}
	return derr
}

// report adds the apply's warning when anything was removed.
func (f *forcedDelete) report(diags *diag.Diagnostics, name string) {
	if f == nil || f.removed.empty() {
		return
	}
	diags.AddWarning(f.removed.warning(name))
}

// warnForceDestroy warns, at plan time, that a planned destroy or
// replacement of a cluster with force_destroy = true in its state will
// remove what runs in it, listing what a drain would remove now.
func (r *clusterResource) warnForceDestroy(ctx context.Context, state, plan map[string]tftypes.Value, diags *diag.Diagnostics) {
	action, ok := forceDestroyAction(state, plan)
	if !ok {
		return
	}
	name := rawString(state["name"])
	rep, err := drainReport{}, errors.New("the provider is not configured")
	if r.data != nil {
		ctx, cancel := context.WithTimeout(ctx, forceDestroyPreviewTimeout)
		defer cancel()
		rep, err = drainPreview(ctx, r.data.ecsIn(rawString(state["region"])), name)
	}
	diags.AddWarning(forceDestroyWarning(action, name, rep, err, state))
}

// forceDestroyPreviewTimeout bounds the List and Describe calls of the
// plan's warning.
const forceDestroyPreviewTimeout = time.Minute

// forceDestroyAction returns "Destroying" or "Replacing" when the plan
// (nil for a destroy) removes a cluster whose state has force_destroy =
// true; ok is false otherwise.
func forceDestroyAction(state, plan map[string]tftypes.Value) (action string, ok bool) {
	if state == nil || !rawBool(state["force_destroy"]) {
		return "", false
	}
	if plan == nil {
		return "Destroying", true
	}
	if !replacesCluster(plan, state) {
		return "", false
	}
	return "Replacing", true
}

// forceDestroyWarning is the plan's warning: what a drain would remove now
// (rep), in the words of the apply's report (drainReport.warning). When
// listing failed (err), it gives the counts of the last refresh instead.
func forceDestroyWarning(action, name string, rep drainReport, err error, state map[string]tftypes.Value) (summary, detail string) {
	var b strings.Builder
	fmt.Fprintf(&b, "%s cluster %s with force_destroy = true first removes what runs in it", action, name)
	switch {
	case err != nil:
		services := rawInt(state["active_services_count"])
		tasks := rawInt(state["running_tasks_count"]) + rawInt(state["pending_tasks_count"])
		instances := rawInt(state["registered_container_instances_count"])
		fmt.Fprintf(&b, ". Listing it failed (%v); at the last refresh the cluster had %s, %s (a service's tasks included) and %s.",
			err, plural(services, "service"), plural(tasks, "task"), plural(instances, "container instance"))
	case rep.empty():
		b.WriteString(": nothing runs in it now.")
	default:
		b.WriteString(":")
		rep.lines(&b)
		b.WriteString("\nA service's tasks stop with the service and are not listed.")
	}
	b.WriteString(" Set force_destroy = false and apply first to keep them.")
	return "force_destroy will remove what runs in the cluster", b.String()
}

// drainPreview lists what drainCluster would remove now, removing nothing:
// the services, the running tasks that are not a service's (a service's
// tasks stop with it), and the container instances.
func drainPreview(ctx context.Context, client *ecsClient, cluster string) (drainReport, error) {
	var rep drainReport
	err := eachServicePage(ctx, client, cluster, func(arns []string) error {
		for _, arn := range arns {
			rep.services = append(rep.services, lastSegment(arn))
		}
		return nil
	})
	if err != nil {
		return rep, err
	}
	err = eachRunningTask(ctx, client, cluster, func(task ecstypes.Task) {
		if !strings.HasPrefix(aws.ToString(task.Group), "service:") {
			rep.tasks = append(rep.tasks, lastSegment(aws.ToString(task.TaskArn)))
		}
	})
	if err != nil {
		return rep, err
	}
	err = eachInstancePage(ctx, client, cluster, func(arns []string) error {
		for _, arn := range arns {
			rep.instances = append(rep.instances, lastSegment(arn))
		}
		return nil
	})
	return rep, err
}

// replacesCluster reports whether a planned update replaces the cluster:
// its name or region changes. An unknown name (a new name_prefix) is a new
// name.
func replacesCluster(plan, state map[string]tftypes.Value) bool {
	if !plan["name"].IsKnown() {
		return true
	}
	if !plan["name"].Equal(state["name"]) {
		return true
	}
	return plan["region"].IsKnown() && !state["region"].IsNull() && !plan["region"].Equal(state["region"])
}
