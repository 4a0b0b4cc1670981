package sandbox

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Service, task and container instance statuses.
const (
	statusDraining = "DRAINING"
	statusRunning  = "RUNNING"
	statusStopped  = "STOPPED"
)

// Defaults of the workload options.
const (
	// DefaultStoppedTaskRetention is how long stopped tasks stay listed and
	// describable: "stopped tasks appear in the returned results for at least
	// one hour" (DescribeTasks).
	DefaultStoppedTaskRetention = time.Hour

	maxDescribeServices  = 10
	maxDescribeTasks     = 100
	maxDescribeInstances = 100
	maxRunTaskCount      = 10
)

// timestamp is a time sent as epoch seconds, as awsJson1_1 encodes
// timestamps.
type timestamp struct{ time.Time }

func (t timestamp) MarshalJSON() ([]byte, error) {
	return []byte(strconv.FormatFloat(float64(t.UnixMilli())/1e3, 'f', -1, 64)), nil
}

func stamp(t time.Time) timestamp { return timestamp{t} }

// newHexID returns 32 random hexadecimal digits, the form of task and
// container instance IDs.
func newHexID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// workloadCounts are a cluster's container instances, tasks and services:
// the real objects plus the test's Occupants (counted as EC2).
type workloadCounts struct {
	instances                             int
	runningEC2, runningFargate            int
	pendingEC2, pendingFargate            int
	activeEC2, activeFargate              int
	drainingEC2, drainingFargate          int
	runningTasks, pendingTasks, activeSvc int
}

func (c *cluster) counts() workloadCounts {
	o := c.Occupants
	w := workloadCounts{
		instances:  c.containerInstances(),
		runningEC2: o.RunningTasks, pendingEC2: o.PendingTasks,
		activeEC2: o.ActiveServices, drainingEC2: o.DrainingServices,
	}
	for _, t := range c.Tasks {
		if t.LastStatus == statusRunning {
			if t.LaunchType == "FARGATE" {
				w.runningFargate++
			} else {
				w.runningEC2++
			}
		}
	}
	for _, sv := range c.Services {
		lt, _, _ := placement(c, sv.LaunchType, sv.Strategy)
		fargate := lt == "FARGATE"
		switch {
		case sv.Status == statusActive && fargate:
			w.activeFargate++
		case sv.Status == statusActive:
			w.activeEC2++
		case sv.Status == statusDraining && fargate:
			w.drainingFargate++
		case sv.Status == statusDraining:
			w.drainingEC2++
		}
	}
	w.runningTasks = w.runningEC2 + w.runningFargate
	w.pendingTasks = w.pendingEC2 + w.pendingFargate
	w.activeSvc = w.activeEC2 + w.activeFargate
	return w
}

// statistics reports the counts as the STATISTICS key/value pairs, with
// string values; [] when the cluster holds nothing.
func (w workloadCounts) statistics() []keyValuePair {
	if w == (workloadCounts{}) {
		return []keyValuePair{}
	}
	itoa := strconv.Itoa
	return []keyValuePair{
		{"runningEC2TasksCount", itoa(w.runningEC2)},
		{"RunningFargateTasksCount", itoa(w.runningFargate)},
		{"pendingEC2TasksCount", itoa(w.pendingEC2)},
		{"pendingFargateTasksCount", itoa(w.pendingFargate)},
		{"activeEC2ServiceCount", itoa(w.activeEC2)},
		{"activeFargateServiceCount", itoa(w.activeFargate)},
		{"drainingEC2ServiceCount", itoa(w.drainingEC2)},
		{"drainingFargateServiceCount", itoa(w.drainingFargate)},
	}
}

