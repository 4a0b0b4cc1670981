package sandbox

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Built-in providers exist in every account and region and cannot be created
// or deleted (spec §2).
var builtinProviders = []string{"FARGATE", "FARGATE_SPOT"}

func isBuiltin(name string) bool { return name == "FARGATE" || name == "FARGATE_SPOT" }

// capacityProvider is a custom capacity provider. Fields are exported for the
// state file.
type capacityProvider struct {
	Name               string
	Type               string // EC2_AUTOSCALING or MANAGED_INSTANCES
	Status             string
	UpdateStatus       string                    `json:",omitempty"`
	UpdateStatusReason string                    `json:",omitempty"`
	ASGArn             string                    `json:",omitempty"`
	ASG                *autoScalingGroupProvider `json:",omitempty"`
	ManagedInstances   json.RawMessage           `json:",omitempty"`
	Tags               []storedTag
	Cluster            string    `json:",omitempty"` // associated cluster (EC2_AUTOSCALING)
	ScopedCluster      string    `json:",omitempty"` // owning cluster (MANAGED_INSTANCES)
	DeleteAt           time.Time `json:",omitzero"`
	InactiveAt         time.Time `json:",omitzero"`
	ActiveAt           time.Time `json:",omitzero"` // PROVISIONING ends
	UpdateDoneAt       time.Time `json:",omitzero"` // UPDATE_IN_PROGRESS ends

	// An update in progress fails with this reason (a test hook) and
	// restores PriorASG.
	FailUpdate string                    `json:",omitempty"`
	PriorASG   *autoScalingGroupProvider `json:",omitempty"`
	PriorMI    json.RawMessage           `json:",omitempty"`
}

func (st *store) renderProvider(p *capacityProvider, withTags bool) capacityProviderOut {
	out := capacityProviderOut{
		CapacityProviderArn:      st.providerARN(p.Name),
		Name:                     p.Name,
		Status:                   p.Status,
		ManagedInstancesProvider: p.ManagedInstances,
		UpdateStatus:             p.UpdateStatus,
		UpdateStatusReason:       p.UpdateStatusReason,
		Type:                     p.Type,
	}
	if p.ASG != nil {
		asg := *p.ASG
		if asg.ManagedScaling != nil {
			ms := *asg.ManagedScaling
			asg.ManagedScaling = &ms
		}
		out.AutoScalingGroupProvider = &asg
	}
	if p.ScopedCluster != "" {
		out.Cluster = p.ScopedCluster
	}
	if withTags {
		out.Tags = append([]storedTag{}, p.Tags...)
	}
	return out
}

func (st *store) renderBuiltin(name string) capacityProviderOut {
	return capacityProviderOut{
		CapacityProviderArn: st.providerARN(name),
		Name:                name,
		Status:              statusActive,
		Tags:                []storedTag{},
		Type:                name,
	}
}

// validateProviders checks the capacityProviders list of CreateCluster or
// PutClusterCapacityProviders for cluster name (spec §4.5).
func (s *Server) validateProviders(st *store, clusterName string, names []string, now time.Time) ([]string, *apiError) {
	if len(names) > maxClusterProviders {
		return nil, invalidParam("The maximum number of capacity providers per cluster has been exceeded.")
	}
	out := make([]string, 0, len(names))
	for _, n := range names {
		if slices.Contains(out, n) {
			return nil, invalidParam("The capacity provider %s is specified more than once.", n)
		}
		out = append(out, n)
		if isBuiltin(n) {
			continue
		}
		p := st.getProvider(n, now, s.retention)
		if p == nil || p.Status != statusActive || p.UpdateStatus == cpDeleteInProgress {
			return nil, invalidParam("The specified capacity provider %s does not exist or is not ACTIVE. Specify a valid capacity provider and try again.", n)
		}
		if p.Type == "MANAGED_INSTANCES" {
			return nil, invalidParam("Cannot associate Managed Instances capacity provider to clusters using this API. Managed Instances capacity providers are associated with the cluster in which they are created.")
		}
		if p.Cluster != "" && p.Cluster != clusterName {
			return nil, invalidParam("The specified capacity provider %s is already associated with another cluster: %s. A capacity provider can only be associated with one cluster.", n, p.Cluster)
		}
	}
	return out, nil
}

