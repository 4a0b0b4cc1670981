package sandbox

import (
	"encoding/json"
	"fmt"
	"slices"
	"time"
)

// containerInstance is the stored state of one container instance. Fields
// are exported for the state file.
type containerInstance struct {
	ID             string
	EC2InstanceID  string
	Status         string          // ACTIVE, or INACTIVE once deregistered
	Resources      json.RawMessage `json:",omitempty"` // totalResources as registered
	VersionInfo    json.RawMessage `json:",omitempty"`
	Attributes     json.RawMessage `json:",omitempty"`
	Tags           []storedTag     `json:",omitempty"`
	Version        int64
	RegisteredAt   time.Time
	DeregisteredAt time.Time `json:",omitzero"`
}

type containerInstanceOut struct {
	ContainerInstanceArn string          `json:"containerInstanceArn"`
	EC2InstanceID        string          `json:"ec2InstanceId"`
	Status               string          `json:"status"`
	AgentConnected       bool            `json:"agentConnected"`
	RunningTasksCount    int             `json:"runningTasksCount"`
	PendingTasksCount    int             `json:"pendingTasksCount"`
	RegisteredResources  json.RawMessage `json:"registeredResources"`
	RemainingResources   json.RawMessage `json:"remainingResources"`
	VersionInfo          json.RawMessage `json:"versionInfo,omitempty"`
	Attributes           json.RawMessage `json:"attributes"`
	Version              int64           `json:"version"`
	RegisteredAt         timestamp       `json:"registeredAt"`
	Tags                 []storedTag     `json:"tags,omitzero"`
}

func (st *store) containerInstanceARN(c *cluster, id string) string {
	return st.arn("container-instance/" + c.Name + "/" + id)
}

// registeredInstances is the number of container instances that are
// registered (not INACTIVE).
func (c *cluster) registeredInstances() int {
	n := 0
	for _, ci := range c.Instances {
		if ci.Status != statusInactive {
			n++
		}
	}
	return n
}

// instanceTasks is the number of running tasks on a container instance.
func (c *cluster) instanceTasks(id string) int {
	n := 0
	for _, t := range c.Tasks {
		if t.Instance == id && t.LastStatus == statusRunning {
			n++
		}
	}
	return n
}

// leastBusyInstance returns the ACTIVE container instance running the
// fewest tasks (the first by ID among equals), or "" when there is none.
func (c *cluster) leastBusyInstance() string {
	best, bestN := "", 0
	for _, id := range sortedKeys(c.Instances) {
		if c.Instances[id].Status != statusActive {
			continue
		}
		if n := c.instanceTasks(id); best == "" || n < bestN {
			best, bestN = id, n
		}
	}
	return best
}

func (st *store) renderInstance(c *cluster, ci *containerInstance, withTags bool) containerInstanceOut {
	res := ci.Resources
	if len(res) == 0 {
		res = json.RawMessage(`[]`)
	}
	attrs := ci.Attributes
	if len(attrs) == 0 {
		attrs = json.RawMessage(`[]`)
	}
	out := containerInstanceOut{
		ContainerInstanceArn: st.containerInstanceARN(c, ci.ID), EC2InstanceID: ci.EC2InstanceID, Status: ci.Status,
		AgentConnected: ci.Status == statusActive, RunningTasksCount: c.instanceTasks(ci.ID),
		RegisteredResources: res, RemainingResources: res, VersionInfo: ci.VersionInfo, Attributes: attrs,
		Version: ci.Version, RegisteredAt: stamp(ci.RegisteredAt),
	}
	if withTags {
		out.Tags = nonNil(slices.Clone(ci.Tags))
	}
	return out
}

// register adds a container instance as of now.
func (s *Server) register(st *store, c *cluster, ci *containerInstance, now time.Time) {
	if c.Instances == nil {
		c.Instances = make(map[string]*containerInstance)
	}
	if ci.ID == "" {
		ci.ID = newHexID()
	}
	if ci.EC2InstanceID == "" {
		ci.EC2InstanceID = "i-" + newHexID()[:17]
	}
	ci.Status, ci.RegisteredAt, ci.Version = statusActive, now, 1
	c.Instances[ci.ID] = ci
	s.advanceWorkloads(st, c, now) // the scheduler places waiting service tasks
}

