package sandbox

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"time"
)

// service is the stored state of one service of a cluster. Fields are
// exported for the state file.
type service struct {
	Name           string
	TaskDefinition string
	LaunchType     string               `json:",omitempty"`
	Strategy       []storedStrategyItem `json:",omitempty"`
	DesiredCount   int
	Status         string
	Tags           []storedTag `json:",omitempty"`
	DeploymentID   string      // the scheduler starts tasks as ecs-svc/<DeploymentID>
	CreatedAt      time.Time
	UpdatedAt      time.Time
	DrainAt        time.Time `json:",omitzero"` // DRAINING ends
	InactiveAt     time.Time `json:",omitzero"` // became INACTIVE
}

type serviceOut struct {
	ServiceArn               string               `json:"serviceArn"`
	ServiceName              string               `json:"serviceName"`
	ClusterArn               string               `json:"clusterArn"`
	Status                   string               `json:"status"`
	DesiredCount             int                  `json:"desiredCount"`
	RunningCount             int                  `json:"runningCount"`
	PendingCount             int                  `json:"pendingCount"`
	LaunchType               string               `json:"launchType,omitempty"`
	CapacityProviderStrategy []storedStrategyItem `json:"capacityProviderStrategy,omitempty"`
	TaskDefinition           string               `json:"taskDefinition"`
	Deployments              []deploymentOut      `json:"deployments"`
	Events                   []any                `json:"events"`
	CreatedAt                timestamp            `json:"createdAt"`
	SchedulingStrategy       string               `json:"schedulingStrategy"`
	DeploymentController     map[string]string    `json:"deploymentController"`
	Tags                     []storedTag          `json:"tags,omitzero"`
}

type deploymentOut struct {
	ID                       string               `json:"id"`
	Status                   string               `json:"status"`
	TaskDefinition           string               `json:"taskDefinition"`
	DesiredCount             int                  `json:"desiredCount"`
	PendingCount             int                  `json:"pendingCount"`
	RunningCount             int                  `json:"runningCount"`
	FailedTasks              int                  `json:"failedTasks"`
	CreatedAt                timestamp            `json:"createdAt"`
	UpdatedAt                timestamp            `json:"updatedAt"`
	LaunchType               string               `json:"launchType,omitempty"`
	CapacityProviderStrategy []storedStrategyItem `json:"capacityProviderStrategy,omitempty"`
	RolloutState             string               `json:"rolloutState"`
}

func (st *store) serviceARN(c *cluster, name string) string {
	return st.arn("service/" + c.Name + "/" + name)
}

// serviceTasks returns the tasks of a service whose desired status is
// RUNNING, oldest first.
func (c *cluster) serviceTasks(name string) []*task {
	var out []*task
	for _, t := range c.Tasks {
		if t.Service == name && t.DesiredStatus == statusRunning {
			out = append(out, t)
		}
	}
	slices.SortFunc(out, func(a, b *task) int {
		if d := a.CreatedAt.Compare(b.CreatedAt); d != 0 {
			return d
		}
		return compareStrings(a.ID, b.ID)
	})
	return out
}