// applyProviders replaces the provider set of a cluster. Added Auto Scaling
// group providers get asp, as_policy and managed_draining attachments and put
// the cluster in PROVISIONING; removed ones have their attachments DELETING.
// The update completes after the provisioning delay (spec §4.5 item 6, §5).
func (s *Server) applyProviders(st *store, cl *cluster, providers []string, strategy []storedStrategyItem, now time.Time) {
	added, removed := false, false
	for _, old := range cl.CapacityProviders {
		if slices.Contains(providers, old) {
			continue
		}
		if p := st.providers[old]; p != nil && p.Cluster == cl.Name {
			p.Cluster = ""
			removed = true
			for i := range cl.Attachments {
				if cl.Attachments[i].Type != "sc" && detail(cl.Attachments[i], "capacityProviderName") == old {
					cl.Attachments[i].Status = "DELETING"
				}
			}
		}
	}
	for _, n := range providers {
		if slices.Contains(cl.CapacityProviders, n) {
			continue
		}
		if p := st.providers[n]; p != nil {
			p.Cluster = cl.Name
			added = true
			cl.Attachments = append(cl.Attachments, providerAttachments(p)...)
		}
	}
	cl.CapacityProviders = providers
	cl.Strategy = strategy
	switch {
	case added || removed:
		cl.AttachmentsStatus = updateInProgress
		cl.UpdateDoneAt = now.Add(s.provision)
		if added {
			cl.Status = statusProvisioning
		}
	case len(providers) > 0 || cl.AttachmentsStatus != "":
		cl.AttachmentsStatus = updateComplete
	}
}

func providerAttachments(p *capacityProvider) []attachment {
	id := newUUID()
	out := []attachment{{
		ID: newUUID(), Type: "asp", Status: "ACTIVE",
		Details: []keyValuePair{{"capacityProviderName", p.Name}, {"scalingPlanName", "ECSManagedAutoScalingPlan-" + id}},
	}}
	if p.ASG != nil && p.ASG.ManagedScaling != nil && p.ASG.ManagedScaling.Status == "ENABLED" {
		out = append(out, attachment{
			ID: newUUID(), Type: "as_policy", Status: "CREATED",
			Details: []keyValuePair{{"capacityProviderName", p.Name}, {"scalingPolicyName", "ECSManagedAutoScalingPolicy-" + id}},
		})
	}
	if p.ASG != nil && p.ASG.ManagedDraining == "ENABLED" {
		out = append(out, attachment{
			ID: newUUID(), Type: "managed_draining", Status: "CREATED",
			Details: []keyValuePair{{"capacityProviderName", p.Name}, {"autoScalingLifecycleHookName", "ecs-managed-draining-termination-hook"}},
		})
	}
	return out
}

func detail(a attachment, name string) string {
	for _, d := range a.Details {
		if d.Name == name {
			return d.Value
		}
	}
	return ""
}