// advanceWorkloads applies the due transitions of a cluster's services and
// tasks, then lets the service scheduler bring every ACTIVE service to its
// desired count:
//
//   - a DRAINING service becomes INACTIVE at DrainAt; INACTIVE services
//     and container instances are forgotten after the inactive retention;
//   - stopped tasks are forgotten after the stopped task retention.
func (s *Server) advanceWorkloads(st *store, c *cluster, now time.Time) {
	for name, sv := range c.Services {
		if sv.Status == statusDraining && !now.Before(sv.DrainAt) {
			sv.Status, sv.InactiveAt, sv.DrainAt = statusInactive, sv.DrainAt, time.Time{}
		}
		if sv.Status == statusInactive && !now.Before(sv.InactiveAt.Add(s.retention)) {
			delete(c.Services, name)
		}
	}
	for id, t := range c.Tasks {
		if t.LastStatus == statusStopped && !now.Before(t.StoppedAt.Add(s.taskRetention)) {
			delete(c.Tasks, id)
		}
	}
	for id, ci := range c.Instances {
		if ci.Status == statusInactive && !now.Before(ci.DeregisteredAt.Add(s.retention)) {
			delete(c.Instances, id)
		}
	}
	for _, name := range sortedKeys(c.Services) {
		if sv := c.Services[name]; sv.Status == statusActive {
			st.schedule(c, sv, now)
		}
	}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// page returns the keys after the token's key, at most limit of them, and
// the token of the next page ("" on the last page). Tokens are the base64
// of a kind prefix and the last key returned.
func page(keys []string, kind, token string, limit int) (out []string, next string, err *apiError) {
	start := 0
	if token != "" {
		b, derr := base64.RawURLEncoding.DecodeString(token)
		after, ok := strings.CutPrefix(string(b), kind+":")
		if derr != nil || !ok || after == "" {
			return nil, "", invalidParam("Invalid nextToken.")
		}
		start, _ = slices.BinarySearch(keys, after)
		if start < len(keys) && keys[start] == after {
			start++
		}
	}
	rest := keys[start:]
	if len(rest) > limit {
		rest = rest[:limit]
		next = base64.RawURLEncoding.EncodeToString([]byte(kind + ":" + rest[len(rest)-1]))
	}
	return rest, next, nil
}

// maxResults checks a maxResults member against 1..100 and applies the
// operation's default.
func maxResults(v *int64, def int) (int, *apiError) {
	if v == nil {
		return def, nil
	}
	if *v < 1 || *v > 100 {
		return 0, invalidParam("maxResults must be between 1 and 100.")
	}
	return int(*v), nil
}

// workloadCluster resolves the cluster member of a service, task or
// container instance operation: omitted means "default", and the cluster
// must not be INACTIVE.
func (s *Server) workloadCluster(st *store, ident *string, now time.Time) (*cluster, *apiError) {
	name := "default"
	if ident != nil && *ident != "" {
		name = *ident
	}
	c, err := s.findCluster(st, &name, now)
	if err != nil {
		return nil, err
	}
	if c.Status == statusInactive {
		return nil, errInactive()
	}
	return c, nil
}

// childID turns the identifier of a service, task or container instance
// (a name or ID, or an ARN of the long format typ/CLUSTER/ID or the old
// format typ/ID) into its name or ID in cluster c. ok is false for an ARN of
// another type, cluster, region or account.
func (st *store) childID(c *cluster, typ, ident string) (id string, ok bool) {
	if !isARN(ident) {
		return ident, ident != ""
	}
	t, rest, valid, mine := st.parseARN(ident)
	if !valid || !mine || t != typ {
		return "", false
	}
	if cl, id, long := strings.Cut(rest, "/"); long {
		return id, cl == c.Name && id != ""
	}
	return rest, true
}

// strategyItems validates a capacity provider strategy of a task or
// service: every provider associated with the cluster, weights 0-1000, bases
// 0-100000, one base at most.
func (st *store) strategyItems(c *cluster, items []strategyItem, now time.Time) ([]storedStrategyItem, *apiError) {
	if len(items) == 0 {
		return nil, nil
	}
	associated := append(slices.Clone(c.CapacityProviders), st.usableScoped(c, now)...)
	return validateStrategy(items, associated)
}

// placement decides how a task of launch type lt (or strategy) runs in c:
// the launch type and capacity provider it reports, and whether it needs a
// registered container instance. Without both, the cluster's default
// strategy applies, and without one the EC2 launch type.
func placement(c *cluster, lt string, strategy []storedStrategyItem) (launchType, provider string, needsInstance bool) {
	if lt == "" && len(strategy) == 0 {
		strategy = c.Strategy
	}
	if lt != "" || len(strategy) == 0 {
		if lt == "" {
			lt = "EC2"
		}
		return lt, "", lt == "EC2" || lt == "EXTERNAL"
	}
	provider = strategyProvider(strategy)
	if provider == "FARGATE" || provider == "FARGATE_SPOT" {
		return "FARGATE", provider, false
	}
	return "EC2", provider, false
}

// strategyProvider is the provider of a strategy that places the first
// task: the one with a base, else the first with a weight, else the first.
func strategyProvider(strategy []storedStrategyItem) string {
	for _, it := range strategy {
		if it.Base > 0 {
			return it.CapacityProvider
		}
	}
	for _, it := range strategy {
		if it.Weight > 0 {
			return it.CapacityProvider
		}
	}
	return strategy[0].CapacityProvider
}

func validLaunchType(lt string) bool {
	switch lt {
	case "", "EC2", "FARGATE", "EXTERNAL", "MANAGED_INSTANCES":
		return true
	}
	return false
}

// describeChildren answers a Describe call for objects of cluster c of type
// typ: the rendering of each one idents names that render finds, and a
// MISSING failure with its ARN (arnOf for a name or ID) for each other.
func describeChildren[O any](st *store, c *cluster, typ string, idents []string, render func(id string) (O, bool), arnOf func(ident string) string) ([]O, []failure) {
	found, failures := []O{}, []failure{}
	for _, ident := range idents {
		if id, ok := st.childID(c, typ, ident); ok {
			if o, ok := render(id); ok {
				found = append(found, o)
				continue
			}
		}
		arn := ident
		if !isARN(ident) {
			arn = arnOf(ident)
		}
		failures = append(failures, failure{Arn: arn, Reason: "MISSING"})
	}
	return found, failures
}