// registerContainerInstance implements RegisterContainerInstance, as the
// container agent calls it. The instance ID comes from the instance identity
// document when it is one; an existing containerInstanceArn re-registers
// that instance.
func (s *Server) registerContainerInstance(c *call, body []byte) (any, *apiError) {
	var in struct {
		Cluster                  *string         `json:"cluster"`
		InstanceIdentityDocument *string         `json:"instanceIdentityDocument"`
		TotalResources           json.RawMessage `json:"totalResources"`
		VersionInfo              json.RawMessage `json:"versionInfo"`
		ContainerInstanceArn     *string         `json:"containerInstanceArn"`
		Attributes               json.RawMessage `json:"attributes"`
		Tags                     []tag           `json:"tags"`
	}
	if err := decode(body, &in); err != nil {
		return nil, err
	}
	st := s.store(c.account, c.region)
	cl, err := s.workloadCluster(st, in.Cluster, c.now)
	if err != nil {
		return nil, err
	}
	tags, err := validateTags(in.Tags)
	if err != nil {
		return nil, err
	}
	ci := &containerInstance{Resources: in.TotalResources, VersionInfo: in.VersionInfo, Attributes: in.Attributes, Tags: tags}
	if doc := deref(in.InstanceIdentityDocument); doc != "" {
		var id struct {
			InstanceID string `json:"instanceId"`
		}
		if json.Unmarshal([]byte(doc), &id) == nil {
			ci.EC2InstanceID = id.InstanceID
		}
	}
	if arn := deref(in.ContainerInstanceArn); arn != "" {
		id, ok := st.childID(cl, "container-instance", arn)
		old := cl.Instances[id]
		if !ok || old == nil || old.Status == statusInactive {
			return nil, invalidParam("The referenced container instance was not found.")
		}
		ci.ID, ci.EC2InstanceID = old.ID, old.EC2InstanceID
	}
	s.register(st, cl, ci, c.now)
	return struct {
		ContainerInstance containerInstanceOut `json:"containerInstance"`
	}{st.renderInstance(cl, ci, true)}, nil
}