// putClusterCapacityProviders implements PutClusterCapacityProviders (spec
// §4.5): the given lists replace the cluster's.
func (s *Server) putClusterCapacityProviders(c *call, body []byte) (any, *apiError) {
	var in struct {
		Cluster                         *string         `json:"cluster"`
		CapacityProviders               *[]string       `json:"capacityProviders"`
		DefaultCapacityProviderStrategy *[]strategyItem `json:"defaultCapacityProviderStrategy"`
	}
	if err := decode(body, &in); err != nil {
		return nil, err
	}
	if in.CapacityProviders == nil || in.DefaultCapacityProviderStrategy == nil {
		return nil, invalidParam("The capacityProviders and defaultCapacityProviderStrategy parameters are required.")
	}
	st := s.store(c.account, c.region)
	cl, err := s.findCluster(st, in.Cluster, c.now)
	if err != nil {
		return nil, err
	}
	if cl.Status != statusActive {
		return nil, clientErr("Cluster was not ACTIVE.")
	}
	if cl.AttachmentsStatus == updateInProgress {
		return nil, errorf("UpdateInProgressException", "The cluster has an update in progress. Wait for the update to complete and try again.")
	}
	providers, err := s.validateProviders(st, cl.Name, *in.CapacityProviders, c.now)
	if err != nil {
		return nil, err
	}
	// Cluster-scoped (Managed Instances) providers are available to the
	// cluster's strategy without being listed.
	available := append(slices.Clone(providers), st.usableScoped(cl, c.now)...)
	strategy, err := validateStrategy(*in.DefaultCapacityProviderStrategy, available)
	if err != nil {
		return nil, err
	}
	// A provider of the current default strategy is in use while the cluster
	// runs tasks or services.
	o := cl.Occupants
	if o.RunningTasks+o.PendingTasks+o.ActiveServices+o.DrainingServices > 0 {
		for _, it := range cl.Strategy {
			if !slices.Contains(available, it.CapacityProvider) {
				return nil, errorf("ResourceInUseException", "The specified capacity provider is in use and cannot be removed.")
			}
		}
	}
	s.applyProviders(st, cl, providers, strategy, c.now)
	st.advance(cl, c.now)
	return clusterResponse{st.render(cl, renderMutation, clusterFields{})}, nil
}

// validProviderName checks a custom capacity provider name: the cluster name
// pattern, and no aws, ecs or fargate prefix (spec §2).
func validateProviderName(name string) *apiError {
	if !validName(name) {
		return invalidParam("The capacity provider name must match ^[a-zA-Z0-9\\-_]{1,255}$, but was %s", name)
	}
	lower := strings.ToLower(name)
	for _, p := range []string{"aws", "ecs", "fargate"} {
		if strings.HasPrefix(lower, p) {
			return invalidParam("The capacity provider name cannot begin with \"aws\", \"ecs\" or \"fargate\".")
		}
	}
	return nil
}

func int64p(v int64) *int64 { return &v }

// validateASGProvider checks an autoScalingGroupProvider and fills the
// documented defaults.
func validateASGProvider(a *autoScalingGroupProvider) *apiError {
	if a.AutoScalingGroupArn == nil || !isARN(*a.AutoScalingGroupArn) {
		return invalidParam("autoScalingGroupProvider.autoScalingGroupArn must be a valid Auto Scaling group ARN.")
	}
	if a.ManagedScaling == nil {
		a.ManagedScaling = &managedScaling{}
	}
	ms := a.ManagedScaling
	switch ms.Status {
	case "":
		ms.Status = "DISABLED"
	case "ENABLED", "DISABLED":
	default:
		return invalidParam("Invalid value %q for managedScaling.status. Valid values: ENABLED, DISABLED.", ms.Status)
	}
	for _, r := range []struct {
		name     string
		v        **int64
		min, max int64
		def      int64
	}{
		{"targetCapacity", &ms.TargetCapacity, 1, 100, 100},
		{"minimumScalingStepSize", &ms.MinimumScalingStepSize, 1, 10000, 1},
		{"maximumScalingStepSize", &ms.MaximumScalingStepSize, 1, 10000, 10000},
		{"instanceWarmupPeriod", &ms.InstanceWarmupPeriod, 0, 10000, 300},
	} {
		if *r.v == nil {
			*r.v = int64p(r.def)
			continue
		}
		if v := **r.v; v < r.min || v > r.max {
			return invalidParam("managedScaling.%s must be between %d and %d.", r.name, r.min, r.max)
		}
	}
	if *ms.MinimumScalingStepSize > *ms.MaximumScalingStepSize {
		return invalidParam("managedScaling.minimumScalingStepSize cannot be greater than maximumScalingStepSize.")
	}
	for _, f := range []struct {
		name string
		v    *string
		def  string
	}{
		{"managedTerminationProtection", &a.ManagedTerminationProtection, "DISABLED"},
		{"managedDraining", &a.ManagedDraining, "ENABLED"},
	} {
		switch *f.v {
		case "":
			*f.v = f.def
		case "ENABLED", "DISABLED":
		default:
			return invalidParam("Invalid value %q for %s. Valid values: ENABLED, DISABLED.", *f.v, f.name)
		}
	}
	if a.ManagedTerminationProtection == "ENABLED" && ms.Status != "ENABLED" {
		return invalidParam("Managed termination protection requires managed scaling to be enabled.")
	}
	return nil
}