func compareStrings(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func (st *store) renderService(c *cluster, sv *service, withTags bool) serviceOut {
	running := len(c.serviceTasks(sv.Name))
	lt := sv.LaunchType
	out := serviceOut{
		ServiceArn: st.serviceARN(c, sv.Name), ServiceName: sv.Name, ClusterArn: st.clusterARN(c.Name),
		Status: sv.Status, DesiredCount: sv.DesiredCount, RunningCount: running,
		LaunchType: lt, CapacityProviderStrategy: sv.Strategy, TaskDefinition: st.taskDefinitionARN(sv.TaskDefinition),
		Events: []any{}, CreatedAt: stamp(sv.CreatedAt), SchedulingStrategy: "REPLICA",
		DeploymentController: map[string]string{"type": "ECS"},
		Deployments:          []deploymentOut{},
	}
	if sv.Status == statusActive {
		rollout := "COMPLETED"
		if running < sv.DesiredCount {
			rollout = "IN_PROGRESS"
		}
		out.Deployments = append(out.Deployments, deploymentOut{
			ID: "ecs-svc/" + sv.DeploymentID, Status: "PRIMARY", TaskDefinition: out.TaskDefinition,
			DesiredCount: sv.DesiredCount, RunningCount: running, CreatedAt: stamp(sv.CreatedAt), UpdatedAt: stamp(sv.UpdatedAt),
			LaunchType: lt, CapacityProviderStrategy: sv.Strategy, RolloutState: rollout,
		})
	}
	if withTags {
		out.Tags = nonNil(slices.Clone(sv.Tags))
	}
	return out
}

// schedule is the service scheduler: it stops the newest tasks of a service
// above its desired count and starts tasks up to it, placed on the
// container instance running the fewest tasks when the launch type needs
// one (none placed without an instance).
func (st *store) schedule(c *cluster, sv *service, now time.Time) {
	tasks := c.serviceTasks(sv.Name)
	for i := len(tasks) - 1; i >= sv.DesiredCount; i-- {
		tasks[i].stop(now, "ServiceSchedulerInitiated", fmt.Sprintf("Scaling activity initiated by (deployment ecs-svc/%s)", sv.DeploymentID))
	}
	for n := len(tasks); n < sv.DesiredCount; n++ {
		lt, provider, needsInstance := placement(c, sv.LaunchType, sv.Strategy)
		inst := ""
		if needsInstance {
			if inst = c.leastBusyInstance(); inst == "" {
				return
			}
		}
		c.addTask(&task{
			TaskDefinition: sv.TaskDefinition, LaunchType: lt, CapacityProvider: provider,
			Group: "service:" + sv.Name, StartedBy: "ecs-svc/" + sv.DeploymentID, Service: sv.Name, Instance: inst,
		}, now)
	}
}

func newDeploymentID() string {
	return fmt.Sprintf("%019d", rand.Int64N(9e18)+1e18)
}

// findService resolves the service member of a service operation.
func (st *store) findService(c *cluster, ident *string) (*service, *apiError) {
	if ident == nil || *ident == "" {
		return nil, invalidParam("The service parameter is required.")
	}
	name, ok := st.childID(c, "service", *ident)
	if sv := c.Services[name]; ok && sv != nil {
		return sv, nil
	}
	return nil, errorf("ServiceNotFoundException", "Service not found.")
}

func errServiceNotActive() *apiError {
	return errorf("ServiceNotActiveException", "Service was not ACTIVE.")
}

type serviceResponse struct {
	Service serviceOut `json:"service"`
}

// createService implements CreateService.
func (s *Server) createService(c *call, body []byte) (any, *apiError) {
	var in struct {
		Cluster                  *string        `json:"cluster"`
		ServiceName              *string        `json:"serviceName"`
		TaskDefinition           *string        `json:"taskDefinition"`
		DesiredCount             *int64         `json:"desiredCount"`
		LaunchType               string         `json:"launchType"`
		CapacityProviderStrategy []strategyItem `json:"capacityProviderStrategy"`
		SchedulingStrategy       string         `json:"schedulingStrategy"`
		Tags                     []tag          `json:"tags"`
	}
	if err := decode(body, &in); err != nil {
		return nil, err
	}
	if in.ServiceName == nil || !validName(*in.ServiceName) {
		return nil, invalidParam("The service name must be 1-255 letters, numbers, hyphens and underscores.")
	}
	if in.TaskDefinition == nil || *in.TaskDefinition == "" {
		return nil, invalidParam("TaskDefinition can not be blank.")
	}
	if in.SchedulingStrategy != "" && in.SchedulingStrategy != "REPLICA" {
		return nil, invalidParam("The sandbox supports the REPLICA scheduling strategy only.")
	}
	if in.DesiredCount == nil {
		return nil, invalidParam("The desiredCount parameter is required for services of the REPLICA scheduling strategy.")
	}
	if *in.DesiredCount < 0 {
		return nil, invalidParam("The desiredCount must not be negative.")
	}
	st := s.store(c.account, c.region)
	cl, err := s.workloadCluster(st, in.Cluster, c.now)
	if err != nil {
		return nil, err
	}
	lt, strategy, err := st.launchChoice(cl, in.LaunchType, in.CapacityProviderStrategy, c.now)
	if err != nil {
		return nil, err
	}
	if lt == "" && len(strategy) == 0 {
		// The cluster's default strategy at creation, else EC2.
		if strategy = slices.Clone(cl.Strategy); len(strategy) == 0 {
			lt = "EC2"
		}
	}
	tags, err := validateTags(in.Tags)
	if err != nil {
		return nil, err
	}
	if old := cl.Services[*in.ServiceName]; old != nil {
		switch old.Status {
		case statusActive:
			return nil, invalidParam("Creation of service was not idempotent.")
		case statusDraining:
			return nil, invalidParam("Unable to Start a service that is still Draining.")
		}
	}
	sv := &service{
		Name: *in.ServiceName, TaskDefinition: *in.TaskDefinition, LaunchType: lt, Strategy: strategy,
		DesiredCount: int(*in.DesiredCount), Status: statusActive, Tags: tags, DeploymentID: newDeploymentID(),
		CreatedAt: c.now, UpdatedAt: c.now,
	}
	if cl.Services == nil {
		cl.Services = make(map[string]*service)
	}
	cl.Services[sv.Name] = sv
	st.schedule(cl, sv, c.now)
	return serviceResponse{st.renderService(cl, sv, true)}, nil
}

// launchChoice validates a launch type and capacity provider strategy,
// which exclude each other.
func (st *store) launchChoice(c *cluster, lt string, items []strategyItem, now time.Time) (string, []storedStrategyItem, *apiError) {
	if !validLaunchType(lt) {
		return "", nil, invalidParam("Invalid launchType %q. Valid values: EC2, FARGATE, EXTERNAL, MANAGED_INSTANCES.", lt)
	}
	if lt != "" && len(items) > 0 {
		return "", nil, invalidParam("Specifying both a launch type and capacity provider strategy is not supported. Remove one and try again.")
	}
	strategy, err := st.strategyItems(c, items, now)
	return lt, strategy, err
}

// describeServices implements DescribeServices: at most 10 services, the
// missing ones as MISSING failures.
func (s *Server) describeServices(c *call, body []byte) (any, *apiError) {
	var in struct {
		Cluster  *string  `json:"cluster"`
		Services []string `json:"services"`
		Include  []string `json:"include"`
	}
	if err := decode(body, &in); err != nil {
		return nil, err
	}
	if len(in.Services) == 0 || len(in.Services) > maxDescribeServices {
		return nil, invalidParam("services must name between 1 and %d services.", maxDescribeServices)
	}
	withTags, err := includeTags(in.Include)
	if err != nil {
		return nil, err
	}
	st := s.store(c.account, c.region)
	cl, err := s.findCluster(st, clusterOrDefault(in.Cluster), c.now)
	if err != nil {
		return nil, err
	}
	var out struct {
		Services []serviceOut `json:"services"`
		Failures []failure    `json:"failures"`
	}
	out.Services, out.Failures = describeChildren(st, cl, "service", in.Services, func(name string) (serviceOut, bool) {
		sv := cl.Services[name]
		if sv == nil {
			return serviceOut{}, false
		}
		return st.renderService(cl, sv, withTags), true
	}, func(ident string) string { return st.serviceARN(cl, ident) })
	return out, nil
}

func clusterOrDefault(ident *string) *string {
	if ident == nil || *ident == "" {
		d := "default"
		return &d
	}
	return ident
}

func includeTags(include []string) (bool, *apiError) {
	tags := false
	for _, f := range include {
		if f != "TAGS" {
			return false, invalidParam("Invalid include value %q. Valid values: TAGS.", f)
		}
		tags = true
	}
	return tags, nil
}

// listServices implements ListServices: the ACTIVE services of a cluster in
// name order (DRAINING ones are no longer listed), 10 a page by default.
func (s *Server) listServices(c *call, body []byte) (any, *apiError) {
	var in struct {
		Cluster            *string `json:"cluster"`
		MaxResults         *int64  `json:"maxResults"`
		NextToken          *string `json:"nextToken"`
		LaunchType         string  `json:"launchType"`
		SchedulingStrategy string  `json:"schedulingStrategy"`
	}
	if err := decode(body, &in); err != nil {
		return nil, err
	}
	limit, err := maxResults(in.MaxResults, 10)
	if err != nil {
		return nil, err
	}
	if !validLaunchType(in.LaunchType) {
		return nil, invalidParam("Invalid launchType %q.", in.LaunchType)
	}
	st := s.store(c.account, c.region)
	cl, err := s.findCluster(st, clusterOrDefault(in.Cluster), c.now)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, name := range sortedKeys(cl.Services) {
		sv := cl.Services[name]
		lt, _, _ := placement(cl, sv.LaunchType, sv.Strategy)
		if sv.Status != statusActive || in.LaunchType != "" && lt != in.LaunchType ||
			in.SchedulingStrategy != "" && in.SchedulingStrategy != "REPLICA" {
			continue
		}
		names = append(names, name)
	}
	pageNames, next, err := page(names, "s", deref(in.NextToken), limit)
	if err != nil {
		return nil, err
	}
	out := struct {
		ServiceArns []string `json:"serviceArns"`
		NextToken   string   `json:"nextToken,omitempty"`
	}{ServiceArns: []string{}, NextToken: next}
	for _, name := range pageNames {
		out.ServiceArns = append(out.ServiceArns, st.serviceARN(cl, name))
	}
	return out, nil
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// updateService implements UpdateService for desiredCount, taskDefinition,
// launch choice and strategy; the scheduler then adjusts the tasks.
func (s *Server) updateService(c *call, body []byte) (any, *apiError) {
	var in struct {
		Cluster                  *string        `json:"cluster"`
		Service                  *string        `json:"service"`
		DesiredCount             *int64         `json:"desiredCount"`
		TaskDefinition           *string        `json:"taskDefinition"`
		CapacityProviderStrategy []strategyItem `json:"capacityProviderStrategy"`
		ForceNewDeployment       bool           `json:"forceNewDeployment"`
	}
	if err := decode(body, &in); err != nil {
		return nil, err
	}
	st := s.store(c.account, c.region)
	cl, err := s.workloadCluster(st, in.Cluster, c.now)
	if err != nil {
		return nil, err
	}
	sv, err := st.findService(cl, in.Service)
	if err != nil {
		return nil, err
	}
	if sv.Status != statusActive {
		return nil, errServiceNotActive()
	}
	if in.DesiredCount != nil && *in.DesiredCount < 0 {
		return nil, invalidParam("The desiredCount must not be negative.")
	}
	if in.TaskDefinition != nil && *in.TaskDefinition == "" {
		return nil, invalidParam("TaskDefinition can not be blank.")
	}
	var strategy []storedStrategyItem
	if in.CapacityProviderStrategy != nil {
		if strategy, err = st.strategyItems(cl, in.CapacityProviderStrategy, c.now); err != nil {
			return nil, err
		}
	}
	if in.DesiredCount != nil {
		sv.DesiredCount = int(*in.DesiredCount)
	}
	redeploy := in.ForceNewDeployment
	if in.TaskDefinition != nil && *in.TaskDefinition != sv.TaskDefinition {
		sv.TaskDefinition, redeploy = *in.TaskDefinition, true
	}
	if in.CapacityProviderStrategy != nil {
		sv.Strategy, sv.LaunchType, redeploy = strategy, "", true
	}
	if redeploy {
		// The new deployment replaces the tasks at once (no rolling update).
		for _, t := range cl.serviceTasks(sv.Name) {
			t.stop(c.now, "ServiceSchedulerInitiated", "Deployment replaced the task.")
		}
		sv.DeploymentID = newDeploymentID()
	}
	sv.UpdatedAt = c.now
	st.schedule(cl, sv, c.now)
	return serviceResponse{st.renderService(cl, sv, false)}, nil
}

// deleteService implements DeleteService. Without force a service scaled
// above 0 is refused; the service's tasks are stopped and it is DRAINING
// for the service drain delay, then INACTIVE.
func (s *Server) deleteService(c *call, body []byte) (any, *apiError) {
	var in struct {
		Cluster *string `json:"cluster"`
		Service *string `json:"service"`
		Force   bool    `json:"force"`
	}
	if err := decode(body, &in); err != nil {
		return nil, err
	}
	st := s.store(c.account, c.region)
	cl, err := s.findCluster(st, clusterOrDefault(in.Cluster), c.now)
	if err != nil {
		return nil, err
	}
	sv, err := st.findService(cl, in.Service)
	if err != nil {
		return nil, err
	}
	if sv.Status != statusActive {
		return nil, errServiceNotActive()
	}
	if sv.DesiredCount > 0 && !in.Force {
		return nil, invalidParam("The service cannot be stopped while it is scaled above 0.")
	}
	sv.DesiredCount = 0
	for _, t := range cl.serviceTasks(sv.Name) {
		t.stop(c.now, "ServiceSchedulerInitiated", "Service deleted.")
	}
	sv.UpdatedAt = c.now
	sv.Status, sv.DrainAt = statusDraining, c.now.Add(s.serviceDrain)
	if s.serviceDrain <= 0 {
		sv.Status, sv.DrainAt, sv.InactiveAt = statusInactive, time.Time{}, c.now
	}
	return serviceResponse{st.renderService(cl, sv, false)}, nil
}
