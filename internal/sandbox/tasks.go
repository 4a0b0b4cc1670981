package sandbox

import (
	"slices"
	"strings"
	"time"
)

// task is the stored state of one task. Fields are exported for the state
// file.
type task struct {
	ID               string
	TaskDefinition   string
	LaunchType       string
	CapacityProvider string `json:",omitempty"`
	Group            string
	StartedBy        string      `json:",omitempty"`
	Service          string      `json:",omitempty"` // the service that started it
	Instance         string      `json:",omitempty"` // container instance ID
	LastStatus       string      // RUNNING or STOPPED
	DesiredStatus    string      // RUNNING or STOPPED
	StopCode         string      `json:",omitempty"`
	StoppedReason    string      `json:",omitempty"`
	Tags             []storedTag `json:",omitempty"`
	Version          int64
	CreatedAt        time.Time
	StoppedAt        time.Time `json:",omitzero"`
}

type taskOut struct {
	TaskArn              string      `json:"taskArn"`
	ClusterArn           string      `json:"clusterArn"`
	TaskDefinitionArn    string      `json:"taskDefinitionArn"`
	ContainerInstanceArn string      `json:"containerInstanceArn,omitempty"`
	LastStatus           string      `json:"lastStatus"`
	DesiredStatus        string      `json:"desiredStatus"`
	LaunchType           string      `json:"launchType,omitempty"`
	CapacityProviderName string      `json:"capacityProviderName,omitempty"`
	Group                string      `json:"group"`
	StartedBy            string      `json:"startedBy,omitempty"`
	StopCode             string      `json:"stopCode,omitempty"`
	StoppedReason        string      `json:"stoppedReason,omitempty"`
	Version              int64       `json:"version"`
	Containers           []any       `json:"containers"`
	CreatedAt            timestamp   `json:"createdAt"`
	StartedAt            timestamp   `json:"startedAt"`
	StoppingAt           timestamp   `json:"stoppingAt,omitzero"`
	StoppedAt            timestamp   `json:"stoppedAt,omitzero"`
	ExecutionStoppedAt   timestamp   `json:"executionStoppedAt,omitzero"`
	Tags                 []storedTag `json:"tags,omitzero"`
}

func (st *store) taskARN(c *cluster, id string) string { return st.arn("task/" + c.Name + "/" + id) }

// taskDefinitionARN turns the taskDefinition member (family, family:revision
// or ARN) into an ARN; a family alone means its revision 1, as the sandbox
// has no task definition registry.
func (st *store) taskDefinitionARN(def string) string {
	if isARN(def) {
		return def
	}
	if !strings.Contains(def, ":") {
		def += ":1"
	}
	return st.arn("task-definition/" + def)
}

// family returns the task definition family of a taskDefinition member.
func family(def string) string {
	if isARN(def) {
		if _, rest, ok := strings.Cut(def, ":task-definition/"); ok {
			def = rest
		}
	}
	f, _, _ := strings.Cut(def, ":")
	return f
}

func (st *store) renderTask(c *cluster, t *task, withTags bool) taskOut {
	out := taskOut{
		TaskArn: st.taskARN(c, t.ID), ClusterArn: st.clusterARN(c.Name), TaskDefinitionArn: st.taskDefinitionARN(t.TaskDefinition),
		LastStatus: t.LastStatus, DesiredStatus: t.DesiredStatus, LaunchType: t.LaunchType,
		CapacityProviderName: t.CapacityProvider, Group: t.Group, StartedBy: t.StartedBy,
		StopCode: t.StopCode, StoppedReason: t.StoppedReason, Version: t.Version, Containers: []any{},
		CreatedAt: stamp(t.CreatedAt), StartedAt: stamp(t.CreatedAt),
		StoppingAt: stamp(t.StoppedAt), StoppedAt: stamp(t.StoppedAt), ExecutionStoppedAt: stamp(t.StoppedAt),
	}
	if t.Instance != "" {
		out.ContainerInstanceArn = st.containerInstanceARN(c, t.Instance)
	}
	if withTags {
		out.Tags = nonNil(slices.Clone(t.Tags))
	}
	return out
}

// addTask records a task RUNNING as of now.
func (c *cluster) addTask(t *task, now time.Time) {
	if c.Tasks == nil {
		c.Tasks = make(map[string]*task)
	}
	t.ID, t.CreatedAt = newHexID(), now
	t.LastStatus, t.DesiredStatus, t.Version = statusRunning, statusRunning, 1
	c.Tasks[t.ID] = t
}