type providerResponse struct {
	CapacityProvider capacityProviderOut `json:"capacityProvider"`
}

// createCapacityProvider implements CreateCapacityProvider (spec §4.9).
func (s *Server) createCapacityProvider(c *call, body []byte) (any, *apiError) {
	var in struct {
		Name                     *string                   `json:"name"`
		Cluster                  *string                   `json:"cluster"`
		AutoScalingGroupProvider *autoScalingGroupProvider `json:"autoScalingGroupProvider"`
		ManagedInstancesProvider json.RawMessage           `json:"managedInstancesProvider"`
		Tags                     []tag                     `json:"tags"`
	}
	if err := decode(body, &in); err != nil {
		return nil, err
	}
	if in.Name == nil {
		return nil, invalidParam("The name parameter is required.")
	}
	name := *in.Name
	if isBuiltin(name) {
		return nil, clientErr("The capacity provider name %s is reserved.", name)
	}
	if err := validateProviderName(name); err != nil {
		return nil, err
	}
	mi := in.ManagedInstancesProvider
	if string(mi) == "null" {
		mi = nil
	}
	if (in.AutoScalingGroupProvider == nil) == (mi == nil) {
		return nil, invalidParam("Specify exactly one of autoScalingGroupProvider and managedInstancesProvider.")
	}
	tags, err := validateTags(in.Tags)
	if err != nil {
		return nil, err
	}
	st := s.store(c.account, c.region)
	p := &capacityProvider{Name: name, Status: statusActive, Tags: tags}
	if asg := in.AutoScalingGroupProvider; asg != nil {
		if in.Cluster != nil && *in.Cluster != "" {
			return nil, invalidParam("The cluster parameter is only supported for Managed Instances capacity providers.")
		}
		if err := validateASGProvider(asg); err != nil {
			return nil, err
		}
		p.Type, p.ASG, p.ASGArn = "EC2_AUTOSCALING", asg, *asg.AutoScalingGroupArn
	} else {
		if len(mi) == 0 || mi[0] != '{' {
			return nil, errorf("SerializationException", "Unexpected value for member \"managedInstancesProvider\".")
		}
		if in.Cluster == nil || *in.Cluster == "" {
			return nil, invalidParam("The cluster parameter is required for Managed Instances capacity providers.")
		}
		norm, err := validateManagedInstances(mi)
		if err != nil {
			return nil, err
		}
		p.Type, p.ManagedInstances = "MANAGED_INSTANCES", norm
	}
	if existing := st.getProvider(name, c.now, s.retention); existing != nil && existing.Status != statusInactive {
		return nil, clientErr("The specified capacity provider %s already exists. Specify a unique name and try again.", name)
	}
	if p.ASGArn != "" {
		if owner, used := st.asgIndex[p.ASGArn]; used && owner != name {
			if o := st.getProvider(owner, c.now, s.retention); o != nil && o.Status != statusInactive {
				return nil, clientErr("The specified Auto Scaling group ARN is already being used by another capacity provider. Specify a unique Auto Scaling group ARN and try again.")
			}
		}
	}
	if p.Type == "MANAGED_INSTANCES" {
		cl, err := s.findCluster(st, in.Cluster, c.now)
		if err != nil {
			return nil, err
		}
		if cl.Status == statusInactive {
			return nil, errInactive()
		}
		p.ScopedCluster = cl.Name
		cl.ScopedProviders = append(cl.ScopedProviders, name)
	}
	if p.ASGArn != "" {
		st.asgIndex[p.ASGArn] = name
	}
	if s.cpProvision > 0 {
		p.Status, p.UpdateStatus, p.ActiveAt = statusProvisioning, cpCreateInProgress, c.now.Add(s.cpProvision)
	}
	st.providers[name] = p
	return providerResponse{st.renderProvider(p, true)}, nil
}