// RegisterContainerInstances registers n container instances in a cluster
// and returns their ARNs. "" account means the default account, "" region
// us-east-1; cluster is a name or an ARN.
func (s *Server) RegisterContainerInstances(account, region, cluster string, n int) ([]string, error) {
	if n < 1 || n > 1000 {
		return nil, fmt.Errorf("sandbox: the instance count must be between 1 and 1000")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c, err := s.hookCluster(account, region, cluster)
	if err != nil {
		return nil, err
	}
	if c.Status == statusInactive {
		return nil, fmt.Errorf("sandbox: cluster %q is INACTIVE", c.Name)
	}
	st := s.lookupStore(account, region)
	arns := make([]string, 0, n)
	for range n {
		ci := &containerInstance{}
		s.register(st, c, ci, s.opts.Now())
		arns = append(arns, st.containerInstanceARN(c, ci.ID))
	}
	s.generation++
	return arns, nil
}

// listContainerInstances implements ListContainerInstances: registered
// instances in ID order, with the status filter, 100 a page by default.
// The cluster query language filter is not supported.
func (s *Server) listContainerInstances(c *call, body []byte) (any, *apiError) {
	var in struct {
		Cluster    *string `json:"cluster"`
		Filter     *string `json:"filter"`
		Status     string  `json:"status"`
		MaxResults *int64  `json:"maxResults"`
		NextToken  *string `json:"nextToken"`
	}
	if err := decode(body, &in); err != nil {
		return nil, err
	}
	limit, err := maxResults(in.MaxResults, 100)
	if err != nil {
		return nil, err
	}
	switch in.Status {
	case "", statusActive, statusDraining, "REGISTERING", "DEREGISTERING", "REGISTRATION_FAILED":
	default:
		return nil, invalidParam("Invalid status %q. Valid values: ACTIVE, DRAINING, REGISTERING, DEREGISTERING, REGISTRATION_FAILED.", in.Status)
	}
	if deref(in.Filter) != "" {
		return nil, invalidParam("The sandbox does not support the cluster query language filter.")
	}
	st := s.store(c.account, c.region)
	cl, err := s.findCluster(st, clusterOrDefault(in.Cluster), c.now)
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, id := range sortedKeys(cl.Instances) {
		ci := cl.Instances[id]
		if ci.Status != statusInactive && (in.Status == "" || ci.Status == in.Status) {
			ids = append(ids, id)
		}
	}
	pageIDs, next, err := page(ids, "i", deref(in.NextToken), limit)
	if err != nil {
		return nil, err
	}
	out := struct {
		ContainerInstanceArns []string `json:"containerInstanceArns"`
		NextToken             string   `json:"nextToken,omitempty"`
	}{ContainerInstanceArns: []string{}, NextToken: next}
	for _, id := range pageIDs {
		out.ContainerInstanceArns = append(out.ContainerInstanceArns, st.containerInstanceARN(cl, id))
	}
	return out, nil
}

// describeContainerInstances implements DescribeContainerInstances: at most
// 100 instances, the missing ones as MISSING failures.
func (s *Server) describeContainerInstances(c *call, body []byte) (any, *apiError) {
	var in struct {
		Cluster            *string  `json:"cluster"`
		ContainerInstances []string `json:"containerInstances"`
		Include            []string `json:"include"`
	}
	if err := decode(body, &in); err != nil {
		return nil, err
	}
	if len(in.ContainerInstances) == 0 || len(in.ContainerInstances) > maxDescribeInstances {
		return nil, invalidParam("containerInstances must name between 1 and %d container instances.", maxDescribeInstances)
	}
	withTags := false
	for _, f := range in.Include {
		switch f {
		case "TAGS":
			withTags = true
		case "CONTAINER_INSTANCE_HEALTH":
		default:
			return nil, invalidParam("Invalid include value %q. Valid values: TAGS, CONTAINER_INSTANCE_HEALTH.", f)
		}
	}
	st := s.store(c.account, c.region)
	cl, err := s.findCluster(st, clusterOrDefault(in.Cluster), c.now)
	if err != nil {
		return nil, err
	}
	var out struct {
		ContainerInstances []containerInstanceOut `json:"containerInstances"`
		Failures           []failure              `json:"failures"`
	}
	out.ContainerInstances, out.Failures = describeChildren(st, cl, "container-instance", in.ContainerInstances, func(id string) (containerInstanceOut, bool) {
		ci := cl.Instances[id]
		if ci == nil {
			return containerInstanceOut{}, false
		}
		return st.renderInstance(cl, ci, withTags), true
	}, func(ident string) string { return st.containerInstanceARN(cl, ident) })
	return out, nil
}

// deregisterContainerInstance implements DeregisterContainerInstance.
// Without force an instance that runs tasks is refused. With force its tasks
// are orphaned: no longer monitored or accounted for by ECS, so they leave
// the cluster's tasks and counts, and the scheduler replaces those of
// services on another instance if there is one.
func (s *Server) deregisterContainerInstance(c *call, body []byte) (any, *apiError) {
	var in struct {
		Cluster           *string `json:"cluster"`
		ContainerInstance *string `json:"containerInstance"`
		Force             bool    `json:"force"`
	}
	if err := decode(body, &in); err != nil {
		return nil, err
	}
	st := s.store(c.account, c.region)
	cl, err := s.findCluster(st, clusterOrDefault(in.Cluster), c.now)
	if err != nil {
		return nil, err
	}
	if deref(in.ContainerInstance) == "" {
		return nil, invalidParam("The containerInstance parameter is required.")
	}
	id, ok := st.childID(cl, "container-instance", *in.ContainerInstance)
	ci := cl.Instances[id]
	if !ok || ci == nil || ci.Status == statusInactive {
		return nil, invalidParam("The referenced container instance was not found.")
	}
	if cl.instanceTasks(id) > 0 && !in.Force {
		return nil, invalidParam("Found running tasks on the instance.")
	}
	out := st.renderInstance(cl, ci, false)
	for tid, t := range cl.Tasks {
		if t.Instance == id && t.LastStatus == statusRunning {
			delete(cl.Tasks, tid)
		}
	}
	ci.Status, ci.DeregisteredAt = statusInactive, c.now
	ci.Version++
	out.Status, out.AgentConnected, out.Version = statusInactive, false, ci.Version
	s.advanceWorkloads(st, cl, c.now)
	return struct {
		ContainerInstance containerInstanceOut `json:"containerInstance"`
	}{out}, nil
}