// stop makes a running task STOPPED as of now; a stopped task is unchanged.
func (t *task) stop(now time.Time, code, reason string) {
	if t.DesiredStatus == statusStopped {
		return
	}
	t.LastStatus, t.DesiredStatus, t.StopCode, t.StoppedReason = statusStopped, statusStopped, code, reason
	t.StoppedAt = now
	t.Version++
}

// runTask implements RunTask: 1 to 10 tasks, RUNNING at once. Tasks of the
// EC2 and EXTERNAL launch types are placed on the container instance that
// runs the fewest tasks; a cluster without one is refused.
func (s *Server) runTask(c *call, body []byte) (any, *apiError) {
	var in struct {
		Cluster                  *string        `json:"cluster"`
		TaskDefinition           *string        `json:"taskDefinition"`
		Count                    *int64         `json:"count"`
		LaunchType               string         `json:"launchType"`
		CapacityProviderStrategy []strategyItem `json:"capacityProviderStrategy"`
		Group                    *string        `json:"group"`
		StartedBy                *string        `json:"startedBy"`
		Tags                     []tag          `json:"tags"`
	}
	if err := decode(body, &in); err != nil {
		return nil, err
	}
	if in.TaskDefinition == nil || *in.TaskDefinition == "" {
		return nil, invalidParam("TaskDefinition can not be blank.")
	}
	count := 1
	if in.Count != nil {
		if *in.Count < 1 || *in.Count > maxRunTaskCount {
			return nil, invalidParam("count must be between 1 and %d.", maxRunTaskCount)
		}
		count = int(*in.Count)
	}
	if in.StartedBy != nil && len(*in.StartedBy) > 128 {
		return nil, invalidParam("startedBy must be at most 128 characters.")
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
	tags, err := validateTags(in.Tags)
	if err != nil {
		return nil, err
	}
	launchType, provider, needsInstance := placement(cl, lt, strategy)
	if needsInstance && cl.leastBusyInstance() == "" {
		return nil, invalidParam("No Container Instances were found in your cluster.")
	}
	group := "family:" + family(*in.TaskDefinition)
	if in.Group != nil && *in.Group != "" {
		group = *in.Group
	}
	out := struct {
		Tasks    []taskOut `json:"tasks"`
		Failures []failure `json:"failures"`
	}{Tasks: []taskOut{}, Failures: []failure{}}
	for range count {
		t := &task{TaskDefinition: *in.TaskDefinition, LaunchType: launchType, CapacityProvider: provider,
			Group: group, StartedBy: deref(in.StartedBy), Tags: tags}
		if needsInstance {
			t.Instance = cl.leastBusyInstance()
		}
		cl.addTask(t, c.now)
		out.Tasks = append(out.Tasks, st.renderTask(cl, t, true))
	}
	return out, nil
}

// findTask resolves the task member of StopTask.
func (st *store) findTask(c *cluster, ident *string) (*task, *apiError) {
	if ident == nil || *ident == "" {
		return nil, invalidParam("The task parameter is required.")
	}
	id, ok := st.childID(c, "task", *ident)
	if t := c.Tasks[id]; ok && t != nil {
		return t, nil
	}
	return nil, invalidParam("The referenced task was not found.")
}

// stopTask implements StopTask. A stopped task of an ACTIVE service is
// replaced by the service scheduler.
func (s *Server) stopTask(c *call, body []byte) (any, *apiError) {
	var in struct {
		Cluster *string `json:"cluster"`
		Task    *string `json:"task"`
		Reason  *string `json:"reason"`
	}
	if err := decode(body, &in); err != nil {
		return nil, err
	}
	if in.Reason != nil && len(*in.Reason) > 255 {
		return nil, invalidParam("reason must be at most 255 characters.")
	}
	st := s.store(c.account, c.region)
	cl, err := s.findCluster(st, clusterOrDefault(in.Cluster), c.now)
	if err != nil {
		return nil, err
	}
	t, err := st.findTask(cl, in.Task)
	if err != nil {
		return nil, err
	}
	t.stop(c.now, "UserInitiated", deref(in.Reason))
	out := st.renderTask(cl, t, false)
	s.advanceWorkloads(st, cl, c.now)
	return struct {
		Task taskOut `json:"task"`
	}{out}, nil
}

// describeTasks implements DescribeTasks: at most 100 tasks, the missing
// ones (and stopped ones past the retention) as MISSING failures.
func (s *Server) describeTasks(c *call, body []byte) (any, *apiError) {
	var in struct {
		Cluster *string  `json:"cluster"`
		Tasks   []string `json:"tasks"`
		Include []string `json:"include"`
	}
	if err := decode(body, &in); err != nil {
		return nil, err
	}
	if len(in.Tasks) == 0 || len(in.Tasks) > maxDescribeTasks {
		return nil, invalidParam("tasks must name between 1 and %d tasks.", maxDescribeTasks)
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
		Tasks    []taskOut `json:"tasks"`
		Failures []failure `json:"failures"`
	}
	out.Tasks, out.Failures = describeChildren(st, cl, "task", in.Tasks, func(id string) (taskOut, bool) {
		t := cl.Tasks[id]
		if t == nil {
			return taskOut{}, false
		}
		return st.renderTask(cl, t, withTags), true
	}, func(ident string) string { return st.taskARN(cl, ident) })
	return out, nil
}

// listTasks implements ListTasks with the desiredStatus (default RUNNING),
// serviceName, containerInstance, family, launchType and startedBy (alone)
// filters, 100 a page by default.
func (s *Server) listTasks(c *call, body []byte) (any, *apiError) {
	var in struct {
		Cluster           *string `json:"cluster"`
		ContainerInstance *string `json:"containerInstance"`
		Family            *string `json:"family"`
		ServiceName       *string `json:"serviceName"`
		StartedBy         *string `json:"startedBy"`
		DesiredStatus     string  `json:"desiredStatus"`
		LaunchType        string  `json:"launchType"`
		MaxResults        *int64  `json:"maxResults"`
		NextToken         *string `json:"nextToken"`
	}
	if err := decode(body, &in); err != nil {
		return nil, err
	}
	limit, err := maxResults(in.MaxResults, 100)
	if err != nil {
		return nil, err
	}
	switch in.DesiredStatus {
	case "":
		in.DesiredStatus = statusRunning
	case statusRunning, "PENDING", statusStopped:
	default:
		return nil, invalidParam("Invalid desiredStatus %q. Valid values: RUNNING, PENDING, STOPPED.", in.DesiredStatus)
	}
	if !validLaunchType(in.LaunchType) {
		return nil, invalidParam("Invalid launchType %q.", in.LaunchType)
	}
	if deref(in.StartedBy) != "" && (deref(in.ContainerInstance) != "" || deref(in.Family) != "" || deref(in.ServiceName) != "" || in.LaunchType != "") {
		return nil, invalidParam("When you specify startedBy as the filter, it must be the only filter that you use.")
	}
	st := s.store(c.account, c.region)
	cl, err := s.findCluster(st, clusterOrDefault(in.Cluster), c.now)
	if err != nil {
		return nil, err
	}
	instance := ""
	if ident := deref(in.ContainerInstance); ident != "" {
		id, ok := st.childID(cl, "container-instance", ident)
		if !ok {
			return nil, invalidParam("The referenced container instance is not in this cluster.")
		}
		instance = id
	}
	keep := func(t *task) bool {
		return t.DesiredStatus == in.DesiredStatus &&
			(instance == "" || t.Instance == instance) &&
			(deref(in.ServiceName) == "" || t.Service == deref(in.ServiceName)) &&
			(deref(in.Family) == "" || family(t.TaskDefinition) == deref(in.Family)) &&
			(deref(in.StartedBy) == "" || t.StartedBy == deref(in.StartedBy)) &&
			(in.LaunchType == "" || t.LaunchType == in.LaunchType)
	}
	var ids []string
	for _, id := range sortedKeys(cl.Tasks) {
		if keep(cl.Tasks[id]) {
			ids = append(ids, id)
		}
	}
	pageIDs, next, err := page(ids, "t", deref(in.NextToken), limit)
	if err != nil {
		return nil, err
	}
	out := struct {
		TaskArns  []string `json:"taskArns"`
		NextToken string   `json:"nextToken,omitempty"`
	}{TaskArns: []string{}, NextToken: next}
	for _, id := range pageIDs {
		out.TaskArns = append(out.TaskArns, st.taskARN(cl, id))
	}
	return out, nil
}