// describeCapacityProviders implements DescribeCapacityProviders (spec
// §4.10). Without names it pages through FARGATE, FARGATE_SPOT and then the
// custom providers in name order.
func (s *Server) describeCapacityProviders(c *call, body []byte) (any, *apiError) {
	var in struct {
		CapacityProviders []string `json:"capacityProviders"`
		Cluster           *string  `json:"cluster"`
		Include           []string `json:"include"`
		MaxResults        *int64   `json:"maxResults"`
		NextToken         *string  `json:"nextToken"`
	}
	if err := decode(body, &in); err != nil {
		return nil, err
	}
	if len(in.CapacityProviders) > maxDescribeProviders {
		return nil, invalidParam("At most %d capacity providers can be described in one request.", maxDescribeProviders)
	}
	withTags := false
	for _, f := range in.Include {
		if f != "TAGS" {
			return nil, invalidParam("Invalid include value %q. Valid values: TAGS.", f)
		}
		withTags = true
	}
	limit := maxProviderResults
	if in.MaxResults != nil {
		if *in.MaxResults < 1 || *in.MaxResults > maxProviderResults {
			return nil, invalidParam("maxResults must be between 1 and %d.", maxProviderResults)
		}
		limit = int(*in.MaxResults)
	}
	st := s.store(c.account, c.region)
	scoped := ""
	if in.Cluster != nil && *in.Cluster != "" {
		cl, err := s.findCluster(st, in.Cluster, c.now)
		if err != nil {
			return nil, err
		}
		scoped = cl.Name
	}
	out := &describeProvidersOutput{CapacityProviders: []capacityProviderOut{}, Failures: []failure{}}

	render := func(name string) (capacityProviderOut, bool) {
		if isBuiltin(name) {
			return st.renderBuiltin(name), true
		}
		p := st.getProvider(name, c.now, s.retention)
		if p == nil {
			return capacityProviderOut{}, false
		}
		return st.renderProvider(p, withTags), true
	}

	if len(in.CapacityProviders) > 0 {
		st.describeNamedProviders(out, in.CapacityProviders, render)
		return out, nil
	}
	if err := st.pageProviders(out, scoped, in.NextToken, limit, render); err != nil {
		return nil, err
	}
	return out, nil
}

// describeProvidersOutput is the answer of DescribeCapacityProviders.
type describeProvidersOutput struct {
	CapacityProviders []capacityProviderOut `json:"capacityProviders"`
	Failures          []failure             `json:"failures"`
	NextToken         string                `json:"nextToken,omitempty"`
}

// describeNamedProviders adds the providers named or ARNs given by idents
// to out, or a MISSING failure for each one render does not find.
func (st *store) describeNamedProviders(out *describeProvidersOutput, idents []string, render func(name string) (capacityProviderOut, bool)) {
	for _, ident := range idents {
		name := ident
		if isARN(ident) {
			typ, id, ok, mine := st.parseARN(ident)
			if !ok || !mine || typ != "capacity-provider" {
				out.Failures = append(out.Failures, failure{Arn: ident, Reason: "MISSING"})
				continue
			}
			name = id
		}
		if cp, ok := render(name); ok {
			out.CapacityProviders = append(out.CapacityProviders, cp)
		} else {
			out.Failures = append(out.Failures, failure{Arn: st.providerARN(name), Reason: "MISSING"})
		}
	}
}

// pageProviders adds to out one page of at most limit providers: FARGATE,
// FARGATE_SPOT (unless scoped to a cluster) and the custom providers (of
// the scoped cluster) in name order, paginated by position in that order.
func (st *store) pageProviders(out *describeProvidersOutput, scoped string, token *string, limit int, render func(name string) (capacityProviderOut, bool)) *apiError {
	var names []string
	if scoped == "" {
		names = append(names, builtinProviders...)
	}
	custom := make([]string, 0, len(st.providers))
	for n, p := range st.providers {
		if scoped == "" || p.ScopedCluster == scoped {
			custom = append(custom, n)
		}
	}
	slices.Sort(custom)
	names = append(names, custom...)
	start := 0
	if token != nil && *token != "" {
		n, err := strconv.Atoi(*token)
		if err != nil || n < 0 || n > len(names) {
			return invalidParam("Invalid nextToken.")
		}
		start = n
	}
	i := start
	for ; i < len(names) && len(out.CapacityProviders) < limit; i++ {
		if cp, ok := render(names[i]); ok {
			out.CapacityProviders = append(out.CapacityProviders, cp)
		}
	}
	if i < len(names) {
		out.NextToken = strconv.Itoa(i)
	}
	return nil
}

// deleteCapacityProvider implements DeleteCapacityProvider (spec §4.11). A
// provider still associated with a cluster is not deleted, but the call
// succeeds and reports DELETE_FAILED with the reason.
func (s *Server) deleteCapacityProvider(c *call, body []byte) (any, *apiError) {
	var in struct {
		CapacityProvider *string `json:"capacityProvider"`
		Cluster          *string `json:"cluster"`
	}
	if err := decode(body, &in); err != nil {
		return nil, err
	}
	if in.CapacityProvider == nil || *in.CapacityProvider == "" {
		return nil, invalidParam("The capacityProvider parameter is required.")
	}
	st := s.store(c.account, c.region)
	name := *in.CapacityProvider
	if isARN(name) {
		typ, id, ok, mine := st.parseARN(name)
		if !ok || typ != "capacity-provider" {
			return nil, invalidParam("The ARN provided is invalid.")
		}
		if !mine {
			return nil, clientErr("The specified capacity provider does not exist. Specify a valid name or ARN and try again.")
		}
		name = id
	}
	if isBuiltin(name) {
		return nil, clientErr("The %s capacity provider is reserved and cannot be deleted.", name)
	}
	p := st.getProvider(name, c.now, s.retention)
	if p == nil || p.Status == statusInactive {
		if in.Cluster != nil && *in.Cluster != "" {
			if _, err := s.findCluster(st, in.Cluster, c.now); err != nil {
				return nil, err
			}
		}
		return nil, clientErr("The specified capacity provider does not exist. Specify a valid name or ARN and try again.")
	}
	if err := s.checkScopedCluster(st, p, in.Cluster, c.now); err != nil {
		return nil, err
	}
	if p.UpdateStatus == cpDeleteInProgress {
		return providerResponse{st.renderProvider(p, true)}, nil
	}
	if p.Cluster != "" {
		p.UpdateStatus = cpDeleteFailed
		p.UpdateStatusReason = "The capacity provider cannot be deleted because it is associated with cluster: " + p.Cluster +
			". Remove the capacity provider from the cluster and try again."
		return providerResponse{st.renderProvider(p, true)}, nil
	}
	p.UpdateStatus = cpDeleteInProgress
	p.UpdateStatusReason = ""
	p.DeleteAt = c.now.Add(s.deprov)
	p.UpdateDoneAt, p.FailUpdate, p.PriorASG, p.PriorMI = time.Time{}, "", nil, nil
	if p.ASGArn != "" {
		// The group is scaled in (or deleted) once ECS stops managing it.
		st.scaleInGroup(p.ASGArn, c.now.Add(s.scaleIn))
	}
	// The response shows the deletion starting with the status as it was;
	// later reads show DEPROVISIONING until the deletion completes, and with
	// no delay the next read already sees INACTIVE.
	out := providerResponse{st.renderProvider(p, true)}
	p.Status = statusDeprovisioning
	return out, nil
}

// updateCapacityProvider implements UpdateCapacityProvider for Auto Scaling
// group providers: the given members of autoScalingGroupProvider replace the
// stored ones (a managedScaling object as a whole, its omitted members taking
// their defaults), and the update completes after the update delay.
func (s *Server) updateCapacityProvider(c *call, body []byte) (any, *apiError) {
	var in struct {
		Name                     *string                   `json:"name"`
		Cluster                  *string                   `json:"cluster"`
		AutoScalingGroupProvider *autoScalingGroupProvider `json:"autoScalingGroupProvider"`
		ManagedInstancesProvider json.RawMessage           `json:"managedInstancesProvider"`
	}
	if err := decode(body, &in); err != nil {
		return nil, err
	}
	if in.Name == nil || *in.Name == "" {
		return nil, invalidParam("The name parameter is required.")
	}
	name := *in.Name
	if isBuiltin(name) {
		return nil, clientErr("The %s capacity provider is reserved and cannot be updated.", name)
	}
	st := s.store(c.account, c.region)
	p := st.getProvider(name, c.now, s.retention)
	if p == nil || p.Status == statusInactive {
		return nil, clientErr("The specified capacity provider does not exist. Specify a valid name or ARN and try again.")
	}
	if p.Type == "MANAGED_INSTANCES" {
		if err := s.checkScopedCluster(st, p, in.Cluster, c.now); err != nil {
			return nil, err
		}
		return s.updateManagedInstances(c, st, p, in.AutoScalingGroupProvider != nil, in.ManagedInstancesProvider)
	}
	if in.AutoScalingGroupProvider == nil {
		return nil, invalidParam("The autoScalingGroupProvider parameter is required for an Auto Scaling group capacity provider.")
	}
	if mi := in.ManagedInstancesProvider; len(mi) > 0 && string(mi) != "null" {
		return nil, invalidParam("The managedInstancesProvider parameter is only supported for Managed Instances capacity providers.")
	}
	if in.Cluster != nil && *in.Cluster != "" {
		return nil, invalidParam("The cluster parameter is only supported for Managed Instances capacity providers.")
	}
	switch {
	case p.Status == statusProvisioning:
		return nil, clientErr("The capacity provider %s is being created. Wait until it is ACTIVE and try again.", name)
	case p.UpdateStatus == cpDeleteInProgress:
		return nil, clientErr("The capacity provider %s is being deleted.", name)
	case p.UpdateStatus == cpUpdateInProgress:
		return nil, clientErr("The capacity provider %s has an update in progress. Wait for the update to complete and try again.", name)
	}
	upd := in.AutoScalingGroupProvider
	next := *p.ASG
	if next.ManagedScaling != nil {
		ms := *next.ManagedScaling
		next.ManagedScaling = &ms
	}
	if upd.ManagedScaling != nil {
		ms := *upd.ManagedScaling
		next.ManagedScaling = &ms
	}
	if upd.ManagedDraining != "" {
		next.ManagedDraining = upd.ManagedDraining
	}
	if upd.ManagedTerminationProtection != "" {
		next.ManagedTerminationProtection = upd.ManagedTerminationProtection
	}
	if err := validateASGProvider(&next); err != nil {
		return nil, err
	}
	prior := p.ASG
	p.ASG = &next
	p.UpdateStatusReason = ""
	if s.cpUpdate > 0 {
		p.UpdateStatus, p.UpdateDoneAt, p.PriorASG = cpUpdateInProgress, c.now.Add(s.cpUpdate), prior
	} else {
		p.UpdateStatus, p.PriorASG = cpUpdateInProgress, prior
		p.UpdateDoneAt = c.now
		out := providerResponse{st.renderProvider(p, true)}
		st.advanceProvider(p, c.now)
		return out, nil
	}
	return providerResponse{st.renderProvider(p, true)}, nil
}

// updateManagedInstances implements UpdateCapacityProvider for a Managed
// Instances provider: the members given in managedInstancesProvider replace
// the stored ones, and within instanceLaunchTemplate each given member
// replaces the stored one. capacityOptionType, fipsEnabled and
// nitroEnclavesEnabled are not members of InstanceLaunchTemplateUpdate and
// are left as they are.
func (s *Server) updateManagedInstances(c *call, st *store, p *capacityProvider, withASG bool, raw json.RawMessage) (any, *apiError) {
	if withASG {
		return nil, invalidParam("The autoScalingGroupProvider parameter is only supported for Auto Scaling group capacity providers.")
	}
	if len(raw) == 0 || string(raw) == "null" {
		return nil, invalidParam("The managedInstancesProvider parameter is required for a Managed Instances capacity provider.")
	}
	var upd map[string]json.RawMessage
	if err := json.Unmarshal(raw, &upd); err != nil {
		return nil, errorf("SerializationException", "Unexpected value for member \"managedInstancesProvider\".")
	}
	for _, k := range []string{"infrastructureRoleArn", "instanceLaunchTemplate"} {
		if v, ok := upd[k]; !ok || string(v) == "null" {
			return nil, invalidParam("The managedInstancesProvider.%s parameter is required.", k)
		}
	}
	switch {
	case p.Status == statusProvisioning:
		return nil, clientErr("The capacity provider %s is being created. Wait until it is ACTIVE and try again.", p.Name)
	case p.UpdateStatus == cpDeleteInProgress:
		return nil, clientErr("The capacity provider %s is being deleted.", p.Name)
	case p.UpdateStatus == cpUpdateInProgress:
		return nil, clientErr("The capacity provider %s has an update in progress. Wait for the update to complete and try again.", p.Name)
	}
	var cur map[string]json.RawMessage
	if err := json.Unmarshal(p.ManagedInstances, &cur); err != nil || cur == nil {
		cur = map[string]json.RawMessage{}
	}
	var curLT, updLT map[string]json.RawMessage
	_ = json.Unmarshal(cur["instanceLaunchTemplate"], &curLT)
	if err := json.Unmarshal(upd["instanceLaunchTemplate"], &updLT); err != nil {
		return nil, errorf("SerializationException", "Unexpected value for member \"instanceLaunchTemplate\".")
	}
	if curLT == nil {
		curLT = map[string]json.RawMessage{}
	}
	for k, v := range updLT {
		switch k {
		case "capacityReservations", "ec2InstanceProfileArn", "instanceMetadataTagsPropagation", "instanceRequirements",
			"localStorageConfiguration", "monitoring", "networkConfiguration", "storageConfiguration":
			if string(v) == "null" {
				delete(curLT, k)
			} else {
				curLT[k] = v
			}
		}
	}
	lt, _ := json.Marshal(curLT)
	cur["instanceLaunchTemplate"] = lt
	for _, k := range []string{"infrastructureRoleArn", "autoRepairConfiguration", "infrastructureOptimization", "propagateTags"} {
		if v, ok := upd[k]; ok && string(v) != "null" {
			cur[k] = v
		}
	}
	next, _ := json.Marshal(cur)
	p.PriorMI, p.ManagedInstances = p.ManagedInstances, next
	p.UpdateStatusReason = ""
	p.UpdateStatus, p.UpdateDoneAt = cpUpdateInProgress, c.now.Add(s.cpUpdate)
	out := providerResponse{st.renderProvider(p, true)}
	if s.cpUpdate == 0 {
		st.advanceProvider(p, c.now)
	}
	return out, nil
}

// checkScopedCluster checks the cluster parameter of UpdateCapacityProvider
// and DeleteCapacityProvider: it must name an existing cluster, and for a
// Managed Instances provider the cluster the provider was created in.
func (s *Server) checkScopedCluster(st *store, p *capacityProvider, ident *string, now time.Time) *apiError {
	if ident == nil || *ident == "" {
		return nil
	}
	cl, err := s.findCluster(st, ident, now)
	if err != nil {
		return err
	}
	if p.ScopedCluster != "" && cl.Name != p.ScopedCluster {
		return invalidParam("The capacity provider %s does not belong to cluster %s.", p.Name, cl.Name)
	}
	return nil
}
